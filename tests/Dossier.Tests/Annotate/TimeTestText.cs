using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Tests.Annotate;

/// <summary>Test-only helpers for the time tests: a plain sentence split, tokens, a pinned clock and the shared folder.</summary>
internal static class TimeTestText
{
    /// <summary>Sentences end at . ! ? followed by whitespace, or at a blank line; good enough to give the tagger its tense windows.</summary>
    public static List<Sentence> Sentences(string text)
    {
        var result = new List<Sentence>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var end = text[i] is '.' or '!' or '?' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))
                      || text[i] == '\n' && i + 1 < text.Length && text[i + 1] == '\n';
            if (!end) continue;
            if (i + 1 > start) result.Add(new Sentence(TextSpan.FromBounds(start, i + 1), 0, 0));
            start = i + 1;
        }
        if (start < text.Length) result.Add(new Sentence(TextSpan.FromBounds(start, text.Length), 0, 0));
        return result;
    }

    public static IReadOnlyList<TimeExpression> Tag(string text, DateOnly? anchor)
        => new TimeTagger().Tag(text, Sentences(text), [], anchor);

    /// <summary>The one expression whose text is <paramref name="words"/>.</summary>
    public static TimeExpression Find(string text, IReadOnlyList<TimeExpression> times, string words)
    {
        var hits = times.Where(t => t.Span.Of(text) == words).ToList();
        Xunit.Assert.True(hits.Count == 1,
            $"expected one expression \"{words}\", found: {string.Join(" | ", times.Select(t => $"\"{t.Span.Of(text)}\"={t.Value}"))}");
        return hits[0];
    }

    public static string SharedFolder() => Dossier.Eval.SharedData.Locate();
}

