using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Extract;

public sealed class PlainTextExtractorTests
{
    private static Article Text(string text) => new PlainTextExtractor().Extract(new SourceDocument("doc", "doc.txt", "text", text));

    private static Article Markdown(string text) => new PlainTextExtractor().Extract(new SourceDocument("doc", "doc.md", "markdown", text));

    [Fact]
    public void Each_line_is_a_paragraph_joined_by_blank_lines()
    {
        var article = Text("The council met on Monday.  \nIt voted to close the bridge.\n\n\nRepairs start in May.\n");

        Assert.Equal("The council met on Monday.\n\nIt voted to close the bridge.\n\nRepairs start in May.", article.Text);
        Assert.Null(article.Title);
    }

    [Fact]
    public void Hard_wrapped_paragraphs_are_joined()
    {
        var article = Text(
            "The harbour authority said on Tuesday that the storm had damaged\n" +
            "three piers and that ferries would not run until the weekend, when\n" +
            "engineers expect to finish their checks.\n\n" +
            "Fishermen were told to keep their boats inside the breakwater and to\n" +
            "wait for a further notice from the coast guard.\n");

        Assert.Equal(
            "The harbour authority said on Tuesday that the storm had damaged three piers and that ferries would not run until the weekend, when engineers expect to finish their checks.\n\n" +
            "Fishermen were told to keep their boats inside the breakwater and to wait for a further notice from the coast guard.",
            article.Text);
    }

