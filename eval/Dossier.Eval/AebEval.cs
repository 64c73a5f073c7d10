using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Extract.Html;
using Dossier.Ingest;

namespace Dossier.Eval;

/// <summary>True positives, false positives and false negatives of one page's shingles, normalised to sum to one.</summary>
public readonly record struct ShingleCounts(double Tp, double Fp, double Fn)
{
    public double? Precision => Tp + Fp > 0 ? (Fp == 0 && Fn == 0 ? 1 : Tp / (Tp + Fp)) : null;
    public double? Recall => Tp + Fn > 0 ? (Fp == 0 && Fn == 0 ? 1 : Tp / (Tp + Fn)) : null;
}

/// <summary>Macro precision, recall and F1 over pages, and the share of pages extracted token for token.</summary>
public sealed record AebScore(double Precision, double Recall, double F1, double Accuracy, int Pages);

/// <summary>
/// The article-extraction benchmark's metric, as its evaluate.py computes it: word 4-shingles (\w+ tokens), per-page
/// counts normalised so long pages weigh no more than short ones, precision and recall averaged over pages, F1 of the means.
/// </summary>
public static partial class ShingleMetric
{
    [GeneratedRegex(@"\w+", RegexOptions.CultureInvariant)]
    private static partial Regex Word();

    public static List<string> Tokens(string? text)
        => Word().Matches(text ?? "").Select(m => m.Value).ToList();

    public static ShingleCounts Match(string? truth, string? prediction, int n = 4)
    {
        var t = Shingles(truth, n);
        var p = Shingles(prediction, n);
        double tp = 0, fp = 0, fn = 0;
        foreach (var key in t.Keys.Union(p.Keys))
        {
            var tc = t.GetValueOrDefault(key);
            var pc = p.GetValueOrDefault(key);
            tp += Math.Min(tc, pc);
            fp += Math.Max(0, pc - tc);
            fn += Math.Max(0, tc - pc);
        }
        var sum = tp + fp + fn;
        return sum > 0 ? new ShingleCounts(tp / sum, fp / sum, fn / sum) : new ShingleCounts(0, 0, 0);
    }

