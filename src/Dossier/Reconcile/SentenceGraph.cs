using Dossier.Language;
using Dossier.Model;

namespace Dossier.Reconcile;

/// <summary>One sentence of a story, as the brief writer sees it.</summary>
public sealed record StorySentence(int ArticleIndex, AnnotatedArticle Article, int Index, TextSpan Span, int Words)
{
    public string Text => Clauses.OneLine(Article.Text, Span);
}

/// <summary>
/// TF-IDF vectors of every sentence of a story over content stems and the story entities they name, and for each
/// sentence its best match in every other article: the evidence of what several sources say alike.
/// </summary>
public sealed class SentenceGraph
{
    public IReadOnlyList<StorySentence> Sentences { get; }
    private readonly Dictionary<string, double>[] _vectors;
    /// <summary>For each sentence, per other article index: (best sentence index, cosine).</summary>
    private readonly Dictionary<int, (int Sentence, double Score)>[] _bestMatch;

    public SentenceGraph(IReadOnlyList<AnnotatedArticle> articles, ResolvedEntities entities)
    {
        var sentences = new List<StorySentence>();
        var terms = new List<Dictionary<string, int>>();
        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            var m = 0;
            for (var i = 0; i < article.Sentences.Count; i++)
            {
                var span = article.Sentences[i].Span;
                var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var stem in Words.ContentStems(article.Text, span.Start, span.Length))
                    counts[stem] = counts.GetValueOrDefault(stem) + 1;
                while (m < article.Entities.Count && article.Entities[m].Span.Start < span.Start) m++;
                for (var k = m; k < article.Entities.Count && article.Entities[k].Span.Start < span.End; k++)
                    if (entities.At(article, article.Entities[k].Span) is { } e) counts["@" + e.Id] = counts.GetValueOrDefault("@" + e.Id) + 1;
                sentences.Add(new StorySentence(a, article, i, span, Clauses.CountWords(article.Text, span)));
                terms.Add(counts);
            }
        }
        Sentences = sentences;

        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in terms) foreach (var key in t.Keys) df[key] = df.GetValueOrDefault(key) + 1;
        var n = Math.Max(1, terms.Count);
        _vectors = new Dictionary<string, double>[terms.Count];
        var postings = new Dictionary<string, List<(int Sentence, double Weight)>>(StringComparer.Ordinal);
        for (var s = 0; s < terms.Count; s++)
        {
            var v = new Dictionary<string, double>(terms[s].Count, StringComparer.Ordinal);
            var norm = 0.0;
            foreach (var (term, count) in terms[s])
            {
                // Entities weigh double: sharing who is involved matters more than sharing a word.
                var w = (1 + Math.Log(count)) * Math.Log(1 + n / (double)df[term]) * (term[0] == '@' ? 2 : 1);
                v[term] = w;
                norm += w * w;
            }
            norm = Math.Sqrt(norm);
            foreach (var key in v.Keys.ToList()) v[key] /= norm;
            _vectors[s] = v;
            foreach (var (term, w) in v)
            {
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                list.Add((s, w));
            }
        }

        _bestMatch = new Dictionary<int, (int, double)>[terms.Count];
        var scores = new double[terms.Count];
        var touched = new List<int>();
        for (var s = 0; s < terms.Count; s++)
        {
            foreach (var (term, w) in _vectors[s])
            {
                foreach (var (other, w2) in postings[term])
                {
                    if (sentences[other].ArticleIndex == sentences[s].ArticleIndex) continue;
                    if (scores[other] == 0) touched.Add(other);
                    scores[other] += w * w2;
                }
            }
            var best = new Dictionary<int, (int, double)>();
            foreach (var other in touched)
            {
                var a = sentences[other].ArticleIndex;
                if (!best.TryGetValue(a, out var current) || scores[other] > current.Item2) best[a] = (other, scores[other]);
                scores[other] = 0;
            }
            touched.Clear();
            _bestMatch[s] = best;
        }
    }

    /// <summary>The best-matching sentence of each other article whose cosine reaches <paramref name="threshold"/>.</summary>
    public IEnumerable<(int Article, int Sentence, double Score)> Support(int sentence, double threshold)
        => _bestMatch[sentence].Where(kv => kv.Value.Score >= threshold).OrderBy(kv => kv.Key)
            .Select(kv => (kv.Key, kv.Value.Sentence, kv.Value.Score));

    /// <summary>The sum over other articles of the best cosine: how much of the story echoes this sentence.</summary>
    public double Centrality(int sentence) => _bestMatch[sentence].Values.Sum(v => v.Score);

    public double Cosine(int a, int b)
    {
        var (x, y) = _vectors[a].Count <= _vectors[b].Count ? (_vectors[a], _vectors[b]) : (_vectors[b], _vectors[a]);
        var dot = 0.0;
        foreach (var (term, w) in x) if (y.TryGetValue(term, out var w2)) dot += w * w2;
        return dot;
    }

    public IEnumerable<string> EntityIds(int sentence) => _vectors[sentence].Keys.Where(k => k[0] == '@').Select(k => k[1..]);
}
