using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dossier.Model;

namespace Dossier.Render;

/// <summary>Writes one extracted article: as a JSON object (one line or indented), as plain text, or as Markdown keeping headings and lists.</summary>
public sealed class ArticleRenderer
{
    /// <summary>The article's metadata and text as a JSON object; <paramref name="file"/> is the input it came from.</summary>
    public void WriteJson(Article article, string file, Stream output, bool indented)
    {
        ArgumentNullException.ThrowIfNull(article);
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteString("file", file);
        w.WriteString("id", article.Id);
        WriteNullable(w, "url", article.Url);
        WriteNullable(w, "canonicalUrl", article.CanonicalUrl);
        WriteNullable(w, "title", article.Title);
        w.WriteStartArray("authors");
        foreach (var author in article.Authors) w.WriteStringValue(author);
        w.WriteEndArray();
        WriteNullable(w, "published", article.Published?.ToIsoString());
        WriteNullable(w, "publishedSource", article.Published is { } p ? JsonRenderer.SourceName(p.Source) : null);
        WriteNullable(w, "publishedEvidence", article.Published?.Evidence);
        WriteNullable(w, "modified", article.Modified?.ToIsoString());
        WriteNullable(w, "site", article.Site);
        w.WriteString("language", article.Language);
        WriteNullable(w, "description", article.Description);
        WriteNullable(w, "image", article.Image);
        w.WriteString("contentHash", article.ContentHash);
        w.WriteString("text", article.Text);
        w.WriteEndObject();
        w.Flush();
    }

    /// <summary>Title, then the body; blocks become Markdown headings, list items, block quotes and code fences.</summary>
    public string Markdown(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var md = new StringBuilder(article.Text.Length + 256);
        if (!string.IsNullOrWhiteSpace(article.Title)) md.Append("# ").Append(OneLine(article.Title)).Append("\n\n");
        var facts = new List<string>();
        if (article.Authors.Count > 0) facts.Add("By " + string.Join(", ", article.Authors));
        if (article.Published is { } published) facts.Add(published.ToIsoString());
        if (article.Site is { } site) facts.Add(site);
        if (facts.Count > 0) md.Append('*').Append(EscapeInline(string.Join(" · ", facts))).Append("*\n\n");

        var blocks = article.Blocks.Count > 0 ? article.Blocks : ParagraphsOf(article.Text);
        BlockKind? previous = null;
        foreach (var block in blocks)
        {
            var text = block.Span.Of(article.Text);
            // Items of one list stay together; every other block is its own paragraph.
            if (previous is not null) md.Append(previous == BlockKind.ListItem && block.Kind == BlockKind.ListItem ? "\n" : "\n\n");
            switch (block.Kind)
            {
                case BlockKind.Heading:
                    // The title is the only level-one heading of the output: a first-level heading in the body becomes second-level.
                    md.Append('#', Math.Clamp(block.Level, 2, 6)).Append(' ').Append(OneLine(text));
                    break;
                case BlockKind.ListItem:
                    md.Append(' ', 2 * Math.Max(0, block.Level - 1)).Append("- ").Append(OneLine(text));
                    break;
                case BlockKind.Quote:
                    md.Append("> ").Append(text.Replace("\n", "\n> ", StringComparison.Ordinal));
                    break;
                case BlockKind.Preformatted:
                    var fence = text.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
                    md.Append(fence).Append('\n').Append(text).Append('\n').Append(fence);
                    break;
                default:
                    md.Append(EscapeLineStart(text));
                    break;
            }
            previous = block.Kind;
        }
        if (blocks.Count > 0) md.Append('\n');
        return md.ToString();
    }

    /// <summary>Paragraphs of a text without recorded blocks, split at blank lines.</summary>
    internal static List<TextBlock> ParagraphsOf(string text)
    {
        var blocks = new List<TextBlock>();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
            if (end < 0) end = text.Length;
            if (end > start) blocks.Add(new TextBlock(BlockKind.Paragraph, TextSpan.FromBounds(start, end)));
            start = end + 2;
        }
        return blocks;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string EscapeInline(string text) => text.Replace("*", "\\*", StringComparison.Ordinal);

    /// <summary>A paragraph that starts like Markdown syntax ("# ", "- ", "1. ", "> ") is escaped so it stays a paragraph.</summary>
    private static string EscapeLineStart(string text)
    {
        if (text.Length == 0) return text;
        var c = text[0];
        if (c is '#' or '>' or '-' or '+' or '*' or '=' or '|' or '`' or '~') return "\\" + text;
        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        if (digits > 0 && digits < text.Length && text[digits] is '.' or ')') return text[..digits] + "\\" + text[digits..];
        return text;
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
