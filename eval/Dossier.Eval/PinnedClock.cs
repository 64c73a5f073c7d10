namespace Dossier.Eval;

/// <summary>A clock fixed at one instant, so that evaluation figures do not move with the calendar.</summary>
public sealed class PinnedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
