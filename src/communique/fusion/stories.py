"""Story clustering: which articles report the same news event.

``cluster_stories(articles, results=None)`` returns groups of article ids, one list per story.
The similarity of two articles combines

- **text**: cosine of sparse TF-IDF vectors (sublinear term frequency, smoothed idf, the title
  counted twice, words written with a capital inside a sentence -- names -- weighted up, each
  vector cut to its strongest ``TOP_TERMS`` terms);
- **near-duplicates**: MinHash estimates of the Jaccard overlap of 5-word shingles, so wire copies
  and lightly edited reprints join whatever their vocabulary weights;
- **events** (when ``results`` are given): the overlap of the (type, actor codes) of their coded
  events, order-free;
- **dates**: two dated articles further apart than ``max_days`` are never compared; closer ones
  lose a little similarity per day of distance.

Clustering is average-linkage agglomeration stopped at ``threshold``; it runs separately inside
each connected component of the graph of pairs whose similarity reaches the threshold (an
average-linkage cluster can never span two such components), so large collections split into
small independent problems.  Everything is pure Python, deterministic (ties broken by input
order) and independent of hash randomisation.
"""
from __future__ import annotations

import hashlib
import math
import re
import struct
import zlib
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from functools import lru_cache

import numpy as np

from ..model import Article, ArticleResult

THRESHOLD = 0.15          # average-linkage stopping similarity (BASIL best 0.12, NewsWCL50 best 0.17)
TOP_TERMS = 80            # terms kept per TF-IDF vector
MAX_DAYS = 7              # dated articles further apart than this are different stories
DAY_PENALTY = 0.02        # similarity lost per day between two dated articles
EVENT_WEIGHT = 0.10       # weight of the event-overlap feature
NEAR_DUP = 0.5            # MinHash Jaccard above which two texts are one story whatever else
NAME_BOOST = 1.5          # weight of capitalised (name-like) tokens
TITLE_REPEAT = 2          # the title is counted this many times
MAX_EVENT_POSTING = 200   # an event key shared by more articles than this proposes no pairs
SIM_FLOOR = 0.03          # pairs less similar than this are not kept (they count as 0)

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019\-]*[A-Za-z]|\d[\d,.]*\d|\d")
_SENTENCE_END = frozenset('.!?"\u201d:-\u2014')

# A short English stop list: function words and news boilerplate that say nothing about the story.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before
being below between both but by can cannot could couldn't did didn't do does doesn't doing don't
down during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's
her here here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it
it's its itself let's me more most mustn't my myself no nor not of off on once only or other ought
our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such
than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those through to too under until up very was wasn't we we'd we'll we're we've
were weren't what what's when when's where where's which while who who's whom why why's will with
won't would wouldn't you you'd you'll you're you've your yours yourself yourselves said says say
told tell according mr mrs ms dr just like one two three new also would could may might must many
much even still well back year years day days week weeks time times people last first next
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
january february march april may june july august september october november december
percent per cent get got make made going go went come came take took see seen know want way
thing things lot really now since ago however though although yet another us around across
""".split())  # noqa: SIM905 - a word list is easier to read and extend this way


# --------------------------------------------------------------------------- features

def _tokens(text: str) -> list[tuple[str, bool]]:
    """(lower-cased token, looks like a name) pairs; stop words and 1-letter tokens dropped."""
    out: list[tuple[str, bool]] = []
    for m in _WORD.finditer(text):
        w = m.group(0)
        low = w.lower().replace("\u2019", "'")
        low = low.removesuffix("'s")
        if len(low) < 2 or low in STOPWORDS:
            continue
        is_name = False
        if w[0].isupper():
            start = m.start()
            before = text[max(0, start - 3):start].rstrip()
            is_name = bool(before) and before[-1] not in _SENTENCE_END
        out.append((low, is_name))
    return out


@lru_cache(maxsize=200_000)
def _stem(w: str) -> str:
    """A very light plural folding (senators -> senator); names and numbers are kept as they are."""
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _term_counts(article: Article) -> dict[str, float]:
    counts: dict[str, float] = defaultdict(float)
    parts = [(article.text or "", 1)]
    if article.title:
        parts.append((article.title, TITLE_REPEAT))
    for text, times in parts:
        for tok, is_name in _tokens(text):
            counts[_stem(tok)] += times * (NAME_BOOST if is_name else 1.0)
    return counts


def tfidf_vectors(articles: Sequence[Article], top: int = TOP_TERMS) -> list[dict[str, float]]:
    """L2-normalised sparse TF-IDF vectors (term -> weight), each cut to its ``top`` terms."""
    counts = [_term_counts(a) for a in articles]
    df: dict[str, int] = defaultdict(int)
    for c in counts:
        for t in c:
            df[t] += 1
    n = len(articles)
    vecs = []
    for c in counts:
        w = {t: (1.0 + math.log(x)) * (math.log((n + 1) / (df[t] + 1)) + 1.0)
             for t, x in c.items() if x > 0}
        if n > 2:   # a term found in every article of a large set tells nothing apart
            w = {t: v for t, v in w.items() if df[t] < n}
        best = sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
        norm = math.sqrt(sum(v * v for _, v in best)) or 1.0
        vecs.append({t: v / norm for t, v in best})
    return vecs


_MERSENNE = (1 << 61) - 1
_MASK32 = (1 << 32) - 1


def _perm_params(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients of the universal hash functions ``(a*x + b) mod p``, a and b below 2**32."""
    a, b = [], []
    for i in range(num_perm):
        h = hashlib.sha1(f"communique-minhash-{i}".encode()).digest()
        x, y = struct.unpack("<II", h[:8])
        a.append(x | 1)
        b.append(y)
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


