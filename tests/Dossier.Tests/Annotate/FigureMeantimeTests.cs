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
        // Pinned a little under the measured figures (recall 0.90, precision 0.93, kind accuracy 0.98).
        Assert.True(score.Recall >= 0.85, $"recall {score.Recall:F3}");
        Assert.True(score.Precision >= 0.85, $"precision {score.Precision:F3}");
        Assert.True(score.KindAccuracy >= 0.95, $"kind accuracy {score.KindAccuracy:F3}");
    }
}
