"""The communique store: saves ``ArticleResult`` records and answers queries over them.

``open_store()`` opens (and creates when needed) a database:

- no URL: the SQLite file ``communique.db`` in the current directory;
- a plain path (no ``://``): a SQLite file at that path (``":memory:"`` for a throwaway one);
- ``sqlite:///...`` or ``postgresql://...`` URLs as given (``postgresql://`` and ``postgres://``
  use the psycopg 3 driver when it is installed).

SQLite connections run in WAL mode with foreign keys enforced; writes take the database
lock at the start of the transaction (``BEGIN IMMEDIATE``), so concurrent writers wait
instead of failing half-way.

Dates are ISO strings.  Query date bounds are inclusive; a partial ``end`` such as
``"2024-01"`` or ``"2024"`` includes every date inside that month or year.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import (
    and_,
    case,
    create_engine,
    delete,
    distinct,
    event,
    exists,
    func,
    insert,
    inspect,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.engine import URL, Engine
from sqlalchemy.orm import Session, aliased
from sqlalchemy.pool import StaticPool

from ..model import ActorRef, ArticleResult, Rejected
from .schema import (
    ActorRow,
    ArticleRow,
    Base,
    EventActorRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    MentionRow,
    QuoteRow,
    RejectedRow,
    StoryClusterRow,
    actor_key,
    article_row,
    create_fts,
    event_row,
    mention_row,
    quote_row,
    side_row,
)

_CHUNK = 500          # ids per IN (...) list
_WRITE = "communique_write"

T_ART, T_ACT, T_MEN = ArticleRow.__table__, ActorRow.__table__, MentionRow.__table__
T_EV, T_EA, T_QUO, T_REJ = EventRow.__table__, EventActorRow.__table__, QuoteRow.__table__, RejectedRow.__table__
T_CL, T_CLM, T_ST = EventClusterRow.__table__, EventClusterMemberRow.__table__, StoryClusterRow.__table__


@dataclass
class SaveStats:
    """What one ``Store.save`` call did."""
    articles: int = 0       # new articles stored
    replaced: int = 0       # articles whose content changed and were stored again
    duplicates: int = 0     # articles skipped: same id and same content already stored
    events: int = 0
    mentions: int = 0
    quotes: int = 0
    actors: int = 0         # actors seen for the first time

    def to_dict(self) -> dict[str, int]:
        return asdict(self)


# --------------------------------------------------------------------------- opening

def _has_psycopg() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True


def _resolve_url(url: str | None) -> str | URL:
    if url is None:
        return URL.create("sqlite", database=str(Path.cwd() / "communique.db"))
    if url == ":memory:":
        return "sqlite://"
    if "://" not in url:
        path = Path(url).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    scheme, rest = url.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return ("postgresql+psycopg://" if _has_psycopg() else "postgresql://") + rest
    return url


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        write = conn.get_execution_options().get(_WRITE)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def make_engine(url: str | None = None) -> Engine:
    """The SQLAlchemy engine for ``url`` (see the module docstring), without touching the schema."""
    resolved = _resolve_url(url)
    name = resolved.drivername if isinstance(resolved, URL) else resolved.split("://", 1)[0]
    if name.startswith("sqlite"):
        kwargs: dict[str, Any] = {"connect_args": {"check_same_thread": False}}
        if resolved == "sqlite://":
            kwargs["poolclass"] = StaticPool
        engine = create_engine(resolved, **kwargs)
        _setup_sqlite(engine)
    else:
        engine = create_engine(resolved, pool_pre_ping=True)
    return engine


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (see the module docstring), creating its tables if needed.

    A new database gets the whole current schema (tables, indexes, full-text search) and is
    stamped with the latest migration (``communique.store.migrate``), so that ``communique db
    upgrade`` applies only later ones.  An existing database is left as it is apart from
    missing tables (as before migrations existed); ``communique db upgrade`` brings it up to date.
    """
    engine = make_engine(url)
    _init_schema(engine)
    return Store(engine)


def _init_schema(engine: Engine) -> None:
    with engine.connect() as c:
        fresh = not inspect(c).has_table(T_ART.name)
    if not fresh:
        Base.metadata.create_all(engine)
        _add_missing_columns(engine)
        return
    with engine.connect().execution_options(**{_WRITE: True}) as c, c.begin():
        if inspect(c).has_table(T_ART.name):     # another process created it meanwhile
            Base.metadata.create_all(c)
            return
        Base.metadata.create_all(c)
        create_fts(c, rebuild=False)
        from .migrate import stamp_head
        stamp_head(c)


