using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Group;

public sealed class ClusterEvalTests
{
    [Theory]
    [InlineData(new[] { 36, 37, 38, 39, 40, 41, 42, 43, 44, 45 }, "36-45")]
    [InlineData(new[] { 20, 3, 1, 2, 3, 22, 23 }, "1-3,20,22-23")]
    [InlineData(new[] { 7 }, "7")]
    [InlineData(new int[0], "none")]
    public void The_topics_read_are_named_as_they_are_so_a_held_out_set_is_not_reported_as_the_development_one(int[] topics, string expected) =>
        Assert.Equal(expected, ClusterEval.TopicRanges(topics));

    [Fact]
    public void A_draw_of_topics_is_distinct_topics_of_the_set_and_repeats_for_its_seed()
    {
        var topics = Enumerable.Range(1, 35).Where(t => t is not 15 and not 17).ToArray();
        var first = ClusterEval.DrawTopics(topics, 10, seed: 1);
        Assert.Equal(10, first.Count);
        Assert.All(first, t => Assert.Contains(t, topics));
        Assert.Equal(first.Order(), ClusterEval.DrawTopics(topics, 10, seed: 1).Order());
        // Over many seeds the draws differ and reach every topic: not one fixed set.
        var seen = Enumerable.Range(1, 200).Select(seed => ClusterEval.DrawTopics(topics, 10, seed)).ToList();
        Assert.True(seen.Select(d => string.Join(',', d.Order())).Distinct().Count() > 190);
        Assert.Equal(topics.Length, seen.SelectMany(d => d).Distinct().Count());
        Assert.Throws<ArgumentException>(() => ClusterEval.DrawTopics(topics, topics.Length + 1, seed: 1));
    }

    private static readonly Dictionary<string, string> Gold = new(StringComparer.Ordinal)
    {
        ["a1"] = "A", ["a2"] = "A", ["a3"] = "A", ["b1"] = "B", ["b2"] = "B",
    };

    [Fact]
    public void The_command_output_is_scored_against_the_gold_events_of_its_ids()
    {
        var perfect = ClusterOutputEval.Score("""{"clusters":[["a1","a2","a3"],["b2","b1"]]}""", Gold);
        Assert.Equal((5, 2, 2, 1.0, 1.0), (perfect.Articles, perfect.Clusters, perfect.Events, perfect.BCubedPrecision, perfect.BCubedRecall));

        // a3 put with the B reports: B-cubed P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 for a1, a2, a3, b1, b2; R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5.
        var joined = ClusterOutputEval.Score("""{"clusters":[["a1","a2"],["a3","b1","b2"]]}""", Gold);
        Assert.Equal((1 + 1 + 1 / 3.0 + 2 / 3.0 + 2 / 3.0) / 5, joined.BCubedPrecision, 12);
        Assert.Equal((2 / 3.0 + 2 / 3.0 + 1 / 3.0 + 1 + 1) / 5, joined.BCubedRecall, 12);
        // Pairs put together: a1-a2, a3-b1, a3-b2, b1-b2, of which 2 share an event; same-event pairs: 3 of A, 1 of B.
        Assert.Equal((2 / 4.0, 2 / 4.0), (joined.PairwisePrecision, joined.PairwiseRecall));
    }

    [Theory]
    [InlineData("""{"clusters":[["a1","a2","a3"],["b1"]]}""", "1 gold articles are in no cluster, first b2")]
    [InlineData("""{"clusters":[["a1","a2","a3"],["b1","b2","a1"]]}""", "a1: in more than one cluster")]
    [InlineData("""{"clusters":[["a1","a2","a3","b1","b2","c9"]]}""", "c9: not in gold.json")]
    [InlineData("""{"stories":[]}""", "the output has no \"clusters\" array")]
    [InlineData("""{"clusters":["a1"]}""", "a cluster is not an array of ids")]
    [InlineData("""{"clusters":[[1]]}""", "a cluster holds an id that is not a string")]
    [InlineData("""{"clusters":[["a1"]""", "the output is not JSON")]
    public void Output_that_does_not_cover_the_gold_articles_exactly_once_is_refused_not_scored(string json, string message)
    {
        var e = Assert.Throws<EvalUsageException>(() => ClusterOutputEval.Score(json, Gold));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
