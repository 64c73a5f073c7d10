using Dossier.Group;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Group.GroupSamples;

namespace Dossier.Tests.Group;

public sealed class NearDuplicateDetectorTests
{
    private static readonly DateOnly Day1 = new(2025, 3, 4);
    private static readonly DateOnly Day2 = new(2025, 3, 5);

    private static DuplicateLink Single(IReadOnlyList<DuplicateLink> links)
    {
        Assert.Single(links);
        return links[0];
    }

    [Fact]
    public void ExactCopyLinksToTheEarlierArticle()
    {
        var copy = Make("b-copy", HarbourFire, Day2);
        var original = Make("z-original", HarbourFire, Day1);
        var link = Single(new NearDuplicateDetector().Find([copy, original]));
        Assert.Equal("b-copy", link.ArticleId);
        Assert.Equal("z-original", link.OriginalId);
        Assert.Equal(1.0, link.Similarity);
    }

    [Fact]
    public void SyndicatedCopyWithOtherBoilerplateIsFound()
    {
        var original = Make("site-a", HarbourFire + "\n\nRelated Posts\n\nSubscribe to our newsletter for the latest news", Day1);
        var copy = Make("site-b", "Home > World > Europe\n\n" + HarbourFire + "\n\nCopyright 2025 Example Wire. All rights reserved.\n\nShare this article on social media", Day2);
        var link = Single(new NearDuplicateDetector().Find([original, copy]));
        Assert.Equal("site-b", link.ArticleId);
        Assert.Equal("site-a", link.OriginalId);
        Assert.True(link.Similarity >= 0.5, $"similarity {link.Similarity}");
    }

    [Fact]
    public void CopyWithAnExtraParagraphIsFound()
    {
        var original = Make("wire", HarbourFire, Day1);
        var copy = Make("local", HarbourFire + "\n\nThe port last suffered a major fire in 2009, when a grain silo burned for two days. Local councillors said on Wednesday they would ask for a review of fire safety rules on the quays.", Day2);
        var link = Single(new NearDuplicateDetector().Find([copy, original]));
        Assert.Equal("local", link.ArticleId);
        Assert.Equal("wire", link.OriginalId);
    }

    [Fact]
    public void CopyThatDoublesTheTextIsFoundByContainment()
    {
        // The added text is as long as the original, so Jaccard is about one half at best; all of the wire copy is there.
        var original = Make("wire", HarbourFire, Day1);
        var copy = Make("digest", HarbourFire + "\n\n" + HarbourFireOtherOutlet.Replace("Gdansk", "the city"), Day2);
        var link = Single(new NearDuplicateDetector(new NearDuplicateOptions { MinJaccard = 0.9 }).Find([copy, original]));
        Assert.Equal("digest", link.ArticleId);
        Assert.Equal("wire", link.OriginalId);
        Assert.True(link.Similarity >= 0.8, $"similarity {link.Similarity}");
    }

    [Fact]
    public void RewrittenLeadIsFound()
    {
        var paragraphs = HarbourFire.Split("\n\n");
        paragraphs[0] = "About 400 dock workers had to be evacuated when fire swept through three warehouses in the Port of Gdansk late on Tuesday, covering the old town in black smoke, firefighters said.";
        var rewritten = Make("rewrite", string.Join("\n\n", paragraphs), Day2);
        var original = Make("wire", HarbourFire, Day1);
        var link = Single(new NearDuplicateDetector().Find([rewritten, original]));
        Assert.Equal("rewrite", link.ArticleId);
        Assert.Equal("wire", link.OriginalId);
    }

    [Fact]
    public void IndependentReportsOfOneStoryAreNotDuplicates()
    {
        var links = new NearDuplicateDetector().Find([Make("a", HarbourFire, Day1), Make("b", HarbourFireOtherOutlet, Day1)]);
        Assert.Empty(links);
    }

    [Fact]
    public void ReportThatQuotesTwoWireParagraphsIsNotACopy()
    {
        var wire = HarbourFire.Split("\n\n");
        var own = HarbourFireOtherOutlet.Split("\n\n");
        var mixed = string.Join("\n\n", own[..3].Concat(wire[3..]));
        Assert.Empty(new NearDuplicateDetector().Find([Make("wire", HarbourFire, Day1), Make("outlet", mixed, Day1)]));
    }

