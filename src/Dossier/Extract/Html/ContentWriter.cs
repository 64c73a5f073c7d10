using System.Text;
using AngleSharp.Dom;
using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>
/// Writes the chosen containers out as blocks, whitespace collapsed as a browser renders it, leaving out furniture,
/// link lists and the headline; walks with an explicit stack so depth never matters.
/// </summary>
internal sealed class ContentWriter(ContentSurvey survey, string? title)
{
    private readonly StringBuilder _text = new();
    private readonly StringBuilder _line = new();
    private readonly List<TextBlock> _blocks = [];
    private readonly List<RemovedText> _removed = [];
    private readonly List<(BlockKind Kind, int Level)> _context = [(BlockKind.Paragraph, 0)];
    private readonly string? _title = Normalize(title);
    private int _lists;
    private bool _space;

    public int Length => _text.Length;

    public void Write(int root)
    {
        var nodes = survey.Nodes;
        var stack = new Stack<(INode Node, int Index, bool Exit)>();
        var children = new List<(INode, int, bool)>();
        stack.Push((nodes[root].Element, root, false));
        while (stack.Count > 0)
        {
            var (node, index, exit) = stack.Pop();
            if (exit) { Leave(nodes[index].Tag); continue; }
            if (node is IText text) { Append(text.Data); continue; }
            ref var n = ref nodes[index];
            if (n.Tag == "br") { Break(); continue; }
            if (n.Unread) continue;
            if (index != root && Skip(ref n) is { } reason)
            {
                Remove(ref n, reason);
                continue;
            }
            Enter(n.Tag);
            stack.Push((node, index, true));
            children.Clear();
            var c = index + 1;
            var nodesBelow = node.ChildNodes;
            for (var k = 0; k < nodesBelow.Length; k++)
            {
                var child = nodesBelow[k];
                if (child is IElement) { children.Add((child, c, false)); c = nodes[c].End; }
                else if (child is IText) children.Add((child, -1, false));
            }
            for (var i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
        }
        Flush();
    }

    /// <summary>Notes a part left out, when it holds enough text to be worth a look.</summary>
    public void Remove(ref ContentNode n, string reason)
    {
        if (n.RawText >= 20 && !n.Unread) _removed.Add(new RemovedText(Collapse(n.Element.TextContent), reason));
    }

    public ExtractedBody Finish()
    {
        // A heading that ends the body introduces nothing of the story ("Comments", "Related"), only what was cut after it.
        while (_blocks.Count > 0 && _blocks[^1].Kind == BlockKind.Heading)
        {
            var last = _blocks[^1].Span;
            _removed.Add(new RemovedText(_text.ToString(last.Start, last.Length), "heading without text"));
            _text.Length = Math.Max(0, last.Start - 2);
            _blocks.RemoveAt(_blocks.Count - 1);
        }
        return new(_text.ToString(), _blocks.ToArray(), _removed.ToArray());
    }

    /// <summary>Why a part of the story's container is left out, or null to keep it.</summary>
    private string? Skip(ref ContentNode n)
    {
        if (n.Dropped) return n.Reason ?? "boilerplate";
        if (n.Tag is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" && n.RawText < 400)
        {
            // The headline precedes the story; an h1 after story text is a sub-heading some pages mark up so.
            if (n.Tag == "h1" && _text.Length == 0 && _line.Length == 0) return "headline";
            var heading = Normalize(n.Element.TextContent);
            if (_title is not null && heading is { Length: > 0 } && (heading == _title || (heading.Length >= 20 && _title.Contains(heading, StringComparison.Ordinal)))) return "headline";
        }
        if (n.Text == 0) return null;
        var density = n.LinkDensity;
        return n.Tag switch
        {
            "ul" or "ol" or "dl" when density > 0.5 => "links",
            "div" or "section" or "table" or "article" or "aside" or "header" or "footer" or "form" when density > 0.5 && n.Commas < 10 => "links",
            "p" when density > 0.75 && n.Text < 300 => "links",
            "li" when density > 0.9 && n.Text < 200 => "links",
            // A card of several links tucked into a sentence (a hover box about a person) is not part of the sentence.
            "span" when n.Anchors >= 3 && density > 0.9 => "links",
            _ => null,
        };
    }

    private void Enter(string tag)
    {
        if (tag is "td" or "th") { _space = _line.Length > 0; return; }
        if (!ContentVocabulary.Blocks.Contains(tag)) return;
        Flush();
        var (kind, level) = _context[^1];
        switch (tag)
        {
            case "h1" or "h2" or "h3" or "h4" or "h5" or "h6": kind = BlockKind.Heading; level = tag[1] - '0'; break;
            case "ul" or "ol": _lists++; break;
            case "li": kind = BlockKind.ListItem; level = Math.Max(1, _lists); break;
            case "blockquote": kind = BlockKind.Quote; level = 0; break;
            case "pre": kind = BlockKind.Preformatted; level = 0; break;
        }
        _context.Add((kind, level));
    }

    private void Leave(string tag)
    {
        if (tag is "td" or "th") { _space = _line.Length > 0; return; }
        if (!ContentVocabulary.Blocks.Contains(tag)) return;
        Flush();
        if (tag is "ul" or "ol") _lists--;
        if (_context.Count > 1) _context.RemoveAt(_context.Count - 1);
    }

    private void Append(string data)
    {
        if (_context[^1].Kind == BlockKind.Preformatted)
        {
            foreach (var c in data) if (c != '\r') _line.Append(c);
            return;
        }
        foreach (var c in data)
        {
            // Zero-width spaces, byte-order marks and soft hyphens render as nothing.
            if (c is '\u200b' or '\ufeff' or '\u00ad') continue;
            if (char.IsWhiteSpace(c))
            {
                if (_line.Length > 0 && _line[^1] != '\n') _space = true;
                continue;
            }
            if (_space) { _line.Append(' '); _space = false; }
            _line.Append(c);
        }
    }

    /// <summary>A line break; two in a row end the paragraph as a browser's blank line does.</summary>
    private void Break()
    {
        _space = false;
        if (_context[^1].Kind == BlockKind.Preformatted) { _line.Append('\n'); return; }
        while (_line.Length > 0 && _line[^1] == ' ') _line.Length--;
        if (_line.Length == 0) return;
        if (_line[^1] == '\n') { Flush(); return; }
        _line.Append('\n');
    }

    private void Flush()
    {
        _space = false;
        var end = _line.Length;
        while (end > 0 && char.IsWhiteSpace(_line[end - 1])) end--;
        var start = 0;
        while (start < end && (_line[start] == '\n' || (_line[start] == ' ' && _context[^1].Kind != BlockKind.Preformatted))) start++;
        if (end > start && IsAdLabel(_line, start, end))
        {
            _removed.Add(new RemovedText(_line.ToString(start, end - start), "advert label"));
        }
        else if (end > start)
        {
            if (_text.Length > 0) _text.Append("\n\n");
            var (kind, level) = _context[^1];
            _blocks.Add(new TextBlock(kind, new TextSpan(_text.Length, end - start), level));
            _text.Append(_line, start, end - start);
        }
        _line.Clear();
    }

    /// <summary>Ad slots' labels ("Advertisement"), in the languages of the pages we read.</summary>
    private static readonly System.Collections.Frozen.FrozenSet<string> AdLabels = System.Collections.Frozen.FrozenSet.ToFrozenSet(
    [
        "advertisement", "advert", "ad", "ads", "sponsored", "sponsored content", "advertising", "anzeige", "werbung",
        "publicité", "publicidad", "pubblicità", "publicidade", "реклама", "advertentie", "reklama", "reklam", "广告", "広告", "광고",
    ], StringComparer.OrdinalIgnoreCase);

    private static bool IsAdLabel(StringBuilder line, int start, int end)
        => end - start <= 24 && AdLabels.Contains(line.ToString(start, end - start).Trim(' ', '-', '—', ':'));

    private static string Collapse(string text)
        => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Normalize(string? text)
        => string.IsNullOrWhiteSpace(text) ? null : Collapse(text).ToLowerInvariant();
}
