using System.Globalization;

namespace Dossier.Ingest.Watch;

public enum WatchEventKind
{
    /// <summary>A feed answered with items; <see cref="WatchEvent.Count"/> is how many it lists.</summary>
    Polled,
    /// <summary>A feed answered 304: nothing new since the last poll.</summary>
    NotModified,
    /// <summary>Items not seen before; <see cref="WatchEvent.Count"/> is how many.</summary>
    NewItems,
    /// <summary>An item's page was fetched and handed on; <see cref="WatchEvent.IsNew"/> says whether it was new.</summary>
    Fetched,
    /// <summary>An item's page failed (<see cref="WatchEvent.Reason"/>) and the item's own content was handed on instead.</summary>
    FellBack,
    /// <summary>An item came to nothing: its page failed and the feed had no content for it, or the item was unreadable.</summary>
    ItemFailed,
    /// <summary>A poll of the feed failed (<see cref="WatchEvent.Reason"/>).</summary>
    FeedFailed,
    /// <summary>After a failure the feed is left alone until <see cref="WatchEvent.Until"/>.</summary>
    BackingOff,
}

/// <summary>One thing a watch did or met, for the command line to print.</summary>
public sealed record WatchEvent(WatchEventKind Kind, string Feed, DateTimeOffset At)
{
    /// <summary>The item's page URL (or its key when it has none).</summary>
    public string? Item { get; init; }
    public string? Reason { get; init; }
    public int Count { get; init; }
    public bool IsNew { get; init; }
    public DateTimeOffset? Until { get; init; }

    public override string ToString() => Kind switch
    {
        WatchEventKind.Polled => $"{Feed}: {Count} items",
        WatchEventKind.NotModified => $"{Feed}: not modified",
        WatchEventKind.NewItems => $"{Feed}: {Count} new",
        WatchEventKind.Fetched => $"  {Item}: {(IsNew ? "new" : "already kept")}",
        WatchEventKind.FellBack => $"  {Item}: {Reason}; feed content used ({(IsNew ? "new" : "already kept")})",
        WatchEventKind.ItemFailed => $"  {Item}: {Reason}",
        WatchEventKind.FeedFailed => $"{Feed}: {Reason}",
        WatchEventKind.BackingOff => $"{Feed}: backing off until {Until?.ToString("u", CultureInfo.InvariantCulture)}",
        _ => $"{Feed}: {Kind}",
    };
}
