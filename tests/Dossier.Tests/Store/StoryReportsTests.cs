using System.Collections.Concurrent;
using System.Reflection;
using Dossier.Store;
using Dossier.Tests.Group;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Store;

/// <summary>Stored stories' reports: built once per version, shared by concurrent readers, the oldest forgotten.</summary>
public sealed class StoryReportsTests : IDisposable
{
    private static readonly TimeProvider Clock = FixedClock.AtDay(new DateOnly(2026, 11, 22));
    private readonly string _folder = Directory.CreateTempSubdirectory("dossier-reports-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Counts the store's calls by method name, passing each on; reads of a story's articles wait for <see cref="Gate"/>.</summary>
    public class Counting : DispatchProxy
    {
        public IStoryStore Inner { get; set; } = null!;
        public ConcurrentDictionary<string, int> Calls { get; } = new();
        public TaskCompletionSource Gate { get; set; } = Open();

        public static TaskCompletionSource Open()
        {
            var open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            open.SetResult();
            return open;
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            Calls.AddOrUpdate(method!.Name, 1, (_, n) => n + 1);
            if (method.Name == nameof(IStoryStore.StoryArticlesAsync)) return GatedAsync(Gate.Task, () => (Task<IReadOnlyList<StoredArticle>>)method.Invoke(Inner, args)!);
            return method.Invoke(Inner, args);
        }

        private static async Task<IReadOnlyList<StoredArticle>> GatedAsync(Task gate, Func<Task<IReadOnlyList<StoredArticle>>> read)
        {
            await gate;
            return await read();
        }
    }

    private async Task<(IStoryStore Store, Counting Counter)> TwoStoriesAsync()
    {
        var inner = await SqliteStore.OpenAsync(Path.Combine(_folder, "r.db"), Clock, Token);
        await inner.AddAsync(GroupSamples.Make("fire", "A fire destroyed three warehouses at the Gdansk port on Tuesday, the port authority said."), null, Token);
        await inner.AddAsync(GroupSamples.Make("vote", "Parliament in Lisbon approved next year's budget on Friday after a long debate."), null, Token);
        await new StoryUpdater(inner, Clock).RunUntilIdleAsync(cancellationToken: Token);
        var store = DispatchProxy.Create<IStoryStore, Counting>();
        var counter = (Counting)(object)store;
        counter.Inner = inner;
        return (store, counter);
    }

    [Fact]
    public async Task A_report_is_built_once_for_concurrent_readers_and_again_only_when_forgotten()
    {
        var (store, counter) = await TwoStoriesAsync();
        var reports = new StoryReports(store, Clock, capacity: 1);
        var stories = (await store.ListStoriesAsync(10, 0, Token)).Select(s => s.Id).Order().ToList();
        Assert.Equal(2, stories.Count);

        var together = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => reports.GetAsync(stories[0], Token))));
        Assert.Equal(1, counter.Calls["StoryArticlesAsync"]);
        Assert.All(together, r => Assert.Same(together[0]!.Analysis, r!.Analysis));
        // The story list soon shows the report's headline (written in the background).
        var headline = together[0]!.Report.Headline;
        for (var i = 0; i < 500 && (await store.GetStoryAsync(stories[0], Token))!.Title != headline; i++) await Task.Delay(10, Token);
        Assert.Equal(headline, (await store.GetStoryAsync(stories[0], Token))!.Title);

        await reports.GetAsync(stories[1], Token); // the capacity is one: the first story is forgotten
        await reports.GetAsync(stories[0], Token);
        Assert.Equal(3, counter.Calls["StoryArticlesAsync"]);
        Assert.Null(await reports.GetAsync("s404", Token));
        await store.DisposeAsync();
    }

    [Fact]
    public async Task A_growing_story_is_built_by_one_build_at_a_time_and_readers_get_the_last_report_meanwhile()
    {
        var (store, counter) = await TwoStoriesAsync();
        var reports = new StoryReports(store, Clock);
        var fire = (await store.GetArticleAsync("fire", Token))!.Story!;
        var first = (await reports.GetAsync(fire, Token))!;
        Assert.Equal(1, counter.Calls["StoryArticlesAsync"]);

        // The story grows while its next build is held back: every reader gets the last report at once, and only one
        // build runs, however many readers come and however often the story changes meanwhile.
        counter.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<long> GrowAsync(string id, string text, int articles)
        {
            await store.AddAsync(GroupSamples.Make(id, text), null, Token);
            await new StoryUpdater(store, Clock).RunUntilIdleAsync(cancellationToken: Token);
            var summary = (await store.GetStoryAsync(fire, Token))!;
            Assert.Equal(articles, summary.Articles);
            return summary.Version;
        }
        var second = await GrowAsync("fire2", "A fire destroyed three warehouses at the Gdansk port on Tuesday night, the port authority said on Wednesday.", 2);
        Assert.True(second > first.Summary.Version);
        var stale = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => reports.GetAsync(fire, Token, allowStale: true))));
        Assert.All(stale, r => Assert.Same(first.Analysis, r!.Analysis));
        Assert.All(stale, r => Assert.Equal(first.Summary.Version, r!.Summary.Version));
        var third = await GrowAsync("fire3", "Three warehouses burned down at the Gdansk port on Tuesday, the port authority of Gdansk said.", 3);
        Assert.Same(first.Analysis, (await reports.GetAsync(fire, Token, allowStale: true))!.Analysis);
        // The one build started by the first stale read reaches the store soon (it is queued); no other ever does.
        for (var i = 0; i < 500 && counter.Calls["StoryArticlesAsync"] < 2; i++) await Task.Delay(10, Token);
        Assert.Equal(2, counter.Calls["StoryArticlesAsync"]);
        Assert.Equal(1, reports.Use.Building);

        // Let the build through: it was of the second version; a reader wanting the newest gets the third, built next.
        var fresh = Task.Run(() => reports.GetAsync(fire, Token), Token);
        counter.Gate.SetResult();
        var newest = (await fresh)!;
        Assert.Equal(third, newest.Summary.Version);
        Assert.Equal(3, newest.Analysis.Articles.Count);
        Assert.Equal(3, counter.Calls["StoryArticlesAsync"]);
        Assert.Equal(0, reports.Use.Building);
        await store.DisposeAsync();
    }

    [Fact]
    public async Task Kept_reports_stay_within_their_size_bound_least_recently_read_first()
    {
        var (store, counter) = await TwoStoriesAsync();
        var stories = (await store.ListStoriesAsync(10, 0, Token)).Select(s => s.Id).Order().ToList();
        var one = (await new StoryReports(store, Clock).GetAsync(stories[0], Token))!;
        var bytes = StoryReports.BytesPerCharacter * one.Analysis.Articles.Sum(a => (long)a.Text.Length);
        counter.Calls.Clear();

        // Room for one report: reading the second forgets the first; the one just built stays even alone over the bound.
        var reports = new StoryReports(store, Clock, maxBytes: bytes + 1);
        await reports.GetAsync(stories[0], Token);
        Assert.Equal(new ReportCacheUse(1, bytes, bytes + 1, 0), reports.Use);
        await reports.GetAsync(stories[1], Token);
        Assert.Equal(1, reports.Use.Stories);
        await reports.GetAsync(stories[1], Token);
        Assert.Equal(2, counter.Calls["StoryArticlesAsync"]);
        await reports.GetAsync(stories[0], Token);
        Assert.Equal(3, counter.Calls["StoryArticlesAsync"]);

        var tiny = new StoryReports(store, Clock, maxBytes: 1);
        await tiny.GetAsync(stories[0], Token);
        await tiny.GetAsync(stories[1], Token);
        Assert.Equal(1, tiny.Use.Stories);
        await store.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
