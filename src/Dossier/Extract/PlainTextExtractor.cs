using Dossier.Ingest;
using Dossier.Model;

namespace Dossier.Extract;

/// <summary>Turns a plain-text or Markdown document into an article: title, clean body, page furniture removed.</summary>
public sealed class PlainTextExtractor
{
    public Article Extract(SourceDocument document) => throw new NotImplementedException();
}
