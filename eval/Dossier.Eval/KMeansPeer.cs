using System.Text.RegularExpressions;

namespace Dossier.Eval;

/// <summary>
/// The peer for story clustering, measured beside ours on the same articles: K-means over TF-IDF vectors of the
/// articles' words, the document clustering Barhom et al. (2019) run before their coreference model and score at
/// B-cubed F1 0.968 on ECB+ topics 36-45. Written here from that description (their code is not used): words as
/// scikit-learn's TfidfVectorizer takes them by default (lower case, runs of two or more word characters, raw counts
/// times smoothed inverse document frequency, each vector of length 1), Lloyd's K-means with k-means++ seeding, the
/// best of several restarts by inertia. The number of clusters is either given (the gold number of events: a choice
/// no real run can make, so the peer's best case) or chosen by the highest mean silhouette.
/// </summary>
public static partial class KMeansPeer
{
    /// <summary>A sparse vector: ascending term ids and their weights.</summary>
    public sealed record Vector(int[] Terms, double[] Weights);

    [GeneratedRegex(@"\b\w\w+\b")]
    private static partial Regex Token();

    /// <summary>TF-IDF vectors of the texts (idf = ln((1 + n) / (1 + df)) + 1), each of length 1.</summary>
    public static Vector[] Vectors(IReadOnlyList<string> texts)
    {
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var counts = texts.Select(text =>
        {
            var c = new Dictionary<int, int>();
            foreach (Match m in Token().Matches(text.ToLowerInvariant()))
            {
                if (!ids.TryGetValue(m.Value, out var id)) ids[m.Value] = id = ids.Count;
                c[id] = c.GetValueOrDefault(id) + 1;
            }
            return c;
        }).ToList();
        var df = new int[ids.Count];
        foreach (var c in counts)
            foreach (var t in c.Keys) df[t]++;
        var n = texts.Count;
        return [.. counts.Select(c =>
        {
            var terms = c.Keys.Order().ToArray();
            var weights = terms.Select(t => c[t] * (Math.Log((1.0 + n) / (1.0 + df[t])) + 1)).ToArray();
            var norm = Math.Sqrt(weights.Sum(w => w * w));
            if (norm > 0) for (var i = 0; i < weights.Length; i++) weights[i] /= norm;
            return new Vector(terms, weights);
        })];
    }

    /// <summary>K-means into <paramref name="k"/> clusters: the labels of the best of <paramref name="restarts"/> runs.</summary>
    public static int[] Cluster(IReadOnlyList<Vector> vectors, int k, int restarts = 10, int seed = 1)
    {
        if (k < 1 || k > vectors.Count) throw new ArgumentOutOfRangeException(nameof(k), $"k must be 1 to {vectors.Count}");
        var dimensions = vectors.Count == 0 ? 0 : vectors.Max(v => v.Terms.Length == 0 ? 0 : v.Terms[^1] + 1);
        var random = new Random(seed);
        int[]? best = null;
        var bestInertia = double.MaxValue;
        for (var r = 0; r < restarts; r++)
        {
            var (labels, inertia) = Lloyd(vectors, k, dimensions, random);
            if (inertia < bestInertia) (best, bestInertia) = (labels, inertia);
        }
        return best!;
    }

    /// <summary>
    /// K-means at every k from <paramref name="minK"/> to <paramref name="maxK"/>, keeping the clustering of highest
    /// mean silhouette (Euclidean distance between the unit vectors).
    /// </summary>
    public static (int[] Labels, int K) ClusterBySilhouette(IReadOnlyList<Vector> vectors, int minK, int maxK, int restarts = 3, int seed = 1)
    {
        var n = vectors.Count;
        var distance = Distances(vectors);
        int[]? best = null;
        var bestK = 0;
        var bestScore = double.MinValue;
        for (var k = Math.Max(2, minK); k <= Math.Min(maxK, n - 1); k++)
        {
            var labels = Cluster(vectors, k, restarts, seed);
            var score = Silhouette(distance, labels);
            if (score > bestScore) (best, bestK, bestScore) = (labels, k, score);
        }
        return best is null ? (new int[n], 1) : (best, bestK);
    }

    /// <summary>The mean over points of (b - a) / max(a, b); a point alone in its cluster counts 0.</summary>
    public static double Silhouette(double[,] distance, int[] labels)
    {
        var n = labels.Length;
        var k = labels.Length == 0 ? 0 : labels.Max() + 1;
        var size = new int[k];
        foreach (var l in labels) size[l]++;
        var sum = 0.0;
        var toCluster = new double[k];
        for (var i = 0; i < n; i++)
        {
            if (size[labels[i]] == 1) continue;
            Array.Clear(toCluster);
            for (var j = 0; j < n; j++)
                if (j != i) toCluster[labels[j]] += distance[i, j];
            var a = toCluster[labels[i]] / (size[labels[i]] - 1);
            var b = double.MaxValue;
            for (var c = 0; c < k; c++)
                if (c != labels[i] && size[c] > 0) b = Math.Min(b, toCluster[c] / size[c]);
            if (b == double.MaxValue) continue;
            var m = Math.Max(a, b);
            if (m > 0) sum += (b - a) / m;
        }
        return n == 0 ? 0 : sum / n;
    }

