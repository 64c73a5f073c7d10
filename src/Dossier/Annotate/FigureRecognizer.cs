using Dossier.Annotate.Figures;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds figures (counts, money, percentages) with their interval and what they count.</summary>
public sealed class FigureRecognizer
{
    /// <summary>
    /// Reads each sentence with its own light scanner (numbers keep "10,000" and "1.5" whole whatever the tokenizer
    /// does); <paramref name="tokens"/> serve to find each figure's subject. With no sentences the whole text is read.
    /// </summary>
    public IReadOnlyList<FigureMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
        => Recognize(text, sentences, tokens, []);

    /// <summary>As above, and each figure's subject (<see cref="FigureMention.SubjectSpan"/>) taken from the entities when one is next to its verb.</summary>
    public IReadOnlyList<FigureMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, IReadOnlyList<EntityMention> entities)
    {
        var result = Scan(text, sentences);
        FigureSubjects.Attach(text, tokens, entities, result);
        return result;
    }

    /// <summary>Verbs that report a figure rather than govern it ("say", "estimate", "according").</summary>
    public static bool IsReportingVerb(string lemma) => FigureWords.ReportingVerbs.Contains(lemma);

    private static List<FigureMention> Scan(string text, IReadOnlyList<Sentence> sentences)
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
