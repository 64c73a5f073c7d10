using System.CommandLine;
using System.Globalization;
using System.Text;
using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Cli;

/// <summary>`dossier train ner` and `dossier ner`: train the entity tagger and run it on one file.</summary>
public static class NerVerbs
{
    public static Command TrainCommand(TextWriter stdout, TextWriter stderr)
    {
        var train = new Option<string?>("--train") { Description = "CoNLL training file (default ../shared/data/conll2003/train.txt beside the repository)." };
        var valid = new Option<string?>("--valid") { Description = "CoNLL validation file scored after each epoch (default ../shared/data/conll2003/valid.txt)." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data.", DefaultValueFactory = _ => new PerceptronTrainingOptions().Epochs };
        var output = new Option<string?>("--output", "-o") { Description = "Model file to write (default models/ner.bin in the repository)." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the training order's shuffles.", DefaultValueFactory = _ => new PerceptronTrainingOptions().ShuffleSeed };
        var scheme = new Option<string>("--tags") { Description = "Tags the passes learn in: iob2 or bilou (output is IOB2 either way).", DefaultValueFactory = _ => new PerceptronTrainingOptions().Scheme };
        scheme.AcceptOnlyFromAmong(TagScheme.Iob2.Name, TagScheme.Bilou.Name);
        var ner = new Command("ner", "Train the named-entity tagger (averaged perceptron) and write its model file.") { train, valid, epochs, seed, scheme, output };
        ner.SetAction(parse =>
        {
            var repository = Repository.Locate();
            var shared = Repository.Shared(repository) is { } found ? Path.Combine(found, "data", "conll2003") : null;
            var trainFile = parse.GetValue(train) ?? (shared is null ? null : Path.Combine(shared, "train.txt"));
            var validFile = parse.GetValue(valid) ?? (shared is null ? null : Path.Combine(shared, "valid.txt"));
            var outputFile = parse.GetValue(output) ?? (repository is null ? null : Path.Combine(repository, "models", "ner.bin"));
            if (trainFile is null || !File.Exists(trainFile)) { stderr.WriteLine($"error: training file not found: {trainFile ?? "(repository not found; give --train)"}"); return DossierCommand.ExitCodes.Failed; }
            if (outputFile is null) { stderr.WriteLine("error: give --output"); return DossierCommand.ExitCodes.Usage; }
            var options = new PerceptronTrainingOptions { Epochs = Math.Max(1, parse.GetValue(epochs)), ShuffleSeed = parse.GetValue(seed), Scheme = parse.GetValue(scheme)! };
            var trainDocs = ConllCorpus.Read(trainFile);
            var validDocs = validFile is not null && File.Exists(validFile) ? ConllCorpus.Read(validFile) : null;
            stdout.WriteLine($"training on {trainDocs.Sum(d => d.Sentences.Count)} sentences, {options.Epochs} epochs, 2^{options.BucketBits} buckets, {options.Scheme} tags, seed {options.ShuffleSeed}");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var model = new PerceptronTrainer(Gazetteer.Default, options).Train(trainDocs, validDocs, report => stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{report.Pass} pass, epoch {report.Epoch,2}: {report.Mistakes,5} sentences wrong; valid P {report.Precision:F2} R {report.Recall:F2} F1 {report.F1:F2}  ({watch.Elapsed.TotalSeconds:F0} s)")));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
            using (var file = File.Create(outputFile)) model.Save(file);
            stdout.WriteLine($"wrote {outputFile} ({new FileInfo(outputFile).Length / 1e6:F1} MB)");
            return DossierCommand.ExitCodes.Ok;
        });
        return new Command("train", "Train a model the library ships.") { ner, ClustersCommand(stdout, stderr), FrequenciesCommand(stdout, stderr) };
    }

    /// <summary>`dossier train clusters`: word classes from the unlabelled text the project may learn from.</summary>
    private static Command ClustersCommand(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Cluster file to write (default data/word-clusters.tsv in the repository)." };
        var clusters = new Command("clusters", "Learn word classes from the CoNLL-2003 training words, ECB+ texts and AEB article bodies (../shared).") { output };
        clusters.SetAction(parse =>
        {
            var paths = Repository.TrainingPaths(parse.GetValue(output), Path.Combine("data", "word-clusters.tsv"), stderr);
            if (paths is not (string shared, string outputFile, 0)) return paths.Error;
            var sentences = new List<IReadOnlyList<string>>();
            foreach (var document in ConllCorpus.Read(Path.Combine(shared, "data", "conll2003", "train.txt")))
                sentences.AddRange(document.Sentences.Select(s => s.Words));
            var texts = Directory.GetFiles(Path.Combine(shared, "data", "ecbplus", "text"), "*.txt").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
            texts.AddRange(Repository.AebBodies(shared));
            foreach (var text in texts)
            {
                var (split, tokens) = ArticleAnnotator.Split(text);
                foreach (var s in split.Where(s => s.TokenCount > 0))
                    sentences.Add([.. tokens.Skip(s.FirstToken).Take(s.TokenCount).Select(t => text.Substring(t.Start, t.Length))]);
            }
            stdout.WriteLine($"learning word classes from {sentences.Count} sentences, {sentences.Sum(s => s.Count)} tokens");
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var learned = WordClusters.Learn(sentences);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
            using (var writer = new StreamWriter(outputFile) { NewLine = "\n" }) learned.Write(writer);
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outputFile}: {learned.Count} words in {watch.Elapsed.TotalSeconds:F0} s"));
            // The tagger's features read these class numbers: a model trained on other classes must be retrained.
            stdout.WriteLine("the entity model reads these classes: run 'dossier train ner' to retrain models/ner.bin on them");
            return DossierCommand.ExitCodes.Ok;
        });
        return clusters;
    }

    /// <summary>
    /// `dossier train frequencies`: the background document frequencies of the story clusterer, from the CoNLL-2003
    /// training and validation documents and the AEB article bodies. ECB+ is left out on purpose: its stories are what
    /// the clusterer is scored on (`eval/run cluster`).
    /// </summary>
    private static Command FrequenciesCommand(TextWriter stdout, TextWriter stderr)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Table to write (default models/document-frequencies.tsv in the repository)." };
        var minimum = new Option<int>("--min-documents") { Description = "Leave out stems found in fewer articles than this.", DefaultValueFactory = _ => 2 };
        var command = new Command("frequencies", "Count in how many background articles (CoNLL-2003 train and valid, AEB bodies in ../shared) each word stem occurs, for the story clusterer's word weights.") { output, minimum };
        command.SetAction(parse =>
        {
            var paths = Repository.TrainingPaths(parse.GetValue(output), Path.Combine("models", "document-frequencies.tsv"), stderr);
            if (paths is not (string shared, string outputFile, 0)) return paths.Error;
            var least = parse.GetValue(minimum);
            if (least < 1) { stderr.WriteLine("error: --min-documents must be at least 1"); return DossierCommand.ExitCodes.Usage; }
            var texts = new List<string>();
            foreach (var file in new[] { "train.txt", "valid.txt" })
                foreach (var document in ConllCorpus.Read(Path.Combine(shared, "data", "conll2003", file)))
                    texts.Add(string.Join('\n', document.Sentences.Select(s => string.Join(' ', s.Words))));
            var conll = texts.Count;
            texts.AddRange(Repository.AebBodies(shared).Where(text => text.Length > 0));
            var aeb = texts.Count - conll;
            var table = Group.DocumentFrequencies.Learn(texts, least);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputFile))!);
            using (var writer = new StreamWriter(outputFile) { NewLine = "\n" })
                table.Write(writer, $"Background document frequencies of content-word stems, written by `dossier train frequencies`.\n{conll} CoNLL-2003 train and valid documents and {aeb} AEB article bodies; stems in at least {least} of them.");
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {outputFile}: {table.Count} stems from {table.Documents} articles ({conll} CoNLL-2003, {aeb} AEB)"));
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    public static Command TagCommand(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "Input: CoNLL columns (token first) or plain text." };
        var format = new Option<string>("--format", "-f") { Description = "Input format: conll (default) or text.", DefaultValueFactory = _ => "conll" };
        format.AcceptOnlyFromAmong("conll", "text");
        var command = new Command("ner", "Tag named entities; prints token<TAB>IOB2 tag per line.") { file, format };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path)) { stderr.WriteLine($"error: not found: {path}"); return DossierCommand.ExitCodes.Failed; }
            var model = PerceptronEntityModel.Default;
            var output = new StringBuilder();
            if (parse.GetValue(format) == "text") TagText(model, File.ReadAllText(path), output);
            else TagConll(model, File.ReadAllLines(path), output);
            stdout.Write(output.ToString());
            stdout.Flush();
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Tags CoNLL lines document by document, keeping -DOCSTART- lines and sentence breaks where they were.</summary>
    internal static void TagConll(PerceptronEntityModel model, IReadOnlyList<string> lines, StringBuilder output)
    {
        var document = new List<List<string>>();
        var sentence = new List<string>();

        void EndDocument()
        {
            if (sentence.Count > 0) document.Add(sentence);
            sentence = [];
            if (document.Count == 0) return;
            var tags = model.TagDocument(document);
            for (var s = 0; s < document.Count; s++)
            {
                for (var k = 0; k < document[s].Count; k++) output.Append(document[s][k]).Append('\t').Append(EntityTags.Name(tags[s][k])).Append('\n');
                output.Append('\n');
            }
            document.Clear();
        }

        foreach (var line in lines)
        {
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal))
            {
                EndDocument();
                output.Append("-DOCSTART-\n\n");
                continue;
            }
            if (string.IsNullOrWhiteSpace(line))
            {
                if (sentence.Count > 0) document.Add(sentence);
                sentence = [];
                continue;
            }
            sentence.Add(line.Split([' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries)[0]);
        }
        EndDocument();
    }

    /// <summary>Splits and tokenizes plain text as the pipeline does, then prints one token and its tag per line.</summary>
    internal static void TagText(PerceptronEntityModel model, string text, StringBuilder output)
    {
        var (split, tokens) = ArticleAnnotator.Split(text);
        var sentences = split.Where(s => s.TokenCount > 0);
        var words = sentences.Select(s => (IReadOnlyList<string>)[.. tokens.Skip(s.FirstToken).Take(s.TokenCount).Select(t => text.Substring(t.Start, t.Length))]).ToList();
        var tags = model.TagDocument(words);
        for (var s = 0; s < words.Count; s++)
        {
            for (var k = 0; k < words[s].Count; k++) output.Append(words[s][k]).Append('\t').Append(EntityTags.Name(tags[s][k])).Append('\n');
            output.Append('\n');
        }
    }
}

