using System.Globalization;
using System.Text;
using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>Gold, found and correct entities of one type (or of all); precision, recall and F1 in percent.</summary>
public sealed record NerCounts(int Gold, int Found, int Correct)
{
    public double Precision => Found == 0 ? 0 : 100.0 * Correct / Found;

    public double Recall => Gold == 0 ? 0 : 100.0 * Correct / Gold;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static NerCounts Sum(IEnumerable<NerCounts> counts)
        => counts.Aggregate(new NerCounts(0, 0, 0), (a, c) => new NerCounts(a.Gold + c.Gold, a.Found + c.Found, a.Correct + c.Correct));
}

/// <summary>A score on CoNLL-2003: per type, overall, and overall without MISC (for systems that have no MISC type).</summary>
public sealed record NerScore(int Documents, int Tokens, IReadOnlyDictionary<string, NerCounts> ByType)
{
    public NerCounts All => NerCounts.Sum(ByType.Values);

    public NerCounts WithoutMisc => NerCounts.Sum(ByType.Where(t => t.Key != "MISC").Select(t => t.Value));
}

/// <summary>
/// Entity-level precision, recall and F1 (conlleval style: exact span and type) of <see cref="EntityRecognizer"/> on
/// the CoNLL-2003 validation split. Each document's text is rebuilt by joining tokens with spaces and sentences with
/// newlines, and the gold sentences and tokens are handed to the recogniser as spans, so only naming is scored.
/// Options: --rules scores the rules alone; --system FILE scores another system's output instead of ours, by the same
/// code: CoNLL lines `token&lt;TAB&gt;tag` (IOB1 or IOB2; token first, tag last, other columns ignored), one per token of
/// the gold file in its order, blank and -DOCSTART- lines free (sentences are the gold file's); --write FILE writes our
/// output in that format (what `dossier ner` prints for a CoNLL file).
/// </summary>
public static class NerEval
{
    private sealed record Document(string Text, List<Sentence> Sentences, List<Token> Tokens, List<string> Gold);

