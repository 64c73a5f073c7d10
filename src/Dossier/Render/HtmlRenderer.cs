using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dossier.Model;
using Dossier.Render.Html;

namespace Dossier.Render;

/// <summary>
/// Writes a story as one HTML page: headline, cited brief, where sources differ, the timeline as a chart, who said
/// what, entities and sources; and an article as a page with a cited passage highlighted. All content is encoded,
/// links are http/https or relative, there is no script and the only styling is <see cref="Stylesheet"/>.
/// </summary>
public sealed class HtmlRenderer
{
    /// <summary>The one stylesheet, embedded verbatim in a &lt;style&gt; element.</summary>
    public const string Stylesheet = """
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fdfdfc;--muted:#6b6b70;--rule:#e2e2e0;--accent:#2f5d8a;--mark:#fff0a8;--conflict:#a8322d;--agree:#2f7a46}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e3;--bg:#17181a;--muted:#9a9aa0;--rule:#333538;--accent:#8fb6e0;--mark:#5c4f12;--conflict:#f08a84;--agree:#7fcf97}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:48rem;margin:0 auto;padding:2rem 1.25rem 4rem}
h1{font-size:1.9rem;line-height:1.2;margin:0 0 .4rem}
h2{font-size:1.25rem;margin:2.5rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid var(--rule)}
h3{font-size:1.05rem;margin:1.5rem 0 .4rem}
a{color:var(--accent)}
.meta,.note{color:var(--muted);font-size:.9rem}
.cite{font-size:.72em;color:var(--muted);white-space:nowrap;margin-left:.15em}
.cite a{color:var(--muted);text-decoration:none}
.cite a:hover,.cite a:focus{color:var(--accent);text-decoration:underline}
ol,ul{padding-left:1.4rem}
li{margin:.3rem 0}
.verdict{font-size:.85rem;font-weight:600;text-transform:uppercase;letter-spacing:.03em}
.verdict.conflict{color:var(--conflict)}
.verdict.agree,.verdict.compatible{color:var(--agree)}
.chart{width:100%;height:auto;margin:.5rem 0 1rem;overflow:visible}
.chart .axis,.chart .tick line{stroke:var(--muted);stroke-width:1}
.chart .tick text{fill:var(--muted);font-size:11px;text-anchor:middle}
.chart .stem{stroke:var(--rule);stroke-width:1}
.chart .mark circle,.chart .mark rect{fill:var(--accent)}
.chart .mark text{fill:var(--bg);font-size:10px;font-weight:600;text-anchor:middle}
.chart .mark:hover circle,.chart .mark:hover rect,.chart .mark:focus circle,.chart .mark:focus rect{fill:var(--conflict)}
time{font-variant-numeric:tabular-nums;color:var(--muted)}
.speaker{margin-top:1rem}
.quote{margin:.25rem 0 .25rem 1rem}
.type{font-size:.75rem;color:var(--muted);border:1px solid var(--rule);border-radius:.25rem;padding:0 .3rem;margin-left:.3rem}
dl{margin:.25rem 0}
dt{font-weight:600}
dd{margin:0 0 .5rem 1rem}
.source-text{border-top:1px solid var(--rule);margin-top:2rem}
.source-text p,.source-text li,.source-text blockquote,.article p,.article li,.article blockquote{white-space:pre-line}
blockquote{margin:.75rem 0;padding-left:1rem;border-left:3px solid var(--rule)}
pre{white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:var(--mark);color:inherit;padding:0 .1em;border-radius:.15em}
mark:target{outline:2px solid var(--accent)}
.url{overflow-wrap:anywhere}
""";

    /// <summary>The CSP source for the embedded stylesheet: "sha256-" and the base64 SHA-256 of its exact text.</summary>
    public static string StylesheetHash { get; } = "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Stylesheet)));

    /// <summary>The Content-Security-Policy a server sends with pages that embed the stylesheet.</summary>
    public static string ContentSecurityPolicy { get; } = $"default-src 'none'; style-src '{StylesheetHash}'; img-src 'self'; form-action 'self'";

    /// <summary>The id of the highlighted passage on an article page.</summary>
    public const string PassageId = "passage";

    /// <summary>The in-page anchor of a cited passage: "c-ARTICLE-START-END", the article id made safe for an id.</summary>
    public static string AnchorId(Citation citation)
        => $"c-{Hrefs.IdPart(citation.Article)}-{citation.Span.Start.ToString(CultureInfo.InvariantCulture)}-{citation.Span.End.ToString(CultureInfo.InvariantCulture)}";

