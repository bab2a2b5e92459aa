"""Typed records of the fusion stage: one real-world event put together from many reports.

``EventCluster`` follows GDELT's vocabulary for its counts: ``num_mentions`` (event mentions,
several may come from one article), ``num_articles`` (distinct articles) and ``num_sources``
(distinct outlets).  Every member keeps its event id, article and source, so each value of the
cluster can be traced back to the reports that support it; ``conflicts`` lists, for the attributes
on which members disagree, each value with the articles and sources that report it.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ClusterMember:
    """One event mention inside a cluster."""
    event_id: str
    article_id: str
    source: str | None = None
    date: str | None = None
    date_precision: str | None = None
    status: str | None = None
    confidence: float | None = None
    sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ConflictValue:
    """One of the values members give for an attribute, with who gives it."""
    value: Any
    mentions: int
    article_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class EventCluster:
    cluster_id: str
    type: str
    mode: str | None = None
    actor_codes: list[str] = field(default_factory=list)
    recipient_codes: list[str] = field(default_factory=list)
    symmetric: bool = False
    date: str | None = None
    date_precision: str | None = None
    date_support: int = 0                 # mentions that give exactly ``date``
    location: dict[str, Any] | None = None
    status: str = "asserted"
    cameo: str | None = None
    goldstein: float | None = None
    intensity: float | None = None
    confidence: float | None = None       # 1 - prod(1 - member confidence)
    topics: list[str] = field(default_factory=list)
    num_mentions: int = 0
    num_articles: int = 0
    num_sources: int = 0
    members: list[ClusterMember] = field(default_factory=list)
    conflicts: dict[str, list[ConflictValue]] = field(default_factory=dict)

    @property
    def event_ids(self) -> list[str]:
        return [m.event_id for m in self.members]

    @property
    def article_ids(self) -> list[str]:
        return sorted({m.article_id for m in self.members})

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["conflicts"] = {k: [c.to_dict() for c in v] for k, v in self.conflicts.items()}
        return d


__all__ = ["ClusterMember", "ConflictValue", "EventCluster"]
