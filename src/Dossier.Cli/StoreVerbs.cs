using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Render;
using Dossier.Store;
using Spectre.Console;

namespace Dossier.Cli;

/// <summary>The verbs that work on a store: ingest, stories, brief, search, worker, regroup.</summary>
internal static class StoreVerbs
{
    /// <summary>--store, shared by every verb on a store.</summary>
    internal static Option<string?> StoreOption() => new("--store", "-s")
    {
        Description = $"The store: a SQLite file (default ./{StoreLocation.DefaultPath}), or PostgreSQL as postgres://user:pass@host:port/db "
            + $"or Host=...; else the {StoreLocation.EnvironmentVariable} environment variable.",
    };

    /// <summary>Opens the store the options name; null (with the reason written) when it cannot be opened.</summary>
    internal static async Task<IStoryStore?> OpenAsync(string? option, TimeProvider clock, TextWriter stderr, CancellationToken cancellationToken)
    {
        StoreLocation location;
        try
        {
            location = StoreLocation.Resolve(option, Environment.GetEnvironmentVariable(StoreLocation.EnvironmentVariable));
        }
        catch (FormatException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return null;
        }
        try
        {
            return await location.OpenAsync(clock, cancellationToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or UnauthorizedAccessException or NotSupportedException or InvalidOperationException)
        {
            stderr.WriteLine($"error: cannot open the store {location}: {e.Message}");
            return null;
        }
    }

    /// <summary>True when a live display may be drawn: standard error is the terminal and not silenced.</summary>
    private static bool Live(bool quiet, TextWriter stderr) => !quiet && !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error);

    public static Command Ingest(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders of articles (as `analyze` reads them).", Arity = ArgumentArity.OneOrMore };
        var store = StoreOption();
        var noUpdate = new Option<bool>("--no-update") { Description = "Only store the articles; leave annotation and stories to `dossier worker`." };
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when inferring years." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display and no warnings." };
        var report = new Option<string?>("--report") { Description = "Append a line `stored ID` to this file for each new article as soon as it is committed." };
        var command = new Command("ingest", "Store articles (each once), then annotate them and update the stories.") { paths, store, noUpdate, today, quiet, report };
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            await using var opened = await OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var isQuiet = parse.GetValue(quiet);
            await using var reported = Reported(parse.GetValue(report), stderr);
            if (reported is { Failed: true }) return DossierCommand.ExitCodes.Failed;
            var documentLimits = limits.Read(parse);
            var ingest = new StoreIngest(opened, clock) { Committed = reported is null ? null : added => reported.Write(added.Id), Limits = documentLimits };
            IngestSummary summary;
            UpdateStep? updated = null;
            try
            {
                summary = await Show(isQuiet, stderr, "Storing articles…", status => ingest.IngestAsync(parse.GetValue(paths) ?? [],
                    new Progress<IngestProgress>(p => status($"stored {p.Stored}, already stored {p.Duplicates}, skipped {p.Skipped}")), cancellationToken));
                if (!isQuiet)
                    foreach (var s in summary.Skipped) stderr.WriteLine($"warning: {s.Path}: {s.Reason}; skipped");
                if (!parse.GetValue(noUpdate))
                {
                    var updater = new StoryUpdater(opened, clock, new UpdateOptions { Limits = documentLimits }) { Failed = isQuiet ? null : (a, reason) => NotAnnotated(stderr, a, reason) };
                    updated = await Show(isQuiet, stderr, "Updating stories…", status => updater.RunUntilIdleAsync(
                        new Progress<UpdateStep>(p => status($"annotated {p.Annotated}, failed {p.Failed}, put into stories {p.Grouped}")), cancellationToken));
                }
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled: what was stored is kept; run again to finish");
                return DossierCommand.ExitCodes.Failed;
            }
            catch (StoryGroupingMismatchException e)
            {
                stderr.WriteLine($"error: {e.Message} The new articles are stored and wait for a story.");
                return DossierCommand.ExitCodes.Failed;
            }
            var counts = await opened.CountAsync(cancellationToken);
            if (!isQuiet)
            {
                stderr.WriteLine($"{summary.Stored} new articles stored, {summary.Duplicates} already stored, {summary.Skipped.Count} skipped"
                    + (updated is { } u ? $"; {u.Grouped} put into stories" + (u.Failed > 0 ? $", {u.Failed} failed annotation" : "") : "; stories not updated (--no-update)"));
                stderr.WriteLine($"{opened.Description}: {counts.Articles} articles, {(counts.Stories == 1 ? "1 story" : $"{counts.Stories} stories")}" + (counts.Queued > 0 ? $", {counts.Queued} queued" : ""));
            }
            if (summary.Stored + summary.Duplicates == 0)
            {
                stderr.WriteLine("error: no readable articles in the given paths");
                return DossierCommand.ExitCodes.Failed;
            }
            return summary.Skipped.Count > 0 ? DossierCommand.ExitCodes.SomeSkipped : DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>One article annotation gave up on, with the reason (its limit, or the error): kept in the store, marked failed.</summary>
    internal static void NotAnnotated(TextWriter stderr, StoredArticle article, string reason) =>
        stderr.WriteLine($"warning: {article.Article.Id}" + (article.Source is { } source ? $" ({source})" : "") + $": {reason}; not annotated");

