using CsCheck;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

/// <summary>Damaged input of every kind ends in documents or skips, never in an exception.</summary>
public sealed class IngestRobustnessTests
{
    private static readonly byte[] Warc = new WarcWriter(gzip: false)
        .Request("https://x.example/1")
        .Html("https://x.example/1", "<html><body><p>One.</p></body></html>")
        .Response("https://x.example/2", "200 OK", "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", WarcWriter.Chunked("<p>Two.</p>"u8.ToArray(), 4))
        .ToArray();

    private static readonly byte[] Feed = System.Text.Encoding.UTF8.GetBytes(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>A</title><link>https://x.example/a</link>"
        + "<pubDate>Tue, 05 Mar 2024 18:30:00 EST</pubDate><description>&lt;p&gt;Body.&lt;/p&gt;</description></item></channel></rss>");

    private static readonly byte[] Lines = "{\"url\":\"https://x.example/a\",\"text\":\"One.\",\"published\":\"2024-01-01\"}\n{\"html\":\"<p>Two</p>\"}\n"u8.ToArray();

    /// <summary>A valid input with some bytes overwritten, some cut, or both.</summary>
    private static Gen<byte[]> Damaged(byte[] valid)
        => Gen.Select(Gen.Int[0, valid.Length], Gen.Int[0, 8].SelectMany(n => Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Byte).Array[n, n]),
            (cut, edits) =>
            {
                var bytes = valid[..cut];
                foreach (var (at, value) in edits) if (at < bytes.Length) bytes[at] = value;
                return bytes;
            });

    [Fact]
    public void Damaged_warc_records_never_throw()
        => Damaged(Warc).Sample(bytes => Assert.All(WarcReader.Read(new MemoryStream(bytes), "w", "w", 1_000_000), r => Assert.True(r.Document is not null || r.Skipped is not null)), iter: 500);

    [Fact]
    public void Damaged_feeds_never_throw()
        => Damaged(Feed).Sample(bytes => Assert.All(FeedReader.Read(new MemoryStream(bytes), "f", "f", 1_000_000), e => Assert.NotNull(e.Result)), iter: 500);

    [Fact]
    public void Damaged_json_lines_never_throw()
        => Damaged(Lines).Sample(bytes => Assert.All(JsonLinesReader.Read(new MemoryStream(bytes), "j", "j", 1_000_000), r => Assert.True(r.Document is not null || r.Skipped is not null)), iter: 500);

    [Fact]
    public void Any_bytes_under_any_label_decode()
        => Gen.Select(Gen.Byte.Array[0, 600], Gen.OneOf("utf-8", "koi8-r", "shift_jis", "utf-16le", "gbk", "nonsense", "")).Sample((bytes, label) =>
        {
            Assert.NotNull(HtmlText.Decode(bytes, label));
            Assert.NotNull(TextDecoder.Decode(bytes));
        }, iter: 500);

    [Fact]
    public async Task Damaged_gzipped_files_of_every_kind_are_read_or_skipped()
    {
        using var folder = new TempFolder();
        var inputs = new (string Name, byte[] Bytes)[] { ("w.warc.gz", Warc), ("f.rss.gz", Feed), ("j.jsonl.gz", Lines), ("p.html.gz", "<p>Page.</p>"u8.ToArray()) };
        var random = new Random(11);
        var paths = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var (name, bytes) = inputs[i % inputs.Length];
            var gzip = WarcWriter.Gzip(bytes);
            var damaged = gzip[..random.Next(gzip.Length + 1)];
            if (damaged.Length > 12 && random.Next(2) == 0) damaged[10 + random.Next(damaged.Length - 10)] ^= 0x55;
            paths.Add(folder.Write($"{i:D2}-{name}", damaged));
        }

        var results = await IngestRun.ReadAll([.. paths]);

        Assert.All(results, r => Assert.True(r.Document is not null || r.Skipped is not null));
        Assert.All(paths, p => Assert.Contains(results, r => (r.Document?.Path ?? r.Skipped!.Path).StartsWith(p, StringComparison.Ordinal)));
    }
}
