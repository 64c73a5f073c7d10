using System.Text;
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
}

/// <summary>
/// Scores the figure recogniser against the VALUE mentions (money, percent, quantity) of MEANTIME English: a gold value
/// is found when a figure overlaps it. MEANTIME annotates only the opening sentences of each article, so figures after
/// its last annotated sentence are not scored.
/// </summary>
public static class FigureEval
{
    private sealed record Gold(TextSpan Span, string Type);

    public static int Run(string shared, string[] args)
    {
        if (args.Length > 0)
        {
            Console.Error.WriteLine($"eval/run figures takes no options (got {args[0]})");
            return 2;
        }
        var score = Score(shared);
        Console.WriteLine($"MEANTIME English VALUE (money, percent, quantity): {score.Gold} gold mentions, {score.Figures} figures in annotated sentences");
        Console.WriteLine($"overlap  P {score.Precision:F3}  R {score.Recall:F3}  F1 {score.F1:F3}");
        Console.WriteLine($"kind accuracy {score.KindAccuracy:F3} (money, percent, count/quantity, over found values)");
        return 0;
    }

    public static FigureScore Score(string shared)
    {
        var folder = Path.Combine(shared, "data", "meantime", "intra-doc_annotation");
        var recognizer = new FigureRecognizer();
        var splitter = new SentenceSplitter();
        var tokenizer = new Tokenizer();
        int gold = 0, found = 0, figures = 0, correct = 0, kindRight = 0;
        foreach (var path in Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (text, values, annotatedEnd) = Load(path);
            var tokens = new List<Token>();
            var sentences = new List<Sentence>();
            foreach (var span in splitter.Split(text))
            {
                var first = tokens.Count;
                tokenizer.Tokenize(text, span, tokens);
                sentences.Add(new Sentence(span, first, tokens.Count - first));
            }
            var mentions = recognizer.Recognize(text, sentences, tokens).Where(m => m.Span.Start < annotatedEnd).ToList();
            gold += values.Count;
            figures += mentions.Count;
            foreach (var v in values)
            {
                var hit = mentions.FirstOrDefault(m => m.Span.Overlaps(v.Span));
                if (hit is null) continue;
                found++;
                var expected = v.Type switch { "MONEY" => FigureKind.Money, "PERCENT" => FigureKind.Percent, _ => FigureKind.Count };
                if (hit.Kind == expected || (expected == FigureKind.Count && hit.Kind == FigureKind.Quantity)) kindRight++;
            }
            correct += mentions.Count(m => values.Any(v => v.Span.Overlaps(m.Span)));
        }
        return new FigureScore(gold, found, figures, correct, kindRight);
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
