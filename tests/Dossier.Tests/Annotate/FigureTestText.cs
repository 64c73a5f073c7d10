using System.Text.RegularExpressions;
using Dossier.Model;

namespace Dossier.Tests.Annotate;

/// <summary>A tiny test-only sentence splitter and tokenizer, so these tests need only the span contract.</summary>
internal static partial class FigureTestText
{
    [GeneratedRegex(@"[^.!?\n]+(?:[.!?]+[\u201D""\u2019']?|(?=\n)|$)")]
    private static partial Regex SentenceRegex();

    [GeneratedRegex(@"\w+(?:[-'.,]\w+)*|[^\w\s]")]
    private static partial Regex TokenRegex();

    public static (List<Sentence> Sentences, List<Token> Tokens) Split(string text)
    {
        var sentences = new List<Sentence>();
        var tokens = new List<Token>();
        foreach (Match m in SentenceRegex().Matches(text))
        {
            var start = m.Index;
            var end = m.Index + m.Length;
            while (start < end && char.IsWhiteSpace(text[start])) start++;
            if (start >= end) continue;
            var first = tokens.Count;
            foreach (Match t in TokenRegex().Matches(text[start..end])) tokens.Add(new Token(start + t.Index, t.Length));
            sentences.Add(new Sentence(TextSpan.FromBounds(start, end), first, tokens.Count - first));
        }
        return (sentences, tokens);
    }

    /// <summary>The folder ../shared beside the repository, found by walking up from the test binary.</summary>
    public static string? Shared()
    {
        var env = Environment.GetEnvironmentVariable("DOSSIER_SHARED");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
