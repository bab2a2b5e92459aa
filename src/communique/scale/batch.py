"""The engine-neutral batch function: article records in, flat table rows out.

Every scale-out engine (local processes, Dask, Spark) calls the same two functions:

- ``process_records(records)`` turns a list of article records (dicts with ``id``, ``date``,
  ``source``, ``url``, ``title``, ``text``) into flat rows for six tables::

      {"articles": [...], "events": [...], "event_actors": [...],
       "mentions": [...], "quotes": [...], "rejected": [...]}

  Every value is a string, an integer, a float, a boolean or None; nested lists and objects
  (contexts, topics, the DESIGN.md actor lists, quote speakers) are JSON-encoded strings, so
  the rows go straight into Parquet, Arrow, pandas or a Spark DataFrame.  ``SCHEMAS`` gives
  the column types of each table.
- ``rows_to_results(tables)`` is the inverse: it rebuilds ``ArticleResult`` records so
  ``Store.save`` can put engine output into the database (``communique load``).

The ``Pipeline`` (spaCy model, knowledge base, lexicon) is built once per process and model
name and kept in a module-level cache, so a Dask or Spark worker pays the loading cost once,
not once per partition.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..model import ActorRef, Article, ArticleResult, Event, Location, Mention, Quote, Rejected

TABLES = ("articles", "events", "event_actors", "mentions", "quotes", "rejected")

ARTICLE_FIELDS = ("id", "text", "title", "date", "source", "url", "origin", "dateline")
ACTOR_FIELDS = ("name", "code", "sector", "role", "kb_id", "text", "start", "end", "kind", "method", "score")

_ACTOR_TYPES = {"name": "string", "code": "string", "sector": "string", "role": "string",
                "kb_id": "string", "text": "string", "start": "int64", "end": "int64",
                "kind": "string", "method": "string", "score": "float64"}

# Column types per table ("json" columns are strings holding JSON).  Engines build their own
# schema objects from this (pyarrow in dask_job, Spark DDL in spark_job).
SCHEMAS: dict[str, dict[str, str]] = {
    "articles": {"id": "string", "title": "string", "text": "string", "date": "string",
                 "source": "string", "url": "string", "origin": "string", "dateline": "string",
                 "content_hash": "string", "topics": "json", "n_words": "int64", "n_events": "int64",
                 "n_quotes": "int64", "n_mentions": "int64"},
    "events": {"event_id": "string", "article_id": "string", "seq": "int64", "type": "string",
               "mode": "string", "contexts": "json", "cameo": "string", "goldstein": "float64",
               "intensity": "float64", "quad_class": "int64", "actors": "json", "recipients": "json",
               "actor_codes": "string", "recipient_codes": "string", "date": "string",
               "date_precision": "string", "location_name": "string", "location_country": "string",
               "lat": "float64", "lon": "float64", "status": "string", "topics": "json",
               "sentence": "string", "evidence_start": "int64", "evidence_end": "int64",
               "trigger": "string", "confidence": "float64", "extractor": "string"},
    "event_actors": {"event_id": "string", "article_id": "string", "side": "string", "position": "int64",
                     **_ACTOR_TYPES},
    "mentions": {"article_id": "string", "position": "int64", "sentence": "int64", **_ACTOR_TYPES},
    "quotes": {"article_id": "string", "position": "int64", "text": "string", "kind": "string",
               "start": "int64", "end": "int64", "cue": "string", "speaker_name": "string",
               "speaker_code": "string", "addressee_name": "string", "addressee_code": "string",
               "speaker": "json", "addressee": "json", "event_ids": "json"},
    "rejected": {"origin": "string", "reason": "string"},
}

_PIPELINES: dict[str | None, Any] = {}


def get_pipeline(model: str | None = None):
    """The process-wide ``Pipeline`` for ``model`` (built on first use, then reused)."""
    pipe = _PIPELINES.get(model)
    if pipe is None:
        from ..pipeline import Pipeline

        pipe = _PIPELINES[model] = Pipeline(model)
    return pipe


# --------------------------------------------------------------------------- records -> articles

def article_record(article: Article) -> dict[str, Any]:
    """An ``Article`` as a plain record (all its fields); ``process_records(..., clean=False)``
    turns it back into the identical ``Article``."""
    return {f: getattr(article, f) for f in ARTICLE_FIELDS}


def records_to_articles(records: Iterable[Mapping[str, Any]], clean: bool = True,
                        origin: str = "records") -> Iterator[Article | Rejected]:
    """Records -> ``Article`` (or ``Rejected``).

    ``clean=True`` treats them as raw input records, read exactly like a JSON Lines line
    (field aliases, text cleaning, header and date detection).  ``clean=False`` takes records
    already produced by ``communique.sources`` (``article_record``) as they are.
    """
    from ..sources.tabular import record_to_article

    for i, rec in enumerate(records, 1):
        if not clean:
            text = rec.get("text")
            if not isinstance(text, str) or not text.strip():
                yield Rejected(str(rec.get("origin") or f"{origin}:{i}"), "empty text")
                continue
            yield Article(**{f: rec.get(f) for f in ARTICLE_FIELDS if f in rec or f == "text"})
            continue
        where = str(rec.get("origin") or f"{origin}:{i}")
        yield record_to_article(dict(rec), origin=where, fallback_id=f"{origin}:{i}")


# --------------------------------------------------------------------------- results -> rows

def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _actor_full(ref: ActorRef | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {f: getattr(ref, f) for f in ACTOR_FIELDS}


def _codes(refs: list[ActorRef]) -> str:
    out: list[str] = []
    for r in refs:
        if r.code and r.code not in out:
            out.append(r.code)
    return "|".join(out)


def _float(x) -> float | None:
    return None if x is None else float(x)


def results_to_rows(results: Iterable[ArticleResult],
                    rejected: Iterable[Rejected] = ()) -> dict[str, list[dict[str, Any]]]:
    """Flat rows (see ``SCHEMAS``) for a batch of results."""
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for r in results:
        a = r.article
        aid = a.id
        out["articles"].append({
            "id": aid, "title": a.title, "text": a.text, "date": a.date, "source": a.source,
            "url": a.url, "origin": a.origin, "dateline": a.dateline, "content_hash": a.content_hash,
            "topics": _dumps(list(r.topics)), "n_words": len(a.body.split()), "n_events": len(r.events),
            "n_quotes": len(r.quotes), "n_mentions": len(r.mentions)})
        for seq, e in enumerate(r.events):
            loc = e.location
            out["events"].append({
                "event_id": e.event_id, "article_id": aid, "seq": seq, "type": e.type, "mode": e.mode,
                "contexts": _dumps(list(e.contexts or [])), "cameo": e.cameo,
                "goldstein": _float(e.goldstein), "intensity": _float(e.intensity),
                "quad_class": e.quad_class,
                "actors": _dumps([x.to_dict() for x in e.actors]),
                "recipients": _dumps([x.to_dict() for x in e.recipients]),
                "actor_codes": _codes(e.actors), "recipient_codes": _codes(e.recipients),
                "date": e.date, "date_precision": e.date_precision,
                "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
                "lat": _float(loc.lat) if loc else None, "lon": _float(loc.lon) if loc else None,
                "status": e.status, "topics": _dumps(list(e.topics or [])), "sentence": e.sentence,
                "evidence_start": e.evidence_start, "evidence_end": e.evidence_end, "trigger": e.trigger,
                "confidence": _float(e.confidence), "extractor": e.extractor})
            for side, refs in (("actor", e.actors), ("recipient", e.recipients)):
                for pos, ref in enumerate(refs):
                    out["event_actors"].append({"event_id": e.event_id, "article_id": aid, "side": side,
                                                "position": pos, **_actor_full(ref)})
        for pos, m in enumerate(r.mentions):
            out["mentions"].append({"article_id": aid, "position": pos, "sentence": m.sentence,
                                    **_actor_full(m.actor)})
        for pos, q in enumerate(r.quotes):
            sp, ad = q.speaker, q.addressee
            out["quotes"].append({
                "article_id": aid, "position": pos, "text": q.text, "kind": q.kind, "start": q.start,
                "end": q.end, "cue": q.cue, "speaker_name": sp.name if sp else None,
                "speaker_code": sp.code if sp else None, "addressee_name": ad.name if ad else None,
                "addressee_code": ad.code if ad else None,
                "speaker": _dumps(_actor_full(sp)), "addressee": _dumps(_actor_full(ad)),
                "event_ids": _dumps(list(q.event_ids))})
    out["rejected"] = [{"origin": x.origin, "reason": x.reason} for x in rejected]
    for table in TABLES:            # score is a float column even when the pipeline gave an int
        for row in out[table]:
            if "score" in row:
                row["score"] = _float(row["score"])
    return out


def analyse(articles: Iterable[Article], model: str | None = None, batch_size: int = 32
            ) -> tuple[list[ArticleResult], list[Rejected]]:
    """Run the cached pipeline over articles.  An article whose analysis raises becomes a
    ``Rejected`` and the others are kept (the batch is re-run one article at a time)."""
    pipe = get_pipeline(model)
    arts = list(articles)
    try:
        return list(pipe.process_many(arts, batch_size=batch_size)), []
    except Exception:  # noqa: BLE001 -- find the culprit(s); the rest of the batch still counts
        results, rejected = [], []
        for a in arts:
            try:
                results.append(pipe.process(a))
            except Exception as e:  # noqa: BLE001
                rejected.append(Rejected(a.origin or a.id, f"analysis error: {type(e).__name__}: {e}"))
        return results, rejected


def process_records(records: list[dict], model: str | None = None, *, clean: bool = True,
                    batch_size: int = 32) -> dict[str, list[dict]]:
    """Article records -> flat rows of the six tables (see the module docstring)."""
    articles, rejected = [], []
    for item in records_to_articles(records, clean=clean):
        (rejected if isinstance(item, Rejected) else articles).append(item)
    results, failed = analyse(articles, model, batch_size) if articles else ([], [])
    return results_to_rows(results, rejected + failed)


# --------------------------------------------------------------------------- rows -> results

def _loads(value: Any, default: Any) -> Any:
    if value is None:
        return default
    if isinstance(value, (list, dict)):
        return value
    try:
        out = json.loads(value)
    except (TypeError, ValueError):
        return default
    return default if out is None else out


def _none(x: Any) -> Any:
    """NaN (pandas' missing value) -> None."""
    return None if isinstance(x, float) and math.isnan(x) else x


def _int(x: Any, default: int | None = None) -> int | None:
    x = _none(x)
    return default if x is None else int(x)


def _actor_from(row: Mapping[str, Any]) -> ActorRef:
    return ActorRef(
        name=_none(row.get("name")), code=_none(row.get("code")), sector=_none(row.get("sector")),
        role=_none(row.get("role")), kb_id=_none(row.get("kb_id")), text=_none(row.get("text")) or "",
        start=_int(row.get("start"), -1), end=_int(row.get("end"), -1),
        kind=_none(row.get("kind")) or "agent", method=_none(row.get("method")) or "",
        score=float(_none(row.get("score")) if _none(row.get("score")) is not None else 1.0))


def _records(table: Any) -> list[dict[str, Any]]:
    """Rows from a list of dicts, a pyarrow Table or a pandas DataFrame."""
    if table is None:
        return []
    if hasattr(table, "to_pylist"):
        return table.to_pylist()
    if hasattr(table, "to_dict") and hasattr(table, "columns"):
        return table.to_dict(orient="records")
    return list(table)


def rows_to_results(tables: Mapping[str, Any]) -> list[ArticleResult]:
    """Rebuild ``ArticleResult`` records from the tables written by ``process_records``.

    Each table may be a list of dicts, a pyarrow Table or a pandas DataFrame.  Actors come
    from ``event_actors`` (all fields); when that table is absent the JSON ``actors`` and
    ``recipients`` columns of ``events`` are used instead.  Results follow the order of the
    ``articles`` table; events, mentions and quotes keep their order inside each article.
    """
    arts = _records(tables.get("articles"))
    events = _records(tables.get("events"))
    sides_rows = tables.get("event_actors")
    sides: dict[str, dict[str, list[tuple[int, ActorRef]]]] = defaultdict(lambda: defaultdict(list))
    for row in _records(sides_rows):
        sides[row["event_id"]][row["side"]].append((_int(row.get("position"), 0), _actor_from(row)))

    ev_by_art: dict[str, list[tuple[int, Event]]] = defaultdict(list)
    for row in events:
        eid = row["event_id"]
        if sides_rows is not None:
            actors = [a for _, a in sorted(sides[eid]["actor"], key=lambda t: t[0])]
            recips = [a for _, a in sorted(sides[eid]["recipient"], key=lambda t: t[0])]
        else:
            actors = [_actor_from(d) for d in _loads(row.get("actors"), [])]
            recips = [_actor_from(d) for d in _loads(row.get("recipients"), [])]
        lname, lat = _none(row.get("location_name")), _none(row.get("lat"))
        loc = None
        if lname is not None or lat is not None:
            loc = Location(name=lname or "", country=_none(row.get("location_country")), lat=lat,
                           lon=_none(row.get("lon")))
        ev = Event(
            event_id=eid, article_id=row["article_id"], type=row["type"], mode=_none(row.get("mode")),
            contexts=list(_loads(row.get("contexts"), [])), cameo=_none(row.get("cameo")),
            goldstein=_none(row.get("goldstein")), intensity=_none(row.get("intensity")),
            quad_class=_int(row.get("quad_class")), actors=actors, recipients=recips,
            date=_none(row.get("date")), date_precision=_none(row.get("date_precision")), location=loc,
            status=_none(row.get("status")) or "asserted", topics=list(_loads(row.get("topics"), [])),
            sentence=_none(row.get("sentence")) or "", evidence_start=_int(row.get("evidence_start"), -1),
            evidence_end=_int(row.get("evidence_end"), -1), trigger=_none(row.get("trigger")) or "",
            confidence=float(_none(row.get("confidence")) or 0.0), extractor=_none(row.get("extractor")) or "")
        ev_by_art[row["article_id"]].append((_int(row.get("seq"), 0), ev))

    men_by_art: dict[str, list[tuple[int, Mention]]] = defaultdict(list)
    for row in _records(tables.get("mentions")):
        m = Mention(row["article_id"], _actor_from(row), sentence=_int(row.get("sentence"), 0))
        men_by_art[row["article_id"]].append((_int(row.get("position"), 0), m))

    quo_by_art: dict[str, list[tuple[int, Quote]]] = defaultdict(list)
    for row in _records(tables.get("quotes")):
        sp, ad = _loads(row.get("speaker"), None), _loads(row.get("addressee"), None)
        if sp is None and (_none(row.get("speaker_name")) or _none(row.get("speaker_code"))):
            sp = {"name": _none(row.get("speaker_name")), "code": _none(row.get("speaker_code"))}
        if ad is None and (_none(row.get("addressee_name")) or _none(row.get("addressee_code"))):
            ad = {"name": _none(row.get("addressee_name")), "code": _none(row.get("addressee_code"))}
        q = Quote(article_id=row["article_id"], text=row["text"], kind=row["kind"],
                  start=_int(row.get("start"), -1), end=_int(row.get("end"), -1),
                  speaker=_actor_from(sp) if sp else None, addressee=_actor_from(ad) if ad else None,
                  cue=_none(row.get("cue")), event_ids=list(_loads(row.get("event_ids"), []) or []))
        quo_by_art[row["article_id"]].append((_int(row.get("position"), 0), q))

    def ordered(pairs):
        return [x for _, x in sorted(pairs, key=lambda t: t[0])]

    out = []
    for row in arts:
        aid = row["id"]
        art = Article(**{f: _none(row.get(f)) for f in ARTICLE_FIELDS})
        out.append(ArticleResult(art, ordered(men_by_art.get(aid, [])), ordered(ev_by_art.get(aid, [])),
                                 ordered(quo_by_art.get(aid, [])), list(_loads(row.get("topics"), []))))
    return out


def rejected_from_rows(rows: Any) -> list[Rejected]:
    return [Rejected(r["origin"], r["reason"]) for r in _records(rows)]


__all__ = ["SCHEMAS", "TABLES", "analyse", "article_record", "get_pipeline", "process_records",
           "records_to_articles", "rejected_from_rows", "results_to_rows", "rows_to_results"]
