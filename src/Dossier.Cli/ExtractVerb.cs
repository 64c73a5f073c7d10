using System.CommandLine;
using System.Globalization;
using System.Text;
using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;
using Dossier.Render;

namespace Dossier.Cli;

/// <summary>`dossier extract`: the article text and metadata of web pages, feeds, JSON Lines, WARC archives and text files.</summary>
public static class ExtractVerb
{
    private const int BatchSize = 64;

    public static Command Command(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("files")
        {
            Description = "Files or folders: HTML pages, RSS/Atom feeds, JSON Lines, WARC archives (.warc, .warc.gz), text or Markdown; any may be gzipped.",
            Arity = ArgumentArity.OneOrMore,
        };
        var url = new Option<string?>("--url")
        {
            Description = "The address the page was fetched from (one file only): resolves relative links and dates in the URL.",
        };
        var format = new Option<string?>("--format", "-f")
        {
            Description = "json (one object; an array for several articles), jsonl (one object a line), text, or md (Markdown with headings and lists). "
                + "Default: json for one article, jsonl for several.",
        };
        format.AcceptOnlyFromAmong("json", "jsonl", "text", "md");
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when judging relative and future dates." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No warnings for skipped inputs." };

        var command = new Command("extract", "Print the article text and metadata (title, authors, dates, site, language) of each input.")
        {
            paths, url, format, output, today, quiet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            var inputs = parse.GetValue(paths) ?? [];
            var pageUrl = parse.GetValue(url);
            if (pageUrl is not null)
            {
                if (inputs.Length != 1 || Directory.Exists(inputs[0]))
                {
                    stderr.WriteLine("error: --url applies to exactly one file");
                    return DossierCommand.ExitCodes.Usage;
                }
                if (!Uri.TryCreate(pageUrl, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                {
                    stderr.WriteLine($"error: --url expects an absolute http(s) address, got '{pageUrl}'");
                    return DossierCommand.ExitCodes.Usage;
                }
            }

            Stream target;
            var targetPath = parse.GetValue(output);
            try
            {
                target = targetPath is null ? new MemoryStream() : File.Create(targetPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: cannot write {targetPath}: {e.Message}");
                return DossierCommand.ExitCodes.Failed;
            }

            var writer = new ArticleWriter(parse.GetValue(format), target);
            var extractor = new ArticleExtractor(clock);
            var isQuiet = parse.GetValue(quiet);
            int extracted = 0, skipped = 0;
            var batch = new List<IngestResult>(BatchSize);
            var articles = new Article?[BatchSize];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };

            void Flush()
            {
                Parallel.For(0, batch.Count, parallel, i =>
                {
                    if (batch[i].Document is not { } document) return;
                    if (pageUrl is not null) document = document with { Hints = document.Hints with { Url = pageUrl } };
                    articles[i] = extractor.Extract(document);
                });
                for (var i = 0; i < batch.Count; i++)
                {
                    if (batch[i].Skipped is { } skip)
                    {
                        skipped++;
                        if (!isQuiet) stderr.WriteLine($"warning: {skip.Path}: {skip.Reason}; skipped");
                        continue;
                    }
                    var article = articles[i]!;
                    articles[i] = null;
                    if (string.IsNullOrWhiteSpace(article.Text) && !isQuiet)
                        stderr.WriteLine($"warning: {article.Origin}: no article text found");
                    writer.Write(article, batch[i].Document!.Path);
                    extracted++;
                }
                batch.Clear();
            }

            try
            {
                await foreach (var result in new FileSource().ReadAsync(inputs, cancellationToken))
                {
                    batch.Add(result);
                    if (batch.Count == BatchSize) Flush();
                }
                Flush();
                writer.Finish();
            }
            catch (OperationCanceledException)
            {
                stderr.WriteLine("cancelled");
                return DossierCommand.ExitCodes.Failed;
            }
            finally
            {
                if (targetPath is not null) await target.DisposeAsync();
            }
            if (target is MemoryStream buffer)
            {
                await stdout.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                await stdout.FlushAsync(cancellationToken);
            }

            if (extracted == 0)
            {
                stderr.WriteLine("error: no readable documents in the given paths");
                return DossierCommand.ExitCodes.Failed;
            }
            return skipped > 0 ? DossierCommand.ExitCodes.SomeSkipped : DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// Writes articles as they come in the chosen format. For json and the default, the first article is held back until
    /// it is known whether a second follows: one article is one JSON object; several are an array (json) or JSON Lines (default).
    /// </summary>
    private sealed class ArticleWriter(string? format, Stream output)
    {
        private readonly ArticleRenderer _renderer = new();
        private readonly string? _requested = format;
        private (Article Article, string File)? _held;
        private int _written;
        private string? _format = format == "json" ? null : format;

        public void Write(Article article, string file)
        {
            if (_format is null)
            {
                if (_held is null)
                {
                    _held = (article, file);
                    return;
                }
                _format = _requested == "json" ? "json-array" : "jsonl";
                var (first, firstFile) = _held.Value;
                _held = null;
                WriteOne(first, firstFile);
            }
            WriteOne(article, file);
        }

        public void Finish()
        {
            if (_format is null && _held is { } held)
            {
                _renderer.WriteJson(held.Article, held.File, output, indented: true);
                Append("\n");
            }
            else if (_format == "json-array")
            {
                Append("\n]\n");
            }
        }

        private void WriteOne(Article article, string file)
        {
            switch (_format)
            {
                case "jsonl":
                    _renderer.WriteJson(article, file, output, indented: false);
                    Append("\n");
                    break;
                case "json-array":
                    Append(_written == 0 ? "[\n" : ",\n");
                    _renderer.WriteJson(article, file, output, indented: true);
                    break;
                case "text":
                    if (_written > 0) Append("\n\f\n");
                    if (!string.IsNullOrWhiteSpace(article.Title)) Append(article.Title + "\n\n");
                    Append(article.Text + "\n");
                    break;
                default:
                    if (_written > 0) Append("\n---\n\n");
                    Append(_renderer.Markdown(article));
                    break;
            }
            _written++;
        }

        private void Append(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            output.Write(bytes, 0, bytes.Length);
        }
    }
}
