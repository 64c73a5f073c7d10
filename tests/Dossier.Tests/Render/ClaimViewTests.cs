using Dossier.Model;
using Dossier.Render;
using Xunit;

namespace Dossier.Tests.Render;

/// <summary>How claims read on the page: excerpts marked as such, and a passage not shown twice for one source.</summary>
public sealed class ClaimViewTests
{
    private static StoryClaim Claim(string text, string article, int start)
        => new(text, ClaimStatus.SingleSource, "s", "Someone", "do", null, null, null, null,
            [new ClaimSource(article, new TextSpan(start, text.Length), null, null, false)]) { IndependentSources = 1 };

    [Theory]
    [InlineData("The mayor closed the bridge.", "The mayor closed the bridge.")]
    [InlineData("returned Thursday evening, gunned down two women.", "\u2026returned Thursday evening, gunned down two women.")]
    [InlineData("The mayor said he was on the third floor when the sound of the shots", "The mayor said he was on the third floor when the sound of the shots\u2026")]
    [InlineData("then shot the three victims", "\u2026then shot the three victims\u2026")]
    public void A_clause_cut_from_a_sentence_is_marked_as_an_excerpt(string text, string shown)
        => Assert.Equal(shown, ClaimView.Display(Claim(text, "a", 0)));

    [Fact]
    public void A_passage_inside_another_of_the_same_source_is_shown_once()
    {
        var whole = Claim("then shot the three victims, according to police, on the third floor", "a", 10);
        var part = Claim("according to police, on the third floor", "a", 39);
        var other = Claim("The plant reopened on Monday.", "a", 200);
        var story = new StoryReport("s", "h", ["a", "b"], [], [], [], [], [], [])
        {
            Claims = [whole, part, other],
            Coverage = [new SourceCoverage("a", [0, 1, 2], [])],
        };
        var only = Assert.Single(ClaimView.OnlyIn(story)).Only;
        Assert.Equal([whole, other], only);
    }
}
