using System.Text;
using System.Text.Json;
using Dossier.Cli;
using Dossier.Tests.Ingest;
using Xunit;

namespace Dossier.Tests.Cli;

public sealed class TimexVerbTests
{
    private const string Council = "The council met on Friday. Inspectors visited the bridge last week.\n"
        + "Repairs will begin in June and take three days. Checks happen every Monday.\n";

    private sealed record Timex(int Start, int End, string Text, string Type, string? Value);

    private static async Task<(int Code, string Out, string Err)> Run(string[] args, byte[]? stdin = null)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["timex", .. args], () => new MemoryStream(stdin ?? []), stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static Timex[] Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        return [.. document.RootElement.EnumerateArray().Select(e =>
        {
            Assert.Equal(["start", "end", "text", "type", "value"], e.EnumerateObject().Select(p => p.Name).ToArray());
            var value = e.GetProperty("value");
            return new Timex(e.GetProperty("start").GetInt32(), e.GetProperty("end").GetInt32(), e.GetProperty("text").GetString()!,
                e.GetProperty("type").GetString()!, value.ValueKind == JsonValueKind.Null ? null : value.GetString());
        })];
    }

    /// <summary>The text between two code-point offsets, as Python's str slicing gives it.</summary>
    private static string CodePoints(string text, int start, int end)
        => string.Concat(text.EnumerateRunes().Skip(start).Take(end - start).Select(r => r.ToString()));

    [Fact]
    public async Task Json_gives_timeml_values_anchored_to_the_given_dct()
    {
        using var folder = new TempFolder();
        var path = folder.Write("council.txt", Council);
        var (code, output, error) = await Run([path, "--dct", "2024-11-27", "--format", "json"]);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Contains("dct 2024-11-27", error);
        var found = Parse(output);
        foreach (var t in found) Assert.Equal(t.Text, Council[t.Start..t.End]);
        string? ValueOf(string text) => Assert.Single(found, t => t.Text == text).Value;
        // 2024-11-27 is a Wednesday in ISO week 48: the council met on the Friday before; June is ahead, so 2025.
        Assert.Equal("2024-11-22", ValueOf("Friday"));
        Assert.Equal("2024-W47", ValueOf("last week"));
        Assert.Equal("2025-06", ValueOf("June"));
        Assert.Equal("P3D", ValueOf("three days"));
        Assert.Equal("XXXX-WXX-1", ValueOf("every Monday"));
        Assert.Equal(["DATE", "DATE", "DATE", "DURATION", "SET"], found.Select(t => t.Type).ToArray());
        Assert.Equal(found.OrderBy(t => t.Start).ToArray(), found);
    }

    [Fact]
    public async Task Text_format_is_one_tab_separated_line_per_expression_and_the_same_on_every_run()
    {
        using var folder = new TempFolder();
        var path = folder.Write("council.txt", Council);
        var (code, output, _) = await Run([path, "--dct", "2024-11-27"]);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, lines.Length);
        Assert.Equal($"{Council.IndexOf("Friday", StringComparison.Ordinal)}\t{Council.IndexOf("Friday", StringComparison.Ordinal) + 6}\tDATE\t2024-11-22\tFriday", lines[0]);
        Assert.All(lines, l => Assert.Equal(5, l.Split('\t').Length));
        Assert.Equal(output, (await Run([path, "--dct", "2024-11-27"])).Out);
    }

    [Fact]
    public async Task Without_dct_the_dateline_anchors_and_is_named_on_standard_error()
    {
        using var folder = new TempFolder();
        var path = folder.Write("moscow.txt", "Talks resume\n\nMOSCOW, Nov 29 (Reuters) - Negotiators met on Friday and will meet again on Monday.\n");
        var (code, output, error) = await Run([path, "--today", "2025-03-01", "--format", "json"]);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Contains("dct 2024-11-29 (dateline: \"MOSCOW, Nov 29 (Reuters) -\")", error);
        var found = Parse(output);
        // 2024-11-29 was a Friday: the meeting that day, the next one on the Monday after.
        Assert.Equal("2024-11-29", Assert.Single(found, t => t.Text == "Friday").Value);
        Assert.Equal("2024-12-02", Assert.Single(found, t => t.Text == "Monday").Value);

        // A year later the same dateline is a year later, and so are the weekdays.
        var (_, later, laterError) = await Run([path, "--today", "2026-03-01", "--format", "json"]);
        Assert.Contains("dct 2025-11-29 (dateline:", laterError);
        Assert.Equal("2025-11-28", Assert.Single(Parse(later), t => t.Text == "Friday").Value);
    }

    [Fact]
    public async Task Without_any_date_nothing_relative_is_resolved_and_stderr_says_so()
    {
        using var folder = new TempFolder();
        var path = folder.Write("plain.txt", "The council met on Friday and will take three days to decide.\n");
        var (code, output, error) = await Run([path, "--format", "json"]);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Contains("dct none found", error);
        var found = Parse(output);
        // A weekday with no date to fall back on keeps an unknown year and week, as TimeML writes it.
        Assert.Equal("XXXX-WXX-5", Assert.Single(found, t => t.Text == "Friday").Value);
        Assert.Equal("P3D", Assert.Single(found, t => t.Text == "three days").Value);
    }

    [Fact]
    public async Task Offsets_count_code_points_of_the_file_text_through_a_bom_crlf_and_an_emoji()
    {
        const string text = "Council notes\r\n\r\nA lone line\r\U0001F600 The council met on Friday.\r\nRepairs take three days.\r\n";
        using var folder = new TempFolder();
        var path = folder.Write("crlf.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var (code, output, _) = await Run([path, "--dct", "2024-11-27", "--format", "json"]);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var found = Parse(output);
        Assert.Equal(["Friday", "three days"], found.Select(t => t.Text).ToArray());
        foreach (var t in found) Assert.Equal(t.Text, CodePoints(text, t.Start, t.End));
        var friday = found[0];
        Assert.Equal(text.IndexOf("Friday", StringComparison.Ordinal) - 1, friday.Start);

        // UTF-16 code units: the emoji counts twice, as in analyze's JSON.
        var (_, utf16, _) = await Run([path, "--dct", "2024-11-27", "--format", "json", "--offsets", "utf16"]);
        foreach (var t in Parse(utf16)) Assert.Equal(t.Text, text[t.Start..t.End]);
        Assert.Equal(friday.Start + 1, Parse(utf16)[0].Start);
    }

    [Fact]
    public async Task A_dash_reads_standard_input()
    {
        var (code, output, _) = await Run(["-", "--dct", "2024-11-27", "--format", "json"], Encoding.UTF8.GetBytes(Council));
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Equal("2024-11-22", Parse(output)[0].Value);
    }

    [Fact]
    public async Task A_web_page_is_read_through_its_article_text_and_metadata_date()
    {
        const string page = """
            <!doctype html><html><head><title>Bridge repairs</title>
            <meta property="article:published_time" content="2024-11-27T09:00:00+00:00"></head>
            <body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Bridge repairs</h1>
            <p>The council met on Friday to approve the repairs to the harbour bridge, which will take three days.</p>
            <p>Engineers said the deck had corroded badly over the past decade and needed new steel plates.</p></article></body></html>
            """;
        using var folder = new TempFolder();
        var path = folder.Write("bridge.html", page);
        var (code, output, error) = await Run([path, "--format", "json", "--today", "2025-01-01"]);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Contains("dct 2024-11-27 (metadata", error);
        var (_, text, _) = await Run([path, "--print-text", "--today", "2025-01-01"]);
        Assert.DoesNotContain("<p>", text);
        var found = Parse(output);
        Assert.Equal("2024-11-22", Assert.Single(found, t => t.Text == "Friday").Value);
        foreach (var t in found) Assert.Equal(t.Text, CodePoints(text, t.Start, t.End));
    }

    [Fact]
    public async Task A_feed_is_refused_with_a_reason()
    {
        using var folder = new TempFolder();
        var path = folder.Write("news.rss", "<?xml version=\"1.0\"?><rss><channel><item><title>A</title><description>On Friday.</description></item></channel></rss>");
        var (code, output, error) = await Run([path]);
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
        Assert.Empty(output);
        Assert.Contains("feed", error);
    }

    [Theory]
    [InlineData("2024-13-01")]
    [InlineData("29/11/2024")]
    [InlineData("yesterday")]
    public async Task A_bad_dct_is_a_usage_error(string dct)
    {
        using var folder = new TempFolder();
        var path = folder.Write("council.txt", Council);
        var (code, output, error) = await Run([path, "--dct", dct]);
        Assert.Equal(DossierCommand.ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("--dct", error);
    }

    [Fact]
    public async Task A_missing_file_fails_with_its_name()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Root, "absent.txt");
        var (code, output, error) = await Run([path]);
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
        Assert.Empty(output);
        Assert.Contains("not found: " + path, error);
    }
}
