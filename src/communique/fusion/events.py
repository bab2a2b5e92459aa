"""Cross-article event fusion: merge the mentions of one real-world event reported by many outlets.

``fuse_events(results, stories=None)`` takes the per-article ``ArticleResult`` records and returns
``EventCluster`` records (``communique.fusion.records``).  Two event mentions may belong to the
same cluster when

- **type**: they have the same PLOVER type;
- **actors**: for symmetric types (the ontology's ``symmetric`` flag: CONSULT, AGREE, COOPERATE)
  the participants (actors and recipients together) overlap in two codes, or in the only code one
  of them has; for directed types the actor codes overlap *and* the recipient codes overlap, in
  that order (A accusing B is not B accusing A).  A mention that lacks one side (no recipient, a
  single participant) joins a cluster only when its article is in the same story as a member;
  mentions with no actor code at all stay alone;
- **date**: two day-precise dates at most ``day_window`` days apart (1) when both are asserted,
  equal otherwise, or up to ``story_day_window`` (3) days apart inside the same story; a month
  date must fall in the same month as the other date; a year-only or missing date joins only a
  cluster that already holds a mention from the same story (the same article counts as the same
  story), with the same year when one is known;
- **place**: the location countries are equal, or at least one is unknown.

Clustering is complete-linkage: a mention joins a cluster only when it is compatible with every
member, so chains of near-misses (Jan 1 ~ Jan 2 ~ Jan 3) do not merge into one event.  Among the
compatible clusters the one sharing most codes, then closest in date, then largest, then oldest is
chosen.  Candidates come from an index by (type, actor code) and, for day-dated mentions processed
in date order, clusters that fell out of the date window are dropped from it, so the cost grows
about linearly with the number of mentions.

Cluster attributes: the type; the majority mode, status, location and CAMEO code; the actor and
recipient codes ordered by support (symmetric mentions are first turned to face the cluster's
orientation); the date is the most precise one reported, with explicit dates counting more than
dates taken from the publication day, and ``date_support`` says how many mentions give exactly
it; Goldstein and intensity are the members' means.  ``conflicts`` lists, for date, location,
mode and status, every value members give with its articles and sources whenever they disagree
(a coarser date that contains the chosen one, such as "2024-01" for "2024-01-12", is not a
disagreement).
"""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from .. import ontology
from ..model import ArticleResult, Event
from .records import ClusterMember, ConflictValue, EventCluster

_PRECISION_RANK = {"day": 3, "month": 2, "year": 1, None: 0}
_FALLBACK_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def is_symmetric(event_type: str) -> bool:
    """True when actor and recipient are interchangeable for this PLOVER type."""
    try:
        return ontology.plover_type(event_type).symmetric
    except KeyError:
        return event_type.upper() in _FALLBACK_SYMMETRIC


# --------------------------------------------------------------------------- mentions

@dataclass
class _Mention:
    ev: Event
    order: int
    source: str | None
    story: object
    actors: frozenset[str]
    recipients: frozenset[str]
    symmetric: bool
    precision: str | None
    day: int | None          # ordinal of a day-precise date
    month: str | None        # "YYYY-MM" when known (day or month precision)
    year: str | None
    country: str | None
    explicit: bool           # the date was written in the text, not taken from the publication date

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients


def _precision(ev: Event) -> str | None:
    d = ev.date
    if not d:
        return None
    p = ev.date_precision
    if p in _PRECISION_RANK:
        return p
    return {10: "day", 7: "month", 4: "year"}.get(len(d))


def _to_mention(ev: Event, order: int, source: str | None, story: object) -> _Mention:
    prec = _precision(ev)
    d = ev.date or ""
    day = None
    if prec == "day":
        try:
            day = date.fromisoformat(d[:10]).toordinal()
        except ValueError:
            prec = "month" if len(d) >= 7 else ("year" if len(d) >= 4 else None)
    sym = is_symmetric(ev.type)
    return _Mention(
        ev=ev, order=order, source=source, story=story,
        actors=frozenset(a.key for a in ev.actors if a.code),
        recipients=frozenset(r.key for r in ev.recipients if r.code),
        symmetric=sym, precision=prec, day=day,
        month=d[:7] if prec in ("day", "month") and len(d) >= 7 else None,
        year=d[:4] if prec and len(d) >= 4 else None,
        country=ev.location.country if ev.location and ev.location.country else None,
        explicit=not getattr(ev, "date_from_publication", False))


# --------------------------------------------------------------------------- compatibility

