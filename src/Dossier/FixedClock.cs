namespace Dossier;

/// <summary>A clock pinned to one instant, for reproducible runs (`--today`), evaluations and tests.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>Noon UTC of the given day.</summary>
    public static FixedClock AtDay(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
