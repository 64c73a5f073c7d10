namespace Dossier.Group;

/// <summary>
/// Splits a story whose articles form two groups that are each tightly knit but only loosely tied to each other:
/// two events of one kind (two offers for one player, two title fights of one boxer) share so many words that the
/// mean similarity across them passes any cut that keeps single events whole, yet each article's nearest
/// neighbours are still almost all of its own event (on ECB+ the nearest is of the same event for 98% of articles).
/// So the split reads the story's k-nearest-neighbour graph rather than raw similarities: the graph's best
/// normalised cut (Shi and Malik 2000), found by a sweep over its second eigenvector, splits the story when the
/// cut is below a bound, and both halves are tried again.
/// </summary>
internal static class SpectralSplit
{
    /// <summary>
    /// Returns the groups <paramref name="members"/> (ascending item indexes) falls into: itself alone when no cut
    /// is good enough. <paramref name="neighbours"/> lists each item's similar items with their similarity (the
    /// clusterer's candidate edges, both directions); items outside the story are ignored.
    /// </summary>
    public static List<int[]> Split(
        int[] members, IReadOnlyList<List<(int Other, double Similarity)>> neighbours, SplitSettings settings, Func<int[], int[], bool>? confirm = null)
    {
        var result = new List<int[]>();
        var pending = new Stack<int[]>();
        pending.Push(members);
        while (pending.Count > 0)
        {
            var story = pending.Pop();
            if (story.Length < 2 * settings.MinPart || BestCut(story, neighbours, settings) is not { } part)
            {
                result.Add(story);
                continue;
            }
            var inPart = new HashSet<int>(part);
            var rest = story.Where(x => !inPart.Contains(x)).ToArray();
            if (confirm is not null && !confirm(part, rest))
            {
                result.Add(story);
                continue;
            }
            pending.Push(rest);
            pending.Push(part);
        }
        result.Sort((a, b) => a[0].CompareTo(b[0]));
        return result;
    }

    /// <summary>
    /// The checks both clusterers put a split through: each part has names of its own (when <paramref name="names"/> is
    /// given; <see cref="NamesTellApart"/>) and the parts are not dated over the same days (when
    /// <paramref name="spareDays"/> is given; <see cref="OverSameDays"/>).
    /// </summary>
    public static bool PartsTellApart(int[] a, int[] b, Func<int, string[]>? names, Func<int, int?> day, int? spareDays) =>
        (names is null || NamesTellApart(a, b, names)) && (spareDays is not { } gap || !OverSameDays(a, b, day, gap));

