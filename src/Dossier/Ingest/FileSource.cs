namespace Dossier.Ingest;

/// <summary>Reads files and folders (recursively) of plain text and Markdown, one document at a time.</summary>
public sealed class FileSource
{
    public IAsyncEnumerable<IngestResult> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
        => throw new NotImplementedException();
}
