using System.Globalization;

namespace Dossier.Reconcile;

/// <summary>
/// One mention of a happening with what its sentence or clause says around it: the raw material for deciding
/// whether two reports (within an article or across articles) tell of the same event.
/// </summary>
/// <param name="Source">The article the mention is in; two mentions of one head in one article are usually one event.</param>
/// <param name="Head">The event word, lemmatised and stemmed so that the verb and its noun meet ("attack", "attacked", "attacks").</param>
/// <param name="Participants">Who took part: story entity ids or normalised names of people, organisations and other names.</param>
/// <param name="Places">Where: story entity ids or normalised names of places.</param>
/// <param name="Times">When: TIMEX3 values ("2008-12-15", "2008-12", "2008", "XXXX-XX-15"); values that are not dates are ignored.</param>
/// <param name="Words">Stemmed content words of the clause or sentence, the head itself left out.</param>
public sealed record EventContext(
    string Source,
    string Head,
    IReadOnlySet<string> Participants,
    IReadOnlySet<string> Places,
    IReadOnlySet<string> Times,
    IReadOnlySet<string> Words)
{
    /// <summary>The sentence's position in its article (-1 unknown): two mentions a few sentences apart in one article are mostly one event.</summary>
    public int Sentence { get; init; } = -1;
    /// <summary>Words in the mention ("set fire to" is 3).</summary>
    public int Length { get; init; } = 1;
    /// <summary>The head names no particular happening: a function word or a verb of saying ("said", "told", "was").</summary>
    public bool Light { get; init; }
    /// <summary>Said as not, or not yet, happening: negated, after a modal or as an infinitive ("did not attack", "may attack", "plans to attack").</summary>
    public bool Unreal { get; init; }
    /// <summary>Event mentions in the same sentence, this one included (0 unknown): a sentence crowded with events mentions most in passing.</summary>
    public int Crowd { get; init; }
}

/// <summary>How clusters of event mentions are joined.</summary>
public enum EventLinkage
{
    /// <summary>Two clusters join when any pair between them is the same event (and no pair is vetoed).</summary>
    Single,
    /// <summary>Two clusters join when the mean score over all their pairs reaches the threshold (and no pair is vetoed).</summary>
    Average,
}

/// <summary>
/// The weights and thresholds of <see cref="EventMatch"/>. The defaults were chosen by grid search on ECB+ topics 1-20
/// (gold event mentions grouped by story and head; arguments from Dossier's own annotation) and hold up on topics 21-35.
/// </summary>
public sealed record EventMatchOptions
{
    /// <summary>The score two mentions of one head must reach to be one event.</summary>
    public double Threshold { get; init; } = 1.5;
    /// <summary>Added per context word the two share: the clause that repeats the event's details.</summary>
    public double WordWeight { get; init; } = 1;
    /// <summary>Added per participant the two share (on top of its words, which also count as context words; 0: gave nothing on ECB+).</summary>
    public double ParticipantWeight { get; init; } = 0;
    /// <summary>Added per place the two share.</summary>
    public double PlaceWeight { get; init; } = 2;
    /// <summary>Added per date the two agree on to the day.</summary>
    public double TimeWeight { get; init; } = 2;
    /// <summary>Subtracted when both give dates and none of them agree (positive infinity vetoes); 0 by default: on ECB+ the dates
    /// found in a sentence are often of something else (an earlier arrest, the day of a hearing), so a veto cost more than it saved.</summary>
    public double TimeConflictPenalty { get; init; } = 0;
    /// <summary>Subtracted when both name places and share none (often one names the town and the other its region, so a penalty, not a veto).</summary>
    public double PlaceConflictPenalty { get; init; } = 2;
    /// <summary>Added when both mentions are in one article, where a head said twice is mostly the same happening.</summary>
    public double SameSourceBonus { get; init; } = double.PositiveInfinity;
    /// <summary>Days two dates may differ by and still agree (time zones, "late Sunday" against "Monday").</summary>
    public int DayTolerance { get; init; } = 1;
    /// <summary>How clusters are joined by <see cref="EventMatch.Cluster"/>.</summary>
    public EventLinkage Linkage { get; init; } = EventLinkage.Single;
}

