"""Flattening stored events into export rows, and writing them as CSV, JSON Lines or Parquet.

Rows are read in chunks (``chunk_size`` events at a time, with a server-side cursor on
PostgreSQL), so exports of large databases run in constant memory.  Each schema is a list of
``(column, type)`` pairs and a function from one event (plus its actors, article and fusion
cluster) to a row; ``docs/exports.md`` documents every mapping.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select

from ..store.queries import dyad_condition, event_conditions
from ..store.repository import T_ART, T_CL, T_CLM, T_EV, Store, _chunks

FORMATS = ("csv", "jsonl", "parquet")
CHUNK = 2000
_COUNTRY = re.compile(r"[A-Z]{3}")

Row = dict[str, Any]

# --------------------------------------------------------------------------- column sets
# type: "str", "float" or "int" (used for Parquet and JSON; CSV writes empty cells for None)

COMMUNIQUE = [
    ("event_id", "str"), ("article_id", "str"), ("date", "str"), ("date_precision", "str"),
    ("type", "str"), ("mode", "str"), ("contexts", "str"), ("cameo", "str"), ("goldstein", "float"),
    ("intensity", "float"), ("quad_class", "int"),
    ("actor_names", "str"), ("actor_codes", "str"), ("actor_sectors", "str"),
    ("recipient_names", "str"), ("recipient_codes", "str"), ("recipient_sectors", "str"),
    ("status", "str"), ("location_name", "str"), ("location_country", "str"), ("lat", "float"),
    ("lon", "float"), ("topics", "str"), ("trigger", "str"), ("confidence", "float"), ("extractor", "str"),
    ("sentence", "str"), ("evidence_start", "int"), ("evidence_end", "int"), ("source", "str"),
    ("title", "str"), ("url", "str"),
]

_GDELT_ACTOR = ["Code", "Name", "CountryCode", "Type1Code"]
GDELT = [
    ("GLOBALEVENTID", "str"), ("SQLDATE", "str"),
    *[(f"Actor1{f}", "str") for f in _GDELT_ACTOR], *[(f"Actor2{f}", "str") for f in _GDELT_ACTOR],
    ("IsRootEvent", "int"), ("EventCode", "str"), ("EventBaseCode", "str"), ("EventRootCode", "str"),
    ("QuadClass", "int"), ("GoldsteinScale", "float"), ("NumMentions", "int"), ("NumSources", "int"),
    ("NumArticles", "int"), ("AvgTone", "float"),
    ("ActionGeo_FullName", "str"), ("ActionGeo_CountryCode", "str"),
    ("ActionGeo_Lat", "float"), ("ActionGeo_Long", "float"),
    ("DATEADDED", "str"), ("SOURCEURL", "str"),
]

ICEWS = [
    ("Event ID", "str"), ("Event Date", "str"), ("Source Name", "str"), ("Source Sectors", "str"),
    ("Source Country", "str"), ("Event Text", "str"), ("CAMEO Code", "str"), ("Intensity", "float"),
    ("Target Name", "str"), ("Target Sectors", "str"), ("Target Country", "str"), ("Story ID", "str"),
    ("Sentence Number", "int"), ("Publisher", "str"), ("City", "str"), ("Country", "str"),
    ("Latitude", "float"), ("Longitude", "float"),
]

PLOVER = [
    ("event_id", "str"), ("story_date", "str"), ("event_type", "str"), ("mode", "str"), ("context", "str"),
    ("actor", "str"), ("actor_country", "str"), ("actor_sector", "str"),
    ("recipient", "str"), ("recipient_country", "str"), ("recipient_sector", "str"),
    ("location", "str"), ("lat", "float"), ("lon", "float"), ("event_text", "str"),
]


# --------------------------------------------------------------------------- helpers

def _join(values) -> str | None:
    vals = [v for v in values if v]
    return "; ".join(dict.fromkeys(vals)) if vals else None


def _names(side: list[dict]) -> str | None:
    return _join(x.get("name") or x.get("text") for x in side)


def _country(code: str | None) -> str | None:
    """The country of an actor code: the code itself when it is a three-letter country code."""
    return code if code and _COUNTRY.fullmatch(code) else None


def _first(side: list[dict]) -> dict:
    return side[0] if side else {}


def _digits(date: str | None) -> str | None:
    """YYYYMMDD from an ISO date; unknown month or day as 00 ("2024-03" -> "20240300")."""
    if not date:
        return None
    parts = date[:10].split("-")
    return (parts + ["00", "00"])[0] + (parts + ["00", "00"])[1] + (parts + ["00", "00"])[2]


def _stamp(ts: str | None) -> str | None:
    """YYYYMMDDHHMMSS from an ISO timestamp."""
    if not ts:
        return None
    digits = re.sub(r"\D", "", ts[:19])
    return digits.ljust(14, "0")[:14] if len(digits) >= 8 else None


def _name(ref: dict) -> str | None:
    return ref.get("name") or ref.get("text") or None


def _gdelt_actor(prefix: str, side: list[dict]) -> Row:
    """GDELT-style actor fields: the code is the country code followed by the sector ("USAGOV")."""
    a = _first(side)
    code, sector, name = a.get("code"), a.get("sector"), _name(a)
    country = _country(code)
    full = (country or "") + (sector or "") if (country or not code) else code
    return {f"{prefix}Code": full or None, f"{prefix}Name": name.upper() if name else None,
            f"{prefix}CountryCode": country, f"{prefix}Type1Code": sector}


# --------------------------------------------------------------------------- row builders
# Each takes (event row, actors, recipients, extra) where extra holds the cluster counts
# ("num_mentions", "num_sources", "num_articles") and "is_root".

def communique_row(e, actors, recipients, extra) -> Row:
    return {
        "event_id": e["event_id"], "article_id": e["article_id"], "date": e["date"],
        "date_precision": e["date_precision"], "type": e["type"], "mode": e["mode"],
        "contexts": _join(e["contexts"] or []), "cameo": e["cameo"], "goldstein": e["goldstein"],
        "intensity": e["intensity"], "quad_class": e["quad_class"],
        "actor_names": _names(actors), "actor_codes": _join(a.get("code") for a in actors),
        "actor_sectors": _join(a.get("sector") for a in actors),
        "recipient_names": _names(recipients), "recipient_codes": _join(a.get("code") for a in recipients),
        "recipient_sectors": _join(a.get("sector") for a in recipients),
        "status": e["status"], "location_name": e["location_name"], "location_country": e["location_country"],
        "lat": e["lat"], "lon": e["lon"], "topics": _join(e["topics"] or []), "trigger": e["trigger"],
        "confidence": None if e["confidence"] is None else round(e["confidence"], 3),
        "extractor": e["extractor"], "sentence": e["sentence"], "evidence_start": e["evidence_start"],
        "evidence_end": e["evidence_end"], "source": e["source"], "title": e["title"], "url": e["url"],
    }


def gdelt_row(e, actors, recipients, extra) -> Row:
    cameo = e["cameo"] or None
    return {
        "GLOBALEVENTID": e["event_id"], "SQLDATE": _digits(e["date"]),
        **_gdelt_actor("Actor1", actors), **_gdelt_actor("Actor2", recipients),
        "IsRootEvent": extra["is_root"], "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None, "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": e["quad_class"], "GoldsteinScale": e["goldstein"],
        "NumMentions": extra["num_mentions"], "NumSources": extra["num_sources"],
        "NumArticles": extra["num_articles"], "AvgTone": None,
        "ActionGeo_FullName": e["location_name"], "ActionGeo_CountryCode": e["location_country"],
        "ActionGeo_Lat": e["lat"], "ActionGeo_Long": e["lon"],
        "DATEADDED": _stamp(e["ingested_at"]), "SOURCEURL": e["url"],
    }


def icews_row(e, actors, recipients, extra) -> Row:
    a, r = _first(actors), _first(recipients)
    return {
        "Event ID": e["event_id"], "Event Date": e["date"], "Source Name": _name(a),
        "Source Sectors": _join(x.get("sector") for x in actors), "Source Country": _country(a.get("code")),
        "Event Text": e["type"] if not e["mode"] else f"{e['type']} ({e['mode']})",
        "CAMEO Code": e["cameo"], "Intensity": e["goldstein"],
        "Target Name": _name(r),
        "Target Sectors": _join(x.get("sector") for x in recipients), "Target Country": _country(r.get("code")),
        "Story ID": e["article_id"], "Sentence Number": None, "Publisher": e["source"],
        "City": e["location_name"], "Country": e["location_country"],
        "Latitude": e["lat"], "Longitude": e["lon"],
    }


def plover_row(e, actors, recipients, extra) -> Row:
    a, r = _first(actors), _first(recipients)
    return {
        "event_id": e["event_id"], "story_date": e["article_date"], "event_type": e["type"],
        "mode": e["mode"], "context": _join(e["contexts"] or []),
        "actor": _name(a), "actor_country": _country(a.get("code")), "actor_sector": a.get("sector"),
        "recipient": _name(r), "recipient_country": _country(r.get("code")), "recipient_sector": r.get("sector"),
        "location": e["location_name"], "lat": e["lat"], "lon": e["lon"], "event_text": e["sentence"],
    }


SCHEMAS: dict[str, tuple[list[tuple[str, str]], Callable[..., Row]]] = {
    "communique": (COMMUNIQUE, communique_row),
    "gdelt": (GDELT, gdelt_row),
    "icews": (ICEWS, icews_row),
    "plover": (PLOVER, plover_row),
}


def columns(schema: str) -> list[str]:
    return [c for c, _ in _schema(schema)[0]]


def _schema(schema: str):
    try:
        return SCHEMAS[schema]
    except KeyError:
        raise ValueError(f"unknown schema {schema!r}: choose one of {', '.join(SCHEMAS)}") from None


# --------------------------------------------------------------------------- reading

def _extras(c, events: list) -> dict[str, Row]:
    """Cluster counts and root flags of a chunk of events."""
    ids = [e["event_id"] for e in events]
    clusters: dict[str, tuple] = {}
    for chunk in _chunks(ids):
        q = (select(T_CLM.c.event_id, T_CL.c.num_mentions, T_CL.c.num_sources, T_CL.c.num_articles)
             .join(T_CL, T_CL.c.cluster_id == T_CLM.c.cluster_id).where(T_CLM.c.event_id.in_(chunk)))
        for r in c.execute(q):
            clusters.setdefault(r.event_id, (r.num_mentions, r.num_sources, r.num_articles))
    first: dict[str, int] = {}
    for chunk in _chunks(list({e["article_id"] for e in events})):
        q = (select(T_EV.c.article_id, func.min(T_EV.c.evidence_start))
             .where(T_EV.c.article_id.in_(chunk)).group_by(T_EV.c.article_id))
        first.update({aid: m for aid, m in c.execute(q)})
    out = {}
    for e in events:
        n = clusters.get(e["event_id"])
        out[e["event_id"]] = {
            "num_mentions": n[0] if n else 1, "num_sources": n[1] if n else 1, "num_articles": n[2] if n else 1,
            "is_root": int(e["evidence_start"] == first.get(e["article_id"])),
        }
    return out


def iter_rows(store: Store, schema: str = "communique", actor: str | None = None,
              dyad: tuple[str, str] | None = None, type: str | None = None, start: str | None = None,
              end: str | None = None, chunk_size: int = CHUNK, **filters: Any) -> Iterator[Row]:
    """The export rows of the events matching the filters (as ``queries.search_events``),
    by date (missing dates last) then event id, read ``chunk_size`` events at a time."""
    _, build = _schema(schema)
    conds, _ = event_conditions(store, actor=actor, type=type, start=start, end=end, **filters)
    if dyad:
        conds.append(dyad_condition(*dyad))
    q = (select(T_EV, T_ART.c.source, T_ART.c.title, T_ART.c.url, T_ART.c.date.label("article_date"),
                T_ART.c.ingested_at)
         .join(T_ART, T_ART.c.id == T_EV.c.article_id).where(*conds)
         .order_by(T_EV.c.date.asc().nulls_last(), T_EV.c.event_id))
    with store.engine.connect() as c:
        result = c.execution_options(stream_results=True, yield_per=chunk_size).execute(q).mappings()
        for part in result.partitions(chunk_size):
            events = list(part)
            # same connection: SQLite keeps several cursors open, PostgreSQL streams through a
            # server-side cursor that other statements of the transaction may interleave with
            sides = store._sides(c, [e["event_id"] for e in events])
            extras = _extras(c, events)
            for e in events:
                s = sides.get(e["event_id"], {})
                yield build(e, s.get("actor", []), s.get("recipient", []), extras[e["event_id"]])


# --------------------------------------------------------------------------- writing

def _csv_value(v: Any) -> Any:
    return "" if v is None else v


def write_csv(rows: Iterator[Row], cols: list[str], out: IO[str]) -> int:
    w = csv.writer(out, lineterminator="\n")
    w.writerow(cols)
    n = 0
    for r in rows:
        w.writerow([_csv_value(r.get(c)) for c in cols])
        n += 1
    return n


def write_jsonl(rows: Iterator[Row], cols: list[str], out: IO[str]) -> int:
    n = 0
    for r in rows:
        out.write(json.dumps({c: r.get(c) for c in cols}, ensure_ascii=False) + "\n")
        n += 1
    return n


def _pyarrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError("Parquet export needs pyarrow: pip install 'communique[scale]' "
                           "(or pip install pyarrow)") from None
    return pa, pq


def write_parquet(rows: Iterator[Row], spec: list[tuple[str, str]], path: str | Path,
                  chunk_size: int = CHUNK) -> int:
    pa, pq = _pyarrow()
    types = {"str": pa.string(), "float": pa.float64(), "int": pa.int64()}
    schema = pa.schema([(c, types[t]) for c, t in spec])
    n = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        batch: list[Row] = []

        def flush():
            if batch:
                writer.write_table(pa.Table.from_pylist([{c: r.get(c) for c, _ in spec} for r in batch],
                                                        schema=schema))
                batch.clear()

        for r in rows:
            batch.append(r)
            n += 1
            if len(batch) >= chunk_size:
                flush()
        flush()
    return n


def export_events(store: Store, out: str | Path | IO[str] | None = None, format: str = "csv",
                  schema: str = "communique", chunk_size: int = CHUNK, **filters: Any) -> int:
    """Write the events matching ``filters`` (see ``iter_rows``) to ``out`` (a path, an open text
    file, or None for stdout; Parquet needs a path).  Returns the number of rows written."""
    if format not in FORMATS:
        raise ValueError(f"unknown format {format!r}: choose one of {', '.join(FORMATS)}")
    spec, _ = _schema(schema)
    cols = [c for c, _ in spec]
    if format == "parquet":
        if out is None or not isinstance(out, (str, Path)):
            raise ValueError("Parquet export needs an output file (--out PATH)")
        _pyarrow()                      # fail before reading anything
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        return write_parquet(iter_rows(store, schema, chunk_size=chunk_size, **filters), spec, out, chunk_size)
    writer = write_csv if format == "csv" else write_jsonl
    rows = iter_rows(store, schema, chunk_size=chunk_size, **filters)
    if out is None:
        return writer(rows, cols, sys.stdout)
    if isinstance(out, (str, Path)):
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="") as f:
            return writer(rows, cols, f)
    return writer(rows, cols, out)


__all__ = ["COMMUNIQUE", "FORMATS", "GDELT", "ICEWS", "PLOVER", "SCHEMAS", "columns", "export_events",
           "iter_rows", "write_csv", "write_jsonl", "write_parquet"]
