using System.Text.Json;
using Dossier.Annotate;
using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>`eval/run figures --system`: another system's output is scored by the same code as ours, on the texts --write-texts gives it.</summary>
public sealed class FigureSystemScoreTests
{
    [Fact]
    public void Our_figures_read_back_as_a_system_score_as_ours_save_the_counted_noun()
    {
        var shared = FigureTestText.Shared();
        Assert.SkipWhen(shared is null, "../shared not found");
        var folder = Directory.CreateTempSubdirectory("dossier-figures-").FullName;
        try
        {
            var texts = Path.Combine(folder, "texts");
            var ours = FigureEval.Score(shared!, null, null, texts);
            var lines = Directory.GetFiles(texts, "*.txt").Order(StringComparer.Ordinal).Select(path =>
            {
                var text = File.ReadAllText(path);
                var (sentences, tokens) = FigureTestText.Split(text);
                var figures = new FigureRecognizer().Recognize(text, sentences, tokens).Select(f => new
                {
                    start = f.Span.Start, end = f.Span.End, kind = f.Kind.ToString().ToLowerInvariant(), low = f.Low, high = f.High,
                });
                return JsonSerializer.Serialize(new { doc = Path.GetFileNameWithoutExtension(path), figures });
            }).ToList();
            Assert.Equal(120, lines.Count);
            var file = Path.Combine(folder, "ours.jsonl");
            File.WriteAllLines(file, lines);

            var system = FigureEval.Score(shared!, null, file, null);

            Assert.Equal((ours.Gold, ours.Figures, ours.Found, ours.Correct, ours.KindRight, ours.Valued, ours.ValueRight),
                (system.Gold, system.Figures, system.Found, system.Correct, system.KindRight, system.Valued, system.ValueRight));
            // A system gives one span: ours also matches by its amount alone or with its counted noun.
            Assert.InRange(system.StrictFound, 1, ours.StrictFound);
            Assert.InRange(system.StrictCorrect, 1, ours.StrictCorrect);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void A_document_MEANTIME_does_not_have_is_refused()
    {
        var shared = FigureTestText.Shared();
        Assert.SkipWhen(shared is null, "../shared not found");
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, """{"doc": "no_such_article", "figures": [{"start": 0, "end": 2, "kind": "count", "low": 12, "high": 12}]}""" + "\n");
            var error = Assert.Throws<InvalidDataException>(() => FigureEval.Score(shared!, null, file, null));
            Assert.Contains("no_such_article", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
