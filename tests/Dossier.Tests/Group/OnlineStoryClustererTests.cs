using Dossier.Group;
using Dossier.Model;
using Xunit;
using static Dossier.Tests.Group.GroupSamples;

namespace Dossier.Tests.Group;

public sealed class OnlineStoryClustererTests
{
    private const string ChileQuake = "A magnitude 6.8 earthquake struck near the Chilean city of Antofagasta on Monday, killing at least 12 people and damaging hundreds of homes, Chile's disaster agency Senapred said. Rescue teams searched collapsed buildings in the port city through the night. Interior Minister Carolina Toha said the army had been sent to help.";
    private const string ChileQuakeFollowUp = "Rescuers in Antofagasta pulled survivors from the rubble on Tuesday after the 6.8-magnitude quake that hit northern Chile, where the death toll rose to 15. Carolina Toha, the interior minister, visited the damaged neighbourhoods. Senapred said more than 300 homes in the Antofagasta region were uninhabitable.";
    private const string NepalQuake = "An earthquake of magnitude 5.9 shook western Nepal late on Thursday, killing at least 30 people in the district of Jajarkot, police said. Houses of stone and mud collapsed in remote villages of Jajarkot and Rukum, and rescuers were still trying to reach the worst hit areas. Prime Minister Pushpa Kamal Dahal flew to Jajarkot.";
    private const string Election = "Luis Montenegro's Democratic Alliance narrowly won Portugal's snap election, official results showed on Monday, beating the Socialists led by Pedro Nuno Santos by less than one percentage point. Turnout in Portugal was the highest in years.";

    private static readonly DateOnly Day = new(2024, 3, 4);

    private static AnnotatedArticle Dated(string id, string text, int day) => Bare(Make(id, text, Day.AddDays(day)));

    // Rarity from the articles seen so far: the stream alone decides, as in a live feed.
    private static readonly OnlineStoryOptions Live = new() { LearnRarityFromBatch = false };

    [Fact]
    public void A_follow_up_within_the_window_joins_the_story()
    {
        var stream = new OnlineStoryClusterer(Live).Start();
        var first = stream.Add(Dated("chile-1", ChileQuake, 0));
        var second = stream.Add(Dated("chile-2", ChileQuakeFollowUp, 1));
        Assert.Equal(first, second);
        Assert.Equal(1, stream.StoryCount);
    }

    [Fact]
    public void A_story_closes_after_the_window_and_a_late_report_opens_a_new_one()
    {
        var stream = new OnlineStoryClusterer(Live with { WindowDays = 3 }).Start();
        var first = stream.Add(Dated("chile-1", ChileQuake, 0));
        Assert.True(stream.IsOpen(first));
        stream.Add(Dated("vote", Election, 10));
        Assert.False(stream.IsOpen(first));
        var late = stream.Add(Dated("chile-2", ChileQuakeFollowUp, 10));
        Assert.NotEqual(first, late);
    }

    [Fact]
    public void A_closed_story_is_released_and_the_open_ones_stay_candidates()
    {
        var stream = new OnlineStoryClusterer(Live with { WindowDays = 3 }).Start();
        stream.Add(Dated("chile-1", ChileQuake, 0));
        var nepal = stream.Add(Dated("nepal-1", NepalQuake, 2));
        Assert.Equal(2, stream.IndexedStories);
        stream.Add(Dated("vote", Election, 5));
        // Chile's window has passed and it left the index; Nepal's has not, so a follow-up still finds it.
        Assert.Equal(2, stream.IndexedStories);
        Assert.Equal(nepal, stream.Add(Dated("nepal-2", NepalQuake + " The toll rose.", 5)));
    }

    // An article of made-up words no other article shares: a story of its own that leaves every other story quiet.
    private static AnnotatedArticle Filler(int i) => Dated($"filler-{i}",
        string.Join(" ", Enumerable.Range(0, 6).Select(k => "w" + ToLetters(i * 6 + k))) + ".", 0);

    private static string ToLetters(int n)
    {
        var letters = "";
        do { letters = (char)('a' + n % 26) + letters; n /= 26; } while (n > 0);
        return letters;
    }

