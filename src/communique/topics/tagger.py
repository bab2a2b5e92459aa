"""Issue topics tagged from trigger words (``data/topics/topics.yaml``).

Each topic lists words and phrases; a text gets every topic whose phrase occurs in it
(case-insensitive, on word boundaries).  Words under ``case_sensitive`` match only as written
(for acronyms that are also common words, e.g. "WHO").  ``explain`` returns the words that fired;
``tag_spans`` tags many sentence spans of one text with a single pass over the text.

Overlapping words all count: "Iran nuclear deal" fires both "Iran nuclear" and "Iran", so a
topic is never lost because a longer phrase of another topic covers its word.
"""
from __future__ import annotations

import os
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "topics" / "topics.yaml"
_WORD = re.compile(r"\w")


def _trie_regex(keys: list[str]) -> str:
    """A regex alternation of ``keys`` built as a character trie (longest match first, fast)."""
    trie: dict = {}
    for k in keys:
        node = trie
        for ch in k:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:   # the key may stop here: try the longer continuations first
            body = ("(?:" + body + ")?") if len(alts) == 1 else body + "?"
        return body
    return build(trie)


class TopicTagger:
    """Tags texts with topics.

    ``topics``: topic -> case-insensitive words; ``case_sensitive``: topic -> words matched as
    written; ``aliases``: other name -> topic (see :meth:`canonical`).
    """

    def __init__(self, topics: dict[str, list[str]], case_sensitive: dict[str, list[str]] | None = None,
                 aliases: dict[str, str] | None = None):
        self.topics = topics
        self.case_sensitive = case_sensitive or {}
        self.aliases = aliases or {}
        ins: dict[str, list[str]] = {}       # lower-cased word -> topics
        exact: dict[str, list[str]] = {}     # word as written -> topics
        for t, ws in topics.items():
            for w in ws:
                if w and t not in ins.setdefault(w.lower(), []):
                    ins[w.lower()].append(t)
        for t, ws in self.case_sensitive.items():
            for w in ws:
                if w and t not in exact.setdefault(w, []):
                    exact[w].append(t)
        self._word_topics = ins
        exact_lower: dict[str, list[str]] = {}
        for w in exact:
            exact_lower.setdefault(w.lower(), []).append(w)
        keys = set(ins) | set(exact_lower)
        # for each key: every vocabulary word found inside it on word boundaries (itself included),
        # as (offset, length, exact word or None, topics)
        self._hits: dict[str, list[tuple[int, int, str | None, list[str]]]] = {}
        for k in keys:
            starts = [i for i in range(len(k)) if i == 0 or not _WORD.match(k[i - 1])]
            ends = [j for j in range(1, len(k) + 1) if j == len(k) or not _WORD.match(k[j])]
            hits = []
            for i in starts:
                for j in ends:
                    if j <= i:
                        continue
                    sub = k[i:j]
                    if sub in ins:
                        hits.append((i, j - i, None, ins[sub]))
                    for w in exact_lower.get(sub, ()):
                        hits.append((i, j - i, w, exact[w]))
            self._hits[k] = hits
        # a zero-width lookahead tries every start position, so overlapping words are all found
        self._re = re.compile(r"(?=(?<!\w)(" + _trie_regex(sorted(keys)) + r")(?!\w))", re.IGNORECASE) \
            if keys else None

    def keys(self) -> list[str]:
        """Topic names, in file order (aliases not included)."""
        return list(dict.fromkeys([*self.topics, *self.case_sensitive]))

    def canonical(self, name: str) -> str | None:
        """The topic a name or alias stands for (case-insensitive), or None if unknown."""
        if name in self.topics or name in self.case_sensitive:
            return name
        low = name.casefold()
        for k in self.keys():
            if k.casefold() == low:
                return k
        for a, k in self.aliases.items():
            if a.casefold() == low:
                return k
        return None

    def _matches(self, text: str):
        """(start, end, word as in the text, topics) for every word occurrence, in text order."""
        if self._re is None:
            return
        for m in self._re.finditer(text):
            s, e = m.span(1)
            found = m.group(1)
            hits = self._hits.get(found.lower(), ())
            same = len(found) == e - s and len(found.lower()) == len(found)
            for off, n, w, ts in hits:
                piece = found[off:off + n] if same else (w or found)
                if w is not None and piece != w:
                    continue
                yield s + off, s + off + n, piece, ts

    def explain(self, text: str) -> dict[str, list[str]]:
        """Topics found in a text, each with the words that triggered it."""
        out: dict[str, set[str]] = {}
        for _, _, word, ts in self._matches(text):
            for t in ts:
                out.setdefault(t, set()).add(word)
        return {t: sorted(ws) for t, ws in out.items()}

    def tag(self, text: str) -> list[str]:
        return list(self.explain(text))

    def tag_spans(self, text: str, spans: list[tuple[int, int]]) -> list[list[str]]:
        """Topics of each ``(start, end)`` character span of ``text`` (e.g. its sentences).

        One pass over the whole text; a word counts for every span that contains it entirely.
        Topics in each list are in order of first occurrence.
        """
        out: list[dict[str, None]] = [{} for _ in spans]
        if not spans:
            return []
        order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        starts = [spans[i][0] for i in order]
        max_end, m = [], -1          # running maximum of span ends, in start order
        for i in order:
            m = max(m, spans[i][1])
            max_end.append(m)
        for s, e, _, ts in self._matches(text):
            k = bisect_right(starts, s) - 1
            while k >= 0 and max_end[k] >= e:
                i = order[k]
                if spans[i][1] >= e:
                    for t in ts:
                        out[i].setdefault(t, None)
                k -= 1
        return [list(d) for d in out]


def _read(path, topics: dict, cased: dict, aliases: dict) -> None:
    with open(path, encoding="utf-8") as f:
        for k, v in (yaml.safe_load(f) or {}).items():
            v = v or {}
            topics[k] = [str(w) for w in v.get("words") or []]
            cased[k] = [str(w) for w in v.get("case_sensitive") or []]
            for a in v.get("aliases") or []:
                aliases[str(a)] = k


def load_all(extra: str | None = None) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
    """(topic -> words, topic -> case-sensitive words, alias -> topic) from the packaged file,
    extended (topics added or replaced) by the file ``extra`` or ``$COMMUNIQUE_TOPICS``."""
    topics: dict[str, list[str]] = {}
    cased: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    _read(DATA, topics, cased, aliases)
    extra = extra or os.environ.get("COMMUNIQUE_TOPICS")
    if extra:
        _read(extra, topics, cased, aliases)
    return topics, {k: v for k, v in cased.items() if v}, aliases


def load_topics(extra: str | None = None) -> dict[str, list[str]]:
    return load_all(extra)[0]


@lru_cache(maxsize=2)
def get_tagger(extra: str | None = None) -> TopicTagger:
    return TopicTagger(*load_all(extra))
