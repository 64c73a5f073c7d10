using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Dossier.Store;
using Dossier.Tests.Cli;
using Dossier.Tests.Group;
using Dossier.Tests.Support;
using Dossier.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Xunit;

namespace Dossier.Tests.Web;

/// <summary>Script payloads in the manner of the OWASP XSS filter-evasion cheat sheet, one per trick it lists.</summary>
public static class XssVectors
{
    public static readonly IReadOnlyList<string> All =
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
        "<ScRiPt>alert('XSS')</sCrIpT>",
        "<script/xss src=\"https://xss.example/x.js\"></script>",
        "<<SCRIPT>alert(\"XSS\");//\\<</SCRIPT>",
        "<SCRIPT>alert(String.fromCharCode(88,83,83))</SCRIPT>",
        "</title><script>alert(1)</script>",
        "\"><script>alert(document.cookie)</script>",
        "'';!--\"<XSS>=&{()}",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<IMG SRC=JaVaScRiPt:alert('XSS')>",
        "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
        "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
        "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<img src=x onerror=alert(1)>",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
        "<BODY ONLOAD=alert('XSS')>",
        "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
        "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
        "<OBJECT TYPE=\"text/x-scriptlet\" DATA=\"https://xss.example/scriptlet.html\"></OBJECT>",
        "<EMBED SRC=\"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciIG9ubG9hZD0iYWxlcnQoMSkiPjwvc3ZnPg==\" type=\"image/svg+xml\">",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
        "<a href=\"vbscript:msgbox('XSS')\">click</a>",
        "<a href=\"&#1;javascript:alert(1)\">click</a>",
        "<DIV STYLE=\"width: expression(alert('XSS'));\">",
        "<STYLE>@import'https://xss.example/xss.css';</STYLE>",
        "<DIV STYLE=\"background-image:\\0075\\0072\\006C\\0028'\\006a\\0061\\0076\\0061\\0073\\0063\\0072\\0069\\0070\\0074\\003a\\0061\\006c\\0065\\0072\\0074\\0028.1027\\0058.1053\\0053\\0027\\0029'\\0029\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=javascript:alert('XSS');\">",
        "<META HTTP-EQUIV=\"refresh\" CONTENT=\"0;url=data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K\">",
        "<BASE HREF=\"javascript:alert('XSS');//\">",
        "<LINK REL=\"stylesheet\" HREF=\"javascript:alert('XSS');\">",
        "<SCR\0IPT>alert(\"XSS\")</SCR\0IPT>",
        "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
        "<template><img src=x onerror=alert(1)></template>",
        "<details open ontoggle=alert(1)>",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
    ];

    /// <summary>Tags a page of ours never carries (payload markup if found); svg, meta, style and link are judged apart.</summary>
    private static readonly HashSet<string> Foreign = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "math", "base", "template", "noscript", "img", "image",
        "video", "audio", "source", "marquee", "xmp", "plaintext", "isindex", "foreignobject", "animate", "set", "use", "xss",
        "details",
    };

    private static readonly HashSet<string> ChartTags = new(StringComparer.Ordinal) { "svg", "line", "g", "text", "a", "rect", "circle", "title" };
    private static readonly string[] Schemes = ["javascript:", "vbscript:", "data:", "livescript:"];

    /// <summary>One element as seen in a DOM: tag, namespace, whether inside head, and its attributes.</summary>
    public sealed record Element(string Tag, string? Namespace, bool InHead, string? ChartRoot, IReadOnlyList<(string Name, string Value)> Attributes);

    /// <summary>Everything in a page that could only have come from a payload: foreign elements, handlers, script URLs.</summary>
    public static List<string> Violations(IEnumerable<Element> elements)
    {
        var found = new List<string>();
        foreach (var e in elements)
        {
            var tag = e.Tag.ToLowerInvariant();
            var where = $"<{tag}> {string.Join(' ', e.Attributes.Select(a => a.Name + "=" + a.Value))}";
            // A tag no page of ours writes: an unknown name from a payload ("scr\uFFFDipt" after a NUL) reached the markup.
            if (!Regex.IsMatch(tag, "^[a-z][a-z0-9-]*$") || Foreign.Contains(tag) || e.Namespace == "http://www.w3.org/1998/Math/MathML") found.Add("element " + where);
            if (e.Namespace == "http://www.w3.org/2000/svg" && (e.ChartRoot != "chart" || !ChartTags.Contains(tag))) found.Add("svg " + where);
            if (tag is "meta" or "link" or "style" or "title" && !e.InHead && e.Namespace != "http://www.w3.org/2000/svg") found.Add("outside head " + where);
            if (tag == "meta" && !e.Attributes.All(a => a.Name is "charset" or "name" or "content" && (a.Name != "name" || a.Value is "viewport" or "referrer")))
                found.Add("meta " + where);
            if (tag == "form" && e.Attributes.FirstOrDefault(a => a.Name == "action").Value is { } action && !action.StartsWith('/')) found.Add("form " + where);
            foreach (var (name, value) in e.Attributes)
            {
                var n = name.ToLowerInvariant();
                if (n.StartsWith("on", StringComparison.Ordinal) || n is "srcdoc" or "formaction" or "http-equiv" or "background" or "dynsrc" or "lowsrc")
                    found.Add($"attribute {n} on {where}");
                // Browsers ignore whitespace and controls anywhere in a scheme ("jav&#x09;ascript:").
                var squeezed = new string(value.Where(c => c > ' ' && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                if (Schemes.Any(s => squeezed.StartsWith(s, StringComparison.Ordinal))) found.Add($"script URL in {n} on {where}");
                if (n == "style" && (squeezed.Contains("expression(", StringComparison.Ordinal) || squeezed.Contains("url(", StringComparison.Ordinal) || squeezed.Contains('\\')))
                    found.Add($"style on {where}");
            }
        }
        return found;
    }

    /// <summary>The elements of an HTML text as AngleSharp parses it.</summary>
    public static IEnumerable<Element> ElementsOf(IDocument document) => document.All.Select(e => new Element(
        e.LocalName, e.NamespaceUri, e.Ancestors<IElement>().Any(a => a.LocalName == "head"),
        e.NamespaceUri == "http://www.w3.org/2000/svg" ? (e.Ancestors<IElement>().LastOrDefault(a => a.NamespaceUri == "http://www.w3.org/2000/svg") ?? e).GetAttribute("class") : null,
        e.Attributes.Select(a => (a.Name, a.Value)).ToList()));

    /// <summary>The live DOM's elements, read in the page.</summary>
    public const string DomScript = """
        () => Array.from(document.querySelectorAll('*')).map(e => ({
          tag: e.localName, ns: e.namespaceURI, head: !!e.closest('head'),
          chart: e.namespaceURI === 'http://www.w3.org/2000/svg' ? (() => { let r = e; while (r.parentElement && r.parentElement.namespaceURI === e.namespaceURI) r = r.parentElement; return r.getAttribute('class'); })() : null,
          attrs: Array.from(e.attributes).map(a => [a.name, a.value]) }))
        """;

    public static IEnumerable<Element> ElementsOf(JsonElement dom) => dom.EnumerateArray().Select(e => new Element(
        e.GetProperty("tag").GetString()!, e.GetProperty("ns").GetString(), e.GetProperty("head").GetBoolean(), e.GetProperty("chart").GetString(),
        e.GetProperty("attrs").EnumerateArray().Select(a => (a[0].GetString()!, a[1].GetString()!)).ToList()));
}

[CollectionDefinition(Name)]
public sealed class HostileStoreCollection : ICollectionFixture<HostileStore>
{
    public const string Name = "hostile store";
}

/// <summary>
/// A SQLite store of articles ingested from a JSON Lines file whose titles, texts, authors, sites and URLs carry the
/// <see cref="XssVectors"/> (one line an HTML page with them in its markup), served on 127.0.0.1 at a free port.
/// </summary>
public sealed class HostileStore : IAsyncLifetime
{
    public static readonly TimeProvider Clock = FixedClock.AtDay(new DateOnly(2026, 11, 22));
    private readonly string _folder = Directory.CreateTempSubdirectory("dossier-xss-").FullName;
    private IStoryStore? _sqlite;
    private WebApplication? _app;

    public string Database => Path.Combine(_folder, "dossier.db");
    public string Address { get; private set; } = "";
    public IReadOnlyList<StoredArticle> Articles { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var v = XssVectors.All;
        var paragraphs = GroupSamples.HarbourFire.Split("\n\n");
        var lines = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            // Each article: the fire report with five vectors between its paragraphs, and more in its metadata.
            var body = string.Join("\n\n", paragraphs.Select((p, j) => p + " " + v[(i * 5 + j) % v.Count]));
            lines.Add(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["title"] = $"Harbour fire {v[i % v.Count]} {v[(i + 20) % v.Count]}",
                ["text"] = body,
                ["author"] = new[] { "Marta " + v[(i + 9) % v.Count], v[(i + 30) % v.Count] },
                ["site"] = "Port News " + v[(i + 18) % v.Count],
                ["url"] = i switch
                {
                    0 => "javascript:alert(1)",
                    1 => " JaVaScRiPt:alert(document.domain)",
                    2 => "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                    3 => "vbscript:msgbox(1)",
                    _ => $"https://news.example/fire/{i}?q={v[(i + 3) % v.Count]}",
                },
                ["published"] = "2024-11-26",
            }));
        }
        // A web page with the payloads in its markup, its title and its JSON-LD.
        var page = "<!DOCTYPE html><html><head><title>Harbour fire &lt;script&gt;alert(1)&lt;/script&gt;</title>"
            + "<meta property=\"og:url\" content=\"javascript:alert(1)\"><meta name=\"author\" content=\"&quot;&gt;&lt;svg onload=alert(1)&gt;\">"
            + "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"<img src=x onerror=alert(1)>\",\"author\":{\"@type\":\"Person\",\"name\":\"<script>alert(2)</script>\"}}</script>"
            + "</head><body><article><h1>Harbour fire</h1>"
            + string.Concat(paragraphs.Select((p, j) => $"<p>{p} {string.Concat(v.Skip(j * 8).Take(8))}</p>"))
            + "</article></body></html>";
        lines.Add(JsonSerializer.Serialize(new Dictionary<string, string> { ["html"] = page, ["url"] = "https://news.example/fire/page" }));
        var jsonl = Path.Combine(_folder, "hostile.jsonl");
        await File.WriteAllLinesAsync(jsonl, lines);

        _sqlite = await SqliteStore.OpenAsync(Database, Clock);
        await new StoreIngest(_sqlite, Clock).IngestAsync([jsonl]);
        await new StoryUpdater(_sqlite, Clock).RunUntilIdleAsync();
        var stories = await _sqlite.ListStoriesAsync(100);
        var articles = new List<StoredArticle>();
        foreach (var story in stories) articles.AddRange(await _sqlite.StoryArticlesAsync(story.Id));
        Articles = articles;
        _app = DossierWeb.Build(_sqlite, Clock, ["http://127.0.0.1:0"]);
        await _app.StartAsync();
        Address = _app.Urls.Single().TrimEnd('/');
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The OWASP filter-evasion vectors through ingest, the web pages in Chromium and the HTML brief: shown as text, never run.</summary>
[Collection(HostileStoreCollection.Name)]
public sealed class XssPayloadTests(HostileStore store, Browser browser)
{
    private static string Normalize(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    [Fact]
    public void Every_hostile_line_is_ingested_with_its_payloads_kept_as_text()
    {
        Assert.Equal(9, store.Articles.Count);
        Assert.All(store.Articles, a => Assert.NotNull(a.Story));
        Assert.Contains(store.Articles, a => a.Article.Title?.Contains("<script>alert(1)</script>", StringComparison.Ordinal) == true);
        Assert.Contains(store.Articles, a => a.Article.Text.Contains("<svg onload=alert(1)>", StringComparison.Ordinal));
        Assert.Contains(store.Articles, a => a.Article.Authors.Any(n => n.Contains("alert", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task No_payload_runs_or_reaches_the_DOM_as_markup_on_any_page()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type is "error" or "warning") lock (problems) problems.Add($"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => { lock (problems) problems.Add("page error: " + error); };
        page.Dialog += (_, dialog) => { lock (problems) problems.Add("dialog: " + dialog.Message); _ = dialog.DismissAsync(); };
        var requests = new List<string>();
        page.Request += (_, request) => { if (!request.Url.StartsWith(store.Address, StringComparison.Ordinal)) lock (requests) requests.Add(request.Url); };

        var paths = new List<string> { "/", "/search?q=harbour", "/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>"), "/search?q=alert" };
        paths.AddRange(store.Articles.Select(a => a.Story!).Distinct().Select(s => "/stories/" + s));
        paths.AddRange(store.Articles.Select(a => $"/stories/{a.Story}/articles/{Uri.EscapeDataString(a.Article.Id)}"));
        paths.AddRange(store.Articles.Select(a => $"/articles/{Uri.EscapeDataString(a.Article.Id)}?start=0&end=40"));
        var violations = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(store.Address + path);
            Assert.True(response?.Ok, path);
            var dom = await page.EvaluateAsync<JsonElement>(XssVectors.DomScript);
            violations.AddRange(XssVectors.Violations(XssVectors.ElementsOf(dom)).Select(v => path + ": " + v));
        }
        Assert.Empty(violations);

        // Each article page shows its title and its byline's payloads as the words they are.
        foreach (var a in store.Articles)
        {
            await page.GotoAsync($"{store.Address}/stories/{a.Story}/articles/{Uri.EscapeDataString(a.Article.Id)}");
            var main = Normalize(await page.Locator("main").TextContentAsync() ?? "");
            if (a.Article.Title is { } title) Assert.Contains(Normalize(title), Normalize(await page.Locator("h1").TextContentAsync() ?? ""));
            Assert.Contains(Normalize(a.Article.Text[..Math.Min(150, a.Article.Text.Length)]), main);
        }
        Assert.Empty(problems);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task The_json_api_opened_in_the_browser_is_shown_as_text_and_runs_nothing()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(120_000);
        var problems = new List<string>();
        page.PageError += (_, error) => { lock (problems) problems.Add("page error: " + error); };
        page.Dialog += (_, dialog) => { lock (problems) problems.Add("dialog: " + dialog.Message); _ = dialog.DismissAsync(); };

        var paths = new List<string> { "/api/stories", "/api/search?q=alert", "/api/search?q=" + Uri.EscapeDataString("<script>alert(1)</script>") };
        paths.AddRange(store.Articles.Select(a => a.Story!).Distinct().Select(s => "/api/stories/" + s));
        paths.AddRange(store.Articles.Select(a => "/api/articles/" + Uri.EscapeDataString(a.Article.Id)));
        var violations = new List<string>();
        var payloadsSeen = 0;
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(store.Address + path);
            Assert.True(response?.Ok, path);
            // JSON, said so and not to be sniffed as anything else: the browser shows it as text.
            Assert.StartsWith("application/json", response!.Headers["content-type"], StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
            // Chromium shows JSON as text in a <pre>, with a meta of its own naming the colour scheme: nothing else.
            var elements = XssVectors.ElementsOf(await page.EvaluateAsync<JsonElement>(XssVectors.DomScript)).ToList();
            violations.AddRange(elements.Where(e => e.Tag.ToLowerInvariant() is not ("html" or "head" or "body" or "pre" or "div" or "meta")).Select(e => $"{path}: <{e.Tag}>"));
            var ours = elements.Where(e => !(e.Tag.Equals("meta", StringComparison.OrdinalIgnoreCase) && e.Attributes.Any(a => a is ("name", "color-scheme"))));
            violations.AddRange(XssVectors.Violations(ours).Select(v => path + ": " + v));
            // What the page shows is the JSON itself, payloads included as strings.
            var shown = await page.EvaluateAsync<string>("() => document.body.innerText");
            using var json = JsonDocument.Parse(shown);
            if (shown.Contains("alert(1)", StringComparison.Ordinal)) payloadsSeen++;
        }
        Assert.Empty(violations);
        Assert.Empty(problems);
        Assert.True(payloadsSeen >= store.Articles.Count, $"payloads shown as text on {payloadsSeen} of {paths.Count} responses");
    }

    [Fact]
    public void The_check_finds_every_vector_that_does_reach_the_markup()
    {
        // What a careless page would do: paste the payload into its body, or a URL into a link.
        var parser = new HtmlParser();
        var missed = XssVectors.All
            .Where(v => v.Contains('<', StringComparison.Ordinal) && !v.StartsWith("+ADw", StringComparison.Ordinal) && !v.StartsWith("'';", StringComparison.Ordinal)
                        && !v.StartsWith("<FRAMESET", StringComparison.Ordinal)) // a frameset after body content is dropped by the parser itself
            .Select(v => "<!DOCTYPE html><html><head><title>t</title></head><body><p>" + v + "</p></body></html>")
            .Concat(XssVectors.All.Where(v => v.TrimStart().StartsWith("javascript", StringComparison.OrdinalIgnoreCase)).Select(v => $"<a href=\"{v}\">x</a>"))
            .Where(html => XssVectors.Violations(XssVectors.ElementsOf(parser.ParseDocument(html))).Count == 0)
            .Select(html => html.Replace("<!DOCTYPE html><html><head><title>t</title></head><body><p>", "", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(missed);
    }

    [Fact]
    public async Task The_html_brief_of_each_story_carries_no_payload_as_markup()
    {
        var parser = new HtmlParser();
        foreach (var story in store.Articles.Select(a => a.Story!).Distinct())
        {
            var (code, html, err) = await CommandLine.RunAsync("brief", story, "--store", store.Database, "--format", "html", "--today", "2026-11-22");
            Assert.True(code == 0, err);
            using var document = parser.ParseDocument(html);
            Assert.Empty(XssVectors.Violations(XssVectors.ElementsOf(document)));
            var text = Normalize(document.Body?.TextContent ?? "");
            Assert.Contains(store.Articles.Where(a => a.Story == story), a => text.Contains(Normalize(a.Article.Title ?? "\0"), StringComparison.Ordinal));
        }
    }
}
