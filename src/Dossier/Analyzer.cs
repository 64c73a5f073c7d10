using System.Collections.Concurrent;
using Dossier.Annotate;
using Dossier.Extract;
using Dossier.Group;
using Dossier.Ingest;
using Dossier.Model;
using Dossier.Reconcile;

namespace Dossier;

/// <summary>Settings for a whole run.</summary>
public sealed record AnalyzeOptions
{
    public FileSourceOptions Files { get; init; } = new();
    public ReconcileOptions Reconcile { get; init; } = new();
    /// <summary>How articles are grouped into stories: the batch clusterer (default) or the online one.</summary>
    public Clustering Clustering { get; init; } = Clustering.Batch;

    /// <summary>With <see cref="Clustering.Online"/>: days without a new article after which a story closes (null: never).</summary>
    public int? WindowDays { get; init; }

    /// <summary>Articles extracted and annotated at once.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>What one document's extraction and annotation may cost before it is skipped with the limit named.</summary>
    public DocumentLimits Limits { get; init; } = new();
}

/// <summary>The story clusterer a run uses.</summary>
public enum Clustering
{
    /// <summary>The whole batch at once: average linkage over all pairs that share a distinctive word.</summary>
    Batch,

    /// <summary>One article at a time in order of date, as a live feed is grouped (<see cref="OnlineStoryClusterer"/>).</summary>
    Online,
}

/// <summary>How far a run has got, for a progress display.</summary>
public sealed record AnalysisProgress(string Stage, int Done, int? Total);

/// <summary>
/// The whole pipeline, composed: ingest, extract, annotate, group, reconcile. Each stage is built once and shared;
/// articles stream through extraction and annotation, and only their annotations are kept.
/// </summary>
public sealed class Analyzer
{
    private readonly AnalyzeOptions _options;
    private readonly TimeProvider _clock;
    private readonly FileSource _files;
    private readonly ArticleExtractor _extractor;
    private readonly ArticleAnnotator _annotator;
    private readonly StoryGrouper _grouper;
    private readonly StoryReconciler _reconciler;

    public Analyzer(TimeProvider clock, AnalyzeOptions? options = null)
    {
        _options = options ?? new AnalyzeOptions();
        _clock = clock;
        _files = new FileSource(_options.Files);
        _extractor = new ArticleExtractor(clock);
        _annotator = ArticleAnnotator.CreateDefault(clock);
        _reconciler = new StoryReconciler(_options.Reconcile);
        IStoryClusterer clusterer = _options.Clustering == Clustering.Online
            ? new OnlineStoryClusterer(new OnlineStoryOptions { WindowDays = _options.WindowDays })
            : new StoryClusterer();
        _grouper = new StoryGrouper(new NearDuplicateDetector(), clusterer);
    }

    /// <summary>Reads the files and folders given and analyses them.</summary>
    public async Task<Analysis> AnalyzeAsync(IEnumerable<string> paths, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (annotated, skipped) = await ReadAsync(paths, progress, cancellationToken);
        var analysis = Analyze(annotated, progress);
        return analysis with { Skipped = skipped };
    }

    /// <summary>Reads, extracts and annotates the files and folders given, in input order, with the inputs skipped.</summary>
    public async Task<(IReadOnlyList<AnnotatedArticle> Articles, IReadOnlyList<SkippedInput> Skipped)> ReadAsync(
        IEnumerable<string> paths, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var skipped = new List<SkippedInput>();
        var annotated = new List<AnnotatedArticle>();
        // Documents are read in order and annotated a batch at a time on every core: only one batch of raw text is
        // held at once, and the order of the input is kept.
        var batch = new List<IngestResult>(BatchSize);

        async Task FlushAsync()
        {
            var results = await DocumentWork.RunAsync(batch, (r, budget) => r.Document is { } d ? Annotate(d, budget) : null,
                _options.Limits, _clock, _options.Parallelism, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                if (batch[i].Skipped is { } skip) skipped.Add(skip);
                else if (results[i].Failure is { } failure) skipped.Add(new SkippedInput(batch[i].Document!.Path, failure));
                else if (results[i].Value is { } article) annotated.Add(article);
                else skipped.Add(new SkippedInput(batch[i].Document!.Path, "no article text after extraction"));
            }
            batch.Clear();
            progress?.Report(new AnalysisProgress("annotate", annotated.Count + skipped.Count, null));
        }

        await foreach (var result in _files.ReadAsync(paths, cancellationToken))
        {
            batch.Add(result);
            if (batch.Count == BatchSize) await FlushAsync();
        }
        await FlushAsync();
        return (annotated, skipped);
    }

    /// <summary>Groups annotated articles into stories, as <see cref="Analyze"/> does before reconciling.</summary>
    public IReadOnlyList<Story> Group(IReadOnlyList<AnnotatedArticle> articles) => _grouper.Group(articles);

    private const int BatchSize = 64;

    /// <summary>Extracts and annotates one document, or null if it yields no article.</summary>
    public AnnotatedArticle? Annotate(SourceDocument document) => Annotate(document, DocumentBudget.Unlimited);

    private AnnotatedArticle? Annotate(SourceDocument document, DocumentBudget budget)
    {
        var article = _extractor.Extract(document, budget);
        return string.IsNullOrWhiteSpace(article.Text) ? null : _annotator.Annotate(article, budget);
    }

    /// <summary>Groups annotated articles into stories and reconciles each story.</summary>
    public Analysis Analyze(IReadOnlyList<AnnotatedArticle> articles, IProgress<AnalysisProgress>? progress = null)
    {
        progress?.Report(new AnalysisProgress("group", 0, articles.Count));
        var stories = _grouper.Group(articles);
        var reports = new StoryReport[stories.Count];
        var dated = new ConcurrentDictionary<string, AnnotatedArticle>(StringComparer.Ordinal);
        var done = 0;
        Parallel.For(0, stories.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Parallelism) }, i =>
        {
            var (report, storyArticles) = _reconciler.Reconcile(stories[i]);
            reports[i] = report;
            foreach (var a in storyArticles) dated[a.Id] = a;
            progress?.Report(new AnalysisProgress("reconcile", Interlocked.Increment(ref done), stories.Count));
        });
        var ordered = articles.Select(a => dated.GetValueOrDefault(a.Id, a)).ToList();
        return new Analysis(ordered, reports, []);
    }
}
