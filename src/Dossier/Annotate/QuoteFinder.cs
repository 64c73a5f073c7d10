using Dossier.Annotate.Quotes;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>Finds direct, partial and reported quotes and who said them.</summary>
/// <remarks>
/// Quotation marks are paired paragraph by paragraph (a quotation left open at a paragraph's end continues when the
/// next paragraph opens with a mark, as newspapers write it). Each quotation is attributed from the clause after its
/// closing mark (', X said.', ', said X.', ', X was quoted as saying by Y.') or the words before it in its sentence
/// ('X said: ...', 'According to X, ... "..."'). Reported speech is a speech verb followed by "that" (or a bare clause
/// after "say"), or "according to X". Pronouns and role phrases resolve to the subject of the current or a recent
/// sentence, not to whichever name came last. A Partial quote inside a Reported clause is reported as both.
/// </remarks>
public sealed class QuoteFinder(Func<string, bool> isRole)
{
    /// <summary>Role words ("minister", "spokesman") from the gazetteer's titles table.</summary>
    public QuoteFinder() : this(w => Gazetteer.Default.TitleOf(w) == TitleKind.Role) { }

    public IReadOnlyList<QuoteMention> Find(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, IReadOnlyList<EntityMention> entities)
    {
        var result = new List<QuoteMention>();
        if (string.IsNullOrEmpty(text)) return result;
        var pieces = QuotationMarks.Find(text);
        var context = new QuoteContext(text, sentences, entities, pieces);
        new QuoteScanner(context, pieces, result, isRole).Run();
        // Stable order by position: direct and partial quotes and reported clauses interleave as in the text.
        return [.. result.Select((q, i) => (q, i)).OrderBy(x => x.q.Content.Start).ThenBy(x => x.i).Select(x => x.q)];
    }
}
