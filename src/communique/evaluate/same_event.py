"""Scoring story clustering against same-event gold (BASIL, NewsWCL50 in ../shared/eval/same_event).

Input: JSON Lines, one article per line with ``id``, ``text``, optional ``title``, ``date``,
``source`` and the gold ``event_group``.  Only the article fields an ingested article would have
(text, title, date, source) reach the clusterer; ``event_group`` and every other annotation field
(``main_event`` in BASIL, the outlet slot) are read only for scoring, and the ids are replaced by
their line numbers so nothing of the gold can leak through them.

Metric: B-cubed precision, recall and F1 (Bagga & Baldwin 1998): for each article, the share of
its predicted cluster that is in its gold group (precision) and the share of its gold group that is
in its predicted cluster (recall), averaged over articles.

    python -m communique.evaluate.same_event PATH [PATH...] [--threshold T] [--events]
                                             [--ignore-dates] [--json]

``--events`` runs the communique pipeline over the articles to add the event-overlap feature
(about 0.1-0.3 s per article; results are cached for the run).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from ..fusion.stories import THRESHOLD, cluster_stories
from ..model import Article, ArticleResult

_CACHE: dict[tuple[str, str], ArticleResult] = {}   # (file, line id) -> pipeline result, per run


def read_gold(path: str | Path) -> tuple[list[Article], dict[str, str]]:
    """Articles (ids replaced by ``line-N``) and the gold group of each."""
    articles, gold = [], {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if not line.strip():
                continue
            row = json.loads(line)
            aid = f"line-{n}"
            articles.append(Article(id=aid, text=row.get("text") or "", title=row.get("title"),
                                    date=row.get("date"), source=row.get("source")))
            gold[aid] = str(row["event_group"])
    return articles, gold


def bcubed(predicted: list[list[str]], gold: dict[str, str]) -> dict[str, float]:
    """B-cubed precision, recall and F1 of ``predicted`` clusters against ``gold`` labels."""
    cluster_of = {aid: k for k, ids in enumerate(predicted) for aid in ids}
    gold_size: dict[str, int] = defaultdict(int)
    for g in gold.values():
        gold_size[g] += 1
    overlap: dict[tuple[int, str], int] = defaultdict(int)
    for aid, g in gold.items():
        overlap[(cluster_of[aid], g)] += 1
    sizes = {k: len(ids) for k, ids in enumerate(predicted)}
    p = r = 0.0
    for aid, g in gold.items():
        k = cluster_of[aid]
        both = overlap[(k, g)]
        p += both / sizes[k]
        r += both / gold_size[g]
    n = len(gold) or 1
    p, r = p / n, r / n
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _results(path: str | Path, articles: list[Article]) -> list[ArticleResult]:
    from ..pipeline import Pipeline

    key = str(Path(path).resolve())
    todo = [a for a in articles if (key, a.id) not in _CACHE]
    if todo:
        pipe = Pipeline()
        for res in pipe.process_many(todo):
            _CACHE[(key, res.article.id)] = res
    return [_CACHE[(key, a.id)] for a in articles]


def evaluate_file(path: str | Path, threshold: float = THRESHOLD, events: bool = False,
                  ignore_dates: bool = False) -> dict:
    """Cluster the articles of one gold file and score the clusters (B-cubed).

    ``ignore_dates`` hides the publication dates from the clusterer (text, and events, only).
    """
    articles, gold = read_gold(path)
    results = _results(path, articles) if events else None
    if ignore_dates:
        articles = [Article(id=a.id, text=a.text, title=a.title, source=a.source) for a in articles]
    t0 = time.perf_counter()
    clusters = cluster_stories(articles, results, threshold=threshold)
    seconds = time.perf_counter() - t0
    scores = bcubed(clusters, gold)
    return {"file": Path(path).name, "articles": len(articles), "gold_groups": len(set(gold.values())),
            "clusters": len(clusters), "threshold": threshold, "events": events,
            "dates": not ignore_dates and any(a.date for a in articles),
            **scores, "seconds": round(seconds, 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m communique.evaluate.same_event",
                                 description="B-cubed scores of story clustering on same-event gold files.")
    ap.add_argument("paths", nargs="+", metavar="PATH")
    ap.add_argument("--threshold", type=float, default=THRESHOLD)
    ap.add_argument("--events", action="store_true", help="add the event-overlap feature (runs the pipeline)")
    ap.add_argument("--ignore-dates", action="store_true", help="hide publication dates from the clusterer")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    for path in args.paths:
        r = evaluate_file(path, args.threshold, args.events, args.ignore_dates)
        if args.json:
            print(json.dumps(r))
        else:
            print(f"{r['file']}: {r['articles']} articles, {r['gold_groups']} gold groups, "
                  f"{r['clusters']} clusters; B-cubed P={r['precision']:.3f} R={r['recall']:.3f} "
                  f"F1={r['f1']:.3f} (threshold {r['threshold']}, events {'on' if r['events'] else 'off'}, "
                  f"dates {'used' if r['dates'] else 'none'}, "
                  f"{r['seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
