using System.Buffers.Binary;
using System.Text;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>
/// A named-entity tagger trained as an averaged structured perceptron over BILOU (or IOB2) tags, decoded with Viterbi over
/// tag bigrams. Weights are hashed feature buckets times tags; the model is immutable once built or loaded.
/// </summary>
public sealed class PerceptronEntityModel : IEntityModel
{
    private const uint Magic = 0x52454E44; // "DNER" read little-endian
    private const int Version = 2;

    /// <summary>The model shipped inside the library (resource Dossier.Models.ner.bin); loaded on first use and shared.</summary>
    public static PerceptronEntityModel Default => Shared.Value;

    private static readonly Lazy<PerceptronEntityModel> Shared = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Layer _first;
    private readonly Layer? _second; // reads the first pass's labels across the document; none in a one-pass model

    public EntityFeatures Features { get; }

    public Gazetteer Gazetteer { get; }

    /// <summary>Whether a second pass re-tags the document with what the first pass found elsewhere in it.</summary>
    public bool HasSecondPass => _second is not null;

    /// <summary>The tags the passes decode in; their output is IOB2 either way.</summary>
    public TagScheme Scheme { get; }

    private PerceptronEntityModel(Gazetteer gazetteer, int bucketBits, TagScheme scheme, Layer first, Layer? second)
    {
        Gazetteer = gazetteer;
        Scheme = scheme;
        Features = new EntityFeatures(gazetteer, bucketBits);
        _first = first;
        _second = second;
    }

    internal PerceptronEntityModel(Gazetteer gazetteer, int bucketBits, TagScheme scheme, float[] weights, float[] transitions)
        : this(gazetteer, bucketBits, scheme, Layer.FromDense(bucketBits, scheme, weights, transitions), null)
    {
    }

    /// <summary>This model's first pass followed by a second pass with the given dense weights.</summary>
    internal PerceptronEntityModel WithSecondPass(float[] weights, float[] transitions)
        => new(Gazetteer, Features.BucketBits, Scheme, _first, Layer.FromDense(Features.BucketBits, Scheme, weights, transitions));

    /// <summary>One pass's weights. Only the buckets training touched are kept (tens of thousands of a million), so a pass costs megabytes, not tens.</summary>
    private sealed class Layer
    {
        private readonly int[] _rowOf;        // bucket to row, -1 for none: an array lookup per feature, not a hash
        private readonly int[] _buckets;      // ascending, so saving is in bucket order
        private readonly float[] _rows;       // row * Count + tag
        private readonly float[] _transitions; // (previous + 1) * Count + tag; previous -1 is the sentence start
        private readonly TagScheme _scheme;

        public Layer(int bucketBits, TagScheme scheme, int[] buckets, float[] rows, float[] transitions)
        {
            _scheme = scheme;
            _buckets = buckets;
            _rows = rows;
            _transitions = transitions;
            _rowOf = new int[1 << bucketBits];
            Array.Fill(_rowOf, -1);
            for (var r = 0; r < buckets.Length; r++) _rowOf[buckets[r]] = r;
        }

        public static Layer FromDense(int bucketBits, TagScheme scheme, float[] weights, float[] transitions)
        {
            var T = scheme.Count;
            if (weights.Length != (1 << bucketBits) * T) throw new ArgumentException("weights do not match the bucket count", nameof(weights));
            if (transitions.Length != (T + 1) * T) throw new ArgumentException("wrong transition table size", nameof(transitions));
            var used = new List<int>();
            for (var b = 0; b < weights.Length / T; b++)
                if (weights.AsSpan(b * T, T).ContainsAnyExcept(0f)) used.Add(b);
            var buckets = used.ToArray();
            var rows = new float[buckets.Length * T];
            for (var r = 0; r < buckets.Length; r++) weights.AsSpan(buckets[r] * T, T).CopyTo(rows.AsSpan(r * T, T));
            return new Layer(bucketBits, scheme, buckets, rows, transitions);
        }

        /// <summary>The best tag sequence for a sentence's feature buckets, as IOB2.</summary>
        public int[] Tag(int[][] features)
        {
            var T = _scheme.Count;
            var emissions = new float[features.Length * T];
            for (var i = 0; i < features.Length; i++)
            {
                var emission = emissions.AsSpan(i * T, T);
                foreach (var f in features[i])
                {
                    var r = (uint)f < (uint)_rowOf.Length ? _rowOf[f] : -1;
                    if (r < 0) continue;
                    var row = _rows.AsSpan(r * T, T);
                    for (var t = 0; t < T; t++) emission[t] += row[t];
                }
            }
            return _scheme.ToIob(Viterbi(emissions, _transitions, _scheme));
        }

