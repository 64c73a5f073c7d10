using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>`eval/run ner --system`: another system's CoNLL lines are scored by the same code as ours.</summary>
public sealed class NerSystemScoreTests
{
    private static string? Valid() => SharedData.TryLocate() is { } shared ? Path.Combine(shared, "data", "conll2003", "valid.txt") : null;

    [Fact]
    public void Our_tags_written_and_read_back_as_a_system_score_as_ours()
    {
        var valid = Valid();
        Assert.SkipWhen(valid is null || !File.Exists(valid), "../shared not found");
        var file = Path.GetTempFileName();
        try
        {
            NerEval.WriteOurs(valid!, file, rules: true);
            var ours = NerEval.Score(valid!, rules: true);
            var system = NerEval.Score(valid!, systemFile: file);

            Assert.Equal(ours.ByType.OrderBy(t => t.Key), system.ByType.OrderBy(t => t.Key));
            Assert.InRange(ours.All.Correct, 1, ours.All.Found - 1);
            Assert.Equal(ours.All.Gold - ours.ByType["MISC"].Gold, ours.WithoutMisc.Gold);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_system_that_finds_only_the_gold_people_scores_their_recall_alone()
    {
        var valid = Valid();
        Assert.SkipWhen(valid is null || !File.Exists(valid), "../shared not found");
        var file = Path.GetTempFileName();
        try
        {
            // The gold file itself, IOB1 as it is, with every type but PER made O.
            File.WriteAllLines(file, File.ReadLines(valid!).Select(line =>
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length < 2 || line.StartsWith("-DOCSTART-", StringComparison.Ordinal)) return line;
                return columns[0] + "\t" + (columns[^1].EndsWith("-PER", StringComparison.Ordinal) ? columns[^1] : "O");
            }));

            var score = NerEval.Score(valid!, systemFile: file);

            var people = score.ByType["PER"];
            Assert.Equal((people.Gold, people.Gold), (people.Found, people.Correct));
            Assert.Equal(0, score.ByType["ORG"].Found);
            Assert.Equal(100.0 * people.Gold / score.All.Gold, score.All.Recall, 6);
            Assert.Equal(100.0, score.All.Precision, 6);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_token_other_than_the_gold_files_is_refused_with_its_line()
    {
        var valid = Valid();
        Assert.SkipWhen(valid is null || !File.Exists(valid), "../shared not found");
        var file = Path.GetTempFileName();
        try
        {
            var lines = File.ReadLines(valid!).Where(l => l.Length > 0 && !l.StartsWith("-DOCSTART-", StringComparison.Ordinal))
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0] + "\tO").ToList();
            lines[2] = "Elsewhere\tO";
            File.WriteAllLines(file, lines);

            var error = Assert.Throws<InvalidDataException>(() => NerEval.Score(valid!, systemFile: file));

            Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
            Assert.Contains("Elsewhere", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