    public string RenderStory(StoryReport story, IReadOnlyList<AnnotatedArticle> articles, HtmlPageOptions? options = null)
        => RenderStory(story, articles.Select(a => a.Article).ToList(), options);

    /// <summary>The story page; <paramref name="articles"/> must hold the story's articles (others are ignored).</summary>
    public string RenderStory(StoryReport story, IReadOnlyList<Article> articles, HtmlPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(story);
        ArgumentNullException.ThrowIfNull(articles);
        return new StoryPage(story, articles, options ?? HtmlPageOptions.SelfContained).Render();
    }

    /// <summary>One article: its metadata and text with paragraphs kept, <paramref name="highlight"/> in &lt;mark id="passage"&gt;.</summary>
    public string RenderArticlePage(Article article, TextSpan? highlight, HtmlPageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(article);
        options ??= HtmlPageOptions.SelfContained;
        var w = new HtmlWriter();
        var title = string.IsNullOrWhiteSpace(article.Title) ? "Untitled article" : article.Title.Trim();
        Head(w, LanguageTag(article.Language), title + " — Dossier", options);
        w.Raw("<main class=\"article\">\n");
        if (options.Site is { } links) w.Raw(Navigation(links, null));
        if (Hrefs.Local(options.StoryHref) is { } back) w.Raw("<p class=\"meta\">").Link(back, "← Back to the story").Raw("</p>\n");
        w.Element("h1", title).Raw("\n");
        var facts = new List<string>();
        if (article.Site is { Length: > 0 } site) facts.Add(site);
        if (article.Authors.Count > 0) facts.Add("By " + string.Join(", ", article.Authors));
        if (article.Published is { } p) facts.Add($"{p.ToIsoString()} ({MarkdownRenderer.DateProvenance(p)})");
        if (facts.Count > 0) w.Element("p", string.Join(" · ", facts), ("class", "meta")).Raw("\n");
        if (article.Url is { Length: > 0 } url)
            w.Raw("<p class=\"meta url\">").Link(Hrefs.Web(url), url, rel: "noopener noreferrer nofollow").Raw("</p>\n");

        var marks = highlight is { } h && h.Length > 0 && h.Start >= 0 && h.End <= article.Text.Length
            ? ArticleBody.Pieces(article, h, PassageId)
            : [];
        // A highlight that falls between blocks still gets its anchor, shown on its own above the text.
        if (highlight is { } hl && marks.Count == 0 && hl.Length > 0 && hl.Start >= 0 && hl.End <= article.Text.Length)
            w.Raw("<blockquote>").Open("mark", ("id", PassageId)).Text(hl.Of(article.Text)).Raw("</mark></blockquote>\n");
        w.Raw("<div class=\"text\">\n");
        ArticleBody.Write(w, article, marks, 2);
        w.Raw("</div>\n</main>\n</body>\n</html>\n");
        return w.ToString();
    }

    internal static void Head(HtmlWriter w, string lang, string title, HtmlPageOptions options)
    {
        w.Raw("<!DOCTYPE html>\n").Open("html", ("lang", lang)).Raw("\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Element("title", title).Raw("\n");
        if (Hrefs.Local(options.StylesheetHref) is { } css) w.Open("link", ("rel", "stylesheet"), ("href", css)).Raw("\n");
        else w.Raw("<style>").Raw(Stylesheet).Raw("</style>\n");
        w.Raw("</head>\n<body>\n");
    }

    /// <summary>A language tag as given when it looks like one ("en", "pt-BR"), else "en".</summary>
    internal static string LanguageTag(string? language)
        => language is { Length: > 0 and <= 35 } l && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && char.IsAsciiLetter(l[0]) ? l : "en";

    /// <summary>
    /// The served site's navigation: a link to the story list and a search form (GET, no script), with
    /// <paramref name="query"/> in the box; every value encoded.
    /// </summary>
    public static string Navigation(SiteLinks site, string? query)
    {
        ArgumentNullException.ThrowIfNull(site);
        var w = new HtmlWriter();
        w.Open("form", ("class", "meta"), ("action", Hrefs.Local(site.SearchAction) ?? "/search"), ("method", "get"), ("role", "search"))
            .Link(Hrefs.Local(site.Home) ?? "/", "Stories").Raw(" · ")
            .Raw("<label>").Text("Search articles ").Open("input", ("type", "search"), ("name", "q"), ("value", query ?? "")).Raw("</label> ")
            .Raw("<button type=\"submit\">Search</button>").Close("form").Raw("\n");
        return w.ToString();
    }
}
