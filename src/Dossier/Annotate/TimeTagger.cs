using Dossier.Annotate.Time;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>
/// Finds time expressions (TIMEX3: DATE, TIME, DURATION, SET) and anchors them to the document date when it is known.
/// Each expression keeps its <see cref="TimeReference"/>, so it can be re-anchored when the article's date is learnt later.
/// The scan reads its own words from the text (sentences only bound the search for the verb that gives the tense),
/// so it does not depend on how the tokenizer cuts "Nov." or "4:59".
/// </summary>
public sealed class TimeTagger
{
    public IReadOnlyList<TimeExpression> Tag(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, DateOnly? documentDate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sentences);
        var scanner = new TimeScanner(text, sentences);
        var found = scanner.Scan();
        var result = new List<TimeExpression>(found.Count);
        foreach (var m in found)
            result.Add(new TimeExpression(scanner.SpanOf(m), m.Type, m.Reference, m.Reference.Resolve(documentDate)));
        return result;
    }
}
