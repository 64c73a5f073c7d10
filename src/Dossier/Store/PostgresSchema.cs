namespace Dossier.Store;

/// <summary>The PostgreSQL schema, as migration steps (append new steps; never edit one that has shipped).</summary>
internal static class PostgresSchema
{
    /// <summary>The advisory lock held while migrating, so workers opening a new database at once apply each step once.</summary>
    public const long MigrationLock = 0x446f7373_6965724d; // "DossierM"

    /// <summary>The advisory lock of a grouping transaction: stories are built by one writer at a time.</summary>
    public const long GroupingLock = 0x446f7373_69657247; // "DossierG"

    /// <summary>
    /// The text search configuration: 'simple' (lowercased words, no stemming, no stop words) finds what SQLite's
    /// unicode61 tokenizer finds, whatever the language of the articles, so both stores answer a search alike.
    /// </summary>
    public const string SearchConfig = "simple";

    public static IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new(1, "articles, stories, feeds, full-text index",
            $"""
            CREATE TABLE articles (
              seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
              id TEXT NOT NULL UNIQUE,
              content_hash TEXT NOT NULL UNIQUE,
              url_key TEXT UNIQUE,
              title TEXT,
              site TEXT,
              url TEXT,
              published TEXT,
              source TEXT,
              ingested_at TIMESTAMPTZ NOT NULL,
              body TEXT NOT NULL,
              text TEXT NOT NULL,
              state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'annotated', 'grouped', 'failed')),
              attempts INTEGER NOT NULL DEFAULT 0,
              error TEXT,
              features TEXT,
              group_rank BIGINT UNIQUE,
              story TEXT
            );
            CREATE INDEX articles_state ON articles (state, seq);
            CREATE INDEX articles_story ON articles (story, seq);
            -- Covers the count of a story's sources, so the story list never reads the articles' rows.
            CREATE INDEX articles_story_sources ON articles (story, site, url_key, id);
            -- The search vectors live apart: an article's row is updated as it moves through the queue, and a vector in
            -- it would be recomputed and re-indexed on every one of those updates.
            CREATE TABLE article_search (
              seq BIGINT PRIMARY KEY REFERENCES articles (seq) ON DELETE CASCADE,
              search TSVECTOR NOT NULL
            );
            CREATE INDEX article_search_gin ON article_search USING GIN (search);
            CREATE FUNCTION article_search_vector(title TEXT, body TEXT) RETURNS TSVECTOR LANGUAGE SQL IMMUTABLE AS
              $$ SELECT setweight(to_tsvector('{SearchConfig}', COALESCE(title, '')), 'A') || setweight(to_tsvector('{SearchConfig}', body), 'B') $$;
            CREATE FUNCTION article_search_write() RETURNS TRIGGER LANGUAGE plpgsql AS $$
            BEGIN
              INSERT INTO article_search (seq, search) VALUES (NEW.seq, article_search_vector(NEW.title, NEW.text))
              ON CONFLICT (seq) DO UPDATE SET search = EXCLUDED.search;
              RETURN NULL;
            END $$;
            CREATE TRIGGER articles_search_insert AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION article_search_write();
            CREATE TRIGGER articles_search_update AFTER UPDATE OF title, text ON articles FOR EACH ROW EXECUTE FUNCTION article_search_write();
            CREATE TABLE stories (
              id TEXT PRIMARY KEY,
              number INTEGER NOT NULL UNIQUE,
              title TEXT,
              headline TEXT,
              first_day DATE,
              last_day DATE,
              article_count INTEGER NOT NULL DEFAULT 0,
              created_at TIMESTAMPTZ NOT NULL,
              updated_at TIMESTAMPTZ NOT NULL,
              version BIGINT NOT NULL DEFAULT 0,
              merged_into TEXT
            );
            CREATE INDEX stories_updated ON stories (updated_at);
            CREATE TABLE feeds (url TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TIMESTAMPTZ NOT NULL);
            """),
        Migrations.GroupingState,
        Migrations.FirstArticle,
    ];
}