    [Fact]
    public void A_story_no_article_joined_while_enough_arrived_closes_whatever_their_dates()
    {
        // Undated articles, as an archive without metadata: no window can close anything, arrivals still do.
        var stream = new OnlineStoryClusterer(Live with { WindowDays = null, QuietArticles = 10 }).Start();
        var chile = stream.Add(Bare(Make("chile-1", ChileQuake)));
        for (var i = 0; i < 10; i++) stream.Add(Filler(i));
        Assert.True(stream.IsOpen(chile)); // 10 articles since it was joined
        stream.Add(Filler(10));
        Assert.False(stream.IsOpen(chile));
        var late = stream.Add(Bare(Make("chile-2", ChileQuakeFollowUp)));
        Assert.NotEqual(chile, late);
    }

    [Fact]
    public void A_story_joined_within_the_quiet_count_stays_open_and_without_it_nothing_closes()
    {
        foreach (var quiet in new int?[] { 12, null })
        {
            var stream = new OnlineStoryClusterer(Live with { WindowDays = null, QuietArticles = quiet }).Start();
            var chile = stream.Add(Bare(Make("chile-1", ChileQuake)));
            for (var i = 0; i < 8; i++) stream.Add(Filler(i));
            Assert.Equal(chile, stream.Add(Bare(Make("chile-2", ChileQuakeFollowUp))));
            for (var i = 8; i < 20; i++) stream.Add(Filler(i)); // 12 since the follow-up joined
            Assert.True(stream.IsOpen(chile));
            Assert.Equal(chile, stream.Add(Bare(Make("chile-3", ChileQuake + " The toll rose."))));
        }
    }

    [Fact]
    public void Stories_gone_quiet_leave_memory_at_the_next_sweep()
    {
        var stream = new OnlineStoryClusterer(Live with { WindowDays = null, QuietArticles = 100, LoneArticleThreshold = null }).Start();
        for (var i = 0; i < 1023; i++) stream.Add(Filler(i));
        Assert.Equal(1023, stream.IndexedStories); // no sweep yet: each filler is a story of its own
        stream.Add(Filler(1023));
        // At the sweep after 1,024 arrivals only the stories of the last 101 stay.
        Assert.Equal(101, stream.IndexedStories);
        Assert.Equal(1024, stream.StoryCount);
    }

    [Fact]
    public void A_lone_article_gone_quiet_is_released_alone_but_would_have_settled()
    {
        const string aside = "Rescuers searched rubble in Chile through the night.";
        var stream = new OnlineStoryClusterer(Live with { WindowDays = null, QuietArticles = 100 }).Start();
        var lone = stream.Add(Bare(Make("aside", aside)));
        var chile = stream.Add(Bare(Make("chile-1", ChileQuake)));
        Assert.NotEqual(lone, chile);
        for (var i = 0; i < 1022; i++)
            stream.Add(i % 50 == 0 ? Bare(Make($"chile-{i}", ChileQuakeFollowUp)) : Filler(i));
        Assert.True(stream.IsOpen(chile)); // joined within the last 100 arrivals, unlike the aside
        Assert.False(stream.IsOpen(lone));
        Assert.Equal(lone, stream.StoryOf(0)); // the sweep at 1,024 released it without settling it into Chile's story
        // Left in the index: Chile's story and the 99 fillers among the last 101 arrivals (two of those were Chile's).
        Assert.Equal(100, stream.IndexedStories);

        // The same aside still alone when a batch ends settles into Chile's story: only going quiet kept it apart.
        var batch = new OnlineStoryClusterer(Live with { WindowDays = null, QuietArticles = null }).Start();
        batch.Add(Bare(Make("aside", aside)));
        var story = batch.Add(Bare(Make("chile-1", ChileQuake)));
        batch.Add(Bare(Make("chile-2", ChileQuakeFollowUp)));
        batch.Settle();
        Assert.Equal(batch.StoryOf(1), batch.StoryOf(0));
        Assert.Equal(story, batch.StoryOf(0));

        // Gone quiet but not yet released (no sweep before 1,024 arrivals), it is left alone when the batch ends too.
        var ended = new OnlineStoryClusterer(Live with { WindowDays = null, QuietArticles = 10 }).Start();
        var aside0 = ended.Add(Bare(Make("aside", aside)));
        ended.Add(Bare(Make("chile-1", ChileQuake)));
        for (var i = 0; i < 12; i++) ended.Add(i % 4 == 0 ? Bare(Make($"chile-{i}", ChileQuakeFollowUp)) : Filler(i));
        Assert.Equal(14, ended.Articles); // well before the first sweep, at 1,024
        ended.Settle();
        Assert.Equal(aside0, ended.StoryOf(0));
    }

