using System.Globalization;
using System.Text.Json;
using Dossier.Model;

namespace Dossier.Eval.Scale;

/// <summary>A real event used as the pattern of generated stories: its annotated articles and the words of its names.</summary>
public sealed record StoryTemplate(string Event, IReadOnlyList<AnnotatedArticle> Articles, IReadOnlySet<string> NameWords);

/// <summary>Settings of the generated stream.</summary>
public sealed record ScaleCorpusOptions
{
    public int Seed { get; init; } = 7;
    /// <summary>Articles arriving per simulated day: a large wire-and-web feed.</summary>
    public int ArticlesPerDay { get; init; } = 1500;
    /// <summary>Share of articles that are copies of an earlier article of their story (half exact, half trimmed).</summary>
    public double DuplicateRate { get; init; } = 0.1;
    /// <summary>Tail exponent of story sizes (Pareto): most stories have one or two articles, a few hundreds.</summary>
    public double SizeExponent { get; init; } = 1.3;
    public int MaxStorySize { get; init; } = 1000;
    /// <summary>Days over which a story's articles arrive after its first.</summary>
    public int SpreadDays { get; init; } = 6;
    /// <summary>Distinct made-up names stories draw from, so names recur across stories as real ones do.</summary>
    public int NamePool { get; init; } = 20000;
    public DateOnly FirstDay { get; init; } = new(2025, 1, 6);
}

/// <summary>A generated story: its template, first day, size and the seed of its names.</summary>
public readonly record struct PlannedStory(int Template, int StartDay, int Size, int Seed);

/// <summary>One article of the plan: which story and which of its articles, its day, and the article it copies (or -1).</summary>
public readonly record struct PlannedArticle(int Story, int Index, int Day, int CopyOf, int Exact, long Order);

/// <summary>A generated article with the story it belongs to.</summary>
public sealed record GeneratedArticle(AnnotatedArticle Annotated, int Story, bool Copy);

/// <summary>
/// Generates a large stream of annotated articles from real annotated ones: each story re-uses a real event as its
/// pattern, with its names replaced by made-up ones drawn for the story (so two stories from one pattern differ
/// where real ones of the same kind do: in who and where), and each article recombines sentences of the event's
/// articles with their annotation layers moved, so the annotator never runs on generated text. Deterministic for a
/// seed; only the small plan is held, articles are built when asked for.
/// </summary>
public sealed class ScaleCorpus
{
    private static readonly string[] Syllables = BuildSyllables();
    private readonly IReadOnlyList<StoryTemplate> _templates;
    private readonly ScaleCorpusOptions _options;
    private readonly string[] _words;

