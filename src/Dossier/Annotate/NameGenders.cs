using System.Collections.Frozen;

namespace Dossier.Annotate;

/// <summary>The sex a pronoun names ("he", "she") and that a given name or honorific suggests.</summary>
public enum Sex { Unknown, Female, Male }

/// <summary>
/// Given names that the name lists of data/given-name-genders-generated.tsv give for one sex only, and the honorifics
/// that tell it ("Mrs.", "Mr."): enough to keep "she said" from going to the last man named. Names on both lists,
/// or on neither, tell nothing.
/// </summary>
public sealed class NameGenders
{
    private static readonly Lazy<NameGenders> Shared = new(() => new NameGenders(
        EmbeddedTable.Rows(typeof(NameGenders).Assembly, "given-name-genders-generated.tsv")
            .Where(r => r.Length > 1)
            .Select(r => KeyValuePair.Create(r[0].Trim(), r[1].Trim() == "f" ? Sex.Female : Sex.Male))),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly FrozenDictionary<string, Sex> Honorifics = new Dictionary<string, Sex>(StringComparer.OrdinalIgnoreCase)
    {
        ["Mr"] = Sex.Male, ["Mr."] = Sex.Male, ["Sir"] = Sex.Male, ["Lord"] = Sex.Male, ["King"] = Sex.Male, ["Prince"] = Sex.Male,
        ["Mrs"] = Sex.Female, ["Mrs."] = Sex.Female, ["Ms"] = Sex.Female, ["Ms."] = Sex.Female, ["Miss"] = Sex.Female,
        ["Madam"] = Sex.Female, ["Dame"] = Sex.Female, ["Lady"] = Sex.Female, ["Queen"] = Sex.Female, ["Princess"] = Sex.Female,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Sex> _names;

    public NameGenders(IEnumerable<KeyValuePair<string, Sex>> names)
        => _names = names.DistinctBy(n => n.Key, StringComparer.OrdinalIgnoreCase).ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The table embedded in the library.</summary>
    public static NameGenders Default => Shared.Value;

    /// <summary>The sex "he" or "she" names; Unknown for any other word.</summary>
    public static Sex OfPronoun(string word) => word.ToLowerInvariant() switch
    {
        "he" or "him" or "his" or "himself" => Sex.Male,
        "she" or "her" or "hers" or "herself" => Sex.Female,
        _ => Sex.Unknown,
    };

    /// <summary>What a person's name, with its title if written, suggests: an honorific first, else the first given name.</summary>
    public Sex Of(string name, string? title = null)
    {
        foreach (var word in (title ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (Honorifics.TryGetValue(word, out var sex)) return sex;
        foreach (var word in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Honorifics.TryGetValue(word, out var sex)) return sex;
            var bare = word.TrimEnd('.', ',');
            if (bare.Length < 2) continue; // an initial
            return _names.GetValueOrDefault(bare);
        }
        return Sex.Unknown;
    }

    /// <summary>Whether a person of this name can be what the pronoun names: yes unless both are known and differ.</summary>
    public bool Agrees(Sex pronoun, string name, string? title = null)
        => pronoun == Sex.Unknown || Of(name, title) is var sex && (sex == Sex.Unknown || sex == pronoun);
}
