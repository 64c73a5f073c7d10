using System.CommandLine;

namespace Dossier.Cli;

/// <summary>The `--clustering` and `--window` options `analyze` and `cluster` share, so both group articles alike.</summary>
internal sealed class ClusteringOptions
{
    public Option<string> Clustering { get; } = new("--clustering")
    {
        Description = "batch (the default): all articles at once; online: one at a time in date order, as a live feed.",
        DefaultValueFactory = _ => "batch",
    };

    public Option<int?> Window { get; } = new("--window")
    {
        Description = "With --clustering online: close a story after this many days without a new article (default: never).",
    };

    public ClusteringOptions()
    {
        Clustering.AcceptOnlyFromAmong("batch", "online");
        Window.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1) result.AddError("--window expects a whole number of days, at least 1.");
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Clustering);
        command.Options.Add(Window);
    }

    /// <summary>The run's settings from the command line; null (with an error written) when they contradict.</summary>
    public AnalyzeOptions? Read(ParseResult parse, TextWriter stderr)
    {
        var online = parse.GetValue(Clustering) == "online";
        var window = parse.GetValue(Window);
        if (window is not null && !online)
        {
            stderr.WriteLine("error: --window applies to --clustering online only");
            return null;
        }
        return new AnalyzeOptions { Clustering = online ? Dossier.Clustering.Online : Dossier.Clustering.Batch, WindowDays = window };
    }
}
