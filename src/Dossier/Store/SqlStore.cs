using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dossier.Group;
using Dossier.Model;

namespace Dossier.Store;

/// <summary>
/// What the SQLite and PostgreSQL stores share: the queue, grouping, story and article queries whose SQL reads the same
/// in both dialects. Each store supplies its connections, locks, search and the few statements where the dialects differ.
/// </summary>
public abstract class SqlStore : IStoryStore
{
    private protected SqlStore(TimeProvider clock) => Clock = clock;

    private protected TimeProvider Clock { get; }

    public abstract string Description { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>An open connection, ready for this store's statements.</summary>
    private protected abstract Task<DbConnection> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>A transaction that writes under this store's write lock, if it has one.</summary>
    private protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A write transaction that also holds the grouping lock (one grouping writer at a time).</summary>
    private protected abstract Task<DbTransaction> BeginGroupingAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// What the claim of queued rows adds to their SELECT: a row lock taken in the annotating transaction, or nothing
    /// (the rows are then read outside it, and saving skips a row another process finished meanwhile).
    /// </summary>
    private protected virtual string ClaimLock => "";

    /// <summary>How an instant is written (read back by <see cref="ReadInstant"/>).</summary>
    private protected abstract object Instant(DateTimeOffset instant);

    /// <summary>How a day is written for <see cref="StoryUpsert"/>.</summary>
    private protected abstract object? Day(DateOnly? day);

    /// <summary>A text as this store can hold it.</summary>
    private protected virtual string? Storable(string? text) => text;

    /// <summary>
    /// Inserts story @id (@number, @title, first and last day @day, updated @now) with one article, or counts one more
    /// article into it: the title kept, the days widened.
    /// </summary>
    private protected abstract string StoryUpsert { get; }

    /// <summary>Adds story @from's article count and days into story @into (updated @now).</summary>
    private protected abstract string MergeCounts { get; }

    /// <summary>The host of an article's address (a.url_key) as SQL: the text before its first '/'.</summary>
    private protected abstract string HostOfUrlKey { get; }

    /// <summary>One row: the articles queued, annotated, grouped and failed, and the stories not merged away.</summary>
    private protected abstract string CountSql { get; }

    /// <summary>The search for <paramref name="query"/>'s words, or null when it has none: rows of id, title, story, passage, score.</summary>
    private protected abstract (string Sql, (string Name, object? Value)[] Parameters)? SearchCommand(string query, int limit);

    public async Task<AddOutcome> AddAsync(Article article, string? source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        article = article with
        {
            Text = Storable(article.Text)!,
            Title = Storable(article.Title),
            Site = Storable(article.Site),
            Url = Storable(article.Url),
            CanonicalUrl = Storable(article.CanonicalUrl),
        };
        source = Storable(source);
        await using var connection = await ConnectAsync(cancellationToken);
        var urlKey = StoreJson.UrlKey(article);
        // Another writer may store the same article, or take the same name, between looking and inserting: the insert
        // then does nothing, and looking again finds which.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using (var find = Command(connection, null,
                """
                SELECT id, content_hash = @hash FROM articles
                WHERE content_hash = @hash OR (CAST(@url AS TEXT) IS NOT NULL AND url_key = CAST(@url AS TEXT))
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
                ("@now", Instant(Clock.GetUtcNow())), ("@body", StoreJson.WriteArticle(stored)), ("@text", article.Text));
            if (await insert.ExecuteScalarAsync(cancellationToken) is not null) return AddOutcome.Stored(id);
        }
        throw new InvalidOperationException($"article {article.Id} could not be stored: its name kept being taken");
    }

    /// <summary>The article's own id when free, else the id with the first free "-2", "-3" ... (two files may share a name).</summary>
    private static async Task<string> FreeIdAsync(DbConnection connection, string id, CancellationToken cancellationToken)
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
        await using var connection = await ConnectAsync(cancellationToken);
        // A claim by row lock is the annotating transaction's own; without one, the work is done outside the write lock.
        await using var claim = ClaimLock.Length > 0 ? await BeginWriteAsync(connection, cancellationToken) : null;
        List<StoredArticle> claimed;
        await using (var select = Command(connection, claim,
            $"SELECT {ArticleColumns} FROM articles WHERE state = 'queued' ORDER BY seq LIMIT @max {ClaimLock}", ("@max", max)))
            claimed = await ReadArticlesAsync(select, cancellationToken);
        if (claimed.Count == 0) return 0;
        var results = annotate(claimed);
        await using var write = claim is null ? await BeginWriteAsync(connection, cancellationToken) : null;
        var tx = claim ?? write!;
        foreach (var result in results) await SaveAnnotationAsync(connection, tx, result, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    /// <summary>Saves one annotation; a row no longer queued (another process finished it) is left as it is.</summary>
    private static async Task SaveAnnotationAsync(DbConnection connection, DbTransaction tx, AnnotationResult result, CancellationToken cancellationToken)
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
        await using var connection = await ConnectAsync(cancellationToken);
        await using var tx = await BeginGroupingAsync(connection, cancellationToken);
        long lastRank, generation, storyBase;
        await using (var state = Command(connection, tx,
            "SELECT (SELECT COALESCE(MAX(group_rank), 0) FROM articles), generation, story_base FROM grouping_state"))
        await using (var reader = await state.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken)) throw new InvalidDataException($"{Description} has no grouping state");
            (lastRank, generation, storyBase) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        var session = new Session(this, connection, tx, lastRank, generation, storyBase);
        var result = await step(session);
        await tx.CommitAsync(cancellationToken);
        return result;
    }

    private sealed class Session(SqlStore store, DbConnection connection, DbTransaction tx, long lastRank, long generation, long storyBase) : IGroupSession
    {
        public long LastRank { get; private set; } = lastRank;

        public long Generation { get; private set; } = generation;

        private long _storyBase = storyBase;

        /// <summary>The story each article was in when a regrouping started in this session.</summary>
        private Dictionary<long, string>? _before;

        private int Number(int number) => checked((int)(_storyBase + number));

        public string StoryId(int number) => StoryIds.Of(Number(number));

        public async IAsyncEnumerable<GroupedArticle> ReplayAsync(long afterRank, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await using var select = Command(connection, tx,
                "SELECT id, features, story, group_rank FROM articles WHERE group_rank > @rank ORDER BY group_rank", ("@rank", afterRank));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                yield return new GroupedArticle(reader.GetString(0), StoreJson.ReadFeatures(reader.GetString(1)), reader.GetString(2), reader.GetInt64(3));
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
            var id = StoryId(story);
            await using (var upsert = Command(connection, tx, store.StoryUpsert,
                ("@id", id), ("@number", Number(story)), ("@title", article.Title), ("@day", store.Day(article.Published?.Date)),
                ("@now", store.Instant(store.Clock.GetUtcNow())), ("@seq", article.Seq)))
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
            await using var merge = Command(connection, tx,
                $"""
                UPDATE stories SET first_seq = COALESCE(first_seq, (SELECT MIN(seq) FROM articles WHERE story = @from)) WHERE id = @from;
                UPDATE articles SET story = @into WHERE story = @from;
                {store.MergeCounts}
                UPDATE stories SET merged_into = @into, article_count = 0, updated_at = @now, version = version + 1 WHERE id = @from;
                UPDATE stories SET merged_into = @into WHERE merged_into = @from;
                """,
                ("@from", StoryId(from)), ("@into", StoryId(into)), ("@now", store.Instant(store.Clock.GetUtcNow())));
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<bool> StoryExistsAsync(int number, CancellationToken cancellationToken)
        {
            await using var select = Command(connection, tx, "SELECT COUNT(*) FROM stories WHERE id = @id", ("@id", StoryId(number)));
            return Convert.ToInt64(await select.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
        }

        public async Task SplitAsync(int from, int into, IReadOnlyList<long> ranks, CancellationToken cancellationToken)
        {
            var (fromId, intoId) = (StoryId(from), StoryId(into));
            var now = store.Instant(store.Clock.GetUtcNow());
            await using (var open = Command(connection, tx,
                "INSERT INTO stories (id, number, article_count, created_at, updated_at, version) VALUES (@id, @number, 0, @now, @now, 0)",
                ("@id", intoId), ("@number", Number(into)), ("@now", now)))
                await open.ExecuteNonQueryAsync(cancellationToken);
            var moved = 0;
            foreach (var rank in ranks)
            {
                await using var move = Command(connection, tx,
                    "UPDATE articles SET story = @into WHERE group_rank = @rank AND story = @from",
                    ("@into", intoId), ("@rank", rank), ("@from", fromId));
                moved += await move.ExecuteNonQueryAsync(cancellationToken);
            }
            if (moved != ranks.Count)
                throw new InvalidOperationException($"a split of story {fromId} found {moved} of its {ranks.Count} articles in it");
            // The new story remembers its first article; a story merged into this one before leads where its first went.
            await using (var follow = Command(connection, tx,
                """
                UPDATE stories SET first_seq = (SELECT MIN(seq) FROM articles WHERE story = @into) WHERE id = @into;
                UPDATE stories SET merged_into = @into WHERE merged_into = @from AND first_seq IN (SELECT seq FROM articles WHERE story = @into);
                """,
                ("@into", intoId), ("@from", fromId)))
                await follow.ExecuteNonQueryAsync(cancellationToken);
            await RecountAsync(fromId, now, cancellationToken);
            await RecountAsync(intoId, now, cancellationToken);
        }

        /// <summary>
        /// A story's count, first and last day taken again from its articles, and its title (kept while one of its articles
        /// still bears it, else its earliest article's); its headline is made again.
        /// </summary>
        private async Task RecountAsync(string id, object now, CancellationToken cancellationToken)
        {
            var (count, title) = (0, (string?)null);
            var (first, last) = ((DateOnly?)null, (DateOnly?)null);
            await using (var select = Command(connection, tx,
                "SELECT title, published FROM articles WHERE story = @id ORDER BY group_rank", ("@id", id)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                {
                    count++;
                    if (title is null && !reader.IsDBNull(0)) title = reader.GetString(0);
                    if (reader.IsDBNull(1) || !DateOnly.TryParseExact(reader.GetString(1), "yyyy-MM-dd", out var day)) continue;
                    if (first is null || day < first) first = day;
                    if (last is null || day > last) last = day;
                }
            await using var update = Command(connection, tx,
                """
                UPDATE stories SET article_count = @count, headline = NULL, first_day = @first, last_day = @last,
                  title = CASE WHEN EXISTS (SELECT 1 FROM articles WHERE story = @id AND title = stories.title) THEN title ELSE @title END,
                  updated_at = @now, version = version + 1
                WHERE id = @id
                """,
                ("@count", count), ("@title", title), ("@first", store.Day(first)), ("@last", store.Day(last)), ("@now", now), ("@id", id));
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<(long Articles, long Stories)> UngroupAllAsync(CancellationToken cancellationToken)
        {
            _before = await AssignmentAsync(cancellationToken);
            long stories;
            await using (var count = Command(connection, tx,
                "SELECT (SELECT COUNT(*) FROM stories WHERE merged_into IS NULL), (SELECT COALESCE(MAX(number), -1) + 1 FROM stories)"))
            await using (var reader = await count.ExecuteReaderAsync(cancellationToken))
            {
                await reader.ReadAsync(cancellationToken);
                (stories, _storyBase) = (reader.GetInt64(0), Math.Max(_storyBase, reader.GetInt64(1)));
            }
            await using (var ungroup = Command(connection, tx,
                "UPDATE articles SET state = 'annotated', story = NULL, group_rank = NULL WHERE state = 'grouped'"))
                await ungroup.ExecuteNonQueryAsync(cancellationToken);
            Generation++;
            await using (var state = Command(connection, tx, "UPDATE grouping_state SET generation = @generation, story_base = @base",
                ("@generation", Generation), ("@base", _storyBase)))
                await state.ExecuteNonQueryAsync(cancellationToken);
            // LastRank stays: the articles are ranked again after it, so a rank never names two places in the stream.
            return (_before.Count, stories);
        }

        public async Task<long> FinishRegroupAsync(CancellationToken cancellationToken)
        {
            if (_before is null) throw new InvalidOperationException("no regrouping was started in this session");
            var after = await AssignmentAsync(cancellationToken);
            // For each old story, the new story holding most of its articles; on a tie, the one holding its earliest.
            var votes = new Dictionary<string, Dictionary<string, (int Count, long First)>>(StringComparer.Ordinal);
            foreach (var (seq, old) in _before)
            {
                if (!after.TryGetValue(seq, out var story)) continue;
                if (!votes.TryGetValue(old, out var tally)) votes[old] = tally = new(StringComparer.Ordinal);
                var (articles, first) = tally.GetValueOrDefault(story, (0, long.MaxValue));
                tally[story] = (articles + 1, Math.Min(first, seq));
            }
            var target = votes.ToDictionary(v => v.Key, v => v.Value.OrderByDescending(t => t.Value.Count).ThenBy(t => t.Value.First).First(), StringComparer.Ordinal);
            var oldRows = new List<(string Id, string? MergedInto, long? FirstSeq)>();
            await using (var select = Command(connection, tx, "SELECT id, merged_into, first_seq FROM stories WHERE number < @base", ("@base", _storyBase)))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    oldRows.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt64(2)));
            var now = store.Instant(store.Clock.GetUtcNow());
            foreach (var (id, mergedInto, firstSeq) in oldRows)
            {
                // A story merged away before leads where its first article is now (or, merged before the store
                // remembered that article, where the story it went into now leads); any other old story leads to the new
                // story holding most of its articles, and remembers the earliest of them there if it knew no first.
                (string Story, long Seq)? into = mergedInto is not null && firstSeq is { } seq && after.TryGetValue(seq, out var holder) ? (holder, seq)
                    : target.TryGetValue(mergedInto ?? id, out var vote) ? (vote.Key, vote.Value.First)
                    : null;
                await using var update = into is (var story, var first)
                    ? Command(connection, tx,
                        "UPDATE stories SET merged_into = @into, first_seq = COALESCE(first_seq, @seq), article_count = 0, updated_at = @now, version = version + 1 WHERE id = @id",
                        ("@into", story), ("@seq", first), ("@now", now), ("@id", id))
                    : Command(connection, tx, "DELETE FROM stories WHERE id = @id", ("@id", id));
                await update.ExecuteNonQueryAsync(cancellationToken);
            }
            _before = null;
            await using var count = Command(connection, tx, "SELECT COUNT(*) FROM stories WHERE merged_into IS NULL");
            return Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        /// <summary>The story of every grouped article, by its number in order of arrival.</summary>
        private async Task<Dictionary<long, string>> AssignmentAsync(CancellationToken cancellationToken)
        {
            var assignment = new Dictionary<long, string>();
            await using var select = Command(connection, tx, "SELECT seq, story FROM articles WHERE state = 'grouped'");
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) assignment[reader.GetInt64(0)] = reader.GetString(1);
            return assignment;
        }
    }

    public async Task<IReadOnlyList<StorySummary>> ListStoriesAsync(int limit, int offset = 0, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            StorySelect("(SELECT * FROM stories WHERE merged_into IS NULL ORDER BY updated_at DESC, number DESC LIMIT @limit OFFSET @offset)") + " ORDER BY s.updated_at DESC, s.number DESC",
            ("@limit", limit), ("@offset", offset));
        return await ReadStoriesAsync(select, cancellationToken);
    }

    public async Task<StorySummary?> GetStoryAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            StorySelect("stories") + " WHERE s.id = (SELECT COALESCE(merged_into, id) FROM stories WHERE id = @id)", ("@id", id));
        return (await ReadStoriesAsync(select, cancellationToken)).FirstOrDefault();
    }

    /// <summary>
    /// The summary columns of the stories in <paramref name="from"/> (a table or a page of it: the sources are counted
    /// for those rows only). A source is a site, else the host of the article's address, else the article itself.
    /// </summary>
    private string StorySelect(string from) =>
        $"""
        SELECT s.id, COALESCE(s.headline, s.title, s.id), s.article_count,
               CAST((SELECT COUNT(DISTINCT COALESCE(a.site, NULLIF({HostOfUrlKey}, ''), a.id)) FROM articles a WHERE a.story = s.id) AS INTEGER),
               s.first_day, s.last_day, s.updated_at, s.version
        FROM {from} s
        """;

    private static async Task<IReadOnlyList<StorySummary>> ReadStoriesAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var stories = new List<StorySummary>();
        while (await reader.ReadAsync(cancellationToken))
            stories.Add(new StorySummary(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt32(3),
                ReadDay(reader, 4), ReadDay(reader, 5), ReadInstant(reader, 6), reader.GetInt64(7)));
        return stories;
    }

    public async Task<IReadOnlyList<StoredArticle>> StoryArticlesAsync(string storyId, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null,
            $"SELECT {ArticleColumns} FROM articles WHERE story = (SELECT COALESCE(merged_into, id) FROM stories WHERE id = @id) ORDER BY seq",
            ("@id", storyId));
        return await ReadArticlesAsync(select, cancellationToken);
    }

    public async Task<StoredArticle?> GetArticleAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null, $"SELECT {ArticleColumns} FROM articles WHERE id = @id", ("@id", id));
        return (await ReadArticlesAsync(select, cancellationToken)).FirstOrDefault();
    }

    private const string ArticleColumns = "seq, body, text, source, ingested_at, story, state, error";

    private static async Task<List<StoredArticle>> ReadArticlesAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var articles = new List<StoredArticle>();
        while (await reader.ReadAsync(cancellationToken))
            articles.Add(new StoredArticle(reader.GetInt64(0), StoreJson.ReadArticle(reader.GetString(1), reader.GetString(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3), ReadInstant(reader, 4))
            {
                Story = reader.IsDBNull(5) ? null : reader.GetString(5),
                State = reader.GetString(6),
                Error = reader.IsDBNull(7) ? null : reader.GetString(7),
            });
        return articles;
    }

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string query, int limit, CancellationToken cancellationToken = default)
    {
        if (SearchCommand(query, limit) is not var (sql, parameters)) return [];
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null, sql, parameters);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var hits = new List<SearchHit>();
        while (await reader.ReadAsync(cancellationToken))
            hits.Add(new SearchHit(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3), reader.GetDouble(4)));
        return hits;
    }

    public async Task SaveHeadlineAsync(string storyId, long version, string headline, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var update = Command(connection, null,
            "UPDATE stories SET headline = @headline WHERE id = @id AND version = @version",
            ("@version", version), ("@headline", headline), ("@id", storyId));
        await update.ExecuteNonQueryAsync(cancellationToken);
    }


    public async Task<StoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null, CountSql);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new StoreCounts(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4));
    }

    public async Task<string?> LoadFeedStateAsync(string feedUrl, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT state FROM feeds WHERE url = @url", ("@url", feedUrl));
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SaveFeedStateAsync(string feedUrl, string state, CancellationToken cancellationToken = default)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var upsert = Command(connection, null,
            "INSERT INTO feeds (url, state, updated_at) VALUES (@url, @state, @now) ON CONFLICT (url) DO UPDATE SET state = EXCLUDED.state, updated_at = EXCLUDED.updated_at",
            ("@url", feedUrl), ("@state", state), ("@now", Instant(Clock.GetUtcNow())));
        await upsert.ExecuteNonQueryAsync(cancellationToken);
    }

    private protected static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>An instant as stored: sortable ISO text (SQLite) or a timestamp (PostgreSQL).</summary>
    private static DateTimeOffset ReadInstant(DbDataReader reader, int column) =>
        reader.GetFieldType(column) == typeof(string)
            ? DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : reader.GetFieldValue<DateTimeOffset>(column);

    /// <summary>A day as stored: yyyy-MM-dd text (SQLite) or a date (PostgreSQL).</summary>
    private static DateOnly? ReadDay(DbDataReader reader, int column) =>
        reader.IsDBNull(column) ? null
        : reader.GetFieldType(column) == typeof(string) ? DateOnly.ParseExact(reader.GetString(column), "yyyy-MM-dd", CultureInfo.InvariantCulture)
        : reader.GetFieldValue<DateOnly>(column);
}
