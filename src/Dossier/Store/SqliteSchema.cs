namespace Dossier.Store;

/// <summary>The SQLite schema, as migration steps (append new steps; never edit one that has shipped).</summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<MigrationStep> Steps { get; } =
    [
        new(1, "articles, stories, feeds, full-text index",
            """
            CREATE TABLE articles (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              id TEXT NOT NULL UNIQUE,
              content_hash TEXT NOT NULL UNIQUE,
              url_key TEXT UNIQUE,
              title TEXT,
              site TEXT,
              url TEXT,
              published TEXT,
              source TEXT,
              ingested_at TEXT NOT NULL,
              body TEXT NOT NULL,
              text TEXT NOT NULL,
              state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'annotated', 'grouped', 'failed')),
              attempts INTEGER NOT NULL DEFAULT 0,
              error TEXT,
              features TEXT,
              group_rank INTEGER UNIQUE,
              story TEXT
            );
            CREATE INDEX articles_state ON articles (state, seq);
            CREATE INDEX articles_story ON articles (story, seq);
            -- Covers the count of a story's sources, so the story list never reads the articles' rows.
            CREATE INDEX articles_story_sources ON articles (story, site, url_key, id);
            CREATE TABLE stories (
              id TEXT PRIMARY KEY,
              number INTEGER NOT NULL UNIQUE,
              title TEXT,
              headline TEXT,
              first_day TEXT,
              last_day TEXT,
              article_count INTEGER NOT NULL DEFAULT 0,
              created_at TEXT NOT NULL,
              updated_at TEXT NOT NULL,
              version INTEGER NOT NULL DEFAULT 0,
              merged_into TEXT
            );
            CREATE INDEX stories_updated ON stories (updated_at);
            CREATE TABLE feeds (url TEXT PRIMARY KEY, state TEXT NOT NULL, updated_at TEXT NOT NULL);
            CREATE VIRTUAL TABLE articles_fts USING fts5 (title, text, content = 'articles', content_rowid = 'seq', tokenize = 'unicode61 remove_diacritics 2');
            CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
              INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
            END;
            CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
              INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
            END;
            CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
              INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
              INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
            END;
            """),
        Migrations.GroupingState,
        Migrations.FirstArticle,
    ];
}
