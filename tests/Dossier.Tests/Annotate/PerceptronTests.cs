using System.Text;
using Dossier.Annotate;
using Dossier.Cli;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class PerceptronFeatureTests
{
    private static readonly string[] Sentence = ["Chancellor", "Olaf", "Scholz", "flew", "to", "NAIROBI", "on", "Wednesday", "."];

    [Fact]
    public void TheSameWordsGiveTheSameBucketsFromAnyInstance()
    {
        var evidence = EntityFeatures.DocumentEvidence.Of([Sentence]);
        var first = new EntityFeatures(Gazetteer.Default, 20).Sentence(Sentence, evidence);
        var second = new EntityFeatures(Gazetteer.Default, 20).Sentence([.. Sentence], EntityFeatures.DocumentEvidence.Of([Sentence]));
        Assert.Equal(Sentence.Length, first.Length);
        for (var i = 0; i < first.Length; i++) Assert.Equal(first[i], second[i]);
    }

    [Fact]
    public void BucketsArePinnedSoAShippedModelKeepsItsMeaning()
    {
        // FNV-1a over fixed bytes: a change here silently breaks models/ner.bin, so retrain when it must change.
        var features = new EntityFeatures(Gazetteer.Default, 20).Sentence(["Olaf"], EntityFeatures.DocumentEvidence.Of([]));
        Assert.Equal(BiasBucket, features[0][0]);
        Assert.All(features[0], f => Assert.InRange(f, 0, (1 << 20) - 1));
    }

    private const int BiasBucket = 63511;

    [Fact]
    public void NeighboursAndDocumentEvidenceChangeTheFeatures()
    {
        var alone = new EntityFeatures(Gazetteer.Default, 20).Sentence(["Apple", "rose"], EntityFeatures.DocumentEvidence.Of([]));
        var evidence = EntityFeatures.DocumentEvidence.Of([["Shares", "of", "Apple", "rose"]]);
        var withDocument = new EntityFeatures(Gazetteer.Default, 20).Sentence(["Apple", "rose"], evidence);
        Assert.NotEqual(alone[0], withDocument[0]);
        Assert.Equal(alone[0].Length + 2, withDocument[0].Length); // seen capitalised mid-sentence, and sentence-initially so
    }

    [Fact]
    public void AListedCompanyWordAddsOneFeature()
    {
        Assert.True(Gazetteer.Default.IsCompanyWord("Siemens"));
        Assert.False(Gazetteer.Default.IsCompanyWord("Olaf"));
        var without = new Gazetteer([], [], [], [], [], [], []);
        var with = new Gazetteer([], [], [], [], [], [], [], ["Siemens"]);
        var evidence = EntityFeatures.DocumentEvidence.Of([]);
        var plain = new EntityFeatures(without, 20).Sentence(["Siemens", "rose"], evidence);
        var listed = new EntityFeatures(with, 20).Sentence(["Siemens", "rose"], evidence);
        Assert.Equal(plain[0].Length + 1, listed[0].Length);
        Assert.Equal(plain[1], listed[1]);
    }

    [Theory]
    [InlineData("Xi-Jinping", "Xx-Xxxxxxx", "Xx-Xx")]
    [InlineData("1996-08-22", "dddd-dd-dd", "d-d-d")]
    [InlineData("NATO", "XXXX", "X")]
    [InlineData("U.S.", "X.X.", "X.X.")]
    public void ShapesMapLettersAndDigits(string word, string shape, string shortShape)
    {
        Assert.Equal(shape, EntityFeatures.Shape(word));
        Assert.Equal(shortShape, EntityFeatures.ShortShape(EntityFeatures.Shape(word)));
    }
}

public sealed class PerceptronTrainingTests
{
    private static TaggedSentence Tagged(string line)
    {
        var words = new List<string>();
        var tags = new List<int>();
        foreach (var item in line.Split(' '))
        {
            var slash = item.LastIndexOf('/');
            words.Add(slash < 0 ? item : item[..slash]);
            tags.Add(slash < 0 ? EntityTags.Outside : EntityTags.Parse(item[(slash + 1)..]));
        }
        return new TaggedSentence(words, tags);
    }

    internal static readonly TaggedDocument[] Tiny =
    [
        new([Tagged("Maria/B-PER Okafor/I-PER joined Nordbank/B-ORG in Lagos/B-LOC ."),
             Tagged("Okafor/B-PER said Nordbank/B-ORG would hire 40 people ."),
             Tagged("The Danish/B-MISC lender opened in Accra/B-LOC last year .")]),
        new([Tagged("Tomas/B-PER Brandt/I-PER left Helix/B-ORG Capital/I-ORG for Oslo/B-LOC ."),
             Tagged("Helix/B-ORG Capital/I-ORG declined to comment ."),
             Tagged("Brandt/B-PER is Norwegian/B-MISC .")]),
    ];

    private static PerceptronEntityModel TrainTiny()
        => new PerceptronTrainer(Gazetteer.Default, new PerceptronTrainingOptions { Epochs = 8, BucketBits = 16 }).Train(Tiny);

    [Fact]
    public void ATinyRunLearnsItsSentences()
    {
        var model = TrainTiny();
        foreach (var document in Tiny)
        {
            var tags = model.TagDocument([.. document.Sentences.Select(s => s.Words)]);
            for (var s = 0; s < tags.Count; s++) Assert.Equal(document.Sentences[s].Tags, tags[s]);
        }
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        Assert.Equal(Bytes(TrainTiny()), Bytes(TrainTiny()));
    }

