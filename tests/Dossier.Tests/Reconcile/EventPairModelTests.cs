using Dossier.Reconcile;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class EventPairModelTests
{
    private static HashSet<string> S(params string[] items) => new(items, StringComparer.Ordinal);

    private static EventContext Mention(string source, string head, int sentence, params string[] words) =>
        new(source, head, S(), S(), S(), S(words)) { Sentence = sentence, Crowd = 2 };

    private static EventPairModel Untrained(EventPairFeatures features = EventPairFeatures.All, EventHeads? heads = null) =>
        new(new double[EventPairModel.FeatureNames.Count], 0.5, features, heads, EventPairLinkage.Single);

    /// <summary>
    /// A story of six articles: each tells the quake in its lead with the quake's words, and later mentions an older quake
    /// with words of its own. The lead mentions are one event; the background mentions are each alone.
    /// </summary>
    private static List<EventContext> QuakeStory()
    {
        var mentions = new List<EventContext>();
        string[][] background = [["1906", "fire", "city"], ["tsunami", "coast", "wave"], ["mine", "collapse", "worker"], ["dam", "flood", "valley"], ["volcano", "ash", "island"], ["storm", "roof", "harbour"]];
        for (var a = 0; a < 6; a++)
        {
            mentions.Add(Mention("a" + a, "quake", 0, "magnitude", "coast", "province", "tuesday", "buildings"));
            mentions.Add(Mention("a" + a, "quake", 9, background[a]));
        }
        return mentions;
    }

    [Fact]
    public void Training_on_a_story_learns_to_join_the_lead_mentions_and_leave_the_background_ones_alone()
    {
        var story = QuakeStory();
        var untrained = Untrained();
        var examples = untrained.Pairs(story).Select(p => (p.Features, Same: p.I % 2 == 0 && p.J % 2 == 0)).ToList();
        Assert.Equal(12 * 11 / 2, examples.Count); // one head: every pair is a candidate
        var model = untrained.Train(examples, 0.5);
        var clusters = model.Cluster(story).Select(c => c.Order().ToArray()).ToList();
        Assert.Contains(clusters, c => c.SequenceEqual([0, 2, 4, 6, 8, 10]));
        Assert.Equal(7, clusters.Count);
        var untouched = model.Cluster(story.Select(m => m with { Head = m.Head + m.Source }).ToList());
        Assert.Equal(12, untouched.Count); // different heads, no relation: never candidates
    }

    [Fact]
    public void Related_heads_are_candidates_only_with_the_lexical_features()
    {
        using var table = new StringReader("# test\ndie\tdeath\tderivation\nblast\texplosion\tsynonym\n");
        var heads = EventHeads.Read(table);
        Assert.Equal(HeadRelation.Derivation, heads.Relation("die", "death"));
        Assert.Equal(HeadRelation.Synonym, heads.Relation(EventHeads.Normalise("explosions"), "blast"));
        Assert.Equal(HeadRelation.None, heads.Relation("die", "blast"));
        List<EventContext> mentions = [Mention("a1", "die", 0, "crash"), Mention("a2", "death", 0, "crash"), Mention("a2", "blast", 1, "crash")];
        var pairs = Untrained(EventPairFeatures.All, heads).Pairs(mentions).Select(p => (p.I, p.J)).ToList();
        Assert.Equal([(0, 1)], pairs);
        Assert.Empty(Untrained(EventPairFeatures.All & ~EventPairFeatures.Lexical, heads).Pairs(mentions));
    }

    [Fact]
    public void A_guard_keeps_one_strong_pair_from_chaining_two_events()
    {
        // Two tight events {0,1} and {2,3}; only the pair 1-2 is strong across them.
        var score = new double[4, 4];
        void Set(int i, int j, double p) => score[i, j] = score[j, i] = p;
        Set(0, 1, 0.9); Set(2, 3, 0.9); Set(1, 2, 0.8); Set(0, 2, 0.05); Set(0, 3, 0.05); Set(1, 3, 0.05);
        Assert.Single(EventPairModel.JoinGuarded(score, 4, 0.5, 0));
        var guarded = EventPairModel.JoinGuarded(score, 4, 0.5, 0.3).Select(c => c.Order().ToArray()).ToList();
        Assert.Equal(2, guarded.Count);
        Assert.Contains(guarded, c => c.SequenceEqual([0, 1]));
    }

    [Fact]
    public void Written_weights_read_back_the_same()
    {
        var weights = Enumerable.Range(0, EventPairModel.FeatureNames.Count).Select(k => k * 0.125 - 3).ToArray();
        var model = new EventPairModel(weights, 0.6, EventPairFeatures.All, null, EventPairLinkage.Single) { Guard = 0.2 };
        using var writer = new StringWriter();
        model.Write(writer, "a test model\nsecond line");
        var read = EventPairModel.Read(new StringReader(writer.ToString()));
        Assert.Equal(weights, read.Weights);
        Assert.Equal(0.6, read.Threshold);
        Assert.Equal(0.2, read.Guard);
        Assert.Equal(EventPairLinkage.Single, read.Linkage);
        Assert.Throws<FormatException>(() => EventPairModel.Read(new StringReader("no-such-feature\t1")));
    }

    [Fact]
    public void The_shipped_model_joins_lead_reports_that_share_their_words_and_rates_them_above_background_mentions()
    {
        var model = EventPairModel.LoadDefault();
        var story = QuakeStory();
        var probability = model.Pairs(story).ToDictionary(p => (p.I, p.J), p => model.Probability(p.Features));
        Assert.True(probability[(0, 2)] > model.Threshold, $"lead pair {probability[(0, 2)]:F3}");
        // A head said in every article of a story is mostly its one event on ECB+, so even the background pair rates high; still lower.
        Assert.True(probability[(1, 3)] < probability[(0, 2)] - 0.05, $"background pair {probability[(1, 3)]:F3}, lead pair {probability[(0, 2)]:F3}");
        var clusters = model.Cluster(story);
        Assert.Contains(clusters, c => new[] { 0, 2, 4, 6, 8, 10 }.All(c.Contains));
    }

    [Fact]
    public void Heads_meet_across_verb_and_noun_forms_and_the_shipped_relations_know_derivations()
    {
        Assert.Equal(EventHeads.Normalise("attack"), EventHeads.Normalise("attacked"));
        Assert.Equal(EventHeads.Normalise("attack"), EventHeads.Normalise("Attacks"));
        var heads = EventHeads.LoadDefault();
        Assert.Equal(HeadRelation.Derivation, heads.Relation(EventHeads.Normalise("die"), EventHeads.Normalise("death")));
        Assert.Equal(HeadRelation.Derivation, heads.Relation(EventHeads.Normalise("death"), EventHeads.Normalise("die")));
        Assert.Equal(HeadRelation.None, heads.Relation(EventHeads.Normalise("die"), EventHeads.Normalise("banana")));
    }
}
