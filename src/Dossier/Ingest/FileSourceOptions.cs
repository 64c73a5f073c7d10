namespace Dossier.Ingest;

/// <summary>Settings for reading files and folders.</summary>
public sealed record FileSourceOptions
{
    /// <summary>Files larger than this are skipped, so one stray dump cannot stall a run.</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>Extensions picked up when walking a folder (a file named explicitly is read whatever its extension).</summary>
    public IReadOnlyList<string> TextExtensions { get; init; } = [".txt", ".text", ".md", ".markdown"];

    /// <summary>Share of control characters above which a file is taken for binary.</summary>
    public double MaxControlShare { get; init; } = 0.05;
}