        public void Save(BinaryWriter writer)
        {
            var T = _scheme.Count;
            foreach (var w in _transitions) writer.Write(w);
            writer.Write(_buckets.Length);
            for (var r = 0; r < _buckets.Length; r++)
            {
                writer.Write(_buckets[r]);
                for (var t = 0; t < T; t++) writer.Write(_rows[r * T + t]);
            }
        }

        public static Layer Load(BinaryReader reader, int bits, TagScheme scheme)
        {
            var tags = scheme.Count;
            var transitions = new float[(tags + 1) * tags];
            for (var i = 0; i < transitions.Length; i++) transitions[i] = reader.ReadSingle();
            var count = reader.ReadInt32();
            if (count < 0 || count > 1 << bits) throw new InvalidDataException("row count out of range");
            var buckets = new int[count];
            var rows = new float[count * tags];
            var row = new byte[4 + 4 * tags];
            for (var r = 0; r < count; r++)
            {
                reader.BaseStream.ReadExactly(row);
                buckets[r] = BinaryPrimitives.ReadInt32LittleEndian(row);
                if ((uint)buckets[r] >= 1u << bits || (r > 0 && buckets[r] <= buckets[r - 1])) throw new InvalidDataException("buckets out of range or order");
                for (var t = 0; t < tags; t++) rows[r * tags + t] = BinaryPrimitives.ReadSingleLittleEndian(row.AsSpan(4 + 4 * t));
            }
            return new Layer(bits, scheme, buckets, rows, transitions);
        }
    }

    public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
        => Recognize(text, sentences, tokens, DocumentBudget.Unlimited);

