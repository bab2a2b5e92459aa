"""Issue topics tagged from trigger words (``data/topics/topics.yaml``).

Each topic lists words and phrases; a text gets every topic whose phrase occurs in it
(case-insensitive, on word boundaries).  ``explain`` returns the words that fired.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "topics" / "topics.yaml"


class TopicTagger:
    def __init__(self, topics: dict[str, list[str]]):
        self.topics = topics
        self._word_topics: dict[str, list[str]] = {}
        for t, ws in topics.items():
            for w in ws:
                self._word_topics.setdefault(w.casefold(), []).append(t)
        words = sorted(self._word_topics, key=len, reverse=True)
        self._re = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE) \
            if words else None

    def explain(self, text: str) -> dict[str, list[str]]:
        """Topics found in a text, each with the words that triggered it."""
        out: dict[str, set[str]] = {}
        if self._re is None:
            return {}
        for m in self._re.finditer(text):
            for t in self._word_topics.get(m.group(1).casefold(), ()):
                out.setdefault(t, set()).add(m.group(1))
        return {t: sorted(ws) for t, ws in out.items()}

    def tag(self, text: str) -> list[str]:
        return list(self.explain(text))


def load_topics(extra: str | None = None) -> dict[str, list[str]]:
    with open(DATA, encoding="utf-8") as f:
        topics = {k: list(v.get("words") or []) for k, v in (yaml.safe_load(f) or {}).items()}
    extra = extra or os.environ.get("COMMUNIQUE_TOPICS")
    if extra:
        with open(extra, encoding="utf-8") as f:
            for k, v in (yaml.safe_load(f) or {}).items():
                topics[k] = list(v.get("words") or [])
    return topics


@lru_cache(maxsize=2)
def get_tagger(extra: str | None = None) -> TopicTagger:
    return TopicTagger(load_topics(extra))
