namespace Dossier.Ingest.Watch;

/// <summary>How often feeds are polled and how politely and cautiously pages are fetched.</summary>
public sealed record WatchOptions
{
    /// <summary>Time between two polls of one feed while it answers.</summary>
    public TimeSpan Every { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest a failing feed is left alone (Retry-After may ask for longer, up to a day).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Least time between the end of one request to a host and the start of the next.</summary>
    public TimeSpan HostGap { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Time allowed for one request, headers and body together.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest feed or page body accepted, counted after decompression.</summary>
    public long MaxBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Item keys remembered per feed; the oldest no longer in the feed are forgotten first.</summary>
    public int MaxSeenItems { get; init; } = 5000;

    /// <summary>Polls on which an item may fail (its page unreachable, nothing in the feed for it) before it is given up.</summary>
    public int MaxItemAttempts { get; init; } = 3;

    /// <summary>Let requests reach loopback, private, link-local and reserved addresses (refused by default).</summary>
    public bool AllowPrivate { get; init; }

    /// <summary>Which addresses may be connected to, in place of <see cref="AllowPrivate"/>: for tests that need one local address allowed and another refused.</summary>
    public Func<System.Net.IPAddress, bool>? AllowAddress { get; init; }

    /// <summary>The User-Agent the HTTP client made by <see cref="FeedWatcher.CreateHttpClient"/> sends.</summary>
    public string UserAgent { get; init; } = "Dossier/1.0 (feed watcher)";
}