def _same_story(x: _Mention, y: _Mention) -> bool:
    return x.ev.article_id == y.ev.article_id or (x.story is not None and x.story == y.story)


def _actors_ok(x: _Mention, y: _Mention) -> bool:
    if x.symmetric:
        px, py = x.participants, y.participants
        shared = len(px & py)
        if len(px) >= 2 and len(py) >= 2:
            return shared >= 2
        return shared >= 1 and _same_story(x, y)
    if not (x.actors & y.actors):
        return False
    if x.recipients and y.recipients:
        return bool(x.recipients & y.recipients)
    if not x.recipients and not y.recipients:
        return True
    return _same_story(x, y)


def _date_pair_ok(x: _Mention, y: _Mention, day_window: int, story_day_window: int) -> bool:
    """Both dated at month precision or better."""
    if x.day is not None and y.day is not None:
        gap = abs(x.day - y.day)
        if gap == 0:
            return True
        if _same_story(x, y) and gap <= story_day_window:
            return True
        return gap <= day_window and x.ev.status == "asserted" and y.ev.status == "asserted"
    return x.month == y.month


@dataclass
class _Cluster:
    key: int
    type: str
    members: list[_Mention] = field(default_factory=list)
    flipped: list[bool] = field(default_factory=list)   # symmetric member turned around
    stories: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    min_day: int | None = None
    max_day: int | None = None

    def add(self, m: _Mention, flip: bool) -> None:
        self.members.append(m)
        self.flipped.append(flip)
        self.articles.add(m.ev.article_id)
        if m.story is not None:
            self.stories.add(m.story)
        if m.day is not None:
            self.min_day = m.day if self.min_day is None else min(self.min_day, m.day)
            self.max_day = m.day if self.max_day is None else max(self.max_day, m.day)

    def shares_story(self, m: _Mention) -> bool:
        return m.ev.article_id in self.articles or (m.story is not None and m.story in self.stories)


def _compatible(m: _Mention, c: _Cluster, day_window: int, story_day_window: int) -> bool:
    if m.precision in ("year", None) and not c.shares_story(m):
        return False
    for y in c.members:
        if not _actors_ok(m, y):
            return False
        if m.country and y.country and m.country != y.country:
            return False
        if m.precision in ("year", None) or y.precision in ("year", None):
            if m.year and y.year and m.year != y.year:
                return False
            continue
        if not _date_pair_ok(m, y, day_window, story_day_window):
            return False
    return True


def _orientation(m: _Mention, c: _Cluster) -> bool:
    """Whether a symmetric mention should be flipped to face the cluster's orientation."""
    if not m.symmetric or not c.members:
        return False
    acts, recs = Counter(), Counter()
    for y, f in zip(c.members, c.flipped, strict=True):
        a, r = (y.recipients, y.actors) if f else (y.actors, y.recipients)
        acts.update(a)
        recs.update(r)
    straight = sum(acts[k] for k in m.actors) + sum(recs[k] for k in m.recipients)
    turned = sum(recs[k] for k in m.actors) + sum(acts[k] for k in m.recipients)
    return turned > straight


def _score(m: _Mention, c: _Cluster) -> tuple:
    shared = len(m.participants & set().union(*(y.participants for y in c.members)))
    gap = 0
    if m.day is not None and c.min_day is not None:
        gap = min(abs(m.day - c.min_day), abs(m.day - c.max_day))
    return (shared, -gap, len(c.members), -c.key)


# --------------------------------------------------------------------------- aggregation

def _majority(values: Iterable, weights: Iterable[float] | None = None):
    """Most supported non-empty value; ties go to the value seen first."""
    score: dict = {}
    first: dict = {}
    ws = list(weights) if weights is not None else None
    for i, v in enumerate(values):
        if v is None or v == "":
            continue
        score[v] = score.get(v, 0.0) + (ws[i] if ws else 1.0)
        first.setdefault(v, i)
    if not score:
        return None
    return max(score, key=lambda v: (score[v], -first[v]))


def _conflict(values: list[tuple[object, _Mention]]) -> list[ConflictValue]:
    groups: dict = {}
    for v, m in values:
        g = groups.setdefault(_hashable(v), [v, []])
        g[1].append(m)
    if len(groups) < 2:
        return []
    out = []
    for v, ms in groups.values():
        out.append(ConflictValue(
            value=v, mentions=len(ms),
            article_ids=sorted({m.ev.article_id for m in ms}),
            sources=sorted({m.source for m in ms if m.source})))
    out.sort(key=lambda c: (-c.mentions, str(c.value)))
    return out


