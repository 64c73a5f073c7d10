using System.Collections.Frozen;
using System.Reflection;
using Dossier.Annotate;

namespace Dossier.Reconcile;

/// <summary>
/// Country names, capitals and demonyms keyed to the country's ISO 3166 alpha-2 code, read from the embedded tables
/// (countries*.tsv, capitals-generated.tsv, demonyms-generated.tsv). Keys are name tokens folded as <see cref="NameForms.Tokens"/> joins them.
/// </summary>
public sealed class PlaceFacts
{
    private static readonly Lazy<PlaceFacts> Shared = new(() => Load(typeof(PlaceFacts).Assembly));

    public static PlaceFacts Default => Shared.Value;

    private readonly FrozenDictionary<string, string> _countries;
    private readonly FrozenDictionary<string, string> _capitals;
    private readonly FrozenDictionary<string, string> _demonyms;

    public PlaceFacts(IEnumerable<(string Name, string Code)> countries, IEnumerable<(string Name, string Code)> capitals, IEnumerable<(string Name, string Code)> demonyms)
    {
        _countries = Index(countries);
        _capitals = Index(capitals.SelectMany(c => CapitalForms(c.Name).Select(f => (f, c.Code))));
        _demonyms = Index(demonyms);
    }

    /// <summary>The country a name denotes ("U.S.", "United States of America"), as its code.</summary>
    public string? CountryOf(string name) => _countries.GetValueOrDefault(Key(name));

    /// <summary>The country whose capital a name is ("Pyongyang", "Washington").</summary>
    public string? CapitalOf(string name) => _capitals.GetValueOrDefault(Key(name));

    /// <summary>The country a demonym belongs to ("Russian", "North Korean").</summary>
    public string? DemonymOf(string name) => _demonyms.GetValueOrDefault(Key(name));

    private static string Key(string name)
    {
        var tokens = NameForms.Tokens(name, person: false);
        return string.Join(' ', tokens.Count > 1 && tokens[0] == "the" ? tokens.Skip(1) : tokens);
    }

    private static FrozenDictionary<string, string> Index(IEnumerable<(string Name, string Code)> rows)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, code) in rows)
        {
            var key = Key(name);
            if (key.Length > 0) map.TryAdd(key, code); // the first listing wins
        }
        return map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>A capital and, when the rest of its name is an abbreviation ("Washington D.C."), its first word alone.</summary>
    private static IEnumerable<string> CapitalForms(string capital)
    {
        yield return capital;
        var words = capital.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2 && words[1].Contains('.') && words[1].Where(char.IsLetter).All(char.IsUpper)) yield return words[0];
    }

    public static PlaceFacts Load(Assembly assembly)
    {
        IEnumerable<(string, string)> Rows(string file) => EmbeddedTable.Rows(assembly, file)
            .Where(cells => cells.Length > 1 && cells[1].Trim().Length == 2)
            .Select(cells => (cells[0].Trim(), cells[1].Trim()));
        return new PlaceFacts(Rows("countries.tsv").Concat(Rows("countries-generated.tsv")), Rows("capitals-generated.tsv"), Rows("demonyms-generated.tsv"));
    }
}