    /// <summary>
    /// True when each side has a name (or a year) that at least 40% of its articles use and at most 20% of the other
    /// side's do: two events of one kind differ in who, where or when; two phases of one event, or its wire
    /// copy and its rewrites, do not.
    /// </summary>
    private static bool NamesTellApart(int[] a, int[] b, Func<int, string[]> names)
    {
        var inA = Count(a, names);
        var inB = Count(b, names);
        return HasOwnName(inA, a.Length, inB, b.Length) && HasOwnName(inB, b.Length, inA, a.Length);

        static Dictionary<string, int> Count(int[] items, Func<int, string[]> names)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var i in items)
                foreach (var name in names(i)) counts[name] = counts.GetValueOrDefault(name) + 1;
            return counts;
        }

        static bool HasOwnName(Dictionary<string, int> side, int sideSize, Dictionary<string, int> other, int otherSize)
        {
            foreach (var (name, count) in side)
                if (count >= 0.4 * sideSize && other.GetValueOrDefault(name) <= 0.2 * otherSize) return true;
            return false;
        }
    }

    /// <summary>
    /// True when both parts are dated (at least half their articles, to the day) over days that overlap or lie within
    /// <paramref name="gapDays"/> of each other: reports of one story that come over the same days, told from two angles
    /// (a star checks into one clinic, leaves it, checks into another), rather than two events of one kind, which a
    /// joined story holds when they lie apart in time (two title fights of one boxer, months apart).
    /// </summary>
    private static bool OverSameDays(int[] a, int[] b, Func<int, int?> day, int gapDays)
    {
        if (Days(a, day) is not var (fromA, toA) || Days(b, day) is not var (fromB, toB)) return false;
        return toA + gapDays >= fromB && toB + gapDays >= fromA;

        // The first and last day of a part whose articles are at least half dated to the day.
        static (int From, int To)? Days(int[] side, Func<int, int?> day)
        {
            var dated = side.Select(day).OfType<int>().ToList();
            return dated.Count * 2 >= side.Length ? (dated.Min(), dated.Max()) : null;
        }
    }

    /// <summary>
    /// One side (ascending) of the story's best normalised cut when that is below the bound and leaves both sides
    /// at least the minimum of distinct articles; otherwise null.
    /// </summary>
    private static int[]? BestCut(int[] story, IReadOnlyList<List<(int Other, double Similarity)>> neighbours, SplitSettings settings)
    {
        var m = story.Length;
        var local = new Dictionary<int, int>(m);
        for (var i = 0; i < m; i++) local[story[i]] = i;

        // Symmetric k-nearest-neighbour graph inside the story: an edge when either article is among the other's k
        // most similar (ties by index), weighted by their similarity.
        var graph = new Dictionary<int, double>[m];
        var copies = new UnionFind(m);
        for (var i = 0; i < m; i++) graph[i] = [];
        var candidates = new List<(int Local, double Similarity)>();
        for (var i = 0; i < m; i++)
        {
            candidates.Clear();
            foreach (var (other, similarity) in neighbours[story[i]])
                if (similarity > 0 && local.TryGetValue(other, out var j) && j != i) candidates.Add((j, similarity));
            candidates.Sort((x, y) => x.Similarity != y.Similarity ? y.Similarity.CompareTo(x.Similarity) : x.Local.CompareTo(y.Local));
            // Copies of one article are linked but do not use up the k places: otherwise an article and three
            // copies of it fill each other's lists and fall off the story as a group of their own.
            var taken = 0;
            foreach (var (j, w) in candidates)
            {
                var copy = w >= settings.CopySimilarity;
                if (!copy && taken == settings.Neighbours) break;
                if (!copy) taken++;
                else copies.Union(i, j);
                graph[i][j] = Math.Max(graph[i].GetValueOrDefault(j), w);
                graph[j][i] = Math.Max(graph[j].GetValueOrDefault(i), w);
            }
        }
        var strength = new double[m]; // summed edge weights
        var degree = new double[m];
        var volume = 0.0;
        for (var i = 0; i < m; i++)
        {
            foreach (var w in graph[i].Values) strength[i] += w;
            degree[i] = strength[i] > 0 ? strength[i] : 1e-9; // an article with no neighbour in the story: any side will do
            volume += degree[i];
        }

        var fiedler = SecondEigenvector(graph, degree, settings.Iterations);
        var order = new int[m];
        for (var i = 0; i < m; i++) order[i] = i;
        var key = new double[m];
        for (var i = 0; i < m; i++) key[i] = fiedler[i] / Math.Sqrt(degree[i]);
        Array.Sort(order, (x, y) => key[x] != key[y] ? key[x].CompareTo(key[y]) : x.CompareTo(y));

        // Sweep: move articles one by one to the left side, keeping the cut weight up to date. Sides are measured in
        // distinct articles, a group of copies counting once.
        var groupSize = new int[m];
        for (var i = 0; i < m; i++) groupSize[copies.Find(i)]++;
        var leftOfGroup = new int[m];
        var distinctTotal = groupSize.Count(g => g > 0);
        var distinctLeft = 0;
        var groupsDone = 0;
        var left = new bool[m];
        var cut = 0.0;
        var leftVolume = 0.0;
        var best = double.PositiveInfinity;
        var bestSize = -1;
        for (var c = 0; c < m - 1; c++)
        {
            var x = order[c];
            var toLeft = 0.0;
            foreach (var (j, w) in graph[x])
                if (left[j]) toLeft += w;
            cut += strength[x] - 2 * toLeft;
            left[x] = true;
            leftVolume += degree[x];
            var group = copies.Find(x);
            if (leftOfGroup[group]++ == 0) distinctLeft++;
            if (leftOfGroup[group] == groupSize[group]) groupsDone++;
            var size = c + 1;
            // Both sides need MinPart distinct articles, and no group of copies may be cut in two.
            if (distinctLeft < settings.MinPart || distinctTotal - groupsDone < settings.MinPart || distinctLeft != groupsDone) continue;
            var normalised = cut / leftVolume + cut / (volume - leftVolume);
            if (normalised < best)
            {
                best = normalised;
                bestSize = size;
            }
        }
        if (bestSize < 0 || best >= settings.MaxCut) return null;
        var part = new int[bestSize];
        for (var c = 0; c < bestSize; c++) part[c] = story[order[c]];
        Array.Sort(part);
        return part;
    }

    /// <summary>
    /// Second eigenvector of the normalised adjacency D^-1/2 W D^-1/2 by power iteration on its shifted form
    /// (I + A) / 2, whose eigenvalues lie in [0, 1], with the known first eigenvector (the square roots of the
    /// degrees) projected out. The start vector is fixed, so the result is determined by the graph.
    /// </summary>
    private static double[] SecondEigenvector(Dictionary<int, double>[] graph, double[] degree, int iterations)
    {
        var m = degree.Length;
        var first = new double[m];
        var norm = 0.0;
        for (var i = 0; i < m; i++) norm += degree[i];
        norm = Math.Sqrt(norm);
        for (var i = 0; i < m; i++) first[i] = Math.Sqrt(degree[i]) / norm;
        var scale = new double[m];
        for (var i = 0; i < m; i++) scale[i] = 1 / Math.Sqrt(degree[i]);

        var v = new double[m];
        for (var i = 0; i < m; i++) v[i] = Math.Sin(1.0 + 12.9898 * i) + 0.5 * Math.Cos(0.5 + 78.233 * i); // fixed, not symmetric
        var next = new double[m];
        Orthonormalise(v, first);
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            for (var i = 0; i < m; i++)
            {
                var sum = 0.0;
                foreach (var (j, w) in graph[i]) sum += w * scale[j] * v[j];
                next[i] = 0.5 * (v[i] + scale[i] * sum);
            }
            Orthonormalise(next, first);
            var change = 0.0;
            for (var i = 0; i < m; i++) change += (next[i] - v[i]) * (next[i] - v[i]);
            (v, next) = (next, v);
            if (change < 1e-20) break;
        }
        return v;
    }

    private static void Orthonormalise(double[] v, double[] first)
    {
        var dot = 0.0;
        for (var i = 0; i < v.Length; i++) dot += v[i] * first[i];
        var norm = 0.0;
        for (var i = 0; i < v.Length; i++)
        {
            v[i] -= dot * first[i];
            norm += v[i] * v[i];
        }
        norm = Math.Sqrt(norm);
        if (norm == 0) return;
        for (var i = 0; i < v.Length; i++) v[i] /= norm;
    }
}

/// <summary>
/// How <see cref="SpectralSplit"/> reads a story: neighbours per article, the cut bound, the smallest part (in
/// distinct articles), the similarity from which two articles count as copies of one, and the power iterations allowed
/// (on ECB+ 100 gave the same splits as 2,000).
/// </summary>
internal readonly record struct SplitSettings(int Neighbours, double MaxCut, int MinPart, double CopySimilarity = 0.8, int Iterations = 300);

/// <summary>Disjoint sets over 0..n-1 with path halving.</summary>
internal sealed class UnionFind(int n)
{
    private readonly int[] _parent = Enumerable.Range(0, n).ToArray();

    public int Find(int x)
    {
        while (_parent[x] != x) x = _parent[x] = _parent[_parent[x]];
        return x;
    }

    public void Union(int a, int b)
    {
        var (ra, rb) = (Find(a), Find(b));
        if (ra != rb) _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
