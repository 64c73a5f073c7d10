using System.Globalization;
using System.Text;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>
/// Attaches each article's quotes to the story's entities and makes the same words carried by several articles,
/// in full or in part, one quote with all its sources.
/// </summary>
/// <remarks>
/// Two passages are the same quote when their speakers agree (the same entity, or one of them unattributed) and their
/// words, compared case-, mark- and punctuation-blind with bracketed insertions dropped, are equal, or the shorter
/// is a run of at least <see cref="MinContainedWords"/> words inside the longer, or (same speaker, both verbatim or
/// both reported) nearly all of the shorter's words are in the longer. A reported paraphrase only joins verbatim
/// words when it repeats them as a run.
/// </remarks>
public sealed class QuoteCollector
{
    /// <summary>Fewer shared words than this can be a common phrase rather than the same quote.</summary>
    public const int MinContainedWords = 6;
    /// <summary>A partial quote of a known speaker found word for word in that speaker's longer quote is a part of it.</summary>
    private const int MinPartialWords = 3;
    /// <summary>Share of the shorter passage's words that a reworded copy (a word changed, a clause cut) keeps.</summary>
    private const double MinOverlap = 0.8;
    /// <summary>A word triple shared by more passages than this says nothing about any pair of them.</summary>
    private const int MaxPosting = 200;

    private sealed record Passage(
        int Order,
        AnnotatedArticle Article,
        int ArticleIndex,
        TextSpan Span,
        QuoteKind Kind,
        string? Speaker,
        string SpeakerName,
        string? Cue,
        string? Via,
        string[] Words);