    private static Dictionary<string, int> Shingles(string? text, int n)
    {
        var tokens = Tokens(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // As evaluate.py: one shingle of the whole text when it has fewer than n tokens, none when it has none.
        for (var i = 0; i < Math.Max(1, tokens.Count - n + 1); i++)
        {
            var length = Math.Min(n, tokens.Count - i);
            if (length <= 0) break;
            var key = string.Join('\u0001', tokens.GetRange(i, length));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    public static AebScore Score(IReadOnlyDictionary<string, string> truth, IReadOnlyDictionary<string, string> predicted)
    {
        var precisions = new List<double>();
        var recalls = new List<double>();
        var exact = 0;
        foreach (var (id, body) in truth)
        {
            var prediction = predicted.GetValueOrDefault(id, "");
            var counts = Match(body, prediction);
            if (counts.Precision is { } p) precisions.Add(p);
            if (counts.Recall is { } r) recalls.Add(r);
            if (Tokens(body).SequenceEqual(Tokens(prediction))) exact++;
        }
        var precision = precisions.Count > 0 ? precisions.Average() : 0;
        var recall = recalls.Count > 0 ? recalls.Average() : 0;
        var f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new AebScore(precision, recall, f1, truth.Count > 0 ? (double)exact / truth.Count : 0, truth.Count);
    }
}

/// <summary>The 111 pages of ../shared/data/aeb: their HTML, URLs and the article bodies a person marked.</summary>
public sealed record AebPage(string Id, string Url, byte[] Html, string Truth);

/// <summary>
/// Scores our HTML extraction on the article-extraction benchmark, beside the 15 published extractors' outputs on the
/// same pages. Options: --worst N lists the N pages we score worst on; --dump DIR writes our text for each page.
/// </summary>
public static class AebEval
{
    public static IReadOnlyList<AebPage> LoadPages(string shared)
    {
        var folder = Path.Combine(shared, "data", "aeb");
        using var truthFile = File.OpenRead(Path.Combine(folder, "ground-truth.json"));
        using var truth = JsonDocument.Parse(truthFile);
        var pages = new List<AebPage>();
        foreach (var entry in truth.RootElement.EnumerateObject().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var url = entry.Value.TryGetProperty("url", out var u) ? u.GetString() ?? "" : "";
            var body = entry.Value.TryGetProperty("articleBody", out var b) ? b.GetString() ?? "" : "";
            using var gz = new GZipStream(File.OpenRead(Path.Combine(folder, "html", entry.Name + ".html.gz")), CompressionMode.Decompress);
            using var bytes = new MemoryStream();
            gz.CopyTo(bytes);
            pages.Add(new AebPage(entry.Name, url, bytes.ToArray(), body));
        }
        return pages;
    }

    /// <summary>Each published extractor's article bodies by page id, from reference-outputs/.</summary>
    public static SortedDictionary<string, Dictionary<string, string>> LoadReferences(string shared)
    {
        var result = new SortedDictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var path in Directory.GetFiles(Path.Combine(shared, "data", "aeb", "reference-outputs"), "*.json"))
        {
            using var file = File.OpenRead(path);
            using var json = JsonDocument.Parse(file);
            var output = json.RootElement;
            if (output.ValueKind == JsonValueKind.Object && output.TryGetProperty("output", out var wrapped) && wrapped.ValueKind == JsonValueKind.Object)
                output = wrapped;
            var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var page in output.EnumerateObject())
                bodies[page.Name] = page.Value.ValueKind == JsonValueKind.Object && page.Value.TryGetProperty("articleBody", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString() ?? "" : "";
            result[Path.GetFileNameWithoutExtension(path)] = bodies;
        }
        return result;
    }

    /// <summary>Our article body for each page, extracted the way `dossier extract` does.</summary>
    public static Dictionary<string, string> Extract(IReadOnlyList<AebPage> pages)
    {
        var extractor = new HtmlExtractor(TimeProvider.System);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var page in pages) result[page.Id] = extractor.Extract(DocumentOf(page)).Text;
        return result;
    }

    /// <summary>A page as `dossier extract` reads it: its bytes decoded as a browser would, its URL as the container gives it.</summary>
    public static SourceDocument DocumentOf(AebPage page)
        => new(page.Id, page.Id + ".html", "html", HtmlText.Decode(page.Html, null)) { Hints = new SourceHints { Url = page.Url } };

    public static int Run(string shared, string[] args)
    {
        int worst = 0;
        string? dump = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--worst" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n): worst = n; i++; break;
                case "--dump" when i + 1 < args.Length: dump = args[++i]; break;
                default:
                    Console.Error.WriteLine($"eval/run aeb: unknown option {args[i]} (options: --worst N, --dump DIR)");
                    return 2;
            }
        }
        var pages = LoadPages(shared);
        var truth = pages.ToDictionary(p => p.Id, p => p.Truth, StringComparer.Ordinal);
        var ours = Extract(pages);
        var rows = new List<(string Name, AebScore Score)> { ("dossier", ShingleMetric.Score(truth, ours)) };
        foreach (var (name, bodies) in LoadReferences(shared)) rows.Add((name, ShingleMetric.Score(truth, bodies)));

        Console.WriteLine($"Article-extraction benchmark, {pages.Count} pages (word 4-shingles, macro over pages)");
        Console.WriteLine($"{"",-16} {"F1",6} {"P",6} {"R",6} {"exact",6}");
        foreach (var (name, score) in rows.OrderByDescending(r => r.Score.F1))
            Console.WriteLine($"{name,-16} {score.F1,6:F3} {score.Precision,6:F3} {score.Recall,6:F3} {score.Accuracy,6:F3}");

        if (worst > 0)
        {
            Console.WriteLine();
            Console.WriteLine($"worst {worst} pages for dossier (F1, P, R, id, url):");
            var perPage = pages.Select(p =>
            {
                var c = ShingleMetric.Match(p.Truth, ours[p.Id]);
                var pr = c.Precision ?? 0;
                var re = c.Recall ?? 0;
                return (Page: p, P: pr, R: re, F: pr + re > 0 ? 2 * pr * re / (pr + re) : 0);
            }).OrderBy(x => x.F).Take(worst);
            foreach (var x in perPage) Console.WriteLine($"{x.F:F3} {x.P:F3} {x.R:F3} {x.Page.Id[..12]} {x.Page.Url}");
        }
        if (dump is not null)
        {
            Directory.CreateDirectory(dump);
            foreach (var page in pages)
            {
                File.WriteAllText(Path.Combine(dump, page.Id + ".ours.txt"), ours[page.Id]);
                File.WriteAllText(Path.Combine(dump, page.Id + ".truth.txt"), page.Truth);
            }
        }
        return 0;
    }
}
