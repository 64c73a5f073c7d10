using Dossier.Model;

namespace Dossier.Ingest;

/// <summary>
/// A document's decoded text before extraction. <see cref="Id"/> is the file name without its extension, or that of a
/// container (feed, JSON Lines, WARC) with the record's number. <see cref="Format"/> is "text", "markdown" or "html".
/// </summary>
public sealed record SourceDocument(string Id, string Path, string Format, string Text)
{
    /// <summary>What the container said about the document (feed item, JSON line, WARC header), if anything.</summary>
    public SourceHints Hints { get; init; } = SourceHints.None;
}

/// <summary>Metadata a container carries beside a document; the page's own markup may add to it.</summary>
public sealed record SourceHints
{
    public static readonly SourceHints None = new();

    public string? Url { get; init; }
    public string? Title { get; init; }
    public DateTimeOffset? Published { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public string? Site { get; init; }
    public string? Language { get; init; }
}

/// <summary>One outcome of reading an input: a document, or the reason it was skipped.</summary>
public sealed record IngestResult(SourceDocument? Document, SkippedInput? Skipped)
{
    public static IngestResult Read(SourceDocument document) => new(document, null);
    public static IngestResult Skip(string path, string reason) => new(null, new SkippedInput(path, reason));
}
