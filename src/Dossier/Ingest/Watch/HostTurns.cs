using System.Collections.Concurrent;

namespace Dossier.Ingest.Watch;

/// <summary>
/// Politeness towards each host: one request at a time, and a gap after each before the next begins.
/// </summary>
internal sealed class HostTurns(TimeProvider time, TimeSpan gap)
{
    private sealed class Host
    {
        public readonly SemaphoreSlim Turn = new(1, 1);
        public DateTimeOffset? LastEnded;
    }

    private readonly ConcurrentDictionary<string, Host> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for the host of <paramref name="url"/> to be free and rested; disposing the turn frees it.</summary>
    public async Task<IDisposable> WaitAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = _hosts.GetOrAdd(url.IdnHost, static _ => new Host());
        await host.Turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (host.LastEnded is { } last)
            {
                var wait = last + gap - time.GetUtcNow();
                if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            host.Turn.Release();
            throw;
        }
        return new Held(host, time);
    }

    private sealed class Held(Host host, TimeProvider time) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            host.LastEnded = time.GetUtcNow();
            host.Turn.Release();
        }
    }
}
