using Dossier.Group;
using Dossier.Model;

namespace Dossier.Store;

/// <summary>An article as the store keeps it: its number in order of arrival, where it came from, and when.</summary>
public sealed record StoredArticle(long Seq, Article Article, string? Source, DateTimeOffset IngestedAt)
{
    /// <summary>The story it belongs to, once grouped.</summary>
    public string? Story { get; init; }
    /// <summary>queued, annotated, grouped or failed.</summary>
    public string State { get; init; } = ArticleStates.Queued;
    /// <summary>Why annotation failed, when it did.</summary>
    public string? Error { get; init; }
}

/// <summary>Where an article stands in the pipeline the store drives.</summary>
public static class ArticleStates
{
    public const string Queued = "queued";
    public const string Annotated = "annotated";
    public const string Grouped = "grouped";
    public const string Failed = "failed";
}

/// <summary>What became of one article handed to the store.</summary>
public sealed record AddOutcome(bool Added, string Id, string? Reason = null)
{
    public static AddOutcome Stored(string id) => new(true, id);
    public static AddOutcome Duplicate(string existingId, string reason) => new(false, existingId, reason);
}

/// <summary>The result of annotating one claimed article: its features for grouping, or why it failed.</summary>
public sealed record AnnotationResult(long Seq, Article? Article, ArticleFeatures? Features, string? Error)
{
    public static AnnotationResult Done(long seq, Article article, ArticleFeatures features) => new(seq, article, features, null);
    public static AnnotationResult Failed(long seq, string error) => new(seq, null, null, error);
}

/// <summary>An annotated article waiting for its story.</summary>
public sealed record PendingArticle(long Seq, string Id, string? Title, PublishedDate? Published, ArticleFeatures Features);

/// <summary>A grouped article as a replay reads it: its id, what the clusterer read of it, the story it is in now, and its rank.</summary>
public sealed record GroupedArticle(string Id, ArticleFeatures Features, string Story, long Rank);

/// <summary>A story as listed: what a reader needs to choose one.</summary>
public sealed record StorySummary(
    string Id,
    string Title,
    int Articles,
    int Sources,
    DateOnly? From,
    DateOnly? To,
    DateTimeOffset UpdatedAt,
    long Version);

/// <summary>An article found by a search, with a passage around the words found.</summary>
public sealed record SearchHit(string Article, string? Title, string? Story, string Snippet, double Rank);

/// <summary>How many articles stand at each step, and how many stories there are.</summary>
public sealed record StoreCounts(long Queued, long Annotated, long Grouped, long Failed, long Stories)
{
    public long Articles => Queued + Annotated + Grouped + Failed;
}

/// <summary>
/// One grouping step, run while the store's grouping lock is held, so that stories are built by one writer at a
/// time whatever the number of workers. Ranks number grouped articles in the order they were grouped.
/// </summary>
public interface IGroupSession
{
    /// <summary>The rank of the last article grouped (0 before any).</summary>
    long LastRank { get; }

    /// <summary>
    /// How many times the store's stories were regrouped (0 before any): a process whose stream was built in another
    /// generation replays the store from the start.
    /// </summary>
    long Generation { get; }

    /// <summary>
    /// The id in this store of the stream's story <paramref name="number"/>. Each regrouping starts its story numbers after
    /// every number the store has used, so an id never names two stories.
    /// </summary>
    string StoryId(int number);

    /// <summary>The articles grouped after <paramref name="afterRank"/>, in rank order: replays the stream.</summary>
    IAsyncEnumerable<GroupedArticle> ReplayAsync(long afterRank, CancellationToken cancellationToken);

    /// <summary>
    /// Annotated articles not yet grouped, in order of arrival, stopping before the first article still queued: stories
    /// are then built in the order articles arrived, however many workers annotated them.
    /// </summary>
    Task<IReadOnlyList<PendingArticle>> PendingAsync(int max, CancellationToken cancellationToken);

    /// <summary>Puts an article into story number <paramref name="story"/> (opened if new) with the next rank.</summary>
    Task AssignAsync(PendingArticle article, int story, CancellationToken cancellationToken);

