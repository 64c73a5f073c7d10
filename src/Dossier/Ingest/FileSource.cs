namespace Dossier.Ingest;

/// <summary>Reads files and folders (recursively) of plain text and Markdown, one document at a time.</summary>
public sealed class FileSource(FileSourceOptions options)
{
    public FileSource() : this(new FileSourceOptions()) { }

    public IAsyncEnumerable<IngestResult> ReadAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
        => throw new NotImplementedException(options.ToString());
}
