namespace Dossier.Ingest.Watch;

/// <summary>Takes the articles a watch finds: the store, which knows whether it already has one.</summary>
public interface IArticleSink
{
    /// <summary>
    /// Keeps <paramref name="document"/> (an item's page, or the item's own content when its page could not be had);
    /// true when the article was new, false when it was already kept (same content or canonical URL).
    /// </summary>
    ValueTask<bool> AcceptAsync(string feedUrl, SourceDocument document, CancellationToken cancellationToken);
}
