using Dossier.Model;
using Dossier.Store;

namespace Dossier.Tests.Support;

/// <summary>
/// A store that passes every call on to <paramref name="inner"/>; a test overrides the calls it watches or changes.
/// Disposing it leaves the inner store open (its owner disposes it).
/// </summary>
public abstract class DelegatingStore(IStoryStore inner) : IStoryStore
{
    protected IStoryStore Inner { get; } = inner;

    public virtual string Description => Inner.Description;
    public virtual Task<AddOutcome> AddAsync(Article article, string? source, CancellationToken cancellationToken = default) => Inner.AddAsync(article, source, cancellationToken);
    public virtual Task<int> AnnotateAsync(int max, Func<IReadOnlyList<StoredArticle>, IReadOnlyList<AnnotationResult>> annotate, CancellationToken cancellationToken = default)
        => Inner.AnnotateAsync(max, annotate, cancellationToken);
    public virtual Task<int> GroupAsync(Func<IGroupSession, Task<int>> step, CancellationToken cancellationToken = default) => Inner.GroupAsync(step, cancellationToken);
    public virtual Task<IReadOnlyList<StorySummary>> ListStoriesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default) => Inner.ListStoriesAsync(limit, offset, cancellationToken);
    public virtual Task<StorySummary?> GetStoryAsync(string id, CancellationToken cancellationToken = default) => Inner.GetStoryAsync(id, cancellationToken);
    public virtual Task<IReadOnlyList<StoredArticle>> StoryArticlesAsync(string storyId, CancellationToken cancellationToken = default) => Inner.StoryArticlesAsync(storyId, cancellationToken);
    public virtual Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken = default) => Inner.GetArticleAsync(id, cancellationToken);
    public virtual Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default) => Inner.SearchAsync(query, limit, cancellationToken);
    public virtual Task SaveHeadlineAsync(string storyId, long version, string headline, CancellationToken cancellationToken = default)
        => Inner.SaveHeadlineAsync(storyId, version, headline, cancellationToken);
    public virtual Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default) => Inner.CountAsync(cancellationToken);
    public virtual Task<string?> LoadFeedStateAsync(string feedUrl, CancellationToken cancellationToken = default) => Inner.LoadFeedStateAsync(feedUrl, cancellationToken);
    public virtual Task SaveFeedStateAsync(string feedUrl, string state, CancellationToken cancellationToken = default) => Inner.SaveFeedStateAsync(feedUrl, state, cancellationToken);
    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
