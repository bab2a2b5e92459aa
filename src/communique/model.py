"""Typed records passed between the stages of communique.

This module is the only shared vocabulary of the package: readers produce ``Article``;
the actor stage produces ``Mention``; extraction produces ``Event`` and ``Quote``;
the store and the command line consume ``ArticleResult``.  Nothing here imports spaCy
or SQL.

Character offsets (``start``/``end``) always refer to ``Article.body`` -- the text
that was analysed: the title (when there is one and the text does not already begin
with it), a blank line, then the text.
"""
from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    id: str
    text: str
    title: str | None = None
    date: str | None = None          # publication date, ISO "YYYY-MM-DD"
    source: str | None = None        # outlet name
    url: str | None = None
    origin: str | None = None        # file path or "stdin", where the article came from
    dateline: str | None = None      # place of a dateline such as "BEIJING:" when detected

    @property
    def body(self) -> str:
        """The analysed text: title + blank line + text (offsets refer to this)."""
        t = (self.title or "").strip()
        if t and not self.text.lstrip().startswith(t):
            return t + "\n\n" + self.text
        return self.text

    @property
    def content_hash(self) -> str:
        return hashlib.sha1(self.body.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Rejected:
    """An input that could not be read, with the reason.  Batches go on without it."""
    origin: str
    reason: str


@dataclass
class ActorRef:
    """An actor as it appears in an event, quote or mention (DESIGN.md actor shape)."""
    name: str | None              # canonical name of a person/organisation, else country name
    code: str | None              # ISO alpha-3, "IGO:<short>", "NSA:<short>"
    sector: str | None = None     # PLOVER sector: GOV, MIL, LEG, JUD, PTY, REB, OPP, BUS, MED, CVL, IGO, ELI ...
    role: str | None = None       # office held at the article date
    kb_id: str | None = None
    text: str = ""                # the words in the article
    start: int = -1
    end: int = -1
    kind: str = "agent"           # person | state | igo | nsa | body | agent
    method: str = ""              # how it was resolved: exact, alias, fuzzy:0.91, role, coref:..., generic
    score: float = 1.0
    via: str | None = None        # set on the home state listed beside an armed group: the group's code

    @property
    def key(self) -> str | None:
        """The code to compare actors by across articles: an armed group's code as the
        knowledge base spells it (its kb_id), whatever spelling the article used."""
        if self.code and self.code.startswith("NSA:") and self.kb_id and self.kb_id.startswith("NSA:"):
            return self.kb_id
        return self.code

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "code": self.code, "sector": self.sector, "role": self.role,
             "kb_id": self.kb_id, "text": self.text, "start": self.start, "end": self.end}
        if self.via:
            d["via"] = self.via
        return d


@dataclass
class Mention:
    """An actor mention found in an article."""
    article_id: str
    actor: ActorRef
    sentence: int = 0

    def to_dict(self) -> dict[str, Any]:
        a = self.actor
        return {"article_id": self.article_id, "name": a.name, "code": a.code, "sector": a.sector,
                "role": a.role, "kb_id": a.kb_id, "kind": a.kind, "text": a.text, "start": a.start,
                "end": a.end, "method": a.method, "score": round(a.score, 3)}


@dataclass
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


STATUSES = ("asserted", "negated", "future", "hypothetical", "historical")


@dataclass
class Event:
    event_id: str
    article_id: str
    type: str
    mode: str | None = None
    contexts: list[str] = field(default_factory=list)
    cameo: str | None = None
    goldstein: float | None = None
    intensity: float | None = None
    quad_class: int | None = None
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    location: Location | None = None
    status: str = "asserted"
    topics: list[str] = field(default_factory=list)
    sentence: str = ""
    evidence_start: int = -1
    evidence_end: int = -1
    trigger: str = ""
    confidence: float = 0.5
    extractor: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id, "article_id": self.article_id, "type": self.type,
            "mode": self.mode, "contexts": list(self.contexts), "cameo": self.cameo,
            "goldstein": self.goldstein, "intensity": self.intensity, "quad_class": self.quad_class,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [a.to_dict() for a in self.recipients],
            "date": self.date, "date_precision": self.date_precision,
            "location": self.location.to_dict() if self.location else None,
            "status": self.status, "topics": list(self.topics), "sentence": self.sentence,
            "evidence": {"start": self.evidence_start, "end": self.evidence_end},
            "trigger": self.trigger, "confidence": round(self.confidence, 3), "extractor": self.extractor,
        }


@dataclass
class Quote:
    article_id: str
    text: str
    kind: str                       # direct | indirect
    start: int
    end: int
    speaker: ActorRef | None = None
    addressee: ActorRef | None = None
    cue: str | None = None          # reporting verb ("said", "told", "according to")
    event_ids: list[str] = field(default_factory=list)   # events stated in (or by) this quote

    def to_dict(self) -> dict[str, Any]:
        def side(a: ActorRef | None):
            return None if a is None else {"name": a.name, "code": a.code, "sector": a.sector,
                                           "role": a.role, "kb_id": a.kb_id, "text": a.text}
        return {"article_id": self.article_id, "speaker": side(self.speaker),
                "addressee": side(self.addressee), "text": self.text, "kind": self.kind,
                "cue": self.cue, "start": self.start, "end": self.end, "events": list(self.event_ids)}


@dataclass
class ArticleResult:
    """Everything extracted from one article."""
    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sentence_topics: list[dict] = field(default_factory=list)   # [{start, end, topics}] per sentence
    error: str | None = None        # set when extraction failed on this article (it is kept, empty)
