namespace Dossier.Annotate;

/// <summary>
/// Turns the words of a sentence into hashed feature buckets for the entity tagger: the word, its shape, affixes and
/// case, its neighbours, gazetteer membership and what the rest of the document shows about the word.
/// </summary>
/// <remarks>Hashing is FNV-1a over a template number and the feature's characters, so buckets never depend on the runtime.</remarks>
public sealed class EntityFeatures(Gazetteer gazetteer, int bucketBits, WordClusters? clusters = null)
{
    private readonly WordClusters _clusters = clusters ?? WordClusters.Default;

    public int BucketBits => bucketBits;

    private readonly uint _mask = (1u << bucketBits) - 1;

    /// <summary>What a document says about its words: lower-cased forms seen capitalised mid-sentence, and seen in lower case.</summary>
    public sealed class DocumentEvidence
    {
        private DocumentEvidence(HashSet<string> capitalisedMidSentence, HashSet<string> lowerCase)
        {
            CapitalisedMidSentence = capitalisedMidSentence;
            LowerCase = lowerCase;
        }

        public IReadOnlySet<string> CapitalisedMidSentence { get; }
        public IReadOnlySet<string> LowerCase { get; }

        public static DocumentEvidence Of(IEnumerable<IReadOnlyList<string>> sentences)
        {
            var capitalised = new HashSet<string>(StringComparer.Ordinal);
            var lowerCase = new HashSet<string>(StringComparer.Ordinal);
            foreach (var words in sentences)
            {
                var allCaps = words.Count(IsAllCaps) * 2 > words.Count; // a shouted headline says nothing about case
                for (var i = 0; i < words.Count; i++)
                {
                    var w = words[i];
                    if (w.Length == 0 || !char.IsLetter(w[0])) continue;
                    if (char.IsLower(w[0])) lowerCase.Add(w);
                    else if (i > 0 && !allCaps && !IsAllCaps(w)) capitalised.Add(w.ToLowerInvariant());
                }
            }
            return new DocumentEvidence(capitalised, lowerCase);
        }
    }

    /// <summary>
    /// The features of a word that depend on nothing but the word (and its document): computed once per distinct word
    /// of a document, in the order <see cref="Sentence"/> adds them.
    /// </summary>
    public sealed class WordCache
    {
        internal readonly Dictionary<string, WordInfo> Words = new(StringComparer.Ordinal);
    }

    /// <summary>A word's forms and its own feature runs.</summary>
    internal sealed record WordInfo(string Lower, string Shape, string Form, string Class, int[] Own, int[] Gazetteer, int[] Tail);

    /// <summary>The feature buckets of every word of a sentence.</summary>
    public int[][] Sentence(IReadOnlyList<string> original, DocumentEvidence document, WordCache? cache = null)
    {
        cache ??= new WordCache();
        var words = original.Select(Plain).ToArray();
        var n = words.Length;
        var lower = new string[n];
        var shapes = new string[n];
        var forms = new string[n];
        var infos = new WordInfo[n];
        var classes = new string[n];
        for (var i = 0; i < n; i++)
        {
            if (!cache.Words.TryGetValue(words[i], out var info))
            {
                var low = words[i].ToLowerInvariant();
                var shape = Shape(words[i]);
                var form = GazetteerForm(words[i]);
                var (own, gazetteerRun, tail) = OwnFeatures(words[i], low, shape, form, document);
                var wordClass = _clusters.Of(words[i]) is { } c ? c[1].ToString(System.Globalization.CultureInfo.InvariantCulture) : "-";
                info = new WordInfo(low, shape, form, wordClass, own, gazetteerRun, tail);
                cache.Words[words[i]] = info;
            }
            infos[i] = info;
            (lower[i], shapes[i], forms[i], classes[i]) = (info.Lower, info.Shape, info.Form, info.Class);
        }
        var phrases = Phrases(forms);
        var headline = words.Count(IsAllCaps) * 2 > n;
        var result = new int[n][];
        var buffer = new List<int>(96);
        for (var i = 0; i < n; i++)
        {
            buffer.Clear();
            var w = words[i];
            var own = infos[i];
            buffer.AddRange(own.Own);
            var capitalised = w.Length > 0 && char.IsUpper(w[0]);
            var allCaps = IsAllCaps(w);
            Flag(buffer, 34, i == 0);
            Flag(buffer, 35, i == 0 && capitalised);
            Flag(buffer, 36, headline);
            Flag(buffer, 37, headline && capitalised);

            Add(buffer, 40, Word(lower, i - 1));
            Add(buffer, 41, Word(lower, i + 1));
            Add(buffer, 42, Word(lower, i - 2));
            Add(buffer, 43, Word(lower, i + 2));
            Add(buffer, 44, Word(shapes, i - 1));
            Add(buffer, 45, Word(shapes, i + 1));
            Add(buffer, 46, Word(shapes, i - 2));
            Add(buffer, 47, Word(shapes, i + 2));
            Add(buffer, 48, Word(lower, i - 1), lower[i]);
            Add(buffer, 49, lower[i], Word(lower, i + 1));
            Add(buffer, 50, Word(shapes, i - 1), shapes[i], Word(shapes, i + 1));
            Add(buffer, 51, Word(classes, i - 1));
            Add(buffer, 52, Word(classes, i + 1));

            buffer.AddRange(own.Gazetteer);
            if (i > 0) Add(buffer, 66, TitleNames[(int)gazetteer.TitleOf(words[i - 1])]);
            if (i + 1 < n) Flag(buffer, 67, gazetteer.IsSurname(forms[i + 1]));
            if (i > 0) Flag(buffer, 68, gazetteer.IsGivenName(forms[i - 1]));
            if (phrases[i] is { } phrase) Add(buffer, 69, phrase);
            if (i + 1 < n && phrases[i + 1] is { } nextPhrase) Add(buffer, 70, nextPhrase);
            if (i > 0 && phrases[i - 1] is { } previousPhrase) Add(buffer, 71, previousPhrase);
            buffer.AddRange(own.Tail);
            if (capitalised) Flag(buffer, 82, (i == 0 || allCaps) && document.CapitalisedMidSentence.Contains(lower[i]));
            result[i] = [.. buffer];
        }
        return result;
    }

