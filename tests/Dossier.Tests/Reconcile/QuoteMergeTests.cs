using Dossier.Annotate;
using Dossier.Model;
using Dossier.Reconcile;
using Dossier.Render;
using Xunit;

namespace Dossier.Tests.Reconcile;

/// <summary>Quotes gathered across a story's articles, through the real annotator: one quote however many outlets carry it.</summary>
public sealed class QuoteMergeTests
{
    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(FixedClock.AtDay(new DateOnly(2026, 3, 2)));

    private static AnnotatedArticle Annotate(string id, string text) => Annotator.Annotate(new Article(id, id + ".txt", text, id));

    private static IReadOnlyList<StoryQuote> Collect(params AnnotatedArticle[] articles)
        => new QuoteCollector().Collect(articles, new EntityResolver().Resolve(articles));

    private static string Describe(IReadOnlyList<StoryQuote> quotes)
        => string.Join(" | ", quotes.Select(q => $"{q.SpeakerName}/{q.Kind}/{q.Via}:{q.Text} [{string.Join(",", q.Articles)}]"));

    private static StoryQuote Single(IReadOnlyList<StoryQuote> quotes, string words)
    {
        var found = quotes.Where(q => q.Text.Contains(words, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"not one quote with '{words}': {Describe(quotes)}");
        return found[0];
    }

    // Two outlets: one carries the mayor's words in full, the other cuts the sentence and uses straight marks.
    private const string Harbour1 =
        "The port of Valdemar will close its northern harbour for repairs, Mayor Ines Calloway announced on Monday.\n\n"
        + "\u201CWe cannot keep ships in a harbour whose walls are cracking, and we will not wait for an accident to prove it,\u201D Calloway said at a news conference.\n\n"
        + "Fishing crews will use the southern quay until the work ends in October.";
    private const string Harbour2 =
        "Valdemar's northern harbour is to shut for repairs, its mayor said.\n\n"
        + "Ines Calloway told reporters that the walls were unsafe. \"We cannot keep ships in a harbour whose walls are cracking,\" Calloway said.\n\n"
        + "\u201CThe budget for the quay is already spent,\u201D she added.";

    [Fact]
    public void The_same_words_in_full_and_in_part_from_two_outlets_are_one_quote_with_both_sources()
    {
        var quotes = Collect(Annotate("a1", Harbour1), Annotate("a2", Harbour2));
        var q = Single(quotes, "whose walls are cracking");
        Assert.Contains("will not wait for an accident", q.Text);
        Assert.Equal("a1", q.Article);
        Assert.Equal(["a1", "a2"], q.Articles);
        Assert.Equal(2, q.Sources.Count);
        Assert.Contains("Ines Calloway", q.SpeakerName);
        Assert.NotNull(q.Speaker);
        var second = Assert.Single(q.Sources, s => s.Article == "a2");
        Assert.StartsWith("We cannot keep ships", second.Span.Of(Harbour2));
        Assert.EndsWith("cracking", second.Span.Of(Harbour2).TrimEnd(','));
    }

    [Fact]
    public void Different_quotes_of_one_speaker_stay_apart()
    {
        var quotes = Collect(Annotate("a1", Harbour1), Annotate("a2", Harbour2));
        var walls = Single(quotes, "whose walls are cracking");
        var budget = Single(quotes, "budget for the quay");
        Assert.Equal(walls.Speaker, budget.Speaker);
        Assert.Equal(["a2"], budget.Articles);
    }

    [Fact]
    public void Curly_and_straight_marks_apostrophes_insertions_and_ellipses_do_not_split_a_quote()
    {
        const string one = "Health Minister Rosa Lindqvist spoke in Parliament on Tuesday.\n\n"
            + "\u201CThe clinic\u2019s doors will stay open \u2014 every night of the week \u2014 until the outbreak is over,\u201D Lindqvist said.";
        const string two = "Rosa Lindqvist addressed lawmakers about the outbreak.\n\n"
            + "\"The clinic's doors will stay open - every night of the week ... until the [regional] outbreak is over,\" Lindqvist said.";
        var quotes = Collect(Annotate("b1", one), Annotate("b2", two));
        var q = Single(quotes, "doors will stay open");
        Assert.Equal(["b1", "b2"], q.Articles);
    }

    [Fact]
    public void A_paraphrase_in_reported_speech_does_not_join_a_different_direct_quote()
    {
        const string one = "Rosa Lindqvist visited the hospital in Orsa on Tuesday.\n\n"
            + "\u201CWe have enough beds for the winter and the staff to run them,\u201D Lindqvist said.";
        const string two = "Rosa Lindqvist visited the hospital in Orsa on Tuesday.\n\n"
            + "Lindqvist said that the hospital would need more nurses before the winter.";
        var quotes = Collect(Annotate("c1", one), Annotate("c2", two));
        var direct = Single(quotes, "enough beds");
        var reported = Single(quotes, "more nurses");
        Assert.Equal(["c1"], direct.Articles);
        Assert.Equal(["c2"], reported.Articles);
        Assert.Equal(QuoteKind.Reported, reported.Kind);
    }

    [Fact]
    public void A_title_speaker_resolves_to_the_person_holding_that_title()
    {
        const string text = "Tomasz Wrona, the country\u2019s finance minister, met bankers in Warsaw on Monday. Union leader Ilse Brandt joined the talks later.\n\n"
            + "\u201CThe budget gap will close by the end of next year,\u201D the minister told reporters.";
        var quotes = Collect(Annotate("d1", text));
        var q = Single(quotes, "budget gap");
        Assert.Equal("Tomasz Wrona", q.SpeakerName);
        Assert.Equal("told", q.Cue);
    }

    [Fact]
    public void An_agency_that_relayed_the_words_is_the_via_of_the_merged_quote()
    {
        const string relayed = "Premier Arvid Holm spoke about the drought on state radio.\n\n"
            + "\u201CEvery farm that lost its harvest this summer will be paid for it,\u201D Holm was quoted as saying by Nordpress.";
        const string copied = "Arvid Holm promised help for farmers hit by the drought.\n\n"
            + "\u201CEvery farm that lost its harvest this summer will be paid,\u201D Holm said.";
        var quotes = Collect(Annotate("e1", relayed), Annotate("e2", copied));
        var q = Single(quotes, "lost its harvest");
        Assert.Equal("Nordpress", q.Via);
        Assert.Equal(["e1", "e2"], q.Articles);
        Assert.Equal("Nordpress", Assert.Single(q.Sources, s => s.Article == "e1").Via);
        Assert.Null(Assert.Single(q.Sources, s => s.Article == "e2").Via);
    }

    [Fact]
    public void Merging_is_deterministic_and_every_source_span_holds_the_quoted_words()
    {
        AnnotatedArticle[] articles = [Annotate("a1", Harbour1), Annotate("a2", Harbour2)];
        var first = new JsonRenderer().Render(new Analysis(articles, [Story(articles)], []));
        var second = new JsonRenderer().Render(new Analysis(articles, [Story(articles)], []));
        Assert.Equal(first, second);
        Assert.Contains("\"sources\":", first);
        foreach (var q in Collect(articles))
        {
            var words = QuoteCollector.Words(q.Text, new TextSpan(0, q.Text.Length));
            foreach (var s in q.Sources)
            {
                var carried = QuoteCollector.Words(articles.Single(a => a.Id == s.Article).Text, s.Span);
                Assert.NotEmpty(carried);
                Assert.Contains(carried[0], words);
            }
        }
    }

    [Fact]
    public void Who_said_what_lists_a_merged_quote_once_citing_every_article()
    {
        AnnotatedArticle[] articles = [Annotate("a1", Harbour1), Annotate("a2", Harbour2)];
        var markdown = new MarkdownRenderer().Render(new Analysis(articles, [Story(articles)], []));
        var line = Assert.Single(markdown.Split('\n'), l => l.StartsWith("- ", StringComparison.Ordinal) && l.Contains("whose walls are cracking", StringComparison.Ordinal));
        Assert.Contains("will not wait for an accident", line);
        var labels = Labels.For(["a1", "a2"]);
        Assert.EndsWith($"[{labels["a1"]}] [{labels["a2"]}]", line);
    }

    private static StoryReport Story(IReadOnlyList<AnnotatedArticle> articles)
        => new("s1", "Harbour", [.. articles.Select(a => a.Id)], [], Collect([.. articles]), [], [], [], []);
}
