using Dossier.Annotate;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class TextSentenceSplitterTests
{
    private static readonly SentenceSplitter Splitter = new();

    private static string[] Split(string text) => [.. Splitter.Split(text).Select(s => s.Of(text))];

    [Fact]
    public void SplitsPlainSentences()
        => Assert.Equal(["The rain stopped.", "Crowds returned!", "Was it over?"], Split("The rain stopped. Crowds returned!  Was it over?"));

    [Theory]
    [InlineData("Mr. Smith met Dr. Jones and Gen. Lee on Jan. 5 at the St. James hotel.")]
    [InlineData("The talks, e.g. on trade, and i.e. tariffs, went on vs. the odds.")]
    [InlineData("He lives at No. 10 with Rev. Green and Sgt. Pepper.")]
    [InlineData("Acme Inc. Chairman Lopez and Widget Corp. staff agreed.")]
    [InlineData("The U.S. President met the U.N. envoy in Washington, D.C. on Tuesday.")]
    [InlineData("The novel by J. K. Rowling sold well.")]
    [InlineData("Growth was 1.5 percent, down from 2.25 percent.")]
    [InlineData("He paused... and then went on.")]
    [InlineData("2. Troops will withdraw from the border.")]
    [InlineData("“It is over,” he said.")]
    [InlineData("“Is it over?” she asked.")]
    [InlineData("The deal closed in Sept. 2023 after talks with Acme Co. Chief Lopez.")]
    public void KeepsOneSentence(string text) => Assert.Equal([text], Split(text));

    [Fact]
    public void SplitsAfterClosingQuoteNotInside()
        => Assert.Equal(["He said: “We won. We will win again.”", "Then he left."],
            Split("He said: “We won. We will win again.” Then he left."));

    [Fact]
    public void StraightQuotesBehaveLikeCurlyOnes()
        => Assert.Equal(["She said: \"It rained. It poured.\"", "Then it stopped."],
            Split("She said: \"It rained. It poured.\" Then it stopped."));

    [Fact]
    public void AStrayOpeningQuoteDoesNotSwallowTheParagraph()
        => Assert.Equal(["He said “hello.", "The end came.", "It was late."], Split("He said “hello. The end came. It was late."));

    [Fact]
    public void SplitsAfterAbbreviationBeforeAStrongStarter()
        => Assert.Equal(["He moved to the U.S.", "The next year he left."], Split("He moved to the U.S. The next year he left."));

    [Fact]
    public void AYearBeforeACapitalEndsASentence()
        => Assert.Equal(["The war began in 2022.", "Talks failed."], Split("The war began in 2022. Talks failed."));

    [Fact]
    public void SplitsAfterEtcBeforeAStrongStarter()
        => Assert.Equal(["They sold pens, paper, etc.", "It was busy."], Split("They sold pens, paper, etc. It was busy."));

    [Fact]
    public void ParagraphBreaksAlwaysEndASentence()
        => Assert.Equal(["A headline without a stop", "Mr.", "Body text here"], Split("A headline without a stop\n\nMr.\nBody text here\n"));

    [Fact]
    public void SpansAreTrimmedOrderedAndNeverEmpty()
    {
        var text = "  \n First one.   Second one.\n\n\n  \t Third ";
        var spans = Splitter.Split(text);
        Assert.Equal(["First one.", "Second one.", "Third"], spans.Select(s => s.Of(text)));
        for (var i = 1; i < spans.Count; i++) Assert.True(spans[i].Start >= spans[i - 1].End);
        Assert.Empty(Splitter.Split(""));
        Assert.Empty(Splitter.Split(" \n\t\n "));
    }

    [Fact]
    public void LongLineWithoutPunctuationIsCutAtSpaces()
    {
        var text = string.Concat(Enumerable.Repeat("word ", 1_000_000)); // 5 MB
        var spans = Splitter.Split(text);
        Assert.True(spans.Count > 2000);
        Assert.All(spans, s => Assert.InRange(s.Length, 1, Splitter.MaxSentenceLength));
        Assert.All(spans, s => Assert.False(char.IsWhiteSpace(text[s.Start]) || char.IsWhiteSpace(text[s.End - 1])));
    }

    [Fact]
    public void LongRunWithoutSpacesIsCutHard()
    {
        var text = new string('x', 10_000);
        var spans = Splitter.Split(text);
        Assert.Equal(5, spans.Count);
        Assert.Equal(text.Length, spans.Sum(s => s.Length));
    }

    [Fact]
    public void ManyStrayQuotesStayFast()
    {
        var text = string.Concat(Enumerable.Repeat("“A. B. ", 300_000));
        var spans = Splitter.Split(text);
        Assert.NotEmpty(spans);
    }
}
