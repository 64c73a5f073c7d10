using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds figures (counts, money, percentages) with their interval and what they count.</summary>
public sealed class FigureRecognizer
{
    public IReadOnlyList<FigureMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
        => throw new NotImplementedException();
}
