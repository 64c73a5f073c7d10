using Dossier.Ingest;
using Xunit;

namespace Dossier.Tests.Fuzz;

/// <summary>
/// Replays every input kept under Fuzz/Cases/&lt;target&gt;/ (crashes the fuzzer found, and a few of its queue entries)
/// through the same code the fuzz target runs: none may throw or break an invariant.
/// </summary>
public sealed class FuzzCaseTests(FuzzTargets targets) : IClassFixture<FuzzTargets>
{
    private static string CasesFolder(string target) => Path.Combine(AppContext.BaseDirectory, "Fuzz", "Cases", target);

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var target in FuzzTargets.Names)
        {
            if (!Directory.Exists(CasesFolder(target))) continue;
            foreach (var file in Directory.GetFiles(CasesFolder(target)).Order(StringComparer.Ordinal))
                cases.Add(target, Path.GetFileName(file));
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_kept_input_runs_through_its_target_without_an_exception(string target, string name)
        => targets.Run(target, File.ReadAllBytes(Path.Combine(CasesFolder(target), name)));

    [Fact]
    public void Every_target_has_kept_inputs_in_the_test_output()
    {
        foreach (var target in FuzzTargets.Names)
            Assert.True(Directory.Exists(CasesFolder(target)) && Directory.GetFiles(CasesFolder(target)).Length > 0, $"no cases for {target}");
    }

    [Fact]
    public void A_feed_with_a_garbled_xml_declaration_is_one_skip_with_a_reason()
    {
        using var stream = File.OpenRead(Path.Combine(CasesFolder("feed"), "garbled-xml-declaration"));
        var entry = Assert.Single(FeedReader.Read(stream, "f.xml", "f", 1 << 20));
        Assert.Null(entry.Result.Document);
        Assert.StartsWith("bad feed XML", entry.Result.Skipped!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_is_refused()
        => Assert.Throws<ArgumentException>(() => targets.Run("pdf", [1, 2, 3]));
}
