using System.Collections.Frozen;
using System.Reflection;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>What a title word does before a name: an honorific ("Mr."), a role noun ("minister") or a modifier ("Deputy").</summary>
public enum TitleKind : byte { None, Honorific, Role, Modifier }

/// <summary>What a known multi-word phrase names.</summary>
public enum PhraseKind : byte { None, Country, Place, Organisation, Demonym }

/// <summary>
/// The fact tables behind the rule-based recogniser, loaded once from the embedded data/*.tsv files and immutable.
/// Phrases are keyed by their tokens joined with single spaces, as <see cref="Tokenizer"/> splits them.
/// </summary>
public sealed class Gazetteer
{
    private static readonly Lazy<Gazetteer> Shared = new(() => Load(typeof(Gazetteer).Assembly), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The gazetteer built from the tables embedded in the library; loaded on first use and shared.</summary>
    public static Gazetteer Default => Shared.Value;

    // Plain hash sets for the large lists: they build several times faster than frozen ones and are never mutated.
    private readonly HashSet<string> _commonWords;
    private readonly HashSet<string> _givenNames;
    private readonly HashSet<string> _surnames;
    private readonly HashSet<string> _companyWords;
    private readonly FrozenSet<string> _orgWords;
    private readonly FrozenSet<string> _placeWords;
    private readonly FrozenDictionary<string, TitleKind> _titles;
    private readonly FrozenDictionary<string, PhraseKind> _phrases;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _commonLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _givenLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _surnameLookup;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _companyLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _orgLookup;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _placeWordLookup;
    private readonly FrozenDictionary<string, TitleKind>.AlternateLookup<ReadOnlySpan<char>> _titleLookup;
    private readonly FrozenDictionary<string, PhraseKind>.AlternateLookup<ReadOnlySpan<char>> _phraseLookup;

    /// <summary>The most tokens in any known phrase, so lookups try no longer spans.</summary>
    public int MaxPhraseTokens { get; }

    public Gazetteer(
        IEnumerable<string> commonWords,
        IEnumerable<string> givenNames,
        IEnumerable<string> surnames,
        IEnumerable<string> organisationWords,
        IEnumerable<string> placeWords,
        IEnumerable<KeyValuePair<string, TitleKind>> titles,
        IEnumerable<KeyValuePair<string, PhraseKind>> phrases,
        IEnumerable<string>? companyWords = null)
    {
        _companyWords = new HashSet<string>(companyWords ?? [], StringComparer.Ordinal);
        _commonWords = new HashSet<string>(commonWords, StringComparer.Ordinal);
        _givenNames = new HashSet<string>(givenNames, StringComparer.Ordinal);
        _surnames = new HashSet<string>(surnames, StringComparer.Ordinal);
        _orgWords = organisationWords.ToFrozenSet(StringComparer.Ordinal);
        _placeWords = placeWords.ToFrozenSet(StringComparer.Ordinal);
        var titleMap = new Dictionary<string, TitleKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var (word, kind) in titles) titleMap.TryAdd(word, kind); // the first listing of a word wins
        _titles = titleMap.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

        var tokenizer = new Tokenizer();
        var tokens = new List<Token>();
        var phraseMap = new Dictionary<string, PhraseKind>(StringComparer.Ordinal);
        var longest = 1;
        foreach (var (phrase, kind) in phrases)
        {
            tokens.Clear();
            tokenizer.Tokenize(phrase, new TextSpan(0, phrase.Length), tokens);
            if (tokens.Count == 0) continue;
            var key = string.Join(' ', tokens.Select(t => phrase.Substring(t.Start, t.Length)));
            // Countries beat places beat organisations beat demonyms when a phrase is listed twice.
            if (!phraseMap.TryGetValue(key, out var old) || kind < old) phraseMap[key] = kind;
            longest = Math.Max(longest, tokens.Count);
        }
        _phrases = phraseMap.ToFrozenDictionary(StringComparer.Ordinal);
        MaxPhraseTokens = longest;

        _commonLookup = _commonWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _givenLookup = _givenNames.GetAlternateLookup<ReadOnlySpan<char>>();
        _surnameLookup = _surnames.GetAlternateLookup<ReadOnlySpan<char>>();
        _companyLookup = _companyWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _orgLookup = _orgWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _placeWordLookup = _placeWords.GetAlternateLookup<ReadOnlySpan<char>>();
        _titleLookup = _titles.GetAlternateLookup<ReadOnlySpan<char>>();
        _phraseLookup = _phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Whether the lower-cased word is a common English word ("during", "hope").</summary>
    public bool IsCommonWord(ReadOnlySpan<char> word)
    {
        if (word.Length == 0 || word.Length > 40) return false;
        Span<char> lower = stackalloc char[word.Length];
        word.ToLowerInvariant(lower);
        return _commonLookup.Contains(lower);
    }

    public bool IsGivenName(ReadOnlySpan<char> word) => _givenLookup.Contains(word);

    public bool IsSurname(ReadOnlySpan<char> word) => _surnameLookup.Contains(word);

    public bool IsOrganisationWord(ReadOnlySpan<char> word) => _orgLookup.Contains(word);

    /// <summary>Whether the word is a word of a listed company's name ("Pirelli", "Caterpillar"); a hint for the tagger, not a rule.</summary>
    public bool IsCompanyWord(ReadOnlySpan<char> word) => _companyLookup.Contains(word);

    public bool IsPlaceWord(ReadOnlySpan<char> word) => _placeWordLookup.Contains(word);

    public TitleKind TitleOf(ReadOnlySpan<char> word) => _titleLookup.TryGetValue(word, out var kind) ? kind : TitleKind.None;

    /// <summary>The kind of a known phrase, given as its tokens joined by single spaces.</summary>
    public PhraseKind PhraseOf(ReadOnlySpan<char> key) => _phraseLookup.TryGetValue(key, out var kind) ? kind : PhraseKind.None;

    /// <summary>Reads the embedded tables (resources named Dossier.Data.&lt;file&gt;.tsv).</summary>
    public static Gazetteer Load(Assembly assembly)
    {
        IEnumerable<string[]> Rows(string file) => EmbeddedTable.Rows(assembly, file);

        IEnumerable<string> Column(params string[] files) => files.SelectMany(Rows).Select(r => r[0].Trim()).Where(s => s.Length > 0);

        IEnumerable<KeyValuePair<string, PhraseKind>> Phrases(string file, Func<string[], PhraseKind> kind)
            => Rows(file).Where(r => r[0].Length > 0).Select(r => KeyValuePair.Create(r[0].Trim(), kind(r)));

        var phrases = Phrases("countries.tsv", _ => PhraseKind.Country)
            .Concat(Phrases("countries-generated.tsv", _ => PhraseKind.Country))
            .Concat(Phrases("places.tsv", r => r.Length > 1 && r[1] == "country" ? PhraseKind.Country : PhraseKind.Place))
            .Concat(Phrases("places-generated.tsv", _ => PhraseKind.Place))
            .Concat(Phrases("organisations.tsv", _ => PhraseKind.Organisation))
            .Concat(Phrases("demonyms.tsv", _ => PhraseKind.Demonym))
            .Concat(Phrases("demonyms-generated.tsv", _ => PhraseKind.Demonym));

        var titles = Rows("titles.tsv").Where(r => r.Length > 1).Select(r => KeyValuePair.Create(r[0].Trim(), r[1].Trim() switch
        {
            "honorific" => TitleKind.Honorific,
            "role" => TitleKind.Role,
            _ => TitleKind.Modifier,
        }));

        return new Gazetteer(
            Column("english-words.tsv"),
            Column("given-names-generated.tsv"),
            Column("surnames.tsv", "surnames-generated.tsv"),
            Column("org-words.tsv"),
            Column("place-words.tsv"),
            titles,
            phrases,
            Column("companies-generated.tsv"));
    }
}
