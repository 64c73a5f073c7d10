using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using TimeFormat = Dossier.Annotate.Time.TimeFormat;
using Dossier.Model;

namespace Dossier.Extract.Html;

/// <summary>A date read from a page with how finely it is known, and the text it was read from.</summary>
internal readonly record struct PageDateValue(DateOnly Date, DatePrecision Precision, int Index, int Length);

/// <summary>
/// Reads dates as pages write them: machine values in markup (ISO 8601 with or without time and zone, compact
/// yyyyMMdd, epoch seconds), English written forms ("Nov. 29, 2024", "29 November 2024", RFC 1123), numeric forms,
/// and relative forms in bylines ("3 hours ago", "yesterday"). A stated zone is kept: the day is the one the page wrote.
/// </summary>
internal static partial class PageDateText
{
    /// <summary>How much of a byline or attribute value is searched: dates sit at the head of such text.</summary>
    private const int Reach = 400;

    /// <summary>Reads a markup value (meta content, time[datetime], JSON-LD): the whole value names one date.</summary>
    public static PageDateValue? ParseMachine(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var s = value.Trim();
        if (s.Length > Reach) s = s[..Reach];
        var iso = Iso().Match(s);
        if (iso.Success && iso.Groups["d"].Success)
            return Make(Number(iso.Groups["y"].Value), Number(iso.Groups["m"].Value), Number(iso.Groups["d"].Value), DatePrecision.Day, iso);
        var epoch = Epoch().Match(s);
        if (epoch.Success && long.TryParse(epoch.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            // Ten digits are seconds, thirteen milliseconds; either way the day is the UTC day, the only one an epoch states.
            if (epoch.Value.Length == 13) seconds /= 1000;
            var moment = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return new PageDateValue(DateOnly.FromDateTime(moment.UtcDateTime), DatePrecision.Day, 0, s.Length);
        }
        if (FindWritten(s).FirstOrDefault() is { Length: > 0 } w) return w;
        // A bare year or year and month counts only when it is the whole value (or the value's date part).
        if (!iso.Success) return null;
        var year = Number(iso.Groups["y"].Value);
        return iso.Groups["m"].Success
            ? Make(year, Number(iso.Groups["m"].Value), 1, DatePrecision.Month, iso)
            : iso.Length == s.Length ? Make(year, 1, 1, DatePrecision.Year, iso) : null;
    }

    /// <summary>Every written date in <paramref name="text"/> (English month names or numeric day, month and year), in order.</summary>
    public static IEnumerable<PageDateValue> FindWritten(string text)
    {
        var s = text.Length > Reach ? text[..Reach] : text;
        foreach (Match m in Written().Matches(s))
        {
            PageDateValue? found;
            if (m.Groups["fmon"].Success)
            {
                found = Make(Number(m.Groups["y"].Value), OtherLanguageMonths[m.Groups["fmon"].Value.ToLowerInvariant()], Number(m.Groups["d"].Value), DatePrecision.Day, m);
            }
            else if (m.Groups["mon"].Success)
            {
                found = Make(Number(m.Groups["y"].Value), MonthOf(m.Groups["mon"].Value), Number(m.Groups["d"].Value), DatePrecision.Day, m);
            }
            else if (m.Groups["iy"].Success)
            {
                found = Make(Number(m.Groups["iy"].Value), Number(m.Groups["im"].Value), Number(m.Groups["id"].Value), DatePrecision.Day, m);
            }
            else
            {
                var year = Number(m.Groups["y"].Value);
                var a = Number(m.Groups["a"].Value);
                var b = Number(m.Groups["b"].Value);
                // Dotted numbers are European (day first); slashed ones American (month first) unless the first cannot be a month.
                var dayFirst = m.Groups["sep"].Value == "." || a > 12;
                found = dayFirst ? Make(year, b, a, DatePrecision.Day, m) : Make(year, a, b, DatePrecision.Day, m);
            }
            if (found is { } f) yield return f;
        }
    }

    /// <summary>A relative date in a byline ("3 hours ago", "2 days ago", "yesterday", "today at 10:02") counted back from <paramref name="now"/>.</summary>
    public static PageDateValue? FindRelative(string text, DateTimeOffset now)
    {
        var s = text.Length > Reach ? text[..Reach] : text;
        var m = Relative().Match(s);
        if (!m.Success) return null;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (m.Groups["yesterday"].Success) return new PageDateValue(today.AddDays(-1), DatePrecision.Day, m.Index, m.Length);
        if (m.Groups["today"].Success) return new PageDateValue(today, DatePrecision.Day, m.Index, m.Length);
        var n = m.Groups["n"].Value is var word && char.IsAsciiDigit(word[0]) ? Number(word) : 1;
        var unit = m.Groups["u"].Value.ToLowerInvariant();
        var then = unit[0] switch
        {
            'm' => now.AddMinutes(-n),
            'h' => now.AddHours(-n),
            'd' => now.AddDays(-n),
            _ => now.AddDays(-7 * n),
        };
        return new PageDateValue(DateOnly.FromDateTime(then.UtcDateTime), DatePrecision.Day, m.Index, m.Length);
    }

    private static PageDateValue? Make(int year, int month, int day, DatePrecision precision, Match m)
        => TimeFormat.Date(year, month, day) is { } d ? new PageDateValue(d, precision, m.Index, m.Length) : null;

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int MonthOf(string name) => name[..3].ToLowerInvariant() switch
    {
        "jan" => 1, "feb" => 2, "mar" => 3, "apr" => 4, "may" => 5, "jun" => 6,
        "jul" => 7, "aug" => 8, "sep" => 9, "oct" => 10, "nov" => 11, _ => 12,
    };

    /// <summary>2024, 2024-11, 2024-11-29, 2024/11/29, 20241129, each optionally followed by a time and zone.</summary>
    [GeneratedRegex(@"^(?<y>(?:1[89]|2[0-9])[0-9]{2})(?:(?<sep>[-/.]?)(?<m>[01][0-9])(?:\k<sep>(?<d>[0-3][0-9]))?)?(?=$|[T ,]|[0-2][0-9]:)", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    [GeneratedRegex(@"^(?:[0-9]{10}|[0-9]{13})$", RegexOptions.CultureInvariant)]
    private static partial Regex Epoch();

    private const string MonthName = @"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

    /// <summary>
    /// Month names of other languages news is often written in (French, German, Spanish, Italian, Portuguese, Dutch, and
    /// Russian in the genitive that follows a day), as they follow a day: "29 novembre 2024", "29. November 2024",
    /// "29 de noviembre de 2024", "29 ноября 2024 г.".
    /// </summary>
    private static readonly FrozenDictionary<string, int> OtherLanguageMonths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["janvier"] = 1, ["février"] = 2, ["fevrier"] = 2, ["mars"] = 3, ["avril"] = 4, ["mai"] = 5, ["juin"] = 6, ["juillet"] = 7,
        ["août"] = 8, ["aout"] = 8, ["septembre"] = 9, ["octobre"] = 10, ["novembre"] = 11, ["décembre"] = 12, ["decembre"] = 12,
        ["januar"] = 1, ["jänner"] = 1, ["februar"] = 2, ["märz"] = 3, ["maerz"] = 3, ["juni"] = 6, ["juli"] = 7,
        ["oktober"] = 10, ["dezember"] = 12,
        ["enero"] = 1, ["febrero"] = 2, ["marzo"] = 3, ["abril"] = 4, ["mayo"] = 5, ["junio"] = 6, ["julio"] = 7, ["agosto"] = 8,
        ["septiembre"] = 9, ["setiembre"] = 9, ["octubre"] = 10, ["noviembre"] = 11, ["diciembre"] = 12,
        ["gennaio"] = 1, ["febbraio"] = 2, ["aprile"] = 4, ["maggio"] = 5, ["giugno"] = 6, ["luglio"] = 7, ["settembre"] = 9,
        ["ottobre"] = 10, ["dicembre"] = 12,
        ["janeiro"] = 1, ["fevereiro"] = 2, ["março"] = 3, ["marco"] = 3, ["maio"] = 5, ["junho"] = 6, ["julho"] = 7,
        ["setembro"] = 9, ["outubro"] = 10, ["novembro"] = 11, ["dezembro"] = 12,
        ["januari"] = 1, ["februari"] = 2, ["maart"] = 3, ["mei"] = 5, ["augustus"] = 8,
        ["января"] = 1, ["февраля"] = 2, ["марта"] = 3, ["апреля"] = 4, ["мая"] = 5, ["июня"] = 6, ["июля"] = 7,
        ["августа"] = 8, ["сентября"] = 9, ["октября"] = 10, ["ноября"] = 11, ["декабря"] = 12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Longest names first, so an alternation never stops at a shorter prefix ("mar" of "marzo").
    private const string OtherMonthName =
        "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
        + "|januar|jänner|februar|märz|maerz|juni|juli|oktober|dezember"
        + "|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre"
        + "|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
        + "|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro"
        + "|januari|februari|maart|mei|augustus"
        + "|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";

    /// <summary>"Nov. 29, 2024", "November 29th 2024", "29 November 2024", "29 Nov. 2024", "2024-11-29", "11/29/2024", "29.11.2024", and other languages' "29 novembre 2024".</summary>
    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:(?<d>[0-3]?[0-9])\.?\s+(?:de\s+)?(?<fmon>" + OtherMonthName + @")(?![\p{L}])\.?\s*(?:de\s+|,\s*)?(?<y>(?:19|20)[0-9]{2})"
        + @"|(?<mon>" + MonthName + @")\.?\s+(?<d>[0-3]?[0-9])(?:st|nd|rd|th)?,?\s+(?<y>(?:19|20)[0-9]{2})"
        + @"|(?<d>[0-3]?[0-9])(?:st|nd|rd|th|\.)?\s+(?:of\s+)?(?<mon>" + MonthName + @")\.?,?\s+(?<y>(?:19|20)[0-9]{2})"
        + @"|(?<iy>(?:19|20)[0-9]{2})-(?<im>[01]?[0-9])-(?<id>[0-3]?[0-9])"
        + @"|(?<a>[0-3]?[0-9])(?<sep>[/.])(?<b>[0-3]?[0-9])\k<sep>(?<y>(?:19|20)[0-9]{2}))(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Written();

    [GeneratedRegex(
        @"(?<![\p{L}\p{N}])(?:(?<n>[0-9]{1,3}|an?|one)\s+(?<u>min(?:ute)?s?|hours?|hrs?|days?|weeks?|wks?)\s+ago"
        + @"|(?<yesterday>yesterday)|(?<today>today),?\s+(?:at\s+)?[0-2]?[0-9][:.][0-5][0-9])(?![\p{L}\p{N}])",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Relative();
}
