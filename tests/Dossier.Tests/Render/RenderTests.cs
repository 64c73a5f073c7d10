using System.Text.Json;
using Dossier.Model;
using Dossier.Render;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Render;

public sealed class RenderTests
{
    [Fact]
    public void Labels_are_the_unique_prefix_before_an_underscore_else_the_whole_id()
    {
        Assert.Equal("000", Labels.For(["000_abc", "002_def"])["000_abc"]);
        Assert.Equal("x_1", Labels.For(["x_1", "x_2"])["x_1"]);
        Assert.Equal("plain", Labels.For(["plain"])["plain"]);
    }

    [Theory]
    [InlineData("2024-11-29", "29 Nov 2024 (Fri)")]
    [InlineData("2024-06", "Jun 2024")]
    [InlineData("2019", "2019")]
    public void Dates_read_as_a_reader_writes_them(string value, string expected) => Assert.Equal(expected, MarkdownRenderer.FormatDate(value));

    private static Analysis OneStory(string text, string headline, FigureGroup? figure = null)
    {
        var article = new ArticleBuilder("a1", text).Build();
        var brief = new BriefSentence(text, ["a1"], [new Citation("a1", new TextSpan(0, text.Length))]);
        var report = new StoryReport("s1", headline, ["a1"], [], [], figure is null ? [] : [figure], [], [brief], []);
        return new Analysis([article], [report], []);
    }

    [Fact]
    public void Source_text_cannot_inject_markdown_links_or_html()
    {
        var md = new MarkdownRenderer().Render(OneStory("Click [here](javascript:alert(1)) or <script>x</script> now.", "<b>Head</b>"));
        Assert.DoesNotContain("[here](", md);
        Assert.DoesNotContain("<script>", md);
        Assert.Contains("\\<script\\>", md);
        Assert.Contains("## \\<b\\>Head\\</b\\>", md);
    }

    [Fact]
    public void Json_writes_open_interval_ends_as_null_and_citations_as_offsets()
    {
        var figure = new FigureGroup("troops", Agreement.Single,
            [new FigureVariant(10000, null, false, "troops", "more than 10,000 troops", ["a1"], [new Citation("a1", new TextSpan(5, 23))])]);
        using var stream = new MemoryStream();
        new JsonRenderer().Write(OneStory("Some more than 10,000 troops moved.", "H", figure), stream);
        var root = JsonDocument.Parse(stream.ToArray()).RootElement;
        var variant = root.GetProperty("stories")[0].GetProperty("figures")[0].GetProperty("variants")[0];
        Assert.Equal(10000, variant.GetProperty("low").GetInt64());
        Assert.Equal(JsonValueKind.Null, variant.GetProperty("high").ValueKind);
        var source = variant.GetProperty("sources")[0];
        Assert.Equal(5, source.GetProperty("start").GetInt32());
        Assert.Equal(28, source.GetProperty("end").GetInt32());
        Assert.Equal("single", root.GetProperty("stories")[0].GetProperty("figures")[0].GetProperty("agreement").GetString());
    }
}