_PARAMS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def minhash(text: str, num_perm: int = 64, shingle: int = 5) -> tuple[int, ...]:
    """MinHash signature of the set of ``shingle``-word shingles of ``text`` (lower-cased words)."""
    if num_perm not in _PARAMS:
        _PARAMS[num_perm] = _perm_params(num_perm)
    a, b = _PARAMS[num_perm]
    words = [m.group(0).lower() for m in _WORD.finditer(text)]
    grams = {" ".join(words[i:i + shingle]) for i in range(max(1, len(words) - shingle + 1))}
    grams.discard("")
    if not grams:
        return tuple([_MASK32] * num_perm)
    hv = np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64, count=len(grams))
    # a, x < 2**32 so a*x + b fits in 64 bits; reduce modulo the Mersenne prime, keep 32 bits
    phv = ((np.outer(hv, a) + b) % np.uint64(_MERSENNE)) & np.uint64(_MASK32)
    return tuple(int(v) for v in phv.min(axis=0))


def jaccard_estimate(s1: Sequence[int], s2: Sequence[int]) -> float:
    return sum(1 for x, y in zip(s1, s2, strict=True) if x == y) / len(s1)


def _near_duplicate_pairs(sigs: list[tuple[int, ...]], bands: int = 16) -> set[tuple[int, int]]:
    """Candidate pairs from LSH banding of MinHash signatures, verified against ``NEAR_DUP``."""
    rows = len(sigs[0]) // bands if sigs else 0
    buckets: dict[tuple, list[int]] = defaultdict(list)
    for i, s in enumerate(sigs):
        for b in range(bands):
            buckets[(b, s[b * rows:(b + 1) * rows])].append(i)
    pairs = set()
    for ids in buckets.values():
        if 1 < len(ids) <= 200:
            for x in range(len(ids)):
                for y in range(x + 1, len(ids)):
                    i, j = ids[x], ids[y]
                    if (i, j) not in pairs and jaccard_estimate(sigs[i], sigs[j]) >= NEAR_DUP:
                        pairs.add((i, j))
    return pairs


def _event_keys(result: ArticleResult) -> set[tuple]:
    keys = set()
    for e in result.events:
        codes = {r.key for r in e.actors + e.recipients if r.code}
        if codes:
            keys.add((e.type, tuple(sorted(codes))))
    return keys


def _ordinal(d: str | None) -> int | None:
    if not d or len(d) < 10:
        return None
    try:
        return date.fromisoformat(d[:10]).toordinal()
    except ValueError:
        return None


# --------------------------------------------------------------------------- similarity graph

