using Dossier.Model;

namespace Dossier.Render.Html;

/// <summary>A passage to wrap in &lt;mark&gt;; <see cref="Id"/> is its anchor (null: a continuation with no anchor).</summary>
internal readonly record struct Marked(TextSpan Span, string? Id);

/// <summary>
/// Writes an article's text block by block (paragraphs, headings, lists, quotes, preformatted), with passages in
/// &lt;mark&gt;. Marks must nest, so a passage that crosses a block or another passage is handed back to the caller.
/// </summary>
internal static class ArticleBody
{
    /// <summary>Writes the body and returns the passages that could not be marked in place.</summary>
    public static List<Marked> Write(HtmlWriter w, Article article, IEnumerable<Marked> passages, int topHeading)
    {
        var text = article.Text;
        var blocks = Blocks(article);
        var placed = new List<Marked>();
        var leftover = new List<Marked>();
        foreach (var m in passages.Where(m => m.Span.Length > 0 && m.Span.Start >= 0 && m.Span.End <= text.Length)
                     .OrderBy(m => m.Span.Start).ThenByDescending(m => m.Span.Length).ThenBy(m => m.Id, StringComparer.Ordinal))
        {
            var inBlock = blocks.Any(b => b.Span.Contains(m.Span));
            var crosses = placed.Any(p => p.Span.Overlaps(m.Span) && !p.Span.Contains(m.Span) && !m.Span.Contains(p.Span));
            var same = placed.Any(p => p.Span == m.Span && p.Id == m.Id);
            if (same) continue;
            if (inBlock && !crosses) placed.Add(m);
            else leftover.Add(m);
        }

        var inList = false;
        foreach (var block in blocks)
        {
            if (inList && block.Kind != BlockKind.ListItem) { w.Close("ul"); inList = false; }
            var open = block.Kind switch
            {
                BlockKind.Heading => $"h{Math.Clamp(topHeading + Math.Max(0, block.Level - 1), topHeading, 6)}",
                BlockKind.ListItem => "li",
                BlockKind.Quote => "blockquote",
                BlockKind.Preformatted => "pre",
                _ => "p",
            };
            if (block.Kind == BlockKind.ListItem && !inList) { w.Raw("<ul>"); inList = true; }
            w.Raw("<").Raw(open).Raw(">");
            WriteMarked(w, text, block.Span, placed.Where(p => block.Span.Contains(p.Span)));
            w.Close(open).Raw("\n");
        }
        if (inList) w.Close("ul");
        return leftover;
    }

    /// <summary>Text of one block with nested marks, opened and closed in order (the marks form a laminar family).</summary>
    private static void WriteMarked(HtmlWriter w, string text, TextSpan block, IEnumerable<Marked> marks)
    {
        var pos = block.Start;
        var open = new Stack<int>();
        foreach (var m in marks)
        {
            while (open.Count > 0 && open.Peek() <= m.Span.Start) pos = CloseMark(w, text, pos, open.Pop());
            w.Text(text, pos, m.Span.Start);
            pos = m.Span.Start;
            w.Open("mark", ("id", m.Id));
            open.Push(m.Span.End);
        }
        while (open.Count > 0) pos = CloseMark(w, text, pos, open.Pop());
        w.Text(text, pos, block.End);
    }

    private static int CloseMark(HtmlWriter w, string text, int pos, int end)
    {
        w.Text(text, pos, end).Close("mark");
        return end;
    }

    /// <summary>The recorded blocks, else paragraphs split at blank lines; an unsplittable text is one paragraph.</summary>
    public static IReadOnlyList<TextBlock> Blocks(Article article)
    {
        var blocks = article.Blocks.Count > 0 ? article.Blocks : ArticleRenderer.ParagraphsOf(article.Text);
        return blocks.Where(b => b.Span.Start >= 0 && b.Span.End <= article.Text.Length).OrderBy(b => b.Span.Start).ToList();
    }

    /// <summary>A highlight cut at block boundaries: the first piece carries the anchor, the rest continue it.</summary>
    public static List<Marked> Pieces(Article article, TextSpan span, string id)
    {
        var pieces = new List<Marked>();
        foreach (var b in Blocks(article))
        {
            var start = Math.Max(b.Span.Start, span.Start);
            var end = Math.Min(b.Span.End, span.End);
            if (end > start) pieces.Add(new Marked(TextSpan.FromBounds(start, end), pieces.Count == 0 ? id : null));
        }
        return pieces;
    }
}
