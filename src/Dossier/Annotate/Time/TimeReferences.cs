using System.Globalization;
using Dossier.Model;

namespace Dossier.Annotate.Time;

/// <summary>The tense of the clause around a time expression, read from its verbs.</summary>
public enum Tense { Unknown, Past, Present, Future }

/// <summary>Which occurrence of a repeating date ("June", "Friday") the words point at, relative to the anchor.</summary>
public enum Lean
{
    /// <summary>No cue: the occurrence nearest the anchor.</summary>
    Nearest,
    /// <summary>Past tense: the latest occurrence on or before the anchor.</summary>
    PastOrSame,
    /// <summary>Future tense: the first occurrence on or after the anchor.</summary>
    FutureOrSame,
    /// <summary>"last Friday": strictly before the anchor.</summary>
    Before,
    /// <summary>"next Friday": strictly after the anchor.</summary>
    After,
}

/// <summary>Calendar units a relative expression counts in.</summary>
public enum CalendarUnit { Day, Week, Weekend, Month, Quarter, Year, Decade, Century }

internal static class TimeFormat
{
    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The date these numbers name, or null when there is no such day.</summary>
    public static DateOnly? Date(int year, int month, int day)
        => year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day) : null;

    /// <summary>Reads a day-precision TIMEX3 value ("2024-11-29", or the day part of "2024-11-29T16:59").</summary>
    public static DateOnly? ParseDay(string? value)
        => value is { Length: >= 10 } && (value.Length == 10 || value[10] == 'T')
           && DateOnly.TryParseExact(value.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d : null;

    public static string Month(int year, int month) => $"{Year(year)}-{month:D2}";

    public static string Year(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    public static string Week(DateOnly d)
    {
        var dt = d.ToDateTime(TimeOnly.MinValue);
        return $"{Year(ISOWeek.GetYear(dt))}-W{ISOWeek.GetWeekOfYear(dt):D2}";
    }

    /// <summary>TimeML numbers weekdays from Monday = 1 to Sunday = 7.</summary>
    public static int IsoDay(DayOfWeek d) => d == DayOfWeek.Sunday ? 7 : (int)d;

    public static Lean FromTense(Tense tense) => tense switch
    {
        Tense.Past => Time.Lean.PastOrSame,
        Tense.Future => Time.Lean.FutureOrSame,
        _ => Time.Lean.Nearest,
    };

    /// <summary>Picks among candidates (in ascending order) the one the lean points at, measured as keys against the anchor key.</summary>
    public static int Pick(ReadOnlySpan<long> candidates, long anchor, Lean lean, int preferred)
    {
        var best = -1;
        for (var i = 0; i < candidates.Length; i++)
        {
            var c = candidates[i];
            var ok = lean switch
            {
                Time.Lean.PastOrSame => c <= anchor,
                Time.Lean.Before => c < anchor,
                Time.Lean.FutureOrSame => c >= anchor,
                Time.Lean.After => c > anchor,
                _ => true,
            };
            if (!ok) continue;
            if (best < 0) { best = i; continue; }
            var better = lean switch
            {
                Time.Lean.PastOrSame or Time.Lean.Before => c > candidates[best],
                Time.Lean.FutureOrSame or Time.Lean.After => c < candidates[best],
                _ => Math.Abs(c - anchor) < Math.Abs(candidates[best] - anchor)
                     || (Math.Abs(c - anchor) == Math.Abs(candidates[best] - anchor) && i == preferred),
            };
            if (better) best = i;
        }
        return best < 0 ? preferred : best;
    }
}

/// <summary>A value the words fix on their own: "November 29, 2024", "the 1990s", "three years", "PRESENT_REF".</summary>
public sealed record FixedTime(string Value) : TimeReference
{
    public override string? Resolve(DateOnly? anchor) => Value;
}

/// <summary>A calendar unit counted from the anchor: "today" (Day, 0), "last week" (Week, -1), "next year" (Year, 1).</summary>
public sealed record RelativeTime(CalendarUnit Unit, int Offset) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        // With no anchor TimeML writes the unknown digits as X at the unit's granularity.
        if (anchor is not { } a) return Unit switch
        {
            CalendarUnit.Day => "XXXX-XX-XX",
            CalendarUnit.Week => "XXXX-WXX",
            CalendarUnit.Weekend => "XXXX-WXX-WE",
            CalendarUnit.Month => "XXXX-XX",
            CalendarUnit.Quarter => "XXXX-QX",
            CalendarUnit.Year => "XXXX",
            CalendarUnit.Decade => "XXX",
            _ => "XX",
        };
        try
        {
            return Unit switch
            {
                CalendarUnit.Day => TimeFormat.Day(a.AddDays(Offset)),
                CalendarUnit.Week => TimeFormat.Week(a.AddDays(7 * Offset)),
                CalendarUnit.Weekend => TimeFormat.Week(a.AddDays(7 * Offset)) + "-WE",
                CalendarUnit.Month => Shifted(a.AddMonths(Offset)),
                CalendarUnit.Quarter => Quarter(a),
                CalendarUnit.Year => TimeFormat.Year(a.Year + Offset),
                CalendarUnit.Decade => ((a.Year / 10) + Offset).ToString("D3", CultureInfo.InvariantCulture),
                _ => ((a.Year / 100) + Offset).ToString("D2", CultureInfo.InvariantCulture),
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }

        static string Shifted(DateOnly d) => TimeFormat.Month(d.Year, d.Month);
    }

    private string Quarter(DateOnly a)
    {
        var index = (a.Year * 4) + ((a.Month - 1) / 3) + Offset;
        return $"{TimeFormat.Year((int)Math.Floor(index / 4.0))}-Q{(((index % 4) + 4) % 4) + 1}";
    }
}

