using System.Collections.Frozen;

namespace Dossier.Annotate.Time;

/// <summary>What a word can be in a time expression.</summary>
internal enum WordClass : byte
{
    None,
    Month,
    MonthAbbreviation,
    Weekday,
    Weekdays,
    Number,
    Ordinal,
    Unit,
    Units,
    Season,
    PartOfDay,
    RelativeDay,
    Determiner,
    Approximately,
    Reference,
    Periodic,
    Every,
    Edge,
    Boundary,
    Shift,
    Article,
    Clock,
}

/// <summary>Duration units, in TIMEX3 order of size.</summary>
internal enum DurationUnit : byte { Second, Minute, Hour, Day, Week, Weekend, Month, Quarter, Year, Decade, Century }

/// <summary>A word's entry: its class, a number that goes with it (month, count, offset) and the tense it signals.</summary>
internal readonly record struct Lex(WordClass Class, int Value = 0, Tense Tense = Tense.Unknown);

/// <summary>Fact tables of English time words, and the verbs that tell a clause's tense.</summary>
internal static class TimeLexicon
{
    public const int This = 0, Last = -1, Next = 1, PastDeterminer = -2, ComingDeterminer = 2;

    public static readonly FrozenDictionary<string, Lex> Words = Build();

    public static readonly FrozenDictionary<string, Lex>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Words ending in -ed that are not past-tense verbs.</summary>
    public static readonly FrozenSet<string> NotPast = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "indeed", "need", "speed", "seed", "feed", "breed", "proceed", "exceed", "succeed", "hundred", "bed", "red",
        "shed", "deed", "greed", "weed", "bleed", "steed", "embed", "sled", "wed", "tweed", "bred", "fled", "ted", "ned",
        "fred", "ahmed", "mohammed", "muhammad", "mohamed", "reed", "creed", "unprecedented", "unexpected", "alleged",
        "so-called", "armed", "based", "skilled", "detailed", "advanced", "limited", "united", "related", "red");

    /// <summary>Verbs before a participle that make it a state or a passive, not a past event ("is expected", "remain closed").</summary>
    public static readonly FrozenSet<string> Linking = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "is", "are", "am", "be", "being", "remain", "remains", "stay", "stays", "become", "becomes", "get", "gets", "seem", "seems");

    /// <summary>Words that may sit between a count and its unit ("six straight days", "five trading days").</summary>
    public static readonly FrozenSet<string> DurationAdjectives = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "straight", "consecutive", "successive", "full", "more", "additional", "long", "whole", "trading", "calendar",
        "business", "working", "further", "extra", "previous", "past", "next", "last", "first");

    /// <summary>Words before a bare plural unit that make it a vague length ("for years", "could take weeks", "after months of talks").</summary>
    public static readonly FrozenSet<string> VagueSpanFrames = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "in", "for", "within", "just", "take", "takes", "took", "taken", "taking", "last", "lasts", "lasted", "lasting",
        "spend", "spends", "spent", "spending", "wait", "waits", "waited", "waiting", "after", "over", "since");

    /// <summary>Words before "the day" that make it the day being reported ("ended the day", "for the day").</summary>
    public static readonly FrozenSet<string> DayFrames = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "end", "ended", "ending", "ends", "finish", "finished", "finishing", "close", "closed", "closing", "for", "during",
        "in", "on", "start", "started", "open", "opened", "began", "begin");

    /// <summary>Words after which a bare number like 2019 is a year ("in 2019", "since 1997", "early 2009").</summary>
    public static readonly FrozenSet<string> YearPrepositions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of", "early", "late", "mid",
        "around", "circa", "fiscal", "year", "summer", "spring", "winter", "autumn", "fall", "end", "beginning", "start",
        "middle", "between", "throughout", "the");

    /// <summary>Words that introduce a year only when no noun follows it ("between 2014 and 2016", not "and 2000 shells").</summary>
    public static readonly FrozenSet<string> WeakYearPrepositions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "and", "or", "to", "than", "for", "as");

    /// <summary>Words after which a capitalised month name is a month even when it could be a name or a verb ("in May").</summary>
    public static readonly FrozenSet<string> MonthPrepositions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "in", "since", "until", "till", "by", "from", "through", "during", "before", "after", "of", "early", "late", "mid",
        "around", "between", "to", "and", "throughout", "on", "last", "next", "this", "until", "end", "beginning", "start",
        "middle");

    public static readonly FrozenSet<string> TimeZones = FrozenSet.Create(StringComparer.Ordinal,
        "UTC", "GMT", "Z", "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "BST", "CET", "CEST", "ET", "PT");

    private static FrozenDictionary<string, Lex> Build()
    {
        var d = new Dictionary<string, Lex>(StringComparer.OrdinalIgnoreCase);
        string[] months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        string[] abbreviations = ["Jan", "Feb", "Mar", "Apr", "", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        for (var i = 0; i < 12; i++)
        {
            d[months[i]] = new(WordClass.Month, i + 1);
            if (abbreviations[i].Length > 0) d[abbreviations[i]] = new(WordClass.MonthAbbreviation, i + 1);
        }
        d["Sept"] = new(WordClass.MonthAbbreviation, 9);
        string[] days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
        for (var i = 0; i < 7; i++)
        {
            d[days[i]] = new(WordClass.Weekday, i);
            d[days[i] + "s"] = new(WordClass.Weekdays, i);
        }
        string[] ones = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];
        for (var i = 1; i < ones.Length; i++) d[ones[i]] = new(WordClass.Number, i);
        string[] tens = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
        for (var i = 0; i < tens.Length; i++) d[tens[i]] = new(WordClass.Number, (i + 3) * 10);
        d["hundred"] = new(WordClass.Number, 100);
        d["few"] = new(WordClass.Number, -1);
        d["several"] = new(WordClass.Number, -1);
        d["many"] = new(WordClass.Number, -1);
        d["noon"] = new(WordClass.Clock, 12 * 60);
        d["midday"] = new(WordClass.Clock, 12 * 60);
        d["midnight"] = new(WordClass.Clock, 24 * 60);
        d["a"] = new(WordClass.Article, 1);
        d["an"] = new(WordClass.Article, 1);
        d["the"] = new(WordClass.Article, 0);
        string[] ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth"];
        for (var i = 0; i < ordinals.Length; i++) d[ordinals[i]] = new(WordClass.Ordinal, i + 1);
        d["final"] = new(WordClass.Ordinal, 4);

        void Unit(string one, string many, DurationUnit u)
        {
            d[one] = new(WordClass.Unit, (int)u);
            d[many] = new(WordClass.Units, (int)u);
        }
        Unit("second", "seconds", DurationUnit.Second);
        Unit("minute", "minutes", DurationUnit.Minute);
        Unit("hour", "hours", DurationUnit.Hour);
        Unit("day", "days", DurationUnit.Day);
        Unit("week", "weeks", DurationUnit.Week);
        Unit("weekend", "weekends", DurationUnit.Weekend);
        Unit("month", "months", DurationUnit.Month);
        Unit("quarter", "quarters", DurationUnit.Quarter);
        Unit("year", "years", DurationUnit.Year);
        Unit("decade", "decades", DurationUnit.Decade);
        Unit("century", "centuries", DurationUnit.Century);
        d["mins"] = new(WordClass.Units, (int)DurationUnit.Minute);
        d["hrs"] = new(WordClass.Units, (int)DurationUnit.Hour);
        d["yrs"] = new(WordClass.Units, (int)DurationUnit.Year);
        d["second"] = new(WordClass.Ordinal, 2);

        d["spring"] = new(WordClass.Season, 0);
        d["summer"] = new(WordClass.Season, 1);
        d["autumn"] = new(WordClass.Season, 2);
        d["fall"] = new(WordClass.Season, 2);
        d["winter"] = new(WordClass.Season, 3);

        d["morning"] = new(WordClass.PartOfDay, 0);
        d["afternoon"] = new(WordClass.PartOfDay, 1);
        d["evening"] = new(WordClass.PartOfDay, 2);
        d["night"] = new(WordClass.PartOfDay, 3);

        d["today"] = new(WordClass.RelativeDay, 0);
        d["yesterday"] = new(WordClass.RelativeDay, -1);
        d["tomorrow"] = new(WordClass.RelativeDay, 1);
        d["tonight"] = new(WordClass.RelativeDay, 10);

        d["this"] = new(WordClass.Determiner, This);
        d["last"] = new(WordClass.Determiner, Last);
        d["previous"] = new(WordClass.Determiner, Last);
        d["next"] = new(WordClass.Determiner, Next);
        d["following"] = new(WordClass.Determiner, Next);
        d["past"] = new(WordClass.Determiner, PastDeterminer);
        d["coming"] = new(WordClass.Determiner, ComingDeterminer);
        d["upcoming"] = new(WordClass.Determiner, ComingDeterminer, Tense.Future);

        foreach (var w in (string[])["nearly", "almost", "about", "around", "roughly", "approximately", "over", "some"])
            d[w] = new(WordClass.Approximately);

        d["now"] = new(WordClass.Reference, 0);
        d["currently"] = new(WordClass.Reference, 0);
        d["nowadays"] = new(WordClass.Reference, 0);
        d["presently"] = new(WordClass.Reference, 0);
        d["current"] = new(WordClass.Reference, 0);
        d["recently"] = new(WordClass.Reference, -1);
        d["recent"] = new(WordClass.Reference, -1);
        d["lately"] = new(WordClass.Reference, -1);
        d["future"] = new(WordClass.Reference, 1);
        d["soon"] = new(WordClass.Reference, 1);

        d["daily"] = new(WordClass.Periodic, (int)DurationUnit.Day);
        d["nightly"] = new(WordClass.Periodic, (int)DurationUnit.Day);
        d["weekly"] = new(WordClass.Periodic, (int)DurationUnit.Week);
        d["monthly"] = new(WordClass.Periodic, (int)DurationUnit.Month);
        d["quarterly"] = new(WordClass.Periodic, (int)DurationUnit.Quarter);
        d["annually"] = new(WordClass.Periodic, (int)DurationUnit.Year);
        d["annual"] = new(WordClass.Periodic, (int)DurationUnit.Year);
        d["yearly"] = new(WordClass.Periodic, (int)DurationUnit.Year);
        d["hourly"] = new(WordClass.Periodic, (int)DurationUnit.Hour);
        d["every"] = new(WordClass.Every);
        d["each"] = new(WordClass.Every);
        d["per"] = new(WordClass.Every);

        d["early"] = new(WordClass.Edge, -1);
        d["late"] = new(WordClass.Edge, 1);
        d["mid"] = new(WordClass.Edge, 0);
        d["end"] = new(WordClass.Boundary, 1);
        d["beginning"] = new(WordClass.Boundary, -1);
        d["start"] = new(WordClass.Boundary, -1);
        d["middle"] = new(WordClass.Boundary, 0);
        d["ago"] = new(WordClass.Shift, -1, Tense.Past);
        d["earlier"] = new(WordClass.Shift, -1);
        d["later"] = new(WordClass.Shift, 1);

        foreach (var w in (string[])["will", "shall", "going", "plans", "plan", "planning", "intends", "scheduled", "expects", "wants", "aims", "hopes", "hope", "would", "upcoming"])
            d[w] = new(WordClass.None, 0, Tense.Future);
        foreach (var w in (string[])["is", "are", "am", "says", "say", "do", "does", "has", "have", "can"])
            d[w] = new(WordClass.None, 0, Tense.Present);
        foreach (var w in (string[])["was", "were", "had", "did", "said", "met", "took", "came", "went", "made", "told", "gave",
                     "saw", "held", "left", "began", "got", "found", "thought", "knew", "became", "led", "sent", "spent", "paid",
                     "sold", "bought", "brought", "fell", "rose", "won", "lost", "ran", "wrote", "spoke", "broke", "chose", "drove",
                     "flew", "grew", "kept", "meant", "stood", "struck", "taught", "threw", "sought", "fought", "caught", "built",
                     "felt", "heard", "sat", "slid", "sank", "stole", "swore", "withdrew", "arose", "been", "began", "dealt",
                     "drew", "forgot", "froze", "hid", "lent", "oversaw", "overtook", "undertook", "shook", "shot", "spun", "stuck",
                     "swept", "tore", "wore", "woke", "wound", "ago"])
            d[w] = d.TryGetValue(w, out var known) ? known with { Tense = Tense.Past } : new(WordClass.None, 0, Tense.Past);
        d["ago"] = new(WordClass.Shift, -1, Tense.Past);
        return d.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
