using Dossier.Annotate;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Annotate.TimeTestText;

namespace Dossier.Tests.Annotate;

/// <summary>The three seed reports of the 29 Nov 2024 visit, read from ../shared at run time.</summary>
public sealed class TimeSeedTests
{
    private static readonly DateOnly Visit = new(2024, 11, 29);

    private static string Seed(string prefix)
    {
        var folder = Path.Combine(SharedFolder(), "corpus", "seeds");
        var file = Directory.GetFiles(folder, prefix + "_*.txt").Single();
        return File.ReadAllText(file);
    }

    private static PublishedDate? DateOf(string text)
        => new ArticleDateFinder(FixedClock.AtDay(new DateOnly(2026, 11, 22))).Find(new Article("s", "seed", text, "h"), Tag(text, null));

    [Fact]
    public void Seed000IsDatedByItsFullDate()
    {
        var date = DateOf(Seed("000"));
        Assert.Equal(new PublishedDate(Visit, DatePrecision.Day, DateSource.TextFullDate, "November 29, 2024"), date);
    }

    [Fact]
    public void Seed002IsDatedByItsWeekdayAndDay()
    {
        var date = DateOf(Seed("002"));
        Assert.Equal(new PublishedDate(Visit, DatePrecision.Day, DateSource.WeekdayMonthDay, "Friday, Nov. 29"), date);
    }

    [Fact]
    public void Seed003HasNoDateOfItsOwn() => Assert.Null(DateOf(Seed("003")));

    [Fact]
    public void MonthsResolveAgainstTheVisit()
    {
        var s000 = Seed("000");
        Assert.Equal("2024-06", Find(s000, Tag(s000, Visit), "June").Value);
        Assert.Equal("2024", Find(s000, Tag(s000, Visit), "earlier this year").Value);
        var s002 = Seed("002");
        Assert.Equal("2024-06", Find(s002, Tag(s002, Visit), "June").Value);
        var s003 = Seed("003");
        Assert.Equal("2024-08", Find(s003, Tag(s003, Visit), "August").Value);
        Assert.Equal("2024-11", Find(s003, Tag(s003, Visit), "earlier this month").Value);
    }

    [Fact]
    public void Seed002SaturdayIsTheDayAfterTheMeeting()
    {
        var text = Seed("002");
        // As the integrator does: tag without a date, infer the date, re-anchor.
        var times = Tag(text, null);
        var date = DateOf(text)!;
        var reanchored = times.Select(t => t.AnchoredTo(date.Date)).ToList();
        Assert.Equal("2024-11-30", Find(text, reanchored, "Saturday").Value);
        Assert.Equal("2024-11-29", Find(text, reanchored, "Friday, Nov. 29").Value);
        Assert.Equal("2024-W48", Find(text, reanchored, "Earlier this week").Value);
    }
}
