using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Dossier.Group;
using Dossier.Model;
using Dossier.Store;
using Dossier.Tests.Group;
using Dossier.Tests.Support;
using Dossier.Web;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Dossier.Tests.Web;

[CollectionDefinition(Name)]
public sealed class ServedStoreCollection : ICollectionFixture<ServedStore>
{
    public const string Name = "served store";
}

/// <summary>
/// A SQLite store in a temporary folder holding the seeds, a few ECB+ texts of other events and one article carrying
/// HTML payloads, served by <see cref="DossierWeb"/> on 127.0.0.1 at a free port.
/// </summary>
public sealed class ServedStore : IAsyncLifetime
{
    public static readonly TimeProvider Clock = FixedClock.AtDay(new DateOnly(2026, 11, 22));
    public const string ScriptPayload = "<script>alert(1)</script>";
    public const string AttributePayload = "\"><img src=x onerror=alert(1)>";
    public const string HostileId = "hostile";
    public const string SeedArticle = "000_820e31d4643d348d";

    private readonly string _folder = Directory.CreateTempSubdirectory("dossier-web-").FullName;
    private IStoryStore? _sqlite;
    private WebApplication? _app;

    /// <summary>The store as the server sees it, counting how often a story's articles are read.</summary>
    public CountingStore Store { get; private set; } = null!;
    public string Address { get; private set; } = "";
    public HttpClient Http { get; } = new();

    public async ValueTask InitializeAsync()
    {
        _sqlite = await SqliteStore.OpenAsync(Path.Combine(_folder, "dossier.db"), Clock);
        var ecb = Directory.GetFiles(Path.Combine(Shared.Root, "data", "ecbplus", "text"), "*.txt")
            .GroupBy(f => Path.GetFileName(f).Split('_')[0])
            .Where(g => g.Key is "1" or "2" or "3")
            .SelectMany(g => g.Order(StringComparer.Ordinal).Take(2));
        await new StoreIngest(_sqlite, Clock).IngestAsync([Shared.Seeds, .. ecb]);
        await _sqlite.AddAsync(GroupSamples.Make(HostileId,
            $"Firefighters put out a warehouse fire in the harbour district on Tuesday, the city said. {ScriptPayload} "
            + $"The fire destroyed three buildings {AttributePayload} and forced 40 people from their homes, officials said.")
            with { Title = $"Warehouse fire {ScriptPayload} {AttributePayload}" }, "hostile.txt");
        await new StoryUpdater(_sqlite, Clock).RunUntilIdleAsync();
        Store = new CountingStore(_sqlite);
        _app = DossierWeb.Build(Store, Clock, ["http://127.0.0.1:0"]);
        await _app.StartAsync();
        Address = _app.Urls.Single().TrimEnd('/');
        Http.BaseAddress = new Uri(Address);
    }

    /// <summary>The story an article was put into, as the API reports it.</summary>
    public async Task<string> StoryOfAsync(string article)
    {
        var json = await Http.GetFromJsonAsync<JsonElement>("/api/articles/" + article);
        return json.GetProperty("story").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        if (_sqlite is not null) await _sqlite.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>A store that counts the reads of each story's articles (the costly path to a report), passing all else on.</summary>
public sealed class CountingStore(IStoryStore inner) : DelegatingStore(inner)
{
    private readonly ConcurrentDictionary<string, int> _reads = new(StringComparer.Ordinal);

    public int ArticleReads(string storyId) => _reads.GetValueOrDefault(storyId);

    /// <summary>Ids of stories merged away, and the story each went into (as a store answers after a merge).</summary>
    public ConcurrentDictionary<string, string> Merged { get; } = new(StringComparer.Ordinal);

    public override Task<StorySummary?> GetStoryAsync(string id, CancellationToken cancellationToken = default)
        => Inner.GetStoryAsync(Merged.GetValueOrDefault(id, id), cancellationToken);

    public override Task<IReadOnlyList<StoredArticle>> StoryArticlesAsync(string storyId, CancellationToken cancellationToken = default)
    {
        _reads.AddOrUpdate(storyId, 1, (_, n) => n + 1);
        return Inner.StoryArticlesAsync(storyId, cancellationToken);
    }
}
