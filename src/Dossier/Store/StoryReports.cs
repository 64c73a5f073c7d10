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

/// <summary>What the kept reports hold: how many, their estimated size and its bound.</summary>
public sealed record ReportCacheUse(int Stories, long Bytes, long MaxBytes, int Building);

/// <summary>
/// Builds the report of a stored story on demand: its articles are annotated again (annotation is deterministic, and a
/// better model improves old stories) and reconciled as `analyze` does, copies found among them. The newest report of
/// each of the most recently read stories is kept, within a number of stories and an estimated size; a story is built
/// by one build at a time, which serves every request waiting for it, and a changed story is built again when next
/// read.
/// </summary>
public sealed class StoryReports
{
    /// <summary>Default bound on the kept reports' estimated size.</summary>
    public const long DefaultMaxBytes = 256L << 20;

    /// <summary>
    /// Estimated bytes a kept report holds per character of its articles' text (articles, layers and report): 11.3
    /// measured on the 94 ECB+ stories (1.42 M characters, 15 MB held), rounded up.
    /// </summary>
    public const int BytesPerCharacter = 12;

    private readonly IStoryStore _store;
    private readonly ArticleAnnotator _annotator;
    private readonly StoryReconciler _reconciler;
    private readonly NearDuplicateDetector _duplicates = new();
    private readonly int _capacity;
    private readonly long _maxBytes;
    private readonly Lock _lock = new();
    // Builds at once, across stories: each already uses every core, and a crawler reading many stories must not start them all.
    private readonly SemaphoreSlim _builds = new(Math.Max(1, Environment.ProcessorCount));
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private long _bytes;
    private long _reads;

    /// <summary>One story's newest report and the build under way, if any.</summary>
    private sealed class Kept
    {
        public Analysis? Analysis;
        public long Version;
        public long Bytes;
        public Task<(Analysis Analysis, long Version)>? Building;
        public long LastRead;
    }

    public StoryReports(IStoryStore store, TimeProvider clock, ReconcileOptions? options = null, int capacity = 64, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        _store = store;
        _annotator = ArticleAnnotator.CreateDefault(clock);
        _reconciler = new StoryReconciler(options ?? new ReconcileOptions());
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    /// <summary>The kept reports now.</summary>
    public ReportCacheUse Use
    {
        get
        {
            lock (_lock) return new ReportCacheUse(_kept.Values.Count(k => k.Analysis is not null), _bytes, _maxBytes, _kept.Values.Count(k => k.Building is not null));
        }
    }

    /// <summary>
    /// The story's report, or null when the store has no such story. With <paramref name="allowStale"/>, a story that
    /// changed since its last report is answered at once with that report (its own version in the summary) while the
    /// new one is built: a page of a growing story never waits for a rebuild.
    /// </summary>
    public async Task<StoredStory?> GetAsync(string storyId, CancellationToken cancellationToken = default, bool allowStale = false)
    {
        var summary = await _store.GetStoryAsync(storyId, cancellationToken);
        if (summary is null) return null;
        while (true)
        {
            Task<(Analysis Analysis, long Version)> building;
            lock (_lock)
            {
                if (!_kept.TryGetValue(summary.Id, out var kept)) _kept[summary.Id] = kept = new Kept();
                kept.LastRead = ++_reads;
                if (kept.Analysis is { } current && kept.Version >= summary.Version) return Answer(summary, current, kept.Version);
                // One build of a story at a time: a newer version waits for the one under way, then is built itself.
                if (kept.Building is null)
                {
                    kept.Building = Task.Run(() => BuildAndKeepAsync(summary.Id, summary.Version));
                    // A failure seen by no waiting reader (all took the last report) is still observed.
                    _ = kept.Building.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                }
                if (allowStale && kept.Analysis is { } stale) return Answer(summary, stale, kept.Version);
                building = kept.Building;
            }
            // The build's failure goes to every reader waiting for it; the next read starts another. Its result answers
            // the reader directly when it is recent enough, whatever the cache has done since.
            var built = await building.WaitAsync(cancellationToken);
            if (built.Version >= summary.Version) return Answer(summary, built.Analysis, built.Version);
        }
    }

    private static StoredStory Answer(StorySummary summary, Analysis analysis, long version) =>
        new(summary with { Title = analysis.Stories[0].Headline, Version = version }, analysis);

    private async Task<(Analysis, long)> BuildAndKeepAsync(string storyId, long version)
    {
        Analysis analysis;
        try
        {
            await _builds.WaitAsync();
            try
            {
                analysis = await BuildAsync(storyId, version);
            }
            finally
            {
                _builds.Release();
            }
        }
        catch
        {
            lock (_lock)
                if (_kept.TryGetValue(storyId, out var kept)) kept.Building = null;
            throw;
        }
        lock (_lock)
        {
            // Trim never forgets a story being built; should that change, the report is kept again here.
            if (!_kept.TryGetValue(storyId, out var kept)) _kept[storyId] = kept = new Kept();
            // Just built for a reader: the most recently read, so the next trim does not take it first.
            kept.LastRead = ++_reads;
            kept.Building = null;
            if (kept.Analysis is null || kept.Version < version)
            {
                var bytes = Estimate(analysis);
                _bytes += bytes - kept.Bytes;
                (kept.Analysis, kept.Version, kept.Bytes) = (analysis, version, bytes);
            }
            Trim(storyId);
        }
        return (analysis, version);
    }

    private async Task<Analysis> BuildAsync(string storyId, long version)
    {
        // Not a request's token: the build is shared, and one reader leaving must not fail it for the others.
        var stored = await _store.StoryArticlesAsync(storyId, CancellationToken.None);
        var annotated = new AnnotatedArticle[stored.Count];
        Parallel.For(0, stored.Count, i => annotated[i] = _annotator.Annotate(stored[i].Article));
        var articles = annotated.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var story = new Story(storyId, articles) { Duplicates = _duplicates.Find(articles.Select(a => a.Article).ToList()) };
        var (report, dated) = _reconciler.Reconcile(story);
        // The story list shows the report's headline from now on, rather than the first article's title. The write is
        // not waited for: a page must not wait while another process holds the store's write lock for a cosmetic line.
        _ = SaveHeadlineAsync(storyId, version, report.Headline);
        return new Analysis(dated, [report], []);
    }

    /// <summary>A kept report's size, estimated from its articles' text (<see cref="BytesPerCharacter"/>).</summary>
    private static long Estimate(Analysis analysis) => BytesPerCharacter * analysis.Articles.Sum(a => (long)a.Text.Length);

    private async Task SaveHeadlineAsync(string storyId, long version, string headline)
    {
        try
        {
            await Task.Run(() => _store.SaveHeadlineAsync(storyId, version, headline, CancellationToken.None));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or ObjectDisposedException)
        {
            // The list keeps the first article's title until the next build; nothing else depends on it.
        }
    }

    /// <summary>
    /// Forgets the least recently read reports beyond the bounds (called under the lock). The report just built stays,
    /// even alone over the size bound, and so do stories being built.
    /// </summary>
    private void Trim(string justBuilt)
    {
        if (_kept.Count <= _capacity && _bytes <= _maxBytes) return;
        foreach (var (id, kept) in _kept.OrderBy(e => e.Value.LastRead).ToList())
        {
            if (_kept.Count <= _capacity && _bytes <= _maxBytes) break;
            if (kept.Building is not null || string.Equals(id, justBuilt, StringComparison.Ordinal)) continue;
            _kept.Remove(id);
            _bytes -= kept.Bytes;
        }
    }
}