    [Fact]
    public void Without_a_window_the_same_late_report_joins()
    {
        var stream = new OnlineStoryClusterer(Live with { WindowDays = null }).Start();
        var first = stream.Add(Dated("chile-1", ChileQuake, 0));
        stream.Add(Dated("vote", Election, 10));
        Assert.Equal(first, stream.Add(Dated("chile-2", ChileQuakeFollowUp, 10)));
    }

    [Fact]
    public void An_undated_article_arrives_at_the_last_time_seen()
    {
        var stream = new OnlineStoryClusterer(Live with { WindowDays = 3 }).Start();
        var first = stream.Add(Dated("chile-1", ChileQuake, 0));
        stream.Add(Dated("vote", Election, 2));
        Assert.Equal(first, stream.Add(Bare("chile-2", ChileQuakeFollowUp)));
        Assert.Equal(Day.AddDays(2).DayNumber, stream.Clock);
    }

    [Fact]
    public void Two_earthquakes_with_different_places_and_people_stay_apart()
    {
        var stream = new OnlineStoryClusterer(Live).Start();
        var chile = stream.Add(Dated("chile-1", ChileQuake, 0));
        var nepal = stream.Add(Dated("nepal-1", NepalQuake, 1));
        Assert.NotEqual(chile, nepal);
        Assert.Equal(chile, stream.Add(Dated("chile-2", ChileQuakeFollowUp, 1)));
    }

    [Fact]
    public void Reports_far_apart_in_time_pay_the_date_penalty()
    {
        var articles = new[] { Dated("chile-1", ChileQuake, 0), Dated("chile-2", ChileQuakeFollowUp, 400) };
        // By default the gap costs 0.2: with words weighed by these two articles alone that keeps them apart; with the
        // background table their shared names (Antofagasta, Senapred) weigh as the rare words they are, and the two
        // reports of one earthquake stay one story, as the batch clusterer keeps a follow-up naming the same people.
        Assert.Equal(2, new OnlineStoryClusterer(new OnlineStoryOptions { Background = null }).Cluster(articles).Count);
        Assert.Single(new OnlineStoryClusterer().Cluster(articles));
        // Neither closing nor the date gap: the words alone put them together.
        Assert.Single(new OnlineStoryClusterer(new OnlineStoryOptions { WindowDays = null, DatePenalty = 0 }).Cluster(articles));
        // A penalty larger than what their words share beyond the threshold keeps them apart.
        Assert.Equal(2, new OnlineStoryClusterer(new OnlineStoryOptions { WindowDays = null, DatePenalty = 0.5 }).Cluster(articles).Count);
        // So does a window that has closed the first story before the second arrives.
        Assert.Equal(2, new OnlineStoryClusterer(new OnlineStoryOptions { WindowDays = 30, DatePenalty = 0 }).Cluster(articles).Count);
    }

    [Fact]
    public void Adding_articles_never_changes_the_decisions_already_made()
    {
        // Each prefix of the stream decides its articles exactly as the whole stream does.
        var stream = new[]
        {
            Dated("chile-1", ChileQuake, 0), Dated("nepal-1", NepalQuake, 0), Dated("vote", Election, 1),
            Dated("chile-2", ChileQuakeFollowUp, 1), Bare("nepal-2", NepalQuake + " The toll rose."),
        };
        var whole = new OnlineStoryClusterer(Live).Start();
        var decided = stream.Select(whole.Add).ToArray();
        for (var k = 1; k < stream.Length; k++)
        {
            var prefix = new OnlineStoryClusterer(Live).Start();
            Assert.Equal(decided[..k], stream[..k].Select(prefix.Add).ToArray());
        }
        Assert.Equal(decided[0], decided[3]);
        Assert.Equal(decided[1], decided[4]);
    }

    [Fact]
    public void Every_article_is_in_exactly_one_cluster_whatever_the_input_order()
    {
        var articles = new[]
        {
            Dated("chile-1", ChileQuake, 0), Bare("nepal-1", NepalQuake), Dated("vote", Election, 1), Dated("chile-2", ChileQuakeFollowUp, 1),
        };
        var clusters = new OnlineStoryClusterer().Cluster(articles);
        Assert.Equal([0, 1, 2, 3], clusters.SelectMany(c => c).Order());
        var reversed = articles.Reverse().ToArray();
        var again = new OnlineStoryClusterer().Cluster(reversed);
        string Ids(IReadOnlyList<AnnotatedArticle> a, IReadOnlyList<IReadOnlyList<int>> c) =>
            string.Join(" | ", c.Select(m => string.Join(",", m.Select(i => a[i].Id).Order(StringComparer.Ordinal))).Order(StringComparer.Ordinal));
        Assert.Equal(Ids(articles, clusters), Ids(reversed, again));
    }

