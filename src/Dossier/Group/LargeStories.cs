namespace Dossier.Group;

/// <summary>
/// Joins to a large story the pieces that average linkage left apart from it only because most of their articles
/// were never compared. Average linkage counts a pair that was not a candidate as similarity 0, and an article looks
/// for candidates only through its heaviest words, of which those in more than a thousand articles propose none: in
/// a story of thousands of articles each article reaches a minority of the others, its pieces' mean similarity looks
/// low, and it falls apart (3,000 reports of one event made up from its sentences came out as 27 stories, 6,000 as 65:
/// `eval/run big-story`). For two stories the mean text cosine over every cross pair is cheap to get exactly, as the
/// dot product of their summed unit vectors over the product of their sizes, so the pairs that were never scored
/// count after all.
/// <para>
/// Only where the cap took candidates away: both stories must be capped (at least half their articles had a heavy
/// word the cap silenced), one of them of at least <c>minSize</c> articles, the other of two or more (a lone article
/// is left to the lone-article step), and a scored pair must link them. They join, the most similar first, while that
/// mean, less the date penalty when their median days are further apart than the date gap, reaches
/// <c>minMean</c> (<see cref="StoryClusterOptions.LargeStoryJoinMean"/>) and <see cref="WithinShare"/> of the larger story's own mean. Between smaller stories the linkage's own
/// mean stands: the exact mean also counts the weak pairs the linkage drops and leaves out entities and dates, and
/// with it two events of one ECB+ topic joined. Without the share, two stories of one pattern on the generated stream
/// joined (precision 0.920 to 0.919 at 30,000 articles).
/// </para>
/// </summary>
internal static class LargeStories
{
    /// <summary>
    /// The share of the larger story's own mean similarity that its mean with the other must reach: a piece of a story
    /// is nearly as like it as its articles are like each other, another story of the same kind and days far less
    /// (0.72 and up for the pieces joined in `eval/run big-story`, 0.46 and 0.47 for the two stories of one pattern
    /// the generated stream of 30,000 articles would have joined).
    /// </summary>
    internal const double WithinShare = 0.6;

    /// <summary>The bar of the mean over cross pairs, below the linkage's cut (<see cref="StoryClusterOptions.LargeStoryJoinMean"/>).</summary>
    internal const double JoinMean = 0.2;

    /// <summary>A story's mean similarity over its pairs from the squared length of its summed unit vectors (the self pairs add its size).</summary>
    internal static double OwnMean(double squaredLength, int size) => (squaredLength - size) / ((double)size * (size - 1));

    /// <summary>The mean similarity over all pairs across two stories from the dot product of their summed unit vectors.</summary>
    internal static double CrossMean(double dot, int size, int otherSize) => dot / ((double)size * otherSize);

    public static void Join(
        int[] labels,
        TermVectors text,
        IReadOnlyList<int?> days,
        IReadOnlyList<bool> capped,
        IEnumerable<(int A, int B, double Similarity)> edges,
        int minSize,
        double minMean,
        int dateGapDays,
        double datePenalty)
    {
        var stories = BatchOrder.Clusters(labels).Where(c => c.Count >= 2).Select(c => c.ToList()).ToList();
        var cappedCount = stories.Select(s => s.Count(i => capped[i])).ToArray();
        bool Capped(int c) => 2 * cappedCount[c] >= stories[c].Count;
        bool Large(int c) => stories[c].Count >= minSize && Capped(c);
        if (!Enumerable.Range(0, stories.Count).Any(Large)) return;
        var indexOf = new Dictionary<int, int>();
        for (var c = 0; c < stories.Count; c++) indexOf[labels[stories[c][0]]] = c;

        // Only stories that some scored pair already links are compared: the others share no heavy word at all.
        var neighbours = new HashSet<int>[stories.Count];
        for (var c = 0; c < stories.Count; c++) neighbours[c] = [];
        foreach (var (a, b, _) in edges)
            if (indexOf.TryGetValue(labels[a], out var x) && indexOf.TryGetValue(labels[b], out var y) && x != y)
            {
                neighbours[x].Add(y);
                neighbours[y].Add(x);
            }

        var sums = new Dictionary<int, double>[stories.Count];
        var median = new int?[stories.Count];
        var within = new double?[stories.Count];
        var alive = new bool[stories.Count];
        for (var c = 0; c < stories.Count; c++)
        {
            sums[c] = [];
            foreach (var i in stories[c]) text.AddTo(i, sums[c]);
            median[c] = MedianDay(stories[c], days);
            alive[c] = true;
        }
        double Within(int c) => within[c] ??= OwnMean(Dot(sums[c], sums[c]), stories[c].Count);

        var means = new Dictionary<(int, int), double>();
        double Mean(int x, int y)
        {
            if (means.TryGetValue((x, y), out var known)) return known;
            var mean = CrossMean(Dot(sums[x], sums[y]), stories[x].Count, stories[y].Count);
            if (median[x] is { } dx && median[y] is { } dy && Math.Abs(dx - dy) > dateGapDays) mean -= datePenalty;
            if (mean < WithinShare * Within(stories[x].Count >= stories[y].Count ? x : y)) mean = double.NegativeInfinity;
            return means[(x, y)] = mean;
        }

        while (true)
        {
            var (bestX, bestY, best) = (-1, -1, double.NegativeInfinity);
            for (var x = 0; x < stories.Count; x++)
            {
                if (!alive[x] || !Capped(x)) continue;
                foreach (var y in neighbours[x])
                {
                    if (y <= x || !Capped(y) || !(Large(x) || Large(y))) continue;
                    var mean = Mean(x, y);
                    if (mean > best || (mean == best && (x, y).CompareTo((bestX, bestY)) < 0)) (bestX, bestY, best) = (x, y, mean);
                }
            }
            if (bestX < 0 || best < minMean) break;

            stories[bestX].AddRange(stories[bestY]);
            cappedCount[bestX] += cappedCount[bestY];
            foreach (var (term, weight) in sums[bestY]) sums[bestX][term] = sums[bestX].GetValueOrDefault(term) + weight;
            median[bestX] = MedianDay(stories[bestX], days);
            within[bestX] = null;
            alive[bestY] = false;
            foreach (var z in neighbours[bestX]) means.Remove(bestX < z ? (bestX, z) : (z, bestX));
            foreach (var z in neighbours[bestY])
            {
                means.Remove(bestY < z ? (bestY, z) : (z, bestY));
                if (z == bestX) continue;
                neighbours[z].Remove(bestY);
                neighbours[z].Add(bestX);
                neighbours[bestX].Add(z);
            }
            neighbours[bestX].Remove(bestY);
            neighbours[bestY].Clear();
        }

        for (var c = 0; c < stories.Count; c++)
        {
            if (!alive[c]) continue;
            var label = stories[c].Min();
            foreach (var i in stories[c]) labels[i] = label;
        }
    }

    private static double Dot(Dictionary<int, double> a, Dictionary<int, double> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        var dot = 0.0;
        foreach (var term in a.Keys.Order()) // summed in term order, so the result does not depend on the tables' history
            if (b.TryGetValue(term, out var w)) dot += a[term] * w;
        return dot;
    }

    /// <summary>The median day of a story's dated articles, or null when fewer than half are dated.</summary>
    private static int? MedianDay(List<int> members, IReadOnlyList<int?> days)
    {
        var dated = members.Where(i => days[i] is not null).Select(i => days[i]!.Value).Order().ToList();
        return 2 * dated.Count >= members.Count && dated.Count > 0 ? dated[dated.Count / 2] : null;
    }
}
