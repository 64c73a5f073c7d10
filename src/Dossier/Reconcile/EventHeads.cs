using Dossier.Annotate.Figures;
using Dossier.Language;

namespace Dossier.Reconcile;

/// <summary>How two different event heads are related ("die" and "death": a derivation; "blast" and "explosion": synonyms).</summary>
public enum HeadRelation
{
    None,
    Derivation,
    Synonym,
}

/// <summary>
/// Event heads in one form so that verb and noun meet ("attacked", "attacks" -> "attack"), and the WordNet relations
/// between heads that differ (data/event-relations-generated.tsv), in that same form.
/// </summary>
public sealed class EventHeads
{
    private readonly Dictionary<string, Dictionary<string, HeadRelation>> related;

    private EventHeads(Dictionary<string, Dictionary<string, HeadRelation>> related) => this.related = related;

    /// <summary>No relations: only equal heads meet.</summary>
    public static EventHeads Empty { get; } = new(new Dictionary<string, Dictionary<string, HeadRelation>>(StringComparer.Ordinal));

    /// <summary>A word as an event head: lower-cased, verb-lemmatised ("ran" -> "run"), then lightly stemmed ("-s", "-ed", "-ing").</summary>
    public static string Normalise(string word)
    {
        var lemma = Lemmas.Verb(word.ToLowerInvariant());
        var stem = new char[lemma.Length];
        return new string(stem, 0, ContentWords.StemInto(lemma, stem));
    }

    /// <summary>Reads word&lt;TAB&gt;word&lt;TAB&gt;derivation|synonym lines (# comments), both words normalised; a derivation wins over a synonym.</summary>
    public static EventHeads Read(TextReader reader)
    {
        var related = new Dictionary<string, Dictionary<string, HeadRelation>>(StringComparer.Ordinal);
        void Add(string a, string b, HeadRelation r)
        {
            if (!related.TryGetValue(a, out var of)) related[a] = of = new Dictionary<string, HeadRelation>(StringComparer.Ordinal);
            if (of.GetValueOrDefault(b) != HeadRelation.Derivation) of[b] = r;
        }
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var parts = line.Split('\t');
            if (parts.Length != 3) throw new FormatException("expected word<TAB>word<TAB>relation: " + line);
            var relation = parts[2] == "derivation" ? HeadRelation.Derivation : HeadRelation.Synonym;
            var (a, b) = (Normalise(parts[0]), Normalise(parts[1]));
            if (a == b) continue;
            Add(a, b, relation);
            Add(b, a, relation);
        }
        return new EventHeads(related);
    }

    /// <summary>The WordNet relations shipped with Dossier.</summary>
    public static EventHeads LoadDefault()
    {
        using var stream = typeof(EventHeads).Assembly.GetManifestResourceStream("Dossier.Data.event-relations-generated.tsv")
            ?? throw new InvalidOperationException("the embedded event relations table is missing");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }

    /// <summary>How <paramref name="a"/> relates to <paramref name="b"/>, both already normalised.</summary>
    public HeadRelation Relation(string a, string b) =>
        related.TryGetValue(a, out var of) ? of.GetValueOrDefault(b) : HeadRelation.None;

    /// <summary>The heads related to <paramref name="head"/>.</summary>
    public IEnumerable<string> Of(string head) => related.TryGetValue(head, out var of) ? of.Keys : [];
}
