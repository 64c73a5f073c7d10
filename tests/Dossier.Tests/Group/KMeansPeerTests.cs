using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Group;

public sealed class KMeansPeerTests
{
    // Three events told in words of their own, four reports each, with a few words all reports share.
    private static readonly string[] Texts =
    [
        "earthquake shook the island villages, the quake injured residents said the governor",
        "a strong quake struck the island; villages damaged and residents injured, the governor said",
        "the island earthquake damaged houses in two villages, the governor said residents were hurt",
        "residents of island villages hurt as earthquake hits, governor says",
        "robbers stole diamonds from the jewellery store, police said the thieves wore wigs",
        "armed thieves in wigs robbed the jewellery store of diamonds, police said",
        "police hunt robbers who took diamonds from a jewellery store, thieves disguised in wigs",
        "diamonds worth millions stolen by robbers in wigs from jewellery store, police said",
        "the team offered the pitcher a contract worth millions over eight years, the agent said",
        "pitcher receives an eight years contract offer from the team, his agent said",
        "agent confirms the team made the pitcher a contract offer for eight years",
        "the team's contract offer to the pitcher spans eight years, said the agent",
    ];

    private static int[] Truth => [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

    [Fact]
    public void Tf_idf_vectors_have_length_one_and_weigh_a_word_every_text_holds_least()
    {
        var vectors = KMeansPeer.Vectors(Texts);
        Assert.All(vectors, v => Assert.Equal(1, Math.Sqrt(v.Weights.Sum(w => w * w)), 9));
        // "said" is in 10 of 12 texts and "quake" in 2: in the second text (once each) "quake" weighs more.
        var second = KMeansPeer.Vectors(["said quake", "said", "said", "said"])[0];
        Assert.True(second.Weights[1] > second.Weights[0]);
        Assert.Empty(KMeansPeer.Vectors(["a", ""])[0].Terms);  // one-letter words are not words
    }

    [Fact]
    public void K_means_with_the_right_k_finds_events_told_in_words_of_their_own()
    {
        var labels = KMeansPeer.Cluster(KMeansPeer.Vectors(Texts), 3);
        Assert.Equal(Partition(Truth), Partition(labels));
        // The same seed gives the same clusters; k out of range is refused.
        Assert.Equal(labels, KMeansPeer.Cluster(KMeansPeer.Vectors(Texts), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => KMeansPeer.Cluster(KMeansPeer.Vectors(Texts), 13));
    }

    [Fact]
    public void The_silhouette_picks_the_number_of_events()
    {
        var (labels, k) = KMeansPeer.ClusterBySilhouette(KMeansPeer.Vectors(Texts), 2, 6);
        Assert.Equal(3, k);
        Assert.Equal(Partition(Truth), Partition(labels));
    }

    [Fact]
    public void The_silhouette_is_high_for_tight_clusters_and_low_for_mixed_ones()
    {
        // Points on a line: {0, 1} and {10, 11}.
        double[] x = [0, 1, 10, 11];
        var distance = new double[4, 4];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 4; j++) distance[i, j] = Math.Abs(x[i] - x[j]);
        // Point 0: a = 1, b = mean(10, 11) = 10.5, s = 9.5 / 10.5; point 1: b = mean(9, 10), s = 8.5 / 9.5; 2 and 3 mirror them.
        var tight = KMeansPeer.Silhouette(distance, [0, 0, 1, 1]);
        var expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;
        Assert.Equal(expected, tight, 9);
        Assert.True(KMeansPeer.Silhouette(distance, [0, 1, 0, 1]) < 0);
    }

    private static string Partition(int[] labels) =>
        string.Join('|', Enumerable.Range(0, labels.Length).GroupBy(i => labels[i]).Select(g => string.Join(',', g)).Order());
}
