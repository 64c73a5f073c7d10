using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Reconcile;

/// <summary>The ECB+ reader behind `eval/run events`, on one real topic of ../shared.</summary>
public sealed class EventCorefReaderTests
{
    private static EventCorpus? TopicOne()
    {
        var shared = SharedData.TryLocate();
        var folder = shared is null ? null : Path.Combine(shared, "data", "ecbplus", "xml");
        return folder is not null && Directory.Exists(Path.Combine(folder, "1")) ? EventCorefReader.ReadFolder(folder, t => t == 1) : null;
    }

    [Fact]
    public void Topic_one_has_documents_of_both_halves_mentions_and_cross_document_chains_within_it()
    {
        var corpus = TopicOne();
        Assert.SkipWhen(corpus is null, "../shared/data/ecbplus/xml not found");
        Assert.NotEmpty(corpus.Documents);
        Assert.All(corpus.Documents, d => Assert.Equal(1, d.Topic));
        Assert.Contains(corpus.Documents, d => d.PlusHalf);
        Assert.Contains(corpus.Documents, d => !d.PlusHalf);
        var mentions = corpus.Mentions.ToList();
        Assert.NotEmpty(mentions);
        Assert.Equal(mentions.Count, mentions.Select(m => m.Key).Distinct().Count());
        Assert.All(mentions, m => Assert.True(m.Class.StartsWith("ACTION_", StringComparison.Ordinal) || m.Class.StartsWith("NEG_ACTION_", StringComparison.Ordinal)));
        var chains = corpus.GoldChains();
        Assert.Equal(mentions.Count, chains.Sum(c => c.Count));
        Assert.Contains(chains, c => c.Select(m => m.Document).Distinct().Count() > 1);
        // A mention's text is its tokens', and a chain's members share a half of the topic: each half is its own real event.
        Assert.All(mentions, m => Assert.Equal(string.Join(' ', m.TokenIds.Select(i => corpus.Documents.Single(d => d.Name == m.Document).Tokens[i].Text)), m.Text));
        Assert.All(chains.Where(c => c[0].GoldChain.StartsWith("cross:", StringComparison.Ordinal)), c => Assert.Single(c.Select(m => m.PlusHalf).Distinct()));
    }

    [Fact]
    public void Reading_twice_gives_the_same_mentions_and_chains()
    {
        var first = TopicOne();
        Assert.SkipWhen(first is null, "../shared/data/ecbplus/xml not found");
        var second = TopicOne()!;
        Assert.Equal(first.Mentions.Select(m => (m.Key, m.GoldChain)), second.Mentions.Select(m => (m.Key, m.GoldChain)));
    }

    [Fact]
    public void Scoring_the_gold_chains_against_themselves_is_perfect_and_singletons_are_not()
    {
        var corpus = TopicOne();
        Assert.SkipWhen(corpus is null, "../shared/data/ecbplus/xml not found");
        var gold = corpus.GoldChains();
        Assert.Equal(1.0, EventCorefEval.Score(gold, gold).Conll, 9);
        var singletons = corpus.Mentions.Select(m => (IReadOnlyList<EventMention>)[m]).ToList();
        var s = EventCorefEval.Score(gold, singletons);
        Assert.Equal(0.0, s.Muc.F1);
        Assert.Equal(1.0, s.BCubed.Precision, 9);
        Assert.True(s.BCubed.Recall < 1);
    }

    [Fact]
    public void Meantime_mentions_take_their_chain_from_the_event_instance_they_refer_to()
    {
        var shared = SharedData.TryLocate();
        var folder = shared is null ? null : Path.Combine(shared, "data", "meantime", "intra_cross-doc_annotation");
        Assert.SkipWhen(folder is null || !Directory.Exists(folder), "../shared/data/meantime not found");
        var corpus = EventCorefReader.ReadMeantime(folder);
        Assert.Equal(4, corpus.Documents.Select(d => d.Topic).Distinct().Count());
        var mentions = corpus.Mentions.ToList();
        Assert.Equal(mentions.Count, mentions.Select(m => m.Key).Distinct().Count());
        var chains = corpus.GoldChains();
        Assert.Equal(mentions.Count, chains.Sum(c => c.Count));
        // Chains of several mentions are instance chains; some cross documents, and none crosses corpora.
        Assert.All(chains.Where(c => c.Count > 1), c => Assert.StartsWith("cross:", c[0].GoldChain, StringComparison.Ordinal));
        Assert.Contains(chains, c => c.Select(m => m.Document).Distinct().Count() > 1);
        Assert.All(chains, c => Assert.Single(c.Select(m => m.Topic).Distinct()));
        // The first Airbus article: mentions 23 and 32 ("defeat") both refer to the event of markable 184, so they share
        // its instance; mention 27 refers to another event.
        var airbus = corpus.Documents.First(d => d.Name.StartsWith("100911_", StringComparison.Ordinal));
        string Chain(string id) => airbus.Mentions.Single(m => m.MarkableId == id).GoldChain;
        Assert.Equal("cross:OTH40007248568632246", Chain("23"));
        Assert.Equal(Chain("23"), Chain("32"));
        Assert.NotEqual(Chain("23"), Chain("27"));
    }
}
