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

    /// <summary>Words that open a description, not a name: determiners and possessive pronouns.</summary>
    private static readonly FrozenSet<string> Determiners = new[]
    {
        "the", "a", "an", "its", "their", "our", "his", "her", "this", "that", "these", "those", "my", "your",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Pronouns: a mention that is only one names nobody by itself.</summary>
    private static readonly FrozenSet<string> Pronouns = new[]
    {
        "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "them", "itself", "themselves", "himself", "herself", "ourselves",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Prepositions: a name after one is a complement of the phrase ("the parent company of ... Airbus"), not its head.</summary>
    private static readonly FrozenSet<string> Prepositions = new[]
    {
        "of", "in", "for", "at", "from", "by", "to", "with", "among", "including", "as", "like", "than", "within", "near",
        "about", "into", "over", "under", "after", "before", "alongside", "between", "against", "during", "on",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Legal-form suffixes a company name may carry or drop ("Aer Lingus Group PLC", "AirTanker Ltd.").</summary>
    private static readonly FrozenSet<string> LegalSuffixes = new[]
    {
        "inc", "ltd", "corp", "co", "plc", "nv", "llc", "ag", "sa", "gmbh", "bv", "spa", "limited", "incorporated", "corporation",
        "group", "holdings", "company",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Lower-case words that may sit inside a name between capitalised words ("Bank of America", "Standard & Poor").</summary>
    private static readonly FrozenSet<string> Inner = new[] { "of", "and", "&", "de", "du", "la", "von", "van", "al", "der", "del", "for", "on", "-" }
        .ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> Connectors = new[] { "of", "the", "for", "and", "de", "du", "la", "von", "van", "al", "on", "in" }
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// A mention split into the name it carries and what else it says: "EADS chief executive Louis Gallois" is the
    /// name "Louis Gallois" with the description "EADS chief executive"; "the United States Air Force (USAF)" the name
    /// with the acronym it defines. A mention with no name ("the Airbus chief executive") is all description.
    /// </summary>
    public sealed record Parsed(string? Name, string? DefinedAcronym, IReadOnlyList<string> Descriptions);

    /// <summary>Splits a mention into name, defined acronym and descriptions; <paramref name="isTitle"/> says whether a word is a role or honorific.</summary>
    public static Parsed Parse(string surface, bool person, Func<string, bool> isTitle)
    {
        var segments = new List<(List<string> Words, bool InParentheses)>();
        var current = new List<string>();
        var inParentheses = false;
        void Close()
        {
            if (current.Count > 0) segments.Add((current, inParentheses));
            current = [];
        }
        foreach (var raw in Tidy(surface).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var word = raw;
            var opens = word.StartsWith('(');
            if (opens) { Close(); inParentheses = true; word = word[1..]; }
            var closes = word.EndsWith(')') || word.EndsWith("),", StringComparison.Ordinal);
            var comma = word.EndsWith(',') || word.EndsWith(';');
            word = word.TrimEnd(',', ';', ')');
            if (word.Length > 0) current.Add(word);
            if (closes || comma) { Close(); inParentheses = false; }
        }
        Close();

        string? name = null, acronym = null;
        var descriptions = new List<string>();
        foreach (var (words, parenthesised) in segments)
        {
            var (core, description) = Core(words, person, isTitle);
            if (parenthesised && core is not null && Acronym(core) is { } a) acronym ??= a;
            else if (core is not null && name is null) name = core;
            if (description is not null) descriptions.Add(description);
        }
        return new Parsed(name, acronym, descriptions);
    }

    /// <summary>The name at the end of one segment and the description before it (either may be missing).</summary>
    private static (string? Name, string? Description) Core(List<string> words, bool person, Func<string, bool> isTitle)
    {
        var start = 0;
        while (start < words.Count && Determiners.Contains(words[start])) start++;
        // "US" in capitals is a country, "Us" or "We" a pronoun.
        if (words.Count - start == 1 && Pronouns.Contains(words[start]) && !(words[start].Length > 1 && words[start].All(char.IsUpper)))
            return (null, null);
        var opening = start;
        // A possessor is not the head: "the United Kingdom's Royal Air Force", "Russia's defence minister".
        for (var i = words.Count - 1; i >= start; i--)
            if (words[i] is "'s" or "'" || (i + 1 < words.Count && words[i].EndsWith("'s", StringComparison.Ordinal))) { start = i + 1; break; }
        var cut = start - 1;
        for (var i = start; i < words.Count; i++)
        {
            var w = words[i];
            var lower = w.Any(char.IsLetter) && !w.Any(char.IsUpper);
            // Particles inside a name stay in it ("Bank of America", "Osama bin Laden", "Charles de Gaulle").
            var bridged = (Inner.Contains(w) || (person && lower && w.Length <= 3)) && i > start && i + 1 < words.Count
                && HasUpper(words[i - 1]) && HasUpper(words[i + 1]);
            // A title before a name is not part of it; a capitalised one ending the mention is a surname ("Larry King"),
            // unless an acronym ("Apple CEO") or the end of a run of titles ("Chief Executive Officer").
            var title = person && isTitle(w.TrimEnd('.')) && (i + 1 < words.Count || lower || w.All(c => !char.IsLetter(c) || char.IsUpper(c))
                || (i > start && isTitle(words[i - 1].TrimEnd('.'))));
            if ((lower && !bridged) || title) cut = i;
        }
        var name = words.Skip(cut + 1).ToList();
        while (name.Count > 1 && LegalSuffixes.Contains(name[^1].Replace(".", "", StringComparison.Ordinal).ToLowerInvariant())) name.RemoveAt(name.Count - 1);
        var descriptionWords = words.Skip(opening).Take(cut + 1 - opening).Where(w => !Determiners.Contains(w)).ToList();
        var description = descriptionWords.Count == 0 ? null : Description(descriptionWords);
        // A role followed by "of X" describes someone; X is not their name ("the Prime Minister of Singapore"). For
        // things, any preposition before the name makes it a complement ("the parent company of European airframer Airbus").
        var complement = cut >= start && (Prepositions.Contains(words[cut])
            || (!person && words.Skip(start).Take(cut + 1 - start).Any(Prepositions.Contains)));
        if (name.Count == 0 || !StartsUpperOrDigit(name[0]) || complement)
            return (null, Description(words.Skip(opening).Where(w => !Determiners.Contains(w)).ToList()) is { Length: > 0 } d ? d : null);
        return (string.Join(' ', name), description);
    }

    /// <summary>Description words lower-cased, a possessive written apart ("Russia 's") joined to its word.</summary>
    private static string Description(List<string> words) => string.Join(' ', words).ToLowerInvariant().Replace(" 's", "'s", StringComparison.Ordinal);

    private static bool HasUpper(string w) => w.Any(char.IsUpper);
    private static bool StartsUpperOrDigit(string w) => w.Length > 0 && (w.Any(char.IsUpper) || char.IsDigit(w[0]));

    /// <summary>The name as written, tidied: possessive dropped, quotes and dashes unified, spaces collapsed.</summary>
    public static string Tidy(string surface)
    {
        var s = surface.Trim().Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u2010', '-').Replace('\u2011', '-')
            .Replace('\u2013', '-');
        if (s.EndsWith("'s", StringComparison.OrdinalIgnoreCase)) s = s[..^2];
        else if (s.EndsWith('\'')) s = s[..^1];
        return string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Whether a word is one of the honorifics and titles that may stand before a name.</summary>
    public static bool IsHonorific(string word) => Honorifics.Contains(word.Replace(".", "", StringComparison.Ordinal).ToLowerInvariant());

    /// <summary>One written word of a name as a name token: lower-cased, without diacritics and dots.</summary>
    public static string Token(string word) => Words.StripDiacritics(word).ToLowerInvariant().Replace(".", "", StringComparison.Ordinal);

    /// <summary>Name tokens, lower-cased and without diacritics, hyphens and dots; for people, leading honorifics dropped.</summary>
    public static IReadOnlyList<string> Tokens(string surface, bool person)
    {
        var parts = new List<string>();
        foreach (var raw in Tidy(surface).Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            var t = Token(raw);
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
