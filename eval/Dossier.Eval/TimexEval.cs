using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>
/// Scores the time tagger against the TIMEX3 annotations of MEANTIME (English, intra-document), as TempEval-3 does:
/// strict and relaxed span P/R/F1, type and value accuracy over relaxed matches, and value F1 (relaxed F1 x value accuracy).
/// Each document's text is rebuilt from its tokens and tagged with its creation time as the anchor; MEANTIME annotates only
/// the first sentences of each article, so mentions found after the last annotated sentence are not scored.
/// Options: --errors prints every miss, false alarm and wrong value; --system FILE.jsonl scores another system's output
/// (one line per document: {"doc", "timexes": [{"start", "end", "type", "value"}]}, UTF-16 offsets in the texts built here)
/// instead of ours; --write-texts DIR writes those texts (DIR/&lt;doc&gt;.txt) and their creation dates (DIR/dcts.json).
/// </summary>
public static class TimexEval
{
    private sealed record Gold(TextSpan Span, string Type, string Value, string Text);

    /// <summary>A time expression as scored: ours or another system's, type and value as TimeML writes them.</summary>
    private sealed record Found(TextSpan Span, string Type, string? Value);

    /// <summary>A MEANTIME article's text as this evaluation rebuilds it, with its creation date when the corpus gives one.</summary>
    public sealed record MeantimeText(string Name, string Text, DateOnly? Creation);

    /// <summary>A MEANTIME document; <see cref="Annotated"/> is the end of the last sentence its annotators covered (the first six sentences).</summary>
    private sealed record Document(string Name, string Text, DateOnly? Creation, TextSpan? CreationSpan, List<Sentence> Sentences, List<Token> Tokens, List<Gold> Golds, int Annotated);

