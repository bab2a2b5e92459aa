"""The actor knowledge base: countries, organisations, armed groups, government bodies,
people with dated roles, generic agent words, places and office titles.

Everything is read from YAML data files (see docs/kb-format.md).  The bundled files live in
``communique/data/kb``; a user directory given by ``COMMUNIQUE_KB`` (or ``--kb``) is read
after them, and its entries add to or replace bundled ones with the same code, name or id.
"""
from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "kb"


@lru_cache(maxsize=200_000)
def norm(s: str) -> str:
    """Normalised lookup key: accents stripped, case-folded, punctuation to spaces."""
    s = unicodedata.normalize("NFKD", s or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("’", "'").replace("'s ", " ")
    s = re.sub(r"[.\u2019']", "", s)
    s = re.sub(r"[^\w]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


FAMILY_NAME_FIRST = {"CHN", "TWN", "PRK", "KOR", "HKG", "MAC"}


def family_name(name: str | None, countries) -> str:
    toks = norm(name or "").split()
    if not toks:
        return ""
    if len(toks) >= 2 and any(c in FAMILY_NAME_FIRST for c in countries if c):
        return toks[0]
    return toks[-1]


@dataclass
class Role:
    office: str
    title: str
    country: str | None
    sector: str
    start: str | None = None
    end: str | None = None
    to: str | None = None

    def active(self, day: str | None) -> bool:
        if not day:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def ended_before(self, day: str | None) -> bool:
        return bool(day and self.end and self.end < day)


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def roles_at(self, day: str | None) -> list[Role]:
        return [r for r in self.roles if r.active(day)]

    @cached_property
    def surname(self) -> str:
        """The family name used alone in news: the first word of Chinese and Korean names
        ("Xi Jinping" -> "xi"), the last word otherwise."""
        return family_name(self.name, [r.country for r in self.roles])


@dataclass
class Entity:
    """A non-person actor: a state, an organisation, an armed group or a government body."""
    key: str            # kb id: the code for states/orgs/groups, "body:<country>:<name>" for bodies
    name: str
    code: str           # event code: ISO alpha-3, IGO:..., NSA:..., or the body's country
    kind: str           # state | igo | ngo | nsa | body
    sector: str | None
    aliases: list[str] = field(default_factory=list)
    country: str | None = None   # where an organisation or armed group is based (not its patron)
    parent: str | None = None    # the organisation an organ or mission belongs to (IGO:UNSC -> IGO:UN)
    spellings: list[str] = field(default_factory=list)  # other written forms of the code's short name

    def written_code(self, text: str) -> str:
        """The code spelled as ``text`` first writes the group's short name ("NSA:al-Shabab"
        where the code is NSA:al-Shabaab); the code itself when no spelling is listed or found."""
        if not self.spellings or ":" not in self.code:
            return self.code
        prefix, short = self.code.split(":", 1)
        best, at = short, None
        for w in [short, *self.spellings]:
            m = re.search(r"(?<![\w-])" + re.escape(w) + r"(?![\w-])", text)
            if m and (at is None or m.start() < at):
                best, at = w, m.start()
        return f"{prefix}:{best}"


@dataclass
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str = "city"


@dataclass
class KB:
    entities: dict[str, Entity] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    countries: dict[str, dict] = field(default_factory=dict)      # code -> raw record
    places: dict[str, Place] = field(default_factory=dict)         # norm(name) -> place
    agents: dict[str, str] = field(default_factory=dict)           # norm(word) -> sector
    offices: dict[str, dict] = field(default_factory=dict)
    # lookups built by index()
    names: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # norm -> [(kind, key)]
    demonyms: dict[str, str] = field(default_factory=dict)                 # norm demonym -> code
    metonyms: dict[str, tuple[str, str]] = field(default_factory=dict)     # norm -> (code, sector)
    surnames: dict[str, list[str]] = field(default_factory=dict)           # norm surname -> person ids
    title_offices: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    office_roles: dict[str, list[tuple[str, Role]]] = field(default_factory=dict)   # office -> [(pid, role)]

    # ------------------------------------------------------------------ building
    def add_name(self, text: str, kind: str, key: str) -> None:
        k = norm(text)
        if not k:
            return
        lst = self.names.setdefault(k, [])
        if (kind, key) not in lst:
            lst.append((kind, key))

    def index(self) -> KB:
        self.names.clear()
        self.demonyms.clear()
        self.metonyms.clear()
        self.surnames.clear()
        self.title_offices.clear()
        self.office_roles.clear()
        for code, c in self.countries.items():
            for d in [*(c.get("demonyms") or []), *(c.get("peoples") or [])]:
                self.demonyms[norm(d)] = code
            for m, sector in (c.get("metonyms") or {}).items():
                self.metonyms[norm(m)] = (code, sector or "GOV")
            cap = c.get("capital") or {}
            if cap.get("name"):
                # a capital stands for its government only when listed under `metonyms`
                # (ambiguous capitals such as "Victoria" or "Kingston" are not)
                self.places.setdefault(norm(cap["name"]), Place(cap["name"], code, cap.get("lat"),
                                                                cap.get("lon"), "capital"))
        for key, e in self.entities.items():
            for a in [e.name, *e.aliases, *e.spellings]:
                self.add_name(a, e.kind, key)
        for pid, p in self.people.items():
            for a in [p.name, *p.aliases]:
                self.add_name(a, "person", pid)
            for r in p.roles:
                self.office_roles.setdefault(r.office, []).append((pid, r))
        for office, rec in self.offices.items():
            for t in rec.get("titles") or []:
                self.title_offices.setdefault(norm(t), []).append((office, None))
            for country, titles in (rec.get("country_titles") or {}).items():
                for t in titles:
                    self.title_offices.setdefault(norm(t), []).append((office, country))
        for pid, p in self.people.items():
            codes = [r.country for r in p.roles]
            for a in [p.name, *p.aliases]:
                words = norm(a).split()
                if len(words) > 1 and words[0] not in self.title_offices:
                    # (not "President Xi": a title is no family name)
                    fam = family_name(a, codes)
                    self.surnames.setdefault(fam, [])
                    if pid not in self.surnames[fam]:
                        self.surnames[fam].append(pid)
        return self

    # ------------------------------------------------------------------ lookups
    def lookup(self, text: str) -> list[tuple[str, str]]:
        return self.names.get(norm(text), [])

    def country_name(self, code: str | None) -> str | None:
        if code and code in self.countries:
            return self.countries[code]["name"]
        if code and code in self.entities:
            return self.entities[code].name
        return None

    def place(self, text: str) -> Place | None:
        return self.places.get(norm(text))

    def stats(self) -> dict[str, int]:
        kinds: dict[str, int] = {}
        for e in self.entities.values():
            kinds[e.kind] = kinds.get(e.kind, 0) + 1
        return {"countries": len(self.countries), "organisations": kinds.get("igo", 0) + kinds.get("ngo", 0),
                "armed_groups": kinds.get("nsa", 0), "government_bodies": kinds.get("body", 0),
                "people": len(self.people), "roles": sum(len(p.roles) for p in self.people.values()),
                "places": len(self.places), "agent_words": len(self.agents),
                "offices": len(self.offices)}


# ---------------------------------------------------------------------- loading
def _read_yaml(path: Path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f) or []


def _iso(d) -> str | None:
    if d is None or d == "":
        return None
    return str(d)[:10]


def _load_dir(kb: KB, d: Path) -> None:
    if not d.is_dir():
        raise FileNotFoundError(f"knowledge-base directory not found: {d}")
    f = d / "countries.yaml"
    if f.exists():
        for c in _read_yaml(f):
            code = c["code"]
            kb.countries[code] = c
            kb.entities[code] = Entity(code, c["name"], code, "state", "GOV",
                                       list(c.get("aliases") or []))
    for fname, kind_default in (("organizations.yaml", "igo"), ("armed_groups.yaml", "nsa")):
        f = d / fname
        if f.exists():
            for o in _read_yaml(f):
                kind = o.get("kind") or kind_default
                sector = o.get("sector") or ("IGO" if kind == "igo" else "REB" if kind == "nsa" else None)
                kb.entities[o["code"]] = Entity(o["code"], o["name"], o["code"], kind, sector,
                                                list(o.get("aliases") or []), o.get("country"), o.get("parent"),
                                                list(o.get("spellings") or []))
    # bodies.yaml (state bodies) and bodies_*.yaml (firms, media)
    for f in sorted(d.glob("bodies*.yaml")):
        for b in _read_yaml(f):
            key = f"body:{b['country']}:{norm(b['name'])}"
            kb.entities[key] = Entity(key, b["name"], b["country"], "body", b.get("sector") or "GOV",
                                      list(b.get("aliases") or []))
    people_files = sorted((d / "people").glob("*.yaml")) if (d / "people").is_dir() else []
    people_files += [p for p in sorted(d.glob("people*.yaml"))]
    for pf in people_files:
        for p in _read_yaml(pf):
            roles = [Role(r.get("office") or "minister", r.get("title") or "", r.get("country"),
                          r.get("sector") or "GOV", _iso(r.get("start")), _iso(r.get("end")), r.get("to"))
                     for r in p.get("roles") or []]
            kb.people[p["id"]] = Person(p["id"], p["name"], list(p.get("aliases") or []), roles)
    # places.yaml (cities, sites, seas) and places_*.yaml (regions): names are unique across them
    for f in sorted(d.glob("places*.yaml")):
        for pl in _read_yaml(f):
            place = Place(pl["name"], pl.get("country"), pl.get("lat"), pl.get("lon"), pl.get("kind") or "city")
            for n in [pl["name"], *(pl.get("aliases") or [])]:
                kb.places[norm(n)] = place
    f = d / "agents.yaml"
    if f.exists():
        for a in _read_yaml(f):
            for w in a.get("words") or []:
                kb.agents[norm(w)] = a["sector"]
    f = d / "offices.yaml"
    if f.exists():
        kb.offices.update(_read_yaml(f) or {})


def load_kb(extra: str | os.PathLike | None = None) -> KB:
    """Load the bundled knowledge base, then the user directory (argument or $COMMUNIQUE_KB)."""
    kb = KB()
    _load_dir(kb, DATA)
    extra = extra or os.environ.get("COMMUNIQUE_KB")
    if extra:
        _load_dir(kb, Path(extra))
    return kb.index()


@lru_cache(maxsize=4)
def get_kb(extra: str | None = None) -> KB:
    """The knowledge base, loaded once per process (per user directory)."""
    return load_kb(extra)
