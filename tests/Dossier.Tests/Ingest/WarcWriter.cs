using System.IO.Compression;
using System.Text;

namespace Dossier.Tests.Ingest;

/// <summary>Builds WARC files in memory: records in order, each its own gzip member when compressed (as Common Crawl writes).</summary>
internal sealed class WarcWriter(bool gzip)
{
    private readonly MemoryStream _output = new();
    private int _records;

    public WarcWriter Record(string type, string? targetUri, byte[] block, string contentType = "application/http; msgtype=response",
        long? claimedLength = null, string version = "WARC/1.0")
    {
        _records++;
        var header = new StringBuilder()
            .Append(version).Append("\r\n")
            .Append("WARC-Type: ").Append(type).Append("\r\n")
            .Append("WARC-Date: 2024-03-05T10:11:12Z\r\n")
            .Append("WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-").Append(_records.ToString("D12", System.Globalization.CultureInfo.InvariantCulture)).Append(">\r\n");
        if (targetUri is not null) header.Append("WARC-Target-URI: ").Append(targetUri).Append("\r\n");
        header.Append("Content-Type: ").Append(contentType).Append("\r\n")
            .Append("Content-Length: ").Append(claimedLength ?? block.Length).Append("\r\n\r\n");
        byte[] record = [.. Encoding.ASCII.GetBytes(header.ToString()), .. block, .. "\r\n\r\n"u8];
        if (claimedLength is { } claimed && claimed > block.Length) record = [.. Encoding.ASCII.GetBytes(header.ToString()), .. block];
        if (gzip)
        {
            using var member = new GZipStream(_output, CompressionLevel.Fastest, leaveOpen: true);
            member.Write(record);
        }
        else
        {
            _output.Write(record);
        }
        return this;
    }

    public WarcWriter Response(string uri, string status, string headers, byte[] body)
        => Record("response", uri, [.. Encoding.ASCII.GetBytes($"HTTP/1.1 {status}\r\n{headers}\r\n"), .. body]);

    public WarcWriter Html(string uri, string html, string contentType = "text/html; charset=utf-8")
        => Response(uri, "200 OK", $"Content-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(html)}\r\n", Encoding.UTF8.GetBytes(html));

    public WarcWriter Request(string uri)
        => Record("request", uri, Encoding.ASCII.GetBytes($"GET {new Uri(uri).PathAndQuery} HTTP/1.1\r\nHost: {new Uri(uri).Host}\r\n\r\n"), "application/http; msgtype=request");

    public byte[] ToArray() => _output.ToArray();

    /// <summary>HTTP chunked transfer coding of <paramref name="body"/> in chunks of <paramref name="size"/> bytes.</summary>
    public static byte[] Chunked(byte[] body, int size)
    {
        var output = new MemoryStream();
        for (var i = 0; i < body.Length; i += size)
        {
            var n = Math.Min(size, body.Length - i);
            output.Write(Encoding.ASCII.GetBytes(n.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n"));
            output.Write(body, i, n);
            output.Write("\r\n"u8);
        }
        output.Write("0\r\n\r\n"u8);
        return output.ToArray();
    }

    public static byte[] Gzip(byte[] bytes)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }
}
