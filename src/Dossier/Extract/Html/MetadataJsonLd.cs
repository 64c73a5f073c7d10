using System.Text.Json;
using AngleSharp.Dom;

namespace Dossier.Extract.Html;

/// <summary>A name given for an author in structured data, with whether it was marked as an organisation.</summary>
internal readonly record struct MetadataName(string Name, bool Organisation);

/// <summary>An author as an article object gives it: a name, or only a reference ("@id") to a person described elsewhere in the page.</summary>
internal readonly record struct MetadataAuthorEntry(string? Name, bool Organisation, string? Id);

/// <summary>What a page's JSON-LD says about its article, read from the one object whose type is an article kind.</summary>
internal sealed record MetadataJsonLd
{
    /// <summary>How deep an object may sit in one script and still be looked at: articles sit at the top or in @graph.</summary>
    private const int MaxLevel = 6;
    /// <summary>Objects looked at per page: bounds the work on pages that list hundreds of items.</summary>
    private const int MaxObjects = 2000;
    /// <summary>Scripts larger than this are not structured data about the page but data blobs.</summary>
    private const int MaxScriptLength = 2_000_000;

    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public string? Type { get; init; }
    public string? Headline { get; init; }
    public IReadOnlyList<MetadataName> Authors { get; init; } = [];
    public string? DatePublished { get; init; }
    public string? DateCreated { get; init; }
    public string? DateModified { get; init; }
    public string? Publisher { get; init; }
    public string? Image { get; init; }
    public string? Description { get; init; }
    public string? Url { get; init; }

