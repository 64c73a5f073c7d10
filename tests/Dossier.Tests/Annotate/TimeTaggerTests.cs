using Dossier.Annotate.Time;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Annotate.TimeTestText;

namespace Dossier.Tests.Annotate;

public sealed class TimeTaggerTests
{
    /// <summary>Friday, 29 November 2024: the seeds' day.</summary>
    private static readonly DateOnly Dct = new(2024, 11, 29);

    private static void Expect(string text, string words, TimexType type, string? value, DateOnly? anchor = null)
    {
        var t = Find(text, Tag(text, anchor ?? Dct), words);
        Assert.Equal(type, t.Type);
        Assert.Equal(value, t.Value);
    }

    [Theory]
    [InlineData("The deal was signed on November 29, 2024, in Moscow.", "November 29, 2024", "2024-11-29")]
    [InlineData("It was signed 29 November 2024 in Moscow.", "29 November 2024", "2024-11-29")]
    [InlineData("The talks began Nov. 29, 2024, in Pyongyang.", "Nov. 29, 2024", "2024-11-29")]
    [InlineData("The filing is dated 2024-11-29 by the court.", "2024-11-29", "2024-11-29")]
    [InlineData("The form was dated 11/29/2024 by the clerk.", "11/29/2024", "2024-11-29")]
    [InlineData("The treaty of 5 May 1955 still holds.", "5 May 1955", "1955-05-05")]
    [InlineData("They met on Friday, November 29, 2024.", "Friday, November 29, 2024", "2024-11-29")]
    [InlineData("He arrived on the 3rd of March 2021.", "the 3rd of March 2021", "2021-03-03")]
    [InlineData("Sunday, November 27-2005 at 16: 12 tremors were felt in Dubai.", "Sunday, November 27-2005", "2005-11-27")]
    public void FullDates(string text, string words, string value) => Expect(text, words, TimexType.DATE, value);

    [Theory]
    [InlineData("They met on Nov. 29 in Pyongyang.", "Nov. 29", "2024-11-29")]
    [InlineData("The meeting took place on Friday, Nov. 29, in the capital.", "Friday, Nov. 29", "2024-11-29")]
    [InlineData("The ceasefire started on 12 October.", "12 October", "2024-10-12")]
    public void MonthAndDayTakeTheAnchorYear(string text, string words, string value) => Expect(text, words, TimexType.DATE, value);

    [Fact]
    public void MonthAndDayMoveYearWhenTenseSaysSo()
    {
        Expect("The rebels attacked on Dec. 28 near the border.", "Dec. 28", TimexType.DATE, "2024-12-28", new DateOnly(2025, 1, 5));
        Expect("The leaders will meet on Jan. 3 in Geneva.", "Jan. 3", TimexType.DATE, "2025-01-03", new DateOnly(2024, 12, 30));
        Expect("The leaders will meet on Dec. 2 in Geneva.", "Dec. 2", TimexType.DATE, "2024-12-02");
    }

    [Fact]
    public void NoAnchorKeepsTheUnknownYear()
    {
        const string text = "The meeting took place on Friday, Nov. 29, and talks resumed in June. He left on Tuesday.";
        var times = Tag(text, null);
        Assert.Equal("XXXX-11-29", Find(text, times, "Friday, Nov. 29").Value);
        Assert.Equal("XXXX-06", Find(text, times, "June").Value);
        Assert.Equal("XXXX-WXX-2", Find(text, times, "Tuesday").Value);
        Assert.Equal("XXXX-XX-XX", Tag("Officials met yesterday.", null).Single().Value);
        Assert.Equal("XXXX-XX", Tag("Prices rose last month.", null).Single().Value);
        Assert.Equal("XXXX-WXX", Tag("Talks resume next week.", null).Single().Value);
    }

    [Theory]
    [InlineData("He arrived in the capital on Tuesday.", "Tuesday", "2024-11-26")]
    [InlineData("The vote was held Saturday after weeks of protests.", "Saturday", "2024-11-23")]
    [InlineData("He will arrive in the capital on Tuesday.", "Tuesday", "2024-12-03")]
    [InlineData("The minister plans to visit Seoul on Monday.", "Monday", "2024-12-02")]
    [InlineData("The minister spoke last Friday.", "last Friday", "2024-11-22")]
    [InlineData("The minister will speak next Friday.", "next Friday", "2024-12-06")]
    public void WeekdaysFollowTheTense(string text, string words, string value) => Expect(text, words, TimexType.DATE, value);

