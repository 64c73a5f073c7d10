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
        var result = new List<DerivedCopy>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in duplicates)
        {
            result.Add(new DerivedCopy(d.ArticleId, d.OriginalId, Math.Round(d.Similarity, 3)));
            known.Add(d.ArticleId);
        }
        var shingles = articles.Select(Sentences).ToList();
        var all = shingles.Select(s => s.SelectMany(x => x.Shingles).ToHashSet()).ToList();
        for (var i = 0; i < articles.Count; i++)
        {
            for (var j = i + 1; j < articles.Count; j++)
            {
                if (known.Contains(articles[i].Id) || known.Contains(articles[j].Id)) continue;
                var ij = Share(shingles[i], all[j]);
                var ji = Share(shingles[j], all[i]);
                if (Math.Max(ij, ji) < options.DerivedShare) continue;
                var (copy, origin, share) = Direction(articles[i], articles[j], ij, ji);
                result.Add(new DerivedCopy(copy.Id, origin.Id, Math.Round(share, 3)));
            }
        }
        // One origin per copy: the one it shares most with.
        return result.GroupBy(r => r.Article, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(r => r.Share).ThenBy(r => r.From, StringComparer.Ordinal).First())
            .OrderBy(r => r.Article, StringComparer.Ordinal)
            .ToList();
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
            if (s.Shingles.Count == 0) continue;
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
