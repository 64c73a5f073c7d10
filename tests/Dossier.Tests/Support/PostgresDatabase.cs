using Xunit;
namespace Dossier.Tests.Support;

/// <summary>A class fixture: one fresh database on the shared <see cref="PostgresServer"/> for each test class that asks for it.</summary>
public sealed class PostgresDatabase(PostgresServer server) : IAsyncLifetime
{
    private string? _connectionString;

    /// <summary>The Npgsql connection string of this class's own database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("database not created yet");

    public async ValueTask InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