def _add_missing_columns(engine: Engine) -> None:
    """Nullable columns added by later migrations, added to an older database on open so that
    saving works before ``communique db upgrade`` is run (the migration then finds them there)."""
    with engine.connect() as c:
        insp = inspect(c)
        missing = [(t, col) for t in Base.metadata.sorted_tables if insp.has_table(t.name)
                   for col in t.columns if col.nullable and not col.primary_key
                   and col.name not in {x["name"] for x in insp.get_columns(t.name)}]
    if not missing:
        return
    with engine.connect().execution_options(**{_WRITE: True}) as c, c.begin():
        for t, col in missing:
            c.execute(text(f'ALTER TABLE {t.name} ADD COLUMN "{col.name}" {col.type.compile(engine.dialect)}'))


# --------------------------------------------------------------------------- helpers

def _chunks(items: list, n: int = _CHUNK) -> Iterator[list]:
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _merge_actor(info: dict[str, Any], ref: ActorRef) -> None:
    """Later non-empty values win, except that the generic kind "agent" never overrides another.
    An armed group keeps the knowledge base's code whatever spelling an article gave it."""
    for field in ("name", "code", "sector", "kb_id"):
        value = ref.key if field == "code" else getattr(ref, field)
        if value:
            info[field] = value
    if ref.kind and (ref.kind != "agent" or not info.get("kind")):
        info["kind"] = ref.kind


def _date_bounds(column, start: str | None, end: str | None) -> list:
    conds = []
    if start:
        conds.append(column >= start)
    if end:
        # "~" sorts after digits and "-": a partial end date covers the whole month/year.
        conds.append(column <= (end if len(end) >= 10 else end + "~"))
    return conds


# --------------------------------------------------------------------------- the store

