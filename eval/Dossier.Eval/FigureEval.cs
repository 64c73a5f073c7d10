using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Dossier.Annotate;
using Dossier.Model;

namespace Dossier.Eval;

/// <summary>Figures against MEANTIME's VALUE mentions, in the sentences MEANTIME annotates.</summary>
public sealed record FigureScore(int Gold, int Found, int Figures, int Correct, int KindRight)
{
    public double Recall => Gold == 0 ? 0 : (double)Found / Gold;
    public double Precision => Figures == 0 ? 0 : (double)Correct / Figures;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    public double KindAccuracy => Found == 0 ? 0 : (double)KindRight / Found;
    /// <summary>Gold mentions whose span a figure matches exactly (the amount alone, or with its counted noun).</summary>
    public int StrictFound { get; init; }
    /// <summary>Figures whose span matches a gold mention exactly.</summary>
    public int StrictCorrect { get; init; }
    public double StrictRecall => Gold == 0 ? 0 : (double)StrictFound / Gold;
    public double StrictPrecision => Figures == 0 ? 0 : (double)StrictCorrect / Figures;
    public double StrictF1 => StrictPrecision + StrictRecall == 0 ? 0 : 2 * StrictPrecision * StrictRecall / (StrictPrecision + StrictRecall);
    /// <summary>Found gold mentions whose reference value <see cref="FigureEval.ReferenceValue"/> could read.</summary>
    public int Valued { get; init; }
    /// <summary>Of those, the ones whose figure holds the reference value.</summary>
    public int ValueRight { get; init; }
    public double ValueAccuracy => Valued == 0 ? 0 : (double)ValueRight / Valued;
}

/// <summary>
/// Scores the figure recogniser against the VALUE mentions (money, percent, quantity) of MEANTIME English: a gold value
/// is found when a figure overlaps it. MEANTIME annotates only the opening sentences of each article, so figures after
/// its last annotated sentence are not scored.
/// Options: --errors prints every miss, span, kind and value error and false alarm; --system FILE.jsonl scores another
/// system's output instead of ours (one line per document: {"doc", "figures": [{"start", "end", "kind": "money|percent|count",
/// "low", "high"}]}, UTF-16 offsets in the texts built here, end exclusive); --write-texts DIR writes those texts (DIR/&lt;doc&gt;.txt).
/// </summary>
public static class FigureEval
{
    private sealed record Gold(TextSpan Span, string Type);

    /// <summary>A figure as scored, ours or another system's; the amount and unit spans, when known, let a span match with or without its counted noun.</summary>
    private sealed record Scored(TextSpan Span, FigureKind Kind, double? Low, double? High, TextSpan? AmountSpan = null, TextSpan? UnitSpan = null)
    {
        public static Scored Of(FigureMention m) => new(m.Span, m.Kind, m.Low, m.High, m.AmountSpan, m.UnitSpan);
    }

    public static int Run(string shared, string[] args)
    {
        var options = EvalOptions.Of(args);
        var errors = options.Flag("--errors");
        var systemFile = options.Value("--system");
        var textsFolder = options.Value("--write-texts");
        if (options.Rest.Count > 0) throw new EvalUsageException($"eval/run figures takes --errors, --system FILE.jsonl and --write-texts DIR (got {options.Rest[0]})");
        var score = Score(shared, errors ? Console.Out : null, systemFile, textsFolder);
        if (systemFile is not null) Console.WriteLine($"system output {systemFile}");
        Console.WriteLine($"MEANTIME English VALUE (money, percent, quantity): {score.Gold} gold mentions, {score.Figures} figures in annotated sentences");
        Console.WriteLine($"strict   P {score.StrictPrecision:F3}  R {score.StrictRecall:F3}  F1 {score.StrictF1:F3}  (span equal, with or without the counted noun)");
        Console.WriteLine($"overlap  P {score.Precision:F3}  R {score.Recall:F3}  F1 {score.F1:F3}");
        Console.WriteLine($"kind accuracy {score.KindAccuracy:F3} (money, percent, count/quantity, over found values)");
        Console.WriteLine($"value accuracy {score.ValueAccuracy:F3} ({score.ValueRight} of {score.Valued} found values the reference reader could read)");
        return 0;
    }

    public static FigureScore Score(string shared, TextWriter? errors = null) => Score(shared, errors, null, null);

