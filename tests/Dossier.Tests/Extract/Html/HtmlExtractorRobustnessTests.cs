using Xunit;
using System.Text;
using Dossier.Extract.Html;
using Dossier.Ingest;

namespace Dossier.Tests.Extract.Html;

/// <summary>Hostile pages through the whole HTML path (parse, metadata, main content): an answer, never a crash.</summary>
public sealed class HtmlExtractorRobustnessTests
{
    private static readonly HtmlExtractor Extractor = new(FixedClock.AtDay(new DateOnly(2026, 11, 22)));

    private static Dossier.Model.Article Extract(string html, string? url = null)
        => Extractor.Extract(new SourceDocument("page", "page.html", "html", html) { Hints = new SourceHints { Url = url } });

    [Theory]
    [InlineData("div")]
    [InlineData("span")]
    [InlineData("table")]
    [InlineData("b")]
    public void Nesting_a_hundred_thousand_elements_deep_does_not_overflow_the_stack(string tag)
    {
        const int depth = 100_000;
        var html = new StringBuilder("<html><body>");
        for (var i = 0; i < depth; i++) html.Append('<').Append(tag).Append('>');
        html.Append("<p>A sentence deep inside the page that is long enough to be taken as the article body by anyone.</p>");
        for (var i = 0; i < depth; i++) html.Append("</").Append(tag).Append('>');
        html.Append("</body></html>");
        var article = Extract(html.ToString());
        Assert.NotNull(article.Text);
    }

    [Fact]
    public void Unclosed_and_misnested_tags_still_give_the_paragraphs()
    {
        var article = Extract("<html><body><div><p>The first paragraph of the story has enough words to count as text here.<p>The second paragraph <b>opens <i>bold</b> text</i> and keeps going for a while longer.</div></span></body>");
        Assert.Contains("The first paragraph of the story", article.Text);
        Assert.Contains("keeps going for a while longer", article.Text);
    }

    [Fact]
    public void A_page_of_many_megabytes_is_read()
    {
        var html = new StringBuilder("<html><head><title>Big page</title></head><body><article>");
        var paragraph = "<p>Officials said the river rose by two metres overnight, flooding the lower town and closing the main road north.</p>\n";
        while (html.Length < 20_000_000) html.Append(paragraph);
        html.Append("</article></body></html>");
        var article = Extract(html.ToString());
        Assert.Contains("the river rose by two metres", article.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("just some text without any markup at all")]
    [InlineData("<html>")]
    [InlineData("<!doctype html><html><head></head><body></body></html>")]
    [InlineData("<script>var x = '<p>not text</p>';</script>")]
    public void Empty_and_odd_pages_give_an_article_without_throwing(string html)
    {
        var article = Extract(html);
        Assert.DoesNotContain("not text", article.Text);
    }

    [Fact]
    public void A_fragment_without_paragraphs_is_its_own_body()
    {
        var article = Extract("Crews walked out on Friday, <b>halting all crossings</b> between the islands and the mainland.");
        Assert.Equal("Crews walked out on Friday, halting all crossings between the islands and the mainland.", article.Text);
    }

    [Fact]
    public void Blocks_are_spans_into_the_text()
    {
        var article = Extract("<html><body><article><h2>Heading of part</h2><p>A paragraph of the article with a number of plain words in it.</p><ul><li>One item of the list</li><li>Another item of it</li></ul></article></body></html>");
        foreach (var block in article.Blocks)
        {
            Assert.InRange(block.Span.Start, 0, article.Text.Length);
            Assert.InRange(block.Span.End, block.Span.Start, article.Text.Length);
        }
    }
}