class Store:
    """Repository over the communique schema.  Use ``open_store`` to create one."""

    def __init__(self, engine: Engine):
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    def _write(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    # ----------------------------------------------------------------- writing

    def save(self, results: list[ArticleResult]) -> SaveStats:
        """Store a batch of results in one transaction; on any error nothing of the batch is kept.

        An article already stored with the same content hash is skipped; with a different hash
        its mentions, events and quotes are deleted and it is stored again.  Within one batch a
        later result for the same article id supersedes an earlier one.
        """
        stats = SaveStats()
        batch: dict[str, ArticleResult] = {}
        hashes: dict[str, str] = {}
        for r in results:
            aid, h = r.article.id, r.article.content_hash
            if aid in batch and hashes[aid] == h:
                stats.duplicates += 1
                continue
            batch[aid], hashes[aid] = r, h
        if not batch:
            return stats

        with self._write() as s, s.begin():
            s.connection(execution_options={_WRITE: True})
            stored: dict[str, str] = {}
            for chunk in _chunks(list(batch)):
                stored.update(s.execute(select(T_ART.c.id, T_ART.c.content_hash)
                                        .where(T_ART.c.id.in_(chunk))).all())
            new_ids, replace_ids = [], []
            for aid in list(batch):
                if aid not in stored:
                    new_ids.append(aid)
                elif stored[aid] == hashes[aid]:
                    stats.duplicates += 1
                    del batch[aid]
                else:
                    replace_ids.append(aid)
            if not batch:
                return stats

            self._delete_children(s, replace_ids)
            actor_ids = self._upsert_actors(s, batch.values(), stats)

            now = _now()
            art_rows = {aid: article_row(batch[aid], hashes[aid], now) for aid in batch}
            if new_ids:
                s.execute(insert(T_ART), [art_rows[aid] for aid in new_ids])
            for aid in replace_ids:
                row = dict(art_rows[aid])
                del row["id"]
                s.execute(update(T_ART).where(T_ART.c.id == aid).values(**row))
            stats.articles += len(new_ids)
            stats.replaced += len(replace_ids)

            mentions, events, sides, quotes = [], [], [], []
            for aid, r in batch.items():
                mentions += [mention_row(aid, m, actor_ids) for m in r.mentions]
                for e in r.events:
                    events.append(event_row(aid, e))
                    for side, refs in (("actor", e.actors), ("recipient", e.recipients)):
                        sides += [side_row(e.event_id, side, ref, actor_ids) for ref in refs]
                quotes += [quote_row(aid, q, actor_ids) for q in r.quotes]
            for table, rows in ((T_MEN, mentions), (T_EV, events), (T_EA, sides), (T_QUO, quotes)):
                if rows:
                    s.execute(insert(table), rows)
            stats.mentions += len(mentions)
            stats.events += len(events)
            stats.quotes += len(quotes)
        return stats

    def _delete_children(self, s: Session, article_ids: list[str]) -> None:
        for chunk in _chunks(article_ids):
            event_ids = select(T_EV.c.event_id).where(T_EV.c.article_id.in_(chunk))
            s.execute(delete(T_EA).where(T_EA.c.event_id.in_(event_ids)))
            s.execute(delete(T_EV).where(T_EV.c.article_id.in_(chunk)))
            s.execute(delete(T_MEN).where(T_MEN.c.article_id.in_(chunk)))
            s.execute(delete(T_QUO).where(T_QUO.c.article_id.in_(chunk)))

    def _upsert_actors(self, s: Session, results: Iterable[ArticleResult],
                       stats: SaveStats) -> dict[str, int]:
        info: dict[str, dict[str, Any]] = {}
        for r in results:
            refs = [m.actor for m in r.mentions] + [q.speaker for q in r.quotes if q.speaker]
            for e in r.events:
                refs += e.actors + e.recipients
            for ref in refs:
                key = actor_key(ref)
                if key is not None:
                    _merge_actor(info.setdefault(key, {}), ref)
        if not info:
            return {}
        cols = (T_ACT.c.id, T_ACT.c.key, T_ACT.c.name, T_ACT.c.code, T_ACT.c.sector,
                T_ACT.c.kind, T_ACT.c.kb_id)
        found: dict[str, Any] = {}
        for chunk in _chunks(list(info)):
            for row in s.execute(select(*cols).where(T_ACT.c.key.in_(chunk))):
                found[row.key] = row
        missing = [k for k in info if k not in found]
        if missing:
            rows = [{"key": k, "name": info[k].get("name"), "code": info[k].get("code"),
                     "sector": info[k].get("sector"), "kind": info[k].get("kind"),
                     "kb_id": info[k].get("kb_id")} for k in missing]
            dialect = s.get_bind().dialect.name
            if dialect == "postgresql":
                from sqlalchemy.dialects.postgresql import insert as dialect_insert
            elif dialect == "sqlite":
                from sqlalchemy.dialects.sqlite import insert as dialect_insert
            else:
                dialect_insert = None
            if dialect_insert is not None:   # another writer may have added the same actor meanwhile
                s.execute(dialect_insert(T_ACT).on_conflict_do_nothing(index_elements=["key"]), rows)
            else:
                s.execute(insert(T_ACT), rows)
            stats.actors += len(missing)
        ids = {k: row.id for k, row in found.items()}
        for chunk in _chunks(missing):
            ids.update(s.execute(select(T_ACT.c.key, T_ACT.c.id)
                                 .where(T_ACT.c.key.in_(chunk))).all())
        for key, row in found.items():
            changes = {f: v for f, v in info[key].items()
                       if v and v != getattr(row, f) and not (f == "kind" and v == "agent" and row.kind)}
            if changes:
                s.execute(update(T_ACT).where(T_ACT.c.id == row.id).values(**changes))
        return ids

    def record_rejected(self, rejected: list[Rejected]) -> None:
        if not rejected:
            return
        now = _now()
        with self._write() as s, s.begin():
            s.connection(execution_options={_WRITE: True})
            s.execute(insert(T_REJ), [{"origin": r.origin, "reason": r.reason, "at": now}
                                      for r in rejected])

    # ----------------------------------------------------------------- reading

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as c:
            return c.execute(select(T_ART.c.id).where(T_ART.c.id == article_id)).first() is not None

    def article_ids(self) -> set[str]:
        with self.engine.connect() as c:
            return set(c.execute(select(T_ART.c.id)).scalars())

    def article(self, article_id: str) -> dict[str, Any] | None:
        """One article with its analysed text (event and quote offsets refer to ``text``)."""
        with self.engine.connect() as c:
            row = c.execute(select(T_ART).where(T_ART.c.id == article_id)).mappings().first()
        return dict(row) if row else None

    def articles(self, limit: int = 100, offset: int = 0, with_text: bool = False) -> list[dict[str, Any]]:
        n_events = (select(func.count()).select_from(T_EV).where(T_EV.c.article_id == T_ART.c.id)
                    .scalar_subquery().label("events"))
        cols = [c for c in T_ART.c if with_text or c.name != "text"]
        q = (select(*cols, n_events).order_by(T_ART.c.date.desc().nulls_last(), T_ART.c.id)
             .limit(limit).offset(offset))
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    def _actor_condition(self, actor: str):
        value = actor.strip()
        code_conds = []
        for code in {value, value.upper()}:
            code_conds += [T_EV.c.actor_codes.contains(f"|{code}|", autoescape=True),
                           T_EV.c.recipient_codes.contains(f"|{code}|", autoescape=True)]
        by_name = (exists().where(T_EA.c.event_id == T_EV.c.event_id, T_EA.c.actor_id == T_ACT.c.id,
                                  func.lower(T_ACT.c.name).contains(value.lower(), autoescape=True)))
        return or_(*code_conds, by_name)

    def events(self, actor: str | None = None, dyad: tuple[str, str] | None = None,
               type: str | None = None, start: str | None = None, end: str | None = None,
               source: str | None = None, article_id: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Events in the DESIGN.md record shape, plus the article's ``source`` and ``title``.

        ``actor``: a code ("USA") or a case-insensitive name substring, on either side.
        ``dyad``: two codes, one on each side, in either order.  Ordered by date, then article.
        """
        conds = []
        if actor:
            conds.append(self._actor_condition(actor))
        if dyad:
            a, b = (f"|{c}|" for c in dyad)
            ac, rc = T_EV.c.actor_codes, T_EV.c.recipient_codes
            conds.append(or_(and_(ac.contains(a, autoescape=True), rc.contains(b, autoescape=True)),
                             and_(ac.contains(b, autoescape=True), rc.contains(a, autoescape=True))))
        if type:
            conds.append(T_EV.c.type.in_({type, type.upper()}))
        conds += _date_bounds(T_EV.c.date, start, end)
        if source:
            conds.append(func.lower(T_ART.c.source) == source.lower())
        if article_id:
            conds.append(T_EV.c.article_id == article_id)
        q = (select(T_EV, T_ART.c.source, T_ART.c.title)
             .join(T_ART, T_ART.c.id == T_EV.c.article_id)
             .where(*conds)
             .order_by(T_EV.c.date.asc().nulls_last(), T_EV.c.article_id, T_EV.c.evidence_start,
                       T_EV.c.event_id)
             .limit(limit).offset(offset))
        with self.engine.connect() as c:
            rows = list(c.execute(q).mappings())
            sides = self._sides(c, [r["event_id"] for r in rows])
        return [self._event_record(r, sides.get(r["event_id"], {})) for r in rows]

    @staticmethod
    def _sides(c, event_ids: list[str]) -> dict[str, dict[str, list]]:
        out: dict[str, dict[str, list]] = {}
        for chunk in _chunks(event_ids):
            q = (select(T_EA.c.event_id, T_EA.c.side, T_EA.c.text, T_EA.c.start, T_EA.c.end,
                        T_EA.c.role, T_EA.c.via, T_EA.c.sector.label("ref_sector"), T_ACT.c.name, T_ACT.c.code,
                        T_ACT.c.sector, T_ACT.c.kb_id)
                 .select_from(T_EA.outerjoin(T_ACT, T_ACT.c.id == T_EA.c.actor_id))
                 .where(T_EA.c.event_id.in_(chunk)).order_by(T_EA.c.id))
            for r in c.execute(q):
                item = {"name": r.name, "code": r.code, "sector": r.ref_sector or r.sector,
                        "role": r.role, "kb_id": r.kb_id, "text": r.text, "start": r.start, "end": r.end}
                if r.via:
                    item["via"] = r.via
                out.setdefault(r.event_id, {}).setdefault(r.side, []).append(item)
        return out

    @staticmethod
    def _event_record(r, sides: dict[str, list]) -> dict[str, Any]:
        has_loc = r["location_name"] is not None or r["lat"] is not None
        conf = r["confidence"]
        return {
            "event_id": r["event_id"], "article_id": r["article_id"], "type": r["type"],
            "mode": r["mode"], "contexts": list(r["contexts"] or []), "cameo": r["cameo"],
            "goldstein": r["goldstein"], "intensity": r["intensity"], "quad_class": r["quad_class"],
            "actors": sides.get("actor", []), "recipients": sides.get("recipient", []),
            "date": r["date"], "date_precision": r["date_precision"],
            "location": {"name": r["location_name"], "country": r["location_country"],
                         "lat": r["lat"], "lon": r["lon"]} if has_loc else None,
            "status": r["status"], "topics": list(r["topics"] or []), "sentence": r["sentence"],
            "evidence": {"start": r["evidence_start"], "end": r["evidence_end"]},
            "trigger": r["trigger"], "confidence": None if conf is None else round(conf, 3),
            "extractor": r["extractor"], "source": r["source"], "title": r["title"],
        }

    def quotes(self, speaker: str | None = None, article_id: str | None = None,
               limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Quotes; ``speaker`` matches a speaker code or a case-insensitive name substring."""
        conds = []
        if speaker:
            value = speaker.strip()
            conds.append(or_(T_QUO.c.speaker_code.in_({value, value.upper()}),
                             func.lower(T_QUO.c.speaker_name).contains(value.lower(), autoescape=True)))
        if article_id:
            conds.append(T_QUO.c.article_id == article_id)
        q = (select(T_QUO, T_ACT.c.sector, T_ACT.c.kb_id, T_ART.c.source, T_ART.c.title, T_ART.c.date)
             .select_from(T_QUO.join(T_ART, T_ART.c.id == T_QUO.c.article_id)
                          .outerjoin(T_ACT, T_ACT.c.id == T_QUO.c.speaker_actor_id))
             .where(*conds)
             .order_by(T_ART.c.date.asc().nulls_last(), T_QUO.c.article_id, T_QUO.c.start, T_QUO.c.id)
             .limit(limit).offset(offset))
        out = []
        with self.engine.connect() as c:
            for r in c.execute(q).mappings():
                has_speaker = r["speaker_name"] or r["speaker_code"] or r["speaker_actor_id"]
                has_addressee = r["addressee_name"] or r["addressee_code"]
                out.append({
                    "id": r["id"], "article_id": r["article_id"],
                    "speaker": {"name": r["speaker_name"], "code": r["speaker_code"],
                                "sector": r["sector"], "kb_id": r["kb_id"]} if has_speaker else None,
                    "addressee": {"name": r["addressee_name"], "code": r["addressee_code"]}
                    if has_addressee else None,
                    "text": r["text"], "kind": r["kind"], "cue": r["cue"], "start": r["start"],
                    "end": r["end"], "date": r["date"], "source": r["source"], "title": r["title"],
                })
        return out

    def summary(self) -> dict[str, Any]:
        """Counts, events per type, top dyads (order-free), top actors and the date range."""
        with self.engine.connect() as c:
            def count(table) -> int:
                return c.execute(select(func.count()).select_from(table)).scalar_one()

            counts = {name: count(t) for name, t in (
                ("articles", T_ART), ("events", T_EV), ("actors", T_ACT), ("mentions", T_MEN),
                ("quotes", T_QUO), ("rejected", T_REJ))}
            n = func.count().label("n")
            by_type = {t: k for t, k in c.execute(
                select(T_EV.c.type, n).group_by(T_EV.c.type).order_by(n.desc(), T_EV.c.type))}

            ea1, ea2 = aliased(T_EA), aliased(T_EA)
            ac1, ac2 = aliased(T_ACT), aliased(T_ACT)
            c1, c2 = ac1.c.code, ac2.c.code
            lo, hi = case((c1 <= c2, c1), else_=c2), case((c1 <= c2, c2), else_=c1)
            n_ev = func.count(distinct(ea1.c.event_id)).label("n")
            dyad_q = (select(lo.label("a"), hi.label("b"), n_ev)
                      .select_from(ea1.join(ac1, ac1.c.id == ea1.c.actor_id)
                                   .join(ea2, and_(ea2.c.event_id == ea1.c.event_id,
                                                   ea2.c.side == "recipient"))
                                   .join(ac2, ac2.c.id == ea2.c.actor_id))
                      .where(ea1.c.side == "actor", c1.is_not(None), c2.is_not(None))
                      .group_by(lo, hi).order_by(n_ev.desc(), lo, hi).limit(10))
            dyads = [{"dyad": [r.a, r.b], "events": r.n} for r in c.execute(dyad_q)]

            n_act = func.count(distinct(T_EA.c.event_id)).label("n")
            actor_q = (select(T_ACT.c.id, T_ACT.c.name, T_ACT.c.code, T_ACT.c.kb_id, n_act)
                       .select_from(T_EA.join(T_ACT, T_ACT.c.id == T_EA.c.actor_id))
                       .group_by(T_ACT.c.id, T_ACT.c.name, T_ACT.c.code, T_ACT.c.kb_id)
                       .order_by(n_act.desc(), T_ACT.c.name).limit(10))
            actors = [{"name": r.name, "code": r.code, "kb_id": r.kb_id, "events": r.n}
                      for r in c.execute(actor_q)]
            first, last = c.execute(select(func.min(T_EV.c.date), func.max(T_EV.c.date))).one()
            a_first, a_last = c.execute(select(func.min(T_ART.c.date), func.max(T_ART.c.date))).one()
        return {**counts, "events_by_type": by_type, "top_dyads": dyads, "top_actors": actors,
                "date_range": {"start": first, "end": last},
                "article_date_range": {"start": a_first, "end": a_last}}

    # ----------------------------------------------------------------- fusion (event and story clusters)
    # Written by ``communique.fusion``; nothing above depends on these tables.

    def save_clusters(self, clusters: Iterable[Any], stories: list[list[str]] | None = None,
                      replace: bool = True) -> dict[str, int]:
        """Store event clusters (``EventCluster`` records or their ``to_dict()``) and story clusters.

        ``replace`` (the default) first deletes every stored cluster -- and every story when
        ``stories`` is given -- so the tables hold the result of one fusion run; otherwise clusters
        with the same ids are replaced and the others kept.  One transaction.
        """
        rows, members = [], []
        for c in clusters:
            d = c if isinstance(c, dict) else c.to_dict()
            loc = d.get("location") or {}
            rows.append({
                "cluster_id": d["cluster_id"], "type": d["type"], "mode": d.get("mode"),
                "actor_codes": _code_field(d.get("actor_codes")),
                "recipient_codes": _code_field(d.get("recipient_codes")),
                "symmetric": int(bool(d.get("symmetric"))), "date": d.get("date"),
                "date_precision": d.get("date_precision"), "date_support": d.get("date_support") or 0,
                "location_name": loc.get("name"), "location_country": loc.get("country"),
                "lat": loc.get("lat"), "lon": loc.get("lon"), "status": d.get("status") or "asserted",
                "cameo": d.get("cameo"), "goldstein": d.get("goldstein"), "intensity": d.get("intensity"),
                "confidence": d.get("confidence"), "topics": list(d.get("topics") or []),
                "num_mentions": d.get("num_mentions") or 0, "num_articles": d.get("num_articles") or 0,
                "num_sources": d.get("num_sources") or 0, "conflicts": d.get("conflicts") or {}})
            for m in d.get("members") or []:
                members.append({"cluster_id": d["cluster_id"], "event_id": m["event_id"],
                                "article_id": m["article_id"], "source": m.get("source"),
                                "date": m.get("date"), "status": m.get("status")})
        story_rows = []
        if stories is not None:
            for ids in stories:
                if not ids:
                    continue
                sid = "s" + hashlib.sha1("|".join(sorted(ids)).encode()).hexdigest()[:15]
                story_rows += [{"story_id": sid, "article_id": aid} for aid in dict.fromkeys(ids)]
        with self._write() as s, s.begin():
            s.connection(execution_options={_WRITE: True})
            if replace:
                s.execute(delete(T_CLM))
                s.execute(delete(T_CL))
            else:
                ids = [r["cluster_id"] for r in rows]
                for chunk in _chunks(ids):
                    s.execute(delete(T_CLM).where(T_CLM.c.cluster_id.in_(chunk)))
                    s.execute(delete(T_CL).where(T_CL.c.cluster_id.in_(chunk)))
            if stories is not None:
                if replace:
                    s.execute(delete(T_ST))
                else:
                    for chunk in _chunks([r["article_id"] for r in story_rows]):
                        s.execute(delete(T_ST).where(T_ST.c.article_id.in_(chunk)))
            for table, batch in ((T_CL, rows), (T_CLM, members), (T_ST, story_rows)):
                for chunk in _chunks(batch, 5000):
                    s.execute(insert(table), chunk)
        return {"clusters": len(rows), "members": len(members),
                "stories": len({r["story_id"] for r in story_rows}), "story_articles": len(story_rows)}

    def clusters(self, dyad: tuple[str, str] | None = None, type: str | None = None,
                 start: str | None = None, end: str | None = None, actor: str | None = None,
                 min_sources: int | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """Stored event clusters with their members, most reported first within a date.

        ``dyad``: two codes, one on each side, in either order; ``actor``: a code on either side;
        ``min_sources``: only clusters reported by at least that many outlets.
        """
        conds = []
        ac, rc = T_CL.c.actor_codes, T_CL.c.recipient_codes
        if dyad:
            a, b = (f"|{c.strip().upper()}|" for c in dyad)
            conds.append(or_(and_(ac.contains(a, autoescape=True), rc.contains(b, autoescape=True)),
                             and_(ac.contains(b, autoescape=True), rc.contains(a, autoescape=True))))
        if actor:
            code = f"|{actor.strip().upper()}|"
            conds.append(or_(ac.contains(code, autoescape=True), rc.contains(code, autoescape=True)))
        if type:
            conds.append(T_CL.c.type.in_({type, type.upper()}))
        conds += _date_bounds(T_CL.c.date, start, end)
        if min_sources:
            conds.append(T_CL.c.num_sources >= min_sources)
        q = (select(T_CL).where(*conds)
             .order_by(T_CL.c.date.asc().nulls_last(), T_CL.c.num_sources.desc(), T_CL.c.cluster_id)
             .limit(limit).offset(offset))
        with self.engine.connect() as c:
            rows = [dict(r) for r in c.execute(q).mappings()]
            members: dict[str, list] = {}
            for chunk in _chunks([r["cluster_id"] for r in rows]):
                mq = (select(T_CLM).where(T_CLM.c.cluster_id.in_(chunk))
                      .order_by(T_CLM.c.cluster_id, T_CLM.c.id))
                for m in c.execute(mq).mappings():
                    members.setdefault(m["cluster_id"], []).append(
                        {k: m[k] for k in ("event_id", "article_id", "source", "date", "status")})
        out = []
        for r in rows:
            has_loc = r["location_name"] is not None or r["lat"] is not None
            out.append({
                "cluster_id": r["cluster_id"], "type": r["type"], "mode": r["mode"],
                "actor_codes": _split_codes(r["actor_codes"]),
                "recipient_codes": _split_codes(r["recipient_codes"]),
                "symmetric": bool(r["symmetric"]), "date": r["date"],
                "date_precision": r["date_precision"], "date_support": r["date_support"],
                "location": {"name": r["location_name"], "country": r["location_country"],
                             "lat": r["lat"], "lon": r["lon"]} if has_loc else None,
                "status": r["status"], "cameo": r["cameo"], "goldstein": r["goldstein"],
                "intensity": r["intensity"], "confidence": r["confidence"],
                "topics": list(r["topics"] or []), "num_mentions": r["num_mentions"],
                "num_articles": r["num_articles"], "num_sources": r["num_sources"],
                "conflicts": r["conflicts"] or {}, "members": members.get(r["cluster_id"], [])})
        return out

    def stories(self, min_size: int = 1, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored story clusters, largest first: ``{"story_id", "size", "article_ids"}``."""
        q = select(T_ST.c.story_id, T_ST.c.article_id).order_by(T_ST.c.story_id, T_ST.c.article_id)
        groups: dict[str, list[str]] = {}
        with self.engine.connect() as c:
            for sid, aid in c.execute(q):
                groups.setdefault(sid, []).append(aid)
        out = [{"story_id": sid, "size": len(ids), "article_ids": ids}
               for sid, ids in groups.items() if len(ids) >= min_size]
        out.sort(key=lambda d: (-d["size"], d["story_id"]))
        return out[:limit] if limit is not None else out


def _code_field(codes) -> str:
    if isinstance(codes, str):
        return codes
    codes = [c for c in (codes or []) if c]
    return "|" + "|".join(codes) + "|" if codes else ""


def _split_codes(field: str | None) -> list[str]:
    return [c for c in (field or "").split("|") if c]



__all__ = ["SaveStats", "Store", "actor_key", "make_engine", "open_store"]
