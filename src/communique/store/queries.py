"""Read-only questions over the store, for the HTTP API, the dashboard and analysis.

Every function takes an open ``Store`` (see ``repository.open_store``) and returns plain
JSON-ready dicts and lists.  Only portable SQL is used, so the same calls run on SQLite and
PostgreSQL; work that differs between backends (ISO weeks, JSON topic lists) is finished in
Python.

Dyads are order-free: ``("USA", "CHN")`` matches events where one code is on the actor side
and the other on the recipient side, in either direction.  Matching uses the event's own
codes (``events.actor_codes`` / ``recipient_codes``), found through the ``event_actors``
index, so a person's events count for the country they represented on that day.

Date bounds are inclusive and may be partial (``end="2024-01"`` covers all of January), as in
``Store.events``.
"""
from __future__ import annotations

import json
import re
import time
import weakref
from collections import Counter, defaultdict
from datetime import date as _date
from datetime import timedelta
from typing import Any

from sqlalchemy import and_, distinct, func, inspect, or_, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased

from .repository import T_ACT, T_ART, T_EA, T_EV, T_QUO, Store, _date_bounds
from .schema import MULTI_CODE_SQL, PG_ARTICLE_TSV, PG_EVENT_TSV, PG_TITLE_TSV, _pg_tsv

INTERVALS = ("day", "week", "month", "year")
QUAD_CLASSES = (1, 2, 3, 4)     # verbal cooperation, material cooperation, verbal conflict, material conflict
QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


# --------------------------------------------------------------------------- conditions

def _norm_code(code: str) -> str:
    code = code.strip()
    return code.upper() if ":" not in code else code.split(":", 1)[0].upper() + ":" + code.split(":", 1)[1]


def _ids_for_code(code: str):
    return select(T_ACT.c.id).where(T_ACT.c.code == code)


def dyad_branches(a: str, b: str) -> list:
    """Disjoint conditions on ``events`` whose union is the order-free dyad ``a``-``b``.

    Single-code events are found by equality on ``(actor_codes, recipient_codes)`` (index
    ``ix_events_dyad``), events with several codes on a side by substring among the few rows of
    the partial index ``ix_events_multicode``.  Run one query per branch and combine the results:
    an OR of the branches would make the planner scan the whole table.
    """
    a, b = _norm_code(a), _norm_code(b)
    ac, rc = T_EV.c.actor_codes, T_EV.c.recipient_codes
    pa, pb = f"|{a}|", f"|{b}|"
    branches = [and_(ac == pa, rc == pb)]
    if a != b:
        branches.append(and_(ac == pb, rc == pa))
    branches.append(and_(text(f"({MULTI_CODE_SQL})"),
                         or_(and_(ac.contains(pa, autoescape=True), rc.contains(pb, autoescape=True)),
                             and_(ac.contains(pb, autoescape=True), rc.contains(pa, autoescape=True)))))
    return branches


def dyad_condition(a: str, b: str):
    """The order-free dyad as one condition (simple, but slow on big tables: prefer branches)."""
    return or_(*dyad_branches(a, b))


def ensure_indexes(store: Store) -> list[str]:
    """Create the schema's indexes missing from an older database (``create_all`` only adds
    indexes together with new tables).  Returns the names created; errors (a read-only file)
    are ignored so that reading still works."""
    created = []
    try:
        existing = {t: {ix["name"] for ix in inspect(store.engine).get_indexes(t)}
                    for t in (T_EV.name, T_EA.name)}
        for table in (T_EV, T_EA):
            for ix in table.indexes:
                if ix.name not in existing[table.name]:
                    ix.create(store.engine, checkfirst=True)
                    created.append(ix.name)
    except OperationalError:
        pass
    return created


def _topic_condition(topic: str):
    # JSON lists are stored as json.dumps text on both backends; match the quoted element.
    return func.cast(T_EV.c.topics, T_EV.c.sentence.type).contains(json.dumps(topic), autoescape=True)


