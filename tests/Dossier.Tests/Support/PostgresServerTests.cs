using Npgsql;
using Xunit;

namespace Dossier.Tests.Support;

public sealed class PostgresServerTests(PostgresDatabase database, PostgresServer server) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task A_fresh_database_stores_and_returns_rows()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using (var create = new NpgsqlCommand("CREATE TABLE story (id int PRIMARY KEY, headline text NOT NULL)", connection))
            await create.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using (var insert = new NpgsqlCommand("INSERT INTO story VALUES (1, 'Flood closes bridge'), (2, 'Council votes')", connection))
            Assert.Equal(2, await insert.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        await using var select = new NpgsqlCommand("SELECT headline FROM story WHERE id = 2", connection);
        Assert.Equal("Council votes", await select.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_server_is_postgresql_with_trigram_search()
    {
        await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var version = new NpgsqlCommand("SELECT version()", connection);
        Assert.StartsWith("PostgreSQL ", (string?)await version.ExecuteScalarAsync(TestContext.Current.CancellationToken));

        await using (var extension = new NpgsqlCommand("CREATE EXTENSION pg_trgm", connection))
            await extension.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await using var similarity = new NpgsqlCommand("SELECT similarity('flood', 'floods') > 0.5", connection);
        Assert.Equal(true, await similarity.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Each_call_gives_a_database_of_its_own()
    {
        var first = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync());
        var second = new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync());
        Assert.NotEqual(first.Database, second.Database);
        Assert.Equal("127.0.0.1", first.Host);
        Assert.NotEqual(database.ConnectionString, first.ConnectionString);
    }
}