    public static int Run(string shared, string[] args)
    {
        var options = EvalOptions.Of(args);
        var errors = options.Flag("--errors");
        var systemFile = options.Value("--system");
        var textsFolder = options.Value("--write-texts");
        if (options.Rest.Count > 0) throw new EvalUsageException($"eval/run timex takes --errors, --system FILE.jsonl and --write-texts DIR (got {options.Rest[0]})");
        var other = systemFile is null ? null : ReadSystem(systemFile);
        var creations = new SortedDictionary<string, string?>(StringComparer.Ordinal);
        if (textsFolder is not null) Directory.CreateDirectory(textsFolder);
        var folder = Path.Combine(shared, "data", "meantime", "intra-doc_annotation");
        var files = Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var names = files.Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal);
        if (other?.Keys.FirstOrDefault(k => !names.Contains(k)) is { } stranger)
            throw new EvalUsageException($"the system output names {stranger}, which is not a MEANTIME English document");
        var tagger = new TimeTagger();
        var finder = new ArticleDateFinder(TimeProvider.System);
        int gold = 0, system = 0, strict = 0, relaxed = 0, typeRight = 0, valueRight = 0;
        long chars = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tagTime = TimeSpan.Zero;
        var log = new StringBuilder();
        foreach (var file in files)
        {
            var doc = Read(file);
            if (doc.Creation is null)
            {
                // No usable creation time: infer it from the text as the product does.
                var untagged = tagger.Tag(doc.Text, doc.Sentences, doc.Tokens, null);
                var article = new Article(doc.Name, file, doc.Text, "");
                if (finder.Find(article, untagged) is { } inferred)
                {
                    doc = doc with { Creation = inferred.Date };
                }
            }
            if (textsFolder is not null)
            {
                // Another system reads the very text scored here, anchored to the same creation date as ours.
                if (!creations.TryAdd(doc.Name, doc.Creation?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                    throw new InvalidDataException($"two MEANTIME documents are named {doc.Name}");
                File.WriteAllText(Path.Combine(textsFolder, doc.Name + ".txt"), doc.Text);
            }
            var start = watch.Elapsed;
            var all = other is null
                ? tagger.Tag(doc.Text, doc.Sentences, doc.Tokens, doc.Creation).Select(t => new Found(t.Span, t.Type.ToString(), t.Value))
                : other.GetValueOrDefault(doc.Name, []);
            var found = all.Where(t => (doc.CreationSpan is not { } c || !c.Overlaps(t.Span)) && t.Span.Start < doc.Annotated).ToList();
            tagTime += watch.Elapsed - start;
            chars += doc.Text.Length;
            gold += doc.Golds.Count;
            system += found.Count;
            var used = new bool[found.Count];
            foreach (var g in doc.Golds)
            {
                var best = -1;
                var bestOverlap = 0;
                for (var k = 0; k < found.Count; k++)
                {
                    if (used[k] || !found[k].Span.Overlaps(g.Span)) continue;
                    var overlap = Math.Min(found[k].Span.End, g.Span.End) - Math.Max(found[k].Span.Start, g.Span.Start);
                    if (overlap > bestOverlap) { best = k; bestOverlap = overlap; }
                }
                if (best < 0)
                {
                    if (errors) log.AppendLine(CultureInfo.InvariantCulture, $"MISS  {doc.Name}\t{g.Type}\t{g.Value}\t\"{g.Text}\"\t{Context(doc.Text, g.Span)}");
                    continue;
                }
                used[best] = true;
                var t = found[best];
                relaxed++;
                if (t.Span == g.Span) strict++;
                if (t.Type == g.Type) typeRight++;
                if (t.Value == g.Value) valueRight++;
                else if (errors) log.AppendLine(CultureInfo.InvariantCulture, $"VALUE {doc.Name}\t{g.Type}/{t.Type}\t{g.Value}/{t.Value}\t\"{g.Text}\"/\"{doc.Text[t.Span.Start..t.Span.End]}\"\t{Context(doc.Text, g.Span)}");
                if (errors && t.Span != g.Span) log.AppendLine(CultureInfo.InvariantCulture, $"SPAN  {doc.Name}\t\"{g.Text}\"/\"{doc.Text[t.Span.Start..t.Span.End]}\"");
            }
            if (errors)
            {
                for (var k = 0; k < found.Count; k++)
                {
                    if (!used[k]) log.AppendLine(CultureInfo.InvariantCulture, $"EXTRA {doc.Name}\t{found[k].Type}\t{found[k].Value}\t\"{doc.Text[found[k].Span.Start..found[k].Span.End]}\"\t{Context(doc.Text, found[k].Span)}");
                }
            }
        }

        if (errors) Console.Write(log.ToString());
        if (textsFolder is not null) File.WriteAllText(Path.Combine(textsFolder, "dcts.json"), JsonSerializer.Serialize(creations));

        double P(int n, int d) => d == 0 ? 0 : (double)n / d;
        double F(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
        var sp = P(strict, system); var sr = P(strict, gold);
        var rp = P(relaxed, system); var rr = P(relaxed, gold);
        var relaxedF = F(rp, rr);
        var valueAccuracy = P(valueRight, relaxed);
        var inv = CultureInfo.InvariantCulture;
        if (systemFile is not null) Console.WriteLine($"system: {systemFile}");
        Console.WriteLine(string.Create(inv, $"MEANTIME English TIMEX3: {files.Count} documents, {gold} gold mentions (creation times excluded), {system} found"));
        Console.WriteLine(string.Create(inv, $"strict   P {sp:F3}  R {sr:F3}  F1 {F(sp, sr):F3}"));
        Console.WriteLine(string.Create(inv, $"relaxed  P {rp:F3}  R {rr:F3}  F1 {relaxedF:F3}"));
        Console.WriteLine(string.Create(inv, $"type accuracy  {P(typeRight, relaxed):F3}   value accuracy {valueAccuracy:F3}"));
        Console.WriteLine(string.Create(inv, $"type F1 {relaxedF * P(typeRight, relaxed):F3}   value F1 {relaxedF * valueAccuracy:F3}"));
        if (other is not null) return 0;

        // Warm throughput: the same texts again, thirty times, after the JIT has seen them once.
        var texts = files.Select(Read).ToList();
        var process = System.Diagnostics.Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var warm = System.Diagnostics.Stopwatch.StartNew();
        long warmChars = 0;
        for (var round = 0; round < 30; round++)
        {
            foreach (var d in texts)
            {
                tagger.Tag(d.Text, d.Sentences, d.Tokens, d.Creation);
                warmChars += d.Text.Length;
            }
        }
        var warmSeconds = warm.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(inv, $"tagging speed {warmChars / Math.Max(cpuSeconds, 1e-9) / 1e6:F2} M chars per CPU second warm ({warmChars / Math.Max(warmSeconds, 1e-9) / 1e6:F2} per wall second; {warmChars} chars); first pass {chars / Math.Max(tagTime.TotalSeconds, 1e-9) / 1e6:F2} per wall second, JIT included"));
        return 0;
    }

    /// <summary>The MEANTIME English articles as scored here (text rebuilt from the tokens), in file order; for benchmarks.</summary>
    public static IReadOnlyList<MeantimeText> Texts(string shared)
    {
        var folder = Path.Combine(shared, "data", "meantime", "intra-doc_annotation");
        return Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(Read).Select(d => new MeantimeText(d.Name, d.Text, d.Creation)).ToList();
    }

    /// <summary>Reads another system's expressions: one JSON line per document, offsets in UTF-16 code units, end exclusive.</summary>
    private static Dictionary<string, List<Found>> ReadSystem(string path)
    {
        var byDoc = new Dictionary<string, List<Found>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var list = new List<Found>();
            foreach (var t in root.GetProperty("timexes").EnumerateArray())
            {
                var start = t.GetProperty("start").GetInt32();
                var value = t.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                list.Add(new Found(TextSpan.FromBounds(start, t.GetProperty("end").GetInt32()), t.GetProperty("type").GetString() ?? "", value));
            }
            var doc = root.GetProperty("doc").GetString() ?? "";
            if (!byDoc.TryAdd(doc, list)) throw new EvalUsageException($"{path}: document {doc} is listed twice");
        }
        return byDoc;
    }