    [Fact]
    public void WeekdayInASentenceWithADateIsReadNearThatDate()
    {
        const string text = "The meeting, which took place on Friday, Nov. 29, was highlighted by state media on Saturday.";
        Expect(text, "Saturday", TimexType.DATE, "2024-11-30");
        // The same sentence against an anchor far from Nov. 29 falls back to the tense.
        var saturday = Find(text, Tag(text, Dct), "Saturday");
        Assert.Equal("2025-03-08", saturday.Reference.Resolve(new DateOnly(2025, 3, 10)));
    }

    [Theory]
    [InlineData("Putin met Kim back in June.", "June", "2024-06")]
    [InlineData("The roots of the deal trace back to June, when the leaders signed a treaty.", "June", "2024-06")]
    [InlineData("In August, Ukraine launched an incursion.", "August", "2024-08")]
    [InlineData("The fighting began in December.", "December", "2023-12")]
    [InlineData("The summit will be held in March.", "March", "2025-03")]
    [InlineData("The plant closed in June 2024.", "June 2024", "2024-06")]
    [InlineData("Sales fell last September.", "last September", "2024-09")]
    [InlineData("Sales fell last December.", "last December", "2023-12")]
    public void Months(string text, string words, string value) => Expect(text, words, TimexType.DATE, value);

    [Theory]
    [InlineData("The plant opened in 2019.", "2019", "2019")]
    [InlineData("He was appointed earlier this year.", "earlier this year", "2024")]
    [InlineData("Sales fell last year.", "last year", "2023")]
    [InlineData("Elections are due next year.", "next year", "2025")]
    [InlineData("The region boomed in the 1990s.", "the 1990s", "199")]
    [InlineData("Output peaked in early 2009.", "early 2009", "2009")]
    [InlineData("Profits fell in the third quarter.", "the third quarter", "2024-Q3")]
    [InlineData("Profits fell in the first quarter of 2009.", "the first quarter of 2009", "2009-Q1")]
    [InlineData("Revenue rose in Q3 2023.", "Q3 2023", "2023-Q3")]
    [InlineData("The dam was built this summer.", "this summer", "2024-SU")]
    [InlineData("The snow was heavy last winter.", "last winter", "2023-WI")]
    [InlineData("The plant will reopen in the spring.", "the spring", "2025-SP")]
    [InlineData("Profit in fiscal 1997 fell.", "fiscal 1997", "FY1997")]
    public void YearsDecadesQuartersSeasons(string text, string words, string value) => Expect(text, words, TimexType.DATE, value);

    [Theory]
    [InlineData("Officials met today.", "today", TimexType.DATE, "2024-11-29")]
    [InlineData("Officials met yesterday.", "yesterday", TimexType.DATE, "2024-11-28")]
    [InlineData("Officials will meet tomorrow.", "tomorrow", TimexType.DATE, "2024-11-30")]
    [InlineData("Officials will meet tonight.", "tonight", TimexType.TIME, "2024-11-29TNI")]
    [InlineData("Officials met this week.", "this week", TimexType.DATE, "2024-W48")]
    [InlineData("Officials met last week.", "last week", TimexType.DATE, "2024-W47")]
    [InlineData("Officials will meet next week.", "next week", TimexType.DATE, "2024-W49")]
    [InlineData("Officials met this month.", "this month", TimexType.DATE, "2024-11")]
    [InlineData("Officials met last month.", "last month", TimexType.DATE, "2024-10")]
    [InlineData("Officials will meet next month.", "next month", TimexType.DATE, "2024-12")]
    [InlineData("Officials met earlier this month.", "earlier this month", TimexType.DATE, "2024-11")]
    [InlineData("Officials met this year.", "this year", TimexType.DATE, "2024")]
    [InlineData("The talks resumed two days later.", "two days later", TimexType.DATE, "2024-12-01")]
    [InlineData("The talks collapsed three weeks ago.", "three weeks ago", TimexType.DATE, "2024-W45")]
    [InlineData("Officials met last night.", "last night", TimexType.TIME, "2024-11-28TNI")]
    [InlineData("Protesters gathered over the weekend.", "the weekend", TimexType.DATE, "2024-W47-WE")]
    [InlineData("Protesters will gather over the weekend.", "the weekend", TimexType.DATE, "2024-W48-WE")]
    public void RelativeDates(string text, string words, TimexType type, string value) => Expect(text, words, type, value);

