using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dossier.Group;
using Dossier.Model;
using Microsoft.Data.Sqlite;

namespace Dossier.Store;

/// <summary>
/// The embedded store: one SQLite file in WAL mode (readers never wait for the writer), full-text search with FTS5.
/// Each call opens a pooled connection, so one store serves a web server's concurrent requests.
/// </summary>
public sealed class SqliteStore : IStoryStore
{
    private readonly string _connectionString;
    private readonly TimeProvider _clock;

    private SqliteStore(string path, TimeProvider clock)
    {
        Path = System.IO.Path.GetFullPath(path);
        _clock = clock;
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

    public string Description => $"SQLite {Path}";

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/> and brings its schema up to date.</summary>
    public static async Task<SqliteStore> OpenAsync(string path, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        var store = new SqliteStore(path, clock);
        await using var connection = await store.ConnectAsync(cancellationToken);
        await Migrations.ApplyAsync(connection, SqliteSchema.Steps, "PRAGMA journal_mode=WAL;", cancellationToken);
        return store;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        // WAL with NORMAL sync is durable across process crashes (only a power cut can lose the last commits).
        pragma.CommandText = "PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=60000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    public async Task<AddOutcome> AddAsync(Article article, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        await using var connection = await ConnectAsync(cancellationToken);
        await using var tx = connection.BeginTransaction(deferred: false);
        var urlKey = StoreJson.UrlKey(article);
        await using (var find = Command(connection, tx,
            "SELECT id, content_hash = $hash FROM articles WHERE content_hash = $hash OR ($url IS NOT NULL AND url_key = $url) LIMIT 1",
            ("$hash", article.ContentHash), ("$url", urlKey)))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
                return AddOutcome.Duplicate(reader.GetString(0), reader.GetBoolean(1) ? "same text as a stored article" : "same address as a stored article");
        }
        var id = await FreeIdAsync(connection, tx, article.Id, cancellationToken);
        var stored = article with { Id = id };
        await using (var insert = Command(connection, tx,
            """
            INSERT INTO articles (id, content_hash, url_key, title, site, url, published, source, ingested_at, body, text)
            VALUES ($id, $hash, $url, $title, $site, $address, $published, $source, $now, $body, $text)
            """,
            ("$id", id), ("$hash", article.ContentHash), ("$url", urlKey), ("$title", article.Title), ("$site", article.Site),
            ("$address", article.CanonicalUrl ?? article.Url), ("$published", StoreJson.SortableDate(article)), ("$source", source),
            ("$now", Timestamp(_clock.GetUtcNow())), ("$body", StoreJson.WriteArticle(stored)), ("$text", article.Text)))
            await insert.ExecuteNonQueryAsync(cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return AddOutcome.Stored(id);
    }

    /// <summary>The article's own id when free, else the id with the first free "-2", "-3" ... (two files may share a name).</summary>
    private static async Task<string> FreeIdAsync(SqliteConnection connection, SqliteTransaction tx, string id, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? id : $"{id}-{n}";
            await using var probe = Command(connection, tx, "SELECT 1 FROM articles WHERE id = $id", ("$id", candidate));
            if (await probe.ExecuteScalarAsync(cancellationToken) is null) return candidate;
        }
    }

