using System.CommandLine;
using System.Globalization;
using System.Text;
using Dossier.Model;
using Dossier.Render;
using Spectre.Console;

namespace Dossier.Cli;

/// <summary>The `dossier` command: thin verbs over the library.</summary>
public static class DossierCommand
{
    /// <summary>Exit codes, as documented in the README.</summary>
    public static class ExitCodes
    {
        public const int Ok = 0;
        public const int Failed = 1;
        public const int Usage = 2;
        public const int SomeSkipped = 3;
    }

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
        => RunAsync(args, Console.OpenStandardInput, stdout, stderr, cancellationToken);

    /// <summary>Runs with <paramref name="stdin"/> opening what a "-" path reads.</summary>
    public static async Task<int> RunAsync(string[] args, Func<Stream> stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Dossier: read one news story across many sources.");
        root.Subcommands.Add(AnalyzeCommand(stdout, stderr));
        root.Subcommands.Add(ExtractVerb.Command(stdout, stderr));
        root.Subcommands.Add(ClusterVerb.Command(stdout, stderr));
        root.Subcommands.Add(NerVerbs.TrainCommand(stdout, stderr));
        root.Subcommands.Add(NerVerbs.TagCommand(stdout, stderr));
        root.Subcommands.Add(TimexVerb.Command(stdin, stdout, stderr));
        root.Subcommands.Add(StoreVerbs.Ingest(stdout, stderr));
        root.Subcommands.Add(StoreVerbs.Stories(stdout, stderr));
        root.Subcommands.Add(StoreVerbs.Brief(stdout, stderr));
        root.Subcommands.Add(StoreVerbs.Search(stdout, stderr));
        root.Subcommands.Add(StoreVerbs.Worker(stdout, stderr));
        root.Subcommands.Add(StoreVerbs.Regroup(stdout, stderr));
        root.Subcommands.Add(WatchVerb.Command(stdout, stderr));
        root.Subcommands.Add(ServeVerb.Command(stdout, stderr));
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine("Run 'dossier --help' for usage.");
            return ExitCodes.Usage;
        }
        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    private static Command AnalyzeCommand(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or folders (read recursively) of articles: plain text or Markdown.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: md (Markdown, the default) or json.",
            DefaultValueFactory = _ => "md",
        };
        format.AcceptOnlyFromAmong("md", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var today = new Option<string?>("--today")
        {
            Description = "Take this date (YYYY-MM-DD) as today when inferring years, for reproducible runs.",
        };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display and no warnings." };
        var timings = new Option<bool>("--timings") { Description = "Print the wall time of each stage to standard error." };

        var command = new Command("analyze", "Group articles into stories and write a cited brief for each.")
        {
            paths, format, output, today, quiet, timings,
        };
        var clustering = new ClusteringOptions();
        clustering.AddTo(command);
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return ExitCodes.Usage;
            var isQuiet = parse.GetValue(quiet);
            if (clustering.Read(parse, stderr) is not { } options) return ExitCodes.Usage;
            var analyzer = new Analyzer(clock, options with { Limits = limits.Read(parse) });
            var inputs = parse.GetValue(paths) ?? [];

            Analysis analysis;
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var stageStarts = new List<(string Stage, TimeSpan At)>();
            void Mark(string stage)
            {
                lock (stageStarts)
                    if (stageStarts.Count == 0 || stageStarts[^1].Stage != stage) stageStarts.Add((stage, watch.Elapsed));
            }
            try
            {
                analysis = await WithProgressAsync(isQuiet, stderr, Mark, progress => analyzer.AnalyzeAsync(inputs, progress, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled");
                return ExitCodes.Failed;
            }

            if (!isQuiet)
                foreach (var s in analysis.Skipped) stderr.WriteLine($"warning: {s.Path}: {s.Reason}; skipped");

            Mark("render");
            var rendered = parse.GetValue(format) == "json" ? new JsonRenderer().Render(analysis) : new MarkdownRenderer().Render(analysis);
            if (!await WriteOutputAsync(rendered, parse.GetValue(output), stdout, stderr, cancellationToken)) return ExitCodes.Failed;

            if (parse.GetValue(timings))
            {
                Mark("done");
                // Reading and annotating overlap: the first stage's time covers both.
                for (var i = 0; i + 1 < stageStarts.Count; i++)
                    stderr.WriteLine($"timing: {stageStarts[i].Stage,-10} {(stageStarts[i + 1].At - stageStarts[i].At).TotalMilliseconds,8:F0} ms");
                stderr.WriteLine($"timing: {"total",-10} {watch.Elapsed.TotalMilliseconds,8:F0} ms");
            }

            if (analysis.Articles.Count == 0)
            {
                stderr.WriteLine("error: no readable articles in the given paths");
                return ExitCodes.Failed;
            }
            return analysis.Skipped.Count > 0 ? ExitCodes.SomeSkipped : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Writes <paramref name="text"/> to the file <paramref name="target"/> names, or to standard output; false (with an error written) when the file cannot be written.</summary>
    internal static async Task<bool> WriteOutputAsync(string text, string? target, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            await stdout.WriteAsync(text);
            await stdout.FlushAsync(cancellationToken);
            return true;
        }
        try
        {
            await File.WriteAllTextAsync(target, text, new UTF8Encoding(false), cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write {target}: {e.Message}");
            return false;
        }
    }

    /// <summary>The system clock, or one pinned to the day --today names; false (with an error written) when it names none.</summary>
    internal static bool TryClock(string? today, TextWriter stderr, out TimeProvider clock)
    {
        clock = TimeProvider.System;
        if (today is null) return true;
        if (!DateOnly.TryParseExact(today, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            stderr.WriteLine($"error: --today expects YYYY-MM-DD, got '{today}'");
            return false;
        }
        clock = FixedClock.AtDay(day);
        return true;
    }

    /// <summary>A live status line on a terminal; nothing when standard error is redirected or --quiet is given.</summary>
    internal static async Task<T> WithProgressAsync<T>(bool quiet, TextWriter stderr, Action<string> onStage, Func<IProgress<AnalysisProgress>?, Task<T>> work)
    {
        onStage("read+annotate");
        if (quiet || Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error))
            return await work(new SyncProgress<AnalysisProgress>(p => onStage(p.Stage == "annotate" ? "read+annotate" : p.Stage)));
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync("Reading articles…", async ctx =>
        {
            var progress = new SyncProgress<AnalysisProgress>(p =>
            {
                onStage(p.Stage == "annotate" ? "read+annotate" : p.Stage);
                ctx.Status = p switch
                {
                    { Stage: "group", Total: { } articles } => $"grouping {articles} articles into stories",
                    { Total: { } total } => $"{p.Stage}: {p.Done}/{total}",
                    _ => $"{p.Stage}: {p.Done} articles",
                };
            });
            return await work(progress);
        });
    }
}