/// <summary>A day of a month with no year ("Nov. 29", "Friday, Nov. 29"): the year comes from the anchor and the tense.</summary>
public sealed record MonthDayTime(int Month, int Day, DayOfWeek? Weekday, Lean Lean) : TimeReference
{
    /// <summary>How far (in days) a past or future date may sit on the wrong side of the anchor before the year moves.</summary>
    public const int Slack = 31;

    public override string? Resolve(DateOnly? anchor)
    {
        if (anchor is not { } a) return $"XXXX-{Month:D2}-{Day:D2}";
        var d = Place(a);
        return d is { } date ? TimeFormat.Day(date) : $"XXXX-{Month:D2}-{Day:D2}";
    }

    /// <summary>The date this month and day names around <paramref name="anchor"/>.</summary>
    public DateOnly? Place(DateOnly anchor) => PlaceYearly(year => TimeFormat.Date(year, Month, Day), anchor, Lean);

    /// <summary>
    /// The occurrence of a day that comes once a year (<paramref name="inYear"/> gives it for a year) that the tense points
    /// at: the one this year, unless it lies on the wrong side of the anchor by more than <see cref="Slack"/> days.
    /// </summary>
    internal static DateOnly? PlaceYearly(Func<int, DateOnly?> inYear, DateOnly anchor, Lean lean)
    {
        DateOnly? same = inYear(anchor.Year), before = anchor.Year > 1 ? inYear(anchor.Year - 1) : null, after = anchor.Year < 9999 ? inYear(anchor.Year + 1) : null;
        if (same is not { } s) return lean is Lean.PastOrSame or Lean.Before ? before : after;
        var gap = s.DayNumber - anchor.DayNumber;
        return lean switch
        {
            Lean.PastOrSame when gap > Slack => before ?? s,
            Lean.Before when gap >= 0 => before ?? s,
            Lean.FutureOrSame when gap < -Slack => after ?? s,
            Lean.After when gap <= 0 => after ?? s,
            Lean.Nearest when gap > 182 => before ?? s,
            Lean.Nearest when gap < -182 => after ?? s,
            _ => s,
        };
    }
}

