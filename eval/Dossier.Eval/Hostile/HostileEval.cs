using System.Diagnostics;
using Dossier.Model;

namespace Dossier.Eval.Hostile;

/// <summary>One hostile input as a run left it: the articles it gave and the skips naming it.</summary>
public sealed record HostileResult(HostileInput Input, int Articles, IReadOnlyList<string> Skips)
{
    /// <summary>True when the outcome is the one expected, with the expected words in a skip's reason.</summary>
    public bool AsExpected => Input.Expect switch
    {
        HostileOutcome.Article => Articles > 0 && Skips.Count == 0,
        HostileOutcome.Skipped => Articles == 0 && Skips.Count > 0 && ReasonNamed,
        _ => Articles > 0 && Skips.Count > 0 && ReasonNamed,
    };

    private bool ReasonNamed => Input.Reason is not { } reason || Skips.Any(s => s.Contains(reason, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// `eval/run hostile [--out DIR] [--no-huge]`: builds the hostile corpus and reads it as `analyze` does, printing what
/// became of each input, how long the whole batch took and the process's peak memory.
/// </summary>
public static class HostileEval
{
    public static int Run(string shared, string[] args)
    {
        var options = EvalOptions.Of(args);
        var folder = options.Value("--out") ?? Path.Combine(Path.GetTempPath(), "dossier-hostile-" + Environment.ProcessId);
        var huge = !options.Flag("--no-huge");
        options.RefuseUnknown("eval/run hostile [--out DIR] [--no-huge]");
        var inputs = HostileCorpus.Build(folder, shared, huge);
        var watch = Stopwatch.StartNew();
        var results = Read(folder, inputs);
        watch.Stop();
        Console.WriteLine("| input | what it is | expected | articles | skipped with | as expected |");
        Console.WriteLine("| --- | --- | --- | ---: | --- | --- |");
        foreach (var r in results)
            Console.WriteLine($"| {r.Input.Name} | {r.Input.What} | {r.Input.Expect} | {r.Articles} | {string.Join("; ", r.Skips.Select(s => s.Replace("|", "/")))} | {(r.AsExpected ? "yes" : "NO")} |");
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"{results.Count(r => r.AsExpected)} of {results.Count} as expected; whole batch {watch.Elapsed.TotalSeconds:F1} s; peak working set {process.PeakWorkingSet64 >> 20} MB; corpus in {folder}");
        return results.All(r => r.AsExpected) ? 0 : 1;
    }

    /// <summary>Reads the folder as `analyze` does and sorts what came out by input file.</summary>
    public static IReadOnlyList<HostileResult> Read(string folder, IReadOnlyList<HostileInput> inputs)
    {
        var analyzer = new Analyzer(FixedClock.AtDay(new DateOnly(2026, 11, 22)));
        var (articles, skipped) = analyzer.ReadAsync([folder]).GetAwaiter().GetResult();
        return inputs.Select(input =>
        {
            var path = Path.Combine(folder, input.Name);
            return new HostileResult(input,
                articles.Count(a => a.Article.Origin.StartsWith(path, StringComparison.Ordinal)),
                skipped.Where(s => s.Path.StartsWith(path, StringComparison.Ordinal)).Select(s => s.Reason).ToList());
        }).ToList();
    }
}