    /// <summary>The article object of the page's JSON-LD, else a web page object, else null.</summary>
    public static MetadataJsonLd? Read(IDocument document)
    {
        MetadataJsonLd? best = null;
        var bestRank = int.MaxValue;
        List<MetadataAuthorEntry> bestAuthors = [];
        // Named objects by their @id, so an author given as {"@id": ...} can be found in the page's @graph.
        var named = new Dictionary<string, MetadataName>(StringComparer.Ordinal);
        var seen = 0;
        foreach (var script in document.QuerySelectorAll("script"))
        {
            var type = script.GetAttribute("type");
            if (type is null || !type.Contains("ld+json", StringComparison.OrdinalIgnoreCase)) continue;
            var text = Unwrap(script.TextContent);
            if (text.Length == 0 || text.Length > MaxScriptLength) continue;
            JsonDocument json;
            try { json = JsonDocument.Parse(text, Options); }
            // A lone surrogate (from a JSON line's "\ud800" or a feed) cannot be transcoded: the script is unreadable, not the page.
            catch (Exception e) when (e is JsonException or ArgumentException) { continue; }
            using (json)
            {
                var stack = new Stack<(JsonElement Element, int Level)>();
                stack.Push((json.RootElement, 0));
                while (stack.Count > 0 && seen < MaxObjects)
                {
                    var (element, level) = stack.Pop();
                    if (element.ValueKind == JsonValueKind.Array)
                    {
                        // Pushed in reverse so the first item is looked at first.
                        var items = element.EnumerateArray().ToList();
                        for (var i = items.Count - 1; i >= 0; i--)
                            if (level < MaxLevel) stack.Push((items[i], level + 1));
                        continue;
                    }
                    if (element.ValueKind != JsonValueKind.Object) continue;
                    seen++;
                    var types = TypesOf(element);
                    if (Text(element, "@id") is { } id && Text(element, "name") is { } ownName)
                        named.TryAdd(id, new MetadataName(ownName, IsOrganisation(types)));
                    var rank = RankOf(types, level);
                    if (rank < bestRank)
                    {
                        bestRank = rank;
                        best = From(element);
                        bestAuthors = EntriesOf(element);
                    }
                    if (level >= MaxLevel) continue;
                    foreach (var name in (ReadOnlySpan<string>)["@graph", "mainEntity", "mainEntityOfPage", "itemListElement", "item"])
                        if (element.TryGetProperty(name, out var child) && child.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
                            stack.Push((child, level + 1));
                }
            }
        }
        if (best is null) return null;
        var authors = new List<MetadataName>();
        foreach (var entry in bestAuthors)
        {
            if (entry.Name is { } name) authors.Add(new MetadataName(name, entry.Organisation));
            else if (entry.Id is { } id && named.TryGetValue(id, out var found)) authors.Add(found);
        }
        return best with { Authors = authors };
    }

    /// <summary>Some sites wrap JSON-LD in HTML comments or CDATA markers, or end it with a semicolon.</summary>
    private static string Unwrap(string? text)
    {
        var s = (text ?? "").Trim();
        foreach (var mark in (ReadOnlySpan<string>)["<!--", "//<![CDATA[", "<![CDATA["])
            if (s.StartsWith(mark, StringComparison.Ordinal)) s = s[mark.Length..].TrimStart();
        foreach (var mark in (ReadOnlySpan<string>)["-->", "//]]>", "]]>", ";"])
            if (s.EndsWith(mark, StringComparison.Ordinal)) s = s[..^mark.Length].TrimEnd();
        return s;
    }

    /// <summary>Article kinds first, shallower first; a web page object only when no article is described.</summary>
    private static int RankOf(List<string> types, int level)
    {
        if (types.Any(IsArticleKind)) return level;
        if (types.Any(t => t.EndsWith("WebPage", StringComparison.Ordinal) || t == "WebPage")) return 100 + level;
        return int.MaxValue;
    }

    /// <summary>schema.org's article kinds: Article and its subtypes (NewsArticle, ReportageNewsArticle...), BlogPosting, LiveBlogPosting, Report.</summary>
    private static bool IsArticleKind(string type)
        => type.EndsWith("Article", StringComparison.Ordinal) || type.EndsWith("Posting", StringComparison.Ordinal) || type == "Report";

    private static List<string> TypesOf(JsonElement element)
    {
        var types = new List<string>();
        if (!element.TryGetProperty("@type", out var type)) return types;
        if (type.ValueKind == JsonValueKind.String) types.Add(Local(type.GetString()));
        else if (type.ValueKind == JsonValueKind.Array)
            foreach (var t in type.EnumerateArray())
                if (t.ValueKind == JsonValueKind.String) types.Add(Local(t.GetString()));
        return types;
    }

    /// <summary>"http://schema.org/NewsArticle" and "schema:NewsArticle" name the same type as "NewsArticle".</summary>
    private static string Local(string? type)
    {
        var s = type ?? "";
        var cut = Math.Max(s.LastIndexOf('/'), s.LastIndexOf(':'));
        return cut >= 0 ? s[(cut + 1)..] : s;
    }

    private static MetadataJsonLd From(JsonElement e) => new()
    {
        Type = TypesOf(e).FirstOrDefault(),
        Headline = Text(e, "headline") ?? Text(e, "name"),
        DatePublished = Text(e, "datePublished"),
        DateCreated = Text(e, "dateCreated"),
        DateModified = Text(e, "dateModified"),
        Publisher = e.TryGetProperty("publisher", out var p) ? NameOf(First(p)) : null,
        Image = e.TryGetProperty("image", out var i) ? UrlOf(First(i)) : null,
        Description = Text(e, "description"),
        Url = Text(e, "url"),
    };

    private static bool IsOrganisation(List<string> types) => types.Any(t => t.Contains("Organization", StringComparison.Ordinal));

    private static List<MetadataAuthorEntry> EntriesOf(JsonElement e)
    {
        var names = new List<MetadataAuthorEntry>();
        foreach (var property in (ReadOnlySpan<string>)["author", "creator"])
        {
            if (!e.TryGetProperty(property, out var author)) continue;
            var items = author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().Take(20).ToList() : [author];
            foreach (var item in items)
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { Length: > 0 } s) names.Add(new MetadataAuthorEntry(s, false, null));
                else if (item.ValueKind == JsonValueKind.Object && (NameOf(item) is { } || Text(item, "@id") is { }))
                    names.Add(new MetadataAuthorEntry(NameOf(item), IsOrganisation(TypesOf(item)), Text(item, "@id")));
            }
            if (names.Count > 0) break;
        }
        return names;
    }

    private static JsonElement First(JsonElement e)
        => e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().FirstOrDefault() : e;

    private static string? NameOf(JsonElement e)
        => e.ValueKind == JsonValueKind.String ? e.GetString()
            : e.ValueKind == JsonValueKind.Object ? Text(e, "name") : null;

    private static string? UrlOf(JsonElement e)
        => e.ValueKind == JsonValueKind.String ? e.GetString()
            : e.ValueKind == JsonValueKind.Object ? Text(e, "url") ?? Text(e, "contentUrl") : null;

    /// <summary>A string property, or the first string of an array property.</summary>
    private static string? Text(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value)) return null;
        value = First(value);
        return value.ValueKind == JsonValueKind.String && value.GetString() is { } s && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;
    }
}
