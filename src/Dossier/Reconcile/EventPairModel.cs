using System.Globalization;

namespace Dossier.Reconcile;

/// <summary>Groups of pair features that can be left out, to measure what each brings.</summary>
[Flags]
public enum EventPairFeatures
{
    None = 0,
    /// <summary>Content words the two sentences share (counts, IDF-weighted share, overlap), and how alike the two articles are.</summary>
    Words = 1,
    /// <summary>Participants, places and dates: agree or conflict.</summary>
    Arguments = 2,
    /// <summary>Sentence positions (the lead), and within one article the same sentence and the distance.</summary>
    Position = 4,
    /// <summary>
    /// The mentions themselves: how common the head is in the story and in other articles, light and unreal heads, mention
    /// length, crowded sentences, the head in the other's sentence, the story's size and repetition.
    /// </summary>
    Head = 8,
    /// <summary>Heads that differ but are related (derivation or synonymy), from <see cref="EventPairModel.Heads"/>.</summary>
    Lexical = 16,
    All = Words | Arguments | Position | Head | Lexical,
}

/// <summary>How <see cref="EventPairModel"/> turns pair probabilities into events.</summary>
public enum EventPairLinkage
{
    /// <summary>Every pair reaching the threshold joins its two clusters.</summary>
    Single,
    /// <summary>Two clusters join while the mean probability over all their pairs reaches the threshold.</summary>
    Average,
    /// <summary>Each mention links only to its most probable partner, when that reaches the threshold (fewer chains than single).</summary>
    Best,
}

/// <summary>
/// A trained same-event decision over pairs of event mentions of one story: logistic regression over features of the pair
/// (shared sentence words, arguments, position, head statistics), then average-linkage clustering on the probabilities.
/// Only pairs with the same head, or heads the lexical table relates, are candidates; all other pairs stay apart.
/// </summary>
public sealed class EventPairModel
{
    /// <summary>Feature names of one part; every feature appears three times: pairs of one head within one article, across articles, and pairs of related heads.</summary>
    public static readonly IReadOnlyList<string> HalfNames =
    [
        "bias", "synonym", "one-light", "both-light", "same-sentence", "sentence-distance",
        "words-0", "words-1", "words-2", "words-3", "words-4", "words-5+", "idf-share", "jaccard",
        "participants-agree", "participants-conflict", "places-agree", "places-conflict", "dates-agree", "dates-conflict",
        "head-count", "head-spread", "multiword", "head-in-other", "light-words-3+",
        "both-lead", "earlier-position", "later-position", "one-late",
        "earlier-0", "earlier-1", "earlier-2", "earlier-3", "earlier-4-5", "earlier-6-8", "earlier-9+",
        "later-0", "later-1", "later-2", "later-3", "later-4-5", "later-6-8", "later-9+",
        "support-min", "support-max", "mutual-best", "repeat-min", "repeat-max", "one-unreal", "both-unreal",
        "story-articles", "story-mentions-per-article", "story-head-repeat",
        "article-similarity", "article-similarity-relative", "article-similarity-top",
        "crowd-min", "crowd-max",
    ];

    private static readonly int Half = HalfNames.Count;

    /// <summary>All feature names, in weight order: same head within one article, same head across articles, related heads.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        [.. HalfNames.Select(n => "same-article:" + n), .. HalfNames.Select(n => "cross-article:" + n), .. HalfNames.Select(n => "related-heads:" + n)];

    public EventPairModel(IReadOnlyList<double> weights, double threshold, EventPairFeatures features = EventPairFeatures.All,
        EventHeads? heads = null, EventPairLinkage linkage = EventPairLinkage.Average)
    {
        Linkage = linkage;
        if (weights.Count != FeatureNames.Count) throw new ArgumentException($"expected {FeatureNames.Count} weights, got {weights.Count}", nameof(weights));
        Weights = weights;
        Threshold = threshold;
        Features = features;
        Heads = heads ?? EventHeads.Empty;
    }

    public IReadOnlyList<double> Weights { get; }
    /// <summary>The mean pair probability two clusters must reach to be joined.</summary>
    public double Threshold { get; }
    public EventPairFeatures Features { get; }
    /// <summary>Single: pairs reaching the threshold join their clusters; Average: the mean over all pairs between two clusters must reach it.</summary>
    public EventPairLinkage Linkage { get; }
    /// <summary>With single linkage: the mean probability over all pairs of two clusters must also reach this (0: plain single linkage), so one strong pair cannot chain two large events.</summary>
    public double Guard { get; init; }
    /// <summary>Relations between different heads; used only when <see cref="Features"/> has <see cref="EventPairFeatures.Lexical"/>.</summary>
    public EventHeads Heads { get; }

