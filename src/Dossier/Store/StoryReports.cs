using System.Collections.Concurrent;
using Dossier.Annotate;
using Dossier.Group;
using Dossier.Model;
using Dossier.Reconcile;

namespace Dossier.Store;

/// <summary>A stored story, reconciled: the report with the articles it cites, as the renderers take them.</summary>
public sealed record StoredStory(StorySummary Summary, Analysis Analysis)
{
    public StoryReport Report => Analysis.Stories[0];
}

/// <summary>
/// Builds the report of a stored story on demand: its articles are annotated again (annotation is deterministic, and a
/// better model improves old stories) and reconciled as `analyze` does, copies found among them. The reports of the
/// most recently asked stories are kept per story version (a changed story is rebuilt), and one build serves every
/// request that asks for the same version meanwhile.
/// </summary>
public sealed class StoryReports(IStoryStore store, TimeProvider clock, ReconcileOptions? options = null, int capacity = 64)
{
    private readonly ArticleAnnotator _annotator = ArticleAnnotator.CreateDefault(clock);
    private readonly StoryReconciler _reconciler = new(options ?? new ReconcileOptions());
    private readonly NearDuplicateDetector _duplicates = new();
    private readonly ConcurrentDictionary<(string Id, long Version), Lazy<Task<Analysis>>> _built = new();
    private readonly ConcurrentQueue<(string Id, long Version)> _order = new();
    // The newest report built for each story kept, to answer while a newer one is built.
    private readonly ConcurrentDictionary<string, (long Version, Analysis Analysis)> _latest = new(StringComparer.Ordinal);

    /// <summary>
    /// The story's report, or null when the store has no such story. With <paramref name="allowStale"/>, a story that
    /// changed since its last report is answered at once with that report (its own version in the summary) while the
    /// new one is built: a page of a growing story never waits for a rebuild.
    /// </summary>
    public async Task<StoredStory?> GetAsync(string storyId, CancellationToken cancellationToken = default, bool allowStale = false)
    {
        var summary = await store.GetStoryAsync(storyId, cancellationToken);
        if (summary is null) return null;
        var key = (summary.Id, summary.Version);
        var fresh = new Lazy<Task<Analysis>>(() => BuildAsync(key.Id, key.Version));
        var build = _built.GetOrAdd(key, fresh);
        if (ReferenceEquals(build, fresh)) _order.Enqueue(key);
        if (allowStale && !build.Value.IsCompleted && _latest.TryGetValue(summary.Id, out var last))
        {
            _ = build.Value.ContinueWith(_ => Trim(), TaskScheduler.Default);
            return new StoredStory(summary with { Title = last.Analysis.Stories[0].Headline, Version = last.Version }, last.Analysis);
        }
        try
        {
            var analysis = await build.Value.WaitAsync(cancellationToken);
            Trim();
            return new StoredStory(summary with { Title = analysis.Stories[0].Headline }, analysis);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A failed build is not kept: the next request tries again.
            _built.TryRemove(new KeyValuePair<(string, long), Lazy<Task<Analysis>>>(key, build));
            Trim();
            throw;
        }
    }

    private async Task<Analysis> BuildAsync(string storyId, long version)
    {
        // Not the request's token: the build is shared, and one reader leaving must not fail it for the others.
        var stored = await store.StoryArticlesAsync(storyId, CancellationToken.None);
        var annotated = new AnnotatedArticle[stored.Count];
        Parallel.For(0, stored.Count, i => annotated[i] = _annotator.Annotate(stored[i].Article));
        var articles = annotated.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var story = new Story(storyId, articles) { Duplicates = _duplicates.Find(articles.Select(a => a.Article).ToList()) };
        var (report, dated) = _reconciler.Reconcile(story);
        // The story list shows the report's headline from now on, rather than the first article's title. The write is
        // not waited for: a page must not wait while another process holds the store's write lock for a cosmetic line.
        _ = SaveHeadlineAsync(storyId, version, report.Headline);
        var analysis = new Analysis(dated, [report], []);
        _latest.AddOrUpdate(storyId, (version, analysis), (_, kept) => kept.Version > version ? kept : (version, analysis));
        return analysis;
    }

    private async Task SaveHeadlineAsync(string storyId, long version, string headline)
    {
        try
        {
            await Task.Run(() => store.SaveHeadlineAsync(storyId, version, headline, CancellationToken.None));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The list keeps the first article's title until the next build; nothing else depends on it.
        }
    }

    /// <summary>Forgets the oldest reports beyond the capacity (older versions of a story among them).</summary>
    private void Trim()
    {
        // The queue can hold keys already gone (failed builds): it is kept within twice the capacity too.
        while ((_built.Count > capacity || _order.Count > 2 * capacity) && _order.TryDequeue(out var oldest))
        {
            _built.TryRemove(oldest, out _);
            if (_latest.TryGetValue(oldest.Id, out var kept) && kept.Version == oldest.Version) _latest.TryRemove(oldest.Id, out _);
        }
    }
}
