using System.IO.Compression;
using System.Text;
using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class GzipTests
{
    private static byte[] Gzip(string text) => WarcWriter.Gzip(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Gzipped_text_and_html_are_read_by_their_inner_extension()
    {
        using var folder = new TempFolder();
        var page = Samples.Page(Samples.Russian, "<meta charset=windows-1251>");
        var html = folder.Write("page.html.gz", WarcWriter.Gzip(Samples.Encode(page, "windows-1251")));
        var text = folder.Write("notes.md.gz", Gzip("# Heading\n\nWords."));

        var documents = (await IngestRun.ReadAll(html, text)).Documents();

        Assert.Equal(["page", "notes"], documents.Select(d => d.Id));
        Assert.Equal(["html", "markdown"], documents.Select(d => d.Format));
        Assert.Contains(Samples.Russian, documents[0].Text, StringComparison.Ordinal);
        Assert.Equal("# Heading\n\nWords.", documents[1].Text);
    }

    [Fact]
    public async Task The_gzip_magic_is_recognised_without_the_extension()
    {
        using var folder = new TempFolder();
        var path = folder.Write("download.bin", Gzip("<!DOCTYPE html><html><body><p>Inside.</p></body></html>"));

        var document = Assert.Single((await IngestRun.ReadAll(path)).Documents());

        Assert.Equal("html", document.Format);
        Assert.Contains("<p>Inside.</p>", document.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(-8)]
    [InlineData(-3)]
    public async Task A_truncated_gzip_is_one_skip_and_the_next_file_is_read(double cut)
    {
        using var folder = new TempFolder();
        var random = new Random(3);
        var words = string.Join(" ", Enumerable.Range(0, 4000).Select(_ => new string((char)('a' + random.Next(26)), 1 + random.Next(8))));
        var whole = Gzip(words);
        var length = cut > 0 ? (int)(whole.Length * cut) : whole.Length + (int)cut;
        var broken = folder.Write("a.txt.gz", whole[..length]);
        var good = folder.Write("b.txt", "Still read.");

        var results = await IngestRun.ReadAll(broken, good);

        Assert.Equal(2, results.Count);
        Assert.Equal(new Dossier.Model.SkippedInput(broken, "truncated gzip"), results[0].Skipped);
        Assert.Equal("Still read.", results[1].Document?.Text);
    }

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_ratio_limit()
    {
        using var folder = new TempFolder();
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 40; i++) gzip.Write(zeros);
        }
        var path = folder.Write("bomb.txt.gz", bomb.ToArray());

        var skip = Assert.Single(await IngestRun.ReadAll(path)).Skipped;

        Assert.Contains("gzip bomb", skip?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decompressed_size_is_bounded_by_the_limit()
    {
        using var folder = new TempFolder();
        var path = folder.Write("long.txt.gz", Gzip(string.Join(" ", Enumerable.Range(0, 2000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)))));

        var skip = Assert.Single(await IngestRun.ReadAll(new FileSource(new FileSourceOptions { MaxBytes = 1000 }), path)).Skipped;

        Assert.Contains("too large", skip?.Reason, StringComparison.Ordinal);
        Assert.Contains("1000", skip?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_after_the_gzip_magic_is_a_skip_not_an_exception()
    {
        using var folder = new TempFolder();
        var path = folder.Write("junk.html.gz", [0x1F, 0x8B, 0x08, 0x00, .. Enumerable.Range(0, 200).Select(i => (byte)(i * 37))]);

        var result = Assert.Single(await IngestRun.ReadAll(path));

        Assert.False(string.IsNullOrEmpty(result.Skipped?.Reason));
    }

    [Fact]
    public async Task Concatenated_members_are_read_whole()
    {
        using var folder = new TempFolder();
        var path = folder.Write("two.txt.gz", [.. Gzip("first half, "), .. Gzip("second half")]);

        Assert.Equal("first half, second half", Assert.Single(await IngestRun.ReadAll(path)).Document?.Text);
    }
}
