using System.Data.Common;
using System.Globalization;

namespace Dossier.Store;

/// <summary>One schema change, applied once, in order of version.</summary>
public sealed record MigrationStep(int Version, string Description, string Sql);

/// <summary>
/// Brings a store's schema up to date when it is opened: each step not yet recorded in schema_version runs in its
/// own transaction with its record, so a store is always at one version, never between two.
/// </summary>
public static class Migrations
{
    /// <summary>Step 2 of both stores, whose SQL reads the same in both dialects: the state of story grouping.</summary>
    internal static MigrationStep GroupingState { get; } = new(2,
        "grouping state: how many times the stories were regrouped, and where this grouping's story numbers start",
        """
        CREATE TABLE grouping_state (
          id INTEGER PRIMARY KEY CHECK (id = 1),
          generation BIGINT NOT NULL,
          story_base BIGINT NOT NULL
        );
        INSERT INTO grouping_state (id, generation, story_base) VALUES (1, 0, 0);
        """);

    /// <summary>
    /// Step 3 of both stores: a story remembers the article that opened it (<c>first_seq</c>), so that once merged away
    /// its id follows that article through a split of the story it went into, and through a regrouping; and the stories
    /// merged into one are found by an index, not by reading every story, when that one is merged on or split. Stories
    /// made before take, when merged, their earliest article then.
    /// </summary>
    internal static MigrationStep FirstArticle { get; } = new(3,
        "stories remember the article that opened them, so a merged story's id follows it through a split; index of merged stories",
        """
        ALTER TABLE stories ADD COLUMN first_seq BIGINT;
        CREATE INDEX stories_merged ON stories (merged_into) WHERE merged_into IS NOT NULL;
        """);

    public static async Task<int> ApplyAsync(DbConnection connection, IReadOnlyList<MigrationStep> steps, string? preamble, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(steps);
        if (preamble is not null) await ExecuteAsync(connection, null, preamble, cancellationToken);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken);
        var applied = 0;
        foreach (var step in steps.OrderBy(s => s.Version))
        {
            await using var tx = await connection.BeginTransactionAsync(cancellationToken);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = tx;
                check.CommandText = $"SELECT COUNT(*) FROM schema_version WHERE version = {step.Version.ToString(CultureInfo.InvariantCulture)}";
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0) continue;
            }
            await ExecuteAsync(connection, tx, step.Sql, cancellationToken);
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = tx;
                record.CommandText = "INSERT INTO schema_version (version, description, applied_at) VALUES (@v, @d, @t)";
                AddParameter(record, "@v", step.Version);
                AddParameter(record, "@d", step.Description);
                AddParameter(record, "@t", clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken);
            }
            await tx.CommitAsync(cancellationToken);
            applied++;
        }
        return applied;
    }

    /// <summary>The highest version applied, 0 for a new store.</summary>
    public static async Task<int> VersionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
