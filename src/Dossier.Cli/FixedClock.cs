namespace Dossier.Cli;

/// <summary>A clock pinned to one day, for reproducible runs (--today).</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
