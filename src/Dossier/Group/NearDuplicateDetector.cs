using Dossier.Language;
using Dossier.Model;

namespace Dossier.Group;

/// <summary>
/// Settings of the near-duplicate detector.
/// <para>
/// Defaults: with 5-word shingles, independently written reports of one event share well under a tenth of their
/// shingles even when they carry the same quotes (on ECB+, 99% of same-event pairs share under 0.37 of the shorter
/// one's runs), while a copy that swaps the boilerplate, rewrites the lead or trims a paragraph keeps most of its
/// 5-word runs. A Jaccard of 0.5 (about two thirds of each text's runs shared) sits far from both. Containment of
/// 0.6 catches a copy that adds whole paragraphs of its own, where Jaccard falls with the added length although all
/// of the original is there, and a trimmed copy under new boilerplate with a reworded lead, whose shared runs fall
/// to two thirds of the shorter text.
/// </para>
/// </summary>
public sealed record NearDuplicateOptions
{
    /// <summary>Words per shingle.</summary>
    public int ShingleWords { get; init; } = 5;

    /// <summary>MinHash functions per article; the Jaccard estimate has a standard error of about 0.04 at 128.</summary>
    public int HashCount { get; init; } = 128;

    /// <summary>
    /// Jaccard down to which a pair should become an LSH candidate: a copy holding 60% of an original twice its
    /// length has a Jaccard of 0.25. The bands are computed from it (see <see cref="RowsPerBand"/>).
    /// </summary>
    public double CandidateJaccard { get; init; } = 0.25;

    /// <summary>
    /// Rows per LSH band (bands = HashCount / RowsPerBand); null: the most rows for which a pair at
    /// <see cref="CandidateJaccard"/> is a candidate at least <see cref="CandidateRecall"/> of the time. With 128 hashes
    /// and 0.25 that is 2 rows in 64 bands: 0.25 is found 98% of the time, 0.1 47%, 0.05 15%, and the exact check
    /// on candidates stays cheap.
    /// </summary>
    public int? RowsPerBand { get; init; }

    /// <summary>Chance of a pair at <see cref="CandidateJaccard"/> becoming a candidate that the computed banding must reach.</summary>
    public double CandidateRecall { get; init; } = 0.95;

    /// <summary>Jaccard of the shingle sets (counted exactly on candidates) at or above which two articles are copies.</summary>
    public double MinJaccard { get; init; } = 0.5;

    /// <summary>Share of the shorter article's shingles found in the longer one at or above which it is a copy.</summary>
    public double MinContainment { get; init; } = 0.6;

    /// <summary>Containment is trusted only when the shorter article has this many shingles (a one-line text is inside many).</summary>
    public int MinShinglesForContainment { get; init; } = 25;

    /// <summary>
    /// Days after which an article is no longer an original for a streamed one (<see cref="NearDuplicateDetector.Start"/>),
    /// counted from the latest day seen; null: no limit. Copies follow their original within a day or two, so a week
    /// keeps them while the memory held stays that of a week of articles.
    /// </summary>
    public int? WindowDays { get; init; }

    /// <summary>Most articles a stream keeps as possible originals, the earliest arrivals forgotten first; null: no limit.</summary>
    public int? MaxArticles { get; init; }

    /// <summary>Seed of the hash family: fixed so signatures are the same in every process and on every machine.</summary>
    public ulong Seed { get; init; } = 0x9E3779B97F4A7C15;
}

/// <summary>
/// Finds exact and near-duplicate articles (syndicated copies, lightly edited rewrites): MinHash signatures over
/// word shingles, LSH banding to find candidate pairs without comparing all pairs, and an exact count of the shared
/// shingles of each candidate pair for Jaccard and containment (the MinHash estimate only picks the candidates). Each copy links to its original: the earliest published, else the longest, else the
/// smallest id; an original is never itself a copy.
/// </summary>
public sealed class NearDuplicateDetector
{
    private readonly NearDuplicateOptions _options;
    private readonly ulong[] _multipliers;
    private readonly ulong[] _addends;
    private readonly int _rows;

