using Dossier.Annotate;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Annotate.TimeTestText;

namespace Dossier.Tests.Annotate;

/// <summary>One TIMEX3 the tagger should find: the words as TimeML would mark them, their type and value against <see cref="Dct"/>.</summary>
public sealed record GuidelineCase(string Text, DateOnly Dct, string Words, TimexType Type, string Value)
{
    public TextSpan Expected => new(Text.IndexOf(Words, StringComparison.Ordinal), Words.Length);
}

/// <summary>A case the tagger does not yet get right, and in what way, so it can be fixed and moved back.</summary>
public sealed record KnownGap(GuidelineCase Case, string Why);

/// <summary>What the tagger made of one case.</summary>
public sealed record GuidelineOutcome(GuidelineCase Case, TimeExpression? Found)
{
    public bool Overlaps => Found is not null;
    public bool Exact => Found?.Span == Case.Expected;
    public bool TypeRight => Found?.Type == Case.Type;
    public bool ValueRight => Found?.Value == Case.Value;
    public bool Right => Overlaps && TypeRight && ValueRight;

    public static GuidelineOutcome Of(GuidelineCase c)
    {
        var expected = c.Expected;
        // The expression sharing most characters with the expected words is the one TimeML would compare.
        // The pipeline's own sentence splitter and tokenizer, as in analyze ("5 p.m. Friday" stays in one sentence).
        var (sentences, tokens) = FigureTestText.Split(c.Text);
        var found = new TimeTagger().Tag(c.Text, sentences, tokens, c.Dct)
            .Where(t => t.Span.Overlaps(expected))
            .OrderByDescending(t => Math.Min(t.Span.End, expected.End) - Math.Max(t.Span.Start, expected.Start))
            .FirstOrDefault();
        return new GuidelineOutcome(c, found);
    }

    public string Actual => Found is null ? "(nothing)" : $"\"{Found.Span.Of(Case.Text)}\" {Found.Type} {Found.Value ?? "null"}";
}

/// <summary>
/// A held-out style battery written from the TimeML 1.2.1 TIMEX3 guidelines and ordinary news phrasing, not from any corpus:
/// extents leave out prepositions but keep determiners, modifiers ("late", "more than") and "ago"/"later";
/// values are ISO 8601 as TimeML writes them (decades "199", centuries "18", seasons "2013-SP", fiscal years "FY2014").
/// </summary>
public sealed class TimeMlGuidelineTests(ITestOutputHelper output)
{
    /// <summary>Thursday, 14 March 2013 (ISO week 11).</summary>
    private static readonly DateOnly Thu = new(2013, 3, 14);
    /// <summary>Tuesday, 26 October 2010 (ISO week 43).</summary>
    private static readonly DateOnly Tue = new(2010, 10, 26);
    /// <summary>Friday, 13 February 1998 (ISO week 7).</summary>
    private static readonly DateOnly Fri = new(1998, 2, 13);
    /// <summary>Monday, 3 January 2011 (ISO week 1), for the turn of the year.</summary>
    private static readonly DateOnly Jan = new(2011, 1, 3);

    private static GuidelineCase Date(string text, DateOnly dct, string words, string value) => new(text, dct, words, TimexType.DATE, value);
    private static GuidelineCase Time(string text, DateOnly dct, string words, string value) => new(text, dct, words, TimexType.TIME, value);
    private static GuidelineCase Duration(string text, string words, string value) => new(text, Thu, words, TimexType.DURATION, value);
    private static GuidelineCase Set(string text, string words, string value) => new(text, Thu, words, TimexType.SET, value);

