using Dossier.Reconcile;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class EventMatchTests
{
    private static HashSet<string> S(params string[] items) => new(items, StringComparer.Ordinal);

    /// <summary>Dates veto, participants count: the settings a claim aligner wanting strict dates would use.</summary>
    private static readonly EventMatchOptions Strict = new() { Threshold = 3, ParticipantWeight = 1, TimeWeight = 1, TimeConflictPenalty = double.PositiveInfinity, PlaceWeight = 0, PlaceConflictPenalty = 0 };

    private static EventContext Attack(string source, string[] participants, string[] times, string[]? places = null, string[]? words = null) =>
        new(source, "attack", S(participants), S(places ?? []), S(times), S(words ?? []));

    [Fact]
    public void Two_attacks_with_dates_a_year_apart_are_different_events_even_with_the_same_participants()
    {
        var match = new EventMatch(Strict);
        var a = Attack("a1", ["hamas", "israel"], ["2008-12-27"], words: ["gaza", "rocket", "strip"]);
        var b = Attack("a2", ["hamas", "israel"], ["2009-12-27"], words: ["gaza", "rocket", "strip"]);
        Assert.False(match.Same(a, b));
        Assert.Equal(double.NegativeInfinity, match.Score(a, b));
    }

    [Fact]
    public void The_same_head_with_shared_participants_and_one_date_is_one_event()
    {
        var match = new EventMatch(Strict);
        var a = Attack("a1", ["hamas", "israel"], ["2008-12-27"], words: ["gaza"]);
        var b = Attack("a2", ["hamas", "israel"], ["2008-12-28"], words: ["gaza"]); // a day apart: within the tolerance
        Assert.True(match.Same(a, b));
        Assert.False(match.Same(a, b with { Head = "arrest" }));
    }

    [Fact]
    public void A_year_alone_is_compatible_with_a_day_of_that_year_but_not_of_another()
    {
        var match = new EventMatch(Strict with { Threshold = 2, TimeWeight = 0 });
        var a = Attack("a1", ["hamas", "israel"], ["2008"]);
        Assert.True(match.Same(a, Attack("a2", ["hamas", "israel"], ["2008-12-27"])));
        Assert.False(match.Same(a, Attack("a2", ["hamas", "israel"], ["2009-01-02"])));
        Assert.True(match.Same(a, Attack("a2", ["hamas", "israel"], ["PRESENT_REF", "P3D"]))); // no calendar date: nothing to compare
    }

    [Fact]
    public void Shared_context_words_raise_the_score_one_by_one_and_decide_without_arguments()
    {
        var match = new EventMatch(Strict);
        var two = Attack("a1", [], [], words: ["gaza", "rocket", "school"]);
        var other = Attack("a2", [], [], words: ["gaza", "rocket", "market"]);
        var three = Attack("a2", [], [], words: ["gaza", "rocket", "school", "market"]);
        Assert.Equal(2, match.Score(two, other));
        Assert.False(match.Same(two, other));
        Assert.Equal(3, match.Score(two, three));
        Assert.True(match.Same(two, three));
    }

    [Fact]
    public void Places_that_differ_lower_the_score_by_the_penalty()
    {
        var match = new EventMatch(Strict with { PlaceWeight = 1, PlaceConflictPenalty = 2, ParticipantWeight = 0 });
        var words = new[] { "bomb", "market", "police" };
        var a = Attack("a1", [], [], ["kabul"], words);
        Assert.Equal(4, match.Score(a, Attack("a2", [], [], ["kabul"], words)));
        Assert.Equal(1, match.Score(a, Attack("a2", [], [], ["baghdad"], words)));
        Assert.Equal(3, match.Score(a, Attack("a2", [], [], [], words))); // a place on one side only says nothing
    }

    [Fact]
    public void Mentions_in_one_article_join_unless_their_dates_conflict()
    {
        var match = new EventMatch(Strict);
        var a = Attack("a1", [], ["2008-12-27"]);
        Assert.True(match.Same(a, Attack("a1", [], [])));
        Assert.False(match.Same(a, Attack("a1", [], ["2007-03-01"])));
    }

    [Theory]
    [InlineData(EventLinkage.Single)]
    [InlineData(EventLinkage.Average)]
    public void Cluster_keeps_heads_apart_and_a_date_veto_splits_what_words_would_chain(EventLinkage linkage)
    {
        var match = new EventMatch(Strict with { Linkage = linkage });
        string[] words = ["gaza", "rocket", "strip", "border"];
        var mentions = new List<EventContext>
        {
            Attack("a1", ["hamas"], ["2008-12-27"], words: words),
            Attack("a2", ["hamas"], [], words: words), // undated: could go either way
            Attack("a3", ["hamas"], ["2012-11-14"], words: words),
            Attack("a4", ["hamas"], ["2012-11-14"], words: words),
            Attack("a1", ["hamas"], [], words: words) with { Head = "arrest" },
        };
        var clusters = match.Cluster(mentions).Select(c => c.Order().ToArray()).ToList();
        Assert.Equal(5, clusters.Sum(c => c.Length));
        Assert.Contains(clusters, c => c.SequenceEqual([4]));
        Assert.DoesNotContain(clusters, c => c.Contains(0) && c.Contains(2));
        Assert.Contains(clusters, c => c.Contains(2) && c.Contains(3));
        Assert.Equal(3, clusters.Count);
    }

    [Fact]
    public void By_default_a_shared_date_and_place_make_one_event_and_a_different_place_outweighs_two_shared_words()
    {
        var match = new EventMatch();
        var a = Attack("a1", [], ["2008-12-27"], ["mumbai"], ["hotel", "gunmen"]);
        Assert.True(match.Same(a, Attack("a2", [], ["2008-12-27"], ["mumbai"], ["train"])));
        Assert.False(match.Same(a, Attack("a2", [], [], ["delhi"], ["hotel", "gunmen"])));
        Assert.True(match.Same(a, Attack("a2", [], [], [], ["hotel", "gunmen"])));
    }
}
