using System.Diagnostics;
using System.Text;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class FeedReaderTests
{
    private static readonly string LongBody = string.Join(" ", Enumerable.Repeat("The committee heard evidence from residents and officials for three hours.", 12));

    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
             xmlns:atom="http://www.w3.org/2005/Atom">
          <channel>
            <title>Valley Gazette</title>
            <link>https://gazette.example/</link>
            <language>en-gb</language>
            <atom:link href="https://gazette.example/feed" rel="self"/>
            <image><title>Not the feed title</title><url>https://gazette.example/logo.png</url></image>
            <item>
              <title>Council approves budget</title>
              <link>https://gazette.example/news/budget</link>
              <guid isPermaLink="false">gazette-1041</guid>
              <pubDate>Tue, 05 Mar 2024 18:30:00 EST</pubDate>
              <dc:creator>Jo Bloggs</dc:creator>
              <description>Short teaser.</description>
              <content:encoded><![CDATA[<p>{BODY}</p><p>Second paragraph.</p>]]></content:encoded>
            </item>
            <item>
              <title>Bridge closes for repairs</title>
              <link>https://gazette.example/news/bridge</link>
              <guid>https://gazette.example/news/bridge</guid>
              <pubDate>5 Mar 24 09:00 +0100</pubDate>
              <author>desk@gazette.example (Sam Reporter)</author>
              <description>&lt;p&gt;The old bridge will close for &lt;b&gt;six weeks&lt;/b&gt;.&lt;/p&gt;</description>
            </item>
          </channel>
        </rss>
        """;

    private static List<FeedEntry> Read(string xml, long maxChars = 10_000_000)
        => FeedReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)), "news.rss", "news", maxChars).ToList();

    [Fact]
    public void Rss_items_carry_content_and_hints()
    {
        var entries = Read(Rss.Replace("{BODY}", LongBody, StringComparison.Ordinal));

        Assert.Equal(2, entries.Count);
        var full = entries[0].Result.Document!;
        Assert.Equal("news-gazette-1041", full.Id);
        Assert.Equal("html", full.Format);
        Assert.StartsWith("<p>The committee heard", full.Text, StringComparison.Ordinal);
        Assert.False(entries[0].ContentIsShort);
        Assert.Equal("Council approves budget", full.Hints.Title);
        Assert.Equal("https://gazette.example/news/budget", full.Hints.Url);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 18, 30, 0, TimeSpan.FromHours(-5)), full.Hints.Published);
        Assert.Equal(["Jo Bloggs"], full.Hints.Authors);
        Assert.Equal("Valley Gazette", full.Hints.Site);
        Assert.Equal("en-gb", full.Hints.Language);

        var teaser = entries[1].Result.Document!;
        Assert.Equal("news-2", teaser.Id); // a URL guid is not a safe id
        Assert.True(entries[1].ContentIsShort);
        Assert.Equal("<p>The old bridge will close for <b>six weeks</b>.</p>", teaser.Text);
        Assert.Equal(["Sam Reporter"], teaser.Hints.Authors);
        Assert.Equal(new DateTimeOffset(2024, 3, 5, 9, 0, 0, TimeSpan.FromHours(1)), teaser.Hints.Published);
    }

    [Fact]
    public void Atom_entries_read_content_types_links_and_dates()
    {
        const string atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de">
              <title type="text">Tagesblatt</title>
              <entry>
                <title>Erste Meldung</title>
                <link rel="self" href="https://blatt.example/api/1"/>
                <link rel="alternate" type="text/html" href="https://blatt.example/meldung/1"/>
                <id>tag:blatt.example,2024:1</id>
                <published>2024-04-01T08:15:00+02:00</published>
                <updated>2024-04-02T10:00:00Z</updated>
                <author><name>Erika Muster</name></author>
                <author><name>Max Beispiel</name></author>
                <content type="html">&lt;p&gt;Der Rat tagte.&lt;/p&gt;</content>
              </entry>
              <entry>
                <title>Zweite Meldung</title>
                <link href="https://blatt.example/meldung/2"/>
                <updated>2024-04-03T12:00:00Z</updated>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Die Brücke ist <em>gesperrt</em>.</p></div></content>
              </entry>
              <entry>
                <title>Dritte Meldung</title>
                <link href="https://blatt.example/meldung/3"/>
                <summary>Nur Text.</summary>
              </entry>
            </feed>
            """;

        var documents = Read(atom).Select(e => e.Result.Document!).ToList();

        Assert.Equal(["https://blatt.example/meldung/1", "https://blatt.example/meldung/2", "https://blatt.example/meldung/3"], documents.Select(d => d.Hints.Url));
        Assert.Equal(["html", "html", "text"], documents.Select(d => d.Format));
        Assert.Equal("<p>Der Rat tagte.</p>", documents[0].Text);
        Assert.Contains("<em>gesperrt</em>", documents[1].Text, StringComparison.Ordinal);
        Assert.Equal("Nur Text.", documents[2].Text);
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 8, 15, 0, TimeSpan.FromHours(2)), documents[0].Hints.Published);
        Assert.Equal(new DateTimeOffset(2024, 4, 3, 12, 0, 0, TimeSpan.Zero), documents[1].Hints.Published);
        Assert.Null(documents[2].Hints.Published);
        Assert.Equal(["Erika Muster", "Max Beispiel"], documents[0].Hints.Authors);
        Assert.All(documents, d => Assert.Equal("Tagesblatt", d.Hints.Site));
        Assert.All(documents, d => Assert.Equal("de", d.Hints.Language));
    }

    [Fact]
    public void Rss_1_rdf_items_are_read()
    {
        const string rdf = """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://old.example/"><title>Old Wire</title><link>https://old.example/</link></channel>
              <item rdf:about="https://old.example/1">
                <title>Wire story</title><link>https://old.example/1</link>
                <description>Text of the wire story.</description>
                <dc:date>2003-06-10T04:00:00Z</dc:date><dc:creator>A. Writer</dc:creator>
              </item>
            </rdf:RDF>
            """;

        var document = Assert.Single(Read(rdf)).Result.Document!;

        Assert.Equal("https://old.example/1", document.Hints.Url);
        Assert.Equal("Old Wire", document.Hints.Site);
        Assert.Equal(["A. Writer"], document.Hints.Authors);
        Assert.Equal(new DateTimeOffset(2003, 6, 10, 4, 0, 0, TimeSpan.Zero), document.Hints.Published);
    }

    [Fact]
    public void External_entities_are_never_resolved()
    {
        var secret = Path.Combine(Path.GetTempPath(), "dossier-xxe-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>
                <rss version="2.0"><channel><title>x</title><item><title>t</title><link>https://x.example/1</link><description>&xxe;</description></item></channel></rss>
                """;

            var entry = Assert.Single(Read(xml));

            Assert.Null(entry.Result.Document);
            Assert.Contains("entit", entry.Result.Skipped!.Reason, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("TOP-SECRET", entry.Result.Skipped.Reason, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Billion_laughs_fails_fast_with_a_reason()
    {
        var entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        var xml = $"<?xml version=\"1.0\"?><!DOCTYPE rss [{entities}]><rss version=\"2.0\"><channel><item><title>&lol9;</title><description>x</description><link>https://x.example/</link></item></channel></rss>";
        var clock = Stopwatch.StartNew();

        var entry = Assert.Single(Read(xml));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), clock.Elapsed.ToString());
        Assert.Contains("entit", entry.Result.Skipped?.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_doctype_without_entities_is_harmless()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
            <rss version="0.91"><channel><title>Old</title><item><title>T</title><link>https://x.example/1</link><description>Body text.</description></item></channel></rss>
            """;

        Assert.Equal("Body text.", Assert.Single(Read(xml)).Result.Document?.Text);
    }

    [Fact]
    public void Feed_over_the_character_limit_is_skipped()
    {
        var entries = Read(Rss.Replace("{BODY}", LongBody, StringComparison.Ordinal), maxChars: 500);

        Assert.Contains("too large", Assert.Single(entries).Result.Skipped?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_that_is_not_a_feed_is_one_skip()
    {
        var entry = Assert.Single(Read("<?xml version=\"1.0\"?><sitemap><url>https://x.example/</url></sitemap>"));

        Assert.Equal("not a feed: root element <sitemap>", entry.Result.Skipped?.Reason);
    }

    [Fact]
    public void Broken_xml_after_good_items_keeps_them()
    {
        var xml = "<rss><channel><item><title>A</title><description>First.</description><link>https://x.example/a</link></item><item><title>B</titl";

        var entries = Read(xml);

        Assert.Equal("First.", entries[0].Result.Document?.Text);
        Assert.Equal("news.rss#item 2", entries[1].Result.Skipped?.Path);
    }

    [Fact]
    public void A_legacy_encoding_from_the_xml_declaration_is_honoured()
    {
        var xml = $"<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss><channel><title>Новости</title><item><title>Бюджет</title><link>https://x.example/1</link><description>{Samples.Russian}</description></item></channel></rss>";
        var bytes = Samples.Encode(xml, "windows-1251");

        var document = Assert.Single(FeedReader.Read(new MemoryStream(bytes), "ru.rss", "ru", 1_000_000)).Result.Document!;

        Assert.Equal(Samples.Russian, document.Text);
        Assert.Equal("Новости", document.Hints.Site);
    }

    [Theory]
    [InlineData("Tue, 10 Jun 2003 04:00:00 GMT", "2003-06-10T04:00:00+00:00")]
    [InlineData("Tue, 10 Jun 2003 04:00:00 PDT", "2003-06-10T04:00:00-07:00")]
    [InlineData("10 Jun 2003 04:00 +0530", "2003-06-10T04:00:00+05:30")]
    [InlineData("Sat, 1 Feb 99 23:59:59 CET", "1999-02-01T23:59:59+01:00")]
    [InlineData("2024-05-01T10:00:00Z", "2024-05-01T10:00:00+00:00")]
    [InlineData("2024-05-01T10:00:00.123-04:00", "2024-05-01T10:00:00.123-04:00")]
    [InlineData("2024-05-01", "2024-05-01T00:00:00+00:00")]
    [InlineData("1714557600", "2024-05-01T10:00:00+00:00")]
    public void Feed_dates_parse(string text, string expected)
    {
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), WebDates.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("31 Feb 2024 10:00 GMT")]
    public void Nonsense_dates_are_null(string text) => Assert.Null(WebDates.Parse(text));
}