    private const string CurfewReport = "A night curfew was declared in Antofagasta after looting in the port, and soldiers guarded shops, fuel stations and the water supply while residents queued for bread.";
    private const string QuakeRoundUp = ChileQuake + " " + CurfewReport;

    [Fact]
    public void A_lone_article_merges_into_a_story_that_has_grown_towards_it()
    {
        // The curfew report shares little with the first quake report, so it opens a story of its own; the round-up
        // joins the first and brings the two together.
        var merging = Live with { MergeThreshold = 0.3, WindowDays = null };
        var stream = new OnlineStoryClusterer(merging).Start();
        var quake = stream.Add(Dated("chile-1", ChileQuake, 0));
        var curfew = stream.Add(Dated("chile-curfew", CurfewReport, 0));
        Assert.NotEqual(quake, curfew);
        stream.Add(Dated("chile-roundup", QuakeRoundUp, 1));
        Assert.Equal(stream.Resolve(quake), stream.Resolve(curfew));
        Assert.False(stream.IsOpen(stream.Resolve(quake) == quake ? curfew : quake)); // the story merged away is no candidate

        var apart = new OnlineStoryClusterer(merging with { MergeThreshold = null }).Start();
        var q = apart.Add(Dated("chile-1", ChileQuake, 0));
        var c = apart.Add(Dated("chile-curfew", CurfewReport, 0));
        apart.Add(Dated("chile-roundup", QuakeRoundUp, 1));
        Assert.NotEqual(apart.Resolve(q), apart.Resolve(c));
    }

    [Fact]
    public void A_lone_report_settles_into_the_open_story_most_like_it_when_it_closes()
    {
        // The curfew report is too unlike the quake reports to join them as it arrives, and nothing joins it; when its
        // window passes, the quake story (still open) is the one it is most like, and it settles there.
        var settling = Live with { WindowDays = 3, MergeThreshold = null, LoneArticleThreshold = 0.05 };
        var stream = new OnlineStoryClusterer(settling).Start();
        var quake = stream.Add(Dated("chile-1", ChileQuake, 0));
        Assert.Equal(quake, stream.Add(Dated("chile-2", ChileQuakeFollowUp, 0)));
        var curfew = stream.Add(Dated("chile-curfew", CurfewReport, 0));
        Assert.NotEqual(quake, curfew);
        Assert.Equal(quake, stream.Add(Dated("chile-3", ChileQuakeFollowUp + " Aftershocks followed.", 2)));
        Assert.Empty(stream.LastMerges);
        stream.Add(Dated("vote", Election, 4)); // the curfew story's window has passed; the quake story's has not
        Assert.Equal([(curfew, quake)], stream.LastMerges);
        Assert.Equal(quake, stream.Resolve(curfew));

        // The article whose day closes the lone story can still join the story it settled into.
        var again = new OnlineStoryClusterer(settling).Start();
        var q = again.Add(Dated("chile-1", ChileQuake, 0));
        again.Add(Dated("chile-2", ChileQuakeFollowUp, 0));
        var cf = again.Add(Dated("chile-curfew", CurfewReport, 0));
        again.Add(Dated("chile-3", ChileQuakeFollowUp + " Aftershocks followed.", 2));
        Assert.Equal(q, again.Add(Dated("chile-4", ChileQuake + " The toll rose again.", 4)));
        Assert.Equal([(cf, q)], again.LastMerges);

        var alone = new OnlineStoryClusterer(settling with { LoneArticleThreshold = null }).Start();
        alone.Add(Dated("chile-1", ChileQuake, 0));
        alone.Add(Dated("chile-2", ChileQuakeFollowUp, 0));
        var c = alone.Add(Dated("chile-curfew", CurfewReport, 0));
        alone.Add(Dated("chile-3", ChileQuakeFollowUp + " Aftershocks followed.", 2));
        alone.Add(Dated("vote", Election, 4));
        Assert.Empty(alone.LastMerges);
        Assert.Equal(c, alone.Resolve(c));
    }

