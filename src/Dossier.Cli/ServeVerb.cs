using System.CommandLine;
using Dossier.Web;
using Microsoft.Extensions.Hosting;

namespace Dossier.Cli;

/// <summary>`dossier serve`: the store's stories as web pages and a JSON API, until Ctrl-C.</summary>
internal static class ServeVerb
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static Command Command(TextWriter stdout, TextWriter stderr)
    {
        var urls = new Option<string>("--urls") { Description = $"Where to listen, e.g. {DefaultUrl} (the default; several separated by ';').", DefaultValueFactory = _ => DefaultUrl };
        var store = StoreVerbs.StoreOption();
        var today = new Option<string?>("--today") { Description = "Take this date (YYYY-MM-DD) as today when inferring years." };
        var reportMemory = new Option<string>("--report-memory")
        {
            Description = "Bound on the estimated size of the story reports kept between requests (default 256M; K, M or G); the least recently read go first.",
            DefaultValueFactory = _ => "256M",
        };
        reportMemory.Validators.Add(result =>
        {
            if (LimitOptions.ParseBytes(result.GetValueOrDefault<string>()) is null or long.MaxValue)
                result.AddError($"--report-memory expects a size such as 256M or 1G, got '{result.GetValueOrDefault<string>()}'.");
        });
        var command = new Command("serve", "Serve the stored stories: web pages (no script) and a read-only JSON API (/api, described at /openapi/v1.json).")
        {
            urls, store, today, reportMemory,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!DossierCommand.TryClock(parse.GetValue(today), stderr, out var clock)) return DossierCommand.ExitCodes.Usage;
            var addresses = (parse.GetValue(urls) ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var address in addresses)
                if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
                {
                    stderr.WriteLine($"error: --urls expects http://HOST:PORT addresses, got '{address}'");
                    return DossierCommand.ExitCodes.Usage;
                }
            await using var opened = await StoreVerbs.OpenAsync(parse.GetValue(store), TimeProvider.System, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            // SQLite's async calls run synchronously, a thread each: start with enough threads that many readers at once
            // do not queue behind the pool's slow growth (under wrk with ingest running: p99 1.4 s and timeouts without).
            ThreadPool.GetMinThreads(out var workers, out var completion);
            ThreadPool.SetMinThreads(Math.Max(workers, 64), completion);
            await using var app = DossierWeb.Build(opened, clock, addresses, logWarnings: true, reportBytes: LimitOptions.ParseBytes(parse.GetValue(reportMemory))!.Value);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or FormatException)
            {
                stderr.WriteLine($"error: cannot listen on {string.Join(", ", addresses)}: {e.Message}");
                return DossierCommand.ExitCodes.Failed;
            }
            await stdout.WriteLineAsync($"serving {opened.Description} on {string.Join(", ", app.Urls)}");
            await stdout.FlushAsync(cancellationToken);
            // Ctrl-C cancels the token: the host stops, letting requests in flight finish.
            await app.WaitForShutdownAsync(cancellationToken);
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }
}
