"""Command-line commands of the fusion stage: ``communique fuse`` and ``communique clusters``.

``register(subparsers)`` adds both to the ``communique`` parser (one line in ``cli.py``).
``fuse_store(store)`` is the same work as a function: read the stored articles and events, group
the articles into stories, merge the events across articles and store both results (replacing the
previous fusion run).
"""
from __future__ import annotations

import json
import sys
import time
from typing import Any

from ..model import ActorRef, Article, ArticleResult, Event, Location
from .events import fuse_events
from .stories import THRESHOLD, cluster_stories

_PAGE = 5000


def _ref(d: dict[str, Any]) -> ActorRef:
    return ActorRef(name=d.get("name"), code=d.get("code"), sector=d.get("sector"), role=d.get("role"),
                    kb_id=d.get("kb_id"), text=d.get("text") or "", start=d.get("start", -1),
                    end=d.get("end", -1))


def _event(d: dict[str, Any]) -> Event:
    loc = d.get("location")
    ev = d.get("evidence") or {}
    return Event(
        event_id=d["event_id"], article_id=d["article_id"], type=d["type"], mode=d.get("mode"),
        contexts=list(d.get("contexts") or []), cameo=d.get("cameo"), goldstein=d.get("goldstein"),
        intensity=d.get("intensity"), quad_class=d.get("quad_class"),
        actors=[_ref(a) for a in d.get("actors") or []],
        recipients=[_ref(a) for a in d.get("recipients") or []],
        date=d.get("date"), date_precision=d.get("date_precision"),
        location=Location(loc.get("name") or "", loc.get("country"), loc.get("lat"), loc.get("lon"))
        if loc else None,
        status=d.get("status") or "asserted", topics=list(d.get("topics") or []),
        sentence=d.get("sentence") or "", evidence_start=ev.get("start", -1),
        evidence_end=ev.get("end", -1), trigger=d.get("trigger") or "",
        confidence=d.get("confidence") if d.get("confidence") is not None else 0.5,
        extractor=d.get("extractor") or "")


def load_results(store) -> list[ArticleResult]:
    """Stored articles with their events as ``ArticleResult`` records (mentions and quotes left out)."""
    results: dict[str, ArticleResult] = {}
    offset = 0
    while True:
        page = store.articles(limit=_PAGE, offset=offset, with_text=True)
        for a in page:
            # the stored text is the analysed body (title included), so ``body`` stays the same
            art = Article(id=a["id"], text=a["text"], title=a.get("title"), date=a.get("date"),
                          source=a.get("source"), url=a.get("url"), origin=a.get("origin"),
                          dateline=a.get("dateline"))
            results[a["id"]] = ArticleResult(article=art)
        if len(page) < _PAGE:
            break
        offset += _PAGE
    offset = 0
    while True:
        page = store.events(limit=_PAGE, offset=offset)
        for d in page:
            r = results.get(d["article_id"])
            if r is not None:
                r.events.append(_event(d))
        if len(page) < _PAGE:
            break
        offset += _PAGE
    return list(results.values())


def fuse_store(store, threshold: float = THRESHOLD, stories: bool = True) -> dict[str, Any]:
    """Cluster the stored articles into stories, fuse their events, save both; returns counts."""
    t0 = time.perf_counter()
    results = load_results(store)
    groups = cluster_stories([r.article for r in results], results, threshold=threshold) if stories else None
    clusters = fuse_events(results, groups)
    saved = store.save_clusters(clusters, groups)
    return {"articles": len(results), "events": sum(len(r.events) for r in results),
            "clusters": len(clusters),
            "multi_article_clusters": sum(1 for c in clusters if c.num_articles > 1),
            "stories": len(groups) if groups is not None else None,
            "multi_article_stories": sum(1 for g in groups if len(g) > 1) if groups else 0,
            "saved": saved, "seconds": round(time.perf_counter() - t0, 2)}


