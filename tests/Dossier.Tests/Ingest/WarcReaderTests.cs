using System.Text;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class WarcReaderTests
{
    private static string Article(string title, string body) =>
        $"<!DOCTYPE html><html><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{body}</p></article></body></html>";

    /// <summary>A crawl as Common Crawl's news archive holds it: info, request/response pairs, errors, non-pages, metadata.</summary>
    private static WarcWriter Crawl(bool gzip)
    {
        var cyrillicPage = Samples.Encode(Article("Бюджет", Samples.Russian), "windows-1251");
        return new WarcWriter(gzip)
            .Record("warcinfo", null, "software: test\r\nformat: WARC File Format 1.1\r\n"u8.ToArray(), "application/warc-fields", version: "WARC/1.1")
            .Request("https://news.example/a/first")
            .Html("https://news.example/a/first", Article("First story", "The council met on Tuesday."))
            .Record("metadata", "https://news.example/a/first", "fetchTimeMs: 120\r\n"u8.ToArray(), "application/warc-fields")
            .Request("https://news.example/missing")
            .Response("https://news.example/missing", "404 Not Found", "Content-Type: text/html\r\n", Encoding.UTF8.GetBytes(Article("Not found", "Sorry.")))
            .Response("https://news.example/logo.png", "200 OK", "Content-Type: image/png\r\n", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
            .Response("https://news.example/a/second", "200 OK",
                "Content-Type: text/html; charset=windows-1251\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                WarcWriter.Chunked(WarcWriter.Gzip(cyrillicPage), 100))
            .Html("https://news.example/a/third", Article("Third story", "Late news."), "application/xhtml+xml");
    }

    private static List<IngestResult> Read(byte[] warc, bool gzip, long maxBytes = 50L * 1024 * 1024)
    {
        Stream stream = new MemoryStream(warc);
        if (gzip) stream = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress);
        return WarcReader.Read(stream, "crawl.warc", "crawl", maxBytes).ToList();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Html_responses_become_documents_and_the_rest_is_passed_over(bool gzip)
    {
        var results = Read(Crawl(gzip).ToArray(), gzip);

        Assert.Empty(results.Skips());
        var documents = results.Documents();
        Assert.Equal(["https://news.example/a/first", "https://news.example/a/second", "https://news.example/a/third"], documents.Select(d => d.Hints.Url));
        Assert.Equal(["crawl-1", "crawl-2", "crawl-3"], documents.Select(d => d.Id));
        Assert.All(documents, d => Assert.Equal("html", d.Format));
        Assert.All(documents, d => Assert.Null(d.Hints.Published)); // WARC-Date is the crawl date
        Assert.Contains("The council met on Tuesday.", documents[0].Text, StringComparison.Ordinal);
        Assert.Contains(Samples.Russian, documents[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_last_record_is_skipped_after_the_good_ones(bool gzip)
    {
        // Random letters do not compress, so the cut falls inside the last record whether gzipped or not.
        var random = new Random(7);
        var noise = new string(Enumerable.Range(0, 5000).Select(_ => (char)('a' + random.Next(26))).ToArray());
        var whole = Crawl(gzip).Html("https://news.example/a/last", Article("Last", noise)).ToArray();
        var cut = whole[..^1500];

        var results = Read(cut, gzip);

        Assert.Equal(3, results.Documents().Count);
        var skip = Assert.Single(results.Skips());
        Assert.StartsWith("crawl.warc#record ", skip.Path, StringComparison.Ordinal);
        Assert.Contains("truncated", skip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_claiming_more_bytes_than_the_file_holds_stops_the_reading()
    {
        var warc = new WarcWriter(gzip: false)
            .Html("https://news.example/a/1", Article("One", "Text."))
            .Record("response", "https://news.example/a/2", "HTTP/1.1 200 OK\r\n\r\n<p>short</p>"u8.ToArray(), claimedLength: 1_000_000)
            .ToArray();

        var results = Read(warc, gzip: false);

        Assert.Single(results.Documents());
        Assert.Equal("crawl.warc#record 2", Assert.Single(results.Skips()).Path);
    }

    [Fact]
    public void A_record_over_the_size_limit_is_skipped_and_the_next_is_read()
    {
        var warc = new WarcWriter(gzip: false)
            .Html("https://news.example/big", Article("Big", new string('y', 20_000)))
            .Html("https://news.example/small", Article("Small", "Fits."))
            .ToArray();

        var results = Read(warc, gzip: false, maxBytes: 10_000);

        Assert.Equal("https://news.example/small", Assert.Single(results.Documents()).Hints.Url);
        Assert.Contains("too large", Assert.Single(results.Skips()).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Not_a_warc_is_one_skip()
    {
        var results = Read("<html><body>hello</body></html>"u8.ToArray(), gzip: false);

        Assert.Contains("not a WARC record", Assert.Single(results).Skipped?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_chunked_body_is_that_record_skipped()
    {
        var warc = new WarcWriter(gzip: false)
            .Response("https://news.example/bad", "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", "zz\r\nabc\r\n"u8.ToArray())
            .Html("https://news.example/good", Article("Good", "Fine."))
            .ToArray();

        var results = Read(warc, gzip: false);

        Assert.Equal("https://news.example/good", Assert.Single(results.Documents()).Hints.Url);
        Assert.Equal("crawl.warc#record 1", Assert.Single(results.Skips()).Path);
    }

    [Fact]
    public void Resource_records_and_other_content_encodings_are_read()
    {
        var page = Samples.Encode(Article("Ресурс", Samples.Russian), "koi8-r");
        var html = System.Text.Encoding.UTF8.GetBytes(Article("Zipped", "Deflated body."));
        var zlib = new MemoryStream();
        using (var z = new System.IO.Compression.ZLibStream(zlib, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) z.Write(html);
        var raw = new MemoryStream();
        using (var d = new System.IO.Compression.DeflateStream(raw, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) d.Write(html);
        var brotli = new MemoryStream();
        using (var b = new System.IO.Compression.BrotliStream(brotli, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true)) b.Write(html);
        var warc = new WarcWriter(gzip: false)
            .Record("resource", "https://saved.example/page", page, "text/html; charset=koi8-r")
            .Record("resource", "https://saved.example/logo.png", [0x89, 0x50, 0x4E, 0x47], "image/png")
            .Response("https://z.example/1", "200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n", zlib.ToArray())
            .Response("https://z.example/2", "200 OK", "Content-Type: text/html\r\nContent-Encoding: deflate\r\n", raw.ToArray())
            .Response("https://z.example/3", "200 OK", "Content-Type: text/html\r\nContent-Encoding: br\r\n", brotli.ToArray())
            .ToArray();

        var results = Read(warc, gzip: false);

        Assert.Empty(results.Skips());
        var documents = results.Documents();
        Assert.Equal(["https://saved.example/page", "https://z.example/1", "https://z.example/2", "https://z.example/3"], documents.Select(d => d.Hints.Url));
        Assert.Contains(Samples.Russian, documents[0].Text, StringComparison.Ordinal);
        Assert.All(documents.Skip(1), d => Assert.Contains("Deflated body.", d.Text, StringComparison.Ordinal));
    }

    /// <summary>A WARC that never ends: the same record over and over, produced as it is read.</summary>
    private sealed class EndlessWarc(byte[] record) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++) buffer[offset + i] = record[(int)(_position++ % record.Length)];
            return count;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Fact]
    public void Records_stream_without_reading_ahead_to_the_end()
    {
        var record = new WarcWriter(gzip: false).Html("https://x.example/", Article("Again", "Same text.")).ToArray();
        var endless = new EndlessWarc(record);

        var documents = WarcReader.Read(endless, "endless.warc", "endless", 1_000_000).Take(2000).ToList();

        Assert.Equal(2000, documents.Count);
        // Read ahead by at most the reader's one 64 KB buffer.
        Assert.InRange(endless.Position, 2000L * record.Length, 2000L * record.Length + 2 * 65536);
    }

    [Fact]
    public void Dechunk_joins_the_chunks()
    {
        var body = Encoding.ASCII.GetBytes(new string('a', 250) + "end");

        Assert.Equal(body, WarcReader.Dechunk(WarcWriter.Chunked(body, 64)));
    }
}
