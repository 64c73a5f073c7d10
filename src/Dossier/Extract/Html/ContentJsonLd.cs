using System.Text.Json;
using AngleSharp.Dom;

namespace Dossier.Extract.Html;

/// <summary>
/// The articleBody a page states in its JSON-LD, used to check the container chosen from the markup: many news pages
/// carry it, but it may be truncated, stale or hold markup, so it is compared with the page, never trusted blindly.
/// </summary>
internal static class ContentJsonLd
{
    /// <summary>The longest articleBody in the page's JSON-LD blocks, or null.</summary>
    public static string? ArticleBody(IDocument document)
    {
        string? best = null;
        foreach (var script in document.QuerySelectorAll("script[type]"))
        {
            if (!script.GetAttribute("type")!.Contains("ld+json", StringComparison.OrdinalIgnoreCase)) continue;
            var json = script.TextContent;
            if (!json.Contains("articleBody", StringComparison.Ordinal)) continue;
            try
            {
                using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
                var stack = new Stack<JsonElement>();
                stack.Push(parsed.RootElement);
                while (stack.Count > 0)
                {
                    var element = stack.Pop();
                    if (element.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in element.EnumerateArray()) stack.Push(item);
                        continue;
                    }
                    if (element.ValueKind != JsonValueKind.Object) continue;
                    foreach (var property in element.EnumerateObject())
                    {
                        if (property.NameEquals("articleBody") && property.Value.ValueKind == JsonValueKind.String)
                        {
                            var body = property.Value.GetString();
                            if (body is not null && body.Length > (best?.Length ?? 0)) best = body;
                        }
                        else if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array) stack.Push(property.Value);
                    }
                }
            }
            catch (Exception e) when (e is JsonException or ArgumentException)
            {
                // Broken JSON-LD is common (a lone surrogate too cannot be transcoded); the markup alone decides then.
            }
        }
        return best;
    }

    /// <summary>Lower-cased word pairs of a text: enough to tell the same passage from another on the same page.</summary>
    public static HashSet<string> Pairs(string text)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        string? previous = null;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var letter = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (letter && start < 0) start = i;
            if (letter || start < 0) continue;
            var word = text[start..i].ToLowerInvariant();
            if (previous is not null) pairs.Add(previous + " " + word);
            previous = word;
            start = -1;
        }
        return pairs;
    }

    /// <summary>Harmonic mean of how much of <paramref name="stated"/> the text covers and how much of the text it states.</summary>
    public static double Agreement(HashSet<string> stated, HashSet<string> text)
    {
        if (stated.Count == 0 || text.Count == 0) return 0;
        var shared = 0;
        foreach (var pair in text) if (stated.Contains(pair)) shared++;
        double recall = (double)shared / stated.Count, precision = (double)shared / text.Count;
        return shared == 0 ? 0 : 2 * recall * precision / (recall + precision);
    }
}
