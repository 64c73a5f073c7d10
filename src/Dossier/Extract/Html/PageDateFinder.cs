using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>
/// Finds a page's published and modified dates in order of trust, as htmldate does: JSON-LD, meta tags and microdata,
/// time elements (those marked as the publication time, then those in the article's head), the URL path, then the
/// byline's visible text. A date after the clock's today (with a day's slack for time zones) or before 1995 is no
/// publication date; dates inside scripts other than JSON-LD are never read.
/// </summary>
internal sealed partial class PageDateFinder(TimeProvider clock)
{
    /// <summary>Web news begins here: earlier dates on a page are history it tells, not when it was published.</summary>
    private const int FirstYear = 1995;
    /// <summary>How many candidate byline elements are read before giving up.</summary>
    private const int MaxBylineCandidates = 60;
    /// <summary>A byline or date line is short; longer text is a container or a paragraph.</summary>
    private const int BylineLength = 300;
    /// <summary>How many nodes are searched for a "Published" label: bylines sit near the top.</summary>
    private const int MaxNodesForLabels = 50_000;

    /// <summary>Meta names and properties that give the publication time, most trusted first.</summary>
    private static readonly string[] PublishedKeys =
    [
        "article:published_time", "og:published_time", "og:article:published_time", "article:published", "published_time",
        "datePublished", "pubdate", "publishdate", "publish-date", "publish_date", "pub_date", "date_published", "article.published",
        "article_date_original", "original-publish-date", "originalpublicationdate", "sailthru.date", "parsely-pub-date",
        "cxenseparse:recs:publishtime", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date",
        "dcterms.date", "citation_publication_date", "citation_date", "rnews:datepublished", "dateCreated", "date", "displaydate",
    ];

    /// <summary>Meta names and properties that give the last modification time.</summary>
    private static readonly string[] ModifiedKeys =
    [
        "article:modified_time", "og:updated_time", "og:modified_time", "article:modified", "modified_time", "updated_time",
        "dateModified", "last-modified", "lastmod", "dcterms.modified", "dc.date.modified", "article.updated", "eomportal-lastupdate",
    ];

    private readonly TimeProvider _clock = clock;

    public (PublishedDate? Published, PublishedDate? Modified) Find(IDocument document, string? url, MetadataJsonLd? jsonLd, MetadataMarkup markup)
    {
        var now = _clock.GetUtcNow();
        var latest = DateOnly.FromDateTime(now.UtcDateTime).AddDays(1);
        var published = FromValue(jsonLd?.DatePublished, "json-ld datePublished", latest)
                        ?? FromValue(jsonLd?.DateCreated, "json-ld dateCreated", latest)
                        ?? FromKeys(markup, PublishedKeys, latest)
                        ?? FromTimeElements(document, markup, latest)
                        ?? FromUrl(url, latest);
        var modified = FromValue(jsonLd?.DateModified, "json-ld dateModified", latest)
                       ?? FromKeys(markup, ModifiedKeys, latest);
        // The byline is read only when the markup gives no published date: it is the costliest and least trusted source.
        if (published is null)
        {
            var (bylinePublished, bylineModified) = FromByline(document, markup, now, latest);
            published ??= bylinePublished;
            modified ??= bylineModified;
        }
        return (published, modified);
    }

    private static bool Plausible(DateOnly date, DateOnly latest) => date.Year >= FirstYear && date <= latest;

    private static PublishedDate? FromValue(string? value, string evidence, DateOnly latest)
        => PageDateText.ParseMachine(value) is { } d && Plausible(d.Date, latest)
            ? new PublishedDate(d.Date, d.Precision, DateSource.Metadata, evidence) : null;

    private static PublishedDate? FromKeys(MetadataMarkup markup, string[] keys, DateOnly latest)
    {
        foreach (var key in keys)
            foreach (var value in markup.All(key))
                if (FromValue(value, "meta " + key, latest) is { } found) return found;
        return null;
    }

