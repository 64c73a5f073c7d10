using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Store;

/// <summary>How far an ingest has got: inputs read, articles stored, duplicates and skipped inputs.</summary>
public sealed record IngestProgress(int Read, int Stored, int Duplicates, int Skipped);

/// <summary>What an ingest did, with every skipped input and its reason.</summary>
public sealed record IngestSummary(int Stored, int Duplicates, IReadOnlyList<SkippedInput> Skipped);

/// <summary>
/// Reads files, folders, pages, feeds, JSON Lines and archives as `analyze` does, extracts each article and stores it.
/// Each article is committed on its own, so an ingest that dies keeps what it stored, and a second run of the same
/// inputs stores only what is missing (the rest are duplicates by content and address).
/// </summary>
public sealed class StoreIngest(IStoryStore store, TimeProvider clock, FileSourceOptions? files = null)
{
    private readonly FileSource _files = new(files);
    private readonly ArticleExtractor _extractor = new(clock);

    /// <summary>Articles extracted side by side before they are stored in input order.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>What one document's extraction may cost before it is skipped with the limit named.</summary>
    public DocumentLimits Limits { get; init; } = new();

    /// <summary>Told each new article's outcome as soon as its transaction has committed (e.g. to keep a durable record of it).</summary>
    public Action<AddOutcome>? Committed { get; init; }

    public async Task<IngestSummary> IngestAsync(IEnumerable<string> paths, IProgress<IngestProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var (stored, duplicates, read) = (0, 0, 0);
        var skipped = new List<SkippedInput>();
        var batch = new List<IngestResult>(BatchSize);

        async Task FlushAsync()
        {
            var extracted = await DocumentWork.RunAsync(batch, (r, budget) => r.Document is { } d ? Extract(d, budget) : null,
                Limits, clock, Parallelism, cancellationToken);
            for (var i = 0; i < batch.Count; i++)
            {
                read++;
                if (batch[i].Skipped is { } skip) skipped.Add(skip);
                else if (extracted[i].Failure is { } failure) skipped.Add(new SkippedInput(batch[i].Document!.Path, failure));
                else if (extracted[i].Value is not { } article) skipped.Add(new SkippedInput(batch[i].Document!.Path, "no article text after extraction"));
                else if (await store.AddAsync(article, batch[i].Document!.Path, cancellationToken) is { Added: true } added)
                {
                    stored++;
                    Committed?.Invoke(added);
                }
                else duplicates++;
            }
            batch.Clear();
            progress?.Report(new IngestProgress(read, stored, duplicates, skipped.Count));
        }

        await foreach (var result in _files.ReadAsync(paths, cancellationToken))
        {
            batch.Add(result);
            if (batch.Count == BatchSize) await FlushAsync();
        }
        await FlushAsync();
        return new IngestSummary(stored, duplicates, skipped);
    }

    /// <summary>
    /// Extracts and stores one document (a page a feed watcher fetched); null when it holds no article text. A document
    /// the extractor cannot take, or one over its <see cref="Limits"/>, throws <see cref="InvalidDataException"/> with the reason.
    /// </summary>
    public async Task<AddOutcome?> AddAsync(SourceDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var extracted = (await DocumentWork.RunAsync([document], Extract, Limits, clock, 1, cancellationToken))[0];
        if (extracted.Failure is { } failure) throw new InvalidDataException(failure);
        return extracted.Value is { } article ? await store.AddAsync(article, document.Path, cancellationToken) : null;
    }

    private Article? Extract(SourceDocument document, DocumentBudget budget)
    {
        var article = _extractor.Extract(document, budget);
        return string.IsNullOrWhiteSpace(article.Text) ? null : article;
    }

    private const int BatchSize = 32;
}
