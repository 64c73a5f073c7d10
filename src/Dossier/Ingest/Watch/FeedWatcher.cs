using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Dossier.Ingest.Watch;

/// <summary>
/// Watches RSS and Atom feeds: polls each due feed with a conditional GET (If-None-Match, If-Modified-Since), reads
/// it with <see cref="FeedReader"/>, fetches the page of every item not seen before and hands it to the sink, falling
/// back to the item's own content when the page cannot be had. A failing feed backs off exponentially from the poll
/// interval (capped; Retry-After honoured) until it answers again. Requests to one host go one at a time, a gap apart.
/// What was seen and each feed's validators live in an <see cref="IWatchState"/>, so a restart refetches nothing.
/// </summary>
public sealed class FeedWatcher
{
    private static readonly FileSourceOptions FileDefaults = new();

    private readonly IReadOnlyList<Uri> _feeds;
    private readonly HttpClient _http;
    private readonly IWatchState _state;
    private readonly IArticleSink _sink;
    private readonly WatchOptions _options;
    private readonly TimeProvider _time;
    private readonly IProgress<WatchEvent>? _progress;
    private readonly HostTurns _hosts;

    public FeedWatcher(
        IEnumerable<string> feedUrls, HttpClient http, IWatchState state, IArticleSink sink,
        WatchOptions? options = null, TimeProvider? time = null, IProgress<WatchEvent>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(feedUrls);
        _feeds = [.. feedUrls.Select(ParseFeedUrl).DistinctBy(u => u.AbsoluteUri)];
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _state = state ?? throw new ArgumentNullException(nameof(state));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _options = options ?? new WatchOptions();
        _time = time ?? TimeProvider.System;
        _progress = progress;
        _hosts = new HostTurns(_time, _options.HostGap);
    }

    public IReadOnlyList<Uri> Feeds => _feeds;

    /// <summary>
    /// An HTTP client fit for watching: at most 5 redirects, gzip/deflate/brotli decompressed (the watcher limits the
    /// decompressed size), no client-wide timeout (the watcher times each request), a User-Agent naming Dossier, and
    /// every connection (redirects included) refused to a non-public address unless <see cref="WatchOptions.AllowPrivate"/>.
    /// </summary>
    public static HttpClient CreateHttpClient(WatchOptions? options = null)
    {
        options ??= new WatchOptions();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 5,
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if ((options.AllowAddress ?? (options.AllowPrivate ? null : PublicAddress.IsPublic)) is { } allowed)
        {
            handler.ConnectCallback = new AddressGuard(allowed).ConnectAsync;
            // A proxy would connect on our behalf, to addresses the guard never sees.
            handler.UseProxy = false;
        }
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        return http;
    }

    /// <summary>
    /// Polls every feed that is due (never polled, or its next poll time reached) once, feeds side by side. With
    /// <paramref name="notBefore"/> false a feed is polled before its time too (a run from cron), but a feed backing
    /// off after failures still waits.
    /// </summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken = default, bool notBefore = true)
    {
        var now = _time.GetUtcNow();
        var due = new List<(Uri Feed, FeedWatchState State)>();
        foreach (var feed in _feeds)
        {
            var state = await _state.LoadAsync(feed.AbsoluteUri, cancellationToken).ConfigureAwait(false) ?? new FeedWatchState(feed.AbsoluteUri);
            if (state.NextPollAt is not { } next || next <= now || (!notBefore && state.Failures == 0)) due.Add((feed, state));
        }
        await Task.WhenAll(due.Select(d => PollAsync(d.Feed, d.State, cancellationToken))).ConfigureAwait(false);
    }

