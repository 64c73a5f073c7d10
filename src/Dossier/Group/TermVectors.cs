using Dossier.Language;
using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// Unit-length TF-IDF vectors of a batch of articles, as sorted sparse arrays: sublinear term frequency times a
/// smoothed IDF learnt from the batch itself, or from the batch and a background table added together (ln((1+N)/(1+df)) + 1,
/// so a two-article batch still scores its shared words; see <see cref="DocumentFrequencies"/>).
/// </summary>
internal sealed class TermVectors
{

    private readonly int[][] _terms;
    private readonly double[][] _weights;
    private readonly int _termCount;

    private TermVectors(int[][] terms, double[][] weights, int termCount)
    {
        _terms = terms;
        _weights = weights;
        _termCount = termCount;
    }

    public bool HasTerms(int d) => _terms[d].Length > 0;

    /// <summary>
    /// Content-word vectors of the articles' titles and texts; names (capitalised mid-sentence) weigh more. With a
    /// <paramref name="background"/>, a word's document frequency is its count in the batch plus its count there, over
    /// the batch's articles plus the background's.
    /// </summary>
    public static TermVectors FromText(IReadOnlyList<AnnotatedArticle> docs, double titleWeight, double nameWeight, DocumentFrequencies? background = null)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<Dictionary<int, double>>(docs.Count);
        foreach (var doc in docs) counts.Add(CountText(doc, titleWeight, nameWeight, vocabulary));
        if (background is null) return Build(counts, vocabulary.Count);
        var prior = new int[vocabulary.Count];
        foreach (var (stem, id) in vocabulary) prior[id] = background.Frequency(stem);
        return Build(counts, vocabulary.Count, prior, background.Documents);
    }

    /// <summary>Weighted counts of one article's content-word stems, numbered in <paramref name="vocabulary"/> (which grows).</summary>
    public static Dictionary<int, double> CountText(AnnotatedArticle doc, double titleWeight, double nameWeight, Dictionary<string, int> vocabulary) =>
        CountText(doc, titleWeight, nameWeight, vocabulary, []);

    /// <summary>As above, into <paramref name="tf"/> (cleared first), so a stream reuses one table for every article.</summary>
    public static Dictionary<int, double> CountText(
        AnnotatedArticle doc, double titleWeight, double nameWeight, Dictionary<string, int> vocabulary, Dictionary<int, double> tf)
    {
        var lookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();
        tf.Clear();
        if (doc.Article.Title is { Length: > 0 } title) Count(title, titleWeight, nameWeight, tf, lookup);
        Count(doc.Article.Text, 1.0, nameWeight, tf, lookup);
        return tf;
    }

    private static void Count(
        string text,
        double weight,
        double nameWeight,
        Dictionary<int, double> tf,
        Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup)
    {
        var counter = new TextCounter(weight, nameWeight, tf, lookup);
        ForEachStem(text, ref counter);
    }

    /// <summary>Adds each stem's weight to its count, numbering new stems as they come.</summary>
    private readonly struct TextCounter(
        double weight, double nameWeight, Dictionary<int, double> tf, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup) : IStemVisitor
    {
        public void Visit(ReadOnlySpan<char> stem, bool capitalised)
        {
            if (!lookup.TryGetValue(stem, out var id))
            {
                id = lookup.Dictionary.Count;
                lookup[stem] = id;
            }
            tf[id] = tf.GetValueOrDefault(id) + (capitalised ? weight * nameWeight : weight);
        }
    }

    /// <summary>Receives each content word of a text as its stem, and whether it was capitalised mid-sentence.</summary>
    public interface IStemVisitor
    {
        void Visit(ReadOnlySpan<char> stem, bool capitalised);
    }

    /// <summary>
    /// The terms of the text vectors: each content word's stem, in order (<see cref="DocumentFrequencies"/> counts the
    /// same). A struct visitor, so the loop is compiled for it with no call through a delegate per word.
    /// </summary>
    public static void ForEachStem<TVisitor>(string text, ref TVisitor visitor) where TVisitor : struct, IStemVisitor
    {
        Span<char> buffer = stackalloc char[WordScanner.MaxWordLength];
        Span<char> stem = stackalloc char[WordScanner.MaxWordLength];
        var scanner = new WordScanner(text, buffer);
        while (scanner.Next(out var word))
        {
            if (!ContentWords.IsContent(word)) continue;
            var length = ContentWords.StemInto(word, stem);
            visitor.Visit(stem[..length], scanner.Capitalised);
        }
    }

    /// <summary>
    /// Entity vectors: normalised mention texts, plus a person's surname alone so "Andrei Belousov" and "Andrey
    /// Belousov" meet. A MISC mention and a surname alone count half a mention; since a term's weight is 1 + log of its
    /// count with any count below one taken as one (<see cref="Build"/>), that makes them weigh less only when
    /// repeated: a MISC name said twice weighs as a person said once.
    /// </summary>
    public static TermVectors FromEntities(IReadOnlyList<AnnotatedArticle> docs) => FromEntities(docs, _ => true);

    /// <summary>As above, over the mentions of the types <paramref name="include"/> accepts.</summary>
    public static TermVectors FromEntities(IReadOnlyList<AnnotatedArticle> docs, Func<EntityType, bool> include)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = new List<Dictionary<int, double>>(docs.Count);
        foreach (var doc in docs) counts.Add(CountEntities(doc, include, vocabulary));
        return Build(counts, vocabulary.Count);
    }

    /// <summary>
    /// An article's distinct names as the entity vectors spell them (mention text lower-cased, a person also by
    /// surname), or its capitalised words when it has no entity layer, and the years its time expressions name: what
    /// the split's names check reads (<see cref="SpectralSplit.NamesTellApart"/>).
    /// </summary>
    public static string[] Names(AnnotatedArticle doc)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        CountEntities(doc, _ => true, vocabulary);
        var names = new HashSet<string>(vocabulary.Keys, StringComparer.Ordinal);
        if (doc.Entities.Count == 0)
        {
            Span<char> buffer = stackalloc char[WordScanner.MaxWordLength];
            var scanner = new WordScanner(doc.Article.Text, buffer);
            while (scanner.Next(out var word))
                if (scanner.Capitalised && word.Length > 1) names.Add(word.ToString());
        }
        foreach (var time in doc.Times)
            if (time.Value is { Length: >= 4 } value && value.AsSpan(0, 4).IndexOfAnyExceptInRange('0', '9') < 0) names.Add(value[..4]);
        return [.. names];
    }

    /// <summary>Weighted counts of one article's entity mentions of the types <paramref name="include"/> accepts.</summary>
    public static Dictionary<int, double> CountEntities(AnnotatedArticle doc, Func<EntityType, bool> include, Dictionary<string, int> vocabulary) =>
        CountEntities(doc, include, vocabulary, []);

    /// <summary>As above, into <paramref name="tf"/> (cleared first), so a stream reuses one table for every article.</summary>
    public static Dictionary<int, double> CountEntities(
        AnnotatedArticle doc, Func<EntityType, bool> include, Dictionary<string, int> vocabulary, Dictionary<int, double> tf)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[WordScanner.MaxWordLength];
        tf.Clear();
        var text = doc.Article.Text;
        foreach (var mention in doc.Entities)
        {
            var span = mention.Span;
            if (!include(mention.Type) || span.Start < 0 || span.Length <= 0 || span.End > text.Length) continue;
            words.Clear();
            var scanner = new WordScanner(text.AsSpan(span.Start, span.Length), buffer);
            while (scanner.Next(out var word)) words.Add(word.ToString());
            if (words.Count > 0 && words[0] == "the") words.RemoveAt(0);
            if (words.Count == 0) continue;
            var weight = mention.Type == EntityType.MISC ? 0.5 : 1.0;
            Add(string.Join(' ', words), weight);
            if (mention.Type == EntityType.PER && words.Count > 1) Add(words[^1], weight / 2);
        }
        return tf;

        void Add(string key, double w)
        {
            if (!vocabulary.TryGetValue(key, out var id)) vocabulary[key] = id = vocabulary.Count;
            tf[id] = tf.GetValueOrDefault(id) + w;
        }
    }

    private static TermVectors Build(List<Dictionary<int, double>> counts, int termCount, int[]? priorFrequency = null, int priorDocuments = 0)
    {
        var n = counts.Count + priorDocuments;
        var documentFrequency = priorFrequency ?? new int[termCount];
        foreach (var tf in counts)
            foreach (var id in tf.Keys) documentFrequency[id]++;
        var terms = new int[counts.Count][];
        var weights = new double[counts.Count][];
        for (var d = 0; d < counts.Count; d++)
        {
            var tf = counts[d];
            var ids = new int[tf.Count];
            tf.Keys.CopyTo(ids, 0);
            Array.Sort(ids);
            var w = new double[ids.Length];
            var norm = 0.0;
            for (var k = 0; k < ids.Length; k++)
            {
                var id = ids[k];
                var idf = Math.Log((1.0 + n) / (1.0 + documentFrequency[id])) + 1.0;
                // A count below one (a MISC mention, a surname alone, a title word at a title weight below 1) weighs as
                // one mention: weighing it by its count cost 0.004 of ECB+ B-cubed F1 (docs/RESULTS.md).
                w[k] = (1.0 + Math.Log(Math.Max(1.0, tf[id]))) * idf;
                norm += w[k] * w[k];
            }
            norm = Math.Sqrt(norm);
            if (norm > 0)
                for (var k = 0; k < w.Length; k++) w[k] /= norm;
            terms[d] = ids;
            weights[d] = w;
        }
        return new TermVectors(terms, weights, termCount);
    }

    /// <summary>Cosine of two unit vectors: a merge over their sorted term ids.</summary>
    public double Cosine(int a, int b)
    {
        var ta = _terms[a];
        var tb = _terms[b];
        var wa = _weights[a];
        var wb = _weights[b];
        var i = 0;
        var j = 0;
        var dot = 0.0;
        while (i < ta.Length && j < tb.Length)
        {
            var x = ta[i];
            var y = tb[j];
            if (x == y) dot += wa[i++] * wb[j++];
            else if (x < y) i++;
            else j++;
        }
        return dot;
    }

    public int TermCount => _termCount;

    /// <summary>Adds an article's weights into <paramref name="sum"/> (term id to weight).</summary>
    public void AddTo(int d, Dictionary<int, double> sum)
    {
        var ids = _terms[d];
        var w = _weights[d];
        for (var k = 0; k < ids.Length; k++) sum[ids[k]] = sum.GetValueOrDefault(ids[k]) + w[k];
    }

    /// <summary>Writes an article's weights into a dense array (or clears them with <paramref name="clear"/>).</summary>
    public void Scatter(int d, double[] dense, bool clear = false)
    {
        var ids = _terms[d];
        var w = _weights[d];
        for (var k = 0; k < ids.Length; k++) dense[ids[k]] = clear ? 0 : w[k];
    }

    /// <summary>
    /// Cosine with the article scattered into <paramref name="dense"/>: summed in term order, so it equals
    /// <see cref="Cosine"/> exactly (the zeros add nothing).
    /// </summary>
    public double Dot(int d, double[] dense)
    {
        var ids = _terms[d];
        var w = _weights[d];
        var dot = 0.0;
        for (var k = 0; k < ids.Length; k++) dot += w[k] * dense[ids[k]];
        return dot;
    }

    /// <summary>The <paramref name="k"/> heaviest terms of an article (ties by term id, so the choice is stable).</summary>
    public int[] TopTerms(int d, int k)
    {
        var ids = _terms[d];
        if (ids.Length <= k) return ids;
        var w = _weights[d];
        var order = new int[ids.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (x, y) =>
        {
            var c = w[y].CompareTo(w[x]);
            return c != 0 ? c : ids[x].CompareTo(ids[y]);
        });
        var top = new int[k];
        for (var i = 0; i < k; i++) top[i] = ids[order[i]];
        return top;
    }

    /// <summary>For every term, the articles that contain it, ascending.</summary>
    public List<int>[] Postings()
    {
        var postings = new List<int>[_termCount];
        for (var t = 0; t < _termCount; t++) postings[t] = [];
        for (var d = 0; d < _terms.Length; d++)
            foreach (var t in _terms[d]) postings[t].Add(d);
        return postings;
    }
}