    [Theory]
    [InlineData("The war has lasted three years.", "three years", "P3Y")]
    [InlineData("They agreed a 90-day ceasefire.", "90-day", "P90D")]
    [InlineData("The troops trained for two weeks.", "two weeks", "P2W")]
    [InlineData("The talks lasted two hours.", "two hours", "PT2H")]
    [InlineData("He spent nearly five months in jail.", "nearly five months", "P5M")]
    [InlineData("He has led the party for more than a decade.", "more than a decade", "P10Y")]
    [InlineData("The index fell for six straight days.", "six straight days", "P6D")]
    public void Durations(string text, string words, string value) => Expect(text, words, TimexType.DURATION, value);

    [Theory]
    [InlineData("The market closed at 4:59 PM.", "4:59 PM", "2024-11-29T16:59")]
    [InlineData("The market closed at 4 p.m. on Tuesday.", "4 p.m.", "2024-11-26T16:00")]
    [InlineData("The talks started at noon.", "noon", "2024-11-29T12:00")]
    [InlineData("The plane took off at 08:30 UTC.", "08:30 UTC", "2024-11-29T08:30Z")]
    [InlineData("The minister spoke this morning.", "this morning", "2024-11-29TMO")]
    [InlineData("The minister spoke Friday morning.", "Friday morning", "2024-11-29TMO")]
    public void Times(string text, string words, string value) => Expect(text, words, TimexType.TIME, value);

    [Theory]
    [InlineData("The festival is held every year.", "every year", "P1Y")]
    [InlineData("The paper is published weekly.", "weekly", "P1W")]
    [InlineData("The council meets each Monday.", "each Monday", "XXXX-WXX-1")]
    [InlineData("Inspectors visit every two weeks.", "every two weeks", "P2W")]
    [InlineData("The board meets twice a week.", "twice a week", "P1W")]
    [InlineData("Prices are reviewed three times a year.", "three times a year", "P1Y")]
    public void Sets(string text, string words, string value) => Expect(text, words, TimexType.SET, value);

    [Theory]
    [InlineData("The army is now in control.", "now", "PRESENT_REF")]
    [InlineData("He is currently in Moscow.", "currently", "PRESENT_REF")]
    [InlineData("He recently visited Moscow.", "recently", "PAST_REF")]
    [InlineData("Such deals failed in the past.", "the past", "PAST_REF")]
    [InlineData("Such deals may follow in the future.", "the future", "FUTURE_REF")]
    public void PresentPastAndFutureReferences(string text, string words, string value) => Expect(text, words, TimexType.DATE, value);

    [Fact]
    public void ReferencesReanchorAsPureFunctions()
    {
        const string text = "He arrived on Tuesday, said last year's deal stands, and will return in June.";
        var times = Tag(text, Dct);
        var later = new DateOnly(2025, 7, 10);
        Assert.Equal("2024-11-26", Find(text, times, "Tuesday").Value);
        Assert.Equal("2025-07-08", Find(text, times, "Tuesday").Reference.Resolve(later));
        Assert.Equal("2024", Find(text, times, "last year").Reference.Resolve(later));
        Assert.Equal("2026-06", Find(text, times, "June").Reference.Resolve(later));
        // Resolving again with the first anchor gives the first values back.
        Assert.All(times, t => Assert.Equal(t.Value, t.Reference.Resolve(Dct)));
    }

