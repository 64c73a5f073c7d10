using System.Diagnostics;
using System.Globalization;
using System.Text;
using Dossier.Annotate;
using Dossier.Bench.Annotate;
using Dossier.Eval;
using Dossier.Model;

// Speed of the time tagger and the figure recogniser over a fixed corpus of real text, one process, one thread:
//   corpus DIR                 writes the texts (every ECB+ text, then the MEANTIME English articles as eval/run timex
//                              rebuilds them) to DIR/NNNN.txt and their list to DIR/files.txt, for this and for the peer
//   speed DIR [--passes N]     splits sentences and tokens once, then per stage a warm-up pass and N timed passes over
//                              every text: split (sentences + tokens), time (TimeTagger.Tag), figures
//                              (FigureRecognizer.Recognize), both (Tag + Recognize); prints the medians and a checksum.
//   ner-corpus DIR, ner DIR CONLL [--passes N], ner-load [--loads N]: the entity layer (EntitySpeed, bench/ner.sh)
var c0 = CultureInfo.InvariantCulture;
int Option(string name, int otherwise)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], c0) : otherwise;
}
switch (args)
{
    case ["ner-corpus", var dir, ..]: return EntitySpeed.Corpus(dir);
    case ["ner", var dir, var conll, ..]: return EntitySpeed.Run(dir, conll, Option("--passes", 7));
    case ["ner-load", ..]: return EntitySpeed.Load(Option("--loads", 5));
}
if (args.Length < 2 || args[0] is not ("corpus" or "speed"))
{
    Console.Error.WriteLine("usage: dossier-bench-annotate corpus DIR | speed DIR [--passes N] | ner-corpus DIR | ner DIR CONLL [--passes N] | ner-load [--loads N]");
    return 2;
}
var folder = args[1];
if (args[0] == "corpus")
{
    var shared = SharedData.Locate();
    var texts = Directory.GetFiles(Path.Combine(shared, "data", "ecbplus", "text"), "*.txt").Order(StringComparer.Ordinal)
        .Select(File.ReadAllText)
        .Concat(TimexEval.Texts(shared).Select(m => m.Text))
        .ToList();
    Directory.CreateDirectory(folder);
    var names = new List<string>();
    for (var i = 0; i < texts.Count; i++)
    {
        names.Add(string.Create(c0, $"{i:D4}.txt"));
        File.WriteAllText(Path.Combine(folder, names[^1]), texts[i], new UTF8Encoding(false));
    }
    File.WriteAllLines(Path.Combine(folder, "files.txt"), names);
    Console.WriteLine(string.Create(c0, $"{texts.Count} texts, {texts.Sum(t => Encoding.UTF8.GetByteCount(t))} UTF-8 bytes, written to {folder}"));
    return 0;
}

var passes = 7;
for (var i = 2; i + 1 < args.Length; i++)
{
    if (args[i] == "--passes") passes = int.Parse(args[i + 1], c0);
}
var documents = File.ReadAllLines(Path.Combine(folder, "files.txt"))
    .Select(name => File.ReadAllText(Path.Combine(folder, name))).ToArray();
long bytes = documents.Sum(t => (long)Encoding.UTF8.GetByteCount(t));
long chars = documents.Sum(t => (long)t.Length);
// One anchor for every text: speed does not depend on which day it is, and a fixed one keeps the checksum fixed.
var anchor = new DateOnly(2012, 6, 15);

var splitter = new SentenceSplitter();
var tokenizer = new Tokenizer();
var tagger = new TimeTagger();
var recognizer = new FigureRecognizer();

(List<Sentence> Sentences, List<Token> Tokens) Split(string text) => ArticleAnnotator.Split(text, splitter, tokenizer);

// Split once, outside the timing of the recognisers, as ArticleAnnotator does before it calls them.
var split = documents.Select(Split).ToArray();
Console.WriteLine(string.Create(c0, $"corpus {documents.Length} texts, {bytes} UTF-8 bytes, {chars} chars, {split.Sum(s => s.Sentences.Count)} sentences, {split.Sum(s => s.Tokens.Count)} tokens; {passes} timed passes after one warm-up, anchor {anchor:yyyy-MM-dd}, {Environment.ProcessorCount} processor(s) visible"));

// Each stage returns what it found in the pass, so the work cannot be skipped and runs can be compared.
var stages = new (string Name, Func<long> Pass)[]
{
    ("split", () => documents.Sum(d => (long)Split(d).Tokens.Count)),
    ("time", () =>
    {
        long n = 0;
        for (var i = 0; i < documents.Length; i++) n += tagger.Tag(documents[i], split[i].Sentences, split[i].Tokens, anchor).Count;
        return n;
    }),
    ("figures", () =>
    {
        long n = 0;
        for (var i = 0; i < documents.Length; i++) n += recognizer.Recognize(documents[i], split[i].Sentences, split[i].Tokens).Count;
        return n;
    }),
    ("both", () =>
    {
        long n = 0;
        for (var i = 0; i < documents.Length; i++)
        {
            n += tagger.Tag(documents[i], split[i].Sentences, split[i].Tokens, anchor).Count;
            n += recognizer.Recognize(documents[i], split[i].Sentences, split[i].Tokens).Count;
        }
        return n;
    }),
};

foreach (var (name, pass) in stages)
{
    var times = PassTimes.Of(name, pass, passes, (p, seconds, cpuSeconds) =>
        Console.Error.WriteLine(string.Create(c0, $"{name} pass {p}: {bytes / seconds / 1e6:F2} MB/s ({seconds * 1000:F0} ms wall, {cpuSeconds * 1000:F0} ms CPU)")));
    var w = times.MedianWall;
    var c = times.MedianCpu;
    Console.WriteLine(string.Create(c0, $"RESULT stage={name} mbps={bytes / w / 1e6:F2} mchars={chars / w / 1e6:F2} cpu_mbps={bytes / c / 1e6:F2} min_ms={times.Wall.Min() * 1000:F0} max_ms={times.Wall.Max() * 1000:F0} found={times.Found}"));
}
return 0;
