using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Ingest;

public sealed class FileSourceTests
{
    private static async Task<List<IngestResult>> ReadAll(FileSource source, params string[] paths)
    {
        var results = new List<IngestResult>();
        await foreach (var result in source.ReadAsync(paths, TestContext.Current.CancellationToken)) results.Add(result);
        return results;
    }

    private static async Task<SourceDocument> ReadOne(string path)
    {
        var results = await ReadAll(new FileSource(), path);
        var result = Assert.Single(results);
        Assert.Null(result.Skipped);
        return result.Document!;
    }

    [Fact]
    public async Task Utf8_with_and_without_bom_decode_the_same()
    {
        using var folder = new TempFolder();
        var body = "Café “quoted” — naïve.\n";
        var plain = folder.Write("plain.txt", System.Text.Encoding.UTF8.GetBytes(body));
        var bom = folder.Write("bom.txt", [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(body)]);

        Assert.Equal(body, (await ReadOne(plain)).Text);
        Assert.Equal(body, (await ReadOne(bom)).Text);
    }

    [Fact]
    public async Task Utf16_is_read_by_its_byte_order_mark()
    {
        using var folder = new TempFolder();
        var body = "Zoë said “yes”.\nSecond line.";
        var little = folder.Write("le.txt", [0xFF, 0xFE, .. System.Text.Encoding.Unicode.GetBytes(body)]);
        var big = folder.Write("be.txt", [0xFE, 0xFF, .. System.Text.Encoding.BigEndianUnicode.GetBytes(body)]);

        Assert.Equal(body, (await ReadOne(little)).Text);
        Assert.Equal(body, (await ReadOne(big)).Text);
    }

    [Fact]
    public async Task Crlf_and_cr_become_lf()
    {
        using var folder = new TempFolder();
        var path = folder.Write("lines.txt", "one\r\ntwo\rthree\n\r\nfour");

        Assert.Equal("one\ntwo\nthree\n\nfour", (await ReadOne(path)).Text);
    }

    [Fact]
    public async Task Invalid_utf8_falls_back_to_windows_1252()
    {
        using var folder = new TempFolder();
        // "He said “Caf\xE9” – fine…" in Windows-1252: 0x93/0x94 quotes, 0xE9 é, 0x96 en dash, 0x85 ellipsis, 0x80 euro.
        byte[] bytes = [.. "He said "u8, 0x93, .. "Caf"u8, 0xE9, 0x94, 0x20, 0x96, .. " fine"u8, 0x85, 0x20, 0x80, .. "5"u8];
        var path = folder.Write("cp1252.txt", bytes);

        Assert.Equal("He said \u201CCaf\u00E9\u201D \u2013 fine\u2026 \u20AC5", (await ReadOne(path)).Text);
    }

    [Fact]
    public async Task Binary_file_is_skipped_and_reading_goes_on()
    {
        using var folder = new TempFolder();
        folder.Write("a.txt", [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xFF, 0x00, 0x12]);
        folder.Write("b.txt", "A real article.");

        var results = await ReadAll(new FileSource(), folder.Root);

        Assert.Equal(2, results.Count);
        Assert.Equal("binary file", results[0].Skipped?.Reason);
        Assert.EndsWith("a.txt", results[0].Skipped!.Path, StringComparison.Ordinal);
        Assert.Equal("A real article.", results[1].Document?.Text);
    }

    [Fact]
    public void Control_characters_without_nul_are_binary_when_dense()
    {
        Assert.True(TextDecoder.LooksBinary("a\u0001b\u0002c\u0003d\u0004", 0.05));
        Assert.False(TextDecoder.LooksBinary("Plain text\twith a tab.\n", 0.05));
    }