    /// <summary>Cases the tagger gets right in extent, type and value.</summary>
    public static IReadOnlyList<GuidelineCase> Cases { get; } =
    [
        // Full dates.
        Date("The company was founded on March 3, 1987, in Texas.", Thu, "March 3, 1987", "1987-03-03"),
        Date("The law took effect 1 January 2012.", Thu, "1 January 2012", "2012-01-01"),
        Date("Voters went to the polls on Sept. 14, 2008.", Thu, "Sept. 14, 2008", "2008-09-14"),
        Date("The agreement, signed on Tuesday, Feb. 5, 2013, expires in 2016.", Thu, "Tuesday, Feb. 5, 2013", "2013-02-05"),
        Date("The agreement, signed on Tuesday, Feb. 5, 2013, expires in 2016.", Thu, "2016", "2016"),
        Date("The town was flooded on the 9th of June 2001.", Thu, "the 9th of June 2001", "2001-06-09"),
        // Partial dates: month and year, year alone, month and day without year.
        Date("Shares have traded on the exchange since July 1998.", Thu, "July 1998", "1998-07"),
        Date("The bank was nationalised in October 2008.", Thu, "October 2008", "2008-10"),
        Date("The mine closed in May of 2009.", Thu, "May of 2009", "2009-05"),
        Date("The mine closed in 1984.", Thu, "1984", "1984"),
        Date("Since 2008, the city has lost 10,000 jobs.", Thu, "2008", "2008"),
        Date("The number of users is expected to double by 2015.", Thu, "2015", "2015"),
        Date("The figures were published on Jan. 7.", Thu, "Jan. 7", "2013-01-07"),
        Date("The hearing is set for April 22.", Thu, "April 22", "2013-04-22"),
        Date("The vote is scheduled for Nov. 6.", Tue, "Nov. 6", "2010-11-06"),
        Date("Officials said on Oct. 3 that the plant was safe.", Tue, "Oct. 3", "2010-10-03"),
        // Months without a year take it from the tense and the document date.
        Date("The company reported a loss in January.", Thu, "January", "2013-01"),
        Date("The new rules take effect in July.", Thu, "July", "2013-07"),
        Date("Unemployment peaked in November.", Thu, "November", "2012-11"),
        Date("The trial will begin in September.", Thu, "September", "2013-09"),
        Date("Sales rose in December, the company said.", Fri, "December", "1997-12"),
        // Weekdays: past tense looks back, future looks ahead, the document's own weekday is that day.
        Date("The minister resigned on Monday.", Thu, "Monday", "2013-03-11"),
        Date("The central bank will announce its decision on Tuesday.", Thu, "Tuesday", "2013-03-19"),
        Date("Police said Wednesday that two men had been arrested.", Thu, "Wednesday", "2013-03-13"),
        Date("The talks will resume Friday.", Thu, "Friday", "2013-03-15"),
        Date("The board met on Sunday to discuss the offer.", Thu, "Sunday", "2013-03-10"),
        Date("Trading was halted on Thursday after the shares fell.", Thu, "Thursday", "2013-03-14"),
        Date("The company will report earnings next Wednesday.", Thu, "next Wednesday", "2013-03-20"),
        Date("The company said Tuesday it would cut jobs.", Fri, "Tuesday", "1998-02-10"),
        Date("Talks will resume Monday in Geneva.", Fri, "Monday", "1998-02-16"),
        Date("The rebels attacked the base on Saturday.", Tue, "Saturday", "2010-10-23"),
        // last / next / this + unit.
        Date("Sales rose 4 percent last year.", Thu, "last year", "2012"),
        Date("The company plans to hire 200 workers next year.", Thu, "next year", "2014"),
        Date("Inflation has eased this year.", Thu, "this year", "2013"),
        Date("Prices fell last month.", Thu, "last month", "2013-02"),
        Date("The report is due next month.", Thu, "next month", "2013-04"),
        Date("The merger was completed this month.", Thu, "this month", "2013-03"),
        Date("The deal closed last week.", Thu, "last week", "2013-W10"),
        Date("Parliament will vote next week.", Thu, "next week", "2013-W12"),
        Date("The firm will cut jobs this week.", Thu, "this week", "2013-W11"),
        Date("Parliament will vote next week.", Fri, "next week", "1998-W08"),
        Date("Sales fell last quarter.", Thu, "last quarter", "2012-Q4"),
        Date("Earnings are expected to improve next quarter.", Thu, "next quarter", "2013-Q2"),
        Date("Prices fell last month.", Fri, "last month", "1998-01"),
        // ago.
        Date("The company was founded 30 years ago.", Thu, "30 years ago", "1983"),
        Date("The plant closed two months ago.", Thu, "two months ago", "2013-01"),
        Date("He was arrested three days ago.", Thu, "three days ago", "2013-03-11"),
        Date("Two years ago, the town had no hospital.", Thu, "Two years ago", "2011"),
        // earlier / later this ..., early / late ...
        Date("The bank cut rates earlier this month.", Thu, "earlier this month", "2013-03"),
        Date("The new model will go on sale later this year.", Thu, "later this year", "2013"),
        Date("The plant is expected to reopen later this month.", Thu, "later this month", "2013-03"),
        Date("Exports fell earlier this year.", Thu, "earlier this year", "2013"),
        Date("Earlier this week, the senate passed the bill.", Thu, "Earlier this week", "2013-W11"),
        Date("The case was filed late last year.", Thu, "late last year", "2012"),
        Date("The company expects to break even early next year.", Thu, "early next year", "2014"),
        Date("Talks collapsed in early March.", Thu, "early March", "2013-03"),
        Date("The plant will close in late June.", Thu, "late June", "2013-06"),
        // Quarters, halves, seasons.
        Date("Profit rose 12 percent in the fourth quarter.", Thu, "the fourth quarter", "2012-Q4"),
        Date("The company expects sales to grow in the second quarter.", Thu, "the second quarter", "2013-Q2"),
        Date("Revenue rose in the third quarter of 2011.", Thu, "the third quarter of 2011", "2011-Q3"),
        Date("Output fell in the first half of 2012.", Thu, "the first half of 2012", "2012-H1"),
        Date("The firm expects a recovery in the second half.", Thu, "the second half", "2013-H2"),
        Date("Construction will start in the spring.", Thu, "the spring", "2013-SP"),
        Date("The drought hit crops last summer.", Thu, "last summer", "2012-SU"),
        Date("The plant will open in the fall of 2014.", Thu, "the fall of 2014", "2014-FA"),
        Date("Sales slowed in the winter of 2010.", Thu, "the winter of 2010", "2010-WI"),
        // Fiscal years.
        Date("The budget for fiscal 2014 includes deep cuts.", Thu, "fiscal 2014", "FY2014"),
        // Decades and centuries.
        Date("Crime fell sharply in the 1990s.", Thu, "the 1990s", "199"),
        Date("The house was built in the 1920s.", Thu, "the 1920s", "192"),
        Date("Such a crisis had not been seen since the 1970s.", Thu, "the 1970s", "197"),
        Date("Interest rates were high in the '80s.", Thu, "the '80s", "198"),
        Date("The city grew rapidly in the 19th century.", Thu, "the 19th century", "18"),
        Date("Cities face new challenges in the 21st century.", Thu, "the 21st century", "20"),
        // Mid, start and end of a period.
        Date("Prices began to rise in mid-2011.", Thu, "mid-2011", "2011"),
        Date("The project should be finished by the end of the year.", Thu, "the end of the year", "2013"),
        Date("The company expects to close the deal by the end of 2014.", Thu, "the end of 2014", "2014"),
        Date("The tax was introduced at the start of 2012.", Thu, "the start of 2012", "2012"),
        // PRESENT_REF, PAST_REF, FUTURE_REF.
        Date("The company now employs 5,000 people.", Thu, "now", "PRESENT_REF"),
        Date("Currently, the plant produces 300 cars a day.", Thu, "Currently", "PRESENT_REF"),
        Date("Sales have slowed recently.", Thu, "recently", "PAST_REF"),
        Date("Such mergers have failed in the past.", Thu, "the past", "PAST_REF"),
        Date("The firm may expand in the future.", Thu, "the future", "FUTURE_REF"),
        Date("Officials said the plan would be announced in the near future.", Thu, "the near future", "FUTURE_REF"),
        // Today, yesterday, tomorrow, the weekend.
        Date("The index fell 2 percent yesterday.", Thu, "yesterday", "2013-03-13"),
        Date("The president will sign the bill tomorrow.", Thu, "tomorrow", "2013-03-15"),
        Date("The company said today that it would cut 300 jobs.", Thu, "today", "2013-03-14"),
        // Times of day.
        Time("The explosion occurred at 3 p.m. Tuesday.", Thu, "3 p.m. Tuesday", "2013-03-12T15:00"),
        Time("The meeting will start at 10:30 a.m. Friday.", Thu, "10:30 a.m. Friday", "2013-03-15T10:30"),
        Time("The polls close at 8 p.m.", Thu, "8 p.m.", "2013-03-14T20:00"),
        Time("The president spoke this morning.", Thu, "this morning", "2013-03-14TMO"),
        Time("The vote is expected tonight.", Thu, "tonight", "2013-03-14TNI"),
        Time("The minister will speak this evening.", Thu, "this evening", "2013-03-14TEV"),
        Time("The strike began Wednesday night.", Thu, "Wednesday night", "2013-03-13TNI"),
        Time("Markets closed higher yesterday afternoon.", Thu, "yesterday afternoon", "2013-03-13TAF"),
        Time("The court will rule Monday morning.", Thu, "Monday morning", "2013-03-18TMO"),
        Time("The talks ended late last night.", Thu, "late last night", "2013-03-13TNI"),
        // Durations.
        Duration("The project took three years to complete.", "three years", "P3Y"),
        Duration("Home prices have risen over the past two weeks.", "the past two weeks", "P2W"),
        Duration("She has worked at the bank for more than a decade.", "more than a decade", "P10Y"),
        Duration("Negotiations dragged on for several months.", "several months", "PXM"),
        Duration("The strike lasted 18 months.", "18 months", "P18M"),
        Duration("The loan must be repaid within 30 days.", "30 days", "P30D"),
        Duration("The company lost $2 million in the past year.", "the past year", "P1Y"),
        Duration("He spent 20 minutes with reporters.", "20 minutes", "PT20M"),
        Duration("The company has been in business for 75 years.", "75 years", "P75Y"),
        Duration("The 24-hour strike disrupted flights.", "24-hour", "PT24H"),
        Duration("Investors waited for hours.", "hours", "PTXH"),
        Duration("The two-year contract expires in June.", "two-year", "P2Y"),
        Date("The two-year contract expires in June.", Thu, "June", "2013-06"),
        Duration("The firm plans to invest $1 billion over the next five years.", "the next five years", "P5Y"),
        Duration("The past three months have been difficult.", "The past three months", "P3M"),
        // Sets.
        Set("The committee meets every Monday.", "every Monday", "XXXX-WXX-1"),
        Set("The magazine is published weekly.", "weekly", "P1W"),
        Set("Dividends are paid twice a year.", "twice a year", "P1Y"),
        Set("The index is updated daily.", "daily", "P1D"),
        Set("Rates are reviewed every three months.", "every three months", "P3M"),
        Set("The report is released monthly.", "monthly", "P1M"),
        Set("The board meets annually.", "annually", "P1Y"),
        Set("He jogs every morning.", "every morning", "XXXX-XX-XXTMO"),
        Set("Elections are held every four years.", "every four years", "P4Y"),
        Set("The festival draws a million visitors each year.", "each year", "P1Y"),
        // Anaphoric: counted from the date the story last named, not from the document date.
        Date("The rebels entered the city on May 4, 2011. The next day, the army withdrew.", Thu, "The next day", "2011-05-05"),
        Date("The bill passed the Senate on June 12, 2012. Two days later, the president signed it.", Thu, "Two days later", "2012-06-14"),
        Date("Sales reached $4 billion in 2012. A year earlier, they were $3.5 billion.", Thu, "A year earlier", "2011"),
        Date("The company was founded in 1995. Three years later it went public.", Thu, "Three years later", "1998"),
        Date("The plant opened in April 2009. The following month, it hired 500 workers.", Thu, "The following month", "2009-05"),
        Date("The rebels took the city in 2011. That year, oil output collapsed.", Thu, "That year", "2011"),
        Date("The deal was announced on Jan. 5, 2012. The same day, shares jumped 10 percent.", Thu, "The same day", "2012-01-05"),
        // Holidays.
        Date("The attack happened on Christmas Day 2010.", Thu, "Christmas Day 2010", "2010-12-25"),
        Date("The ceasefire took effect on New Year's Eve.", Thu, "New Year's Eve", "2012-12-31"),
        Date("The office will be closed on New Year's Day.", Tue, "New Year's Day", "2011-01-01"),
        Date("Florists expect a rush before Valentine's Day.", Tue, "Valentine's Day", "2011-02-14"),
        // Second tranche: looser news phrasing.
        Date("The strike, which began March 1, has cost the company $5 million.", Thu, "March 1", "2013-03-01"),
        Date("The report, released Monday, showed a rise in orders.", Thu, "Monday", "2013-03-11"),
        Date("The Dow fell 120 points Tuesday to 14,300.", Thu, "Tuesday", "2013-03-12"),
        Date("In 2012, exports rose 8 percent.", Thu, "2012", "2012"),
        Date("The program ran from 2004 to 2009.", Thu, "2004", "2004"),
        Date("The program ran from 2004 to 2009.", Thu, "2009", "2009"),
        Date("Home ownership rose through the 2000s.", Thu, "the 2000s", "200"),
        Date("The treaty was signed in 1648.", Thu, "1648", "1648"),
        Date("The ruling is expected by the end of the month.", Thu, "the end of the month", "2013-03"),
        Date("Output fell at the end of last year.", Thu, "the end of last year", "2012"),
        Date("Production resumed at the beginning of February.", Thu, "the beginning of February", "2013-02"),
        Date("The law expires at the end of next month.", Thu, "the end of next month", "2013-04"),
        Date("The court has until Friday to decide.", Thu, "Friday", "2013-03-15"),
        Date("The company's shares have fallen 30 percent since January.", Thu, "January", "2013-01"),
        Date("The bank will publish results for the quarter ending March 31.", Thu, "March 31", "2013-03-31"),
        Date("The contract runs through 2015.", Thu, "2015", "2015"),
        Date("He has been chairman since 1999.", Thu, "1999", "1999"),
        Date("The jobless rate stood at 7.7 percent in February, the lowest since December 2008.", Thu, "February", "2013-02"),
        Date("The jobless rate stood at 7.7 percent in February, the lowest since December 2008.", Thu, "December 2008", "2008-12"),
        Date("The results will be announced this Friday.", Thu, "this Friday", "2013-03-15"),
        Date("Monday's attack killed 12 people.", Thu, "Monday", "2013-03-11"),
        Date("Last year's election was close.", Thu, "Last year", "2012"),
        Date("Officials met Sunday, March 10, in the capital.", Thu, "Sunday, March 10", "2013-03-10"),
        Date("The festival began in the summer of 1969.", Thu, "the summer of 1969", "1969-SU"),
        Date("Profit rose in the third quarter.", Tue, "the third quarter", "2010-Q3"),
        Date("The company expects a loss in the fourth quarter.", Tue, "the fourth quarter", "2010-Q4"),
        Date("The vote was held Sunday.", Tue, "Sunday", "2010-10-24"),
        Date("Shares fell Tuesday after the report.", Tue, "Tuesday", "2010-10-26"),
        Date("The report will be released Thursday.", Tue, "Thursday", "2010-10-28"),
        // Across the turn of the year: Monday, 3 January 2011 (ISO week 1).
        Date("Retail sales rose in December.", Jan, "December", "2010-12"),
        Date("The deal was agreed last week.", Jan, "last week", "2010-W52"),
        Date("The budget will be voted on in February.", Jan, "February", "2011-02"),
        Date("The minister resigned on Friday.", Jan, "Friday", "2010-12-31"),
        Date("Prices rose sharply last month.", Jan, "last month", "2010-12"),
        Date("Growth will slow this year.", Jan, "this year", "2011"),
        Time("Police arrived Tuesday evening.", Thu, "Tuesday evening", "2013-03-12TEV"),
        Duration("Incomes have stagnated for the past decade.", "the past decade", "P10Y"),
        Duration("Sales rose for the first time in five years.", "five years", "P5Y"),
        Duration("Officials will study the plan over the next few days.", "the next few days", "PXD"),
        Duration("A decision is expected within days.", "days", "PXD"),
        Duration("He was sentenced to one year in prison.", "one year", "P1Y"),
        Duration("Profits have doubled over the last five years.", "the last five years", "P5Y"),
        Duration("The agency began a six-month study.", "six-month", "P6M"),
        Duration("The festival lasts a week.", "a week", "P1W"),
        Duration("The mission took almost a year.", "almost a year", "P1Y"),
        Duration("The debate lasted about two hours.", "about two hours", "PT2H"),
        Duration("The rebuilding will take at least three years.", "at least three years", "P3Y"),
        Duration("He faces up to 10 years in prison.", "up to 10 years", "P10Y"),
        Duration("Rents rose 6 percent in the past 12 months.", "the past 12 months", "P12M"),
        Duration("The talks lasted a few days.", "a few days", "PXD"),
        Duration("It has rained for the last 10 days.", "the last 10 days", "P10D"),
        Set("The clinic opens three times a week.", "three times a week", "P1W"),
        Set("The council meets once a month.", "once a month", "P1M"),
        Set("The factory runs every day.", "every day", "P1D"),
        Date("The plant was closed in 2009. Two years earlier, it had employed 800 people.", Thu, "Two years earlier", "2007"),
        Date("The minister resigned on Feb. 2, 2012. A month later, he was arrested.", Thu, "A month later", "2012-03"),
        Date("The storm hit on Oct. 29, 2012. The following day, power was restored.", Thu, "The following day", "2012-10-30"),
        Date("The referendum will be held on Sept. 18. The results are expected the next day.", Thu, "the next day", "2013-09-19"),
        Date("Exports rose 5 percent in 2012 after falling the previous year.", Thu, "the previous year", "2011"),
        Date("Voting ended on Nov. 6, 2012. Results were announced that day.", Thu, "that day", "2012-11-06"),
        // Found by this battery as gaps and fixed in the tagger on 2026-11-23.
        Date("Oil prices surged in the late 1970s.", Thu, "the late 1970s", "197"),
        Date("The firm was founded in the mid-1980s.", Thu, "the mid-1980s", "198"),
        Date("The plant, built in the early 1960s, will close.", Thu, "the early 1960s", "196"),
        Duration("The union called a week-long strike.", "week-long", "P1W"),
        Date("The bank collapsed in September 2008. Later that month, Congress passed a rescue.", Thu, "Later that month", "2008-09"),
        Date("The agency spent $3 billion in fiscal year 2012.", Thu, "fiscal year 2012", "FY2012"),
        Date("The deficit narrowed in the 2011 fiscal year.", Thu, "the 2011 fiscal year", "FY2011"),
        Date("Revenue in FY2012 was $4 billion.", Thu, "FY2012", "FY2012"),
        Date("Profit fell in Q4.", Thu, "Q4", "2012-Q4"),
        Date("Furniture like this was common in the 1800s.", Thu, "the 1800s", "18"),
        Date("Shops hope for strong sales before Christmas.", Thu, "Christmas", "2013-12-25"),
        Time("The meeting lasted until 5 p.m. Friday.", Thu, "5 p.m. Friday", "2013-03-08T17:00"),
        Date("The ceasefire was signed on Aug. 12, 2008. The day before, fighting had intensified.", Thu, "The day before", "2008-08-11"),
        Date("The company went bankrupt in 2001. The next year, its founder was jailed.", Thu, "The next year", "2002"),
        Date("Retailers said sales were strong on Thanksgiving.", Thu, "Thanksgiving", "2012-11-22"),
        Date("Congress will return after Labor Day.", Thu, "Labor Day", "2013-09-02"),
        Duration("The trial could take weeks.", "weeks", "PXW"),
        Date("These days, few people buy newspapers.", Thu, "These days", "PRESENT_REF"),
        Set("Tourists flock to the island every summer.", "every summer", "XXXX-SU"),
        Set("The museum is open on weekends.", "weekends", "XXXX-WXX-WE"),
        Time("Rescuers reached the village at 9:15 this morning.", Thu, "9:15 this morning", "2013-03-14T09:15"),
    ];