    /// <summary>
    /// What a first pass tagged across a document: for each word (lower-cased) how often each type, or none, covered it,
    /// and for each name (the words of a tagged span) how often it was each type; the second pass reads these as features.
    /// </summary>
    public sealed class FirstPass
    {
        private const int Outside = 4; // the count slot of untagged occurrences, after the four types

        private FirstPass(IReadOnlyList<int[]> tags, Dictionary<string, int[]> words, Dictionary<string, int[]> names)
        {
            Tags = tags;
            Words = words;
            Names = names;
        }

        public IReadOnlyList<int[]> Tags { get; }
        internal Dictionary<string, int[]> Words { get; }
        internal Dictionary<string, int[]> Names { get; }

        public static FirstPass Of(IReadOnlyList<IReadOnlyList<string>> sentences, IReadOnlyList<int[]> tags)
        {
            var words = new Dictionary<string, int[]>(StringComparer.Ordinal);
            var names = new Dictionary<string, int[]>(StringComparer.Ordinal);
            for (var s = 0; s < sentences.Count; s++)
            {
                for (var k = 0; k < sentences[s].Count; k++)
                {
                    if (!HasUpper(sentences[s][k])) continue;
                    var key = sentences[s][k].ToLowerInvariant();
                    if (!words.TryGetValue(key, out var count)) words[key] = count = new int[5];
                    count[tags[s][k] == EntityTags.Outside ? Outside : (int)EntityTags.TypeOf(tags[s][k])]++;
                }
                foreach (var (first, end, type) in EntityTags.Chunks(tags[s]))
                {
                    var key = NameOf(sentences[s], first, end);
                    if (!names.TryGetValue(key, out var count)) names[key] = count = new int[5];
                    count[(int)type]++;
                }
            }
            return new FirstPass(tags, words, names);
        }

        internal static string NameOf(IReadOnlyList<string> words, int first, int end)
        {
            var parts = new string[end - first];
            for (var k = first; k < end; k++) parts[k - first] = words[k].ToLowerInvariant();
            return string.Join(' ', parts);
        }

        internal static bool HasUpper(string w)
        {
            foreach (var c in w)
                if (char.IsUpper(c)) return true;
            return false;
        }
    }

    private static readonly string[] CountNames = ["PER", "ORG", "LOC", "MISC", "O", "none"];

