"""Resolving a person's name to the knowledge base, using the role words and the article date.

Order of evidence, strongest first:
  1. exact name or alias;
  2. the office named next to the name ("Chinese Foreign Minister Cheng Yi") held by exactly the
     people the knowledge base knows for that country and date, compared by fuzzy + phonetic
     similarity -- this is what recovers machine-translated names;
  3. fuzzy + phonetic match over all known people, preferring people in office at the date;
  4. a surname alone, preferring people in office at the date.
Every answer records the method and a score.
"""
from __future__ import annotations

from dataclasses import dataclass

import jellyfish
from rapidfuzz import fuzz, process

from .kb import KB, Person, Role, norm

OFFICE_RANK = {"head_of_state": 5, "head_of_government": 4, "vice_president": 3, "foreign_minister": 3,
               "defence_minister": 3, "igo_head": 3, "deputy_head_of_government": 2, "minister": 1}


@dataclass
class PersonMatch:
    person: Person
    role: Role | None
    method: str
    score: float
    former: bool = False

    @property
    def sector(self) -> str | None:
        if self.former:
            return "ELI"
        return self.role.sector if self.role else None

    @property
    def code(self) -> str | None:
        if self.role:
            return self.role.country
        roles = self.person.roles
        return roles[-1].country if roles else None

    @property
    def role_title(self) -> str | None:
        if not self.role:
            return None
        return ("former " + self.role.title) if self.former else self.role.title


def _phon(s: str) -> str:
    try:
        return jellyfish.metaphone(s)
    except Exception:  # pragma: no cover - odd characters
        return s


def name_similarity(a: str, b: str) -> float:
    """0..1 similarity of two person names: token-sorted edit ratio, raised when the surnames
    sound alike (metaphone) and lowered when the surnames differ completely."""
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return 0.0
    base = fuzz.token_sort_ratio(na, nb) / 100.0
    ta, tb = na.split(), nb.split()
    sa, sb = ta[-1], tb[-1]
    if _phon(sa) == _phon(sb) and fuzz.ratio(sa, sb) >= 60:
        base = max(base, 0.5 + 0.5 * fuzz.ratio(na, nb) / 100.0)
    return base