    [Fact]
    public void A_batch_settles_its_lone_reports_when_it_ends_but_not_into_another_event()
    {
        AnnotatedArticle[] batch =
        [
            Dated("chile-1", ChileQuake, 0), Dated("chile-2", ChileQuakeFollowUp, 0), Dated("chile-curfew", CurfewReport, 0),
            Dated("nepal-1", NepalQuake, 0), Dated("nepal-2", NepalQuake + " The toll rose.", 0), Dated("vote", Election, 0),
        ];
        var options = new OnlineStoryOptions { MergeThreshold = null, LoneArticleThreshold = 0.05 };
        var settled = new OnlineStoryClusterer(options).Cluster(batch);
        // The curfew report joins Chile's quake; the election report, like neither story, stays alone.
        Assert.Equal([[0, 1, 2], [3, 4], [5]], settled.Select(c => c.ToArray()).ToArray());
        var unsettled = new OnlineStoryClusterer(options with { LoneArticleThreshold = null }).Cluster(batch);
        Assert.Equal([[0, 1], [2], [3, 4], [5]], unsettled.Select(c => c.ToArray()).ToArray());
    }

    [Fact]
    public void A_lone_report_as_like_two_stories_settles_in_neither()
    {
        // A round-up of both earthquakes is about as like the Chile story as the Nepal one: it settles only when no
        // margin is asked for.
        const string BothQuakes = "This week's earthquakes in Chile and in Nepal killed dozens; rescuers searched homes.";
        AnnotatedArticle[] batch =
        [
            Dated("chile-1", ChileQuake, 0), Dated("chile-2", ChileQuakeFollowUp, 0),
            Dated("nepal-1", NepalQuake, 0), Dated("nepal-2", NepalQuake + " The toll rose.", 0), Dated("z-both", BothQuakes, 0),
        ];
        var options = new OnlineStoryOptions { MergeThreshold = null, LoneArticleThreshold = 0.01 };
        Assert.Equal(3, new OnlineStoryClusterer(options with { LoneArticleThreshold = null }).Cluster(batch).Count);
        Assert.Equal(3, new OnlineStoryClusterer(options).Cluster(batch).Count);
        Assert.Equal(2, new OnlineStoryClusterer(options with { LoneArticleMargin = 1 }).Cluster(batch).Count);
    }

    [Fact]
    public void Two_grown_stories_are_not_merged()
    {
        // Only a lone article is merged (MergeMaxSize 1): two stories of two articles each keep apart.
        var stream = new OnlineStoryClusterer(Live with { MergeThreshold = 0.01, WindowDays = null }).Start();
        var chile = stream.Add(Dated("chile-1", ChileQuake, 0));
        stream.Add(Dated("chile-2", ChileQuakeFollowUp, 0));
        var nepal = stream.Add(Dated("nepal-1", NepalQuake, 1));
        stream.Add(Dated("nepal-2", NepalQuake + " The toll rose.", 1));
        stream.Add(Dated("chile-3", ChileQuakeFollowUp + " Aftershocks followed.", 2));
        Assert.NotEqual(stream.Resolve(chile), stream.Resolve(nepal));
    }

    [Fact]
    public void Comparisons_per_article_stop_at_the_cap_and_the_heaviest_words_still_find_the_story()
    {
        // Stories that share a word or two with a follow-up: uncapped it is compared with every one its heaviest words
        // find; capped at one, the look-up stops after its heaviest word's stories, and it still joins the right one.
        var earlier = new[]
        {
            Dated("chile-1", ChileQuake, 0), Dated("nepal-1", NepalQuake, 0), Dated("vote", Election, 0),
            Dated("copper", "Copper prices rose as the mine near Antofagasta resumed work after the rubble of a landslide was cleared, Codelco said.", 0),
            Dated("football", "The football club of Antofagasta signed a new coach on Tuesday; the interior of its stadium will be rebuilt.", 0),
        };
        long Work(int cap, out bool joined)
        {
            var stream = new OnlineStoryClusterer(Live with { MaxComparisons = cap }).Start();
            var chile = earlier.Select(stream.Add).ToArray()[0];
            var before = stream.Comparisons;
            joined = stream.Add(Dated("chile-2", ChileQuakeFollowUp, 1)) == chile;
            return stream.Comparisons - before;
        }
        var uncapped = Work(100, out var joinedUncapped);
        var capped = Work(1, out var joinedCapped);
        Assert.True(uncapped >= 2, $"uncapped compared {uncapped}");
        Assert.InRange(capped, 1, uncapped - 1);
        Assert.True(joinedUncapped);
        Assert.True(joinedCapped);
    }

