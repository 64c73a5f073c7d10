using System.Text;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class FileSourceDispatchTests
{
    private static readonly string LongBody = string.Join(" ", Enumerable.Repeat("Officials said the works would take most of the summer.", 12));

    private static string Feed(string link, string description) => $"""
        <?xml version="1.0"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Gazette</title>
          <item><title>Teaser</title><link>{link}</link><description>{description}</description></item>
          <item><title>Full</title><link>https://gazette.example/full</link><content:encoded><![CDATA[<p>{LongBody}</p>]]></content:encoded></item>
        </channel></rss>
        """;

    private static string PageWithCanonical(string canonical)
        => $"<!DOCTYPE html><html><head><link rel=\"canonical\" href=\"{canonical}\"><title>Page</title></head><body><p>{LongBody}</p></body></html>";

    [Fact]
    public async Task A_folder_picks_up_every_kind_and_reads_each_its_way()
    {
        using var folder = new TempFolder();
        folder.Write("a.html", "<!DOCTYPE html><html><body><p>Page A.</p></body></html>");
        folder.Write("b.htm.gz", WarcWriter.Gzip("<html><body><p>Page B.</p></body></html>"u8.ToArray()));
        folder.Write("c.rss", Feed("https://gazette.example/teaser", LongBody));
        folder.Write("d.jsonl", "{\"text\":\"Line one.\"}\n{\"text\":\"Line two.\"}\n");
        folder.Write("e.warc.gz", new WarcWriter(gzip: true).Html("https://crawl.example/1", "<html><body><p>Crawled.</p></body></html>").ToArray());
        folder.Write("f.txt", "Plain.");
        folder.Write("g.log", "Not picked up from a folder.");

        var results = await IngestRun.ReadAll(folder.Root);

        Assert.Empty(results.Skips());
        var documents = results.Documents();
        Assert.Equal(["a", "b", "c-1", "c-2", "d-1", "d-2", "e-1", "f"], documents.Select(d => d.Id));
        Assert.Equal(["html", "html", "html", "html", "text", "text", "html", "text"], documents.Select(d => d.Format));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><body><p>x</p></body></html>", "html")]
    [InlineData("  <html lang=en><p>x</p></html>", "html")]
    [InlineData("<?xml version=\"1.0\"?>\n<!-- feed --><rss version=\"2.0\"><channel><item><title>x</title><description>Body.</description></item></channel></rss>", "feed")]
    [InlineData("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>x</title><content>Body.</content></entry></feed>", "feed")]
    [InlineData("{\"text\":\"Body.\"}\n", "jsonl")]
    [InlineData("Just words < and > symbols.", "text")]
    public async Task Unknown_extensions_are_told_by_their_first_bytes(string content, string kind)
    {
        using var folder = new TempFolder();
        var path = folder.Write("download.dat", content);

        var document = Assert.Single((await IngestRun.ReadAll(path)).Documents());

        switch (kind)
        {
            case "html": Assert.Equal(("download", "html"), (document.Id, document.Format)); break;
            case "feed": Assert.Equal(("download-1", "Body."), (document.Id, document.Text)); break;
            case "jsonl": Assert.Equal(("download-1", "text"), (document.Id, document.Format)); break;
            default: Assert.Equal(("download", "text", content), (document.Id, document.Format, document.Text)); break;
        }
    }

    [Fact]
    public async Task Other_xml_under_an_unknown_extension_is_named_in_its_skip()
    {
        using var folder = new TempFolder();
        var path = folder.Write("sitemap.dat", "<?xml version=\"1.0\"?><urlset><url><loc>https://x.example/</loc></url></urlset>");

        Assert.Equal("not a feed: root element <urlset>", Assert.Single(await IngestRun.ReadAll(path)).Skipped?.Reason);
    }

    [Fact]
    public async Task A_warc_without_its_extension_is_recognised()
    {
        using var folder = new TempFolder();
        var path = folder.Write("CC-NEWS-0001", new WarcWriter(gzip: false).Html("https://crawl.example/2", "<html><body><p>Crawled.</p></body></html>").ToArray());

        var document = Assert.Single((await IngestRun.ReadAll(path)).Documents());

        Assert.Equal("https://crawl.example/2", document.Hints.Url);
    }

    [Fact]
    public async Task A_binary_file_named_html_is_skipped_as_binary()
    {
        using var folder = new TempFolder();
        var path = folder.Write("image.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01]);

        Assert.Equal("binary file", Assert.Single(await IngestRun.ReadAll(path)).Skipped?.Reason);
    }

    [Fact]
    public async Task A_feed_teaser_gives_way_to_its_page_in_the_input()
    {
        using var folder = new TempFolder();
        var feed = folder.Write("news.rss", Feed("https://gazette.example/story?id=5", "Read more..."));
        var page = folder.Write("story.html", PageWithCanonical("http://www.gazette.example/story/?id=5"));

        var results = await IngestRun.ReadAll(feed, page);

        Assert.Empty(results.Skips());
        Assert.Equal(["news-2", "story"], results.Documents().Select(d => d.Id)); // teaser news-1 dropped for the page
    }

    [Fact]
    public async Task A_feed_teaser_gives_way_to_a_page_read_before_it_or_in_a_warc()
    {
        using var folder = new TempFolder();
        var warc = folder.Write("crawl.warc", new WarcWriter(gzip: false).Html("https://gazette.example/a", $"<html><body><p>{LongBody}</p></body></html>").ToArray());
        var feed = folder.Write("news.rss", Feed("https://gazette.example/a", "Short."));

        var documents = (await IngestRun.ReadAll(warc, feed)).Documents();

        Assert.Equal(["crawl-1", "news-2"], documents.Select(d => d.Id));
    }

    [Fact]
    public async Task A_feed_teaser_without_its_page_is_kept_at_the_end()
    {
        using var folder = new TempFolder();
        var feed = folder.Write("news.rss", Feed("https://gazette.example/elsewhere", "Short but all there is."));
        var other = folder.Write("other.txt", "Other.");

        var documents = (await IngestRun.ReadAll(feed, other)).Documents();

        Assert.Equal(["news-2", "other", "news-1"], documents.Select(d => d.Id));
        Assert.Equal("Short but all there is.", documents[2].Text);
        Assert.Equal("Teaser", documents[2].Hints.Title);
    }

    [Fact]
    public async Task Ids_stay_unique_across_containers_and_files()
    {
        using var folder = new TempFolder();
        folder.Write("one/news.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}");
        folder.Write("two/news.jsonl", "{\"text\":\"c\"}");
        folder.Write("news-1.txt", "d");

        var ids = (await IngestRun.ReadAll(folder.Root)).Documents().Select(d => d.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        // Ordinal order: news-1.txt, one/news.jsonl, two/news.jsonl.
        Assert.Equal(["news-1", "news-1-2", "news-2", "news-1-3"], ids);
    }

    [Fact]
    public async Task An_empty_container_says_so()
    {
        using var folder = new TempFolder();
        var warc = folder.Write("empty.warc", new WarcWriter(gzip: false).Request("https://x.example/").ToArray());
        var jsonl = folder.Write("empty.jsonl", "\n\n");

        var skips = (await IngestRun.ReadAll(warc, jsonl)).Skips();

        Assert.Equal(["no HTML pages in the archive", "empty"], skips.Select(s => s.Reason));
    }
}
