using Dossier.Language;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Options for telling a rewritten or copied article from an independent report.</summary>
public sealed record CopyOptions
{
    /// <summary>Word n-gram length: four words in a row rarely repeat by chance, while a light rewrite keeps many.</summary>
    public int ShingleWords { get; init; } = 4;
    /// <summary>Share of a sentence's shingles found in the other article for the sentence to count as copied.</summary>
    public double CopiedSentence { get; init; } = 0.5;
    /// <summary>Share of an article's words in copied sentences for it to count as derived from the other.</summary>
    public double DerivedShare { get; init; } = 0.4;
    /// <summary>A sentence with fewer shingles than this is too short to tell a copy from a coincidence.</summary>
    public int MinSentenceShingles { get; init; } = 3;
    /// <summary>A shingle in more articles than this is a stock phrase and is not used to find candidate pairs.</summary>
    public int MaxArticlesPerShingle { get; init; } = 500;
}

/// <summary>
/// Finds which articles of a story look derived from which (wire copy rewritten, a syndicated page lightly edited),
/// so that one report told twice is counted as one source. Sentence by sentence: a sentence is copied when most of its
/// word four-grams occur in the other article; an article is derived when a large share of its words sit in copied
/// sentences. The earlier article is the origin; with no dates, the one that keeps more text of its own.
/// </summary>
public sealed class CopyDetector(CopyOptions options)
{
    public CopyDetector() : this(new CopyOptions()) { }

    public IReadOnlyList<DerivedCopy> Find(IReadOnlyList<AnnotatedArticle> articles, IReadOnlyList<DuplicateLink> duplicates)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < articles.Count; i++) index.TryAdd(articles[i].Id, i);
        var parent = Enumerable.Range(0, articles.Count).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        var result = new List<DerivedCopy>();
        var hasOrigin = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in duplicates)
        {
            if (!index.TryGetValue(d.ArticleId, out var c) || !index.TryGetValue(d.OriginalId, out var o) || Find(c) == Find(o) || !hasOrigin.Add(d.ArticleId)) continue;
            result.Add(new DerivedCopy(d.ArticleId, d.OriginalId, Math.Round(d.Similarity, 3)));
            parent[Find(c)] = Find(o);
        }

        var shingles = articles.Select(Sentences).ToList();
        var all = shingles.Select(s => s.SelectMany(x => x.Shingles).ToHashSet()).ToList();
        // Only pairs that share a fair number of shingles are compared in full: an index, not every pair.
        var postings = new Dictionary<long, List<int>>();
        for (var i = 0; i < all.Count; i++)
            foreach (var h in all[i])
            {
                if (!postings.TryGetValue(h, out var list)) postings[h] = list = [];
                list.Add(i);
            }
        var shared = new Dictionary<(int, int), int>();
        foreach (var list in postings.Values)
        {
            if (list.Count < 2 || list.Count > options.MaxArticlesPerShingle) continue;
            for (var x = 0; x < list.Count; x++)
                for (var y = x + 1; y < list.Count; y++)
                    shared[(list[x], list[y])] = shared.GetValueOrDefault((list[x], list[y])) + 1;
        }
        var found = new List<(int Copy, int Origin, double Share)>();
        foreach (var ((i, j), count) in shared)
        {
            if (count < Math.Max(3, 0.2 * Math.Min(all[i].Count, all[j].Count))) continue;
            var ij = Share(shingles[i], all[j]);
            var ji = Share(shingles[j], all[i]);
            var (copy, origin, share) = Direction(articles[i], articles[j], ij, ji);
            // The copy itself must be mostly copied: a long feature quoting two sentences of a wire is not derived from it.
            if (share < options.DerivedShare) continue;
            found.Add((copy == articles[i] ? i : j, copy == articles[i] ? j : i, share));
        }
        // Strongest links first; a copy keeps one origin, and no link may close a cycle.
        foreach (var (c, o, share) in found.OrderByDescending(f => f.Share).ThenBy(f => articles[f.Copy].Id, StringComparer.Ordinal)
                     .ThenBy(f => articles[f.Origin].Id, StringComparer.Ordinal))
        {
            if (Find(c) == Find(o) || !hasOrigin.Add(articles[c].Id)) continue;
            result.Add(new DerivedCopy(articles[c].Id, articles[o].Id, Math.Round(share, 3)));
            parent[Find(c)] = Find(o);
        }
        return result.OrderBy(r => r.Article, StringComparer.Ordinal).ToList();
    }

    /// <summary>Each article's independent origin: itself, or the article its copy links lead back to.</summary>
    public static IReadOnlyDictionary<string, string> Origins(IEnumerable<string> articles, IReadOnlyList<DerivedCopy> derived)
    {
        var from = derived.ToDictionary(d => d.Article, d => d.From, StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var article in articles)
        {
            var id = article;
            // The links form a forest (no link closes a cycle); the bound only guards against a hand-made list.
            for (var hops = 0; hops <= derived.Count && from.TryGetValue(id, out var up); hops++) id = up;
            result[article] = id;
        }
        return result;
    }

    /// <summary>Which of two overlapping articles is the copy: the later one; failing dates, the one with less text of its own.</summary>
    private static (AnnotatedArticle Copy, AnnotatedArticle Origin, double Share) Direction(AnnotatedArticle a, AnnotatedArticle b, double aInB, double bInA)
    {
        var da = a.Article.Published;
        var db = b.Article.Published;
        // Dates borrowed from the story say nothing about who wrote first.
        if (da is { Source: not DateSource.Story } && db is { Source: not DateSource.Story } && da.Date != db.Date)
            return da.Date < db.Date ? (b, a, bInA) : (a, b, aInB);
        if (aInB != bInA) return aInB > bInA ? (a, b, aInB) : (b, a, bInA);
        return string.CompareOrdinal(a.Id, b.Id) < 0 ? (b, a, bInA) : (a, b, aInB);
    }

    private sealed record SentenceShingles(int Words, HashSet<long> Shingles);

    private List<SentenceShingles> Sentences(AnnotatedArticle article)
    {
        var list = new List<SentenceShingles>();
        foreach (var sentence in article.Sentences)
        {
            var words = Words.Tokens(article.Text, sentence.Span.Start, sentence.Span.Length).ToList();
            var set = new HashSet<long>();
            for (var k = 0; k + options.ShingleWords <= words.Count; k++)
            {
                var h = 17L;
                for (var m = 0; m < options.ShingleWords; m++) h = h * 1_000_003 + StableHash(words[k + m]);
                set.Add(h);
            }
            list.Add(new SentenceShingles(words.Count, set));
        }
        return list;
    }

    /// <summary>The share of an article's words that sit in sentences mostly found in the other article.</summary>
    private double Share(List<SentenceShingles> sentences, HashSet<long> other)
    {
        int total = 0, copied = 0;
        foreach (var s in sentences)
        {
            total += s.Words;
            if (s.Shingles.Count < options.MinSentenceShingles) continue;
            var found = s.Shingles.Count(other.Contains);
            if (found >= options.CopiedSentence * s.Shingles.Count) copied += s.Words;
        }
        return total == 0 ? 0 : copied / (double)total;
    }

    /// <summary>A hash that is the same in every run (string.GetHashCode is randomised per process).</summary>
    private static long StableHash(string word)
    {
        var h = 1469598103934665603L;
        foreach (var c in word) h = (h ^ c) * 1099511628211L;
        return h;
    }
}
