"""Full-text search over article titles and texts and event sentences.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

SQLite: FTS5 tables ``articles_fts`` (title, text) and ``events_fts`` (sentence) with external
content (the rows of ``articles`` and ``events``, by rowid), kept in sync by triggers and filled
from the rows already stored.  Skipped when SQLite was built without FTS5 (searches then fall
back to substring matching).  PostgreSQL: GIN indexes on ``to_tsvector('english', ...)``.
The statements are a frozen copy of ``communique.store.schema.FTS_*`` as of this revision.
"""
from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TOKENIZE = "tokenize='porter unicode61 remove_diacritics 2'"

SQLITE_UP = [
    (f"CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', "
    f"content_rowid='rowid', {_TOKENIZE})"),
    (f"CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(sentence, content='events', "
    f"content_rowid='rowid', {_TOKENIZE})"),
    ("CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"),
    ("CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "END"),
    ("CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text); "
    "INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text); END"),
    ("CREATE TRIGGER IF NOT EXISTS events_fts_ai AFTER INSERT ON events BEGIN "
    "INSERT INTO events_fts(rowid, sentence) VALUES (new.rowid, new.sentence); END"),
    ("CREATE TRIGGER IF NOT EXISTS events_fts_ad AFTER DELETE ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.rowid, old.sentence); END"),
    ("CREATE TRIGGER IF NOT EXISTS events_fts_au AFTER UPDATE OF sentence ON events BEGIN "
    "INSERT INTO events_fts(events_fts, rowid, sentence) VALUES ('delete', old.rowid, old.sentence); "
    "INSERT INTO events_fts(rowid, sentence) VALUES (new.rowid, new.sentence); END"),
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
    "INSERT INTO events_fts(events_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS articles_fts_ai", "DROP TRIGGER IF EXISTS articles_fts_ad",
               "DROP TRIGGER IF EXISTS articles_fts_au", "DROP TRIGGER IF EXISTS events_fts_ai",
               "DROP TRIGGER IF EXISTS events_fts_ad", "DROP TRIGGER IF EXISTS events_fts_au",
               "DROP TABLE IF EXISTS articles_fts", "DROP TABLE IF EXISTS events_fts"]

# "<" and ">" are blanked: the PostgreSQL parser would read "<script>" as a tag and skip it.
_EVENT_TSV = "to_tsvector('english', translate(coalesce(sentence, ''), '<>', '  '))"
_TITLE_TSV = "to_tsvector('english', translate(coalesce(title, ''), '<>', '  '))"
_ARTICLE_TSV = ("to_tsvector('english', translate(coalesce(title, ''), '<>', '  ') || ' ' || "
                "translate(coalesce(text, ''), '<>', '  '))")
POSTGRES_UP = [
    f"CREATE INDEX IF NOT EXISTS ix_events_fts ON events USING gin ({_EVENT_TSV})",
    f"CREATE INDEX IF NOT EXISTS ix_articles_title_fts ON articles USING gin ({_TITLE_TSV})",
    f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({_ARTICLE_TSV})",
]
POSTGRES_DOWN = ["DROP INDEX IF EXISTS ix_events_fts", "DROP INDEX IF EXISTS ix_articles_title_fts",
                 "DROP INDEX IF EXISTS ix_articles_fts"]


def _has_fts5(bind) -> bool:
    return any(r[0] == "ENABLE_FTS5" for r in bind.exec_driver_sql("PRAGMA compile_options"))


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        statements = POSTGRES_UP
    elif bind.dialect.name == "sqlite" and _has_fts5(bind):
        statements = SQLITE_UP
    else:
        statements = []
    for stmt in statements:
        op.execute(stmt)


def downgrade() -> None:
    bind = op.get_bind()
    statements = {"postgresql": POSTGRES_DOWN, "sqlite": SQLITE_DOWN}.get(bind.dialect.name, [])
    for stmt in statements:
        op.execute(stmt)