    private const string TwoFightsApart = "okafor-0,okafor-1,okafor-2,okafor-3,okafor-4 | reyes-0,reyes-1,reyes-2,reyes-3,reyes-4";

    [Fact]
    public void Two_fights_of_one_champion_joined_as_they_arrive_are_split_once_the_story_shows_two_groups()
    {
        // At a low threshold every report joins the first fight's story; words weighed by these ten reports alone (as in
        // the batch clusterer's test), so the champion's name, in all of them, weighs little against the challengers'.
        var articles = StoryClustererTests.TwoFights();
        var joining = new OnlineStoryOptions { Threshold = 0.05, Background = null, MergeThreshold = null };
        Assert.Single(new OnlineStoryClusterer(joining with { SplitNeighbours = 0 }).Cluster(articles));
        Assert.Equal(TwoFightsApart, StoryClustererTests.Describe(articles, new OnlineStoryClusterer(joining).Cluster(articles)));

        // Article by article (the first fight's reports arrive first): the story is checked at 6 articles (too few for
        // two parts of 3) and at 9, where the second fight's four reports leave for a story of their own, reported in
        // LastSplits by their ordinals; the fifth then joins them.
        var stream = new OnlineStoryClusterer(joining).Start(articles);
        var splits = new List<(int Size, StorySplit Split)>();
        for (var i = 0; i < articles.Length; i++)
        {
            stream.Add(articles[i]);
            foreach (var split in stream.LastSplits) splits.Add((i + 1, split));
        }
        var (size, only) = Assert.Single(splits);
        Assert.Equal(9, size);
        Assert.Equal(0, only.From);
        Assert.Equal([5, 6, 7, 8], only.Ordinals);
        Assert.All(Enumerable.Range(0, 5), o => Assert.Equal(0, stream.StoryOf(o)));
        Assert.All(Enumerable.Range(5, 5), o => Assert.Equal(only.Into, stream.StoryOf(o)));
    }

    [Fact]
    public void Two_parts_of_one_story_over_the_same_days_stay_whole_as_in_the_batch_clusterer()
    {
        var joining = new OnlineStoryOptions { Threshold = 0.05, Background = null, MergeThreshold = null };
        // Ten days apart the fights join (the date penalty starts at 180 days) and are split.
        var tenDaysApart = StoryClustererTests.WithPeopleAndDays(StoryClustererTests.TwoFights(), new DateOnly(2012, 7, 7), new DateOnly(2012, 7, 17));
        Assert.Equal(TwoFightsApart, StoryClustererTests.Describe(tenDaysApart, new OnlineStoryClusterer(joining).Cluster(tenDaysApart)));
        // Two days apart they stay one story, unless the spare is a day or off.
        var sameDays = StoryClustererTests.WithPeopleAndDays(StoryClustererTests.TwoFights(), new DateOnly(2012, 7, 7), new DateOnly(2012, 7, 9));
        Assert.Single(new OnlineStoryClusterer(joining).Cluster(sameDays));
        Assert.Equal(TwoFightsApart, StoryClustererTests.Describe(sameDays, new OnlineStoryClusterer(joining with { SplitSparedWithinDays = 1 }).Cluster(sameDays)));
        Assert.Equal(TwoFightsApart, StoryClustererTests.Describe(sameDays, new OnlineStoryClusterer(joining with { SplitSparedWithinDays = null }).Cluster(sameDays)));
    }

    [Fact]
    public void A_stream_replayed_from_its_features_makes_the_same_splits()
    {
        // What a store's workers rely on: features carry the names the split's check reads.
        var articles = StoryClustererTests.WithPeopleAndDays(StoryClustererTests.TwoFights(), new DateOnly(2012, 7, 7), new DateOnly(2012, 7, 17));
        var joining = new OnlineStoryOptions { Threshold = 0.05, Background = null, MergeThreshold = null };
        var clusterer = new OnlineStoryClusterer(joining);
        var (live, replay) = (clusterer.Start(articles), clusterer.Start(articles));
        var (liveSplits, replaySplits) = (new List<StorySplit>(), new List<StorySplit>());
        foreach (var article in articles)
        {
            live.Add(article);
            liveSplits.AddRange(live.LastSplits);
            var features = live.Features(article);
            Assert.NotEmpty(features.Names);
            replay.Add(features);
            replaySplits.AddRange(replay.LastSplits);
        }
        Assert.NotEmpty(liveSplits);
        Assert.Equal(liveSplits.Select(x => (x.From, x.Into, string.Join(',', x.Ordinals))), replaySplits.Select(x => (x.From, x.Into, string.Join(',', x.Ordinals))));
        Assert.Equal(Enumerable.Range(0, articles.Length).Select(live.StoryOf), Enumerable.Range(0, articles.Length).Select(replay.StoryOf));
    }

