namespace Dossier;

/// <summary>What became of one document's work: its result, or the reason it was given up.</summary>
public readonly record struct DocumentOutcome<T>(T? Value, string? Failure)
{
    public static DocumentOutcome<T> Done(T? value) => new(value, null);

    public static DocumentOutcome<T> Failed(string reason) => new(default, reason);
}

/// <summary>
/// Runs one piece of work per document, side by side, each under its <see cref="DocumentLimits"/>. A document that
/// throws or hits a limit is one failed outcome with its reason, and the batch goes on. One still running a grace
/// period past its time limit (stuck inside a step, between two checks) is reported as over the limit and left
/// behind: its thread stops at its next check, and the batch never waits on it (its slot goes to the next document, so
/// until then one more thread runs than <c>parallelism</c> says).
/// </summary>
public static class DocumentWork
{
    /// <summary>Longer waits than a timer can take are no wait at all: a time limit that long is no limit.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(30);

    public static async Task<DocumentOutcome<T>[]> RunAsync<TIn, T>(
        IReadOnlyList<TIn> items, Func<TIn, DocumentBudget, T> work, DocumentLimits limits, TimeProvider clock,
        int parallelism, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(clock);
        var outcomes = new DocumentOutcome<T>[items.Count];
        using var gate = new SemaphoreSlim(Math.Max(1, parallelism));
        var running = new List<Task>(items.Count);
        OperationCanceledException? stopped = null;
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                // The item is taken now: the caller may reuse its list once this returns, while a document left behind still runs.
                var item = items[i];
                var task = Task.Run(() => work(item, DocumentBudget.Start(limits, clock)), cancellationToken);
                running.Add(FinishAsync(i, task));
            }
        }
        catch (OperationCanceledException e)
        {
            stopped = e;
        }
        // Every document started is finished or left behind before the gate goes away.
        await Task.WhenAll(running).ConfigureAwait(false);
        if (stopped is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(stopped);
        return outcomes;

        async Task FinishAsync(int index, Task<T> task)
        {
            try
            {
                if (limits.Time != Timeout.InfiniteTimeSpan && limits.Time + limits.Grace < MaxWait)
                {
                    using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    var waited = limits.Time + limits.Grace;
                    var first = await Task.WhenAny(task, Task.Delay(waited, clock, stop.Token)).ConfigureAwait(false);
                    await stop.CancelAsync().ConfigureAwait(false);
                    if (first != task)
                    {
                        // Observed so that its end, a limit hit at the next check, is not an unobserved exception.
                        _ = task.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                        cancellationToken.ThrowIfCancellationRequested();
                        outcomes[index] = DocumentOutcome<T>.Failed(
                            $"time limit hit: still running after {DocumentBudget.Seconds(waited)} s (limit {DocumentBudget.Seconds(limits.Time)} s), left behind");
                        return;
                    }
                }
                outcomes[index] = DocumentOutcome<T>.Done(await task.ConfigureAwait(false));
            }
            catch (DocumentLimitException e)
            {
                outcomes[index] = DocumentOutcome<T>.Failed(e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One document the pipeline cannot take must not stop the others: it fails with its reason.
                outcomes[index] = DocumentOutcome<T>.Failed($"failed: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