    [Fact]
    public void Text_is_nfc_without_control_characters_and_hashed()
    {
        var article = Text("Cafe\u0301 owners\u0007 met\tin town in Ha\u0300 No\u0323\u0302i.\r\nThey agreed.\u000B\u0085");

        Assert.Equal("Caf\u00E9 owners met\tin town in H\u00E0 N\u1ED9i.\n\nThey agreed.", article.Text);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(article.Text))), article.ContentHash);
        Assert.Null(article.Published);
        Assert.Equal("en", article.Language);
    }

    [Fact]
    public void Headline_first_line_becomes_the_title()
    {
        var article = Text("Flood Waters Close Three Schools in River Valley\n\nThree schools closed on Monday after the river rose.\nParents were told to keep children at home.");

        Assert.Equal("Flood Waters Close Three Schools in River Valley", article.Title);
        Assert.StartsWith("Three schools closed", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sentence_first_line_is_not_a_title()
    {
        var article = Text("Three schools closed on Monday after the river rose.\nParents were told to keep children at home.");

        Assert.Null(article.Title);
        Assert.StartsWith("Three schools closed", article.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Storm warnings remain in force across the region,")]
    [InlineData("What the mayor announced:")]
    [InlineData("A line that goes on and on with many words, far more than any headline would ever need to carry in print or online today or tomorrow")]
    public void Lines_that_do_not_read_as_headlines_are_not_titles(string first)
    {
        var article = Text(first + "\nThe next line is the body.");

        Assert.Null(article.Title);
        Assert.StartsWith(first, article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_line_is_not_taken_as_a_title()
    {
        var article = Text("Short note without a full stop");

        Assert.Null(article.Title);
        Assert.Equal("Short note without a full stop", article.Text);
    }

    [Fact]
    public void Date_line_above_the_headline_stays_in_the_text()
    {
        var article = Text("Thursday, March 6, 2025\nCouncil Approves New Bridge\nThe council approved the bridge on Thursday.");

        Assert.Equal("Council Approves New Bridge", article.Title);
        Assert.Equal("Thursday, March 6, 2025\n\nThe council approved the bridge on Thursday.", article.Text);
    }

    [Fact]
    public void Leading_url_line_gives_url_and_site()
    {
        var article = Text("https://www.example.org/2021/04/02/bridge-closed.html\nBridge Closed After Inspection\nThe bridge was closed after an inspection found cracks.");

        Assert.Equal("https://www.example.org/2021/04/02/bridge-closed.html", article.Url);
        Assert.Equal("example.org", article.Site);
        Assert.Equal("Bridge Closed After Inspection", article.Title);
        Assert.Equal("The bridge was closed after an inspection found cracks.", article.Text);
    }

    [Fact]
    public void Markdown_is_stripped_to_plain_text()
    {
        var article = Markdown(
            "# Port Strike *Ends* After Two Weeks\n\n" +
            "<!-- editor: check figures -->\n" +
            "Dock workers **returned** to work on _Monday_, the [union](https://example.org/union \"site\") said.\n\n" +
            "![crane at dawn](https://example.org/crane.jpg)\n\n" +
            "Background\n----------\n\n" +
            "> The deal is fair, a spokesman said.\n\n" +
            "- Wages rise by 4 percent.\n" +
            "* Shifts are shorter.\n" +
            "2. A review follows in `2026`.\n\n" +
            "```\nrate = 0.04\n```\n\n" +
            "The file_name stays and 3 * 4 stays.\n");

        Assert.Equal("Port Strike Ends After Two Weeks", article.Title);
        Assert.Equal(
            "Dock workers returned to work on Monday, the union said.\n\n" +
            "Background\n\n" +
            "The deal is fair, a spokesman said.\n\n" +
            "Wages rise by 4 percent.\n\n" +
            "Shifts are shorter.\n\n" +
            "A review follows in 2026.\n\n" +
            "rate = 0.04\n\n" +
            "The file_name stays and 3 * 4 stays.",
            article.Text);
    }

    [Fact]
    public void Markdown_entities_tables_and_reference_links_are_read_as_text()
    {
        var article = Markdown(
            "Prices rose at Smith &amp; Sons, the [report][1] said.\n\n" +
            "| City | change in prices |\n|------|:-----:|\n| Leeds | rose by 2 percent |\n\n" +
            "[1]: https://example.org/report\n" +
            "The survey ended in May.\n");

        Assert.Equal("Prices rose at Smith & Sons, the report said.\n\nCity | change in prices\n\nLeeds | rose by 2 percent\n\nThe survey ended in May.", article.Text);
    }

    [Fact]
    public void Markdown_comment_spanning_lines_is_dropped()
    {
        var article = Markdown("First paragraph is here.\n<!--\nhidden note\n-->\nSecond paragraph is here.");

        Assert.Equal("First paragraph is here.\n\nSecond paragraph is here.", article.Text);
    }

    [Fact]
    public void Furniture_phrases_are_removed_with_reasons()
    {
        var article = Text(
            "The ferry service resumed on Sunday after repairs.\n" +
            "Share on Facebook\n" +
            "Advertisement\n" +
            "Officials said the timetable would return to normal.\n" +
            "Sign up for our morning newsletter\n" +
            "Facebook Twitter WhatsApp Email\n" +
            "We use cookies to improve your experience\n" +
            "Passengers welcomed the news.\n" +
            "You may also like\n" +
            "Copyright 2025 Harbour Media. All rights reserved.\n");

        Assert.Equal(
            "The ferry service resumed on Sunday after repairs.\n\nOfficials said the timetable would return to normal.\n\nPassengers welcomed the news.",
            article.Text);
        Assert.Equal(
            ["Share on Facebook", "Advertisement", "Sign up for our morning newsletter", "Facebook Twitter WhatsApp Email",
             "We use cookies to improve your experience", "You may also like", "Copyright 2025 Harbour Media. All rights reserved."],
            article.Removed.Select(r => r.Text));
        Assert.All(article.Removed, r => Assert.Equal("boilerplate phrase", r.Reason));
    }

    [Theory]
    [InlineData("Related Articles", "boilerplate phrase")]
    [InlineData("Leave a comment", "boilerplate phrase")]
    [InlineData("Comments (14)", "boilerplate phrase")]
    [InlineData("Share this:", "boilerplate phrase")]
    [InlineData("Share on WhatsApp", "boilerplate phrase")]
    [InlineData("Subscribe to our daily briefing", "boilerplate phrase")]
    [InlineData("Cookie Policy", "boilerplate phrase")]
    [InlineData("Sponsored", "boilerplate phrase")]
    [InlineData("Continue reading", "boilerplate phrase")]
    [InlineData("Click here for the full schedule", "boilerplate phrase")]
    [InlineData("Follow us on Instagram", "boilerplate phrase")]
    [InlineData("© 2024 Valley Herald", "boilerplate phrase")]
    [InlineData("Tags: weather, floods, council", "boilerplate phrase")]
    [InlineData("Posted in Local News", "boilerplate phrase")]
    [InlineData("Filed under: Politics", "boilerplate phrase")]
    [InlineData("Next article", "boilerplate phrase")]
    [InlineData("Previous Post", "boilerplate phrase")]
    [InlineData("Trending Now", "boilerplate phrase")]
    [InlineData("Most Read", "boilerplate phrase")]
    [InlineData("Sign in to your account", "boilerplate phrase")]
    [InlineData("Terms of Service", "boilerplate phrase")]
    [InlineData("Print", "boilerplate phrase")]
    [InlineData("Image: Valley Herald archive", "caption")]
    [InlineData("Getty Images", "caption")]
    public void Common_furniture_lines_are_removed_in_the_body(string line, string reason)
    {
        var article = Text("The dam held through the night.\n" + line + "\nEngineers checked it again at dawn.");

        Assert.Equal("The dam held through the night.\n\nEngineers checked it again at dawn.", article.Text);
        Assert.Equal(new RemovedText(line, reason), Assert.Single(article.Removed));
    }

    [Fact]
    public void Sentences_that_mention_furniture_words_are_kept()
    {
        var article = Text(
            "Readers were asked to subscribe before the paper closed.\n" +
            "She said the cookies were sold out by noon.\n" +
            "Voters can sign up at the town hall until Friday.\n");

        Assert.Empty(article.Removed);
        Assert.Equal(3, article.Text.Split("\n\n").Length);
    }

    [Fact]
    public void Name_only_caption_lines_are_removed_but_sentences_stay()
    {
        var article = Text(
            "Mayor Opens New Library\n\n" +
            "Maria Lopez-Tom Baker\n\n" +
            "The mayor opened the library on Saturday.\n\n" +
            "Governor Ann Reed and Senator Paul Grant\n\n" +
            "Governor Ann Reed praised the staff.\n\n" +
            "The building cost $12 million.");

        Assert.Equal("Mayor Opens New Library", article.Title);
        Assert.Equal("The mayor opened the library on Saturday.\n\nGovernor Ann Reed praised the staff.\n\nThe building cost $12 million.", article.Text);
        Assert.Equal(["Maria Lopez-Tom Baker", "Governor Ann Reed and Senator Paul Grant"], article.Removed.Select(r => r.Text));
        Assert.All(article.Removed, r => Assert.Equal("caption", r.Reason));
    }

    [Fact]
    public void Photo_credits_are_captions()
    {
        var article = Text(
            "Crowds gathered outside parliament on Friday.\n" +
            "Photo: Jane Roe\n" +
            "(AP Photo/John Doe)\n" +
            "Protesters in the square. Reuters/Jane Roe\n" +
            "The protest ended peacefully.");

        Assert.Equal("Crowds gathered outside parliament on Friday.\n\nThe protest ended peacefully.", article.Text);
        Assert.All(article.Removed, r => Assert.Equal("caption", r.Reason));
        Assert.Equal(3, article.Removed.Count);
    }

    [Fact]
    public void Bare_urls_and_emails_in_the_body_are_removed()
    {
        var article = Text("The report is online.\nhttps://example.com/report.pdf\nnews@example.com\nIt runs to 80 pages.");

        Assert.Equal("The report is online.\n\nIt runs to 80 pages.", article.Text);
        Assert.Equal(["url", "email"], article.Removed.Select(r => r.Reason));
    }

    [Fact]
    public void Short_unpunctuated_lines_at_the_end_are_trailing_furniture()
    {
        var article = Text(
            "The museum reopened on Wednesday.\n" +
            "Visitors queued for an hour.\n" +
            "Arts and Culture\n" +
            "more stories from the city desk\n");

        Assert.Equal("The museum reopened on Wednesday.\n\nVisitors queued for an hour.", article.Text);
        Assert.Equal(2, article.Removed.Count);
        Assert.Contains(article.Removed, r => r.Text == "more stories from the city desk" && r.Reason == "trailing furniture");
    }

    [Fact]
    public void A_long_run_of_short_lines_is_not_all_peeled_off()
    {
        var lines = Enumerable.Range(1, 40).Select(i => $"item number {i} on the list");
        var article = Text("The inventory follows.\n" + string.Join('\n', lines));

        Assert.True(article.Removed.Count <= 8, article.Removed.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("item number 32 on the list", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closing_quotation_is_not_trailing_furniture()
    {
        var article = Text("The coach was pleased.\n\"We played well. \"\n\u201CIt was a good day.\u201D");

        Assert.Empty(article.Removed);
        Assert.EndsWith("\u201CIt was a good day.\u201D", article.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Byline_under_the_headline_is_lifted_out()
    {
        var article = Text("River Rises Past Record\nBy Sam Field and Ana Ruiz\nThe river rose past its record level on Sunday.");

        Assert.Equal("River Rises Past Record", article.Title);
        Assert.Equal("Sam Field and Ana Ruiz", article.Byline);
        Assert.Equal("The river rose past its record level on Sunday.", article.Text);
    }

    [Fact]
    public void Same_input_gives_the_same_article()
    {
        const string input = "Headline Here Today\nA first sentence is written.\nRelated Posts";
        Assert.Equal(Text(input).Text, Text(input).Text);
        Assert.Equal(Text(input).ContentHash, Text(input).ContentHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n\t")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("[[[[[[[[[[")]
    [InlineData("![a](b)")]
    public void Degenerate_input_does_not_throw(string input)
    {
        var article = Markdown(input);
        Assert.NotNull(article.Text);
        Assert.Equal(64, article.ContentHash.Length);
        Assert.NotNull(Text(input).Text);
    }

    [Fact]
    public void A_huge_line_without_punctuation_is_handled_quickly()
    {
        var huge = string.Concat(Enumerable.Repeat("word [x ", 200_000));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();

        var plain = Text(huge);
        var markdown = Markdown(huge);

        // Generous for a shared debug build; a quadratic scan of 1.6M characters would take hours.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), stopwatch.Elapsed.ToString());
        Assert.Equal(huge.TrimEnd(), plain.Text);
        Assert.Equal(huge.TrimEnd(), markdown.Text);
    }
}
