using Xunit;
using System.IO.Compression;
using System.Text.Json;
using Dossier.Cli;
using Dossier.Tests.Ingest;

namespace Dossier.Tests.Cli;

public sealed class ExtractVerbTests
{
    private const string Page = """
        <!doctype html>
        <html lang="en-GB"><head>
        <meta charset="utf-8">
        <title>Harbour bridge reopens after repairs | The Coastal Courier</title>
        <meta property="og:site_name" content="The Coastal Courier">
        <meta property="article:published_time" content="2024-03-05T09:30:00+00:00">
        <meta name="author" content="Maria Lindqvist">
        </head><body>
        <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        <article>
        <h1>Harbour bridge reopens after repairs</h1>
        <p>The harbour bridge reopened to traffic on Tuesday morning after eight months of repairs to its steel deck, the city council said.</p>
        <p>Engineers replaced more than 400 corroded plates and repainted the main span, at a cost of about 12 million euros.</p>
        <h2>What changes for drivers</h2>
        <p>Lorries heavier than 30 tonnes remain barred until the load test is complete in the spring, officials added.</p>
        <ul><li>Cyclists get a separated lane on the east side.</li><li>Pedestrians keep both footpaths during the works.</li></ul>
        <p>Local businesses on both banks welcomed the reopening, saying trade had fallen sharply since the closure began.</p>
        </article>
        <footer><p>Copyright 2024 The Coastal Courier. All rights reserved.</p></footer>
        </body></html>
        """;

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["extract", .. args], stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task One_page_is_one_json_object_with_its_metadata_and_text()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bridge.html", Page);
        var (code, output, _) = await Run(path, "--today", "2024-06-01");
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(path, root.GetProperty("file").GetString());
        Assert.Equal("Harbour bridge reopens after repairs", root.GetProperty("title").GetString());
        Assert.Equal("2024-03-05", root.GetProperty("published").GetString());
        Assert.Equal("en", root.GetProperty("language").GetString());
        Assert.Equal(["Maria Lindqvist"], root.GetProperty("authors").EnumerateArray().Select(a => a.GetString()).ToArray());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("site").GetString()));
        var text = root.GetProperty("text").GetString()!;
        Assert.Contains("reopened to traffic on Tuesday morning", text);
        Assert.Contains("Cyclists get a separated lane", text);
        Assert.DoesNotContain("All rights reserved", text);
        Assert.DoesNotContain("Sport", text);
    }

    [Fact]
    public async Task Several_files_are_json_lines_and_a_gzipped_page_is_read_like_a_plain_one()
    {
        using var folder = new TempFolder();
        var plain = folder.Write("a.html", Page);
        using var packed = new MemoryStream();
        using (var gz = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(System.Text.Encoding.UTF8.GetBytes(Page.Replace("Harbour bridge", "River tunnel", StringComparison.Ordinal)));
        var zipped = folder.Write("b.html.gz", packed.ToArray());
        var (code, output, _) = await Run(plain, zipped);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var titles = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("title").GetString()).ToArray();
        Assert.Equal(["Harbour bridge reopens after repairs", "River tunnel reopens after repairs"], titles);
    }

    [Fact]
    public async Task Markdown_keeps_headings_and_lists()
    {
        using var folder = new TempFolder();
        var path = folder.Write("bridge.html", Page);
        var (code, output, _) = await Run(path, "--format", "md");
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var lines = output.Split('\n');
        Assert.Equal("# Harbour bridge reopens after repairs", lines[0]);
        Assert.Contains("## What changes for drivers", lines);
        Assert.Contains("- Cyclists get a separated lane on the east side.", lines);
        Assert.Contains("- Pedestrians keep both footpaths during the works.", lines);
        Assert.True(Array.IndexOf(lines, "## What changes for drivers") < Array.IndexOf(lines, "- Cyclists get a separated lane on the east side."));
    }

    [Fact]
    public async Task The_url_option_fills_the_address_and_site()
    {
        using var folder = new TempFolder();
        var path = folder.Write("page.html", Page.Replace("<meta property=\"og:site_name\" content=\"The Coastal Courier\">", "", StringComparison.Ordinal));
        var (code, output, _) = await Run(path, "--url", "https://www.courier.example/2024/03/05/bridge");
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("https://www.courier.example/2024/03/05/bridge", root.GetProperty("url").GetString());
        Assert.Equal("courier.example", root.GetProperty("site").GetString());
    }

    [Fact]
    public async Task The_url_option_with_several_files_or_a_bad_address_is_a_usage_error()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.html", Page);
        var b = folder.Write("b.html", Page);
        Assert.Equal(DossierCommand.ExitCodes.Usage, (await Run(a, b, "--url", "https://x.example/")).Code);
        var (code, _, err) = await Run(a, "--url", "not a url");
        Assert.Equal(DossierCommand.ExitCodes.Usage, code);
        Assert.Contains("--url", err);
    }

    [Fact]
    public async Task A_bad_file_is_one_warning_and_the_rest_goes_on()
    {
        using var folder = new TempFolder();
        var good = folder.Write("good.html", Page);
        var bad = folder.Write("broken.html.gz", [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x0b, 0xc9]);
        var (code, output, err) = await Run(good, bad, "-f", "jsonl");
        Assert.Equal(DossierCommand.ExitCodes.SomeSkipped, code);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var warning = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("warning: " + bad, warning);
    }

    [Fact]
    public async Task Explicit_json_for_several_articles_is_an_array()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.html", Page);
        var b = folder.Write("b.html", Page.Replace("Harbour", "Canal", StringComparison.Ordinal));
        var (code, output, _) = await Run(a, b, "--format", "json");
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(2, root.GetArrayLength());
    }
}
