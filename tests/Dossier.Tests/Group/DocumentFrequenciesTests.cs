using Dossier.Group;
using Dossier.Tests.Cli;
using Xunit;
using static Dossier.Tests.Group.GroupSamples;

namespace Dossier.Tests.Group;

public sealed class DocumentFrequenciesTests
{
    private static string StemOf(string word)
    {
        var collector = new Collector([]);
        TermVectors.ForEachStem(word, ref collector);
        return Assert.Single(collector.Stems);
    }

    private readonly record struct Collector(List<string> Stems) : TermVectors.IStemVisitor
    {
        public void Visit(ReadOnlySpan<char> stem, bool capitalised) => Stems.Add(stem.ToString());
    }

    [Fact]
    public void EachArticleCountsAStemOnce()
    {
        var table = DocumentFrequencies.Learn(["Harbour cranes and harbour ships.", "The harbour was closed.", "Ships waited offshore."], minimum: 1);
        Assert.Equal(3, table.Documents);
        Assert.Equal(2, table.Frequency(StemOf("harbour")));
        Assert.Equal(2, table.Frequency(StemOf("ships")));
        Assert.Equal(1, table.Frequency(StemOf("cranes")));
        Assert.Equal(0, table.Frequency(StemOf("airport")));
        // Below the minimum a stem is left out: as rare as one never seen.
        var pruned = DocumentFrequencies.Learn(["Harbour cranes and harbour ships.", "The harbour was closed.", "Ships waited offshore."], minimum: 2);
        Assert.Equal(0, pruned.Frequency(StemOf("cranes")));
        Assert.Equal(2, pruned.Frequency(StemOf("harbour")));
    }

    [Fact]
    public void WrittenTableReadsBackTheSame()
    {
        var table = DocumentFrequencies.Learn(["Harbour cranes and harbour ships.", "The harbour was closed.", "Ships waited offshore."], minimum: 1);
        var writer = new StringWriter();
        table.Write(writer, "two lines\nof comment");
        var read = DocumentFrequencies.Read(new StringReader(writer.ToString()));
        Assert.Equal(table.Documents, read.Documents);
        Assert.Equal(table.Stems, read.Stems);
        Assert.StartsWith("# two lines\n# of comment\ndocuments\t3\n", writer.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("harbour\t2\n", "first line must be 'documents")]
    [InlineData("documents\t3\nharbour two\n", "line 2: expected a stem")]
    [InlineData("documents\t3\nharbour\t2\nharbour\t1\n", "line 3: 'harbour' appears twice")]
    [InlineData("documents\t3\nharbour\t4\n", "counted 4 times in 3 documents")]
    [InlineData("# only a comment\n", "no 'documents' line")]
    public void MalformedTablesAreRefusedWithTheReason(string text, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => DocumentFrequencies.Read(new StringReader(text)));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#harbour")]
    [InlineData("har\tbour")]
    [InlineData("har\nbour")]
    [InlineData("")]
    public void AStemTheTableCouldNotWriteBackIsRefused(string stem)
    {
        var error = Assert.Throws<ArgumentException>(() => new DocumentFrequencies(3, new Dictionary<string, int> { [stem] = 1 }));
        Assert.Contains("cannot be a stem", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheShippedTableIsWhatTheTrainingCommandWrites()
    {
        Assert.SkipWhen(Dossier.Eval.SharedData.TryLocate() is null, "../shared not found");
        var output = Path.Combine(Path.GetTempPath(), $"dossier-frequencies-{Guid.NewGuid():N}.tsv");
        try
        {
            var (code, stdout, stderr) = await CommandLine.RunAsync("train", "frequencies", "--output", output);
            Assert.True(code == 0, stderr);
            Assert.Contains("stems from", stdout, StringComparison.Ordinal);
            using var reader = new StreamReader(output);
            var trained = DocumentFrequencies.Read(reader);
            Assert.Equal(trained.Documents, DocumentFrequencies.Default.Documents);
            Assert.Equal(trained.Stems, DocumentFrequencies.Default.Stems);
            Assert.True(trained.Documents > 1000 && trained.Count > 5000, $"{trained.Count} stems from {trained.Documents} articles");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void AWordCommonInTheBackgroundWeighsLess()
    {
        // Two articles sharing only an everyday word, each with words of its own.
        var articles = new[]
        {
            Bare("a", "The government announced new rules for fishing boats in the northern bays."),
            Bare("b", "Teachers criticised the government over the closure of rural village schools."),
        };
        var background = DocumentFrequencies.Learn(
            Enumerable.Range(0, 50).Select(i => $"The government met on day {i}."), minimum: 1);
        var alone = TermVectors.FromText(articles, 1, 1);
        var withBackground = TermVectors.FromText(articles, 1, 1, background);
        Assert.True(withBackground.Cosine(0, 1) < alone.Cosine(0, 1) / 2, $"{withBackground.Cosine(0, 1)} against {alone.Cosine(0, 1)}");
    }

    [Fact]
    public void WithTheBackgroundAPairWeighsAlikeInASmallAndALargeBatch()
    {
        var small = new[] { Bare("a", StoryA1), Bare("b", StoryA2), Bare("c", StoryB1) };
        var large = small.Concat(Enumerable.Range(0, 30).Select(i => Bare($"x{i:D2}", Filler(i)))).ToArray();
        static double Pair(Dossier.Model.AnnotatedArticle[] batch, DocumentFrequencies? background) =>
            new StoryClusterer(new StoryClusterOptions { Background = background, MinEdgeSimilarity = 0 })
                .Similarities(batch).Single(e => e.A == 0 && e.B == 1).Similarity;
        var shiftAlone = Math.Abs(Pair(small, null) - Pair(large, null));
        var shiftWithBackground = Math.Abs(Pair(small, DocumentFrequencies.Default) - Pair(large, DocumentFrequencies.Default));
        Assert.True(shiftWithBackground < shiftAlone / 2, $"shift {shiftWithBackground:F3} with the background, {shiftAlone:F3} without");
    }

    private const string StoryA1 = "Flooding closed the main road into Riverton on Tuesday after the Tamsk river burst its banks, the county council said.";
    private const string StoryA2 = "The Tamsk river flooded parts of Riverton on Tuesday, and the council closed the main road until the water falls.";
    private const string StoryB1 = "A new library opened in the town centre on Saturday with a reading room for children and a cafe.";

    private static string Filler(int i) =>
        $"The council said on Tuesday that the road repairs in district {i} would finish next month, and the river path would reopen.";
}
