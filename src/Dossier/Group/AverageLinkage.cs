namespace Dossier.Group;

/// <summary>
/// Average-linkage agglomerative clustering over a sparse similarity graph: pairs without an edge count as 0.
/// Repeatedly merges the two clusters with the highest mean cross-pair similarity while it reaches the threshold.
/// Ties go to the pair with the smaller indexes, so the result is fully determined by the input.
/// </summary>
internal static class AverageLinkage
{
    /// <summary>
    /// Returns a cluster label for each of the <paramref name="n"/> items: the index of one of the cluster's members (the
    /// one that survived its merges, not necessarily the smallest), the same for every member.
    /// </summary>
    public static int[] Cluster(int n, List<(int A, int B, double Similarity)> edges, double threshold)
    {
        var size = new int[n];
        var version = new int[n];
        var parent = new int[n];
        var links = new Dictionary<int, double>?[n]; // cluster -> (neighbour cluster -> sum of edge similarities)
        for (var i = 0; i < n; i++)
        {
            size[i] = 1;
            parent[i] = i;
        }
        foreach (var (a, b, s) in edges)
        {
            if (a == b) continue;
            var la = links[a] ??= [];
            var lb = links[b] ??= [];
            la[b] = la.GetValueOrDefault(b) + s;
            lb[a] = lb.GetValueOrDefault(a) + s;
        }

        var queue = new PriorityQueue<Merge, Merge>(MergeOrder.Instance);
        for (var a = 0; a < n; a++)
        {
            if (links[a] is not { } neighbours) continue;
            foreach (var (b, sum) in neighbours)
                if (a < b) Offer(queue, a, b, sum / ((double)size[a] * size[b]), version, threshold);
        }

        while (queue.TryDequeue(out var merge, out _))
        {
            var (a, b) = (merge.A, merge.B);
            if (version[a] != merge.VersionA || version[b] != merge.VersionB) continue; // stale
            // The cluster with more neighbours survives, so only the other one's neighbours need relabelling.
            var (into, from) = (links[b]?.Count ?? 0) > (links[a]?.Count ?? 0) ? (b, a) : (a, b);
            var target = links[into] ?? [];
            var source = links[from] ?? [];
            target.Remove(from);
            source.Remove(into);
            foreach (var (c, sum) in source)
            {
                target[c] = target.GetValueOrDefault(c) + sum;
                var other = links[c]!;
                other.Remove(from);
                other[into] = other.GetValueOrDefault(into) + sum;
            }
            links[into] = target;
            links[from] = null;
            size[into] += size[from];
            size[from] = 0;
            parent[from] = into;
            version[into]++;
            version[from]++;
            foreach (var (c, sum) in target)
            {
                var (x, y) = into < c ? (into, c) : (c, into);
                Offer(queue, x, y, sum / ((double)size[into] * size[c]), version, threshold);
            }
        }

        var labels = new int[n];
        for (var i = 0; i < n; i++)
        {
            var root = i;
            while (parent[root] != root) root = parent[root];
            labels[i] = root;
        }
        return labels;
    }

    private static void Offer(PriorityQueue<Merge, Merge> queue, int a, int b, double average, int[] version, double threshold)
    {
        if (average < threshold) return;
        var merge = new Merge(a, b, average, version[a], version[b]);
        queue.Enqueue(merge, merge);
    }

    private readonly record struct Merge(int A, int B, double Average, int VersionA, int VersionB);

    /// <summary>Highest average first; ties by the smaller pair of indexes.</summary>
    private sealed class MergeOrder : IComparer<Merge>
    {
        public static readonly MergeOrder Instance = new();

        public int Compare(Merge x, Merge y)
        {
            var c = y.Average.CompareTo(x.Average);
            if (c != 0) return c;
            c = x.A.CompareTo(y.A);
            return c != 0 ? c : x.B.CompareTo(y.B);
        }
    }
}
