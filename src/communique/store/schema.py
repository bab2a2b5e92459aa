"""Database schema of the communique store (SQLAlchemy 2.0 declarative).

Only portable column types are used (String, Text, Integer, Float, JSON), so the same
schema runs on a SQLite file and on PostgreSQL.  Dates are ISO 8601 strings
("YYYY-MM-DD", or shorter when only the month or year is known); they sort correctly as
text.  Timestamps (``ingested_at``, ``rejected.at``) are ISO 8601 UTC strings.

Tables
------
articles      one row per article; ``text`` is the analysed body (offsets refer to it)
actors        one row per distinct resolved actor, identified by ``key``:
              ``kb:<kb_id>`` when the knowledge base id is known, else ``cn:<code>|<name>``
mentions      every actor mention of an article
events        one row per coded event, with denormalised ``actor_codes`` and
              ``recipient_codes`` ("|USA|CHN|", empty string when no code) for fast filtering
event_actors  the actors (side "actor") and recipients (side "recipient") of each event
quotes        direct and reported speech, with speaker and addressee
rejected      inputs that could not be read, with the reason
event_clusters, event_cluster_members, story_clusters
              cross-article fusion (``communique.fusion``): merged events with their counts,
              conflicts and members; the story of each article

``sector`` on mentions and event_actors keeps the sector of that particular reference
(the same state may act through its government or its military); ``actors.sector`` is
the actor's default.

The functions at the end map the typed records of ``communique.model`` onto table rows.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from ..model import ActorRef, ArticleResult, Event, Mention, Quote

# Events with two or more codes on one side ("|USA|JPN|"); a partial index keeps them apart so that
# dyad queries can look up single-code events by equality and scan only these by substring.
MULTI_CODE_SQL = "actor_codes LIKE '|%|%|' OR recipient_codes LIKE '|%|%|'"


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    date: Mapped[str | None] = mapped_column(String)
    source: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    dateline: Mapped[str | None] = mapped_column(String)
    content_hash: Mapped[str] = mapped_column(String, nullable=False)
    ingested_at: Mapped[str] = mapped_column(String, nullable=False)

    __table_args__ = (Index("ix_articles_date", "date"), Index("ix_articles_source", "source"))


class ActorRow(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String, nullable=False, unique=True)
    name: Mapped[str | None] = mapped_column(String)
    code: Mapped[str | None] = mapped_column(String)
    sector: Mapped[str | None] = mapped_column(String)
    kind: Mapped[str | None] = mapped_column(String)
    kb_id: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_actors_code", "code"),)


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), nullable=False)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    start: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    end: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    sentence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    role: Mapped[str | None] = mapped_column(String)
    sector: Mapped[str | None] = mapped_column(String)
    method: Mapped[str | None] = mapped_column(String)
    score: Mapped[float | None] = mapped_column(Float)

    __table_args__ = (Index("ix_mentions_article_id", "article_id"),
                      Index("ix_mentions_actor_id", "actor_id"))


class EventRow(Base):
    __tablename__ = "events"

    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), nullable=False)
    type: Mapped[str] = mapped_column(String, nullable=False)
    mode: Mapped[str | None] = mapped_column(String)
    contexts: Mapped[list | None] = mapped_column(JSON)
    cameo: Mapped[str | None] = mapped_column(String)
    goldstein: Mapped[float | None] = mapped_column(Float)
    intensity: Mapped[float | None] = mapped_column(Float)
    quad_class: Mapped[int | None] = mapped_column(Integer)
    date: Mapped[str | None] = mapped_column(String)
    date_precision: Mapped[str | None] = mapped_column(String)
    location_name: Mapped[str | None] = mapped_column(String)
    location_country: Mapped[str | None] = mapped_column(String)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String, nullable=False, default="asserted")
    topics: Mapped[list | None] = mapped_column(JSON)
    sentence: Mapped[str | None] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    evidence_end: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    trigger: Mapped[str | None] = mapped_column(String)
    confidence: Mapped[float | None] = mapped_column(Float)
    extractor: Mapped[str | None] = mapped_column(String)
    actor_codes: Mapped[str] = mapped_column(String, nullable=False, default="")
    recipient_codes: Mapped[str] = mapped_column(String, nullable=False, default="")

    __table_args__ = (Index("ix_events_date", "date"),
                      Index("ix_events_type", "type"),
                      Index("ix_events_article_id", "article_id"),
                      # read-side indexes used by communique.store.queries (dyads, series, types)
                      Index("ix_events_dyad", "actor_codes", "recipient_codes", "date", "type",
                            "quad_class", "goldstein", "intensity"),
                      Index("ix_events_type_date", "type", "date"),
                      Index("ix_events_multicode", "date", "actor_codes", "recipient_codes",
                            sqlite_where=text(MULTI_CODE_SQL), postgresql_where=text(MULTI_CODE_SQL)))


class EventActorRow(Base):
    __tablename__ = "event_actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.event_id"), nullable=False)
    side: Mapped[str] = mapped_column(String, nullable=False)          # "actor" | "recipient"
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    text: Mapped[str] = mapped_column(Text, nullable=False, default="")
    start: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    end: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    role: Mapped[str | None] = mapped_column(String)
    sector: Mapped[str | None] = mapped_column(String)
    via: Mapped[str | None] = mapped_column(String)    # home state listed beside this armed group

    __table_args__ = (Index("ix_event_actors_event_id", "event_id"),
                      Index("ix_event_actors_actor_id", "actor_id"))


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), nullable=False)
    speaker_actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    speaker_name: Mapped[str | None] = mapped_column(String)
    speaker_code: Mapped[str | None] = mapped_column(String)
    addressee_name: Mapped[str | None] = mapped_column(String)
    addressee_code: Mapped[str | None] = mapped_column(String)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String, nullable=False)
    cue: Mapped[str | None] = mapped_column(String)
    start: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)
    end: Mapped[int] = mapped_column(Integer, nullable=False, default=-1)

    __table_args__ = (Index("ix_quotes_article_id", "article_id"),)


class RejectedRow(Base):
    __tablename__ = "rejected"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    origin: Mapped[str] = mapped_column(Text, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    at: Mapped[str] = mapped_column(String, nullable=False)


# --------------------------------------------------------------------------- fusion tables
# Written by ``communique.fusion`` (``Store.save_clusters``), one full re-fusion at a time.
# event_clusters         one row per real-world event merged from many reports; the codes are
#                        denormalised like ``events`` ("|USA|CHN|"); ``conflicts`` is a JSON object
#                        {attribute: [{value, mentions, article_ids, sources}, ...]}
# event_cluster_members  the event mentions of each cluster (no foreign key to ``events``: a
#                        re-ingested article replaces its events and the next fusion rebuilds these)
# story_clusters         the story (news event) each article belongs to

class EventClusterRow(Base):
    __tablename__ = "event_clusters"

    cluster_id: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String, nullable=False)
    mode: Mapped[str | None] = mapped_column(String)
    actor_codes: Mapped[str] = mapped_column(String, nullable=False, default="")
    recipient_codes: Mapped[str] = mapped_column(String, nullable=False, default="")
    symmetric: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    date: Mapped[str | None] = mapped_column(String)
    date_precision: Mapped[str | None] = mapped_column(String)
    date_support: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    location_name: Mapped[str | None] = mapped_column(String)
    location_country: Mapped[str | None] = mapped_column(String)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String, nullable=False, default="asserted")
    cameo: Mapped[str | None] = mapped_column(String)
    goldstein: Mapped[float | None] = mapped_column(Float)
    intensity: Mapped[float | None] = mapped_column(Float)
    confidence: Mapped[float | None] = mapped_column(Float)
    topics: Mapped[list | None] = mapped_column(JSON)
    num_mentions: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    num_articles: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    num_sources: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    conflicts: Mapped[dict | None] = mapped_column(JSON)

    __table_args__ = (Index("ix_event_clusters_date", "date"),
                      Index("ix_event_clusters_type", "type"))


class EventClusterMemberRow(Base):
    __tablename__ = "event_cluster_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    cluster_id: Mapped[str] = mapped_column(ForeignKey("event_clusters.cluster_id"), nullable=False)
    event_id: Mapped[str] = mapped_column(String, nullable=False)
    article_id: Mapped[str] = mapped_column(String, nullable=False)
    source: Mapped[str | None] = mapped_column(String)
    date: Mapped[str | None] = mapped_column(String)
    status: Mapped[str | None] = mapped_column(String)

    __table_args__ = (Index("ix_event_cluster_members_cluster_id", "cluster_id"),
                      Index("ix_event_cluster_members_event_id", "event_id"))


class StoryClusterRow(Base):
    __tablename__ = "story_clusters"

    article_id: Mapped[str] = mapped_column(String, primary_key=True)
    story_id: Mapped[str] = mapped_column(String, nullable=False)

    __table_args__ = (Index("ix_story_clusters_story_id", "story_id"),)


# --------------------------------------------------------------------------- records -> rows

def actor_key(ref: ActorRef | None) -> str | None:
    """Identity of an actor: its knowledge-base id, else its code and name; None if unresolved."""
    if ref is None:
        return None
    if ref.kb_id:
        return "kb:" + ref.kb_id
    if not ref.code and not ref.name:
        return None
    name = re.sub(r"\s+", " ", (ref.name or "")).strip().casefold()
    return f"cn:{ref.code or ''}|{name}"


def _codes(refs: Iterable[ActorRef]) -> str:
    codes: list[str] = []
    for r in refs:
        if r.code and r.key not in codes:
            codes.append(r.key)
    return "|" + "|".join(codes) + "|" if codes else ""


def _float(x) -> float | None:
    return None if x is None else float(x)


def article_row(r: ArticleResult, content_hash: str, now: str) -> dict[str, Any]:
    a = r.article
    return {"id": a.id, "title": a.title, "text": a.body, "date": a.date, "source": a.source,
            "url": a.url, "origin": a.origin, "dateline": a.dateline,
            "content_hash": content_hash, "ingested_at": now}


def mention_row(aid: str, m: Mention, actor_ids: dict[str, int]) -> dict[str, Any]:
    a = m.actor
    return {"article_id": aid, "actor_id": actor_ids.get(actor_key(a)), "text": a.text or "",
            "start": a.start, "end": a.end, "sentence": m.sentence, "role": a.role,
            "sector": a.sector, "method": a.method, "score": _float(a.score)}


def event_row(aid: str, e: Event) -> dict[str, Any]:
    loc = e.location
    return {
        "event_id": e.event_id, "article_id": aid, "type": e.type, "mode": e.mode,
        "contexts": list(e.contexts or []), "cameo": e.cameo, "goldstein": _float(e.goldstein),
        "intensity": _float(e.intensity), "quad_class": e.quad_class, "date": e.date,
        "date_precision": e.date_precision,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": _float(loc.lat) if loc else None, "lon": _float(loc.lon) if loc else None,
        "status": e.status, "topics": list(e.topics or []), "sentence": e.sentence,
        "evidence_start": e.evidence_start, "evidence_end": e.evidence_end, "trigger": e.trigger,
        "confidence": _float(e.confidence), "extractor": e.extractor,
        "actor_codes": _codes(e.actors), "recipient_codes": _codes(e.recipients),
    }


def side_row(event_id: str, side: str, ref: ActorRef, actor_ids: dict[str, int]) -> dict[str, Any]:
    return {"event_id": event_id, "side": side, "actor_id": actor_ids.get(actor_key(ref)),
            "text": ref.text or "", "start": ref.start, "end": ref.end, "role": ref.role,
            "sector": ref.sector, "via": ref.via}


def quote_row(aid: str, q: Quote, actor_ids: dict[str, int]) -> dict[str, Any]:
    sp, ad = q.speaker, q.addressee
    return {"article_id": aid, "speaker_actor_id": actor_ids.get(actor_key(sp)) if sp else None,
            "speaker_name": sp.name if sp else None, "speaker_code": sp.code if sp else None,
            "addressee_name": ad.name if ad else None, "addressee_code": ad.code if ad else None,
            "text": q.text, "kind": q.kind, "cue": q.cue, "start": q.start, "end": q.end}


# --------------------------------------------------------------------------- full-text search
# SQLite: two FTS5 tables over the rows of ``articles`` (title, text) and ``events`` (sentence),
# "external content" tables keyed by the rowid of their base table and kept in sync by triggers,
# so every write path of the store (and any other writer) updates them.  Should a VACUUM ever
# renumber the rowids, ``INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')`` (same for
# events_fts) rebuilds them.  PostgreSQL: GIN expression indexes on to_tsvector('english', ...);
# queries must use the very same expressions (see ``communique.store.queries``).
# Migration 0002 holds a frozen copy of these statements.

FTS_SQLITE = [
    ("CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5(title, text, content='articles', "
    "content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')"),
    ("CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(sentence, content='events', "
    "content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2')"),
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
]
FTS_SQLITE_REBUILD = ["INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
                      "INSERT INTO events_fts(events_fts) VALUES ('rebuild')"]
FTS_SQLITE_DROP = ["DROP TRIGGER IF EXISTS articles_fts_ai", "DROP TRIGGER IF EXISTS articles_fts_ad",
                   "DROP TRIGGER IF EXISTS articles_fts_au", "DROP TRIGGER IF EXISTS events_fts_ai",
                   "DROP TRIGGER IF EXISTS events_fts_ad", "DROP TRIGGER IF EXISTS events_fts_au",
                   "DROP TABLE IF EXISTS articles_fts", "DROP TABLE IF EXISTS events_fts"]

# The indexed expressions, reused verbatim by the queries so that PostgreSQL uses the indexes.
# "<" and ">" are blanked first: the PostgreSQL parser would read "<script>" as a tag and skip it.


def _pg_clean(column: str) -> str:
    return f"translate(coalesce({column}, ''), '<>', '  ')"


def _pg_tsv(*columns: str) -> str:
    return "to_tsvector('english', " + " || ' ' || ".join(_pg_clean(c) for c in columns) + ")"


PG_EVENT_TSV = _pg_tsv("events.sentence")
PG_TITLE_TSV = _pg_tsv("articles.title")
PG_ARTICLE_TSV = _pg_tsv("articles.title", "articles.text")
FTS_POSTGRES = [
    f"CREATE INDEX IF NOT EXISTS ix_events_fts ON events USING gin ({_pg_tsv('sentence')})",
    f"CREATE INDEX IF NOT EXISTS ix_articles_title_fts ON articles USING gin ({_pg_tsv('title')})",
    f"CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING gin ({_pg_tsv('title', 'text')})",
]
FTS_POSTGRES_DROP = ["DROP INDEX IF EXISTS ix_events_fts", "DROP INDEX IF EXISTS ix_articles_title_fts",
                     "DROP INDEX IF EXISTS ix_articles_fts"]


def create_fts(conn, rebuild: bool = True) -> bool:
    """Create the full-text search objects on an open connection (inside its transaction).

    ``rebuild`` fills the SQLite FTS tables from rows already stored.  Returns False, creating
    nothing, on backends without full-text support (other dialects, SQLite built without FTS5).
    """
    name = conn.dialect.name
    if name == "postgresql":
        for stmt in FTS_POSTGRES:
            conn.exec_driver_sql(stmt)
        return True
    if name != "sqlite":
        return False
    options = {r[0] for r in conn.exec_driver_sql("PRAGMA compile_options")}
    if "ENABLE_FTS5" not in options:
        return False
    for stmt in FTS_SQLITE + (FTS_SQLITE_REBUILD if rebuild else []):
        conn.exec_driver_sql(stmt)
    return True


def drop_fts(conn) -> None:
    name = conn.dialect.name
    for stmt in FTS_POSTGRES_DROP if name == "postgresql" else FTS_SQLITE_DROP if name == "sqlite" else []:
        conn.exec_driver_sql(stmt)


__all__ = [
    "ActorRow",
    "ArticleRow",
    "Base",
    "EventActorRow",
    "EventClusterMemberRow",
    "EventClusterRow",
    "EventRow",
    "MentionRow",
    "QuoteRow",
    "RejectedRow",
    "StoryClusterRow",
    "actor_key",
    "article_row",
    "create_fts",
    "drop_fts",
    "event_row",
    "mention_row",
    "quote_row",
    "side_row",
]
