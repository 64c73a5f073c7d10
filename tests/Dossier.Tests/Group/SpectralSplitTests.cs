using CsCheck;
using Dossier.Group;
using Xunit;

namespace Dossier.Tests.Group;

public sealed class SpectralSplitTests
{
    private static readonly SplitSettings Settings = new(Neighbours: 4, MaxCut: 0.2, MinPart: 3);

    /// <summary>Neighbour lists (both directions) from weighted pairs over <paramref name="n"/> items.</summary>
    private static List<(int Other, double Similarity)>[] Graph(int n, IEnumerable<(int A, int B, double S)> pairs)
    {
        var graph = new List<(int, double)>[n];
        for (var i = 0; i < n; i++) graph[i] = [];
        foreach (var (a, b, s) in pairs)
        {
            graph[a].Add((b, s));
            graph[b].Add((a, s));
        }
        return graph;
    }

    /// <summary>Every pair of a group at <paramref name="inside"/>, every pair across groups at <paramref name="across"/>.</summary>
    private static IEnumerable<(int, int, double)> Groups(int[] sizes, Func<int, int, double> inside, double across)
    {
        var group = sizes.SelectMany((size, g) => Enumerable.Repeat(g, size)).ToArray();
        for (var a = 0; a < group.Length; a++)
            for (var b = a + 1; b < group.Length; b++)
                yield return (a, b, group[a] == group[b] ? inside(a, b) : across);
    }

    private static double Jitter(int a, int b) => 0.5 + 0.01 * ((a * 7 + b * 13) % 10);

    [Fact]
    public void TwoEventsSharingManyWordsAreSplit()
    {
        // Across the two groups every pair is at 0.3, above the agglomeration's cut; inside at 0.5 to 0.6. Each
        // article's four nearest are all in its own group, so the neighbour graph has no tie across.
        var graph = Graph(12, Groups([7, 5], Jitter, 0.3));
        var parts = SpectralSplit.Split([.. Enumerable.Range(0, 12)], graph, Settings);
        Assert.Equal([[0, 1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11]], parts);
    }

    [Fact]
    public void OneEventStaysWhole()
    {
        var graph = Graph(12, Groups([12], Jitter, 0));
        var parts = SpectralSplit.Split([.. Enumerable.Range(0, 12)], graph, Settings);
        Assert.Single(parts);
    }

    [Fact]
    public void ThreeEventsAreSplitRecursively()
    {
        // Groups larger than the neighbour count, so each article's nearest are all in its own group.
        var graph = Graph(16, Groups([5, 6, 5], Jitter, 0.35));
        var parts = SpectralSplit.Split([.. Enumerable.Range(0, 16)], graph, Settings);
        Assert.Equal([[0, 1, 2, 3, 4], [5, 6, 7, 8, 9, 10], [11, 12, 13, 14, 15]], parts);
    }

    [Fact]
    public void APartSmallerThanTheMinimumIsNotSplitOff()
    {
        // Five articles of another event beside eight: a clean cut, taken only when parts of five are allowed.
        var graph = Graph(13, Groups([8, 5], Jitter, 0.2));
        Assert.Single(SpectralSplit.Split([.. Enumerable.Range(0, 13)], graph, Settings with { MinPart = 6 }));
        Assert.Equal([[0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12]], SpectralSplit.Split([.. Enumerable.Range(0, 13)], graph, Settings with { MinPart = 5 }));
    }

    [Fact]
    public void ALooselyKnitStoryIsNotSplitAtTheDefaultBound()
    {
        // Two halves whose articles each have one or two nearest neighbours across: the cut is not clean enough.
        var pairs = Groups([6, 6], Jitter, 0.3).Select(p => p.Item1 < 6 && p.Item2 >= 6 && (p.Item2 - p.Item1) % 3 == 0 ? (p.Item1, p.Item2, 0.7) : p).ToList();
        var graph = Graph(12, pairs);
        Assert.Single(SpectralSplit.Split([.. Enumerable.Range(0, 12)], graph, Settings));
        Assert.True(SpectralSplit.Split([.. Enumerable.Range(0, 12)], graph, Settings with { MaxCut = 1.5 }).Count > 1);
    }

    [Fact]
    public void ItemsOutsideTheStoryAreIgnored()
    {
        // Items 12 and 13 are closer to everything than anything inside, but they are not in the story.
        var pairs = Groups([7, 5], Jitter, 0.3).Concat(Enumerable.Range(0, 12).SelectMany(i => new[] { (i, 12, 0.99), (i, 13, 0.99) }));
        var graph = Graph(14, pairs);
        var parts = SpectralSplit.Split([.. Enumerable.Range(0, 12)], graph, Settings);
        Assert.Equal([[0, 1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11]], parts);
    }

    [Fact]
    public void AnyGraphIsSplitIntoAPartitionOfTheStoryWithPartsOfTheMinimumSize()
    {
        // Random sparse graphs with ties, zero and copy-level weights, and members that are only a subset of the items.
        var gen = Gen.Int[2, 40].SelectMany(n => Gen.Select(
            Gen.Select(Gen.Int[0, n - 1], Gen.Int[0, n - 1], Gen.OneOf(Gen.Double[0, 1], Gen.Const(0.0), Gen.Const(0.5), Gen.Const(0.9))).Array[0, 4 * n],
            Gen.Bool.Array[n],
            Gen.Int[1, 4],
            (pairs, inStory, minPart) => (n, pairs, inStory, minPart)));
        gen.Sample(c =>
        {
            var graph = Graph(c.n, c.pairs.Where(p => p.Item1 != p.Item2));
            var members = Enumerable.Range(0, c.n).Where(i => c.inStory[i]).ToArray();
            if (members.Length == 0) return;
            var settings = Settings with { MinPart = c.minPart };
            var parts = SpectralSplit.Split(members, graph, settings);
            Assert.Equal(members, parts.SelectMany(p => p).Order());
            Assert.All(parts, p => Assert.Equal(p.Order(), p));
            if (parts.Count > 1) Assert.All(parts, p => Assert.True(p.Length >= c.minPart));
            Assert.Equal(parts.Select(p => p.ToArray()).ToList(), SpectralSplit.Split(members, graph, settings)); // determined by the input
        }, iter: 300);
    }
}