/// <summary>
/// Decides whether two event mentions report the same happening: the same head, then their arguments: shared
/// participants, places, dates and clause words raise the score, dates that cannot be reconciled veto (or lower) it,
/// places that differ lower it. Used to align claims across articles and for event coreference.
/// </summary>
public sealed class EventMatch(EventMatchOptions options)
{
    public EventMatch() : this(new EventMatchOptions()) { }

    public EventMatchOptions Options { get; } = options;

    /// <summary>How strongly <paramref name="a"/> and <paramref name="b"/> look like one event; negative infinity when their heads differ or a conflict vetoes.</summary>
    public double Score(EventContext a, EventContext b)
    {
        if (!string.Equals(a.Head, b.Head, StringComparison.Ordinal)) return double.NegativeInfinity;
        var o = Options;
        var score = 0.0;
        if (o.WordWeight != 0) score += o.WordWeight * Shared(a.Words, b.Words);
        if (o.ParticipantWeight != 0) score += o.ParticipantWeight * Shared(a.Participants, b.Participants);
        if (a.Places.Count > 0 && b.Places.Count > 0)
        {
            var shared = Shared(a.Places, b.Places);
            score += shared > 0 ? o.PlaceWeight * shared : -o.PlaceConflictPenalty;
        }
        var (agree, conflict) = CompareTimes(a.Times, b.Times, o.DayTolerance);
        if (conflict) score -= o.TimeConflictPenalty;
        else score += o.TimeWeight * agree;
        if (double.IsNaN(score)) return double.NegativeInfinity; // a veto meeting a same-article bonus: the veto wins
        if (string.Equals(a.Source, b.Source, StringComparison.Ordinal) && !double.IsNegativeInfinity(score)) score += o.SameSourceBonus;
        return score;
    }

    /// <summary>Whether the two mentions are one event: their score reaches the threshold.</summary>
    public bool Same(EventContext a, EventContext b) => Score(a, b) >= Options.Threshold;

    /// <summary>
    /// Groups mentions into events: mentions of one head only, joined by <see cref="EventMatchOptions.Linkage"/>;
    /// a vetoed pair keeps its two clusters apart. Returns the clusters as indices into <paramref name="mentions"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Cluster(IReadOnlyList<EventContext> mentions)
    {
        var result = new List<IReadOnlyList<int>>();
        foreach (var group in Enumerable.Range(0, mentions.Count).GroupBy(i => mentions[i].Head, StringComparer.Ordinal))
        {
            var members = group.ToList();
            var n = members.Count;
            var score = new double[n, n];
            for (var i = 0; i < n; i++)
                for (var j = i + 1; j < n; j++)
                    score[i, j] = score[j, i] = Score(mentions[members[i]], mentions[members[j]]);
            var clusters = Options.Linkage == EventLinkage.Single ? JoinSingle(score, n) : JoinAverage(score, n);
            result.AddRange(clusters.Select(c => (IReadOnlyList<int>)c.Select(i => members[i]).ToList()));
        }
        return result;
    }

    private List<List<int>> JoinSingle(double[,] score, int n)
    {
        // Strongest pairs first, so a weak link cannot join two clusters before a veto between them is known.
        var pairs = new List<(double Score, int I, int J)>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (score[i, j] >= Options.Threshold) pairs.Add((score[i, j], i, j));
        pairs.Sort((x, y) => y.Score.CompareTo(x.Score));
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var of = Enumerable.Range(0, n).ToArray();
        foreach (var (_, i, j) in pairs)
        {
            int ci = of[i], cj = of[j];
            if (ci == cj || Vetoed(score, clusters[ci], clusters[cj])) continue;
            foreach (var m in clusters[cj]) of[m] = ci;
            clusters[ci].AddRange(clusters[cj]);
            clusters[cj] = [];
        }
        return clusters.Where(c => c.Count > 0).ToList();
    }

