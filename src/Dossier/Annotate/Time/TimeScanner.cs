using System.Collections.Frozen;
using System.Globalization;
using Dossier.Model;

namespace Dossier.Annotate.Time;

internal enum WordKind : byte { Letters, Digits, Punctuation, Break }

/// <summary>A word of the text as the time scanner sees it: letters, digits or one punctuation mark.</summary>
internal readonly record struct Word(int Start, int Length, WordKind Kind, Lex Lex, long Number, int Sentence, bool Capital)
{
    public int End => Start + Length;
}

/// <summary>A time expression found over words [First, End).</summary>
internal readonly record struct Match(int First, int End, TimexType Type, TimeReference Reference)
{
    /// <summary>A time of day written without its day ("at 4 p.m."): the day comes from the sentence.</summary>
    public bool Floating { get; init; }

    /// <summary>A time counted from the story's last named time ("the next day", "two years later", "that month").</summary>
    public bool Anaphoric { get; init; }

    /// <summary>Years added to the story's time before counting ("the same month a year ago" is -1).</summary>
    public int Years { get; init; }
}

/// <summary>
/// One pass of the temporal tagger over one text: it cuts the text into words, tries the expression patterns at each
/// word (each looks ahead a bounded number of words, so the scan is linear) and keeps the longest match.
/// </summary>
internal sealed class TimeScanner
{
    /// <summary>How many words either side of an expression are searched for the verb that gives the tense.</summary>
    private const int TenseWindow = 15;

    /// <summary>How deep one pattern may call another ("the end of" a date, a time "on" a day): keeps pathological repeats linear.</summary>
    private const int MaxNesting = 2;

    private readonly string _text;
    private readonly List<Word> _words = [];
    private int _nesting;

    public TimeScanner(string text, IReadOnlyList<Sentence> sentences)
    {
        _text = text;
        Lex(sentences);
    }

    public List<Match> Scan()
    {
        var found = new List<Match>();
        for (var i = 0; i < _words.Count;)
        {
            if (MatchAt(i) is { } m && m.End > i)
            {
                found.Add(m);
                i = m.End;
            }
            else
            {
                i++;
            }
        }
        AnchorToSentenceDates(found);
        CountFromStoryDays(found, SentenceOf);
        return found;
    }

    public TextSpan SpanOf(Match m) => TextSpan.FromBounds(_words[m.First].Start, _words[m.End - 1].End);

    // ---------------------------------------------------------------- words

