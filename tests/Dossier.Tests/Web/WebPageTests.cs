using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using Dossier.Tests.Support;
using Microsoft.Playwright;
using Xunit;

namespace Dossier.Tests.Web;

/// <summary>The pages in Chromium: a reader's path from the list to a cited passage, and hostile text kept inert.</summary>
[Collection(ServedStoreCollection.Name)]
public sealed class WebPageTests(ServedStore served, Browser browser)
{
    /// <summary>Set to a file path to keep the screenshot of the seeds story page (docs/story-page.png).</summary>
    public const string ScreenshotVariable = "DOSSIER_SCREENSHOT";

    /// <summary>Console errors (CSP violations among them) and uncaught page errors, as they happen.</summary>
    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") lock (problems) problems.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => { lock (problems) problems.Add("page error: " + error); };
        return problems;
    }

    /// <summary>
    /// Navigation counts as done when the new document is committed; the locators that follow wait for their elements.
    /// Waiting for the load event instead raced with fast pages: a CI run once timed out on a page that had loaded.
    /// </summary>
    // A shared 2-core CI machine running the other test classes beside the browser can take far longer than 30 s to
    // commit a navigation; the wait is for a state that will come, not a speed check. It polls the page's URL rather than
    // waiting for a navigation event: WaitForURLAsync, when the navigation has already landed, waits for a load event
    // that may have been missed, and hung until its timeout when the server was fast.
    private static Task Arrived(IPage page, string url) => Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 120_000 });

    private static Task Arrived(IPage page, Regex url) => Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = 120_000 });

    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public async Task A_reader_goes_from_the_list_to_a_cited_passage_and_finds_an_article_by_search()
    {
        var seedStory = await served.StoryOfAsync(ServedStore.SeedArticle);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var problems = Watch(page);

        await page.GotoAsync(served.Address + "/");
        Assert.True(await page.Locator("ol.stories > li").CountAsync() >= 3);
        await page.Locator($"ol.stories a[href='/stories/{seedStory}']").ClickAsync();
        await Arrived(page, served.Address + "/stories/" + seedStory);
        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("h1").TextContentAsync()));

        var citation = page.Locator("#brief sup.cite a[href*='start=']").First;
        var href = await citation.GetAttributeAsync("href");
        Assert.NotNull(href);
        await citation.ClickAsync();
        await Arrived(page, new Regex("/articles/"));

        // The cited span, as the API gives it, is what the article page marks.
        var link = new Uri(new Uri(served.Address), href);
        var article = Uri.UnescapeDataString(link.AbsolutePath.Split('/')[^1]);
        var query = HttpUtility.ParseQueryString(link.Query);
        var (start, end) = (int.Parse(query["start"]!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(query["end"]!, System.Globalization.CultureInfo.InvariantCulture));
        var json = await served.Http.GetFromJsonAsync<JsonElement>("/api/stories/" + seedStory, TestContext.Current.CancellationToken);
        Assert.Contains(json.GetProperty("stories")[0].GetProperty("brief").EnumerateArray().SelectMany(b => b.GetProperty("sources").EnumerateArray()),
            s => s.GetProperty("article").GetString() == article && s.GetProperty("start").GetInt32() == start && s.GetProperty("end").GetInt32() == end);
        var text = json.GetProperty("articles").EnumerateArray().Single(a => a.GetProperty("id").GetString() == article).GetProperty("text").GetString()!;
        var cited = text[start..end];
        var passage = await page.Locator("mark#passage").TextContentAsync();
        Assert.NotNull(passage);
        Assert.StartsWith(passage, cited, StringComparison.Ordinal);
        // A passage crossing paragraphs is marked in pieces; together they are the span.
        Assert.Equal(Normalize(cited), Normalize(string.Concat(await page.Locator("mark").AllTextContentsAsync())));

        await page.GetByText("← Back to the story").ClickAsync();
        await Arrived(page, served.Address + "/stories/" + seedStory);

        // Every page carries the site's search form: search from the story page.
        await page.Locator("input[name=q]").FillAsync("Belousov");
        await page.Locator("input[name=q]").PressAsync("Enter");
        await Arrived(page, new Regex(@"/search\?q=Belousov$"));
        var hit = page.Locator("ol.hits a[href*='/articles/']").First;
        var hitTitle = await hit.TextContentAsync();
        var hitHref = await hit.GetAttributeAsync("href");
        await hit.ClickAsync();
        await Arrived(page, new Regex("/stories/[^/]+/articles/"));
        Assert.Equal(served.Address + hitHref, page.Url);
        Assert.Equal(hitTitle, await page.Locator("h1").TextContentAsync());
        Assert.Contains("Belousov", await page.Locator("main").TextContentAsync());

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Hostile_titles_and_texts_show_as_text_and_run_nothing()
    {
        var story = await served.StoryOfAsync(ServedStore.HostileId);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var problems = Watch(page);
        var dialogs = 0;
        page.Dialog += (_, dialog) => { Interlocked.Increment(ref dialogs); _ = dialog.DismissAsync(); };

        foreach (var path in new[] { "/", "/stories/" + story, $"/stories/{story}/articles/{ServedStore.HostileId}?start=0&end=30", "/search?q=warehouse" })
        {
            await page.GotoAsync(served.Address + path);
            Assert.Equal(0, await page.Locator("img").CountAsync());
            Assert.Equal(0, await page.Locator("script").CountAsync());
            Assert.Equal(0, await page.Locator("[onerror]").CountAsync());
        }
        // The article page shows the payloads as the words they are.
        await page.GotoAsync($"{served.Address}/stories/{story}/articles/{ServedStore.HostileId}");
        Assert.Contains(ServedStore.ScriptPayload, await page.Locator("h1").TextContentAsync());
        Assert.Contains(ServedStore.AttributePayload, await page.Locator("main").TextContentAsync());
        Assert.Equal(0, dialogs);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_seeds_story_page_renders_whole_in_the_browser()
    {
        var seedStory = await served.StoryOfAsync(ServedStore.SeedArticle);
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 800 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var problems = Watch(page);
        await page.GotoAsync($"{served.Address}/stories/{seedStory}");
        var png = await page.ScreenshotAsync(new() { FullPage = true, Type = ScreenshotType.Png });
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // The whole page, not the viewport: a brief, entities and a timeline run well past one screen.
        var height = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        Assert.True(height > 800, $"page height {height}");
        Assert.Empty(problems);
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } target) await File.WriteAllBytesAsync(target, png, TestContext.Current.CancellationToken);
    }
}
