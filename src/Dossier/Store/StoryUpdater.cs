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
    /// How stories are grown: the online clusterer's settings, with its background word table, so a store of a few
    /// hundred articles weighs words as one of a million does. A store keeps the story numbers its stream gave and every
    /// process rebuilds the stream by replaying the store's articles, so a store made with other settings (before
    /// 2026-11-24 stores were grouped without the table) stops grouping with <see cref="StoryGroupingMismatchException"/>
    /// until it is regrouped (<see cref="StoryUpdater.RegroupAsync"/>, `dossier regroup`).
    /// </summary>
    public OnlineStoryOptions Stories { get; init; } = new();

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

/// <summary>
/// What a regrouping did: the articles that were in stories and how many stories they made, then the articles put into
/// stories again (those waiting for a story included) and how many stories they make now.
/// </summary>
public sealed record Regrouped(long ArticlesBefore, long StoriesBefore, long Articles, long Stories);

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
    private long _generation;
    private readonly List<long> _ranks = []; // by the stream's ordinal: each article's rank, to name the articles a split moves

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
                // A store regrouped since, or rolled back behind this stream: replay it all.
                if (session.LastRank < _replayed || session.Generation != _generation) Restart();
                _generation = session.Generation;
                if (session.LastRank > _replayed)
                {
                    // Only what the check reads is kept, not the features: a fresh process replays the whole store.
                    var replayed = new List<Replayed>();
                    await foreach (var article in session.ReplayAsync(_replayed, cancellationToken))
                    {
                        replayed.Add(new Replayed(article.Id, article.Story, _stream.Articles));
                        _ranks.Add(article.Rank);
                        _stream.Add(article.Features);
                    }
                    CheckReplay(session, replayed);
                    _replayed = session.LastRank;
                }
                await CheckStoryCountAsync(session, cancellationToken);
                var pending = await session.PendingAsync(_options.GroupBatch, cancellationToken);
                await AssignAsync(session, pending, cancellationToken);
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
    /// Puts every grouped article of the store into stories again with this updater's grouping settings, in order of
    /// arrival, in one transaction (a regrouping that fails or is cancelled leaves the stories as they were), with the
    /// annotated articles that were waiting. For a store whose stories were grouped with other settings
    /// (<see cref="StoryGroupingMismatchException"/>); each article keeps the features its annotation gave. As ever,
    /// grouping stops before the first article still queued: articles after it wait for it (<see cref="Regrouped"/>
    /// then counts fewer than before). The new stories get ids never used before, and each old id leads to the new story
    /// holding most of its articles. Other processes notice the regrouping and replay the store before they group again.
    /// </summary>
    public async Task<Regrouped> RegroupAsync(IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await RegroupInOneSessionAsync(progress, cancellationToken);
        }
        catch
        {
            Restart();
            throw;
        }
    }

    private async Task<Regrouped> RegroupInOneSessionAsync(IProgress<long>? progress, CancellationToken cancellationToken)
    {
        Regrouped? result = null;
        await _store.GroupAsync(async session =>
        {
            var (articles, stories) = await session.UngroupAllAsync(cancellationToken);
            Restart();
            _generation = session.Generation;
            long grouped = 0;
            while (true)
            {
                var pending = await session.PendingAsync(_options.GroupBatch, cancellationToken);
                if (pending.Count == 0) break;
                await AssignAsync(session, pending, cancellationToken);
                grouped += pending.Count;
                progress?.Report(grouped);
            }
            var storiesNow = await session.FinishRegroupAsync(cancellationToken);
            result = new Regrouped(articles, stories, grouped, storiesNow);
            return (int)Math.Min(int.MaxValue, grouped);
        }, cancellationToken);
        return result!;
    }

    /// <summary>Puts each pending article into the story the stream gives it, in order, with the merges and splits the stream made.</summary>
    private async Task AssignAsync(IGroupSession session, IReadOnlyList<PendingArticle> pending, CancellationToken cancellationToken)
    {
        foreach (var article in pending)
        {
            var story = _stream.Add(article.Features);
            await session.AssignAsync(article, story, cancellationToken);
            _ranks.Add(session.LastRank);
            foreach (var (from, into) in _stream.LastMerges) await session.MergeAsync(from, into, cancellationToken);
            foreach (var split in _stream.LastSplits)
                await session.SplitAsync(split.From, split.Into, [.. split.Ordinals.Select(o => _ranks[o])], cancellationToken);
        }
        _replayed = session.LastRank;
    }

    /// <summary>
    /// The replay must put every article where the store has it: a store grouped with other settings, or by a version
    /// of Dossier that grouped differently, would otherwise have its new articles put into the wrong stories by number.
    /// </summary>
    private void CheckReplay(IGroupSession session, List<Replayed> replayed)
    {
        foreach (var (id, story, ordinal) in replayed)
        {
            var now = session.StoryId(_stream.StoryOf(ordinal));
            if (now != story) throw Mismatch($"replayed, article {id} falls into story {now}, but the store has it in {story}");
        }
    }

    /// <summary>A replayed article as the replay check reads it: its id, the story the store has it in, its place in the stream.</summary>
    private readonly record struct Replayed(string Id, string Story, int Ordinal);

    /// <summary>
    /// The stream must have opened exactly the stories the store holds in this generation: a split moves articles that
    /// were replayed in an earlier round, so a worker whose stream does not make it passes the check of this round's
    /// articles, and would then open, under a number the store already uses, a story that is not the store's.
    /// </summary>
    private async Task CheckStoryCountAsync(IGroupSession session, CancellationToken cancellationToken)
    {
        var count = _stream.StoryCount;
        string? differs = null;
        if (count > 0 && !await session.StoryExistsAsync(count - 1, cancellationToken))
            differs = $"its replay opens story {session.StoryId(count - 1)}, which the store does not hold";
        else if (await session.StoryExistsAsync(count, cancellationToken))
            differs = $"the store holds story {session.StoryId(count)}, which its replay does not open";
        if (differs is not null) throw Mismatch(differs);
    }

    private StoryGroupingMismatchException Mismatch(string differs) => new(
        $"the stories in {_store.Description} were grouped with other settings or by another version of Dossier: {differs}. " +
        "Regroup the store with these settings (`dossier regroup`), or group it with the settings it was made with.");

    private void Restart()
    {
        _stream = _clusterer.Start();
        _ranks.Clear();
        (_replayed, _generation) = (0, -1);
    }
}
