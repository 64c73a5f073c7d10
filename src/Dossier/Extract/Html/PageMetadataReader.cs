using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace Dossier.Extract.Html;

/// <summary>Reads a page's metadata from its markup, URL and byline. A clock is needed to judge future and relative dates.</summary>
public sealed partial class PageMetadataReader(TimeProvider clock)
{
    /// <summary>A headline longer than this is not a headline but a container's text.</summary>
    private const int HeadlineLength = 400;
    /// <summary>A byline longer than this is an author's biography or a list of contributors.</summary>
    private const int BylineLength = 200;
    /// <summary>How many byline or author elements are read.</summary>
    private const int MaxAuthorElements = 30;

    /// <summary>Meta names that give the author's name (not a profile URL), most trusted first.</summary>
    private static readonly string[] AuthorKeys =
        ["author", "article:author", "byl", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "citation_author"];

    private readonly PageDateFinder _dates = new(clock);

    public PageMetadata Read(IDocument document, string? url)
    {
        ArgumentNullException.ThrowIfNull(document);
        var markup = new MetadataMarkup(document);
        var jsonLd = MetadataJsonLd.Read(document);
        var site = SiteName(markup.First("og:site_name")) ?? SiteName(jsonLd?.Publisher) ?? SiteName(markup.First("application-name"));
        var (published, modified) = _dates.Find(document, url, jsonLd, markup);
        return new PageMetadata
        {
            Title = TitleOf(document, markup, jsonLd, site, url),
            Authors = AuthorsOf(document, markup, jsonLd, site),
            Published = published,
            Modified = modified,
            Site = site ?? HtmlExtractor.SiteOf(url),
            Url = url,
            CanonicalUrl = Absolute(LinkHref(document, "canonical"), url) ?? Absolute(markup.First("og:url"), url),
            Language = LanguageOf(document, markup),
            Description = Clean(markup.First("description")) ?? Clean(markup.First("og:description"))
                          ?? Clean(markup.First("twitter:description")) ?? Clean(jsonLd?.Description),
            Image = ImageOf(document, markup, jsonLd, url),
        };
    }

    // ---------------------------------------------------------------- title

    /// <summary>
    /// The headline: of og:title, twitter:title, JSON-LD headline and the document title (each with the site's name cut
    /// off), the one that agrees with the page's h1; else the first given; else the h1.
    /// </summary>
    private static string? TitleOf(IDocument document, MetadataMarkup markup, MetadataJsonLd? jsonLd, string? site, string? url)
    {
        var heading = markup.Headline is { } h ? OneLine(MetadataMarkup.VisibleText(h, HeadlineLength)) : null;
        var raw = new[] { markup.First("og:title"), markup.First("twitter:title"), jsonLd?.Headline, document.Title }
            .Select(Clean).OfType<string>().ToList();
        var host = HtmlExtractor.SiteOf(url);
        var cleaned = raw.Select(t => WithoutSite(t, site, host)).Where(t => t.Length > 0).ToList();
        // A heading that names the site is the masthead, not the headline.
        if (heading is { Length: > 0 } && !NamesSite(heading, site, host))
        {
            if (cleaned.FirstOrDefault(t => Same(t, heading)) is { } agreeing) return agreeing;
            // A title that holds the heading as one of its parts ("Heading | Section") names the heading.
            if (cleaned.Any(t => TitleParts().Split(t).Any(p => Same(p, heading)))) return heading;
        }
        return cleaned.FirstOrDefault() ?? heading;
    }

