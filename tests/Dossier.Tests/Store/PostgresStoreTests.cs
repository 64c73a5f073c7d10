using Dossier.Store;
using Dossier.Tests.Group;
using Dossier.Tests.Support;
using Npgsql;
using Xunit;

namespace Dossier.Tests.Store;

/// <summary>The store contract against PostgreSQL: each test gets a database of its own on the throwaway server.</summary>
public sealed class PostgresStoreTests(PostgresServer server) : StoreContract
{
    private string? _connectionString;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override async Task<IStoryStore> OpenEmptyAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        return await PostgresStore.OpenAsync(_connectionString, Clock, Token);
    }

    protected override async Task<IStoryStore> ReopenAsync() =>
        await PostgresStore.OpenAsync(_connectionString ?? throw new InvalidOperationException("no database opened yet"), Clock, Token);

    protected override async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString ?? throw new InvalidOperationException("no database opened yet"));
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    [Fact]
    public async Task Workers_opening_a_new_database_at_once_migrate_it_once()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStore.OpenAsync(connectionString, Clock, Token))));
        foreach (var store in stores) await store.DisposeAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schema_version", connection);
        Assert.Equal((long)PostgresSchema.Steps.Count, await count.ExecuteScalarAsync(Token));
    }

    [Fact]
    public async Task Workers_adding_the_same_articles_at_once_store_each_once()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var first = await PostgresStore.OpenAsync(connectionString, Clock, Token);
        await using var second = await PostgresStore.OpenAsync(connectionString, Clock, Token);
        var articles = Enumerable.Range(0, 30)
            .Select(i => GroupSamples.Make(i % 3 == 0 ? "same-name" : $"a{i}", $"Report number {i} on the harbour works."))
            .ToList();
        async Task<List<AddOutcome>> AddAll(IStoryStore store)
        {
            var outcomes = new List<AddOutcome>();
            foreach (var article in articles) outcomes.Add(await store.AddAsync(article, null, Token));
            return outcomes;
        }
        var both = await Task.WhenAll(Task.Run(() => AddAll(first)), Task.Run(() => AddAll(second)));

        Assert.Equal(30, both.SelectMany(o => o).Count(o => o.Added));
        Assert.Equal(30, (await first.CountAsync(Token)).Articles);
        // Each article has one id, whichever worker stored it, and the other worker was told that id.
        for (var i = 0; i < articles.Count; i++) Assert.Equal(both[0][i].Id, both[1][i].Id);
        Assert.Equal(30, both[0].Select(o => o.Id).Distinct().Count());
    }

    [Fact]
    public async Task A_worker_whose_connection_drops_mid_batch_leaves_its_articles_queued_for_another()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var dying = await PostgresStore.OpenAsync(connectionString, Clock, Token);
        await using var other = await PostgresStore.OpenAsync(connectionString, Clock, Token);
        for (var i = 0; i < 6; i++) await dying.AddAsync(GroupSamples.Make($"a{i}", $"Dispatch {i} from the flooded valley."), null, Token);

        var seenByOther = -1;
        await Assert.ThrowsAnyAsync<Exception>(() => dying.AnnotateAsync(4, claimed =>
        {
            // While the batch is claimed, another worker sees only the rest.
            seenByOther = other.AnnotateAsync(10, c => [], Token).GetAwaiter().GetResult();
            using var admin = new NpgsqlConnection(connectionString);
            admin.Open();
            using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'", admin);
            kill.ExecuteNonQuery();
            // Termination is asynchronous: the backend's row locks last until it has exited, and until then another
            // worker's claim would skip those rows. Wait for it (a few milliseconds; at most ten seconds).
            using var left = new NpgsqlCommand(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'", admin);
            for (var wait = 0; wait < 1000 && Convert.ToInt64(left.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0; wait++)
                Thread.Sleep(10);
            return claimed.Select(c => AnnotationResult.Failed(c.Seq, "never saved")).ToList();
        }, Token));

        Assert.Equal(2, seenByOther);
        Assert.Equal(6, (await other.CountAsync(Token)).Queued);
        Assert.Equal(6, await other.AnnotateAsync(10, claimed => claimed.Select(c => AnnotationResult.Failed(c.Seq, "checked")).ToList(), Token));
    }

    [Fact]
    public async Task The_description_names_the_database_without_the_password()
    {
        var builder = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()) { Password = "s3cret-word" };
        await using var store = await PostgresStore.OpenAsync(builder.ConnectionString, Clock, Token);
        Assert.Contains(builder.Database!, store.Description);
        Assert.DoesNotContain("s3cret-word", store.Description);
    }
}
