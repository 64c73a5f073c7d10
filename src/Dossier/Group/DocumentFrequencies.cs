using System.Collections.Frozen;
using System.Globalization;
using Dossier.Language;

namespace Dossier.Group;

/// <summary>
/// In how many articles of a background corpus each content-word stem occurs: the story clusterer adds these counts to
/// the batch's own when it weighs words, so a word's rarity does not depend on how many articles happen to be clustered
/// together. Learnt from a batch alone, the weights of a 200-article batch differ from those of an 800-article one, and
/// one similarity cut cannot serve both. Stems are those of <see cref="TermVectors"/> (content words, lower-cased, stemmed).
/// </summary>
public sealed class DocumentFrequencies
{
    private const string ResourceName = "Dossier.Models.document-frequencies.tsv";

    private static readonly Lazy<DocumentFrequencies> Shipped = new(LoadDefault);

    private readonly FrozenDictionary<string, int> _counts;
    private readonly FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly (string Stem, int Count)[] _sorted;

    public DocumentFrequencies(int documents, IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfNegative(documents);
        foreach (var (stem, count) in counts)
        {
            // What Write could not write back: the table is one stem, a tab and a count per line, '#' opening a comment.
            if (stem.Length == 0 || stem[0] == '#' || stem.AsSpan().IndexOfAny('\t', '\n', '\r') >= 0)
                throw new ArgumentException($"'{stem}' cannot be a stem of the table", nameof(counts));
            if (count < 1 || count > documents)
                throw new ArgumentOutOfRangeException(nameof(counts), $"'{stem}' is counted {count} times in {documents} documents");
        }
        Documents = documents;
        _counts = counts.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _counts.GetAlternateLookup<ReadOnlySpan<char>>();
        _sorted = [.. counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value))];
    }

    /// <summary>How many articles the background holds.</summary>
    public int Documents { get; }

    /// <summary>How many stems it counts.</summary>
    public int Count => _counts.Count;

    /// <summary>The counted stems and their counts, by stem (ordinal).</summary>
    public IReadOnlyList<(string Stem, int Count)> Stems => _sorted;

    /// <summary>In how many background articles <paramref name="stem"/> occurs (0 when it is not counted).</summary>
    public int Frequency(ReadOnlySpan<char> stem) => _lookup.TryGetValue(stem, out var count) ? count : 0;

    /// <summary>
    /// Counts the stems of <paramref name="texts"/>, one article each. Stems found in fewer than
    /// <paramref name="minimum"/> articles are left out, which keeps the table small and changes little: a word the
    /// background has seen once is as rare as one it has never seen.
    /// </summary>
    public static DocumentFrequencies Learn(IEnumerable<string> texts, int minimum = 2)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var counter = new StemCounter(new Dictionary<string, int>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var documents = 0;
        foreach (var text in texts)
        {
            documents++;
            counter.Seen.Clear();
            TermVectors.ForEachStem(text, ref counter);
        }
        return new DocumentFrequencies(documents, counter.Counts.Where(p => p.Value >= minimum).ToDictionary(StringComparer.Ordinal));
    }

    /// <summary>Counts a stem once per article: <see cref="Seen"/> holds the current article's stems.</summary>
    private readonly struct StemCounter(Dictionary<string, int> counts, HashSet<string> seen) : TermVectors.IStemVisitor
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _counts = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _seen = seen.GetAlternateLookup<ReadOnlySpan<char>>();

        public Dictionary<string, int> Counts => counts;
        public HashSet<string> Seen => seen;

        public void Visit(ReadOnlySpan<char> stem, bool capitalised)
        {
            if (_seen.Add(stem)) _counts[stem] = _counts.TryGetValue(stem, out var count) ? count + 1 : 1;
        }
    }

    /// <summary>Writes the table: '#' comment lines, a "documents" line, then one stem and its count per line, by stem.</summary>
    public void Write(TextWriter writer, string comment)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var line in (comment ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)) writer.WriteLine("# " + line.TrimEnd());
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"documents\t{Documents}"));
        foreach (var (stem, count) in Stems)
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stem}\t{count}"));
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a malformed line is an error naming its number.</summary>
    public static DocumentFrequencies Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        int? documents = null;
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab <= 0 || !int.TryParse(line.AsSpan(tab + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                throw new InvalidDataException($"document frequencies, line {number}: expected a stem, a tab and a count");
            var key = line[..tab];
            if (documents is null)
            {
                if (key != "documents") throw new InvalidDataException($"document frequencies, line {number}: the first line must be 'documents<TAB>N'");
                documents = count;
            }
            else if (!counts.TryAdd(key, count)) throw new InvalidDataException($"document frequencies, line {number}: '{key}' appears twice");
        }
        if (documents is null) throw new InvalidDataException("document frequencies: no 'documents' line");
        try
        {
            return new DocumentFrequencies(documents.Value, counts);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException("document frequencies: " + e.Message, e);
        }
    }

    /// <summary>The table the library ships, read once (immutable, so shared).</summary>
    public static DocumentFrequencies Default => Shipped.Value;

    /// <summary>The table the library ships (models/document-frequencies.tsv, written by `dossier train frequencies`).</summary>
    public static DocumentFrequencies LoadDefault()
    {
        using var stream = typeof(DocumentFrequencies).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("the embedded document frequencies are missing");
        using var reader = new StreamReader(stream);
        return Read(reader);
    }
}
