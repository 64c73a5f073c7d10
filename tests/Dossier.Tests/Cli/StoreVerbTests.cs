using System.Diagnostics;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Dossier.Cli;
using Dossier.Store;
using Dossier.Tests.Ingest;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Cli;

/// <summary>The verbs on a store, run as a reader runs them, on a SQLite file in a temporary folder.</summary>
public sealed class StoreVerbTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Db => Path.Combine(_folder.Root, "news.db");

    private static Task<(int Code, string Out, string Err)> Run(params string[] args) => CommandLine.RunAsync(args);

    [Fact]
    public async Task Ingest_twice_stores_once_and_the_seeds_make_one_story_with_a_brief_in_every_format()
    {
        var first = await Run("ingest", Shared.Seeds, "--store", Db, "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.Ok, first.Code);
        Assert.Contains("3 new articles stored", first.Err);
        var second = await Run("ingest", Shared.Seeds, "--store", Db, "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.Ok, second.Code);
        Assert.Contains("0 new articles stored, 3 already stored", second.Err);

        var stories = await Run("stories", "--store", Db, "--format", "json");
        using var list = JsonDocument.Parse(stories.Out);
        var story = Assert.Single(list.RootElement.GetProperty("stories").EnumerateArray());
        Assert.Equal(3, story.GetProperty("articles").GetInt32());
        var id = story.GetProperty("id").GetString()!;

        var md = await Run("brief", id, "--store", Db, "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.Ok, md.Code);
        Assert.Contains("Belousov", md.Out);
        Assert.Contains("Where sources differ", md.Out);

        var json = await Run("brief", id, "--store", Db, "--format", "json", "--today", "2026-11-22");
        using var report = JsonDocument.Parse(json.Out);
        var reported = Assert.Single(report.RootElement.GetProperty("stories").EnumerateArray());
        Assert.Equal(id, reported.GetProperty("id").GetString());
        Assert.Equal(3, report.RootElement.GetProperty("articles").GetArrayLength());

        var page = Path.Combine(_folder.Root, "story.html");
        Assert.Equal(DossierCommand.ExitCodes.Ok, (await Run("brief", id, "--store", Db, "--format", "html", "-o", page)).Code);
        var document = new HtmlParser().ParseDocument(await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken));
        Assert.Empty(document.QuerySelectorAll("script, link[rel=stylesheet], img"));
        Assert.NotEmpty(document.QuerySelectorAll("mark"));
    }

    [Fact]
    public async Task Search_lists_matching_articles_with_their_story_and_json_says_the_same()
    {
        await Run("ingest", Shared.Seeds, "--store", Db, "--today", "2026-11-22", "-q");
        var text = await Run("search", "Belousov", "--store", Db);
        Assert.Equal(DossierCommand.ExitCodes.Ok, text.Code);
        var json = await Run("search", "Belousov", "--store", Db, "--format", "json");
        using var hits = JsonDocument.Parse(json.Out);
        var found = hits.RootElement.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(3, found.Count);
        Assert.All(found, h => Assert.Equal("s1", h.GetProperty("story").GetString()));
        Assert.All(found, h => Assert.Contains(h.GetProperty("article").GetString()!, text.Out));
        Assert.Empty(JsonDocument.Parse((await Run("search", "zyzzyva", "--store", Db, "--format", "json")).Out)
            .RootElement.GetProperty("hits").EnumerateArray());
    }

    [Fact]
    public async Task Ingest_without_update_leaves_the_queue_to_a_worker_that_finishes_it()
    {
        var ingest = await Run("ingest", Shared.Seeds, "--store", Db, "--no-update");
        Assert.Equal(DossierCommand.ExitCodes.Ok, ingest.Code);
        Assert.Contains("3 queued", ingest.Err);
        Assert.Empty(JsonDocument.Parse((await Run("stories", "--store", Db, "--format", "json")).Out).RootElement.GetProperty("stories").EnumerateArray());
        var worker = await Run("worker", "--store", Db, "--until-idle", "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.Ok, worker.Code);
        Assert.Contains("put into stories 3", worker.Err);
        Assert.Single(JsonDocument.Parse((await Run("stories", "--store", Db, "--format", "json")).Out).RootElement.GetProperty("stories").EnumerateArray());
    }

    [Fact]
    public async Task A_store_grouped_with_other_settings_stops_the_worker_until_regroup_puts_its_articles_into_stories_again()
    {
        Assert.Equal(DossierCommand.ExitCodes.Ok, (await Run("ingest", Shared.Seeds, "--store", Db, "--no-update", "-q")).Code);
        // Grouped as another version of Dossier might have: every article a story of its own.
        await using (var store = await SqliteStore.OpenAsync(Db, FixedClock.AtDay(new DateOnly(2026, 11, 22)), TestContext.Current.CancellationToken))
        {
            var other = new UpdateOptions { Stories = new UpdateOptions().Stories with { Threshold = 0.95, MergeThreshold = null } };
            await new StoryUpdater(store, FixedClock.AtDay(new DateOnly(2026, 11, 22)), other).RunUntilIdleAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(3, (await store.CountAsync(TestContext.Current.CancellationToken)).Stories);
        }

        var stopped = await Run("worker", "--store", Db, "--until-idle", "-q");
        Assert.Equal(DossierCommand.ExitCodes.Failed, stopped.Code);
        Assert.Contains("`dossier regroup`", stopped.Err);

        var regroup = await Run("regroup", "--store", Db, "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.Ok, regroup.Code);
        Assert.Contains("3 articles now in 1 story; before, 3 in 3 stories", regroup.Err);
        var story = Assert.Single(JsonDocument.Parse((await Run("stories", "--store", Db, "--format", "json")).Out).RootElement.GetProperty("stories").EnumerateArray());
        Assert.Equal(3, story.GetProperty("articles").GetInt32());
        Assert.Equal(DossierCommand.ExitCodes.Ok, (await Run("worker", "--store", Db, "--until-idle", "-q")).Code);
        Assert.Equal(DossierCommand.ExitCodes.Ok, (await Run("brief", story.GetProperty("id").GetString()!, "--store", Db, "--today", "2026-11-22")).Code);
    }

    [Fact]
    public async Task Ingest_reports_each_article_it_committed_once_and_a_second_run_reports_none()
    {
        var report = Path.Combine(_folder.Root, "stored.txt");
        Assert.Equal(DossierCommand.ExitCodes.Ok, (await Run("ingest", Shared.Seeds, "--store", Db, "--no-update", "-q", "--report", report)).Code);
        var lines = await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken);
        Assert.Equal(3, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("stored ", l));
        var ids = lines.Select(l => l["stored ".Length..]).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        await using (var store = await SqliteStore.OpenAsync(Db, TimeProvider.System, TestContext.Current.CancellationToken))
            foreach (var id in ids)
                Assert.NotNull(await store.GetArticleAsync(id, TestContext.Current.CancellationToken));

        Assert.Equal(DossierCommand.ExitCodes.Ok, (await Run("ingest", Shared.Seeds, "--store", Db, "-q", "--report", report)).Code);
        Assert.Equal(lines, await File.ReadAllLinesAsync(report, TestContext.Current.CancellationToken));
        var unwritable = await Run("ingest", Shared.Seeds, "--store", Db, "--report", _folder.Root);
        Assert.Equal(DossierCommand.ExitCodes.Failed, unwritable.Code);
        Assert.Contains("cannot write the report", unwritable.Err);
    }

    [Fact]
    public async Task Bad_arguments_and_unknown_stories_are_clear_errors()
    {
        await Run("ingest", Shared.Seeds, "--store", Db, "-q");
        var unknown = await Run("brief", "s99", "--store", Db);
        Assert.Equal(DossierCommand.ExitCodes.Failed, unknown.Code);
        Assert.Contains("no story 's99'", unknown.Err);
        Assert.Equal(DossierCommand.ExitCodes.Usage, (await Run("stories", "--store", Db, "--limit", "0")).Code);
        Assert.Equal(DossierCommand.ExitCodes.Usage, (await Run("search", "--- ...", "--store", Db)).Code);
        Assert.Equal(DossierCommand.ExitCodes.Usage, (await Run("worker", "--store", Db, "--poll", "soon")).Code);
        var badUrl = await Run("stories", "--store", "postgres://user:secret@/nodb");
        Assert.Equal(DossierCommand.ExitCodes.Failed, badUrl.Code);
        Assert.DoesNotContain("secret", badUrl.Err);
        var folderAsDb = await Run("stories", "--store", _folder.Root);
        Assert.Equal(DossierCommand.ExitCodes.Failed, folderAsDb.Code);
        Assert.Contains("cannot open the store", folderAsDb.Err);
        var empty = await Run("ingest", Path.Combine(_folder.Root, "missing"), "--store", Db);
        Assert.Equal(DossierCommand.ExitCodes.Failed, empty.Code);
    }

    [Fact]
    public async Task An_ingest_killed_halfway_leaves_a_consistent_store_and_the_next_run_finishes_the_job()
    {
        var corpus = Path.Combine(Shared.Root, "data", "ecbplus", "text");
        var cli = Path.Combine(AppContext.BaseDirectory, "Dossier.Cli.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", cli, "ingest", corpus, "--store", Db, "--no-update", "-q"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using (var process = Process.Start(start)!)
        {
            var token = TestContext.Current.CancellationToken;
            var waited = Stopwatch.StartNew();
            // Kill it once it has stored some articles but not all (SIGKILL: no chance to clean up).
            while (!process.HasExited && await StoredAsync() < 60 && waited.Elapsed < TimeSpan.FromMinutes(2))
                await Task.Delay(20, token);
            Assert.False(process.HasExited, "the ingest ended before it could be killed");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(token);
        }
        var before = await StoredAsync();
        Assert.InRange(before, 60, 771);

        var resumed = await Run("ingest", corpus, "--store", Db, "--no-update");
        Assert.Equal(DossierCommand.ExitCodes.Ok, resumed.Code);
        await using var store = await SqliteStore.OpenAsync(Db, TimeProvider.System, TestContext.Current.CancellationToken);
        var counts = await store.CountAsync(TestContext.Current.CancellationToken);
        Assert.Contains($"{counts.Articles - before} new articles stored", resumed.Err);
        Assert.Equal(counts.Articles, counts.Queued);

        // The same articles as one uninterrupted run stores.
        var clean = Path.Combine(_folder.Root, "clean.db");
        await Run("ingest", corpus, "--store", clean, "--no-update", "-q");
        await using var cleanStore = await SqliteStore.OpenAsync(clean, TimeProvider.System, TestContext.Current.CancellationToken);
        Assert.Equal((await cleanStore.CountAsync(TestContext.Current.CancellationToken)).Articles, counts.Articles);
        foreach (var id in new[] { "1_10ecb", "1_10ecbplus" })
            Assert.Equal((await cleanStore.GetArticleAsync(id, TestContext.Current.CancellationToken))?.Article.ContentHash,
                (await store.GetArticleAsync(id, TestContext.Current.CancellationToken))?.Article.ContentHash);

        async Task<long> StoredAsync()
        {
            if (!File.Exists(Db)) return 0;
            try
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Db};Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM articles";
                return (long)(await command.ExecuteScalarAsync())!;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                return 0; // not created yet
            }
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
