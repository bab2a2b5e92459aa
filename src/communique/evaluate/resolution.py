"""Actor-resolution accuracy on hand-written cases (tests/data/resolution_cases.yaml).

Each case is a short news sentence with a date, the words of one actor mention and the expected
resolution::

    - text: "Chinese Foreign Minister Qin Gang met the ambassador."
      date: 2023-03-01
      mention: Qin Gang
      expect: {name: Qin Gang, code: CHN, sector: GOV}
      cat: role-at-date            # optional: a group for the report

The whole pipeline runs on each text (``Pipeline.process_many``); the mention of the result that
overlaps the ``mention`` words (the first occurrence in the text) is compared with ``expect``:

* ``name``: the canonical name (compared case- and accent-insensitively); ``null`` or absent means
  "not checked" (generic agents and states, whose name is the state's);
* ``code``: ISO alpha-3, ``IGO:``/``NSA:`` code, compared exactly;
* ``sector``: compared when given.

``evaluate_cases`` returns the accuracy, per-group accuracies and the failures, so a report can
quote the number (``python -m communique.evaluate.resolution [PATH]`` prints it).
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..actors.kb import norm
from ..model import Article


def load_cases(path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        cases = yaml.safe_load(f) or []
    for i, c in enumerate(cases):
        c["date"] = str(c["date"])[:10] if c.get("date") else None
        if c["mention"] not in c["text"]:
            raise ValueError(f"case {i}: mention {c['mention']!r} is not in the text {c['text']!r}")
        c.setdefault("expect", {})
        c.setdefault("cat", "other")
    return cases


def _pick(mentions, start: int, end: int):
    """The mention overlapping [start, end) the most (ties: the shorter one)."""
    best, best_key = None, None
    for m in mentions:
        a = m.actor
        ov = min(a.end, end) - max(a.start, start)
        if ov <= 0:
            continue
        key = (ov, -(a.end - a.start))
        if best_key is None or key > best_key:
            best, best_key = a, key
    return best


def check(case: dict, actor) -> tuple[bool, str]:
    """(passed, reason) for one case and the actor found (or None)."""
    exp = case.get("expect") or {}
    if actor is None:
        return False, "no mention"
    problems = []
    if exp.get("name") is not None and norm(actor.name or "") != norm(exp["name"]):
        problems.append("name")
    if "code" in exp and exp["code"] != actor.code:
        problems.append("code")
    if exp.get("sector") is not None and exp["sector"] != actor.sector:
        problems.append("sector")
    return (not problems), "+".join(problems)


def evaluate_cases(path, pipeline=None, batch_size: int = 64) -> dict:
    """Run the pipeline once over all cases; return accuracy, per-group results and failures.

    The result: ``{"total", "correct", "accuracy", "by_cat": {cat: {"total", "correct", "accuracy"}},
    "failures": [{"text", "date", "mention", "expect", "got", "reason", "cat"}]}``."""
    if pipeline is None:
        from ..pipeline import Pipeline
        pipeline = Pipeline()
    cases = load_cases(path)
    arts = [Article(id=f"case{i}", text=c["text"], date=c["date"]) for i, c in enumerate(cases)]
    results = list(pipeline.process_many(arts, batch_size=batch_size))
    correct = 0
    by_cat: dict[str, dict] = {}
    failures = []
    for c, art, res in zip(cases, arts, results):
        start = art.body.find(c["mention"])
        actor = _pick(res.mentions, start, start + len(c["mention"]))
        ok, reason = check(c, actor)
        g = by_cat.setdefault(c["cat"], {"total": 0, "correct": 0})
        g["total"] += 1
        if ok:
            correct += 1
            g["correct"] += 1
        else:
            failures.append({"text": c["text"], "date": c["date"], "mention": c["mention"],
                             "expect": c["expect"], "cat": c["cat"], "reason": reason,
                             "got": None if actor is None else
                             {"name": actor.name, "code": actor.code, "sector": actor.sector,
                              "text": actor.text, "method": actor.method}})
    for g in by_cat.values():
        g["accuracy"] = g["correct"] / g["total"] if g["total"] else 0.0
    total = len(cases)
    return {"total": total, "correct": correct, "accuracy": correct / total if total else 0.0,
            "by_cat": dict(sorted(by_cat.items())), "failures": failures}


def format_report(rep: dict) -> str:
    lines = [f"resolution accuracy: {rep['correct']}/{rep['total']} = {rep['accuracy']:.3f}"]
    for cat, g in rep["by_cat"].items():
        lines.append(f"  {cat:<14} {g['correct']:>3}/{g['total']:<3} {g['accuracy']:.2f}")
    if rep["failures"]:
        lines.append("failures:")
    for f in rep["failures"]:
        got = f["got"] or {}
        lines.append(f"  [{f['cat']}/{f['reason']}] {f['date']} {f['mention']!r}: expected "
                     f"{f['expect']} got {{name: {got.get('name')}, code: {got.get('code')}, "
                     f"sector: {got.get('sector')}, via {got.get('method')} on {got.get('text')!r}}}")
        lines.append(f"      {f['text']}")
    return "\n".join(lines)


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(argv[0]) if argv else Path(__file__).resolve().parents[3] / "tests" / "data" / "resolution_cases.yaml"
    print(format_report(evaluate_cases(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