    [Fact]
    public void NextDayCountsFromTheStorysLastDay()
    {
        const string text = "The envoy landed on Nov. 20. The next day he met the president. Talks ended two days later.";
        var times = Tag(text, Dct);
        Assert.Equal("2024-11-21", Find(text, times, "The next day").Value);
        Assert.Equal("2024-11-23", Find(text, times, "two days later").Value);
        // Re-anchored to another year, the chain follows the placed date.
        Assert.Equal("2025-11-21", Find(text, times, "The next day").Reference.Resolve(new DateOnly(2025, 11, 25)));
        Assert.Equal("2024-11-30", Find("He left the next day.", Tag("He left the next day.", Dct), "the next day").Value);
    }

    [Fact]
    public void WeeksMonthsAndYearsCountFromTheStorysLastTimeOfThatGrain()
    {
        const string text = "The rebels seized the town on March 3, 2021. The army returned the same day. A week later, talks began. "
                            + "That year, the economy shrank. The following month, elections were called.";
        var times = Tag(text, Dct);
        Assert.Equal("2021-03-03", Find(text, times, "the same day").Value);
        Assert.Equal("2021-W10", Find(text, times, "A week later").Value);
        Assert.Equal("2021", Find(text, times, "That year").Value);
        Assert.Equal("2021-04", Find(text, times, "The following month").Value);

        const string war = "The war began in 2014. Two years later, a truce was signed. By the end of that year, fighting resumed.";
        var warTimes = Tag(war, Dct);
        Assert.Equal("2016", Find(war, warTimes, "Two years later").Value);
        Assert.Equal("2016", Find(war, warTimes, "the end of that year").Value);
    }

    [Fact]
    public void CountingNeedsATimeFineEnoughElseTheAnchorIsUsed()
    {
        // A year cannot place "the next day" or "a week later": they count from the document date.
        const string text = "The plant opened in 2019. The next day it closed. A week later it reopened.";
        var times = Tag(text, Dct);
        Assert.Equal("2024-11-30", Find(text, times, "The next day").Value);
        Assert.Equal("2024-W49", Find(text, times, "A week later").Value);
        // "next month" without "the" is counted from today, whatever the story named before.
        const string plain = "Talks opened on March 3, 2021. Next month the firm will list its shares.";
        Assert.Equal("2024-12", Find(plain, Tag(plain, Dct), "Next month").Value);
        // "ago" counts from the document date, never from the story's time.
        const string ago = "The town fell in 2014. Three years ago it was rebuilt.";
        Assert.Equal("2021", Find(ago, Tag(ago, Dct), "Three years ago").Value);
    }

    [Theory]
    [InlineData("Net income for the quarter fell 5%.", "the quarter", TimexType.DATE, "2024-Q4")]
    [InlineData("For the year, sales rose.", "the year", TimexType.DATE, "2024")]
    [InlineData("The firm expects a loss in the current quarter.", "the current quarter", TimexType.DATE, "2024-Q4")]
    [InlineData("In the first nine months, revenue climbed.", "the first nine months", TimexType.DURATION, "P9M")]
    public void ReportingPeriods(string text, string words, TimexType type, string value) => Expect(text, words, type, value);

    [Theory]
    [InlineData("Sales in the year 2000 rose.", "the year")]
    [InlineData("He was named player of the year.", "the year")]
    [InlineData("In the year ended June 30, sales fell.", "the year")]
    public void ThePeriodIsNotTaggedWhenWhatFollowsMakesItSomethingElse(string text, string words)
        => Assert.DoesNotContain(Tag(text, Dct), t => t.Span.Of(text) == words);

    [Fact]
    public void TheSameMonthAYearAgoIsThatMonthOfTheYearBefore()
    {
        const string text = "Sales fell 35% in January, compared to the same month a year ago.";
        var times = Tag(text, new DateOnly(2009, 2, 3));
        Assert.Equal("2008-01", Find(text, times, "the same month a year ago").Value);
    }

