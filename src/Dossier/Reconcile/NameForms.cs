using System.Collections.Frozen;
using System.Text;
using Dossier.Language;

namespace Dossier.Reconcile;

/// <summary>
/// Ways of writing one name that readers treat as the same: transliteration (Andrei/Andrey), hyphens and spacing
/// (Kim Jong Un/Kim Jong-un), case, diacritics, possessives, honorifics and acronyms.
/// </summary>
public static class NameForms
{
    /// <summary>Honorifics and titles that may stand before a name without being part of it.</summary>
    private static readonly FrozenSet<string> Honorifics = new[]
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "gen", "general", "col",
        "colonel", "lt", "capt", "captain", "maj", "major", "sgt", "adm", "admiral", "president", "vice", "prime",
        "minister", "premier", "chancellor", "king", "queen", "prince", "princess", "pope", "rev", "father", "sen",
        "senator", "rep", "gov", "governor", "mayor", "judge", "justice", "secretary", "ambassador", "chairman",
        "leader", "sheikh", "emir", "marshal", "defence", "defense", "foreign", "interior", "state", "chief",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Connectors = new[] { "of", "the", "for", "and", "de", "du", "la", "von", "van", "al", "on", "in" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>The name as written, tidied: possessive dropped, quotes and dashes unified, spaces collapsed.</summary>
    public static string Tidy(string surface)
    {
        var s = surface.Trim().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u2010', '-').Replace('\u2011', '-')
            .Replace('\u2013', '-');
        if (s.EndsWith("'s", StringComparison.OrdinalIgnoreCase)) s = s[..^2];
        else if (s.EndsWith('\'')) s = s[..^1];
        return string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Name tokens, lower-cased and without diacritics, hyphens and dots; for people, leading honorifics dropped.</summary>
    public static IReadOnlyList<string> Tokens(string surface, bool person)
    {
        var tidy = Words.StripDiacritics(Tidy(surface)).ToLowerInvariant();
        var parts = new List<string>();
        foreach (var raw in tidy.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            var t = raw.Replace(".", "", StringComparison.Ordinal);
            if (t.Length > 0) parts.Add(t);
        }
        var first = 0;
        while (person && first < parts.Count - 1 && Honorifics.Contains(parts[first])) first++;
        return parts.Skip(first).ToList();
    }

    /// <summary>One token folded so that common romanisation variants meet: Andrey/Andrei, Dmitriy/Dmitri, Yury/Yuri.</summary>
    public static string FoldToken(string token)
    {
        var t = token.Replace("dzh", "j", StringComparison.Ordinal)
            .Replace("kh", "h", StringComparison.Ordinal)
            .Replace("ph", "f", StringComparison.Ordinal)
            .Replace("ck", "k", StringComparison.Ordinal)
            .Replace("iy", "i", StringComparison.Ordinal)
            .Replace("yi", "i", StringComparison.Ordinal)
            .Replace("ey", "ei", StringComparison.Ordinal)
            .Replace('y', 'i')
            .Replace('w', 'v');
        // Doubled letters (Mohammed/Mohamed) fold to one.
        var sb = new StringBuilder(t.Length);
        foreach (var c in t)
            if (sb.Length == 0 || sb[^1] != c) sb.Append(c);
        return sb.ToString();
    }

    /// <summary>The initials of a multi-word name, skipping connectors: "Korean Central News Agency" gives "kcna".</summary>
    public static string? Initials(string surface)
    {
        var tokens = Words.StripDiacritics(Tidy(surface)).Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2) return null;
        var sb = new StringBuilder();
        foreach (var t in tokens)
        {
            var lower = t.ToLowerInvariant();
            if (Connectors.Contains(lower)) continue;
            if (char.IsLetter(t[0])) sb.Append(char.ToLowerInvariant(t[0]));
        }
        return sb.Length >= 2 ? sb.ToString() : null;
    }

    /// <summary>The acronym a mention spells, if it is one ("KCNA", "U.S.", "UN"), lower-cased without dots.</summary>
    public static string? Acronym(string surface)
    {
        var t = Tidy(surface).Replace(".", "", StringComparison.Ordinal);
        if (t.Length is < 2 or > 8 || t.Contains(' ')) return null;
        var upper = 0;
        foreach (var c in t)
        {
            if (!char.IsLetter(c)) return null;
            if (char.IsUpper(c)) upper++;
        }
        return upper >= Math.Max(2, t.Length - 1) ? t.ToLowerInvariant() : null;
    }
}