    /// <summary>The same settings with other weights and threshold (what training produces).</summary>
    public EventPairModel With(IReadOnlyList<double> weights, double threshold, double? guard = null) =>
        new(weights, threshold, Features, Heads, Linkage) { Guard = guard ?? Guard };

    /// <summary>The probability that the pair's features describe one event.</summary>
    public double Probability(ReadOnlySpan<double> features)
    {
        var z = 0.0;
        for (var k = 0; k < features.Length; k++) z += Weights[k] * features[k];
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>
    /// The candidate pairs of one story's mentions (same head, or related heads) with their features; the caller trains on
    /// them or scores them.
    /// </summary>
    public IEnumerable<(int I, int J, double[] Features)> Pairs(IReadOnlyList<EventContext> mentions)
    {
        var story = new StoryStatistics(mentions);
        var byHead = Enumerable.Range(0, mentions.Count).GroupBy(i => mentions[i].Head, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var lexical = Features.HasFlag(EventPairFeatures.Lexical);
        var support = new Support[mentions.Count];
        foreach (var members in byHead.Values)
            foreach (var (i, value) in Supports(mentions, members)) support[i] = value;
        foreach (var (head, members) in byHead)
        {
            for (var x = 0; x < members.Count; x++)
                for (var y = x + 1; y < members.Count; y++)
                {
                    var (i, j) = (members[x], members[y]);
                    var mutual = support[i].Partners.Contains(j) && support[j].Partners.Contains(i);
                    yield return (i, j, Describe(mentions[i], mentions[j], story, support[i], support[j], mutual));
                }
            if (!lexical) continue;
            foreach (var other in Heads.Of(head))
            {
                // Each related pair of heads once: from the head that sorts first.
                if (string.CompareOrdinal(head, other) >= 0 || !byHead.TryGetValue(other, out var theirs)) continue;
                foreach (var i in members)
                    foreach (var j in theirs)
                        yield return (Math.Min(i, j), Math.Max(i, j), Describe(mentions[i], mentions[j], story, support[i], support[j], false));
            }
        }
    }

    /// <summary>Groups one story's mentions into events; returns the clusters as indices into <paramref name="mentions"/>.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<EventContext> mentions)
    {
        var probability = new Dictionary<(int, int), double>();
        var parent = Enumerable.Range(0, mentions.Count).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var (i, j, f) in Pairs(mentions))
        {
            var p = Probability(f);
            probability[(i, j)] = p;
            if (Linkage != EventPairLinkage.Single || Guard > 0 || p >= Threshold) parent[Find(j)] = Find(i);
        }
        var result = new List<IReadOnlyList<int>>();
        foreach (var component in Enumerable.Range(0, mentions.Count).GroupBy(Find))
        {
            var members = component.ToList();
            if (members.Count == 1 || (Linkage == EventPairLinkage.Single && Guard <= 0)) { result.Add(members); continue; }
            var n = members.Count;
            var score = new double[n, n];
            for (var x = 0; x < n; x++)
                for (var y = x + 1; y < n; y++)
                    score[x, y] = score[y, x] = probability.GetValueOrDefault((members[x], members[y]));
            var clusters = Linkage switch
            {
                EventPairLinkage.Best => JoinBest(score, n, Threshold),
                EventPairLinkage.Single => JoinGuarded(score, n, Threshold, Guard),
                _ => JoinAverage(score, n, Threshold),
            };
            result.AddRange(clusters.Select(c => (IReadOnlyList<int>)c.Select(x => members[x]).ToList()));
        }
        return result;
    }

    /// <summary>Single linkage, strongest pairs first, refusing a join when the mean over all pairs of the two clusters is below the guard.</summary>
    internal static List<List<int>> JoinGuarded(double[,] score, int n, double threshold, double guard)
    {
        var pairs = new List<(double P, int I, int J)>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (score[i, j] >= threshold) pairs.Add((score[i, j], i, j));
        pairs.Sort((x, y) => y.P.CompareTo(x.P));
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var of = Enumerable.Range(0, n).ToArray();
        // Sums of the pair probabilities between clusters, kept up to date as they join (each join costs one row).
        var sum = (double[,])score.Clone();
        foreach (var (_, i, j) in pairs)
        {
            int ci = of[i], cj = of[j];
            if (ci == cj) continue;
            if (sum[ci, cj] / (clusters[ci].Count * clusters[cj].Count) < guard) continue;
            foreach (var m in clusters[cj]) of[m] = ci;
            clusters[ci].AddRange(clusters[cj]);
            clusters[cj] = [];
            for (var k = 0; k < n; k++)
            {
                if (k == ci || clusters[k].Count == 0) continue;
                sum[ci, k] = sum[k, ci] = sum[ci, k] + sum[cj, k];
            }
        }
        return clusters.Where(c => c.Count > 0).ToList();
    }

    /// <summary>Each item links to its most probable partner when that reaches the threshold; clusters are the linked components.</summary>
    internal static List<List<int>> JoinBest(double[,] score, int n, double threshold)
    {
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        for (var i = 0; i < n; i++)
        {
            var (best, partner) = (double.NegativeInfinity, -1);
            for (var j = 0; j < n; j++)
                if (j != i && score[i, j] > best) (best, partner) = (score[i, j], j);
            if (partner >= 0 && best >= threshold) parent[Find(partner)] = Find(i);
        }
        return Enumerable.Range(0, n).GroupBy(Find).Select(g => g.ToList()).ToList();
    }

    /// <summary>Average linkage: join the two clusters with the highest mean pair probability while it reaches the threshold.</summary>
    internal static List<List<int>> JoinAverage(double[,] score, int n, double threshold)
    {
        var sum = (double[,])score.Clone();
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var live = Enumerable.Range(0, n).ToList();
        while (live.Count > 1)
        {
            var (best, bi, bj) = (double.NegativeInfinity, -1, -1);
            for (var x = 0; x < live.Count; x++)
                for (var y = x + 1; y < live.Count; y++)
                {
                    int i = live[x], j = live[y];
                    var mean = sum[i, j] / (clusters[i].Count * clusters[j].Count);
                    if (mean > best) (best, bi, bj) = (mean, i, j);
                }
            if (best < threshold) break;
            clusters[bi].AddRange(clusters[bj]);
            live.Remove(bj);
            foreach (var k in live)
                if (k != bi) sum[bi, k] = sum[k, bi] = sum[bi, k] + sum[bj, k];
        }
        return live.Select(i => clusters[i]).ToList();
    }

    /// <summary>The features of one candidate pair, placed in the within-article or the cross-article half.</summary>
    /// <summary>
    /// What one mention's head finds elsewhere in the story: the most sentence words it shares with a mention of the same
    /// head in another article (and which mentions those are), and how often its head recurs in its own article.
    /// </summary>
    private readonly record struct Support(int Best, IReadOnlySet<int> Partners, int Repeat);

    private static IEnumerable<(int Index, Support Value)> Supports(IReadOnlyList<EventContext> mentions, List<int> members)
    {
        foreach (var i in members)
        {
            var (best, partners, repeat) = (0, new HashSet<int>(), 0);
            foreach (var j in members)
            {
                if (j == i) continue;
                if (string.Equals(mentions[i].Source, mentions[j].Source, StringComparison.Ordinal)) { repeat++; continue; }
                var shared = EventMatch.Shared(mentions[i].Words, mentions[j].Words);
                if (shared > best) { best = shared; partners.Clear(); }
                if (shared == best) partners.Add(j);
            }
            yield return (i, new Support(best, partners, repeat));
        }
    }

    private double[] Describe(EventContext a, EventContext b, StoryStatistics story, Support supportA, Support supportB, bool mutual)
    {
        var f = new double[3 * Half];
        var sameSource = string.Equals(a.Source, b.Source, StringComparison.Ordinal);
        var sameHead = string.Equals(a.Head, b.Head, StringComparison.Ordinal);
        var o = !sameHead ? 2 * Half : sameSource ? 0 : Half;
        var on = Features;
        f[o] = 1;
        if (!sameHead && Heads.Relation(a.Head, b.Head) == HeadRelation.Synonym) f[o + 1] = 1;
        var shared = EventMatch.Shared(a.Words, b.Words);
        if (on.HasFlag(EventPairFeatures.Head))
        {
            var light = (a.Light ? 1 : 0) + (b.Light ? 1 : 0);
            if (light == 1) f[o + 2] = 1;
            if (light == 2) f[o + 3] = 1;
            f[o + 20] = Math.Log(1 + Math.Min(story.HeadCount(a.Head), story.HeadCount(b.Head))) / 5;
            f[o + 21] = Math.Min(story.HeadSpread(a.Head), story.HeadSpread(b.Head));
            if (a.Length > 1 || b.Length > 1) f[o + 22] = 1;
            if (b.Words.Contains(a.Head) || a.Words.Contains(b.Head)) f[o + 23] = 1;
            if (light > 0 && shared >= 3) f[o + 24] = 1;
            // What did not happen (or not yet) is seldom reported again as the same event.
            var unreal = (a.Unreal ? 1 : 0) + (b.Unreal ? 1 : 0);
            if (unreal == 1) f[o + 48] = 1;
            if (unreal == 2) f[o + 49] = 1;
            f[o + 56] = Math.Log(1 + Math.Min(a.Crowd, b.Crowd)) / 2;
            f[o + 57] = Math.Log(1 + Math.Max(a.Crowd, b.Crowd)) / 2;
            // Stories differ in how much their articles repeat one another: what a pair's evidence is worth depends on it.
            f[o + 50] = Math.Log(story.Sources) / 4;
            f[o + 51] = Math.Log((double)story.Mentions / Math.Max(story.Sources, 1)) / 4;
            f[o + 52] = story.HeadRepeat;
        }
        if (on.HasFlag(EventPairFeatures.Words) && !sameSource)
        {
            // Two articles about one incident share its words throughout, not only in the two sentences.
            var (similarity, relative, top) = story.ArticleSimilarity(a.Source, b.Source);
            f[o + 53] = similarity;
            f[o + 54] = relative;
            if (top) f[o + 55] = 1;
            // A mention whose head finds no echo in other articles is usually a singleton, however its pair looks.
            f[o + 43] = Math.Min(Math.Min(supportA.Best, supportB.Best), 6) / 6.0;
            f[o + 44] = Math.Min(Math.Max(supportA.Best, supportB.Best), 6) / 6.0;
            if (mutual) f[o + 45] = 1;
            f[o + 46] = Math.Log(1 + Math.Min(supportA.Repeat, supportB.Repeat)) / 2;
            f[o + 47] = Math.Log(1 + Math.Max(supportA.Repeat, supportB.Repeat)) / 2;
        }
        if (on.HasFlag(EventPairFeatures.Position) && a.Sentence >= 0 && b.Sentence >= 0)
        {
            // The lead tells the story's event; mentions deep in an article are more often background said once.
            var (early, late) = (Math.Min(a.Sentence, b.Sentence), Math.Max(a.Sentence, b.Sentence));
            if (late <= 3) f[o + 25] = 1;
            f[o + 26] = Math.Log(1 + early) / 3;
            f[o + 27] = Math.Log(1 + late) / 3;
            if (late >= 8) f[o + 28] = 1;
            f[o + 29 + Bucket(early)] = 1;
            f[o + 36 + Bucket(late)] = 1;
        }
        if (on.HasFlag(EventPairFeatures.Position) && sameSource && a.Sentence >= 0 && b.Sentence >= 0)
        {
            var distance = Math.Abs(a.Sentence - b.Sentence);
            if (distance == 0) f[o + 4] = 1;
            f[o + 5] = Math.Log(1 + distance) / 3;
        }
        if (on.HasFlag(EventPairFeatures.Words))
        {
            f[o + 6 + Math.Min(shared, 5)] = 1;
            double weightShared = 0, weightA = 0, weightB = 0;
            foreach (var w in a.Words)
            {
                var idf = story.Idf(w);
                weightA += idf;
                if (b.Words.Contains(w)) weightShared += idf;
            }
            foreach (var w in b.Words) weightB += story.Idf(w);
            var least = Math.Min(weightA, weightB);
            f[o + 12] = least > 0 ? weightShared / least : 0;
            var union = a.Words.Count + b.Words.Count - shared;
            f[o + 13] = union > 0 ? (double)shared / union : 0;
        }
        if (on.HasFlag(EventPairFeatures.Arguments))
        {
            Compare(a.Participants, b.Participants, f, o + 14);
            Compare(a.Places, b.Places, f, o + 16);
            var (agree, conflict) = EventMatch.CompareTimes(a.Times, b.Times, 1);
            if (agree > 0) f[o + 18] = 1;
            if (conflict) f[o + 19] = 1;
        }
        return f;
    }

    /// <summary>Sentence position bands: 0, 1, 2, 3, 4-5, 6-8, 9 and later.</summary>
    private static int Bucket(int sentence) => sentence switch { <= 3 => sentence, <= 5 => 4, <= 8 => 5, _ => 6 };

    private static void Compare(IReadOnlySet<string> a, IReadOnlySet<string> b, double[] f, int at)
    {
        if (a.Count == 0 || b.Count == 0) return;
        if (EventMatch.Shared(a, b) > 0) f[at] = 1;
        else f[at + 1] = 1;
    }

    /// <summary>
    /// Fits the weights by L2-regularised logistic regression, solved by Newton's method (exact, deterministic: no learning
    /// rate or example order to tune), and returns a model with them and the given threshold.
    /// </summary>
    public EventPairModel Train(IReadOnlyList<(double[] Features, bool Same)> examples, double threshold, int iterations = 12, double l2 = 1)
    {
        var d = FeatureNames.Count;
        var w = new double[d];
        var sparse = examples.Select(e => (Index: Enumerable.Range(0, d).Where(k => e.Features[k] != 0).ToArray(), e.Features, e.Same)).ToList();
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var hessian = new double[d, d];
            var gradient = new double[d];
            for (var k = 0; k < d; k++) { hessian[k, k] = l2; gradient[k] = -l2 * w[k]; }
            foreach (var (index, x, same) in sparse)
            {
                var z = 0.0;
                foreach (var k in index) z += w[k] * x[k];
                var p = 1 / (1 + Math.Exp(-z));
                var g = (same ? 1 : 0) - p;
                var h = Math.Max(p * (1 - p), 1e-9);
                foreach (var k in index)
                {
                    gradient[k] += g * x[k];
                    foreach (var l in index) hessian[k, l] += h * x[k] * x[l];
                }
            }
            var step = Solve(hessian, gradient);
            var largest = 0.0;
            for (var k = 0; k < d; k++) { w[k] += step[k]; largest = Math.Max(largest, Math.Abs(step[k])); }
            if (largest < 1e-6) break;
        }
        return With(w, threshold);
    }

