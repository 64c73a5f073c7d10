using Dossier.Eval;
using Xunit;

namespace Dossier.Tests.Annotate;

/// <summary>A quality gate on the figure recogniser: the `eval/run figures` score must not drop below its pins.</summary>
public sealed class FigureMeantimeTests
{
    [Fact]
    public void Meantime_values_are_found_with_their_kind()
    {
        var shared = FigureTestText.Shared();
        Assert.SkipWhen(shared is null, "../shared not found");
        var score = FigureEval.Score(shared!);
        // Pinned a little under the measured figures (recall 0.90, precision 0.93, kind accuracy 0.98, strict span F1 0.83, value accuracy 1.00).
        Assert.True(score.Recall >= 0.85, $"recall {score.Recall:F3}");
        Assert.True(score.StrictF1 >= 0.78, $"strict span F1 {score.StrictF1:F3}");
        Assert.True(score.Valued >= 300 && score.ValueAccuracy >= 0.95, $"value accuracy {score.ValueAccuracy:F3} over {score.Valued}");
        Assert.True(score.Precision >= 0.85, $"precision {score.Precision:F3}");
        Assert.True(score.KindAccuracy >= 0.95, $"kind accuracy {score.KindAccuracy:F3}");
    }
}