    private List<List<int>> JoinAverage(double[,] score, int n)
    {
        // Sums of capped pair scores between live clusters, so one same-article pair cannot outweigh the rest; a veto poisons the sum.
        var cap = 2 * Math.Max(Options.Threshold, 1);
        var sum = new double[n, n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                sum[i, j] = i == j ? 0 : double.IsNegativeInfinity(score[i, j]) ? double.NegativeInfinity : Math.Clamp(score[i, j], -cap, cap);
        var clusters = Enumerable.Range(0, n).Select(i => new List<int> { i }).ToList();
        var live = Enumerable.Range(0, n).ToList();
        while (true)
        {
            var (best, bi, bj) = (double.NegativeInfinity, -1, -1);
            for (var x = 0; x < live.Count; x++)
                for (var y = x + 1; y < live.Count; y++)
                {
                    int i = live[x], j = live[y];
                    var mean = sum[i, j] / (clusters[i].Count * clusters[j].Count);
                    if (mean > best) (best, bi, bj) = (mean, i, j);
                }
            if (bi < 0 || best < Options.Threshold) return live.Select(i => clusters[i]).ToList();
            clusters[bi].AddRange(clusters[bj]);
            live.Remove(bj);
            foreach (var k in live)
                if (k != bi) sum[bi, k] = sum[k, bi] = sum[bi, k] + sum[bj, k];
        }
    }

    private static bool Vetoed(double[,] score, List<int> a, List<int> b)
    {
        foreach (var i in a)
            foreach (var j in b)
                if (double.IsNegativeInfinity(score[i, j])) return true;
        return false;
    }

    internal static int Shared(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        if (a.Count > b.Count) (a, b) = (b, a);
        var n = 0;
        foreach (var x in a) if (b.Contains(x)) n++;
        return n;
    }

    /// <summary>
    /// Dates agreeing to the day (within the tolerance) between the two sets, and whether they conflict: both give
    /// at least one date and no date of one is compatible with any date of the other.
    /// </summary>
    internal static (int Agree, bool Conflict) CompareTimes(IReadOnlySet<string> a, IReadOnlySet<string> b, int tolerance)
    {
        if (a.Count == 0 || b.Count == 0) return (0, false);
        var da = a.Select(PartialDate.Parse).OfType<PartialDate>().ToList();
        var db = b.Select(PartialDate.Parse).OfType<PartialDate>().ToList();
        if (da.Count == 0 || db.Count == 0) return (0, false);
        var agree = 0;
        var compatible = false;
        foreach (var x in da)
        {
            var dayMatch = false;
            foreach (var y in db)
            {
                var (ok, toDay) = x.Compare(y, tolerance);
                compatible |= ok;
                dayMatch |= toDay;
            }
            if (dayMatch) agree++;
        }
        return (agree, !compatible);
    }

    /// <summary>A TIMEX3 date with any of its year, month and day unknown (X).</summary>
    private readonly record struct PartialDate(int? Year, int? Month, int? Day)
    {
        public static PartialDate? Parse(string value)
        {
            // Only calendar dates and date-times; weeks, seasons, durations and PRESENT_REF say too little to compare.
            var date = value.Split('T')[0];
            var parts = date.Split('-');
            if (parts.Length is 0 or > 3 || parts[0].Length != 4) return null;
            int? Field(int k, int length)
            {
                if (k >= parts.Length || parts[k].Length != length) return null;
                return int.TryParse(parts[k], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
            }
            if (parts.Length > 1 && (parts[1].Length != 2 || parts[1].StartsWith('W'))) return null;
            var d = new PartialDate(Field(0, 4), Field(1, 2), Field(2, 2));
            return d.Year is null && d.Month is null && d.Day is null ? null : d;
        }

        /// <summary>Compatible: no known field disagrees; to the day: both full dates within the tolerance.</summary>
        public (bool Compatible, bool ToTheDay) Compare(PartialDate other, int tolerance)
        {
            if (Year is { } y1 && Month is { } m1 && Day is { } d1 && other.Year is { } y2 && other.Month is { } m2 && other.Day is { } d2
                && DateOnly.TryParseExact(Format(y1, m1, d1), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var x)
                && DateOnly.TryParseExact(Format(y2, m2, d2), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var z))
            {
                var close = Math.Abs(x.DayNumber - z.DayNumber) <= tolerance;
                return (close, close);
            }
            var compatible = Agrees(Year, other.Year) && Agrees(Month, other.Month) && Agrees(Day, other.Day);
            return (compatible, false);
        }

        private static bool Agrees(int? x, int? y) => x is null || y is null || x == y;

        private static string Format(int y, int m, int d) => string.Create(CultureInfo.InvariantCulture, $"{y:D4}-{m:D2}-{d:D2}");
    }
}
