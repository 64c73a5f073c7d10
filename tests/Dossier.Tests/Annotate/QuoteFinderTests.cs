using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

public sealed class QuoteFinderTests
{
    /// <summary>Every occurrence of each name as a mention of the given type (longer names first win their span).</summary>
    internal static List<EntityMention> Mentions(string text, params (string Name, EntityType Type)[] names)
    {
        var list = new List<EntityMention>();
        foreach (var (name, type) in names.OrderByDescending(n => n.Name.Length))
        {
            for (var i = text.IndexOf(name, StringComparison.Ordinal); i >= 0; i = text.IndexOf(name, i + name.Length, StringComparison.Ordinal))
            {
                var span = new TextSpan(i, name.Length);
                if (!list.Any(m => m.Span.Overlaps(span))) list.Add(new EntityMention(span, type));
            }
        }
        return [.. list.OrderBy(m => m.Span.Start)];
    }

    internal static IReadOnlyList<QuoteMention> Find(string text, params (string Name, EntityType Type)[] names)
    {
        var (sentences, tokens) = FigureTestText.Split(text);
        return new QuoteFinder().Find(text, sentences, tokens, Mentions(text, names));
    }

    private static QuoteMention Quote(IReadOnlyList<QuoteMention> quotes, string text, string contentStart, QuoteKind? kind = null)
    {
        var found = quotes.Where(q => q.Content.Of(text).StartsWith(contentStart, StringComparison.Ordinal) && (kind is null || q.Kind == kind)).ToList();
        Assert.True(found.Count == 1, $"no single quote starting '{contentStart}' among: {string.Join(" | ", quotes.Select(q => $"{q.Kind}:{q.Content.Of(text)}"))}");
        return found[0];
    }

    private const EntityType PER = EntityType.PER;
    private const EntityType ORG = EntityType.ORG;
    private const EntityType LOC = EntityType.LOC;

    [Fact]
    public void A_relative_clause_with_its_own_report_is_not_a_closing_attribution()
    {
        const string text = "Okafor drove to the depot. He took the van, where he said he found the missing ledgers.";
        var quotes = Find(text, ("Okafor", PER));
        Assert.DoesNotContain(quotes, q => q.Content.Of(text).StartsWith("He took the van", StringComparison.Ordinal));
        var q = Quote(quotes, text, "he found the missing ledgers");
        Assert.Equal("said", q.Cue);
    }

    [Fact]
    public void A_verb_that_does_not_invert_takes_no_speaker_after_it()
    {
        const string text = "The mayor, after hearing the charges against him, told the family of Okafor. "
            + "The mayor, after hearing the charges against him, urged the family of Okafor.";
        var quotes = Find(text, ("Okafor", PER));
        Assert.DoesNotContain(quotes, q => q.Content.Of(text).StartsWith("The mayor", StringComparison.Ordinal));
        // The same shape with a verb of saying is an attribution.
        const string said = "The bridge will open in spring, said the aide to Okafor.";
        Assert.Equal("Okafor", Quote(Find(said, ("Okafor", PER)), said, "The bridge will open").SpeakerName!.Value.Of(said));
    }