    [Fact]
    public void EveryCopyLinksToTheOriginalNotToAnotherCopy()
    {
        var original = Make("first", HarbourFire, Day1);
        var copy = Make("second", HarbourFire + "\n\nRelated Posts", Day2);
        var copyOfCopy = Make("third", HarbourFire + "\n\nRelated Posts\n\nRead more", new DateOnly(2025, 3, 6));
        var links = new NearDuplicateDetector().Find([copyOfCopy, copy, original]);
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal("first", l.OriginalId));
        Assert.Equal(["third", "second"], links.Select(l => l.ArticleId));
    }

    [Fact]
    public void WithoutDatesTheLongerIsTheOriginalThenTheSmallerId()
    {
        var longer = Make("b", HarbourFire + "\n\nThe port authority will publish its own report next month.");
        var shorter = Make("a", HarbourFire);
        Assert.Equal("b", Single(new NearDuplicateDetector().Find([shorter, longer])).OriginalId);

        var x = Make("x", HarbourFire);
        var y = Make("y", HarbourFire);
        Assert.Equal("x", Single(new NearDuplicateDetector().Find([y, x])).OriginalId);
    }

    [Fact]
    public void ShuffledInputGivesTheSameLinks()
    {
        var articles = new[]
        {
            Make("a", HarbourFire, Day1),
            Make("b", HarbourFire + "\n\nRelated Posts", Day2),
            Make("c", HarbourFireOtherOutlet, Day1),
            Make("d", HarbourFireOtherOutlet + "\n\nShare this", Day2),
            Make("e", HarbourFire),
        };
        static string Key(IEnumerable<DuplicateLink> links) =>
            string.Join(";", links.OrderBy(l => l.ArticleId, StringComparer.Ordinal).Select(l => $"{l.ArticleId}>{l.OriginalId}:{l.Similarity}"));
        var found = new NearDuplicateDetector().Find(articles);
        Assert.Equal(["b>a", "d>c", "e>a"], found.Select(l => $"{l.ArticleId}>{l.OriginalId}").Order(StringComparer.Ordinal));
        var expected = Key(found);
        var random = new Random(7);
        for (var round = 0; round < 5; round++)
        {
            var shuffled = articles.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Key(new NearDuplicateDetector().Find(shuffled)));
        }
    }

    [Fact]
    public void OddInputDoesNotThrow()
    {
        var junk = new string('x', 200_000) + " " + string.Concat(Enumerable.Repeat("\u0000\uFFFF\uD800 ", 1000));
        var articles = new[]
        {
            Make("empty1", ""),
            Make("empty2", ""),
            Make("junk", junk),
            Make("short", "Fire."),
            new Article("nohash", "x", "Fire.", ""),
        };
        var links = new NearDuplicateDetector().Find(articles);
        Assert.Contains(links, l => l.ArticleId == "empty2" && l.OriginalId == "empty1");
        Assert.DoesNotContain(links, l => l.ArticleId == "junk" || l.OriginalId == "junk");
        Assert.Empty(new NearDuplicateDetector().Find([]));
    }
}

public sealed class SeedCorpusGroupTests
{
    [Fact]
    public void SeedReportsAreOneStoryAndNotCopiesOfEachOther()
    {
        var seeds = SharedCorpus.Seeds();
        Assert.True(seeds.Count >= 3, "../shared/corpus/seeds not found");
        Assert.Empty(new NearDuplicateDetector().Find(seeds));
        var clusters = new StoryClusterer().Cluster(seeds.Select(GroupSamples.Bare).ToList());
        Assert.Single(clusters);
    }

    [Fact]
    public void SeedWithItsBoilerplateSwappedIsACopy()
    {
        var seeds = SharedCorpus.Seeds();
        Assert.True(seeds.Count >= 3, "../shared/corpus/seeds not found");
        var original = seeds[0] with { Published = new PublishedDate(new DateOnly(2024, 11, 29), DatePrecision.Day, DateSource.Metadata) };
        var copy = GroupSamples.Make("copy", "Breaking News | World\n\n" + original.Text.TrimEnd() + "\n\nRelated Posts\n\nLeave a comment", new DateOnly(2024, 11, 30));
        var links = new NearDuplicateDetector().Find([original, .. seeds.Skip(1), copy]);
        var link = Assert.Single(links);
        Assert.Equal(("copy", original.Id), (link.ArticleId, link.OriginalId));
    }
}
