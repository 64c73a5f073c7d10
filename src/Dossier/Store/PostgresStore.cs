using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Dossier.Store;

/// <summary>
/// The shared store: one PostgreSQL database that many workers use at once. Annotation claims queued rows with
/// FOR UPDATE SKIP LOCKED (a worker that dies rolls back and its rows are queued again); grouping holds a
/// transaction-scoped advisory lock; search is a weighted tsvector column with a GIN index.
/// </summary>
public sealed class PostgresStore : SqlStore
{
    private readonly NpgsqlDataSource _source;

    private PostgresStore(string connectionString, TimeProvider clock) : base(clock)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
    }

    /// <summary>Where the store is, without the password.</summary>
    public override string Description { get; }

    /// <summary>Opens the store named by an Npgsql <paramref name="connectionString"/> and brings its schema up to date.</summary>
    public static async Task<PostgresStore> OpenAsync(string connectionString, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        ArgumentNullException.ThrowIfNull(clock);
        var store = new PostgresStore(connectionString, clock);
        try
        {
            await using var connection = await store._source.OpenConnectionAsync(cancellationToken);
            // Workers opening a new database at the same time would race to create the tables: one migrates, the rest wait.
            await using (var lockCommand = Command(connection, null, "SELECT pg_advisory_lock(@key)", ("@key", PostgresSchema.MigrationLock)))
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            try
            {
                await Migrations.ApplyAsync(connection, PostgresSchema.Steps, null, clock, cancellationToken);
            }
            finally
            {
                await using var unlock = Command(connection, null, "SELECT pg_advisory_unlock(@key)", ("@key", PostgresSchema.MigrationLock));
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    private protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    private protected override async Task<DbTransaction> BeginGroupingAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Held until commit or rollback: one grouping writer at a time; each statement after it sees what the last one committed.
        await using (var lockCommand = Command(connection, tx, "SELECT pg_advisory_xact_lock(@key)", ("@key", PostgresSchema.GroupingLock)))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        return tx;
    }

    // The claim is the row locks of the annotating transaction: other workers skip these rows, and they are queued again if it rolls back.
    private protected override string ClaimLock => "FOR UPDATE SKIP LOCKED";

    private protected override object Instant(DateTimeOffset instant) => instant.ToUniversalTime();

    private protected override object? Day(DateOnly? day) => day;

    // PostgreSQL text cannot hold NUL: it becomes U+FFFD, one character for one, so spans into the text still hold.
    private protected override string? Storable(string? text) => text?.Replace('\0', '\uFFFD');

    private protected override string StoryUpsert =>
        """
        INSERT INTO stories (id, number, title, first_day, last_day, article_count, created_at, updated_at, version, first_seq)
        VALUES (@id, @number, @title, @day::date, @day::date, 1, @now, @now, 1, @seq)
        ON CONFLICT (id) DO UPDATE SET
          article_count = stories.article_count + 1, updated_at = EXCLUDED.updated_at, version = stories.version + 1,
          title = COALESCE(stories.title, EXCLUDED.title),
          first_day = LEAST(stories.first_day, EXCLUDED.first_day),
          last_day = GREATEST(stories.last_day, EXCLUDED.last_day)
        """;

    private protected override string MergeCounts =>
        """
        UPDATE stories t SET
          article_count = t.article_count + f.article_count,
          first_day = LEAST(t.first_day, f.first_day),
          last_day = GREATEST(t.last_day, f.last_day),
          updated_at = @now, version = t.version + 1
        FROM stories f WHERE t.id = @into AND f.id = @from;
        """;

    private protected override string HostOfUrlKey => "split_part(a.url_key, '/', 1)";

    private protected override string CountSql =>
        """
        SELECT COUNT(*) FILTER (WHERE state = 'queued'), COUNT(*) FILTER (WHERE state = 'annotated'),
               COUNT(*) FILTER (WHERE state = 'grouped'), COUNT(*) FILTER (WHERE state = 'failed'),
               (SELECT COUNT(*) FROM stories WHERE merged_into IS NULL)
        FROM articles
        """;

    private protected override (string Sql, (string Name, object? Value)[] Parameters)? SearchCommand(string query, int limit)
    {
        var words = SearchQuery.Words(query);
        if (words.Count == 0) return null;
        // Each word is a parameter read as a word, never as tsquery syntax: plainto_tsquery for all but the last, which
        // is quoted as one lexeme and matched as a prefix (the reader may still be typing it).
        var terms = words.Select((_, i) => i == words.Count - 1
            ? $"to_tsquery('{PostgresSchema.SearchConfig}', quote_literal(@w{i.ToString(CultureInfo.InvariantCulture)}) || ':*')"
            : $"plainto_tsquery('{PostgresSchema.SearchConfig}', @w{i.ToString(CultureInfo.InvariantCulture)})");
        var parameters = words.Select((w, i) => ($"@w{i.ToString(CultureInfo.InvariantCulture)}", (object?)w)).Append(("@limit", limit)).ToArray();
        // The passage is cut only for the hits kept (ts_headline reads the whole text).
        return ($"""
            SELECT h.id, h.title, (SELECT COALESCE(merged_into, id) FROM stories WHERE id = h.story),
                   ts_headline('{PostgresSchema.SearchConfig}', concat_ws(E'\n', h.title, h.text), h.q,
                               'StartSel=[, StopSel=], MaxWords=24, MinWords=12, MaxFragments=1, FragmentDelimiter=" … "'),
                   h.rank
            FROM (
              SELECT a.id, a.title, a.story, a.text, a.seq, query.q, ts_rank_cd(s.search, query.q)::float8 AS rank
              FROM article_search s JOIN articles a ON a.seq = s.seq, (SELECT {string.Join(" && ", terms)} AS q) query
              WHERE s.search @@ query.q
              ORDER BY rank DESC, a.seq LIMIT @limit
            ) h
            ORDER BY h.rank DESC, h.seq
            """, parameters);
    }

    /// <summary>Closes the pooled connections.</summary>
    public override ValueTask DisposeAsync() => _source.DisposeAsync();
}
