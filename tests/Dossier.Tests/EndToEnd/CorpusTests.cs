using System.Diagnostics;
using System.Text.Json;
using Dossier.Cli;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.EndToEnd;

/// <summary>Whole runs: the 772 ECB+ texts through the command, and the launcher on a fresh checkout.</summary>
public sealed class CorpusTests
{
    [Fact(Timeout = 300_000)]
    public async Task Ecbplus_runs_without_error_and_puts_every_article_in_exactly_one_story()
    {
        var folder = Path.Combine(Shared.Root, "data", "ecbplus", "text");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["analyze", folder, "--format", "json", "--today", "2026-11-22", "--quiet"], stdout, stderr, TestContext.Current.CancellationToken);
        Assert.True(code == 0, stderr.ToString());
        var root = JsonDocument.Parse(stdout.ToString()).RootElement;
        var articles = root.GetProperty("articles").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToList();
        Assert.Equal(772, articles.Count);
        var inStories = root.GetProperty("stories").EnumerateArray()
            .SelectMany(s => s.GetProperty("articles").EnumerateArray().Select(a => a.GetString()!)).ToList();
        Assert.Equal(articles.Order(StringComparer.Ordinal), inStories.Order(StringComparer.Ordinal));
        // 66 real events: far fewer stories than articles, far more than one.
        Assert.InRange(root.GetProperty("stories").GetArrayLength(), 40, 150);
    }

    [Fact(Timeout = 900_000)]
    public async Task The_launcher_builds_the_command_when_needed_and_runs_it()
    {
        var repo = RepositoryRoot();
        var start = new ProcessStartInfo("bash", [Path.Combine(repo, "dossier"), "analyze", Shared.Seeds, "--format", "json", "--today", "2026-11-22", "-q"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repo,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await errors);
        var root = JsonDocument.Parse(await output).RootElement;
        Assert.Equal(3, root.GetProperty("stories")[0].GetProperty("articles").GetArrayLength());
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "dossier")) && File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) return dir.FullName;
        throw new DirectoryNotFoundException("repository root (with the dossier launcher) not found");
    }
}
