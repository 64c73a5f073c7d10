using System.Text.Json;

namespace Dossier.Ingest;

/// <summary>
/// Reads JSON Lines (one article object per line) as a stream, line by line. Recognised fields: url, title, html, text
/// (or content, body), published (or date, publishedAt, published_at, datePublished), author or authors, language (or
/// lang), site (or site_name, source), id. An object with html becomes an "html" document (the page is re-extracted,
/// so its markup can add to the hints); otherwise its text becomes a "text" document.
/// </summary>
public static class JsonLinesReader
{
    private static readonly string[] TextFields = ["text", "content", "body"];
    private static readonly string[] PublishedFields = ["published", "date", "publishedAt", "published_at", "datePublished", "pubDate"];
    private static readonly string[] LanguageFields = ["language", "lang"];
    private static readonly string[] SiteFields = ["site", "site_name", "siteName", "source"];

    /// <summary>Documents and per-line skips ("path:line N: reason") from <paramref name="stream"/>.</summary>
    public static IEnumerable<IngestResult> Read(Stream stream, string path, string idBase, long maxLineBytes)
    {
        var lines = new ByteLines(stream, maxLineBytes);
        var ordinal = 0;
        while (true)
        {
            ByteLines.Line line;
            string? failure = null;
            try { line = lines.Next(); }
            catch (IOException ex) { failure = ex.Message; line = default; }
            if (failure is not null)
            {
                yield return IngestResult.Skip($"{path}:line {lines.Number}", failure);
                yield break;
            }
            if (line.Bytes is null && !line.TooLong) yield break;
            var where = $"{path}:line {line.Number}";
            if (line.TooLong)
            {
                yield return IngestResult.Skip(where, $"line too long: over the limit of {maxLineBytes} bytes");
                continue;
            }
            var bytes = line.Bytes!;
            if (bytes.AsSpan().Trim(" \t\r"u8).IsEmpty) continue;
            yield return ReadLine(bytes, path, where, idBase, ref ordinal);
        }
    }

    private static IngestResult ReadLine(byte[] bytes, string path, string where, string idBase, ref int ordinal)
    {
        // JSON is UTF-8; a stray invalid byte becomes U+FFFD rather than failing the line when its string is read.
        if (!System.Text.Unicode.Utf8.IsValid(bytes)) bytes = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(bytes));
        JsonDocument json;
        try { json = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 }); }
        catch (JsonException ex) { return IngestResult.Skip(where, "not JSON: " + ex.Message); }
        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return IngestResult.Skip(where, "not a JSON object");
            var html = StringField(root, "html");
            var text = FirstString(root, TextFields);
            var (format, body) = !string.IsNullOrWhiteSpace(html) ? ("html", html) : ("text", text);
            if (string.IsNullOrWhiteSpace(body)) return IngestResult.Skip(where, "no text or html");
            var hints = new SourceHints
            {
                Url = StringField(root, "url")?.Trim(),
                Title = StringField(root, "title")?.Trim(),
                Published = Published(root),
                Authors = Authors(root),
                Language = FirstString(root, LanguageFields)?.Trim(),
                Site = FirstString(root, SiteFields)?.Trim(),
            };
            ordinal++;
            var id = ContainerIds.Item(idBase, StringField(root, "id"), ordinal);
            return IngestResult.Read(new SourceDocument(id, path, format, TextDecoder.NormalizeLineEnds(body)) { Hints = hints });
        }
    }

    private static string? StringField(JsonElement root, string name)
        => root.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static string? FirstString(JsonElement root, string[] names)
    {
        foreach (var name in names)
            if (StringField(root, name) is { } value && !string.IsNullOrWhiteSpace(value)) return value;
        return null;
    }

    private static DateTimeOffset? Published(JsonElement root)
    {
        foreach (var name in PublishedFields)
        {
            if (!root.TryGetProperty(name, out var value)) continue;
            var parsed = value.ValueKind switch
            {
                JsonValueKind.String => WebDates.Parse(value.GetString()),
                JsonValueKind.Number when value.TryGetInt64(out var epoch) => WebDates.FromUnix(epoch),
                _ => null,
            };
            if (parsed is not null) return parsed;
        }
        return null;
    }

    private static IReadOnlyList<string> Authors(JsonElement root)
    {
        var authors = new List<string>();
        foreach (var name in (string[])["authors", "author"])
        {
            if (!root.TryGetProperty(name, out var value)) continue;
            if (value.ValueKind == JsonValueKind.Array)
                foreach (var item in value.EnumerateArray()) AddAuthor(item, authors);
            else AddAuthor(value, authors);
            if (authors.Count > 0) break;
        }
        return authors;
    }

    private static void AddAuthor(JsonElement value, List<string> authors)
    {
        var name = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object when value.TryGetProperty("name", out var inner) && inner.ValueKind == JsonValueKind.String => inner.GetString(),
            _ => null,
        };
        if (!string.IsNullOrWhiteSpace(name) && !authors.Contains(name.Trim(), StringComparer.Ordinal)) authors.Add(name.Trim());
    }

    /// <summary>Lines of bytes from a stream, never holding more than the limit: a longer line is skipped to its end.</summary>
    internal sealed class ByteLines(Stream stream, long maxLineBytes)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start, _end;
        private bool _atEnd;

        /// <summary>The number of the last line returned (from 1).</summary>
        public int Number { get; private set; }

        public readonly record struct Line(int Number, byte[]? Bytes, bool TooLong);

        /// <summary>The next line without its line end; Bytes null and TooLong false at the end of the stream.</summary>
        public Line Next()
        {
            var line = new MemoryStream();
            var tooLong = false;
            while (true)
            {
                if (_start == _end)
                {
                    if (_atEnd) break;
                    _start = 0;
                    _end = stream.Read(_buffer, 0, _buffer.Length);
                    if (_end == 0) { _atEnd = true; break; }
                }
                var span = _buffer.AsSpan(_start, _end - _start);
                var newline = span.IndexOf((byte)'\n');
                var take = newline < 0 ? span : span[..newline];
                if (!tooLong && line.Length + take.Length > maxLineBytes) { tooLong = true; line.SetLength(0); }
                if (!tooLong) line.Write(take);
                _start += newline < 0 ? span.Length : newline + 1;
                if (newline >= 0) return new Line(++Number, tooLong ? null : Trimmed(line), tooLong);
            }
            if (line.Length == 0 && !tooLong) return new Line(Number, null, false);
            return new Line(++Number, tooLong ? null : Trimmed(line), tooLong);
        }

        private static byte[] Trimmed(MemoryStream line)
        {
            var bytes = line.ToArray();
            return bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes;
        }
    }
}
