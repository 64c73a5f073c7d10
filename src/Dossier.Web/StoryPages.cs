using System.Globalization;
using Dossier.Model;
using Dossier.Render;
using Dossier.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Dossier.Web;

/// <summary>The reader's pages: the story list, a story, an article with the cited passage marked, search results.</summary>
internal static class StoryPages
{
    public const int PageSize = 50;
    public const int MaxQuery = 500;
    private static readonly HtmlRenderer Renderer = new();

    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription();
        pages.MapGet("/", ListAsync);
        pages.MapGet("/stories/{id}", StoryAsync);
        pages.MapGet("/stories/{id}/articles/{article}", StoryArticleAsync);
        pages.MapGet("/articles/{id}", ArticleAsync);
        pages.MapGet("/search", SearchAsync);
        // Browsers ask for an icon on their own; an empty answer keeps a 404 out of their console.
        pages.MapGet("/favicon.ico", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.NoContent();
        });
    }

    private static async Task<IResult> ListAsync(IStoryStore store, int? offset, CancellationToken cancellationToken)
    {
        var skip = Math.Max(0, offset ?? 0);
        var stories = await store.ListStoriesAsync(PageSize + 1, skip, cancellationToken);
        var page = SitePage.Start("Stories").Element("h1", "Stories").Raw("\n");
        if (stories.Count == 0)
            return page.Element("p", skip == 0 ? "No stories yet: add articles with `dossier ingest PATH`." : "No more stories.", "note").Done();
        page.Raw("<ol class=\"stories\">\n");
        foreach (var s in stories.Take(PageSize))
        {
            page.Raw("<li>").Link(Paths.Story(s.Id), s.Title).Raw("<br><span class=\"meta\">")
                .Text($"{Plural(s.Articles, "article")} · {Plural(s.Sources, "source")} · {Dates(s.From, s.To)} · updated ")
                .Time(s.UpdatedAt, s.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
                .Raw("</span></li>\n");
        }
        page.Raw("</ol>\n");
        if (stories.Count > PageSize)
            page.Raw("<p>").Link("/?offset=" + (skip + PageSize).ToString(CultureInfo.InvariantCulture), "Older stories").Raw("</p>\n");
        return page.Done();
    }

    private static async Task<IResult> StoryAsync(string id, StoryReports reports, RenderedStories rendered, CancellationToken cancellationToken)
    {
        if (await reports.GetAsync(id, cancellationToken, allowStale: true) is not { } built) return NoStory();
        if (!string.Equals(built.Summary.Id, id, StringComparison.Ordinal)) return Results.Redirect(Paths.Story(built.Summary.Id), permanent: true);
        var story = built.Summary.Id;
        // The page depends on the report alone: rendered once per report, as readers of a busy story come again and again.
        var html = rendered.Page(built.Analysis, analysis => Renderer.RenderStory(analysis.Stories[0], analysis.Articles,
            HtmlPageOptions.Served(c => Paths.Passage(story, c), a => Paths.StoryArticle(story, a), SiteLinks.Default)));
        return Results.Content(html, SitePage.HtmlType);
    }

    private static async Task<IResult> StoryArticleAsync(string id, string article, int? start, int? end, StoryReports reports, CancellationToken cancellationToken)
    {
        if (await reports.GetAsync(id, cancellationToken, allowStale: true) is not { } built) return NoStory();
        if (!string.Equals(built.Summary.Id, id, StringComparison.Ordinal))
            return Results.Redirect(Paths.StoryArticle(built.Summary.Id, article), permanent: true);
        // The story's own copy of the article: the text its citations point into.
        if (built.Analysis.Articles.FirstOrDefault(a => a.Id == article)?.Article is not { } found)
            return SitePage.Message("This article is not in that story", "Go to the list of stories.").Done(StatusCodes.Status404NotFound);
        TextSpan? highlight = start is { } s && end is { } e && s >= 0 && e > s && e <= found.Text.Length ? new TextSpan(s, e - s) : null;
        var options = new HtmlPageOptions { EmbedArticles = false, StoryHref = Paths.Story(built.Summary.Id), Site = SiteLinks.Default };
        return Results.Content(Renderer.RenderArticlePage(found, highlight, options), SitePage.HtmlType);
    }

    /// <summary>An article by id alone: shown within its story when it has one.</summary>
    private static async Task<IResult> ArticleAsync(string id, IStoryStore store, CancellationToken cancellationToken)
    {
        if (await store.GetArticleAsync(id, cancellationToken) is not { } stored)
            return SitePage.Message("No such article", "Go to the list of stories.").Done(StatusCodes.Status404NotFound);
        if (stored.Story is { } story) return Results.Redirect(Paths.StoryArticle(story, stored.Article.Id));
        return Results.Content(Renderer.RenderArticlePage(stored.Article, null, new HtmlPageOptions { EmbedArticles = false, Site = SiteLinks.Default }), SitePage.HtmlType);
    }

    private static async Task<IResult> SearchAsync(IStoryStore store, string? q, CancellationToken cancellationToken)
    {
        var query = (q ?? "").Trim();
        if (query.Length > MaxQuery) query = query[..MaxQuery];
        var page = SitePage.Start(query.Length == 0 ? "Search" : "Search: " + query, query).Element("h1", "Search").Raw("\n");
        if (SearchQuery.Words(query).Count == 0)
            return page.Element("p", query.Length == 0 ? "Type words to find in the stored articles." : "The search has no words to look for.", "note").Done();
        var hits = await store.SearchAsync(query, PageSize, cancellationToken);
        if (hits.Count == 0) return page.Element("p", "No article matches.", "note").Done();
        page.Raw("<ol class=\"hits\">\n");
        foreach (var h in hits)
        {
            // The words the article page shows as its heading.
            var title = string.IsNullOrWhiteSpace(h.Title) ? "Untitled article" : h.Title.Trim();
            page.Raw("<li>");
            if (h.Story is { } story)
                page.Link(Paths.StoryArticle(story, h.Article), title).Raw(" <span class=\"meta\">").Text(h.Article + " in ").Link(Paths.Story(story), "story " + story).Raw("</span>");
            else
                page.Link(Paths.Article(h.Article), title).Raw(" <span class=\"meta\">").Text(h.Article + ", not yet in a story").Raw("</span>");
            page.Raw("<br>").Element("span", h.Snippet.ReplaceLineEndings(" "), "meta").Raw("</li>\n");
        }
        return page.Raw("</ol>\n").Done();
    }

    private static IResult NoStory() => SitePage.Message("No such story", "Go to the list of stories.").Done(StatusCodes.Status404NotFound);

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Dates(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "undated",
        ({ } f, { } t) when f == t => Day(f),
        _ => $"{(from is { } f ? Day(f) : "?")} to {(to is { } t ? Day(t) : "?")}",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
