using System.Text;

namespace Dossier.Store;

/// <summary>
/// A reader's search words turned into a query the database cannot misread: every word is a quoted term, so
/// punctuation, "AND", "NEAR" or a stray quote are searched as text, never run as syntax.
/// </summary>
public static class SearchQuery
{
    /// <summary>The words of the query: letters and digits, joined within a word by apostrophes, hyphens and dots.</summary>
    public static IReadOnlyList<string> Words(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in query)
        {
            if (char.IsLetterOrDigit(c)) current.Append(c);
            else
            {
                if (current.Length > 0) words.Add(current.ToString());
                current.Clear();
            }
            if (words.Count >= 32) break;
        }
        if (current.Length > 0 && words.Count < 32) words.Add(current.ToString());
        return words;
    }

    /// <summary>An FTS5 query matching articles with all the words (prefix match on the last), or null without words.</summary>
    public static string? ToFts5(string query)
    {
        var words = Words(query);
        if (words.Count == 0) return null;
        return string.Join(' ', words.Select((w, i) => "\"" + w + "\"" + (i == words.Count - 1 ? "*" : "")));
    }
}