    /// <summary>Solves a symmetric positive definite system by Cholesky decomposition.</summary>
    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++) sum -= l[i, k] * l[j, k];
                l[i, j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-12)) : sum / l[j, j];
            }
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++) sum -= l[i, k] * y[k];
            y[i] = sum / l[i, i];
        }
        var x = new double[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = y[i];
            for (var k = i + 1; k < n; k++) sum -= l[k, i] * x[k];
            x[i] = sum / l[i, i];
        }
        return x;
    }

    /// <summary>Writes the threshold and the weights as tab-separated lines (name, value) with a comment header.</summary>
    public void Write(TextWriter writer, string comment)
    {
        foreach (var line in comment.Split('\n')) writer.WriteLine("# " + line.TrimEnd());
        writer.WriteLine("linkage\t" + Linkage);
        writer.WriteLine("guard\t" + Guard.ToString("R", CultureInfo.InvariantCulture));
        writer.WriteLine("threshold\t" + Threshold.ToString("R", CultureInfo.InvariantCulture));
        for (var k = 0; k < Weights.Count; k++)
            writer.WriteLine(FeatureNames[k] + "\t" + Weights[k].ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Reads what <see cref="Write"/> wrote; features not named keep weight 0.</summary>
    public static EventPairModel Read(TextReader reader, EventHeads? heads = null)
    {
        var index = FeatureNames.Select((n, k) => (n, k)).ToDictionary(x => x.n, x => x.k, StringComparer.Ordinal);
        var weights = new double[FeatureNames.Count];
        var threshold = 0.5;
        var linkage = EventPairLinkage.Average;
        var guard = 0.0;
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length != 2) throw new FormatException("expected name<TAB>value: " + line);
            var value = parts[0] == "linkage" ? 0 : double.Parse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture);
            if (parts[0] == "linkage") linkage = Enum.Parse<EventPairLinkage>(parts[1]);
            else if (parts[0] == "threshold") threshold = value;
            else if (parts[0] == "guard") guard = value;
            else if (index.TryGetValue(parts[0], out var k)) weights[k] = value;
            else throw new FormatException("unknown feature " + parts[0]);
        }
        return new EventPairModel(weights, threshold, EventPairFeatures.All, heads, linkage) { Guard = guard };
    }

    /// <summary>The model shipped with Dossier (models/event-pairs.tsv, trained on ECB+ topics 1-35) with the shipped WordNet relations.</summary>
    public static EventPairModel LoadDefault()
    {
        using var stream = typeof(EventPairModel).Assembly.GetManifestResourceStream("Dossier.Models.event-pairs.tsv")
            ?? throw new InvalidOperationException("the embedded event pair model is missing");
        using var reader = new StreamReader(stream);
        return Read(reader, EventHeads.LoadDefault());
    }

    /// <summary>Per story: how many mentions and articles use each head, and each sentence word's inverse document frequency.</summary>
    private sealed class StoryStatistics
    {
        private readonly Dictionary<string, int> heads = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> headSources = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> wordCounts = new(StringComparer.Ordinal);
        private readonly int mentions;
        private readonly int sources;

        public int Mentions => mentions;
        public int Sources => sources;
        /// <summary>Share of the story's mentions whose head occurs in another of its articles.</summary>
        public double HeadRepeat { get; }

        private readonly IReadOnlyList<EventContext> all;

        public StoryStatistics(IReadOnlyList<EventContext> all)
        {
            this.all = all;
            mentions = all.Count;
            sources = all.Select(m => m.Source).Distinct(StringComparer.Ordinal).Count();
            foreach (var m in all)
            {
                heads[m.Head] = heads.GetValueOrDefault(m.Head) + 1;
                foreach (var w in m.Words) wordCounts[w] = wordCounts.GetValueOrDefault(w) + 1;
            }
            foreach (var (source, head) in all.Select(m => (m.Source, m.Head)).Distinct())
                headSources[head] = headSources.GetValueOrDefault(head) + 1;
            HeadRepeat = mentions == 0 ? 0 : all.Count(m => headSources[m.Head] > 1) / (double)mentions;
        }

        private readonly Dictionary<string, Dictionary<string, double>> articleVectors = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, string), double> similarities = new();
        private readonly Dictionary<string, (double Mean, double Best)> articleBest = new(StringComparer.Ordinal);

        /// <summary>
        /// Cosine of the two articles' IDF-weighted words (those of their mentions' sentences), that over the first
        /// article's mean similarity to the story's others, and whether the second is among the first's closest three.
        /// </summary>
        public (double Similarity, double Relative, bool Top) ArticleSimilarity(string a, string b)
        {
            if (articleVectors.Count == 0) BuildArticles();
            var key = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
            var similarity = similarities.GetValueOrDefault(key);
            var (meanA, thirdA) = articleBest.GetValueOrDefault(a);
            var (meanB, thirdB) = articleBest.GetValueOrDefault(b);
            var mean = (meanA + meanB) / 2;
            return (similarity, mean > 0 ? Math.Min(similarity / mean, 4) / 4 : 0, similarity >= thirdA || similarity >= thirdB);
        }

        private void BuildArticles()
        {
            foreach (var m in all)
            {
                if (!articleVectors.TryGetValue(m.Source, out var v)) articleVectors[m.Source] = v = new Dictionary<string, double>(StringComparer.Ordinal);
                foreach (var w in m.Words.Append(m.Head)) v[w] = Idf(w);
            }
            var norms = articleVectors.ToDictionary(kv => kv.Key, kv => Math.Sqrt(kv.Value.Values.Sum(x => x * x)), StringComparer.Ordinal);
            var names = articleVectors.Keys.Order(StringComparer.Ordinal).ToList();
            var bySource = names.ToDictionary(n => n, _ => new List<double>(), StringComparer.Ordinal);
            for (var x = 0; x < names.Count; x++)
                for (var y = x + 1; y < names.Count; y++)
                {
                    var (va, vb) = (articleVectors[names[x]], articleVectors[names[y]]);
                    if (va.Count > vb.Count) (va, vb) = (vb, va);
                    var dot = 0.0;
                    foreach (var (w, weight) in va) if (vb.TryGetValue(w, out var other)) dot += weight * other;
                    var norm = norms[names[x]] * norms[names[y]];
                    var similarity = norm > 0 ? dot / norm : 0;
                    similarities[(names[x], names[y])] = similarity;
                    bySource[names[x]].Add(similarity);
                    bySource[names[y]].Add(similarity);
                }
            foreach (var (name, list) in bySource)
            {
                list.Sort((p, q) => q.CompareTo(p));
                articleBest[name] = list.Count == 0 ? (0, double.PositiveInfinity) : (list.Average(), list[Math.Min(2, list.Count - 1)]);
            }
        }

        public int HeadCount(string head) => heads.GetValueOrDefault(head);

        /// <summary>Share of the story's articles that use the head.</summary>
        public double HeadSpread(string head) => sources == 0 ? 0 : (double)headSources.GetValueOrDefault(head) / sources;

        public double Idf(string word) => Math.Log((mentions + 1.0) / (wordCounts.GetValueOrDefault(word) + 1.0));
    }
}
