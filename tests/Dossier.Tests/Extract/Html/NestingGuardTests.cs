using System.Text;
using Dossier.Extract.Html;
using Xunit;

namespace Dossier.Tests.Extract.Html;

public sealed class NestingGuardTests
{
    private static string Nested(string tag, int depth, string inner)
    {
        var html = new StringBuilder();
        for (var i = 0; i < depth; i++) html.Append('<').Append(tag).Append(" class=\"x\">");
        html.Append(inner);
        for (var i = 0; i < depth; i++) html.Append("</").Append(tag).Append('>');
        return html.ToString();
    }

    [Fact]
    public void Markup_within_the_limit_is_returned_as_it_is()
    {
        var html = "<html><body>" + Nested("div", 20, "<p>one<p>two<ul><li>a<li>b</ul>") + "</body></html>";
        Assert.Same(html, new NestingGuard(30).Flatten(html));
    }

    [Fact]
    public void Tags_beyond_the_limit_are_dropped_and_their_text_kept()
    {
        var flat = new NestingGuard(10).Flatten(Nested("div", 50, "deep text"));
        Assert.Equal(10, CountOf(flat, "<div"));
        Assert.Equal(10, CountOf(flat, "</div>"));
        Assert.Contains("deep text", flat);
    }

    [Fact]
    public void Unclosed_paragraphs_and_list_items_do_not_count_as_nesting()
    {
        var html = "<div>" + string.Concat(Enumerable.Repeat("<p>a paragraph", 100)) + "<ul>" + string.Concat(Enumerable.Repeat("<li>an item", 100)) + "</ul></div>";
        Assert.Same(html, new NestingGuard(10).Flatten(html));
    }

    [Fact]
    public void Tags_inside_comments_scripts_and_attribute_values_are_not_tags()
    {
        var html = "<div title=\"<div><div><div>\"><!-- <div><div><div><div> --><script>var s = '<div><div><div><div>';</script><textarea><div><div><div></textarea>text</div>";
        Assert.Same(html, new NestingGuard(3).Flatten(html));
    }

    [Fact]
    public void A_hundred_thousand_levels_parse_quickly_once_flattened()
    {
        var document = new HtmlParsing().Parse("<html><body>" + Nested("div", 100_000, "<p>the text</p>") + "</body></html>");
        Assert.Contains("the text", document.Body!.TextContent);
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