    /// <summary>The same, checking <paramref name="budget"/> as it goes: tagging is the costliest layer of a long text.</summary>
    public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens, DocumentBudget budget)
    {
        var words = new List<IReadOnlyList<string>>(sentences.Count);
        var bounds = new List<int>(sentences.Count);
        foreach (var sentence in sentences)
        {
            var first = Math.Clamp(sentence.FirstToken, 0, tokens.Count);
            var end = Math.Clamp(sentence.EndToken, first, tokens.Count);
            var sentenceWords = new string[end - first];
            for (var k = first; k < end; k++) sentenceWords[k - first] = text.Substring(tokens[k].Start, tokens[k].Length);
            words.Add(sentenceWords);
            bounds.Add(first);
        }
        var tagged = TagDocument(words, budget);
        var mentions = new List<EntityMention>();
        for (var s = 0; s < words.Count; s++)
            foreach (var (first, end, type) in EntityTags.Chunks(tagged[s]))
                mentions.Add(new EntityMention(TextSpan.FromBounds(tokens[bounds[s] + first].Start, tokens[bounds[s] + end - 1].End), type));
        return mentions;
    }

    /// <summary>IOB2 tags for the words of each sentence of a document, as tag indices, made consistent across the document.</summary>
    public List<int[]> TagDocument(IReadOnlyList<IReadOnlyList<string>> sentences) => TagDocument(sentences, DocumentBudget.Unlimited);

    private List<int[]> TagDocument(IReadOnlyList<IReadOnlyList<string>> sentences, DocumentBudget budget)
    {
        var (features, tagged) = FirstPass(sentences, budget);
        if (_second is null) return tagged;
        var firstPass = EntityFeatures.FirstPass.Of(sentences, tagged);
        var lastSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var second = new List<int[]>(features.Count);
        for (var s = 0; s < features.Count; s++)
        {
            CheckEvery(budget, s);
            second.Add(features[s].Length == 0 ? [] : _second.Tag(Features.SecondPass(sentences[s], s, features[s], firstPass, lastSeen)));
        }
        Correct(sentences, second);
        return second;
    }

    /// <summary>The first pass's tags of a document, before the second pass reads them.</summary>
    internal List<int[]> TagFirstPass(IReadOnlyList<IReadOnlyList<string>> sentences) => FirstPass(sentences, DocumentBudget.Unlimited).Tagged;

    /// <summary>Each sentence's features and the first pass's corrected tags.</summary>
    private (List<int[][]> Features, List<int[]> Tagged) FirstPass(IReadOnlyList<IReadOnlyList<string>> sentences, DocumentBudget budget)
    {
        var evidence = EntityFeatures.DocumentEvidence.Of(sentences);
        var cache = new EntityFeatures.WordCache();
        var features = new List<int[][]>(sentences.Count);
        var tagged = new List<int[]>(sentences.Count);
        for (var s = 0; s < sentences.Count; s++)
        {
            CheckEvery(budget, s);
            var f = Features.Sentence(sentences[s], evidence, cache);
            features.Add(f);
            tagged.Add(f.Length == 0 ? [] : _first.Tag(f));
        }
        Correct(sentences, tagged);
        return (features, tagged);
    }

    /// <summary>A check of the document's budget every 256 sentences: often enough to stop a book-length text within a second.</summary>
    private static void CheckEvery(DocumentBudget budget, int sentence)
    {
        if ((sentence & 255) == 255) budget.Check("annotate: entities");
    }

    /// <summary>The document-level corrections after a pass.</summary>
    private void Correct(IReadOnlyList<IReadOnlyList<string>> sentences, List<int[]> tagged)
    {
        for (var s = 0; s < sentences.Count; s++) TrimPunctuation(sentences[s], tagged[s]);
        PersonPartsFollowThePerson(sentences, tagged);
        OneTypePerName(sentences, tagged);
        NamedOnceNamedEverywhere(sentences, tagged);
    }

    /// <summary>A name never starts or ends with a quotation mark or other punctuation the training data rarely showed.</summary>
    internal static void TrimPunctuation(IReadOnlyList<string> words, int[] tags)
    {
        foreach (var (first, end, type) in EntityTags.Chunks(tags).ToList())
        {
            var a = first;
            var b = end;
            while (a < b && !HasLetterOrDigit(words[a])) tags[a++] = EntityTags.Outside;
            while (b > a && !HasLetterOrDigit(words[b - 1]) && !ClosesBracket(words, a, b - 1)) tags[--b] = EntityTags.Outside;
            if (a < b) tags[a] = EntityTags.Begin(type);
        }
    }

    /// <summary>Whether the word at <paramref name="last"/> closes a bracket the name opened ("Mladost ( L )" keeps its ")").</summary>
    private static bool ClosesBracket(IReadOnlyList<string> words, int first, int last)
    {
        var opener = words[last] switch { ")" => "(", "]" => "[", _ => null };
        if (opener is null) return false;
        for (var k = last - 1; k > first; k--)
        {
            if (words[k] == opener) return true;
            if (words[k] == words[last]) return false;
        }
        return false;
    }

    private static bool HasLetterOrDigit(string word)
    {
        foreach (var c in word)
            if (char.IsLetterOrDigit(c)) return true;
        return false;
    }

    /// <summary>A name written the same way several times in a document takes the type most of its mentions have.</summary>
    private static void OneTypePerName(IReadOnlyList<IReadOnlyList<string>> sentences, List<int[]> tagged)
    {
        var votes = new Dictionary<string, int[]>(StringComparer.Ordinal);
        string NameOf(int s, int first, int end) => string.Join(' ', sentences[s].Skip(first).Take(end - first));
        for (var s = 0; s < sentences.Count; s++)
            foreach (var (first, end, type) in EntityTags.Chunks(tagged[s]))
            {
                var name = NameOf(s, first, end);
                if (!votes.TryGetValue(name, out var count)) votes[name] = count = new int[4];
                count[(int)type]++;
            }
        for (var s = 0; s < sentences.Count; s++)
            foreach (var (first, end, type) in EntityTags.Chunks(tagged[s]).ToList())
            {
                var count = votes[NameOf(s, first, end)];
                var best = type;
                for (var t = 0; t < count.Length; t++)
                    if (count[t] > count[(int)best]) best = (EntityType)t;
                if (best == type) continue;
                tagged[s][first] = EntityTags.Begin(best);
                for (var k = first + 1; k < end; k++) tagged[s][k] = EntityTags.Begin(best) + 1;
            }
    }

    /// <summary>A capitalised word left untagged that the document names elsewhere as a one-word entity is that entity.</summary>
    private void NamedOnceNamedEverywhere(IReadOnlyList<IReadOnlyList<string>> sentences, List<int[]> tagged)
    {
        var named = new Dictionary<string, EntityType>(StringComparer.Ordinal);
        for (var s = 0; s < sentences.Count; s++)
            foreach (var (first, end, type) in EntityTags.Chunks(tagged[s]))
                if (end - first == 1) named.TryAdd(sentences[s][first], type);
        if (named.Count == 0) return;
        for (var s = 0; s < sentences.Count; s++)
            for (var k = 0; k < sentences[s].Count; k++)
            {
                var word = sentences[s][k];
                if (tagged[s][k] != EntityTags.Outside || word.Length < 2 || !char.IsUpper(word[0]) || !named.TryGetValue(word, out var type)) continue;
                if (k == 0 && Gazetteer.IsCommonWord(word)) continue;
                if (k > 0 && tagged[s][k - 1] != EntityTags.Outside || k + 1 < sentences[s].Count && tagged[s][k + 1] != EntityTags.Outside) continue;
                tagged[s][k] = EntityTags.Begin(type);
            }
    }

    /// <summary>A one-word name that is part of a person's full name elsewhere in the document is that person ("Belousov").</summary>
    private static void PersonPartsFollowThePerson(IReadOnlyList<IReadOnlyList<string>> sentences, List<int[]> tagged)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        for (var s = 0; s < sentences.Count; s++)
            foreach (var (first, end, type) in EntityTags.Chunks(tagged[s]))
                if (type == EntityType.PER && end - first >= 2)
                    for (var k = first; k < end; k++)
                        if (sentences[s][k].Length > 2) parts.Add(sentences[s][k]);
        if (parts.Count == 0) return;
        for (var s = 0; s < sentences.Count; s++)
            foreach (var (first, end, type) in EntityTags.Chunks(tagged[s]).ToList())
                if (type != EntityType.PER && end - first == 1 && parts.Contains(sentences[s][first]))
                    tagged[s][first] = EntityTags.Begin(EntityType.PER);
    }

    /// <summary>The first pass's best tag sequence for a sentence's feature buckets.</summary>
    public int[] Tag(int[][] features) => _first.Tag(features);

    /// <summary>Tags in <paramref name="scheme"/> from dense weights (bucket * Count + tag), as training holds them.</summary>
    internal static int[] Decode(int[][] features, float[] weights, float[] transitions, TagScheme scheme)
    {
        var T = scheme.Count;
        var emissions = new float[features.Length * T];
        for (var i = 0; i < features.Length; i++)
        {
            var emission = emissions.AsSpan(i * T, T);
            foreach (var f in features[i])
            {
                var row = weights.AsSpan(f * T, T);
                for (var t = 0; t < T; t++) emission[t] += row[t];
            }
        }
        return Viterbi(emissions, transitions, scheme);
    }

    /// <summary>The best tag sequence the scheme allows, given per-word tag scores (word * Count + tag) and tag bigram scores.</summary>
    private static int[] Viterbi(float[] emissions, float[] transitions, TagScheme scheme)
    {
        var T = scheme.Count;
        var n = emissions.Length / T;
        var result = new int[n];
        if (n == 0) return result;
        var score = new float[n * T];
        var back = new int[n * T];
        for (var i = 0; i < n; i++)
        {
            var emission = emissions.AsSpan(i * T, T);
            for (var t = 0; t < T; t++)
            {
                if (i == 0)
                {
                    score[t] = scheme.Allowed(-1, t) ? emission[t] + transitions[t] : float.NegativeInfinity;
                    continue;
                }
                var best = float.NegativeInfinity;
                var from = 0;
                for (var p = 0; p < T; p++)
                {
                    if (!scheme.Allowed(p, t)) continue;
                    var s = score[(i - 1) * T + p] + transitions[(p + 1) * T + t];
                    if (s > best) { best = s; from = p; }
                }
                score[i * T + t] = best + emission[t];
                back[i * T + t] = from;
            }
        }
        var last = 0;
        for (var t = 1; t < T; t++)
            if (scheme.CanEnd(t) && score[(n - 1) * T + t] > score[(n - 1) * T + last]) last = t;
        for (var i = n - 1; i >= 0; i--)
        {
            result[i] = last;
            last = back[i * T + last];
        }
        return result;
    }

    /// <summary>Writes the model: little-endian header, then each pass's transitions and non-zero weight rows with their bucket.</summary>
    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(Version);
        writer.Write(Features.BucketBits);
        writer.Write(Scheme.Count);
        writer.Write(_second is null ? 1 : 2);
        _first.Save(writer);
        _second?.Save(writer);
    }

    public static PerceptronEntityModel Load(Stream stream, Gazetteer gazetteer)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadUInt32() != Magic) throw new InvalidDataException("not an entity model file");
        if (reader.ReadInt32() != Version) throw new InvalidDataException("unsupported entity model version");
        var bits = reader.ReadInt32();
        var tags = reader.ReadInt32();
        if (bits is < 4 or > 26 || (tags != TagScheme.Iob2.Count && tags != TagScheme.Bilou.Count)) throw new InvalidDataException("entity model does not match a known tag set");
        var scheme = TagScheme.OfCount(tags);
        var passes = reader.ReadInt32();
        if (passes is not (1 or 2)) throw new InvalidDataException("entity model has neither one nor two passes");
        var first = Layer.Load(reader, bits, scheme);
        var second = passes == 2 ? Layer.Load(reader, bits, scheme) : null;
        return new PerceptronEntityModel(gazetteer, bits, scheme, first, second);
    }

    private static PerceptronEntityModel LoadEmbedded()
    {
        using var stream = typeof(PerceptronEntityModel).Assembly.GetManifestResourceStream("Dossier.Models.ner.bin")
            ?? throw new InvalidOperationException("embedded model ner.bin is missing");
        using var buffered = new BufferedStream(stream, 1 << 16);
        return Load(buffered, Gazetteer.Default);
    }
}