    /// <summary>Ours when <paramref name="systemFile"/> is null, else that JSONL output; both scored by the same code. <paramref name="textsFolder"/>, when given, receives the texts.</summary>
    public static FigureScore Score(string shared, TextWriter? errors, string? systemFile, string? textsFolder)
    {
        var system = systemFile is null ? null : ReadSystem(systemFile);
        var folder = Path.Combine(shared, "data", "meantime", "intra-doc_annotation");
        var recognizer = new FigureRecognizer();
        var splitter = new SentenceSplitter();
        var tokenizer = new Tokenizer();
        if (textsFolder is not null) Directory.CreateDirectory(textsFolder);
        var names = new HashSet<string>(StringComparer.Ordinal);
        int gold = 0, found = 0, figures = 0, correct = 0, kindRight = 0, strictFound = 0, strictCorrect = 0, valued = 0, valueRight = 0;
        foreach (var path in Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (text, values, annotatedEnd) = Load(path);
            var name = Path.GetFileNameWithoutExtension(path);
            if (!names.Add(name)) throw new InvalidDataException($"two MEANTIME documents are named {name}");
            // Another system reads the very text scored here.
            if (textsFolder is not null) File.WriteAllText(Path.Combine(textsFolder, name + ".txt"), text);
            var all = system is null ? Recognize(text, recognizer, splitter, tokenizer) : system.GetValueOrDefault(name, []);
            var mentions = all.Where(m => m.Span.Start < annotatedEnd).ToList();
            gold += values.Count;
            figures += mentions.Count;
            foreach (var v in values)
            {
                var hit = mentions.FirstOrDefault(m => m.Span.Overlaps(v.Span));
                if (hit is null)
                {
                    errors?.WriteLine($"MISS  {name}\t{v.Type}\t\"{v.Span.Of(text)}\"");
                    continue;
                }
                found++;
                if (mentions.Any(m => SameSpan(m, v.Span))) strictFound++;
                else errors?.WriteLine($"SPAN  {name}\t\"{v.Span.Of(text)}\"/\"{hit.Span.Of(text)}\"");
                var expected = v.Type switch { "MONEY" => FigureKind.Money, "PERCENT" => FigureKind.Percent, _ => FigureKind.Count };
                if (hit.Kind == expected || (expected == FigureKind.Count && hit.Kind == FigureKind.Quantity)) kindRight++;
                else errors?.WriteLine($"KIND  {name}\t{v.Type}/{hit.Kind}\t\"{v.Span.Of(text)}\"");
                if (ReferenceValue(v.Span.Of(text)) is not { } reference) continue;
                valued++;
                if (Holds(hit, reference)) valueRight++;
                else errors?.WriteLine($"VALUE {name}\t{reference}/[{hit.Low}, {hit.High}]\t\"{v.Span.Of(text)}\"/\"{hit.Span.Of(text)}\"");
            }
            correct += mentions.Count(m => values.Any(v => v.Span.Overlaps(m.Span)));
            strictCorrect += mentions.Count(m => values.Any(v => SameSpan(m, v.Span)));
            foreach (var m in mentions.Where(m => !values.Any(v => v.Span.Overlaps(m.Span))))
                errors?.WriteLine($"EXTRA {name}\t{m.Kind}\t\"{m.Span.Of(text)}\"");
        }
        if (system?.Keys.FirstOrDefault(k => !names.Contains(k)) is { } stranger)
            throw new InvalidDataException($"the system output names {stranger}, which is not a MEANTIME English document");
        return new FigureScore(gold, found, figures, correct, kindRight)
        {
            StrictFound = strictFound, StrictCorrect = strictCorrect, Valued = valued, ValueRight = valueRight,
        };
    }

    private static List<Scored> Recognize(string text, FigureRecognizer recognizer, SentenceSplitter splitter, Tokenizer tokenizer)
    {
        var (sentences, tokens) = ArticleAnnotator.Split(text, splitter, tokenizer);
        return recognizer.Recognize(text, sentences, tokens).Select(Scored.Of).ToList();
    }

    /// <summary>Reads another system's figures: one JSON line per document, offsets in UTF-16 code units, end exclusive; low and high may be null.</summary>
    private static Dictionary<string, List<Scored>> ReadSystem(string path)
    {
        var byDoc = new Dictionary<string, List<Scored>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var list = new List<Scored>();
            foreach (var f in root.GetProperty("figures").EnumerateArray())
            {
                var kind = f.GetProperty("kind").GetString() switch
                {
                    "money" => FigureKind.Money,
                    "percent" => FigureKind.Percent,
                    "count" => FigureKind.Count,
                    "quantity" => FigureKind.Quantity,
                    var other => throw new InvalidDataException($"{path}: figure kind '{other}' is not money, percent, count or quantity"),
                };
                static double? Number(JsonElement e, string name)
                    => e.TryGetProperty(name, out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDouble() : null;
                var span = TextSpan.FromBounds(f.GetProperty("start").GetInt32(), f.GetProperty("end").GetInt32());
                list.Add(new Scored(span, kind, Number(f, "low"), Number(f, "high")));
            }
            var doc = root.GetProperty("doc").GetString() ?? "";
            if (!byDoc.TryAdd(doc, list)) throw new InvalidDataException($"{path}: document {doc} is listed twice");
        }
        return byDoc;
    }

