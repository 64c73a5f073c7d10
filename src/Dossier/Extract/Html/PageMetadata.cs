using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>What a page says about itself: read from its markup (JSON-LD, meta tags, time elements), its URL and its byline.</summary>
public sealed record PageMetadata
{
    public static readonly PageMetadata Empty = new();

    public string? Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public PublishedDate? Published { get; init; }
    public PublishedDate? Modified { get; init; }
    public string? Site { get; init; }
    /// <summary>The URL the page was read from (given by the caller or its container).</summary>
    public string? Url { get; init; }
    public string? CanonicalUrl { get; init; }
    /// <summary>A BCP 47 tag from the markup ("en", "en-GB"), or null.</summary>
    public string? Language { get; init; }
    public string? Description { get; init; }
    public string? Image { get; init; }
}
