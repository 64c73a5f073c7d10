using Dossier.Annotate;
using Dossier.Group;
using Dossier.Model;
using Dossier.Store;
using Dossier.Tests.Group;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Store;

/// <summary>
/// What every store must do, run against each implementation (SQLite, PostgreSQL): each test gets a fresh, empty store.
/// </summary>
public abstract class StoreContract
{
    protected static readonly TimeProvider Clock = FixedClock.AtDay(new DateOnly(2026, 11, 22));

    /// <summary>A new, empty store, migrated.</summary>
    protected abstract Task<IStoryStore> OpenEmptyAsync();

    /// <summary>The same store opened a second time (another process would do this).</summary>
    protected abstract Task<IStoryStore> ReopenAsync();

    /// <summary>Runs SQL on the store's database directly, as an older version of Dossier or an administrator might.</summary>
    protected abstract Task ExecuteAsync(string sql);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Article Make(string id, string text, string? url = null, string? title = null) =>
        GroupSamples.Make(id, text) with { Url = url, CanonicalUrl = url, Title = title };

    [Fact]
    public async Task The_same_article_twice_is_stored_once_by_text_and_by_address()
    {
        await using var store = await OpenEmptyAsync();
        var first = Make("a", "Flood waters rose in the valley on Monday.", "https://example.com/news/flood");
        Assert.True((await store.AddAsync(first, "a.txt", Token)).Added);
        var again = await store.AddAsync(first with { Id = "copy" }, "copy.txt", Token);
        Assert.False(again.Added);
        Assert.Equal("a", again.Id);
        // Same address, new text (a page fetched twice): still the stored article.
        var sameUrl = await store.AddAsync(Make("b", "Flood waters fell in the valley on Tuesday.", "http://www.example.com/news/flood/"), "b.txt", Token);
        Assert.False(sameUrl.Added);
        Assert.Contains("address", sameUrl.Reason);
        Assert.Equal(1, (await store.CountAsync(Token)).Articles);
    }

    [Fact]
    public async Task Two_different_articles_with_one_name_both_keep_their_text()
    {
        await using var store = await OpenEmptyAsync();
        Assert.Equal("story", (await store.AddAsync(Make("story", "A bridge opened in the north."), "x/story.txt", Token)).Id);
        var second = await store.AddAsync(Make("story", "A school closed in the south."), "y/story.txt", Token);
        Assert.True(second.Added);
        Assert.Equal("story-2", second.Id);
        Assert.Equal("A school closed in the south.", (await store.GetArticleAsync("story-2", Token))!.Article.Text);
    }

    [Fact]
    public async Task Articles_and_their_metadata_read_back_as_they_were_stored()
    {
        await using var store = await OpenEmptyAsync();
        var article = Make("x", "Line one.\n\nLine two with “quotes” and é.", "https://news.example.org/x", "A title") with
        {
            Site = "Example News",
            Authors = ["Ann Lee", "Bo Chan"],
            Published = new PublishedDate(new DateOnly(2024, 11, 29), DatePrecision.Day, DateSource.Metadata, "meta"),
            Removed = [new RemovedText("Related Posts", "furniture")],
            Blocks = [new TextBlock(BlockKind.Paragraph, new TextSpan(0, 9))],
        };
        await store.AddAsync(article, "x.html", Token);
        var back = (await store.GetArticleAsync("x", Token))!;
        Assert.Equal(article.Text, back.Article.Text);
        Assert.Equal(article.Title, back.Article.Title);
        Assert.Equal(article.Authors, back.Article.Authors);
        Assert.Equal(article.Published, back.Article.Published);
        Assert.Equal(article.Removed, back.Article.Removed);
        Assert.Equal(article.Blocks, back.Article.Blocks);
        Assert.Equal("x.html", back.Source);
        Assert.Equal(ArticleStates.Queued, back.State);
        Assert.Null(await store.GetArticleAsync("missing", Token));
    }

    [Fact]
    public async Task A_text_with_nul_characters_is_stored_and_found_with_its_spans_in_place()
    {
        await using var store = await OpenEmptyAsync();
        var text = "Before\0after the storm, crews cleared the roads.";
        Assert.True((await store.AddAsync(Make("nul", text, title: "Storm\0damage"), null, Token)).Added);
        var back = (await store.GetArticleAsync("nul", Token))!.Article.Text;
        Assert.Equal(text.Length, back.Length);
        Assert.Equal(text.IndexOf("crews", StringComparison.Ordinal), back.IndexOf("crews", StringComparison.Ordinal));
        Assert.Equal("nul", Assert.Single(await store.SearchAsync("crews", 5, Token)).Article);
    }

    [Fact]
    public async Task Opening_again_applies_no_migration_twice_and_keeps_the_data()
    {
        await using (var store = await OpenEmptyAsync())
            await store.AddAsync(Make("kept", "Kept across opening."), null, Token);
        await using var again = await ReopenAsync();
        Assert.Equal(1, (await again.CountAsync(Token)).Articles);
        Assert.NotNull(await again.GetArticleAsync("kept", Token));
    }

