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
}
