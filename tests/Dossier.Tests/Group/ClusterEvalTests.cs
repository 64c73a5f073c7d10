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
}
