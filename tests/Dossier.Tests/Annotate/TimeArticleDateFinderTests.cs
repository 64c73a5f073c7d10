using Dossier.Annotate;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Annotate.TimeTestText;

namespace Dossier.Tests.Annotate;

public sealed class TimeArticleDateFinderTests
{
    private static PublishedDate? Find(string text, string? url = null, int year = 2026, int month = 11, int day = 22)
    {
        var article = new Article("a", "test", text, "h") { Url = url };
        return new ArticleDateFinder(FixedClock.AtDay(new DateOnly(year, month, day))).Find(article, Tag(text, null));
    }

    [Theory]
    [InlineData("MOSCOW, Nov 29 (Reuters) - Russia's defence minister arrived in Pyongyang.", "2025-11-29")]
    [InlineData("WASHINGTON (AP) — Nov. 29, 2024 — The minister arrived in Pyongyang.", "2024-11-29")]
    [InlineData("SEOUL, South Korea, Dec. 1 (Yonhap) -- Talks began on Friday.", "2025-12-01")]
    public void Dateline(string text, string expected)
    {
        var date = Find(text);
        Assert.NotNull(date);
        Assert.Equal(DateSource.Dateline, date.Source);
        Assert.Equal(expected, date.ToIsoString());
        Assert.False(string.IsNullOrEmpty(date.Evidence));
    }

    [Fact]
    public void DatelineWithoutYearNeverLandsAfterToday()
    {
        var date = Find("MOSCOW, Dec 5 (Reuters) - Talks began.", year: 2026, month: 11, day: 22);
        Assert.Equal("2025-12-05", date!.ToIsoString());
    }

    [Fact]
    public void AnOrdinarySentenceIsNotADateline()
    {
        var date = Find("The meeting took place on Friday, Nov. 29, in Pyongyang.");
        Assert.Equal(DateSource.WeekdayMonthDay, date!.Source);
    }

    [Theory]
    [InlineData("https://example.com/world/2024/11/29/minister-visits/", "2024-11-29")]
    [InlineData("https://example.com/news/20241129/minister-visits", "2024-11-29")]
    [InlineData("https://example.com/news/minister-visits-2024-11-29.html", "2024-11-29")]
    public void UrlDates(string url, string expected)
    {
        var date = Find("The minister arrived on Friday.", url);
        Assert.Equal(DateSource.Url, date!.Source);
        Assert.Equal(expected, date.ToIsoString());
    }

    [Fact]
    public void UrlDatesAfterTodayOrInTheHostAreIgnored()
    {
        Assert.Null(Find("No date here.", "https://example.com/2027/01/05/story"));
        Assert.Null(Find("No date here.", "https://20241129.example.com/story"));
    }

    [Fact]
    public void FirstFullDateInTheText()
    {
        var date = Find("The minister, in office since May 12, 2024, arrived on November 29, 2024, in Pyongyang.");
        Assert.Equal(DateSource.TextFullDate, date!.Source);
        Assert.Equal("2024-05-12", date.ToIsoString());
        Assert.Equal("May 12, 2024", date.Evidence);
    }

    [Fact]
    public void FullDatesAfterTodayAreSkipped()
    {
        var date = Find("The pact runs until January 1, 2030, and was signed on June 19, 2024.");
        Assert.Equal("2024-06-19", date!.ToIsoString());
    }

    [Fact]
    public void WeekdayWithMonthAndDayPinsTheLatestFittingYear()
    {
        var date = Find("The meeting took place on Friday, Nov. 29, in Pyongyang.", year: 2026, month: 11, day: 22);
        Assert.Equal(DateSource.WeekdayMonthDay, date!.Source);
        Assert.Equal("2024-11-29", date.ToIsoString());
        Assert.Equal("Friday, Nov. 29", date.Evidence);
        // In 2030 the latest Friday, Nov. 29 up to today is 2030's own.
        Assert.Equal("2030-11-29", Find("It happened on Friday, Nov. 29.", year: 2030, month: 12, day: 1)!.ToIsoString());
        Assert.Equal("2024-11-29", Find("It happened on Friday, Nov. 29.", year: 2030, month: 11, day: 28)!.ToIsoString());
    }

    [Fact]
    public void AMetadataDateIsKept()
    {
        var known = new PublishedDate(new DateOnly(2024, 12, 1), DatePrecision.Day, DateSource.Metadata);
        const string text = "The meeting took place on November 29, 2024.";
        var article = new Article("a", "test", text, "h") { Published = known };
        Assert.Same(known, new ArticleDateFinder(FixedClock.AtDay(new DateOnly(2026, 11, 22))).Find(article, Tag(text, null)));
    }

    [Fact]
    public void NothingToGoOn()
    {
        Assert.Null(Find("The minister arrived on Friday and met his counterpart earlier this year."));
        Assert.Null(Find(""));
    }
}