    [Fact]
    public void SaveAndLoadRoundTripByteForByte()
    {
        var model = TrainTiny();
        var saved = Bytes(model);
        var loaded = PerceptronEntityModel.Load(new MemoryStream(saved), Gazetteer.Default);
        Assert.Equal(saved, Bytes(loaded));
        var words = Tiny[0].Sentences[0].Words;
        Assert.Equal(model.TagDocument([words])[0], loaded.TagDocument([words])[0]);
        Assert.Equal((uint)0x52454E44, BitConverter.ToUInt32(saved, 0)); // "DNER", little-endian
    }

    [Fact]
    public void AFileThatIsNoModelIsRefused()
        => Assert.Throws<InvalidDataException>(() => PerceptronEntityModel.Load(new MemoryStream(new byte[64]), Gazetteer.Default));

    internal static byte[] Bytes(PerceptronEntityModel model)
    {
        using var buffer = new MemoryStream();
        model.Save(buffer);
        return buffer.ToArray();
    }
}

public sealed class PerceptronShippedModelTests
{
    private static List<(string Name, EntityType Type)> Names(string text)
    {
        var tokens = new List<Token>();
        var sentences = new List<Sentence>();
        foreach (var span in new SentenceSplitter().Split(text))
        {
            var first = tokens.Count;
            new Tokenizer().Tokenize(text, span, tokens);
            sentences.Add(new Sentence(span, first, tokens.Count - first));
        }
        return [.. PerceptronEntityModel.Default.Recognize(text, sentences, tokens).Select(m => (m.Span.Of(text), m.Type))];
    }

    [Fact]
    public void NamesPeoplePlacesAndOrganisations()
    {
        Assert.Equal(
            [("Olaf Scholz", EntityType.PER), ("Nairobi", EntityType.LOC), ("William Ruto", EntityType.PER)],
            Names("Chancellor Olaf Scholz flew to Nairobi on Wednesday to meet President William Ruto."));
        Assert.Equal(
            [("Volkswagen", EntityType.ORG), ("Frankfurt", EntityType.LOC)],
            Names("Shares of Volkswagen fell 3 percent in Frankfurt after the company cut its forecast."));
        Assert.Equal(
            [("World Health Organization", EntityType.ORG), ("Marta Lindqvist", EntityType.PER), ("Geneva", EntityType.LOC)],
            Names("The World Health Organization said Marta Lindqvist would lead the team in Geneva."));
    }

    [Fact]
    public void ASurnameAloneFollowsTheFullNameAndQuotesStayOutside()
    {
        var names = Names("Marta Lindqvist arrived on Monday. “We are ready,” Lindqvist said.");
        Assert.Equal([("Marta Lindqvist", EntityType.PER), ("Lindqvist", EntityType.PER)], names);
    }

    [Fact]
    public void TheShippedModelLoadsQuicklyAndOnce()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var model = PerceptronEntityModel.Default;
        watch.Stop();
        Assert.Same(model, PerceptronEntityModel.Default);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"loading took {watch.Elapsed}"); // one second on a quiet machine; slack for CI
    }

    [Fact]
    public void ThePipelineKeepsTheRulesTitle()
    {
        var text = "Brazilian Foreign Minister Mauro Vieira arrived in Lisbon on Tuesday.";
        var (_, mentions) = EntityRecognizerTests.Recognize(text, EntityRecognizer.Trained());
        var person = Assert.Single(mentions, m => m.Type == EntityType.PER);
        Assert.Equal("Mauro Vieira", person.Span.Of(text));
        Assert.Equal("Brazilian Foreign Minister", person.Title?.Of(text));
    }
}

public sealed class PerceptronNerCommandTests
{
    private static async Task<(int Code, string Output)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var code = await DossierCommand.RunAsync(args, stdout, new StringWriter(), TestContext.Current.CancellationToken);
        return (code, stdout.ToString());
    }

    [Fact]
    public async Task ConllInputComesBackTokenForTokenWithTags()
    {
        var input = "-DOCSTART- -X- O O\n\nNadia NNP B-PER\nKhoury NNP I-PER\nvisited VBD O\nBeirut NNP B-LOC\n. . O\n\nShe PRP O\nleft VBD O\n.\n";
        var path = Path.Combine(Path.GetTempPath(), $"dossier-ner-{Guid.NewGuid():N}.conll");
        File.WriteAllText(path, input, new UTF8Encoding(false));
        try
        {
            var (code, output) = await Run("ner", path);
            Assert.Equal(0, code);
            Assert.Equal("-DOCSTART-\n\nNadia\tB-PER\nKhoury\tI-PER\nvisited\tO\nBeirut\tB-LOC\n.\tO\n\nShe\tO\nleft\tO\n.\tO\n\n", output);

            // Its own output read back as input gives the same output.
            File.WriteAllText(path, output, new UTF8Encoding(false));
            var (again, second) = await Run("ner", path);
            Assert.Equal(0, again);
            Assert.Equal(output, second);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TextInputIsSplitAndTokenizedAsThePipelineDoes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dossier-ner-{Guid.NewGuid():N}.txt");
        File.WriteAllText(path, "Nadia Khoury visited Beirut. She left.", new UTF8Encoding(false));
        try
        {
            var (code, output) = await Run("ner", path, "--format", "text");
            Assert.Equal(0, code);
            Assert.Equal("Nadia\tB-PER\nKhoury\tI-PER\nvisited\tO\nBeirut\tB-LOC\n.\tO\n\nShe\tO\nleft\tO\n.\tO\n\n", output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task AMissingFileFails() => Assert.Equal(1, (await Run("ner", "/nonexistent/file.conll")).Code);
}
