using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Dossier.Ingest.Watch;

/// <summary>What one GET brought: the body (within the size limit), or why there is none.</summary>
internal sealed record Download(HttpStatusCode Status, Uri Url)
{
    public byte[]? Body { get; init; }
    public string? MediaType { get; init; }
    public string? Charset { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public string? Failure { get; init; }

    public bool NotModified => Status == HttpStatusCode.NotModified && Failure is null;

    /// <summary>
    /// GETs <paramref name="url"/> with a timeout covering headers and body, refusing a body over
    /// <paramref name="maxBytes"/> (declared or counted as read, so it is never held whole).
    /// </summary>
    public static async Task<Download> GetAsync(
        HttpClient http, Uri url, Action<HttpRequestMessage>? prepare, TimeSpan timeout, long maxBytes,
        TimeProvider time, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            prepare?.Invoke(request);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var final = response.RequestMessage?.RequestUri ?? url;
            var headers = new Download(response.StatusCode, final)
            {
                ETag = response.Headers.ETag?.ToString(),
                LastModified = response.Content.Headers.TryGetValues("Last-Modified", out var modified) ? modified.FirstOrDefault() : null,
                RetryAfter = RetryAfterOf(response.Headers.RetryAfter, time),
                MediaType = response.Content.Headers.ContentType?.MediaType,
                Charset = response.Content.Headers.ContentType?.CharSet,
            };
            if (response.StatusCode == HttpStatusCode.NotModified) return headers;
            if (!response.IsSuccessStatusCode)
                return headers with { Failure = $"HTTP {(int)response.StatusCode} ({response.ReasonPhrase})" };
            if (response.Content.Headers.ContentLength is { } declared && declared > maxBytes)
                return headers with { Failure = $"too large: {declared} bytes, limit {maxBytes}" };
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var body = new MemoryStream();
                var buffer = new byte[81920];
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, linked.Token).ConfigureAwait(false);
                    if (read == 0) break;
                    if (body.Length + read > maxBytes)
                        return headers with { Failure = $"too large: over {maxBytes} bytes" };
                    body.Write(buffer, 0, read);
                }
                return headers with { Body = body.ToArray() };
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our timer, or the HttpClient's own Timeout: either way the host took too long.
            return new Download(0, url) { Failure = $"timed out after {Seconds(timeout)} s" };
        }
        catch (HttpRequestException ex) when (Refusal(ex) is { } refused)
        {
            return new Download(0, url) { Failure = refused.Message };
        }
        catch (HttpRequestException ex)
        {
            return new Download(0, url) { Failure = ex.Message };
        }
        catch (IOException ex)
        {
            return new Download(0, url) { Failure = ex.Message };
        }
    }

    private static AddressRefusedException? Refusal(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is AddressRefusedException refused) return refused;
        return null;
    }

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? value, TimeProvider time)
    {
        if (value?.Delta is { } delta) return delta;
        if (value?.Date is { } date) return date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;
        return null;
    }
}
