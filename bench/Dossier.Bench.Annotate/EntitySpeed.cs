using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dossier.Annotate;
using Dossier.Eval;
using Dossier.Model;

namespace Dossier.Bench.Annotate;

/// <summary>
/// Speed of the entity layer (bench/ner.sh), one process, one thread, whatever model the library embeds:
///   ner-corpus DIR                 writes every ECB+ text to DIR/NNNN.txt and their list to DIR/files.txt
///   ner DIR CONLL [--passes N]     one warm-up pass and N timed passes per stage: conll-tagger (the trained tagger alone,
///                                  PerceptronEntityModel.TagDocument over each CoNLL document's token sequences, as
///                                  `dossier ner` runs it), then over DIR's texts: split (sentences + tokens), entities
///                                  (EntityRecognizer.Trained().Recognize on the split, what the pipeline runs) and
///                                  tagger (PerceptronEntityModel.Recognize, without the rules' titles)
///   ner-load [--loads N]           the first PerceptronEntityModel.Default of this process (the gazetteer, the model, and
///                                  compiling the loading code), then N reloads of both from the library's resources
/// Tokens are counted by our tokenizer (the CoNLL file's own tokens for conll-tagger).
/// </summary>
internal static class EntitySpeed
{
    private static readonly CultureInfo C0 = CultureInfo.InvariantCulture;

    public static int Corpus(string folder)
    {
        var texts = Directory.GetFiles(Path.Combine(SharedData.Locate(), "data", "ecbplus", "text"), "*.txt")
            .Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        Directory.CreateDirectory(folder);
        var names = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            names.Add(string.Create(C0, $"{i:D4}.txt"));
            File.WriteAllText(Path.Combine(folder, names[^1]), texts[i], new UTF8Encoding(false));
        }
        File.WriteAllLines(Path.Combine(folder, "files.txt"), names);
        Console.WriteLine(string.Create(C0, $"{texts.Count} texts, {texts.Sum(t => Encoding.UTF8.GetByteCount(t))} UTF-8 bytes, written to {folder}"));
        return 0;
    }

    public static int Run(string folder, string conllFile, int passes)
    {
        var documents = File.ReadAllLines(Path.Combine(folder, "files.txt"))
            .Select(name => File.ReadAllText(Path.Combine(folder, name))).ToArray();
        long bytes = documents.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
        var conll = ConllCorpus.Read(File.ReadLines(conllFile), tagged: false)
            .Select(d => (IReadOnlyList<IReadOnlyList<string>>)[.. d.Sentences.Select(s => s.Words)]).ToArray();
        long conllTokens = conll.Sum(d => (long)d.Sum(s => s.Count));
        // The CoNLL text as eval/run ner rebuilds it: tokens joined by spaces, sentences by newlines.
        long conllBytes = conll.Sum(d => (long)d.Sum(s => s.Sum(w => Encoding.UTF8.GetByteCount(w) + 1)));

        var splitter = new SentenceSplitter();
        var tokenizer = new Tokenizer();
        (List<Sentence> Sentences, List<Token> Tokens) Split(string text) => ArticleAnnotator.Split(text, splitter, tokenizer);

        var model = PerceptronEntityModel.Default;
        var recognizer = EntityRecognizer.Trained();
        // Split once, outside the timing of the recognisers, as ArticleAnnotator does before it calls them.
        var split = documents.Select(Split).ToArray();
        long tokens = split.Sum(s => (long)s.Tokens.Count);
        Console.WriteLine(string.Create(C0, $"corpus {documents.Length} texts, {bytes} UTF-8 bytes, {split.Sum(s => s.Sentences.Count)} sentences, {tokens} tokens; conll {Path.GetFileName(conllFile)} {conll.Length} documents, {conll.Sum(d => d.Count)} sentences, {conllTokens} tokens; {passes} timed passes after one warm-up, {Environment.ProcessorCount} processor(s) visible"));

        // Each stage returns what it found in the pass, so the work cannot be skipped and runs can be compared.
        var stages = new (string Name, long Tokens, long Bytes, Func<long> Pass)[]
        {
            ("conll-tagger", conllTokens, conllBytes, () => conll.Sum(d => (long)model.TagDocument(d).Sum(tags => EntityTags.Chunks(tags).Count()))),
            ("split", tokens, bytes, () => documents.Sum(d => (long)Split(d).Tokens.Count)),
            ("entities", tokens, bytes, () =>
            {
                long n = 0;
                for (var i = 0; i < documents.Length; i++) n += recognizer.Recognize(documents[i], split[i].Sentences, split[i].Tokens).Count;
                return n;
            }),
            ("tagger", tokens, bytes, () =>
            {
                long n = 0;
                for (var i = 0; i < documents.Length; i++) n += model.Recognize(documents[i], split[i].Sentences, split[i].Tokens).Count;
                return n;
            }),
        };

        foreach (var (name, count, size, pass) in stages)
        {
            var times = PassTimes.Of(name, pass, passes, (p, seconds, cpuSeconds) =>
                Console.Error.WriteLine(string.Create(C0, $"{name} pass {p}: {count / seconds:F0} tokens/s ({seconds * 1000:F0} ms wall, {cpuSeconds * 1000:F0} ms CPU)")));
            var w = times.MedianWall;
            var c = times.MedianCpu;
            Console.WriteLine(string.Create(C0, $"RESULT stage={name} tokens={count} tokps={count / w:F0} cpu_tokps={count / c:F0} mbps={size / w / 1e6:F2} cpu_mbps={size / c / 1e6:F2} median_ms={w * 1000:F1} min_ms={times.Wall.Min() * 1000:F0} max_ms={times.Wall.Max() * 1000:F0} found={times.Found}"));
        }
        return 0;
    }

    public static int Load(int loads)
    {
        var watch = Stopwatch.StartNew();
        GC.KeepAlive(PerceptronEntityModel.Default);
        var first = watch.Elapsed.TotalMilliseconds;
        var assembly = typeof(PerceptronEntityModel).Assembly;
        // Found by its file name, so a renamed folder or namespace does not break the bench.
        var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith("ner.bin", StringComparison.Ordinal));
        var again = new List<double>();
        for (var i = 0; i < loads; i++)
        {
            GC.Collect();
            watch.Restart();
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffered = new BufferedStream(stream, 1 << 16);
            var reloaded = PerceptronEntityModel.Load(buffered, Gazetteer.Load(assembly));
            again.Add(watch.Elapsed.TotalMilliseconds);
            GC.KeepAlive(reloaded);
        }
        Console.WriteLine(string.Create(C0, $"RESULT stage=load first_ms={first:F1} reload_ms={PassTimes.Median(again):F1} reload_min_ms={again.Min():F1} reload_max_ms={again.Max():F1} bytes={Size(assembly, resource)}"));
        return 0;
    }

    private static long Size(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return stream.Length;
    }
}
