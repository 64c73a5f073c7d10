using System.Text.RegularExpressions;
using Dossier.Annotate.Time;
using Dossier.Model;

namespace Dossier.Annotate;

/// <summary>
/// Infers an article's date from its text when metadata gives none, in this order: a dateline at the head of the text,
/// a date in the URL path, the first full date written in the text, a weekday with a month and day ("Friday, Nov. 29":
/// the latest year, up to today, in which that day fell on that weekday). Dates after the clock's today are never
/// publication dates.
/// </summary>
public sealed partial class ArticleDateFinder(TimeProvider clock)
{
    /// <summary>How far into the first line a dateline's date may start.</summary>
    private const int DatelineReach = 120;

    private readonly TimeProvider _clock = clock;

    public PublishedDate? Find(Article article, IReadOnlyList<TimeExpression> times)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(times);
        if (article.Published is { } known) return known;
        var today = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);
        var text = article.Text ?? "";
        var ordered = times.OrderBy(t => t.Span.Start).ToList();
        return FromDateline(text, ordered, today)
               ?? FromUrl(article.Url, today)
               ?? FromFullDate(text, ordered, today)
               ?? FromWeekday(text, ordered, today);
    }

    private static PublishedDate? FromDateline(string text, List<TimeExpression> times, DateOnly today)
    {
        var lineEnd = text.IndexOf('\n', StringComparison.Ordinal);
        if (lineEnd < 0) lineEnd = text.Length;
        foreach (var t in times)
        {
            if (t.Span.Start > Math.Min(DatelineReach, lineEnd)) break;
            var date = DayOf(t.Reference, today);
            if (date is null || date > today || !LooksLikeDateline(text, t.Span, lineEnd)) continue;
            return new PublishedDate(date.Value, DatePrecision.Day, DateSource.Dateline, text[..Math.Min(lineEnd, t.Span.End + 12)].Trim());
        }
        return null;
    }

    /// <summary>
    /// A dateline puts only a place and an agency before the date ("MOSCOW, Nov 29 (Reuters) -", "WASHINGTON (AP) — Nov. 29, 2024"):
    /// capitalised words, commas and parentheses with at least one word in capitals, and a dash or an agency around the date.
    /// </summary>
    private static bool LooksLikeDateline(string text, TextSpan date, int lineEnd)
    {
        var head = text.AsSpan(0, date.Start);
        var capitals = false;
        var depth = 0;
        var dashBefore = false;
        for (var i = 0; i < head.Length; i++)
        {
            var c = head[i];
            if (c == '(') { depth++; continue; }
            if (c == ')') { depth--; continue; }
            if (c is '-' or '–' or '—') { dashBefore = true; continue; }
            if (char.IsWhiteSpace(c) || c is ',' or '.' or '/' or '\'') continue;
            if (!char.IsLetter(c)) return false;
            var start = i;
            while (i + 1 < head.Length && char.IsLetter(head[i + 1])) i++;
            var word = head[start..(i + 1)];
            if (depth == 0 && !char.IsUpper(word[0])) return false;
            if (word.Length >= 2 && IsAllCaps(word)) capitals = true;
        }
        if (!capitals && head.Trim().Length > 0) return false;
        var after = text.AsSpan(date.End, Math.Min(lineEnd, text.Length) - date.End).TrimStart();
        var dashAfter = after.Length > 0 && after[0] is '-' or '–' or '—' or '(' or ':' or '/';
        return dashBefore || dashAfter;
    }

    private static bool IsAllCaps(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (!char.IsUpper(c)) return false;
        return true;
    }

    private static PublishedDate? FromUrl(string? url, DateOnly today)
    {
        if (string.IsNullOrEmpty(url)) return null;
        var path = url;
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = url.IndexOf('/', scheme + 3);
            path = slash < 0 ? "" : url[slash..];
        }
        Span<int> parts = stackalloc int[3];
        foreach (var m in UrlDate().EnumerateMatches(path))
        {
            var s = path.AsSpan(m.Index, m.Length);
            var n = 0;
            var value = 0;
            var digits = 0;
            foreach (var c in s)
            {
                if (c is >= '0' and <= '9')
                {
                    value = (value * 10) + (c - '0');
                    digits++;
                    if (digits == 4 && n == 0 || digits == 2 && n > 0) { if (n < 3) parts[n++] = value; value = 0; digits = 0; }
                }
                else { value = 0; digits = 0; }
            }
            if (n < 3) continue;
            var date = Make(parts[0], parts[1], parts[2]);
            if (date is { } d && d <= today && d.Year >= 1990)
                return new PublishedDate(d, DatePrecision.Day, DateSource.Url, s.ToString());
        }
        return null;
    }

    /// <summary>/2024/11/29/, /20241129/, 2024-11-29, 2024_11_29 in a URL path, bounded by non-digits.</summary>
    [GeneratedRegex(@"(?<![0-9])(?:(?:19|20)[0-9]{2}[/_-][01][0-9][/_-][0-3][0-9]|(?:19|20)[0-9]{2}[01][0-9][0-3][0-9])(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex UrlDate();

    private static PublishedDate? FromFullDate(string text, List<TimeExpression> times, DateOnly today)
    {
        foreach (var t in times)
        {
            if (t.Reference is not (FixedTime or TimeOfDayTime { Day: FixedTime })) continue;
            if (TimeFormat.ParseDay(t.Reference.Resolve(null)) is not { } d || d > today) continue;
            return new PublishedDate(d, DatePrecision.Day, DateSource.TextFullDate, t.Span.Of(text));
        }
        return null;
    }

    private static PublishedDate? FromWeekday(string text, List<TimeExpression> times, DateOnly today)
    {
        foreach (var t in times)
        {
            if (t.Reference is not MonthDayTime { Weekday: { } weekday } md) continue;
            if (LatestYearWithWeekday(md.Month, md.Day, weekday, today) is { } d)
                return new PublishedDate(d, DatePrecision.Day, DateSource.WeekdayMonthDay, t.Span.Of(text));
        }
        return null;
    }

    /// <summary>The latest date on or before <paramref name="today"/> with this month and day falling on this weekday.</summary>
    public static DateOnly? LatestYearWithWeekday(int month, int day, DayOfWeek weekday, DateOnly today)
    {
        // The calendar repeats every 400 years; a weekday and date recur within 28 years except around skipped leap days.
        for (var year = today.Year; year >= Math.Max(1, today.Year - 400); year--)
        {
            if (Make(year, month, day) is { } d && d <= today && d.DayOfWeek == weekday) return d;
        }
        return null;
    }

    /// <summary>The day a dateline's date names: a full date as written, or a month and day in the latest year up to today.</summary>
    private static DateOnly? DayOf(TimeReference reference, DateOnly today)
    {
        if (reference is MonthDayTime md)
        {
            var d = Make(today.Year, md.Month, md.Day);
            if (d is { } same && same <= today) return same;
            return Make(today.Year - 1, md.Month, md.Day);
        }
        return reference is FixedTime f ? TimeFormat.ParseDay(f.Value) : null;
    }

    private static DateOnly? Make(int year, int month, int day) => TimeFormat.Date(year, month, day);
}
