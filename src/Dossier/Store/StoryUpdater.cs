using Dossier.Annotate;
using Dossier.Group;
using Dossier.Model;

namespace Dossier.Store;

/// <summary>Settings of the work a store's articles go through after ingest.</summary>
public sealed record UpdateOptions
{
    /// <summary>Articles claimed and annotated at once (one transaction).</summary>
    public int AnnotateBatch { get; init; } = 32;

    /// <summary>Articles put into stories per grouping transaction.</summary>
    public int GroupBatch { get; init; } = 500;

    /// <summary>
    /// How stories are grown: the online clusterer's settings, without its background word table. A store keeps the
    /// story numbers its stream gave and every process rebuilds the stream by replaying the store's articles, so the
    /// store must go on deciding as it did when its stories were made; stores were first grouped with rarity learnt
    /// from their own articles alone, and the store has no way yet to regroup what it holds under new settings.
    /// </summary>
    public OnlineStoryOptions Stories { get; init; } = new() { Background = null };

    /// <summary>Articles annotated side by side.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>What one article's annotation may cost before it is marked failed with the limit named.</summary>
    public DocumentLimits Limits { get; init; } = new();
}

/// <summary>
/// A store's stories were made with settings (or a version of Dossier) that decide otherwise than this worker's: grouping
/// stops rather than put new articles into the wrong stories. What the store holds is unchanged.
/// </summary>
public sealed class StoryGroupingMismatchException(string message) : InvalidOperationException(message);

/// <summary>What one round of updating did.</summary>
public sealed record UpdateStep(int Annotated, int Failed, int Grouped)
{
    /// <summary>Nothing was taken from the queue (a batch that only failed still took work off it).</summary>
    public bool Idle => Annotated == 0 && Failed == 0 && Grouped == 0;
}

/// <summary>
/// Takes a store's queued articles through annotation and into stories. Annotation runs in any number of processes
/// at once (each claims its own articles); grouping runs under the store's grouping lock, one article at a time in
/// order of arrival, with the online clusterer. Each process keeps the clusterer's state in memory and first replays
/// what other processes grouped since it last held the lock, so every process makes the same decisions and the
/// stories do not depend on how many workers there are.
/// </summary>
public sealed class StoryUpdater
{
    private readonly IStoryStore _store;
    private readonly TimeProvider _clock;
    private readonly UpdateOptions _options;
    private readonly ArticleAnnotator _annotator;
    private readonly OnlineStoryClusterer _clusterer;
    private readonly StoryStream _features;
    private StoryStream _stream;
    private long _replayed;

    public StoryUpdater(IStoryStore store, TimeProvider clock, UpdateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        _store = store;
        _clock = clock;
        _options = options ?? new UpdateOptions();
        _annotator = ArticleAnnotator.CreateDefault(clock);
        _clusterer = new OnlineStoryClusterer(_options.Stories);
        _features = _clusterer.Start();
        _stream = _clusterer.Start();
    }

    /// <summary>Told each article whose annotation failed (an error, or a limit hit) and why, once that is committed.</summary>
    public Action<StoredArticle, string>? Failed { get; init; }

    /// <summary>Annotates queued articles and groups them until nothing is left; returns the totals.</summary>
    public async Task<UpdateStep> RunUntilIdleAsync(IProgress<UpdateStep>? progress = null, CancellationToken cancellationToken = default)
    {
        var (annotated, failed, grouped) = (0, 0, 0);
        while (true)
        {
            var step = await StepAsync(cancellationToken);
            if (step.Idle) return new UpdateStep(annotated, failed, grouped);
            (annotated, failed, grouped) = (annotated + step.Annotated, failed + step.Failed, grouped + step.Grouped);
            progress?.Report(new UpdateStep(annotated, failed, grouped));
        }
    }

    /// <summary>One round: a batch annotated, then whatever is ready grouped.</summary>
    public async Task<UpdateStep> StepAsync(CancellationToken cancellationToken = default)
    {
        var failures = new List<(StoredArticle Article, string Reason)>();
        var annotated = await _store.AnnotateAsync(_options.AnnotateBatch, claimed =>
        {
            var results = Annotate(claimed, cancellationToken);
            failures.Clear();
            for (var i = 0; i < results.Length; i++)
                if (results[i].Error is { } error) failures.Add((claimed[i], error));
            return results;
        }, cancellationToken);
        var failed = failures.Count;
        if (Failed is { } tell)
            foreach (var (article, reason) in failures) tell(article, reason);
        var grouped = await GroupAsync(cancellationToken);
        return new UpdateStep(annotated - failed, failed, grouped);
    }

    private AnnotationResult[] Annotate(IReadOnlyList<StoredArticle> claimed, CancellationToken cancellationToken)
    {
        // One article the annotator cannot take, or one over its limits, must not stop the queue: it is marked failed with
        // the reason. The store's claim calls this inside its transaction, synchronously, hence the wait.
        var outcomes = DocumentWork.RunAsync(claimed, (stored, budget) =>
            {
                var annotated = _annotator.Annotate(stored.Article, budget);
                return AnnotationResult.Done(stored.Seq, annotated.Article, _features.Features(annotated));
            }, _options.Limits, _clock, _options.Parallelism, cancellationToken).GetAwaiter().GetResult();
        return [.. outcomes.Select((o, i) => o.Value ?? AnnotationResult.Failed(claimed[i].Seq, o.Failure ?? "failed"))];
    }

    /// <summary>Groups the annotated articles that are ready, in order of arrival; returns how many.</summary>
    public async Task<int> GroupAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _store.GroupAsync(async session =>
            {
                if (session.LastRank < _replayed) Restart();
                if (session.LastRank > _replayed)
                {
                    var replayed = new List<(GroupedArticle Article, int Story)>();
                    await foreach (var article in session.ReplayAsync(_replayed, cancellationToken))
                        replayed.Add((article, _stream.Add(article.Features)));
                    CheckReplay(replayed);
                    _replayed = session.LastRank;
                }
                var pending = await session.PendingAsync(_options.GroupBatch, cancellationToken);
                foreach (var article in pending)
                {
                    var story = _stream.Add(article.Features);
                    await session.AssignAsync(article, story, cancellationToken);
                    foreach (var (from, into) in _stream.LastMerges) await session.MergeAsync(from, into, cancellationToken);
                }
                _replayed = session.LastRank;
                return pending.Count;
            }, cancellationToken);
        }
        catch
        {
            // The transaction did not commit, but the stream in memory went ahead: replay from the store next time.
            Restart();
            throw;
        }
    }

    /// <summary>
    /// The replay must put every article where the store has it: a store grouped with other settings, or by a version
    /// of Dossier that grouped differently, would otherwise have its new articles put into the wrong stories by number.
    /// </summary>
    private void CheckReplay(List<(GroupedArticle Article, int Story)> replayed)
    {
        foreach (var (article, story) in replayed)
        {
            var now = StoryIds.Of(_stream.Resolve(story));
            if (now == article.Story) continue;
            throw new StoryGroupingMismatchException(
                $"the stories in {_store.Description} were grouped with other settings or by another version of Dossier: replayed, " +
                $"article {article.Id} falls into story {now}, but the store has it in {article.Story}. Group it with the settings it was " +
                "made with, or ingest its sources into a new store.");
        }
    }

    private void Restart()
    {
        _stream = _clusterer.Start();
        _replayed = 0;
    }
}
