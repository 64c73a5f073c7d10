using System.Collections.Frozen;

namespace Dossier.Annotate.Figures;

/// <summary>How a modifier before a number bends its interval.</summary>
internal enum Bound : byte
{
    /// <summary>"more than", "over": the number is a lower bound.</summary>
    Above,
    /// <summary>"at least": an inclusive lower bound.</summary>
    AtLeast,
    /// <summary>"fewer than", "under": an upper bound.</summary>
    Below,
    /// <summary>"up to", "as many as": an upper bound that may be reached.</summary>
    AtMost,
    /// <summary>"nearly", "almost": a little under the number.</summary>
    JustUnder,
    /// <summary>"just over": a little over the number.</summary>
    JustOver,
    /// <summary>"about", "around": the number itself, approximately.</summary>
    About,
}

/// <summary>Fact tables for figures: number words, currencies, approximators, units and their comparison classes.</summary>
internal static class FigureWords
{
    public static readonly StringComparer Ci = StringComparer.OrdinalIgnoreCase;

    private static FrozenDictionary<string, T> Frozen<T>(Dictionary<string, T> d) => d.ToFrozenDictionary(Ci);
    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(Ci);

    public static readonly FrozenDictionary<string, int> Units = Frozen(new Dictionary<string, int>
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13,
        ["fourteen"] = 14, ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18,
        ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60,
        ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    });

    /// <summary>Multipliers written as words or abbreviations after a number ("1.5 million", "2.3bn", "12k").</summary>
    public static readonly FrozenDictionary<string, double> Scales = Frozen(new Dictionary<string, double>
    {
        ["hundred"] = 1e2, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
        ["dozen"] = 12,
    });

    /// <summary>Abbreviated multipliers, accepted glued to the number or after a currency.</summary>
    public static readonly FrozenDictionary<string, double> ShortScales = Frozen(new Dictionary<string, double>
    {
        ["k"] = 1e3, ["m"] = 1e6, ["mn"] = 1e6, ["mln"] = 1e6, ["bn"] = 1e9, ["b"] = 1e9, ["bln"] = 1e9,
        ["tn"] = 1e12, ["trn"] = 1e12, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
    });

    /// <summary>Plural number words that give only an order of magnitude ("thousands of" is two thousand or more).</summary>
    public static readonly FrozenDictionary<string, double> VaguePlurals = Frozen(new Dictionary<string, double>
    {
        ["dozens"] = 12, ["scores"] = 20, ["hundreds"] = 100, ["thousands"] = 1e3, ["millions"] = 1e6,
        ["billions"] = 1e9, ["trillions"] = 1e12, ["tens"] = 10,
    });

    /// <summary>Currency symbols written before the amount.</summary>
    public static readonly FrozenDictionary<string, string> Symbols = new Dictionary<string, string>
    {
        ["$"] = "USD", ["€"] = "EUR", ["£"] = "GBP", ["¥"] = "JPY", ["₩"] = "KRW", ["₽"] = "RUB", ["₹"] = "INR",
        ["₴"] = "UAH", ["₪"] = "ILS", ["₺"] = "TRY", ["₦"] = "NGN", ["₱"] = "PHP", ["฿"] = "THB", ["₫"] = "VND",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Letters glued before "$" that name a dollar ("US$", "A$", "HK$").</summary>
    public static readonly FrozenDictionary<string, string> DollarPrefixes = new Dictionary<string, string>
    {
        ["US"] = "USD", ["U.S."] = "USD", ["U.S"] = "USD", ["A"] = "AUD", ["AU"] = "AUD", ["C"] = "CAD", ["CA"] = "CAD",
        ["HK"] = "HKD", ["NZ"] = "NZD", ["S"] = "SGD", ["NT"] = "TWD", ["R"] = "BRL", ["Mex"] = "MXN",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>ISO 4217 codes written as words ("USD 5 million", "5 million EUR").</summary>
    public static readonly FrozenSet<string> Codes = new[]
    {
        "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "RUB", "KRW", "KPW", "INR", "UAH", "CHF", "CAD", "AUD", "NZD", "HKD",
        "SGD", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "TRY", "ILS", "SAR", "AED", "QAR", "IRR", "PKR", "BRL", "MXN",
        "ARS", "ZAR", "NGN", "EGP", "KES", "IDR", "MYR", "THB", "VND", "PHP", "TWD", "BYN", "KZT", "GEL",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Currency names written after the amount.</summary>
    public static readonly FrozenDictionary<string, string> CurrencyWords = Frozen(new Dictionary<string, string>
    {
        ["dollar"] = "USD", ["dollars"] = "USD", ["euro"] = "EUR", ["euros"] = "EUR", ["pound"] = "GBP",
        ["pounds"] = "GBP", ["sterling"] = "GBP", ["yen"] = "JPY", ["yuan"] = "CNY", ["renminbi"] = "CNY",
        ["ruble"] = "RUB", ["rubles"] = "RUB", ["rouble"] = "RUB", ["roubles"] = "RUB", ["won"] = "KRW",
        ["rupee"] = "INR", ["rupees"] = "INR", ["hryvnia"] = "UAH", ["hryvnias"] = "UAH",
        ["franc"] = "CHF", ["francs"] = "CHF", ["shekel"] = "ILS", ["shekels"] = "ILS", ["lira"] = "TRY",
        ["liras"] = "TRY", ["riyal"] = "SAR", ["riyals"] = "SAR", ["dirham"] = "AED", ["dirhams"] = "AED",
        ["rial"] = "IRR", ["rials"] = "IRR", ["real"] = "BRL", ["reais"] = "BRL", ["peso"] = "MXN", ["pesos"] = "MXN",
        ["rand"] = "ZAR", ["naira"] = "NGN", ["zloty"] = "PLN", ["zlotys"] = "PLN", ["krona"] = "SEK",
        ["kronor"] = "SEK", ["krone"] = "NOK", ["kroner"] = "NOK", ["ringgit"] = "MYR", ["rupiah"] = "IDR",
        ["baht"] = "THB", ["dong"] = "VND", ["tenge"] = "KZT", ["lari"] = "GEL",
        // A hundredth of the local currency, compared only with other cents.
        ["cent"] = "cent", ["cents"] = "cent",
    });

    /// <summary>Verbs that report a figure rather than govern it: their subject is a source, not what the figure is about.</summary>
    public static readonly FrozenSet<string> ReportingVerbs = new[]
    {
        "say", "tell", "report", "add", "state", "announce", "claim", "confirm", "note", "estimate", "believe", "quote",
        "write", "according",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Adjectives that name a dollar before "dollars" ("Australian dollars").</summary>
    public static readonly FrozenDictionary<string, string> DollarAdjectives = Frozen(new Dictionary<string, string>
    {
        ["US"] = "USD", ["U.S."] = "USD", ["American"] = "USD", ["Australian"] = "AUD", ["Canadian"] = "CAD",
        ["Hong"] = "HKD", ["Singapore"] = "SGD", ["Taiwan"] = "TWD", ["Zealand"] = "NZD",
    });

    /// <summary>Modifier phrases before a number, longest first within each first word.</summary>
    public static readonly (string[] Words, Bound Bound)[] Modifiers =
    [
        (["more", "than"], Bound.Above), (["well", "over"], Bound.Above), (["well", "above"], Bound.Above),
        (["over"], Bound.Above), (["above"], Bound.Above), (["in", "excess", "of"], Bound.Above),
        (["upwards", "of"], Bound.Above), (["upward", "of"], Bound.Above), (["greater", "than"], Bound.Above),
        (["exceeding"], Bound.Above), (["just", "over"], Bound.JustOver), (["just", "above"], Bound.JustOver),
        (["slightly", "more", "than"], Bound.JustOver), (["a", "little", "over"], Bound.JustOver),
        (["at", "least"], Bound.AtLeast), (["no", "fewer", "than"], Bound.AtLeast), (["no", "less", "than"], Bound.AtLeast),
        (["not", "less", "than"], Bound.AtLeast), (["not", "fewer", "than"], Bound.AtLeast), (["a", "minimum", "of"], Bound.AtLeast),
        (["fewer", "than"], Bound.Below), (["less", "than"], Bound.Below), (["under"], Bound.Below), (["below"], Bound.Below),
        (["up", "to"], Bound.AtMost), (["as", "many", "as"], Bound.AtMost), (["as", "much", "as"], Bound.AtMost),
        (["at", "most"], Bound.AtMost), (["no", "more", "than"], Bound.AtMost), (["not", "more", "than"], Bound.AtMost),
        (["a", "maximum", "of"], Bound.AtMost),
        (["nearly"], Bound.JustUnder), (["almost"], Bound.JustUnder), (["close", "to"], Bound.JustUnder),
        (["just", "under"], Bound.JustUnder), (["just", "below"], Bound.JustUnder), (["just", "shy", "of"], Bound.JustUnder),
        (["slightly", "less", "than"], Bound.JustUnder), (["approaching"], Bound.JustUnder),
        (["about"], Bound.About), (["around"], Bound.About), (["approximately"], Bound.About), (["roughly"], Bound.About),
        (["some"], Bound.About), (["an", "estimated"], Bound.About), (["estimated"], Bound.About), (["circa"], Bound.About),
        (["approx"], Bound.About), (["an", "approximate"], Bound.About), (["nearly", "about"], Bound.About),
        (["in", "the", "region", "of"], Bound.About), (["on", "the", "order", "of"], Bound.About),
        (["something", "like"], Bound.About), (["an", "approximated"], Bound.About),
    ];

    /// <summary>The modifier phrases grouped by their last word, so a lookup checks only the phrases that can match.</summary>
    public static readonly FrozenDictionary<string, (string[] Words, Bound Bound)[]> ModifiersByLastWord =
        Modifiers.GroupBy(m => m.Words[^1], Ci).ToDictionary(g => g.Key, g => g.ToArray(), Ci).ToFrozenDictionary(Ci);

    public static readonly FrozenSet<string> Months = Set(
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec");

    /// <summary>Words after which a number is a label, not an amount ("page 5", "Resolution 2231").</summary>
    public static readonly FrozenSet<string> LabelWords = Set(
        "page", "pages", "p", "pp", "section", "sections", "chapter", "chapters", "paragraph", "para", "article",
        "articles", "clause", "item", "line", "verse", "room", "flight", "route", "highway", "platform", "gate",
        "level", "phase", "stage", "episode", "season", "volume", "vol", "number", "no", "nos", "resolution", "rule",
        "act", "amendment", "grade", "round", "game", "figure", "fig", "table", "appendix", "annex", "exhibit",
        "step", "part", "unit", "block", "floor", "apartment", "suite", "box", "code", "version", "model", "tel",
        "phone", "fax", "ext", "id", "case", "docket", "bill", "title", "lot", "seat", "row", "track", "channel",
        "district", "ward", "division", "zone", "sector", "category", "class", "type", "size", "day", "week", "matchday");

    /// <summary>Words after a number that make it a clock time.</summary>
    public static readonly FrozenSet<string> TimeWords = Set(
        "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "est", "edt", "pst", "pdt", "hrs", "h", "o'clock", "kst", "msk", "jst");

    /// <summary>Function words that end the words of a counted noun phrase.</summary>
    public static readonly FrozenSet<string> Stop = Set(
        "the", "a", "an", "this", "that", "these", "those", "of", "to", "in", "on", "at", "by", "for", "from", "with",
        "without", "into", "onto", "over", "under", "about", "against", "between", "among", "amid", "across", "through",
        "during", "since", "until", "till", "after", "before", "as", "than", "and", "or", "but", "nor", "so", "yet",
        "if", "while", "when", "where", "who", "whom", "whose", "which", "what", "why", "how", "is", "are", "was",
        "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "shall",
        "should", "can", "could", "may", "might", "must", "it", "its", "he", "she", "they", "them", "their", "his",
        "her", "we", "us", "our", "you", "your", "i", "me", "my", "there", "here", "not", "no", "also", "each",
        "per", "via", "out", "up", "down", "off", "ago", "later", "earlier", "including", "according", "like",
        "near", "toward", "towards", "within", "beyond", "around", "along", "behind", "inside", "outside", "plus",
        "minus", "times", "said", "says", "say", "told", "total", "all", "both", "either", "neither", "every", "last",
        "next", "apiece", "each", "a", "yesterday", "today", "tomorrow", "tonight");

    /// <summary>Adjectives that sit between a number and its noun without being the noun ("10,000 more soldiers").</summary>
    public static readonly FrozenSet<string> Premodifiers = Set(
        "more", "additional", "extra", "other", "new", "further", "fresh", "former", "local", "foreign", "armed",
        "active", "regular", "elite", "young", "old", "unarmed", "innocent", "many", "several", "few", "separate",
        "registered", "confirmed", "reported", "estimated", "total", "combined", "different", "individual", "key",
        "major", "senior", "junior", "top", "large", "small", "big", "full", "brand", "high", "low");

    /// <summary>Comparison classes: words that count the same kind of thing across sources.</summary>
    public static readonly FrozenDictionary<string, string> UnitClasses = Frozen(new Dictionary<string, string>
    {
        ["troops"] = "military personnel", ["troop"] = "military personnel", ["soldiers"] = "military personnel",
        ["soldier"] = "military personnel", ["servicemen"] = "military personnel", ["serviceman"] = "military personnel",
        ["servicewomen"] = "military personnel", ["servicemembers"] = "military personnel",
        ["personnel"] = "military personnel", ["fighters"] = "military personnel", ["fighter"] = "military personnel",
        ["forces"] = "military personnel", ["marines"] = "military personnel", ["sailors"] = "military personnel",
        ["airmen"] = "military personnel", ["paratroopers"] = "military personnel", ["conscripts"] = "military personnel",
        ["reservists"] = "military personnel", ["mercenaries"] = "military personnel", ["combatants"] = "military personnel",
        ["commandos"] = "military personnel", ["infantrymen"] = "military personnel", ["recruits"] = "military personnel",
        ["people"] = "people", ["persons"] = "people", ["person"] = "people", ["civilians"] = "people",
        ["civilian"] = "people", ["residents"] = "people", ["resident"] = "people", ["individuals"] = "people",
        ["individual"] = "people", ["inhabitants"] = "people", ["citizens"] = "people", ["citizen"] = "people",
        ["nationals"] = "people", ["humans"] = "people", ["souls"] = "people", ["adults"] = "people",
        ["dead"] = "deaths", ["deaths"] = "deaths", ["death"] = "deaths", ["killed"] = "deaths",
        ["fatalities"] = "deaths", ["fatality"] = "deaths", ["victims"] = "deaths", ["bodies"] = "deaths",
        ["lives"] = "deaths", ["killings"] = "deaths",
        ["injured"] = "injured", ["wounded"] = "injured", ["injuries"] = "injured", ["hurt"] = "injured",
        ["casualties"] = "casualties", ["casualty"] = "casualties",
        ["refugees"] = "displaced people", ["displaced"] = "displaced people", ["evacuees"] = "displaced people",
        ["percent"] = "%", ["%"] = "%",
    });

    /// <summary>Units of time: a span of time is a duration for the time layer, not a figure.</summary>
    public static readonly FrozenSet<string> TimeUnits = Set(
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "month", "months",
        "year", "years", "decade", "decades", "century", "centuries", "millennium", "millennia", "min", "mins",
        "hr", "hrs", "sec", "secs", "yr", "yrs");

    /// <summary>Units of measure: a figure counting these is a quantity, not a count.</summary>
    public static readonly FrozenSet<string> MeasureUnits = Set(
        "km", "kilometre", "kilometer", "mile", "metre", "meter", "m", "cm", "mm", "foot", "feet", "inch", "yard",
        "kg", "kilogram", "gram", "g", "tonne", "ton", "lb", "ounce", "litre", "liter", "gallon", "barrel", "bpd",
        "hectare", "acre", "sq", "square", "degree", "mph", "kph", "knot", "megawatt", "mw", "gw", "kw", "kwh",
        "gigawatt", "kilowatt", "watt", "volt", "second", "minute", "hour", "day", "week", "month", "year", "decade",
        "century", "kilometres", "kilometers", "miles", "metres", "meters", "kilograms", "grams", "tonnes", "tons",
        "litres", "liters", "gallons", "barrels", "hectares", "acres", "degrees", "megawatts", "gigawatts",
        "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries", "feet", "inches",
        "yards", "pounds", "ounces", "knots", "calories", "bytes", "gb", "mb", "tb", "kilotons", "megatons", "ft", "lbs",
        "megapixels", "pixels", "inches", "millimetres", "millimeters", "centimetres", "centimeters", "min", "mins",
        "hr", "hrs", "sec", "secs", "yr", "yrs");
}