    /// <summary>time[datetime] marked as the publication time, then one in the headline zone or the article, then any outside furniture.</summary>
    private static PublishedDate? FromTimeElements(IDocument document, MetadataMarkup markup, DateOnly latest)
    {
        // A time inside a link dates the page linked to; one after "Updated" is the modification time.
        var times = document.QuerySelectorAll("time[datetime]").Take(200)
            .Where(t => !IsUpdate(t) && !AfterUpdateWord(t) && !UpdateLabel().IsMatch(LabelOf(t)) && t.Closest("a[href]") is null && !MetadataMarkup.IsFurniture(t))
            .ToList();
        if (times.Count == 0) return null;
        var zone = markup.Zone;
        var ordered = times.Where(t => t.HasAttribute("pubdate"))
            .Concat(times.Where(t => zone is not null && zone.Contains(t)))
            .Concat(times.Where(t => t.Closest("article, header, main") is not null))
            .Concat(times);
        foreach (var time in ordered)
        {
            var evidence = time.HasAttribute("pubdate") ? "time[pubdate]" : "time[datetime]";
            if (FromValue(time.GetAttribute("datetime"), evidence, latest) is { } found) return found;
        }
        return null;
    }

    /// <summary>An element marked as the time of an update or modification, by its class, id or itemprop.</summary>
    private static bool IsUpdate(IElement e)
    {
        var words = MetadataMarkup.ClassAndId(e) + " " + (e.GetAttribute("itemprop") ?? "").ToLowerInvariant();
        return (words.Contains("updat", StringComparison.Ordinal) || words.Contains("modif", StringComparison.Ordinal))
               && !words.Contains("publish", StringComparison.Ordinal);
    }

    /// <summary>Whether the text just before the element says "Updated" or "Modified" ("Updated &lt;time&gt;Nov 13&lt;/time&gt;").</summary>
    private static bool AfterUpdateWord(IElement e)
    {
        var before = "";
        for (var node = e.PreviousSibling; node is not null && before.Length < 40; node = node.PreviousSibling)
            before = (node is IElement { LocalName: "script" or "style" } ? "" : node.TextContent) + before;
        if (before.Trim().Length == 0 && e.ParentElement is { } parent && parent.TextContent.Length < 300)
            for (var node = parent.PreviousSibling; node is not null && before.Length < 40; node = node.PreviousSibling)
                before = node.TextContent + before;
        return UpdateLabel().IsMatch(before.Length > 40 ? before[^40..] : before);
    }

    /// <summary>The words a time element's own text begins with, up to its first digit ("Updated on: " of "Updated on: Nov 19").</summary>
    private static string LabelOf(IElement time)
    {
        var text = MetadataMarkup.VisibleText(time, 120) ?? "";
        var digit = text.IndexOfAny("0123456789".ToCharArray());
        return digit < 0 ? text : text[..digit];
    }

