namespace Dossier.Eval;

/// <summary>Recall, precision and F1 of one coreference metric.</summary>
public sealed record CorefScore(double Recall, double Precision)
{
    public double F1 => Recall + Precision == 0 ? 0 : 2 * Recall * Precision / (Recall + Precision);

    /// <summary>Ratios summed over several parts (topics) before dividing, as the CoNLL scorer does over documents.</summary>
    internal static CorefScore Of(double recallNum, double recallDen, double precisionNum, double precisionDen)
        => new(recallDen == 0 ? 0 : recallNum / recallDen, precisionDen == 0 ? 0 : precisionNum / precisionDen);
}

/// <summary>MUC, B-cubed and CEAF-e with their numerators and denominators, so parts can be summed.</summary>
public sealed record CorefCounts(
    double MucRecallNum, double MucRecallDen, double MucPrecisionNum, double MucPrecisionDen,
    double B3RecallNum, double B3RecallDen, double B3PrecisionNum, double B3PrecisionDen,
    double CeafRecallNum, double CeafRecallDen, double CeafPrecisionNum, double CeafPrecisionDen)
{
    public static readonly CorefCounts Zero = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public CorefScore Muc => CorefScore.Of(MucRecallNum, MucRecallDen, MucPrecisionNum, MucPrecisionDen);
    public CorefScore BCubed => CorefScore.Of(B3RecallNum, B3RecallDen, B3PrecisionNum, B3PrecisionDen);
    public CorefScore CeafE => CorefScore.Of(CeafRecallNum, CeafRecallDen, CeafPrecisionNum, CeafPrecisionDen);
    /// <summary>The CoNLL-2012 figure: the mean of the MUC, B-cubed and CEAF-e F1.</summary>
    public double Conll => (Muc.F1 + BCubed.F1 + CeafE.F1) / 3;

    public static CorefCounts operator +(CorefCounts a, CorefCounts b) => new(
        a.MucRecallNum + b.MucRecallNum, a.MucRecallDen + b.MucRecallDen, a.MucPrecisionNum + b.MucPrecisionNum, a.MucPrecisionDen + b.MucPrecisionDen,
        a.B3RecallNum + b.B3RecallNum, a.B3RecallDen + b.B3RecallDen, a.B3PrecisionNum + b.B3PrecisionNum, a.B3PrecisionDen + b.B3PrecisionDen,
        a.CeafRecallNum + b.CeafRecallNum, a.CeafRecallDen + b.CeafRecallDen, a.CeafPrecisionNum + b.CeafPrecisionNum, a.CeafPrecisionDen + b.CeafPrecisionDen);
}

/// <summary>
/// The coreference metrics of the CoNLL-2012 scorer (Pradhan et al. 2014, "Scoring coreference partitions"): MUC
/// (links), B-cubed (per mention) and entity-based CEAF with the phi4 similarity and an optimal one-to-one alignment.
/// Key and response are partitions of mentions; a mention missing from one side counts as absent from it.
/// </summary>
public static class CorefMetrics
{
    public static CorefCounts Score<T>(IReadOnlyList<IReadOnlyList<T>> key, IReadOnlyList<IReadOnlyList<T>> response) where T : notnull
    {
        var keySets = key.Where(c => c.Count > 0).Select(c => c.ToHashSet()).ToList();
        var responseSets = response.Where(c => c.Count > 0).Select(c => c.ToHashSet()).ToList();
        var (mucRn, mucRd) = MucPart(keySets, responseSets);
        var (mucPn, mucPd) = MucPart(responseSets, keySets);
        var (b3Rn, b3Rd) = BCubedPart(keySets, responseSets);
        var (b3Pn, b3Pd) = BCubedPart(responseSets, keySets);
        var similarity = CeafSimilarity(keySets, responseSets);
        return new CorefCounts(mucRn, mucRd, mucPn, mucPd, b3Rn, b3Rd, b3Pn, b3Pd, similarity, keySets.Count, similarity, responseSets.Count);
    }

    /// <summary>MUC recall of <paramref name="gold"/> by <paramref name="other"/>: links kept over links needed.</summary>
    private static (double Num, double Den) MucPart<T>(List<HashSet<T>> gold, List<HashSet<T>> other) where T : notnull
    {
        var owner = Owners(other);
        double num = 0, den = 0;
        foreach (var cluster in gold)
        {
            // Mentions the other side leaves out each form a part of their own.
            var partCount = cluster.Count(m => !owner.ContainsKey(m)) + cluster.Where(owner.ContainsKey).Select(m => owner[m]).Distinct().Count();
            num += cluster.Count - partCount;
            den += cluster.Count - 1;
        }
        return (num, den);
    }

    /// <summary>B-cubed recall of <paramref name="gold"/> by <paramref name="other"/>, summed over gold mentions.</summary>
    private static (double Num, double Den) BCubedPart<T>(List<HashSet<T>> gold, List<HashSet<T>> other) where T : notnull
    {
        var owner = Owners(other);
        double num = 0, den = 0;
        foreach (var cluster in gold)
        {
            den += cluster.Count;
            foreach (var group in cluster.Where(owner.ContainsKey).GroupBy(m => owner[m]))
            {
                var shared = group.Count();
                num += (double)shared * shared / cluster.Count;
            }
        }
        return (num, den);
    }

    private static Dictionary<T, int> Owners<T>(List<HashSet<T>> clusters) where T : notnull
    {
        var owner = new Dictionary<T, int>();
        for (var i = 0; i < clusters.Count; i++)
            foreach (var m in clusters[i]) owner.TryAdd(m, i);
        return owner;
    }

    /// <summary>The best total phi4 similarity (2|K∩R| / (|K|+|R|)) over one-to-one alignments of key and response entities.</summary>
    private static double CeafSimilarity<T>(List<HashSet<T>> key, List<HashSet<T>> response) where T : notnull
    {
        if (key.Count == 0 || response.Count == 0) return 0;
        var owner = Owners(response);
        var n = Math.Max(key.Count, response.Count);
        var weight = new double[n, n];
        for (var k = 0; k < key.Count; k++)
            foreach (var group in key[k].Where(owner.ContainsKey).GroupBy(m => owner[m]))
                weight[k, group.Key] = 2.0 * group.Count() / (key[k].Count + response[group.Key].Count);
        return MaxAssignment(weight, n);
    }

    /// <summary>The Hungarian method (Kuhn-Munkres, O(n³)) on a square weight matrix, maximising the total weight.</summary>
    public static double MaxAssignment(double[,] weight, int n)
    {
        // Minimise the negated weights with potentials u, v and the column matching p (1-based, 0 is a sentinel).
        var u = new double[n + 1];
        var v = new double[n + 1];
        var p = new int[n + 1];
        var way = new int[n + 1];
        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            var minv = new double[n + 1];
            var used = new bool[n + 1];
            Array.Fill(minv, double.PositiveInfinity);
            do
            {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                for (var j = 1; j <= n; j++)
                {
                    if (used[j]) continue;
                    var cur = -weight[i0 - 1, j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) { minv[j] = cur; way[j] = j0; }
                    if (minv[j] < delta) { delta = minv[j]; j1 = j; }
                }
                for (var j = 0; j <= n; j++)
                {
                    if (used[j]) { u[p[j]] += delta; v[j] -= delta; }
                    else minv[j] -= delta;
                }
                j0 = j1;
            } while (p[j0] != 0);
            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        double total = 0;
        for (var j = 1; j <= n; j++)
            if (p[j] != 0) total += weight[p[j] - 1, j - 1];
        return total;
    }
}
