using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dossier.Eval;

/// <summary>One article of the set: a real ECB+ text or a transformed copy of one.</summary>
public sealed record NearDupDocument(string Id, string Text, string? OriginalId = null);

/// <summary>
/// One labelled pair. Kind names the transformation (positives) or how the two were drawn (negatives); Rate is the
/// measured amount of change: boilerplate and inserted words as a share of the original's words, the share of body
/// sentences deleted, the share of the lead's words not kept in order. Round says which detector run holds the copy.
/// </summary>
public sealed record NearDupPair(string A, string B, bool Duplicate, string Kind, double Rate, int Round, string Detail);

/// <summary>The generated set: the real articles, the copies, the pairs, and the same-story pairs left out as wire copies.</summary>
public sealed record NearDupSet(
    IReadOnlyList<NearDupDocument> Originals,
    IReadOnlyList<NearDupDocument> Copies,
    IReadOnlyList<NearDupPair> Pairs,
    IReadOnlyList<(string A, string B, double Overlap)> WireCopies,
    int Rounds);

/// <summary>
/// Builds a near-duplicate test set from real ECB+ articles, deterministically from a seed: copies of an article with
/// boilerplate added, a passage of another article inserted, sentences deleted, the lead reworded, or several of these,
/// at known rates; negatives are distinct articles of one event (other outlets on the same story), of one topic but
/// another event, and of different topics. Same-event pairs whose real texts already share at least
/// <see cref="WireOverlap"/> of the shorter one's 5-word runs are syndicated copies in the source data, not negatives,
/// and are left out and listed.
/// </summary>
public static partial class NearDupSetBuilder
{
    /// <summary>Articles with fewer body words are not copied: a copy of a few lines is a quote, not an article.</summary>
    public const int MinOriginalWords = 150;

    /// <summary>Share of the shorter text's distinct 5-word runs found in the other above which two real articles are one wire text.</summary>
    public const double WireOverlap = 0.5;

    public const int CopiesPerOriginal = 2;

    public static readonly string[] PositiveKinds = ["exact", "boilerplate", "insert", "delete", "lead", "combined"];

    // Relative frequency of each positive kind (the edited kinds carry most of the weight).
    private static readonly int[] KindWeights = [1, 2, 2, 2, 2, 3];

    private const int SameEventNegatives = 1000;
    private const int SameTopicNegatives = 600;
    private const int RandomNegatives = 400;

    private static readonly string[] Headers =
    [
        "Home | News | World",
        "By Staff Writer, Wire Services",
        "This article was originally published by a partner news agency.",
        "Posted in: Latest News",
        "Filed under: Top Stories, National",
        "Updated 2 hours ago",
        "Listen to this article",
        "Advertisement",
    ];

    private static readonly string[] Footers =
    [
        "Read more: Top stories of the day",
        "Share this article: Facebook Twitter Email Print",
        "Copyright 2024 The Associated Wire. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
        "Sign up for our daily newsletter to get the latest headlines in your inbox.",
        "Related articles",
        "Click here to leave a comment.",
        "Follow us on social media for breaking news updates.",
        "Reporting by our correspondents; editing by the news desk.",
        "Have a news tip? Contact our newsroom.",
    ];

