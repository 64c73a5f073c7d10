using Dossier.Model;

namespace Dossier.Ingest;

/// <summary>A file's decoded text before extraction. <see cref="Id"/> is the file name without its extension.</summary>
public sealed record SourceDocument(string Id, string Path, string Format, string Text);

/// <summary>One outcome of reading an input: a document, or the reason it was skipped.</summary>
public sealed record IngestResult(SourceDocument? Document, SkippedInput? Skipped)
{
    public static IngestResult Read(SourceDocument document) => new(document, null);
    public static IngestResult Skip(string path, string reason) => new(null, new SkippedInput(path, reason));
}
