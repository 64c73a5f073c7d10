using System.Text.Json;
using Dossier.Eval;

namespace Dossier.Bench.Extract;

/// <summary>Scores a file of article bodies ({id: {articleBody}}) against the AEB ground truth with the benchmark's metric.</summary>
public static class ScoreRun
{
    public static int Run(string shared, string[] args)
    {
        string? path = null;
        var name = "";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--name" when i + 1 < args.Length: name = args[++i]; break;
                case var a when !a.StartsWith("--", StringComparison.Ordinal) && path is null: path = a; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (path is null) throw new ArgumentException("score needs a FILE.json");

        var pages = AebEval.LoadPages(shared);
        var truth = pages.ToDictionary(p => p.Id, p => p.Truth, StringComparer.Ordinal);
        using var file = File.OpenRead(path);
        var bodies = JsonSerializer.Deserialize<Dictionary<string, ExtractedBody>>(file, SpeedRun.Json)
            ?? throw new ArgumentException($"{path} holds no JSON object");
        var predicted = bodies.ToDictionary(b => b.Key, b => b.Value.ArticleBody ?? "", StringComparer.Ordinal);
        var missing = truth.Keys.Count(id => !predicted.ContainsKey(id));
        var score = ShingleMetric.Score(truth, predicted);
        Console.WriteLine($"{name} F1 {score.F1:F3} P {score.Precision:F3} R {score.Recall:F3} exact {score.Accuracy:F3} pages {score.Pages} missing {missing}".TrimStart());
        return 0;
    }
}
