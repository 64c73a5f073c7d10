using System.Globalization;

namespace Dossier.Annotate;

/// <summary>
/// Word classes learned from unlabelled text at three grains (64, 256 and 1024 classes), so the entity tagger can
/// generalise from a word it was trained on to one used the same way ("Pirelli" with "Fiat").
/// </summary>
/// <remarks>Learned by the predictive exchange algorithm (Uszkoreit and Brants 2008), which maximises the likelihood of
/// P(word | class(word)) P(class(word) | previous word); the file data/word-clusters.tsv is rebuilt by `dossier train clusters`.</remarks>
public sealed class WordClusters
{
    public static readonly int[] Grains = [64, 256, 1024];

    private readonly Dictionary<string, int[]> _classes;

    private WordClusters(Dictionary<string, int[]> classes) => _classes = classes;

    private static readonly Lazy<WordClusters> Shared = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The classes shipped inside the library (resource Dossier.Data.word-clusters.tsv); loaded on first use and shared.</summary>
    public static WordClusters Default => Shared.Value;

    private static WordClusters LoadEmbedded()
    {
        using var stream = typeof(WordClusters).Assembly.GetManifestResourceStream("Dossier.Data.word-clusters.tsv");
        if (stream is null) return Empty;
        using var reader = new StreamReader(stream);
        return Read(reader);
    }

    public static WordClusters Empty { get; } = new(new Dictionary<string, int[]>(StringComparer.Ordinal));

    public int Count => _classes.Count;

    /// <summary>The word's class at each grain, or null for a word the text did not show often enough.</summary>
    public int[]? Of(string word) => _classes.GetValueOrDefault(word);

    /// <summary>Reads "word TAB class64 TAB class256 TAB class1024" lines; '#' lines are comments.</summary>
    public static WordClusters Read(TextReader reader)
    {
        var classes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var columns = line.Split('\t');
            if (columns.Length != Grains.Length + 1) throw new InvalidDataException($"word cluster line has {columns.Length} columns: {line}");
            classes[columns[0]] = [.. columns.Skip(1).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
        }
        return new WordClusters(classes);
    }

    public void Write(TextWriter writer)
    {
        writer.WriteLine("# word\tclass of 64\tclass of 256\tclass of 1024; made by `dossier train clusters` (predictive exchange clustering)");
        foreach (var (word, classes) in _classes.OrderBy(p => p.Key, StringComparer.Ordinal))
            writer.WriteLine(word + "\t" + string.Join('\t', classes.Select(c => c.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>
    /// Learns classes for the words seen at least <paramref name="minCount"/> times in the sentences (rarer words share
    /// one stand-in word); the same sentences give the same classes.
    /// </summary>
    public static WordClusters Learn(IEnumerable<IReadOnlyList<string>> sentences, int minCount = 3, int iterations = 8)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpus = new List<string[]>();
        foreach (var sentence in sentences)
        {
            if (sentence.Count == 0) continue;
            var words = sentence.Select(EntityFeatures.Plain).ToArray();
            corpus.Add(words);
            foreach (var w in words) counts[w] = counts.GetValueOrDefault(w) + 1;
        }
        // Index 0 is the sentence start, 1 the stand-in for rare words; the rest by falling count, then by spelling.
        var vocabulary = counts.Where(p => p.Value >= minCount).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key).ToList();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++) index[vocabulary[i]] = i + 2;
        var size = vocabulary.Count + 2;
        var bigrams = new Dictionary<(int, int), int>();
        foreach (var words in corpus)
        {
            var previous = 0;
            foreach (var w in words)
            {
                var current = index.GetValueOrDefault(w, 1);
                bigrams[(previous, current)] = bigrams.GetValueOrDefault((previous, current)) + 1;
                previous = current;
            }
        }
        // For each word, its predecessors and how often each came before it, in a fixed order.
        var predecessors = new List<(int Word, int Count)>[size];
        for (var w = 0; w < size; w++) predecessors[w] = [];
        foreach (var ((v, w), n) in bigrams.OrderBy(p => p.Key.Item2).ThenBy(p => p.Key.Item1)) predecessors[w].Add((v, n));
        var tokens = new long[size];
        for (var w = 0; w < size; w++) tokens[w] = predecessors[w].Sum(p => (long)p.Count);

        var result = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var word in vocabulary) result[word] = new int[Grains.Length];
        for (var g = 0; g < Grains.Length; g++)
        {
            var classOf = Exchange(Grains[g], size, predecessors, tokens, iterations);
            for (var i = 0; i < vocabulary.Count; i++) result[vocabulary[i]][g] = classOf[i + 2];
        }
        return new WordClusters(result);
    }

    private static double F(double x) => x <= 0 ? 0 : x * Math.Log(x);

    /// <summary>Moves each word, most frequent first, to the class that most raises the likelihood, for a number of sweeps.</summary>
    private static int[] Exchange(int classes, int size, List<(int Word, int Count)>[] predecessors, long[] tokens, int iterations)
    {
        var classOf = new int[size];
        for (var w = 0; w < size; w++) classOf[w] = w % classes;
        var classTokens = new long[classes];
        var following = new Dictionary<int, long>[size]; // predecessor v -> class -> tokens of that class after v
        for (var v = 0; v < size; v++) following[v] = [];
        for (var w = 0; w < size; w++)
        {
            classTokens[classOf[w]] += tokens[w];
            foreach (var (v, n) in predecessors[w]) following[v][classOf[w]] = following[v].GetValueOrDefault(classOf[w]) + n;
        }
        var gain = new double[classes];
        for (var sweep = 0; sweep < iterations; sweep++)
        {
            var moved = 0;
            for (var w = 2; w < size; w++)
            {
                var from = classOf[w];
                // Take the word out of its class.
                classTokens[from] -= tokens[w];
                foreach (var (v, n) in predecessors[w])
                {
                    var left = following[v][from] - n;
                    if (left == 0) following[v].Remove(from);
                    else following[v][from] = left;
                }
                var baseline = 0.0;
                foreach (var (_, n) in predecessors[w]) baseline += F(n);
                for (var c = 0; c < classes; c++) gain[c] = baseline - (F(classTokens[c] + tokens[w]) - F(classTokens[c]));
                foreach (var (v, n) in predecessors[w])
                    foreach (var (c, m) in following[v])
                        gain[c] += F(m + n) - F(m) - F(n);
                var best = from;
                for (var c = 0; c < classes; c++)
                    if (gain[c] > gain[best] + 1e-9) best = c;
                if (best != from) moved++;
                classOf[w] = best;
                classTokens[best] += tokens[w];
                foreach (var (v, n) in predecessors[w]) following[v][best] = following[v].GetValueOrDefault(best) + n;
            }
            if (moved == 0) break;
        }
        return classOf;
    }
}
