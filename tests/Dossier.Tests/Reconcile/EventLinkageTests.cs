using CsCheck;
using Dossier.Reconcile;
using Xunit;

namespace Dossier.Tests.Reconcile;

/// <summary>Guarded single linkage, checked against a plain reading of its definition.</summary>
public sealed class EventLinkageTests
{
    /// <summary>The definition: strongest pairs first; a join is refused when the mean over all pairs of the two clusters is below the guard.</summary>
    private static List<List<int>> Reference(double[,] score, int n, double threshold, double guard)
    {
        var pairs = new List<(double P, int I, int J)>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (score[i, j] >= threshold) pairs.Add((score[i, j], i, j));
        pairs.Sort((x, y) => y.P.CompareTo(x.P));
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var of = Enumerable.Range(0, n).ToArray();
        foreach (var (_, i, j) in pairs)
        {
            int ci = of[i], cj = of[j];
            if (ci == cj) continue;
            var sum = 0.0;
            foreach (var x in clusters[ci])
                foreach (var y in clusters[cj]) sum += score[x, y];
            if (sum / (clusters[ci].Count * clusters[cj].Count) < guard) continue;
            foreach (var m in clusters[cj]) of[m] = ci;
            clusters[ci].AddRange(clusters[cj]);
            clusters[cj] = [];
        }
        return clusters.Where(c => c.Count > 0).ToList();
    }

    private static string Canonical(List<List<int>> clusters)
        => string.Join(" | ", clusters.Select(c => string.Join(",", c.Order())).Order(StringComparer.Ordinal));

    [Fact]
    public void Incremental_sums_give_the_same_clusters_as_the_definition()
    {
        // Probabilities on a grid of tenths keep sums exact enough that both agree on every comparison with the guard.
        Gen.Int[2, 14].SelectMany(n => Gen.Int[0, 10].Array[n * n].Select(v => (n, v)))
            .Select(Gen.Int[3, 8], Gen.Int[0, 5])
            .Sample(x =>
            {
                var ((n, values), threshold, guard) = x;
                var score = new double[n, n];
                for (var i = 0; i < n; i++)
                    for (var j = i + 1; j < n; j++)
                        score[i, j] = score[j, i] = values[i * n + j] / 10.0;
                var (t, g) = (threshold / 10.0 - 1e-9, guard / 10.0 - 1e-9);
                Assert.Equal(Canonical(Reference(score, n, t, g)), Canonical(EventPairModel.JoinGuarded(score, n, t, g)));
            }, iter: 500);
    }

    [Fact]
    public void A_weak_bridge_does_not_chain_two_events_when_guarded()
    {
        // 0-1 and 2-3 are strong pairs; 1-2 reaches the threshold but the two pairs share little else.
        var score = new double[4, 4];
        void Set(int i, int j, double p) { score[i, j] = p; score[j, i] = p; }
        Set(0, 1, 0.95); Set(2, 3, 0.95); Set(1, 2, 0.7);
        Assert.Equal("0,1 | 2,3", Canonical(EventPairModel.JoinGuarded(score, 4, 0.6, 0.3)));
        Assert.Equal("0,1,2,3", Canonical(EventPairModel.JoinGuarded(score, 4, 0.6, 0)));
    }
}