    /// <summary>
    /// The second pass's features: a sentence's first-pass features plus what the first pass said about the same word
    /// and the same name elsewhere in the document (the majority without this occurrence, each type seen, and the label
    /// of the word's last earlier occurrence).
    /// </summary>
    public int[][] SecondPass(IReadOnlyList<string> words, int sentence, int[][] firstFeatures, FirstPass firstPass, Dictionary<string, int> lastSeen)
    {
        var tags = firstPass.Tags[sentence];
        var n = words.Count;
        var result = new int[n][];
        var buffer = new List<int>(16);
        var nameOfToken = new string?[n];
        var typeOfToken = new int[n];
        foreach (var (first, end, type) in EntityTags.Chunks(tags))
        {
            var name = FirstPass.NameOf(words, first, end);
            for (var k = first; k < end; k++) { nameOfToken[k] = name; typeOfToken[k] = (int)type; }
        }
        var bilou = TagScheme.Bilou.FromIob(tags); // the first pass's tags with a name's last word and one-word names marked
        for (var i = 0; i < n; i++)
        {
            buffer.Clear();
            var own = tags[i] == EntityTags.Outside ? 4 : (int)EntityTags.TypeOf(tags[i]);
            Add(buffer, 100, TagScheme.Bilou.TagName(bilou[i]));
            Add(buffer, 107, i > 0 ? TagScheme.Bilou.TagName(bilou[i - 1]) : "<s>");
            Add(buffer, 108, i + 1 < n ? TagScheme.Bilou.TagName(bilou[i + 1]) : "</s>");
            if (FirstPass.HasUpper(words[i]))
            {
                var key = words[i].ToLowerInvariant();
                var counts = firstPass.Words[key];
                var others = Majority(counts, own);
                Add(buffer, 101, CountNames[others.Best]);
                Add(buffer, 102, CountNames[others.Best], CountNames[own]);
                if (others.Unanimous) Add(buffer, 103, CountNames[others.Best]);
                for (var t = 0; t < 5; t++)
                    if (counts[t] - (t == own ? 1 : 0) > 0) Add(buffer, 104, CountNames[t]);
                if (lastSeen.TryGetValue(key, out var earlier)) Add(buffer, 105, CountNames[earlier]);
                lastSeen[key] = own;
            }
            if (nameOfToken[i] is { } name)
            {
                var others = Majority(firstPass.Names[name], typeOfToken[i]);
                Add(buffer, 106, CountNames[others.Best], CountNames[typeOfToken[i]]);
            }
            var features = new int[firstFeatures[i].Length + buffer.Count];
            firstFeatures[i].CopyTo(features, 0);
            buffer.CopyTo(features, firstFeatures[i].Length);
            result[i] = features;
        }
        return result;
    }

    /// <summary>The most frequent slot of the counts leaving out one occurrence in <paramref name="own"/>; "none" (5) when none is left.</summary>
    private static (int Best, bool Unanimous) Majority(int[] counts, int own)
    {
        var best = 4;
        var bestCount = 0;
        var total = 0;
        for (var t = 0; t < 5; t++)
        {
            var c = counts[t] - (t == own ? 1 : 0);
            total += c;
            if (c > bestCount) { best = t; bestCount = c; }
        }
        return (total == 0 ? 5 : best, total > 0 && bestCount == total);
    }

    /// <summary>The word's own features, in three runs that <see cref="Sentence"/> interleaves with the context's.</summary>
    private (int[] Own, int[] Gazetteer, int[] Tail) OwnFeatures(string w, string lower, string shape, string form, DocumentEvidence document)
    {
        var buffer = new List<int>(32);
        Add(buffer, 0, "");
        Add(buffer, 1, lower);
        Add(buffer, 2, shape);
        Add(buffer, 3, ShortShape(shape));
        for (var k = 1; k <= 4 && k <= w.Length; k++)
        {
            Add(buffer, 10 + k, w.AsSpan(0, k));
            Add(buffer, 20 + k, w.AsSpan(w.Length - k));
        }
        var capitalised = w.Length > 0 && char.IsUpper(w[0]);
        Flag(buffer, 30, capitalised);
        Flag(buffer, 31, IsAllCaps(w));
        Flag(buffer, 32, w.AsSpan().IndexOfAnyInRange('0', '9') >= 0);
        Flag(buffer, 33, w.Contains('-'));
        if (_clusters.Of(w) is { } classes)
            for (var g = 0; g < classes.Length; g++) Add(buffer, 90 + g, classes[g].ToString(System.Globalization.CultureInfo.InvariantCulture));
        else Flag(buffer, 89, true);
        var own = buffer.ToArray();

        buffer.Clear();
        Flag(buffer, 60, gazetteer.IsGivenName(form));
        Flag(buffer, 61, gazetteer.IsSurname(form));
        Flag(buffer, 62, gazetteer.IsOrganisationWord(form));
        Flag(buffer, 63, gazetteer.IsPlaceWord(form));
        Flag(buffer, 64, gazetteer.IsCommonWord(w));
        Add(buffer, 65, TitleNames[(int)gazetteer.TitleOf(w)]);
        var gazetteerRun = buffer.ToArray();

        buffer.Clear();
        Flag(buffer, 72, capitalised && gazetteer.IsCommonWord(w));
        Flag(buffer, 73, gazetteer.IsCompanyWord(form));
        if (capitalised)
        {
            Flag(buffer, 80, document.CapitalisedMidSentence.Contains(lower));
            Flag(buffer, 81, document.LowerCase.Contains(lower));
        }
        return (own, gazetteerRun, buffer.ToArray());
    }

