using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Dossier.Extract.Html;

/// <summary>
/// Turns what a page gives as its author ("By Jane Doe and John Smith | Updated Nov. 19, 2019", "Staff", "5 Minute Read",
/// a profile URL) into people's names. Names of organisations (news agencies, desks, the site itself) are kept apart,
/// to be used only when no person is named.
/// </summary>
internal static partial class MetadataAuthors
{
    /// <summary>More names than this is a list of contributors or a page's whole staff, not a byline.</summary>
    public const int MaxAuthors = 6;

    /// <summary>Words that make a byline part a role, a desk or page furniture rather than a person's name.</summary>
    private static readonly FrozenSet<string> NotNameWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "by", "staff", "intern", "interns", "writer", "writers", "editor", "editors", "editorial", "reporter", "reporters", "correspondent", "correspondents",
        "contributor", "contributors", "columnist", "minute", "minutes", "min", "read", "reads", "updated", "published", "posted",
        "modified", "ago", "hours", "hour", "yesterday", "today", "share", "comments", "comment", "follow", "email", "twitter",
        "facebook", "more", "view", "profile", "author", "authors", "admin", "administrator", "guest", "team", "desk", "newsroom",
        "bureau", "board", "opinion", "photo", "photos", "video", "graphics", "sponsored", "partner", "content", "anonymous",
        "unknown", "senior", "chief", "associate", "managing", "deputy", "political", "national", "international", "sport", "sports", "business");

    /// <summary>Words that name organisations: agencies, papers, broadcasters and companies.</summary>
    private static readonly FrozenSet<string> OrganisationWords = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "press", "news", "media", "agency", "agencies", "wire", "wires", "times", "post", "journal", "herald", "tribune", "daily",
        "weekly", "gazette", "magazine", "network", "networks", "radio", "television", "tv", "broadcasting", "channel", "group",
        "inc", "ltd", "llc", "corp", "company", "co", "foundation", "institute", "university", "service", "services", "online",
        "reuters", "afp", "ap", "upi", "dpa", "efe", "ansa", "xinhua", "tass", "bloomberg", "pti", "ians", "kyodo", "yonhap");

    /// <summary>Lower-case words that sit inside people's names ("Ludwig van Beethoven", "Mohammed bin Salman").</summary>
    private static readonly FrozenSet<string> NameParticles = FrozenSet.Create(StringComparer.Ordinal,
        "de", "da", "das", "do", "dos", "du", "del", "della", "der", "den", "di", "van", "von", "ter", "ten", "le", "la", "bin", "binti",
        "ibn", "al", "el", "y", "e", "st.", "zu", "af");

    /// <summary>
    /// Collects people's names from raw author strings, in order, deduplicated case-insensitively. Organisations found
    /// on the way go to <paramref name="organisations"/>, single words (a first name, a handle, a place) to <paramref name="singles"/>.
    /// </summary>
    public static List<string> Clean(IEnumerable<string> raw, string? site, List<string> organisations, List<string> singles)
    {
        var names = new List<string>();
        foreach (var value in raw)
        {
            foreach (var part in Parts(value))
            {
                var kind = Judge(part, site);
                var target = kind switch { Kind.Person => names, Kind.Organisation => organisations, Kind.Single => singles, _ => null };
                if (target is null) continue;
                var name = kind == Kind.Person ? Display(part) : part;
                if (!target.Contains(name, StringComparer.OrdinalIgnoreCase)) target.Add(name);
            }
            if (names.Count >= MaxAuthors) break;
        }
        return names.Count > MaxAuthors ? names[..MaxAuthors] : names;
    }

    /// <summary>Cuts a byline into candidate names: furniture removed, split on separators, "and", "&amp;" and commas.</summary>
    internal static IEnumerable<string> Parts(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 400) yield break;
        foreach (var segment in Segments().Split(value))
        {
            var s = Space().Replace(segment, " ").Trim();
            if (s.Length == 0 || LooksLikeAddress(s)) continue;
            // Whatever follows a date or a "Published"/"Updated" word is the byline's date line, not a name.
            var cut = DateLine().Match(s);
            if (cut.Success) s = s[..cut.Index];
            s = ByPrefix().Replace(s, "");
            foreach (var piece in Separators().Split(s))
            {
                var p = piece.Trim().Trim('.', ',', ':', ';', '-', '–', '—', '(', ')', '"', '\'', '“', '”', ' ');
                if (p.Length > 0) yield return ByPrefix().Replace(p, "").Trim();
            }
        }
    }

    private enum Kind { None, Person, Organisation, Single }

    private static Kind Judge(string part, string? site)
    {
        if (part.Length is < 3 or > 60 || LooksLikeAddress(part)) return Kind.None;
        var words = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 6) return Kind.None;
        if (site is not null && Letters(part) == Letters(site)) return Kind.Organisation;
        var organisation = false;
        var capitals = 0;
        foreach (var word in words)
        {
            var bare = word.Trim('.', ',', '\'', '’');
            if (bare.Length == 0) continue;
            if (NotNameWords.Contains(bare) || bare.Contains('-') && bare.Split('-').Any(NotNameWords.Contains)) return Kind.None;
            if (OrganisationWords.Contains(bare)) organisation = true;
            foreach (var c in word)
                if (!char.IsLetter(c) && c is not ('.' or '\'' or '’' or '-')) return organisation ? Kind.Organisation : Kind.None;
            if (char.IsUpper(word[0])) capitals++;
            else if (!NameParticles.Contains(word)) return organisation ? Kind.Organisation : Kind.None;
        }
        // "The Times", "The Russian": an article before the name makes it a title, not a person.
        if (organisation || words[0] is "The" or "THE") return Kind.Organisation;
        // A single word is a handle, a masthead or an agency as often as a name: kept only when nothing better is named.
        if (capitals < 2) return capitals == 1 ? Kind.Single : Kind.None;
        // Every word in capitals of two or three letters ("BBC NEWS", "AP") is an acronym, not a name.
        if (words.All(w => w.Length <= 3 && w.All(char.IsUpper))) return Kind.Organisation;
        return Kind.Person;
    }

    /// <summary>"JANE DOE" shown as "Jane Doe"; names written in mixed case are kept as written.</summary>
    private static string Display(string name)
    {
        if (name.Any(char.IsLower)) return name;
        return CultureInfo.InvariantCulture.TextInfo.ToTitleCase(name.ToLowerInvariant());
    }

    private static bool LooksLikeAddress(string s)
        => s.Contains('@') || s.Contains("://", StringComparison.Ordinal) || s.StartsWith("www.", StringComparison.OrdinalIgnoreCase)
           || s.StartsWith('/');

    private static string Letters(string s) => new(s.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"\s*(?:[|•·\n\r\t/]|\s-\s|\s–\s|\s—\s)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Segments();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Space();

    [GeneratedRegex(@"\s*(?:,|;|&|\band\b|\bund\b)\s*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^(?:\p{L}+\s+){0,3}?by\s*:?\s+|^from\s+|^(?:author|authors|byline|reporter|writer)s?\s*:\s*",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ByPrefix();

    [GeneratedRegex(@"(?:\s|^)(?:on\s+)?(?=[0-9]|(?:updated|published|posted|modified|last\s+updated)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+[0-9]|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?,?\s+(?:[0-9]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();
}