    private static string Context(string text, TextSpan span)
    {
        var from = Math.Max(0, span.Start - 60);
        var to = Math.Min(text.Length, span.End + 60);
        return text[from..to].Replace('\n', ' ');
    }

    /// <summary>Rebuilds the document text from its tokens (spaces as a reader would write them) and maps the TIMEX3 anchors onto it.</summary>
    private static Document Read(string path)
    {
        var xml = new XmlDocument();
        xml.Load(path);
        var root = xml.DocumentElement!;
        var text = new StringBuilder();
        var offsets = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        var tokens = new List<Token>();
        var sentences = new List<Sentence>();
        string? sentence = null;
        int sentenceStart = 0, sentenceFirst = 0;
        string previous = "";
        foreach (XmlElement t in root.GetElementsByTagName("token"))
        {
            var word = t.InnerText;
            var s = t.GetAttribute("sentence");
            if (s != sentence)
            {
                if (sentence is not null)
                {
                    sentences.Add(new Sentence(TextSpan.FromBounds(sentenceStart, text.Length), sentenceFirst, tokens.Count - sentenceFirst));
                    text.Append(previous is "." or "!" or "?" or "\"" or "'" or "”" ? " " : "\n\n");
                }
                sentence = s;
                sentenceStart = text.Length;
                sentenceFirst = tokens.Count;
            }
            else if (text.Length > 0 && SpaceBefore(word, previous))
            {
                text.Append(' ');
            }
            offsets[t.GetAttribute("t_id")] = new TextSpan(text.Length, word.Length);
            tokens.Add(new Token(text.Length, word.Length));
            text.Append(word);
            previous = word;
        }
        if (sentence is not null) sentences.Add(new Sentence(TextSpan.FromBounds(sentenceStart, text.Length), sentenceFirst, tokens.Count - sentenceFirst));

        var golds = new List<Gold>();
        DateOnly? creation = null;
        TextSpan? creationSpan = null;
        var body = text.ToString();
        var sentenceOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (XmlElement t in root.GetElementsByTagName("token"))
            sentenceOf[t.GetAttribute("t_id")] = int.Parse(t.GetAttribute("sentence"), CultureInfo.InvariantCulture);
        var lastAnnotated = -1;
        foreach (XmlElement a in root.GetElementsByTagName("token_anchor"))
            if (sentenceOf.TryGetValue(a.GetAttribute("t_id"), out var n)) lastAnnotated = Math.Max(lastAnnotated, n);
        var annotated = lastAnnotated >= 0 && lastAnnotated < sentences.Count ? sentences[lastAnnotated].Span.End : body.Length;
        foreach (XmlElement x in root.GetElementsByTagName("TIMEX3"))
        {
            var anchors = x.GetElementsByTagName("token_anchor").Cast<XmlElement>()
                .Select(a => offsets.TryGetValue(a.GetAttribute("t_id"), out var o) ? o : (TextSpan?)null)
                .Where(o => o is not null).Select(o => o!.Value).ToList();
            if (x.GetAttribute("functionInDocument") == "CREATION_TIME")
            {
                var v = x.GetAttribute("value");
                if (v.Length >= 10 && DateOnly.TryParseExact(v[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) creation = d;
                if (anchors.Count > 0) creationSpan = TextSpan.FromBounds(anchors.Min(a => a.Start), anchors.Max(a => a.End));
                continue;
            }
            if (anchors.Count == 0) continue;
            var span = TextSpan.FromBounds(anchors.Min(a => a.Start), anchors.Max(a => a.End));
            golds.Add(new Gold(span, x.GetAttribute("type"), x.GetAttribute("value"), body[span.Start..span.End]));
        }
        return new Document(Path.GetFileNameWithoutExtension(path), body, creation, creationSpan, sentences, tokens, golds, annotated);
    }

    private static bool SpaceBefore(string word, string previous)
    {
        if (previous is "(" or "[" or "$" or "US$" or "£" or "€" or "#" || previous.EndsWith('$')) return false;
        if (word is "," or "." or ":" or ";" or "!" or "?" or ")" or "]" or "%" or "n't" || word.StartsWith('\'') && word.Length <= 3 && word.Length > 1) return false;
        return true;
    }
}
