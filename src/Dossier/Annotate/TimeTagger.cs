using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds time expressions and anchors them to the document date when it is known.</summary>
public sealed class TimeTagger
{
    public IReadOnlyList<TimeExpression> Tag(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, DateOnly? documentDate)
        => throw new NotImplementedException();
}
