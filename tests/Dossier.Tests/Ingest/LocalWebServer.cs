using System.Collections.Concurrent;
using System.Collections.Specialized;
using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;

namespace Dossier.Tests.Ingest;

/// <summary>What the test server answers to one path.</summary>
internal sealed record Reply(byte[] Body)
{
    public int Status { get; init; } = 200;
    public string? ContentType { get; init; } = "text/html; charset=utf-8";
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>Send without a Content-Length, so only counting the bytes can tell the size.</summary>
    public bool Chunked { get; init; }
    public bool Gzip { get; init; }
    /// <summary>Time the server "thinks" before answering; requests thinking at once are counted as overlapping.</summary>
    public TimeSpan Delay { get; init; }
    /// <summary>Never answer (until the server stops).</summary>
    public bool Hang { get; init; }

    public static Reply Text(string body, string contentType = "text/html; charset=utf-8")
        => new(System.Text.Encoding.UTF8.GetBytes(body)) { ContentType = contentType };
}

/// <summary>One request the server saw: its path, headers and when (server clock) it came and was answered (MaxValue: not yet).</summary>
internal sealed record Hit(string Path, NameValueCollection Headers, TimeSpan Started, TimeSpan Ended);

/// <summary>An HTTP server on 127.0.0.1 and a free port, in process, for one test.</summary>
internal sealed class LocalWebServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly Lock _lock = new();
    private readonly List<Hit> _hits = [];
    private int _thinking;

    public ConcurrentDictionary<string, Func<HttpListenerRequest, Reply>> Routes { get; } = new(StringComparer.Ordinal);
    public Uri Base { get; }
    public int MaxOverlap { get; private set; }

    public LocalWebServer()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                _listener = listener;
                Base = new Uri($"http://127.0.0.1:{port}/");
                break;
            }
            catch (HttpListenerException) when (attempt < 10)
            {
                listener.Close();
            }
        }
        _loop = Task.Run(AcceptAsync);
    }

    public string Url(string path) => new Uri(Base, path).AbsoluteUri;

    public IReadOnlyList<Hit> Hits
    {
        get { lock (_lock) return [.. _hits]; }
    }

    public IReadOnlyList<Hit> HitsTo(string path) => [.. Hits.Where(h => h.Path == path)];

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            catch (HttpListenerException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    private async Task ServeAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var started = Stopwatch.GetElapsedTime(_origin);
        var response = context.Response;
        int index;
        // Recorded on arrival, so a client that has its answer always finds its request counted.
        lock (_lock) { index = _hits.Count; _hits.Add(new Hit(path, context.Request.Headers, started, TimeSpan.MaxValue)); }
        try
        {
            Reply reply;
            lock (_lock) MaxOverlap = Math.Max(MaxOverlap, ++_thinking);
            try
            {
                reply = Routes.TryGetValue(path, out var route) ? route(context.Request) : new Reply([]) { Status = 404 };
                if (reply.Delay > TimeSpan.Zero) await Task.Delay(reply.Delay, _stop.Token);
            }
            finally
            {
                // Counted down before the answer goes out, so a client waiting for it cannot look like an overlap.
                lock (_lock) _thinking--;
            }
            if (reply.Hang) await Task.Delay(Timeout.Infinite, _stop.Token);
            response.StatusCode = reply.Status;
            if (reply.ContentType is not null) response.ContentType = reply.ContentType;
            foreach (var (name, value) in reply.Headers) response.Headers[name] = value;
            var body = reply.Body;
            if (reply.Gzip)
            {
                using var packed = new MemoryStream();
                using (var gzip = new GZipStream(packed, CompressionLevel.Fastest)) gzip.Write(body);
                body = packed.ToArray();
                response.Headers["Content-Encoding"] = "gzip";
            }
            if (reply.Chunked) response.SendChunked = true;
            else response.ContentLength64 = body.Length;
            if (body.Length > 0) await response.OutputStream.WriteAsync(body, _stop.Token);
            response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client gave up (size limit, timeout) or the test is over.
            try { response.Abort(); } catch (ObjectDisposedException) { }
        }
        finally
        {
            var ended = Stopwatch.GetElapsedTime(_origin);
            lock (_lock) _hits[index] = _hits[index] with { Ended = ended };
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Close();
        try { await _loop; } catch (ObjectDisposedException) { }
        _stop.Dispose();
    }
}
