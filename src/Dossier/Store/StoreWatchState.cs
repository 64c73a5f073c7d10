using System.Text.Json;
using Dossier.Ingest;
using Dossier.Ingest.Watch;

namespace Dossier.Store;

/// <summary>Feed states kept in the store (as JSON per feed), so a restarted watch asks only for what changed.</summary>
public sealed class StoreWatchState(IStoryStore store) : IWatchState
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<FeedWatchState?> LoadAsync(string feedUrl, CancellationToken cancellationToken) =>
        await store.LoadFeedStateAsync(feedUrl, cancellationToken) is { } json ? JsonSerializer.Deserialize<FeedWatchState>(json, Json) : null;

    public async ValueTask SaveAsync(FeedWatchState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        await store.SaveFeedStateAsync(state.FeedUrl, JsonSerializer.Serialize(state, Json), cancellationToken);
    }
}

/// <summary>Pages a watch fetched, extracted and stored like any ingested file; new when the store did not hold them.</summary>
public sealed class StoreArticleSink(StoreIngest ingest) : IArticleSink
{
    public async ValueTask<bool> AcceptAsync(string feedUrl, SourceDocument document, CancellationToken cancellationToken) =>
        await ingest.AddAsync(document, cancellationToken) is { Added: true };
}
