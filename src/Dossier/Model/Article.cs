namespace Dossier.Model;

/// <summary>How finely a date is known.</summary>
public enum DatePrecision { Year, Month, Day }

/// <summary>Where an article's date came from, so a reader can judge it.</summary>
public enum DateSource
{
    /// <summary>Given by the source's metadata (feed, HTML meta, JSON field).</summary>
    Metadata,
    /// <summary>A dateline at the head of the text ("MOSCOW, Nov 29 (Reuters) -").</summary>
    Dateline,
    /// <summary>A date in the article's URL path.</summary>
    Url,
    /// <summary>The first full date (day, month and year) written in the text.</summary>
    TextFullDate,
    /// <summary>A weekday with a month and day ("Friday, Nov. 29"), which pins the year.</summary>
    WeekdayMonthDay,
    /// <summary>Borrowed from the other articles of the same story.</summary>
    Story,
    /// <summary>The byline or date line of a web page ("Published 3 hours ago", "Nov. 29, 2024 at 10:02").</summary>
    Byline,
}

/// <summary>An article's publication date with its precision and provenance.</summary>
public sealed record PublishedDate(DateOnly Date, DatePrecision Precision, DateSource Source, string? Evidence = null)
{
    public string ToIsoString() => Precision switch
    {
        DatePrecision.Year => Date.ToString("yyyy", System.Globalization.CultureInfo.InvariantCulture),
        DatePrecision.Month => Date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
        _ => Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>A line taken out of the text as page furniture, kept so nothing is silently lost.</summary>
public sealed record RemovedText(string Text, string Reason);

/// <summary>What a block of an article's body is, so Markdown and HTML output can keep the page's structure.</summary>
public enum BlockKind { Paragraph, Heading, ListItem, Quote, Preformatted }

/// <summary>One block of an article's body: a span into <see cref="Article.Text"/>; <see cref="Level"/> is a heading's level or a list item's depth.</summary>
public readonly record struct TextBlock(BlockKind Kind, TextSpan Span, int Level = 0);

/// <summary>
/// One article: its clean body text is owned here once; every annotation is a span into <see cref="Text"/>.
/// </summary>
public sealed record Article(
    string Id,
    string Origin,
    string Text,
    string ContentHash)
{
    public string? Title { get; init; }
    public string? Site { get; init; }
    public string? Byline { get; init; }
    public string? Url { get; init; }
    public PublishedDate? Published { get; init; }
    public string Language { get; init; } = "en";
    public IReadOnlyList<RemovedText> Removed { get; init; } = [];

    /// <summary>Authors by name, as the page or feed states them; empty when unknown.</summary>
    public IReadOnlyList<string> Authors { get; init; } = [];
    /// <summary>When the page says it was last changed.</summary>
    public PublishedDate? Modified { get; init; }
    public string? Description { get; init; }
    /// <summary>The page's main image (absolute URL).</summary>
    public string? Image { get; init; }
    /// <summary>The URL the page declares as its own (rel=canonical, og:url), else the URL it was read from.</summary>
    public string? CanonicalUrl { get; init; }
    /// <summary>The body's blocks in order (empty for sources without structure: each paragraph is then a block of its own).</summary>
    public IReadOnlyList<TextBlock> Blocks { get; init; } = [];
}
