using System.Text.Json;
using System.Text.Json.Serialization;
using Dossier.Group;
using Dossier.Model;

namespace Dossier.Store;

/// <summary>
/// How an article and its grouping features are written into a store row. The text is kept in a column of its own
/// (searched there), so the article is written without it.
/// </summary>
public static class StoreJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string WriteArticle(Article article) => JsonSerializer.Serialize(article with { Text = "" }, Options);

    public static Article ReadArticle(string json, string text) =>
        (JsonSerializer.Deserialize<Article>(json, Options) ?? throw new InvalidDataException("empty article row")) with { Text = text };

    /// <summary>Features as {"day":N,"text":[["word",w],...],...}: doubles are written so that they read back exactly.</summary>
    public static string WriteFeatures(ArticleFeatures features)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            if (features.Day is { } day) w.WriteNumber("day", day);
            Terms("text", features.Text);
            Terms("participants", features.Participants);
            Terms("places", features.Places);
            Strings("names", features.Names);
            w.WriteEndObject();

            void Strings(string name, IReadOnlyList<string> values)
            {
                if (values.Count == 0) return;
                w.WriteStartArray(name);
                foreach (var value in values) w.WriteStringValue(value);
                w.WriteEndArray();
            }

            void Terms(string name, IReadOnlyList<WeightedTerm> terms)
            {
                if (terms.Count == 0) return;
                w.WriteStartArray(name);
                foreach (var (term, weight) in terms)
                {
                    w.WriteStartArray();
                    w.WriteStringValue(term);
                    w.WriteNumberValue(weight);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
            }
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ArticleFeatures ReadFeatures(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        int? day = root.TryGetProperty("day", out var d) ? d.GetInt32() : null;
        return new ArticleFeatures(day, Terms("text"), Terms("participants"), Terms("places")) { Names = Strings("names") };

        IReadOnlyList<string> Strings(string name) => root.TryGetProperty(name, out var array)
            ? array.EnumerateArray().Select(e => e.GetString()!).ToList()
            : [];

        IReadOnlyList<WeightedTerm> Terms(string name) => root.TryGetProperty(name, out var array)
            ? array.EnumerateArray().Select(e => new WeightedTerm(e[0].GetString()!, e[1].GetDouble())).ToList()
            : [];
    }

    /// <summary>An article's date as stored for sorting: ISO yyyy-MM-dd whatever its precision, or null.</summary>
    public static string? SortableDate(Article article) => article.Published?.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key an article's address is stored under: its canonical URL, else its URL, normalised as pages are matched.</summary>
    public static string? UrlKey(Article article) =>
        (article.CanonicalUrl ?? article.Url) is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? Ingest.FileSource.PageKey(url)
            : null;
}