    public ScaleCorpus(IReadOnlyList<StoryTemplate> templates, ScaleCorpusOptions options)
    {
        if (templates.Count == 0) throw new ArgumentException("no templates", nameof(templates));
        _templates = templates;
        _options = options;
        _words = [.. templates.SelectMany(t => t.Articles).SelectMany(a => a.Tokens.Select(t => a.Text.Substring(t.Start, t.Length)))
            .Where(IsPlainWord).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<PlannedStory> Stories { get; private set; } = [];

    /// <summary>Plans <paramref name="count"/> articles and returns them in order of arrival.</summary>
    public PlannedArticle[] Plan(int count)
    {
        var random = new Random(_options.Seed);
        var stories = new List<PlannedStory>();
        var planned = new PlannedArticle[count];
        var n = 0;
        while (n < count)
        {
            var size = (int)Math.Min(_options.MaxStorySize, Math.Floor(Math.Pow(1 - random.NextDouble(), -1 / _options.SizeExponent)));
            size = Math.Min(size, count - n);
            var story = new PlannedStory(random.Next(_templates.Count), n / _options.ArticlesPerDay, size, random.Next());
            var id = stories.Count;
            stories.Add(story);
            var days = new int[size];
            var orders = new long[size];
            var copies = new int[size];
            for (var k = 0; k < size; k++)
            {
                var copyOf = k > 0 && random.NextDouble() < _options.DuplicateRate ? random.Next(k) : -1;
                if (copyOf >= 0 && copies[copyOf] >= 0) copyOf = copies[copyOf]; // a copy of a copy is built from the first original
                copies[k] = copyOf;
                var exact = random.Next(2);
                var day = copyOf >= 0 ? days[copyOf] + random.Next(2)
                    : k == 0 ? story.StartDay : story.StartDay + Math.Min(_options.SpreadDays, Geometric(random));
                days[k] = day;
                // Within a day articles arrive in a random order, but a copy after its original.
                var order = random.NextInt64();
                if (copyOf >= 0 && day == days[copyOf] && order <= orders[copyOf])
                    order = orders[copyOf] + (long)((long.MaxValue - orders[copyOf]) * random.NextDouble());
                orders[k] = order;
                planned[n++] = new PlannedArticle(id, k, day, copyOf, exact, order);
            }
        }
        Stories = stories;
        Array.Sort(planned, (x, y) =>
        {
            var c = x.Day.CompareTo(y.Day);
            if (c == 0) c = x.Order.CompareTo(y.Order);
            if (c == 0) c = x.Story.CompareTo(y.Story);
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        });
        return planned;
    }

    private static int Geometric(Random random)
    {
        var days = 0;
        while (random.NextDouble() < 0.5) days++;
        return days;
    }

    /// <summary>Builds the planned article (a copy is built from its original, then trimmed when not exact).</summary>
    public GeneratedArticle Generate(PlannedArticle planned)
    {
        var story = Stories[planned.Story];
        var template = _templates[story.Template];
        var source = planned.CopyOf >= 0 ? planned.CopyOf : planned.Index;
        var random = new Random(Mix(Mix(_options.Seed, story.Seed), source));
        var lead = template.Articles[random.Next(template.Articles.Count)];
        var picks = new List<SentencePick>();
        for (var s = 0; s < lead.Sentences.Count; s++)
        {
            if (s > 0 && random.NextDouble() < 0.2) continue;
            // Most sentences come from any article of the event, so two articles of a story share few runs of words.
            if (s > 0 && random.NextDouble() < 0.7)
            {
                var other = template.Articles[random.Next(template.Articles.Count)];
                if (other.Sentences.Count > 0) picks.Add(new SentencePick(other, random.Next(other.Sentences.Count)));
                continue;
            }
            picks.Add(new SentencePick(lead, s));
        }
        if (planned.CopyOf >= 0 && planned.Exact == 0 && picks.Count > 2)
            picks.RemoveAt(new Random(Mix(story.Seed, planned.Index)).Next(1, picks.Count));

        string? Rename(string word) => template.NameWords.Contains(word) ? NameFor(story.Seed, word) : WordFor(story.Seed, word);
        var date = _options.FirstDay.AddDays(planned.Day);
        var shell = new Article(string.Create(CultureInfo.InvariantCulture, $"g{planned.Story}-{planned.Index}"), "generated", "", "")
        {
            Title = lead.Article.Title is { } title ? RenameWords(title, Rename) : null,
            Published = new PublishedDate(date, DatePrecision.Day, DateSource.Metadata),
        };
        return new GeneratedArticle(SentenceRecombiner.Compose(shell, picks, Rename), planned.Story, planned.CopyOf >= 0);
    }

    /// <summary>
    /// The word a story writes for a plain word of its template: about half are swapped for another word of the
    /// corpus, so two stories from one pattern share some of their vocabulary, not all of it.
    /// </summary>
    private string? WordFor(int storySeed, string word)
    {
        if (!IsPlainWord(word) || _words.Length == 0) return null;
        var h = Mix(storySeed, StableHash(word));
        return (h & 1) == 0 ? null : _words[(h >> 1) % _words.Length];
    }

    private static bool IsPlainWord(string word) => word.Length >= 4 && word.All(char.IsLower);

    /// <summary>The made-up name a story uses for a word of its template's names.</summary>
    private string NameFor(int storySeed, string word)
    {
        var index = (uint)Mix(storySeed, StableHash(word)) % (uint)_options.NamePool;
        var a = Syllables[index % (uint)Syllables.Length];
        var b = Syllables[index / (uint)Syllables.Length % (uint)Syllables.Length];
        var c = Syllables[index / (uint)(Syllables.Length * Syllables.Length) % (uint)Syllables.Length];
        return string.Concat(char.ToUpperInvariant(a[0]).ToString(), a[1..], b, c);
    }

    private static string RenameWords(string text, Func<string, string?> rename) =>
        System.Text.RegularExpressions.Regex.Replace(text, @"\p{L}+", m => rename(m.Value) ?? m.Value);

    /// <summary>Mixes two numbers into a seed; HashCode.Combine is seeded anew in every process, and the corpus must not be.</summary>
    private static int Mix(int a, int b)
    {
        var z = ((ulong)(uint)a << 32 | (uint)b) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }

    /// <summary>FNV-1a: string.GetHashCode differs between processes, and the corpus must not.</summary>
    private static int StableHash(string word)
    {
        var h = 2166136261u;
        foreach (var ch in word) h = (h ^ ch) * 16777619u;
        return (int)h;
    }

    private static string[] BuildSyllables()
    {
        const string consonants = "bdfgklmnprstvz";
        const string vowels = "aeiou";
        return [.. from c in consonants from v in vowels select string.Concat(c.ToString(), v.ToString())];
    }

    /// <summary>
    /// Annotates the ECB+ texts with gold events and groups them by event; the words of a template's names are the
    /// capitalised words inside its entity mentions that never appear in lower case in its texts.
    /// </summary>
    public static IReadOnlyList<StoryTemplate> LoadTemplates(string shared, Func<Article, AnnotatedArticle> annotate, int? maxFiles = null)
    {
        var folder = Path.Combine(shared, "data", "ecbplus", "text");
        using var goldStream = File.OpenRead(Path.Combine(folder, "gold.json"));
        var gold = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(goldStream)
            ?? throw new InvalidDataException("gold.json is empty");
        var files = Directory.GetFiles(folder, "*.txt").Order(StringComparer.Ordinal)
            .Where(f => gold.ContainsKey(Path.GetFileNameWithoutExtension(f)));
        if (maxFiles is { } max) files = files.Take(max);
        var annotated = files.AsParallel().AsOrdered().Select(path =>
        {
            var document = new Ingest.SourceDocument(Path.GetFileNameWithoutExtension(path), path, "text", File.ReadAllText(path));
            return annotate(new Extract.PlainTextExtractor().Extract(document));
        }).ToList();
        return [.. annotated.GroupBy(a => gold[a.Id]["event"]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            var articles = g.ToList();
            var lower = new HashSet<string>(StringComparer.Ordinal);
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in articles)
            {
                foreach (var t in a.Tokens)
                    if (char.IsLower(a.Text[t.Start])) lower.Add(a.Text.Substring(t.Start, t.Length));
                foreach (var e in a.Entities)
                    foreach (var t in a.Tokens)
                        if (e.Span.Contains(t.Span) && t.Length > 1 && char.IsUpper(a.Text[t.Start]))
                            names.Add(a.Text.Substring(t.Start, t.Length));
            }
            names.RemoveWhere(w => lower.Contains(w.ToLowerInvariant()));
            return new StoryTemplate(g.Key, articles, names);
        })];
    }
}
