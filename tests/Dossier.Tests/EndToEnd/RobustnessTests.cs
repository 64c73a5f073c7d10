using System.Text;
using CsCheck;
using Dossier.Cli;
using Dossier.Ingest;
using Dossier.Model;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.EndToEnd;

/// <summary>Analyze never throws or hangs, whatever the text, and bad files are skipped with a warning.</summary>
public sealed class RobustnessTests
{
    private static readonly Analyzer Analyzer = new(FixedClock.AtDay(new DateOnly(2026, 11, 22)));

    private static void AnalyzeText(string text)
    {
        var annotated = Analyzer.Annotate(new SourceDocument("doc", "doc.txt", "text", text));
        if (annotated is null) return;
        AssertSpansInside(annotated);
        var analysis = Analyzer.Analyze([annotated]);
        Assert.Single(analysis.Stories);
    }

    private static void AssertSpansInside(AnnotatedArticle a)
    {
        var n = a.Text.Length;
        bool Inside(TextSpan s) => s.Start >= 0 && s.Length >= 0 && s.End <= n;
        Assert.All(a.Sentences, s => Assert.True(Inside(s.Span)));
        Assert.All(a.Tokens, t => Assert.True(Inside(t.Span)));
        Assert.All(a.Entities, e => Assert.True(Inside(e.Span)));
        Assert.All(a.Times, t => Assert.True(Inside(t.Span)));
        Assert.All(a.Figures, f => Assert.True(Inside(f.Span)));
        Assert.All(a.Quotes, q => Assert.True(Inside(q.Content)));
    }

    [Fact(Timeout = 120_000)]
    public async Task Arbitrary_text_never_throws_and_spans_stay_inside()
    {
        await Task.Run(() => Gen.String.Sample(AnalyzeText, iter: 300), TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 120_000)]
    public async Task Newsy_text_of_random_words_never_throws()
    {
        var word = Gen.OneOf("The", "said", "President", "Smith", "“", "”", "\"", ",", ".", "10,000", "more than", "about",
            "Friday", "Nov.", "29", "2024", "in", "June", "U.S.", "Mr.", "he", "according to", "\n", "\n\n", "-", "troops", "Kim Jong-un");
        await Task.Run(() => word.Array[0, 400].Select(ws => string.Join(' ', ws)).Sample(AnalyzeText, iter: 300), TestContext.Current.CancellationToken);
    }

    [Theory(Timeout = 120_000)]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("no punctuation at all just words going on and on")]
    [InlineData("\"unclosed quote said he")]
    [InlineData("....!!!???“”\"\"''")]
    public async Task Edge_cases_never_throw(string text) => await Task.Run(() => AnalyzeText(text), TestContext.Current.CancellationToken);

    [Fact(Timeout = 300_000)]
    public async Task A_five_megabyte_line_without_punctuation_finishes()
    {
        var sb = new StringBuilder(5_000_000);
        var words = new[] { "alpha", "Beta", "gamma", "Delta", "twelve", "Monday", "troops" };
        for (var i = 0; sb.Length < 5_000_000; i++) sb.Append(words[i % words.Length]).Append(' ');
        await Task.Run(() => AnalyzeText(sb.ToString()), TestContext.Current.CancellationToken);
    }

    [Fact(Timeout = 120_000)]
    public async Task Binary_and_unreadable_files_are_skipped_with_a_warning_and_the_run_goes_on()
    {
        var dir = Directory.CreateTempSubdirectory("dossier-bad-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "good.txt"),
                "Floods hit the river town of Easton on Monday. Residents were evacuated by boat, officials said.", TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(Path.Combine(dir.FullName, "junk.txt"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray(), TestContext.Current.CancellationToken);
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var code = await DossierCommand.RunAsync(["analyze", dir.FullName, "--today", "2026-11-22"], stdout, stderr, TestContext.Current.CancellationToken);
            Assert.Equal(DossierCommand.ExitCodes.SomeSkipped, code);
            var warning = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("junk.txt"));
            Assert.StartsWith("warning:", warning);
            Assert.Contains("Easton", stdout.ToString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_path_is_an_error_with_a_clear_message()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["analyze", "/no/such/folder"], stdout, stderr, TestContext.Current.CancellationToken);
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
        Assert.Contains("/no/such/folder", stderr.ToString());
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error()
    {
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["analyze", ".", "--format", "pdf"], new StringWriter(), stderr, TestContext.Current.CancellationToken);
        Assert.Equal(DossierCommand.ExitCodes.Usage, code);
        Assert.Contains("pdf", stderr.ToString());
    }
}

public sealed class OutputTests
{
    [Fact]
    public async Task An_unwritable_output_path_is_a_clear_error_not_a_crash()
    {
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["analyze", Shared.Seeds, "-o", "/no/such/dir/out.md", "-q"], new StringWriter(), stderr, TestContext.Current.CancellationToken);
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
        Assert.StartsWith("error: cannot write /no/such/dir/out.md", stderr.ToString());
    }

    [Fact]
    public async Task Output_goes_to_the_file_named()
    {
        var file = Path.Combine(Path.GetTempPath(), $"dossier-{Guid.NewGuid():N}.md");
        try
        {
            var stdout = new StringWriter();
            var code = await DossierCommand.RunAsync(["analyze", Shared.Seeds, "-o", file, "-q", "--today", "2026-11-22"], stdout, new StringWriter(), TestContext.Current.CancellationToken);
            Assert.Equal(0, code);
            Assert.Equal("", stdout.ToString());
            Assert.StartsWith("# Dossier: 1 story from 3 articles", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