    /// <summary>" | Site", " - Site", "Site: " and the like cut off when that part names the site or its host.</summary>
    internal static string WithoutSite(string title, string? site, string? host)
    {
        // "Site: Headline" is cut only when the part before the colon names the site: colons are common in headlines.
        var colon = title.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0 && NamesSite(title[..colon], site, host) && title[(colon + 2)..].Trim() is { Length: > 0 } rest) title = rest;
        var parts = TitleParts().Split(title);
        if (parts.Length < 2) return title;
        var first = 0;
        var last = parts.Length - 1;
        if (NamesSite(parts[last], site, host)) last--;
        else if (NamesSite(parts[0], site, host)) first++;
        if (first > last) return title;
        // Rejoin what is left with the separators it had.
        var start = first == 0 ? 0 : title.IndexOf(parts[first], StringComparison.Ordinal);
        var lastPart = parts[last];
        var end = title.LastIndexOf(lastPart, StringComparison.Ordinal) + lastPart.Length;
        return start >= 0 && end > start ? title[start..end].Trim() : title;
    }

    private static bool NamesSite(string part, string? site, string? host)
    {
        var p = Letters(part);
        if (p.Length == 0) return false;
        if (site is not null && p == Letters(site)) return true;
        if (host is null) return false;
        if (p == Letters(host)) return true;
        var core = HostCore(host);
        // "BBC News" on bbc.co.uk, "The Guardian" on theguardian.com: a short part that begins with the host's own name.
        return core.Length >= 3 && part.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 4
               && (p.StartsWith(core, StringComparison.Ordinal) || core.StartsWith(p, StringComparison.Ordinal) && p.Length >= 4);
    }

    /// <summary>The host's own name: "nytimes" for www.nytimes.com, "bbc" for www.bbc.co.uk.</summary>
    private static string HostCore(string host)
    {
        var labels = host.Split('.').ToList();
        if (labels.Count > 1) labels.RemoveAt(labels.Count - 1);
        if (labels.Count > 1 && labels[^1].Length <= 3) labels.RemoveAt(labels.Count - 1);
        return labels.Count > 0 ? Letters(labels[^1]) : "";
    }

    private static bool Same(string a, string b)
    {
        var x = Letters(a);
        var y = Letters(b);
        return x.Length > 0 && x == y;
    }

    [GeneratedRegex(@"\s+(?:[|\-–—·•»«~]|::)\s+|\s*\|\s*", RegexOptions.CultureInvariant)]
    private static partial Regex TitleParts();

    // ---------------------------------------------------------------- authors

    /// <summary>
    /// People's names from the first source that names any: JSON-LD, meta tags, rel=author links, itemprop=author,
    /// then byline elements. Organisations are given only when no source names a person.
    /// </summary>
    private static IReadOnlyList<string> AuthorsOf(IDocument document, MetadataMarkup markup, MetadataJsonLd? jsonLd, string? site)
    {
        var organisations = new List<string>();
        var singles = new List<string>();
        var sources = new List<Func<IEnumerable<string>>>
        {
            () => FromJsonLd(jsonLd, site, organisations),
            () => AuthorKeys.SelectMany(markup.All),
            () => document.QuerySelectorAll("a[rel~='author']").Where(e => !MetadataMarkup.IsFurniture(e)).Take(MaxAuthorElements)
                .Select(e => MetadataMarkup.VisibleText(e, BylineLength)).OfType<string>(),
            () => document.QuerySelectorAll("[itemprop~='author']").Where(e => !MetadataMarkup.IsFurniture(e)).Take(MaxAuthorElements)
                .Select(ItempropName).OfType<string>(),
            () => BylineElements(document, markup).Select(e => MetadataMarkup.VisibleText(e, BylineLength)).OfType<string>(),
        };
        foreach (var source in sources)
        {
            var names = MetadataAuthors.Clean(source(), site, organisations, singles);
            if (names.Count > 0) return names;
        }
        // The site's own name is the least informative byline: given only when nothing else is.
        // An agency or desk before a lone word (a first name, a handle, a dateline's place), and the site's own name last.
        var others = organisations.Where(o => site is null || Letters(o) != Letters(site)).ToList();
        var fallback = others.Count > 0 ? others : singles.Count > 0 ? singles.Take(1).ToList() : organisations.Take(1).ToList();
        return fallback.DistinctBy(Letters).Take(MetadataAuthors.MaxAuthors).ToList();
    }

    private static IEnumerable<string> FromJsonLd(MetadataJsonLd? jsonLd, string? site, List<string> organisations)
    {
        if (jsonLd is null) yield break;
        foreach (var author in jsonLd.Authors)
        {
            if (!author.Organisation) yield return author.Name;
            else if (OneLine(author.Name) is { Length: > 0 and <= 60 } name && !organisations.Contains(name, StringComparer.OrdinalIgnoreCase))
                organisations.Add(name);
        }
    }

    private static string? ItempropName(IElement e)
    {
        if (e.GetAttribute("content") is { Length: > 0 } content) return content;
        if (e.QuerySelector("[itemprop~='name']") is { } name)
            return name.GetAttribute("content") ?? MetadataMarkup.VisibleText(name, BylineLength);
        return MetadataMarkup.VisibleText(e, BylineLength);
    }

    private static readonly string[] BylineWords = ["byline", "author"];

    /// <summary>Elements whose class or id names a byline or an author, those around the headline first.</summary>
    private static IEnumerable<IElement> BylineElements(IDocument document, MetadataMarkup markup)
    {
        if (document.Body is not { } body) return [];
        var found = new List<IElement>();
        foreach (var e in body.QuerySelectorAll("[class], [id]"))
        {
            if (MetadataMarkup.ClassOrIdHas(e, BylineWords)) found.Add(e);
            if (found.Count >= 10 * MaxAuthorElements) break;
        }
        var zone = markup.Zone;
        return found.Where(e => zone is not null && zone.Contains(e))
            .Concat(found.Where(e => e.Closest("article, header, main") is not null))
            .Concat(found)
            .Distinct()
            .Where(e => !MetadataMarkup.IsFurniture(e))
            .Take(MaxAuthorElements);
    }

    // ---------------------------------------------------------------- the rest

    /// <summary>A site's name as given; a URL given as the name stands for its host.</summary>
    private static string? SiteName(string? value)
    {
        var s = Clean(value);
        if (s is null) return null;
        return s.Contains("://", StringComparison.Ordinal) || s.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
            ? HtmlExtractor.SiteOf(s.Contains("://", StringComparison.Ordinal) ? s : "http://" + s)
            : s;
    }

    private static string? LanguageOf(IDocument document, MetadataMarkup markup)
    {
        var tag = Clean(document.DocumentElement?.GetAttribute("lang"))
                  ?? Clean(markup.First("content-language"))
                  ?? Clean(markup.First("og:locale"))
                  ?? Clean(markup.First("dc.language"));
        return tag?.Replace('_', '-');
    }

    private static string? ImageOf(IDocument document, MetadataMarkup markup, MetadataJsonLd? jsonLd, string? url)
    {
        foreach (var value in (ReadOnlySpan<string?>)[
                     markup.First("og:image"), markup.First("og:image:url"), markup.First("og:image:secure_url"),
                     markup.First("twitter:image"), markup.First("twitter:image:src"), jsonLd?.Image, LinkHref(document, "image_src")])
        {
            if (Absolute(value, url) is { } image) return image;
        }
        return null;
    }

    private static string? LinkHref(IDocument document, string rel)
        => document.QuerySelectorAll("link[rel][href]")
            .FirstOrDefault(l => l.GetAttribute("rel")!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(rel, StringComparer.OrdinalIgnoreCase))
            ?.GetAttribute("href");

    /// <summary>An http(s) URL made absolute against the page's URL; null when it cannot be.</summary>
    internal static string? Absolute(string? href, string? pageUrl)
    {
        var h = href?.Trim();
        if (string.IsNullOrEmpty(h)) return null;
        Uri? result;
        if (pageUrl is not null && Uri.TryCreate(pageUrl, UriKind.Absolute, out var page)) Uri.TryCreate(page, h, out result);
        else Uri.TryCreate(h, UriKind.Absolute, out result);
        return result is { Scheme: "http" or "https" } ? result.AbsoluteUri : null;
    }

    private static string? Clean(string? value)
    {
        var s = OneLine(value);
        return string.IsNullOrEmpty(s) ? null : s;
    }

    private static string? OneLine(string? value)
        => value is null ? null : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Letters(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
