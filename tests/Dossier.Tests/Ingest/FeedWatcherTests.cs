using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using Dossier.Ingest;
using Dossier.Ingest.Watch;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class FeedWatcherTests : IAsyncLifetime
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(10);

    private readonly LocalWebServer _server = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryWatchState _state = new();
    private readonly RecordingSink _sink = new();
    private readonly EventLog _events = new();
    private readonly HttpClient _http;

    // The server is on 127.0.0.1: these tests opt in to private addresses, as a local deployment would.
    public FeedWatcherTests() => _http = FeedWatcher.CreateHttpClient(new WatchOptions { AllowPrivate = true });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>Fake clock, no host gap: every delay would need the clock moved, and none is wanted here.</summary>
    private FeedWatcher Watcher(params string[] feedPaths) => Watcher(new WatchOptions { Every = Every, HostGap = TimeSpan.Zero }, _clock, feedPaths);

    private FeedWatcher Watcher(WatchOptions options, TimeProvider time, params string[] feedPaths)
        => new([.. feedPaths.Select(_server.Url)], _http, _state, _sink, options, time, _events);

    private sealed record Item(string Guid, string? Path, string? Description = null);

    private string Rss(params Item[] items)
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Valley Gazette</title>");
        foreach (var item in items)
        {
            builder.Append("<item><title>Story ").Append(SecurityElement.Escape(item.Guid)).Append("</title>")
                .Append("<guid isPermaLink=\"false\">").Append(SecurityElement.Escape(item.Guid)).Append("</guid>");
            if (item.Path is not null) builder.Append("<link>").Append(SecurityElement.Escape(_server.Url(item.Path))).Append("</link>");
            if (item.Description is not null) builder.Append("<description>").Append(SecurityElement.Escape(item.Description)).Append("</description>");
            builder.Append("</item>");
        }
        return builder.Append("</channel></rss>").ToString();
    }

    private void ServeFeed(string path, Func<string> rss, string? etag = null, string? lastModified = null)
        => _server.Routes[path] = request =>
        {
            var body = rss();
            var tag = etag ?? "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..16] + "\"";
            var headers = new Dictionary<string, string> { ["ETag"] = tag };
            if (lastModified is not null) headers["Last-Modified"] = lastModified;
            if (request.Headers["If-None-Match"] == tag) return new Reply([]) { Status = 304, ContentType = null, Headers = headers };
            return Reply.Text(body, "application/rss+xml") with { Headers = headers };
        };

    private void ServePage(string path, string headline)
        => _server.Routes[path] = _ => Reply.Text($"<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1><p>Full story of {headline}.</p></article></body></html>");

    [Fact]
    public async Task SecondPollIsConditionalAnd304BringsNothing()
    {
        const string lastModified = "Thu, 05 Mar 2026 08:00:00 GMT";
        ServeFeed("/feed", () => Rss(new Item("a1", "/a1")), etag: "\"v1\"", lastModified: lastModified);
        ServePage("/a1", "Budget approved");
        var watcher = Watcher("/feed");

        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Single(_sink.Documents);
        var first = Assert.Single(_server.HitsTo("/feed"));
        Assert.Null(first.Headers["If-None-Match"]);

        _clock.Advance(Every);
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);

        var polls = _server.HitsTo("/feed");
        Assert.Equal(2, polls.Count);
        Assert.Equal("\"v1\"", polls[1].Headers["If-None-Match"]);
        Assert.Equal(lastModified, polls[1].Headers["If-Modified-Since"]);
        Assert.Single(_server.HitsTo("/a1"));
        Assert.Single(_sink.Documents);
        Assert.Contains(_events.All, e => e.Kind == WatchEventKind.NotModified);
        Assert.Contains(_server.Hits, h => h.Headers["User-Agent"]?.Contains("Dossier", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task NewItemInFeedFetchesExactlyOnePage()
    {
        var items = new List<Item> { new("a1", "/a1") };
        ServeFeed("/feed", () => Rss([.. items]));
        ServePage("/a1", "Budget approved");
        // No byte-order mark and no meta charset: only the HTTP header's charset can decode the page.
        _server.Routes["/b2"] = _ => new Reply(Samples.Encode("<html><body><p>Мост закрыт на ремонт.</p></body></html>", "utf-16BE"))
        {
            ContentType = "text/html; charset=utf-16be",
        };
        var watcher = Watcher("/feed");
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Single(_sink.Documents);

        items.Insert(0, new Item("b2", "/b2"));
        _clock.Advance(Every);
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Single(_server.HitsTo("/a1"));
        Assert.Single(_server.HitsTo("/b2"));
        Assert.Equal(2, _sink.Documents.Count);
        var page = _sink.Documents[1];
        Assert.Equal(_server.Url("/b2"), page.Path);
        Assert.Equal(_server.Url("/b2"), page.Hints.Url);
        Assert.Equal("html", page.Format);
        Assert.Equal("Story b2", page.Hints.Title);
        Assert.Contains("Мост закрыт на ремонт.", page.Text, StringComparison.Ordinal);
        var newItems = _events.All.Where(e => e.Kind == WatchEventKind.NewItems).Select(e => e.Count).ToList();
        Assert.Equal([1, 1], newItems);
    }

    [Fact]
    public async Task TooLargePagesAreRefusedAndTheNextItemStillGoes()
    {
        var options = new WatchOptions { Every = Every, HostGap = TimeSpan.Zero, MaxBytes = 64 * 1024 };
        var big = Encoding.ASCII.GetBytes("<html><body><p>" + new string('a', 200 * 1024) + "</p></body></html>");
        ServeFeed("/feed", () => Rss(new Item("declared", "/declared"), new Item("chunked", "/chunked"), new Item("gzipped", "/gzipped"), new Item("small", "/small")));
        _server.Routes["/declared"] = _ => new Reply(big);
        _server.Routes["/chunked"] = _ => new Reply(big) { Chunked = true };
        // Small on the wire, large once decompressed: the limit counts what is read after decompression.
        _server.Routes["/gzipped"] = _ => new Reply(big) { Gzip = true };
        ServePage("/small", "Bridge closes");

        await Watcher(options, _clock, "/feed").RunOnceAsync(TestContext.Current.CancellationToken);

        var failed = _events.All.Where(e => e.Kind == WatchEventKind.ItemFailed).ToList();
        Assert.Equal([_server.Url("/declared"), _server.Url("/chunked"), _server.Url("/gzipped")], failed.Select(e => e.Item));
        Assert.All(failed, e => Assert.StartsWith("too large", e.Reason, StringComparison.Ordinal));
        var document = Assert.Single(_sink.Documents);
        Assert.Equal(_server.Url("/small"), document.Path);
    }

    [Fact]
    public async Task HangingPageTimesOutAndTheWatcherGoesOn()
    {
        // Real time here: the timeout has to fire by itself while the request hangs.
        var options = new WatchOptions { Every = Every, HostGap = TimeSpan.Zero, RequestTimeout = TimeSpan.FromSeconds(2) };
        ServeFeed("/feed", () => Rss(new Item("slow", "/slow"), new Item("quick", "/quick")));
        _server.Routes["/slow"] = _ => new Reply([]) { Hang = true };
        ServePage("/quick", "Bridge closes");

        await Watcher(options, TimeProvider.System, "/feed").RunOnceAsync(TestContext.Current.CancellationToken);

        var failed = Assert.Single(_events.All, e => e.Kind == WatchEventKind.ItemFailed);
        Assert.Equal(_server.Url("/slow"), failed.Item);
        Assert.Contains("timed out", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(_server.Url("/quick"), Assert.Single(_sink.Documents).Path);
    }

    [Fact]
    public async Task FailingFeedBacksOffAndIsNotAskedBeforeItsTime()
    {
        var status = 500;
        _server.Routes["/feed"] = _ => status == 200 ? Reply.Text(Rss(), "application/rss+xml") : new Reply([]) { Status = status };
        var watcher = Watcher("/feed");
        var feedUrl = _server.Url("/feed");
        var ct = TestContext.Current.CancellationToken;

        await watcher.RunOnceAsync(ct);
        var first = (await _state.LoadAsync(feedUrl, ct))!;
        Assert.Equal(1, first.Failures);
        var firstWait = first.NextPollAt!.Value - _clock.GetUtcNow();
        Assert.True(firstWait > Every, $"backed off {firstWait}");
        Assert.Contains(_events.All, e => e.Kind == WatchEventKind.FeedFailed && e.Reason!.Contains("500", StringComparison.Ordinal));
        Assert.Contains(_events.All, e => e.Kind == WatchEventKind.BackingOff && e.Until == first.NextPollAt);

        // At the usual interval, and just before the backed-off time: no request.
        _clock.Advance(Every);
        await watcher.RunOnceAsync(ct);
        _clock.SetUtcNow(first.NextPollAt.Value - TimeSpan.FromSeconds(1));
        await watcher.RunOnceAsync(ct);
        Assert.Single(_server.HitsTo("/feed"));

        _clock.SetUtcNow(first.NextPollAt.Value);
        await watcher.RunOnceAsync(ct);
        Assert.Equal(2, _server.HitsTo("/feed").Count);
        var second = (await _state.LoadAsync(feedUrl, ct))!;
        Assert.Equal(2, second.Failures);
        Assert.True(second.NextPollAt!.Value - _clock.GetUtcNow() > firstWait, "the wait grows");

        // 503 with Retry-After longer than the backoff: the server's word is kept.
        _server.Routes["/feed"] = _ => new Reply([]) { Status = 503, Headers = new Dictionary<string, string> { ["Retry-After"] = "18000" } };
        _clock.SetUtcNow(second.NextPollAt.Value);
        await watcher.RunOnceAsync(ct);
        var third = (await _state.LoadAsync(feedUrl, ct))!;
        Assert.Equal(TimeSpan.FromHours(5), third.NextPollAt!.Value - _clock.GetUtcNow());

        // Success resets the count and the interval.
        _server.Routes["/feed"] = _ => Reply.Text(Rss(), "application/rss+xml");
        _clock.SetUtcNow(third.NextPollAt.Value);
        await watcher.RunOnceAsync(ct);
        var healed = (await _state.LoadAsync(feedUrl, ct))!;
        Assert.Equal(0, healed.Failures);
        Assert.Equal(_clock.GetUtcNow() + Every, healed.NextPollAt);
    }

    [Fact]
    public void BackoffDoublesFromTheIntervalUpToTheCap()
    {
        var max = TimeSpan.FromHours(6);
        Assert.Equal(TimeSpan.FromMinutes(20), FeedWatcher.Backoff(Every, max, 1, null));
        Assert.Equal(TimeSpan.FromMinutes(40), FeedWatcher.Backoff(Every, max, 2, null));
        Assert.Equal(max, FeedWatcher.Backoff(Every, max, 30, null));
        Assert.Equal(max, FeedWatcher.Backoff(Every, max, int.MaxValue, null));
        Assert.Equal(TimeSpan.FromMinutes(20), FeedWatcher.Backoff(Every, max, 1, TimeSpan.FromSeconds(5)));
        Assert.Equal(TimeSpan.FromDays(1), FeedWatcher.Backoff(Every, max, 1, TimeSpan.FromDays(30)));
    }

    [Fact]
    public async Task TwoFeedsOnOneHostAreNeverFetchedAtOnce()
    {
        var think = TimeSpan.FromMilliseconds(60);
        foreach (var name in (string[])["one", "two"])
        {
            var body = Rss(new Item(name + "-1", "/" + name + "-1"), new Item(name + "-2", "/" + name + "-2"));
            _server.Routes["/" + name] = _ => Reply.Text(body, "application/rss+xml") with { Delay = think };
            for (var i = 1; i <= 2; i++)
                _server.Routes[$"/{name}-{i}"] = _ => Reply.Text("<html><body><p>Story.</p></body></html>") with { Delay = think };
        }

        await Watcher("/one", "/two").RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(6, _server.Hits.Count);
        Assert.Equal(4, _sink.Documents.Count);
        Assert.Equal(1, _server.MaxOverlap);
    }

    [Fact]
    public async Task RequestsToOneHostKeepTheGap()
    {
        var gap = TimeSpan.FromMilliseconds(150);
        var options = new WatchOptions { Every = Every, HostGap = gap };
        ServeFeed("/feed", () => Rss(new Item("a1", "/a1"), new Item("b2", "/b2")));
        ServePage("/a1", "Budget approved");
        ServePage("/b2", "Bridge closes");

        await Watcher(options, TimeProvider.System, "/feed").RunOnceAsync(TestContext.Current.CancellationToken);

        var hits = _server.Hits.OrderBy(h => h.Started).ToList();
        Assert.Equal(3, hits.Count);
        for (var i = 1; i < hits.Count; i++)
            // From start to start: the server notes a request's end only after the client already has its body.
            Assert.True(hits[i].Started - hits[i - 1].Started >= gap - TimeSpan.FromMilliseconds(5), $"gap {hits[i].Started - hits[i - 1].Started}");
    }

    [Fact]
    public async Task PageThatFailsFallsBackToTheFeedContent()
    {
        ServeFeed("/feed", () => Rss(new Item("gone", "/gone", "<p>The old bridge will close for six weeks.</p>"), new Item("bare", "/bare")));
        _server.Routes["/gone"] = _ => new Reply([]) { Status = 404 };
        _server.Routes["/bare"] = _ => new Reply([]) { Status = 410 };

        await Watcher("/feed").RunOnceAsync(TestContext.Current.CancellationToken);

        var document = Assert.Single(_sink.Documents);
        Assert.Equal("html", document.Format);
        Assert.Contains("six weeks", document.Text, StringComparison.Ordinal);
        Assert.Equal(_server.Url("/gone"), document.Hints.Url);
        var fellBack = Assert.Single(_events.All, e => e.Kind == WatchEventKind.FellBack);
        Assert.Contains("404", fellBack.Reason, StringComparison.Ordinal);
        Assert.True(fellBack.IsNew);
        var failed = Assert.Single(_events.All, e => e.Kind == WatchEventKind.ItemFailed);
        Assert.Equal(_server.Url("/bare"), failed.Item);
        Assert.Contains("410", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemWhosePageFailsWithNothingInTheFeedIsTriedAgainThenGivenUp()
    {
        ServeFeed("/feed", () => Rss(new Item("flaky", "/flaky"), new Item("dead", "/dead")), etag: "\"same\"");
        var flakyUp = false;
        _server.Routes["/flaky"] = _ => flakyUp
            ? Reply.Text("<html><body><article><h1>Port reopens</h1><p>The port reopened on Friday after the fire.</p></article></body></html>")
            : new Reply([]) { Status = 503 };
        _server.Routes["/dead"] = _ => new Reply([]) { Status = 500 };
        var options = new WatchOptions { Every = Every, HostGap = TimeSpan.Zero, MaxItemAttempts = 3 };
        var watcher = Watcher(options, _clock, "/feed");

        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Empty(_sink.Documents);
        flakyUp = true;
        _clock.Advance(Every);
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
        // The feed was asked without its ETag (an item was left to retry), and the page now comes.
        Assert.All(_server.HitsTo("/feed"), h => Assert.Null(h.Headers["If-None-Match"]));
        Assert.Equal(_server.Url("/flaky"), Assert.Single(_sink.Documents).Path);

        _clock.Advance(Every);
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, _server.HitsTo("/dead").Count);
        Assert.Contains(_events.All, e => e.Kind == WatchEventKind.ItemFailed && e.Reason == "given up after 3 polls");
        _clock.Advance(Every);
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, _server.HitsTo("/dead").Count);
        Assert.NotNull(_server.HitsTo("/feed")[^1].Headers["If-None-Match"]);
        var state = (await _state.LoadAsync(_server.Url("/feed"), TestContext.Current.CancellationToken))!;
        Assert.Empty(state.FailedItems);
    }

    [Fact]
    public async Task RestartWithTheSameStateRefetchesNothing()
    {
        // The server ignores validators, so only the remembered item keys can stop a refetch.
        var rss = Rss(new Item("a1", "/a1"), new Item("b2", "/b2"));
        _server.Routes["/feed"] = _ => Reply.Text(rss, "application/rss+xml");
        ServePage("/a1", "Budget approved");
        ServePage("/b2", "Bridge closes");
        await Watcher("/feed").RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, _sink.Documents.Count);

        _clock.Advance(Every);
        var restarted = new FeedWatcher([_server.Url("/feed")], _http, _state, _sink, new WatchOptions { Every = Every, HostGap = TimeSpan.Zero }, _clock, _events);
        await restarted.RunOnceAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, _server.HitsTo("/feed").Count);
        Assert.Single(_server.HitsTo("/a1"));
        Assert.Single(_server.HitsTo("/b2"));
        Assert.Equal(2, _sink.Documents.Count);
        Assert.DoesNotContain(_events.All, e => e.Kind == WatchEventKind.NewItems && e.At > _clock.GetUtcNow() - TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task OnlyKeysGoneFromTheFeedAreForgottenBeyondTheLimit()
    {
        var items = new List<Item> { new("a", "/a"), new("b", "/b"), new("c", "/c") };
        _server.Routes["/feed"] = _ => Reply.Text(Rss([.. items]), "application/rss+xml");
        foreach (var name in (string[])["a", "b", "c", "d"]) ServePage("/" + name, "Story " + name);
        var watcher = Watcher(new WatchOptions { Every = Every, HostGap = TimeSpan.Zero, MaxSeenItems = 2 }, _clock, "/feed");
        var ct = TestContext.Current.CancellationToken;

        await watcher.RunOnceAsync(ct);
        // Over the limit, but every key is still in the feed: none is forgotten, or the next poll would refetch it.
        Assert.Equal(["a", "b", "c"], (await _state.LoadAsync(_server.Url("/feed"), ct))!.SeenItems);

        items = [new("d", "/d"), new("c", "/c")];
        _clock.Advance(Every);
        await watcher.RunOnceAsync(ct);
        Assert.Equal(["c", "d"], (await _state.LoadAsync(_server.Url("/feed"), ct))!.SeenItems);
        Assert.Single(_server.HitsTo("/c"));
        Assert.Single(_server.HitsTo("/d"));
        Assert.Equal(["127.0.0.1-a", "127.0.0.1-b", "127.0.0.1-c", "127.0.0.1-d"], _sink.Documents.Select(d => d.Id));
    }

    [Fact]
    public async Task AnArticleTheSinkAlreadyHasIsReportedAsSuch()
    {
        // Two feeds list the same story under their own guids: the sink (the store) tells the second one apart.
        ServeFeed("/one", () => Rss(new Item("one-1", "/story")));
        ServeFeed("/two", () => Rss(new Item("two-1", "/story")));
        ServePage("/story", "Budget approved");

        await Watcher("/one", "/two").RunOnceAsync(TestContext.Current.CancellationToken);

        var fetched = _events.All.Where(e => e.Kind == WatchEventKind.Fetched).ToList();
        Assert.Equal(2, fetched.Count);
        Assert.Equal(1, fetched.Count(e => e.IsNew));
        Assert.Contains(fetched, e => e.ToString().EndsWith("already kept", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiveRedirectsAreFollowedAndASixthIsNot()
    {
        ServeFeed("/feed", () => Rss(new Item("near", "/near0"), new Item("far", "/far0")));
        for (var i = 0; i < 6; i++)
        {
            var near = i < 4 ? $"/near{i + 1}" : "/story";
            var far = $"/far{i + 1}";
            _server.Routes[$"/near{i}"] = _ => new Reply([]) { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = near } };
            _server.Routes[$"/far{i}"] = _ => new Reply([]) { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = far } };
        }
        ServePage("/story", "Budget approved");
        ServePage("/far6", "Never reached");

        await Watcher("/feed").RunOnceAsync(TestContext.Current.CancellationToken);

        var document = Assert.Single(_sink.Documents);
        Assert.Equal(_server.Url("/story"), document.Path);
        var failed = Assert.Single(_events.All, e => e.Kind == WatchEventKind.ItemFailed);
        Assert.Equal(_server.Url("/far0"), failed.Item);
        Assert.Contains("302", failed.Reason, StringComparison.Ordinal);
        Assert.Empty(_server.HitsTo("/far6"));
    }

    [Fact]
    public async Task FeedThatIsNotXmlIsAFailure()
    {
        _server.Routes["/feed"] = _ => Reply.Text("<html><body>Not a feed</body></html>");
        await Watcher("/feed").RunOnceAsync(TestContext.Current.CancellationToken);
        var failed = Assert.Single(_events.All, e => e.Kind == WatchEventKind.FeedFailed);
        Assert.Contains("not a feed", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await _state.LoadAsync(_server.Url("/feed"), TestContext.Current.CancellationToken))!.Failures);
    }

    [Fact]
    public async Task RunLoopPollsAgainWhenTheClockReachesTheNextPoll()
    {
        ServeFeed("/feed", () => Rss(new Item("a1", "/a1")));
        ServePage("/a1", "Budget approved");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var loop = Watcher("/feed").RunAsync(stop.Token);

        await WaitForAsync(() => _server.HitsTo("/feed").Count == 1 && _events.All.Any(e => e.Kind == WatchEventKind.Fetched));
        _clock.Advance(Every - TimeSpan.FromSeconds(1));
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.Single(_server.HitsTo("/feed"));
        // The loop may not be waiting yet when the clock moves: keep moving it a second at a time until it polls.
        for (var i = 0; i < 500 && _server.HitsTo("/feed").Count < 2; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
        Assert.Equal(2, _server.HitsTo("/feed").Count);

        await stop.CancelAsync();
        await loop;
        Assert.Single(_sink.Documents);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.True(condition());
    }

    private sealed class RecordingSink : IArticleSink
    {
        private readonly ConcurrentQueue<SourceDocument> _documents = new();
        private readonly ConcurrentDictionary<string, bool> _kept = new(StringComparer.Ordinal);

        public IReadOnlyList<SourceDocument> Documents => [.. _documents];

        public ValueTask<bool> AcceptAsync(string feedUrl, SourceDocument document, CancellationToken cancellationToken)
        {
            _documents.Enqueue(document);
            return ValueTask.FromResult(_kept.TryAdd(document.Hints.Url ?? document.Text, true));
        }
    }

    private sealed class EventLog : IProgress<WatchEvent>
    {
        private readonly ConcurrentQueue<WatchEvent> _events = new();

        public IReadOnlyList<WatchEvent> All => [.. _events];

        public void Report(WatchEvent value) => _events.Enqueue(value);
    }
}