    [Fact]
    public async Task The_seeds_become_one_story_with_every_article_and_a_cited_report()
    {
        var seeds = SharedCorpus.Seeds();
        Assert.Equal(3, seeds.Count);
        await using var store = await OpenEmptyAsync();
        foreach (var seed in seeds) Assert.True((await store.AddAsync(seed, seed.Id, Token)).Added);
        var done = await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(new UpdateStep(3, 0, 3), done);

        var story = Assert.Single(await store.ListStoriesAsync(10, 0, Token));
        Assert.Equal(3, story.Articles);
        Assert.Equal(3, story.Sources);
        Assert.Equal(seeds.Select(s => s.Id).Order(), (await store.StoryArticlesAsync(story.Id, Token)).Select(a => a.Article.Id).Order());

        var built = (await new StoryReports(store, Clock).GetAsync(story.Id, Token))!;
        Assert.NotEmpty(built.Report.Brief);
        foreach (var sentence in built.Report.Brief)
            foreach (var citation in sentence.Citations)
                Assert.Contains(citation.Article, built.Report.Articles);
        Assert.Equal(new StoreCounts(0, 0, 3, 0, 1), await store.CountAsync(Token));
    }

    [Fact]
    public async Task Stories_are_those_the_online_clusterer_makes_in_order_of_arrival()
    {
        var articles = EcbSample(48);
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles) await store.AddAsync(a.Article, null, Token);
        // Small batches: grouping runs many times, each time resuming from what the store holds.
        await new StoryUpdater(store, Clock, new UpdateOptions { AnnotateBatch = 5, GroupBatch = 7 }).RunUntilIdleAsync(cancellationToken: Token);

