using System.Collections.Concurrent;
using System.Net;
using Dossier.Ingest;
using Dossier.Ingest.Watch;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Dossier.Tests.Ingest;

/// <summary>The watcher's connections against a server on 127.0.0.1: refused unless allowed, redirects included.</summary>
public sealed class AddressGuardTests : IAsyncDisposable
{
    private readonly LocalWebServer _server = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 5, 9, 0, 0, TimeSpan.Zero));
    private readonly Sink _sink = new();
    private readonly Log _events = new();

    public AddressGuardTests()
    {
        _server.Routes["/feed"] = _ => Reply.Text(Rss(_server.Url("/a1")), "application/rss+xml");
        _server.Routes["/a1"] = _ => Reply.Text("<html><head><title>Bridge reopens</title></head><body><article><h1>Bridge reopens</h1><p>The bridge reopened on Monday after repairs.</p></article></body></html>");
    }

    private static string Rss(string link, string? description = "Feed text of the bridge story.")
        => "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Gazette</title><item><title>Bridge</title><guid isPermaLink=\"false\">a1</guid>"
            + $"<link>{System.Security.SecurityElement.Escape(link)}</link>"
            + (description is null ? "" : $"<description>{description}</description>") + "</item></channel></rss>";

    private async Task RunAsync(WatchOptions options, string feedUrl)
    {
        options = options with { HostGap = TimeSpan.Zero };
        using var http = FeedWatcher.CreateHttpClient(options);
        var watcher = new FeedWatcher([feedUrl], http, new InMemoryWatchState(), _sink, options, _clock, _events);
        await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
    }

    private string Reason(WatchEventKind kind) => Assert.Single(_events.All, e => e.Kind == kind).Reason!;

    /// <summary>The server's URL with another host, same port.</summary>
    private string At(string host, string path) => new UriBuilder(_server.Url(path)) { Host = host }.Uri.AbsoluteUri;

    [Fact]
    public async Task A_feed_on_loopback_is_refused_by_default_and_nothing_is_fetched()
    {
        await RunAsync(new WatchOptions(), _server.Url("/feed"));

        Assert.Equal("refused: 127.0.0.1 is a loopback address; --allow-private allows it", Reason(WatchEventKind.FeedFailed));
        Assert.Empty(_server.Hits);
        Assert.Empty(_sink.Documents);
    }

    [Fact]
    public async Task With_allow_private_the_same_feed_is_read()
    {
        await RunAsync(new WatchOptions { AllowPrivate = true }, _server.Url("/feed"));

        var page = Assert.Single(_sink.Documents);
        Assert.Equal(_server.Url("/a1"), page.Path);
        Assert.DoesNotContain(_events.All, e => e.Kind is WatchEventKind.FeedFailed or WatchEventKind.FellBack);
    }

    [Theory]
    [InlineData("localhost", "localhost resolves to")]
    [InlineData("[::1]", "::1 is a loopback address")]
    [InlineData("[::ffff:127.0.0.1]", "is a loopback address")]
    [InlineData("127.1.2.3", "127.1.2.3 is a loopback address")]
    [InlineData("0.0.0.0", "0.0.0.0 is an unspecified address")]
    public async Task Names_and_literal_forms_of_local_addresses_are_refused(string host, string expected)
    {
        await RunAsync(new WatchOptions(), At(host, "/feed"));

        var reason = Reason(WatchEventKind.FeedFailed);
        Assert.StartsWith("refused: ", reason, StringComparison.Ordinal);
        Assert.Contains(expected, reason, StringComparison.Ordinal);
        Assert.Empty(_server.Hits);
    }

    [Fact]
    public async Task A_page_redirected_to_a_refused_address_is_not_fetched_and_the_feed_text_stands_in()
    {
        // Allowed: 127.0.0.1 only, so 127.0.0.2 plays the private host a public page redirects to.
        _server.Routes["/a1"] = _ => new Reply([]) { Status = 302, Headers = new Dictionary<string, string> { ["Location"] = At("127.0.0.2", "/inside") } };
        _server.Routes["/inside"] = _ => Reply.Text("<html><body><p>Internal admin page.</p></body></html>");
        var options = new WatchOptions { AllowAddress = a => a.Equals(IPAddress.Loopback) };

        await RunAsync(options, _server.Url("/feed"));

        var fellBack = Assert.Single(_events.All, e => e.Kind == WatchEventKind.FellBack);
        Assert.Equal("refused: 127.0.0.2 is a loopback address; --allow-private allows it", fellBack.Reason);
        Assert.Single(_server.HitsTo("/a1"));
        Assert.Empty(_server.HitsTo("/inside"));
        Assert.Equal("Feed text of the bridge story.", Assert.Single(_sink.Documents).Text.Trim());
    }

    [Fact]
    public async Task A_feed_redirected_to_a_refused_address_fails_with_the_reason()
    {
        _server.Routes["/moved"] = _ => new Reply([]) { Status = 301, Headers = new Dictionary<string, string> { ["Location"] = At("127.0.0.2", "/feed") } };
        var options = new WatchOptions { AllowAddress = a => a.Equals(IPAddress.Loopback) };

        await RunAsync(options, _server.Url("/moved"));

        Assert.Equal("refused: 127.0.0.2 is a loopback address; --allow-private allows it", Reason(WatchEventKind.FeedFailed));
        Assert.Single(_server.HitsTo("/moved"));
        Assert.Empty(_server.HitsTo("/feed"));
        Assert.Empty(_sink.Documents);
    }

    [Fact]
    public async Task An_item_link_that_is_not_http_is_never_fetched()
    {
        _server.Routes["/feed"] = _ => Reply.Text(Rss("file:///etc/passwd"), "application/rss+xml");

        await RunAsync(new WatchOptions { AllowPrivate = true }, _server.Url("/feed"));

        var document = Assert.Single(_sink.Documents);
        Assert.Equal("Feed text of the bridge story.", document.Text.Trim());
        Assert.DoesNotContain("root:", document.Text, StringComparison.Ordinal);
        Assert.Single(_server.Hits);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private sealed class Sink : IArticleSink
    {
        private readonly ConcurrentQueue<SourceDocument> _documents = new();

        public IReadOnlyList<SourceDocument> Documents => [.. _documents];

        public ValueTask<bool> AcceptAsync(string feedUrl, SourceDocument document, CancellationToken cancellationToken)
        {
            _documents.Enqueue(document);
            return ValueTask.FromResult(true);
        }
    }

    private sealed class Log : IProgress<WatchEvent>
    {
        private readonly ConcurrentQueue<WatchEvent> _events = new();

        public IReadOnlyList<WatchEvent> All => [.. _events];

        public void Report(WatchEvent value) => _events.Enqueue(value);
    }
}