    private void Lex(IReadOnlyList<Sentence> sentences)
    {
        var text = _text;
        var sentence = 0;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\n')
            {
                if (_words.Count > 0 && _words[^1].Kind != WordKind.Break) _words.Add(new Word(i, 1, WordKind.Break, default, -1, sentence, false));
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c)) { i++; continue; }
            while (sentence < sentences.Count && i >= sentences[sentence].Span.End) sentence++;
            var start = i;
            if (char.IsLetter(c))
            {
                while (i < text.Length && char.IsLetter(text[i])) i++;
                var span = text.AsSpan(start, i - start);
                var lex = span.Length <= 14 && TimeLexicon.Lookup.TryGetValue(span, out var e) ? e : default;
                _words.Add(new Word(start, i - start, WordKind.Letters, lex, -1, sentence, char.IsUpper(c)));
            }
            else if (c is >= '0' and <= '9')
            {
                long value = 0;
                while (i < text.Length && text[i] is >= '0' and <= '9')
                {
                    if (i - start < 12) value = (value * 10) + (text[i] - '0');
                    i++;
                }
                _words.Add(new Word(start, i - start, WordKind.Digits, default, i - start <= 12 ? value : -1, sentence, false));
            }
            else
            {
                i += char.IsHighSurrogate(c) && i + 1 < text.Length ? 2 : 1;
                _words.Add(new Word(start, i - start, WordKind.Punctuation, default, -1, sentence, false));
            }
        }
    }

    private Word W(int j) => _words[j];

    private bool Exists(int j) => j >= 0 && j < _words.Count;

    private bool Adjacent(int j) => j > 0 && j < _words.Count && _words[j].Start == _words[j - 1].End;

    private bool IsChar(int j, char c) => Exists(j) && _words[j].Kind == WordKind.Punctuation && _text[_words[j].Start] == c;

    /// <summary>A dash written tight between a day and a year ("November 27-2005"), as some sites print their datelines.</summary>
    private bool JoiningDash(int j) =>
        IsDash(j) && Exists(j + 1) && _words[j].Start == _words[j - 1].End && _words[j + 1].Start == _words[j].End
        && _words[j + 1].Kind == WordKind.Digits && _words[j + 1].Length == 4;

    private bool IsDash(int j) => Exists(j) && _words[j].Kind == WordKind.Punctuation && _text[_words[j].Start] is '-' or '–' or '—';

    private bool IsWord(int j, string s) => Exists(j) && _words[j].Kind == WordKind.Letters
        && _text.AsSpan(_words[j].Start, _words[j].Length).Equals(s, StringComparison.OrdinalIgnoreCase);

    private bool IsClass(int j, WordClass c) => Exists(j) && _words[j].Lex.Class == c;

    private bool IsDigits(int j, int length) => Exists(j) && _words[j].Kind == WordKind.Digits && _words[j].Length == length;

    private bool IsLowerWord(int j) => Exists(j) && _words[j].Kind == WordKind.Letters && !_words[j].Capital;

    private ReadOnlySpan<char> Letters(int j) => _text.AsSpan(_words[j].Start, _words[j].Length);

    /// <summary>True when word j is letters found in the set (the sets compare ignoring case, looked up without allocating).</summary>
    private bool In(FrozenSet<string> set, int j)
        => Exists(j) && _words[j].Kind == WordKind.Letters && set.GetAlternateLookup<ReadOnlySpan<char>>().Contains(Letters(j));

    /// <summary>True when the digits at j run on into more digits ("10,000", "2.5", "4:59"), so they are not a day or a year.</summary>
    private bool RunsOn(int j)
        => Adjacent(j + 1) && _words[j + 1].Kind == WordKind.Punctuation && _text[_words[j + 1].Start] is ',' or '.' or ':' or '/'
           && Adjacent(j + 2) && _words[j + 2].Kind == WordKind.Digits
           || Adjacent(j + 1) && _words[j + 1].Kind == WordKind.Digits
           || Adjacent(j + 1) && IsChar(j + 1, '%');

    private bool PrecededByMoney(int j)
        => Adjacent(j) && _words[j - 1].Kind == WordKind.Punctuation && _text[_words[j - 1].Start] is '$' or '£' or '€' or '¥' or '#'
           || Adjacent(j) && _words[j - 1].Kind == WordKind.Letters;

    // ---------------------------------------------------------------- dispatch

    private Match? MatchAt(int i)
    {
        var w = _words[i];
        Match? best = null;
        void Take(Match? m)
        {
            if (m is { } x && (best is not { } b || x.End > b.End)) best = x;
        }

        switch (w.Kind)
        {
            case WordKind.Digits:
                Take(NumericDate(i));
                Take(ClockTime(i));
                Take(DayMonth(i, i, null));
                Take(Decade(i, i));
                Take(YearAlone(i, i, false));
                Take(Duration(i, i));
                Take(Century(i, i));
                break;
            case WordKind.Punctuation when _text[w.Start] is '\'' or '’':
                Take(Decade(i, i));
                Take(YearAlone(i, i, false));
                break;
            case WordKind.Letters:
                Take(ByClass(i));
                break;
        }
        return best;
    }

    private Match? ByClass(int i)
    {
        var w = _words[i];
        switch (w.Lex.Class)
        {
            case WordClass.Month:
            case WordClass.MonthAbbreviation:
                return MonthFirst(i, i, null);
            case WordClass.Weekday:
                return WeekdayFirst(i);
            case WordClass.Weekdays:
                return w.Capital ? new Match(i, i + 1, TimexType.SET, new FixedTime($"XXXX-WXX-{TimeFormat.IsoDay((DayOfWeek)w.Lex.Value)}")) : null;
            case WordClass.Number:
                return Duration(i, i);
            case WordClass.Article:
                return w.Lex.Value == 1 ? Better(Periodic(i), Duration(i, i)) : The(i);
            case WordClass.Ordinal:
                return Better(YearPart(i, i), Century(i, i));
            case WordClass.Season:
                return Season(i, i, null);
            case WordClass.RelativeDay:
                return RelativeDay(i, i);
            case WordClass.Determiner:
                return Determined(i, i, false);
            case WordClass.Approximately:
                return Approximate(i);
            case WordClass.Reference:
                return Reference(i);
            case WordClass.Periodic:
                return new Match(i, i + 1, TimexType.SET, new FixedTime(PeriodValue("1", (DurationUnit)w.Lex.Value)));
            case WordClass.Every:
                return Every(i);
            case WordClass.Edge:
                return Edge(i);
            case WordClass.Shift:
                return Shifted(i);
            case WordClass.Clock:
                return ClockWord(i);
            case WordClass.Units when !w.Capital && w.Lex.Value == (int)DurationUnit.Weekend && IsWord(i - 1, "on"):
                return new Match(i, i + 1, TimexType.SET, new FixedTime("XXXX-WXX-WE"));
            case WordClass.Units when !w.Capital && Exists(i - 1) && In(TimeLexicon.VagueSpanFrames, i - 1) && !IsWord(i + 1, "ago"):
                return new Match(i, i + 1, TimexType.DURATION, new FixedTime(PeriodValue("X", (DurationUnit)w.Lex.Value)));
            default:
                if (w.Length == 1 && _text[w.Start] == 'Q') return Quarter(i);
                if (IsWord(i, "more") || IsWord(i, "less") || IsWord(i, "fewer") || IsWord(i, "at") || IsWord(i, "up")) return Approximate(i);
                if (IsWord(i, "once") || IsWord(i, "twice")) return Periodic(i);
                // "FY2012": a fiscal year written short.
                if (IsWord(i, "FY") && IsDigits(i + 1, 4) && Adjacent(i + 1) && !(Adjacent(i + 2) && _words[i + 2].Kind is WordKind.Letters or WordKind.Digits))
                    return new Match(i, i + 2, TimexType.DATE, new FixedTime("FY" + _words[i + 1].Number.ToString("D4", CultureInfo.InvariantCulture)));
                // "these days": the present.
                if (IsWord(i, "these") && IsWord(i + 1, "days")) return new Match(i, i + 2, TimexType.DATE, new FixedTime("PRESENT_REF"));
                // "that day", "that year": the time the story last named.
                if (IsWord(i, "that") && SameUnit(i + 1) is { } that)
                    return new Match(i, i + 2, TimexType.DATE, new RelativeTime(that, 0)) { Anaphoric = true };
                return w.Capital ? Holiday(i) : null;
        }
    }

    /// <summary>A pattern tried inside another, at most <see cref="MaxNesting"/> deep.</summary>
    private Match? Nested(int k, bool digitsToo)
    {
        if (_nesting >= MaxNesting || !Exists(k)) return null;
        _nesting++;
        try
        {
            return digitsToo ? MatchAt(k) : _words[k].Kind == WordKind.Letters ? ByClass(k) : null;
        }
        finally
        {
            _nesting--;
        }
    }

    /// <summary>Holidays on fixed dates: "Christmas (Eve|Day)", "New Year's (Eve|Day)", "Boxing Day", "Valentine's Day", "Halloween".</summary>
    private Match? Holiday(int i)
    {
        int month, day, end;
        if (IsWord(i, "Christmas"))
        {
            (month, day, end) = IsWord(i + 1, "Eve") ? (12, 24, i + 2) : (12, 25, IsWord(i + 1, "Day") ? i + 2 : i + 1);
        }
        else if (IsWord(i, "Halloween")) (month, day, end) = (10, 31, i + 1);
        else if (IsWord(i, "Boxing") && IsWord(i + 1, "Day")) (month, day, end) = (12, 26, i + 2);
        else if (Possessive(i + 1) && IsWord(i + 3, "Day") && IsWord(i, "Valentine")) (month, day, end) = (2, 14, i + 4);
        else if (IsWord(i, "New") && IsWord(i + 1, "Year") && Possessive(i + 2) && (IsWord(i + 4, "Day") || IsWord(i + 4, "Eve")))
            (month, day, end) = IsWord(i + 4, "Eve") ? (12, 31, i + 5) : (1, 1, i + 5);
        else return Moveable(i);
        if (YearNumber(end) is var (_, year, after) && year > 0)
            return new Match(i, after, TimexType.DATE, new FixedTime(TimeFormat.Day(new DateOnly(year, month, day))));
        return new Match(i, end, TimexType.DATE, new MonthDayTime(month, day, null, LeanAt(i, end)));
    }

    private bool Possessive(int j) => (IsChar(j, '\'') || IsChar(j, '’')) && IsWord(j + 1, "s");

    private static Match? Better(Match? a, Match? b) => a is not { } x ? b : b is not { } y ? a : y.End > x.End ? b : a;

    private static Match? From(int first, Match? inner) => inner is { } m ? m with { First = first } : null;

    // ---------------------------------------------------------------- pieces

    /// <summary>A day of the month at j ("29", "29th"): the day and the word after it.</summary>
    private (int Day, int Next)? DayNumber(int j)
    {
        if (!Exists(j) || _words[j].Kind != WordKind.Digits || _words[j].Length > 2 || RunsOn(j)) return null;
        var day = (int)_words[j].Number;
        if (day is < 1 or > 31) return null;
        var next = j + 1;
        if (Adjacent(next) && _words[next].Kind == WordKind.Letters && (IsWord(next, "st") || IsWord(next, "nd") || IsWord(next, "rd") || IsWord(next, "th"))) next++;
        return (day, next);
    }

    /// <summary>A year at j ("2024", "'82"): the reference and the word after it.</summary>
    private (TimeReference Year, int Value, int Next)? YearNumber(int j)
    {
        if (!Exists(j)) return null;
        if (_words[j].Kind == WordKind.Digits && _words[j].Length == 4 && !RunsOn(j) && !PrecededByMoney(j))
        {
            var y = (int)_words[j].Number;
            if (y is >= 1000 and <= 2999 && !(Adjacent(j + 1) && _words[j + 1].Kind == WordKind.Letters))
                return (new FixedTime(TimeFormat.Year(y)), y, j + 1);
            return null;
        }
        if (_words[j].Kind == WordKind.Punctuation && _text[_words[j].Start] is '\'' or '’'
            && IsDigits(j + 1, 2) && Adjacent(j + 1) && !RunsOn(j + 1) && !(Adjacent(j + 2) && _words[j + 2].Kind == WordKind.Letters))
        {
            var two = (int)_words[j + 1].Number;
            return (new ShortYearTime(two), -1, j + 2);
        }
        return null;
    }

    /// <summary>The month at j, with the word after it ("Nov." swallows its period).</summary>
    private (int Month, bool Abbreviated, int Next)? MonthWord(int j)
    {
        if (!Exists(j) || !_words[j].Capital) return null;
        var lex = _words[j].Lex;
        if (lex.Class == WordClass.Month) return (lex.Value, false, j + 1);
        if (lex.Class != WordClass.MonthAbbreviation) return null;
        return (lex.Value, true, IsChar(j + 1, '.') && Adjacent(j + 1) ? j + 2 : j + 1);
    }

    private Lean LeanAt(int first, int end) => TimeFormat.FromTense(TenseAt(first, end));

    private static DateOnly? MakeDate(int year, int month, int day) => TimeFormat.Date(year, month, day);

    // ---------------------------------------------------------------- dates

    /// <summary>"2024-11-29", "11/29/2024", "29/11/2024", "7/8/07", "29.11.2024".</summary>
    private Match? NumericDate(int i)
    {
        if (!Adjacent(i + 1) || !Adjacent(i + 2) || !Adjacent(i + 3) || !Adjacent(i + 4)) return null;
        if (_words[i + 2].Kind != WordKind.Digits || _words[i + 4].Kind != WordKind.Digits) return null;
        if (_words[i + 1].Kind != WordKind.Punctuation || _words[i + 3].Kind != WordKind.Punctuation) return null;
        var sep = _text[_words[i + 1].Start];
        if (sep != _text[_words[i + 3].Start] || sep is not ('-' or '/' or '.')) return null;
        if (Adjacent(i + 5) && (_words[i + 5].Kind == WordKind.Digits || IsChar(i + 5, sep) || RunsOn(i + 4))) return null;
        long a = _words[i].Number, b = _words[i + 2].Number, c = _words[i + 4].Number;
        DateOnly? date = null;
        if (_words[i].Length == 4 && sep != '.') date = MakeDate((int)a, (int)b, (int)c);
        else if (_words[i].Length <= 2 && _words[i + 2].Length <= 2 && _words[i + 4].Length is 4 or 2)
        {
            var year = _words[i + 4].Length == 4 ? (int)c : (c < 50 ? 2000 + (int)c : 1900 + (int)c);
            date = sep == '/' && a <= 12 ? MakeDate(year, (int)a, (int)b) : MakeDate(year, (int)b, (int)a);
        }
        return date is { } d ? new Match(i, i + 5, TimexType.DATE, new FixedTime(TimeFormat.Day(d))) : null;
    }

    /// <summary>"Nov. 29", "November 29, 2024", "June 2024", "June of 2024", "in June"; weekday is set when "Friday," came first.</summary>
    private Match? MonthFirst(int first, int i, DayOfWeek? weekday)
    {
        if (MonthWord(i) is not var (month, abbreviated, j)) return null;
        if (DayNumber(j) is var (day, k) && day <= DateTime.DaysInMonth(2000, month))
        {
            var y = IsChar(k, ',') || JoiningDash(k) ? k + 1 : k;
            if (YearNumber(y) is var (_, year, after) && year > 0)
                return MakeDate(year, month, day) is { } d ? new Match(first, after, TimexType.DATE, new FixedTime(TimeFormat.Day(d))) : null;
            return new Match(first, k, TimexType.DATE, new MonthDayTime(month, day, weekday, LeanAt(first, k)));
        }
        if (weekday is not null) return null;
        var of = IsWord(j, "of") ? j + 1 : j;
        if (YearNumber(of) is var (_, yearValue, end) && yearValue > 0)
            return new Match(first, end, TimexType.DATE, new FixedTime(TimeFormat.Month(yearValue, month)));
        if (of > j && IsClass(of, WordClass.Determiner) && IsWord(of + 1, "year") && _words[of].Lex.Value is TimeLexicon.This or TimeLexicon.Last or TimeLexicon.Next)
            return new Match(first, of + 2, TimexType.DATE, new MonthTime(month, Lean.Nearest, _words[of].Lex.Value));
        if (abbreviated) return null;
        var before = i - 1;
        var introduced = Exists(before) && _words[before].Kind == WordKind.Letters
                         && (In(TimeLexicon.MonthPrepositions, before) || IsClass(before, WordClass.Determiner) || IsClass(before, WordClass.Edge));
        if (month == 5 && !introduced) return null;
        if (!introduced && Exists(j) && _words[j].Kind == WordKind.Letters && _words[j].Capital) return null;
        return new Match(first, j, TimexType.DATE, new MonthTime(month, LeanAt(first, j)));
    }

    /// <summary>"29 November 2024", "29th of November", "Friday 29 November".</summary>
    private Match? DayMonth(int first, int i, DayOfWeek? weekday)
    {
        if (DayNumber(i) is not var (day, j)) return null;
        if (IsWord(j, "of")) j++;
        if (MonthWord(j) is not var (month, _, k) || day > DateTime.DaysInMonth(2000, month)) return null;
        var y = IsChar(k, ',') ? k + 1 : k;
        if (YearNumber(y) is var (_, year, after) && year > 0)
            return MakeDate(year, month, day) is { } d ? new Match(first, after, TimexType.DATE, new FixedTime(TimeFormat.Day(d))) : null;
        return new Match(first, k, TimexType.DATE, new MonthDayTime(month, day, weekday, LeanAt(first, k)));
    }

    /// <summary>"Friday", "Friday, Nov. 29", "Friday 29 November", "Friday morning".</summary>
    private Match? WeekdayFirst(int i)
    {
        var w = _words[i];
        if (!w.Capital) return null;
        var weekday = (DayOfWeek)w.Lex.Value;
        var j = IsChar(i + 1, ',') ? i + 2 : i + 1;
        var dated = Better(MonthFirst(i, j, weekday), DayMonth(i, j, weekday));
        if (dated is { } d) return d;
        if (IsWord(j, "the") && DayMonth(i, j + 1, weekday) is { } theDay) return theDay;
        if (IsClass(i + 1, WordClass.PartOfDay))
            return new Match(i, i + 2, TimexType.TIME, new TimeOfDayTime(new WeekdayTime(weekday, LeanAt(i, i + 2)), PartOfDay(i + 1)));
        return new Match(i, i + 1, TimexType.DATE, new WeekdayTime(weekday, LeanAt(i, i + 1)));
    }

    private string PartOfDay(int j) => _words[j].Lex.Value switch { 0 => "TMO", 1 => "TAF", 2 => "TEV", _ => "TNI" };

    /// <summary>A year on its own ("in 2019", "2019's"), trusted when a preposition introduces it or no word follows it.</summary>
    private Match? YearAlone(int first, int i, bool introduced)
    {
        if (YearNumber(i) is not var (reference, _, next)) return null;
        if (!introduced)
        {
            var before = first - 1;
            var free = !Exists(next) || _words[next].Kind is WordKind.Punctuation or WordKind.Break
                       || _words[next].Kind == WordKind.Letters && _words[next].Capital;

            // "between 2014 and 2016 it will": a year after a year joined by "and", "or", "to".
            var afterYear = Exists(before - 1) && IsDigits(before - 1, 4) && _words[before - 1].Number is >= 1000 and <= 2999;
            introduced = In(TimeLexicon.YearPrepositions, before) || (free || afterYear) && In(TimeLexicon.WeakYearPrepositions, before);
            if (!introduced && !free) return null;
            if (_words[i].Kind == WordKind.Punctuation && !introduced) return null;
        }
        // "fiscal 1997", "fiscal year 1997", "the 1997 fiscal year" name the fiscal year, which TimeML writes FY1997.
        if (reference is FixedTime { Value: { Length: 4 } year })
        {
            if (first == i && IsWord(i - 1, "fiscal"))
                return new Match(i - 1, next, TimexType.DATE, new FixedTime("FY" + year));
            if (first == i && IsWord(i - 1, "year") && IsWord(i - 2, "fiscal"))
                return new Match(i - 2, next, TimexType.DATE, new FixedTime("FY" + year));
            if (IsWord(next, "fiscal") && IsWord(next + 1, "year"))
                return new Match(first, next + 2, TimexType.DATE, new FixedTime("FY" + year));
        }
        return new Match(first, next, TimexType.DATE, reference);
    }

    /// <summary>"1990s", "the '90s", "80s".</summary>
    private Match? Decade(int first, int i)
    {
        var j = i;
        if (Exists(j) && _words[j].Kind == WordKind.Punctuation)
        {
            if (!(IsDigits(j + 1, 2) && Adjacent(j + 1))) return null;
            j++;
        }
        if (!Exists(j) || _words[j].Kind != WordKind.Digits || _words[j].Length is not (2 or 4) || _words[j].Number % 10 != 0) return null;
        if (!(Adjacent(j + 1) && _words[j + 1].Kind == WordKind.Letters && _text.AsSpan(_words[j + 1].Start, _words[j + 1].Length) is "s")) return null;
        var n = (int)_words[j].Number;
        string value;
        // "the 1800s" is the century, "the 1990s" and "the 2000s" are decades.
        if (_words[j].Length == 4 && n % 100 == 0 && n < 2000) value = (n / 100).ToString("D2", CultureInfo.InvariantCulture);
        else if (_words[j].Length == 4) value = (n / 10).ToString("D3", CultureInfo.InvariantCulture);
        else value = (n < 20 ? 200 + (n / 10) : 190 + (n / 10)).ToString("D3", CultureInfo.InvariantCulture);
        return new Match(first, j + 2, TimexType.DATE, new FixedTime(value));
    }

    /// <summary>"the 20th century", "the twentieth century".</summary>
    private Match? Century(int first, int i)
    {
        int n, j;
        if (IsClass(i, WordClass.Ordinal)) { n = _words[i].Lex.Value; j = i + 1; }
        else if (DayNumber(i) is var (d, k) && k > i + 1) { n = d; j = k; }
        else return null;
        if (IsDash(j) && Adjacent(j)) j++;
        if (!IsWord(j, "century")) return null;
        return new Match(first, j + 1, TimexType.DATE, new FixedTime((n - 1).ToString("D2", CultureInfo.InvariantCulture)));
    }

    /// <summary>"the third quarter (of 2009)", "third-quarter", "the first half of 2009".</summary>
    private Match? YearPart(int first, int i)
    {
        if (!IsClass(i, WordClass.Ordinal)) return null;
        var n = _words[i].Lex.Value;
        var j = i + 1;
        if (IsDash(j) && Adjacent(j)) j++;
        string part;
        if (IsWord(j, "quarter") && n is >= 1 and <= 4) part = "Q" + n.ToString(CultureInfo.InvariantCulture);
        else if (IsWord(j, "half") && n is 1 or 2) part = "H" + n.ToString(CultureInfo.InvariantCulture);
        else return null;
        return YearPartTail(first, j + 1, part);
    }

    /// <summary>What follows a part of a year: "of 2009", "of this year", "of last year", or nothing.</summary>
    private Match? YearPartTail(int first, int j, string part)
    {
        var k = IsWord(j, "of") ? j + 1 : IsChar(j, ',') ? j + 1 : j;
        if (YearNumber(k) is var (_, year, after) && year > 0)
            return new Match(first, after, TimexType.DATE, new YearPartTime(part, year, null, Lean.Nearest));
        if (k > j && IsClass(k, WordClass.Determiner) && IsWord(k + 1, "year"))
        {
            var offset = _words[k].Lex.Value switch { TimeLexicon.This => 0, TimeLexicon.Next or TimeLexicon.ComingDeterminer => 1, _ => -1 };
            return new Match(first, k + 2, TimexType.DATE, new YearPartTime(part, null, offset, Lean.Nearest));
        }
        if (k > j && IsWord(k, "the") && IsWord(k + 1, "year"))
            return new Match(first, k + 2, TimexType.DATE, new YearPartTime(part, null, 0, Lean.Nearest));
        return new Match(first, j, TimexType.DATE, new YearPartTime(part, null, null, LeanAt(first, j)));
    }

    /// <summary>"Q3", "Q3 2009".</summary>
    private Match? Quarter(int i)
    {
        if (!(IsDigits(i + 1, 1) && Adjacent(i + 1)) || _words[i + 1].Number is < 1 or > 4 || Adjacent(i + 2) && _words[i + 2].Kind is WordKind.Letters or WordKind.Digits) return null;
        return YearPartTail(i, i + 2, "Q" + _words[i + 1].Number.ToString(CultureInfo.InvariantCulture));
    }

    private static readonly string[] SeasonCodes = ["SP", "SU", "FA", "WI"];

    /// <summary>"summer", "the summer of 2009", "spring 2010"; determiner is the offset of "this/last/next" when one came first.</summary>
    private Match? Season(int first, int i, Lean? lean)
    {
        var w = _words[i];
        var code = SeasonCodes[w.Lex.Value];
        var j = i + 1;
        var k = IsWord(j, "of") ? j + 1 : j;
        if (YearNumber(k) is var (_, year, after) && year > 0)
            return new Match(first, after, TimexType.DATE, new YearPartTime(code, year, null, Lean.Nearest));
        if (lean is null)
        {
            // "the fall of Kabul", "to spring into action", "the Arab Spring" are not seasons.
            if (IsWord(i, "fall") || IsWord(j, "of")) return null;
            if (w.Capital && Exists(i - 1) && _words[i - 1].Kind == WordKind.Letters && _words[i - 1].Capital) return null;
            if (IsWord(i - 1, "to") || Exists(i - 1) && _words[i - 1].Kind == WordKind.Letters && _words[i - 1].Lex.Tense is Tense.Future or Tense.Present) return null;
        }
        return new Match(first, j, TimexType.DATE, new YearPartTime(code, null, null, lean ?? LeanAt(first, j)));
    }

    /// <summary>"today", "yesterday", "tomorrow", "tonight", "yesterday morning".</summary>
    private Match? RelativeDay(int first, int i)
    {
        var v = _words[i].Lex.Value;
        if (v == 10) return new Match(first, i + 1, TimexType.TIME, new TimeOfDayTime(new RelativeTime(CalendarUnit.Day, 0), "TNI"));
        var day = new RelativeTime(CalendarUnit.Day, v);
        if (IsClass(i + 1, WordClass.PartOfDay)) return new Match(first, i + 2, TimexType.TIME, new TimeOfDayTime(day, PartOfDay(i + 1)));
        return new Match(first, i + 1, TimexType.DATE, day);
    }

    /// <summary>"this week", "last month", "next year", "last Friday", "this summer", "the past three years", "last night".</summary>
    private Match? Determined(int first, int i, bool withThe)
    {
        var d = _words[i].Lex.Value;
        var j = i + 1;
        if (!Exists(j)) return null;
        var offset = d switch { TimeLexicon.This => 0, TimeLexicon.Last or TimeLexicon.PastDeterminer => -1, _ => 1 };
        var lean = d switch { TimeLexicon.This => Lean.Nearest, TimeLexicon.Last or TimeLexicon.PastDeterminer => Lean.Before, _ => Lean.After };
        var duration = d is TimeLexicon.PastDeterminer or TimeLexicon.ComingDeterminer;
        var counted = duration || withThe && d != TimeLexicon.This;
        var w = _words[j];
        switch (w.Lex.Class)
        {
            case WordClass.PartOfDay when d == TimeLexicon.Last && w.Lex.Value == 3:
                return new Match(first, j + 1, TimexType.TIME, new TimeOfDayTime(new RelativeTime(CalendarUnit.Day, -1), "TNI"));
            case WordClass.PartOfDay when d == TimeLexicon.This:
                return new Match(first, j + 1, TimexType.TIME, new TimeOfDayTime(new RelativeTime(CalendarUnit.Day, 0), PartOfDay(j)));
            case WordClass.Weekday when w.Capital && !duration:
                return new Match(first, j + 1, TimexType.DATE, new WeekdayTime((DayOfWeek)w.Lex.Value, lean));
            case WordClass.Month when w.Capital && !duration:
                return new Match(first, j + 1, TimexType.DATE, new MonthTime(w.Lex.Value, lean));
            case WordClass.Season when !duration:
                return d == TimeLexicon.This
                    ? new Match(first, j + 1, TimexType.DATE, new YearPartTime(SeasonCodes[w.Lex.Value], null, 0, Lean.Nearest))
                    : Season(first, j, lean);
            case WordClass.Unit:
                var unit = (DurationUnit)w.Lex.Value;
                if (duration)
                    return unit is DurationUnit.Weekend ? null : new Match(first, j + 1, TimexType.DURATION, new FixedTime(PeriodValue("1", unit)));
                CalendarUnit? calendar = unit switch
                {
                    DurationUnit.Day when d != TimeLexicon.This => CalendarUnit.Day,
                    DurationUnit.Week => CalendarUnit.Week,
                    DurationUnit.Weekend => CalendarUnit.Weekend,
                    DurationUnit.Month => CalendarUnit.Month,
                    DurationUnit.Quarter => CalendarUnit.Quarter,
                    DurationUnit.Year => CalendarUnit.Year,
                    DurationUnit.Decade => CalendarUnit.Decade,
                    DurationUnit.Century => CalendarUnit.Century,
                    _ => null,
                };
                if (calendar is not { } c) return null;
                // "the next day", "the following month", "the previous year" count from the story's time; "next month" from today.
                return new Match(first, j + 1, TimexType.DATE, new RelativeTime(c, offset))
                {
                    Anaphoric = withThe && (c == CalendarUnit.Day || IsWord(i, "following") || IsWord(i, "previous")
                                            || IsWord(i, "next") && TenseAt(first, j + 1) == Tense.Past),
                };
            case WordClass.Units when d is TimeLexicon.ComingDeterminer or TimeLexicon.Next && withThe:
                return new Match(first, j + 1, TimexType.DATE, new FixedTime("FUTURE_REF"));
            case WordClass.Units when duration:
                return new Match(first, j + 1, TimexType.DURATION, new FixedTime(PeriodValue("X", (DurationUnit)w.Lex.Value)));
            case WordClass.Number or WordClass.Article or WordClass.Approximately when counted:
                return Duration(first, j) is { Type: TimexType.DURATION } m ? m : null;
            default:
                if (w.Kind == WordKind.Digits && counted) return Duration(first, j) is { Type: TimexType.DURATION } n ? n : null;
                return null;
        }
    }

    /// <summary>Expressions that start with "the": "the 1990s", "the past decade", "the third quarter", "the end of 2009", "the past", "the future".</summary>
    private Match? The(int i)
    {
        var j = i + 1;
        if (!Exists(j)) return null;
        var w = _words[j];
        Match? inner = w.Kind switch
        {
            WordKind.Digits => Better(Better(Better(Decade(i, j), DayMonth(i, j, null)), Century(i, j)),
                IsWord(j + 1, "fiscal") ? YearAlone(i, j, true) : null),
            WordKind.Punctuation => Decade(i, j),
            _ => null,
        };
        if (inner is { } found) return found;
        switch (w.Lex.Class)
        {
            case WordClass.Determiner:
                if (IsWord(j, "past") && !IsClass(j + 1, WordClass.Unit) && !IsClass(j + 1, WordClass.Units) && !IsClass(j + 1, WordClass.Number)
                    && !IsClass(j + 1, WordClass.Article) && _words.Count > j + 1 && _words[j + 1].Kind != WordKind.Digits)
                    return new Match(i, j + 1, TimexType.DATE, new FixedTime("PAST_REF"));
                return Determined(i, j, true);
            case WordClass.Ordinal:
                // "the first nine months": a duration counted from the start of a period.
                return Better(Better(YearPart(i, j), Century(i, j)), IsWord(j, "first") ? From(i, Duration(j + 1, j + 1) is { Type: TimexType.DURATION } d ? d : null) : null);
            case WordClass.Season:
                return Season(i, j, null);
            case WordClass.Boundary:
                return Bounded(i, j);
            case WordClass.Edge:
                return From(i, Edge(j));
            case WordClass.Unit when w.Lex.Value == (int)DurationUnit.Day && Exists(i - 1) && _words[i - 1].Kind == WordKind.Letters
                                     && In(TimeLexicon.DayFrames, i - 1):
                return new Match(i, j + 1, TimexType.DATE, new RelativeTime(CalendarUnit.Day, 0));
            case WordClass.Unit when w.Lex.Value == (int)DurationUnit.Weekend:
                return new Match(i, j + 1, TimexType.DATE, new WeekendTime(LeanAt(i, j + 1)));
            case WordClass.Unit when SameUnit(j) is { } unit && (IsWord(j + 1, "before") || IsWord(j + 1, "after") || IsWord(j + 1, "earlier") || IsWord(j + 1, "later"))
                                     && (!Exists(j + 2) || _words[j + 2].Kind is WordKind.Punctuation or WordKind.Break):
                // "the day before,", "the year after.": counted from the story's last time.
                return new Match(i, j + 2, TimexType.DATE, new RelativeTime(unit, IsWord(j + 1, "before") || IsWord(j + 1, "earlier") ? -1 : 1)) { Anaphoric = true };
            case WordClass.Unit when PeriodInFrame(i, j) is { } period:
                return new Match(i, j + 1, TimexType.DATE, new RelativeTime(period, 0)) { Anaphoric = true };
            case WordClass.Reference when w.Lex.Value == 1 && IsWord(j, "future"):
                return new Match(i, j + 1, TimexType.DATE, new FixedTime("FUTURE_REF"));
            case WordClass.Reference when IsWord(j, "current") && CurrentUnit(j + 1) is { } current:
                return new Match(i, j + 2, TimexType.DATE, new RelativeTime(current, 0));
            default:
                if (IsWord(j, "time") && IsWord(j + 1, "being"))
                    return new Match(i, j + 2, TimexType.DATE, new FixedTime("PRESENT_REF"));
                if (IsWord(j, "same") && SameUnit(j + 1) is { } same)
                {
                    // "the same month a year ago", "the same day last year": that time, a year or more back.
                    var k = IsWord(j + 2, "of") || IsWord(j + 2, "in") ? j + 3 : j + 2;
                    if (Nested(k, false) is { First: var at, Reference: RelativeTime { Unit: CalendarUnit.Year, Offset: not 0 and var years } } back && at == k)
                        return new Match(i, back.End, TimexType.DATE, new RelativeTime(same, 0)) { Anaphoric = true, Years = years };
                    return new Match(i, j + 2, TimexType.DATE, new RelativeTime(same, 0)) { Anaphoric = true };
                }
                if ((IsWord(j, "near") || IsWord(j, "distant")) && IsWord(j + 1, "future"))
                    return new Match(i, j + 2, TimexType.DATE, new FixedTime("FUTURE_REF"));
                if ((IsWord(j, "near") || IsWord(j, "long") || IsWord(j, "short")) && IsWord(j + 1, "term") && Exists(i - 1)
                    && (IsWord(i - 1, "in") || IsWord(i - 1, "over") || IsWord(i - 1, "for")))
                    return new Match(i, j + 2, TimexType.DATE, new FixedTime("FUTURE_REF"));
                return null;
        }
    }

    /// <summary>"the current quarter", "current year": the period the document date falls in.</summary>
    private CalendarUnit? CurrentUnit(int j)
        => IsClass(j, WordClass.Unit) && (DurationUnit)_words[j].Lex.Value == DurationUnit.Quarter ? CalendarUnit.Quarter : SameUnit(j) is { } u && u != CalendarUnit.Day ? u : null;

    /// <summary>
    /// "for the year", "in the quarter", "during the week": the period being reported, named with "the" after a frame
    /// word and not followed by what would make it a length or another time ("the year before", "the year 2000", "the week's").
    /// </summary>
    private CalendarUnit? PeriodInFrame(int the, int j)
    {
        if (!Exists(the - 1) || !(IsWord(the - 1, "for") || IsWord(the - 1, "during") || IsWord(the - 1, "in") || IsWord(the - 1, "throughout"))) return null;
        if (Exists(j + 1) && (_words[j + 1].Kind is WordKind.Digits || _words[j + 1].Kind == WordKind.Letters
                && (_words[j + 1].Lex.Class is WordClass.Shift || IsWord(j + 1, "of") || IsWord(j + 1, "before") || IsWord(j + 1, "after")
                    || IsWord(j + 1, "ahead") || IsWord(j + 1, "ended") || IsWord(j + 1, "ending") || IsWord(j + 1, "to") || IsWord(j + 1, "through")
                    || IsWord(j + 1, "s"))))
            return null;
        if (Exists(j + 1) && _words[j + 1].Kind == WordKind.Punctuation && _text[_words[j + 1].Start] is '\'' or '’') return null;
        return CurrentUnit(j);
    }

    /// <summary>Moveable holidays by name: "Thanksgiving (Day)", "Easter (Sunday|Monday)", "Good Friday", "Labor Day", "Mother's Day" ...</summary>
    private Match? Moveable(int i)
    {
        MoveableHoliday holiday;
        int end;
        if (IsWord(i, "Thanksgiving")) (holiday, end) = (MoveableHoliday.Thanksgiving, IsWord(i + 1, "Day") ? i + 2 : i + 1);
        else if (IsWord(i, "Easter")) (holiday, end) = IsWord(i + 1, "Monday") ? (MoveableHoliday.EasterMonday, i + 2) : (MoveableHoliday.Easter, IsWord(i + 1, "Sunday") ? i + 2 : i + 1);
        else if (IsWord(i, "Good") && IsWord(i + 1, "Friday")) (holiday, end) = (MoveableHoliday.GoodFriday, i + 2);
        else if (IsWord(i, "Black") && IsWord(i + 1, "Friday")) (holiday, end) = (MoveableHoliday.BlackFriday, i + 2);
        else if (IsWord(i + 1, "Day") && _words[i + 1].Capital && NamedDay(i) is { } named) (holiday, end) = (named, i + 2);
        else if (IsWord(i, "Presidents") && (IsChar(i + 1, '\'') || IsChar(i + 1, '’')) && IsWord(i + 2, "Day")) (holiday, end) = (MoveableHoliday.PresidentsDay, i + 3);
        else if (Possessive(i + 1) && IsWord(i + 3, "Day") && (IsWord(i, "Mother") || IsWord(i, "Father") || IsWord(i, "Presidents")))
            (holiday, end) = (IsWord(i, "Mother") ? MoveableHoliday.MothersDay : IsWord(i, "Father") ? MoveableHoliday.FathersDay : MoveableHoliday.PresidentsDay, i + 4);
        else if (IsWord(i, "Martin") && IsWord(i + 1, "Luther") && IsWord(i + 2, "King"))
        {
            var j = i + 3;
            if (IsWord(j, "Jr")) j = IsChar(j + 1, '.') ? j + 2 : j + 1;
            if (!IsWord(j, "Day")) return null;
            (holiday, end) = (MoveableHoliday.MartinLutherKingDay, j + 1);
        }
        else return null;
        // "Easter Island", "Easter Rising": a capitalised name after Easter is something else.
        if (Exists(end) && _words[end].Kind == WordKind.Letters && _words[end].Capital && holiday == MoveableHoliday.Easter) return null;
        if (YearNumber(end) is var (_, year, after) && year > 0)
            return new Match(i, after, TimexType.DATE, new MoveableHolidayTime(holiday, year, Lean.Nearest));
        return new Match(i, end, TimexType.DATE, new MoveableHolidayTime(holiday, null, LeanAt(i, end)));
    }

    private MoveableHoliday? NamedDay(int i)
    {
        if (IsWord(i, "Labor")) return MoveableHoliday.LaborDay;
        if (IsWord(i, "Memorial")) return MoveableHoliday.MemorialDay;
        if (IsWord(i, "Columbus")) return MoveableHoliday.ColumbusDay;
        if (IsWord(i, "Election")) return MoveableHoliday.ElectionDay;
        if (IsWord(i, "Presidents") || IsWord(i, "MLK")) return IsWord(i, "MLK") ? MoveableHoliday.MartinLutherKingDay : MoveableHoliday.PresidentsDay;
        return null;
    }

    /// <summary>The calendar unit named at <paramref name="j"/> in "the same day", "that year": day, week, month or year.</summary>
    private CalendarUnit? SameUnit(int j)
    {
        if (!IsClass(j, WordClass.Unit)) return null;
        return (DurationUnit)_words[j].Lex.Value switch
        {
            DurationUnit.Day => CalendarUnit.Day,
            DurationUnit.Week => CalendarUnit.Week,
            DurationUnit.Month => CalendarUnit.Month,
            DurationUnit.Year => CalendarUnit.Year,
            _ => null,
        };
    }

    /// <summary>"the end of 2009", "the beginning of next year", "the middle of the month".</summary>
    private Match? Bounded(int first, int j)
    {
        if (!IsWord(j + 1, "of")) return null;
        var k = j + 2;
        if (!Exists(k)) return null;
        if (IsWord(k, "the") && IsClass(k + 1, WordClass.Unit))
        {
            CalendarUnit? unit = (DurationUnit)_words[k + 1].Lex.Value switch
            {
                DurationUnit.Year => CalendarUnit.Year,
                DurationUnit.Month => CalendarUnit.Month,
                DurationUnit.Week => CalendarUnit.Week,
                DurationUnit.Day => CalendarUnit.Day,
                DurationUnit.Decade => CalendarUnit.Decade,
                DurationUnit.Quarter => CalendarUnit.Quarter,
                _ => null,
            };
            return unit is { } u ? new Match(first, k + 2, TimexType.DATE, new RelativeTime(u, 0)) : null;
        }
        var inner = Nested(k, digitsToo: true);
        return inner is { Type: TimexType.DATE } m ? m with { First = first } : null;
    }

    /// <summary>"early 2009", "mid-2011", "late June", "late last year".</summary>
    private Match? Edge(int i)
    {
        var j = i + 1;
        if (IsDash(j) && Adjacent(j)) j++;
        if (!Exists(j)) return null;
        var inner = _words[j].Kind == WordKind.Digits || IsChar(j, '\'') ? Better(YearAlone(i, j, true), Decade(i, j)) : null;
        inner ??= _words[j].Lex.Class switch
        {
            WordClass.Month or WordClass.MonthAbbreviation => MonthFirst(i, j, null),
            WordClass.Determiner => Determined(i, j, false),
            WordClass.RelativeDay => RelativeDay(i, j),
            WordClass.Season => Season(i, j, null),
            _ => null,
        };
        return inner is { Type: TimexType.DATE or TimexType.TIME } ? inner : null;
    }

    /// <summary>"earlier today", "later this year", "earlier this month".</summary>
    private Match? Shifted(int i)
    {
        var j = i + 1;
        if (IsClass(j, WordClass.RelativeDay)) return RelativeDay(i, j);
        if (IsClass(j, WordClass.Determiner) && _words[j].Lex.Value == TimeLexicon.This) return Determined(i, j, false);
        if (IsWord(j, "that") && SameUnit(j + 1) is { } that)
            return new Match(i, j + 2, TimexType.DATE, new RelativeTime(that, 0)) { Anaphoric = true };
        return null;
    }

    /// <summary>"now", "currently", "recently", "recent years", "soon".</summary>
    private Match? Reference(int i)
    {
        var w = _words[i];
        // "the now-cancelled deal", "the soon-to-open terminal": part of a compound adjective.
        if (IsWord(i, "future") || IsDash(i + 1) && Adjacent(i + 1)) return null;
        var value = w.Lex.Value switch { 0 => "PRESENT_REF", < 0 => "PAST_REF", _ => "FUTURE_REF" };
        if (IsWord(i, "recent") && IsClass(i + 1, WordClass.Units))
            return new Match(i, i + 2, TimexType.DATE, new FixedTime("PAST_REF"));
        if (IsWord(i, "current") && CurrentUnit(i + 1) is { } current) return new Match(i, i + 2, TimexType.DATE, new RelativeTime(current, 0));
        if (IsWord(i, "current") && !IsLowerWord(i + 1)) return null;
        return new Match(i, i + 1, TimexType.DATE, new FixedTime(value));
    }

    /// <summary>"every year", "each Monday", "every two weeks", "per year".</summary>
    private Match? Every(int i)
    {
        var j = i + 1;
        if (!Exists(j)) return null;
        var w = _words[j];
        if (w.Lex.Class == WordClass.Unit) return new Match(i, j + 1, TimexType.SET, new FixedTime(PeriodValue("1", (DurationUnit)w.Lex.Value)));
        if (w.Lex.Class == WordClass.Weekday && w.Capital)
            return new Match(i, j + 1, TimexType.SET, new FixedTime($"XXXX-WXX-{TimeFormat.IsoDay((DayOfWeek)w.Lex.Value)}"));
        if (w.Lex.Class == WordClass.Month && w.Capital) return new Match(i, j + 1, TimexType.SET, new FixedTime($"XXXX-{w.Lex.Value:D2}"));
        if (w.Lex.Class == WordClass.PartOfDay) return new Match(i, j + 1, TimexType.SET, new FixedTime("XXXX-XX-XX" + PartOfDay(j)));
        if (w.Lex.Class == WordClass.Season) return new Match(i, j + 1, TimexType.SET, new FixedTime("XXXX-" + SeasonCodes[w.Lex.Value]));
        if (IsWord(j, "other") && IsClass(j + 1, WordClass.Unit))
            return new Match(i, j + 2, TimexType.SET, new FixedTime(PeriodValue("2", (DurationUnit)_words[j + 1].Lex.Value)));
        if (IsWord(i, "per")) return null;
        if (Count(j) is var (count, k) && IsClass(k, WordClass.Units))
            return new Match(i, k + 1, TimexType.SET, new FixedTime(PeriodValue(count, (DurationUnit)_words[k].Lex.Value)));
        return null;
    }

    /// <summary>"a year" after "once", "twice", "times": a frequency.</summary>
    private Match? Periodic(int i)
    {
        var j = IsWord(i, "once") || IsWord(i, "twice") ? i + 1 : i;
        if (j == i && !(Exists(i - 1) && (IsWord(i - 1, "once") || IsWord(i - 1, "twice") || IsWord(i - 1, "times")))) return null;
        if (!(IsClass(j, WordClass.Article) && _words[j].Lex.Value == 1 && IsClass(j + 1, WordClass.Unit))) return null;
        // TimeML spans the frequency too: "twice a week", "three times a year".
        var first = j > i ? i
            : IsWord(j - 1, "once") || IsWord(j - 1, "twice") ? j - 1
            : IsWord(j - 1, "times") && Exists(j - 2) && (_words[j - 2].Kind == WordKind.Digits || _words[j - 2].Lex.Class == WordClass.Number) ? j - 2
            : j;
        return new Match(first, j + 2, TimexType.SET, new FixedTime(PeriodValue("1", (DurationUnit)_words[j + 1].Lex.Value)));
    }

    // ---------------------------------------------------------------- durations

    /// <summary>A count at j ("three", "3", "2.5", "twenty-five", "a", "a few", "several"): its TIMEX3 number (X when vague) and the next word.</summary>
    private (string Count, int Next)? Count(int j)
    {
        if (!Exists(j)) return null;
        var w = _words[j];
        if (w.Kind == WordKind.Digits)
        {
            if (w.Number < 0 || PrecededByMoney(j)) return null;
            if (IsChar(j + 1, '.') && Adjacent(j + 1) && Adjacent(j + 2) && _words[j + 2].Kind == WordKind.Digits)
                return ($"{w.Number}.{_text.Substring(_words[j + 2].Start, _words[j + 2].Length)}", j + 3);
            if (Adjacent(j + 1) && (IsChar(j + 1, ',') || IsChar(j + 1, ':') || IsChar(j + 1, '/')) && Adjacent(j + 2) && _words[j + 2].Kind == WordKind.Digits)
                return null;
            return (w.Number.ToString(CultureInfo.InvariantCulture), j + 1);
        }
        if (w.Lex.Class == WordClass.Article && w.Lex.Value == 1)
        {
            if (IsWord(j + 1, "few")) return ("X", j + 2);
            if (IsWord(j + 1, "couple") && IsWord(j + 2, "of")) return ("2", j + 3);
            return ("1", j + 1);
        }
        if (w.Lex.Class != WordClass.Number) return null;
        if (w.Lex.Value < 0) return ("X", j + 1);
        var n = w.Lex.Value;
        var next = j + 1;
        if (n >= 20 && n % 10 == 0 && IsDash(next) && Adjacent(next) && IsClass(next + 1, WordClass.Number) && _words[next + 1].Lex.Value is > 0 and < 10)
        {
            n += _words[next + 1].Lex.Value;
            next += 2;
        }
        if (IsWord(next, "and") && IsWord(next + 1, "a") && IsWord(next + 2, "half"))
            return (n.ToString(CultureInfo.InvariantCulture) + ".5", next + 3);
        return (n.ToString(CultureInfo.InvariantCulture), next);
    }

    /// <summary>"three years", "90-day", "a week", "two days later", "three weeks ago", "several months".</summary>
    private Match? Duration(int first, int i)
    {
        if (Count(i) is not var (count, j)) return null;
        var adjectival = IsDash(j) && Adjacent(j) && Adjacent(j + 1);
        if (adjectival) j++;
        else if (In(TimeLexicon.DurationAdjectives, j) && IsClass(j + 1, WordClass.Units)) j++;
        if (!Exists(j) || _words[j].Lex.Class is not (WordClass.Unit or WordClass.Units)) return null;
        var unit = (DurationUnit)_words[j].Lex.Value;
        if (unit == DurationUnit.Weekend) return null;
        if (count == "1" && _words[j].Lex.Class == WordClass.Units && _words[i].Kind != WordKind.Digits) return null;
        var end = j + 1;
        if (!adjectival && Exists(end) && _words[end].Lex.Class == WordClass.Shift && count != "X"
            && int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            var sign = _words[end].Lex.Value;
            CalendarUnit? calendar = unit switch
            {
                DurationUnit.Day => CalendarUnit.Day,
                DurationUnit.Week => CalendarUnit.Week,
                DurationUnit.Month => CalendarUnit.Month,
                DurationUnit.Quarter => CalendarUnit.Quarter,
                DurationUnit.Year => CalendarUnit.Year,
                DurationUnit.Decade => CalendarUnit.Decade,
                DurationUnit.Century => CalendarUnit.Century,
                _ => null,
            };
            if (calendar is { } c)
                return new Match(first, end + 1, TimexType.DATE, new RelativeTime(c, sign * n)) { Anaphoric = !IsWord(end, "ago") };
            return new Match(first, end + 1, TimexType.TIME, new RelativeTime(CalendarUnit.Day, 0));
        }
        if (!adjectival && count == "X" && IsWord(end, "ago")) return new Match(first, end + 1, TimexType.DATE, new FixedTime("PAST_REF"));
        // "a week-long strike", "a two-year-long fight": the length is the adjective, without the article.
        if (IsDash(end) && Adjacent(end) && IsWord(end + 1, "long") && Adjacent(end + 1))
            return new Match(_words[i].Lex.Class == WordClass.Article ? j : first, end + 2, TimexType.DURATION, new FixedTime(PeriodValue(count, unit)));
        return new Match(first, end, TimexType.DURATION, new FixedTime(PeriodValue(count, unit)));
    }

    /// <summary>"nearly five months", "more than three years", "at least a decade", "up to two weeks".</summary>
    private Match? Approximate(int i)
    {
        var j = i + 1;
        if (IsWord(i, "more") || IsWord(i, "less") || IsWord(i, "fewer")) { if (!IsWord(j, "than")) return null; j++; }
        else if (IsWord(i, "at")) { if (!IsWord(j, "least")) return null; j++; }
        else if (IsWord(i, "up")) { if (!IsWord(j, "to")) return null; j++; }
        else if (IsWord(i, "over") && IsWord(j, "the") && IsClass(j + 1, WordClass.Units))
            return new Match(i, j + 2, TimexType.DURATION, new FixedTime(PeriodValue("X", (DurationUnit)_words[j + 1].Lex.Value)));
        return Duration(i, j) is { Type: TimexType.DURATION } m ? m : null;
    }

    private static string PeriodValue(string count, DurationUnit unit) => unit switch
    {
        DurationUnit.Second => $"PT{count}S",
        DurationUnit.Minute => $"PT{count}M",
        DurationUnit.Hour => $"PT{count}H",
        DurationUnit.Day => $"P{count}D",
        DurationUnit.Week => $"P{count}W",
        DurationUnit.Weekend => $"P{count}WE",
        DurationUnit.Month => $"P{count}M",
        DurationUnit.Quarter => $"P{count}Q",
        DurationUnit.Year => $"P{count}Y",
        DurationUnit.Decade => count == "X" ? "PXDE" : $"P{Times(count, 10)}Y",
        _ => count == "X" ? "PXCE" : $"P{Times(count, 100)}Y",
    };

    private static string Times(string count, int factor)
        => double.TryParse(count, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? (n * factor).ToString(CultureInfo.InvariantCulture) : count;

    // ---------------------------------------------------------------- times of day

    /// <summary>"4:59 PM", "4 p.m.", "16:00 UTC", "0800 GMT", "12:00 UTC Monday".</summary>
    private Match? ClockTime(int i)
    {
        var w = _words[i];
        int hour, minute = 0, j;
        if (w.Length <= 2 && IsChar(i + 1, ':') && Adjacent(i + 1) && IsDigits(i + 2, 2) && Adjacent(i + 2))
        {
            hour = (int)w.Number;
            minute = (int)_words[i + 2].Number;
            j = i + 3;
            if (IsChar(j, ':') && Adjacent(j) && IsDigits(j + 1, 2) && Adjacent(j + 1)) j += 2;
        }
        else if (w.Length <= 2)
        {
            hour = (int)w.Number;
            j = i + 1;
        }
        else if (w.Length == 4 && IsTimeZone(i + 1))
        {
            hour = (int)(w.Number / 100);
            minute = (int)(w.Number % 100);
            j = i + 1;
        }
        else return null;
        if (hour > 24 || minute > 59) return null;
        var clock = j > i + 1;
        if (Meridiem(j) is var (pm, after))
        {
            if (hour is < 1 or > 12) return null;
            hour = pm ? (hour % 12) + 12 : hour % 12;
            j = after;
            clock = true;
        }
        else if (IsWord(j, "o") && IsChar(j + 1, '\'') && IsWord(j + 2, "clock")) { j += 3; clock = true; }
        if (!clock && !IsTimeZone(j)) return null;
        return TimeTail(i, j, $"T{hour:D2}:{minute:D2}");
    }

    private Match? ClockWord(int i) => TimeTail(i, i + 1, _words[i].Lex.Value == 12 * 60 ? "T12:00" : "T24:00");

    /// <summary>Adds the time zone and the day a time of day falls on: "16:00 UTC today", "at 4 p.m. on Friday", "Friday at noon".</summary>
    private Match TimeTail(int first, int j, string suffix)
    {
        if (IsTimeZone(j))
        {
            if (Letters(j) is "UTC" or "GMT" or "Z") suffix += "Z";
            j++;
        }
        TimeReference day = new RelativeTime(CalendarUnit.Day, 0);
        var end = j;
        var k = IsWord(j, "on") ? j + 1 : j;
        Match? dayMatch = null;
        if (Exists(k) && (k != j || _words[k].Lex.Class is WordClass.RelativeDay or WordClass.Weekday || IsWord(k, "this") && IsClass(k + 1, WordClass.PartOfDay)))
            dayMatch = _words[k].Kind == WordKind.Digits ? DayMonth(k, k, null) : Nested(k, digitsToo: false);
        // "9:15 this morning", "8 p.m. tonight": the part of day only names the day.
        if (dayMatch is { Type: TimexType.TIME, Reference: TimeOfDayTime { Day: var partDay } } part)
            dayMatch = part with { Type = TimexType.DATE, Reference = partDay };
        if (dayMatch is { Type: TimexType.DATE } dm && dm.Reference is RelativeTime or WeekdayTime or MonthDayTime or FixedTime { Value.Length: 10 })
        {
            day = dm.Reference;
            if (k == j) end = dm.End;
        }
        else if (IsWord(first - 1, "at") && Exists(first - 2) && LastDay(first - 2) is { } before)
        {
            day = before;
        }
        else
        {
            return new Match(first, end, TimexType.TIME, new TimeOfDayTime(day, suffix)) { Floating = true };
        }
        return new Match(first, end, TimexType.TIME, new TimeOfDayTime(day, suffix));
    }

    /// <summary>The day named just before position j ("Friday at noon"), looked up by matching back over at most three words.</summary>
    private TimeReference? LastDay(int j)
    {
        for (var s = Math.Max(0, j - 3); s <= j; s++)
        {
            if (!IsClass(s, WordClass.Weekday) && !IsClass(s, WordClass.RelativeDay) && !IsClass(s, WordClass.Month)) continue;
            if (ByClass(s) is { Type: TimexType.DATE } m && m.End == j + 1) return m.Reference;
        }
        return null;
    }

    private (bool Pm, int Next)? Meridiem(int j)
    {
        if (!Exists(j) || _words[j].Kind != WordKind.Letters) return null;
        var s = _text.AsSpan(_words[j].Start, _words[j].Length);
        if (s.Equals("am", StringComparison.OrdinalIgnoreCase) || s.Equals("pm", StringComparison.OrdinalIgnoreCase))
            return (char.ToLowerInvariant(s[0]) == 'p', j + 1);
        if ((s is "a" or "p" or "A" or "P") && IsChar(j + 1, '.') && Adjacent(j + 1) && (IsWord(j + 2, "m")) && Adjacent(j + 2))
            return (char.ToLowerInvariant(s[0]) == 'p', IsChar(j + 3, '.') && Adjacent(j + 3) ? j + 4 : j + 3);
        return null;
    }

    private bool IsTimeZone(int j) => Exists(j) && _words[j].Kind == WordKind.Letters && _words[j].Length <= 4
                                      && TimeLexicon.TimeZones.GetAlternateLookup<ReadOnlySpan<char>>().Contains(Letters(j));

    // ---------------------------------------------------------------- tense

    /// <summary>The tense of the nearest verb cue to words [first, end) within the same sentence.</summary>
    internal Tense TenseAt(int first, int end)
    {
        var sentence = _words[first].Sentence;
        bool leftOpen = true, rightOpen = true;
        for (var d = 1; d <= TenseWindow && (leftOpen || rightOpen); d++)
        {
            if (leftOpen)
            {
                var j = first - d;
                if (j < 0 || _words[j].Sentence != sentence || _words[j].Kind == WordKind.Break) leftOpen = false;
                else if (Cue(j) is { } t) return t;
            }
            if (rightOpen)
            {
                var j = end - 1 + d;
                if (j >= _words.Count || _words[j].Sentence != sentence || _words[j].Kind == WordKind.Break) rightOpen = false;
                else if (Cue(j) is { } t) return t;
            }
        }
        return Tense.Unknown;
    }

    private Tense? Cue(int j)
    {
        var w = _words[j];
        if (w.Kind != WordKind.Letters) return null;
        if (w.Length == 2 && IsWord(j, "ll") && Adjacent(j) && _text[_words[j - 1].Start] is '\'' or '’') return Tense.Future;
        if (IsWord(j, "won") && Adjacent(j + 1) && _text[_words[j + 1].Start] is '\'' or '’') return Tense.Future;
        var tense = w.Lex.Tense;
        if (tense == Tense.Future && (IsWord(j, "going") || IsWord(j, "plans") || IsWord(j, "plan") || IsWord(j, "planning")) && !IsWord(j + 1, "to"))
            return null;
        if (tense == Tense.Present && (IsWord(j, "is") || IsWord(j, "are")) && IsWord(j + 1, "to")) return Tense.Future;
        if (tense == Tense.Past && In(TimeLexicon.Linking, j - 1)) return null;
        if (tense != Tense.Unknown) return tense;
        if (w.Lex.Class != WordClass.None || w.Length < 4 || w.Capital) return null;
        var s = _text.AsSpan(w.Start, w.Length);
        if (!s.EndsWith("ed", StringComparison.Ordinal)) return null;
        if (In(TimeLexicon.NotPast, j)) return null;
        if (In(TimeLexicon.Linking, j - 1)) return null;
        if (IsWord(j, "expected") && IsWord(j + 1, "to")) return Tense.Future;
        return Tense.Past;
    }

    // ---------------------------------------------------------------- weekdays near a date

    /// <summary>
    /// A bare weekday in a sentence that names a day of the month is read near that date; a time of day written without
    /// its day takes the nearest day the sentence names.
    /// </summary>
    private void AnchorToSentenceDates(List<Match> found)
    {
        if (found.Count < 2) return;
        var dates = Nearest(found, IsDayDate);
        var days = Nearest(found, m => !m.Floating && (IsDayDate(m) || m.Reference is WeekdayTime or RelativeTime { Unit: CalendarUnit.Day }));
        for (var k = 0; k < found.Count; k++)
        {
            var m = found[k];
            if (m.Reference is WeekdayTime { Near: null, Lean: Lean.Nearest or Lean.PastOrSame or Lean.FutureOrSame } weekday && dates[k] >= 0)
                found[k] = m with { Reference = weekday with { Near = found[dates[k]].Reference } };
            else if (m.Floating && m.Reference is TimeOfDayTime time && days[k] >= 0)
                found[k] = m with { Reference = time with { Day = found[days[k]].Reference } };
        }
    }

    /// <summary>How many sentences back a "next day" may look for the day it counts from.</summary>
    private const int AnaphoraReach = 3;

    /// <summary>
    /// "The next day", "two days later", "that year", "the following month": counted from the last time the story named
    /// within a few sentences that is as fine as the unit (a day for days, a month for months, any year for years).
    /// </summary>
    private static void CountFromStoryDays(List<Match> found, Func<Match, int> sentenceOf)
    {
        // The last match of each grain: day, week, month, year.
        Span<int> last = [-1, -1, -1, -1];
        for (var k = 0; k < found.Count; k++)
        {
            var m = found[k];
            if (m.Anaphoric && m.Reference is RelativeTime relative && Needed(relative.Unit) is { } need)
            {
                var from = -1;
                for (var g = 0; g <= need; g++)
                    if (last[g] > from) from = last[g];
                if (from >= 0 && sentenceOf(m) - sentenceOf(found[from]) <= AnaphoraReach)
                    found[k] = m with { Reference = new ShiftedTime(found[from].Reference, relative.Unit, relative.Offset, m.Years) };
                else if (m.Years != 0)
                    found[k] = m with { Reference = new ShiftedTime(new RelativeTime(relative.Unit, 0), relative.Unit, relative.Offset, m.Years) };
            }
            if (GrainOf(found[k]) is { } grain) last[grain] = k;
        }
    }

    /// <summary>The coarsest grain a time counted in <paramref name="unit"/> can start from.</summary>
    private static int? Needed(CalendarUnit unit) => unit is CalendarUnit.Decade or CalendarUnit.Century ? 3 : GrainOf(unit);

    /// <summary>How fine a match names a time (0 day, 1 week, 2 month, 3 year), when it names one a later expression can count from.</summary>
    private static int? GrainOf(Match m)
    {
        if (m.Type != TimexType.DATE) return null;
        if (IsDayDate(m) || m.Reference is WeekdayTime) return 0;
        return m.Reference switch
        {
            RelativeTime r => GrainOf(r.Unit),
            ShiftedTime s => GrainOf(s.Unit),
            MonthTime => 2,
            YearPartTime => 3,
            FixedTime f when ShiftedTime.Point(f.Value) is var (_, grain) => GrainOf(grain),
            _ => null,
        };
    }

    private static int? GrainOf(CalendarUnit unit) => unit switch
    {
        CalendarUnit.Day => 0,
        CalendarUnit.Week => 1,
        CalendarUnit.Month => 2,
        CalendarUnit.Year => 3,
        _ => null,
    };

    /// <summary>For each match, the index of the nearest other match in the same sentence that passes the test, or -1 (two linear passes).</summary>
    private int[] Nearest(List<Match> found, Func<Match, bool> test)
    {
        var count = found.Count;
        var before = new int[count];
        var result = new int[count];
        var last = -1;
        for (var k = 0; k < count; k++)
        {
            if (last >= 0 && LastSentenceOf(found[last]) != SentenceOf(found[k])) last = -1;
            before[k] = last;
            if (test(found[k])) last = k;
        }
        var next = -1;
        for (var k = count - 1; k >= 0; k--)
        {
            if (next >= 0 && SentenceOf(found[next]) != LastSentenceOf(found[k])) next = -1;
            var p = before[k];
            result[k] = p < 0 ? next : next < 0 ? p
                : _words[found[k].First].Start - _words[found[p].End - 1].End <= _words[found[next].First].Start - _words[found[k].End - 1].End ? p : next;
            if (test(found[k])) next = k;
        }
        return result;
    }

    private int SentenceOf(Match m) => _words[m.First].Sentence;

    /// <summary>The sentence of a match's last word: a splitter may have cut after "Nov." inside the expression.</summary>
    private int LastSentenceOf(Match m) => _words[m.End - 1].Sentence;

    private static bool IsDayDate(Match m) => m.Reference is MonthDayTime || m.Reference is FixedTime { Value.Length: 10 } f && f.Value[4] == '-';
}