    [Fact]
    public void Past_its_memory_the_stream_stops_checking_the_stories_joined_least_recently()
    {
        // Between the fights come 1,024 reports that share no word, each a story of its own. With room for 100 articles,
        // the check after the 1,024th lets go of the stories joined least recently, the first fight's among them, so its
        // story is never split when the second fight's reports join it; with the default room it is.
        var fights = StoryClustererTests.TwoFights();
        var fillers = Enumerable.Range(0, 1024).Select(i => Bare(Make($"filler-{i:D4}", $"{Word(i, 'b')} {Word(i, 'k')} {Word(i, 'v')}."))).ToList();
        var joining = new OnlineStoryOptions { Threshold = 0.05, Background = null, MergeThreshold = null };
        var kept = new OnlineStoryClusterer(joining).Start(fights);
        var trimmed = new OnlineStoryClusterer(joining with { SplitMemory = 100 }).Start(fights);
        foreach (var stream in new[] { kept, trimmed })
        {
            foreach (var fight in fights.Take(5)) stream.Add(fight);
            foreach (var filler in fillers) stream.Add(filler);
            foreach (var fight in fights.Skip(5)) stream.Add(fight);
        }
        Assert.Equal(1 + 1024 + 1, Enumerable.Range(0, 1034).Select(kept.StoryOf).Distinct().Count());
        Assert.NotEqual(kept.StoryOf(0), kept.StoryOf(1033));
        Assert.Equal(1 + 1024, Enumerable.Range(0, 1034).Select(trimmed.StoryOf).Distinct().Count());
        Assert.Equal(trimmed.StoryOf(0), trimmed.StoryOf(1033));

        // A made-up word of letters only, unique to i: "b" then i in base 20 over consonants.
        static string Word(int i, char first)
        {
            const string Letters = "bcdfghjklmnpqrstvwxz";
            var word = new System.Text.StringBuilder().Append(first).Append("ol");
            do
            {
                word.Append(Letters[i % 20]).Append('a');
                i /= 20;
            } while (i > 0);
            return word.ToString();
        }
    }

    [Fact]
    public void A_batch_gives_the_same_stories_in_any_input_order()
    {
        // Word numbers come from learning rarity; ties among the heaviest words are broken by number, so learning
        // in the caller's order rather than arrival order made the look-up, and so the stories, depend on it.
        const string words = "quorvex blintar snardle plivok trunzel grabbit wenlop zinvar mooplex drantic";
        var a = Dated("a", "zorblat zorblat zorblat.", 0);
        var x = Dated("x", "zorblat " + words + ".", 1);
        var z = Dated("z", words + ".", 2);
        static string Run(AnnotatedArticle[] input) => string.Join(" | ",
            new OnlineStoryClusterer().Cluster(input).Select(c => string.Join(",", c.Select(i => input[i].Id).Order())).Order());
        Assert.Equal(Run([a, x, z]), Run([z, x, a]));
        Assert.Equal(Run([a, x, z]), Run([x, a, z]));
    }

    [Fact]
    public void An_article_arriving_late_with_an_earlier_date_does_not_age_its_story()
    {
        var stream = new OnlineStoryClusterer(Live with { WindowDays = 7 }).Start();
        var story = stream.Add(Dated("chile-1", ChileQuake, 10));
        Assert.Equal(story, stream.Add(Dated("chile-late", ChileQuakeFollowUp, 1)));
        stream.Add(Dated("vote", Election, 11));
        Assert.True(stream.IsOpen(story)); // joined on day 10, the clock is at 11
        stream.Add(Dated("vote-2", Election, 18));
        Assert.False(stream.IsOpen(story));
    }

