using System.Globalization;
using System.Text;
using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>
/// Entity-level precision, recall and F1 (conlleval style: exact span and type) of <see cref="EntityRecognizer"/> on
/// the CoNLL-2003 validation split. Each document's text is rebuilt by joining tokens with spaces and sentences with
/// newlines, and the gold sentences and tokens are handed to the recogniser as spans, so only naming is scored.
/// </summary>
public static class NerEval
{
    private sealed record Document(string Text, List<Sentence> Sentences, List<Token> Tokens, List<string> Gold);

    public static int Run(string shared, string[] args)
    {
        var rules = args.Contains("--rules");
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var file = files.Length > 0 ? files[0] : Path.Combine(shared, "data", "conll2003", "valid.txt");
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"not found: {file}");
            return 1;
        }
        var documents = Read(file);
        var loading = System.Diagnostics.Stopwatch.StartNew();
        var recognizer = rules ? new EntityRecognizer() : new EntityRecognizer(PerceptronEntityModel.Default);
        if (rules) _ = recognizer.Gazetteer.MaxPhraseTokens;
        loading.Stop();
        var counts = new Dictionary<string, (int Gold, int Found, int Correct)>(StringComparer.Ordinal);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long chars = 0;
        foreach (var doc in documents)
        {
            chars += doc.Text.Length;
            var mentions = recognizer.Recognize(doc.Text, doc.Sentences, doc.Tokens);
            var predicted = ToTags(doc, mentions);
            var gold = Chunks(doc.Gold);
            var found = Chunks(predicted);
            foreach (var chunk in gold) Bump(counts, chunk.Type, gold: 1);
            foreach (var chunk in found) Bump(counts, chunk.Type, found: 1);
            foreach (var chunk in found.Intersect(gold)) Bump(counts, chunk.Type, correct: 1);
        }
        watch.Stop();

        var total = counts.Values.Aggregate((Gold: 0, Found: 0, Correct: 0), (a, c) => (a.Gold + c.Gold, a.Found + c.Found, a.Correct + c.Correct));
        Console.WriteLine(rules ? "recogniser: rules and gazetteers" : "recogniser: averaged perceptron (models/ner.bin)");
        Console.WriteLine($"CoNLL-2003 valid: {documents.Count} documents, {documents.Sum(d => d.Tokens.Count)} tokens, {total.Gold} gold entities");
        Console.WriteLine("type   precision  recall     F1     gold  found  correct");
        Print("ALL", total);
        foreach (var type in counts.Keys.Order(StringComparer.Ordinal)) Print(type, counts[type]);
        var tokenCount = documents.Sum(d => d.Tokens.Count);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loaded in {loading.Elapsed.TotalSeconds:F2} s; recognised {chars / 1e6:F2} M chars, {tokenCount} tokens in {watch.Elapsed.TotalSeconds:F2} s"));
        // A second, warm pass on one core: the steady tagging speed, without loading or compiling.
        watch.Restart();
        foreach (var doc in documents) recognizer.Recognize(doc.Text, doc.Sentences, doc.Tokens);
        watch.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"warm pass: {tokenCount / watch.Elapsed.TotalSeconds:F0} tokens/s (one thread)"));
        if (rules) return 0;
        watch.Restart();
        foreach (var doc in documents) PerceptronEntityModel.Default.Recognize(doc.Text, doc.Sentences, doc.Tokens);
        watch.Stop();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tagger alone (without the rules' titles): {tokenCount / watch.Elapsed.TotalSeconds:F0} tokens/s (one thread)"));
        return 0;
    }

    private static void Print(string type, (int Gold, int Found, int Correct) c)
    {
        var p = c.Found == 0 ? 0 : 100.0 * c.Correct / c.Found;
        var r = c.Gold == 0 ? 0 : 100.0 * c.Correct / c.Gold;
        var f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type,-5} {p,9:F2} {r,8:F2} {f,8:F2} {c.Gold,7} {c.Found,6} {c.Correct,8}"));
    }

    private static void Bump(Dictionary<string, (int Gold, int Found, int Correct)> counts, string type, int gold = 0, int found = 0, int correct = 0)
    {
        counts.TryGetValue(type, out var c);
        counts[type] = (c.Gold + gold, c.Found + found, c.Correct + correct);
    }

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

    /// <summary>Entity chunks of an IOB sequence, reading IOB1 and IOB2 alike (an I- after another type starts a chunk).</summary>
    private static HashSet<Chunk> Chunks(List<string> tags)
    {
        var chunks = new HashSet<Chunk>();
        var start = -1;
        var type = "";
        for (var i = 0; i <= tags.Count; i++)
        {
            var tag = i < tags.Count ? tags[i] : "O";
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
        return chunks;
    }
}
