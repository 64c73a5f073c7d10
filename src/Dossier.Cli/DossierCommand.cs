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

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Dossier: read one news story across many sources.");
        root.Subcommands.Add(AnalyzeCommand(stdout, stderr));
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

        var command = new Command("analyze", "Group articles into stories and write a cited brief for each.")
        {
            paths, format, output, today, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            TimeProvider clock = TimeProvider.System;
            if (parse.GetValue(today) is { } t)
            {
                if (!DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    stderr.WriteLine($"error: --today expects YYYY-MM-DD, got '{t}'");
                    return ExitCodes.Usage;
                }
                clock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
            }
            var isQuiet = parse.GetValue(quiet);
            var analyzer = new Analyzer(clock);
            var inputs = parse.GetValue(paths) ?? [];

            Analysis analysis;
            try
            {
                analysis = await WithProgressAsync(isQuiet, stderr, progress => analyzer.AnalyzeAsync(inputs, progress, cancellationToken));
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled");
                return ExitCodes.Failed;
            }

            if (!isQuiet)
                foreach (var s in analysis.Skipped) stderr.WriteLine($"warning: {s.Path}: {s.Reason}; skipped");

            var rendered = parse.GetValue(format) == "json" ? RenderJson(analysis) : new MarkdownRenderer().Render(analysis);
            if (parse.GetValue(output) is { } target) await File.WriteAllTextAsync(target, rendered, new UTF8Encoding(false), cancellationToken);
            else
            {
                await stdout.WriteAsync(rendered);
                await stdout.FlushAsync(cancellationToken);
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

    private static string RenderJson(Analysis analysis)
    {
        using var buffer = new MemoryStream();
        new JsonRenderer().Write(analysis, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>A live status line on a terminal; nothing when standard error is redirected or --quiet is given.</summary>
    private static async Task<T> WithProgressAsync<T>(bool quiet, TextWriter stderr, Func<IProgress<AnalysisProgress>?, Task<T>> work)
    {
        if (quiet || Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error)) return await work(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync("Reading articles…", async ctx =>
        {
            var progress = new Progress<AnalysisProgress>(p => ctx.Status = p.Total is { } total
                ? $"{p.Stage}: {p.Done}/{total}"
                : $"{p.Stage}: {p.Done} articles");
            return await work(progress);
        });
    }
}
