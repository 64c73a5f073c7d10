using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>What a figure is about: its amount span, its governing verb's place, and the subject of that verb.</summary>
public sealed class FigureSubjectTests
{
    private static readonly EntityRecognizer Entities = EntityRecognizer.Trained();

    private static FigureMention Only(string text)
    {
        var (sentences, tokens) = FigureTestText.Split(text);
        var mentions = Entities.Recognize(text, sentences, tokens);
        var figures = new FigureRecognizer().Recognize(text, sentences, tokens, mentions);
        Assert.True(figures.Count == 1, $"expected one figure, got: {string.Join(" | ", figures.Select(f => f.Span.Of(text)))}");
        return figures[0];
    }

    [Theory]
    [InlineData("North Korea has sent approximately 12,000 troops to Russia.", "North Korea", "sent")]
    [InlineData("Pyongyang has reportedly sent more than 10,000 soldiers.", "Pyongyang", "sent")]
    [InlineData("The flood killed at least 40 people in the valley.", "flood", "killed")]
    [InlineData("Toyota plans to cut 5,000 jobs next year.", "Toyota", "cut")]
    [InlineData("About 3,000 soldiers were deployed by France on Sunday.", "France", "deployed")]
    [InlineData("It sold 2 million phones.", "It", "sold")]
    public void The_subject_of_the_governing_verb_is_found(string text, string subject, string verb)
    {
        var f = Only(text);
        Assert.Equal(verb, f.VerbSpan?.Of(text));
        Assert.Equal(subject, f.SubjectSpan?.Of(text));
    }

    [Fact]
    public void A_reporting_verb_gives_way_to_the_verb_the_figure_is_subject_of()
    {
        const string text = "Ukraine said nearly 11,000 soldiers crossed the border.";
        Assert.Equal("crossed", Only(text).VerbSpan?.Of(text));
    }

    [Theory]
    [InlineData("Officials said there were 200 cases.")]
    [InlineData("The report, which counted 40 victims, was published.")]
    public void No_subject_is_made_up(string text)
    {
        var f = Only(text);
        Assert.Null(f.SubjectSpan);
    }

    [Theory]
    [InlineData("Pyongyang has sent more than 10,000 soldiers to Russia.", "more than 10,000")]
    [InlineData("The deal is worth about $2.3bn.", "about $2.3bn")]
    [InlineData("Unemployment rose to 5.4 percent.", "5.4 percent")]
    [InlineData("The plant employs between 1,200 and 1,500 miners.", "between 1,200 and 1,500")]
    public void The_amount_span_leaves_out_the_counted_noun(string text, string amount)
        => Assert.Equal(amount, Only(text).AmountSpan?.Of(text));

    [Fact]
    public void Number_words_joined_by_and_are_two_ends_of_a_range_unless_a_hundred_comes_first()
    {
        var range = Only("Shares fell between three and seven percent.");
        Assert.Equal((3.0, 7.0), (range.Low!.Value, range.High!.Value));
        var compound = Only("The ship carried one hundred and five sailors.");
        Assert.Equal(105.0, compound.Low);
    }

    [Fact]
    public void A_vague_amount_of_a_currency_is_money()
    {
        var f = Only("The rescue cost billions of dollars.");
        Assert.Equal(FigureKind.Money, f.Kind);
        Assert.Equal("USD", f.Unit);
        Assert.Null(f.High);
    }

    [Fact]
    public void Cents_are_money_compared_only_with_cents()
    {
        var f = Only("The bank lost 26 cents a share.");
        Assert.Equal(FigureKind.Money, f.Kind);
        Assert.Equal(26.0, f.Low);
        Assert.Equal("cent", f.Unit);
    }
}
