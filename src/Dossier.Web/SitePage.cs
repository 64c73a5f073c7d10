using System.Text;
using System.Text.Encodings.Web;
using Dossier.Render;
using Microsoft.AspNetCore.Http;

namespace Dossier.Web;

/// <summary>
/// The server's own pages (story list, search, errors): the story page's stylesheet and head, every piece of text
/// through <see cref="HtmlEncoder"/>, no script.
/// </summary>
internal sealed class SitePage
{
    public const string HtmlType = "text/html; charset=utf-8";
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;
    private readonly StringBuilder _html = new();

    private SitePage(string title, string? query)
    {
        _html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n<title>").Append(Encoder.Encode(title)).Append(" — Dossier</title>\n")
            .Append("<style>").Append(HtmlRenderer.Stylesheet).Append("</style>\n</head>\n<body>\n<main>\n");
        _html.Append(HtmlRenderer.Navigation(SiteLinks.Default, query));
    }

    /// <summary>A page whose &lt;title&gt; is <paramref name="title"/>, headed by the navigation and search form.</summary>
    public static SitePage Start(string title, string? query = null) => new(title, query);

    /// <summary>A page saying only <paramref name="message"/>, with a way back to the list.</summary>
    public static SitePage Message(string message, string hint)
        => Start(message).Element("h1", message).Raw("<p><a href=\"/\">").Text(hint).Raw("</a></p>\n");

    /// <summary>Markup written by this class's callers, never text from a request or the store.</summary>
    public SitePage Raw(string markup)
    {
        _html.Append(markup);
        return this;
    }

    public SitePage Text(string text)
    {
        _html.Append(Encoder.Encode(text));
        return this;
    }

    public SitePage Element(string tag, string text, string? cssClass = null)
    {
        _html.Append('<').Append(tag);
        if (cssClass is not null) _html.Append(" class=\"").Append(cssClass).Append('"');
        _html.Append('>').Append(Encoder.Encode(text)).Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A link to a path on this site; the path's parts are escaped by the caller (<see cref="Paths"/>).</summary>
    public SitePage Link(string path, string text)
    {
        _html.Append("<a href=\"").Append(Encoder.Encode(path)).Append("\">").Append(Encoder.Encode(text)).Append("</a>");
        return this;
    }

    public SitePage Time(DateTimeOffset at, string shown)
    {
        _html.Append("<time datetime=\"").Append(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))
            .Append("\">").Append(Encoder.Encode(shown)).Append("</time>");
        return this;
    }

    public IResult Done(int status = StatusCodes.Status200OK)
    {
        _html.Append("</main>\n</body>\n</html>\n");
        return Results.Content(_html.ToString(), HtmlType, Encoding.UTF8, status);
    }
}

/// <summary>The site's paths, each id escaped as one path segment.</summary>
internal static class Paths
{
    public static string Story(string id) => "/stories/" + Uri.EscapeDataString(id);

    public static string StoryArticle(string story, string article) => Story(story) + "/articles/" + Uri.EscapeDataString(article);

    public static string Passage(string story, Dossier.Model.Citation citation)
        => StoryArticle(story, citation.Article) + FormattableString.Invariant($"?start={citation.Span.Start}&end={citation.Span.End}#{HtmlRenderer.PassageId}");

    public static string Article(string id) => "/articles/" + Uri.EscapeDataString(id);

    public static string Search(string query) => "/search?q=" + Uri.EscapeDataString(query);
}
