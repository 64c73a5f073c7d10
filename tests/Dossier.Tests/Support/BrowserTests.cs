using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Dossier.Tests.Support;

public sealed class BrowserTests(Browser browser)
{
    private const string Marker = "<script>document.body.setAttribute('data-script-ran', 'yes')</script>";

    [Fact]
    public async Task Following_a_link_opens_the_linked_page()
    {
        await using var site = PageSite.Start(new Dictionary<string, (string Html, string? Policy)>
        {
            ["/"] = ("<html><body><a id=\"next\" href=\"/story\">Read the story</a></body></html>", null),
            ["/story"] = ("<html><body><h1>Bridge reopens after flood</h1></body></html>", null),
        });
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(site.Address + "/");
        await page.ClickAsync("#next");
        // Polls the URL: WaitForURLAsync can miss a navigation that has already landed and hang until its timeout.
        await Microsoft.Playwright.Assertions.Expect(page).ToHaveURLAsync(site.Address + "/story", new() { Timeout = 120_000 });
        Assert.Equal("Bridge reopens after flood", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task A_policy_forbidding_inline_script_stops_it_and_only_it()
    {
        await using var site = PageSite.Start(new Dictionary<string, (string Html, string? Policy)>
        {
            ["/open"] = ($"<html><body><p>open</p>{Marker}</body></html>", null),
            ["/locked"] = ($"<html><body><p>locked</p>{Marker}</body></html>", "default-src 'self'; script-src 'self'"),
        });
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(site.Address + "/open");
        Assert.Equal("yes", await page.GetAttributeAsync("body", "data-script-ran"));

        await page.GotoAsync(site.Address + "/locked");
        Assert.Equal("locked", await page.TextContentAsync("p"));
        Assert.Null(await page.GetAttributeAsync("body", "data-script-ran"));
    }

    /// <summary>A tiny HTTP site on 127.0.0.1 serving fixed pages, each with an optional Content-Security-Policy.</summary>
    private sealed class PageSite : IAsyncDisposable
    {
        private readonly HttpListener _listener;
        private readonly Task _serving;

        private PageSite(HttpListener listener, IReadOnlyDictionary<string, (string Html, string? Policy)> pages, string address)
        {
            _listener = listener;
            Address = address;
            _serving = Task.Run(() => ServeAsync(pages));
        }

        public string Address { get; }

        public static PageSite Start(IReadOnlyDictionary<string, (string Html, string? Policy)> pages)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var address = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add(address + "/");
            listener.Start();
            return new PageSite(listener, pages, address);
        }

        private async Task ServeAsync(IReadOnlyDictionary<string, (string Html, string? Policy)> pages)
        {
            while (_listener.IsListening)
            {
                HttpListenerContext exchange;
                try { exchange = await _listener.GetContextAsync(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; } // stopped
                using var response = exchange.Response;
                if (!pages.TryGetValue(exchange.Request.Url?.AbsolutePath ?? "", out var found))
                {
                    response.StatusCode = 404;
                    continue;
                }
                var body = Encoding.UTF8.GetBytes(found.Html);
                response.ContentType = "text/html; charset=utf-8";
                if (found.Policy is not null) response.AddHeader("Content-Security-Policy", found.Policy);
                response.ContentLength64 = body.Length;
                await response.OutputStream.WriteAsync(body);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            _listener.Close();
            await _serving;
        }
    }
}
