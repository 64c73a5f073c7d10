using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Splits text into sentences, surviving abbreviations, initials and quotations.</summary>
public sealed class SentenceSplitter
{
    public IReadOnlyList<TextSpan> Split(string text) => throw new NotImplementedException();
}
