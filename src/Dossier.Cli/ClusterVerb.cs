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
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No warnings for skipped inputs." };

        var command = new Command("cluster", "Group articles into stories and print each story's article ids.")
        {
            paths, format, today, quiet,
        };
        var clustering = new ClusteringOptions();
        clustering.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            if (clustering.Read(parse, stderr) is not { } options) return DossierCommand.ExitCodes.Usage;
            var analyzer = new Analyzer(clock, options);
            IReadOnlyList<Model.AnnotatedArticle> articles;
            IReadOnlyList<Model.SkippedInput> skipped;
            try
            {
                (articles, skipped) = await analyzer.ReadAsync(parse.GetValue(paths) ?? [], null, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled");
                return DossierCommand.ExitCodes.Failed;
            }
            if (!parse.GetValue(quiet))
                foreach (var s in skipped) stderr.WriteLine($"warning: {s.Path}: {s.Reason}; skipped");
            if (articles.Count == 0)
            {
                stderr.WriteLine("error: no readable articles in the given paths");
                return DossierCommand.ExitCodes.Failed;
            }

            var stories = analyzer.Group(articles);
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
            await stdout.WriteLineAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            await stdout.FlushAsync(cancellationToken);
            return skipped.Count > 0 ? DossierCommand.ExitCodes.SomeSkipped : DossierCommand.ExitCodes.Ok;
        });
        return command;
    }
}