def _hashable(v):
    return tuple(sorted(v.items())) if isinstance(v, dict) else v


def _date_choice(ms: list[_Mention]) -> tuple[str | None, str | None, int]:
    dated = [m for m in ms if m.ev.date]
    if not dated:
        return None, None, 0
    best_rank = max(_PRECISION_RANK[m.precision] for m in dated)
    top = [m for m in dated if _PRECISION_RANK[m.precision] == best_rank]
    value = _majority([m.ev.date for m in top], [1.0 if m.explicit else 0.5 for m in top])
    prec = next(m.precision for m in top if m.ev.date == value)
    return value, prec, sum(1 for m in ms if m.ev.date == value)


def _date_conflicts(ms: list[_Mention]) -> list[ConflictValue]:
    values = sorted({m.ev.date for m in ms if m.ev.date})
    # a coarser date containing a finer one ("2024-01" and "2024-01-12") is no disagreement
    kept = {v for v in values if not any(w != v and w.startswith(v) for w in values)}
    if len(kept) < 2:
        return []
    return _conflict([(m.ev.date, m) for m in ms if m.ev.date in kept])


def _location_value(m: _Mention) -> dict | None:
    loc = m.ev.location
    if loc is None:
        return None
    return {"name": loc.name, "country": loc.country}


