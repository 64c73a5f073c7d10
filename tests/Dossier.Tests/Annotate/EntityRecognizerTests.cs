using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class EntityRecognizerTests
{
    private static readonly SentenceSplitter Splitter = new();
    private static readonly Tokenizer Tokenizer = new();
    private static readonly EntityRecognizer Recognizer = new();

    internal static (string Text, IReadOnlyList<EntityMention> Mentions) Recognize(string text) => Recognize(text, Recognizer);

    internal static (string Text, IReadOnlyList<EntityMention> Mentions) Recognize(string text, EntityRecognizer recognizer)
    {
        var tokens = new List<Token>();
        var sentences = new List<Sentence>();
        foreach (var span in Splitter.Split(text))
        {
            var first = tokens.Count;
            Tokenizer.Tokenize(text, span, tokens);
            sentences.Add(new Sentence(span, first, tokens.Count - first));
        }
        return (text, recognizer.Recognize(text, sentences, tokens));
    }

    private static List<(string Name, EntityType Type)> Names(string text)
    {
        var (t, mentions) = Recognize(text);
        return [.. mentions.Select(m => (m.Span.Of(t), m.Type))];
    }

    [Fact]
    public void StripsALeadingTitleAndKeepsItAsTheTitle()
    {
        var (text, mentions) = Recognize("Brazilian Foreign Minister Mauro Vieira arrived in Lisbon on Tuesday.");
        var person = Assert.Single(mentions, m => m.Type == EntityType.PER);
        Assert.Equal("Mauro Vieira", person.Span.Of(text));
        Assert.Equal("Brazilian Foreign Minister", person.Title?.Of(text));
        Assert.Contains(mentions, m => m.Span.Of(text) == "Brazilian" && m.Type == EntityType.MISC);
        Assert.Contains(mentions, m => m.Span.Of(text) == "Lisbon" && m.Type == EntityType.LOC);
    }

    [Fact]
    public void ALowerCaseRoleBeforeANameMakesAPerson()
    {
        var (text, mentions) = Recognize("The deal was signed by Kenyan president Wanjiku Otieno in the capital.");
        var person = Assert.Single(mentions, m => m.Type == EntityType.PER);
        Assert.Equal("Wanjiku Otieno", person.Span.Of(text));
        Assert.Equal("Kenyan president", person.Title?.Of(text));
    }

    [Fact]
    public void HonorificsMarkPersons()
        => Assert.Contains(("Featherstone", EntityType.PER), Names("The award went to Dr. Featherstone and her team."));

    [Theory]
    [InlineData("However, the river kept rising.")]
    [InlineData("Observers expected little from the talks.")]
    [InlineData("Throughout the night, sirens sounded.")]
    [InlineData("“Nobody expected this,” one resident said.")]
    public void SentenceInitialCommonWordsAreNotNames(string text) => Assert.Empty(Names(text));

    [Fact]
    public void OrganisationKeywordsMakeOrganisations()
    {
        var names = Names("She joined the Lagos Institute for Policy Studies after the Finance Ministry cut its budget.");
        Assert.Contains(("Lagos Institute for Policy Studies", EntityType.ORG), names);
        Assert.Contains(("Finance Ministry", EntityType.ORG), names);
    }

    [Fact]
    public void AcronymsAreOrganisationsButCountriesStayPlaces()
    {
        var names = Names("Inspectors from the IAEA and OPEC officials visited the UAE and the U.K. last week.");
        Assert.Contains(("IAEA", EntityType.ORG), names);
        Assert.Contains(("OPEC", EntityType.ORG), names);
        Assert.Contains(("UAE", EntityType.LOC), names);
        Assert.Contains(("U.K.", EntityType.LOC), names);
    }

    [Fact]
    public void PlaceSuffixesAndGazetteersMakePlaces()
    {
        var names = Names("Floods hit Sindh Province and spread along the Indus River towards Karachi and Northern Europe.");
        Assert.Contains(("Sindh Province", EntityType.LOC), names);
        Assert.Contains(("Indus River", EntityType.LOC), names);
        Assert.Contains(("Karachi", EntityType.LOC), names);
        Assert.Contains(("Northern Europe", EntityType.LOC), names);
    }

    [Fact]
    public void DemonymsAloneAreMisc()
    {
        var names = Names("Several Brazilian firms and South African banks bid.");
        Assert.Contains(("Brazilian", EntityType.MISC), names);
        Assert.Contains(("South African", EntityType.MISC), names);
    }

    [Fact]
    public void AppositionWithARoleMakesAPersonOfCommonWords()
        => Assert.Contains(("Rose Hill", EntityType.PER), Names("Experts such as Rose Hill, a senior researcher at the institute, disagreed."));

    [Fact]
    public void TheSubjectOfSaidIsAPerson()
        => Assert.Contains(("Forest", EntityType.PER), Names("On Monday, Forest said the plan was sound."));

    [Fact]
    public void ASurnameTakesTheTypeOfTheFullNameElsewhereInTheArticle()
    {
        var (text, mentions) = Recognize("Dana White spoke first.\n\nWhite then left the hall with Okafor.\n\nLater, Chidi Okafor said nothing.");
        var found = mentions.Select(m => (m.Span.Of(text), m.Type)).ToList();
        Assert.Contains(("White", EntityType.PER), found);
        Assert.Contains(("Okafor", EntityType.PER), found);
        Assert.Contains(("Chidi Okafor", EntityType.PER), found);
    }

    [Fact]
    public void HeadlineCapitalsDoNotMakeNames()
    {
        var names = Names("Floods Force Thousands From Their Homes In Southern Pakistan");
        Assert.Equal([("Southern Pakistan", EntityType.LOC)], names);
    }

    [Fact]
    public void ConnectorsJoinSeparateNamesUnlessAKeywordHoldsThemTogether()
    {
        var names = Names("Leaders of Ghana and Togo met at the Bank of Ghana with Mensah and Agyeman.");
        Assert.Contains(("Ghana", EntityType.LOC), names);
        Assert.Contains(("Togo", EntityType.LOC), names);
        Assert.Contains(("Bank of Ghana", EntityType.ORG), names);
        Assert.Contains(("Mensah", EntityType.PER), names);
        Assert.Contains(("Agyeman", EntityType.PER), names);
    }

    [Fact]
    public void PossessivesAndInitialsAreHandled()
    {
        var names = Names("Nigeria's envoy praised J. R. Hartley's book.");
        Assert.Contains(("Nigeria", EntityType.LOC), names);
        Assert.Contains(("J. R. Hartley", EntityType.PER), names);
    }

    [Fact]
    public void KnownOrganisationsAndOwnersBeforeARole()
    {
        var (text, mentions) = Recognize("Kremlin spokesman Anatoly Voronin told Interfax that Vexcorp CEO Lena Marsh had left.");
        var found = mentions.Select(m => (m.Span.Of(text), m.Type)).ToList();
        Assert.Contains(("Kremlin", EntityType.ORG), found);
        Assert.Contains(("Interfax", EntityType.ORG), found);
        Assert.Contains(("Anatoly Voronin", EntityType.PER), found);
        Assert.Contains(("Lena Marsh", EntityType.PER), found);
        Assert.Equal("Kremlin spokesman", mentions.Single(m => m.Span.Of(text) == "Anatoly Voronin").Title?.Of(text));
        Assert.Equal("Vexcorp CEO", mentions.Single(m => m.Span.Of(text) == "Lena Marsh").Title?.Of(text));
    }

    [Fact]
    public void ALeadingTheIsDroppedUnlessTheNameKeepsIt()
    {
        var names = Names("Judges in The Hague cited The New York Times.");
        Assert.Contains(("The Hague", EntityType.LOC), names);
        Assert.Contains(("New York Times", EntityType.ORG), names);
    }

    [Fact]
    public void ShoutedHeadlinesStillFindKnownPlaces()
        => Assert.Contains(("SOUTH AFRICA", EntityType.LOC), Names("FLOODS HIT SOUTH AFRICA AFTER WEEK OF RAIN"));

    [Fact]
    public void GivenNamesMakePersonsWithoutOtherCues()
        => Assert.Contains(("Margaret Oyelaran", EntityType.PER), Names("The report quotes Margaret Oyelaran at length."));

    [Fact]
    public void MentionsAreOrderedAndDoNotOverlap()
    {
        var (_, mentions) = Recognize("Russian Defence Minister Igor Petrenko met Chinese President Liang Wu and the UN in Geneva.");
        for (var i = 1; i < mentions.Count; i++) Assert.True(mentions[i].Span.Start >= mentions[i - 1].Span.End);
        Assert.True(mentions.Count >= 5);
    }

    [Theory]
    [InlineData("Alpha and ")]
    [InlineData("President ")]
    [InlineData("NATO Of The ")]
    [InlineData("“A. B. ")]
    public void RepetitiveInputStaysLinear(string unit)
    {
        var text = string.Concat(Enumerable.Repeat(unit, 400_000 / unit.Length));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var (_, mentions) = Recognize(text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
        Assert.NotNull(mentions);
    }

    private sealed class EverySentenceIsAPlace : IEntityModel
    {
        public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
            => [.. sentences.Select(s => new EntityMention(s.Span, EntityType.LOC))];
    }

    [Fact]
    public void APluggedInModelTakesOverAndTheRulesStayAvailable()
    {
        var text = "Maria Lopez spoke.";
        var tokens = new List<Token>();
        new Tokenizer().Tokenize(text, new TextSpan(0, text.Length), tokens);
        Sentence[] sentences = [new(new TextSpan(0, text.Length), 0, tokens.Count)];
        var recognizer = new EntityRecognizer(new EverySentenceIsAPlace());
        Assert.Equal([new EntityMention(new TextSpan(0, text.Length), EntityType.LOC)], recognizer.Recognize(text, sentences, tokens));
        Assert.Equal([new EntityMention(new TextSpan(0, 11), EntityType.PER)], recognizer.RecognizeByRules(text, sentences, tokens));
    }

    /// <summary>A model that takes every given word for a MISC name of its own.</summary>
    private sealed class WordsAreMisc(params string[] names) : IEntityModel
    {
        public IReadOnlyList<EntityMention> Recognize(string text, IReadOnlyList<Sentence> sentences, IReadOnlyList<Token> tokens)
            => [.. names.Select(n => new EntityMention(new TextSpan(text.IndexOf(n, StringComparison.Ordinal), n.Length), EntityType.MISC))];
    }

    [Theory]
    [InlineData("North Korean Defense Minister No Kwang-chol praised the exchanges.", "No Kwang-chol", EntityType.PER)]
    [InlineData("CITIC Pacific is a major Hong Kong-listed company.", "Hong Kong-listed", EntityType.MISC)]
    public void ACapitalisedTitleMakesTheNameAfterItAPersonsAndALowerCaseOneDoesNot(string text, string name, EntityType type)
    {
        var (_, mentions) = Recognize(text, new EntityRecognizer(new WordsAreMisc(name)));
        var mention = Assert.Single(mentions);
        Assert.Equal(name, mention.Span.Of(text));
        Assert.Equal(type, mention.Type);
        Assert.NotNull(mention.Title);
    }

    [Fact]
    public void JunkDoesNotThrow()
    {
        var junk = string.Concat(Enumerable.Range(0, 20000).Select(i => (char)(32 + (i * 7919) % 5000)));
        var (_, mentions) = Recognize(junk + " " + new string('A', 3000) + " Of The And");
        Assert.NotNull(mentions);
    }
}
