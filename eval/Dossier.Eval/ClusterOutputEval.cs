using System.Globalization;
using System.Text.Json;

namespace Dossier.Eval;

/// <summary>
/// Scores what `dossier cluster DIR --format json` printed against the gold events of the ECB+ folder (or of a held-out
/// folder put in its place with DOSSIER_SHARED): the product's own command, not the eval's in-process call. Every gold
/// article must be in exactly one cluster; an id the gold does not know, a missing article or one listed twice is an
/// error, not a silently lower score.
/// </summary>
public static class ClusterOutputEval
{
    private const string UsageText = "usage: eval/run cluster-output FILE|- (the JSON `dossier cluster DIR --format json` printed; - reads standard input)";

    public static int Run(string shared, string[] args)
    {
        var options = EvalOptions.Of(args);
        options.RefuseUnknown(UsageText);
        if (options.Rest.Count != 1) throw new EvalUsageException(UsageText);
        var path = options.Rest[0];
        var json = path == "-" ? Console.In.ReadToEnd() : File.Exists(path) ? File.ReadAllText(path) : throw new EvalUsageException($"{path}: no such file");
        var gold = ClusterEval.ReadGold(Path.Combine(shared, "data", "ecbplus", "text"));
        var score = Score(json, gold.ToDictionary(g => g.Key, g => g.Value.Event, StringComparer.Ordinal));
        var c0 = CultureInfo.InvariantCulture;
        var topics = gold.Values.Select(g => int.Parse(g.Topic, c0)).ToArray();
        Console.WriteLine(string.Create(c0, $"ECB+ topics {ClusterEval.TopicRanges(topics)}: {score.Articles} articles in {score.Clusters} clusters, {score.Events} gold events"));
        Console.WriteLine(string.Create(c0, $"B-cubed P {score.BCubedPrecision:F3} R {score.BCubedRecall:F3} F1 {ClusterEval.F1(score.BCubedPrecision, score.BCubedRecall):F3}; pairwise P {score.PairwisePrecision:F3} R {score.PairwiseRecall:F3} F1 {ClusterEval.F1(score.PairwisePrecision, score.PairwiseRecall):F3}"));
        return 0;
    }

    public sealed record Scores(
        int Articles, int Clusters, int Events,
        double BCubedPrecision, double BCubedRecall, double PairwisePrecision, double PairwiseRecall);

    /// <summary>The scores of <c>{"clusters": [[id, ...], ...]}</c> against the gold event of each id.</summary>
    public static Scores Score(string json, IReadOnlyDictionary<string, string> eventOf)
    {
        List<List<string>> clusters;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("clusters", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new EvalUsageException("the output has no \"clusters\" array");
            clusters = [.. list.EnumerateArray().Select(c => c.ValueKind == JsonValueKind.Array
                ? c.EnumerateArray().Select(id => id.GetString() ?? throw new EvalUsageException("a cluster holds a null id")).ToList()
                : throw new EvalUsageException("a cluster is not an array of ids"))];
        }
        catch (JsonException e)
        {
            throw new EvalUsageException($"the output is not JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            throw new EvalUsageException($"a cluster holds an id that is not a string: {e.Message}");
        }

        var predicted = new List<string>();
        var truth = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < clusters.Count; c++)
            foreach (var id in clusters[c])
            {
                if (!eventOf.TryGetValue(id, out var gold)) throw new EvalUsageException($"{id}: not in gold.json");
                if (!seen.Add(id)) throw new EvalUsageException($"{id}: in more than one cluster");
                predicted.Add(c.ToString(CultureInfo.InvariantCulture));
                truth.Add(gold);
            }
        var missing = eventOf.Keys.Where(id => !seen.Contains(id)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new EvalUsageException($"{missing.Count} gold articles are in no cluster, first {string.Join(", ", missing.Take(5))}");

        var (bp, br) = ClusterEval.BCubed(predicted, truth);
        var (pp, pr) = ClusterEval.Pairwise(predicted, truth);
        return new Scores(predicted.Count, clusters.Count(c => c.Count > 0), truth.Distinct().Count(), bp, br, pp, pr);
    }
}
