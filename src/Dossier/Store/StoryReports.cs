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
/// better model improves old stories) and reconciled as `analyze` does, copies found among them. Reports are kept in
/// memory per story version, so a story is rebuilt only after it changed.
/// </summary>
public sealed class StoryReports(IStoryStore store, TimeProvider clock, ReconcileOptions? options = null)
{
    private readonly ArticleAnnotator _annotator = ArticleAnnotator.CreateDefault(clock);
    private readonly StoryReconciler _reconciler = new(options ?? new ReconcileOptions());
    private readonly NearDuplicateDetector _duplicates = new();
    private readonly ConcurrentDictionary<string, StoredStory> _built = new(StringComparer.Ordinal);

    /// <summary>The story's report, or null when the store has no such story.</summary>
    public async Task<StoredStory?> GetAsync(string storyId, CancellationToken cancellationToken = default)
    {
        var summary = await store.GetStoryAsync(storyId, cancellationToken);
        if (summary is null) return null;
        if (_built.TryGetValue(summary.Id, out var kept) && kept.Summary.Version == summary.Version) return kept with { Summary = summary };
        var stored = await store.StoryArticlesAsync(summary.Id, cancellationToken);
        var annotated = new AnnotatedArticle[stored.Count];
        Parallel.For(0, stored.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => annotated[i] = _annotator.Annotate(stored[i].Article));
        var articles = annotated.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        var story = new Story(summary.Id, articles) { Duplicates = _duplicates.Find(articles.Select(a => a.Article).ToList()) };
        var (report, dated) = _reconciler.Reconcile(story);
        var built = new StoredStory(summary, new Analysis(dated, [report], []));
        // Only the latest version of each story is worth keeping.
        _built[summary.Id] = built;
        return built;
    }
}
