using Dossier.Annotate;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class SecondPassTests
{
    private static readonly string[][] Document = [["Shares", "in", "Pirelli", "rose", "."], ["Pirelli", "said", "on", "Friday", "."]];

    private static int[][] SecondPassOf(string[] firstTagsOfOtherSentence)
    {
        var features = new EntityFeatures(Gazetteer.Default, 20);
        var evidence = EntityFeatures.DocumentEvidence.Of(Document);
        var first = features.Sentence(Document[1], evidence);
        int[][] tags = [[.. firstTagsOfOtherSentence.Select(EntityTags.Parse)], [EntityTags.Parse("B-PER"), 0, 0, 0, 0]];
        var firstPass = EntityFeatures.FirstPass.Of(Document, tags);
        return features.SecondPass(Document[1], 1, first, firstPass, new Dictionary<string, int>(StringComparer.Ordinal));
    }

    [Fact]
    public void WhatTheFirstPassSaidOfTheSameWordElsewhereChangesTheFeatures()
    {
        var asOrganisation = SecondPassOf(["O", "O", "B-ORG", "O", "O"]);
        var asPerson = SecondPassOf(["O", "O", "B-PER", "O", "O"]);
        Assert.NotEqual(asOrganisation[0], asPerson[0]);
        Assert.Equal(asOrganisation[3], asPerson[3]); // "Friday" occurs once, so only its own first-pass tag counts
    }

    [Fact]
    public void TheSecondPassKeepsTheFirstPassFeaturesInFront()
    {
        var features = new EntityFeatures(Gazetteer.Default, 20);
        var first = features.Sentence(Document[1], EntityFeatures.DocumentEvidence.Of(Document));
        var second = SecondPassOf(["O", "O", "B-ORG", "O", "O"]);
        for (var i = 0; i < first.Length; i++)
        {
            Assert.True(second[i].Length > first[i].Length);
            Assert.Equal(first[i], second[i][..first[i].Length]);
        }
    }

    [Fact]
    public void ATwoPassModelSavesBothPassesAndAOnePassModelOne()
    {
        var two = new PerceptronTrainer(Gazetteer.Default, new PerceptronTrainingOptions { Epochs = 4, BucketBits = 16, SecondPassFolds = 2 }).Train(PerceptronTrainingTests.Tiny);
        var one = new PerceptronTrainer(Gazetteer.Default, new PerceptronTrainingOptions { Epochs = 4, BucketBits = 16, SecondPassFolds = 0 }).Train(PerceptronTrainingTests.Tiny);
        Assert.True(two.HasSecondPass);
        Assert.False(one.HasSecondPass);
        var loaded = PerceptronEntityModel.Load(new MemoryStream(PerceptronTrainingTests.Bytes(two)), Gazetteer.Default);
        Assert.True(loaded.HasSecondPass);
        Assert.True(PerceptronTrainingTests.Bytes(two).Length > PerceptronTrainingTests.Bytes(one).Length);
    }
}

public sealed class WordClusterTests
{
    // Fifty made-up places and fifty made-up days each fill their own slots: more words than the 64 coarsest classes.
    private static readonly string[] Places = [.. Enumerable.Range(0, 50).Select(k => "Place" + k)];
    private static readonly string[] Days = [.. Enumerable.Range(0, 50).Select(k => "Day" + k)];

    private static IEnumerable<IReadOnlyList<string>> Text()
    {
        for (var k = 0; k < 200; k++)
        {
            var place = Places[k % Places.Length];
            var day = Days[(k * 7) % Days.Length];
            yield return ["He", "arrived", "in", place, "on", day, "."];
            yield return ["They", "left", place, "on", day, "morning", "."];
        }
    }

    [Fact]
    public void WordsUsedAlikeShareAClass()
    {
        var clusters = WordClusters.Learn(Text(), minCount: 3);
        var placeClasses = Places.Select(p => clusters.Of(p)![0]).ToHashSet();
        var dayClasses = Days.Select(d => clusters.Of(d)![0]).ToHashSet();
        Assert.Empty(placeClasses.Intersect(dayClasses));
        Assert.True(placeClasses.Count < Places.Length || dayClasses.Count < Days.Length); // some merged, and only with their like
        Assert.Null(clusters.Of("Nairobi"));
    }

    [Fact]
    public void LearningIsDeterministicAndTheFileReadsBack()
    {
        string Written(WordClusters clusters)
        {
            using var writer = new StringWriter();
            clusters.Write(writer);
            return writer.ToString();
        }
        var text = Written(WordClusters.Learn(Text()));
        Assert.Equal(text, Written(WordClusters.Learn(Text())));
        Assert.Equal(text, Written(WordClusters.Read(new StringReader(text))));
    }

    [Fact]
    public void TheShippedClassesAreLoaded()
        => Assert.True(WordClusters.Default.Count > 1000);
}
