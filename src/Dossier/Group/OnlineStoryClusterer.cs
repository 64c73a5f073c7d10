using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// Clusters articles into stories one at a time, in order of arrival: each article is compared only with the open
/// stories that share one of its distinctive words or entities (found through an inverted index), joins the most
/// similar above the threshold or opens a new story. Nothing is recomputed when an article arrives.
/// </summary>
public sealed class OnlineStoryClusterer(OnlineStoryOptions options) : IStoryClusterer
{
    public OnlineStoryClusterer() : this(new OnlineStoryOptions()) { }

    /// <summary>A new, empty stream of stories.</summary>
    public StoryStream Start() => new(options);

    /// <summary>
    /// A new stream that knows how rare words are from <paramref name="background"/> articles before the first one
    /// arrives: without it the first articles of a stream are weighed with almost no evidence of rarity.
    /// </summary>
    public StoryStream Start(IEnumerable<AnnotatedArticle> background)
    {
        var stream = new StoryStream(options);
        foreach (var article in background) stream.Learn(article);
        stream.RarityFixed = true;
        return stream;
    }

    /// <summary>
    /// Streams a batch in order of published date, then id; an undated article arrives at the date of the article
    /// before it in id order (the last time seen). Returns clusters as lists of indexes into
    /// <paramref name="articles"/>, members ascending, clusters by their first member; every article in exactly one.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<AnnotatedArticle> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var n = articles.Count;
        if (n == 0) return [];
        var byId = BatchOrder.Canonical(articles);
        // The arrival day of undated articles: the last day seen in id order, or the first day for those before it.
        var arrival = new int[n];
        int? last = byId.Select(i => StoryStream.DayOf(articles[i])).FirstOrDefault(d => d is not null) ?? 0;
        for (var k = 0; k < n; k++)
        {
            var i = byId[k];
            last = StoryStream.DayOf(articles[i]) ?? last;
            arrival[i] = last.Value;
        }
        var order = byId.Select((i, rank) => (i, rank)).OrderBy(p => arrival[p.i]).ThenBy(p => p.rank).Select(p => p.i).ToList();

        var stream = options.LearnRarityFromBatch ? Start(order.Select(i => articles[i])) : Start();
        var ordinal = new int[n];
        foreach (var i in order)
        {
            ordinal[i] = stream.Articles;
            stream.Add(articles[i]);
        }
        stream.Settle();
        var storyOf = new int[n];
        for (var i = 0; i < n; i++) storyOf[i] = stream.StoryOf(ordinal[i]);
        return BatchOrder.Clusters(storyOf);
    }
}

/// <summary>
/// A split of a stream's story: the articles of <paramref name="Ordinals"/> (by the order they were added, from 0) left
/// story <paramref name="From"/> for the new story <paramref name="Into"/>.
/// </summary>
public sealed record StorySplit(int From, int Into, IReadOnlyList<int> Ordinals);

/// <summary>A word (or name) of an article with its weighted count.</summary>
public readonly record struct WeightedTerm(string Term, double Weight);

/// <summary>
/// What online clustering reads of an article: its day (null when undated) and its weighted words, participants and
/// places, each in the order the article met them.
/// </summary>
public sealed record ArticleFeatures(int? Day, IReadOnlyList<WeightedTerm> Text, IReadOnlyList<WeightedTerm> Participants, IReadOnlyList<WeightedTerm> Places)
{
    /// <summary>
    /// The names and years the article names (as the batch clusterer's split reads them), read only by the split's check
    /// that each part has names of its own; empty for features stored before it existed.
    /// </summary>
    public IReadOnlyList<string> Names { get; init; } = [];
}
