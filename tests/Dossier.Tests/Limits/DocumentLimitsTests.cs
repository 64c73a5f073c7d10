using Dossier.Annotate;
using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;
using Dossier.Store;
using Dossier.Tests.Cli;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Limits;

/// <summary>Per-document limits on time and memory: the limit hit is named, the document is given up, the batch goes on.</summary>
public sealed class DocumentLimitsTests
{
    private static readonly FixedClock Today = FixedClock.AtDay(new DateOnly(2026, 11, 22));

    /// <summary>A clock whose stopwatch jumps a minute at every reading: any document runs out of a 30-second budget at its first check.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => Today.GetUtcNow();

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerMinute);
    }

    private static string SeedText() => File.ReadAllText(Directory.GetFiles(Shared.Seeds).Order(StringComparer.Ordinal).First());

    private static Article SeedArticle() => new ArticleExtractor(Today).Extract(new SourceDocument("seed", "seed.txt", "text", SeedText()));

    [Fact]
    public void A_document_past_its_time_is_stopped_at_the_next_check_with_the_step_named()
    {
        var budget = DocumentBudget.Start(new DocumentLimits { Time = TimeSpan.FromSeconds(30) }, new JumpingClock());
        var e = Assert.Throws<DocumentLimitException>(() => ArticleAnnotator.CreateDefault(Today).Annotate(SeedArticle(), budget));
        Assert.Equal(DocumentLimit.Time, e.Limit);
        Assert.Equal("annotate: sentences and tokens", e.Stage);
        Assert.Contains("time limit hit in annotate: sentences and tokens", e.Message);
        Assert.Contains("limit 30 s", e.Message);
    }

    [Fact]
    public void A_document_allocating_past_its_memory_is_stopped_with_the_amount()
    {
        var limits = new DocumentLimits { Memory = 64 * 1024 };
        var page = $"<html><head><title>Flood</title></head><body><article><p>{string.Join("</p><p>", Enumerable.Repeat(SeedText()[..400], 50))}</p></article></body></html>";
        var e = Assert.Throws<DocumentLimitException>(() =>
            new ArticleExtractor(Today).Extract(new SourceDocument("p", "p.html", "html", page), DocumentBudget.Start(limits, Today)));
        Assert.Equal(DocumentLimit.Memory, e.Limit);
        Assert.StartsWith("extract:", e.Stage);
        Assert.Matches(@"memory limit hit in extract: \w+: \d+ MB allocated, limit 0 MB", e.Message);
    }

    [Fact]
    public void Within_its_limits_a_document_comes_out_as_without_them()
    {
        var annotator = ArticleAnnotator.CreateDefault(Today);
        var article = SeedArticle();
        var limited = annotator.Annotate(article, DocumentBudget.Start(new DocumentLimits(), Today));
        var free = annotator.Annotate(article);
        Assert.Equal(free.Entities, limited.Entities);
        Assert.Equal(free.Figures, limited.Figures);
        Assert.Equal(free.Sentences, limited.Sentences);
    }

    [Fact]
    public async Task A_document_stuck_between_checks_is_left_behind_and_the_batch_finishes()
    {
        using var stuck = new ManualResetEventSlim();
        try
        {
            // Long enough that the others finish on a loaded machine, short enough for a test: 2 s, and 1 s of grace.
            var limits = new DocumentLimits { Time = TimeSpan.FromSeconds(2) };
            var outcomes = await DocumentWork.RunAsync(["a", "stuck", "b", "c"], (item, budget) =>
            {
                if (item == "stuck") stuck.Wait(TimeSpan.FromMinutes(5));
                return item.ToUpperInvariant();
            }, limits, TimeProvider.System, parallelism: 2, TestContext.Current.CancellationToken);
            Assert.Equal(["A", null, "B", "C"], outcomes.Select(o => o.Value));
            Assert.Null(outcomes[0].Failure);
            Assert.Equal("time limit hit: still running after 3 s (limit 2 s), left behind", outcomes[1].Failure);
        }
        finally
        {
            stuck.Set();
        }
    }

    [Fact]
    public async Task A_document_that_throws_fails_alone_with_its_reason()
    {
        var outcomes = await DocumentWork.RunAsync([1, 2, 3], (n, _) => n == 2 ? throw new InvalidDataException("bad table") : n * 10,
            new DocumentLimits(), TimeProvider.System, parallelism: 1, TestContext.Current.CancellationToken);
        Assert.Equal([10, 0, 30], outcomes.Select(o => o.Value));
        Assert.Equal("failed: InvalidDataException: bad table", outcomes[1].Failure);
        Assert.Null(outcomes[2].Failure);
    }

    [Fact]
    public async Task Analyze_skips_each_document_over_its_limit_with_the_reason_and_keeps_the_rest()
    {
        var folder = Directory.CreateTempSubdirectory("dossier-limits-").FullName;
        try
        {
            // The long one allocates far more than the short ones: a bound between them takes only the long one out.
            File.WriteAllText(Path.Combine(folder, "short.txt"), "Floods closed the main road north on Tuesday, the council said.");
            File.WriteAllText(Path.Combine(folder, "long.txt"), string.Join("\n\n", Enumerable.Repeat(SeedText(), 40)));
            var analyzer = new Analyzer(Today, new AnalyzeOptions { Limits = new DocumentLimits { Memory = 16L << 20 } });
            var analysis = await analyzer.AnalyzeAsync([folder], cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(["short"], analysis.Articles.Select(a => a.Id));
            var skipped = Assert.Single(analysis.Skipped);
            Assert.EndsWith("long.txt", skipped.Path);
            Assert.Matches(@"^memory limit hit in (extract|annotate): [a-z ]+: \d+ MB allocated, limit 16 MB$", skipped.Reason);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_updater_marks_an_article_over_its_limit_failed_and_tells_why()
    {
        var folder = Directory.CreateTempSubdirectory("dossier-limits-").FullName;
        try
        {
            await using var store = await SqliteStore.OpenAsync(Path.Combine(folder, "d.db"), Today, TestContext.Current.CancellationToken);
            await new StoreIngest(store, Today).IngestAsync([Shared.Seeds], cancellationToken: TestContext.Current.CancellationToken);
            var told = new List<(string Id, string Reason)>();
            var updater = new StoryUpdater(store, new JumpingClock(), new UpdateOptions { Limits = new DocumentLimits { Time = TimeSpan.FromSeconds(30) } })
            {
                Failed = (a, reason) => { lock (told) told.Add((a.Article.Id, reason)); },
            };
            var done = await updater.RunUntilIdleAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(3, done.Failed);
            Assert.Equal(0, done.Annotated);
            Assert.Equal(3, told.Count);
            Assert.All(told, t => Assert.StartsWith("time limit hit in annotate: sentences and tokens", t.Reason));
            var counts = await store.CountAsync(TestContext.Current.CancellationToken);
            Assert.Equal(3, counts.Articles);
            Assert.Equal(0, counts.Stories);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_verbs_take_the_limits_and_name_them_in_warnings()
    {
        var (code, _, err) = await CommandLine.RunAsync("analyze", Shared.Seeds, "--doc-memory", "1K", "--today", "2026-11-22");
        Assert.Equal(1, code);
        Assert.Equal(3, err.Split('\n').Count(l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("memory limit hit in extract: text:") && l.Contains("limit 0 MB; skipped")));

        (code, _, err) = await CommandLine.RunAsync("analyze", Shared.Seeds, "--doc-time", "soon");
        Assert.Equal(2, code);
        Assert.Contains("--doc-time expects a duration such as 30s or 2m (at most 1d), or none, got 'soon'", err);
        foreach (var tooLong in new[] { "2d", "1e300s" })
        {
            (code, _, err) = await CommandLine.RunAsync("analyze", Shared.Seeds, "--doc-time", tooLong);
            Assert.Equal(2, code);
            Assert.Contains($"got '{tooLong}'", err);
        }
        (code, _, err) = await CommandLine.RunAsync("analyze", Shared.Seeds, "--doc-memory", "lots");
        Assert.Equal(2, code);
        Assert.Contains("--doc-memory expects a size such as 512M or 4G, or none, got 'lots'", err);

        (code, var output, _) = await CommandLine.RunAsync("analyze", Shared.Seeds, "--doc-time", "none", "--doc-memory", "none", "--today", "2026-11-22", "--quiet");
        Assert.Equal(0, code);
        Assert.Contains("Belousov", output);
    }

    [Theory]
    [InlineData("4G", 4L << 30)]
    [InlineData("512M", 512L << 20)]
    [InlineData("64k", 64L << 10)]
    [InlineData("1.5GB", 3L << 29)]
    [InlineData("1000", 1000L)]
    [InlineData("none", long.MaxValue)]
    [InlineData("0", null)]
    [InlineData("-1G", null)]
    [InlineData("G", null)]
    [InlineData("lots", null)]
    public void Sizes_read_as_written(string text, long? bytes) => Assert.Equal(bytes, Dossier.Cli.LimitOptions.ParseBytes(text));
}
