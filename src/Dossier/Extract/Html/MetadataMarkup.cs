using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Dossier.Extract.Html;

/// <summary>
/// The page's meta tags and microdata values by name, and the small DOM readings the metadata needs: an element's
/// visible text without scripts, whether it is page furniture, and the headline zone near the first heading.
/// </summary>
internal sealed class MetadataMarkup
{
    /// <summary>How many ancestors are climbed to judge an element: furniture wraps its content closely.</summary>
    private const int AncestorReach = 12;

    private static readonly FrozenSet<string> Hidden = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "script", "style", "noscript", "template", "svg", "iframe", "object");

    private static readonly FrozenSet<string> Blocks = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "p", "div", "li", "ul", "ol", "br", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "time",
        "table", "tr", "td", "dd", "dt", "figure", "figcaption", "blockquote", "address");

    /// <summary>Tags and class or id words of parts of a page that speak of other pages or of readers, not of the article.</summary>
    private static readonly FrozenSet<string> FurnitureTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "nav", "footer", "aside");
    private static readonly string[] FurnitureWords =
        ["comment", "related", "sidebar", "footer", "recommend", "promo", "newsletter", "popular", "trending", "more-from", "read-more", "teaser", "widget"];

    private readonly Dictionary<string, List<string>> _values = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The page's headline element (see <see cref="HeadlineOf"/>), or null.</summary>
    public IElement? Headline { get; }

    /// <summary>The area around the headline where bylines and dates sit, or null.</summary>
    public IElement? Zone { get; }

    public MetadataMarkup(IDocument document)
    {
        Headline = HeadlineOf(document);
        Zone = ZoneOf(Headline);
        foreach (var meta in document.QuerySelectorAll("meta"))
        {
            var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv");
            var value = meta.GetAttribute("content");
            if (key is not null) Add(key, value);
        }
        foreach (var element in document.QuerySelectorAll("[itemprop]"))
        {
            if (element.LocalName == "meta" || IsFurniture(element)) continue;
            var value = element.GetAttribute("content") ?? element.GetAttribute("datetime");
            if (value is not null) Add(element.GetAttribute("itemprop")!, value);
        }
    }

    private void Add(string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var k = key.Trim();
        if (!_values.TryGetValue(k, out var list)) _values[k] = list = [];
        if (list.Count < 20) list.Add(value.Trim());
    }

    /// <summary>The first value given for <paramref name="key"/> (meta property, name, itemprop or http-equiv).</summary>
    public string? First(string key) => _values.TryGetValue(key, out var list) ? list[0] : null;

    public IReadOnlyList<string> All(string key) => _values.TryGetValue(key, out var list) ? list : [];

    /// <summary>The element's text without scripts or styles, lines broken at blocks; null when longer than <paramref name="max"/>.</summary>
    public static string? VisibleText(IElement element, int max)
    {
        if (Hidden.Contains(element.LocalName)) return null;
        var text = new StringBuilder();
        // Each entry is a node to read, or (with Close) the end of a block, where a line break goes.
        var stack = new Stack<(INode Node, bool Close)>();
        stack.Push((element, false));
        var visited = 0;
        while (stack.Count > 0)
        {
            if (++visited > 4 * max) return null;
            var (node, close) = stack.Pop();
            if (close) { text.Append('\n'); continue; }
            if (node is IText t)
            {
                text.Append(t.Data);
                if (text.Length > max) return null;
                continue;
            }
            if (node is not IElement e || Hidden.Contains(e.LocalName)) continue;
            var block = Blocks.Contains(e.LocalName);
            if (block)
            {
                text.Append('\n');
                stack.Push((e, true));
            }
            for (var i = e.ChildNodes.Length - 1; i >= 0; i--) stack.Push((e.ChildNodes[i], false));
        }
        return Collapse(text.ToString());
    }

    /// <summary>Runs of spaces made one; line breaks kept, empty lines dropped.</summary>
    public static string Collapse(string s)
    {
        var lines = s.Split('\n')
            .Select(l => string.Join(' ', l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))
            .Where(l => l.Length > 0);
        return string.Join('\n', lines);
    }

    /// <summary>Navigation, footers, asides, comments, related stories and promotions: what they date is not this article.</summary>
    public static bool IsFurniture(IElement element)
    {
        var e = element;
        // The body's and html's classes describe the whole page layout ("one-sidebar"), not a part of it.
        for (var i = 0; i < AncestorReach && e is not null && e.LocalName is not ("body" or "html"); i++, e = e.ParentElement)
        {
            // An article's own footer holds its dates and tags; only the page's footer is furniture.
            if (FurnitureTags.Contains(e.LocalName) && !(e.LocalName == "footer" && e.ParentElement?.Closest("article") is not null)) return true;
            var words = ClassAndId(e);
            if (words.Length == 0) continue;
            foreach (var w in FurnitureWords)
                if (words.Contains(w, StringComparison.Ordinal)) return true;
        }
        return false;
    }

    /// <summary>Whether the element's class or id holds any of <paramref name="words"/> (lower-case), ignoring case; allocates nothing.</summary>
    public static bool ClassOrIdHas(IElement e, ReadOnlySpan<string> words)
    {
        var c = e.GetAttribute("class");
        var id = e.Id;
        if (c is null && id is null) return false;
        foreach (var w in words)
            if ((c is not null && c.Contains(w, StringComparison.OrdinalIgnoreCase)) || (id is not null && id.Contains(w, StringComparison.OrdinalIgnoreCase))) return true;
        return false;
    }

    /// <summary>The element's class and id, lower-case, for matching words such as "byline" or "date".</summary>
    public static string ClassAndId(IElement e)
    {
        var c = e.GetAttribute("class");
        var id = e.Id;
        if (c is null && id is null) return "";
        return ((c ?? "") + " " + (id ?? "")).ToLowerInvariant();
    }

    /// <summary>The page's headline: the first h1 inside an article or main element, else the first h1.</summary>
    public static IElement? HeadlineOf(IDocument document)
        => document.QuerySelector("article h1") ?? document.QuerySelector("main h1") ?? document.QuerySelector("h1");

    /// <summary>The area around the headline where bylines and dates sit: a few levels above it.</summary>
    private static IElement? ZoneOf(IElement? headline)
    {
        var e = headline;
        for (var i = 0; i < 3 && e?.ParentElement is { } parent && parent.LocalName is not ("body" or "html"); i++) e = parent;
        return e;
    }
}