    /// <summary>Typographic quotes and dashes as the plain ASCII the training text uses.</summary>
    internal static string Plain(string word) => word switch
    {
        "“" or "”" or "„" or "«" or "»" => "\"",
        "‘" or "’" => "'",
        "—" or "–" => "--",
        _ => word.Contains('’') ? word.Replace('’', '\'') : word,
    };

    private static string Word(string[] words, int i) => i < 0 ? "<s>" : i >= words.Length ? "</s>" : words[i];

    private void Flag(List<int> buffer, int template, bool on)
    {
        if (on) Add(buffer, template, "");
    }

    // The names of TitleKind as hashed, without formatting an enum per word.
    private static readonly string[] TitleNames = [nameof(TitleKind.None), nameof(TitleKind.Honorific), nameof(TitleKind.Role), nameof(TitleKind.Modifier)];

    private void Add(List<int> buffer, int template, ReadOnlySpan<char> value) => buffer.Add(Bucket(Hash(Start(template), value)));

    /// <summary>Two or three parts joined by '|', hashed as the joined string would be, without building it.</summary>
    private void Add(List<int> buffer, int template, string first, string second, string? third = null)
    {
        var h = Hash(Start(template), first);
        h = Hash(h, "|");
        h = Hash(h, second);
        if (third is not null) h = Hash(Hash(h, "|"), third);
        buffer.Add(Bucket(h));
    }

    private static ulong Start(int template) => (((14695981039346656037UL ^ (ulong)template) * 1099511628211UL) ^ 0xFF) * 1099511628211UL;

    private static ulong Hash(ulong h, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            h = (h ^ (c & 0xFFu)) * 1099511628211UL;
            h = (h ^ (uint)(c >> 8)) * 1099511628211UL;
        }
        return h;
    }

    private int Bucket(ulong h)
    {
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)((uint)h & _mask);
    }

    internal static bool IsAllCaps(string w)
    {
        var letters = 0;
        foreach (var c in w)
        {
            if (char.IsLower(c)) return false;
            if (char.IsLetter(c)) letters++;
        }
        return letters > 1;
    }

    /// <summary>How a shouted word would be written in the tables: "GERMANY" as "Germany"; others as they are.</summary>
    private static string GazetteerForm(string w)
        => w.Length >= 4 && IsAllCaps(w) ? string.Concat(w.AsSpan(0, 1), w.AsSpan(1).ToString().ToLowerInvariant()) : w;

    /// <summary>The word with letters as X/x and digits as d, other characters kept, capped at 12 characters.</summary>
    internal static string Shape(string w)
    {
        var length = Math.Min(w.Length, 12);
        return string.Create(length, w, (span, word) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = word[i];
                span[i] = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            }
        });
    }

    /// <summary>The shape with repeated characters collapsed: "Xxxxx" becomes "Xx", "dd-dd" becomes "d-d".</summary>
    internal static string ShortShape(string shape)
    {
        var chars = new char[shape.Length];
        var n = 0;
        foreach (var c in shape)
            if (n == 0 || chars[n - 1] != c) chars[n++] = c;
        return new string(chars, 0, n);
    }

    /// <summary>For each word, the kind and B/I position of the longest known gazetteer phrase covering it.</summary>
    private string?[] Phrases(string[] forms)
    {
        var result = new string?[forms.Length];
        Span<char> key = stackalloc char[256];
        for (var i = 0; i < forms.Length; i++)
        {
            if (forms[i].Length == 0 || !char.IsUpper(forms[i][0])) continue;
            var max = Math.Min(gazetteer.MaxPhraseTokens, forms.Length - i);
            for (var n = max; n >= 1; n--)
            {
                var length = 0;
                var fits = true;
                for (var k = i; k < i + n && fits; k++)
                {
                    if (k > i) key[length++] = ' ';
                    fits = length + forms[k].Length < key.Length;
                    if (fits) { forms[k].AsSpan().CopyTo(key[length..]); length += forms[k].Length; }
                }
                if (!fits) continue;
                var kind = gazetteer.PhraseOf(key[..length]);
                if (kind == PhraseKind.None) continue;
                for (var k = i; k < i + n; k++) result[k] = (k == i ? "B-" : "I-") + kind + (n > 1 ? "+" : "");
                i += n - 1;
                break;
            }
        }
        return result;
    }
}
