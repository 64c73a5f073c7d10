using Dossier.Annotate.Figures;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds figures (counts, money, percentages) with their interval and what they count.</summary>
public sealed class FigureRecognizer
{
    /// <summary>
    /// Reads each sentence with its own light scanner (numbers keep "10,000" and "1.5" whole whatever the tokenizer
    /// does); <paramref name="tokens"/> is accepted for the pipeline's contract. With no sentences the whole text is read.
    /// </summary>
    public IReadOnlyList<FigureMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
    {
        var result = new List<FigureMention>();
        if (string.IsNullOrEmpty(text)) return result;
        var lexemes = new List<Lexeme>();
        var scanner = new FigureScanner(text, lexemes, result);
        if (sentences.Count == 0)
        {
            Lexer.Lex(text, 0, text.Length, lexemes);
            scanner.Scan();
            return result;
        }
        foreach (var sentence in sentences)
        {
            Lexer.Lex(text, sentence.Span.Start, sentence.Span.End, lexemes);
            scanner.Scan();
        }
        return result;
    }
}
