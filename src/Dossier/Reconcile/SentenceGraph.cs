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
    /// <summary>Per sentence, its term ids in ascending order and their normalised weights.</summary>
    private readonly int[][] _terms;
    private readonly double[][] _weights;
    private readonly bool[][] _isEntity;
    private readonly string[] _termNames;
    /// <summary>Per sentence, its story entities in order of first mention.</summary>
    private readonly List<int[]> _entityOrder = [];
    /// <summary>For each sentence, per other article index: (best sentence index, cosine).</summary>
    private readonly Dictionary<int, (int Sentence, double Score)>[] _bestMatch;

    public SentenceGraph(IReadOnlyList<AnnotatedArticle> articles, ResolvedEntities entities)
    {
        var sentences = new List<StorySentence>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new List<string>();
        var counts = new List<Dictionary<int, int>>();
        int Id(string term)
        {
            if (!ids.TryGetValue(term, out var id)) { id = names.Count; ids[term] = id; names.Add(term); }
            return id;
        }
        for (var a = 0; a < articles.Count; a++)
        {
            var article = articles[a];
            var m = 0;
            for (var i = 0; i < article.Sentences.Count; i++)
            {
                var span = article.Sentences[i].Span;
                var c = new Dictionary<int, int>();
                foreach (var stem in Words.ContentStems(article.Text, span.Start, span.Length))
                {
                    var id = Id(stem);
                    c[id] = c.GetValueOrDefault(id) + 1;
                }
                while (m < article.Entities.Count && article.Entities[m].Span.Start < span.Start) m++;
                var order = new List<int>();
                for (var k = m; k < article.Entities.Count && article.Entities[k].Span.Start < span.End; k++)
                {
                    if (entities.At(article, article.Entities[k].Span) is not { } e) continue;
                    var id = Id("@" + e.Id);
                    if (!c.ContainsKey(id)) order.Add(id);
                    c[id] = c.GetValueOrDefault(id) + 1;
                }
                _entityOrder.Add(order.ToArray());
                sentences.Add(new StorySentence(a, article, i, span, Clauses.CountWords(article.Text, span)));
                counts.Add(c);
            }
        }
        Sentences = sentences;
        _termNames = names.ToArray();

        var df = new int[names.Count];
        foreach (var c in counts) foreach (var id in c.Keys) df[id]++;
        var n = Math.Max(1, counts.Count);
        _terms = new int[counts.Count][];
        _weights = new double[counts.Count][];
        _isEntity = new bool[counts.Count][];
        var postings = new List<int>[names.Count];
        for (var s = 0; s < counts.Count; s++)
        {
            var terms = counts[s].Keys.Order().ToArray();
            var weights = new double[terms.Length];
            var norm = 0.0;
            for (var j = 0; j < terms.Length; j++)
            {
                var entity = _termNames[terms[j]][0] == '@';
                // Entities weigh double: sharing who is involved matters more than sharing a word.
                var w = (1 + Math.Log(counts[s][terms[j]])) * Math.Log(1 + n / (double)df[terms[j]]) * (entity ? 2 : 1);
                weights[j] = w;
                norm += w * w;
            }
            norm = Math.Sqrt(norm);
            for (var j = 0; j < weights.Length; j++) weights[j] /= norm;
            _terms[s] = terms;
            _weights[s] = weights;
            _isEntity[s] = terms.Select(t => _termNames[t][0] == '@').ToArray();
            foreach (var t in terms) (postings[t] ??= []).Add(s);
        }

        // Candidates come from the rarer terms only: a term in most sentences costs quadratic time and adds little
        // weight; the cosine of each candidate pair is then computed in full.
        var rareCap = Math.Max(50, counts.Count / 10);
        _bestMatch = new Dictionary<int, (int, double)>[counts.Count];
        for (var s = 0; s < counts.Count; s++) _bestMatch[s] = [];
        var seen = new int[counts.Count];
        Array.Fill(seen, -1);
        for (var s = 0; s < counts.Count; s++)
        {
            foreach (var term in _terms[s])
            {
                var list = postings[term];
                if (list.Count > rareCap) continue;
                // Postings are in sentence order: each pair is scored once, from its earlier sentence.
                for (var p = list.Count - 1; p >= 0 && list[p] > s; p--)
                {
                    var other = list[p];
                    if (seen[other] == s || sentences[other].ArticleIndex == sentences[s].ArticleIndex) continue;
                    seen[other] = s;
                    var score = RolesSwapped(s, other) ? 0.0 : Cosine(s, other);
                    Keep(_bestMatch[s], sentences[other].ArticleIndex, other, score);
                    Keep(_bestMatch[other], sentences[s].ArticleIndex, s, score);
                }
            }
        }
    }

    private static void Keep(Dictionary<int, (int Sentence, double Score)> best, int article, int sentence, double score)
    {
        if (!best.TryGetValue(article, out var current) || score > current.Score || (score == current.Score && sentence < current.Sentence))
            best[article] = (sentence, score);
    }

    /// <summary>The best-matching sentence of each other article whose cosine reaches <paramref name="threshold"/>.</summary>
    public IEnumerable<(int Article, int Sentence, double Score)> Support(int sentence, double threshold)
        => _bestMatch[sentence].Where(kv => kv.Value.Score >= threshold).OrderBy(kv => kv.Key)
            .Select(kv => (kv.Key, kv.Value.Sentence, kv.Value.Score));

    /// <summary>The sum over other articles of the best cosine: how much of the story echoes this sentence.</summary>
    public double Centrality(int sentence) => _bestMatch[sentence].Values.Sum(v => v.Score);

    /// <summary>
    /// Two names shared by both sentences stand in opposite order ("Washington accused Pyongyang" against "Pyongyang
    /// accused Washington"): the words match, the roles do not.
    /// </summary>
    private bool RolesSwapped(int a, int b)
    {
        var (x, y) = (_entityOrder[a], _entityOrder[b]);
        int first = -1, second = -1;
        foreach (var id in x)
        {
            if (Array.IndexOf(y, id) < 0) continue;
            if (first < 0) first = id;
            else { second = id; break; }
        }
        return second >= 0 && Array.IndexOf(y, second) < Array.IndexOf(y, first);
    }

    /// <summary>Cosine of two sentences: a merge of their sorted term lists.</summary>
    public double Cosine(int a, int b)
    {
        var (ta, wa, tb, wb) = (_terms[a], _weights[a], _terms[b], _weights[b]);
        var dot = 0.0;
        for (int i = 0, j = 0; i < ta.Length && j < tb.Length;)
        {
            if (ta[i] == tb[j]) dot += wa[i++] * wb[j++];
            else if (ta[i] < tb[j]) i++;
            else j++;
        }
        return dot;
    }

    public IEnumerable<string> EntityIds(int sentence)
    {
        for (var j = 0; j < _terms[sentence].Length; j++)
            if (_isEntity[sentence][j]) yield return _termNames[_terms[sentence][j]][1..];
    }
}
