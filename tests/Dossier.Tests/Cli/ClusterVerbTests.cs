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
}
