using System.Text;

namespace Dossier.Store;

/// <summary>
/// A reader's search words turned into a query the database cannot misread: every word is a quoted term, so
/// punctuation, "AND", "NEAR" or a stray quote are searched as text, never run as syntax.
/// </summary>
public static class SearchQuery
{
    /// <summary>The words of the query: runs of letters, digits and combining marks; anything else separates words.</summary>
    public static IReadOnlyList<string> Words(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in query)
        {
            // Marks belong to their word (Devanagari vowel signs, decomposed accents), as the full-text tokenizers keep them.
            if (char.IsLetterOrDigit(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark
                    or System.Globalization.UnicodeCategory.SpacingCombiningMark or System.Globalization.UnicodeCategory.EnclosingMark)
                current.Append(c);
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