    public async Task<int> AnnotateAsync(int max, Func<IReadOnlyList<StoredArticle>, IReadOnlyList<AnnotationResult>> annotate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotate);
        await using var connection = await ConnectAsync(cancellationToken);
        List<StoredArticle> claimed;
        await using (var select = Command(connection, null,
            $"SELECT {ArticleColumns} FROM articles WHERE state = 'queued' ORDER BY seq LIMIT $max", ("$max", max)))
            claimed = await ReadArticlesAsync(select, cancellationToken);
        if (claimed.Count == 0) return 0;
        // SQLite has one writer at a time: the work is done outside the write lock, and a row another process finished
        // meanwhile is left as it is (the state check), so nothing is annotated into a story twice.
        var results = annotate(claimed);
        await using var tx = connection.BeginTransaction(deferred: false);
        foreach (var result in results) await SaveAnnotationAsync(connection, tx, result, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    private static async Task SaveAnnotationAsync(SqliteConnection connection, SqliteTransaction tx, AnnotationResult result, CancellationToken cancellationToken)
    {
        await using var update = result.Error is { } error
            ? Command(connection, tx,
                "UPDATE articles SET state = 'failed', error = $error, attempts = attempts + 1 WHERE seq = $seq AND state = 'queued'",
                ("$error", error), ("$seq", result.Seq))
            : Command(connection, tx,
                """
                UPDATE articles SET state = 'annotated', features = $features, body = $body, published = $published, attempts = attempts + 1
                WHERE seq = $seq AND state = 'queued'
                """,
                ("$features", StoreJson.WriteFeatures(result.Features!)), ("$body", StoreJson.WriteArticle(result.Article!)),
                ("$published", StoreJson.SortableDate(result.Article!)), ("$seq", result.Seq));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> GroupAsync(Func<IGroupSession, Task<int>> step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var connection = await ConnectAsync(cancellationToken);
        // BEGIN IMMEDIATE takes the write lock at once: the grouping lock of this store.
        await using var tx = connection.BeginTransaction(deferred: false);
        long lastRank;
        await using (var rank = Command(connection, tx, "SELECT COALESCE(MAX(group_rank), 0) FROM articles"))
            lastRank = Convert.ToInt64(await rank.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var session = new Session(this, connection, tx, lastRank);
        var result = await step(session);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    private sealed class Session(SqliteStore store, SqliteConnection connection, SqliteTransaction tx, long lastRank) : IGroupSession
    {
        public long LastRank { get; private set; } = lastRank;

        public async IAsyncEnumerable<ArticleFeatures> ReplayAsync(long afterRank, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var select = Command(connection, tx,
                "SELECT features FROM articles WHERE group_rank > $rank ORDER BY group_rank", ("$rank", afterRank));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) yield return StoreJson.ReadFeatures(reader.GetString(0));
        }

        public async Task<IReadOnlyList<PendingArticle>> PendingAsync(int max, CancellationToken cancellationToken)
        {
            await using var select = Command(connection, tx,
                """
                SELECT seq, id, title, body, features FROM articles
                WHERE state = 'annotated'
                  AND seq < COALESCE((SELECT MIN(seq) FROM articles WHERE state = 'queued'), 9223372036854775807)
                ORDER BY seq LIMIT $max
                """, ("$max", max));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            var pending = new List<PendingArticle>();
            while (await reader.ReadAsync(cancellationToken))
            {
                var article = StoreJson.ReadArticle(reader.GetString(3), "");
                pending.Add(new PendingArticle(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    article.Published, StoreJson.ReadFeatures(reader.GetString(4))));
            }
            return pending;
        }

        public async Task AssignAsync(PendingArticle article, int story, CancellationToken cancellationToken)
        {
            var id = StoryIds.Of(story);
            var now = Timestamp(store._clock.GetUtcNow());
            var day = article.Published?.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await using (var upsert = Command(connection, tx,
                """
                INSERT INTO stories (id, number, title, first_day, last_day, article_count, created_at, updated_at, version)
                VALUES ($id, $number, $title, $day, $day, 1, $now, $now, 1)
                ON CONFLICT (id) DO UPDATE SET
                  article_count = article_count + 1, updated_at = $now, version = version + 1,
                  title = COALESCE(title, $title),
                  first_day = CASE WHEN first_day IS NULL OR $day < first_day THEN COALESCE($day, first_day) ELSE first_day END,
                  last_day = CASE WHEN last_day IS NULL OR $day > last_day THEN COALESCE($day, last_day) ELSE last_day END
                """,
                ("$id", id), ("$number", story), ("$title", article.Title), ("$day", day), ("$now", now)))
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            LastRank++;
            await using var update = Command(connection, tx,
                "UPDATE articles SET state = 'grouped', story = $story, group_rank = $rank WHERE seq = $seq AND state = 'annotated'",
                ("$story", id), ("$rank", LastRank), ("$seq", article.Seq));
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                throw new InvalidOperationException($"article {article.Id} was not waiting for a story");
        }

        public async Task MergeAsync(int from, int into, CancellationToken cancellationToken)
        {
            var (source, target) = (StoryIds.Of(from), StoryIds.Of(into));
            var now = Timestamp(store._clock.GetUtcNow());
            await using var merge = Command(connection, tx,
                """
                UPDATE articles SET story = $into WHERE story = $from;
                UPDATE stories SET
                  article_count = article_count + (SELECT article_count FROM stories WHERE id = $from),
                  first_day = MIN(COALESCE(first_day, '9999'), COALESCE((SELECT first_day FROM stories WHERE id = $from), '9999')),
                  last_day = MAX(COALESCE(last_day, ''), COALESCE((SELECT last_day FROM stories WHERE id = $from), '')),
                  updated_at = $now, version = version + 1
                WHERE id = $into;
                UPDATE stories SET first_day = NULLIF(first_day, '9999'), last_day = NULLIF(last_day, '') WHERE id = $into;
                UPDATE stories SET merged_into = $into, article_count = 0, updated_at = $now, version = version + 1, report = NULL WHERE id = $from;
                UPDATE stories SET merged_into = $into WHERE merged_into = $from;
                """,
                ("$from", source), ("$into", target), ("$now", now));
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<StorySummary>> ListStoriesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            StorySelect("(SELECT * FROM stories WHERE merged_into IS NULL ORDER BY updated_at DESC, number DESC LIMIT $limit OFFSET $offset)") + " ORDER BY s.updated_at DESC, s.number DESC",
            ("$limit", limit), ("$offset", offset));
        return await ReadStoriesAsync(select, cancellationToken);
    }

    public async Task<StorySummary?> GetStoryAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            StorySelect("stories") + " WHERE s.id = (SELECT COALESCE(merged_into, id) FROM stories WHERE id = $id)", ("$id", id));
        return (await ReadStoriesAsync(select, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The summary columns of the stories in <paramref name="from"/> (a table or a page of it: the sources are counted
    /// for those rows only). A source is a site, else the host of the article's address, else the article itself.
    /// </summary>
    private static string StorySelect(string from) =>
        $"""
        SELECT s.id, COALESCE(s.headline, s.title, s.id), s.article_count,
               (SELECT COUNT(DISTINCT COALESCE(a.site, NULLIF(substr(a.url_key, 1, instr(a.url_key || '/', '/') - 1), ''), a.id)) FROM articles a WHERE a.story = s.id),
               s.first_day, s.last_day, s.updated_at, s.version
        FROM {from} s
        """;

    private static async Task<IReadOnlyList<StorySummary>> ReadStoriesAsync(SqliteCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var stories = new List<StorySummary>();
        while (await reader.ReadAsync(cancellationToken))
            stories.Add(new StorySummary(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                Day(reader, 4), Day(reader, 5), ParseTimestamp(reader.GetString(6)), reader.GetInt64(7)));
        return stories;

        static DateOnly? Day(DbDataReader r, int i) =>
            r.IsDBNull(i) ? null : DateOnly.ParseExact(r.GetString(i), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task<IReadOnlyList<StoredArticle>> StoryArticlesAsync(string storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            $"SELECT {ArticleColumns} FROM articles WHERE story = (SELECT COALESCE(merged_into, id) FROM stories WHERE id = $id) ORDER BY seq",
            ("$id", storyId));
        return await ReadArticlesAsync(select, cancellationToken);
    }

    public async Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null, $"SELECT {ArticleColumns} FROM articles WHERE id = $id", ("$id", id));
        return (await ReadArticlesAsync(select, cancellationToken)).FirstOrDefault();
    }

    private const string ArticleColumns = "seq, body, text, source, ingested_at, story, state, error";

    private static async Task<List<StoredArticle>> ReadArticlesAsync(SqliteCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var articles = new List<StoredArticle>();
        while (await reader.ReadAsync(cancellationToken))
            articles.Add(new StoredArticle(reader.GetInt64(0), StoreJson.ReadArticle(reader.GetString(1), reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), ParseTimestamp(reader.GetString(4)))
            {
                Story = reader.IsDBNull(5) ? null : reader.GetString(5),
                State = reader.GetString(6),
                Error = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        return articles;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default)
    {
        var match = SearchQuery.ToFts5(query);
        if (match is null) return [];
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            """
            SELECT a.id, a.title, (SELECT COALESCE(merged_into, id) FROM stories WHERE id = a.story),
                   snippet(articles_fts, -1, '[', ']', '…', 24), bm25(articles_fts, 4.0, 1.0)
            FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
            WHERE articles_fts MATCH $match
            ORDER BY bm25(articles_fts, 4.0, 1.0), a.seq LIMIT $limit
            """, ("$match", match), ("$limit", limit));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
            hits.Add(new SearchHit(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), -reader.GetDouble(4)));
        return hits;
    }

    public async Task SaveReportAsync(string storyId, long version, string headline, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var update = Command(connection, null,
            "UPDATE stories SET report = $json, report_version = $version, headline = $headline WHERE id = $id AND version = $version",
            ("$json", json), ("$version", version), ("$headline", headline), ("$id", storyId));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> LoadReportAsync(string storyId, long version, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            "SELECT report FROM stories WHERE id = $id AND report_version = $version AND version = $version", ("$id", storyId), ("$version", version));
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            """
            SELECT (SELECT COUNT(*) FROM articles WHERE state = 'queued'), (SELECT COUNT(*) FROM articles WHERE state = 'annotated'),
                   (SELECT COUNT(*) FROM articles WHERE state = 'grouped'), (SELECT COUNT(*) FROM articles WHERE state = 'failed'),
                   (SELECT COUNT(*) FROM stories WHERE merged_into IS NULL)
            """);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public async Task<string?> LoadFeedStateAsync(string feedUrl, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT state FROM feeds WHERE url = $url", ("$url", feedUrl));
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveFeedStateAsync(string feedUrl, string state, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var upsert = Command(connection, null,
            "INSERT INTO feeds (url, state, updated_at) VALUES ($url, $state, $now) ON CONFLICT (url) DO UPDATE SET state = $state, updated_at = $now",
            ("$url", feedUrl), ("$state", state), ("$now", Timestamp(_clock.GetUtcNow())));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open (and its WAL): release them so the file can be moved or deleted.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
        return ValueTask.CompletedTask;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>UTC instants as sortable ISO text.</summary>
    private static string Timestamp(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
