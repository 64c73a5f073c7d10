using Dossier.Group;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Group.GroupSamples;

namespace Dossier.Tests.Group;

public sealed class StoryClustererTests
{
    // Two earthquakes of the same week, in different countries: same vocabulary, different places, people, figures.
    private static readonly (string Id, string Text)[] Quakes =
    [
        ("quake-chile-1", "A magnitude 6.8 earthquake struck near the Chilean city of Antofagasta on Monday, killing at least 12 people and damaging hundreds of homes, Chile's disaster agency Senapred said. Rescue teams searched collapsed buildings in the port city through the night. Interior Minister Carolina Toha said the army had been sent to help with the rescue and that power had been restored to most of Antofagasta."),
        ("quake-chile-2", "Rescuers in Antofagasta pulled survivors from the rubble on Tuesday after the 6.8-magnitude quake that hit northern Chile, where the death toll rose to 15. Carolina Toha, the interior minister, visited the damaged neighbourhoods and promised emergency funds. Senapred said more than 300 homes in the Antofagasta region were uninhabitable."),
        ("quake-chile-3", "Chile mourned 15 victims of the Antofagasta earthquake as aftershocks rattled the Atacama coast. The magnitude 6.8 tremor on Monday was the strongest to hit the Antofagasta region in a decade, the seismological centre of the University of Chile said. Minister Carolina Toha said schools in the city would stay closed for the week."),
        ("quake-nepal-1", "An earthquake of magnitude 5.9 shook western Nepal late on Thursday, killing at least 30 people in the district of Jajarkot, police said. Houses of stone and mud collapsed in remote villages of Jajarkot and Rukum, and rescuers were still trying to reach the worst hit areas. Prime Minister Pushpa Kamal Dahal flew to Jajarkot on Friday morning."),
        ("quake-nepal-2", "Nepal's death toll from Thursday's quake in Jajarkot climbed to 41 as army helicopters carried the injured to hospitals in Nepalgunj. Prime Minister Pushpa Kamal Dahal said the government would rebuild the destroyed homes in Jajarkot and Rukum. The 5.9-magnitude earthquake was felt as far away as Kathmandu."),
    ];

    private static readonly (string Id, string Text)[] Election =
    [
        ("vote-1", "Voters in Portugal went to the polls on Sunday in a snap parliamentary election called after the resignation of the prime minister. The centre-right Democratic Alliance led by Luis Montenegro was ahead in the final opinion polls, with the Socialists of Pedro Nuno Santos close behind."),
        ("vote-2", "Luis Montenegro's Democratic Alliance narrowly won Portugal's snap election, official results showed on Monday, beating the Socialists led by Pedro Nuno Santos by less than one percentage point. Turnout in Portugal was the highest in years."),
    ];

    private static AnnotatedArticle[] Corpus((string Id, string Text)[] items) =>
        items.Select(x => Bare(x.Id, x.Text)).ToArray();

    internal static string Describe(IReadOnlyList<AnnotatedArticle> articles, IReadOnlyList<IReadOnlyList<int>> clusters) =>
        string.Join(" | ", clusters.Select(c => string.Join(",", c.Select(i => articles[i].Id))));

    [Fact]
    public void TwoEarthquakesInOneWeekAreTwoStories()
    {
        var articles = Corpus(Quakes);
        var clusters = new StoryClusterer().Cluster(articles);
        Assert.Equal("quake-chile-1,quake-chile-2,quake-chile-3 | quake-nepal-1,quake-nepal-2", Describe(articles, clusters));
    }

    [Fact]
    public void ThreeReportsOfOneEventAreOneStory()
    {
        var articles = Corpus(Quakes[..3]);
        var clusters = new StoryClusterer().Cluster(articles);
        Assert.Single(clusters);
        Assert.Equal([0, 1, 2], clusters[0]);
    }

