using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class TextTokenizerTests
{
    private static string[] Tokens(string text)
    {
        var list = new List<Token>();
        new Tokenizer().Tokenize(text, new TextSpan(0, text.Length), list);
        return [.. list.Select(t => text.Substring(t.Start, t.Length))];
    }

    [Theory]
    [InlineData("No Kwang-chol didn't go.", "No|Kwang-chol|didn't|go|.")]
    [InlineData("Russia's war and Pyongyang’s support", "Russia|'s|war|and|Pyongyang|’s|support")]
    [InlineData("the soldiers' pay", "the|soldiers|'|pay")]
    [InlineData("more than 10,000 troops, 1.5% growth on 2024-11-29.", "more|than|10,000|troops|,|1.5|%|growth|on|2024-11-29|.")]
    [InlineData("$5bn or €3 and ¥100", "$|5|bn|or|€|3|and|¥|100")]
    [InlineData("the 5th time in the 1990s, 10km away", "the|5th|time|in|the|1990s|,|10|km|away")]
    [InlineData("The U.S. and Mr. Lee met on Nov. 29.", "The|U.S.|and|Mr.|Lee|met|on|Nov.|29|.")]
    [InlineData("J. K. Rowling, e.g. here, at 5 a.m. sharp", "J.|K.|Rowling|,|e.g.|here|,|at|5|a.m.|sharp")]
    [InlineData("“Go,” he said. \"No!\"", "“|Go|,|”|he|said|.|\"|No|!|\"")]
    [InlineData("Wait... what? (yes) [no] a/b", "Wait|...|what|?|(|yes|)|[|no|]|a|/|b")]
    [InlineData("at No. 10 and said no.", "at|No.|10|and|said|no|.")]
    [InlineData("visit example.com today", "visit|example|.|com|today")]
    [InlineData("COVID-19 and F-16s and G7", "COVID-19|and|F-16s|and|G7")]
    [InlineData("U.S.-led forces", "U.S.|-|led|forces")]
    [InlineData("It ended.", "It|ended|.")]
    public void SplitsAtTheExpectedBoundaries(string text, string expected)
        => Assert.Equal(expected.Split('|'), Tokens(text));

    [Fact]
    public void StaysInsideTheRangeAndAppends()
    {
        var text = "Alpha beta. Gamma delta.";
        var list = new List<Token> { new(0, 5) };
        new Tokenizer().Tokenize(text, new TextSpan(12, 6), list);
        Assert.Equal([new Token(0, 5), new Token(12, 5)], list);
    }

    [Fact]
    public void HandlesJunkWithoutThrowing()
    {
        var junk = new string(Enumerable.Range(0, 5000).Select(i => (char)((i * 7919) % 0xFFFF)).ToArray());
        var list = new List<Token>();
        new Tokenizer().Tokenize(junk, new TextSpan(0, junk.Length), list);
        Assert.All(list, t => Assert.True(t.Length > 0 && t.End <= junk.Length));
        for (var i = 1; i < list.Count; i++) Assert.True(list[i].Start >= list[i - 1].End);
    }
}
