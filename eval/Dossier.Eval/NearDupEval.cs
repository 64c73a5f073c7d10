using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dossier.Group;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>
/// Near-duplicate detection on a set generated from ECB+ (see <see cref="NearDupSetBuilder"/>): per round, every real
/// article plus one copy of each long one go through extraction and the detector together, so the LSH candidate stage
/// runs as in production; a pair is found when the detector puts both in one duplicate group (a copy and its original).
/// </summary>
public static class NearDupEval
{
    public sealed record Outcome(NearDupPair Pair, bool Found, string GroupA = "", string GroupB = "");

    public sealed record Report(IReadOnlyList<Outcome> Outcomes, double ArticlesPerSecond, int Articles)
    {
        public int TruePositives => Outcomes.Count(o => o.Pair.Duplicate && o.Found);
        public int FalsePositives => Outcomes.Count(o => !o.Pair.Duplicate && o.Found);
        public int Positives => Outcomes.Count(o => o.Pair.Duplicate);
        public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
        public double Recall => Positives == 0 ? 1 : (double)TruePositives / Positives;
        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    }

    public static int Run(string shared, string[] args)
    {
        var seed = 1;
        var options = new NearDuplicateOptions();
        string? write = null;
        string? show = null;
        var verbose = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--seed": seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--write": write = Next(); break;
                case "--verbose": verbose = true; break;
                case "--show": show = Next(); break;
                case "--shingle": options = options with { ShingleWords = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--rows": options = options with { RowsPerBand = int.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--candidate": options = options with { CandidateJaccard = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--jaccard": options = options with { MinJaccard = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                case "--containment": options = options with { MinContainment = double.Parse(Next(), CultureInfo.InvariantCulture) }; break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}; options: --seed n --write file.jsonl --verbose --show id --shingle words --rows r --candidate jaccard --jaccard x --containment x");
                    return 2;
            }
        }

