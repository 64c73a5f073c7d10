using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dossier.Annotate;
using Dossier.Extract;
using Dossier.Ingest;
using Dossier.Model;
using Dossier.Render;

namespace Dossier.Cli;

/// <summary>`dossier timex`: the time expressions (TIMEX3) of one plain-text, Markdown or HTML file, with offsets into its text.</summary>
public static class TimexVerb
{
    public static Command Command(Func<Stream> stdin, TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "A plain-text or Markdown file (offsets into its decoded text), or one HTML page (offsets into its extracted article text); - reads standard input." };
        var dct = new Option<string?>("--dct") { Description = "Document creation time (YYYY-MM-DD) that relative expressions are anchored to. Default: the date analyze finds in the article (metadata, dateline, URL, first full date, weekday with month and day)." };
        var format = new Option<string>("--format", "-f") { Description = "text (one tab-separated line per expression: start, end, type, value, text; the default) or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var offsets = new Option<string>("--offsets") { Description = "Count offsets in Unicode code points (codepoints, the default) or UTF-16 code units (utf16, as analyze's JSON does).", DefaultValueFactory = _ => "codepoints" };
        offsets.AcceptOnlyFromAmong("codepoints", "utf16");
        var printText = new Option<bool>("--print-text") { Description = "Print the text the offsets refer to (for an HTML page, its extracted article text) instead of the expressions." };
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when inferring the document date: a later date is never taken." };

        var command = new Command("timex", "Print the time expressions (DATE, TIME, DURATION, SET with TIMEX3 values) found in one file.")
        {
            file, dct, format, offsets, printText, today,
        };
        command.SetAction(parse =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            DateOnly? given = null;
            if (parse.GetValue(dct) is { } written)
            {
                if (!DateOnly.TryParseExact(written, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    stderr.WriteLine($"error: --dct expects YYYY-MM-DD, got '{written}'");
                    return DossierCommand.ExitCodes.Usage;
                }
                given = day;
            }

            var path = parse.GetValue(file)!;
            if (Read(path, stdin, clock, stderr) is not { } source) return DossierCommand.ExitCodes.Failed;
            var (article, text) = source;

            if (parse.GetValue(printText))
            {
                stdout.Write(text);
                stdout.Flush();
                return DossierCommand.ExitCodes.Ok;
            }

            var anchor = given;
            if (given is { } pinned) stderr.WriteLine($"dct {pinned:yyyy-MM-dd} (--dct)");
            else if (FindDocumentDate(article, clock) is { } found)
            {
                anchor = found.Date;
                stderr.WriteLine($"dct {found.ToIsoString()} ({JsonRenderer.SourceName(found.Source)}{(found.Evidence is { } e ? $": \"{e}\"" : "")})");
            }
            else stderr.WriteLine("dct none found: relative expressions stay unresolved");

            var times = Tag(text, anchor);
            var codePoints = parse.GetValue(offsets) == "codepoints";
            var output = parse.GetValue(format) == "json" ? Json(text, times, codePoints) : Lines(text, times, codePoints);
            stdout.Write(output);
            stdout.Flush();
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// The article as analyze extracts it, and the text offsets refer to: the decoded file (byte-order mark dropped, line
    /// ends kept) for text and Markdown, the extracted article text for an HTML page. Null, with the error written, when
    /// the file cannot be read or holds several documents.
    /// </summary>
    private static (Article Article, string Text)? Read(string path, Func<Stream> stdin, TimeProvider clock, TextWriter stderr)
    {
        var options = new FileSourceOptions();
        byte[] bytes;
        try
        {
            if (path == "-")
            {
                using var input = stdin();
                bytes = InputFile.ReadAll(input);
            }
            else
            {
                if (Directory.Exists(path)) { stderr.WriteLine($"error: {path} is a folder; timex reads one file"); return null; }
                if (!File.Exists(path)) { stderr.WriteLine($"error: not found: {path}"); return null; }
                using var stream = InputFile.Open(path, options.MaxBytes, options.MaxCompressionRatio);
                bytes = InputFile.ReadAll(stream);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            stderr.WriteLine($"error: cannot read {path}: {e.Message}");
            return null;
        }

        var format = FileSource.ContentFormat(path, bytes);
        if (format is not ("text" or "markdown" or "html"))
        {
            stderr.WriteLine($"error: {path} is a {format} file, which holds several documents; timex reads one plain-text, Markdown or HTML document (extract it first with 'dossier extract --format text')");
            return null;
        }
        var id = path == "-" ? "stdin" : Path.GetFileNameWithoutExtension(InputFile.WithoutGz(path));
        var extractor = new ArticleExtractor(clock);
        if (format == "html")
        {
            var page = extractor.Extract(new SourceDocument(id, path, format, HtmlText.Decode(bytes, null)));
            return (page, page.Text);
        }
        var raw = TextDecoder.DecodeKeepingLineEnds(bytes);
        if (TextDecoder.LooksBinary(raw, options.MaxControlShare)) { stderr.WriteLine($"error: {path} looks like a binary file"); return null; }
        return (extractor.Extract(new SourceDocument(id, path, format, TextDecoder.NormalizeLineEnds(raw))), raw);
    }

    /// <summary>The article's date as analyze finds it: from metadata, else from the extracted text (dateline, URL, first full date, weekday).</summary>
    private static PublishedDate? FindDocumentDate(Article article, TimeProvider clock)
    {
        if (article.Published is { } known) return known;
        return new ArticleDateFinder(clock).Find(article, Tag(article.Text, null));
    }

    /// <summary>Splits and tokenizes as the pipeline does, on line ends made LF in place so offsets stay those of <paramref name="text"/>.</summary>
    private static IReadOnlyList<TimeExpression> Tag(string text, DateOnly? anchor)
    {
        var lines = TextDecoder.LineEndsInPlace(text);
        var (sentences, tokens) = ArticleAnnotator.Split(lines);
        return [.. new TimeTagger().Tag(lines, sentences, tokens, anchor).OrderBy(t => t.Span.Start).ThenBy(t => t.Span.End)];
    }

    private static string Json(string text, IReadOnlyList<TimeExpression> times, bool codePoints)
    {
        var position = new Offsets(text, codePoints);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartArray();
            foreach (var t in times)
            {
                w.WriteStartObject();
                w.WriteNumber("start", position.Of(t.Span.Start));
                w.WriteNumber("end", position.Of(t.Span.End));
                w.WriteString("text", t.Span.Of(text));
                w.WriteString("type", t.Type.ToString());
                if (t.Value is null) w.WriteNull("value");
                else w.WriteString("value", t.Value);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static string Lines(string text, IReadOnlyList<TimeExpression> times, bool codePoints)
    {
        var position = new Offsets(text, codePoints);
        var output = new StringBuilder();
        foreach (var t in times)
        {
            // A line break or tab inside an expression would break the one-line-per-expression layout.
            var words = string.Join(' ', t.Span.Of(text).Split(['\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
            output.Append(CultureInfo.InvariantCulture, $"{position.Of(t.Span.Start)}\t{position.Of(t.Span.End)}\t{t.Type}\t{t.Value ?? "-"}\t{words}\n");
        }
        return output.ToString();
    }

    /// <summary>Turns UTF-16 offsets into code-point offsets (a surrogate pair counts once), or leaves them.</summary>
    private sealed class Offsets
    {
        private readonly int[]? _pairsBefore;

        public Offsets(string text, bool codePoints)
        {
            if (!codePoints) return;
            _pairsBefore = new int[text.Length + 1];
            for (var i = 0; i < text.Length; i++)
                _pairsBefore[i + 1] = _pairsBefore[i] + (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 1 : 0);
        }

        public int Of(int utf16) => _pairsBefore is null ? utf16 : utf16 - _pairsBefore[utf16];
    }
}
