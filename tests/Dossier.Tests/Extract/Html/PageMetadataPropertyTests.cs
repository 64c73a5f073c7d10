using CsCheck;
using Dossier.Extract.Html;
using Xunit;

namespace Dossier.Tests.Extract.Html;

public sealed class PageMetadataPropertyTests
{
    private static readonly DateOnly Today = new(2024, 11, 29);

    // Digits, separators, month and label words: the pieces dates and bylines are made of, in any order.
    private static readonly Gen<string> DateLike = Gen.OneOf(
            Gen.String[Gen.Char["0123456789-/.:T+Z ,"], 0, 30],
            Gen.Const("Nov."), Gen.Const("November"), Gen.Const("29th"), Gen.Const("2024"), Gen.Const("ago"), Gen.Const("hours"),
            Gen.Const("Updated"), Gen.Const("Published"), Gen.Const("By"), Gen.Const("and"), Gen.Const("Jane"), Gen.Const("DOE"), Gen.Const("|"))
        .Array[0, 12].Select(parts => string.Join(' ', parts));

    [Fact]
    public void Any_meta_value_or_byline_gives_a_plausible_date_or_none_and_names_without_furniture()
    {
        var reader = new PageMetadataReader(FixedClock.AtDay(Today));
        var parsing = new HtmlParsing();
        DateLike.Sample(text =>
        {
            var encoded = System.Net.WebUtility.HtmlEncode(text);
            var page = reader.Read(parsing.Parse(
                $"""<html><head><meta name="pubdate" content="{encoded}"><meta name="author" content="{encoded}"></head><body><div class="byline">{encoded}</div></body></html>"""),
                "https://example.com/a");
            var dateOk = page.Published is null || (page.Published.Date.Year >= 1995 && page.Published.Date <= Today.AddDays(1));
            var namesOk = page.Authors.Count <= 6 && page.Authors.All(a => a.Length > 0 && !a.Any(char.IsAsciiDigit)
                && !a.StartsWith("By ", StringComparison.OrdinalIgnoreCase) && !a.Contains('|'));
            return dateOk && namesOk;
        }, iter: 2000, threads: 1);
    }
}
