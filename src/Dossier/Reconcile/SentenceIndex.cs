using Dossier.Language;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>Finds the sentence that holds a position, and the content-word stems of a range, for one article.</summary>
public static class SentenceIndex
{
    /// <summary>Index of the sentence containing <paramref name="position"/>, or -1.</summary>
    public static int Find(IReadOnlyList<Sentence> sentences, int position)
    {
        int lo = 0, hi = sentences.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var s = sentences[mid].Span;
            if (position < s.Start) hi = mid - 1;
            else if (position >= s.End) lo = mid + 1;
            else return mid;
        }
        return -1;
    }

    /// <summary>The set of content-word stems of a span of the article's text.</summary>
    public static HashSet<string> Stems(AnnotatedArticle article, TextSpan span)
        => new(Words.ContentStems(article.Text, span.Start, span.Length), StringComparer.Ordinal);

    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var inter = 0;
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        foreach (var x in small) if (large.Contains(x)) inter++;
        return inter / (double)(a.Count + b.Count - inter);
    }
}
