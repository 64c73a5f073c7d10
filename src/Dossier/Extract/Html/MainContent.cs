using System.Text;
using AngleSharp.Dom;
using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>Settings for finding a page's main content.</summary>
public sealed record MainContentOptions;

/// <summary>Finds the article body in a parsed page and writes it out as blocks of text.</summary>
public sealed class MainContent(MainContentOptions? options = null)
{
    private readonly MainContentOptions _options = options ?? new MainContentOptions();

    public ExtractedBody Extract(IDocument document, PageMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(document);
        _ = _options;
        _ = metadata;
        var text = new StringBuilder();
        var blocks = new List<TextBlock>();
        foreach (var p in document.QuerySelectorAll("p"))
        {
            var content = string.Join(' ', (p.TextContent ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (content.Length == 0) continue;
            if (text.Length > 0) text.Append("\n\n");
            blocks.Add(new TextBlock(BlockKind.Paragraph, new TextSpan(text.Length, content.Length)));
            text.Append(content);
        }
        return new ExtractedBody(text.ToString(), blocks, []);
    }
}
