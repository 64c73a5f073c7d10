using System.Net;
using System.Text;
using Dossier.Cli;
using Dossier.Store;
using Dossier.Tests.Ingest;
using Xunit;

namespace Dossier.Tests.Cli;

/// <summary>`dossier watch` against a news site served on 127.0.0.1: pages stored once, stories updated, state kept.</summary>
public sealed class WatchVerbTests : IAsyncLifetime
{
    private readonly LocalWebServer _server = new();
    private readonly TempFolder _folder = new();
    private readonly List<string> _items = [];

    private string Db => Path.Combine(_folder.Root, "watch.db");

    public ValueTask InitializeAsync()
    {
        _server.Routes["/feed.xml"] = request =>
        {
            var body = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Harbour Times</title>");
            lock (_items)
                foreach (var item in _items)
                    body.Append($"<item><title>{item}</title><guid>{item}</guid><link>{_server.Url("/news/" + item)}</link></item>");
            body.Append("</channel></rss>");
            var tag = "\"" + _items.Count + "\"";
            var headers = new Dictionary<string, string> { ["ETag"] = tag };
            return request.Headers["If-None-Match"] == tag
                ? new Reply([]) { Status = 304, ContentType = null, Headers = headers }
                : Reply.Text(body.ToString(), "application/rss+xml") with { Headers = headers };
        };
        foreach (var (slug, text) in Pages)
            _server.Routes["/news/" + slug] = _ => Reply.Text(
                $"<html><head><title>{WebUtility.HtmlEncode(slug)}</title></head><body><nav>Home | World | Sport</nav><article><h1>{slug}</h1>"
                + string.Concat(text.Split("\n\n").Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")) + "</article><footer>Subscribe now</footer></body></html>");
        return ValueTask.CompletedTask;
    }

    private static readonly (string Slug, string Text)[] Pages =
    [
        ("warehouse-fire", "A fire destroyed three warehouses at the Gdansk port on Tuesday night, the port authority said.\n\nFirefighters from across Pomerania fought the blaze for nine hours before it was contained on Wednesday morning.\n\nPort spokeswoman Marta Kowalczyk said timber and paper worth millions of zloty were lost."),
        ("port-fire-inquiry", "Prosecutors in Gdansk opened an inquiry on Thursday into the fire that destroyed three port warehouses this week.\n\nThe port authority said a faulty switchboard was being examined as a possible cause of the blaze.\n\nMarta Kowalczyk, speaking for the port, said losses could reach tens of millions of zloty."),
        ("budget-vote", "Parliament in Lisbon approved next year's budget on Friday after a long night of debate.\n\nThe finance minister said the plan would cut the deficit to two percent of output.\n\nOpposition parties voted against, saying the spending on housing was too small."),
    ];

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.RunAsync(args);

    [Fact]
    public async Task New_items_are_stored_once_and_grouped_and_a_second_poll_asks_only_what_changed()
    {
        _items.AddRange(["warehouse-fire", "budget-vote"]);
        var first = await Run("watch", _server.Url("/feed.xml"), "--store", Db, "--once", "--host-gap", "0.01s", "--allow-private");
        Assert.Equal(DossierCommand.ExitCodes.Ok, first.Code);
        Assert.Contains("2 new", first.Err);

        _items.Add("port-fire-inquiry");
        var second = await Run("watch", _server.Url("/feed.xml"), "--store", Db, "--once", "--host-gap", "0.01s", "--allow-private");
        Assert.Contains("1 new", second.Err);
        var third = await Run("watch", _server.Url("/feed.xml"), "--store", Db, "--once", "--host-gap", "0.01s", "--allow-private");
        Assert.Contains("not modified", third.Err);

        // Each page fetched once; the feed asked with the ETag from the store after the first run.
        Assert.All(Pages, p => Assert.Single(_server.HitsTo("/news/" + p.Slug)));
        var feedHits = _server.HitsTo("/feed.xml");
        Assert.Equal(3, feedHits.Count);
        Assert.Null(feedHits[0].Headers["If-None-Match"]);
        Assert.NotNull(feedHits[2].Headers["If-None-Match"]);

        await using var store = await SqliteStore.OpenAsync(Db, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.Equal(new StoreCounts(0, 0, 3, 0, 2), await store.CountAsync(TestContext.Current.CancellationToken));
        var fire = (await store.ListStoriesAsync(10, 0, TestContext.Current.CancellationToken)).Single(s => s.Articles == 2);
        var articles = await store.StoryArticlesAsync(fire.Id, TestContext.Current.CancellationToken);
        Assert.All(articles, a => Assert.StartsWith(_server.Url("/news/"), a.Article.Url));
        Assert.All(articles, a => Assert.DoesNotContain("Subscribe", a.Article.Text));
    }

    [Fact]
    public async Task A_feed_on_loopback_is_refused_without_allow_private_and_nothing_is_fetched()
    {
        _items.Add("warehouse-fire");
        var run = await Run("watch", _server.Url("/feed.xml"), "--store", Db, "--once", "--host-gap", "0.01s");

        Assert.Contains("refused: 127.0.0.1 is a loopback address; --allow-private allows it", run.Err);
        Assert.Empty(_server.Hits);
        await using var store = await SqliteStore.OpenAsync(Db, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.Equal(0, (await store.CountAsync(TestContext.Current.CancellationToken)).Articles);
    }

    [Fact]
    public async Task Bad_feed_urls_and_durations_are_usage_errors()
    {
        Assert.Equal(DossierCommand.ExitCodes.Usage, (await Run("watch", "file:///etc/passwd", "--store", Db, "--once")).Code);
        Assert.Equal(DossierCommand.ExitCodes.Usage, (await Run("watch", _server.Url("/feed.xml"), "--store", Db, "--every", "often")).Code);
        Assert.Empty(_server.Hits);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await _server.DisposeAsync();
        _folder.Dispose();
    }
}