    /// <summary>Cases found with the right type and value whose extent is not yet TimeML's.</summary>
    public static IReadOnlyList<KnownGap> LooseExtents { get; } =
    [
        new(Duration("The ban covers a 90-day period.", "a 90-day period", "P90D"),
            "found '90-day' only; TimeML marks the whole 'a 90-day period'"),
    ];

    /// <summary>Cases the tagger misses or gets the type or value wrong: scored, never asserted, so they can be fixed one by one.</summary>
    public static IReadOnlyList<KnownGap> KnownGaps { get; } =
    [
        new(Date("Protests spread over the weekend.", Thu, "the weekend", "2013-W10-WE"),
            "past weekend from a Thursday is the one just gone (W10), found W11 (this coming one)"),
    ];

    public static TheoryData<string, string, string, TimexType, string> Right => Rows(Cases);
    public static TheoryData<string, string, string, TimexType, string> Loose => Rows(LooseExtents.Select(g => g.Case));

    private static TheoryData<string, string, string, TimexType, string> Rows(IEnumerable<GuidelineCase> cases)
    {
        var rows = new TheoryData<string, string, string, TimexType, string>();
        foreach (var c in cases) rows.Add(c.Text, c.Dct.ToString("yyyy-MM-dd"), c.Words, c.Type, c.Value);
        return rows;
    }