def text_condition(q: str, store: Store | None = None):
    """Events whose sentence or article title matches ``q``.

    With full-text search available on ``store`` (see ``fts_kind``), every word of ``q`` must
    occur in the sentence or in the title, as a word or the start of one, after stemming
    ("sanction" finds "sanctions", "Blink" finds "Blinken"; case and accents are ignored).
    Otherwise (no store given, an older database, SQLite without FTS5) ``q`` is a
    case-insensitive substring of the sentence or the title.
    """
    kind = fts_kind(store) if store is not None else None
    terms = _terms(q)
    if kind == "sqlite" and terms:
        m = _fts5_query(terms)
        return or_(text("events.rowid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH :fts_ev)")
                   .bindparams(fts_ev=m),
                   text("events.article_id IN (SELECT a.id FROM articles a JOIN articles_fts f "
                        "ON f.rowid = a.rowid WHERE articles_fts MATCH :fts_ti)")
                   .bindparams(fts_ti="{title} : (" + m + ")"))
    if kind == "postgresql" and terms:
        m = _tsquery(terms)
        return or_(text(f"{PG_EVENT_TSV} @@ to_tsquery('english', :fts_ev)").bindparams(fts_ev=m),
                   text(f"events.article_id IN (SELECT articles.id FROM articles "
                        f"WHERE {PG_TITLE_TSV} @@ to_tsquery('english', :fts_ti))").bindparams(fts_ti=m))
    needle = q.strip().lower()
    return or_(func.lower(T_EV.c.sentence).contains(needle, autoescape=True),
               func.lower(T_ART.c.title).contains(needle, autoescape=True))


# --------------------------------------------------------------------------- full-text search

_TERM = re.compile(r"[^\W_]+")
_FTS_KIND: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _terms(q: str) -> list[str]:
    return _TERM.findall((q or "").lower())[:32]


def _fts5_query(terms: list[str]) -> str:
    """An FTS5 query: every term, each as a quoted prefix (no operator of the user's reaches FTS5)."""
    return " ".join(f'"{t}"*' for t in terms)


def _tsquery(terms: list[str]) -> str:
    return " & ".join(f"{t}:*" for t in terms)


def fts_kind(store: Store) -> str | None:
    """``"sqlite"`` (FTS5 tables), ``"postgresql"`` (tsvector indexes) or None when the database
    has no full-text objects (created before migration 0002: run ``communique db upgrade``).
    Looked up once per engine."""
    engine = store.engine
    if engine in _FTS_KIND:
        return _FTS_KIND[engine]
    kind = None
    try:
        with engine.connect() as c:
            if engine.dialect.name == "sqlite":
                names = set(inspect(c).get_table_names())
                kind = "sqlite" if {"articles_fts", "events_fts"} <= names else None
            elif engine.dialect.name == "postgresql":
                found = c.execute(text("SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() "
                                       "AND indexname IN ('ix_events_fts', 'ix_articles_title_fts', "
                                       "'ix_articles_fts')")).scalar_one()
                kind = "postgresql" if found == 3 else None
    except OperationalError:
        kind = None
    _FTS_KIND[engine] = kind
    return kind