    [Fact]
    public async Task Folders_are_walked_recursively_in_ordinal_order_skipping_hidden_and_non_text()
    {
        using var folder = new TempFolder();
        folder.Write("b.txt", "b");
        folder.Write("A.md", "A");
        folder.Write("sub/c.markdown", "c");
        folder.Write("sub/deeper/d.text", "d");
        folder.Write("sub/notes.log", "not text");
        folder.Write(".hidden.txt", "hidden");
        folder.Write(".git/e.txt", "hidden folder");
        folder.Write("image.png", "not text either");

        var results = await ReadAll(new FileSource(), folder.Root);

        Assert.All(results, r => Assert.Null(r.Skipped));
        Assert.Equal(["A", "b", "c", "d"], results.Select(r => r.Document!.Text));
        Assert.Equal(["markdown", "text", "markdown", "text"], results.Select(r => r.Document!.Format));
    }

    [Fact]
    public async Task A_file_named_explicitly_is_read_whatever_its_extension()
    {
        using var folder = new TempFolder();
        var path = folder.Write("notes.log", "Logged words.");

        var document = await ReadOne(path);

        Assert.Equal("notes", document.Id);
        Assert.Equal("text", document.Format);
    }

    [Fact]
    public async Task Same_ids_get_deterministic_suffixes()
    {
        using var folder = new TempFolder();
        folder.Write("one/story.txt", "first");
        folder.Write("two/story.md", "second");
        folder.Write("three/story.txt", "third");
        folder.Write("story-2.txt", "a real story-2");

        var results = await ReadAll(new FileSource(), folder.Root);

        // Ordinal order of relative paths: one/, story-2.txt, three/, two/.
        Assert.Equal(["story", "story-2", "story-3", "story-4"], results.Select(r => r.Document!.Id));
        Assert.Equal(["first", "a real story-2", "third", "second"], results.Select(r => r.Document!.Text));
    }

    [Fact]
    public async Task Empty_and_whitespace_only_files_are_skipped()
    {
        using var folder = new TempFolder();
        var empty = folder.Write("empty.txt", "");
        var blank = folder.Write("blank.txt", " \n\t\r\n  ");

        var results = await ReadAll(new FileSource(), empty, blank);

        Assert.Equal(["empty", "empty"], results.Select(r => r.Skipped?.Reason));
    }

    [Fact]
    public async Task Missing_path_is_skipped_as_not_found()
    {
        using var folder = new TempFolder();
        var missing = Path.Combine(folder.Root, "nope.txt");
        var present = folder.Write("yes.txt", "Here.");

        var results = await ReadAll(new FileSource(), missing, present);

        Assert.Equal(new Dossier.Model.SkippedInput(missing, "not found"), results[0].Skipped);
        Assert.Equal("yes", results[1].Document?.Id);
    }

    [Fact]
    public async Task Files_over_the_size_limit_are_skipped_with_the_reason()
    {
        using var folder = new TempFolder();
        var big = folder.Write("big.txt", new string('a', 2000));
        var small = folder.Write("small.txt", "small");

        var results = await ReadAll(new FileSource(new FileSourceOptions { MaxBytes = 1000 }), big, small);

        Assert.Contains("too large", results[0].Skipped?.Reason, StringComparison.Ordinal);
        Assert.Contains("1000", results[0].Skipped?.Reason, StringComparison.Ordinal);
        Assert.Equal("small", results[1].Document?.Text);
        Assert.Equal(50L * 1024 * 1024, new FileSourceOptions().MaxBytes);
    }

    [Fact]
    public async Task Unreadable_file_is_skipped_not_thrown()
    {
        if (OperatingSystem.IsWindows()) return;
        using var folder = new TempFolder();
        var locked = folder.Write("locked.txt", "secret");
        File.SetUnixFileMode(locked, UnixFileMode.None);
        var canStillRead = true;
        try { File.ReadAllBytes(locked); }
        catch (UnauthorizedAccessException) { canStillRead = false; }

        var results = await ReadAll(new FileSource(), locked);

        var result = Assert.Single(results);
        if (canStillRead) Assert.NotNull(result.Document); // running as root: permissions do not bite
        else Assert.False(string.IsNullOrEmpty(result.Skipped?.Reason));
    }
}
