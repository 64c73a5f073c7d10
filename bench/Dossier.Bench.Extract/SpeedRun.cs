using System.Diagnostics;
using System.Text.Json;
using Dossier.Eval;

namespace Dossier.Bench.Extract;

/// <summary>The article body of one page as the benchmark's files hold it.</summary>
public sealed record ExtractedBody(string ArticleBody);

/// <summary>
/// The timing protocol every extractor in bench/extract.sh follows (bench/readability/extract.mjs does the same in Node):
/// all pages in memory first, untimed warm-up passes until <see cref="WarmUp"/> has gone by (at least one), then N timed
/// passes over all pages.
/// </summary>
public static class SpeedRun
{
    /// <summary>Long enough for tiered JIT (and V8) to reach its optimised code on a fast extractor, one pass on a slow one.</summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(string shared, string name, IPageExtraction extraction, string[] args)
    {
        var passes = 5;
        string? output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--passes" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: passes = n; i++; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        var pages = AebEval.LoadPages(shared);
        var warmUp = Stopwatch.StartNew();
        var bodies = Pass(pages, extraction);
        while (warmUp.Elapsed < WarmUp) bodies = Pass(pages, extraction);
        var rates = new List<double>();
        var cpuRates = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var pass = 1; pass <= passes; pass++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            bodies = Pass(pages, extraction);
            var seconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            rates.Add(pages.Count / seconds);
            cpuRates.Add(pages.Count / cpuSeconds);
            Console.WriteLine($"{name} pass {pass}: {pages.Count / seconds:F1} pages/s ({seconds * 1000:F0} ms wall, {cpuSeconds * 1000:F0} ms CPU)");
        }
        Console.WriteLine($"{name} median pages/s: {Median(rates):F1} per CPU-second: {Median(cpuRates):F1} ({pages.Count} pages, {passes} passes)");

        if (output is not null)
        {
            var file = bodies.ToDictionary(b => b.Key, b => new ExtractedBody(b.Value), StringComparer.Ordinal);
            File.WriteAllText(output, JsonSerializer.Serialize(file, Json));
        }
        return 0;
    }

    private static Dictionary<string, string> Pass(IReadOnlyList<AebPage> pages, IPageExtraction extraction)
    {
        var bodies = new Dictionary<string, string>(pages.Count, StringComparer.Ordinal);
        foreach (var page in pages) bodies[page.Id] = extraction.Extract(page);
        return bodies;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
