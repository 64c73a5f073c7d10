using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Extract;

/// <summary>Reads the seed articles and an ECB+ file from ../shared at run time.</summary>
public sealed class RealFileTests
{
    private static async Task<Dictionary<string, Article>> ReadSeeds()
    {
        var seeds = Path.Combine(SharedFolder.Locate(), "corpus", "seeds");
        var extractor = new PlainTextExtractor();
        var articles = new Dictionary<string, Article>(StringComparer.Ordinal);
        await foreach (var result in new FileSource().ReadAsync([seeds], TestContext.Current.CancellationToken))
        {
            Assert.Null(result.Skipped);
            var article = extractor.Extract(result.Document!);
            articles[article.Id[..3]] = article;
        }
        return articles;
    }

    // Sentences as the source wrote them: lines of the file that end a sentence.
    private static IEnumerable<string> SentenceLines(string path)
        => File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.EndsWith('.') || l.EndsWith('\u201D') || l.EndsWith('"'));

    [Fact]
    public async Task Seeds_lose_their_furniture_and_keep_their_sentences()
    {
        var articles = await ReadSeeds();
        Assert.Equal(["000", "002", "003"], articles.Keys.Order(StringComparer.Ordinal));

        foreach (var article in articles.Values)
        {
            Assert.DoesNotContain("Related Posts", article.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Leave a Reply", article.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n\n", article.Text, StringComparison.Ordinal);
            Assert.Null(article.Published);
            Assert.Equal("en", article.Language);
            Assert.Matches("^[0-9a-f]{64}$", article.ContentHash);
        }

        var titled = articles["002"];
        Assert.Equal("North Korea and Russian Defense Minister Seek Closer Military Ties to Counter U.S. Influence", titled.Title);
        Assert.False(titled.Text.StartsWith("North Korea and Russian Defense Minister Seek", StringComparison.Ordinal));
        var caption = Assert.Single(titled.Removed, r => r.Reason == "caption");
        Assert.DoesNotContain(caption.Text, titled.Text, StringComparison.Ordinal);
        Assert.Contains(titled.Removed, r => r.Text == "Related Posts");
        Assert.StartsWith("Russian Defence Minister Andrei Belousov met with North Korean leader Kim Jong Un", titled.Text, StringComparison.Ordinal);

        foreach (var id in new[] { "000", "003" })
        {
            var article = articles[id];
            Assert.Null(article.Title);
            foreach (var sentence in SentenceLines(article.Origin))
                Assert.Contains(sentence, article.Text, StringComparison.Ordinal);
            Assert.All(article.Removed, r => Assert.True(r.Text.Split(' ').Length <= 12, r.Text));
        }
        Assert.Contains(articles["003"].Removed, r => r.Text == "Leave a Reply");
        Assert.Empty(articles["000"].Removed);
    }

    [Fact]
    public async Task Ecb_plus_file_gets_its_url_site_and_title()
    {
        var path = Path.Combine(SharedFolder.Locate(), "data", "ecbplus", "text", "1_1ecbplus.txt");
        var firstLines = File.ReadLines(path).Take(2).ToArray();
        var results = new List<IngestResult>();
        await foreach (var result in new FileSource().ReadAsync([path], TestContext.Current.CancellationToken)) results.Add(result);

        var article = new PlainTextExtractor().Extract(Assert.Single(results).Document!);

        Assert.Equal(firstLines[0].Trim(), article.Url);
        Assert.Equal(new Uri(firstLines[0].Trim()).Host.Replace("www.", "", StringComparison.Ordinal), article.Site);
        Assert.Equal(firstLines[1].Trim(), article.Title);
        Assert.DoesNotContain("http://", article.Text, StringComparison.Ordinal);
        Assert.False(article.Text.StartsWith(firstLines[1].Trim(), StringComparison.Ordinal));
    }
}
