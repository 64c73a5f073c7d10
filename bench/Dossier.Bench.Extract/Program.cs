using Dossier.Bench.Extract;
using Dossier.Eval;

// Times one HTML extractor on the 111 AEB pages (or scores a JSON of bodies); bench/extract.sh runs every verb.
var verb = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
try
{
    var shared = Environment.GetEnvironmentVariable("DOSSIER_SHARED") ?? SharedData.Locate();
    return verb switch
    {
        "dossier" => SpeedRun.Run(shared, "dossier", new DossierExtraction(), rest),
        "smartreader" => SpeedRun.Run(shared, "smartreader", new SmartReaderExtraction(), rest),
        "score" => ScoreRun.Run(shared, rest),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"dossier-bench-extract: {e.Message}");
    return Usage();
}
catch (IOException e)
{
    Console.Error.WriteLine($"dossier-bench-extract: {e.Message}");
    return 1;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dossier-bench-extract dossier|smartreader [--passes N] [--out FILE.json]
               dossier-bench-extract score FILE.json [--name NAME]
        Extractor verbs load the 111 pages of ../shared/data/aeb into memory, run untimed warm-up passes (3 s, at least
        one), then N timed passes (default 5), print pages/s per pass and their median, and write the last pass's bodies
        as {id: {articleBody}}.
        score prints F1, precision and recall of such a file by the benchmark's metric (word 4-shingles, macro over pages).
        """);
    return 2;
}
