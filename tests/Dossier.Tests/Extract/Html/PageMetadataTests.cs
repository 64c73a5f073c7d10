using System.Text;
using Dossier.Extract.Html;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Extract.Html;

public sealed class PageMetadataTests
{
    private static readonly DateOnly Today = new(2024, 11, 29);

    private static PageMetadata Read(string head, string body = "", string? url = "https://news.example.com/world/story")
    {
        var html = $"<!doctype html><html><head>{head}</head><body>{body}</body></html>";
        return new PageMetadataReader(FixedClock.AtDay(Today)).Read(new HtmlParsing().Parse(html), url);
    }

    private static void AssertDate(PublishedDate? date, string expected, DateSource source, string evidence)
    {
        Assert.NotNull(date);
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), date.Date);
        Assert.Equal(DatePrecision.Day, date.Precision);
        Assert.Equal(source, date.Source);
        Assert.StartsWith(evidence, date.Evidence, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- dates from markup

    [Fact]
    public void Json_ld_article_gives_published_and_modified_dates_as_the_page_states_them()
    {
        var page = Read("""
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
              "headline":"Storm closes the harbour","datePublished":"2024-11-28T23:30:00-05:00","dateModified":"2024-11-29T08:00:00Z"}</script>
            <meta property="article:published_time" content="2024-11-20T10:00:00Z">
            """);

        // 23:30 at -05:00 is the 29th in UTC: the page states the 28th, and that is kept.
        AssertDate(page.Published, "2024-11-28", DateSource.Metadata, "json-ld datePublished");
        AssertDate(page.Modified, "2024-11-29", DateSource.Metadata, "json-ld dateModified");
    }

    [Fact]
    public void Json_ld_in_a_graph_or_array_is_found_and_broken_json_is_skipped()
    {
        var page = Read("""
            <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": </script>
            <script type="application/ld+json">[{"@type":"WebSite","name":"Example"},
              {"@graph":[{"@type":"WebPage","datePublished":"2024-01-01"},{"@type":["ReportageNewsArticle"],"datePublished":"2024-11-27",
               "author":[{"@type":"Person","name":"Jane Doe"},{"@type":"Organization","name":"Example News"}],
               "publisher":{"@type":"Organization","name":"Example News"}}]}]</script>
            """);

        AssertDate(page.Published, "2024-11-27", DateSource.Metadata, "json-ld datePublished");
        Assert.Equal(["Jane Doe"], page.Authors);
        Assert.Equal("Example News", page.Site);
    }

    [Fact]
    public void A_json_ld_author_given_by_id_is_found_in_the_graph()
    {
        var page = Read("""
            <script type="application/ld+json">{"@graph":[
              {"@type":"Article","author":{"@id":"https://example.com/#/person/1"},"datePublished":"2024-11-20"},
              {"@type":["Person"],"@id":"https://example.com/#/person/1","name":"Jane Doe"}]}</script>
            """);

        Assert.Equal(["Jane Doe"], page.Authors);
    }

    [Theory]
    [InlineData("property", "article:published_time", "2024-11-26T09:15:00+01:00")]
    [InlineData("property", "og:published_time", "2024-11-26")]
    [InlineData("name", "pubdate", "2024-11-26T09:15:00Z")]
    [InlineData("name", "publishdate", "2024/11/26")]
    [InlineData("name", "date", "Tue, 26 Nov 2024 09:15:00 GMT")]
    [InlineData("name", "DC.date", "2024-11-26")]
    [InlineData("name", "dcterms.created", "2024-11-26")]
    [InlineData("name", "sailthru.date", "2024-11-26 09:15:00")]
    [InlineData("name", "parsely-pub-date", "2024-11-26T09:15:00Z")]
    [InlineData("itemprop", "datePublished", "November 26, 2024")]
    public void Each_meta_tag_family_gives_the_published_date(string attribute, string name, string content)
    {
        var page = Read($"""<meta {attribute}="{name}" content="{content}">""");

        AssertDate(page.Published, "2024-11-26", DateSource.Metadata, "meta " );
    }

    [Fact]
    public void Modified_time_meta_tags_give_the_modified_date()
    {
        var page = Read("""<meta property="article:published_time" content="2024-11-20"><meta property="og:updated_time" content="2024-11-21T10:00:00Z">""");

        AssertDate(page.Published, "2024-11-20", DateSource.Metadata, "meta article:published_time");
        AssertDate(page.Modified, "2024-11-21", DateSource.Metadata, "meta og:updated_time");
    }

    [Fact]
    public void A_time_element_in_the_article_head_is_preferred_to_one_in_a_sidebar()
    {
        var page = Read("", """
            <aside><time datetime="2024-10-01">Oct 1</time> Older story</aside>
            <article><header><h1>Storm closes the harbour</h1><time datetime="2024-11-25T07:00:00+09:00">25 Nov</time></header><p>Text.</p></article>
            """);

        AssertDate(page.Published, "2024-11-25", DateSource.Metadata, "time[datetime]");
    }

    [Fact]
    public void A_time_after_updated_or_inside_a_link_to_another_story_is_not_the_published_time()
    {
        var page = Read("", """
            <header><a href="/other-story"><time datetime="2024-11-28T07:00:00Z">Nov 28</time> Other story</a></header>
            <article><h1>Storm closes the harbour</h1>
            <p class="byline">By Jane Doe. Updated <time datetime="2024-11-27T10:00:00Z">Nov 27</time></p>
            <p>Published <time datetime="2024-11-25T10:00:00Z">Nov 25</time></p></article>
            """);

        AssertDate(page.Published, "2024-11-25", DateSource.Metadata, "time[datetime]");
    }

    [Theory]
    [InlineData("https://example.com/2019/11/19/storm-closes-harbour/")]
    [InlineData("https://example.com/news/20191119/storm-closes-harbour")]
    [InlineData("https://example.com/news/storm-closes-harbour-2019-11-19.html")]
    public void A_date_in_the_url_path_is_used_when_the_markup_has_none(string url)
    {
        var page = Read("<title>Storm</title>", "<p>Text.</p>", url);

        AssertDate(page.Published, "2019-11-19", DateSource.Url, "url");
    }

    [Fact]
    public void A_year_and_month_in_the_url_give_a_month()
    {
        var page = Read("", "<p>Text.</p>", "https://example.com/2019/11/storm-closes-harbour.html");

        Assert.Equal(new PublishedDate(new DateOnly(2019, 11, 1), DatePrecision.Month, DateSource.Url, "url"), page.Published);
    }

    // ---------------------------------------------------------------- dates from the byline

    [Theory]
    [InlineData("Mars 2024 mission update")]
    [InlineData("Page 27 mai")]
    public void A_month_name_of_another_language_needs_a_day_and_a_year(string line)
    {
        var page = Read("", $"""<article><h1>Storm closes the harbour</h1><div class="byline">By Jane Doe <span class="date">{line}</span></div><p>Text.</p></article>""", url: null);

        Assert.Null(page.Published);
    }

    [Theory]
    [InlineData("Published Nov. 27, 2024 at 10:02 a.m. ET", "2024-11-27")]
    [InlineData("27 November 2024 10:02 GMT", "2024-11-27")]
    [InlineData("Wednesday, November 27th 2024", "2024-11-27")]
    [InlineData("Posted 3 hours ago", "2024-11-29")]
    [InlineData("Posted 15 hours ago", "2024-11-28")]
    [InlineData("Published yesterday", "2024-11-28")]
    [InlineData("2 days ago", "2024-11-27")]
    [InlineData("Posted: 2024-11-27 08:00", "2024-11-27")]
    [InlineData("27.11.2024, 08:00", "2024-11-27")]
    [InlineData("11/27/2024 8:00 AM", "2024-11-27")]
    [InlineData("Publié le 27 novembre 2024 à 08h00", "2024-11-27")]
    [InlineData("27. November 2024, 08:00 Uhr", "2024-11-27")]
    [InlineData("27 de noviembre de 2024", "2024-11-27")]
    [InlineData("27 março 2024", "2024-03-27")]
    [InlineData("27 ноября 2024 г., 08:00", "2024-11-27")]
    [InlineData("27 mei 2024", "2024-05-27")]
    public void Byline_text_gives_the_published_date(string line, string expected)
    {
        var page = Read("", $"""<article><h1>Storm closes the harbour</h1><div class="byline">By Jane Doe <span class="date">{line}</span></div><p>Text.</p></article>""");

        AssertDate(page.Published, expected, DateSource.Byline, "byline text");
    }

    [Fact]
    public void An_updated_line_in_the_byline_is_the_modified_date_not_the_published_one()
    {
        var page = Read("", """<h1>Storm</h1><p class="meta">Updated Nov. 28, 2024 | Published Nov. 26, 2024</p>""");

        AssertDate(page.Published, "2024-11-26", DateSource.Byline, "byline text");
        AssertDate(page.Modified, "2024-11-28", DateSource.Byline, "byline text");
    }

    [Fact]
    public void A_published_label_dates_the_page_whatever_its_class_and_an_updated_time_does_not()
    {
        var page = Read("", """
            <h1>Storm</h1><p class="stamp"><time datetime="2024-11-28T10:00:00Z">Updated on: November 28, 2024</time></p>
            <div class="pull-right"><span class="red">First Published:</span> Tuesday, November 26, 2024 08:38 AM</div>
            """);

        AssertDate(page.Published, "2024-11-26", DateSource.Byline, "byline text");
        AssertDate(page.Modified, "2024-11-28", DateSource.Byline, "byline text");
    }

    [Fact]
    public void Layout_classes_on_the_body_do_not_make_the_byline_furniture()
    {
        var html = """<html class="one-sidebar"><body class="page one-sidebar"><div class="story-timestamp">Nov. 20, 2024 5:52 AM EST</div></body></html>""";
        var page = new PageMetadataReader(FixedClock.AtDay(Today)).Read(new HtmlParsing().Parse(html), "https://example.com/a");

        AssertDate(page.Published, "2024-11-20", DateSource.Byline, "byline text");
    }

    [Fact]
    public void A_date_after_today_is_not_a_published_date_and_the_next_source_is_used()
    {
        var page = Read("""<meta property="article:published_time" content="2024-12-25T10:00:00Z">""", "",
            "https://example.com/2024/11/20/storm/");

        AssertDate(page.Published, "2024-11-20", DateSource.Url, "url");
    }

    [Fact]
    public void Tomorrow_is_allowed_for_time_zones_but_not_the_day_after()
    {
        Assert.Equal(Today.AddDays(1), Read("""<meta name="pubdate" content="2024-11-30">""").Published?.Date);
        Assert.Null(Read("""<meta name="pubdate" content="2024-12-01">""").Published);
    }

    [Fact]
    public void A_date_before_1995_is_not_a_published_date()
    {
        Assert.Null(Read("""<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"0001-01-01T00:00:00Z"}</script>""").Published);
    }

    [Fact]
    public void A_date_inside_a_script_is_not_read()
    {
        var page = Read("""<script>var published = "2024-11-20"; dataLayer.push({"datePublished":"2024-11-20"});</script>""",
            """<h1>Storm</h1><div class="date"><script>document.write("November 20, 2024")</script></div><p>Text.</p>""");

        Assert.Null(page.Published);
    }

    // ---------------------------------------------------------------- authors

    [Fact]
    public void A_byline_is_cut_into_names_without_by_or_the_date()
    {
        var page = Read("", """<article><h1>Storm</h1><p class="byline">By Jane Doe and John Smith | Nov. 27, 2024</p></article>""");

        Assert.Equal(["Jane Doe", "John Smith"], page.Authors);
    }

    [Theory]
    [InlineData("Analysis by Jane Doe, Example Editor-at-large", "Jane Doe")]
    [InlineData("BY JANE DOE AND JOHN SMITH", "Jane Doe|John Smith")]
    [InlineData("Jane Doe & John Smith; Associated Press", "Jane Doe|John Smith")]
    [InlineData("Written by: Ludwig van Beethoven on Nov 27, 2024", "Ludwig van Beethoven")]
    [InlineData("The Editorial Board", "")]
    public void Meta_author_strings_are_cleaned_to_names(string content, string expected)
    {
        var page = Read($"""<meta name="author" content="{content}">""");

        Assert.Equal(expected.Split('|', StringSplitOptions.RemoveEmptyEntries), page.Authors);
    }

    [Fact]
    public void Roles_reading_times_and_furniture_are_not_names()
    {
        var page = Read("", """
            <article><h1>Storm</h1>
            <div class="author">By Staff</div><div class="byline">5 Minute Read</div>
            <div class="author-name">Jane Doe, Senior Correspondent &amp; JOHN SMITH</div>
            <div class="byline">Updated 3 hours ago</div></article>
            """);

        Assert.Equal(["Jane Doe", "John Smith"], page.Authors);
    }

    [Fact]
    public void An_agency_is_kept_out_when_a_person_is_named_and_given_when_nothing_else_is()
    {
        var both = Read("""<script type="application/ld+json">{"@type":"NewsArticle","author":["Associated Press","Jane Doe"]}</script>""");
        var agencyOnly = Read("""<meta name="author" content="Reuters">""");

        Assert.Equal(["Jane Doe"], both.Authors);
        Assert.Equal(["Reuters"], agencyOnly.Authors);
    }

    [Fact]
    public void Meta_author_urls_and_emails_are_skipped_for_names()
    {
        var page = Read("""
            <meta property="article:author" content="https://www.facebook.com/janedoe">
            <meta name="author" content="jane@example.com">
            """, """<a rel="author" href="/people/jane-doe">Jane Doe</a>""");

        Assert.Equal(["Jane Doe"], page.Authors);
    }

    [Fact]
    public void Itemprop_author_names_are_read_and_deduplicated_case_insensitively()
    {
        var page = Read("", """
            <span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
            <span itemprop="author">JANE DOE</span><span itemprop="author"><b>Mary-Ann O'Neil</b></span>
            """);

        Assert.Equal(["Jane Doe", "Mary-Ann O'Neil"], page.Authors);
    }

    // ---------------------------------------------------------------- title, site and the rest

    [Theory]
    [InlineData("Storm closes the harbour | Example News")]
    [InlineData("Storm closes the harbour - Example News")]
    [InlineData("Example News: Storm closes the harbour")]
    [InlineData("Storm closes the harbour – news.example.com")]
    public void The_site_name_is_cut_from_the_title(string title)
    {
        var page = Read($"""<title>{title}</title><meta property="og:site_name" content="Example News">""", "<h1>Example News</h1>");

        Assert.Equal("Storm closes the harbour", page.Title);
    }

    [Fact]
    public void The_title_that_agrees_with_the_heading_is_preferred()
    {
        var page = Read("""<meta property="og:title" content="Harbour shut (photos)"><title>Storm closes the harbour | Example</title>""",
            "<article><h1>Storm closes the harbour</h1></article>");

        Assert.Equal("Storm closes the harbour", page.Title);
    }

    [Fact]
    public void A_title_part_that_does_not_name_the_site_is_kept()
    {
        var page = Read("<title>Storm - what we know</title>", "", "https://news.example.com/x");

        Assert.Equal("Storm - what we know", page.Title);
    }

    [Fact]
    public void Site_canonical_language_description_and_image_come_from_the_head()
    {
        var page = Read("""
            <meta property="og:site_name" content="Example News">
            <link rel="canonical" href="/world/storm-closes-harbour">
            <meta property="og:locale" content="en_GB">
            <meta name="description" content="  The harbour is shut.  ">
            <meta property="og:image" content="//cdn.example.com/storm.jpg">
            """, "", "https://news.example.com/world/story?id=1");

        Assert.Equal("Example News", page.Site);
        Assert.Equal("https://news.example.com/world/storm-closes-harbour", page.CanonicalUrl);
        Assert.Equal("en-GB", page.Language);
        Assert.Equal("The harbour is shut.", page.Description);
        Assert.Equal("https://cdn.example.com/storm.jpg", page.Image);
    }

    [Fact]
    public void Without_a_site_name_the_host_is_the_site_and_html_lang_the_language()
    {
        var page = new PageMetadataReader(FixedClock.AtDay(Today))
            .Read(new HtmlParsing().Parse("<html lang='fr'><body><p>x</p></body></html>"), "https://www.example.org/a");

        Assert.Equal("example.org", page.Site);
        Assert.Equal("fr", page.Language);
        Assert.Null(page.Published);
        Assert.Empty(page.Authors);
    }

    [Fact]
    public void Deep_nesting_and_many_elements_are_read_in_bounded_time()
    {
        var html = new StringBuilder("<html><head><title>Deep | Example</title></head><body>");
        for (var i = 0; i < 20_000; i++) html.Append("<span class='date author'>no date here</span>");
        for (var i = 0; i < 5_000; i++) html.Append("<div class='meta'>");
        html.Append("By Jane Doe");
        var deep = """{"a":""" + string.Concat(Enumerable.Repeat("[", 500)) + string.Concat(Enumerable.Repeat("]", 500)) + "}";
        html.Append($"<script type='application/ld+json'>{deep}</script></body></html>");
        var parsed = new HtmlParsing().Parse(html.ToString());
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var page = new PageMetadataReader(FixedClock.AtDay(Today)).Read(parsed, "https://example.com/");

        Assert.Equal("Deep", page.Title);
        Assert.Null(page.Published);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
    }
}