    [Fact]
    public void The_date_bonus_falls_to_nothing_at_the_window_end()
    {
        // Identical texts have similarity 1; only the bonus can lift them over a threshold just above it.
        var options = new OnlineStoryOptions { DateBonus = 0.1, Threshold = 1.01, MergeThreshold = null, LoneArticleThreshold = null };
        int Stories(int window, int gap)
        {
            var first = Dated("a", ChileQuake, 0);
            var second = Dated("b", ChileQuake, gap);
            var stream = new OnlineStoryClusterer(options with { WindowDays = window }).Start([first, second]);
            return stream.Add(first) == stream.Add(second) ? 1 : 2;
        }
        Assert.Equal(1, Stories(window: 3, gap: 2));
        Assert.Equal(2, Stories(window: 3, gap: 3));
        Assert.Equal(1, Stories(window: 30, gap: 3));
    }

    [Fact]
    public void Pieces_of_one_big_story_that_grew_apart_merge()
    {
        // Reports made up from 60 sentences of one ECB+ event's texts, as `eval/run big-story` makes them.
        var reports = BigStoryReports(3000);
        int Stories(IReadOnlyList<AnnotatedArticle> batch, OnlineStoryOptions options) => new OnlineStoryClusterer(options).Cluster(batch).Count;
        var neither = new OnlineStoryOptions { GrownMergeThreshold = null, LargeStoryMinSize = null };
        // A thousand bare texts (without the ECB+ batch or the annotation the eval has): the merge of grown stories
        // alone mends most of the pieces, 4 stories against 8 when written.
        var thousand = BigStoryReports(1000);
        var (grown, apart) = (Stories(thousand, neither with { GrownMergeThreshold = 0.8 }), Stories(thousand, neither));
        Assert.True(2 * grown <= apart, $"{grown} stories with the merge of grown stories, {apart} without");
        // Three thousand: pieces that each gathered the reports repeating one passage keep their centroids apart, and
        // only the large story's merge, by the mean over all cross pairs, brings them back.
        var (large, grownOnly) = (Stories(reports, new OnlineStoryOptions()), Stories(reports, new OnlineStoryOptions { LargeStoryMinSize = null }));
        Assert.True(large == 1 && grownOnly >= 3, $"{large} stories with the merge of large stories, {grownOnly} without");
    }

    [Fact]
    public void Two_large_stories_of_one_kind_do_not_merge_though_round_ups_fit_both()
    {
        // Hundreds of reports of each of ECB+ topic 1's two events, two stars' checking into rehab five years apart
        // (undated here, so only their words tell them apart), then round-ups that tell both and so fit both stories:
        // each round-up weighs the two for a merge, and the mean over their cross pairs keeps them apart.
        var lohan = BigStoryReports(400);
        var reid = BigStoryReports(400, "1_*ecb.txt", "reid-");
        var roundUps = Enumerable.Range(0, 30).Select(k => Bare($"z-both-{k:D2}", lohan[k].Article.Text + " " + reid[k].Article.Text)).ToList();
        List<int> Mixed(OnlineStoryOptions options) => [.. new OnlineStoryClusterer(options).Cluster([.. lohan, .. reid, .. roundUps])
            .Where(c => c.Count(i => i < lohan.Count) >= 50 && c.Count(i => i >= lohan.Count && i < lohan.Count + reid.Count) >= 50).Select(c => c.Count)];
        var mixed = Mixed(new OnlineStoryOptions());
        Assert.True(mixed.Count == 0, $"stories holding reports of both events, of sizes {string.Join(", ", mixed)}");
        // With no bar on that mean, a round-up that fits both merges them.
        Assert.NotEmpty(Mixed(new OnlineStoryOptions { LargeMergeMean = 0, LargeMergeShare = 0 }));
    }

    private static List<AnnotatedArticle> BigStoryReports(int count, string texts = "1_*ecbplus.txt", string prefix = "")
    {
        var shared = SharedCorpus.Locate();
        Assert.NotNull(shared);
        var folder = Path.Combine(shared, "data", "ecbplus", "text");
        var articles = Directory.GetFiles(folder, texts).Order(StringComparer.Ordinal).Select(Dossier.Eval.ClusterEval.ReadArticle);
        var pool = Dossier.Eval.BigStoryEval.Pool(articles, 60, seed: 2);
        return [.. Dossier.Eval.BigStoryEval.Reports(pool, count, seed: 2).Select(a => Bare(a with { Id = prefix + a.Id }))];
    }
}