class PersonResolver:
    def __init__(self, kb: KB):
        self.kb = kb
        self._cache: dict[tuple, PersonMatch | None] = {}
        # fuzzy search is blocked by the first letter of the family name (and of the last word)
        self._blocks: dict[str, tuple[list[str], list[str]]] = {}
        for pid, p in kb.people.items():
            for n in [p.name, *p.aliases]:
                nn = norm(n)
                if not nn:
                    continue
                for letter in {nn.split()[-1][0], p.surname[:1]}:
                    names, ids = self._blocks.setdefault(letter, ([], []))
                    names.append(nn)
                    ids.append(pid)

    # -------------------------------------------------------------- role choice
    def _pick_role(self, p: Person, day: str | None, offices: list[tuple[str, str | None]],
                   country: str | None) -> tuple[Role | None, bool]:
        active = p.roles_at(day) if day else [r for r in p.roles if r.end is None] or p.roles_at(day)

        def fit(r: Role) -> float:
            s = 0.0
            for office, oc in offices:
                if r.office == office and (oc is None or oc == r.country):
                    s += 2
            if country and r.country == country:
                s += 1
            return s

        if active:
            # ties: offices of state before party, armed-group or other posts
            return max(active, key=lambda r: (fit(r), OFFICE_RANK.get(r.office, 0), r.sector == "GOV")), False
        if not p.roles:
            return None, False
        past = [r for r in p.roles if r.ended_before(day)]
        if past:
            # a former official is coded by the state he served, not by an international post
            # that ended (Tony Blair in 2017: GBR, not the Quartet he represented until 2015)
            return max(past, key=lambda r: (fit(r), not (r.country or "").startswith("IGO"), r.end or "")), True
        return max(p.roles, key=fit), False

    def holders(self, day: str | None, offices: list[tuple[str, str | None]], country: str | None) -> list[Person]:
        """People holding one of the offices (in the country) on the day."""
        out: list[Person] = []
        for office, oc in offices:
            want = oc or country
            for pid, r in self.kb.office_roles.get(office, ()):
                if (want is None or r.country == want) and r.active(day):
                    p = self.kb.people[pid]
                    if p not in out:
                        out.append(p)
        return out

    # -------------------------------------------------------------- main entry
    def resolve(self, text: str, day: str | None = None, offices: list[tuple[str, str | None]] | None = None,
                country: str | None = None) -> PersonMatch | None:
        key = (text, day, tuple(offices or ()), country)
        if key in self._cache:
            return self._cache[key]
        if len(self._cache) > 50_000:
            self._cache.clear()
        m = self._cache[key] = self._resolve(text, day, list(offices or ()), country)
        return m

    def _resolve(self, text: str, day: str | None, offices: list[tuple[str, str | None]],
                 country: str | None) -> PersonMatch | None:
        key = norm(text)
        if not key:
            return None
        toks = key.split()
        # 1. exact name / alias
        exact = [self.kb.people[k] for kind, k in self.kb.names.get(key, []) if kind == "person"]
        if exact:
            p = self._prefer(exact, day, offices, country)
            role, former = self._pick_role(p, day, offices, country)
            return PersonMatch(p, role, "alias" if norm(p.name) != key else "exact", 1.0, former)
        if len(toks) == 1:
            return self._surname(toks[0], day, offices, country)
        # 2. office held at the date by a similar name (only when the country is known: a bare
        #    "President X" could be any of 190 presidents)
        if offices and (country or all(oc for _, oc in offices)):
            best, best_s = None, 0.0
            for p in self.holders(day, offices, country):
                s = max(name_similarity(key, n) for n in [p.name, *p.aliases])
                # same given name or same surname counts for a lot in transliterations
                ptoks = norm(p.name).split()
                if toks[-1] == ptoks[-1] or toks[0] == ptoks[0]:
                    s = max(s, 0.6)
                if s > best_s:
                    best, best_s = p, s
            if best is not None and best_s >= 0.55:
                role, former = self._pick_role(best, day, offices, country)
                return PersonMatch(best, role, f"role+fuzzy:{best_s:.2f}", best_s, former)
        # 3. fuzzy + phonetic over everyone
        names, ids = self._blocks.get(toks[-1][0], ([], []))
        cands = process.extract(key, names, scorer=fuzz.WRatio, limit=8, score_cutoff=80)
        scored = []
        for name, _sc, idx in cands:
            p = self.kb.people[ids[idx]]
            s = name_similarity(key, name)
            if len(name.split()) < 2:
                continue
            if country and not any(r.country == country for r in p.roles):
                continue
            # different given names are different people ("Oskar Fischer" is not "Joschka Fischer")
            if fuzz.ratio(toks[0], name.split()[0]) < 60 and fuzz.ratio(toks[-1], name.split()[0]) < 60:
                continue
            if p.roles_at(day):
                s += 0.03
            if country and any(r.country == country for r in p.roles):
                s += 0.03
            scored.append((s, p))
        if scored:
            s, p = max(scored, key=lambda x: x[0])
            if s >= 0.86:
                role, former = self._pick_role(p, day, offices, country)
                return PersonMatch(p, role, f"fuzzy:{min(s, 1.0):.2f}", min(s, 1.0), former)
        return None

    def _prefer(self, people: list[Person], day, offices, country) -> Person:
        def key(p: Person):
            active = p.roles_at(day)
            o = any(r.office == off for r in active for off, _ in offices)
            c = any(r.country == country for r in p.roles) if country else False
            return (bool(active), o, c)
        return max(people, key=key)

    def _surname(self, s: str, day, offices, country) -> PersonMatch | None:
        ids = self.kb.surnames.get(s, [])
        people = [self.kb.people[i] for i in ids]
        if not people:
            return None
        # "Mubarak" is Hosni Mubarak's family name, only part of an alias of Kuwait's Jaber
        # Al-Mubarak Al-Sabah: people whose own name ends so come first
        people = [p for p in people if p.surname == s] or people
        active = [p for p in people if p.roles_at(day)] if day else people
        if country:
            active = [p for p in active if any(r.country == country for r in p.roles)]
        if offices or country:
            fitting = [p for p in active if any(
                (country is None or r.country == country) and (not offices or any(r.office == o for o, _ in offices))
                for r in p.roles_at(day))]
            if len(fitting) == 1:
                active = fitting
        score = 0.8
        if not active and day and len(people) == 1 and people[0].surname == s and (
                not country or any(r.country == country for r in people[0].roles)):
            # the only person known by that family name, out of office ("Obama" in 2019)
            active, score = people, 0.7
        if len(active) != 1:
            return None
        p = active[0]
        role, former = self._pick_role(p, day, offices, country)
        return PersonMatch(p, role, "surname", score, former)
