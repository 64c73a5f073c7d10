namespace Dossier.Ingest;

/// <summary>A start tag found by a cheap scan: lower-case name and attributes (first occurrence of each name wins).</summary>
public sealed record HeadTag(string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>
/// Scans the start of a page for start tags without parsing it, as a browser's prescan does: enough to find a meta
/// charset or the page's canonical address before the page is decoded or parsed in full.
/// </summary>
public static class HtmlHead
{
    /// <summary>Start tags in <paramref name="text"/>, comments skipped, up to the first &lt;body&gt;.</summary>
    public static IEnumerable<HeadTag> Tags(string text)
    {
        var i = 0;
        while (i < text.Length && (i = text.IndexOf('<', i)) >= 0)
        {
            if (string.CompareOrdinal(text, i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) yield break;
                i = end + 3;
                continue;
            }
            var nameStart = i + 1;
            var j = nameStart;
            while (j < text.Length && char.IsAsciiLetterOrDigit(text[j])) j++;
            if (j == nameStart || j >= text.Length || !char.IsAsciiLetter(text[nameStart]))
            {
                i = nameStart;
                continue;
            }
            var name = text[nameStart..j].ToLowerInvariant();
            var (attributes, next) = ReadAttributes(text, j);
            yield return new HeadTag(name, attributes);
            if (name == "body") yield break;
            i = next;
        }
    }

    /// <summary>The page's own address: &lt;link rel=canonical&gt;, else og:url, if either is an absolute http(s) URL.</summary>
    public static string? DeclaredUrl(string html, int maxChars = 64 * 1024)
    {
        string? canonical = null, openGraph = null;
        foreach (var tag in Tags(html.Length > maxChars ? html[..maxChars] : html))
        {
            if (tag.Name == "link" && canonical is null
                && tag.Attributes.TryGetValue("rel", out var rel)
                && rel.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("canonical", StringComparer.OrdinalIgnoreCase))
                canonical = tag.Attributes.GetValueOrDefault("href");
            else if (tag.Name == "meta" && openGraph is null
                && (tag.Attributes.GetValueOrDefault("property") ?? tag.Attributes.GetValueOrDefault("name")) is { } property
                && property.Equals("og:url", StringComparison.OrdinalIgnoreCase))
                openGraph = tag.Attributes.GetValueOrDefault("content");
        }
        foreach (var candidate in new[] { canonical, openGraph })
            if (Uri.TryCreate(System.Net.WebUtility.HtmlDecode(candidate?.Trim()), UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                return uri.AbsoluteUri;
        return null;
    }

    private static (Dictionary<string, string> Attributes, int Next) ReadAttributes(string text, int i)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < text.Length)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == '/')) i++;
            if (i >= text.Length || text[i] == '>') return (attributes, i + 1);
            var nameStart = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('=' or '>' or '/')) i++;
            var name = text[nameStart..i];
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            var value = "";
            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                if (i < text.Length && text[i] is '"' or '\'')
                {
                    var quote = text[i];
                    var end = text.IndexOf(quote, i + 1);
                    if (end < 0) end = text.Length;
                    value = text[(i + 1)..end];
                    i = Math.Min(text.Length, end + 1);
                }
                else
                {
                    var start = i;
                    while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '>') i++;
                    value = text[start..i];
                }
            }
            if (name.Length > 0) attributes.TryAdd(name, value);
        }
        return (attributes, i);
    }
}