def _ranked_codes(counter: Counter) -> list[str]:
    return [k for k, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def _build(c: _Cluster) -> EventCluster:
    ms = sorted(zip(c.members, c.flipped, strict=True), key=lambda p: p[0].order)
    members = [m for m, _ in ms]
    acts, recs = Counter(), Counter()
    for m, f in ms:
        a, r = (m.recipients, m.actors) if f else (m.actors, m.recipients)
        acts.update(a)
        recs.update(r)
    actor_codes = _ranked_codes(acts)
    recipient_codes = [k for k in _ranked_codes(recs) if not (k in acts and acts[k] >= recs[k])]
    actor_codes = [k for k in actor_codes if not (k in recs and recs[k] > acts[k])]

    the_date, precision, support = _date_choice(members)
    locs = [_location_value(m) for m in members]
    loc_key = _majority([(d["name"], d["country"]) if d else None for d in locs])
    location = None
    if loc_key is not None:
        m = next(m for m, d in zip(members, locs, strict=True)
                 if d and (d["name"], d["country"]) == loc_key)
        lo = m.ev.location
        location = {"name": lo.name, "country": lo.country, "lat": lo.lat, "lon": lo.lon}

    conflicts: dict[str, list[ConflictValue]] = {}
    for name, values in (
            ("date", None),
            ("location", [(d, m) for d, m in zip(locs, members, strict=True) if d]),
            ("mode", [(m.ev.mode, m) for m in members if m.ev.mode]),
            ("status", [(m.ev.status, m) for m in members if m.ev.status])):
        found = _date_conflicts(members) if name == "date" else _conflict(values)
        if found:
            conflicts[name] = found

    gold = [m.ev.goldstein for m in members if m.ev.goldstein is not None]
    inten = [m.ev.intensity for m in members if m.ev.intensity is not None]
    conf = [m.ev.confidence for m in members if m.ev.confidence is not None]
    miss = 1.0
    for x in conf:
        miss *= 1.0 - max(0.0, min(1.0, x))
    sources = {(m.source or "").casefold() for m in members if m.source}
    unsourced = {m.ev.article_id for m in members if not m.source}
    topics: list[str] = []
    for m in members:
        topics += [t for t in m.ev.topics if t not in topics]
    ids = sorted(m.ev.event_id for m in members)
    return EventCluster(
        cluster_id=hashlib.sha1(("|".join(ids)).encode()).hexdigest()[:16],
        type=c.type,
        mode=_majority([m.ev.mode for m in members]),
        actor_codes=actor_codes, recipient_codes=recipient_codes,
        symmetric=members[0].symmetric,
        date=the_date, date_precision=precision, date_support=support,
        location=location,
        status=_majority([m.ev.status for m in members]) or "asserted",
        cameo=_majority([m.ev.cameo for m in members]),
        goldstein=round(sum(gold) / len(gold), 2) if gold else None,
        intensity=round(sum(inten) / len(inten), 2) if inten else None,
        confidence=round(1.0 - miss, 3) if conf else None,
        topics=topics,
        num_mentions=len(members),
        num_articles=len({m.ev.article_id for m in members}),
        num_sources=len(sources) + len(unsourced),
        members=[ClusterMember(event_id=m.ev.event_id, article_id=m.ev.article_id, source=m.source,
                               date=m.ev.date, date_precision=m.precision, status=m.ev.status,
                               confidence=m.ev.confidence, sentence=m.ev.sentence) for m in members],
        conflicts=conflicts)


# --------------------------------------------------------------------------- fusion

def _story_map(stories: Sequence[Sequence[str]] | Mapping[str, object] | None) -> dict[str, object]:
    if stories is None:
        return {}
    if isinstance(stories, Mapping):
        return dict(stories)
    return {aid: k for k, ids in enumerate(stories) for aid in ids}


def fuse_events(results: list[ArticleResult],
                stories: Sequence[Sequence[str]] | Mapping[str, object] | None = None,
                day_window: int = 1, story_day_window: int = 3) -> list[EventCluster]:
    """Merge the event mentions of ``results`` into clusters, one per real-world event.

    ``stories``: story clusters of the articles (``cluster_stories`` output, or a mapping
    article id -> story key).  Without them, undated mentions and mentions lacking one side are
    only merged with mentions of their own article.  Every event ends in exactly one cluster;
    clusters come out ordered by date (undated last), then by their first member.
    """
    story_of = _story_map(stories)
    mentions: list[_Mention] = []
    for r in results:
        aid = r.article.id
        for ev in r.events:
            mentions.append(_to_mention(ev, len(mentions), r.article.source, story_of.get(aid)))

    clusters: list[_Cluster] = []
    maxwin = max(day_window, story_day_window)

    def new_cluster(m: _Mention) -> _Cluster:
        c = _Cluster(key=len(clusters), type=m.ev.type)
        c.add(m, False)
        clusters.append(c)
        return c

    def place(m: _Mention, candidates: Iterable[_Cluster]) -> _Cluster:
        if not m.participants:
            return new_cluster(m)
        best, best_score = None, None
        for c in candidates:
            if _compatible(m, c, day_window, story_day_window):
                s = _score(m, c)
                if best_score is None or s > best_score:
                    best, best_score = c, s
        if best is None:
            return new_cluster(m)
        best.add(m, _orientation(m, best))
        return best

    # 1. day-precise mentions in date order, against an index of clusters still inside the window
    active: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for m in sorted((m for m in mentions if m.day is not None), key=lambda m: (m.day, m.order)):
        seen: dict[int, _Cluster] = {}
        for code in sorted(m.participants):
            lst = active[(m.ev.type, code)]
            lst[:] = [c for c in lst if c.max_day is None or c.max_day >= m.day - maxwin]
            for c in lst:
                seen[c.key] = c
        c = place(m, (seen[k] for k in sorted(seen)))
        for code in m.participants:
            lst = active[(m.ev.type, code)]
            if c not in lst:
                lst.append(c)

    # 2. month-precise mentions, against clusters holding a date in that month
    by_month: dict[tuple[str, str, str], list[_Cluster]] = defaultdict(list)

    def index_month(c: _Cluster) -> None:
        for y in c.members:
            if y.month:
                for code in y.participants:
                    if c not in by_month[(c.type, code, y.month)]:
                        by_month[(c.type, code, y.month)].append(c)

    for c in clusters:
        index_month(c)
    for m in sorted((m for m in mentions if m.day is None and m.month), key=lambda m: (m.month, m.order)):
        seen = {c.key: c for code in m.participants for c in by_month[(m.ev.type, code, m.month)]}
        c = place(m, (seen[k] for k in sorted(seen)))
        index_month(c)

    # 3. year-only and undated mentions, only into clusters of the same story
    by_story: dict[tuple[str, str, object], list[_Cluster]] = defaultdict(list)

    def index_story(c: _Cluster) -> None:
        for y in c.members:
            for code in y.participants:
                for key in {y.story, ("article", y.ev.article_id)} - {None}:
                    if c not in by_story[(c.type, code, key)]:
                        by_story[(c.type, code, key)].append(c)

    for c in clusters:
        index_story(c)
    for m in sorted((m for m in mentions if m.day is None and not m.month), key=lambda m: m.order):
        keys = {m.story, ("article", m.ev.article_id)} - {None}
        seen = {c.key: c for code in m.participants for k in keys
                for c in by_story[(m.ev.type, code, k)]}
        c = place(m, (seen[k] for k in sorted(seen)))
        index_story(c)

    built = [(_build(c), min(m.order for m in c.members)) for c in clusters]
    built.sort(key=lambda p: (p[0].date is None, p[0].date or "", p[1]))
    return [b for b, _ in built]

__all__ = ["fuse_events", "is_symmetric"]
