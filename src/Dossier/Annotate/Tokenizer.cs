using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Splits a range of text into word, number and punctuation tokens.</summary>
public sealed class Tokenizer
{
    public void Tokenize(string text, TextSpan range, List<Token> into) => throw new NotImplementedException();
}