def search(store: Store, q: str, limit: int = 20, what: str = "both") -> dict[str, Any]:
    """Full-text search: events (by sentence) and articles (by title and text), best first.

    Every word of ``q`` must match (as in ``text_condition``).  Returns ``{"q", "mode", "events",
    "articles"}``: ``mode`` is "fts5", "postgresql" or "like" (the substring fallback, newest
    first); events are records as in ``search_events`` plus ``score`` (higher is better; None in
    the fallback); articles are ``{"id", "title", "date", "source", "url", "score", "snippet"}``.
    ``what``: "events", "articles" or "both".
    """
    limit = max(0, min(int(limit), 1000))
    kind = fts_kind(store)
    terms = _terms(q)
    out: dict[str, Any] = {"q": q, "mode": "like", "events": [], "articles": []}
    if not q or not q.strip() or limit == 0:
        return out
    ev_rows: list[tuple[str, float | None]] = []
    art_rows: list[dict[str, Any]] = []
    with store.engine.connect() as c:
        if kind == "sqlite" and terms:
            out["mode"] = "fts5"
            m = _fts5_query(terms)
            if what in ("both", "events"):
                ev_rows = [(r[0], -r[1]) for r in c.execute(text(
                    "SELECT e.event_id, bm25(events_fts) AS s FROM events_fts JOIN events e "
                    "ON e.rowid = events_fts.rowid WHERE events_fts MATCH :m ORDER BY s, e.event_id LIMIT :n"),
                    {"m": m, "n": limit})]
            if what in ("both", "articles"):
                art_rows = [dict(r) for r in c.execute(text(
                    "SELECT a.id, a.title, a.date, a.source, a.url, -bm25(articles_fts, 3.0, 1.0) AS score, "
                    "snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet FROM articles_fts JOIN articles a "
                    "ON a.rowid = articles_fts.rowid WHERE articles_fts MATCH :m "
                    "ORDER BY bm25(articles_fts, 3.0, 1.0), a.id LIMIT :n"), {"m": m, "n": limit}).mappings()]
        elif kind == "postgresql" and terms:
            out["mode"] = "postgresql"
            m = _tsquery(terms)
            if what in ("both", "events"):
                ev_rows = [(r[0], float(r[1])) for r in c.execute(text(
                    f"SELECT events.event_id, ts_rank({PG_EVENT_TSV}, query) AS s "
                    f"FROM events, to_tsquery('english', :m) AS query WHERE {PG_EVENT_TSV} @@ query "
                    f"ORDER BY s DESC, events.event_id LIMIT :n"), {"m": m, "n": limit})]
            if what in ("both", "articles"):
                weighted = f"setweight({PG_TITLE_TSV}, 'A') || {_pg_tsv('articles.text')}"
                art_rows = [dict(r) for r in c.execute(text(
                    f"SELECT id, title, date, source, url, score, ts_headline('english', text, query, "
                    f"'MaxWords=24, MinWords=8, StartSel=[, StopSel=]') AS snippet FROM ("
                    f"SELECT articles.*, ts_rank({weighted}, query) AS score, query "
                    f"FROM articles, to_tsquery('english', :m) AS query WHERE {PG_ARTICLE_TSV} @@ query "
                    f"ORDER BY score DESC, articles.id LIMIT :n) AS best ORDER BY score DESC, id"),
                    {"m": m, "n": limit}).mappings()]
        else:
            needle = q.strip().lower()
            if what in ("both", "events"):
                ev_rows = [(r[0], None) for r in c.execute(
                    select(T_EV.c.event_id).join(T_ART, T_ART.c.id == T_EV.c.article_id)
                    .where(text_condition(q)).order_by(T_EV.c.date.desc(), T_EV.c.event_id).limit(limit))]
            if what in ("both", "articles"):
                cond = or_(func.lower(T_ART.c.title).contains(needle, autoescape=True),
                           func.lower(T_ART.c.text).contains(needle, autoescape=True))
                art_rows = [{**dict(r), "score": None, "snippet": None} for r in c.execute(
                    select(T_ART.c.id, T_ART.c.title, T_ART.c.date, T_ART.c.source, T_ART.c.url)
                    .where(cond).order_by(T_ART.c.date.desc(), T_ART.c.id).limit(limit)).mappings()]
        ids = [e for e, _ in ev_rows]
        rows = {}
        if ids:
            full = (select(T_EV, T_ART.c.source, T_ART.c.title)
                    .join(T_ART, T_ART.c.id == T_EV.c.article_id).where(T_EV.c.event_id.in_(ids)))
            rows = {r["event_id"]: r for r in c.execute(full).mappings()}
        sides = store._sides(c, ids)
    for eid, score in ev_rows:
        if eid in rows:
            rec = store._event_record(rows[eid], sides.get(eid, {}))
            rec["score"] = score
            out["events"].append(rec)
    for a in art_rows:
        a["score"] = None if a["score"] is None else float(a["score"])
        out["articles"].append({k: a[k] for k in ("id", "title", "date", "source", "url", "score", "snippet")})
    return out


def event_conditions(store: Store, actor: str | None = None, dyad: tuple[str, str] | None = None,
                     type: str | None = None, quad_class: int | None = None, start: str | None = None,
                     end: str | None = None, topic: str | None = None, source: str | None = None,
                     status: str | None = None, q: str | None = None,
                     article_id: str | None = None) -> tuple[list, bool]:
    """The WHERE conditions for an event search and whether they need the articles table."""
    conds: list = []
    needs_article = False
    if actor:
        conds.append(store._actor_condition(actor))
    if type:
        types = {t.strip().upper() for t in type.split(",") if t.strip()}
        conds.append(T_EV.c.type.in_(sorted(types)))
    if quad_class:
        conds.append(T_EV.c.quad_class == int(quad_class))
    conds += _date_bounds(T_EV.c.date, start, end)
    if topic:
        conds.append(_topic_condition(topic))
    if status:
        conds.append(T_EV.c.status == status.strip().lower())
    if article_id:
        conds.append(T_EV.c.article_id == article_id)
    if source:
        conds.append(func.lower(T_ART.c.source) == source.strip().lower())
        needs_article = True
    if q and q.strip():
        conds.append(text_condition(q, store))
        needs_article = True
    return conds, needs_article


