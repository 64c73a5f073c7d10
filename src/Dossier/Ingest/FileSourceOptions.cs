namespace Dossier.Ingest;

/// <summary>Settings for reading files and folders.</summary>
public sealed record FileSourceOptions
{
    /// <summary>
    /// Files larger than this are skipped, so one stray dump cannot stall a run; for a gzipped file the bound is on its
    /// decompressed content. Containers read as a stream (JSON Lines, WARC) are not bounded as a whole: each line or
    /// record is.
    /// </summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>
    /// Extensions picked up when walking a folder, each also with ".gz" after it (a file named explicitly is read
    /// whatever its extension: its first bytes tell what it is).
    /// </summary>
    public IReadOnlyList<string> TextExtensions { get; init; } =
    [
        ".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".xml", ".rss", ".atom", ".feed", ".jsonl", ".ndjson", ".warc",
    ];

    /// <summary>Share of control characters above which a file is taken for binary.</summary>
    public double MaxControlShare { get; init; } = 0.05;

    /// <summary>Beyond the first megabyte, a gzip expanding more than this many times is taken for a gzip bomb.</summary>
    public double MaxCompressionRatio { get; init; } = 100;
}