    // Generic newsroom synonyms for the lead rewrite (the generator's own; the detector knows no words).
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["said"] = "stated", ["says"] = "states", ["told"] = "informed", ["after"] = "following", ["before"] = "ahead of",
        ["killed"] = "left dead", ["died"] = "was killed", ["police"] = "officers", ["officials"] = "authorities",
        ["announced"] = "revealed", ["reported"] = "said", ["people"] = "individuals", ["big"] = "large",
        ["large"] = "major", ["major"] = "significant", ["new"] = "fresh", ["more"] = "over", ["about"] = "around",
        ["near"] = "close to", ["during"] = "in the course of", ["because"] = "as", ["help"] = "assist",
        ["show"] = "reveal", ["shows"] = "reveals", ["began"] = "started", ["start"] = "begin", ["started"] = "began",
        ["week"] = "weekend", ["today"] = "on the day", ["hit"] = "struck", ["struck"] = "hit", ["quake"] = "earthquake",
        ["earthquake"] = "tremor", ["man"] = "person", ["woman"] = "person", ["arrested"] = "detained",
        ["charged"] = "accused", ["fire"] = "blaze", ["team"] = "side", ["won"] = "claimed", ["deal"] = "agreement",
        ["company"] = "firm", ["bought"] = "acquired", ["buy"] = "acquire", ["plans"] = "intends", ["also"] = "additionally",
        ["however"] = "but", ["while"] = "whereas", ["several"] = "a number of", ["many"] = "numerous",
        ["Monday"] = "Tuesday", ["Tuesday"] = "Wednesday", ["Wednesday"] = "Thursday", ["Thursday"] = "Friday",
        ["Friday"] = "Saturday", ["late"] = "later", ["early"] = "earlier", ["first"] = "initial", ["last"] = "previous",
        ["in"] = "within", ["on"] = "upon", ["at"] = "in", ["was"] = "had been", ["were"] = "had been", ["has"] = "had",
    };

    private static readonly HashSet<string> Droppable = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "that", "very", "also", "just", "now", "reportedly", "still", "already", "then", "really",
    };

    public static NearDupSet Build(string shared, int seed)
    {
        var folder = Path.Combine(shared, "data", "ecbplus", "text");
        using var goldStream = File.OpenRead(Path.Combine(folder, "gold.json"));
        var gold = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(goldStream)
            ?? throw new InvalidDataException("gold.json is empty");
        var originals = Directory.GetFiles(folder, "*.txt")
            .Order(StringComparer.Ordinal)
            .Select(path => new NearDupDocument(Path.GetFileNameWithoutExtension(path), File.ReadAllText(path).Replace("\r\n", "\n")))
            .Where(d => gold.ContainsKey(d.Id))
            .ToList();
        var topic = originals.ToDictionary(d => d.Id, d => gold[d.Id]["topic"], StringComparer.Ordinal);
        var story = originals.ToDictionary(d => d.Id, d => gold[d.Id]["event"], StringComparer.Ordinal);
        var pool = originals.Where(d => WordCount(Body(d.Text)) >= MinOriginalWords).ToList();
        var shingles = pool.ToDictionary(d => d.Id, d => ShingleSet(d.Text), StringComparer.Ordinal);

        // Same-event pairs sharing most of their text are one wire story in the source: not negatives, and their
        // articles are not copied (a copy would belong to the whole wire group, not to one pair).
        var wire = new List<(string, string, double)>();
        var sameEvent = new List<(NearDupDocument, NearDupDocument)>();
        var sameTopic = new List<(NearDupDocument, NearDupDocument)>();
        for (var i = 0; i < pool.Count; i++)
        {
            for (var j = i + 1; j < pool.Count; j++)
            {
                var (a, b) = (pool[i], pool[j]);
                if (story[a.Id] == story[b.Id])
                {
                    var overlap = Containment(shingles[a.Id], shingles[b.Id]);
                    if (overlap >= WireOverlap) wire.Add((a.Id, b.Id, Math.Round(overlap, 3)));
                    else sameEvent.Add((a, b));
                }
                else if (topic[a.Id] == topic[b.Id]) sameTopic.Add((a, b));
            }
        }
        var inWire = wire.SelectMany(w => new[] { w.Item1, w.Item2 }).ToHashSet(StringComparer.Ordinal);
        // Two articles each copied from a third are copies of each other too: the wire groups are closed under that.
        var wireGroup = pool.ToDictionary(d => d.Id, d => d.Id, StringComparer.Ordinal);
        string Group(string id) => wireGroup[id] == id ? id : wireGroup[id] = Group(wireGroup[id]);
        foreach (var (a, b, _) in wire) wireGroup[Group(a)] = Group(b);
        sameEvent.RemoveAll(p => Group(p.Item1.Id) == Group(p.Item2.Id));

        var random = new Random(seed);
        var copies = new List<NearDupDocument>();
        var pairs = new List<NearDupPair>();

        // Each original gets one copy per round, of different kinds, so a round never holds two copies of one article.
        var schedule = KindWeights.SelectMany((w, k) => Enumerable.Repeat(k, w)).ToArray();
        var order = pool.Where(d => !inWire.Contains(d.Id)).ToList();
        Shuffle(order, random);
        for (var i = 0; i < order.Count; i++)
        {
            var original = order[i];
            var first = schedule[random.Next(schedule.Length)];
            int second;
            do second = schedule[random.Next(schedule.Length)]; while (second == first);
            int[] kinds = [first, second];
            for (var round = 0; round < CopiesPerOriginal; round++)
            {
                var kind = PositiveKinds[kinds[round]];
                var donor = PickDonor(pool, original, topic, random);
                var (text, rate, detail) = Transform(original.Text, kind, donor.Text, random);
                var id = $"{original.Id}~copy{round}";
                copies.Add(new NearDupDocument(id, text, original.Id));
                pairs.Add(new NearDupPair(original.Id, id, true, kind, Math.Round(rate, 4), round, detail));
            }
        }

        foreach (var (a, b) in Sample(sameEvent, SameEventNegatives, random))
            pairs.Add(new NearDupPair(a.Id, b.Id, false, "same event", Overlap(a, b), 0, story[a.Id]));
        foreach (var (a, b) in Sample(sameTopic, SameTopicNegatives, random))
            pairs.Add(new NearDupPair(a.Id, b.Id, false, "same topic", Overlap(a, b), 0, topic[a.Id]));
        var drawn = new HashSet<(string, string)>();
        while (drawn.Count < RandomNegatives)
        {
            var a = pool[random.Next(pool.Count)];
            var b = pool[random.Next(pool.Count)];
            if (topic[a.Id] == topic[b.Id] || string.CompareOrdinal(a.Id, b.Id) > 0 || !drawn.Add((a.Id, b.Id))) continue;
            pairs.Add(new NearDupPair(a.Id, b.Id, false, "other topic", Overlap(a, b), 0, ""));
        }
        return new NearDupSet(originals, copies, pairs, wire, CopiesPerOriginal);

        double Overlap(NearDupDocument a, NearDupDocument b) => Math.Round(Containment(shingles[a.Id], shingles[b.Id]), 4);
    }

    /// <summary>
    /// Another article, of another topic, at least three times as long as the most that can be taken from it (half
    /// the original), so the donor is never itself contained in the copy.
    /// </summary>
    private static NearDupDocument PickDonor(List<NearDupDocument> pool, NearDupDocument original, Dictionary<string, string> topic, Random random)
    {
        var needed = 1.5 * WordCount(Body(original.Text));
        var fit = pool.Where(d => topic[d.Id] != topic[original.Id] && WordCount(Body(d.Text)) >= needed).ToList();
        // For the longest originals no donor is long enough; the longest one is used and Insert takes at most a third of it.
        return fit.Count > 0 ? fit[random.Next(fit.Count)]
            : pool.Where(d => topic[d.Id] != topic[original.Id]).MaxBy(d => WordCount(Body(d.Text)))!;
    }

    /// <summary>Applies one kind of change; returns the copy's text, the measured rate and a short description.</summary>
    public static (string Text, double Rate, string Detail) Transform(string original, string kind, string donor, Random random)
    {
        var doc = Parse(original);
        var words = WordCount(Body(original));
        double rate;
        string detail;
        switch (kind)
        {
            case "exact":
                return (CopyUrl(random) + "\n" + Body(original), 0, "same text on another page");
            case "boilerplate":
                (rate, detail) = AddBoilerplate(doc, words, random);
                break;
            case "insert":
                (rate, detail) = Insert(doc, donor, words, 0.1 + 0.4 * random.NextDouble(), random);
                break;
            case "delete":
                (rate, detail) = Delete(doc, 0.1 + 0.2 * random.NextDouble(), random);
                break;
            case "lead":
                (rate, detail) = RewriteLead(doc, random);
                break;
            case "combined":
                var (b, _) = AddBoilerplate(doc, words, random);
                var (l, _) = RewriteLead(doc, random);
                if (random.Next(2) == 0)
                {
                    (rate, _) = Delete(doc, 0.1 + 0.2 * random.NextDouble(), random);
                    detail = $"delete+lead+boilerplate (boilerplate {b:F2}, lead {l:F2})";
                }
                else
                {
                    (rate, _) = Insert(doc, donor, words, 0.1 + 0.4 * random.NextDouble(), random);
                    detail = $"insert+lead+boilerplate (boilerplate {b:F2}, lead {l:F2})";
                }
                break;
            default:
                throw new ArgumentException($"unknown kind {kind}", nameof(kind));
        }
        return (CopyUrl(random) + "\n" + string.Join("\n", doc.Select(line => string.Join(" ", line))), rate, detail);
    }

    private static string CopyUrl(Random random) => $"http://copies.example/story/{random.Next(1_000_000):D6}";

    /// <summary>Header lines above the text and footer lines below it; rate = their words over the original's.</summary>
    private static (double, string) AddBoilerplate(List<List<string>> doc, int words, Random random)
    {
        var header = Pick(Headers, 1 + random.Next(3), random);
        var footer = Pick(Footers, 1 + random.Next(4), random);
        for (var k = header.Count - 1; k >= 0; k--) doc.Insert(0, [header[k]]);
        foreach (var line in footer) doc.Add([line]);
        var added = header.Concat(footer).Sum(WordCount);
        return ((double)added / words, $"{header.Count} header, {footer.Count} footer lines");
    }

    /// <summary>A run of consecutive sentences of the donor, about <paramref name="target"/> of the original's words, as a new paragraph.</summary>
    private static (double, string) Insert(List<List<string>> doc, string donor, int words, double target, Random random)
    {
        var sentences = Parse(donor).Skip(1).SelectMany(l => l).Where(s => WordCount(s) >= 4).ToList();
        var start = random.Next(Math.Max(1, sentences.Count / 2));
        var passage = new List<string>();
        var taken = 0;
        var most = WordCount(Body(donor)) / 3;
        for (var k = start; k < sentences.Count && taken < target * words && taken + WordCount(sentences[k]) <= most; k++)
        {
            passage.Add(sentences[k]);
            taken += WordCount(sentences[k]);
        }
        var at = 2 + random.Next(Math.Max(1, doc.Count - 1)); // after the title and lead paragraph
        doc.Insert(Math.Min(at, doc.Count), passage);
        return ((double)taken / words, $"{passage.Count} sentences inserted");
    }

    /// <summary>Deletes body sentences (never the title line); rate = sentences deleted over body sentences.</summary>
    private static (double, string) Delete(List<List<string>> doc, double target, Random random)
    {
        var slots = new List<(int Line, int Sentence)>();
        for (var l = 1; l < doc.Count; l++)
            for (var s = 0; s < doc[l].Count; s++)
                if (!IsBoilerplate(doc[l][s])) slots.Add((l, s));
        // Rounded, but never past the stated 30% (short texts would otherwise round up to a third).
        var count = Math.Max(1, Math.Min((int)Math.Round(target * slots.Count), (int)(0.3 * slots.Count)));
        Shuffle(slots, random);
        var gone = slots.Take(count).OrderByDescending(x => x.Line).ThenByDescending(x => x.Sentence).ToList();
        foreach (var (line, sentence) in gone) doc[line].RemoveAt(sentence);
        doc.RemoveAll(line => line.Count == 0);
        return ((double)count / slots.Count, $"{count} of {slots.Count} sentences deleted");
    }

    /// <summary>
    /// Rewords the first one or two full sentences of the body: synonyms swapped, clauses around a comma reordered,
    /// small words dropped; rate = the lead's words not kept in order (1 - LCS / length).
    /// </summary>
    private static (double, string) RewriteLead(List<List<string>> doc, Random random)
    {
        var wanted = 1 + random.Next(2);
        var before = new List<string>();
        var after = new List<string>();
        for (var l = 0; l < doc.Count && wanted > 0; l++)
        {
            for (var s = 0; s < doc[l].Count && wanted > 0; s++)
            {
                var sentence = doc[l][s];
                if (WordCount(sentence) < 8 || IsBoilerplate(sentence) || !".!?\"'”".Contains(sentence[^1])) continue;
                var reworded = Reword(sentence, random);
                before.AddRange(Words(sentence));
                after.AddRange(Words(reworded));
                doc[l][s] = reworded;
                wanted--;
            }
        }
        if (before.Count == 0) return (0, "no lead sentence");
        var kept = Lcs(before, after);
        return (1 - (double)kept / before.Count, $"{before.Count} lead words reworded");
    }

    private static string Reword(string sentence, Random random)
    {
        var text = sentence;
        // Clause reordering: "A, B." becomes "B, a." when the comma sits well inside the sentence.
        var comma = text.IndexOf(", ", StringComparison.Ordinal);
        if (comma > 15 && comma < text.Length - 20 && random.NextDouble() < 0.6)
        {
            var head = text[..comma];
            var tail = text[(comma + 2)..].TrimEnd('.', '!', '?');
            var end = ".!?".Contains(text[^1]) ? text[^1].ToString() : "";
            text = char.ToUpperInvariant(tail[0]) + tail[1..] + ", " + LowerFirst(head) + end;
        }
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        var output = new List<string>();
        foreach (var token in tokens)
        {
            var core = token.TrimEnd(',', '.', ';', ':', '!', '?');
            var trail = token[core.Length..];
            if (Droppable.Contains(core) && trail.Length == 0 && random.NextDouble() < 0.5) continue;
            if (Synonyms.TryGetValue(core, out var synonym) && random.NextDouble() < 0.7)
                output.Add(synonym + trail);
            else output.Add(token);
        }
        // A rewrite changes something: with no synonym or comma met, one word in the middle is dropped.
        if (output.SequenceEqual(tokens)) output.RemoveAt(output.Count / 2);
        var result = string.Join(' ', output);
        return result.Length > 0 ? char.ToUpperInvariant(result[0]) + result[1..] : result;
    }

    private static string LowerFirst(string s) =>
        s.Length > 1 && char.IsUpper(s[0]) && char.IsLower(s[1]) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    private static bool IsBoilerplate(string sentence) => Headers.Contains(sentence) || Footers.Contains(sentence);

    /// <summary>The text as lines of sentences, without the source URL line.</summary>
    public static List<List<string>> Parse(string text) =>
        Body(text).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => SentenceBreak().Split(line).Where(s => s.Length > 0).ToList())
            .Where(line => line.Count > 0)
            .ToList();

    /// <summary>The text without a first line that is only a URL (ECB+ keeps the source there).</summary>
    public static string Body(string text)
    {
        var firstLine = text.IndexOf('\n');
        var first = firstLine < 0 ? text : text[..firstLine];
        return first.StartsWith("http", StringComparison.Ordinal) && !first.Trim().Contains(' ') && firstLine >= 0 ? text[(firstLine + 1)..] : text;
    }

    public static IReadOnlyList<string> Words(string text) => WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).ToList();

    public static int WordCount(string text) => WordPattern().Count(text);

    /// <summary>Distinct runs of five lower-cased words (exact, for the source-data overlap check).</summary>
    public static HashSet<string> ShingleSet(string text)
    {
        var words = Words(Body(text));
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 5 <= words.Count; i++) set.Add(string.Join(' ', words.Skip(i).Take(5)));
        return set;
    }

    /// <summary>Share of the smaller set found in the other.</summary>
    public static double Containment(HashSet<string> a, HashSet<string> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        return small.Count == 0 ? 0 : (double)small.Count(large.Contains) / small.Count;
    }

    public static int Lcs(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var row = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            var diagonal = 0;
            for (var j = 1; j <= b.Count; j++)
            {
                var up = row[j];
                row[j] = a[i - 1] == b[j - 1] ? diagonal + 1 : Math.Max(row[j], row[j - 1]);
                diagonal = up;
            }
        }
        return row[b.Count];
    }

    private static List<string> Pick(string[] lines, int count, Random random)
    {
        var copy = lines.ToList();
        Shuffle(copy, random);
        return copy.Take(count).ToList();
    }

    private static List<T> Sample<T>(List<T> items, int count, Random random)
    {
        var copy = items.ToList();
        Shuffle(copy, random);
        return copy.Take(count).ToList();
    }

    private static void Shuffle<T>(IList<T> items, Random random)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    [GeneratedRegex(@"(?<=[.!?][""”']?)\s+(?=[""“A-Z0-9])")]
    private static partial Regex SentenceBreak();

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}]+)?")]
    private static partial Regex WordPattern();
}
