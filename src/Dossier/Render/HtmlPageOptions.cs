using Dossier.Model;

namespace Dossier.Render;

/// <summary>
/// How an HTML page links out. The default is one self-contained file: the cited articles are embedded at the bottom
/// and citations are in-page anchors. A server sets <see cref="CitationHref"/> (and usually turns embedding off).
/// </summary>
public sealed record HtmlPageOptions
{
    /// <summary>The link for a citation, e.g. "/stories/s1/articles/a1?start=10&amp;end=42#passage"; null: the in-page anchor.</summary>
    public Func<Citation, string>? CitationHref { get; init; }

    /// <summary>Embed each cited article's text with every cited passage in a &lt;mark&gt;.</summary>
    public bool EmbedArticles { get; init; } = true;

    /// <summary>A stylesheet to link instead of embedding <see cref="HtmlRenderer.Stylesheet"/> (relative or http/https).</summary>
    public string? StylesheetHref { get; init; }

    /// <summary>The page of an article by id, linked from the sources list; null: the article's own URL only.</summary>
    public Func<string, string>? ArticleHref { get; init; }

    /// <summary>Where an article page links back to (the story page); null: no back link.</summary>
    public string? StoryHref { get; init; }

    /// <summary>Where a served page's navigation leads: the story list and the search form's action; null: no navigation.</summary>
    public SiteLinks? Site { get; init; }

    /// <summary>The language of the page's own words (the lang attribute of a story page).</summary>
    public string Language { get; init; } = "en";

    /// <summary>One file with no requests: CSS embedded, articles embedded, in-page citation anchors.</summary>
    public static HtmlPageOptions SelfContained { get; } = new();

    /// <summary>A page served over HTTP, citations linking to the article pages the server builds.</summary>
    public static HtmlPageOptions Served(Func<Citation, string> citationHref, Func<string, string>? articleHref = null, SiteLinks? site = null)
        => new() { CitationHref = citationHref, ArticleHref = articleHref, EmbedArticles = false, Site = site };
}

/// <summary>The served site's story list and search, linked from the head of every page (local paths).</summary>
public sealed record SiteLinks(string Home, string SearchAction)
{
    public static SiteLinks Default { get; } = new("/", "/search");
}