    private static GuidelineOutcome Run(string text, string dct, string words, TimexType type, string value)
    {
        var c = new GuidelineCase(text, DateOnly.Parse(dct), words, type, value);
        Assert.True(c.Expected.Start >= 0 && text.IndexOf(words, c.Expected.Start + 1, StringComparison.Ordinal) < 0,
            $"\"{words}\" must occur once in the case");
        var outcome = GuidelineOutcome.Of(c);
        Assert.True(outcome.Overlaps, $"nothing found over \"{words}\"");
        Assert.Equal(type, outcome.Found!.Type);
        Assert.Equal(value, outcome.Found.Value);
        return outcome;
    }

    [Theory]
    [MemberData(nameof(Right))]
    public void FindsTheTimeMlExtentTypeAndValue(string text, string dct, string words, TimexType type, string value)
        => Assert.Equal(words, Run(text, dct, words, type, value).Found!.Span.Of(text));

    [Theory]
    [MemberData(nameof(Loose))]
    public void FindsTheTypeAndValueOverAnExtentNotYetTimeMls(string text, string dct, string words, TimexType type, string value)
        => Run(text, dct, words, type, value);

    [Fact]
    public void ScoresTheWholeBattery()
    {
        var all = Cases.Concat(LooseExtents.Select(g => g.Case)).Concat(KnownGaps.Select(g => g.Case)).ToList();
        var outcomes = all.Select(GuidelineOutcome.Of).ToList();
        double Share(Func<GuidelineOutcome, bool> hit) => (double)outcomes.Count(hit) / outcomes.Count;
        var (overlap, exact, type, value, right) = (Share(o => o.Overlaps), Share(o => o.Exact), Share(o => o.TypeRight), Share(o => o.ValueRight), Share(o => o.Right));
        output.WriteLine($"{outcomes.Count} cases ({Cases.Count} right, {LooseExtents.Count} loose extents, {KnownGaps.Count} known gaps)");
        output.WriteLine($"extent overlap {overlap:P1}, exact extent {exact:P1}, type {type:P1}, value {value:P1}, all right {right:P1}");
        foreach (var gap in KnownGaps.Select(g => GuidelineOutcome.Of(g.Case)).Where(o => o.Right))
            output.WriteLine($"now right, move back to Cases: \"{gap.Case.Words}\" in \"{gap.Case.Text}\"");
        foreach (var o in outcomes.Where(o => !o.Right || !o.Exact))
            output.WriteLine($"[{o.Case.Dct:yyyy-MM-dd}] {o.Case.Text} | expected \"{o.Case.Words}\" {o.Case.Type} {o.Case.Value} | got {o.Actual}");
        Assert.Equal(all.Count, all.Distinct().Count());
        // Pinned a little under the measured shares (99.5 % after the gaps it found were fixed; 92.1 % before), so a regression fails.
        Assert.True(overlap >= 0.98, $"extent overlap {overlap:P1}");
        Assert.True(exact >= 0.97, $"exact extent {exact:P1}");
        Assert.True(type >= 0.98, $"type {type:P1}");
        Assert.True(value >= 0.97, $"value {value:P1}");
    }
}