/// <summary>Holidays whose date moves from year to year.</summary>
public enum MoveableHoliday
{
    Easter, GoodFriday, EasterMonday, Thanksgiving, BlackFriday, LaborDay, MemorialDay, MartinLutherKingDay, PresidentsDay,
    MothersDay, FathersDay, ColumbusDay, ElectionDay,
}

/// <summary>A moveable holiday ("Thanksgiving", "Easter", "Labor Day"), with a written year or placed by the tense like a month and day.</summary>
public sealed record MoveableHolidayTime(MoveableHoliday Holiday, int? Year, Lean Lean) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        if (Year is { } y) return In(y) is { } fixedDay ? TimeFormat.Day(fixedDay) : null;
        if (anchor is not { } a) return null;
        return MonthDayTime.PlaceYearly(In, a, Lean) is { } day ? TimeFormat.Day(day) : null;
    }

    /// <summary>The holiday's date in <paramref name="year"/> (United States dates for the civic holidays, Western Easter).</summary>
    public DateOnly? In(int year)
    {
        if (year is < 1583 or > 9998) return null;
        return Holiday switch
        {
            MoveableHoliday.Easter => Easter(year),
            MoveableHoliday.GoodFriday => Easter(year).AddDays(-2),
            MoveableHoliday.EasterMonday => Easter(year).AddDays(1),
            MoveableHoliday.Thanksgiving => Nth(year, 11, DayOfWeek.Thursday, 4),
            MoveableHoliday.BlackFriday => Nth(year, 11, DayOfWeek.Thursday, 4).AddDays(1),
            MoveableHoliday.LaborDay => Nth(year, 9, DayOfWeek.Monday, 1),
            MoveableHoliday.MemorialDay => Last(year, 5, DayOfWeek.Monday),
            MoveableHoliday.MartinLutherKingDay => Nth(year, 1, DayOfWeek.Monday, 3),
            MoveableHoliday.PresidentsDay => Nth(year, 2, DayOfWeek.Monday, 3),
            MoveableHoliday.MothersDay => Nth(year, 5, DayOfWeek.Sunday, 2),
            MoveableHoliday.FathersDay => Nth(year, 6, DayOfWeek.Sunday, 3),
            MoveableHoliday.ColumbusDay => Nth(year, 10, DayOfWeek.Monday, 2),
            _ => Nth(year, 11, DayOfWeek.Monday, 1).AddDays(1),
        };
    }

    private static DateOnly Nth(int year, int month, DayOfWeek day, int n)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (n - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek day)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)day + 7) % 7));
    }

    /// <summary>Western Easter Sunday by the anonymous Gregorian computus.</summary>
    private static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451, month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}

/// <summary>A month with no year ("in June", "last September"), or with a year counted from the anchor's ("October of next year").</summary>
public sealed record MonthTime(int Month, Lean Lean, int? YearOffset = null) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        if (anchor is not { } a) return $"XXXX-{Month:D2}";
        if (YearOffset is { } k) return TimeFormat.Month(a.Year + k, Month);
        Span<long> keys = [((a.Year - 1) * 12L) + Month - 1, (a.Year * 12L) + Month - 1, ((a.Year + 1) * 12L) + Month - 1];
        var i = TimeFormat.Pick(keys, (a.Year * 12L) + a.Month - 1, Lean, 1);
        var year = a.Year - 1 + i;
        return year is >= 1 and <= 9999 ? TimeFormat.Month(year, Month) : null;
    }
}

