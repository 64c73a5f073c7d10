using AngleSharp.Dom;

namespace Dossier.Extract.Html;

/// <summary>Reads a page's metadata from its markup, URL and byline. A clock is needed to judge future and relative dates.</summary>
public sealed class PageMetadataReader(TimeProvider clock)
{
    private readonly TimeProvider _clock = clock;

    public PageMetadata Read(IDocument document, string? url)
    {
        ArgumentNullException.ThrowIfNull(document);
        _ = _clock;
        var title = document.Title?.Trim();
        return new PageMetadata
        {
            Title = string.IsNullOrEmpty(title) ? null : title,
            Url = url,
            CanonicalUrl = url,
            Language = document.DocumentElement?.GetAttribute("lang"),
        };
    }
}