        var set = NearDupSetBuilder.Build(shared, seed);
        if (write is not null) Write(set, write);
        if (show is not null)
        {
            // The text as the detector sees it, after extraction.
            var document = set.Originals.Concat(set.Copies).First(d => d.Id == show);
            var article = new Extract.PlainTextExtractor().Extract(new Ingest.SourceDocument(document.Id, document.Id + ".txt", "text", document.Text));
            Console.WriteLine($"title: {article.Title}\n{article.Text}");
            return 0;
        }
        var report = Score(set, new NearDuplicateDetector(options), measureSpeed: true);
        var rows = options.RowsPerBand ?? NearDuplicateDetector.RowsFor(options.HashCount, options.CandidateJaccard, options.CandidateRecall);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"detector: {options.ShingleWords}-word shingles, {options.HashCount} hashes, {options.HashCount / rows} bands of {rows} rows, Jaccard >= {options.MinJaccard} or containment >= {options.MinContainment}"));
        Print(set, report, seed, verbose);
        return 0;
    }

    /// <summary>Runs the detector once per round over all real articles plus that round's copies.</summary>
    public static Report Score(NearDupSet set, NearDuplicateDetector detector, bool measureSpeed = false)
    {
        var extractor = new Extract.PlainTextExtractor();
        Article Extract(NearDupDocument d) => extractor.Extract(new Ingest.SourceDocument(d.Id, d.Id + ".txt", "text", d.Text));
        var originals = set.Originals.Select(Extract).ToList();
        var outcomes = new List<Outcome>();
        var speed = 0.0;
        var articles = 0;
        for (var round = 0; round < set.Rounds; round++)
        {
            var copyIds = set.Pairs.Where(p => p.Duplicate && p.Round == round).Select(p => p.B).ToHashSet(StringComparer.Ordinal);
            var batch = originals.Concat(set.Copies.Where(c => copyIds.Contains(c.Id)).Select(Extract)).ToList();
            var links = detector.Find(batch);
            if (measureSpeed && round == 0)
            {
                var best = TimeSpan.MaxValue;
                for (var run = 0; run < 3; run++)
                {
                    var watch = Stopwatch.StartNew();
                    detector.Find(batch);
                    if (watch.Elapsed < best) best = watch.Elapsed;
                }
                speed = batch.Count / best.TotalSeconds;
                articles = batch.Count;
            }
            var group = links.ToDictionary(l => l.ArticleId, l => l.OriginalId, StringComparer.Ordinal);
            string Root(string id) => group.GetValueOrDefault(id, id);
            foreach (var pair in set.Pairs.Where(p => p.Round == round))
                outcomes.Add(new Outcome(pair, Root(pair.A) == Root(pair.B), Root(pair.A), Root(pair.B)));
        }
        return new Report(outcomes, speed, articles);
    }

    private static void Print(NearDupSet set, Report report, int seed, bool verbose)
    {
        var c = CultureInfo.InvariantCulture;
        var o = report.Outcomes;
        Console.WriteLine(string.Create(c, $"near-duplicate set, seed {seed}: {set.Originals.Count} ECB+ articles, {set.Copies.Count} copies of the {set.Copies.Count / set.Rounds} with at least {NearDupSetBuilder.MinOriginalWords} words ({set.Rounds} rounds, one copy per article per round)"));
        Console.WriteLine(string.Create(c, $"pairs: {report.Positives} positive, {o.Count - report.Positives} negative; same-event pairs with raw 5-word overlap >= {NearDupSetBuilder.WireOverlap} left out as wire copies in the source: {set.WireCopies.Count}"));
        Console.WriteLine(string.Create(c, $"overall   P {report.Precision:F4}  R {report.Recall:F4}  F1 {report.F1:F4}   (TP {report.TruePositives}, FP {report.FalsePositives}, FN {report.Positives - report.TruePositives})"));
        Console.WriteLine("positives by kind and rate            pairs  found  recall");
        foreach (var kind in NearDupSetBuilder.PositiveKinds)
        {
            var of = o.Where(x => x.Pair.Duplicate && x.Pair.Kind == kind).ToList();
            Console.WriteLine(string.Create(c, $"  {kind,-36}{of.Count,5}  {of.Count(x => x.Found),5}  {Share(of.Count(x => x.Found), of.Count):F3}"));
            foreach (var bucket in of.GroupBy(x => Bucket(kind, x.Pair.Rate)).OrderBy(g => g.Key, StringComparer.Ordinal))
                Console.WriteLine(string.Create(c, $"    {bucket.Key,-34}{bucket.Count(),5}  {bucket.Count(x => x.Found),5}  {Share(bucket.Count(x => x.Found), bucket.Count()):F3}"));
        }
        Console.WriteLine("negatives by kind                     pairs flagged  max raw overlap");
        foreach (var kind in o.Where(x => !x.Pair.Duplicate).Select(x => x.Pair.Kind).Distinct())
        {
            var of = o.Where(x => !x.Pair.Duplicate && x.Pair.Kind == kind).ToList();
            Console.WriteLine(string.Create(c, $"  {kind,-36}{of.Count,5}  {of.Count(x => x.Found),5}   {of.Max(x => x.Pair.Rate):F3}"));
        }
        Console.WriteLine(string.Create(c, $"detector speed: {report.ArticlesPerSecond:F0} articles/s (best of 3 over {report.Articles} articles, extraction not counted)"));
        if (!verbose) return;
        foreach (var (a, b, overlap) in set.WireCopies) Console.WriteLine(string.Create(c, $"  wire copy left out: {a} {b} overlap {overlap:F3}"));
        foreach (var x in o.Where(x => x.Found != x.Pair.Duplicate))
            Console.WriteLine(string.Create(c, $"  {(x.Pair.Duplicate ? "missed" : "false")} {x.Pair.A} {x.Pair.B} {x.Pair.Kind} rate {x.Pair.Rate:F3} {x.Pair.Detail}; groups {x.GroupA} {x.GroupB}"));
    }

    /// <summary>Rate bands used in the report.</summary>
    public static string Bucket(string kind, double rate) => kind switch
    {
        "exact" => "identical text",
        "boilerplate" => rate < 0.1 ? "added words < 10%" : rate < 0.25 ? "added words 10-25%" : "added words >= 25%",
        "insert" => rate < 0.2 ? "inserted 10-20%" : rate < 0.35 ? "inserted 20-35%" : "inserted 35-50%+",
        "delete" => rate < 0.2 ? "deleted 10-20%" : "deleted 20-30%",
        "lead" => rate < 0.2 ? "lead words changed < 20%" : rate < 0.4 ? "lead words changed 20-40%" : "lead words changed >= 40%",
        _ => rate < 0.2 ? "with insert/delete < 20%" : "with insert/delete >= 20%",
    };

    private static double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    private static void Write(NearDupSet set, string path)
    {
        using var stream = File.Create(path);
        using var writer = new Utf8JsonWriter(stream);
        var newline = Encoding.UTF8.GetBytes("\n");
        foreach (var copy in set.Copies)
        {
            JsonSerializer.Serialize(writer, new { type = "copy", id = copy.Id, original = copy.OriginalId, text = copy.Text });
            writer.Flush();
            stream.Write(newline);
            writer.Reset();
        }
        foreach (var p in set.Pairs)
        {
            JsonSerializer.Serialize(writer, new { type = "pair", a = p.A, b = p.B, duplicate = p.Duplicate, kind = p.Kind, rate = p.Rate, round = p.Round, detail = p.Detail });
            writer.Flush();
            stream.Write(newline);
            writer.Reset();
        }
    }
}
