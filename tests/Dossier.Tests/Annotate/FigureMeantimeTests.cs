using System.Text;
using System.Xml.Linq;
using Dossier.Annotate;
using Dossier.Model;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>
/// Scores figures against the VALUE mentions (money, percent, quantity) of MEANTIME English, read at run time from
/// ../shared/data/meantime. Overlap match: a gold value is found when a figure's span overlaps it.
/// </summary>
public sealed class FigureMeantimeTests
{
    private sealed record Gold(TextSpan Span, string Type, string Text);

    /// <summary>Rebuilds the article text from its tokens, one sentence a line, and places each gold value in it.</summary>
    private static (string Text, List<Gold> Gold) Load(string path)
    {
        var doc = XDocument.Load(path);
        var tokens = doc.Root!.Elements("token").ToList();
        var sb = new StringBuilder();
        var at = new Dictionary<string, TextSpan>();
        string? sentence = null;
        string? previous = null;
        foreach (var t in tokens)
        {
            var word = t.Value;
            if (word == "#") word = "\u00A3"; // the corpus writes the pound sign as '#'
            var s = (string?)t.Attribute("sentence");
            if (sentence is not null && s != sentence) sb.Append('\n');
            else if (previous is not null && NeedsSpace(previous, word)) sb.Append(' ');
            sentence = s;
            at[(string)t.Attribute("t_id")!] = new TextSpan(sb.Length, word.Length);
            sb.Append(word);
            previous = word;
        }
        var text = sb.ToString();
        var gold = new List<Gold>();
        foreach (var v in doc.Descendants("VALUE"))
        {
            var spans = v.Elements("token_anchor").Select(a => at.GetValueOrDefault((string)a.Attribute("t_id")!)).Where(x => x.Length > 0).ToList();
            if (spans.Count == 0) continue;
            var span = TextSpan.FromBounds(spans.Min(x => x.Start), spans.Max(x => x.End));
            gold.Add(new Gold(span, (string)v.Attribute("type")!, span.Of(text)));
        }
        return (text, gold);
    }

    private static bool NeedsSpace(string previous, string word)
    {
        if (word is "," or "." or ":" or ";" or "%" or ")" or "?" or "!" or "'s" or "n't" or "'" or "\u2019s") return false;
        if (previous is "$" or "(" or "\u00A3" or "\u20AC" or "US$" or "\u201C") return false;
        return true;
    }

    [Fact]
    public void Meantime_values_are_found_with_their_kind()
    {
        var shared = FigureTestText.Shared();
        Assert.SkipWhen(shared is null, "../shared not found");
        var folder = Path.Combine(shared!, "data", "meantime", "intra-doc_annotation");
        Assert.SkipUnless(Directory.Exists(folder), "MEANTIME not present");

        var recognizer = new FigureRecognizer();
        int gold = 0, found = 0, figures = 0, correct = 0, kindRight = 0;
        var missed = new List<string>();
        var spurious = new List<string>();
        foreach (var path in Directory.GetFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var (text, values) = Load(path);
            var (sentences, tokens) = FigureTestText.Split(text);
            var mentions = recognizer.Recognize(text, sentences, tokens);
            gold += values.Count;
            figures += mentions.Count;
            foreach (var v in values)
            {
                var hit = mentions.FirstOrDefault(m => m.Span.Overlaps(v.Span));
                if (hit is null) { missed.Add($"{v.Type}: {v.Text}"); continue; }
                found++;
                var expected = v.Type switch { "MONEY" => FigureKind.Money, "PERCENT" => FigureKind.Percent, _ => FigureKind.Count };
                if (hit.Kind == expected || (expected == FigureKind.Count && hit.Kind == FigureKind.Quantity)) kindRight++;
            }
            foreach (var m in mentions)
            {
                if (values.Any(v => v.Span.Overlaps(m.Span))) correct++;
                else spurious.Add(m.Span.Of(text));
            }
        }
        var recall = (double)found / gold;
        var precision = (double)correct / figures;
        var kindAccuracy = (double)kindRight / found;
        var output = TestContext.Current.TestOutputHelper;
        output?.WriteLine($"MEANTIME VALUE: gold {gold}, figures {figures}, recall {recall:F3}, precision {precision:F3}, kind accuracy {kindAccuracy:F3}");
        output?.WriteLine("missed: " + string.Join(" | ", missed.Take(60)));
        output?.WriteLine("not in gold: " + string.Join(" | ", spurious.Take(60)));
        // DOSSIER_FIGURES_REPORT=<file> writes the figures and the misses out, for tuning by hand.
        if (Environment.GetEnvironmentVariable("DOSSIER_FIGURES_REPORT") is { Length: > 0 } report)
            File.WriteAllText(report, $"MEANTIME VALUE: gold {gold}, figures {figures}, recall {recall:F3}, precision {precision:F3}, kind accuracy {kindAccuracy:F3}\n"
                + "missed:\n" + string.Join("\n", missed) + "\nnot in gold:\n" + string.Join("\n", spurious) + "\n");
        // Pinned a little under the measured 0.90 recall and 0.98 kind accuracy; MEANTIME marks only some figures,
        // so precision against it is reported, not gated.
        Assert.True(recall >= 0.85, $"recall {recall:F3}");
        Assert.True(kindAccuracy >= 0.95, $"kind accuracy {kindAccuracy:F3}");
    }
}
