using Dossier.Model;

namespace Dossier.Render;

/// <summary>
/// Short, unique labels for a story's articles, as a reader cites them: "000" for "000_820e31d4643d348d" when the
/// part before the first '_' or '-' is unique in the story, else the whole id.
/// </summary>
public static class Labels
{
    public static IReadOnlyDictionary<string, string> For(IEnumerable<string> articleIds)
    {
        var ids = articleIds.Distinct(StringComparer.Ordinal).ToList();
        var prefixes = ids.ToDictionary(id => id, Prefix, StringComparer.Ordinal);
        var unique = prefixes.Values.GroupBy(p => p, StringComparer.Ordinal).All(g => g.Count() == 1);
        return ids.ToDictionary(id => id, id => unique ? prefixes[id] : id, StringComparer.Ordinal);
    }

    private static string Prefix(string id)
    {
        var cut = id.IndexOfAny(['_', '-']);
        return cut > 0 ? id[..cut] : id;
    }
}
