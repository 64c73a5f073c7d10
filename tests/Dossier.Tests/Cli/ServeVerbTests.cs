using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dossier.Cli;
using Xunit;

namespace Dossier.Tests.Cli;

public sealed class ServeVerbTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dossier-serve-").FullName;

    [Fact]
    public async Task Serve_says_where_it_listens_answers_there_and_stops_when_cancelled()
    {
        var store = Path.Combine(_folder, "dossier.db");
        var stdout = new StringWriter();
        var output = TextWriter.Synchronized(stdout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = DossierCommand.RunAsync(["serve", "--urls", "http://127.0.0.1:0", "--store", store], output, TextWriter.Synchronized(new StringWriter()), stop.Token);

        Match said = Match.Empty;
        for (var i = 0; i < 600 && !(said = Regex.Match(stdout.ToString(), @"^serving (.+) on (http://127\.0\.0\.1:\d+)")).Success && !run.IsCompleted; i++)
            await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.True(said.Success, stdout.ToString());
        Assert.Contains(store, said.Groups[1].Value);

        using var http = new HttpClient { BaseAddress = new Uri(said.Groups[2].Value) };
        var status = await http.GetFromJsonAsync<JsonElement>("/api/status", TestContext.Current.CancellationToken);
        Assert.Equal(0, status.GetProperty("stories").GetInt64());

        await stop.CancelAsync();
        Assert.Equal(DossierCommand.ExitCodes.Ok, await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Serve_refuses_an_address_that_is_not_http()
    {
        var stderr = new StringWriter();
        var code = await DossierCommand.RunAsync(["serve", "--urls", "ftp://127.0.0.1:21", "--store", Path.Combine(_folder, "x.db")], new StringWriter(), stderr, TestContext.Current.CancellationToken);
        Assert.Equal(DossierCommand.ExitCodes.Usage, code);
        Assert.Contains("--urls", stderr.ToString());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
