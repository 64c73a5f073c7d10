using System.Text.Json;
using Dossier.Cli;
using Dossier.Tests.Ingest;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.Cli;

public sealed class ClusterVerbTests
{
    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["cluster", .. args], stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string[][] Clusters(string output)
    {
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("clusters").EnumerateArray()
            .Select(c => c.EnumerateArray().Select(id => id.GetString()!).ToArray()).ToArray();
    }

    [Fact]
    public async Task The_three_seeds_are_one_cluster_of_three()
    {
        var (code, output, _) = await Run(Shared.Seeds, "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        var clusters = Clusters(output);
        Assert.Single(clusters);
        Assert.Equal(3, clusters[0].Length);
    }

    [Fact]
    public async Task Every_input_article_is_in_exactly_one_cluster()
    {
        using var folder = new TempFolder();
        folder.Write("chile.txt", "Earthquake in Chile\n\nA magnitude 6.8 earthquake struck near Antofagasta on Monday, killing 12 people, Chile's disaster agency Senapred said.");
        folder.Write("chile-2.txt", "Chile quake toll rises\n\nRescuers in Antofagasta pulled survivors from the rubble after the 6.8-magnitude quake in Chile; Senapred said the toll rose to 15.");
        folder.Write("vote.txt", "Portugal votes\n\nLuis Montenegro's Democratic Alliance narrowly won Portugal's snap election, beating the Socialists of Pedro Nuno Santos.");
        folder.Write("empty.txt", "   ");
        var (code, output, error) = await Run(folder.Root, "--today", "2026-11-22");
        Assert.Equal(DossierCommand.ExitCodes.SomeSkipped, code);
        Assert.Contains("empty.txt", error);
        var ids = Clusters(output).SelectMany(c => c).ToArray();
        Assert.Equal(3, ids.Length);
        Assert.Equal(3, ids.Distinct().Count());
    }

    [Fact]
    public async Task No_readable_article_fails()
    {
        using var folder = new TempFolder();
        folder.Write("empty.txt", "  ");
        var (code, _, _) = await Run(folder.Root);
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
    }

    [Fact]
    public async Task Output_goes_to_the_file_named_and_an_unwritable_one_fails()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Root, "clusters.json");
        var (code, output, error) = await Run(Shared.Seeds, "--today", "2026-11-22", "--output", target);
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Empty(output);
        Assert.Empty(error);
        var (_, printed, _) = await Run(Shared.Seeds, "--today", "2026-11-22");
        Assert.Equal(printed, await File.ReadAllTextAsync(target, TestContext.Current.CancellationToken));
        Assert.Equal(3, Clusters(printed)[0].Length);

        (code, output, error) = await Run(Shared.Seeds, "--today", "2026-11-22", "-o", Path.Combine(folder.Root, "missing", "clusters.json"));
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
        Assert.Empty(output);
        Assert.StartsWith("error: cannot write ", error);
    }

    [Fact]
    public async Task The_document_limits_apply_and_are_named()
    {
        var (code, output, error) = await Run(Shared.Seeds, "--today", "2026-11-22", "--doc-memory", "1K");
        Assert.Equal(DossierCommand.ExitCodes.Failed, code);
        Assert.Empty(output);
        Assert.Equal(3, error.Split('\n').Count(l => l.StartsWith("warning: ", StringComparison.Ordinal) && l.Contains("memory limit hit in extract") && l.EndsWith("; skipped", StringComparison.Ordinal)));
        Assert.Contains("error: no readable articles", error);

        (code, output, error) = await Run(Shared.Seeds, "--doc-time", "soon");
        Assert.Equal(DossierCommand.ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.Contains("--doc-time expects a duration", error);
    }

    [Fact]
    public async Task Online_clustering_with_a_window_closes_a_quiet_story()
    {
        using var folder = new TempFolder();
        const string quake = "A magnitude 6.8 earthquake struck near the Chilean city of Antofagasta, killing at least 12 people, Chile's disaster agency Senapred said. Interior Minister Carolina Toha sent the army.";
        const string followUp = "Rescuers in Antofagasta pulled survivors from the rubble after the 6.8-magnitude quake in northern Chile; Senapred said the toll rose to 15 and Carolina Toha visited.";
        folder.Write("a-chile.txt", "Earthquake in Chile\n\nANTOFAGASTA, Chile, March 4, 2024 - " + quake);
        folder.Write("b-chile.txt", "Chile quake toll rises\n\nANTOFAGASTA, Chile, March 5, 2024 - " + followUp);
        folder.Write("c-chile.txt", "Chile quake, a month on\n\nANTOFAGASTA, Chile, April 20, 2024 - Six weeks after the 6.8-magnitude earthquake in Antofagasta, Senapred said 2,000 people in northern Chile still live in tents, and Carolina Toha promised new homes.");
        int Stories(string output) => Clusters(output).Length;

        var (code, online, error) = await Run(folder.Root, "--today", "2026-11-22", "--clustering", "online");
        Assert.Equal(DossierCommand.ExitCodes.Ok, code);
        Assert.Equal(1, Stories(online));
        var (_, closed, _) = await Run(folder.Root, "--today", "2026-11-22", "--clustering", "online", "--window", "7");
        Assert.Equal([["a-chile", "b-chile"], ["c-chile"]], Clusters(closed).Select(c => c.Select(id => id[..7]).Order().ToArray()).OrderBy(c => c[0]).ToArray());
        Assert.Empty(error);
    }

    [Theory]
    [InlineData("--window", "7")]
    [InlineData("--clustering", "online", "--window", "0")]
    [InlineData("--clustering", "kmeans")]
    public async Task Contradicting_clustering_options_are_usage_errors(params string[] options)
    {
        var (code, output, error) = await Run([Shared.Seeds, .. options]);
        Assert.Equal(DossierCommand.ExitCodes.Usage, code);
        Assert.Empty(output);
        Assert.NotEmpty(error);
    }
}