# --------------------------------------------------------------------------- events

def search_events(store: Store, *, dyad: tuple[str, str] | None = None, limit: int = 50, offset: int = 0,
                  with_total: bool = True, order: str = "desc", **filters: Any) -> dict[str, Any]:
    """Events matching ``dyad`` and ``filters`` (see ``event_conditions``), newest first by default.

    Returns ``{"total": n, "limit", "offset", "items": [event records]}``; the records have the
    shape of ``Store.events`` (DESIGN.md event record plus ``source`` and ``title``).
    """
    conds, needs_article = event_conditions(store, **filters)
    limit = max(0, min(int(limit), 1000))
    offset = max(0, int(offset))
    desc = order == "desc"
    # missing dates last; SQLite already sorts NULL last when descending (and can then use the index)
    sqlite = store.engine.dialect.name == "sqlite"
    date_order = (T_EV.c.date.desc() if sqlite else T_EV.c.date.desc().nulls_last()) if desc \
        else T_EV.c.date.asc().nulls_last()
    branches = dyad_branches(*dyad) if dyad else [None]

    def base(cols, branch):
        q = select(*cols)
        if needs_article:
            q = q.join(T_ART, T_ART.c.id == T_EV.c.article_id)
        return q.where(*conds, *([branch] if branch is not None else []))

    with store.engine.connect() as c:
        found: list[tuple] = []
        for branch in branches:
            q = base([T_EV.c.event_id, T_EV.c.date], branch).order_by(date_order, T_EV.c.event_id)
            if len(branches) == 1:
                found += c.execute(q.limit(limit).offset(offset)).all()
            else:
                found += c.execute(q.limit(offset + limit)).all()
        if len(branches) > 1:
            # merge: dates descending (or ascending), missing dates last, then event id
            found = _stable_tiebreak(found, desc)[offset:offset + limit]
        ids = [r[0] for r in found]
        rows = {}
        if ids:
            full = (select(T_EV, T_ART.c.source, T_ART.c.title)
                    .join(T_ART, T_ART.c.id == T_EV.c.article_id)
                    .where(T_EV.c.event_id.in_(ids)))
            rows = {r["event_id"]: r for r in c.execute(full).mappings()}
        sides = store._sides(c, ids)
        total = None
        if with_total:
            total = sum(c.execute(base([func.count()], branch).select_from(T_EV)).scalar_one()
                        for branch in branches)
    items = [store._event_record(rows[i], sides.get(i, {})) for i in ids if i in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _stable_tiebreak(rows: list[tuple], desc: bool) -> list[tuple]:
    """Sort (event_id, date) rows by date (None last) then event id, as the SQL order does."""
    dated = sorted((r for r in rows if r[1] is not None), key=lambda r: r[0])
    dated.sort(key=lambda r: r[1], reverse=desc)
    return dated + sorted((r for r in rows if r[1] is None), key=lambda r: r[0])


def event(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event record, or None."""
    q = (select(T_EV, T_ART.c.source, T_ART.c.title)
         .join(T_ART, T_ART.c.id == T_EV.c.article_id).where(T_EV.c.event_id == event_id))
    with store.engine.connect() as c:
        row = c.execute(q).mappings().first()
        if row is None:
            return None
        sides = store._sides(c, [event_id])
    return store._event_record(row, sides.get(event_id, {}))


# --------------------------------------------------------------------------- dyad series

def _bucket(day: str, interval: str) -> str | None:
    """The bucket label of an ISO date, or None when the date is too coarse for the interval."""
    if interval == "year":
        return day[:4] if len(day) >= 4 else None
    if interval == "month":
        return day[:7] if len(day) >= 7 else None
    if len(day) < 10:
        return None
    if interval == "day":
        return day[:10]
    d = _date.fromisoformat(day[:10])
    return (d - timedelta(days=d.weekday())).isoformat()      # Monday of the ISO week


def dyad_series(store: Store, a: str, b: str, interval: str = "month", start: str | None = None,
                end: str | None = None, status: str | None = None) -> dict[str, Any]:
    """Event counts per PLOVER type and per quad class, mean Goldstein and mean intensity,
    per day / week (labelled by its Monday) / month / year, for the dyad ``a``-``b`` (order-free).
    Events whose date is coarser than the interval are counted in ``undated``."""
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}")
    sql_len = {"day": 10, "week": 10, "month": 7, "year": 4}[interval]
    period = func.substr(T_EV.c.date, 1, sql_len).label("period")
    conds = _date_bounds(T_EV.c.date, start, end)
    if status:
        conds.append(T_EV.c.status == status)
    cols = (period, T_EV.c.type, T_EV.c.quad_class, func.count().label("n"),
            func.sum(T_EV.c.goldstein).label("gs"), func.count(T_EV.c.goldstein).label("gn"),
            func.sum(T_EV.c.intensity).label("is_"), func.count(T_EV.c.intensity).label("in_"))
    queries = [select(*cols).where(branch, *conds).group_by(period, T_EV.c.type, T_EV.c.quad_class)
               for branch in dyad_branches(a, b)]
    buckets: dict[str, dict[str, Any]] = {}
    undated = 0
    types: Counter = Counter()
    with store.engine.connect() as c:
        for r in (row for q in queries for row in c.execute(q)):
            label = _bucket(r.period, interval) if r.period else None
            if label is None:
                undated += r.n
                continue
            bk = buckets.setdefault(label, {"period": label, "events": 0, "quad": Counter(),
                                            "types": Counter(), "_gs": 0.0, "_gn": 0, "_is": 0.0, "_in": 0})
            bk["events"] += r.n
            if r.quad_class in QUAD_CLASSES:
                bk["quad"][r.quad_class] += r.n
            bk["types"][r.type] += r.n
            types[r.type] += r.n
            bk["_gs"] += r.gs or 0.0
            bk["_gn"] += r.gn
            bk["_is"] += r.is_ or 0.0
            bk["_in"] += r.in_
    out = []
    for label in sorted(buckets):
        bk = buckets[label]
        out.append({
            "period": label, "events": bk["events"],
            "quad": {str(k): bk["quad"].get(k, 0) for k in QUAD_CLASSES},
            "cooperation": bk["quad"].get(1, 0) + bk["quad"].get(2, 0),
            "conflict": bk["quad"].get(3, 0) + bk["quad"].get(4, 0),
            "types": dict(sorted(bk["types"].items())),
            "goldstein": round(bk["_gs"] / bk["_gn"], 3) if bk["_gn"] else None,
            "intensity": round(bk["_is"] / bk["_in"], 3) if bk["_in"] else None,
        })
    return {"dyad": [_norm_code(a), _norm_code(b)], "interval": interval, "start": start, "end": end,
            "quad_labels": {str(k): v for k, v in QUAD_LABELS.items()},
            "types": [t for t, _ in types.most_common()], "undated": undated, "buckets": out}


# --------------------------------------------------------------------------- network

def _split_codes(s: str | None) -> list[str]:
    return [x for x in (s or "").split("|") if x]


def network(store: Store, start: str | None = None, end: str | None = None, min_events: int = 1,
            limit: int = 300, type: str | None = None) -> dict[str, Any]:
    """Who interacts with whom: order-free actor-code pairs with event counts and mean Goldstein.

    An event with several codes on a side contributes to every (actor, recipient) pair.
    Returns ``{"nodes": [{"code", "events"}], "edges": [{"source", "target", "events", "goldstein"}]}``
    with at most ``limit`` edges, the busiest first.
    """
    conds = [T_EV.c.actor_codes != "", T_EV.c.recipient_codes != "",
             *_date_bounds(T_EV.c.date, start, end)]
    if type:
        conds.append(T_EV.c.type == type.upper())
    q = (select(T_EV.c.actor_codes, T_EV.c.recipient_codes, func.count().label("n"),
                func.sum(T_EV.c.goldstein).label("gs"), func.count(T_EV.c.goldstein).label("gn"))
         .where(*conds).group_by(T_EV.c.actor_codes, T_EV.c.recipient_codes))
    edges: dict[tuple[str, str], list] = defaultdict(lambda: [0, 0.0, 0])
    with store.engine.connect() as c:
        for r in c.execute(q):
            for x in _split_codes(r.actor_codes):
                for y in _split_codes(r.recipient_codes):
                    if x == y:
                        continue
                    e = edges[(x, y) if x <= y else (y, x)]
                    e[0] += r.n
                    e[1] += r.gs or 0.0
                    e[2] += r.gn
    ranked = sorted(((k, v) for k, v in edges.items() if v[0] >= min_events), key=lambda kv: (-kv[1][0], kv[0]))
    ranked = ranked[:limit]
    degree: Counter = Counter()
    for (x, y), v in ranked:
        degree[x] += v[0]
        degree[y] += v[0]
    return {"start": start, "end": end,
            "nodes": [{"code": k, "events": n} for k, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))],
            "edges": [{"source": x, "target": y, "events": v[0],
                       "goldstein": round(v[1] / v[2], 3) if v[2] else None} for (x, y), v in ranked]}


# --------------------------------------------------------------------------- sources

def source_comparison(store: Store, a: str, b: str, start: str | None = None,
                      end: str | None = None) -> dict[str, Any]:
    """How each outlet reports the dyad: events per quad class and mean Goldstein, per source."""
    conds = _date_bounds(T_EV.c.date, start, end)
    src = func.coalesce(T_ART.c.source, "(unknown)").label("source")
    queries = [select(src, T_EV.c.quad_class, func.count().label("n"), func.sum(T_EV.c.goldstein).label("gs"),
                      func.count(T_EV.c.goldstein).label("gn"))
               .join(T_ART, T_ART.c.id == T_EV.c.article_id).where(branch, *conds)
               .group_by(src, T_EV.c.quad_class) for branch in dyad_branches(a, b)]
    per: dict[str, dict[str, Any]] = {}
    with store.engine.connect() as c:
        for r in (row for q in queries for row in c.execute(q)):
            s = per.setdefault(r.source, {"source": r.source, "events": 0, "quad": Counter(), "_gs": 0.0, "_gn": 0})
            s["events"] += r.n
            if r.quad_class in QUAD_CLASSES:
                s["quad"][r.quad_class] += r.n
            s["_gs"] += r.gs or 0.0
            s["_gn"] += r.gn
    sources = []
    for s in sorted(per.values(), key=lambda s: (-s["events"], s["source"])):
        sources.append({"source": s["source"], "events": s["events"],
                        "quad": {str(k): s["quad"].get(k, 0) for k in QUAD_CLASSES},
                        "goldstein": round(s["_gs"] / s["_gn"], 3) if s["_gn"] else None})
    return {"dyad": [_norm_code(a), _norm_code(b)], "start": start, "end": end,
            "quad_labels": {str(k): v for k, v in QUAD_LABELS.items()}, "sources": sources}


# --------------------------------------------------------------------------- actors

def _kb():
    try:
        from ..actors.kb import get_kb
        return get_kb()
    except (ImportError, OSError, ValueError):   # the store stays usable without the knowledge base
        return None


def actor_profile(store: Store, key: str, partners: int = 15, quotes: int = 20) -> dict[str, Any] | None:
    """Profile of an actor given a knowledge-base id (``antony-blinken``), an actor key
    (``kb:...``/``cn:...``) or a code (``USA``, ``IGO:UN``).  None when nothing matches.

    For a person from the knowledge base, ``roles`` lists the offices held over time.
    ``events`` counts events by side, PLOVER type, quad class and year; ``partners`` are the
    actors most often on the other side; ``quotes`` are the latest attributed quotes.
    """
    kb = _kb()
    key = key.strip()
    with store.engine.connect() as c:
        rows = list(c.execute(select(T_ACT).where(or_(T_ACT.c.kb_id == key, T_ACT.c.key == key))).mappings())
        kind = "actor"
        if not rows:
            code = _norm_code(key)
            rows = list(c.execute(select(T_ACT).where(T_ACT.c.code == code)).mappings())
            kind = "code"
        person = None
        if kb is not None:
            kb_id = rows[0]["kb_id"] if rows and kind == "actor" else (key if key in kb.people else None)
            person = kb.people.get(kb_id) if kb_id else None
        if not rows and person is None:
            return None
        ids = [r["id"] for r in rows]
        first = rows[0] if rows else {}
        code = first.get("code") if kind == "actor" else _norm_code(key)
        if person is not None:
            name = person.name
        elif kind == "code":
            name = (kb.country_name(code) if kb is not None else None) or code
        else:
            name = first.get("name") or code

        counts = {"total": 0, "as_actor": 0, "as_recipient": 0, "by_type": {}, "by_quad": {}, "by_year": {}}
        partner_list: list[dict[str, Any]] = []
        first_date = last_date = None
        if ids:
            mine = (select(T_EA.c.event_id, T_EA.c.side).where(T_EA.c.actor_id.in_(ids))
                    .distinct().subquery())
            for side, n in c.execute(select(mine.c.side, func.count(distinct(mine.c.event_id)))
                                     .group_by(mine.c.side)):
                counts["as_actor" if side == "actor" else "as_recipient"] = n
            ev_ids = select(mine.c.event_id)
            counts["total"] = c.execute(select(func.count()).select_from(T_EV)
                                        .where(T_EV.c.event_id.in_(ev_ids))).scalar_one()
            n = func.count().label("n")
            counts["by_type"] = {t: k for t, k in c.execute(
                select(T_EV.c.type, n).where(T_EV.c.event_id.in_(ev_ids)).group_by(T_EV.c.type)
                .order_by(n.desc(), T_EV.c.type))}
            counts["by_quad"] = {str(q): k for q, k in c.execute(
                select(T_EV.c.quad_class, n).where(T_EV.c.event_id.in_(ev_ids), T_EV.c.quad_class.is_not(None))
                .group_by(T_EV.c.quad_class).order_by(T_EV.c.quad_class))}
            year = func.substr(T_EV.c.date, 1, 4).label("year")
            counts["by_year"] = {y: k for y, k in c.execute(
                select(year, n).where(T_EV.c.event_id.in_(ev_ids), T_EV.c.date.is_not(None))
                .group_by(year).order_by(year))}
            first_date, last_date = c.execute(select(func.min(T_EV.c.date), func.max(T_EV.c.date))
                                              .where(T_EV.c.event_id.in_(ev_ids))).one()
            # partners: the actors on the other side of the same events
            me, other = aliased(T_EA), aliased(T_EA)
            pn = func.count(distinct(me.c.event_id)).label("n")
            if kind == "code":
                pq = (select(T_ACT.c.code, pn)
                      .select_from(me.join(other, and_(other.c.event_id == me.c.event_id, other.c.side != me.c.side))
                                   .join(T_ACT, T_ACT.c.id == other.c.actor_id))
                      .where(me.c.actor_id.in_(ids), T_ACT.c.code.is_not(None), T_ACT.c.code != code)
                      .group_by(T_ACT.c.code).order_by(pn.desc(), T_ACT.c.code).limit(partners))
                partner_list = [{"code": r.code, "name": (kb.country_name(r.code) if kb else None) or r.code,
                                 "events": r.n} for r in c.execute(pq)]
            else:
                pq = (select(T_ACT.c.key, T_ACT.c.name, T_ACT.c.code, T_ACT.c.kb_id, pn)
                      .select_from(me.join(other, and_(other.c.event_id == me.c.event_id, other.c.side != me.c.side))
                                   .join(T_ACT, T_ACT.c.id == other.c.actor_id))
                      .where(me.c.actor_id.in_(ids), T_ACT.c.id.not_in(ids))
                      .group_by(T_ACT.c.key, T_ACT.c.name, T_ACT.c.code, T_ACT.c.kb_id)
                      .order_by(pn.desc(), T_ACT.c.name).limit(partners))
                partner_list = [{"key": r.key, "name": r.name, "code": r.code, "kb_id": r.kb_id, "events": r.n}
                                for r in c.execute(pq)]

        quote_cond = (T_QUO.c.speaker_actor_id.in_(ids) if kind == "actor"
                      else or_(T_QUO.c.speaker_code == code, T_QUO.c.speaker_actor_id.in_(ids or [-1])))
        qq = (select(T_QUO, T_ART.c.date, T_ART.c.title, T_ART.c.source)
              .join(T_ART, T_ART.c.id == T_QUO.c.article_id).where(quote_cond)
              .order_by(T_ART.c.date.desc().nulls_last(), T_QUO.c.id).limit(quotes))
        quote_list = [{"id": r["id"], "article_id": r["article_id"], "text": r["text"], "kind": r["kind"],
                       "cue": r["cue"], "speaker": r["speaker_name"], "speaker_code": r["speaker_code"],
                       "addressee": r["addressee_name"], "addressee_code": r["addressee_code"],
                       "date": r["date"], "title": r["title"], "source": r["source"]}
                      for r in c.execute(qq).mappings()]

    roles = []
    if person is not None:
        roles = [{"office": r.office, "title": r.title, "country": r.country, "sector": r.sector,
                  "start": r.start, "end": r.end, "to": r.to}
                 for r in sorted(person.roles, key=lambda r: (r.start or "", r.end or "9999"))]
    return {"key": key, "kind": "country" if kind == "code" else (first.get("kind") or "actor"),
            "name": name, "code": code, "sector": first.get("sector") if kind == "actor" else None,
            "kb_id": person.id if person is not None else (first.get("kb_id") if kind == "actor" else None),
            "aliases": list(person.aliases) if person is not None else [],
            "roles": roles, "actor_keys": [r["key"] for r in rows][:50],
            "first_date": first_date, "last_date": last_date,
            "events": counts, "partners": partner_list, "quotes": quote_list}


def find_actors(store: Store, q: str, limit: int = 20) -> list[dict[str, Any]]:
    """Actors whose name contains ``q`` (case-insensitive) or whose code is ``q``."""
    value = q.strip()
    cond = or_(func.lower(T_ACT.c.name).contains(value.lower(), autoescape=True),
               T_ACT.c.code == _norm_code(value), T_ACT.c.kb_id == value)
    query = (select(T_ACT.c.key, T_ACT.c.name, T_ACT.c.code, T_ACT.c.kind, T_ACT.c.kb_id, T_ACT.c.sector)
             .where(cond).order_by(T_ACT.c.kind, T_ACT.c.name).limit(limit))
    with store.engine.connect() as c:
        return [dict(r) for r in c.execute(query).mappings()]


# --------------------------------------------------------------------------- menus

_FACETS: dict[str, tuple[float, dict]] = {}


def facets(store: Store, ttl: float = 60.0) -> dict[str, Any]:
    """Values for filter menus: event types, statuses, sources, topics, actor codes (cached ``ttl`` s)."""
    cache_key = store.url
    hit = _FACETS.get(cache_key)
    if hit and time.monotonic() - hit[0] < ttl:
        return hit[1]
    with store.engine.connect() as c:
        types = sorted(t for t in c.execute(select(T_EV.c.type).distinct()).scalars() if t)
        statuses = sorted(s for s in c.execute(select(T_EV.c.status).distinct()).scalars() if s)
        sources = sorted(s for s in c.execute(select(T_ART.c.source).distinct()).scalars() if s)
        topic_set: set[str] = set()
        for raw in c.execute(select(func.cast(T_EV.c.topics, T_EV.c.sentence.type)).distinct()).scalars():
            try:
                topic_set.update(json.loads(raw) if isinstance(raw, str) else (raw or []))
            except ValueError:
                continue
        n = func.count().label("n")
        codes = [{"code": code, "actors": k} for code, k in c.execute(
            select(T_ACT.c.code, n).where(T_ACT.c.code.is_not(None)).group_by(T_ACT.c.code)
            .order_by(T_ACT.c.code))]
    kb = _kb()
    for item in codes:
        item["name"] = (kb.country_name(item["code"]) if kb is not None else None) or item["code"]
    value = {"types": types, "statuses": statuses, "sources": sources, "topics": sorted(topic_set),
             "codes": codes, "quad_classes": {str(k): v for k, v in QUAD_LABELS.items()}}
    _FACETS[cache_key] = (time.monotonic(), value)
    return value


def clear_cache() -> None:
    _FACETS.clear()


def clusters(store: Store, limit: int = 100, offset: int = 0, **filters: Any) -> dict[str, Any]:
    """Event clusters from cross-source fusion (``Store.clusters``); an empty list with a note
    when the store has no fusion results yet."""
    names = set(inspect(store.engine).get_table_names())
    if not hasattr(store, "clusters") or "event_clusters" not in names:
        return {"items": [], "note": "this database has no fusion table yet"}
    items = store.clusters(limit=limit, offset=offset, **{k: v for k, v in filters.items() if v})
    out: dict[str, Any] = {"limit": limit, "offset": offset, "items": items}
    if not items and not offset and not any(filters.values()):
        out["note"] = "no clusters stored yet: run the fusion stage to fill them"
    return out


__all__ = [
    "INTERVALS",
    "QUAD_LABELS",
    "actor_profile",
    "clear_cache",
    "clusters",
    "dyad_branches",
    "dyad_condition",
    "dyad_series",
    "ensure_indexes",
    "event",
    "event_conditions",
    "facets",
    "find_actors",
    "fts_kind",
    "network",
    "search",
    "search_events",
    "source_comparison",
    "text_condition",
]