/// <summary>Finds the repository (the folder holding Dossier.slnx) from the working directory or the program's folder.</summary>
internal static class Repository
{
    public static string? Locate()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Dossier.slnx"))) return dir.FullName;
        return null;
    }

    /// <summary>
    /// Where a training command reads and writes: ../shared, and the output file (given, or this path in the
    /// repository); Error is 0, or the exit code after the reason was written to <paramref name="stderr"/>.
    /// </summary>
    public static (string? Shared, string? Output, int Error) TrainingPaths(string? output, string defaultInRepository, TextWriter stderr)
    {
        var repository = Locate();
        var shared = Shared(repository);
        output ??= repository is null ? null : Path.Combine(repository, defaultInRepository);
        if (shared is null)
        {
            stderr.WriteLine("error: ../shared not found; set DOSSIER_SHARED");
            return (null, output, DossierCommand.ExitCodes.Failed);
        }
        if (output is null)
        {
            stderr.WriteLine("error: give --output");
            return (shared, null, DossierCommand.ExitCodes.Usage);
        }
        return (shared, output, 0);
    }

    /// <summary>The article bodies of the AEB ground truth in ../shared, by page id.</summary>
    public static IEnumerable<string> AebBodies(string shared)
    {
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "data", "aeb", "ground-truth.json")));
        var bodies = new List<string>();
        foreach (var article in json.RootElement.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
            if (article.Value.TryGetProperty("articleBody", out var body) && body.GetString() is { } text) bodies.Add(text);
        return bodies;
    }

    /// <summary>The ../shared folder beside the repository (or beside a folder above it, for worktrees); DOSSIER_SHARED wins.</summary>
    public static string? Shared(string? repository)
    {
        if (Environment.GetEnvironmentVariable("DOSSIER_SHARED") is { Length: > 0 } set) return set;
        for (var dir = repository is null ? null : new DirectoryInfo(repository); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