    public static int Run(string shared, string[] args)
    {
        var options = EvalOptions.Of(args);
        var rules = options.Flag("--rules");
        var systemFile = options.Value("--system");
        var writeFile = options.Value("--write");
        options.RefuseUnknown("eval/run ner takes [FILE] --rules, --system FILE and --write FILE");
        var files = options.Rest;
        var file = files.Count > 0 ? files[0] : Path.Combine(shared, "data", "conll2003", "valid.txt");
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"not found: {file}");
            return 1;
        }
        if (systemFile is not null && !File.Exists(systemFile))
        {
            Console.Error.WriteLine($"not found: {systemFile}");
            return 1;
        }
        var documents = Read(file);
        NerScore score;
        if (systemFile is not null)
        {
            try
            {
                score = Score(documents, ReadSystem(systemFile, documents));
            }
            catch (InvalidDataException error)
            {
                Console.Error.WriteLine($"{systemFile}: {error.Message}");
                return 1;
            }
            Console.WriteLine($"system output {systemFile}");
            Print(score);
            return 0;
        }

        var loading = System.Diagnostics.Stopwatch.StartNew();
        var recognizer = rules ? new EntityRecognizer() : new EntityRecognizer(PerceptronEntityModel.Default);
        if (rules) _ = recognizer.Gazetteer.MaxPhraseTokens;
        loading.Stop();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var predicted = documents.Select(doc => ToTags(doc, recognizer.Recognize(doc.Text, doc.Sentences, doc.Tokens))).ToList();
        watch.Stop();
        score = Score(documents, predicted);
        if (writeFile is not null) Write(writeFile, documents, predicted);

        Console.WriteLine(rules ? "recogniser: rules and gazetteers" : "recogniser: averaged perceptron (models/ner.bin)");
        Print(score);
        var chars = documents.Sum(d => (long)d.Text.Length);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded in {loading.Elapsed.TotalSeconds:F2} s; recognised {chars / 1e6:F2} M chars, {score.Tokens} tokens in {watch.Elapsed.TotalSeconds:F2} s"));
        // A second, warm pass on one core: the steady tagging speed, without loading or compiling.
        watch.Restart();
        foreach (var doc in documents) recognizer.Recognize(doc.Text, doc.Sentences, doc.Tokens);
        watch.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm pass: {score.Tokens / watch.Elapsed.TotalSeconds:F0} tokens/s (one thread)"));
        if (rules) return 0;
        watch.Restart();
        foreach (var doc in documents) PerceptronEntityModel.Default.Recognize(doc.Text, doc.Sentences, doc.Tokens);
        watch.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tagger alone (without the rules' titles): {score.Tokens / watch.Elapsed.TotalSeconds:F0} tokens/s (one thread)"));
        return 0;
    }

    /// <summary>Ours (the trained tagger with the rules' titles, or the rules alone) on a CoNLL file, or another system's output for it.</summary>
    public static NerScore Score(string conllFile, bool rules = false, string? systemFile = null)
    {
        var documents = Read(conllFile);
        if (systemFile is not null) return Score(documents, ReadSystem(systemFile, documents));
        var recognizer = rules ? new EntityRecognizer() : new EntityRecognizer(PerceptronEntityModel.Default);
        return Score(documents, documents.Select(doc => ToTags(doc, recognizer.Recognize(doc.Text, doc.Sentences, doc.Tokens))).ToList());
    }

    /// <summary>Writes our tags for a CoNLL file in the format --system reads.</summary>
    public static void WriteOurs(string conllFile, string outputFile, bool rules = false)
    {
        var documents = Read(conllFile);
        var recognizer = rules ? new EntityRecognizer() : new EntityRecognizer(PerceptronEntityModel.Default);
        Write(outputFile, documents, documents.Select(doc => ToTags(doc, recognizer.Recognize(doc.Text, doc.Sentences, doc.Tokens))).ToList());
    }

    private static NerScore Score(List<Document> documents, List<List<string>> predicted)
    {
        var counts = new Dictionary<string, NerCounts>(StringComparer.Ordinal);
        void Bump(string type, int gold = 0, int found = 0, int correct = 0)
        {
            var c = counts.GetValueOrDefault(type) ?? new NerCounts(0, 0, 0);
            counts[type] = new NerCounts(c.Gold + gold, c.Found + found, c.Correct + correct);
        }
        for (var d = 0; d < documents.Count; d++)
        {
            var gold = Chunks(documents[d], documents[d].Gold);
            var found = Chunks(documents[d], predicted[d]);
            foreach (var chunk in gold) Bump(chunk.Type, gold: 1);
            foreach (var chunk in found) Bump(chunk.Type, found: 1);
            foreach (var chunk in found.Intersect(gold)) Bump(chunk.Type, correct: 1);
        }
        return new NerScore(documents.Count, documents.Sum(d => d.Tokens.Count), counts);
    }

    private static void Print(NerScore score)
    {
        Console.WriteLine($"CoNLL-2003 valid: {score.Documents} documents, {score.Tokens} tokens, {score.All.Gold} gold entities");
        Console.WriteLine("type   precision  recall     F1     gold  found  correct");
        Print("ALL", score.All);
        Print("-MISC", score.WithoutMisc);
        foreach (var type in score.ByType.Keys.Order(StringComparer.Ordinal)) Print(type, score.ByType[type]);
    }

    /// <summary>Another system's tags, one line per gold token in order; its tokens must be the gold file's.</summary>
    private static List<List<string>> ReadSystem(string path, List<Document> documents)
    {
        var lines = File.ReadLines(path)
            .Select((line, index) => (Line: line, Number: index + 1))
            .Where(l => !string.IsNullOrWhiteSpace(l.Line) && !l.Line.StartsWith("-DOCSTART-", StringComparison.Ordinal));
        using var next = lines.GetEnumerator();
        var predicted = new List<List<string>>();
        foreach (var doc in documents)
        {
            var tags = new List<string>(doc.Tokens.Count);
            foreach (var token in doc.Tokens)
            {
                var word = doc.Text.Substring(token.Start, token.Length);
                if (!next.MoveNext()) throw new InvalidDataException($"ends before the gold token \"{word}\" (the gold file has {documents.Sum(d => d.Tokens.Count)} tokens)");
                var columns = next.Current.Line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 2) throw new InvalidDataException($"line {next.Current.Number}: expected token<TAB>tag, got \"{next.Current.Line}\"");
                if (columns[0] != word) throw new InvalidDataException($"line {next.Current.Number}: token \"{columns[0]}\" where the gold file has \"{word}\"");
                var tag = columns[^1];
                if (tag != "O" && !(tag.Length > 2 && (tag.StartsWith("B-", StringComparison.Ordinal) || tag.StartsWith("I-", StringComparison.Ordinal))))
                    throw new InvalidDataException($"line {next.Current.Number}: \"{tag}\" is not O, B-TYPE or I-TYPE");
                tags.Add(tag);
            }
            predicted.Add(tags);
        }
        if (next.MoveNext()) throw new InvalidDataException($"line {next.Current.Number}: more tokens than the gold file's {documents.Sum(d => d.Tokens.Count)}");
        return predicted;
    }

    private static void Write(string path, List<Document> documents, List<List<string>> predicted)
    {
        var output = new StringBuilder();
        for (var d = 0; d < documents.Count; d++)
        {
            output.Append("-DOCSTART-\n\n");
            foreach (var sentence in documents[d].Sentences)
            {
                for (var t = sentence.FirstToken; t < sentence.EndToken; t++)
                {
                    var token = documents[d].Tokens[t];
                    output.Append(documents[d].Text, token.Start, token.Length).Append('\t').Append(predicted[d][t]).Append('\n');
                }
                output.Append('\n');
            }
        }
        File.WriteAllText(path, output.ToString(), new UTF8Encoding(false));
    }

    private static void Print(string type, NerCounts c)
        => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type,-5} {c.Precision,9:F2} {c.Recall,8:F2} {c.F1,8:F2} {c.Gold,7} {c.Found,6} {c.Correct,8}"));

    /// <summary>Reads CoNLL columns: the token first, the IOB tag last; blank lines end sentences, -DOCSTART- documents.</summary>
    private static List<Document> Read(string path)
    {
        var documents = new List<Document>();
        var sentences = new List<List<(string Word, string Tag)>>();
        var current = new List<(string Word, string Tag)>();

        void EndSentence()
        {
            if (current.Count > 0) sentences.Add(current);
            current = [];
        }

        void EndDocument()
        {
            EndSentence();
            if (sentences.Count > 0) documents.Add(Build(sentences));
            sentences = [];
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("-DOCSTART-", StringComparison.Ordinal)) { EndDocument(); continue; }
            if (string.IsNullOrWhiteSpace(line)) { EndSentence(); continue; }
            var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            current.Add((columns[0], columns[^1]));
        }
        EndDocument();
        return documents;
    }

    private static Document Build(List<List<(string Word, string Tag)>> sentences)
    {
        var text = new StringBuilder();
        var sentenceList = new List<Sentence>();
        var tokens = new List<Token>();
        var gold = new List<string>();
        foreach (var sentence in sentences)
        {
            if (text.Length > 0) text.Append('\n');
            var start = text.Length;
            var first = tokens.Count;
            for (var i = 0; i < sentence.Count; i++)
            {
                if (i > 0) text.Append(' ');
                tokens.Add(new Token(text.Length, sentence[i].Word.Length));
                text.Append(sentence[i].Word);
                gold.Add(sentence[i].Tag);
            }
            sentenceList.Add(new Sentence(TextSpan.FromBounds(start, text.Length), first, tokens.Count - first));
        }
        return new Document(text.ToString(), sentenceList, tokens, gold);
    }

    /// <summary>IOB2 tags from mentions: a token inside a mention's span takes its type; partial overlaps count too.</summary>
    private static List<string> ToTags(Document doc, IReadOnlyList<EntityMention> mentions)
    {
        var tags = Enumerable.Repeat("O", doc.Tokens.Count).ToList();
        var t = 0;
        foreach (var mention in mentions.OrderBy(m => m.Span.Start))
        {
            while (t < doc.Tokens.Count && doc.Tokens[t].End <= mention.Span.Start) t++;
            var first = true;
            for (var k = t; k < doc.Tokens.Count && doc.Tokens[k].Start < mention.Span.End; k++)
            {
                if (tags[k] != "O") continue;
                tags[k] = (first ? "B-" : "I-") + mention.Type;
                first = false;
            }
        }
        return tags;
    }

    private readonly record struct Chunk(int Start, int End, string Type);

    /// <summary>Entity chunks of a document's IOB tags, sentence by sentence (a chunk never runs into the next sentence),
    /// reading IOB1 and IOB2 alike (an I- after another type starts a chunk); token indices are the document's.</summary>
    private static HashSet<Chunk> Chunks(Document doc, List<string> tags)
    {
        var chunks = new HashSet<Chunk>();
        foreach (var sentence in doc.Sentences)
        {
            var start = -1;
            var type = "";
            for (var i = sentence.FirstToken; i <= sentence.EndToken; i++)
            {
                var tag = i < sentence.EndToken ? tags[i] : "O";
                var kind = tag.Length > 2 ? tag[2..] : "";
                var begins = tag.StartsWith("B-", StringComparison.Ordinal) || (tag.StartsWith("I-", StringComparison.Ordinal) && (start < 0 || kind != type));
                if (start >= 0 && (tag == "O" || begins))
                {
                    chunks.Add(new Chunk(start, i, type));
                    start = -1;
                }
                if (begins)
                {
                    start = i;
                    type = kind;
                }
            }
        }
        return chunks;
    }
}
