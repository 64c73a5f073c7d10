using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class FigureRecognizerTests
{
    private static IReadOnlyList<FigureMention> Find(string text)
    {
        var (sentences, tokens) = FigureTestText.Split(text);
        return new FigureRecognizer().Recognize(text, sentences, tokens);
    }

    private static FigureMention Only(string text)
    {
        var figures = Find(text);
        Assert.True(figures.Count == 1, $"expected one figure, got: {string.Join(" | ", figures.Select(f => f.Span.Of(text)))}");
        return figures[0];
    }

    [Theory]
    [InlineData("The army moved 4,500 tanks north.", 4500.0, "tanks", "tank")]
    [InlineData("Officials counted 2.5 million voters.", 2500000.0, "voters", "voter")]
    [InlineData("The club signed twelve players.", 12.0, "players", "player")]
    [InlineData("Rescuers found two hundred survivors.", 200.0, "survivors", "survivor")]
    [InlineData("The city planted ten thousand trees.", 10000.0, "trees", "tree")]
    [InlineData("The firm built a dozen factories.", 12.0, "factories", "factory")]
    [InlineData("The fund reached half a million donors.", 500000.0, "donors", "donor")]
    [InlineData("A 3,400-strong contingent arrived.", 3400.0, "contingent", "contingent")]
    [InlineData("The port handled 40k containers.", 40000.0, "containers", "container")]
    [InlineData("The region lost twenty-five schools.", 25.0, "schools", "school")]
    public void Reads_exact_counts_and_their_nouns(string text, double value, string unit, string unitClass)
    {
        var f = Only(text);
        Assert.Equal(FigureKind.Count, f.Kind);
        Assert.Equal(value, f.Low);
        Assert.Equal(value, f.High);
        Assert.False(f.Approximate);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(unitClass, f.UnitClass);
        Assert.Equal(unit, f.UnitSpan!.Value.Of(text));
    }

    [Theory]
    [InlineData("Thousands of residents fled the fires.", 2000.0, "residents", "people")]
    [InlineData("Dozens of sailors were rescued.", 24.0, "sailors", "military personnel")]
    [InlineData("Hundreds of homes burned.", 200.0, "homes", "home")]
    [InlineData("Tens of thousands of marchers filled the square.", 20000.0, "marchers", "marcher")]
    public void Vague_plurals_are_open_approximate_intervals(string text, double low, string unit, string unitClass)
    {
        var f = Only(text);
        Assert.Equal(low, f.Low);
        Assert.Null(f.High);
        Assert.True(f.Approximate);
        Assert.Equal(unit, f.Unit);
        Assert.Equal(unitClass, f.UnitClass);
    }

    [Theory]
    [InlineData("The rebels claim more than 3,000 fighters.", 3000.0, null, false)]
    [InlineData("Ankara has over 800 engineers there.", 800.0, null, false)]
    [InlineData("The bank employs in excess of 9,000 clerks.", 9000.0, null, false)]
    [InlineData("The camp holds upwards of 600 migrants.", 600.0, null, false)]
    [InlineData("The strike involves at least 70 pilots.", 70.0, null, false)]
    [InlineData("The law covers no fewer than 15 agencies.", 15.0, null, false)]
    [InlineData("The survey reached fewer than 300 farmers.", null, 300.0, false)]
    [InlineData("The village has under 90 houses.", null, 90.0, false)]
    [InlineData("The ferry carries up to 1,800 passengers.", null, 1800.0, false)]
    [InlineData("The march drew as many as 50,000 protesters.", null, 50000.0, false)]
    [InlineData("The hospital treated nearly 400 patients.", 360.0, 400.0, true)]
    [InlineData("The blaze destroyed almost 1,000 hectares.", 900.0, 1000.0, true)]
    [InlineData("The team recruited about 250 volunteers.", 250.0, 250.0, true)]
    [InlineData("Around 7,000 workers went on strike.", 7000.0, 7000.0, true)]
    [InlineData("The navy sent roughly 40 ships.", 40.0, 40.0, true)]
    [InlineData("Some 12,500 pupils missed classes.", 12500.0, 12500.0, true)]
    [InlineData("An estimated 3,000 cattle drowned.", 3000.0, 3000.0, true)]
    [InlineData("The rally drew ~800 supporters.", 800.0, 800.0, true)]
    public void Bounds_and_approximators_shape_the_interval(string text, double? low, double? high, bool approximate)
    {
        var f = Only(text);
        Assert.Equal(low, f.Low);
        Assert.Equal(high, f.High);
        Assert.Equal(approximate, f.Approximate);
    }

    [Fact]
    public void The_span_covers_the_approximator_and_the_noun()
    {
        const string text = "The ministry said it had sent more than 5,000 medics to the border.";
        var f = Only(text);
        Assert.Equal("more than 5,000 medics", f.Span.Of(text));
        Assert.Equal("send", f.Verb);
    }

    [Theory]
    [InlineData("The plant employs 1,200-1,500 miners.", 1200.0, 1500.0)]
    [InlineData("The plant employs 1,200–1,500 miners.", 1200.0, 1500.0)]
    [InlineData("The plant employs 1,200 to 1,500 miners.", 1200.0, 1500.0)]
    [InlineData("The plant employs between 1,200 and 1,500 miners.", 1200.0, 1500.0)]
    [InlineData("The storm cut power to 2 to 3 million homes.", 2000000.0, 3000000.0)]
    public void Ranges_are_closed_intervals(string text, double low, double high)
    {
        var f = Only(text);
        Assert.Equal(low, f.Low);
        Assert.Equal(high, f.High);
        Assert.Equal("miners", text.Contains("miners") ? f.Unit : "miners");
    }

    [Theory]
    [InlineData("Inflation rose to 5%.", 5.0)]
    [InlineData("Inflation rose to 5.4 percent.", 5.4)]
    [InlineData("Inflation rose to five per cent.", 5.0)]
    public void Percentages(string text, double value)
    {
        var f = Only(text);
        Assert.Equal(FigureKind.Percent, f.Kind);
        Assert.Equal(value, f.Low);
        Assert.Equal("%", f.Unit);
        Assert.Equal("%", f.UnitClass);
        Assert.Equal("rise", f.Verb);
    }

    [Theory]
    [InlineData("The deal is worth $2.3bn.", 2.3e9, "USD")]
    [InlineData("The deal is worth US$4 million.", 4e6, "USD")]
    [InlineData("The deal is worth €750m.", 7.5e8, "EUR")]
    [InlineData("The deal is worth £1.2 billion.", 1.2e9, "GBP")]
    [InlineData("The deal is worth ¥300 billion.", 3e11, "JPY")]
    [InlineData("The deal is worth USD 15 million.", 1.5e7, "USD")]
    [InlineData("The deal is worth 40 billion rubles.", 4e10, "RUB")]
    [InlineData("The deal is worth 2.5 trillion won.", 2.5e12, "KRW")]
    [InlineData("The deal is worth 8 billion yuan.", 8e9, "CNY")]
    [InlineData("The deal is worth 90 million euros.", 9e7, "EUR")]
    [InlineData("The deal is worth 300 dollars.", 300.0, "USD")]
    public void Money_gets_an_iso_code_and_scale(string text, double value, string code)
    {
        var f = Only(text);
        Assert.Equal(FigureKind.Money, f.Kind);
        Assert.Equal(value, f.Low!.Value, 3);
        Assert.Equal(code, f.Unit);
        Assert.Equal(code, f.UnitClass);
    }

    [Fact]
    public void Money_with_an_approximator_and_a_range()
    {
        const string text = "Losses reached between $2bn and $3bn last year.";
        var f = Only(text);
        Assert.Equal(2e9, f.Low);
        Assert.Equal(3e9, f.High);
        Assert.Equal(FigureKind.Money, f.Kind);
    }

    [Theory]
    [InlineData("Officials said 6,000 servicemen took part.", "military personnel")]
    [InlineData("Officials said 6,000 troops took part.", "military personnel")]
    [InlineData("Officials said 6,000 personnel took part.", "military personnel")]
    [InlineData("Officials said 6,000 civilians took part.", "people")]
    [InlineData("Officials said 6,000 people took part.", "people")]
    [InlineData("Officials reported 60 fatalities.", "deaths")]
    [InlineData("Officials reported 60 wounded.", "injured")]
    [InlineData("Officials reported 60 casualties.", "casualties")]
    public void Unit_classes_group_words_for_the_same_thing(string text, string unitClass)
        => Assert.Equal(unitClass, Only(text).UnitClass);

    [Fact]
    public void Skips_adjectives_and_nationalities_before_the_noun()
    {
        const string text = "Seoul said 3,000 South Korean engineers would go.";
        var f = Only(text);
        Assert.Equal("engineers", f.Unit);
        Assert.Equal("3,000 South Korean engineers", f.Span.Of(text));
    }

    [Theory]
    [InlineData("The quake killed 14 villagers.", "kill")]
    [InlineData("Officials are evacuating 9,000 residents.", "evacuate")]
    [InlineData("The bank has given 300 loans.", "give")]
    [InlineData("Police arrested 45 protesters.", "arrest")]
    [InlineData("The company hired over 700 engineers.", "hire")]
    [InlineData("Some 2,000 marines were deployed on Tuesday.", "deploy")]
    [InlineData("Roughly 300 hostages have been freed.", "free")]
    [InlineData("The group took 12 hostages.", "take")]
    [InlineData("France will send 1,500 instructors.", "send")]
    public void Finds_the_governing_verb(string text, string verb) => Assert.Equal(verb, Only(text).Verb);

    [Theory]
    [InlineData("The talks began in 2019 and stalled.")]
    [InlineData("The reform was 2024's main story.")]
    [InlineData("The vote is set for Nov. 29 in the capital.")]
    [InlineData("The vote is set for 29 November in the capital.")]
    [InlineData("The vote is set for March 3, 2027.")]
    [InlineData("The session opened at 4:59 in the afternoon.")]
    [InlineData("The session opened at 9 a.m. sharp.")]
    [InlineData("She finished 3rd in the race.")]
    [InlineData("Leaders of the G7 met in Rome.")]
    [InlineData("The air force wants more F-16 jets.")]
    [InlineData("The COVID-19 pandemic hurt trade.")]
    [InlineData("The council passed Resolution 2231 unanimously.")]
    [InlineData("See page 12 for the details.")]
    [InlineData("Call 555-010-2368 for tickets.")]
    [InlineData("Call +44 20 for tickets.")]
    [InlineData("One of the guards was arrested.")]
    [InlineData("The one thing they agreed on was delay.")]
    [InlineData("Two of them declined to comment.")]
    [InlineData("Prices rose in the 1990s.")]
    [InlineData("The match ended 3-1 after extra time.")]
    [InlineData("Call 745-4811 for tickets.")]
    [InlineData("Jane Smith, 39, runs the shop.")]
    [InlineData("The race took 4 mins longer.")]
    public void Not_figures(string text)
    {
        var figures = Find(text);
        Assert.True(figures.Count == 0, $"unexpected: {string.Join(" | ", figures.Select(f => f.Span.Of(text)))}");
    }

    [Fact]
    public void Several_figures_in_one_sentence_keep_their_own_bounds()
    {
        const string text = "The flood killed at least 40 people and left about 3,000 families homeless.";
        var figures = Find(text);
        Assert.Equal(2, figures.Count);
        Assert.Equal((40.0, (double?)null), (figures[0].Low!.Value, figures[0].High));
        Assert.Equal("people", figures[0].UnitClass);
        Assert.Equal("kill", figures[0].Verb);
        Assert.True(figures[1].Approximate);
        Assert.Equal("family", figures[1].UnitClass);
        Assert.Equal("leave", figures[1].Verb);
    }

    [Theory]
    [InlineData("The carrier ordered 40 Airbus A350 jets.", 40.0, "jets")]
    [InlineData("The carrier ordered nine Rolls-Royce Trent 700 engines.", 9.0, "engines")]
    [InlineData("The carrier ordered 12 737s last year.", 12.0, "737s")]
    [InlineData("The carrier ordered 30 aircraft.", 30.0, "aircraft")]
    public void Model_names_inside_the_noun_phrase_are_stepped_over(string text, double value, string unit)
    {
        var f = Only(text);
        Assert.Equal(value, f.Low);
        Assert.Equal(unit, f.Unit);
        Assert.Equal("order", f.Verb);
    }

    [Theory]
    [InlineData("The pipeline runs 640km to the coast.", 640.0, "km")]
    [InlineData("The phone stores 64GB of music.", 64.0, "GB")]
    [InlineData("The lake is 12 metres deep.", 12.0, "metres")]
    public void Measures_are_quantities(string text, double value, string unit)
    {
        var f = Only(text);
        Assert.Equal(FigureKind.Quantity, f.Kind);
        Assert.Equal(value, f.Low);
        Assert.Equal(unit, f.Unit);
    }

    [Theory]
    [InlineData("The strike lasted three weeks.")]
    [InlineData("They signed a 25-year lease.")]
    [InlineData("The airline flies the 787 to Lima.")]
    [InlineData("Sales of the iPhone 4 slowed.")]
    [InlineData("Operators rolled out 5G in the capital.")]
    [InlineData("The agent was known as 007 in the files.")]
    [InlineData("The minister made one visit to the plant.")]
    public void Durations_models_and_single_items_are_not_figures(string text)
    {
        var figures = Find(text);
        Assert.True(figures.Count == 0, $"unexpected: {string.Join(" | ", figures.Select(f => f.Span.Of(text)))}");
    }

    [Fact]
    public void Decimals_are_exact() => Assert.Equal(1.75, Only("Shares closed at $1.75 on Friday.").Low);

    [Fact]
    public void A_year_with_a_count_noun_is_a_count()
    {
        var f = Only("Some 2000 volunteers signed up.");
        Assert.Equal(2000.0, f.Low);
        Assert.Equal("volunteers", f.Unit);
    }

    [Fact]
    public void Never_throws_on_junk_and_is_deterministic()
    {
        var rng = new Random(7);
        var chars = "0123456789 ,.-$%€abcMk\n\"“”'".ToCharArray();
        for (var round = 0; round < 200; round++)
        {
            var junk = new string(Enumerable.Range(0, rng.Next(0, 300)).Select(_ => chars[rng.Next(chars.Length)]).ToArray());
            var a = Find(junk);
            var b = Find(junk);
            Assert.Equal(a, b);
            foreach (var f in a) Assert.True(f.Span.Start >= 0 && f.Span.End <= junk.Length);
        }
        Assert.Empty(new FigureRecognizer().Recognize("", [], []));
    }

    [Fact]
    public void Reads_a_long_text_without_sentences_in_linear_time()
    {
        // 580 KB in one run with no sentence breaks, a figure every 30 characters: a generous bound that only quadratic work misses.
        var text = string.Concat(Enumerable.Repeat("officials said 1,200 soldiers and $3bn were sent in 2020 ", 10_000));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var figures = new FigureRecognizer().Recognize(text, [], []);
        sw.Stop();
        Assert.Equal(20_000, figures.Count);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }
}
