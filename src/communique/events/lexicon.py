"""The predicate lexicon: trigger words and constructions -> PLOVER type, CAMEO code, mode.

Read from ``data/lexicon/predicates.yaml`` (format documented in that file's header) and,
when set, from ``$COMMUNIQUE_LEXICON`` (a YAML file or a directory of YAML files with the same
format; its entries are added after the bundled ones).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "lexicon"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


@dataclass(frozen=True)
class Entry:
    lemma: str
    pos: str                      # verb | noun
    type: str
    cameo: str | None = None
    mode: str | None = None
    preps: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()
    not_objects: tuple[str, ...] = ()
    not_preps: tuple[str, ...] = ()
    object: bool = True
    intransitive: bool = False
    no_clause: bool = False
    particle: str | None = None
    prep_required: str | None = None
    modifier: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    status: str | None = None
    solo: bool = False
    symmetric_subject: bool = False
    reverse: bool = False
    weight: float = 0.8
    source: str = "predicates.yaml"

    @property
    def specificity(self) -> int:
        return ((2 if self.objects else 0) + (2 if self.particle else 0) + (1 if self.prep_required else 0)
                + (2 if self.modifier else 0) + (2 if self.subjects else 0))

    @property
    def name(self) -> str:
        parts = [self.lemma]
        if self.particle:
            parts.append(self.particle)
        if self.objects:
            parts.append("+" + "/".join(self.objects[:3]))
        if self.prep_required:
            parts.append(self.prep_required)
        if self.modifier:
            parts.insert(0, "/".join(self.modifier[:3]))
        return f"lexicon:{self.pos}:{' '.join(parts)}"


def _entry(d: dict, source: str) -> Entry:
    t = str(d["type"]).upper()
    if t not in TYPES:
        raise ValueError(f"{source}: unknown PLOVER type {t!r} for {d.get('lemma')!r}")
    cameo = d.get("cameo")
    return Entry(
        lemma=str(d["lemma"]).lower(), pos=str(d.get("pos", "verb")).lower(), type=t,
        cameo=str(cameo) if cameo is not None else None, mode=d.get("mode") or None,
        preps=tuple(str(p).lower() for p in d.get("preps") or ()),
        objects=tuple(str(o).lower() for o in d.get("objects") or ()),
        not_objects=tuple(str(o).lower() for o in d.get("not_objects") or ()),
        not_preps=tuple(str(o).lower() for o in d.get("not_preps") or ()),
        object=bool(d.get("object", True)), intransitive=bool(d.get("intransitive", False)),
        no_clause=bool(d.get("no_clause", False)),
        particle=(d.get("particle") or None),
        prep_required=(d.get("prep_required") or None),
        modifier=tuple(str(m).lower() for m in d.get("modifier") or ()),
        subjects=tuple(str(m).lower() for m in d.get("subjects") or ()), status=d.get("status") or None,
        solo=bool(d.get("solo", False)), symmetric_subject=bool(d.get("symmetric_subject", False)),
        reverse=bool(d.get("reverse", False)), weight=float(d.get("weight", 0.8)), source=source)


@dataclass
class Lexicon:
    by_key: dict[tuple[str, str], list[Entry]] = field(default_factory=dict)

    def add(self, e: Entry) -> None:
        self.by_key.setdefault((e.lemma, e.pos), []).append(e)

    def get(self, lemma: str, pos: str) -> list[Entry]:
        return self.by_key.get((lemma, pos), [])

    def __len__(self) -> int:
        return sum(len(v) for v in self.by_key.values())


def _files(p: Path) -> list[Path]:
    if p.is_dir():
        return sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml")))
    return [p]


def load_lexicon(extra: str | None = None) -> Lexicon:
    lex = Lexicon()
    paths = _files(DATA)
    extra = extra or os.environ.get("COMMUNIQUE_LEXICON")
    if extra:
        paths += _files(Path(extra))
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for d in yaml.safe_load(f) or []:
                lex.add(_entry(d, path.name))
    return lex


@lru_cache(maxsize=2)
def get_lexicon(extra: str | None = None) -> Lexicon:
    return load_lexicon(extra)