    /// <summary>Polls due feeds, then sleeps until the next feed is due, until cancelled (which ends it quietly).</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            while (true)
            {
                await RunOnceAsync(cancellationToken).ConfigureAwait(false);
                var next = await NextDueAsync(cancellationToken).ConfigureAwait(false);
                var wait = next - _time.GetUtcNow();
                // Never spin: a feed due already (a slow round) waits a moment.
                if (wait < TimeSpan.FromSeconds(1)) wait = TimeSpan.FromSeconds(1);
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>The earliest next poll time among the feeds.</summary>
    public async Task<DateTimeOffset> NextDueAsync(CancellationToken cancellationToken = default)
    {
        var earliest = DateTimeOffset.MaxValue;
        foreach (var feed in _feeds)
        {
            var state = await _state.LoadAsync(feed.AbsoluteUri, cancellationToken).ConfigureAwait(false);
            var next = state?.NextPollAt ?? _time.GetUtcNow();
            if (next < earliest) earliest = next;
        }
        return earliest == DateTimeOffset.MaxValue ? _time.GetUtcNow() + _options.Every : earliest;
    }

    private async Task PollAsync(Uri feed, FeedWatchState state, CancellationToken cancellationToken)
    {
        var feedUrl = feed.AbsoluteUri;
        var started = _time.GetUtcNow();
        Download download;
        using (await _hosts.WaitAsync(feed, cancellationToken).ConfigureAwait(false))
        {
            download = await Download.GetAsync(_http, feed, request =>
            {
                if (state.ETag is { } etag) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                if (state.LastModified is { } modified) request.Headers.TryAddWithoutValidation("If-Modified-Since", modified);
            }, _options.RequestTimeout, _options.MaxBytes, _time, cancellationToken).ConfigureAwait(false);
        }

        if (download.NotModified)
        {
            Report(new WatchEvent(WatchEventKind.NotModified, feedUrl, _time.GetUtcNow()));
            await SucceededAsync(state with { ETag = download.ETag ?? state.ETag, LastModified = download.LastModified ?? state.LastModified }, started, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (download.Failure is { } failure)
        {
            await FailedAsync(state, failure, download.RetryAfter, cancellationToken).ConfigureAwait(false);
            return;
        }

        var items = new List<(string Key, FeedEntry Entry)>();
        using (var body = new MemoryStream(download.Body!, writable: false))
        {
            foreach (var entry in FeedReader.Read(body, feedUrl, IdBase(feed), _options.MaxBytes))
            {
                if (entry.Result.Skipped is { } skipped)
                {
                    // The feed's own URL as the skip's path means the feed as a whole could not be read.
                    if (skipped.Path == feedUrl)
                    {
                        await FailedAsync(state, skipped.Reason, null, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    Report(new WatchEvent(WatchEventKind.ItemFailed, feedUrl, _time.GetUtcNow()) { Item = skipped.Path, Reason = skipped.Reason });
                    continue;
                }
                var key = ItemKey(entry);
                items.Add((key, entry with { Result = IngestResult.Read(entry.Result.Document! with { Id = ItemDocumentId(feed, entry.ItemId, key) }) }));
            }
        }
        Report(new WatchEvent(WatchEventKind.Polled, feedUrl, _time.GetUtcNow()) { Count = items.Count });

        var seen = new List<string>(state.SeenItems);
        var seenSet = new HashSet<string>(seen, StringComparer.Ordinal);
        var fresh = items.Where(i => !seenSet.Contains(i.Key)).DistinctBy(i => i.Key).ToList();
        if (fresh.Count > 0) Report(new WatchEvent(WatchEventKind.NewItems, feedUrl, _time.GetUtcNow()) { Count = fresh.Count });
        var failed = new Dictionary<string, int>(state.FailedItems, StringComparer.Ordinal);
        foreach (var (key, entry) in fresh)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await TakeItemAsync(feedUrl, entry.Result.Document!, cancellationToken).ConfigureAwait(false))
            {
                failed.Remove(key);
            }
            else
            {
                var attempts = failed.GetValueOrDefault(key) + 1;
                if (attempts < _options.MaxItemAttempts)
                {
                    // Not seen: the next poll tries it again.
                    failed[key] = attempts;
                    state = state with { FailedItems = new Dictionary<string, int>(failed, StringComparer.Ordinal) };
                    await _state.SaveAsync(state, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                failed.Remove(key);
                Report(new WatchEvent(WatchEventKind.ItemFailed, feedUrl, _time.GetUtcNow())
                {
                    Item = entry.Result.Document!.Hints.Url ?? key,
                    Reason = $"given up after {attempts} polls",
                });
            }
            seen.Add(key);
            // Saved item by item (old validators kept), so a crash part-way refetches only the items not yet taken.
            state = state with { SeenItems = seen.ToArray(), FailedItems = new Dictionary<string, int>(failed, StringComparer.Ordinal) };
            await _state.SaveAsync(state, cancellationToken).ConfigureAwait(false);
        }

        var inFeed = new HashSet<string>(items.Select(i => i.Key), StringComparer.Ordinal);
        foreach (var gone in failed.Keys.Where(k => !inFeed.Contains(k)).ToList()) failed.Remove(gone);
        // With an item left to retry, the old validators are kept: a 304 on the next poll would hide it.
        await SucceededAsync(state with
        {
            ETag = failed.Count == 0 ? download.ETag : state.ETag,
            LastModified = failed.Count == 0 ? download.LastModified : state.LastModified,
            SeenItems = Forget(seen, inFeed, _options.MaxSeenItems),
            FailedItems = failed,
        }, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fetches the item's page and hands it on; the item's own content stands in when the page cannot be had. False
    /// when nothing could be handed on (the page failed and the feed has no content for it, or the sink failed): the
    /// item is then tried again on a later poll.
    /// </summary>
    private async Task<bool> TakeItemAsync(string feedUrl, SourceDocument item, CancellationToken cancellationToken)
    {
        try
        {
            return await HandOnAsync(feedUrl, item, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One item the extractor or the store cannot take must not stop the feed.
            Report(new WatchEvent(WatchEventKind.ItemFailed, feedUrl, _time.GetUtcNow()) { Item = item.Hints.Url ?? item.Id, Reason = $"{e.GetType().Name}: {e.Message}" });
            return false;
        }
    }

    private async Task<bool> HandOnAsync(string feedUrl, SourceDocument item, CancellationToken cancellationToken)
    {
        string? reason;
        var url = item.Hints.Url is { } link && Uri.TryCreate(link, UriKind.Absolute, out var parsed) ? parsed : null;
        if (url is not null && url.Scheme is not ("http" or "https"))
        {
            // file:, ftp: and the like would read what no feed should be able to point at.
            reason = $"refused: not an http(s) link ({url.Scheme}:)";
        }
        else if (url is not null)
        {
            var (page, failure) = await FetchPageAsync(url, item, cancellationToken).ConfigureAwait(false);
            if (page is not null)
            {
                var isNew = await _sink.AcceptAsync(feedUrl, page, cancellationToken).ConfigureAwait(false);
                Report(new WatchEvent(WatchEventKind.Fetched, feedUrl, _time.GetUtcNow()) { Item = page.Path, IsNew = isNew });
                return true;
            }
            reason = failure;
        }
        else
        {
            reason = "no link";
        }

        var where = item.Hints.Url ?? item.Id;
        if (string.IsNullOrWhiteSpace(item.Text))
        {
            Report(new WatchEvent(WatchEventKind.ItemFailed, feedUrl, _time.GetUtcNow()) { Item = where, Reason = reason + "; the feed has no content for it" });
            return false;
        }
        var fallbackIsNew = await _sink.AcceptAsync(feedUrl, item, cancellationToken).ConfigureAwait(false);
        Report(new WatchEvent(WatchEventKind.FellBack, feedUrl, _time.GetUtcNow()) { Item = where, Reason = reason, IsNew = fallbackIsNew });
        return true;
    }

    private async Task<(SourceDocument? Page, string? Failure)> FetchPageAsync(Uri url, SourceDocument item, CancellationToken cancellationToken)
    {
        Download download;
        using (await _hosts.WaitAsync(url, cancellationToken).ConfigureAwait(false))
        {
            download = await Download.GetAsync(_http, url, null, _options.RequestTimeout, _options.MaxBytes, _time, cancellationToken).ConfigureAwait(false);
        }
        if (download.Failure is { } failure) return (null, failure);
        if (download.NotModified) return (null, "HTTP 304 to an unconditional request");
        var format = download.MediaType?.ToLowerInvariant() switch
        {
            null or "text/html" or "application/xhtml+xml" => "html",
            "text/plain" => "text",
            _ => null,
        };
        if (format is null) return (null, $"not a web page: {download.MediaType}");
        var bytes = download.Body!;
        var text = format == "html" ? HtmlText.Decode(bytes, download.Charset) : TextDecoder.Decode(bytes);
        if (text.AsSpan().IsWhiteSpace()) return (null, "empty page");
        if (TextDecoder.LooksBinary(text, FileDefaults.MaxControlShare)) return (null, "binary content");
        var pageUrl = download.Url.AbsoluteUri;
        return (new SourceDocument(item.Id, pageUrl, format, text) { Hints = item.Hints with { Url = pageUrl } }, null);
    }

    private async Task SucceededAsync(FeedWatchState state, DateTimeOffset started, CancellationToken cancellationToken)
        => await _state.SaveAsync(state with { Failures = 0, NextPollAt = started + _options.Every }, cancellationToken).ConfigureAwait(false);

    private async Task FailedAsync(FeedWatchState state, string reason, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var failures = state.Failures + 1;
        var wait = Backoff(_options.Every, _options.MaxBackoff, failures, retryAfter);
        var until = now + wait;
        Report(new WatchEvent(WatchEventKind.FeedFailed, state.FeedUrl, now) { Reason = reason });
        Report(new WatchEvent(WatchEventKind.BackingOff, state.FeedUrl, now) { Until = until, Count = failures });
        await _state.SaveAsync(state with { Failures = failures, NextPollAt = until }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The interval doubled once per failure in a row, capped; a longer Retry-After wins, up to a day.</summary>
    public static TimeSpan Backoff(TimeSpan every, TimeSpan max, int failures, TimeSpan? retryAfter)
    {
        var wait = every;
        for (var i = 0; i < failures && wait < max; i++) wait += wait;
        if (wait > max) wait = max;
        if (retryAfter is { } asked && asked > wait) wait = asked < TimeSpan.FromDays(1) ? asked : TimeSpan.FromDays(1);
        return wait;
    }

    /// <summary>Keys remembered: at most <paramref name="max"/>, dropping the oldest no longer in the feed.</summary>
    private static string[] Forget(List<string> seen, HashSet<string> inFeed, int max)
    {
        var excess = seen.Count - max;
        if (excess <= 0) return [.. seen];
        var kept = new List<string>(seen.Count);
        foreach (var key in seen)
        {
            if (excess > 0 && !inFeed.Contains(key)) { excess--; continue; }
            kept.Add(key);
        }
        return [.. kept];
    }

    /// <summary>An item is known by its guid or Atom id, else its link, else a hash of its title and text.</summary>
    public static string ItemKey(FeedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!string.IsNullOrWhiteSpace(entry.ItemId)) return entry.ItemId.Trim();
        var document = entry.Result.Document;
        if (document?.Hints.Url is { } link) return link;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes((document?.Hints.Title ?? "") + "\n" + (document?.Text ?? "")));
        return "sha256:" + Convert.ToHexStringLower(hash);
    }

    /// <summary>"host-guid" for a short safe guid, else "host-" and a hash of the key: the same item has the same id every poll.</summary>
    private static string ItemDocumentId(Uri feed, string? itemId, string key)
    {
        var idBase = IdBase(feed);
        var id = ContainerIds.Item(idBase, itemId, 0);
        return id != idBase + "-0" ? id : idBase + "-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..12];
    }

    private static string IdBase(Uri feed)
    {
        var host = feed.IdnHost.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static Uri ParseFeedUrl(string url)
        => Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new ArgumentException($"not an http(s) feed URL: {url}", nameof(url));

    private void Report(WatchEvent watchEvent) => _progress?.Report(watchEvent);
}
