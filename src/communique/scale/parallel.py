"""Local multi-process ingest: N worker processes analyse, the parent alone writes the store.

``ingest_parallel(paths, db_url, workers=N)``

- reads the inputs lazily in the parent (``communique.sources.read_inputs`` is a generator);
- skips, before any parsing, articles whose id is already stored (``Store.article_ids()``),
  so an interrupted run can simply be started again (``resume=False`` re-analyses them and
  lets ``Store.save`` replace the ones whose content changed);
- sends chunks of articles to worker processes started with the ``spawn`` method (or
  ``forkserver``); each worker builds the ``Pipeline`` once, in its initializer;
- keeps at most ``2 x workers`` chunks in flight, so memory stays bounded however large the
  input is, and receives results in input order;
- writes results in batches from the parent process: one writer, no lock contention;
- shows a tqdm progress bar with articles/s and, when the number of input records can be
  counted cheaply (JSON Lines, folders), an ETA.

With ``workers=1`` everything runs in the calling process (no pool) through the same code.
The events are the same as ``communique ingest`` without ``--workers``: the articles, the
pipeline and the batching are the same; only the process doing the work differs.
"""
from __future__ import annotations

import gzip
import multiprocessing as mp
import os
import sys
import time
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..model import Article, ArticleResult, Rejected

_MODEL: str | None = None
_BATCH_SIZE = 32


# --------------------------------------------------------------------------- worker side

def _init_worker(model: str | None, batch_size: int) -> None:
    """Pool initializer: one thread per process, then build the pipeline once."""
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    global _MODEL, _BATCH_SIZE
    _MODEL, _BATCH_SIZE = model, batch_size
    from .batch import get_pipeline

    get_pipeline(model)


def _work(articles: list[Article]) -> tuple[list[ArticleResult], list[Rejected]]:
    from .batch import analyse

    return analyse(articles, _MODEL, _BATCH_SIZE)


# --------------------------------------------------------------------------- parent side

def count_records(paths: Iterable[str], limit_bytes: int = 2_000_000_000) -> int | None:
    """Number of input records when it can be found cheaply (JSON Lines lines, files in a
    folder, single text-like files); None otherwise (URLs, stdin, JSON, CSV, feeds)."""
    from ..sources.files import file_extension

    total = 0
    for p in paths:
        if p == "-" or "://" in p:
            return None
        path = Path(p)
        if path.is_dir():
            for _root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for f in files:
                    if f.startswith("."):
                        continue
                    if file_extension(f) in (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".xml", ".rss"):
                        return None
                    total += 1
            continue
        if not path.is_file():
            continue          # becomes a Rejected, not an article
        ext = file_extension(path)
        if ext in (".jsonl", ".ndjson", ".jsonlines"):
            if path.stat().st_size > limit_bytes:
                return None
            opener = gzip.open if path.name.lower().endswith(".gz") else open
            with opener(path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif ext in (".txt", ".text", ".md", ".html", ".htm", ".xhtml"):
            total += 1
        else:
            return None
    return total


def _chunks(items: Iterable, n: int) -> Iterator[list]:
    chunk: list = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _progress(total: int | None, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="ingest", unit="art", disable=not enabled, file=sys.stderr,
                smoothing=0.05, dynamic_ncols=True)


def ingest_parallel(paths: list[str] | str, db_url: str | None = None, workers: int = 2,
                    batch_size: int = 32, chunk_size: int | None = None, write_batch: int = 128,
                    model: str | None = None, progress: bool = True, resume: bool = True,
                    start_method: str = "spawn", limit: int | None = None,
                    in_process: bool | None = None) -> dict:
    """Analyse ``paths`` with ``workers`` processes and store the results at ``db_url``.

    Returns totals: articles, replaced, duplicates, events, quotes, mentions (as
    ``Store.save`` counts them), skipped (already stored, not parsed), rejected, seconds,
    articles_per_s, words_per_s, first_result_seconds (start-up: workers started, model loaded,
    first chunk analysed).  ``limit`` stops after that many new articles.  ``in_process``
    (default: ``workers == 1``) runs the analysis in this process instead of a pool.
    """
    from ..sources import read_inputs
    from ..store import open_store

    if isinstance(paths, (str, os.PathLike)):
        paths = [str(paths)]
    paths = [str(p) for p in paths]
    workers = max(1, int(workers))
    chunk_size = chunk_size or batch_size
    store = open_store(db_url)
    known = store.article_ids() if resume else set()
    totals = {"articles": 0, "replaced": 0, "duplicates": 0, "events": 0, "quotes": 0, "mentions": 0,
              "skipped": 0, "rejected": 0, "words": 0}
    rejected: list[Rejected] = []
    pending: list[ArticleResult] = []
    total = count_records(paths) if progress else None
    if total is not None and limit is not None:
        total = min(total, limit + len(known))
    bar = _progress(total, progress)
    t0 = time.perf_counter()
    first_result: list[float] = []
    if in_process is None:
        in_process = workers == 1

    def fresh() -> Iterator[Article]:
        n = 0
        for item in read_inputs(paths):
            if isinstance(item, Rejected):
                rejected.append(item)
                bar.update(1)
                continue
            if item.id in known:
                totals["skipped"] += 1
                bar.update(1)
                continue
            if limit is not None and n >= limit:
                return
            n += 1
            yield item

    def flush() -> None:
        if not pending:
            return
        st = store.save(pending).to_dict()
        for k in ("articles", "replaced", "duplicates", "events", "quotes", "mentions"):
            totals[k] += st.get(k, 0)
        pending.clear()

    def take(results: list[ArticleResult], failed: list[Rejected]) -> None:
        if not first_result:
            first_result.append(time.perf_counter() - t0)
        rejected.extend(failed)
        for r in results:
            totals["words"] += len(r.article.body.split())
        pending.extend(results)
        bar.update(len(results) + len(failed))
        bar.set_postfix(events=totals["events"] + sum(len(r.events) for r in pending),
                        skipped=totals["skipped"], refresh=False)
        if len(pending) >= write_batch:
            flush()

    try:
        if in_process:
            from .batch import analyse

            for chunk in _chunks(fresh(), chunk_size):
                take(*analyse(chunk, model, batch_size))
        else:
            chunks = _chunks(fresh(), chunk_size)
            first = next(chunks, None)
            if first is not None:            # no pool (and no model loading) when nothing is new
                ctx = mp.get_context(start_method)
                with ctx.Pool(workers, initializer=_init_worker, initargs=(model, batch_size)) as pool:
                    in_flight: deque = deque([pool.apply_async(_work, (first,))])
                    for chunk in chunks:
                        in_flight.append(pool.apply_async(_work, (chunk,)))
                        while len(in_flight) >= 2 * workers:    # bounded: wait for the oldest chunk
                            take(*in_flight.popleft().get())
                    while in_flight:
                        take(*in_flight.popleft().get())
        flush()
    finally:
        bar.close()
        if rejected:
            store.record_rejected(rejected)
        store.close()
    seconds = time.perf_counter() - t0
    totals["rejected"] = len(rejected)
    totals["seconds"] = round(seconds, 2)
    done = totals["articles"] + totals["replaced"] + totals["duplicates"]
    totals["articles_per_s"] = round(done / seconds, 2) if seconds else 0.0
    totals["words_per_s"] = round(totals["words"] / seconds, 1) if seconds else 0.0
    totals["first_result_seconds"] = round(first_result[0], 2) if first_result else None
    totals["previously_stored"] = len(known)
    totals["workers"] = workers
    return totals


__all__ = ["count_records", "ingest_parallel"]
