using Dossier.Model;
using Dossier.Render;
using Xunit;

namespace Dossier.Tests.Render;

/// <summary>How claims read on the page: excerpts marked as such, and a passage not shown twice for one source.</summary>
public sealed class ClaimViewTests
{
    private static StoryClaim Claim(string text, string article, int start, bool before = false, bool after = false)
        => new(text, ClaimStatus.SingleSource, "s", "Someone", "do", null, null, null, null,
            [new ClaimSource(article, new TextSpan(start, text.Length), null, null, false)]) { IndependentSources = 1, CutBefore = before, CutAfter = after };

    [Theory]
    [InlineData("The mayor closed the bridge.", false, false, "The mayor closed the bridge.")]
    [InlineData("FBI arrests man over stolen paintings", false, false, "FBI arrests man over stolen paintings")]
    [InlineData("eBay bought the shop.", false, false, "eBay bought the shop.")]
    [InlineData("returned Thursday evening, gunned down two women.", true, false, "\u2026returned Thursday evening, gunned down two women.")]
    [InlineData("then shot the three victims", true, true, "\u2026then shot the three victims\u2026")]
    public void A_clause_cut_from_a_sentence_is_marked_as_an_excerpt(string text, bool before, bool after, string shown)
        => Assert.Equal(shown, ClaimView.Display(Claim(text, "a", 0, before, after)));

    [Fact]
    public void The_aligner_marks_a_clause_cut_from_a_long_sentence_and_not_a_whole_one()
    {
        var annotator = Dossier.Annotate.ArticleAnnotator.CreateDefault(Dossier.FixedClock.AtDay(new DateOnly(2026, 3, 6)));
        const string text = "Harbour news\n\nMarcus Ellery met Ilse Marten in Hamburg.\n"
            + "After a long night of talks about the harbour fees, the dredging of the channel, the pilots' wages and the new cranes that the port had ordered, "
            + "the harbour board, tired and divided, said that Tobias Grune had resigned.";
        var article = annotator.Annotate(new Article("a", "a.txt", text, "a"));
        var report = new Dossier.Reconcile.StoryReconciler().Reconcile(new Story("s", [article])).Report;
        var met = Assert.Single(report.Claims, c => c.Predicate == "meet");
        Assert.False(met.CutBefore || met.CutAfter);
        Assert.Equal("Marcus Ellery met Ilse Marten in Hamburg.", ClaimView.Display(met));
        var resigned = Assert.Single(report.Claims, c => c.Predicate == "resign");
        Assert.True(resigned.CutBefore);
        Assert.StartsWith("\u2026", ClaimView.Display(resigned), StringComparison.Ordinal);
    }

    [Fact]
    public void In_a_chain_of_copies_what_a_copy_adds_stays_under_it_and_what_it_repeats_goes_to_its_origin()
    {
        var wireOnly = Claim("The plant reopened on Monday.", "wire", 0);
        var added = Claim("The union welcomed the move.", "copy1", 100);
        added = added with { Sources = [.. added.Sources, new ClaimSource("copy2", new TextSpan(100, 28), null, null, false)] };
        var repeated = wireOnly with { Sources = [.. wireOnly.Sources, new ClaimSource("copy1", new TextSpan(0, 29), null, null, false), new ClaimSource("copy2", new TextSpan(0, 29), null, null, false)] };
        var story = new StoryReport("s", "h", ["wire", "copy1", "copy2", "other"], [], [], [], [], [], [])
        {
            Claims = [repeated, added],
            Derived = [new DerivedCopy("copy1", "wire", 0.9), new DerivedCopy("copy2", "copy1", 0.9)],
            Coverage = [new SourceCoverage("wire", [0], []), new SourceCoverage("copy1", [0, 1], []), new SourceCoverage("copy2", [0, 1], []), new SourceCoverage("other", [], [])],
        };
        var onlyIn = ClaimView.OnlyIn(story).ToDictionary(o => o.Article, o => o.Only);
        Assert.Equal([repeated], onlyIn["wire"]);
        Assert.Equal([added], onlyIn["copy1"]);
        Assert.False(onlyIn.ContainsKey("copy2")); // nothing of its own and nothing left out: no empty heading
        Assert.False(onlyIn.ContainsKey("other"));
    }

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