    /// <summary>
    /// Moves every article of story <paramref name="from"/> into <paramref name="into"/>; the old id then leads to the new one,
    /// and follows the first article of <paramref name="from"/> if a split later moves that article on (<see cref="SplitAsync"/>).
    /// </summary>
    Task MergeAsync(int from, int into, CancellationToken cancellationToken);

    /// <summary>Whether the store holds story number <paramref name="number"/> of this generation (opened, merged away or not).</summary>
    Task<bool> StoryExistsAsync(int number, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the articles of <paramref name="ranks"/> from story number <paramref name="from"/> into the new story number
    /// <paramref name="into"/> (a split): both stories' counts and days are taken again from their articles, a title is kept
    /// while one of the story's articles bears it (else it is its earliest article's), and both change version. A story
    /// merged into <paramref name="from"/> before now leads to the part holding its first article.
    /// </summary>
    Task SplitAsync(int from, int into, IReadOnlyList<long> ranks, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a regrouping, the next <see cref="Generation"/>: every grouped article waits for a story again (its rank and
    /// story cleared), and story numbers start after every number used so far (<see cref="StoryId"/>). Returns how many
    /// articles and stories there were. Call <see cref="FinishRegroupAsync"/> once they are assigned again, in the same
    /// session.
    /// </summary>
    Task<(long Articles, long Stories)> UngroupAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Ends a regrouping: each old story's id now leads to the new story that holds most of its articles (ties to the one
    /// holding its earliest), and a story merged away before to the new story holding its first article; an old story
    /// none of whose articles were grouped again is removed. Returns how many stories there are now.
    /// </summary>
    Task<long> FinishRegroupAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Where Dossier keeps what it has read: articles, their place in the pipeline, stories, and feed state. SQLite for one
/// machine, PostgreSQL for shared use and many workers; both pass the same test suite.
/// </summary>
public interface IStoryStore : IAsyncDisposable
{
    /// <summary>What the store is, for messages ("SQLite ./dossier.db"), without a password.</summary>
    string Description { get; }

    /// <summary>Stores an article once: the same content (by hash) or the same canonical URL is a duplicate.</summary>
    Task<AddOutcome> AddAsync(Article article, string? source, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="max"/> queued articles, hands them to <paramref name="annotate"/> and saves the
    /// results, all in one transaction: a worker that dies leaves its articles queued. Returns how many were claimed.
    /// </summary>
    Task<int> AnnotateAsync(int max, Func<IReadOnlyList<StoredArticle>, IReadOnlyList<AnnotationResult>> annotate, CancellationToken cancellationToken = default);

    /// <summary>Runs <paramref name="step"/> under the grouping lock, in one transaction; returns what it returns.</summary>
    Task<int> GroupAsync(Func<IGroupSession, Task<int>> step, CancellationToken cancellationToken = default);

    /// <summary>Stories, most recently updated first.</summary>
    Task<IReadOnlyList<StorySummary>> ListStoriesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default);

    /// <summary>A story by id; the id of a story merged into another leads to that one. Null when unknown.</summary>
    Task<StorySummary?> GetStoryAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>A story's articles in order of arrival.</summary>
    Task<IReadOnlyList<StoredArticle>> StoryArticlesAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>An article by id, or null.</summary>
    Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Full-text search over titles and texts, best first. Words are matched as words; no query syntax.</summary>
    Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps the headline a story's report chose, for the story list, if the story is still at <paramref name="version"/>
    /// (a story that changed meanwhile keeps its old title until its new report is built).
    /// </summary>
    Task SaveHeadlineAsync(string storyId, long version, string headline, CancellationToken cancellationToken = default);

    Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default);

    /// <summary>A feed's polling state as the watcher saved it (JSON), or null.</summary>
    Task<string?> LoadFeedStateAsync(string feedUrl, CancellationToken cancellationToken = default);

    Task SaveFeedStateAsync(string feedUrl, string state, CancellationToken cancellationToken = default);
}