    /// <summary>The --report file, opened for appending; null when not asked for.</summary>
    private static StoredReport? Reported(string? path, TextWriter stderr)
    {
        if (path is null) return null;
        try
        {
            return new StoredReport(new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read), new UTF8Encoding(false)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"error: cannot write the report {path}: {e.Message}");
            return new StoredReport(null);
        }
    }

    /// <summary>One line per committed article, handed to the operating system at once so that it outlives a killed process.</summary>
    private sealed class StoredReport(StreamWriter? writer) : IAsyncDisposable
    {
        public bool Failed => writer is null;

        public void Write(string id)
        {
            writer!.Write($"stored {id}\n");
            writer.Flush();
        }

        public ValueTask DisposeAsync() => writer?.DisposeAsync() ?? ValueTask.CompletedTask;
    }

    public static Command Stories(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var limit = new Option<int>("--limit", "-n") { Description = "How many stories, most recently updated first (default 50).", DefaultValueFactory = _ => 50 };
        var command = new Command("stories", "List the stored stories, most recently updated first.") { store, format, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) < 1) return Usage(stderr, "--limit must be at least 1");
            await using var opened = await OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var stories = await opened.ListStoriesAsync(parse.GetValue(limit), 0, cancellationToken);
            if (parse.GetValue(format) == "json")
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new { stories = stories.Select(StoryJson) }, Json));
                return DossierCommand.ExitCodes.Ok;
            }
            if (stories.Count == 0) stderr.WriteLine($"no stories in {opened.Description} yet: add articles with `dossier ingest PATH`");
            foreach (var s in stories)
                await stdout.WriteLineAsync(string.Join('\t', s.Id, Plural(s.Articles, "article"), Plural(s.Sources, "source"),
                    Dates(s.From, s.To), s.UpdatedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.Title));
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    public static Command Brief(TextWriter stdout, TextWriter stderr)
    {
        var story = new Argument<string>("story") { Description = "The story's id, as `dossier stories` lists it (e.g. s1)." };
        var store = StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "md (default), json, or html (one self-contained page: no script, nothing fetched).", DefaultValueFactory = _ => "md" };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when inferring years." };
        var command = new Command("brief", "Write the brief of one stored story.") { story, store, format, output, today };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            await using var opened = await OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var id = parse.GetValue(story)!;
            var built = await new StoryReports(opened, clock).GetAsync(id, cancellationToken);
            if (built is null)
            {
                stderr.WriteLine($"error: no story '{id}' in {opened.Description}; `dossier stories` lists them");
                return DossierCommand.ExitCodes.Failed;
            }
            var rendered = parse.GetValue(format) switch
            {
                "json" => new JsonRenderer().Render(built.Analysis),
                "html" => new HtmlRenderer().RenderStory(built.Report, built.Analysis.Articles, HtmlPageOptions.SelfContained),
                _ => new MarkdownRenderer().Render(built.Analysis),
            };
            return await WriteAsync(rendered, parse.GetValue(output), stdout, stderr, cancellationToken);
        });
        return command;
    }

    public static Command Search(TextWriter stdout, TextWriter stderr)
    {
        var query = new Argument<string>("query") { Description = "Words to find in titles and texts (all of them; the last may be the start of a word)." };
        var store = StoreOption();
        var format = new Option<string>("--format", "-f") { Description = "text (default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var limit = new Option<int>("--limit", "-n") { Description = "How many articles, best first (default 20).", DefaultValueFactory = _ => 20 };
        var command = new Command("search", "Find stored articles by words.") { query, store, format, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(limit) < 1) return Usage(stderr, "--limit must be at least 1");
            var words = parse.GetValue(query) ?? "";
            if (SearchQuery.Words(words).Count == 0) return Usage(stderr, "the query has no words to search for");
            await using var opened = await OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var hits = await opened.SearchAsync(words, parse.GetValue(limit), cancellationToken);
            if (parse.GetValue(format) == "json")
            {
                await stdout.WriteLineAsync(JsonSerializer.Serialize(new { hits = hits.Select(h => new { article = h.Article, title = h.Title, story = h.Story, snippet = h.Snippet }) }, Json));
                return DossierCommand.ExitCodes.Ok;
            }
            if (hits.Count == 0) stderr.WriteLine("no article matches");
            foreach (var h in hits)
                await stdout.WriteLineAsync($"{h.Article}\t{h.Story ?? "-"}\t{h.Title ?? ""}\n    {h.Snippet.ReplaceLineEndings(" ")}");
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    public static Command Worker(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var batch = new Option<int>("--batch") { Description = "Articles claimed at once (default 32).", DefaultValueFactory = _ => 32 };
        var poll = new Option<string>("--poll") { Description = "How long to wait when the queue is empty (default 2s; s, m or h).", DefaultValueFactory = _ => "2s" };
        var untilIdle = new Option<bool>("--until-idle") { Description = "Stop once the queue is empty instead of waiting for more." };
        var threads = new Option<int>("--threads") { Description = "Articles annotated side by side (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when inferring years." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors." };
        var command = new Command("worker", "Annotate queued articles and update stories; run as many as you like on one PostgreSQL store.")
        {
            store, batch, poll, untilIdle, threads, today, quiet,
        };
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            if (parse.GetValue(batch) < 1) return Usage(stderr, "--batch must be at least 1");
            if (parse.GetValue(threads) < 1) return Usage(stderr, "--threads must be at least 1");
            if (Durations.Parse(parse.GetValue(poll)) is not { } wait) return Usage(stderr, $"--poll expects a duration such as 2s or 1m, got '{parse.GetValue(poll)}'");
            await using var opened = await OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var isQuiet = parse.GetValue(quiet);
            var updater = new StoryUpdater(opened, clock, new UpdateOptions { AnnotateBatch = parse.GetValue(batch), Parallelism = parse.GetValue(threads), Limits = limits.Read(parse) })
            {
                Failed = (a, reason) => NotAnnotated(stderr, a, reason),
            };
            var (annotated, failed, grouped) = (0, 0, 0);
            if (!isQuiet) stderr.WriteLine($"worker on {opened.Description}");
            var errors = 0;
            try
            {
                while (true)
                {
                    UpdateStep step;
                    try
                    {
                        step = await updater.StepAsync(cancellationToken);
                        errors = 0;
                    }
                    catch (System.Data.Common.DbException e) when (!parse.GetValue(untilIdle))
                    {
                        // The database went away or was busy (a restart, a failover): the batch in hand was rolled back;
                        // wait longer after each failure in a row, up to a minute, and go on.
                        errors++;
                        var pause = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, errors)));
                        stderr.WriteLine($"error: {e.Message}; trying again in {pause.TotalSeconds:F0} s");
                        await Task.Delay(pause, cancellationToken);
                        continue;
                    }
                    (annotated, failed, grouped) = (annotated + step.Annotated, failed + step.Failed, grouped + step.Grouped);
                    if (!step.Idle)
                    {
                        if (!isQuiet) stderr.WriteLine($"annotated {annotated}, failed {failed}, put into stories {grouped}");
                        continue;
                    }
                    if (parse.GetValue(untilIdle)) break;
                    await Task.Delay(wait, cancellationToken);
                }
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: the batch in hand was rolled back and stays queued for another worker.
            }
            catch (Exception e) when (e is System.Data.Common.DbException or StoryGroupingMismatchException)
            {
                stderr.WriteLine($"error: {e.Message}; what was done is kept, the rest stays queued");
                return DossierCommand.ExitCodes.Failed;
            }
            if (!isQuiet) stderr.WriteLine($"worker done: annotated {annotated}, failed {failed}, put into stories {grouped}");
            await stdout.FlushAsync(CancellationToken.None);
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    public static Command Regroup(TextWriter stdout, TextWriter stderr)
    {
        var store = StoreOption();
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when inferring years." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display." };
        var command = new Command("regroup",
            "Put every stored article into stories again with this version's grouping settings, in order of arrival: for a store "
            + "whose stories were grouped with other settings. New stories get new ids; an old id leads to the story holding most "
            + "of its articles. One transaction: on SQLite other writers wait until it ends.")
        {
            store, today, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            await using var opened = await OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var isQuiet = parse.GetValue(quiet);
            var updater = new StoryUpdater(opened, clock);
            Regrouped regrouped;
            try
            {
                regrouped = await Show(isQuiet, stderr, "Regrouping…", status => updater.RegroupAsync(
                    new Progress<long>(n => status($"put into stories again: {n}")), cancellationToken));
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled: the stories are as they were");
                return DossierCommand.ExitCodes.Failed;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                stderr.WriteLine($"error: {e.Message}; the stories are as they were");
                return DossierCommand.ExitCodes.Failed;
            }
            var counts = await opened.CountAsync(CancellationToken.None);
            if (!isQuiet)
            {
                stderr.WriteLine($"{opened.Description}: {regrouped.Articles} articles now in {Stories(regrouped.Stories)}; "
                    + $"before, {regrouped.ArticlesBefore} in {Stories(regrouped.StoriesBefore)}");
                if (counts.Queued > 0 || counts.Annotated > 0)
                    stderr.WriteLine($"{counts.Queued + counts.Annotated} articles wait for a story (stories grow in order of arrival, "
                        + "so those after an article still queued wait for it): `dossier worker --until-idle` groups them");
            }
            return DossierCommand.ExitCodes.Ok;
        });
        return command;

        static string Stories(long n) => n == 1 ? "1 story" : $"{n} stories";
    }

    private static async Task<T> Show<T>(bool quiet, TextWriter stderr, string title, Func<Action<string>, Task<T>> work)
    {
        if (!Live(quiet, stderr)) return await work(_ => { });
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync(title, ctx => work(text => ctx.Status = Markup.Escape(text)));
    }

    private static async Task<int> WriteAsync(string rendered, string? target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            await stdout.WriteAsync(rendered);
            await stdout.FlushAsync(cancellationToken);
            return DossierCommand.ExitCodes.Ok;
        }
        try
        {
            await File.WriteAllTextAsync(target, rendered, new UTF8Encoding(false), cancellationToken);
            return DossierCommand.ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {target}: {e.Message}");
            return DossierCommand.ExitCodes.Failed;
        }
    }

    internal static int Usage(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return DossierCommand.ExitCodes.Usage;
    }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    internal static object StoryJson(StorySummary s) => new
    {
        id = s.Id,
        title = s.Title,
        articles = s.Articles,
        sources = s.Sources,
        from = s.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        to = s.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        updated = s.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        version = s.Version,
    };

    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Dates(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "undated",
        ({ } f, { } t) when f == t => f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => $"{from?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"} to {to?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?"}",
    };
}

/// <summary>Durations as people write them on a command line: 30s, 10m, 2h, or a bare number of seconds.</summary>
internal static class Durations
{
    public static TimeSpan? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        var unit = char.IsLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsLetter(text[^1]) ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || double.IsInfinity(value)) return null;
        double? seconds = unit switch { 's' => value, 'm' => value * 60, 'h' => value * 3600, 'd' => value * 86400, _ => null };
        // Beyond about ten thousand years a TimeSpan overflows: such a duration is refused, not thrown on.
        return seconds is { } s && s <= 3e11 ? TimeSpan.FromSeconds(s) : null;
    }
}
