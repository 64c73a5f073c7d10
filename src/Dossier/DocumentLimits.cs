using System.Globalization;

namespace Dossier;

/// <summary>What one document may cost through extraction and annotation before it is given up, with the limit named.</summary>
public sealed record DocumentLimits
{
    /// <summary>Wall time for one document's extraction or annotation (<see cref="Timeout.InfiniteTimeSpan"/>: none).</summary>
    public TimeSpan Time { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Bytes the work on one document may allocate (<see cref="long.MaxValue"/>: no bound), counted on the thread doing
    /// the work. It is checked between steps (and every 256 sentences in the tagger), so one step can go past it before
    /// the document is stopped: it bounds a document's cost to about one step beyond it, not exactly.
    /// </summary>
    public long Memory { get; init; } = 1L << 30;

    /// <summary>No limit at all (for tests and evaluations that must see every document through).</summary>
    public static DocumentLimits None { get; } = new() { Time = Timeout.InfiniteTimeSpan, Memory = long.MaxValue };

    /// <summary>How long past <see cref="Time"/> a document that never reached a check is waited for before it is left behind.</summary>
    public TimeSpan Grace => Time == Timeout.InfiniteTimeSpan ? Time : TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, Time.Ticks / 2));
}

/// <summary>The limit a document hit.</summary>
public enum DocumentLimit
{
    Time,
    Memory,
}

/// <summary>A document went past one of its <see cref="DocumentLimits"/>; the message says which, where and by how much.</summary>
public sealed class DocumentLimitException(DocumentLimit limit, string stage, string message) : Exception(message)
{
    public DocumentLimit Limit { get; } = limit;

    /// <summary>The step that was running when the limit was found hit ("extract", "annotate: entities", ...).</summary>
    public string Stage { get; } = stage;
}

/// <summary>
/// One document's running account against its <see cref="DocumentLimits"/>. Started on the thread that does the
/// work; the steps of extraction and annotation call <see cref="Check"/> between them.
/// </summary>
public sealed class DocumentBudget
{
    private readonly DocumentLimits _limits;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly int _thread;
    private readonly long _allocatedAtStart;

    private DocumentBudget(DocumentLimits limits, TimeProvider clock)
    {
        _limits = limits;
        _clock = clock;
        _started = clock.GetTimestamp();
        _thread = Environment.CurrentManagedThreadId;
        _allocatedAtStart = GC.GetAllocatedBytesForCurrentThread();
    }

    /// <summary>A budget that never runs out.</summary>
    public static DocumentBudget Unlimited { get; } = new(DocumentLimits.None, TimeProvider.System);

    /// <summary>Starts the account of one document, on the thread that will do its work.</summary>
    public static DocumentBudget Start(DocumentLimits limits, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(clock);
        return new DocumentBudget(limits, clock);
    }

    public TimeSpan Elapsed => _clock.GetElapsedTime(_started);

    /// <summary>Throws <see cref="DocumentLimitException"/> when the document has gone past a limit; <paramref name="stage"/> names the step just done.</summary>
    public void Check(string stage)
    {
        if (ReferenceEquals(this, Unlimited)) return;
        if (_limits.Time != Timeout.InfiniteTimeSpan && Elapsed is var elapsed && elapsed > _limits.Time)
            throw new DocumentLimitException(DocumentLimit.Time, stage,
                $"time limit hit in {stage}: {Seconds(elapsed)} s, limit {Seconds(_limits.Time)} s");
        // Allocations are counted per thread: a check on another thread (never the case in this pipeline) skips this part.
        if (_limits.Memory != long.MaxValue && Environment.CurrentManagedThreadId == _thread
            && GC.GetAllocatedBytesForCurrentThread() - _allocatedAtStart is var used && used > _limits.Memory)
            throw new DocumentLimitException(DocumentLimit.Memory, stage,
                $"memory limit hit in {stage}: {Megabytes(used)} MB allocated, limit {Megabytes(_limits.Memory)} MB");
    }

    internal static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0", CultureInfo.InvariantCulture);
}
