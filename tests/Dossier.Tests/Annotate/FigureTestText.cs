using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Tests.Annotate;

/// <summary>Sentences and tokens as the pipeline makes them, and the shared data folder.</summary>
internal static class FigureTestText
{
    public static (List<Sentence> Sentences, List<Token> Tokens) Split(string text) => ArticleAnnotator.Split(text);

    /// <summary>The folder ../shared beside the repository, found by walking up from the test binary.</summary>
    public static string? Shared() => Dossier.Eval.SharedData.TryLocate();
}
