using Dossier.Model;
using Dossier.Reconcile;

namespace Dossier.Eval;

/// <summary>Which of Dossier's own annotations go into an event mention's context (ECB+'s gold entities never do).</summary>
public sealed record ArgumentChoice(bool DocumentDate = false, bool ClauseOnly = false);

/// <summary>
/// Builds <see cref="EventContext"/>s for ECB+ gold event mentions from Dossier's annotation of the same text: the
/// mention's tokens are found in the extracted text, then the entities (resolved per Dossier story) and time values
/// of its sentence become its participants, places and times.
/// </summary>
public static class EventArguments
{
    public static Dictionary<string, EventContext> Build(
        EventCorpus corpus, IReadOnlyList<AnnotatedArticle> annotated, IReadOnlyList<IReadOnlyList<int>> stories,
        Func<EventMention, string> head, IReadOnlyDictionary<string, HashSet<string>> words, ArgumentChoice choice)
    {
        var result = new Dictionary<string, EventContext>(StringComparer.Ordinal);
        var resolver = new EntityResolver();
        foreach (var story in stories)
        {
            var resolved = resolver.Resolve(story.Select(i => annotated[i]).ToList());
            foreach (var i in story)
            {
                var document = corpus.Documents[i];
                var article = annotated[i];
                var offsets = Align(document, article.Text);
                foreach (var m in document.Mentions)
                {
                    HashSet<string> participants = [], places = [], times = [];
                    var at = m.TokenIds.Select(t => offsets.GetValueOrDefault(t, -1)).FirstOrDefault(o => o >= 0, -1);
                    if (at >= 0 && article.Sentences.FirstOrDefault(s => s.Span.Contains(at)) is { Span.Length: > 0 } sentence)
                    {
                        var span = choice.ClauseOnly ? Clauses.Around(article.Text, sentence.Span, new TextSpan(at, 1)) : sentence.Span;
                        (participants, places, times) = EventMentions.Arguments(article, span, resolved);
                    }
                    if (choice.DocumentDate && times.Count == 0 && article.Article.Published is { } published)
                        times.Add(published.ToIsoString());
                    result[m.Key] = new EventContext(document.Name, head(m), participants, places, times, words[m.Key]);
                }
            }
        }
        return result;
    }

    /// <summary>
    /// Each ECB+ token's character offset in the extracted text, found in order: a place is taken only when the next
    /// two tokens follow it (the extractor takes the first line out as a title, so a greedy search would jump ahead).
    /// </summary>
    public static Dictionary<int, int> Align(EventDocument document, string text)
    {
        var tokens = document.Tokens.OrderBy(t => t.Key).Select(t => (Id: t.Key, t.Value.Text)).ToList();
        var result = new Dictionary<int, int>();
        var cursor = 0;
        for (var k = 0; k < tokens.Count; k++)
        {
            for (var from = cursor; from < Math.Min(text.Length, cursor + 2000);)
            {
                var (at, length) = Find(text, tokens[k].Text, from, Math.Min(text.Length, cursor + 2000) - from);
                if (at < 0) break;
                var end = at + length;
                var follows = true;
                for (var n = k + 1; n < Math.Min(tokens.Count, k + 3) && follows; n++)
                {
                    while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
                    var next = MatchAt(text, tokens[n].Text, end);
                    if (next < 0) follows = false;
                    else end += next;
                }
                if (follows)
                {
                    result[tokens[k].Id] = at;
                    cursor = at + length;
                    break;
                }
                from = at + 1;
            }
        }
        return result;
    }

    private static string[] Forms(string token) => token is "``" or "''" or "\"" ? ["\"", "\u201c", "\u201d", "``", "''"] : [token];

    private static (int At, int Length) Find(string text, string token, int from, int count)
    {
        var best = (-1, 0);
        foreach (var f in Forms(token))
        {
            var found = text.IndexOf(f, from, count, StringComparison.Ordinal);
            if (found >= 0 && (best.Item1 < 0 || found < best.Item1)) best = (found, f.Length);
        }
        return best;
    }

    /// <summary>The length of the token's form written at <paramref name="at"/>, or -1.</summary>
    private static int MatchAt(string text, string token, int at)
    {
        foreach (var f in Forms(token))
            if (string.CompareOrdinal(text, at, f, 0, f.Length) == 0 && at + f.Length <= text.Length) return f.Length;
        return -1;
    }
}
