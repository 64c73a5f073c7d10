using System.Collections.Concurrent;

namespace Dossier.Ingest.Watch;

/// <summary>
/// What the watcher remembers of one feed between polls and restarts: its validators (ETag, Last-Modified), the keys
/// of the items already handled (guid, else link), when to poll next and how many polls in a row have failed.
/// </summary>
public sealed record FeedWatchState(string FeedUrl)
{
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public IReadOnlyList<string> SeenItems { get; init; } = [];
    public DateTimeOffset? NextPollAt { get; init; }
    public int Failures { get; init; }
    /// <summary>Items whose page failed with nothing in the feed to stand in, by key, with how many polls failed them: tried again.</summary>
    public IReadOnlyDictionary<string, int> FailedItems { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);
}

/// <summary>Where feed states are kept; the store implements it so that a restart goes on where the last run stopped.</summary>
public interface IWatchState
{
    /// <summary>The saved state of <paramref name="feedUrl"/>, or null for a feed never polled.</summary>
    ValueTask<FeedWatchState?> LoadAsync(string feedUrl, CancellationToken cancellationToken);

    ValueTask SaveAsync(FeedWatchState state, CancellationToken cancellationToken);
}

/// <summary>Feed states held in memory: for tests and for a watch that need not survive a restart.</summary>
public sealed class InMemoryWatchState : IWatchState
{
    private readonly ConcurrentDictionary<string, FeedWatchState> _feeds = new(StringComparer.Ordinal);

    public ValueTask<FeedWatchState?> LoadAsync(string feedUrl, CancellationToken cancellationToken)
        => ValueTask.FromResult(_feeds.TryGetValue(feedUrl, out var state) ? state : null);

    public ValueTask SaveAsync(FeedWatchState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        _feeds[state.FeedUrl] = state;
        return ValueTask.CompletedTask;
    }
}