    public NearDuplicateDetector() : this(new NearDuplicateOptions()) { }

    public NearDuplicateDetector(NearDuplicateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.HashCount < 1) throw new ArgumentOutOfRangeException(nameof(options), "HashCount must be positive");
        if (options.RowsPerBand is < 1 || options.RowsPerBand > options.HashCount)
            throw new ArgumentOutOfRangeException(nameof(options), "RowsPerBand must be between 1 and HashCount");
        if (options.CandidateJaccard is <= 0 or >= 1 || options.CandidateRecall is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(options), "CandidateJaccard and CandidateRecall must be between 0 and 1");
        if (options.WindowDays is < 0 || options.MaxArticles is < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "WindowDays must not be negative and MaxArticles must be positive");
        if (options.ShingleWords < 1) throw new ArgumentOutOfRangeException(nameof(options), "ShingleWords must be positive");
        _options = options;
        _rows = options.RowsPerBand ?? RowsFor(options.HashCount, options.CandidateJaccard, options.CandidateRecall);
        _multipliers = new ulong[options.HashCount];
        _addends = new ulong[options.HashCount];
        var state = options.Seed;
        for (var i = 0; i < options.HashCount; i++)
        {
            _multipliers[i] = SplitMix(ref state) | 1; // odd, so x -> a*x+b is a bijection on 64 bits
            _addends[i] = SplitMix(ref state);
        }
    }

    /// <summary>A stream that links each arriving article to an earlier one it copies, within the window of the options.</summary>
    public NearDuplicateStream Start() => new(this, _options, _rows);

    /// <summary>
    /// Links each copy in the batch to its original: the articles go through one stream (<see cref="Start"/>) in the
    /// order in which originals are chosen, so a copy only ever needs to look back.
    /// </summary>
    public IReadOnlyList<DuplicateLink> Find(IReadOnlyList<Article> articles)
    {
        ArgumentNullException.ThrowIfNull(articles);
        var n = articles.Count;
        if (n < 2) return [];

        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (x, y) => CompareAsOriginal(articles[x], articles[y], x, y));
        var stream = Start();
        var links = new DuplicateLink?[n];
        foreach (var i in order) links[i] = stream.Add(articles[i]);

        var result = new List<DuplicateLink>();
        foreach (var link in links) if (link is not null) result.Add(link);
        return result;
    }

    /// <summary>
    /// Scores a candidate pair from its sorted shingle sets: the Jaccard, or the containment of the shorter in the
    /// longer when that passes; 0 when neither passes its threshold.
    /// </summary>
    internal double Similarity(List<ulong> a, ulong[] b)
    {
        var shared = 0;
        for (int x = 0, y = 0; x < a.Count && y < b.Length;)
        {
            var c = a[x].CompareTo(b[y]);
            if (c == 0) { shared++; x++; y++; }
            else if (c < 0) x++;
            else y++;
        }
        var jaccard = (double)shared / (a.Count + b.Length - shared);
        var score = jaccard >= _options.MinJaccard ? jaccard : 0;
        var smaller = Math.Min(a.Count, b.Length);
        if (smaller >= _options.MinShinglesForContainment)
        {
            var containment = (double)shared / smaller;
            if (containment >= _options.MinContainment) score = Math.Max(score, containment);
        }
        return score;
    }

    /// <summary>The most rows per band for which a pair at Jaccard <paramref name="floor"/> still shares a band with the given chance.</summary>
    public static int RowsFor(int hashCount, double floor, double recall)
    {
        var rows = 1;
        for (var r = 2; r <= hashCount; r++)
        {
            var bands = hashCount / r;
            if (1 - Math.Pow(1 - Math.Pow(floor, r), bands) < recall) break;
            rows = r;
        }
        return rows;
    }

    /// <summary>Earlier published first (day-precise dates only; undated last), then longer, then smaller id.</summary>
    private static int CompareAsOriginal(Article x, Article y, int xi, int yi)
    {
        var dx = DayOf(x);
        var dy = DayOf(y);
        var c = dx.CompareTo(dy);
        if (c != 0) return c;
        c = y.Text.Length.CompareTo(x.Text.Length);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Id, y.Id);
        return c != 0 ? c : xi.CompareTo(yi);
    }

    private static DateOnly DayOf(Article a) =>
        a.Published is { Precision: DatePrecision.Day } p ? p.Date : DateOnly.MaxValue;

    /// <summary>Distinct hashes of the runs of <see cref="NearDuplicateOptions.ShingleWords"/> lower-cased words.</summary>
    internal void Shingle(string text, List<ulong> shingles)
    {
        shingles.Clear();
        var size = _options.ShingleWords;
        var window = new ulong[size];
        var count = 0;
        Span<char> buffer = stackalloc char[WordScanner.MaxWordLength];
        var scanner = new WordScanner(text, buffer);
        while (scanner.Next(out var word))
        {
            window[count % size] = Fnv(word);
            count++;
            if (count >= size) shingles.Add(Combine(window, count - size, size));
        }
        if (count is > 0 && count < size) shingles.Add(Combine(window, 0, count));
        if (shingles.Count < 2) return;
        shingles.Sort();
        var w = 1;
        for (var r = 1; r < shingles.Count; r++)
            if (shingles[r] != shingles[w - 1]) shingles[w++] = shingles[r];
        shingles.RemoveRange(w, shingles.Count - w);
    }

    private static ulong Combine(ulong[] window, int first, int length)
    {
        var h = 0xCBF29CE484222325UL;
        for (var k = 0; k < length; k++)
            h = (h ^ window[(first + k) % window.Length]) * 0x100000001B3UL;
        return Finalise(h);
    }

    /// <summary>The minimum of each hash function over the shingles; the top 32 bits are kept, enough to tell values apart.</summary>
    internal uint[] Sign(List<ulong> shingles)
    {
        var hashCount = _options.HashCount;
        var x = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shingles);
        var a = _multipliers;
        var b = _addends;
        var signature = new uint[hashCount];
        var k = 0;
        // Four hash functions per pass over the shingles: four independent minimums in registers instead of one array.
        for (; k + 4 <= hashCount; k += 4)
        {
            ulong a0 = a[k], a1 = a[k + 1], a2 = a[k + 2], a3 = a[k + 3];
            ulong b0 = b[k], b1 = b[k + 1], b2 = b[k + 2], b3 = b[k + 3];
            ulong m0 = ulong.MaxValue, m1 = ulong.MaxValue, m2 = ulong.MaxValue, m3 = ulong.MaxValue;
            foreach (var v in x)
            {
                m0 = Math.Min(m0, a0 * v + b0);
                m1 = Math.Min(m1, a1 * v + b1);
                m2 = Math.Min(m2, a2 * v + b2);
                m3 = Math.Min(m3, a3 * v + b3);
            }
            signature[k] = (uint)(m0 >> 32);
            signature[k + 1] = (uint)(m1 >> 32);
            signature[k + 2] = (uint)(m2 >> 32);
            signature[k + 3] = (uint)(m3 >> 32);
        }
        for (; k < hashCount; k++)
        {
            var m = ulong.MaxValue;
            foreach (var v in x) m = Math.Min(m, a[k] * v + b[k]);
            signature[k] = (uint)(m >> 32);
        }
        return signature;
    }

    internal static ulong BandKey(uint[] signature, int start, int rows)
    {
        var h = 0xCBF29CE484222325UL;
        for (var k = start; k < start + rows; k++) h = Finalise(h ^ signature[k]);
        return h;
    }

    private static ulong Fnv(ReadOnlySpan<char> word)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var c in word) h = (h ^ c) * 0x100000001B3UL;
        return h;
    }

    /// <summary>The splitmix64 finaliser: spreads every input bit over the whole word.</summary>
    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Finalise(state);
    }
}