    [Fact]
    public void ShortBulletinJoinsItsStory()
    {
        var articles = Corpus([.. Quakes, ("chile-brief", "Antofagasta earthquake toll rises to 15, Senapred says.")]);
        var clusters = new StoryClusterer().Cluster(articles);
        Assert.Equal([0, 1, 2, 5], clusters.Single(c => c.Contains(5)));
        // Without the lone-article rule, at a stricter story cut, the mean over the whole story is too low for the
        // bulletin to join; with the rule it joins at that cut too.
        // (Words weighed by the batch alone: with the background table the bulletin's rare names carry it in anyway.)
        var strict = new StoryClusterer(new StoryClusterOptions { Threshold = 0.27, LoneArticleThreshold = null, Background = null }).Cluster(articles);
        Assert.Equal([0, 1, 2, 5], new StoryClusterer(new StoryClusterOptions { Threshold = 0.27, Background = null }).Cluster(articles).Single(c => c.Contains(5)));
        Assert.Equal([5], strict.Single(c => c.Contains(5)));
    }

    [Fact]
    public void TwoReportsAloneStillMeet()
    {
        // With a two-article batch every shared word has the highest document frequency; the smoothed IDF keeps it.
        var clusters = new StoryClusterer().Cluster(Corpus(Election));
        Assert.Single(clusters);
    }

    [Fact]
    public void MixedBatchSeparatesEveryEvent()
    {
        var articles = Corpus([.. Election, .. Quakes, ("fire", HarbourFire), ("fire-2", HarbourFireOtherOutlet)]);
        var clusters = new StoryClusterer().Cluster(articles);
        Assert.Equal(
            "vote-1,vote-2 | quake-chile-1,quake-chile-2,quake-chile-3 | quake-nepal-1,quake-nepal-2 | fire,fire-2",
            Describe(articles, clusters));
    }

