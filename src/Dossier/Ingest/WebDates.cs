using System.Collections.Frozen;
using System.Globalization;

namespace Dossier.Ingest;

/// <summary>Dates as feeds and JSON exports write them: RFC 822/1123 with named or numeric zones, ISO 8601, Unix time.</summary>
public static class WebDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>North American and European zone names feeds use; the RFC's military letters count as unknown (UTC).</summary>
    private static readonly FrozenDictionary<string, int> ZoneHours = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0, ["WET"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5, ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
        ["AKST"] = -9, ["AKDT"] = -8, ["HST"] = -10,
        ["BST"] = 1, ["CET"] = 1, ["CEST"] = 2, ["MET"] = 1, ["MEST"] = 2, ["EET"] = 2, ["EEST"] = 3, ["WEST"] = 1, ["MSK"] = 3,
        ["JST"] = 9, ["KST"] = 9, ["AEST"] = 10, ["AEDT"] = 11,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The instant <paramref name="value"/> names, or null if it is not a date this recognises.</summary>
    public static DateTimeOffset? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var text = value.Trim();
        if (text.Length > 80) return null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)) return FromUnix(epoch);
        if (ParseRfc822(text) is { } rfc) return rfc;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
            return iso;
        return null;
    }

    /// <summary>Seconds since 1970, or milliseconds when the number is too large to be seconds of a plausible date.</summary>
    public static DateTimeOffset? FromUnix(long value)
    {
        if (value <= 0) return null;
        if (value > 100_000_000_000) value /= 1000;
        return value > 253_402_300_799 ? null : DateTimeOffset.FromUnixTimeSeconds(value);
    }

    /// <summary>"[Tue,] 10 Jun 2003 04:00[:00] [GMT|EST|+0200]"; two-digit years are 19xx from 50 up, else 20xx.</summary>
    public static DateTimeOffset? ParseRfc822(string text)
    {
        var comma = text.IndexOf(',');
        if (comma >= 0 && comma <= 10) text = text[(comma + 1)..];
        var parts = text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3) return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)) return null;
        if (parts[1].Length < 3) return null;
        var month = Array.IndexOf(Months, parts[1][..3].ToLowerInvariant()) + 1;
        if (month == 0) return null;
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)) return null;
        if (parts[2].Length <= 2) year += year >= 50 ? 1900 : 2000;
        int hour = 0, minute = 0, second = 0;
        var offset = TimeSpan.Zero;
        if (parts.Length > 3)
        {
            var clock = parts[3].Split(':');
            if (clock.Length < 2
                || !int.TryParse(clock[0], NumberStyles.None, CultureInfo.InvariantCulture, out hour)
                || !int.TryParse(clock[1], NumberStyles.None, CultureInfo.InvariantCulture, out minute)
                || (clock.Length > 2 && !int.TryParse(clock[2], NumberStyles.None, CultureInfo.InvariantCulture, out second)))
                return null;
            if (parts.Length > 4) offset = ZoneOffset(parts[4]);
        }
        if (month > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month) || hour > 23 || minute > 59 || second > 60)
            return null;
        if (year is < 1 or > 9999) return null;
        return new DateTimeOffset(year, month, day, hour, minute, Math.Min(second, 59), offset);
    }

    private static TimeSpan ZoneOffset(string zone)
    {
        if (zone.Length >= 5 && zone[0] is '+' or '-')
        {
            var digits = zone[1..].Replace(":", "", StringComparison.Ordinal);
            if (digits.Length == 4 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm)
                && hhmm / 100 <= 14 && hhmm % 100 < 60)
            {
                var span = new TimeSpan(hhmm / 100, hhmm % 100, 0);
                return zone[0] == '-' ? -span : span;
            }
            return TimeSpan.Zero;
        }
        return ZoneHours.TryGetValue(zone.Trim('(', ')'), out var hours) ? TimeSpan.FromHours(hours) : TimeSpan.Zero;
    }
}
