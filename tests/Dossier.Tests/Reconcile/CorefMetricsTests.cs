using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Reconcile;

public sealed class CorefMetricsTests
{
    private static IReadOnlyList<IReadOnlyList<char>> P(params string[] clusters) => clusters.Select(c => (IReadOnlyList<char>)c.ToList()).ToList();

    [Fact]
    public void The_worked_example_of_Pradhan_et_al_2014_scores_as_published()
    {
        // Key {a,b,c} {d,e,f,g}; response {a,b} {c,d} {f,g,h,i}: MUC R 2/5 P 2/5, B3 R 35/84 P 1/2, CEAF-e R 1.3/2 P 1.3/3.
        var s = CorefMetrics.Score(P("abc", "defg"), P("ab", "cd", "fghi"));
        Assert.Equal(0.4, s.Muc.Recall, 6);
        Assert.Equal(0.4, s.Muc.Precision, 6);
        Assert.Equal(35.0 / 84, s.BCubed.Recall, 6);
        Assert.Equal(0.5, s.BCubed.Precision, 6);
        Assert.Equal(0.65, s.CeafE.Recall, 6);
        Assert.Equal(1.3 / 3, s.CeafE.Precision, 6);
        Assert.Equal((0.4 + 2 * (35.0 / 84) * 0.5 / (35.0 / 84 + 0.5) + 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)) / 3, s.Conll, 6);
    }

    [Fact]
    public void Identical_partitions_score_one_and_singletons_give_muc_nothing()
    {
        var same = CorefMetrics.Score(P("abc", "de", "f"), P("f", "de", "abc"));
        Assert.Equal(1, same.Conll, 9);
        var split = CorefMetrics.Score(P("abcd"), P("a", "b", "c", "d"));
        Assert.Equal(0, split.Muc.Recall);
        Assert.Equal(0.25, split.BCubed.Recall, 9);
        Assert.Equal(1, split.BCubed.Precision, 9);
        Assert.Equal(2.0 * 1 / 5, split.CeafE.Recall, 9); // one singleton aligned to the key entity: 2*1/(4+1)
        Assert.Equal(0.4 / 4, split.CeafE.Precision, 9);
    }

    [Fact]
    public void All_in_one_response_has_full_recall_and_b3_precision_from_cluster_sizes()
    {
        var s = CorefMetrics.Score(P("ab", "cd"), P("abcd"));
        Assert.Equal(1, s.Muc.Recall, 9);
        Assert.Equal(2.0 / 3, s.Muc.Precision, 9);
        Assert.Equal(1, s.BCubed.Recall, 9);
        Assert.Equal(0.5, s.BCubed.Precision, 9);
        Assert.Equal(2.0 * 2 / 6 / 2, s.CeafE.Recall, 9);
    }

    [Fact]
    public void Mentions_missing_from_the_response_count_against_recall_only()
    {
        var s = CorefMetrics.Score(P("abc"), P("ab"));
        Assert.Equal(0.5, s.Muc.Recall, 9);
        Assert.Equal(1, s.Muc.Precision, 9);
        Assert.Equal(4.0 / 3 / 3, s.BCubed.Recall, 9);
        Assert.Equal(1, s.BCubed.Precision, 9);
    }

    [Fact]
    public void The_assignment_finds_the_best_matching_not_the_greedy_one()
    {
        // Greedy takes 0.9 then 0.1; the best pairing is 0.8 + 0.8.
        var w = new double[,] { { 0.9, 0.8 }, { 0.8, 0.1 } };
        Assert.Equal(1.6, CorefMetrics.MaxAssignment(w, 2), 9);
    }

    [Fact]
    public void The_head_word_is_the_last_word_without_punctuation_or_possessive()
    {
        Assert.Equal("force", EntityEval.HeadWord("the US Air Force ,", new(0, 18)));
        Assert.Equal("boeing", EntityEval.HeadWord("Boeing 's", new(0, 9)));
    }
}