    private static double[,] Distances(IReadOnlyList<Vector> vectors)
    {
        var n = vectors.Count;
        var postings = new Dictionary<int, List<(int Doc, double Weight)>>();
        for (var i = 0; i < n; i++)
            for (var t = 0; t < vectors[i].Terms.Length; t++)
            {
                if (!postings.TryGetValue(vectors[i].Terms[t], out var list)) postings[vectors[i].Terms[t]] = list = [];
                list.Add((i, vectors[i].Weights[t]));
            }
        var dot = new double[n, n];
        foreach (var list in postings.Values)
            foreach (var (a, wa) in list)
                foreach (var (b, wb) in list)
                    dot[a, b] += wa * wb;
        var distance = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                distance[i, j] = i == j ? 0 : Math.Sqrt(Math.Max(0, dot[i, i] + dot[j, j] - 2 * dot[i, j]));
        return distance;
    }

    private static (int[] Labels, double Inertia) Lloyd(IReadOnlyList<Vector> vectors, int k, int dimensions, Random random)
    {
        var n = vectors.Count;
        var centres = Seed(vectors, k, dimensions, random);
        var labels = new int[n];
        Array.Fill(labels, -1);
        var distance = new double[n];
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var norms = centres.Select(c => c.Sum(x => x * x)).ToArray();
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var (label, d) = Nearest(vectors[i], centres, norms);
                distance[i] = d;
                if (label != labels[i]) (labels[i], changed) = (label, true);
            }
            if (!changed) break;
            var size = new int[k];
            foreach (var c in centres) Array.Clear(c);
            for (var i = 0; i < n; i++)
            {
                size[labels[i]]++;
                Add(centres[labels[i]], vectors[i]);
            }
            for (var c = 0; c < k; c++)
            {
                if (size[c] == 0)
                {
                    // An empty cluster takes the point farthest from its centre, as scikit-learn relocates it.
                    var far = Enumerable.Range(0, n).MaxBy(i => distance[i]);
                    distance[far] = 0;
                    Add(centres[c], vectors[far]);
                    continue;
                }
                for (var d = 0; d < dimensions; d++) centres[c][d] /= size[c];
            }
        }
        var finalNorms = centres.Select(c => c.Sum(x => x * x)).ToArray();
        var inertia = 0.0;
        for (var i = 0; i < n; i++)
        {
            var (label, d) = Nearest(vectors[i], centres, finalNorms);
            labels[i] = label;
            inertia += d;
        }
        return (labels, inertia);
    }

    /// <summary>k-means++: each next centre a point drawn with probability proportional to its squared distance to the nearest chosen.</summary>
    private static double[][] Seed(IReadOnlyList<Vector> vectors, int k, int dimensions, Random random)
    {
        var n = vectors.Count;
        var centres = new double[k][];
        centres[0] = Dense(vectors[random.Next(n)], dimensions);
        var nearest = new double[n];
        Array.Fill(nearest, double.MaxValue);
        for (var c = 1; c < k; c++)
        {
            var norm = centres[c - 1].Sum(x => x * x);
            for (var i = 0; i < n; i++) nearest[i] = Math.Min(nearest[i], SquaredDistance(vectors[i], centres[c - 1], norm));
            var total = nearest.Sum();
            var pick = n - 1;
            if (total > 0)
            {
                var target = random.NextDouble() * total;
                for (var i = 0; i < n; i++)
                {
                    target -= nearest[i];
                    if (target < 0) { pick = i; break; }
                }
            }
            else pick = random.Next(n);
            centres[c] = Dense(vectors[pick], dimensions);
        }
        return centres;
    }

    private static (int Label, double Distance) Nearest(Vector v, double[][] centres, double[] norms)
    {
        var label = 0;
        var best = double.MaxValue;
        for (var c = 0; c < centres.Length; c++)
        {
            var d = SquaredDistance(v, centres[c], norms[c]);
            if (d < best) (label, best) = (c, d);
        }
        return (label, best);
    }

    private static double SquaredDistance(Vector v, double[] centre, double centreNorm)
    {
        var dot = 0.0;
        var self = 0.0;
        for (var t = 0; t < v.Terms.Length; t++)
        {
            dot += v.Weights[t] * centre[v.Terms[t]];
            self += v.Weights[t] * v.Weights[t];
        }
        return Math.Max(0, self + centreNorm - 2 * dot);
    }

    private static double[] Dense(Vector v, int dimensions)
    {
        var d = new double[dimensions];
        Add(d, v);
        return d;
    }

    private static void Add(double[] dense, Vector v)
    {
        for (var t = 0; t < v.Terms.Length; t++) dense[v.Terms[t]] += v.Weights[t];
    }
}
