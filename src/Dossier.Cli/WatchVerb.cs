using System.CommandLine;
using Dossier.Ingest.Watch;
using Dossier.Store;

namespace Dossier.Cli;

/// <summary>`dossier watch FEED-URL...`: polls feeds, stores each new article and updates the stories, until Ctrl-C.</summary>
internal static class WatchVerb
{
    public static Command Command(TextWriter stdout, TextWriter stderr)
    {
        var feeds = new Argument<string[]>("feeds") { Description = "RSS or Atom feed URLs (http or https).", Arity = ArgumentArity.OneOrMore };
        var store = StoreVerbs.StoreOption();
        var every = new Option<string>("--every") { Description = "How often each feed is polled (default 10m; s, m, h).", DefaultValueFactory = _ => "10m" };
        var once = new Option<bool>("--once") { Description = "Poll every feed once now (a feed backing off after errors still waits), update the stories and stop: for cron." };
        var noUpdate = new Option<bool>("--no-update") { Description = "Only store the articles; leave annotation and stories to `dossier worker`." };
        var hostGap = new Option<string>("--host-gap") { Description = "Least time between two requests to one host (default 1s).", DefaultValueFactory = _ => "1s" };
        var timeout = new Option<string>("--timeout") { Description = "Time limit of each request (default 30s).", DefaultValueFactory = _ => "30s" };
        var maxBytes = new Option<long>("--max-bytes") { Description = "Largest response read, after decompression (default 10 MB).", DefaultValueFactory = _ => 10L * 1024 * 1024 };
        var allowPrivate = new Option<bool>("--allow-private") { Description = "Let feeds and their links reach loopback, private and link-local addresses (refused by default)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only errors." };
        var command = new Command("watch", "Poll RSS/Atom feeds, store each new article and keep the stories up to date.")
        {
            feeds, store, every, once, noUpdate, hostGap, timeout, maxBytes, allowPrivate, quiet,
        };
        var limits = new LimitOptions();
        limits.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var urls = parse.GetValue(feeds) ?? [];
            foreach (var url in urls)
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                    return StoreVerbs.Usage(stderr, $"not an http or https feed URL: '{url}'");
            if (Durations.Parse(parse.GetValue(every)) is not { } interval) return StoreVerbs.Usage(stderr, $"--every expects a duration such as 10m, got '{parse.GetValue(every)}'");
            if (Durations.Parse(parse.GetValue(hostGap)) is not { } gap) return StoreVerbs.Usage(stderr, $"--host-gap expects a duration such as 1s, got '{parse.GetValue(hostGap)}'");
            if (Durations.Parse(parse.GetValue(timeout)) is not { } limit) return StoreVerbs.Usage(stderr, $"--timeout expects a duration such as 30s, got '{parse.GetValue(timeout)}'");
            if (parse.GetValue(maxBytes) < 1024) return StoreVerbs.Usage(stderr, "--max-bytes must be at least 1024");

            var clock = TimeProvider.System;
            await using var opened = await StoreVerbs.OpenAsync(parse.GetValue(store), clock, stderr, cancellationToken);
            if (opened is null) return DossierCommand.ExitCodes.Failed;
            var isQuiet = parse.GetValue(quiet);
            var options = new WatchOptions { Every = interval, HostGap = gap, RequestTimeout = limit, MaxBytes = parse.GetValue(maxBytes), AllowPrivate = parse.GetValue(allowPrivate) };
            using var http = FeedWatcher.CreateHttpClient(options);
            var documentLimits = limits.Read(parse);
            var ingest = new StoreIngest(opened, clock) { Limits = documentLimits };
            var progress = new SyncProgress<WatchEvent>(e =>
            {
                // Failures are always worth a line; the rest only when not quiet.
                if (!isQuiet || e.Kind is WatchEventKind.FeedFailed or WatchEventKind.ItemFailed) stderr.WriteLine(e.ToString());
            });
            var watcher = new FeedWatcher(urls, http, new StoreWatchState(opened), new StoreArticleSink(ingest), options, clock, progress);
            var updater = parse.GetValue(noUpdate) ? null
                : new StoryUpdater(opened, clock, new UpdateOptions { Limits = documentLimits }) { Failed = (a, reason) => StoreVerbs.NotAnnotated(stderr, a, reason) };
            if (!isQuiet) stderr.WriteLine($"watching {watcher.Feeds.Count} feed(s) into {opened.Description}" + (parse.GetValue(once) ? "" : $", every {parse.GetValue(every)}; Ctrl-C stops"));
            var errors = 0;
            try
            {
                while (true)
                {
                    try
                    {
                        await watcher.RunOnceAsync(cancellationToken, notBefore: !parse.GetValue(once));
                        if (updater is not null)
                        {
                            var step = await updater.RunUntilIdleAsync(cancellationToken: cancellationToken);
                            if (!isQuiet && !step.Idle) stderr.WriteLine($"stories updated: {step.Grouped} articles placed" + (step.Failed > 0 ? $", {step.Failed} failed annotation" : ""));
                        }
                        errors = 0;
                    }
                    catch (System.Data.Common.DbException e) when (!parse.GetValue(once))
                    {
                        // The store went away or was busy: what was stored is kept, the feeds' state with it; wait and go on.
                        errors++;
                        var pause = TimeSpan.FromSeconds(Math.Min(300, 5 * Math.Pow(2, errors)));
                        stderr.WriteLine($"error: {e.Message}; trying again in {pause.TotalSeconds:F0} s");
                        await Task.Delay(pause, clock, cancellationToken);
                        continue;
                    }
                    if (parse.GetValue(once)) break;
                    var wait = await watcher.NextDueAsync(cancellationToken) - clock.GetUtcNow();
                    await Task.Delay(wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait, clock, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C: everything handled so far is stored, and the feeds' state with it.
            }
            catch (Exception e) when (e is System.Data.Common.DbException or StoryGroupingMismatchException)
            {
                stderr.WriteLine($"error: {e.Message}; what was stored is kept");
                return DossierCommand.ExitCodes.Failed;
            }
            var counts = await opened.CountAsync(CancellationToken.None);
            if (!isQuiet) stderr.WriteLine($"{opened.Description}: {counts.Articles} articles, {counts.Stories} stories" + (counts.Queued > 0 ? $", {counts.Queued} queued" : ""));
            return DossierCommand.ExitCodes.Ok;
        });
        return command;
    }
}
