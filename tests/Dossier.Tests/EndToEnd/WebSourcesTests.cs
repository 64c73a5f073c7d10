using System.Text.Json;
using Dossier.Cli;
using Dossier.Tests.Ingest;
using Xunit;

namespace Dossier.Tests.EndToEnd;

/// <summary>`analyze` reads web pages and feeds through the same path as `extract`: metadata from the markup reaches the story.</summary>
public sealed class WebSourcesTests
{
    private static string Page(string site, string title, string date, string body) => $"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} - {site}</title>
        <meta property="og:site_name" content="{site}"><meta property="og:title" content="{title}">
        <script type="application/ld+json">{"{"}"@type":"NewsArticle","headline":"{title}","datePublished":"{date}"{"}"}</script>
        </head><body><header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>
        <main><article><h1>{title}</h1>{body}</article></main>
        <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Markets slip</a></li><li><a href="/b">Storm warning</a></li></ul></aside>
        <footer>© {site}. All rights reserved.</footer></body></html>
        """;

    [Fact]
    public async Task Pages_and_a_feed_are_analysed_with_their_metadata()
    {
        using var folder = new TempFolder();
        folder.Write("a.html", Page("Harbour Post", "Ferry strike halts crossings to the islands", "2025-02-14T08:00:00Z",
            "<p>Ferry crews walked out on Friday, halting all crossings between the mainland and the islands, the operator said.</p>"
            + "<p>About 3,000 passengers a day use the route, which has been run by Island Lines since 2011.</p>"));
        folder.Write("b.html", Page("Coast Daily", "Island ferries stop as crews strike over pay", "2025-02-14T10:30:00+01:00",
            "<p>Crossings to the islands stopped on Friday as ferry crews went on strike over pay, Island Lines said.</p>"
            + "<p>The route carries roughly 3,000 passengers every day, according to the operator.</p>"));
        folder.Write("news.rss", """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Island Radio</title><link>https://radio.example/</link>
            <item><title>Ferry strike strands island commuters</title><link>https://radio.example/ferry-strike</link>
            <pubDate>Fri, 14 Feb 2025 12:00:00 GMT</pubDate>
            <description>Commuters were stranded on Friday after ferry crews walked out over pay, halting crossings run by Island Lines between the islands and the mainland. The operator said about 3,000 passengers a day were affected and that talks with the union would resume on Monday.</description></item>
            </channel></rss>
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["analyze", folder.Root, "--format", "json", "--today", "2025-03-01"], stdout, stderr, TestContext.Current.CancellationToken);
        Assert.True(code == DossierCommand.ExitCodes.Ok, stderr.ToString());
        using var json = JsonDocument.Parse(stdout.ToString());
        var articles = json.RootElement.GetProperty("articles").EnumerateArray().ToList();
        Assert.Equal(3, articles.Count);
        var titles = articles.Select(a => a.GetProperty("title").GetString()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Ferry strike halts crossings to the islands", "Ferry strike strands island commuters", "Island ferries stop as crews strike over pay"], titles);
        Assert.All(articles, a => Assert.Equal("2025-02-14", a.GetProperty("published").GetString()));
        Assert.All(articles, a => Assert.Equal("metadata", a.GetProperty("publishedSource").GetString()));
        Assert.All(articles, a => Assert.DoesNotContain("All rights reserved", a.GetProperty("text").GetString()));
        Assert.All(articles, a => Assert.DoesNotContain("Markets slip", a.GetProperty("text").GetString()));
        var story = Assert.Single(json.RootElement.GetProperty("stories").EnumerateArray());
        Assert.Equal(3, story.GetProperty("articles").GetArrayLength());
    }
}
