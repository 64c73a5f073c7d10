namespace Dossier.Ingest;

/// <summary>Limits and choices for reading files.</summary>
public sealed record FileSourceOptions
{
    /// <summary>Files larger than this are skipped with a warning.</summary>
    public long MaxBytes { get; init; } = 50L * 1024 * 1024;
}