/// <summary>
/// A weekday ("on Friday", "last Monday"). When the sentence also names a day of the month, <see cref="Near"/> holds that
/// date and, if it falls within a week of the anchor, the weekday is the occurrence nearest it: news names weekdays for the
/// days around the event it dates ("met on Friday, Nov. 29 ... reported on Saturday" is Nov. 30).
/// </summary>
public sealed record WeekdayTime(DayOfWeek Weekday, Lean Lean, TimeReference? Near = null) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        var unknown = $"XXXX-WXX-{TimeFormat.IsoDay(Weekday)}";
        if (TimeFormat.ParseDay(Near?.Resolve(anchor)) is { } around
            && (anchor is not { } dct || Math.Abs(around.DayNumber - dct.DayNumber) <= 7))
        {
            var delta = ((int)Weekday - (int)around.DayOfWeek + 7) % 7;
            return TimeFormat.Day(around.AddDays(delta <= 3 ? delta : delta - 7));
        }
        if (anchor is not { } a) return unknown;
        var forward = ((int)Weekday - (int)a.DayOfWeek + 7) % 7;
        var back = forward == 0 ? 0 : forward - 7;
        var offset = Lean switch
        {
            Lean.PastOrSame => back,
            Lean.Before => back == 0 ? -7 : back,
            Lean.FutureOrSame => forward,
            Lean.After => forward == 0 ? 7 : forward,
            _ => forward <= 3 ? forward : back,
        };
        return a.DayNumber + offset is >= 0 and < 3652059 ? TimeFormat.Day(a.AddDays(offset)) : null;
    }
}

/// <summary>
/// A part of a year ("the third quarter", "this summer", "the first half of 2009"). <see cref="Part"/> is the TIMEX3
/// suffix (Q3, SU, H1); <see cref="Year"/> is written, or <see cref="YearOffset"/> counts from the anchor's year,
/// or neither and <see cref="Lean"/> picks the occurrence.
/// </summary>
public sealed record YearPartTime(string Part, int? Year, int? YearOffset, Lean Lean) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        if (Year is { } y) return $"{TimeFormat.Year(y)}-{Part}";
        if (anchor is not { } a) return $"XXXX-{Part}";
        if (YearOffset is { } k) return $"{TimeFormat.Year(a.Year + k)}-{Part}";
        var (count, order) = Position(Part);
        var (anchorYear, anchorOrder) = AnchorPosition(a, Part);
        Span<long> keys = [((anchorYear - 1L) * count) + order, ((long)anchorYear * count) + order, ((anchorYear + 1L) * count) + order];
        var i = TimeFormat.Pick(keys, ((long)anchorYear * count) + anchorOrder, Lean, 1);
        return $"{TimeFormat.Year(anchorYear - 1 + i)}-{Part}";
    }

    private static (int Count, int Order) Position(string part) => part switch
    {
        "SP" => (4, 0), "SU" => (4, 1), "FA" => (4, 2), "WI" => (4, 3),
        "H1" => (2, 0), "H2" => (2, 1),
        _ => (4, part[^1] - '1'),
    };

    private static (int Year, int Order) AnchorPosition(DateOnly a, string part) => part switch
    {
        "SP" or "SU" or "FA" or "WI" => a.Month switch
        {
            <= 2 => (a.Year - 1, 3),
            <= 5 => (a.Year, 0),
            <= 8 => (a.Year, 1),
            <= 11 => (a.Year, 2),
            _ => (a.Year, 3),
        },
        "H1" or "H2" => (a.Year, a.Month <= 6 ? 0 : 1),
        _ => (a.Year, (a.Month - 1) / 3),
    };
}

/// <summary>A year written with two digits ("'82"): the century is the one that puts it closest before the anchor.</summary>
public sealed record ShortYearTime(int TwoDigits) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        var reference = anchor?.Year ?? 2000;
        var year = ((reference / 100) * 100) + TwoDigits;
        if (year > reference + 10) year -= 100;
        return TimeFormat.Year(year);
    }
}

/// <summary>A time of day ("4:59 PM", "this morning") on the day another reference names (today when none is written).</summary>
public sealed record TimeOfDayTime(TimeReference Day, string Suffix) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        var day = Day.Resolve(anchor);
        return (day is { Length: 10 } ? day : "XXXX-XX-XX") + Suffix;
    }
}

