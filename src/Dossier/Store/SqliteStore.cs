using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Dossier.Store;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer), full-text search with FTS5.
/// Each call opens a pooled connection, so one store serves a web server's concurrent requests.
/// </summary>
public sealed class SqliteStore : SqlStore
{
    private readonly string _connectionString;

    private SqliteStore(string path, TimeProvider clock) : base(clock)
    {
        Path = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 60,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public override string Description => $"SQLite {Path}";

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and brings its schema up to date.</summary>
    public static async Task<SqliteStore> OpenAsync(string path, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var store = new SqliteStore(path, clock);
        await using var connection = await store.ConnectAsync(cancellationToken);
        await Migrations.ApplyAsync(connection, SqliteSchema.Steps, "PRAGMA journal_mode=WAL;", clock, cancellationToken);
        return store;
    }

    private protected override async Task<DbConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL with NORMAL sync is durable across process crashes (only a power cut can lose the last commits).
        pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    // BEGIN IMMEDIATE takes the write lock at once: SQLite has one writer at a time.
    private protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    // The write lock is the grouping lock of this store.
    private protected override Task<DbTransaction> BeginGroupingAsync(DbConnection connection, CancellationToken cancellationToken) =>
        BeginWriteAsync(connection, cancellationToken);

    /// <summary>UTC instants as sortable ISO text.</summary>
    private protected override object Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private protected override object? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // Days are ISO text: a missing day never widens the range, and SQLite's two-argument MIN/MAX would make it NULL.
    private protected override string StoryUpsert =>
        """
        INSERT INTO stories (id, number, title, first_day, last_day, article_count, created_at, updated_at, version, first_seq)
        VALUES (@id, @number, @title, @day, @day, 1, @now, @now, 1, @seq)
        ON CONFLICT (id) DO UPDATE SET
          article_count = article_count + 1, updated_at = @now, version = version + 1,
          title = COALESCE(title, @title),
          first_day = CASE WHEN first_day IS NULL OR @day < first_day THEN COALESCE(@day, first_day) ELSE first_day END,
          last_day = CASE WHEN last_day IS NULL OR @day > last_day THEN COALESCE(@day, last_day) ELSE last_day END
        """;

    private protected override string MergeCounts =>
        """
        UPDATE stories SET
          article_count = article_count + (SELECT article_count FROM stories WHERE id = @from),
          first_day = MIN(COALESCE(first_day, '9999'), COALESCE((SELECT first_day FROM stories WHERE id = @from), '9999')),
          last_day = MAX(COALESCE(last_day, ''), COALESCE((SELECT last_day FROM stories WHERE id = @from), '')),
          updated_at = @now, version = version + 1
        WHERE id = @into;
        UPDATE stories SET first_day = NULLIF(first_day, '9999'), last_day = NULLIF(last_day, '') WHERE id = @into;
        """;

    private protected override string HostOfUrlKey => "substr(a.url_key, 1, instr(a.url_key || '/', '/') - 1)";

    private protected override string CountSql =>
        """
        SELECT (SELECT COUNT(*) FROM articles WHERE state = 'queued'), (SELECT COUNT(*) FROM articles WHERE state = 'annotated'),
               (SELECT COUNT(*) FROM articles WHERE state = 'grouped'), (SELECT COUNT(*) FROM articles WHERE state = 'failed'),
               (SELECT COUNT(*) FROM stories WHERE merged_into IS NULL)
        """;

    // bm25 is lower for a better match: the score is its negation, so higher is better as in every store.
    private protected override (string Sql, (string Name, object? Value)[] Parameters)? SearchCommand(string query, int limit) =>
        SearchQuery.ToFts5(query) is not { } match ? null :
        ("""
         SELECT a.id, a.title, (SELECT COALESCE(merged_into, id) FROM stories WHERE id = a.story),
                snippet(articles_fts, -1, '[', ']', '…', 24), -bm25(articles_fts, 4.0, 1.0)
         FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
         WHERE articles_fts MATCH @match
         ORDER BY bm25(articles_fts, 4.0, 1.0), a.seq LIMIT @limit
         """, [("@match", match), ("@limit", limit)]);

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open (and its WAL): release them so the file can be moved or deleted.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }
}
