using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>Settings for turning web pages into articles.</summary>
public sealed record HtmlExtractorOptions
{
    public MainContentOptions Content { get; init; } = new();
    /// <summary>Language recorded when neither the page nor its container states one.</summary>
    public string DefaultLanguage { get; init; } = "en";
}

/// <summary>Turns an HTML page into an article: metadata read first from the markup, then the main content.</summary>
public sealed class HtmlExtractor(TimeProvider clock, HtmlExtractorOptions? options = null)
{
    private readonly HtmlExtractorOptions _options = options ?? new HtmlExtractorOptions();
    private readonly HtmlParsing _parsing = new();
    private readonly PageMetadataReader _metadata = new(clock);
    private readonly MainContent _content = new((options ?? new HtmlExtractorOptions()).Content);

    public Article Extract(SourceDocument document) => Extract(document, DocumentBudget.Unlimited);

    /// <summary>Extracts the article, checking <paramref name="budget"/> between the steps.</summary>
    public Article Extract(SourceDocument document, DocumentBudget budget)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(budget);
        var (metadata, body) = Read(document.Text, document.Hints.Url, budget);
        var hints = document.Hints;
        var text = body.Text;
        var authors = metadata.Authors.Count > 0 ? metadata.Authors : hints.Authors;
        return new Article(document.Id, document.Path, text, PlainTextExtractor.HashOf(text))
        {
            Title = metadata.Title ?? hints.Title,
            Site = metadata.Site ?? hints.Site ?? SiteOf(metadata.CanonicalUrl ?? metadata.Url),
            Url = metadata.Url ?? hints.Url,
            CanonicalUrl = metadata.CanonicalUrl ?? metadata.Url ?? hints.Url,
            Authors = authors,
            Byline = authors.Count > 0 ? string.Join(", ", authors) : null,
            Published = metadata.Published ?? FromHint(hints.Published),
            Modified = metadata.Modified,
            Language = LanguageOf(metadata.Language ?? hints.Language) ?? _options.DefaultLanguage,
            Description = metadata.Description,
            Image = metadata.Image,
            Blocks = body.Blocks,
            Removed = body.Removed,
        };
    }

    /// <summary>Parses <paramref name="html"/> and returns its metadata and main content.</summary>
    public (PageMetadata Metadata, ExtractedBody Body) Read(string html, string? url) => Read(html, url, DocumentBudget.Unlimited);

    private (PageMetadata Metadata, ExtractedBody Body) Read(string html, string? url, DocumentBudget budget)
    {
        var document = _parsing.Parse(html);
        budget.Check("extract: parse");
        var metadata = _metadata.Read(document, url);
        budget.Check("extract: metadata");
        var body = _content.Extract(document, metadata);
        budget.Check("extract: content");
        return (metadata, body);
    }

    /// <summary>A container's publication time (feed item, JSON line) as the article's date.</summary>
    internal static PublishedDate? FromHint(DateTimeOffset? published)
        => published is { } p ? new PublishedDate(DateOnly.FromDateTime(p.UtcDateTime), DatePrecision.Day, DateSource.Metadata, "container") : null;

    /// <summary>The primary subtag of a language tag, lower-case ("en-GB" → "en").</summary>
    internal static string? LanguageOf(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag)) return null;
        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return primary.Length is >= 2 and <= 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    /// <summary>The host of <paramref name="url"/> without "www." ("www.bbc.co.uk/news" counts as an address too), or null.</summary>
    internal static string? SiteOf(string? url)
    {
        if (url is not null && url.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) url = "http://" + url;
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host)) return null;
        var host = uri.Host.ToLowerInvariant();
        return host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }
}