    [Fact]
    public void ShuffledInputGivesTheSameClusters()
    {
        var articles = Corpus([.. Election, .. Quakes, ("fire", HarbourFire), ("fire-2", HarbourFireOtherOutlet), ("empty", "")]);
        static string Canonical(IReadOnlyList<AnnotatedArticle> a, IReadOnlyList<IReadOnlyList<int>> clusters) =>
            string.Join(" | ", clusters.Select(c => string.Join(",", c.Select(i => a[i].Id).Order(StringComparer.Ordinal)))
                .Order(StringComparer.Ordinal));
        var expected = Canonical(articles, new StoryClusterer().Cluster(articles));
        var random = new Random(11);
        for (var round = 0; round < 8; round++)
        {
            var shuffled = articles.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Canonical(shuffled, new StoryClusterer().Cluster(shuffled)));
        }
    }

    [Fact]
    public void EveryArticleIsInExactlyOneClusterInOrder()
    {
        var articles = Corpus([.. Quakes, .. Election, ("empty", ""), ("junk", "%%% ### 12 3 ..."), ("fire", HarbourFire), ("dup-id", "x"), ("dup-id", "x")]);
        var clusters = new StoryClusterer().Cluster(articles);
        var all = clusters.SelectMany(c => c).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, articles.Length), all);
        Assert.All(clusters, c => Assert.Equal(c.Order(), c));
        Assert.Equal(clusters.Select(c => c[0]).Order(), clusters.Select(c => c[0]));
        Assert.Empty(new StoryClusterer().Cluster([]));
    }

    [Fact]
    public void SharedEntitiesPullReportsTogether()
    {
        // Two short reports sharing little but a name; with names not boosted in the text, text alone keeps them
        // apart and the entity layer joins them.
        const string a = "Opposition leader Maria Santos was arrested in Lisbon on charges of fraud.";
        const string b = "Police detained Maria Santos at her home; prosecutors accuse her of embezzlement.";
        var plain = new[] { Bare("a", a), Bare("b", b) };
        // Words weighed by the two articles alone: with the background table the rare name is weight enough by itself.
        var options = new StoryClusterOptions { Threshold = 0.3, NameWeight = 1, EntityWeight = 0.3, Background = null };
        Assert.Equal(2, new StoryClusterer(options).Cluster(plain).Count);

        AnnotatedArticle WithPerson(string id, string text)
        {
            var start = text.IndexOf("Maria Santos", StringComparison.Ordinal);
            return Bare(id, text) with { Entities = [new EntityMention(new TextSpan(start, "Maria Santos".Length), EntityType.PER)] };
        }
        var annotated = new[] { WithPerson("a", a), WithPerson("b", b) };
        Assert.Single(new StoryClusterer(options).Cluster(annotated));
    }

    [Fact]
    public void DatesFarApartKeepSimilarReportsApart()
    {
        var first = Bare(Make("a", Quakes[0].Text, new DateOnly(2024, 1, 8)));
        var second = Bare(Make("b", Quakes[2].Text, new DateOnly(2024, 1, 9)));
        var yearLater = Bare(Make("b", Quakes[2].Text, new DateOnly(2025, 1, 9)));
        var clusterer = new StoryClusterer();
        Assert.Single(clusterer.Cluster([first, second]));
        var options = new StoryClusterOptions { DatePenalty = 1.0 };
        Assert.Equal(2, new StoryClusterer(options).Cluster([first, yearLater]).Count);
    }
    [Fact]
    public void EdgesAreScoredInSlicesButComeOutAsInOnePass()
    {
        // Enough articles sharing enough words for many candidate pairs, so the pairs are scored in several slices.
        var random = new Random(7);
        string[] vocabulary = [.. Enumerable.Range(0, 60).Select(i => $"word{(char)('a' + i % 26)}{(char)('a' + i / 26)}")];
        var articles = Enumerable.Range(0, 80)
            .Select(i => Bare($"a{i:D2}", string.Join(' ', Enumerable.Range(0, 40).Select(_ => vocabulary[random.Next(i % 4 * 12, i % 4 * 12 + 24)])) + "."))
            .ToArray();
        var everyPair = new StoryClusterOptions { MinEdgeSimilarity = 0 };
        var all = new StoryClusterer(everyPair) { ScoringSlices = 13 }.Similarities(articles);
        var onePass = new StoryClusterer(everyPair) { ScoringSlices = 1 }.Similarities(articles);
        var kept = new StoryClusterer(new StoryClusterOptions { MinEdgeSimilarity = 0.3 }) { ScoringSlices = 7 }.Similarities(articles);

        Assert.True(all.Count > 1000, $"{all.Count} edges");
        // The same edges, in the same order and with the same values, as one pass over the pairs.
        Assert.Equal(onePass, all);
        for (var k = 1; k < all.Count; k++)
            Assert.True(all[k - 1].A < all[k].A || (all[k - 1].A == all[k].A && all[k - 1].B < all[k].B), $"edge {k}");
        Assert.All(all, e => Assert.True(e.A < e.B && e.Similarity > 0));
        // The floor only drops the weak pairs, and the kept ones carry the very same similarity.
        Assert.Equal(all.Where(e => e.Similarity >= 0.3), kept);
        Assert.True(kept.Count < all.Count);
    }

    [Fact]
    public void AFollowUpYearsLaterNamingTheSamePeopleJoinsItsStory()
    {
        // A killing and, two years later, the sentencing of its killer: dated far apart, but naming the same victim and
        // accused. Another killing of a deputy in the same county two years later names other people.
        var killing = WithPeople("a", new DateOnly(2005, 6, 24),
            "Sheriff's deputy Jerry Ortiz was shot dead in Hawaiian Gardens on Friday while searching for a gang suspect. " +
            "Police named Jose Luis Orozco, a gang member, as the suspect in the killing of Jerry Ortiz.",
            "Jerry Ortiz", "Jose Luis Orozco", "Jerry Ortiz");
        var sentencing = WithPeople("b", new DateOnly(2007, 5, 3),
            "A judge sentenced gang member Jose Luis Orozco to death for the killing of sheriff's deputy Jerry Ortiz, " +
            "who was shot dead in Hawaiian Gardens while searching for a gang suspect.",
            "Jose Luis Orozco", "Jerry Ortiz");
        var otherKilling = WithPeople("c", new DateOnly(2007, 5, 3),
            "Sheriff's deputy Maria Lopez was shot dead in Hawaiian Gardens on Friday while searching for a gang suspect. " +
            "Police named Daniel Reyes, a gang member, as the suspect in the killing of Maria Lopez.",
            "Maria Lopez", "Daniel Reyes", "Maria Lopez");

        var options = new StoryClusterOptions { DatePenalty = 1.0, LoneArticleThreshold = null };
        Assert.Single(new StoryClusterer(options).Cluster([killing, sentencing]));
        Assert.Equal(2, new StoryClusterer(options with { DatePenaltySparedAtPeople = 0 }).Cluster([killing, sentencing]).Count);
        Assert.Equal(2, new StoryClusterer(options).Cluster([killing, otherKilling]).Count);
        Assert.Single(new StoryClusterer(options with { DatePenalty = 0 }).Cluster([killing, otherKilling]));

        static AnnotatedArticle WithPeople(string id, DateOnly published, string text, params string[] people)
        {
            var mentions = new List<EntityMention>();
            var from = 0;
            foreach (var person in people)
            {
                var start = text.IndexOf(person, from, StringComparison.Ordinal);
                mentions.Add(new EntityMention(new TextSpan(start, person.Length), EntityType.PER));
                from = start + person.Length;
            }
            return Bare(Make(id, text, published)) with { Entities = [.. mentions.OrderBy(m => m.Span.Start)] };
        }
    }

    /// <summary>
    /// Two title fights of one champion, five reports each: they share the champion, the belts and the boxing words,
    /// and only the opponents, venues and rounds differ.
    /// </summary>
    private static readonly string[] DamCollapse =
    [
        "The Velmora dam collapsed before dawn on Tuesday, sending a wall of water through the valley towns below it.",
        "Rescuers in Velmora searched flooded streets by boat for residents trapped on rooftops.",
        "Governor Ilsa Tarrow said at least 40 people had died and hundreds were missing after the dam burst.",
        "Engineers had warned last year that the Velmora reservoir wall showed cracks and seepage.",
        "The torrent swept away two bridges on the Karst river and cut the only road into the valley.",
        "Army helicopters dropped food and drinking water to villages cut off by the flood.",
        "Hospitals in Ostrin treated dozens of survivors for injuries and hypothermia.",
        "Tarrow ordered an inquiry into why the dam's operators had not opened the spillways earlier.",
        "Witnesses described a roar like thunder as the concrete gave way above Velmora.",
        "The flood destroyed farmland and drowned livestock along forty kilometres of the Karst valley.",
        "Relief agencies set up camps for thousands of people whose homes were washed away.",
        "The company that runs the Velmora dam said heavy rain had raised the reservoir to a record level.",
        "Divers recovered more bodies from cars trapped under the mud near the old Karst bridge.",
        "Ilsa Tarrow declared three days of mourning for the victims of the dam collapse.",
        "Residents of Ostrin queued for clean water as the flood fouled wells across the valley.",
        "Geologists said the hillside under the dam's eastern flank may have slipped after the rains.",
        "Volunteers filled sandbags to protect the lower town from a second surge of water.",
        "The death toll from the Velmora dam disaster rose to 63 on Thursday, officials said.",
        "Prosecutors opened a criminal case against managers of the reservoir company.",
        "Survivors said sirens meant to warn of a breach never sounded in the night.",
    ];

    private static readonly string[] ChessFinal =
    [
        "Grandmaster Oren Vashti won the world chess championship on Sunday after a tense final tiebreak game.",
        "Vashti sacrificed a knight on move 31 to open the king's side of his opponent.",
        "His challenger, Lidia Morrow, resigned after five hours when her queen was trapped.",
        "The championship match in Calder was level after twelve classical games.",
        "Commentators called Vashti's endgame technique in the rapid games nearly flawless.",
        "Morrow said she had misjudged the opening and spent too long on her clock.",
        "Fans in Calder crowded the hall to watch the final blitz games on giant screens.",
        "The prize fund for the title match was two million dollars, split sixty to forty.",
        "Vashti becomes the youngest champion in the history of the title.",
        "Organisers said more than four million people followed the match online.",
        "Morrow had led the match after winning the seventh game with the black pieces.",
        "Vashti thanked his trainers and dedicated the title to his late grandfather.",
    ];

    /// <summary>
    /// Articles of a few sentences drawn at random from a pool, each a different mix, as many outlets' reports of one
    /// event are, each signed by one of 300 made-up reporters: the rarer words that make an article's heaviest terms.
    /// </summary>
    private static IEnumerable<AnnotatedArticle> Reports(string prefix, string[] pool, int count, Random random) =>
        Enumerable.Range(0, count).Select(i =>
            Bare(Make($"{prefix}-{i:D4}", string.Join(" ", pool.OrderBy(_ => random.Next()).Take(random.Next(4, 8)))
                + $" Reporting by {Reporter(random.Next(300))}.")));

    /// <summary>A made-up name for reporter <paramref name="k"/>: "Bafe Dolu" and the like.</summary>
    private static string Reporter(int k)
    {
        const string Consonants = "bdfgklmnprstvz";
        const string Vowels = "aeiou";
        var name = new System.Text.StringBuilder();
        for (var part = 0; part < 2; part++, k /= 70)
        {
            var syllables = k % 70;
            name.Append(part == 0 ? "" : " ").Append(char.ToUpperInvariant(Consonants[syllables % 14])).Append(Vowels[syllables / 14])
                .Append(Consonants[(syllables * 3 + 1) % 14]).Append(Vowels[(syllables + part) % 5]);
        }
        return name.ToString();
    }

    [Fact]
    public void A_story_of_thousands_of_articles_stays_one_story()
    {
        // The dam's words are in more than a thousand articles, so they propose no candidate pairs: each report meets
        // only those sharing its rarer words, and average linkage alone made 14 stories of the 1,800 reports (at 1,500 it still made one).
        var random = new Random(7);
        var articles = Reports("dam", DamCollapse, 1800, random).Concat(Reports("chess", ChessFinal, 200, random)).ToList();
        var clusters = new StoryClusterer().Cluster(articles);
        var stories = clusters.Select(c => c.Select(i => articles[i].Id[..articles[i].Id.IndexOf('-')]).Distinct().Single()).ToList();
        Assert.Equal(["dam", "chess"], stories);
        Assert.Equal([1800, 200], clusters.Select(c => c.Count));

        var linkageAlone = new StoryClusterer(new StoryClusterOptions { LargeStoryMinSize = 0 }).Cluster(articles);
        Assert.True(linkageAlone.Count > 2, $"{linkageAlone.Count} stories without the join");
    }

    [Fact]
    public void Stories_join_by_the_mean_over_all_their_pairs_only_where_the_cap_hid_it()
    {
        // Four copies of one text in two stories of two, as the agglomeration might leave them when only one cross
        // pair was scored (0.25 on average over the four): their exact mean is 1.
        var docs = Enumerable.Range(0, 4).Select(i => Bare($"q{i}", "A magnitude 6.8 earthquake struck Antofagasta, Chile's disaster agency Senapred said.")).ToList();
        var text = TermVectors.FromText(docs, 2, 3);
        (int, int, double)[] linked = [(0, 1, 1.0), (2, 3, 1.0), (1, 2, 1.0)];
        int[] Join(int?[] days, bool[] capped, (int, int, double)[] edges)
        {
            int[] labels = [0, 0, 2, 2];
            LargeStories.Join(labels, text, days, capped, edges, minSize: 2, minMean: 0.25, dateGapDays: 180, datePenalty: 1.0);
            return labels;
        }
        bool[] all = [true, true, true, true];
        int?[] undated = [null, null, null, null];
        Assert.Equal([0, 0, 0, 0], Join(undated, all, linked));
        Assert.Equal([0, 0, 0, 0], Join([10, 10, 12, 12], all, linked));
        Assert.Equal([0, 0, 0, 0], Join(undated, [true, false, true, false], linked)); // half capped is enough
        Assert.Equal([0, 0, 2, 2], Join([10, 10, 400, 400], all, linked)); // a year apart: the penalty takes the mean below
        Assert.Equal([0, 0, 2, 2], Join(undated, all, [(0, 1, 1.0), (2, 3, 1.0)])); // never linked
        Assert.Equal([0, 0, 2, 2], Join(undated, [true, true, false, false], linked)); // the second story's candidates were whole
    }

    internal static AnnotatedArticle[] TwoFights()
    {
        string[] shared =
        [
            "Heavyweight champion Viktor Dranko retained his WBA, IBF and WBO belts on Saturday night.",
            "Dranko, the Ukrainian champion, improved his record and remains unbeaten since 2004.",
            "The referee stopped the heavyweight title fight after Dranko landed a big right hand.",
            "Dranko said he wanted to fight again before the end of the year and thanked the crowd.",
        ];
        string[] first =
        [
            "Dranko stopped Samuel Okafor in the sixth round at the Mannheim arena in Germany.",
            "Okafor, a former champion from Lagos, was knocked down twice in Mannheim.",
            "The Mannheim crowd cheered as Okafor failed to beat the count in round six.",
            "Okafor's trainer Bill Meyers said his fighter had been hurt by the jab.",
        ];
        string[] second =
        [
            "Dranko knocked out Tommy Reyes in the ninth round at the stadium in Bern, Switzerland.",
            "Reyes, the 40-year-old American southpaw, never recovered from the knockdown in Bern.",
            "The Bern crowd of 25,000 saw Reyes stay down in the ninth.",
            "Reyes's promoter Gary Stein said the American would consider retirement.",
        ];
        // A sentence of its own in each report, so the reports are rewrites rather than copies of each other.
        string[] own =
        [
            "Tickets had sold out within hours of going on sale last spring.",
            "Broadcasters in forty countries carried the bout live.",
            "Bookmakers had made the champion a heavy favourite.",
            "Local hotels reported record bookings for the weekend.",
            "The undercard featured three debutants from the regional gyms.",
            "Rain delayed the arrival of fans at the gates.",
            "A moment of silence was held for a former trainer who died this year.",
            "Pay-per-view figures are expected later this week.",
            "Security staff searched every bag at the entrance.",
            "Several football players were seen at ringside.",
        ];
        var articles = new List<AnnotatedArticle>();
        foreach (var (name, fight) in new[] { ("okafor", first), ("reyes", second) })
            for (var k = 0; k < 5; k++)
            {
                // Each report tells the fight in its own order and leaves out two shared sentences and one of its fight's.
                var sentences = shared.Where((_, j) => j != k % shared.Length && j != (k + 2) % shared.Length)
                    .Concat(fight.Where((_, j) => j != (k + 1) % fight.Length))
                    .Append(own[articles.Count])
                    .OrderBy(x => (x.Length * 31 + k * 17) % 11).ToArray();
                articles.Add(Bare($"{name}-{k}", string.Join(' ', sentences)));
            }
        return [.. articles];
    }

    [Fact]
    public void TwoFightsOfOneChampionAreSplitIntoTheirStories()
    {
        var articles = TwoFights();
        const string Two = "okafor-0,okafor-1,okafor-2,okafor-3,okafor-4 | reyes-0,reyes-1,reyes-2,reyes-3,reyes-4";
        Assert.Equal(Two, Describe(articles, new StoryClusterer().Cluster(articles)));
        // At a low cut agglomeration joins the two fights; the split takes them apart again. Words weighed by these ten
        // articles alone, so that the champion's name, in every one of them, weighs little and the graph falls apart
        // between the fights (with the background table his name is as rare as the challengers', and it holds).
        var batchOnly = new StoryClusterOptions { Threshold = 0.05, Background = null };
        Assert.Single(new StoryClusterer(batchOnly with { SplitNeighbours = 0 }).Cluster(articles));
        Assert.Equal(Two, Describe(articles, new StoryClusterer(batchOnly).Cluster(articles)));
    }

    [Fact]
    public void TwoPartsOfOneStoryOnTheSameDaysAreNotSplit()
    {
        // The same ten reports as two fights, now with a tagger's people and dates; each part names its own opponent, so
        // the names check would let the split through.
        var batchOnly = new StoryClusterOptions { Threshold = 0.05, Background = null };
        const string Two = "okafor-0,okafor-1,okafor-2,okafor-3,okafor-4 | reyes-0,reyes-1,reyes-2,reyes-3,reyes-4";
        var monthsApart = WithPeopleAndDays(TwoFights(), new DateOnly(2012, 7, 7), new DateOnly(2013, 2, 9));
        Assert.Equal(Two, Describe(monthsApart, new StoryClusterer(batchOnly).Cluster(monthsApart)));

        // Reported over the same days (the second part two days after the first), they are one story told from two angles.
        var sameDays = WithPeopleAndDays(TwoFights(), new DateOnly(2012, 7, 7), new DateOnly(2012, 7, 9));
        Assert.Single(new StoryClusterer(batchOnly).Cluster(sameDays));
        Assert.Equal(Two, Describe(sameDays, new StoryClusterer(batchOnly with { SplitSparedWithinDays = 1 }).Cluster(sameDays)));
        Assert.Equal(Two, Describe(sameDays, new StoryClusterer(batchOnly with { SplitSparedWithinDays = null }).Cluster(sameDays)));

        // Ten days apart, or with one part undated, they are split.
        var tenDaysApart = WithPeopleAndDays(TwoFights(), new DateOnly(2012, 7, 7), new DateOnly(2012, 7, 17));
        Assert.Equal(Two, Describe(tenDaysApart, new StoryClusterer(batchOnly).Cluster(tenDaysApart)));
        var oneUndated = sameDays.Select(a => a.Id.StartsWith("reyes", StringComparison.Ordinal) ? a with { Article = a.Article with { Published = null } } : a).ToArray();
        Assert.Equal(Two, Describe(oneUndated, new StoryClusterer(batchOnly).Cluster(oneUndated)));
    }

    /// <summary>The two fights with each report dated (the first fight's on one day, the second's on another) and its people tagged.</summary>
    internal static AnnotatedArticle[] WithPeopleAndDays(AnnotatedArticle[] articles, DateOnly first, DateOnly second) =>
        [.. articles.Select(a => Tagged(a with
        {
            Article = a.Article with
            {
                Published = new PublishedDate(a.Id.StartsWith("okafor", StringComparison.Ordinal) ? first : second, DatePrecision.Day, DateSource.Metadata),
            },
        }))];

    private static AnnotatedArticle Tagged(AnnotatedArticle a)
    {
        string[] people = ["Viktor Dranko", "Dranko", "Samuel Okafor", "Okafor", "Tommy Reyes", "Reyes", "Bill Meyers", "Gary Stein"];
        var text = a.Article.Text;
        var taken = new bool[text.Length];
        var mentions = new List<EntityMention>();
        foreach (var person in people)
            for (var at = text.IndexOf(person, StringComparison.Ordinal); at >= 0; at = text.IndexOf(person, at + person.Length, StringComparison.Ordinal))
            {
                if (taken.AsSpan(at, person.Length).Contains(true)) continue;
                taken.AsSpan(at, person.Length).Fill(true);
                mentions.Add(new EntityMention(new TextSpan(at, person.Length), EntityType.PER));
            }
        return a with { Entities = [.. mentions.OrderBy(m => m.Span.Start)] };
    }
}
