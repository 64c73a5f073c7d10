using Dossier.Eval;
using Dossier.Group;
using Dossier.Model;
using Dossier.Tests.Support;
using Xunit;
using static Dossier.Tests.Group.GroupSamples;

namespace Dossier.Tests.Group;

/// <summary>The streaming form of the near-duplicate detector: same links as the batch, across any border, within its window.</summary>
public sealed class NearDuplicateStreamTests
{
    private static readonly DateOnly Day1 = new(2025, 3, 4);

    /// <summary>The near-duplicate set's real ECB+ articles and all their copies (eval/run neardup), as extracted.</summary>
    private static List<Article> RealTexts()
    {
        var set = NearDupSetBuilder.Build(Shared.Root, 1);
        var extractor = new Dossier.Extract.PlainTextExtractor();
        return set.Originals.Concat(set.Copies)
            .Select(d => extractor.Extract(new Dossier.Ingest.SourceDocument(d.Id, d.Id + ".txt", "text", d.Text)))
            .ToList();
    }

    private static Article On(Article article, DateOnly day) =>
        article with { Published = new PublishedDate(day, DatePrecision.Day, DateSource.Metadata) };

    private static string Key(IEnumerable<DuplicateLink> links) =>
        string.Join(";", links.OrderBy(l => l.ArticleId, StringComparer.Ordinal).Select(l => $"{l.ArticleId}>{l.OriginalId}:{l.Similarity}"));

    [Fact]
    public void StreamInPublicationOrderLinksAsTheBatchOnRealTexts()
    {
        // Each article its own day, handed to the batch shuffled and to the stream in publication order.
        var random = new Random(11);
        var articles = RealTexts().OrderBy(_ => random.Next()).Select((a, i) => On(a, Day1.AddDays(i))).ToList();
        var batch = new NearDuplicateDetector().Find(articles.OrderBy(_ => random.Next()).ToList());
        Assert.True(batch.Count > 500, $"{batch.Count} links"); // the set holds about 950 copies

        var stream = new NearDuplicateDetector().Start();
        var streamed = articles.Select(stream.Add).OfType<DuplicateLink>().ToList();
        Assert.Equal(Key(batch), Key(streamed));
        Assert.Equal(articles.Count, stream.Count);
    }

    [Fact]
    public void WindowWiderThanTheStreamChangesNoLink()
    {
        var random = new Random(5);
        var articles = RealTexts().OrderBy(_ => random.Next()).Select((a, i) => On(a, Day1.AddDays(i / 50))).ToList();
        var all = new NearDuplicateDetector().Start();
        var windowed = new NearDuplicateDetector(new NearDuplicateOptions { WindowDays = articles.Count / 50 + 1 }).Start();
        Assert.Equal(Key(articles.Select(all.Add).OfType<DuplicateLink>()), Key(articles.Select(windowed.Add).OfType<DuplicateLink>()));
    }

    [Fact]
    public void CopyAcrossAFormerBatchBorderIsFound()
    {
        var real = RealTexts().Where(a => !a.Id.Contains('~') && a.Text.Length > 1500).Take(400).ToList(); // no copies of the set
        var original = real[199];
        var copy = Make("copy", "Home > World\n\n" + original.Text + "\n\nRelated Posts\n\nShare this article", Day1.AddDays(1));
        var articles = real.Take(200).Append(copy).Concat(real.Skip(200)).Select(a => a.Published is null ? On(a, Day1) : a).ToList();

        // In two batches split between the original and the copy, the copy is not found.
        var detector = new NearDuplicateDetector();
        var batches = detector.Find(articles.Take(200).ToList()).Concat(detector.Find(articles.Skip(200).ToList()));
        Assert.DoesNotContain(batches, l => l.ArticleId == "copy");

        var stream = new NearDuplicateDetector(new NearDuplicateOptions { WindowDays = 7 }).Start();
        var links = articles.Select(stream.Add).OfType<DuplicateLink>().ToList();
        var link = Assert.Single(links, l => l.ArticleId == "copy");
        Assert.Equal(original.Id, link.OriginalId);
    }

    [Theory]
    [InlineData(7, true)]
    [InlineData(8, false)]
    public void ArticleOlderThanTheWindowIsForgotten(int daysLater, bool linked)
    {
        var stream = new NearDuplicateDetector(new NearDuplicateOptions { WindowDays = 7 }).Start();
        Assert.Null(stream.Add(Make("original", HarbourFire, Day1)));
        Assert.Null(stream.Add(Make("other", HarbourFireOtherOutlet, Day1.AddDays(daysLater))));
        var near = stream.Add(Make("near", HarbourFire + "\n\nRelated Posts", Day1.AddDays(daysLater)));
        var exact = stream.Add(Make("exact", HarbourFire, Day1.AddDays(daysLater)));
        Assert.Equal(linked ? "original" : null, near?.OriginalId);
        // Once the original is forgotten the first copy is the original of the next.
        Assert.Equal(linked ? "original" : "near", exact?.OriginalId);
        Assert.Equal(linked ? 4 : 3, stream.Count);
    }

    [Fact]
    public void MemoryStaysWithinTheWindow()
    {
        var real = RealTexts().Take(1000).ToList();
        var stream = new NearDuplicateDetector(new NearDuplicateOptions { WindowDays = 7 }).Start();
        var most = 0;
        for (var i = 0; i < real.Count; i++)
        {
            stream.Add(On(real[i], Day1.AddDays(i / 20))); // 20 articles a day
            most = Math.Max(most, stream.Count);
        }
        Assert.Equal(8 * 20, most); // the latest day and the 7 before it
        Assert.Equal(8 * 20, stream.Count);
    }

    [Fact]
    public void MaxArticlesForgetsTheEarliestArrivals()
    {
        var stream = new NearDuplicateDetector(new NearDuplicateOptions { MaxArticles = 2 }).Start();
        Assert.Null(stream.Add(Make("original", HarbourFire)));
        Assert.Null(stream.Add(Make("other", HarbourFireOtherOutlet)));
        Assert.Null(stream.Add(Make("third", "Parliament passed the budget on Thursday after a night of debate over spending on roads and schools in the north.")));
        Assert.Equal(2, stream.Count);
        Assert.Equal("other", stream.Add(Make("copy-of-other", HarbourFireOtherOutlet))?.OriginalId);
        Assert.Null(stream.Add(Make("copy-of-original", HarbourFire))); // "original" was the earliest arrival, forgotten
    }
}