        // The store's own settings (UpdateOptions.Stories), with the library's background word table.
        Assert.Same(DocumentFrequencies.Default, new UpdateOptions().Stories.Background);
        var stream = new OnlineStoryClusterer(new UpdateOptions().Stories).Start();
        foreach (var a in articles) stream.Add(a);
        var expected = Partition(articles.Select((a, i) => (a.Id, StoryIds.Of(stream.StoryOf(i)))));
        var stored = new List<(string, string)>();
        foreach (var a in articles) stored.Add((a.Id, (await store.GetArticleAsync(a.Id, Token))!.Story!));
        Assert.Equal(expected, Partition(stored));
        Assert.True(expected.Count > 1, "the sample should hold several stories");
    }

    [Fact]
    public async Task A_story_the_stream_splits_is_split_in_the_store_and_every_worker_replays_the_split()
    {
        // Two title fights of one champion: at a low threshold the second fight's reports join the first's story, and
        // the stream splits them off once the story shows two groups (OnlineStoryClustererTests; here with rarity learnt
        // as articles arrive, as in a store, which takes a looser cut).
        // The first fight reported on 7 July, the second on 17 July: apart, so the split is not spared.
        var articles = StoryClustererTests.TwoFights().Select(a => a.Article with
        {
            Published = new PublishedDate(new DateOnly(2012, 7, a.Id.StartsWith("okafor", StringComparison.Ordinal) ? 7 : 17), DatePrecision.Day, DateSource.Metadata),
        }).ToList();
        var options = new UpdateOptions
        {
            AnnotateBatch = 3, GroupBatch = 2,
            Stories = new OnlineStoryOptions { Threshold = 0.05, Background = null, MergeThreshold = null, SplitMaxCut = 0.3 },
        };
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles) await store.AddAsync(a, null, Token);
        // A new worker for every round, as many processes taking turns would be: each replays what the others grouped
        // (splits included) and checks that its replay puts every article where the store has it, before grouping two more.
        while (!(await new StoryUpdater(store, Clock, options).StepAsync(Token)).Idle) { }
        Assert.Equal(10, (await store.CountAsync(Token)).Grouped);

        // The stories a single stream makes of the same annotated articles, with its splits.
        var annotator = ArticleAnnotator.CreateDefault(Clock);
        var stream = new OnlineStoryClusterer(options.Stories).Start();
        var splits = 0;
        foreach (var a in articles)
        {
            stream.Add(annotator.Annotate(a));
            splits += stream.LastSplits.Count;
        }
        Assert.True(splits > 0, "the stream should split the fights' story");
        var expected = Partition(articles.Select((a, i) => (a.Id, StoryIds.Of(stream.StoryOf(i)))));
        var stored = new List<(string, string)>();
        foreach (var a in articles) stored.Add((a.Id, (await store.GetArticleAsync(a.Id, Token))!.Story!));
        Assert.Equal(expected, Partition(stored));
        Assert.Equal(["okafor-0,okafor-1,okafor-2,okafor-3,okafor-4", "reyes-0,reyes-1,reyes-2,reyes-3,reyes-4"], expected);

        // Each story's row counts its own articles and spans its own days.
        var listed = await store.ListStoriesAsync(10, 0, Token);
        Assert.Equal(2, listed.Count);
        foreach (var story in listed)
        {
            var members = await store.StoryArticlesAsync(story.Id, Token);
            Assert.Equal(5, story.Articles);
            Assert.Equal(5, members.Count);
            var fight = Assert.Single(members.Select(m => m.Article.Id[..5]).Distinct());
            var day = new DateOnly(2012, 7, fight == "okafo" ? 7 : 17);
            Assert.Equal((day, day), (story.From, story.To));
        }

        // Another process opening the store replays it without a mismatch and groups what comes next into its stories.
        await using var reopened = await ReopenAsync();
        await reopened.AddAsync(Make("reyes-late", string.Join(' ', articles[^1].Text.Split(". ").Skip(1))), null, Token);
        await new StoryUpdater(reopened, Clock, options).RunUntilIdleAsync(cancellationToken: Token);
        var late = (await reopened.GetArticleAsync("reyes-late", Token))!.Story;
        Assert.Equal((await reopened.GetArticleAsync("reyes-0", Token))!.Story, late);
    }

    [Fact]
    public async Task A_story_merged_away_follows_its_article_through_splits_and_a_kept_part_keeps_its_title()
    {
        // A lone report opens story 0 before the story it belongs to (1) has begun, and is merged into it; story 1 then
        // splits twice. The lone story's old id must lead wherever its article goes, and story 1, which keeps its first
        // reports, its title.
        await using var store = await OpenEmptyAsync();
        var (rank, storyId) = await GroupByHandAsync(store, ["lone", "a1", "a2", "b1", "b2"], id => id == "lone" ? 0 : 1,
            session => session.MergeAsync(0, 1, Token));
        Assert.Equal(storyId[1], (await store.GetStoryAsync(storyId[0], Token))!.Id);
        Assert.Equal("Title a1", (await store.GetStoryAsync(storyId[1], Token))!.Title);

        // b1 and b2 split off: the lone report stays in story 1, whose title stays a1's although lone came first.
        await store.GroupAsync(async session =>
        {
            await session.SplitAsync(1, 2, [rank["b1"], rank["b2"]], Token);
            return 0;
        }, Token);
        var kept = (await store.GetStoryAsync(storyId[0], Token))!;
        Assert.Equal((storyId[1], "Title a1", 3), (kept.Id, kept.Title, kept.Articles));
        var split = (await store.GetStoryAsync(storyId[2], Token))!;
        Assert.Equal(("Title b1", 2), (split.Title, split.Articles));

        // The lone report splits off on its own: its old id follows it; story 1 keeps its title.
        await store.GroupAsync(async session =>
        {
            await session.SplitAsync(1, 3, [rank["lone"]], Token);
            return 0;
        }, Token);
        Assert.Equal(storyId[3], (await store.GetArticleAsync("lone", Token))!.Story);
        var followed = (await store.GetStoryAsync(storyId[0], Token))!;
        Assert.Equal((storyId[3], "Title lone", 1), (followed.Id, followed.Title, followed.Articles));
        Assert.Equal(("Title a1", 2), ((await store.GetStoryAsync(storyId[1], Token))!.Title, (await store.GetStoryAsync(storyId[1], Token))!.Articles));

        // After a regrouping every old id, the merged one included, leads to a story holding its article.
        await new StoryUpdater(store, Clock).RegroupAsync(cancellationToken: Token);
        Assert.Equal((await store.GetArticleAsync("lone", Token))!.Story, (await store.GetStoryAsync(storyId[0], Token))!.Id);
        Assert.Equal((await store.GetArticleAsync("a1", Token))!.Story, (await store.GetStoryAsync(storyId[1], Token))!.Id);
        Assert.Equal((await store.GetArticleAsync("b1", Token))!.Story, (await store.GetStoryAsync(storyId[2], Token))!.Id);
    }

    [Fact]
    public async Task In_a_chain_of_merges_each_old_id_follows_its_own_first_article_through_a_split()
    {
        // A (a) merged into B (b), then B into C (c1, c2); C splits with only a moving on. B now holds a too, but its
        // id must follow its own first article, b, which stayed in C.
        await using var store = await OpenEmptyAsync();
        var (rank, storyId) = await GroupByHandAsync(store, ["a", "b", "c1", "c2"], id => id switch { "a" => 0, "b" => 1, _ => 2 }, async session =>
        {
            await session.MergeAsync(0, 1, Token);
            await session.MergeAsync(1, 2, Token);
        });
        await store.GroupAsync(async session =>
        {
            await session.SplitAsync(2, 3, [rank["a"]], Token);
            return 0;
        }, Token);
        Assert.Equal(storyId[3], (await store.GetStoryAsync(storyId[0], Token))!.Id);
        Assert.Equal(storyId[2], (await store.GetStoryAsync(storyId[1], Token))!.Id);
        Assert.Equal(3, (await store.GetStoryAsync(storyId[2], Token))!.Articles);
    }

    [Fact]
    public async Task A_regrouping_sends_a_merged_story_to_the_new_story_of_its_article_not_of_the_story_it_went_into()
    {
        // A report of a cable cut was merged (by hand here) into a story of three reports of a jewellery heist; regrouped,
        // the cable report stands alone, and its old id must lead there, while the heist story's old id leads to the heist.
        var folder = Path.Combine(Shared.Root, "data", "ecbplus", "text");
        (string Id, string File)[] picked = [("cable", "30_1ecb"), ("heist-1", "24_1ecbplus"), ("heist-2", "24_5ecbplus"), ("heist-3", "24_7ecbplus")];
        await using var store = await OpenEmptyAsync();
        foreach (var (id, file) in picked) await store.AddAsync(Make(id, File.ReadAllText(Path.Combine(folder, file + ".txt"))), null, Token);
        await store.AnnotateAsync(10, claimed => claimed.Select(c => AnnotationResult.Done(c.Seq, c.Article, Features(c.Article))).ToList(), Token);
        var storyId = new string[2];
        await store.GroupAsync(async session =>
        {
            foreach (var p in await session.PendingAsync(10, Token)) await session.AssignAsync(p, p.Id == "cable" ? 0 : 1, Token);
            await session.MergeAsync(0, 1, Token);
            (storyId[0], storyId[1]) = (session.StoryId(0), session.StoryId(1));
            return 4;
        }, Token);

        await new StoryUpdater(store, Clock).RegroupAsync(cancellationToken: Token);
        var cable = (await store.GetArticleAsync("cable", Token))!.Story;
        var heist = (await store.GetArticleAsync("heist-1", Token))!.Story;
        Assert.NotEqual(cable, heist);
        Assert.Equal(cable, (await store.GetStoryAsync(storyId[0], Token))!.Id);
        Assert.Equal(heist, (await store.GetStoryAsync(storyId[1], Token))!.Id);
    }

    [Fact]
    public async Task A_store_made_before_stories_remembered_their_first_article_migrates_and_keeps_its_merged_ids()
    {
        // Made before schema step 3: x's story was merged into y's without a first article on record.
        Dictionary<string, long> rank;
        string[] storyId;
        await using (var store = await OpenEmptyAsync())
            (rank, storyId) = await GroupByHandAsync(store, ["x", "y", "z"], id => id == "x" ? 0 : 1, session => session.MergeAsync(0, 1, Token));
        await ExecuteAsync("DROP INDEX stories_merged");
        await ExecuteAsync("ALTER TABLE stories DROP COLUMN first_seq");
        await ExecuteAsync("DELETE FROM schema_version WHERE version = 3");

        await using var reopened = await ReopenAsync();
        await reopened.AddAsync(Make("w", "The w report on the harbour fire.", title: "w"), null, Token);
        await reopened.AnnotateAsync(10, claimed => claimed.Select(c => AnnotationResult.Done(c.Seq, c.Article, Features(c.Article))).ToList(), Token);
        await reopened.GroupAsync(async session =>
        {
            // x moves on in a split: with no first article on record, x's old id stays with the story it went into.
            await session.SplitAsync(1, 2, [rank["x"]], Token);
            // A story opened and merged after the migration leads to the story it went into.
            await session.AssignAsync(Assert.Single(await session.PendingAsync(10, Token)), 3, Token);
            await session.MergeAsync(3, 2, Token);
            return 1;
        }, Token);
        Assert.Equal(storyId[1], (await reopened.GetStoryAsync(storyId[0], Token))!.Id);
        Assert.Equal(storyId[2], (await reopened.GetStoryAsync(storyId[3], Token))!.Id);
        Assert.Equal(2, (await reopened.GetStoryAsync(storyId[2], Token))!.Articles);
    }

    /// <summary>
    /// Stores and annotates short reports titled "Title {id}", puts each into the story <paramref name="storyOf"/> gives it,
    /// in one grouping session that then runs <paramref name="then"/>. Returns each article's rank and the ids of stories 0-3.
    /// </summary>
    private static async Task<(Dictionary<string, long> Rank, string[] StoryId)> GroupByHandAsync(
        IStoryStore store, string[] ids, Func<string, int> storyOf, Func<IGroupSession, Task> then)
    {
        foreach (var id in ids) await store.AddAsync(Make(id, $"The {id} report on the harbour fire.", title: $"Title {id}"), null, Token);
        await store.AnnotateAsync(10, claimed => claimed.Select(c => AnnotationResult.Done(c.Seq, c.Article, Features(c.Article))).ToList(), Token);
        var rank = new Dictionary<string, long>(StringComparer.Ordinal);
        var storyId = new string[4];
        await store.GroupAsync(async session =>
        {
            foreach (var p in await session.PendingAsync(ids.Length, Token))
            {
                await session.AssignAsync(p, storyOf(p.Id), Token);
                rank[p.Id] = session.LastRank;
            }
            await then(session);
            for (var n = 0; n < storyId.Length; n++) storyId[n] = session.StoryId(n);
            return ids.Length;
        }, Token);
        return (rank, storyId);
    }

    [Fact]
    public async Task A_worker_whose_stream_opened_fewer_stories_than_the_store_stops_before_reusing_a_number()
    {
        // A split can move only articles an up-to-date worker replayed earlier; a worker whose stream does not split
        // then passes the check of the new articles, but knows one story fewer than the store. Here that story is put in
        // by hand, after the number this worker would open next.
        var articles = EcbSample(12);
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles.Take(8)) await store.AddAsync(a.Article, null, Token);
        var updater = new StoryUpdater(store, Clock);
        await updater.RunUntilIdleAsync(cancellationToken: Token);
        await ExecuteAsync(
            "INSERT INTO stories (id, number, article_count, created_at, updated_at, version) " +
            "SELECT 's' || (MAX(number) + 2), MAX(number) + 1, 0, MAX(created_at), MAX(updated_at), 0 FROM stories");
        foreach (var a in articles.Skip(8)) await store.AddAsync(a.Article, null, Token);
        var error = await Assert.ThrowsAsync<StoryGroupingMismatchException>(() => updater.RunUntilIdleAsync(cancellationToken: Token));
        Assert.Contains("which its replay does not open", error.Message, StringComparison.Ordinal);
        Assert.Equal(8, (await store.CountAsync(Token)).Grouped);
    }

    [Fact]
    public async Task A_worker_grouping_with_other_settings_stops_rather_than_misplace_articles()
    {
        var articles = EcbSample(24);
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles.Take(16)) await store.AddAsync(a.Article, null, Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        var before = new List<string?>();
        foreach (var a in articles.Take(16)) before.Add((await store.GetArticleAsync(a.Id, Token))!.Story);

        foreach (var a in articles.Skip(16)) await store.AddAsync(a.Article, null, Token);
        // A worker whose clusterer decides otherwise (here every article would open a story of its own) replays the
        // store, finds an article the replay puts elsewhere, and stops, naming it, with nothing grouped.
        var other = new StoryUpdater(store, Clock, new UpdateOptions { Stories = new UpdateOptions().Stories with { Threshold = 0.95, MergeThreshold = null } });
        var error = await Assert.ThrowsAsync<StoryGroupingMismatchException>(() => other.RunUntilIdleAsync(cancellationToken: Token));
        Assert.Contains("grouped with other settings", error.Message, StringComparison.Ordinal);
        Assert.Equal(16, (await store.CountAsync(Token)).Grouped);
        for (var i = 0; i < 16; i++) Assert.Equal(before[i], (await store.GetArticleAsync(articles[i].Id, Token))!.Story);

        // A worker with the store's settings resumes from it.
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(24, (await store.CountAsync(Token)).Grouped);
    }

    [Fact]
    public async Task A_store_grouped_with_other_settings_is_regrouped_and_then_grows_with_these()
    {
        var articles = EcbSample(30);
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles.Take(16)) await store.AddAsync(a.Article, null, Token);
        // Made with other settings: every article a story of its own.
        var old = new UpdateOptions { Stories = new UpdateOptions().Stories with { Threshold = 0.95, MergeThreshold = null } };
        await new StoryUpdater(store, Clock, old).RunUntilIdleAsync(cancellationToken: Token);
        var storiesBefore = (await store.CountAsync(Token)).Stories;
        var oldStory = new Dictionary<string, string>();
        foreach (var a in articles.Take(16)) oldStory[a.Id] = (await store.GetArticleAsync(a.Id, Token))!.Story!;
        foreach (var a in articles.Skip(16).Take(8)) await store.AddAsync(a.Article, null, Token);

        var updater = new StoryUpdater(store, Clock, new UpdateOptions { GroupBatch = 5 });
        await Assert.ThrowsAsync<StoryGroupingMismatchException>(() => updater.RunUntilIdleAsync(cancellationToken: Token));
        var progress = new List<long>();
        var regrouped = await updater.RegroupAsync(new Reported(progress), Token);
        // The 16 that were in stories, and the 8 the failed run annotated and left waiting, told in batches as they go.
        Assert.Equal(new Regrouped(16, storiesBefore, 24, (await store.CountAsync(Token)).Stories), regrouped);
        Assert.True(regrouped.Stories < storiesBefore, $"{regrouped.Stories} stories after, {storiesBefore} before");
        Assert.Equal([5L, 10, 15, 20, 24], progress);

        // The stories are those these settings make in order of arrival, under ids never used before (so nothing kept
        // for an old story, a report or a link, is taken for a new one); each old id leads to the story its article is in now.
        Assert.Equal(ExpectedStories(articles.Take(24)), await StoredStoriesAsync(store, articles.Take(24)));
        var newIds = (await store.ListStoriesAsync(100, 0, Token)).Select(s => s.Id).ToList();
        Assert.Empty(newIds.Intersect(oldStory.Values));
        foreach (var a in articles.Take(16))
            Assert.Equal((await store.GetArticleAsync(a.Id, Token))!.Story, (await store.GetStoryAsync(oldStory[a.Id], Token))!.Id);

        // The store now grows with these settings, whichever updater (this one, or a new process) groups next.
        foreach (var a in articles.Skip(24)) await store.AddAsync(a.Article, null, Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(ExpectedStories(articles), await StoredStoriesAsync(store, articles));
        Assert.Equal(30, (await store.CountAsync(Token)).Grouped);
    }

    [Fact]
    public async Task A_store_made_before_the_grouping_state_migrates_and_keeps_growing_its_stories()
    {
        var articles = EcbSample(24);
        await using (var store = await OpenEmptyAsync())
        {
            // Ids as stores made before step 2 numbered them, from s1.
            await store.AddAsync(articles[0].Article, null, Token);
            await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
            Assert.Equal("s1", (await store.GetArticleAsync(articles[0].Id, Token))!.Story);
            foreach (var a in articles.Skip(1).Take(15)) await store.AddAsync(a.Article, null, Token);
            await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        }
        var before = new List<string>();
        // As a store made before schema step 2: no grouping state.
        await ExecuteAsync("DROP TABLE grouping_state");
        await ExecuteAsync("DELETE FROM schema_version WHERE version = 2");

        await using var reopened = await ReopenAsync();
        foreach (var a in articles.Take(16)) before.Add((await reopened.GetArticleAsync(a.Id, Token))!.Story!);
        foreach (var a in articles.Skip(16)) await reopened.AddAsync(a.Article, null, Token);
        await new StoryUpdater(reopened, Clock).RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(24, (await reopened.CountAsync(Token)).Grouped);
        Assert.Equal(ExpectedStories(articles), await StoredStoriesAsync(reopened, articles));
        // Its stories kept their ids: the grouping state starts at generation 0 with numbers from 1, as the store had them.
        var after = new List<string>();
        foreach (var a in articles.Take(16)) after.Add((await reopened.GetStoryAsync((await reopened.GetArticleAsync(a.Id, Token))!.Story!, Token))!.Id);
        var resolvedBefore = new List<string>();
        foreach (var id in before) resolvedBefore.Add((await reopened.GetStoryAsync(id, Token))!.Id);
        Assert.Equal(resolvedBefore, after);
    }

    [Fact]
    public async Task A_worker_whose_store_was_regrouped_meanwhile_replays_it_before_grouping_again()
    {
        var articles = EcbSample(30);
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles.Take(20)) await store.AddAsync(a.Article, null, Token);
        var replays = new List<long>();
        var worker = new StoryUpdater(new ReplayLog(store, replays), Clock);
        await worker.RunUntilIdleAsync(cancellationToken: Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        foreach (var a in articles.Skip(20).Take(5)) await store.AddAsync(a.Article, null, Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        await worker.RunUntilIdleAsync(cancellationToken: Token);
        // What another process grouped is replayed from where this worker's stream stopped.
        Assert.Equal([20], replays);

        // Another process regroups (with the same settings: the same stories, under ranks numbered on from the last),
        // then more articles come. The worker's stream is of the old ranks: adding the new ones to it would count every
        // article twice. It replays the store from the start.
        await new StoryUpdater(store, Clock).RegroupAsync(cancellationToken: Token);
        foreach (var a in articles.Skip(25)) await store.AddAsync(a.Article, null, Token);
        replays.Clear();
        await worker.RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal([0], replays);
        Assert.Equal(ExpectedStories(articles), await StoredStoriesAsync(store, articles));
    }

    /// <summary>Progress noted as it is reported, on the reporting thread (<see cref="Progress{T}"/> posts it elsewhere).</summary>
    private sealed class Reported(List<long> values) : IProgress<long>
    {
        public void Report(long value) => values.Add(value);
    }

    /// <summary>A store that notes the rank each replay starts after.</summary>
    private sealed class ReplayLog(IStoryStore store, List<long> replays) : DelegatingStore(store)
    {
        public override Task<int> GroupAsync(Func<IGroupSession, Task<int>> step, CancellationToken cancellationToken = default) =>
            Inner.GroupAsync(session => step(new Session(session, replays)), cancellationToken);

        private sealed class Session(IGroupSession inner, List<long> replays) : IGroupSession
        {
            public long LastRank => inner.LastRank;
            public long Generation => inner.Generation;
            public string StoryId(int number) => inner.StoryId(number);
            public IAsyncEnumerable<GroupedArticle> ReplayAsync(long afterRank, CancellationToken cancellationToken)
            {
                replays.Add(afterRank);
                return inner.ReplayAsync(afterRank, cancellationToken);
            }
            public Task<IReadOnlyList<PendingArticle>> PendingAsync(int max, CancellationToken cancellationToken) => inner.PendingAsync(max, cancellationToken);
            public Task AssignAsync(PendingArticle article, int story, CancellationToken cancellationToken) => inner.AssignAsync(article, story, cancellationToken);
            public Task MergeAsync(int from, int into, CancellationToken cancellationToken) => inner.MergeAsync(from, into, cancellationToken);
            public Task SplitAsync(int from, int into, IReadOnlyList<long> ranks, CancellationToken cancellationToken) => inner.SplitAsync(from, into, ranks, cancellationToken);
            public Task<bool> StoryExistsAsync(int number, CancellationToken cancellationToken) => inner.StoryExistsAsync(number, cancellationToken);
            public Task<(long Articles, long Stories)> UngroupAllAsync(CancellationToken cancellationToken) => inner.UngroupAllAsync(cancellationToken);
            public Task<long> FinishRegroupAsync(CancellationToken cancellationToken) => inner.FinishRegroupAsync(cancellationToken);
        }
    }

    /// <summary>The stories the store's default settings make of <paramref name="articles"/> in this order.</summary>
    private static List<string> ExpectedStories(IEnumerable<AnnotatedArticle> articles)
    {
        var stream = new OnlineStoryClusterer(new UpdateOptions().Stories).Start();
        var list = articles.ToList();
        foreach (var a in list) stream.Add(a);
        return Partition(list.Select((a, i) => (a.Id, StoryIds.Of(stream.StoryOf(i)))));
    }

    private static async Task<List<string>> StoredStoriesAsync(IStoryStore store, IEnumerable<AnnotatedArticle> articles)
    {
        var stored = new List<(string, string)>();
        foreach (var a in articles) stored.Add((a.Id, (await store.GetArticleAsync(a.Id, Token))!.Story!));
        return Partition(stored);
    }

    [Fact]
    public async Task A_worker_that_fails_mid_batch_leaves_its_articles_queued_and_the_next_run_finishes()
    {
        var articles = EcbSample(20);
        await using var store = await OpenEmptyAsync();
        foreach (var a in articles) await store.AddAsync(a.Article, null, Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AnnotateAsync(8, _ => throw new InvalidOperationException("killed"), Token));
        Assert.Equal(20, (await store.CountAsync(Token)).Queued);

        // A grouping step that dies after assigning articles commits none of them.
        var updater = new StoryUpdater(store, Clock, new UpdateOptions { AnnotateBatch = 20 });
        await store.AnnotateAsync(20, claimed => claimed.Select(c => AnnotationResult.Done(c.Seq, c.Article, Features(c.Article))).ToList(), Token);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.GroupAsync(async session =>
        {
            foreach (var p in await session.PendingAsync(10, Token)) await session.AssignAsync(p, 0, Token);
            throw new InvalidOperationException("killed");
        }, Token));
        Assert.Equal(new StoreCounts(0, 20, 0, 0, 0), await store.CountAsync(Token));

        await updater.RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(20, (await store.CountAsync(Token)).Grouped);
    }

    [Fact]
    public async Task An_article_the_annotator_rejects_is_marked_failed_and_does_not_hold_up_the_rest()
    {
        await using var store = await OpenEmptyAsync();
        foreach (var id in new[] { "a", "b", "c" }) await store.AddAsync(Make(id, $"Article {id} about the harbour fire in the port."), null, Token);
        await store.AnnotateAsync(10, claimed => claimed.Select(c => c.Article.Id == "b"
            ? AnnotationResult.Failed(c.Seq, "too long")
            : AnnotationResult.Done(c.Seq, c.Article, Features(c.Article))).ToList(), Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(new StoreCounts(0, 0, 2, 1, 1), await store.CountAsync(Token));
        var failed = (await store.GetArticleAsync("b", Token))!;
        Assert.Equal(ArticleStates.Failed, failed.State);
        Assert.Equal("too long", failed.Error);
    }

    [Fact]
    public async Task Search_finds_words_in_titles_and_texts_and_reads_query_syntax_as_words()
    {
        await using var store = await OpenEmptyAsync();
        await store.AddAsync(Make("a", "The harbour authority counted the losses.", title: "Fire at the docks"), null, Token);
        await store.AddAsync(Make("b", "Fire crews worked through the night at the docks.", title: "Night shift"), null, Token);
        await store.AddAsync(Make("c", "Parliament passed the budget on Friday.", title: "Budget vote"), null, Token);

        var fire = await store.SearchAsync("fire docks", 10, Token);
        Assert.Equal(["a", "b"], fire.Select(h => h.Article).Order());
        Assert.Equal("a", fire[0].Article); // the title weighs more
        Assert.Contains("[", fire[0].Snippet);
        Assert.Equal("c", Assert.Single(await store.SearchAsync("budg", 10, Token)).Article);
        foreach (var hostile in new[] { "\"", "AND", "fire OR", "NEAR(", "*", "docks'; DROP TABLE articles; --", "" })
            await store.SearchAsync(hostile, 10, Token);
        // Read as syntax, "fire OR budget" would find all three; as words it asks for "or" too, which no text has.
        Assert.Empty(await store.SearchAsync("fire OR budget", 10, Token));
        Assert.Equal(3, (await store.CountAsync(Token)).Articles);
    }

    [Fact]
    public async Task Words_with_combining_marks_are_found_whole()
    {
        await using var store = await OpenEmptyAsync();
        await store.AddAsync(Make("hi", "दिल्ली में नई किताब का विमोचन हुआ।"), null, Token);
        await store.AddAsync(Make("fr", "Le cafe\u0301 du port a rouvert lundi."), null, Token);
        Assert.Equal(["किताब"], SearchQuery.Words("किताब"));
        Assert.Equal("hi", Assert.Single(await store.SearchAsync("किताब", 5, Token)).Article);
        Assert.Equal("fr", Assert.Single(await store.SearchAsync("cafe\u0301 port", 5, Token)).Article);
    }

    [Fact]
    public async Task A_story_counts_one_source_per_site_else_per_host_else_per_article()
    {
        await using var store = await OpenEmptyAsync();
        const string text = "The ferry Aurora sank off the Hebrides on Monday; all 40 passengers were rescued by lifeboat crews.";
        await store.AddAsync(Make("a", text + " One.", "https://www.harbour-times.example/ferry"), null, Token);
        await store.AddAsync(Make("b", text + " Two.", "https://harbour-times.example/ferry-update"), null, Token);
        await store.AddAsync(Make("c", text + " Three.") with { Site = "Island Radio" }, null, Token);
        await store.AddAsync(Make("d", text + " Four."), null, Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        var story = Assert.Single(await store.ListStoriesAsync(10, 0, Token));
        Assert.Equal(4, story.Articles);
        Assert.Equal(3, story.Sources);
    }

    [Fact]
    public async Task Feed_state_and_headlines_are_kept()
    {
        await using var store = await OpenEmptyAsync();
        Assert.Null(await store.LoadFeedStateAsync("https://feeds.example/a", Token));
        await store.SaveFeedStateAsync("https://feeds.example/a", "{\"etag\":\"1\"}", Token);
        await store.SaveFeedStateAsync("https://feeds.example/a", "{\"etag\":\"2\"}", Token);
        Assert.Equal("{\"etag\":\"2\"}", await store.LoadFeedStateAsync("https://feeds.example/a", Token));

        await store.AddAsync(Make("a", "A ferry sank off the coast."), null, Token);
        await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
        var story = Assert.Single(await store.ListStoriesAsync(10, 0, Token));
        // A headline for another version is not kept: the story changed after that report was built.
        await store.SaveHeadlineAsync(story.Id, story.Version + 1, "Ferry capsizes", Token);
        Assert.Equal(story.Title, (await store.GetStoryAsync(story.Id, Token))!.Title);
        await store.SaveHeadlineAsync(story.Id, story.Version, "Ferry sinks", Token);
        Assert.Equal("Ferry sinks", (await store.GetStoryAsync(story.Id, Token))!.Title);
        Assert.Equal("Ferry sinks", Assert.Single(await store.ListStoriesAsync(10, 0, Token)).Title);
    }

    private static readonly ArticleAnnotator Annotator = ArticleAnnotator.CreateDefault(Clock);
    private static readonly OnlineStoryClusterer FeatureReader = new(new OnlineStoryOptions());

    private static ArticleFeatures Features(Article article) => FeatureReader.Start().Features(Annotator.Annotate(article));

    private static readonly Lazy<IReadOnlyList<AnnotatedArticle>> Ecb = new(() => LoadEcb(60));

    /// <summary>The first texts of the first ECB+ topics, annotated, in a fixed order.</summary>
    internal static IReadOnlyList<AnnotatedArticle> EcbSample(int count) => Ecb.Value.Take(count).ToList();

    private static IReadOnlyList<AnnotatedArticle> LoadEcb(int count)
    {
        var folder = Path.Combine(Shared.Root, "data", "ecbplus", "text");
        var files = Directory.GetFiles(folder, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Where((_, i) => i % 9 == 0).Take(count);
        return files.Select(f => Annotator.Annotate(GroupSamples.Make(Path.GetFileNameWithoutExtension(f), File.ReadAllText(f)))).ToList();
    }

    /// <summary>The grouping as a set of sets of article ids, whatever the stories are called.</summary>
    internal static List<string> Partition(IEnumerable<(string Article, string Story)> assignment) => assignment
        .GroupBy(p => p.Story)
        .Select(g => string.Join(",", g.Select(p => p.Article).Order(StringComparer.Ordinal)))
        .Order(StringComparer.Ordinal)
        .ToList();
}

public sealed class SqliteStoreTests : StoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dossier-store-").FullName;

    private string DbPath => Path.Combine(_folder, "dossier.db");

    protected override async Task<IStoryStore> OpenEmptyAsync() => await SqliteStore.OpenAsync(DbPath, Clock);

    protected override async Task<IStoryStore> ReopenAsync() => await SqliteStore.OpenAsync(DbPath, Clock);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DbPath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
