using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CsCheck;
using Dossier.Model;
using Dossier.Render;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Render;

public sealed class HtmlRendererTests
{
    private static readonly Lazy<Analysis> Seeds = new(() =>
        new Analyzer(FixedClock.AtDay(new DateOnly(2026, 11, 22))).AnalyzeAsync([Shared.Seeds]).GetAwaiter().GetResult());

    private static StoryReport SeedStory => Assert.Single(Seeds.Value.Stories);

    private static IReadOnlyList<Article> SeedArticles => Seeds.Value.Articles.Select(a => a.Article).ToList();

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>The element an in-page href points to, which must be a mark holding exactly the cited characters.</summary>
    private static void AssertResolves(IDocument doc, string href, Citation citation, IReadOnlyList<Article> articles)
    {
        Assert.StartsWith("#", href);
        var target = doc.GetElementById(Uri.UnescapeDataString(href[1..]));
        Assert.NotNull(target);
        Assert.Equal("MARK", target.TagName);
        var article = articles.Single(a => a.Id == citation.Article);
        Assert.Equal(citation.Span.Of(article.Text), target.TextContent);
    }

    [Fact]
    public void Every_brief_citation_of_the_seeds_lands_on_a_mark_holding_the_cited_words()
    {
        var story = SeedStory;
        var html = new HtmlRenderer().RenderStory(story, SeedArticles);
        var doc = Parse(html);
        var items = doc.QuerySelectorAll("#brief > ol > li");
        Assert.Equal(story.Brief.Count, items.Length);
        Assert.NotEmpty(story.Brief);
        for (var i = 0; i < story.Brief.Count; i++)
        {
            var links = items[i].QuerySelectorAll("sup.cite a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.Equal(story.Brief[i].Citations.Count, links.Count(h => h.StartsWith("#c-", StringComparison.Ordinal)));
            for (var j = 0; j < story.Brief[i].Citations.Count; j++)
                AssertResolves(doc, links[j], story.Brief[i].Citations[j], SeedArticles);
            Assert.StartsWith(story.Brief[i].Text, items[i].TextContent, StringComparison.Ordinal);
        }
        // No dangling in-page link anywhere on the page.
        foreach (var a in doc.QuerySelectorAll("a[href^='#']"))
            Assert.NotNull(doc.GetElementById(a.GetAttribute("href")![1..]));
    }

    [Fact]
    public void The_seed_page_shows_every_part_of_the_story()
    {
        var story = SeedStory;
        var doc = Parse(new HtmlRenderer().RenderStory(story, SeedArticles));
        Assert.Equal(story.Headline, doc.QuerySelector("h1")!.TextContent);
        Assert.Equal(story.Headline + " — Dossier", doc.Title);
        Assert.Contains($"{story.Articles.Count} sources", doc.QuerySelector("header .meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(story.Articles.Count, doc.QuerySelectorAll("#sources > ol > li").Length);
        Assert.Equal(story.Timeline.Count, doc.QuerySelectorAll("ol.timeline > li").Length);
        Assert.Equal(story.Entities.Count, doc.QuerySelectorAll("#entities dt").Length);
        Assert.Equal(story.Figures.Count(f => f.Agreement != Agreement.Single), doc.QuerySelectorAll("#differences .figure").Length);
        foreach (var a in SeedArticles.Where(a => a.Title is not null))
            Assert.Contains(a.Title!.Trim(), doc.QuerySelector("#sources")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeline_chart_has_one_mark_per_dated_entry_left_to_right_in_date_order()
    {
        var story = SeedStory;
        Assert.NotEmpty(story.Timeline);
        var doc = Parse(new HtmlRenderer().RenderStory(story, SeedArticles));
        var marks = doc.QuerySelectorAll("#timeline svg a.mark").ToList();
        Assert.Equal(story.Timeline.Count, marks.Count);
        var placed = marks.Select(m => (
            Date: story.Timeline[int.Parse(m.GetAttribute("href")!["#t-".Length..], CultureInfo.InvariantCulture) - 1].Date,
            X: double.Parse((m.QuerySelector("circle")?.GetAttribute("cx") ?? m.QuerySelector("rect")!.GetAttribute("x"))!, CultureInfo.InvariantCulture)))
            .OrderBy(p => p.Date, StringComparer.Ordinal).ToList();
        for (var i = 1; i < placed.Count; i++)
            if (string.CompareOrdinal(placed[i].Date, placed[i - 1].Date) > 0 && placed[i].Date.Length == 10 && placed[i - 1].Date.Length == 10)
                Assert.True(placed[i].X > placed[i - 1].X, $"{placed[i].Date} drawn left of {placed[i - 1].Date}");
        Assert.NotEmpty(doc.QuerySelectorAll("#timeline svg .tick text"));
    }

    [Fact]
    public void Served_citations_use_the_callers_links_and_the_article_page_marks_the_passage()
    {
        var story = SeedStory;
        var options = HtmlPageOptions.Served(c => $"/stories/{story.Id}/articles/{c.Article}?start={c.Span.Start}&end={c.Span.End}#passage");
        var doc = Parse(new HtmlRenderer().RenderStory(story, SeedArticles, options));
        Assert.Null(doc.GetElementById("articles"));
        var first = story.Brief[0].Citations[0];
        var link = doc.QuerySelector("#brief sup.cite a")!;
        Assert.Equal($"/stories/{story.Id}/articles/{first.Article}?start={first.Span.Start}&end={first.Span.End}#passage", link.GetAttribute("href"));

        var article = SeedArticles.Single(a => a.Id == first.Article);
        var page = Parse(new HtmlRenderer().RenderArticlePage(article, first.Span, new HtmlPageOptions { StoryHref = "/stories/" + story.Id }));
        Assert.Equal(first.Span.Of(article.Text), page.GetElementById(HtmlRenderer.PassageId)!.TextContent);
        Assert.Equal(article.Text.Split("\n\n").Length, page.QuerySelectorAll(".text > p, .text > h2, .text > h3, .text li, .text > blockquote, .text > pre").Length);
        Assert.Equal("/stories/" + story.Id, page.QuerySelector("main .meta a")!.GetAttribute("href"));
    }

    [Fact]
    public void A_highlight_across_paragraphs_is_marked_in_each_and_anchored_at_the_first()
    {
        var article = new Article("a", "a.txt", "First paragraph here.\n\nSecond one follows.", "h");
        var span = TextSpan.FromBounds(6, 29);
        var page = Parse(new HtmlRenderer().RenderArticlePage(article, span));
        var marks = page.QuerySelectorAll("mark").ToList();
        Assert.Equal(2, marks.Count);
        Assert.Equal("passage", marks[0].Id);
        Assert.Equal("paragraph here.Second", string.Concat(marks.Select(m => m.TextContent)));
        Assert.Equal(2, page.QuerySelectorAll(".text > p").Length);
    }

    private const string Script = "<script>alert(1)</script>";
    private const string Breakout = "\"><img src=x onerror=alert(1)>";
    private const string Js = "javascript:alert(1)";

    private static (StoryReport Story, List<Article> Articles) Hostile()
    {
        var text1 = $"Officials said {Script} was found.\n\n{Breakout} and {Js} too.";
        var text2 = $"A second report {Breakout} says more.";
        var articles = new List<Article>
        {
            new("x1", "x1.html", text1, "h1") { Title = Script + Breakout, Site = Breakout, Url = Js, Published = new PublishedDate(new DateOnly(2024, 11, 29), DatePrecision.Day, DateSource.Metadata, Script) },
            new("x2\"><b>", "x2.html", text2, "h2") { Title = Js, Site = Script, Url = "https://example.com/" + Breakout },
            new("x3", "x3.html", "Plain.", "h3") { Url = "data:text/html," + Script },
        };
        Citation Cite(int article, string words) => new(articles[article].Id, ArticleBuilder.Find(articles[article].Text, words));
        var c1 = Cite(0, Script);
        var c2 = Cite(0, Breakout);
        var c3 = Cite(1, Breakout);
        var story = new StoryReport("s" + Script, Script + " headline", [articles[0].Id, articles[1].Id, articles[2].Id],
            [new StoryEntity("e1" + Breakout, Script, EntityType.PER, [Breakout, Js], [articles[0].Id], [c1]) { Descriptions = [Script], Relations = [new EntityRelation(Js, "e1" + Breakout)] }],
            [new StoryQuote("e1", Script, Breakout + " words of four", articles[0].Id, c2.Span, QuoteKind.Direct, Js, Script)],
            [new FigureGroup(Script, Agreement.Conflict, [new FigureVariant(1, 2, true, Breakout, Script, [articles[0].Id], [c1]), new FigureVariant(5, 5, false, Js, Js, [articles[1].Id], [c3])])],
            [new TimelineEntry("2024-11-29", Script, [articles[0].Id], [c2]), new TimelineEntry(Breakout, Js, [articles[1].Id], [c3])],
            [new BriefSentence(Script, [articles[0].Id, articles[1].Id], [c1, c3]), new BriefSentence(Breakout, [articles[0].Id], [c2])],
            [new SourceExclusive(articles[1].Id, [new BriefSentence(Js, [articles[1].Id], [c3])])])
        {
            From = new DateOnly(2024, 11, 29),
            Duplicates = [new DuplicateLink(articles[1].Id, articles[0].Id, 0.97)],
        };
        return (story, articles);
    }

    private static void AssertInert(IDocument doc)
    {
        Assert.Empty(doc.QuerySelectorAll("script"));
        Assert.Empty(doc.QuerySelectorAll("img"));
        foreach (var element in doc.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{element.TagName} has {attribute.Name}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.LocalName is "href" or "src" or "action" or "formaction")
                {
                    var value = attribute.Value.Trim().ToLowerInvariant();
                    Assert.False(value.StartsWith("javascript:", StringComparison.Ordinal) || value.StartsWith("data:", StringComparison.Ordinal)
                        || value.StartsWith("vbscript:", StringComparison.Ordinal), $"{element.TagName} {attribute.Name}={attribute.Value}");
                }
            }
        }
    }

    [Fact]
    public void Hostile_titles_texts_sites_urls_and_names_stay_text()
    {
        var (story, articles) = Hostile();
        var renderer = new HtmlRenderer();
        var pages = new[]
        {
            renderer.RenderStory(story, articles),
            // A caller's link that is not http/https or relative is dropped too.
            renderer.RenderStory(story, articles, HtmlPageOptions.Served(_ => Js, _ => "//evil.example/x") with { StylesheetHref = Js }),
            renderer.RenderArticlePage(articles[0], new TextSpan(0, 12), new HtmlPageOptions { StoryHref = Js }),
            renderer.RenderArticlePage(articles[1], null),
        };
        foreach (var html in pages)
        {
            var doc = Parse(html);
            AssertInert(doc);
            Assert.Empty(doc.QuerySelectorAll("a[href^='//']"));
            // Encoded, not stripped: the reader sees the words as written.
            Assert.Contains(Script, doc.Body!.TextContent + doc.Title, StringComparison.Ordinal);
        }
        var page = Parse(pages[0]);
        Assert.Contains(Breakout, page.QuerySelector("#sources")!.TextContent, StringComparison.Ordinal);
        // Only the http URL is a link; javascript: and data: URLs are shown as text.
        var external = page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Where(h => !h.StartsWith('#')).ToList();
        Assert.Equal([new Uri(articles[1].Url!).AbsoluteUri], external);
        foreach (var brief in story.Brief)
            foreach (var c in brief.Citations)
                AssertResolves(page, "#" + HtmlRenderer.AnchorId(c), c, articles);
    }

    [Fact]
    public void A_self_contained_page_loads_nothing_and_its_style_matches_the_published_hash()
    {
        foreach (var (story, articles) in new[] { (SeedStory, SeedArticles), Hostile() })
        {
            var html = new HtmlRenderer().RenderStory(story, articles);
            var doc = Parse(html);
            Assert.Empty(doc.QuerySelectorAll("link, script, img, iframe, object, embed, base, form"));
            Assert.Empty(doc.QuerySelectorAll("[src]"));
            var webUrls = articles.Select(a => a.Url).Where(u => u is not null && u.StartsWith("http", StringComparison.Ordinal)).Select(u => new Uri(u!).AbsoluteUri).ToHashSet();
            // Links leave the page only to a source's own page when the reader follows them; nothing is fetched.
            foreach (var element in doc.QuerySelectorAll("[href]"))
            {
                var href = element.GetAttribute("href")!;
                Assert.True(href.StartsWith('#') || (element.TagName == "A" && webUrls.Contains(href)), href);
            }
            Assert.Equal("en", doc.DocumentElement.GetAttribute("lang"));
            Assert.NotNull(doc.QuerySelector("head > meta[charset='utf-8']"));
            Assert.NotNull(doc.QuerySelector("head > meta[name='viewport']"));
            var style = Assert.Single(doc.QuerySelectorAll("style"));
            Assert.Equal(HtmlRenderer.Stylesheet, style.TextContent);
            var hash = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(style.TextContent)));
            Assert.Equal(hash, HtmlRenderer.StylesheetHash);
            Assert.Contains($"style-src '{hash}'", HtmlRenderer.ContentSecurityPolicy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_same_story_renders_to_the_same_bytes_whatever_the_order_of_the_articles()
    {
        var story = SeedStory;
        var once = new HtmlRenderer().RenderStory(story, SeedArticles);
        var again = new HtmlRenderer().RenderStory(story, SeedArticles.Reverse().Concat(SeedArticles).ToList());
        Assert.Equal(Encoding.UTF8.GetBytes(once), Encoding.UTF8.GetBytes(again));
        var (hostile, articles) = Hostile();
        Assert.Equal(new HtmlRenderer().RenderStory(hostile, articles), new HtmlRenderer().RenderStory(hostile, articles.AsEnumerable().Reverse().ToList()));
    }

    [Fact]
    public void Any_set_of_cited_spans_even_overlapping_or_across_paragraphs_resolves_to_marks_with_the_exact_words()
    {
        var texts = Gen.String[Gen.Char["ab cd.\n<&\"'é"], 1, 120];
        var gen = from text in texts
                  from spans in Gen.Select(Gen.Int[0, 119], Gen.Int[1, 40]).Array[1, 8]
                  select (text, spans);
        gen.Sample(input =>
        {
            var article = new Article("p-1", "p.txt", input.text, "h");
            var citations = input.spans.Select(s => (Start: Math.Min(s.Item1, input.text.Length - 1), s.Item2))
                .Select(s => new Citation(article.Id, new TextSpan(s.Start, Math.Min(s.Item2, input.text.Length - s.Start)))).ToList();
            var story = new StoryReport("s", "h", [article.Id], [], [], [], [],
                citations.Select(c => new BriefSentence("b", [article.Id], [c])).ToList(), []);
            var doc = Parse(new HtmlRenderer().RenderStory(story, [article]));
            foreach (var c in citations) AssertResolves(doc, "#" + HtmlRenderer.AnchorId(c), c, [article]);
        }, iter: 300, threads: 1);
    }
}