/// <summary>
/// A time counted from another time the story named ("the next day", "two days later" after "on Nov. 29"; "two years
/// later" after "in 2014"; "that year", "the following month"; "the same month a year ago" with <see cref="Years"/> -1). <see cref="From"/> must name the unit or finer (a day for
/// days, a day or a week for weeks and months, or a month for months, any time for years); else the shift counts from the anchor.
/// </summary>
public sealed record ShiftedTime(TimeReference From, CalendarUnit Unit, int Offset, int Years = 0) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        if (Point(From.Resolve(anchor)) is var (point, grain) && Covers(grain))
        {
            try
            {
                var from = point.AddYears(Years);
                return Unit switch
                {
                    CalendarUnit.Day => TimeFormat.Day(from.AddDays(Offset)),
                    CalendarUnit.Week => TimeFormat.Week(from.AddDays(7 * Offset)),
                    CalendarUnit.Month => TimeFormat.Month(from.AddMonths(Offset).Year, from.AddMonths(Offset).Month),
                    CalendarUnit.Year => TimeFormat.Year(from.Year + Offset),
                    CalendarUnit.Decade => ((from.Year / 10) + Offset).ToString("D3", CultureInfo.InvariantCulture),
                    _ => ((from.Year / 100) + Offset).ToString("D2", CultureInfo.InvariantCulture),
                };
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }
        if (Years == 0 || anchor is not { } a) return new RelativeTime(Unit, Offset).Resolve(anchor);
        return a.Year + Years is >= 1 and <= 9999 ? new RelativeTime(Unit, Offset).Resolve(a.AddYears(Years)) : null;
    }

    private bool Covers(CalendarUnit grain) => Unit switch
    {
        CalendarUnit.Day => grain == CalendarUnit.Day,
        CalendarUnit.Week => grain is CalendarUnit.Day or CalendarUnit.Week,
        CalendarUnit.Month => grain is CalendarUnit.Day or CalendarUnit.Week or CalendarUnit.Month,
        _ => true,
    };

    /// <summary>The first day a TIMEX3 value covers and how fine it is: a day, an ISO week, a month, or a year ("2014", "2014-Q3", "FY2014").</summary>
    internal static (DateOnly Day, CalendarUnit Grain)? Point(string? value)
    {
        if (value is null) return null;
        if (TimeFormat.ParseDay(value) is { } day) return (day, CalendarUnit.Day);
        var v = value.StartsWith("FY", StringComparison.Ordinal) ? value[2..] : value;
        if (v.Length < 4 || !int.TryParse(v.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1) return null;
        if (v.Length == 4) return (new DateOnly(year, 1, 1), CalendarUnit.Year);
        if (v[4] != '-') return null;
        if (v.Length == 7 && int.TryParse(v.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            return (new DateOnly(year, month, 1), CalendarUnit.Month);
        if (v.Length == 8 && v[5] == 'W' && int.TryParse(v.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week) && week is >= 1 and <= 53)
        {
            try
            {
                return (DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)), CalendarUnit.Week);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }
        return char.IsAsciiLetterUpper(v[Math.Min(5, v.Length - 1)]) ? (new DateOnly(year, 1, 1), CalendarUnit.Year) : null;
    }
}

/// <summary>"the weekend": the weekend the tense points at, named by the ISO week of its Saturday.</summary>
public sealed record WeekendTime(Lean Lean) : TimeReference
{
    public override string? Resolve(DateOnly? anchor)
    {
        if (anchor is null) return "XXXX-WXX-WE";
        return TimeFormat.ParseDay(new WeekdayTime(DayOfWeek.Saturday, Lean).Resolve(anchor)) is { } saturday
            ? TimeFormat.Week(saturday) + "-WE" : null;
    }
}