def cmd_fuse(args) -> int:
    from ..store import open_store

    with open_store(args.db) as store:
        res = fuse_store(store, threshold=args.threshold, stories=not args.no_stories)
    if args.json:
        print(json.dumps(res))
    else:
        story_part = (f"{res['stories']} stories ({res['multi_article_stories']} with several articles), "
                      if res["stories"] is not None else "")
        print(f"fused {res['events']} events of {res['articles']} articles into {res['clusters']} "
              f"event clusters ({res['multi_article_clusters']} reported by several articles); "
              f"{story_part}{res['seconds']} s -> {args.db or 'communique.db'}")
    return 0


def _cluster_line(c: dict[str, Any]) -> str:
    arrow = "<->" if c["symmetric"] else "->"
    sides = f"{','.join(c['actor_codes']) or '?'} {arrow} {','.join(c['recipient_codes']) or '?'}"
    loc = (c.get("location") or {}).get("name") or ""
    conflicts = ",".join(c["conflicts"]) if c["conflicts"] else ""
    return (f"{c['date'] or '-':<10}  {c['type']:<10} {sides:<22} {c['mode'] or '':<12} {loc:<14} "
            f"mentions={c['num_mentions']} articles={c['num_articles']} sources={c['num_sources']}"
            + (f"  conflicts={conflicts}" if conflicts else ""))


def cmd_clusters(args) -> int:
    from ..store import open_store

    dyad = None
    if args.dyad:
        parts = [p.strip() for p in args.dyad.split(",") if p.strip()]
        if len(parts) != 2:
            raise ValueError("--dyad takes two codes separated by a comma, e.g. USA,CHN")
        dyad = (parts[0], parts[1])
    with open_store(args.db) as store:
        rows = store.clusters(dyad=dyad, type=args.type, start=args.start, end=args.end,
                              actor=args.actor, min_sources=args.min_sources, limit=args.limit)
    for c in rows:
        print(json.dumps(c, ensure_ascii=False) if args.format == "jsonl" else _cluster_line(c))
    if not rows and args.format == "table":
        print("no match", file=sys.stderr)
    return 0


def register(subparsers) -> None:
    """Add ``fuse`` and ``clusters`` to the ``communique`` sub-command parsers."""
    def db(sp):
        sp.add_argument("--db", default=None, help="database: a SQLite file path (default communique.db) "
                                                   "or a postgresql:// URL")

    sp = subparsers.add_parser(
        "fuse", help="merge stored events reported by several articles; group articles into stories",
        description="Read the stored articles and events, group the articles into stories (text, "
                    "dates and shared events), merge event mentions that describe the same real-world "
                    "event across articles, and store the clusters with their mention, article and "
                    "source counts and the conflicts between reports. Replaces the previous run.")
    sp.add_argument("--threshold", type=float, default=THRESHOLD,
                    help=f"story similarity threshold (default {THRESHOLD})")
    sp.add_argument("--no-stories", action="store_true",
                    help="skip story clustering (undated events then merge only within one article)")
    sp.add_argument("--json", action="store_true", help="print the counts as JSON")
    db(sp)
    sp.set_defaults(func=cmd_fuse)

    sp = subparsers.add_parser("clusters", help="list fused events (run 'communique fuse' first)")
    sp.add_argument("--dyad", help="two codes, order-free: USA,CHN")
    sp.add_argument("--actor", help="a code on either side")
    sp.add_argument("--type", help="PLOVER type, e.g. CONSULT")
    sp.add_argument("--start", help="first date (YYYY-MM-DD)")
    sp.add_argument("--end", help="last date (inclusive)")
    sp.add_argument("--min-sources", type=int, default=None, help="reported by at least N outlets")
    sp.add_argument("--limit", type=int, default=50)
    sp.add_argument("--format", choices=["table", "jsonl"], default="table")
    db(sp)
    sp.set_defaults(func=cmd_clusters)


__all__ = ["cmd_clusters", "cmd_fuse", "fuse_store", "load_results", "register"]
