"""Scoring extracted events, quotes and actor names against gold in the format of
../shared/eval/GUIDELINES.md.

Metric definitions follow the reference scorer: an event matches a gold event of the same article
and type when their codes overlap (CONSULT, AGREE and COOPERATE are order-free); pairs are taken
greedily one-to-one, core gold first.  Core recall counts matched core gold events; precision
counts system events compatible with any gold event (core or not).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
SYMMETRIC = {"CONSULT", "AGREE", "COOPERATE"}
QUOTE_MARKS = "\"\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u201b'`\u00b4\u00ab\u00bb\u2039\u203a"


def _code(c) -> str | None:
    if c is None:
        return None
    c = str(c).strip()
    if not c:
        return None
    if ":" in c:
        a, b = c.split(":", 1)
        return a.strip().upper() + ":" + re.sub(r"\s+", " ", b.strip()).upper()
    return c.upper()


def codes(side) -> set[str]:
    if side is None:
        return set()
    if isinstance(side, (str, dict)):
        side = [side]
    out = set()
    for x in side:
        c = _code(x.get("code") if isinstance(x, dict) else x)
        if c:
            out.add(c)
    return out


def norm_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "")
    s = "".join(" " if ch in QUOTE_MARKS else ch for ch in s).replace("\u2026", "...")
    s = re.sub(r"\s+", " ", s).strip().casefold()
    return s.lstrip(" .,;:-\u2013\u2014").strip()


def norm_name(s: str) -> str:
    s = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", s or ""))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = re.sub(r"[\u2019'`]", "", s)
    return re.sub(r"\s+", " ", re.sub(r"[^\w]+", " ", s)).strip()


def names_match(a: str, b: str) -> bool:
    na, nb = norm_name(a), norm_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    ta, tb = na.split(), nb.split()
    if ta[-1] != tb[-1] and ta[0] != tb[0]:
        return False
    return set(ta) <= set(tb) or set(tb) <= set(ta)


def _ratio(a, b):
    return a / b if b else None


# ---------------------------------------------------------------------------- events
def _widen(g: set[str], s: set[str]) -> set[str]:
    return g | {c for c in s if c.startswith("IGO")} if "IGO" in g else g


def compatible(g: dict, s: dict, use_type: bool = True) -> bool:
    if use_type and g["type"] != s["type"]:
        return False
    sa, sr = s["_a"], s["_r"]
    ga, gr = _widen(g["_a"], sa | sr), _widen(g["_r"], sa | sr)
    if g["type"] in SYMMETRIC:
        us = sa | sr
        if not gr:
            return bool(ga & us)
        xs, ys = ga & us, gr & us
        if not xs or not ys:
            return False
        return any(x != y for x in xs for y in ys) or bool(ga & gr & us)
    if not ga & sa:
        return False
    return not gr or bool(gr & sr)


def _loc_ok(g: dict, s: dict):
    gname, gc = g.get("location"), _code(g.get("location_country"))
    if not gname and not gc:
        return None
    loc = s.get("location")
    sname = sc = None
    if isinstance(loc, dict):
        sname, sc = loc.get("name"), _code(loc.get("country"))
    elif isinstance(loc, str):
        sname = loc
    if gname and sname and gname.strip().casefold() == sname.strip().casefold():
        return True
    return bool(gc and sc and gc == sc)


def _pair_score(g, s) -> float:
    sc = (g["_a"] == s["_a"]) + (g["_r"] == s["_r"])
    if g.get("date_precision") == "day" and g.get("date") and str(s.get("date") or "")[:10] == g["date"]:
        sc += 2
    sc += 0.5 * (g.get("status") == s.get("status")) + 0.5 * bool(_loc_ok(g, s))
    return sc


def _greedy(golds, systems, use_type=True, core_only=False):
    cands = sorted((-(10 if g.get("core") else 0) - _pair_score(g, s), gi, si)
                   for gi, g in enumerate(golds) if not core_only or g.get("core")
                   for si, s in enumerate(systems) if compatible(g, s, use_type))
    ug, us, pairs = set(), set(), []
    for _, gi, si in cands:
        if gi not in ug and si not in us:
            ug.add(gi)
            us.add(si)
            pairs.append((gi, si))
    return pairs


def score_events(gold: list[dict], system: list[dict]) -> dict:
    gold_by = {}
    for rec in gold:
        evs = []
        for e in rec.get("events", []):
            e = dict(e, type=str(e["type"]).upper(), _a=codes(e.get("actor")), _r=codes(e.get("recipient")))
            evs.append(e)
        gold_by[rec["article_id"]] = evs
    sys_by = defaultdict(list)
    for r in system:
        if r.get("article_id") in gold_by:
            sys_by[r["article_id"]].append(dict(r, type=str(r.get("type", "")).upper(),
                                                _a=codes(r.get("actors", r.get("actor"))),
                                                _r=codes(r.get("recipients", r.get("recipient")))))
    tot = Counter()
    per_type = {t: Counter() for t in TYPES}
    confusion: dict[str, Counter] = defaultdict(Counter)
    acc = Counter()
    misses, fps = [], []
    per_source: dict[str, Counter] = defaultdict(Counter)
    for aid, golds in gold_by.items():
        systems = sys_by.get(aid, [])
        src = aid.split("-")[0] if "-" in aid else "all"
        for g in golds:
            tot["gold"] += 1
            per_type.setdefault(g["type"], Counter())["gold"] += 1
            if g.get("core"):
                tot["core"] += 1
                per_type.setdefault(g["type"], Counter())["core"] += 1
                per_source[src]["core"] += 1
        for s in systems:
            tot["sys"] += 1
            per_source[src]["sys"] += 1
            per_type.setdefault(s["type"], Counter())["sys"] += 1
            if any(compatible(g, s) for g in golds):
                tot["sys_ok"] += 1
                per_source[src]["sys_ok"] += 1
            else:
                per_type[s["type"]]["fp"] += 1
                fps.append({"article_id": aid, "type": s["type"], "actors": sorted(s["_a"]),
                            "recipients": sorted(s["_r"]), "sentence": s.get("sentence", "")[:160],
                            "extractor": s.get("extractor")})
        matched = set()
        for gi, si in _greedy(golds, systems):
            g, s = golds[gi], systems[si]
            matched.add(gi)
            tot["matched"] += 1
            per_type[g["type"]]["matched"] += 1
            if g.get("core"):
                tot["matched_core"] += 1
                per_type[g["type"]]["matched_core"] += 1
                per_source[src]["matched_core"] += 1
            if g.get("date") and g.get("date_precision") == "day":
                acc["date_n"] += 1
                acc["date_ok"] += str(s.get("date") or "")[:10] == g["date"]
            lo = _loc_ok(g, s)
            if lo is not None:
                acc["loc_n"] += 1
                acc["loc_ok"] += lo
            acc["status_n"] += 1
            acc["status_ok"] += str(s.get("status", "")).lower() == g.get("status")
            if g.get("mode") is not None or s.get("mode") is not None:
                acc["mode_n"] += 1
                acc["mode_ok"] += (g.get("mode") or None) == (s.get("mode") or None)
        for gi, g in enumerate(golds):
            if g.get("core") and gi not in matched:
                misses.append({"article_id": aid, "type": g["type"], "actors": sorted(g["_a"]),
                               "recipients": sorted(g["_r"]), "evidence": (g.get("evidence") or "")[:160]})
        # confusion: core gold vs the type of the system event on the same dyad (type ignored)
        for gi, si in _greedy(golds, systems, use_type=False, core_only=True):
            confusion[golds[gi]["type"]][systems[si]["type"]] += 1
            tot["dyad"] += 1
    recall = _ratio(tot["matched_core"], tot["core"])
    precision = _ratio(tot["sys_ok"], tot["sys"])
    f1 = None
    if recall is not None and precision is not None:
        f1 = 0.0 if recall + precision == 0 else 2 * recall * precision / (recall + precision)
    return {
        "articles": len(gold_by), "gold_events": tot["gold"], "gold_core": tot["core"],
        "system_events": tot["sys"], "matched_core": tot["matched_core"], "core_recall": recall,
        "precision": precision, "f1": f1, "false_positives": tot["sys"] - tot["sys_ok"],
        "dyad_recall": _ratio(tot["dyad"], tot["core"]),
        "date_accuracy": _ratio(acc["date_ok"], acc["date_n"]), "date_n": acc["date_n"],
        "location_accuracy": _ratio(acc["loc_ok"], acc["loc_n"]), "location_n": acc["loc_n"],
        "status_accuracy": _ratio(acc["status_ok"], acc["status_n"]), "status_n": acc["status_n"],
        "mode_accuracy": _ratio(acc["mode_ok"], acc["mode_n"]), "mode_n": acc["mode_n"],
        "per_type": {t: dict(c) for t, c in per_type.items() if c},
        "per_source": {k: {"core_recall": _ratio(c["matched_core"], c["core"]),
                           "precision": _ratio(c["sys_ok"], c["sys"]), **dict(c)} for k, c in per_source.items()},
        "confusion": {g: dict(c) for g, c in confusion.items()},
        "missed_core": misses, "false_positive_events": fps,
    }


# ---------------------------------------------------------------------------- quotes
def score_quotes(gold: list[dict], system: list[dict]) -> dict:
    sysq = defaultdict(list)
    for r in system:
        sp = r.get("speaker") or {}
        if isinstance(sp, str):
            sp = {"name": sp}
        sysq[r.get("article_id")].append({"text": norm_text(r.get("text", "")), "name": sp.get("name"),
                                          "code": _code(sp.get("code"))})
    tot = Counter()
    misses = []
    for g in gold:
        aid = g["article_id"]
        persons = {norm_name(a.get("name")) for a in g.get("actors", [])} | \
                  {norm_name(a.get("mention")) for a in g.get("actors", [])}
        cands = sysq.get(aid, [])
        quotes = g.get("quotes", [])
        sts = [norm_text(q["starts"]) for q in quotes]
        pairs = sorted((-len(st), len(s["text"]), qi, j) for qi, st in enumerate(sts) if st
                       for j, s in enumerate(cands) if s["text"].startswith(st))
        hit, used = {}, set()
        for _, _, qi, j in pairs:
            if qi not in hit and j not in used:
                hit[qi] = j
                used.add(j)
        for qi, q in enumerate(quotes):
            kind = q.get("kind", "direct")
            tot["gold"] += 1
            tot["gold_" + kind] += 1
            if qi not in hit:
                misses.append({"article_id": aid, "kind": kind, "starts": q["starts"]})
                continue
            s = cands[hit[qi]]
            tot["found"] += 1
            tot["found_" + kind] += 1
            name_ok = bool(s["name"]) and names_match(q.get("speaker", ""), s["name"])
            code_ok = s["code"] == _code(q.get("speaker_country"))
            is_person = norm_name(q.get("speaker")) in persons
            tot["speaker_ok"] += name_ok if is_person else (code_ok or name_ok)
        tot["sys"] += len(cands)
    return {"gold_quotes": tot["gold"], "system_quotes": tot["sys"],
            "quote_recall": _ratio(tot["found"], tot["gold"]),
            "direct_recall": _ratio(tot["found_direct"], tot["gold_direct"]),
            "indirect_recall": _ratio(tot["found_indirect"], tot["gold_indirect"]),
            "speaker_accuracy": _ratio(tot["speaker_ok"], tot["found"]), "missed_quotes": misses}


# ---------------------------------------------------------------------------- actors
def score_actors(gold: list[dict], system: list[dict]) -> dict:
    names = defaultdict(set)
    for r in system:
        if r.get("name"):
            names[r.get("article_id")].add(norm_name(r["name"]))
    tot = Counter()
    misses = []
    for g in gold:
        seen = set()
        for a in g.get("actors", []):
            cn = norm_name(a.get("name"))
            if not cn or cn in seen:
                continue
            seen.add(cn)
            ment = set(norm_name(a.get("mention")).split())
            canon = set(cn.split())
            grp = "misspelled" if ment and not (ment <= canon or canon <= ment) else "regular"
            tot["gold"] += 1
            tot["gold_" + grp] += 1
            ok = cn in names.get(g["article_id"], set())
            tot["found"] += ok
            tot["found_" + grp] += ok
            if not ok:
                misses.append({"article_id": g["article_id"], "mention": a.get("mention"), "name": a.get("name")})
    return {"gold_actors": tot["gold"], "actor_recall": _ratio(tot["found"], tot["gold"]),
            "misspelled_recall": _ratio(tot["found_misspelled"], tot["gold_misspelled"]),
            "regular_recall": _ratio(tot["found_regular"], tot["gold_regular"]), "missed_actors": misses}


def fmt(x) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def report(ev: dict, qu: dict | None = None, ac: dict | None = None, verbose: bool = False) -> str:
    lines = [f"Articles {ev['articles']}   gold events {ev['gold_events']} (core {ev['gold_core']})   "
             f"system events {ev['system_events']}",
             f"Event F1          {fmt(ev['f1'])}",
             f"Core recall       {fmt(ev['core_recall'])}  ({ev['matched_core']}/{ev['gold_core']})",
             f"Precision         {fmt(ev['precision'])}  (false positives {ev['false_positives']})",
             f"Dyad recall       {fmt(ev['dyad_recall'])}  (core, type ignored)",
             f"Date accuracy     {fmt(ev['date_accuracy'])}  (n={ev['date_n']})",
             f"Location accuracy {fmt(ev['location_accuracy'])}  (n={ev['location_n']})",
             f"Status accuracy   {fmt(ev['status_accuracy'])}  (n={ev['status_n']})",
             f"Mode accuracy     {fmt(ev['mode_accuracy'])}  (n={ev['mode_n']})",
             "Per type: gold(core) matched(core) system FP"]
    for t, c in ev["per_type"].items():
        lines.append(f"  {t:<10} {c.get('gold', 0):>4}({c.get('core', 0):>3}) {c.get('matched', 0):>4}"
                     f"({c.get('matched_core', 0):>3}) {c.get('sys', 0):>5} {c.get('fp', 0):>4}")
    lines.append("Confusion (core gold type -> system type on the same dyad):")
    for g, c in sorted(ev["confusion"].items()):
        lines.append(f"  {g:<10} " + ", ".join(f"{t}:{n}" for t, n in c.most_common() if True)
                     if isinstance(c, Counter) else f"  {g:<10} " + ", ".join(f"{t}:{n}" for t, n in
                                                                           sorted(c.items(), key=lambda x: -x[1])))
    if len(ev["per_source"]) > 1:
        lines.append("Per source: core recall / precision")
        for k, c in sorted(ev["per_source"].items()):
            lines.append(f"  {k:<20} {fmt(c['core_recall'])} / {fmt(c['precision'])}")
    if qu and qu["gold_quotes"]:
        lines += [f"Quotes: gold {qu['gold_quotes']} system {qu['system_quotes']}",
                  f"  quote recall {fmt(qu['quote_recall'])} (direct {fmt(qu['direct_recall'])}, "
                  f"indirect {fmt(qu['indirect_recall'])})  speaker accuracy {fmt(qu['speaker_accuracy'])}"]
    if ac and ac["gold_actors"]:
        lines.append(f"Actors: gold {ac['gold_actors']}  name recall {fmt(ac['actor_recall'])} "
                     f"(misspelled mentions {fmt(ac['misspelled_recall'])}, regular {fmt(ac['regular_recall'])})")
    if verbose:
        lines.append("\nMissed core events:")
        lines += [f"  {m['article_id']} {m['type']} {m['actors']}->{m['recipients']} :: {m['evidence']}"
                  for m in ev["missed_core"]]
        lines.append("\nFalse positives:")
        lines += [f"  {m['article_id']} {m['type']} {m['actors']}->{m['recipients']} [{m['extractor']}] "
                  f":: {m['sentence']}" for m in ev["false_positive_events"]]
        if qu:
            lines.append("\nMissed quotes:")
            lines += [f"  {m['article_id']} [{m['kind']}] {m['starts']}" for m in qu["missed_quotes"]]
        if ac:
            lines.append("\nMissed actors:")
            lines += [f"  {m['article_id']} {m['mention']} -> {m['name']}" for m in ac["missed_actors"]]
    return "\n".join(lines)