    public IReadOnlyList<StoryQuote> Collect(IReadOnlyList<AnnotatedArticle> articles, ResolvedEntities entities)
    {
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < entities.Entities.Count; i++) rank[entities.Entities[i].Id] = i;
        var names = entities.Entities.GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);

        var passages = new List<Passage>();
        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            var own = new List<Passage>();
            foreach (var q in article.Quotes)
            {
                var nameSpan = q.SpeakerName ?? q.Speaker;
                var entity = nameSpan is { } span ? entities.At(article, span) : null;
                // Only people and organisations speak; a place or a demonym is a mis-read subject.
                if (entity is { Type: not (EntityType.PER or EntityType.ORG) }) entity = null;
                var speakerName = entity?.Name ?? (nameSpan is { } s ? NameForms.Tidy(article.Of(s)) : "unattributed");
                var via = q.Via is { } v ? (entities.At(article, v)?.Name ?? NameForms.Tidy(article.Of(v))) : null;
                own.Add(new Passage(0, article, a, q.Content, q.Kind, entity?.Id, speakerName, q.Cue, via, Words(article.Text, q.Content)));
            }
            // Reported speech that merely wraps a direct quote of the same speaker ("X said the deal is "...") adds nothing.
            own.RemoveAll(r => r.Kind == QuoteKind.Reported && own.Any(d => d.Kind != QuoteKind.Reported
                && d.Speaker == r.Speaker && r.Span.Overlaps(d.Span)));
            foreach (var p in own) passages.Add(p with { Order = passages.Count });
        }

        var groups = Merge(passages);
        var quotes = new List<StoryQuote>(groups.Count);
        foreach (var group in groups)
        {
            var full = Fullest(group);
            var speaker = group.Select(p => p.Speaker).FirstOrDefault(s => s is not null);
            var speakerName = speaker is not null ? names[speaker]
                : group.Prepend(full).Select(p => p.SpeakerName).FirstOrDefault(n => n != "unattributed") ?? full.SpeakerName;
            // The cue and the relay belong to the words: another outlet's "was quoted by KCNA" holds for the fullest copy too.
            var cue = full.Cue ?? group.Select(p => p.Cue).FirstOrDefault(c => c is not null);
            var via = full.Via ?? group.Select(p => p.Via).FirstOrDefault(v => v is not null);
            quotes.Add(new StoryQuote(speaker, speakerName, Clauses.OneLine(full.Article.Text, full.Span), full.Article.Id, full.Span, full.Kind, cue, via)
            {
                Sources = [.. group.Select(p => new QuoteSource(p.Article.Id, p.Span, p.Kind, p.Cue, p.Via))],
            });
        }
        return quotes
            .OrderBy(q => q.Speaker is null ? int.MaxValue : rank[q.Speaker])
            .ThenBy(q => q.Kind)
            .ThenBy(q => q.Article, StringComparer.Ordinal)
            .ThenBy(q => q.Span.Start)
            .ToList();
    }

    /// <summary>Groups the passages that carry the same quote, each group in article and text order.</summary>
    private static List<List<Passage>> Merge(List<Passage> passages)
    {
        var parent = Enumerable.Range(0, passages.Count).ToArray();
        // The one speaker a group is attributed to, if any: an unattributed copy must not bridge two speakers.
        var speakerOf = passages.Select(p => p.Speaker).ToArray();
        int Find(int i)
        {
            while (parent[i] != i) i = parent[i] = parent[parent[i]];
            return i;
        }

        foreach (var (i, j) in Candidates(passages))
        {
            int ri = Find(i), rj = Find(j);
            if (ri == rj) continue;
            if (speakerOf[ri] is { } si && speakerOf[rj] is { } sj && si != sj) continue;
            if (!Same(passages[i], passages[j])) continue;
            var (root, child) = ri < rj ? (ri, rj) : (rj, ri);
            parent[child] = root;
            speakerOf[root] ??= speakerOf[child];
        }

        var groups = new Dictionary<int, List<Passage>>();
        foreach (var p in passages)
        {
            var root = Find(p.Order);
            if (!groups.TryGetValue(root, out var list)) groups[root] = list = [];
            list.Add(p);
        }
        return [.. groups.OrderBy(g => g.Key).Select(g => g.Value)];
    }

    /// <summary>Pairs (i &lt; j) that share a word triple or all their words, in a fixed order.</summary>
    private static IEnumerable<(int, int)> Candidates(List<Passage> passages)
    {
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var p in passages)
        {
            var keys = new HashSet<string>(StringComparer.Ordinal);
            if (p.Words.Length is > 0 and < 3) keys.Add(string.Join(' ', p.Words));
            for (var k = 0; k + 3 <= p.Words.Length; k++) keys.Add(string.Join(' ', p.Words, k, 3));
            foreach (var key in keys)
            {
                if (!postings.TryGetValue(key, out var list)) postings[key] = list = [];
                list.Add(p.Order);
            }
        }
        var pairs = new SortedSet<(int, int)>();
        foreach (var list in postings.Values)
        {
            if (list.Count > MaxPosting) continue;
            for (var x = 0; x < list.Count; x++)
                for (var y = x + 1; y < list.Count; y++) pairs.Add((list[x], list[y]));
        }
        return pairs;
    }

    /// <summary>Whether two passages carry the same quote (see the class remarks).</summary>
    private static bool Same(Passage a, Passage b)
    {
        if (a.Speaker is not null && b.Speaker is not null && a.Speaker != b.Speaker) return false;
        var (shorter, longer) = a.Words.Length <= b.Words.Length ? (a, b) : (b, a);
        if (shorter.Words.Length == 0) return false;
        var known = a.Speaker is not null && b.Speaker is not null;
        if (shorter.Words.AsSpan().SequenceEqual(longer.Words) && (known || shorter.Words.Length >= MinPartialWords)) return true;
        var contained = Contains(longer.Words, shorter.Words);
        if (contained && shorter.Words.Length >= MinContainedWords) return true;
        // Past this point the words alone are not enough: both passages must name the same speaker.
        if (!known) return false;
        if (contained && shorter.Kind == QuoteKind.Partial && longer.Kind != QuoteKind.Reported && shorter.Words.Length >= MinPartialWords) return true;
        if ((a.Kind == QuoteKind.Reported) != (b.Kind == QuoteKind.Reported) || shorter.Words.Length < MinContainedWords) return false;
        return Overlap(shorter.Words, longer.Words) >= MinOverlap;
    }

    private static bool Contains(string[] longer, string[] shorter)
    {
        for (var i = 0; i + shorter.Length <= longer.Length; i++)
            if (longer.AsSpan(i, shorter.Length).SequenceEqual(shorter)) return true;
        return false;
    }

    /// <summary>The share of <paramref name="shorter"/>'s words (with repeats) found in <paramref name="longer"/>.</summary>
    private static double Overlap(string[] shorter, string[] longer)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in longer) counts[w] = counts.GetValueOrDefault(w) + 1;
        var hits = 0;
        foreach (var w in shorter)
        {
            if (counts.GetValueOrDefault(w) is > 0 and var n) { hits++; counts[w] = n - 1; }
        }
        return (double)hits / shorter.Length;
    }

    /// <summary>The copy whose wording is shown: verbatim before reported, then the most words, then the first.</summary>
    private static Passage Fullest(List<Passage> group)
        => group.OrderBy(p => p.Kind == QuoteKind.Reported ? 1 : 0).ThenByDescending(p => p.Words.Length).ThenBy(p => p.Order).First();

    /// <summary>
    /// The quote's words for comparison: lower case, apostrophes dropped (so curly and straight forms agree),
    /// any other mark, dash, ellipsis or space a separator, and bracketed insertions ("[Korean]") left out.
    /// </summary>
    internal static string[] Words(string text, TextSpan span)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var depth = 0;
        var end = Math.Min(span.End, text.Length);
        for (var i = Math.Max(span.Start, 0); i < end; i++)
        {
            var c = text[i];
            if (c == '[') { depth++; Flush(); continue; }
            if (c == ']') { depth = Math.Max(0, depth - 1); Flush(); continue; }
            if (depth > 0) continue;
            if (c is '\'' or '\u2019' or '\u2018' or '\u02BC' or '`' or '\u00B4') continue;
            if (char.IsLetterOrDigit(c)) word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            else Flush();
        }
        Flush();
        return [.. words];

        void Flush()
        {
            if (word.Length == 0) return;
            words.Add(word.ToString());
            word.Clear();
        }
    }
}
