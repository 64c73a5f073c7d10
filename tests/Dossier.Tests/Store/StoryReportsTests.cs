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

    /// <summary>Counts the store's calls by method name, passing each on.</summary>
    public class Counting : DispatchProxy
    {
        public IStoryStore Inner { get; set; } = null!;
        public ConcurrentDictionary<string, int> Calls { get; } = new();

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            Calls.AddOrUpdate(method!.Name, 1, (_, n) => n + 1);
            return method.Invoke(Inner, args);
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

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
