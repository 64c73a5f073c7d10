using System.CommandLine;
using System.Text;
using System.Text.Json;

namespace Dossier.Cli;

/// <summary>`dossier cluster`: which articles tell the same story, as `analyze` groups them, without the briefs.</summary>
public static class ClusterVerb
{
    public static Command Command(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or folders (read recursively) of articles, as for analyze.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: json (the default and only one): {\"clusters\": [[article ids], ...]}.",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong("json");
        var today = new Option<string?>("--today")
        {
            Description = "Take this date (YYYY-MM-DD) as today when inferring years, for reproducible runs.",
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress display and no warnings for skipped inputs." };

        var command = new Command("cluster", "Group articles into stories and print each story's article ids.")
        {
            paths, format, output, today, quiet,
        };
        var clustering = new ClusteringOptions();
        clustering.AddTo(command);
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            if (clustering.Read(parse, stderr) is not { } options) return DossierCommand.ExitCodes.Usage;
            var isQuiet = parse.GetValue(quiet);
            var analyzer = new Analyzer(clock, options with { Limits = limits.Read(parse) });
            IReadOnlyList<Model.AnnotatedArticle> articles;
            IReadOnlyList<Model.SkippedInput> skipped;
            IReadOnlyList<Model.Story> stories;
            try
            {
                (articles, skipped, stories) = await DossierCommand.WithProgressAsync(isQuiet, stderr, _ => { }, async progress =>
                {
                    var (read, skips) = await analyzer.ReadAsync(parse.GetValue(paths) ?? [], progress, cancellationToken);
                    progress?.Report(new AnalysisProgress("group", 0, read.Count));
                    return (read, skips, read.Count == 0 ? [] : analyzer.Group(read));
                });
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled");
                return DossierCommand.ExitCodes.Failed;
            }
            if (!isQuiet)
                foreach (var s in skipped) stderr.WriteLine($"warning: {s.Path}: {s.Reason}; skipped");
            if (articles.Count == 0)
            {
                stderr.WriteLine("error: no readable articles in the given paths");
                return DossierCommand.ExitCodes.Failed;
            }

            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteStartArray("clusters");
                foreach (var story in stories)
                {
                    json.WriteStartArray();
                    foreach (var article in story.Articles) json.WriteStringValue(article.Id);
                    json.WriteEndArray();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
            if (!await DossierCommand.WriteOutputAsync(text, parse.GetValue(output), stdout, stderr, cancellationToken)) return DossierCommand.ExitCodes.Failed;
            return skipped.Count > 0 ? DossierCommand.ExitCodes.SomeSkipped : DossierCommand.ExitCodes.Ok;
        });
        return command;
    }
}