def similarities(articles: Sequence[Article], results: Sequence[ArticleResult] | None = None,
                 floor: float = 0.0) -> dict[tuple[int, int], float]:
    """Pairwise similarities ``{(i, j): s}`` (i < j) of the articles, keeping those >= ``floor``.

    Only pairs that share at least one TF-IDF term (found through an inverted index), a coded
    event (type and actor codes) or that are MinHash near-duplicates are scored, and dated pairs
    more than ``MAX_DAYS`` apart are skipped (unless near-duplicates).
    """
    n = len(articles)
    vecs = tfidf_vectors(articles)
    days = [_ordinal(a.date) for a in articles]
    # Postings in date order (undated last): for a dated article the scan of a posting list stops
    # at the first article more than MAX_DAYS later and jumps to the undated ones.
    order = sorted(range(n), key=lambda i: (days[i] is None, days[i] or 0, i))
    rank = [0] * n
    for r, i in enumerate(order):
        rank[i] = r
    first_undated = next((r for r, i in enumerate(order) if days[i] is None), n)
    index: dict[str, list[int]] = defaultdict(list)        # term -> ranks
    for i in order:
        for t in vecs[i]:
            index[t].append(rank[i])
    dots: dict[tuple[int, int], float] = defaultdict(float)
    for i in order:
        ri, di = rank[i], days[i]
        for t, w in vecs[i].items():
            post = index[t]
            k = bisect_right(post, ri)
            while k < len(post):
                j = order[post[k]]
                dj = days[j]
                if di is not None and dj is not None and dj - di > MAX_DAYS:
                    k = bisect_right(post, first_undated - 1, k)
                    continue
                dots[(i, j) if i < j else (j, i)] += w * vecs[j][t]
                k += 1
    near = _near_duplicate_pairs([minhash(a.body) for a in articles]) if n > 1 else set()
    ev = None
    candidates = set(dots) | near
    if results is not None:
        by_id = {r.article.id: r for r in results}
        ev = [_event_keys(by_id[a.id]) if a.id in by_id else set() for a in articles]
        by_key: dict[tuple, list[int]] = defaultdict(list)
        for i, keys in enumerate(ev):
            for k in keys:
                by_key[k].append(i)
        for ids in by_key.values():          # articles sharing a coded event are candidates too
            if len(ids) > MAX_EVENT_POSTING:
                continue
            for x, i in enumerate(ids):
                for j in ids[x + 1:]:
                    if days[i] is None or days[j] is None or abs(days[i] - days[j]) <= MAX_DAYS:
                        candidates.add((i, j))
    out: dict[tuple[int, int], float] = {}
    for pair in sorted(candidates):
        i, j = pair
        s = dots.get(pair, 0.0)
        if ev is not None and ev[i] and ev[j]:
            s += EVENT_WEIGHT * len(ev[i] & ev[j]) / len(ev[i] | ev[j])
        if days[i] is not None and days[j] is not None:
            gap = abs(days[i] - days[j])
            if gap > MAX_DAYS and pair not in near:
                continue
            s -= DAY_PENALTY * gap
        if pair in near:
            s = max(s, 1.0)
        if s >= floor:
            out[pair] = s
    return out


# --------------------------------------------------------------------------- clustering

def _components(n: int, edges: Iterable[tuple[int, int]]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def average_linkage(nodes: list[int], sims: dict[tuple[int, int], float],
                    threshold: float) -> list[list[int]]:
    """Average-linkage agglomeration of ``nodes``; missing pairs count as similarity 0."""
    clusters: dict[int, list[int]] = {k: [x] for k, x in enumerate(nodes)}
    # total similarity between every two current clusters that have any scored pair
    link: dict[int, dict[int, float]] = defaultdict(dict)
    pos = {x: k for k, x in enumerate(nodes)}
    for (i, j), s in sims.items():
        if i in pos and j in pos:
            a, b = pos[i], pos[j]
            link[a][b] = link[a].get(b, 0.0) + s
            link[b][a] = link[b].get(a, 0.0) + s
    while True:
        best, pair = threshold, None
        for a in sorted(link):
            for b, total in link[a].items():
                if b <= a:
                    continue
                avg = total / (len(clusters[a]) * len(clusters[b]))
                if avg > best + 1e-12 or (pair is None and avg >= best):
                    best, pair = avg, (a, b)
        if pair is None:
            break
        a, b = pair                                  # merge b into a
        clusters[a] += clusters.pop(b)
        for c, total in link.pop(b).items():
            link[c].pop(b, None)
            if c != a:
                link[a][c] = link[a].get(c, 0.0) + total
                link[c][a] = link[a][c]
        link[a].pop(a, None)
    return sorted((sorted(c) for c in clusters.values()), key=lambda c: c[0])


def cluster_stories(articles: list[Article], results: list[ArticleResult] | None = None,
                    threshold: float = THRESHOLD) -> list[list[str]]:
    """Group the articles by story: a list of article-id lists, in input order, singletons included.

    ``results`` (the pipeline's output for these articles, in any order) adds the event-overlap
    feature; without it only text and dates are used.
    """
    if not articles:
        return []
    sims = similarities(articles, results, floor=SIM_FLOOR)
    strong = [p for p, s in sims.items() if s >= threshold]
    comps = _components(len(articles), strong)
    comp_of = {i: k for k, comp in enumerate(comps) for i in comp}
    local: dict[int, dict[tuple[int, int], float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        if comp_of[i] == comp_of[j] and len(comps[comp_of[i]]) > 1:
            local[comp_of[i]][(i, j)] = s
    groups: list[list[int]] = []
    for k, comp in enumerate(comps):
        groups += [comp] if len(comp) == 1 else average_linkage(comp, local[k], threshold)
    groups.sort(key=lambda g: g[0])
    return [[articles[i].id for i in g] for g in groups]


def story_index(stories: list[list[str]]) -> dict[str, int]:
    """article id -> story number, for ``fuse_events``."""
    return {aid: k for k, ids in enumerate(stories) for aid in ids}


__all__ = ["THRESHOLD", "average_linkage", "cluster_stories", "jaccard_estimate", "minhash",
           "similarities", "story_index", "tfidf_vectors"]
