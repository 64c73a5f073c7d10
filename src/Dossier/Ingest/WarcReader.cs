using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Dossier.Ingest;

/// <summary>
/// Reads WARC 1.0 and 1.1 files record by record, never holding more than one record: the HTML pages of successful
/// response records (and HTML resource records) become "html" documents (de-chunked, decompressed, decoded with the HTTP charset); request,
/// metadata and other records, error and redirect responses and non-HTML responses are passed over. The record's target
/// URI becomes the document's URL hint; its WARC-Date is the crawl date, not the publication date, so it is not a hint.
/// A record that claims more bytes than the file holds is skipped and reading stops there.
/// </summary>
public static class WarcReader
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Documents and skips ("path#record N: reason") from the WARC in <paramref name="stream"/>.</summary>
    public static IEnumerable<IngestResult> Read(Stream stream, string path, string idBase, long maxRecordBytes)
    {
        var input = new BufferedStream(stream, 64 * 1024);
        var number = 0;
        var ordinal = 0;
        while (true)
        {
            number++;
            var where = $"{path}#record {number}";
            Record? record;
            string? failure = null;
            try { record = NextRecord(input, maxRecordBytes); }
            catch (IOException ex) { failure = ex.Message; record = null; }
            catch (FormatException ex) { failure = ex.Message; record = null; }
            if (failure is not null)
            {
                yield return IngestResult.Skip(where, failure);
                yield break;
            }
            if (record is null) yield break;
            if (record.Skipped is { } reason) { yield return IngestResult.Skip(where, reason); continue; }
            if (record.Body is null) continue;

            var outcome = ReadResponse(record, maxRecordBytes);
            if (outcome.Skip is not null) { yield return IngestResult.Skip(where, outcome.Skip); continue; }
            if (outcome.Html is null) continue;
            var text = HtmlText.Decode(outcome.Html, outcome.Charset);
            if (TextDecoder.LooksBinary(text, 0.05)) { yield return IngestResult.Skip(where, "binary content"); continue; }
            ordinal++;
            var id = ContainerIds.Item(idBase, null, ordinal);
            yield return IngestResult.Read(new SourceDocument(id, path, "html", text) { Hints = new SourceHints { Url = record.TargetUri } });
        }
    }

    /// <summary>A record's header fields of interest, and its block when it is a response worth reading.</summary>
    private sealed record Record(string? Type, string? TargetUri, byte[]? Body, string? Skipped)
    {
        /// <summary>The charset of a resource record's own Content-Type; resource records carry no HTTP headers.</summary>
        public string? ResourceType { get; init; }
    }

    private static bool IsHtmlType(string? contentType)
        => contentType is not null
            && (contentType.Contains("text/html", StringComparison.OrdinalIgnoreCase)
                || contentType.Contains("application/xhtml+xml", StringComparison.OrdinalIgnoreCase));

    private static Record? NextRecord(Stream input, long maxRecordBytes)
    {
        // Records are separated by CRLF CRLF; blank lines before the version line are tolerated.
        string? line;
        do
        {
            line = ReadLine(input);
            if (line is null) return null;
        } while (line.Length == 0);
        if (!line.StartsWith("WARC/", StringComparison.Ordinal)) throw new FormatException($"not a WARC record: \"{Shorten(line)}\"");

        var headers = ReadHeaders(input);
        var type = headers.GetValueOrDefault("WARC-Type");
        if (!long.TryParse(headers.GetValueOrDefault("Content-Length"), NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            throw new FormatException("WARC record without a valid Content-Length");
        var target = headers.GetValueOrDefault("WARC-Target-URI")?.Trim().Trim('<', '>');
        var contentType = headers.GetValueOrDefault("Content-Type");
        var wanted = string.Equals(type, "response", StringComparison.OrdinalIgnoreCase)
            && (contentType ?? "application/http").Contains("application/http", StringComparison.OrdinalIgnoreCase);
        // A resource record (wget, browser archivers) holds the page itself, without HTTP around it.
        var resource = string.Equals(type, "resource", StringComparison.OrdinalIgnoreCase) && IsHtmlType(contentType);
        wanted |= resource;
        if (!wanted || length > maxRecordBytes || length > Array.MaxLength)
        {
            var skipped = Discard(input, length);
            if (skipped < length) throw new UnreadableInputException($"truncated record: {skipped} of {length} bytes");
            return new Record(type, target, null, wanted ? $"record too large: {length} bytes, limit {maxRecordBytes}" : null);
        }
        var body = new byte[length];
        var read = input.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
        if (read < length) throw new UnreadableInputException($"truncated record: {read} of {length} bytes");
        return new Record(type, target, body, null) { ResourceType = resource ? contentType : null };
    }

    private static long Discard(Stream input, long length)
    {
        var buffer = new byte[64 * 1024];
        long done = 0;
        while (done < length)
        {
            var read = input.Read(buffer, 0, (int)Math.Min(buffer.Length, length - done));
            if (read == 0) break;
            done += read;
        }
        return done;
    }

    private static Dictionary<string, string> ReadHeaders(Stream input)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        string? last = null;
        while (true)
        {
            var line = ReadLine(input) ?? throw new UnreadableInputException("truncated record header");
            if (line.Length == 0) return headers;
            total += line.Length;
            if (total > MaxHeaderBytes) throw new FormatException("record header too long");
            // A line starting with white space continues the previous field.
            if (line[0] is ' ' or '\t' && last is not null) { headers[last] += " " + line.Trim(); continue; }
            var colon = line.IndexOf(':');
            if (colon <= 0) continue;
            last = line[..colon].Trim();
            headers.TryAdd(last, line[(colon + 1)..].Trim());
        }
    }

    /// <summary>A line up to LF without its CR LF, read byte by byte (headers are short); null at the end of the stream.</summary>
    private static string? ReadLine(Stream input)
    {
        var bytes = new List<byte>(128);
        while (true)
        {
            var b = input.ReadByte();
            if (b < 0) return bytes.Count == 0 ? null : Latin1(bytes);
            if (b == '\n') break;
            if (bytes.Count >= MaxHeaderBytes) throw new FormatException("header line too long");
            bytes.Add((byte)b);
        }
        if (bytes.Count > 0 && bytes[^1] == '\r') bytes.RemoveAt(bytes.Count - 1);
        return Latin1(bytes);
    }

    private static string Latin1(List<byte> bytes) => Encoding.Latin1.GetString(bytes.ToArray());

    private static string Shorten(string line) => line.Length > 40 ? line[..40] + "…" : line;

    private readonly record struct Response(byte[]? Html, string? Charset, string? Skip);

    /// <summary>The HTML body of a 200 text/html or XHTML response, de-chunked and decompressed (or a resource record's page).</summary>
    private static Response ReadResponse(Record record, long maxBytes)
    {
        var block = record.Body!;
        if (record.ResourceType is { } resourceType) return new Response(block, HtmlText.CharsetParameter(resourceType), null);
        using var stream = new MemoryStream(block, writable: false);
        var status = ReadLine(stream);
        if (status is null || !status.StartsWith("HTTP/", StringComparison.Ordinal)) return new Response(null, null, "response without an HTTP status line");
        var parts = status.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || parts[1] != "200") return default;
        Dictionary<string, string> headers;
        try { headers = ReadHeaders(stream); }
        catch (Exception ex) when (ex is IOException or FormatException) { return new Response(null, null, "bad HTTP header: " + ex.Message); }
        var contentType = headers.GetValueOrDefault("Content-Type");
        if (contentType is not null && !IsHtmlType(contentType)) return default;
        var body = block.AsSpan((int)stream.Position).ToArray();
        try
        {
            if (headers.GetValueOrDefault("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
                body = Dechunk(body);
            var encoding = headers.GetValueOrDefault("Content-Encoding")?.Trim().ToLowerInvariant();
            if (encoding is "gzip" or "x-gzip" or "deflate" or "br") body = Decompress(body, encoding, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidDataException)
        {
            return new Response(null, null, "bad HTTP body: " + ex.Message);
        }
        // Without a Content-Type, only what looks like a page is taken for one.
        if (contentType is null && !LooksLikeHtml(body)) return default;
        return new Response(body, HtmlText.CharsetParameter(contentType), null);
    }

    private static bool LooksLikeHtml(byte[] body)
    {
        var head = Encoding.Latin1.GetString(body, 0, Math.Min(body.Length, 1024)).TrimStart();
        return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Undoes HTTP chunked transfer coding ("size in hex CRLF data CRLF", ending with a zero size).</summary>
    public static byte[] Dechunk(byte[] body)
    {
        using var input = new MemoryStream(body, writable: false);
        using var output = new MemoryStream(body.Length);
        while (true)
        {
            var line = ReadLine(input) ?? throw new FormatException("chunked body ends without its last chunk");
            var sizeText = line.Split(';', 2)[0].Trim();
            if (sizeText.Length == 0) continue;
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                throw new FormatException($"bad chunk size \"{Shorten(sizeText)}\"");
            if (size == 0) return output.ToArray();
            if (size > input.Length - input.Position) throw new FormatException("chunk runs past the end of the body");
            output.Write(body, (int)input.Position, size);
            input.Position += size;
        }
    }

    private static byte[] Decompress(byte[] body, string encoding, long maxBytes)
    {
        if (encoding == "deflate")
        {
            // HTTP's deflate is zlib-wrapped, but some servers send the raw stream.
            try { return Decompress(body, "zlib", maxBytes); }
            catch (InvalidDataException) { return Decompress(body, "raw-deflate", maxBytes); }
        }
        using var input = new MemoryStream(body, writable: false);
        using Stream decompressor = encoding switch
        {
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "zlib" => new ZLibStream(input, CompressionMode.Decompress),
            "raw-deflate" => new DeflateStream(input, CompressionMode.Decompress),
            _ => new GZipStream(input, CompressionMode.Decompress),
        };
        using var output = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = decompressor.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > maxBytes) throw new InvalidDataException($"decompressed body over the limit of {maxBytes} bytes");
        }
        return output.ToArray();
    }
}
