using System.Collections.Frozen;
using System.Text;

namespace Dossier.Extract.Html;

/// <summary>
/// Flattens pathologically deep markup before parsing, as browsers do (Chromium's parser stops nesting at 512): start
/// tags beyond <see cref="MaxDepth"/> open elements, and their end tags, are dropped, so their content joins the
/// element above. A standard parser checks element scope by walking the stack of open elements, which is quadratic in
/// depth: 100,000 nested &lt;div&gt;s take minutes. Pages within the limit are returned unchanged.
/// </summary>
public sealed class NestingGuard(int maxDepth = NestingGuard.DefaultMaxDepth)
{
    public const int DefaultMaxDepth = 512;

    public int MaxDepth { get; } = maxDepth > 0 ? maxDepth : throw new ArgumentOutOfRangeException(nameof(maxDepth));

    private static readonly FrozenSet<string> Void = FrozenSet.ToFrozenSet(
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame"],
        StringComparer.Ordinal);

    // Elements whose content is raw text up to their own end tag: markup inside them is not markup.
    private static readonly FrozenSet<string> RawText = FrozenSet.ToFrozenSet(
        ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"], StringComparer.Ordinal);

    // An element of this name is closed by the start of another of the listed names, without an end tag.
    private static readonly FrozenDictionary<string, string[]> ClosedBy = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["p"] = ["p"], ["li"] = ["li"], ["dt"] = ["dt", "dd"], ["dd"] = ["dt", "dd"], ["option"] = ["option"],
        ["tr"] = ["tr", "td", "th"], ["td"] = ["td", "th"], ["th"] = ["td", "th"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // How far down the stack an implicitly closed element is looked for (it is normally at or near the top).
    private const int ImplicitCloseReach = 8;

    /// <summary>The markup with start and end tags beyond the depth limit removed; the same string when none are.</summary>
    public string Flatten(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var open = new List<string>();
        var suppressed = new Dictionary<string, int>(StringComparer.Ordinal);
        List<(int Start, int End)>? dropped = null;
        var i = 0;
        while (i < html.Length)
        {
            var lt = html.IndexOf('<', i);
            if (lt < 0 || lt + 1 >= html.Length) break;
            var c = html[lt + 1];
            if (c == '!' || c == '?')
            {
                i = html.AsSpan(lt).StartsWith("<!--", StringComparison.Ordinal) ? EndOf(html, "-->", lt + 4) : EndOf(html, ">", lt + 2);
                continue;
            }
            var closing = c == '/';
            var nameStart = closing ? lt + 2 : lt + 1;
            if (nameStart >= html.Length || !char.IsAsciiLetter(html[nameStart]))
            {
                i = lt + 1;
                continue;
            }
            var nameEnd = nameStart;
            while (nameEnd < html.Length && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':' or '_')) nameEnd++;
            var name = NameOf(html.AsSpan(nameStart, nameEnd - nameStart));
            var tagEnd = TagEnd(html, nameEnd);
            if (closing)
            {
                if (suppressed.TryGetValue(name, out var count) && count > 0)
                {
                    suppressed[name] = count - 1;
                    (dropped ??= []).Add((lt, tagEnd));
                }
                else
                {
                    var at = open.LastIndexOf(name);
                    if (at >= 0) open.RemoveRange(at, open.Count - at);
                }
                i = tagEnd;
                continue;
            }
            var selfClosing = tagEnd >= 2 && html[tagEnd - 2] == '/';
            if (RawText.Contains(name))
            {
                var close = html.IndexOf("</" + name, tagEnd, StringComparison.OrdinalIgnoreCase);
                i = close < 0 ? html.Length : close;
                continue;
            }
            if (Void.Contains(name) || selfClosing)
            {
                i = tagEnd;
                continue;
            }
            CloseImplied(open, name);
            if (open.Count >= MaxDepth)
            {
                suppressed[name] = suppressed.GetValueOrDefault(name) + 1;
                (dropped ??= []).Add((lt, tagEnd));
            }
            else
            {
                open.Add(name);
            }
            i = tagEnd;
        }
        if (dropped is null) return html;

        var result = new StringBuilder(html.Length);
        var from = 0;
        foreach (var (start, end) in dropped)
        {
            result.Append(html, from, start - from);
            from = end;
        }
        result.Append(html, from, html.Length - from);
        return result.ToString();
    }

    // Known names, so a tag's name is looked up rather than allocated; matched ignoring case as HTML names are.
    private static readonly FrozenSet<string> KnownNames = FrozenSet.ToFrozenSet(
        ["a", "abbr", "address", "article", "aside", "b", "blockquote", "body", "button", "caption", "center", "cite", "code",
         "dd", "details", "div", "dl", "dt", "em", "figcaption", "figure", "font", "footer", "form", "h1", "h2", "h3", "h4",
         "h5", "h6", "head", "header", "html", "i", "label", "li", "main", "nav", "noscript", "ol", "option", "p", "picture",
         "pre", "section", "select", "small", "span", "strong", "sub", "summary", "sup", "svg", "g", "path", "table", "tbody",
         "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "video", "audio", "template", .. Void, .. RawText],
        StringComparer.OrdinalIgnoreCase);

    private static string NameOf(ReadOnlySpan<char> name)
        => KnownNames.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var known) ? known : name.ToString().ToLowerInvariant();

    private static readonly FrozenSet<string> Closers = FrozenSet.ToFrozenSet(ClosedBy.Values.SelectMany(v => v), StringComparer.Ordinal);

    private static void CloseImplied(List<string> open, string name)
    {
        if (!Closers.Contains(name)) return;
        foreach (var (element, closers) in ClosedBy)
        {
            if (Array.IndexOf(closers, name) < 0) continue;
            for (var k = open.Count - 1; k >= Math.Max(0, open.Count - ImplicitCloseReach); k--)
            {
                if (open[k] != element) continue;
                open.RemoveRange(k, open.Count - k);
                break;
            }
        }
    }

    /// <summary>The index just past the '&gt;' that ends a tag, skipping quoted attribute values.</summary>
    private static int TagEnd(string html, int from)
    {
        var k = from;
        while (k < html.Length)
        {
            var next = html.AsSpan(k).IndexOfAny('>', '"', '\'');
            if (next < 0) break;
            k += next;
            var c = html[k];
            if (c == '>') return k + 1;
            // A quote only opens a value right after '=' (possibly with spaces); elsewhere it is a stray character.
            var p = k - 1;
            while (p > from && html[p] is ' ' or '\t' or '\n') p--;
            if (html[p] != '=')
            {
                k++;
                continue;
            }
            var close = html.IndexOf(c, k + 1);
            if (close < 0) break;
            k = close + 1;
        }
        return html.Length;
    }

    private static int EndOf(string html, string terminator, int from)
    {
        var at = html.IndexOf(terminator, from, StringComparison.Ordinal);
        return at < 0 ? html.Length : at + terminator.Length;
    }
}
