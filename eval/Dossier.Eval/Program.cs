using Dossier.Eval;

// One verb per quality figure; each scores against ../shared/data and prints its figures.
var verb = args.Length > 0 ? args[0] : "";
var rest = args.Skip(1).ToArray();
var shared = Environment.GetEnvironmentVariable("DOSSIER_SHARED") ?? SharedData.Locate();
try
{
    return verb switch
    {
        "cluster" => ClusterEval.Run(shared, rest),
        "cluster-output" => ClusterOutputEval.Run(shared, rest),
        "big-story" => BigStoryEval.Run(shared, rest),
        "ner" => NerEval.Run(shared, rest),
        "timex" => TimexEval.Run(shared, rest),
        "figures" => FigureEval.Run(shared, rest),
        "aeb" => AebEval.Run(shared, rest),
        "dates" => DateEval.Run(shared, rest),
        "neardup" => NearDupEval.Run(shared, rest),
        "entities" => EntityEval.Run(shared, rest),
        "events" => EventCorefEval.Run(shared, rest),
        "claims" => ClaimEval.Run(shared, rest),
        "events-meantime" => EventMeantimeEval.Run(shared, rest),
        "hostile" => Dossier.Eval.Hostile.HostileEval.Run(shared, rest),
        _ => Usage(),
    };
}
catch (EvalUsageException e)
{
    Console.Error.WriteLine($"eval/run {verb}: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: eval/run <cluster|cluster-output|big-story|ner|timex|figures|aeb|dates|neardup|entities|events|events-meantime|claims|hostile> [options]");
    return 2;
}
