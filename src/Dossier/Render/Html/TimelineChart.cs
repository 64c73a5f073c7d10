using System.Globalization;
using Dossier.Model;

namespace Dossier.Render.Html;

/// <summary>
/// The timeline as an inline SVG drawn on the server: a date axis with ticks, one numbered mark per entry (a dot for a
/// day, a bar for a month or a year), marks on the same spot stacked, each linking to its entry in the list below.
/// </summary>
internal static class TimelineChart
{
    private const double Width = 720, Left = 36, Right = 36, Lane = 24, Radius = 9, Top = 8;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The first and last day an entry's date covers ("2024-06" is 1–30 June), or null when it is not a date.</summary>
    public static (DateOnly First, DateOnly Last)? Period(string date)
    {
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d)) return (d, d);
        if (DateOnly.TryParseExact(date + "-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var m)) return (m, m.AddMonths(1).AddDays(-1));
        if (date.Length == 4 && DateOnly.TryParseExact(date + "-01-01", "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var y))
            return (y, y.AddYears(1).AddDays(-1));
        return null;
    }

    /// <summary>Writes the chart; <paramref name="entryId"/> gives the anchor of entry i in the list. Nothing when no entry has a date.</summary>
    public static void Write(HtmlWriter w, IReadOnlyList<TimelineEntry> entries, Func<int, string> entryId)
    {
        var dated = entries.Select((e, i) => (Index: i, Entry: e, Period: Period(e.Date)))
            .Where(x => x.Period is not null).Select(x => (x.Index, x.Entry, Period: x.Period!.Value)).ToList();
        if (dated.Count == 0) return;

        var min = dated.Min(x => x.Period.First);
        var max = dated.Max(x => x.Period.Last);
        var days = max.DayNumber - min.DayNumber;
        double X(DateOnly d) => days == 0 ? Width / 2 : Left + (d.DayNumber - min.DayNumber) * (Width - Left - Right) / days;

        // Lanes: a mark goes up one lane while it would touch a mark already placed on the lane below.
        var laneEnds = new List<double>();
        var marks = new List<(int Index, TimelineEntry Entry, double X0, double X1, int Lane)>();
        foreach (var x in dated.OrderBy(x => x.Period.First).ThenBy(x => x.Index))
        {
            var x0 = X(x.Period.First);
            var x1 = x.Period.First == x.Period.Last ? x0 : Math.Max(X(x.Period.Last.AddDays(1)), x0 + 2 * Radius);
            var left = x0 - Radius;
            var lane = laneEnds.FindIndex(end => end + 3 <= left);
            if (lane < 0) { lane = laneEnds.Count; laneEnds.Add(0); }
            laneEnds[lane] = (x1 == x0 ? x0 : x1) + Radius;
            marks.Add((x.Index, x.Entry, x0, x1, lane));
        }

        var axis = Top + laneEnds.Count * Lane + 6;
        var height = axis + 28;
        w.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("class", "chart"), ("viewBox", $"0 0 {N(Width)} {N(height)}"),
            ("role", "img"), ("aria-labelledby", "timeline-chart-title"));
        w.Element("title", $"Timeline: {entries.Count} dated events from {min:yyyy-MM-dd} to {max:yyyy-MM-dd}", ("id", "timeline-chart-title"));
        w.Open("line", ("class", "axis"), ("x1", N(Left / 2)), ("y1", N(axis)), ("x2", N(Width - Right / 2)), ("y2", N(axis))).Close("line");
        foreach (var (tick, label) in Ticks(min, max))
        {
            var tx = X(tick);
            w.Open("g", ("class", "tick"));
            w.Open("line", ("x1", N(tx)), ("y1", N(axis)), ("x2", N(tx)), ("y2", N(axis + 5))).Close("line");
            w.Element("text", label, ("x", N(tx)), ("y", N(axis + 18)));
            w.Close("g");
        }
        foreach (var m in marks.OrderBy(m => m.Index))
        {
            var cy = axis - 6 - Radius - m.Lane * Lane;
            var number = (m.Index + 1).ToString(Invariant);
            w.Open("a", ("href", "#" + entryId(m.Index)), ("class", "mark"));
            w.Open("line", ("class", "stem"), ("x1", N(m.X0)), ("y1", N(cy)), ("x2", N(m.X0)), ("y2", N(axis))).Close("line");
            if (m.X1 > m.X0)
                w.Open("rect", ("x", N(m.X0 - Radius)), ("y", N(cy - Radius)), ("width", N(m.X1 - m.X0 + Radius)), ("height", N(2 * Radius)),
                    ("rx", N(Radius))).Close("rect");
            else
                w.Open("circle", ("cx", N(m.X0)), ("cy", N(cy)), ("r", N(Radius))).Close("circle");
            w.Element("title", $"{number}. {MarkdownRenderer.FormatDate(m.Entry.Date)}: {m.Entry.Text}");
            w.Element("text", number, ("x", N(m.X0)), ("y", N(cy + 3.5)));
            w.Close("a");
        }
        w.Close("svg");
    }

    /// <summary>Up to seven ticks on year, month or day boundaries, whichever suits the span.</summary>
    private static IEnumerable<(DateOnly Day, string Label)> Ticks(DateOnly min, DateOnly max)
    {
        var span = max.DayNumber - min.DayNumber;
        List<(DateOnly, string)> all = [];
        if (span > 3 * 366)
        {
            for (var y = min.Year; y <= max.Year; y++)
                if (new DateOnly(y, 1, 1) is var d && d >= min && d <= max) all.Add((d, d.ToString("yyyy", Invariant)));
        }
        else if (span > 92)
        {
            for (var d = new DateOnly(min.Year, min.Month, 1); d <= max; d = d.AddMonths(1))
                if (d >= min) all.Add((d, d.ToString(d.Month == 1 || all.Count == 0 ? "MMM yyyy" : "MMM", Invariant)));
        }
        else
        {
            for (var d = min; d <= max; d = d.AddDays(1))
                all.Add((d, d.ToString(d == min || (d.Day == 1 && d.Month == 1) ? "d MMM yyyy" : "d MMM", Invariant)));
        }
        var step = Math.Max(1, (int)Math.Ceiling(all.Count / 7.0));
        return all.Where((_, i) => i % step == 0);
    }

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", Invariant);
}
