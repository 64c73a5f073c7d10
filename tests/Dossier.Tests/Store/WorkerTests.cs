using System.Collections.Concurrent;
using Dossier.Store;
using Dossier.Tests.Support;
using Npgsql;
using Xunit;

namespace Dossier.Tests.Store;

/// <summary>Several workers, each with its own connections as separate processes would have, sharing one PostgreSQL store.</summary>
public sealed class WorkerTests(PostgresServer server)
{
    private static readonly TimeProvider Clock = FixedClock.AtDay(new DateOnly(2026, 11, 22));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_workers_lose_nothing_annotate_each_article_once_and_make_the_stories_one_worker_makes()
    {
        var articles = StoreContract.EcbSample(60).Select(a => a.Article).ToList();
        var options = new UpdateOptions { AnnotateBatch = 4, GroupBatch = 5, Parallelism = 1 };

        var shared = await server.CreateDatabaseAsync();
        await using (var loader = await PostgresStore.OpenAsync(shared, Clock, Token))
            foreach (var article in articles) Assert.True((await loader.AddAsync(article, null, Token)).Added);
        var stores = new List<PostgresStore>();
        for (var i = 0; i < 3; i++) stores.Add(await PostgresStore.OpenAsync(shared, Clock, Token));
        try
        {
            var claims = new ConcurrentBag<long>();
            var workers = stores.Select(s => new StoryUpdater(new ClaimLog(s, claims), Clock, options)).ToList();
            await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunUntilIdleAsync(cancellationToken: Token))));
            // A worker can go idle while another still holds the articles before the ones it could group: once more each.
            while (true)
            {
                var again = await Task.WhenAll(workers.Select(w => Task.Run(() => w.RunUntilIdleAsync(cancellationToken: Token))));
                if (again.All(s => s.Annotated == 0 && s.Failed == 0 && s.Grouped == 0)) break;
            }

            var counts = await stores[0].CountAsync(Token);
            Assert.Equal(articles.Count, counts.Grouped + counts.Failed);
            Assert.Equal(articles.Count, counts.Articles);
            Assert.Equal(Enumerable.Repeat(1, articles.Count), await AttemptsAsync(shared));
            // No article was handed to two annotators, even one whose result would then have been dropped.
            Assert.Equal(articles.Count, claims.Count);
            Assert.Equal(articles.Count, claims.Distinct().Count());

            var single = await server.CreateDatabaseAsync();
            await using var alone = await PostgresStore.OpenAsync(single, Clock, Token);
            foreach (var article in articles) await alone.AddAsync(article, null, Token);
            await new StoryUpdater(alone, Clock, options).RunUntilIdleAsync(cancellationToken: Token);

            var expected = await PartitionAsync(alone, articles.Select(a => a.Id));
            Assert.Equal(expected, await PartitionAsync(stores[0], articles.Select(a => a.Id)));
            Assert.True(expected.Count > 1, "the sample should hold several stories");
        }
        finally
        {
            foreach (var store in stores) await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Three_worker_processes_on_one_database_make_the_stories_of_one_worker()
    {
        var articles = StoreContract.EcbSample(40).Select(a => a.Article).ToList();
        var shared = await server.CreateDatabaseAsync();
        var single = await server.CreateDatabaseAsync();
        foreach (var target in new[] { shared, single })
        {
            await using var loader = await PostgresStore.OpenAsync(target, Clock, Token);
            foreach (var article in articles) await loader.AddAsync(article, null, Token);
        }
        var cli = Path.Combine(AppContext.BaseDirectory, "Dossier.Cli.dll");
        var processes = Enumerable.Range(0, 3).Select(_ => System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet",
            ["exec", cli, "worker", "--store", shared, "--until-idle", "--batch", "3", "--threads", "1", "--today", "2026-11-22", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!).ToList();
        foreach (var process in processes)
        {
            var errors = process.StandardError.ReadToEndAsync(Token);
            await process.WaitForExitAsync(Token);
            Assert.True(process.ExitCode == 0, await errors);
            process.Dispose();
        }
        await using var store = await PostgresStore.OpenAsync(shared, Clock, Token);
        // A process can stop while another still holds earlier articles; the last to commit groups the rest.
        Assert.Equal(new StoreCounts(0, 0, articles.Count, 0, (await store.CountAsync(Token)).Stories), await store.CountAsync(Token));
        Assert.Equal(Enumerable.Repeat(1, articles.Count), await AttemptsAsync(shared));

        await using var alone = await PostgresStore.OpenAsync(single, Clock, Token);
        await new StoryUpdater(alone, Clock).RunUntilIdleAsync(cancellationToken: Token);
        Assert.Equal(await PartitionAsync(alone, articles.Select(a => a.Id)), await PartitionAsync(store, articles.Select(a => a.Id)));
    }

    /// <summary>How many times each article was annotated, in order of arrival.</summary>
    private static async Task<List<int>> AttemptsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var select = new NpgsqlCommand("SELECT attempts FROM articles ORDER BY seq", connection);
        await using var reader = await select.ExecuteReaderAsync(Token);
        var attempts = new List<int>();
        while (await reader.ReadAsync(Token)) attempts.Add(reader.GetInt32(0));
        return attempts;
    }

    private static async Task<List<string>> PartitionAsync(IStoryStore store, IEnumerable<string> ids)
    {
        var assignment = new List<(string, string)>();
        foreach (var id in ids)
        {
            var stored = (await store.GetArticleAsync(id, Token))!;
            // A merged story's id leads to the story it joined.
            var story = stored.Story is { } s ? (await store.GetStoryAsync(s, Token))!.Id : "failed";
            assignment.Add((id, story));
        }
        return StoreContract.Partition(assignment);
    }

    /// <summary>A store that notes every article handed to an annotator.</summary>
    private sealed class ClaimLog(IStoryStore store, ConcurrentBag<long> claims) : DelegatingStore(store)
    {
        public override Task<int> AnnotateAsync(int max, Func<IReadOnlyList<StoredArticle>, IReadOnlyList<AnnotationResult>> annotate, CancellationToken cancellationToken = default) =>
            Inner.AnnotateAsync(max, claimed =>
            {
                foreach (var article in claimed) claims.Add(article.Seq);
                return annotate(claimed);
            }, cancellationToken);
    }
}