    [Theory]
    [InlineData("Retailers said sales were strong on Thanksgiving.", "Thanksgiving", "2012-11-22", 2013, 3, 14)]
    [InlineData("Congress will return after Labor Day.", "Labor Day", "2013-09-02", 2013, 3, 14)]
    [InlineData("The church was full on Easter Sunday.", "Easter Sunday", "2024-03-31", 2024, 11, 29)]
    [InlineData("Markets are closed on Good Friday 2025.", "Good Friday 2025", "2025-04-18", 2024, 11, 29)]
    [InlineData("Parades were held on Memorial Day.", "Memorial Day", "2024-05-27", 2024, 11, 29)]
    [InlineData("He will speak on Martin Luther King Jr. Day.", "Martin Luther King Jr. Day", "2025-01-20", 2024, 11, 29)]
    [InlineData("Stores opened early on Black Friday.", "Black Friday", "2024-11-29", 2024, 11, 30)]
    [InlineData("Voters went to the polls on Election Day.", "Election Day", "2024-11-05", 2024, 11, 29)]
    public void MoveableHolidays(string text, string words, string value, int year, int month, int day)
        => Expect(text, words, TimexType.DATE, value, new DateOnly(year, month, day));

    [Fact]
    public void EasterIslandIsAPlace() => Assert.Empty(Tag("They sailed to Easter Island.", Dct));

    [Theory]
    [InlineData("Shops were busy before Christmas.", "Christmas", "2024-12-25", 2025, 1, 10)]
    [InlineData("The ceasefire will start on New Year's Day.", "New Year's Day", "2025-01-01", 2024, 11, 29)]
    [InlineData("The attack came on Christmas Eve 2023.", "Christmas Eve 2023", "2023-12-24", 2024, 11, 29)]
    public void FixedHolidays(string text, string words, string value, int year, int month, int day)
        => Expect(text, words, TimexType.DATE, value, new DateOnly(year, month, day));

    [Fact]
    public void SeasonWordsThatAreNotSeasons()
    {
        Assert.Empty(Tag("The fall of Kabul shocked the world.", Dct));
        Assert.Empty(Tag("Troops were ready to spring into action.", Dct));
        Expect("Growth returned in spring.", "spring", TimexType.DATE, "2024-SP");
    }

    [Fact]
    public void NumbersThatAreNotTimesAreLeftAlone()
    {
        const string text = "North Korea sent more than 10,000 soldiers and 2000 shells; the score was 3-1 and 12.5% voted.";
        Assert.Empty(Tag(text, Dct));
        Assert.Empty(Tag("The May report said they may go. Sales fell 4 percent.", Dct));
    }

    [Fact]
    public void NeverThrowsAndIsDeterministicOnJunk()
    {
        var random = new Random(7);
        var junk = new string(Enumerable.Range(0, 20000).Select(_ => (char)random.Next(1, 0xD7FF)).ToArray());
        var longLine = string.Concat(Enumerable.Repeat("on Friday in 2019 for 3 days at 4:59 pm the 1990s Nov. 29 ", 20000));
        foreach (var text in new[] { "", " ", "\n\n", junk, longLine, "Nov.", "29", "the", "4:", "'9", "Q", "every" })
        {
            var first = new Dossier.Annotate.TimeTagger().Tag(text, [], [], Dct);
            var second = new Dossier.Annotate.TimeTagger().Tag(text, [], [], Dct);
            Assert.Equal(first, second);
            Assert.All(first, t => Assert.True(t.Span.Start >= 0 && t.Span.End <= text.Length));
        }
        var many = new Dossier.Annotate.TimeTagger().Tag(longLine, [], [], Dct);
        Assert.Equal(20000 * 6, many.Count);
        // Patterns that nest ("the end of" a date, a time "on" a day) stay linear on endless repeats.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var repeat in new[] { "the end of ", "noon on ", "at 4 pm on Friday at noon on ", "early the beginning of " })
            new Dossier.Annotate.TimeTagger().Tag(string.Concat(Enumerable.Repeat(repeat, 200000)), [], [], Dct);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"took {watch.Elapsed}");
    }

    [Fact]
    public void MonthDayReferenceCarriesWhatTheDateFinderNeeds()
    {
        const string text = "The meeting took place on Friday, Nov. 29, in Pyongyang.";
        var md = Assert.IsType<MonthDayTime>(Find(text, Tag(text, null), "Friday, Nov. 29").Reference);
        Assert.Equal((11, 29, DayOfWeek.Friday), (md.Month, md.Day, md.Weekday!.Value));
    }
}