    /// <summary>MEANTIME puts the counted noun inside some VALUE spans ("678 points") and not others ("3,200"): the amount alone or with its noun is exact.</summary>
    private static bool SameSpan(Scored m, TextSpan gold)
        => m.Span == gold || m.AmountSpan == gold
           || m.UnitSpan is { } unit && TextSpan.FromBounds(Math.Min(m.Span.Start, unit.Start), Math.Max(m.Span.End, unit.End)) == gold;

    /// <summary>A figure holds the reference value when it is one of its ends (the reader takes a range's first number).</summary>
    private static bool Holds(Scored m, double reference)
    {
        static bool Near(double? a, double b) => a is { } x && Math.Abs(x - b) <= 1e-9 * Math.Max(1, Math.Abs(b));
        return Near(m.Low, reference) || Near(m.High, reference);
    }

    private static readonly Dictionary<string, double> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7, ["eight"] = 8,
        ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14, ["fifteen"] = 15,
        ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20, ["thirty"] = 30,
        ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hundred"] = 1e2, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["bn"] = 1e9, ["trillion"] = 1e12,
    };

    /// <summary>
    /// The value a gold VALUE span states, read by a deliberately plain reader kept apart from the recogniser: the first
    /// number in digits ("7,114.3", "30GB") or a single number word ("twelve"), times a following hundred/thousand/
    /// million/billion/bn/trillion (or a "bn" written onto the digits). Null for anything else ("hundreds of points", "a quarter"), which is then not scored.
    /// </summary>
    public static double? ReferenceValue(string span)
    {
        var words = span.Split([' ', '-', '\u00A0', '(', ')'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd(',')).ToArray();
        for (var i = 0; i < words.Length; i++)
        {
            double? value = null;
            var w = words[i];
            var digits = new string(w.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(c => char.IsAsciiDigit(c) || c is ',' or '.').ToArray()).TrimEnd('.', ',');
            if (digits.Length > 0 && double.TryParse(digits.Replace(",", "", StringComparison.Ordinal), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d))
                value = d;
            else if (NumberWords.TryGetValue(w, out var n))
                value = n;
            if (value is null) continue;
            if (i + 1 < words.Length && Multipliers.TryGetValue(words[i + 1], out var m)) value *= m;
            else if (w.EndsWith("bn", StringComparison.OrdinalIgnoreCase)) value *= 1e9;
            return value;
        }
        return null;
    }

    /// <summary>The article rebuilt from its tokens, one sentence a line; its VALUE mentions; where annotation stops.</summary>
    private static (string Text, List<Gold> Gold, int AnnotatedEnd) Load(string path)
    {
        var doc = XDocument.Load(path);
        var sb = new StringBuilder();
        var at = new Dictionary<string, (TextSpan Span, int Sentence)>();
        string? sentence = null;
        string? previous = null;
        var sentenceEnds = new Dictionary<int, int>();
        foreach (var t in doc.Root!.Elements("token"))
        {
            var word = t.Value;
            if (word == "#") word = "\u00A3"; // the corpus writes the pound sign as '#'
            var s = (string?)t.Attribute("sentence");
            if (sentence is not null && s != sentence) sb.Append('\n');
            else if (previous is not null && NeedsSpace(previous, word)) sb.Append(' ');
            sentence = s;
            var index = int.Parse(s ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            at[(string)t.Attribute("t_id")!] = (new TextSpan(sb.Length, word.Length), index);
            sb.Append(word);
            sentenceEnds[index] = sb.Length;
            previous = word;
        }
        var text = sb.ToString();
        var gold = new List<Gold>();
        foreach (var v in doc.Descendants("VALUE"))
        {
            var spans = v.Elements("token_anchor").Select(a => at.GetValueOrDefault((string)a.Attribute("t_id")!).Span).Where(x => x.Length > 0).ToList();
            if (spans.Count == 0) continue;
            gold.Add(new Gold(TextSpan.FromBounds(spans.Min(x => x.Start), spans.Max(x => x.End)), (string)v.Attribute("type")!));
        }
        var lastAnnotated = doc.Descendants("token_anchor")
            .Select(a => at.TryGetValue((string)a.Attribute("t_id")!, out var x) ? x.Sentence : -1).DefaultIfEmpty(-1).Max();
        var end = lastAnnotated >= 0 && sentenceEnds.TryGetValue(lastAnnotated, out var e) ? e : text.Length;
        return (text, gold, end);
    }

    private static bool NeedsSpace(string previous, string word)
    {
        if (word is "," or "." or ":" or ";" or "%" or ")" or "?" or "!" or "'s" or "n't" or "'" or "\u2019s") return false;
        if (previous is "$" or "(" or "\u00A3" or "\u20AC" or "US$" or "\u201C") return false;
        return true;
    }
}
