namespace Dossier.Cli;

/// <summary>
/// Reports on the caller's thread when the report is made, one report at a time. <see cref="Progress{T}"/> would post
/// each report to the thread pool, so a line could come after the summary, or after the command has returned.
/// </summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _lock = new();

    public void Report(T value)
    {
        lock (_lock) report(value);
    }
}
