using Dossier.Eval.Hostile;
using Dossier.Tests.Support;
using Xunit;

namespace Dossier.Tests.EndToEnd;

/// <summary>The hostile corpus (`eval/run hostile`) read in one batch: each input meets its expected, bounded outcome.</summary>
public sealed class HostileCorpusTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dossier-hostile-").FullName;

    [Fact(Timeout = 300_000)]
    public async Task Every_hostile_input_gets_a_clear_outcome_and_the_sound_ones_are_read()
    {
        var inputs = HostileCorpus.Build(_folder, Shared.Root);
        Assert.True(inputs.Count >= 15);
        var results = await Task.Run(() => HostileEval.Read(_folder, inputs), TestContext.Current.CancellationToken);
        Assert.All(results, r => Assert.True(r.AsExpected, $"{r.Input.Name}: expected {r.Input.Expect} ({r.Input.Reason}), got {r.Articles} articles, skips: {string.Join("; ", r.Skips)}"));
        // The external entity was never read: no line of /etc/passwd in any reason.
        Assert.DoesNotContain(results.SelectMany(r => r.Skips), s => s.Contains("root:", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