    [Theory]
    [InlineData("admitted")]
    [InlineData("responded")]
    [InlineData("stressed")]
    [InlineData("says")]
    public void Other_verbs_of_saying_still_put_their_speaker_after_them(string cue)
    {
        var text = $"The bridge will open in spring, {cue} Okafor.";
        var q = Quote(Find(text, ("Okafor", PER)), text, "The bridge will open");
        Assert.Equal("Okafor", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void She_said_goes_to_the_woman_not_to_the_man_named_last()
    {
        const string text = "John Abebe thanked Mary Okafor for the loan. The bridge will open in spring, she said.";
        var q = Quote(Find(text, ("Mary Okafor", PER), ("John Abebe", PER)), text, "The bridge will open");
        Assert.Equal("Mary Okafor", q.SpeakerName!.Value.Of(text));
        const string his = "Mary Okafor thanked John Abebe for the loan. The bridge will open in spring, he said.";
        Assert.Equal("John Abebe", Quote(Find(his, ("Mary Okafor", PER), ("John Abebe", PER)), his, "The bridge will open").SpeakerName!.Value.Of(his));
    }

    [Fact]
    public void A_source_that_is_no_role_stays_unresolved_but_a_role_finds_its_person()
    {
        const string text = "Okafor opened the bridge on Monday. The bridge cost more than planned, according to reports.\n\n"
            + "Minister Ada Obi visited the site. The site will close at night, the minister said.";
        var quotes = Find(text, ("Okafor", PER), ("Ada Obi", PER));
        var reports = Quote(quotes, text, "The bridge cost");
        Assert.Equal("reports", reports.Speaker!.Value.Of(text));
        Assert.Null(reports.SpeakerName);
        var minister = Quote(quotes, text, "The site will close");
        Assert.Equal("Ada Obi", minister.SpeakerName!.Value.Of(text));
    }

    [Theory]
    [InlineData("\u201CThe bridge will open in spring,\u201D Okafor said.", "said")]
    [InlineData("\"The bridge will open in spring,\" Okafor said.", "said")]
    [InlineData("\u201CThe bridge will open in spring,\u201D said Okafor.", "said")]
    [InlineData("\u201CThe bridge will open in spring,\u201D Okafor told reporters on Monday.", "told")]
    [InlineData("\u201CThe bridge will open in spring,\u201D Okafor said in a statement.", "said")]
    [InlineData("\u201CThe bridge will open in spring,\u201D Okafor stated.", "stated")]
    [InlineData("\u201CWill the bridge open in spring?\u201D asked Okafor.", "asked")]
    [InlineData("\u201CThe bridge will open in spring,\u201D Okafor warned.", "warned")]
    public void Direct_quote_with_the_attribution_after(string text, string cue)
    {
        var q = Quote(Find(text, ("Okafor", PER)), text, text.Contains("Will") ? "Will the bridge" : "The bridge");
        Assert.Equal(QuoteKind.Direct, q.Kind);
        Assert.Equal("Okafor", q.Speaker!.Value.Of(text));
        Assert.Equal("Okafor", q.SpeakerName!.Value.Of(text));
        Assert.Equal(cue, q.Cue);
        Assert.DoesNotContain("\u201D", q.Content.Of(text));
        Assert.False(q.Content.Of(text).EndsWith(','));
    }

    [Theory]
    [InlineData("Mayor Lindqvist said: \u201CWe have run out of money for the tram.\u201D")]
    [InlineData("Mayor Lindqvist said, \u201CWe have run out of money for the tram.\u201D")]
    [InlineData("Mayor Lindqvist told the council: \"We have run out of money for the tram.\"")]
    public void Direct_quote_with_the_attribution_before(string text)
    {
        var q = Quote(Find(text, ("Lindqvist", PER)), text, "We have run out", QuoteKind.Direct);
        Assert.Equal("Lindqvist", q.SpeakerName!.Value.Of(text));
        Assert.Equal("We have run out of money for the tram.", q.Content.Of(text));
    }

    [Fact]
    public void Quoted_as_saying_by_an_outlet_sets_via()
    {
        const string text = "\u201CThe harvest is the best in a decade,\u201D Moreno was quoted as saying by Prensa Latina.";
        var q = Quote(Find(text, ("Moreno", PER), ("Prensa Latina", ORG)), text, "The harvest");
        Assert.Equal("Moreno", q.SpeakerName!.Value.Of(text));
        Assert.Equal("Prensa Latina", q.Via!.Value.Of(text));
        Assert.Equal("was quoted as saying", q.Cue);
    }

    [Fact]
    public void Outlet_quoting_a_speaker_sets_via()
    {
        const string text = "The agency Tanjug quoted Vucic as saying that the border would stay open for trucks.";
        // "quoted X as saying that ..." is attributed to X and relayed by the agency.
        var quotes = Find(text, ("Tanjug", ORG), ("Vucic", PER));
        var q = Assert.Single(quotes);
        Assert.Equal(QuoteKind.Reported, q.Kind);
        Assert.Equal("the border would stay open for trucks", q.Content.Of(text));
        Assert.Equal("Vucic", q.SpeakerName!.Value.Of(text));
        Assert.Equal("Tanjug", q.Via!.Value.Of(text));
    }

    [Fact]
    public void Pronoun_resolves_to_the_subject_of_an_earlier_sentence_not_the_last_name()
    {
        const string text = "On Tuesday, Adeyemi recalled that Ferreira had met Castellanos in March. The talks were later frozen. "
                          + "\u201CWe must start again from the beginning,\u201D she remarked.";
        var q = Quote(Find(text, ("Adeyemi", PER), ("Ferreira", PER), ("Castellanos", PER)), text, "We must start");
        Assert.Equal("she", q.Speaker!.Value.Of(text));
        Assert.Equal(text.IndexOf("Adeyemi", StringComparison.Ordinal), q.SpeakerName!.Value.Start);
        Assert.Equal("remarked", q.Cue);
    }

    [Fact]
    public void Role_phrase_resolves_to_the_titled_mention()
    {
        const string text = "Finance Minister Tomasz Wrona met bankers on Monday. Union leader Ilse Brandt was also there.\n\n"
                          + "\u201CThe budget gap will close by next year,\u201D the minister told reporters.";
        var names = new List<EntityMention>
        {
            new(new TextSpan(text.IndexOf("Tomasz Wrona", StringComparison.Ordinal), "Tomasz Wrona".Length), PER)
                { Title = new TextSpan(0, "Finance Minister".Length) },
            new(new TextSpan(text.IndexOf("Ilse Brandt", StringComparison.Ordinal), "Ilse Brandt".Length), PER),
        };
        var (sentences, tokens) = FigureTestText.Split(text);
        var q = Quote(new QuoteFinder().Find(text, sentences, tokens, names), text, "The budget gap");
        Assert.Equal("the minister", q.Speaker!.Value.Of(text));
        Assert.Equal("Tomasz Wrona", q.SpeakerName!.Value.Of(text));
        Assert.Equal("told", q.Cue);
    }

    [Fact]
    public void Role_phrase_resolves_to_the_name_it_describes_in_apposition_not_the_last_name()
    {
        const string text = "Tomasz Wrona, the finance minister, met bankers on Monday. Union leader Ilse Brandt was also there.\n\n"
                          + "\u201CThe budget gap will close by next year,\u201D the minister told reporters.";
        var q = Quote(Find(text, ("Tomasz Wrona", PER), ("Ilse Brandt", PER)), text, "The budget gap");
        Assert.Equal("the minister", q.Speaker!.Value.Of(text));
        Assert.Equal("Tomasz Wrona", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void An_outlet_the_recogniser_could_not_type_is_still_the_relay_not_the_speaker()
    {
        const string text = "Premier Arvid Holm spoke on the radio.\n\n\u201CThe harvest is the best in a decade,\u201D Holm was quoted as saying by Nordpress.";
        var q = Quote(Find(text, ("Arvid Holm", PER), ("Holm", PER), ("Nordpress", EntityType.MISC)), text, "The harvest");
        Assert.Equal("Holm", q.SpeakerName!.Value.Of(text));
        Assert.Equal("Nordpress", q.Via!.Value.Of(text));
    }

    [Fact]
    public void An_outlet_written_as_a_common_noun_is_the_relay_as_written()
    {
        const string text = "\u201CThe harvest is the best in a decade,\u201D Moreno was quoted by state media as saying.";
        var q = Quote(Find(text, ("Moreno", PER)), text, "The harvest");
        Assert.Equal("Moreno", q.SpeakerName!.Value.Of(text));
        Assert.Equal("state media", q.Via!.Value.Of(text));
    }

    [Fact]
    public void They_may_resolve_to_an_organisation()
    {
        const string text = "Greenfield Energy announced job cuts at its refinery. \u201CThe plant has lost money for five years,\u201D they said.";
        var q = Quote(Find(text, ("Greenfield Energy", ORG)), text, "The plant");
        Assert.Equal("Greenfield Energy", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void Unresolvable_pronoun_leaves_the_name_empty()
    {
        const string text = "\u201CNothing will change for the farmers,\u201D he said.";
        var q = Quote(Find(text), text, "Nothing will change");
        Assert.Equal("he", q.Speaker!.Value.Of(text));
        Assert.Null(q.SpeakerName);
    }

    [Fact]
    public void According_to_with_a_partial_quote()
    {
        const string text = "According to Dlamini, the plan is \u201Ca first step towards lasting peace in the valley.\u201D";
        var quotes = Find(text, ("Dlamini", PER));
        var partial = Quote(quotes, text, "a first step", QuoteKind.Partial);
        Assert.Equal("Dlamini", partial.SpeakerName!.Value.Of(text));
        Assert.Equal("according to", partial.Cue);
        var reported = Quote(quotes, text, "the plan is", QuoteKind.Reported);
        Assert.Equal("Dlamini", reported.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void Partial_quote_takes_the_sentence_subject_and_scare_quotes_are_skipped()
    {
        const string text = "Senator Halvorsen attacked the reform, calling it \u201Ca betrayal of every rural voter\u201D in a speech. "
                          + "Critics dismissed the \u201Creform\u201D as cosmetic.";
        var quotes = Find(text, ("Halvorsen", PER));
        var q = Quote(quotes, text, "a betrayal", QuoteKind.Partial);
        Assert.Equal("Halvorsen", q.SpeakerName!.Value.Of(text));
        Assert.DoesNotContain(quotes, x => x.Content.Of(text) == "reform");
    }

    [Fact]
    public void Partial_quote_after_a_participle_is_attributed_to_the_speaker_after_it()
    {
        const string text = "Calling the strike \u201Can illegal act of sabotage,\u201D Mbeki urged workers to return.";
        var q = Quote(Find(text, ("Mbeki", PER)), text, "an illegal act", QuoteKind.Partial);
        Assert.Equal("Mbeki", q.SpeakerName!.Value.Of(text));
    }

    [Theory]
    [InlineData("Carvalho said that the dam would be finished by June.", "the dam would be finished by June", "said")]
    [InlineData("Carvalho told lawmakers that the dam would be finished by June.", "the dam would be finished by June", "told")]
    [InlineData("Carvalho said in a statement that the dam would be finished by June.", "the dam would be finished by June", "said")]
    [InlineData("Carvalho said in a statement the dam would be finished by June.", "the dam would be finished by June", "said")]
    [InlineData("Carvalho said on Tuesday the dam would be finished by June.", "the dam would be finished by June", "said")]
    [InlineData("Carvalho said in a statement.", null, null)]
    [InlineData("Carvalho said the dam would be finished by June.", "the dam would be finished by June", "said")]
    [InlineData("Carvalho insisted on Friday that the dam would be finished by June.", "the dam would be finished by June", "insisted")]
    public void Reported_speech(string text, string? content, string? cue)
    {
        var quotes = Find(text, ("Carvalho", PER));
        if (content is null)
        {
            Assert.Empty(quotes);
            return;
        }
        var q = Quote(quotes, text, content, QuoteKind.Reported);
        Assert.Equal(content, q.Content.Of(text));
        Assert.Equal("Carvalho", q.SpeakerName!.Value.Of(text));
        Assert.Equal(cue, q.Cue);
    }

    [Fact]
    public void Said_before_a_name_and_a_comma_is_an_inverted_attribution_not_reported_speech()
    {
        const string text = "The vote was close. \u201CIt is a sad day for the valley,\u201D said Senator Okafor, a Democrat from the north.";
        var quotes = Find(text, ("Okafor", PER));
        Assert.DoesNotContain(quotes, q => q.Kind == QuoteKind.Reported);
        Assert.Equal("Okafor", Quote(quotes, text, "It is a sad day").SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void A_straight_mark_before_a_speech_verb_closes_the_quotation()
    {
        // The opening mark was lost upstream; the stray mark before "said" must not open a quotation.
        const string text = "You never win unless you fight, \"said Doganis, who called the dispute \"a long war for the farmers.\"";
        var quotes = Find(text, ("Doganis", PER));
        Assert.DoesNotContain(quotes, q => q.Content.Of(text).StartsWith("said", StringComparison.Ordinal));
        var q = Quote(quotes, text, "a long war", QuoteKind.Partial);
        Assert.Equal("Doganis", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void A_participle_cue_shares_the_subject_of_its_sentence()
    {
        const string text = "Nakamura rejected the offer. She dismissed the rumours, saying the company was not for sale.";
        var q = Quote(Find(text, ("Nakamura", PER)), text, "the company was not for sale", QuoteKind.Reported);
        Assert.Equal("She", q.Speaker!.Value.Of(text));
        Assert.Equal("Nakamura", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void A_role_subject_with_an_aside_is_the_speaker()
    {
        const string text = "A police source, who asked not to be named, said the gang had fled by boat.";
        var q = Quote(Find(text), text, "the gang had fled", QuoteKind.Reported);
        Assert.Equal("A police source", q.Speaker!.Value.Of(text));
    }

    [Fact]
    public void A_comma_inside_the_closing_mark_hands_the_attribution_to_what_follows()
    {
        const string text = "The patch fixes a publicly disclosed flaw that \u201Ccould let attackers run code on a machine,\u201D Microsoft said in a statement.";
        var q = Quote(Find(text, ("Microsoft", ORG)), text, "could let attackers");
        Assert.Equal("Microsoft", q.SpeakerName!.Value.Of(text));
        Assert.Equal("said", q.Cue);
    }

    [Theory]
    [InlineData("The cause of the fire was not yet known, said the Harbour Authority.", "the Harbour Authority")]
    [InlineData("The cause of the fire was not yet known, the Harbour Authority said on Monday.", "the Harbour Authority")]
    public void A_short_attribution_closing_the_sentence_reports_the_clause_before_it(string text, string speaker)
    {
        var q = Quote(Find(text, ("Harbour Authority", ORG)), text, "The cause of the fire", QuoteKind.Reported);
        Assert.Equal("The cause of the fire was not yet known", q.Content.Of(text));
        Assert.Equal("Harbour Authority", q.SpeakerName!.Value.Of(text));
        Assert.Contains(q.Speaker!.Value.Of(text), speaker);
    }

    [Fact]
    public void Reported_speech_with_according_to_at_the_end()
    {
        const string text = "The ferry service will resume next week, according to the Harbour Authority.";
        var q = Quote(Find(text, ("Harbour Authority", ORG)), text, "The ferry service", QuoteKind.Reported);
        Assert.Equal("The ferry service will resume next week", q.Content.Of(text));
        Assert.Equal("Harbour Authority", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void Reported_speech_with_an_appositive_subject()
    {
        const string text = "Lena Ostrova, an economist at the Baltic Policy Institute, argued that wages would rise.";
        var q = Quote(Find(text, ("Lena Ostrova", PER), ("Baltic Policy Institute", ORG)), text, "wages would rise", QuoteKind.Reported);
        Assert.Equal("Lena Ostrova", q.SpeakerName!.Value.Of(text));
        Assert.Equal("argued", q.Cue);
    }

    [Fact]
    public void Reported_speech_with_a_pronoun_resolves_to_the_previous_speaker()
    {
        const string text = "\u201CPrices will fall,\u201D said Okonkwo. He also noted that exports had doubled since the deal.";
        var q = Quote(Find(text, ("Okonkwo", PER)), text, "exports had doubled", QuoteKind.Reported);
        Assert.Equal("He", q.Speaker!.Value.Of(text));
        Assert.Equal("Okonkwo", q.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void Quote_running_over_paragraphs_keeps_its_speaker()
    {
        const string text = "Haddad spoke at the opening.\n\n"
                          + "\u201CThis library belongs to everyone in the city. It will stay open late.\n\n"
                          + "\u201CWe will add a children's wing next year,\u201D Haddad said.\n\n"
                          + "The library cost $40 million.";
        var quotes = Find(text, ("Haddad", PER)).Where(q => q.Kind == QuoteKind.Direct).ToList();
        Assert.Equal(2, quotes.Count);
        Assert.StartsWith("This library belongs", quotes[0].Content.Of(text));
        Assert.EndsWith("It will stay open late.", quotes[0].Content.Of(text));
        Assert.StartsWith("We will add", quotes[1].Content.Of(text));
        Assert.All(quotes, q => Assert.Equal(text.LastIndexOf("Haddad", StringComparison.Ordinal), q.SpeakerName!.Value.Start));
    }

    [Fact]
    public void Unattributed_quote_after_an_attributed_one_continues_it()
    {
        const string text = "\u201CThe river is rising fast,\u201D Ruiz said. \u201CWe have moved the families to the school.\u201D";
        var quotes = Find(text, ("Ruiz", PER));
        var second = Quote(quotes, text, "We have moved");
        Assert.Equal("Ruiz", second.SpeakerName!.Value.Of(text));
    }

    [Fact]
    public void Speech_words_used_as_nouns_are_not_cues()
    {
        const string text = "\u201CThe vote was rigged,\u201D state media reported, citing Varga.";
        var q = Quote(Find(text, ("Varga", PER)), text, "The vote");
        Assert.Equal("reported", q.Cue);
        Assert.Equal("state media", q.Speaker!.Value.Of(text));
    }

    [Fact]
    public void Never_throws_on_junk_and_is_deterministic()
    {
        var rng = new Random(11);
        var chars = "ab said \"“”‘’'\n.,:;he according to".ToCharArray();
        for (var round = 0; round < 300; round++)
        {
            var junk = new string(Enumerable.Range(0, rng.Next(0, 400)).Select(_ => chars[rng.Next(chars.Length)]).ToArray());
            var (sentences, tokens) = FigureTestText.Split(junk);
            var a = new QuoteFinder().Find(junk, sentences, tokens, []);
            var b = new QuoteFinder().Find(junk, [], [], []);
            Assert.Equal(a, new QuoteFinder().Find(junk, sentences, tokens, []));
            foreach (var q in a.Concat(b)) Assert.True(q.Content.Start >= 0 && q.Content.End <= junk.Length && q.Content.Length > 0);
        }
        Assert.Empty(new QuoteFinder().Find("", [], [], []));
        // Spans past the end of the text (a bad upstream stage) are tolerated.
        const string shortText = "\u201CWe will win,\u201D he said that day.";
        var bad = new List<Sentence> { new(new TextSpan(0, 500), 0, 0), new(new TextSpan(-3, 2), 0, 0) };
        var badNames = new List<EntityMention> { new(new TextSpan(400, 5), PER), new(new TextSpan(20, 2), PER) { Title = new TextSpan(300, 9) } };
        Assert.NotEmpty(new QuoteFinder().Find(shortText, bad, [], badNames));
        Assert.Empty(new FigureRecognizer().Recognize(shortText, bad, []));
    }

    [Fact]
    public void A_long_unpunctuated_line_is_read_in_linear_time()
    {
        var text = string.Concat(Enumerable.Repeat("\u201Cwords and more words\u201D he said that it was so and ", 15_000));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var quotes = new QuoteFinder().Find(text, [], [], []);
        sw.Stop();
        Assert.NotEmpty(quotes);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"took {sw.Elapsed}");
    }
}
