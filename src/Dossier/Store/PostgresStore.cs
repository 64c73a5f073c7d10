using System.Globalization;
using System.Runtime.CompilerServices;
using Dossier.Group;
using Dossier.Model;
using Npgsql;

namespace Dossier.Store;

/// <summary>
/// The shared store: one PostgreSQL database that many workers use at once. Annotation claims queued rows with
/// FOR UPDATE SKIP LOCKED (a worker that dies rolls back and its rows are queued again); grouping holds a
/// transaction-scoped advisory lock; search is a weighted tsvector column with a GIN index.
/// </summary>
public sealed class PostgresStore : IStoryStore
{
    private readonly NpgsqlDataSource _source;
    private readonly TimeProvider _clock;

    private PostgresStore(string connectionString, TimeProvider clock)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        Description = $"PostgreSQL {builder.Username}@{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}/{builder.Database}";
        _source = NpgsqlDataSource.Create(builder);
        _clock = clock;
    }

    /// <summary>Where the store is, without the password.</summary>
    public string Description { get; }

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
                await Migrations.ApplyAsync(connection, PostgresSchema.Steps, null, cancellationToken);
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

    public async Task<AddOutcome> AddAsync(Article article, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        // PostgreSQL text cannot hold NUL: it becomes U+FFFD, one character for one, so spans into the text still hold.
        article = article with
        {
            Text = article.Text.Replace('\0', '\uFFFD'),
            Title = article.Title?.Replace('\0', '\uFFFD'),
            Site = article.Site?.Replace('\0', '\uFFFD'),
            Url = article.Url?.Replace('\0', '\uFFFD'),
            CanonicalUrl = article.CanonicalUrl?.Replace('\0', '\uFFFD'),
        };
        source = source?.Replace('\0', '\uFFFD');
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        var urlKey = StoreJson.UrlKey(article);
        // Another worker may store the same article, or take the same name, between looking and inserting: the insert
        // then does nothing, and looking again finds which.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using (var find = Command(connection, null,
                """
                SELECT id, content_hash = @hash FROM articles
                WHERE content_hash = @hash OR (@url::text IS NOT NULL AND url_key = @url::text)
                ORDER BY content_hash = @hash DESC LIMIT 1
                """,
                ("@hash", article.ContentHash), ("@url", urlKey)))
            await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                    return AddOutcome.Duplicate(reader.GetString(0), reader.GetBoolean(1) ? "same text as a stored article" : "same address as a stored article");
            }
            var id = await FreeIdAsync(connection, article.Id, cancellationToken);
            var stored = article with { Id = id };
            await using var insert = Command(connection, null,
                """
                INSERT INTO articles (id, content_hash, url_key, title, site, url, published, source, ingested_at, body, text)
                VALUES (@id, @hash, @url, @title, @site, @address, @published, @source, @now, @body, @text)
                ON CONFLICT DO NOTHING RETURNING seq
                """,
                ("@id", id), ("@hash", article.ContentHash), ("@url", urlKey), ("@title", article.Title), ("@site", article.Site),
                ("@address", article.CanonicalUrl ?? article.Url), ("@published", StoreJson.SortableDate(article)), ("@source", source),
                ("@now", _clock.GetUtcNow().ToUniversalTime()), ("@body", StoreJson.WriteArticle(stored)), ("@text", article.Text));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not null) return AddOutcome.Stored(id);
        }
        throw new InvalidOperationException($"article {article.Id} could not be stored: its name kept being taken");
    }

    /// <summary>The article's own id when free, else the id with the first free "-2", "-3" ... (two files may share a name).</summary>
    private static async Task<string> FreeIdAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        for (var n = 1; ; n++)
        {
            var candidate = n == 1 ? id : $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
            await using var probe = Command(connection, null, "SELECT 1 FROM articles WHERE id = @id", ("@id", candidate));
            if (await probe.ExecuteScalarAsync(cancellationToken) is null) return candidate;
        }
    }

    public async Task<int> AnnotateAsync(int max, Func<IReadOnlyList<StoredArticle>, IReadOnlyList<AnnotationResult>> annotate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(annotate);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        // The claim is the row locks of this transaction: other workers skip these rows, and they are queued again if it rolls back.
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        List<StoredArticle> claimed;
        await using (var select = Command(connection, tx,
            $"SELECT {ArticleColumns} FROM articles WHERE state = 'queued' ORDER BY seq LIMIT @max FOR UPDATE SKIP LOCKED", ("@max", max)))
            claimed = await ReadArticlesAsync(select, cancellationToken);
        if (claimed.Count == 0) return 0;
        var results = annotate(claimed);
        foreach (var result in results) await SaveAnnotationAsync(connection, tx, result, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    private static async Task SaveAnnotationAsync(NpgsqlConnection connection, NpgsqlTransaction tx, AnnotationResult result, CancellationToken cancellationToken)
    {
        await using var update = result.Error is { } error
            ? Command(connection, tx,
                "UPDATE articles SET state = 'failed', error = @error, attempts = attempts + 1 WHERE seq = @seq AND state = 'queued'",
                ("@error", error), ("@seq", result.Seq))
            : Command(connection, tx,
                """
                UPDATE articles SET state = 'annotated', features = @features, body = @body, published = @published, attempts = attempts + 1
                WHERE seq = @seq AND state = 'queued'
                """,
                ("@features", StoreJson.WriteFeatures(result.Features!)), ("@body", StoreJson.WriteArticle(result.Article!)),
                ("@published", StoreJson.SortableDate(result.Article!)), ("@seq", result.Seq));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> GroupAsync(Func<IGroupSession, Task<int>> step, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(step);
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // Held until commit or rollback: one grouping writer at a time; each statement after it sees what the last one committed.
        await using (var lockCommand = Command(connection, tx, "SELECT pg_advisory_xact_lock(@key)", ("@key", PostgresSchema.GroupingLock)))
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        long lastRank;
        await using (var rank = Command(connection, tx, "SELECT COALESCE(MAX(group_rank), 0) FROM articles"))
            lastRank = Convert.ToInt64(await rank.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var session = new Session(this, connection, tx, lastRank);
        var result = await step(session);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    private sealed class Session(PostgresStore store, NpgsqlConnection connection, NpgsqlTransaction tx, long lastRank) : IGroupSession
    {
        public long LastRank { get; private set; } = lastRank;

        public async IAsyncEnumerable<ArticleFeatures> ReplayAsync(long afterRank, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var select = Command(connection, tx,
                "SELECT features FROM articles WHERE group_rank > @rank ORDER BY group_rank", ("@rank", afterRank));
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
                ORDER BY seq LIMIT @max
                """, ("@max", max));
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
            var now = store._clock.GetUtcNow().ToUniversalTime();
            await using (var upsert = Command(connection, tx,
                """
                INSERT INTO stories (id, number, title, first_day, last_day, article_count, created_at, updated_at, version)
                VALUES (@id, @number, @title, @day::date, @day::date, 1, @now, @now, 1)
                ON CONFLICT (id) DO UPDATE SET
                  article_count = stories.article_count + 1, updated_at = EXCLUDED.updated_at, version = stories.version + 1,
                  title = COALESCE(stories.title, EXCLUDED.title),
                  first_day = LEAST(stories.first_day, EXCLUDED.first_day),
                  last_day = GREATEST(stories.last_day, EXCLUDED.last_day)
                """,
                ("@id", id), ("@number", story), ("@title", article.Title), ("@day", article.Published?.Date), ("@now", now)))
                await upsert.ExecuteNonQueryAsync(cancellationToken);
            LastRank++;
            await using var update = Command(connection, tx,
                "UPDATE articles SET state = 'grouped', story = @story, group_rank = @rank WHERE seq = @seq AND state = 'annotated'",
                ("@story", id), ("@rank", LastRank), ("@seq", article.Seq));
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                throw new InvalidOperationException($"article {article.Id} was not waiting for a story");
        }

        public async Task MergeAsync(int from, int into, CancellationToken cancellationToken)
        {
            var (source, target) = (StoryIds.Of(from), StoryIds.Of(into));
            var now = store._clock.GetUtcNow().ToUniversalTime();
            await using var merge = Command(connection, tx,
                """
                UPDATE articles SET story = @into WHERE story = @from;
                UPDATE stories t SET
                  article_count = t.article_count + f.article_count,
                  first_day = LEAST(t.first_day, f.first_day),
                  last_day = GREATEST(t.last_day, f.last_day),
                  updated_at = @now, version = t.version + 1
                FROM stories f WHERE t.id = @into AND f.id = @from;
                UPDATE stories SET merged_into = @into, article_count = 0, updated_at = @now, version = version + 1, report = NULL WHERE id = @from;
                UPDATE stories SET merged_into = @into WHERE merged_into = @from;
                """,
                ("@from", source), ("@into", target), ("@now", now));
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<StorySummary>> ListStoriesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null,
            StorySelect("(SELECT * FROM stories WHERE merged_into IS NULL ORDER BY updated_at DESC, number DESC LIMIT @limit OFFSET @offset)") + " ORDER BY s.updated_at DESC, s.number DESC",
            ("@limit", limit), ("@offset", offset));
        return await ReadStoriesAsync(select, cancellationToken);
    }

    public async Task<StorySummary?> GetStoryAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null,
            StorySelect("stories") + " WHERE s.id = (SELECT COALESCE(merged_into, id) FROM stories WHERE id = @id)", ("@id", id));
        return (await ReadStoriesAsync(select, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The summary columns of the stories in <paramref name="from"/> (a table or a page of it: the sources are counted
    /// for those rows only). A source is a site, else the host of the article's address, else the article itself.
    /// </summary>
    private static string StorySelect(string from) =>
        $"""
        SELECT s.id, COALESCE(s.headline, s.title, s.id), s.article_count,
               (SELECT COUNT(DISTINCT COALESCE(a.site, NULLIF(split_part(a.url_key, '/', 1), ''), a.id)) FROM articles a WHERE a.story = s.id)::integer,
               s.first_day, s.last_day, s.updated_at, s.version
        FROM {from} s
        """;

    private static async Task<IReadOnlyList<StorySummary>> ReadStoriesAsync(NpgsqlCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var stories = new List<StorySummary>();
        while (await reader.ReadAsync(cancellationToken))
            stories.Add(new StorySummary(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                Day(reader, 4), Day(reader, 5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetInt64(7)));
        return stories;

        static DateOnly? Day(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
    }

    public async Task<IReadOnlyList<StoredArticle>> StoryArticlesAsync(string storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null,
            $"SELECT {ArticleColumns} FROM articles WHERE story = (SELECT COALESCE(merged_into, id) FROM stories WHERE id = @id) ORDER BY seq",
            ("@id", storyId));
        return await ReadArticlesAsync(select, cancellationToken);
    }

    public async Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null, $"SELECT {ArticleColumns} FROM articles WHERE id = @id", ("@id", id));
        return (await ReadArticlesAsync(select, cancellationToken)).FirstOrDefault();
    }

    private const string ArticleColumns = "seq, body, text, source, ingested_at, story, state, error";

    private static async Task<List<StoredArticle>> ReadArticlesAsync(NpgsqlCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var articles = new List<StoredArticle>();
        while (await reader.ReadAsync(cancellationToken))
            articles.Add(new StoredArticle(reader.GetInt64(0), StoreJson.ReadArticle(reader.GetString(1), reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))
            {
                Story = reader.IsDBNull(5) ? null : reader.GetString(5),
                State = reader.GetString(6),
                Error = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        return articles;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default)
    {
        var words = SearchQuery.Words(query);
        if (words.Count == 0) return [];
        // Each word is a parameter read as a word, never as tsquery syntax: plainto_tsquery for all but the last, which
        // is quoted as one lexeme and matched as a prefix (the reader may still be typing it).
        var terms = words.Select((_, i) => i == words.Count - 1
            ? $"to_tsquery('{PostgresSchema.SearchConfig}', quote_literal(@w{i.ToString(CultureInfo.InvariantCulture)}) || ':*')"
            : $"plainto_tsquery('{PostgresSchema.SearchConfig}', @w{i.ToString(CultureInfo.InvariantCulture)})");
        var parameters = words.Select((w, i) => ($"@w{i.ToString(CultureInfo.InvariantCulture)}", (object?)w)).Append(("@limit", limit)).ToArray();
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        // The passage is cut only for the hits kept (ts_headline reads the whole text).
        await using var select = Command(connection, null,
            $"""
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
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
            hits.Add(new SearchHit(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetDouble(4)));
        return hits;
    }

    public async Task SaveReportAsync(string storyId, long version, string headline, string json, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var update = Command(connection, null,
            "UPDATE stories SET report = @json, report_version = @version, headline = @headline WHERE id = @id AND version = @version",
            ("@json", json), ("@version", version), ("@headline", headline), ("@id", storyId));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> LoadReportAsync(string storyId, long version, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null,
            "SELECT report FROM stories WHERE id = @id AND report_version = @version AND version = @version", ("@id", storyId), ("@version", version));
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null,
            """
            SELECT COUNT(*) FILTER (WHERE state = 'queued'), COUNT(*) FILTER (WHERE state = 'annotated'),
                   COUNT(*) FILTER (WHERE state = 'grouped'), COUNT(*) FILTER (WHERE state = 'failed'),
                   (SELECT COUNT(*) FROM stories WHERE merged_into IS NULL)
            FROM articles
            """);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public async Task<string?> LoadFeedStateAsync(string feedUrl, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT state FROM feeds WHERE url = @url", ("@url", feedUrl));
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveFeedStateAsync(string feedUrl, string state, CancellationToken cancellationToken = default)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
        await using var upsert = Command(connection, null,
            "INSERT INTO feeds (url, state, updated_at) VALUES (@url, @state, @now) ON CONFLICT (url) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at",
            ("@url", feedUrl), ("@state", state), ("@now", _clock.GetUtcNow().ToUniversalTime()));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