    [GeneratedRegex(@"\b(?:updated|modified|edited|revised)(?:\s+on)?\s*:?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?:[a-z]+\.?\s*)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdateLabel();

    /// <summary>A text that begins as a publication line does: "Published", "First published on", "Posted:".</summary>
    [GeneratedRegex(@"^\s*(?:first\s+|originally\s+)?(?:published|posted)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PublishLabel();

    /// <summary>Elements that hold a line beginning "Published" or "Posted", whatever their class: the label's parent, which holds its date.</summary>
    private static IEnumerable<IElement> LabelledLines(IElement body)
    {
        var seen = 0;
        foreach (var node in body.GetDescendants())
        {
            if (++seen > MaxNodesForLabels) yield break;
            if (node is IText text && text.Data.Length < 80 && PublishLabel().IsMatch(text.Data) && text.ParentElement is { } parent
                && parent.LocalName is not ("script" or "style" or "a"))
                yield return parent.ParentElement is { } grand && (MetadataMarkup.VisibleText(parent, BylineLength) ?? "").Any(char.IsAsciiDigit) is false ? grand : parent;
        }
    }

    /// <summary>/2019/11/19/, /20191119/, 2019-11-19 or 2019_11_19 in the URL path; /2019/11/ gives the month.</summary>
    internal static PublishedDate? FromUrl(string? url, DateOnly latest)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        foreach (Match m in UrlDate().Matches(path))
        {
            var year = int.Parse(m.Groups["y"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var month = int.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture);
            DateOnly? date;
            var precision = DatePrecision.Day;
            if (m.Groups["d"].Success) date = Annotate.Time.TimeFormat.Date(year, month, int.Parse(m.Groups["d"].Value, System.Globalization.CultureInfo.InvariantCulture));
            else
            {
                date = Annotate.Time.TimeFormat.Date(year, month, 1);
                precision = DatePrecision.Month;
            }
            if (date is { } d && Plausible(d, latest)) return new PublishedDate(d, precision, DateSource.Url, "url");
        }
        return null;
    }

    [GeneratedRegex(@"(?<![0-9])(?<y>(?:19|20)[0-9]{2})(?:(?<s>[/_.-])(?<m>[01]?[0-9])(?:\k<s>(?<d>[0-3]?[0-9]))?(?=[/_.-]|$)|(?<m>[01][0-9])(?<d>[0-3][0-9]))(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();

    /// <summary>
    /// Dates written in the byline or date line: elements whose class or id speaks of a date, a time, a byline or
    /// publishing, and time elements; those around the headline first. "Updated ..." gives the modified date.
    /// </summary>
    private static (PublishedDate? Published, PublishedDate? Modified) FromByline(IDocument document, MetadataMarkup markup, DateTimeOffset now, DateOnly latest)
    {
        var body = document.Body;
        if (body is null) return (null, null);
        var zone = markup.Zone;
        var candidates = new List<IElement>();
        foreach (var e in body.QuerySelectorAll("[class], [id], time"))
        {
            if (e.LocalName == "time" || MetadataMarkup.ClassOrIdHas(e, DateWords)) candidates.Add(e);
            if (candidates.Count >= 20 * MaxBylineCandidates) break;
        }
        candidates.AddRange(LabelledLines(body).Take(MaxBylineCandidates));
        var ordered = candidates.Where(e => zone is not null && zone.Contains(e))
            .Concat(candidates.Where(e => e.Closest("article, header, main") is not null))
            .Concat(candidates)
            .Distinct()
            .Where(e => !MetadataMarkup.IsFurniture(e))
            .Take(MaxBylineCandidates);
        PublishedDate? published = null, modified = null;
        foreach (var e in ordered)
        {
            if (MetadataMarkup.VisibleText(e, BylineLength) is not { Length: > 0 } text) continue;
            var update = IsUpdate(e);
            foreach (var (date, isUpdate, evidence) in DatesIn(text, now))
            {
                if (!Plausible(date.Date, latest)) continue;
                var found = new PublishedDate(date.Date, date.Precision, DateSource.Byline, "byline text: " + evidence);
                if (isUpdate || update) modified ??= found;
                else published ??= found;
            }
            if (published is not null && modified is not null) break;
        }
        return (published, modified);
    }

    /// <summary>Class or id words of the elements that hold a date line.</summary>
    private static readonly string[] DateWords = ["date", "time", "publish", "posted", "byline", "meta"];

    /// <summary>The dates written in a byline, each marked as an update when "Updated" or "Modified" comes just before it.</summary>
    private static IEnumerable<(PageDateValue Date, bool Update, string Evidence)> DatesIn(string text, DateTimeOffset now)
    {
        var found = PageDateText.FindWritten(text).ToList();
        if (PageDateText.FindRelative(text, now) is { } relative) found.Add(relative);
        foreach (var d in found.OrderBy(d => d.Index))
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, d.Index - 1)) + 1;
            var before = text[Math.Max(lineStart, d.Index - 24)..d.Index];
            var update = UpdateWord().IsMatch(before);
            var start = Math.Max(lineStart, d.Index - 12);
            var lineEnd = text.IndexOf('\n', d.Index + d.Length);
            var evidence = text[start..(lineEnd < 0 ? text.Length : lineEnd)].Trim();
            yield return (d, update, evidence.Length > 80 ? evidence[..80] : evidence);
        }
    }

    [GeneratedRegex(@"\b(?:updated|modified|edited|revised)\b(?![^.]*\b(?:published|posted)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpdateWord();
}
