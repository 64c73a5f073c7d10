using Microsoft.Playwright;
using Xunit;

[assembly: AssemblyFixture(typeof(Dossier.Tests.Support.Browser))]

namespace Dossier.Tests.Support;

/// <summary>
/// Debian's headless Chromium driven through Playwright, launched on the first <see cref="NewContextAsync"/> and closed
/// at the end of the run. Playwright's bundled driver runs from the build output; no browser is ever downloaded.
/// A browser that cannot start makes every test that asks for it fail with the reason.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";
    private readonly Lazy<Task<(IPlaywright Driver, IBrowser Chromium)>> _launch;

    public Browser() => _launch = new(LaunchAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A fresh, isolated browser context (own cookies and storage); the caller disposes it.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var (_, chromium) = await _launch.Value;
        return await chromium.NewContextAsync(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_launch.IsValueCreated) return;
        (IPlaywright Driver, IBrowser Chromium) launched;
        try { launched = await _launch.Value; }
        catch (InvalidOperationException) { return; } // a browser that never launched left nothing running
        await launched.Chromium.CloseAsync();
        launched.Driver.Dispose();
    }

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing (apt-get install -y chromium; .ci/run does it)");
        var driver = await Playwright.CreateAsync();
        try
        {
            var chromium = await driver.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Executable,
                Headless = true,
                // Root needs --no-sandbox; the rest keeps Chromium off the network and quiet.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run"],
            });
            return (driver, chromium);
        }
        catch (PlaywrightException e)
        {
            driver.Dispose();
            throw new InvalidOperationException($"Playwright could not launch {Executable}: {e.Message}", e);
        }
    }
}
