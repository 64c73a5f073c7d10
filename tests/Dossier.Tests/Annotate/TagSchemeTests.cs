using Dossier.Annotate;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class TagSchemeTests
{
    private static int[] Iob(params string[] names) => [.. names.Select(EntityTags.Parse)];

    private static string[] Names(TagScheme scheme, int[] tags) => [.. tags.Select(scheme.TagName)];

    [Fact]
    public void BilouMarksTheLastWordAndOneWordNames()
    {
        var iob = Iob("B-PER", "I-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "O", "B-MISC");
        Assert.Equal(["B-PER", "I-PER", "L-PER", "O", "U-LOC", "B-ORG", "L-ORG", "O", "U-MISC"], Names(TagScheme.Bilou, TagScheme.Bilou.FromIob(iob)));
        Assert.Equal(iob, TagScheme.Bilou.ToIob(TagScheme.Bilou.FromIob(iob)));
    }

    [Fact]
    public void AnyIobSequenceComesBackAsTheSameNames()
    {
        // IOB1-style I- tags after another type start a name; the round trip keeps every name, written as IOB2.
        var random = new Random(4);
        for (var run = 0; run < 500; run++)
        {
            var iob = Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(EntityTags.Count)).ToArray();
            var bilou = TagScheme.Bilou.FromIob(iob);
            Assert.Equal(EntityTags.Chunks(iob), EntityTags.Chunks(TagScheme.Bilou.ToIob(bilou)));
            for (var k = 0; k < bilou.Length; k++) Assert.True(TagScheme.Bilou.Allowed(k == 0 ? -1 : bilou[k - 1], bilou[k]), string.Join(' ', Names(TagScheme.Bilou, bilou)));
            if (bilou.Length > 0) Assert.True(TagScheme.Bilou.CanEnd(bilou[^1]));
        }
    }

    [Fact]
    public void BilouAllowsOnlyWellFormedNames()
    {
        int Tag(string name) => Array.IndexOf(Enumerable.Range(0, TagScheme.Bilou.Count).Select(TagScheme.Bilou.TagName).ToArray(), name);
        Assert.Equal(17, TagScheme.Bilou.Count);
        Assert.True(TagScheme.Bilou.Allowed(Tag("B-PER"), Tag("L-PER")));
        Assert.True(TagScheme.Bilou.Allowed(Tag("L-PER"), Tag("U-LOC")));
        Assert.True(TagScheme.Bilou.Allowed(-1, Tag("B-ORG")));
        Assert.False(TagScheme.Bilou.Allowed(-1, Tag("I-ORG")));
        Assert.False(TagScheme.Bilou.Allowed(Tag("O"), Tag("L-PER")));
        Assert.False(TagScheme.Bilou.Allowed(Tag("B-PER"), Tag("L-ORG")));
        Assert.False(TagScheme.Bilou.Allowed(Tag("B-PER"), Tag("O")));
        Assert.False(TagScheme.Bilou.Allowed(Tag("U-PER"), Tag("I-PER")));
        Assert.False(TagScheme.Bilou.CanEnd(Tag("I-MISC")));
        Assert.True(TagScheme.Bilou.CanEnd(Tag("U-MISC")));
        Assert.Throws<InvalidDataException>(() => TagScheme.OfCount(5));
    }

    [Fact]
    public void ANameKeepsABracketItOpened()
    {
        string[] words = ["Mladost", "(", "L", ")", "beat", "\"", "Rad", "\"", ")"];
        var tags = Iob("B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG");
        PerceptronEntityModel.TrimPunctuation(words, tags);
        Assert.Equal(Iob("B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O"), tags);
    }
}

public sealed class PerceptronSchemeTrainingTests
{
    private static PerceptronEntityModel Train(string scheme, int minCount = 1)
        => new PerceptronTrainer(Gazetteer.Default, new PerceptronTrainingOptions { Epochs = 8, BucketBits = 16, Scheme = scheme, MinFeatureCount = minCount })
            .Train(PerceptronTrainingTests.Tiny);

    [Theory]
    [InlineData("bilou", 17)]
    [InlineData("iob2", 9)]
    public void EitherSchemeSavesItsTagCountAndTagsAlikeWhenLoaded(string scheme, int tags)
    {
        var model = Train(scheme);
        Assert.Equal(tags, model.Scheme.Count);
        var saved = PerceptronTrainingTests.Bytes(model);
        Assert.Equal(tags, BitConverter.ToInt32(saved, 12)); // magic, version, bucket bits, then the tag count
        var loaded = PerceptronEntityModel.Load(new MemoryStream(saved), Gazetteer.Default);
        Assert.Equal(tags, loaded.Scheme.Count);
        foreach (var document in PerceptronTrainingTests.Tiny)
        {
            var words = document.Sentences.Select(s => s.Words).ToList();
            Assert.Equal(model.TagDocument(words), loaded.TagDocument(words));
        }
        var first = PerceptronTrainingTests.Tiny[0].Sentences[0];
        Assert.Equal(first.Tags, loaded.TagDocument([first.Words])[0]); // output is IOB2 whatever the scheme
    }

    [Fact]
    public void FeaturesSeenOnceAreLeftOutWhenAskedSoTheModelIsSmaller()
    {
        var all = PerceptronTrainingTests.Bytes(Train("bilou", 1)).Length;
        var pruned = PerceptronTrainingTests.Bytes(Train("bilou", 2)).Length;
        Assert.True(pruned < all * 0.8, $"{pruned} bytes against {all}");
    }

    [Fact]
    public void AnUnknownSchemeIsRefused()
        => Assert.Throws<ArgumentException>(() => new PerceptronTrainer(Gazetteer.Default, new PerceptronTrainingOptions { Scheme = "bio" }));
}
