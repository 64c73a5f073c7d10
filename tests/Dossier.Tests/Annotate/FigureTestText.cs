using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Tests.Annotate;

/// <summary>Sentences and tokens as the pipeline makes them, and the shared data folder.</summary>
internal static class FigureTestText
{
    public static (List<Sentence> Sentences, List<Token> Tokens) Split(string text)
    {
        var sentences = new List<Sentence>();
        var tokens = new List<Token>();
        var tokenizer = new Tokenizer();
        foreach (var span in new SentenceSplitter().Split(text))
        {
            var first = tokens.Count;
            tokenizer.Tokenize(text, span, tokens);
            sentences.Add(new Sentence(span, first, tokens.Count - first));
        }
        return (sentences, tokens);
    }

    /// <summary>The folder ../shared beside the repository, found by walking up from the test binary.</summary>
    public static string? Shared() => Dossier.Eval.SharedData.TryLocate();
}
