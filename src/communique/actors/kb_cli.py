"""The ``communique kb`` command: look into the actor knowledge base and extend it.

    communique kb stats
    communique kb list {countries,organisations,groups,bodies,people} [--country X]
    communique kb search TEXT
    communique kb who OFFICE COUNTRY --date YYYY-MM-DD
    communique kb add-person --name N --office O --country C --start D [--end D] [--title T]
                             [--sector S] [--alias A ...] [--id ID] [--kb DIR]
    communique kb import {wikidata,petrarch} FILE [--kb DIR] [--name NAME] [--replace]

``register(subparsers)`` adds the command to the main parser (replacing an older ``kb`` parser).
Commands that write (add-person, import) write into the user directory: ``--kb DIR``, else
``$COMMUNIQUE_KB``, else ``~/.config/communique/kb``.  The reading commands use ``--kb`` or
``$COMMUNIQUE_KB`` on top of the bundled files, like the rest of communique.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import os
import re
import sys
from pathlib import Path

import yaml

from .importers import (
    HEADER,
    _clean_role,
    _scalar,
    import_petrarch_actors,
    import_wikidata,
    slugify,
    write_people_yaml,
)
from .kb import DATA, KB, _load_dir, load_kb, norm

SECTORS = ["GOV", "MIL", "COP", "JUD", "LEG", "PTY", "OPP", "REB", "CRM", "BUS", "MED", "CVL", "REF",
           "HLH", "EDU", "REL", "LAB", "NGO", "IGO", "ELI"]
LIST_KINDS = ["countries", "organisations", "groups", "bodies", "people"]


def default_user_dir() -> Path:
    d = os.environ.get("COMMUNIQUE_KB")
    return Path(d).expanduser() if d else Path.home() / ".config" / "communique" / "kb"


def _out(line: str = "") -> None:
    print(line)


# --------------------------------------------------------------------------- helpers
def _date(s: str | None) -> str | None:
    if s is None or s == "":
        return None
    try:
        return _dt.date.fromisoformat(str(s)).isoformat()
    except ValueError:
        raise ValueError(f"not a date (YYYY-MM-DD): {s!r}") from None


def resolve_country(kb: KB, text: str) -> str | None:
    """A state or organisation code from a code ("CHN", "IGO:NATO"), name, alias or demonym."""
    t = text.strip()
    if t.upper() in kb.countries:
        return t.upper()
    if t in kb.entities and kb.entities[t].kind != "body":
        return t
    for e in kb.entities.values():
        if e.kind in ("igo", "ngo", "nsa") and e.code.lower() == t.lower():
            return e.code
    k = norm(t)
    for kind, key in kb.names.get(k, []):
        if kind in ("state", "igo", "ngo", "nsa"):
            return kb.entities[key].code
    if k in kb.demonyms:
        return kb.demonyms[k]
    return None


def resolve_offices(kb: KB, text: str, country: str | None) -> list[tuple[str, str | None]]:
    """Office keys named by an office key ("foreign_minister") or a title ("secretary of state")."""
    t = text.strip()
    key = t.lower().replace("-", "_").replace(" ", "_")
    if key in kb.offices:
        return [(key, None)]
    hits = kb.title_offices.get(norm(t), [])
    fitting = [(o, c) for o, c in hits if c is None or c == country]
    # a country-specific title ("secretary of state" in the USA) is stronger than a generic one
    specific = [(o, c) for o, c in fitting if c is not None]
    return specific or fitting


def _groups_country(extra=None) -> dict[str, str | None]:
    """code -> country of the armed groups (bundled file, then the user directory)."""
    out: dict[str, str | None] = {}
    dirs = [DATA]
    extra = extra or os.environ.get("COMMUNIQUE_KB")
    if extra:
        dirs.append(Path(extra))
    for d in dirs:
        f = d / "armed_groups.yaml"
        if f.exists():
            for g in yaml.safe_load(f.read_text(encoding="utf-8")) or []:
                out[g["code"]] = g.get("country")
    return out


def _roles_text(p) -> str:
    return "; ".join(f"{r.title or r.office} ({r.country}) {r.start or '?'}..{r.end or 'now'}" for r in p.roles)


def _load(args) -> KB:
    return load_kb(getattr(args, "kb", None))


def _bundled() -> KB:
    """The bundled knowledge base alone (what a user entry with the same id would replace)."""
    base = KB()
    _load_dir(base, DATA)
    return base.index()


# --------------------------------------------------------------------------- subcommands
def cmd_stats(args) -> int:
    kb = _load(args)
    s = kb.stats()
    labels = [("countries", "countries"), ("organisations", "organisations"),
              ("armed_groups", "armed groups"), ("government_bodies", "bodies"),
              ("people", "people"), ("roles", "roles"), ("places", "places"),
              ("agent_words", "agent words"), ("offices", "offices")]
    for k, label in labels:
        if k in s:
            _out(f"{label:<16} {s[k]}")
    return 0


def cmd_list(args) -> int:
    kb = _load(args)
    country = resolve_country(kb, args.country) if args.country else None
    if args.country and not country:
        raise ValueError(f"unknown country or organisation: {args.country!r}")
    n = 0
    if args.what == "countries":
        for code, c in sorted(kb.countries.items()):
            if country and code != country:
                continue
            _out(f"{code:<6} {c['name']}")
            n += 1
    elif args.what == "organisations":
        for e in sorted(kb.entities.values(), key=lambda e: e.code):
            if e.kind in ("igo", "ngo") and (not country or e.code == country):
                _out(f"{e.code:<22} {e.name}")
                n += 1
    elif args.what == "groups":
        where = _groups_country(getattr(args, "kb", None))
        for e in sorted(kb.entities.values(), key=lambda e: e.code):
            if e.kind == "nsa" and (not country or where.get(e.code) == country or e.code == country):
                _out(f"{e.code:<24} {where.get(e.code) or '-':<4} {e.name}")
                n += 1
    elif args.what == "bodies":
        for e in sorted(kb.entities.values(), key=lambda e: (e.code, e.name)):
            if e.kind == "body" and (not country or e.code == country):
                _out(f"{e.code:<5} {e.sector or '-':<4} {e.name}")
                n += 1
    elif args.what == "people":
        for p in sorted(kb.people.values(), key=lambda p: p.name):
            if country and not any(r.country == country for r in p.roles):
                continue
            _out(f"{p.id:<32} {p.name}  {_roles_text(p)}")
            n += 1
    if n == 0:
        _out("nothing found")
    return 0


def search(kb: KB, text: str, limit: int = 20, fuzzy_cutoff: int = 80) -> list[tuple[str, str, float]]:
    """(kind, key, score) of entries whose name or alias contains the text or resembles it."""
    from rapidfuzz import fuzz, process

    q = norm(text)
    if not q:
        return []
    found: dict[tuple[str, str], float] = {}
    for key, hits in kb.names.items():
        if f" {q}" in f" {key}":                   # at the start of a word
            score = 100.0 if key == q else 90.0 + 10.0 * len(q) / max(len(key), 1) - 0.001
            for h in hits:
                found[h] = max(found.get(h, 0.0), score)
    if len(found) < limit:
        keys = list(kb.names)
        for key, score, _ in process.extract(q, keys, scorer=fuzz.ratio, limit=limit * 2,
                                             score_cutoff=fuzzy_cutoff):
            for h in kb.names[key]:
                found.setdefault(h, score * 0.89)
        # a misspelt single word against the words of names ("Blanken" -> "Antony Blinken")
        if len(q.split()) == 1 and len(q) >= 4:
            words: dict[str, list[str]] = {}
            for key in keys:
                for w in key.split():
                    if len(w) >= 4:
                        words.setdefault(w, []).append(key)
            for w, score, _ in process.extract(q, list(words), scorer=fuzz.ratio, limit=limit,
                                               score_cutoff=fuzzy_cutoff):
                for key in words[w]:
                    for h in kb.names[key]:
                        found.setdefault(h, score * 0.85)
    ranked = sorted(found.items(), key=lambda kv: -kv[1])[:limit]
    return [(kind, key, score) for (kind, key), score in ranked]


def cmd_search(args) -> int:
    kb = _load(args)
    text = " ".join(args.text)
    hits = search(kb, text, args.limit)
    if not hits:
        _out("no match")
        return 1
    for kind, key, score in hits:
        if kind == "person":
            p = kb.people[key]
            _out(f"person  {p.id:<28} {p.name}  {_roles_text(p)}")
        else:
            e = kb.entities[key]
            label = {"state": "state", "igo": "igo", "ngo": "ngo", "nsa": "group", "body": "body"}.get(e.kind, e.kind)
            _out(f"{label:<7} {e.code:<28} {e.name}" + (f"  [{e.sector}]" if e.kind == "body" else ""))
    return 0


def who(kb: KB, office: str, country: str, day: str | None) -> list:
    """People holding an office (key or title) for a state or organisation on a date."""
    from .resolve import PersonResolver

    code = resolve_country(kb, country)
    if not code:
        raise ValueError(f"unknown country or organisation: {country!r}")
    offices = resolve_offices(kb, office, code)
    if not offices:
        raise ValueError(f"unknown office: {office!r} (office keys: {', '.join(sorted(kb.offices))})")
    holders = PersonResolver(kb).holders(day, offices, code)
    out = []
    for p in holders:
        roles = [r for r in p.roles_at(day) if r.country == code and any(r.office == o for o, _ in offices)]
        out.append((p, roles))
    return out


def cmd_who(args) -> int:
    kb = _load(args)
    day = _date(args.date) or _dt.date.today().isoformat()
    res = who(kb, " ".join(args.office) if isinstance(args.office, list) else args.office, args.country, day)
    if not res:
        _out(f"nobody known for {args.office} of {args.country} on {day}")
        return 1
    for p, roles in res:
        for r in roles:
            _out(f"{p.name}  ({p.id})  {r.title}, {r.country} [{r.sector}] {r.start or '?'}..{r.end or 'now'}")
    return 0


def add_person(kb_dir, name: str, office: str, country: str, start: str | None, end: str | None = None,
               title: str | None = None, sector: str | None = None, aliases=(), pid: str | None = None,
               to: str | None = None) -> tuple[Path, dict, str]:
    """Add a person (or a role to a person) in ``<kb_dir>/people/user.yaml``.

    Returns (file, record, what happened: "added", "role added" or "copied from bundled").
    When the id exists only in the bundled knowledge base, the bundled record is copied with the
    new role added, because a user entry replaces a bundled one as a whole."""
    kb_dir = Path(kb_dir).expanduser()
    path = kb_dir / "people" / "user.yaml"
    base = _bundled()
    offices = base.offices
    office_key = office.strip().lower().replace("-", "_").replace(" ", "_")
    if office_key not in offices:
        found = resolve_offices(base, office, None)
        if not found:
            raise ValueError(f"unknown office {office!r}; use one of: {', '.join(sorted(offices))}")
        office_key = found[0][0]
    code = resolve_country(base, country) or (country if re.fullmatch(r"(IGO|NGO|NSA):\w+|[A-Z]{3}", country) else None)
    if not code:
        raise ValueError(f"unknown country or organisation: {country!r}")
    sector = (sector or offices[office_key].get("sector") or "GOV").upper()
    if sector not in SECTORS:
        raise ValueError(f"unknown sector {sector!r}; use one of: {', '.join(SECTORS)}")
    role = _clean_role({"office": office_key, "title": title or office_key.replace("_", " ").capitalize(),
                        "country": code, "sector": sector, "to": to, "start": _date(start), "end": _date(end)})
    pid = pid or slugify(name)

    people = []
    if path.exists():
        people = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    existing = next((p for p in people if p.get("id") == pid), None)
    if existing is not None:
        existing.setdefault("roles", []).append(role)
        for a in aliases:
            if a not in (existing.get("aliases") or []):
                existing.setdefault("aliases", []).append(a)
        _stringify_dates(people)
        write_people_yaml(people, path, "people added by the user (communique kb add-person)")
        return path, existing, "role added"
    what = "added"
    if pid in base.people:
        bp = base.people[pid]
        rec = {"id": pid, "name": bp.name, "aliases": list(bp.aliases),
               "roles": [_clean_role(vars(r)) for r in bp.roles] + [role]}
        what = "copied from bundled"
    else:
        rec = {"id": pid, "name": name, "aliases": [], "roles": [role]}
    for a in aliases:
        if a not in rec["aliases"]:
            rec["aliases"].append(a)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(HEADER.format(what="people added by the user (communique kb add-person)") + "\n",
                        encoding="utf-8")
    with open(path, "a", encoding="utf-8") as f:
        f.write(_record_text(rec))
    return path, rec, what


def _stringify_dates(people) -> None:
    for p in people:
        for r in p.get("roles") or []:
            for k in ("start", "end"):
                if r.get(k) is not None:
                    r[k] = str(r[k])


def _record_text(p: dict) -> str:
    lines = [f"- id: {_scalar(p['id'])}", f"  name: {_scalar(p['name'])}",
             "  aliases: [" + ", ".join(_scalar(a) for a in p.get("aliases") or []) + "]", "  roles:"]
    for r in p["roles"]:
        parts = [f"{k}: {_scalar(v) if k not in ('start', 'end') else (v or 'null')}" for k, v in r.items()]
        lines.append("    - {" + ", ".join(parts) + "}")
    return "\n".join(lines) + "\n"


def cmd_add_person(args) -> int:
    kb_dir = Path(args.kb).expanduser() if args.kb else default_user_dir()
    path, rec, what = add_person(kb_dir, args.name, args.office, args.country, args.start, args.end,
                                 args.title, args.sector, args.alias or [], args.id, args.to)
    role = rec["roles"][-1]
    _out(f"{what}: {rec['id']} ({rec['name']}) {role['title']}, {role['country']} "
         f"{role['start'] or '?'}..{role['end'] or 'now'} -> {path}")
    if what == "copied from bundled":
        _out("note: the bundled record was copied into your file, because a user entry replaces it whole")
    return 0


def import_people(source: str, file, kb_dir, name: str | None = None, replace: bool = False) -> tuple[Path, int, int]:
    """Import a Wikidata JSON or PETRARCH actor file into ``<kb_dir>/people/imported_<name>.yaml``.

    Returns (file written, people written, people skipped because the bundled knowledge base already
    has them: same id or same name; pass replace=True to write them anyway, replacing the bundled
    records with the same id)."""
    if source == "wikidata":
        people = import_wikidata(file)
    elif source == "petrarch":
        people = import_petrarch_actors(file)
    else:
        raise ValueError(f"unknown source {source!r}: wikidata or petrarch")
    base = _bundled()
    skipped = 0
    if not replace:
        kept = []
        for p in people:
            same_name = any(kind == "person" for kind, _ in base.names.get(norm(p["name"]), []))
            if p["id"] in base.people or same_name:
                skipped += 1
                continue
            kept.append(p)
        people = kept
    stem = slugify(name or Path(file).stem).replace("-", "_")
    out = Path(kb_dir).expanduser() / "people" / f"imported_{stem}.yaml"
    write_people_yaml(people, out, f"imported from {source} ({Path(file).name})")
    return out, len(people), skipped


def cmd_import(args) -> int:
    kb_dir = Path(args.kb).expanduser() if args.kb else default_user_dir()
    out, n, skipped = import_people(args.source, args.file, kb_dir, args.name, args.replace)
    _out(f"wrote {n} people to {out}")
    if skipped:
        _out(f"skipped {skipped} people the bundled knowledge base already has (--replace to write them)")
    return 0


# --------------------------------------------------------------------------- parser
def register(subparsers) -> argparse.ArgumentParser:
    """Add the ``kb`` command to an argparse sub-parsers object, replacing an existing one."""
    if "kb" in subparsers._name_parser_map:
        del subparsers._name_parser_map["kb"]
        subparsers._choices_actions[:] = [a for a in subparsers._choices_actions if a.dest != "kb"]
    kb = subparsers.add_parser("kb", help="the actor knowledge base: stats, list, search, who, add-person, import",
                               description="Look into the actor knowledge base (bundled files plus your "
                                           "directory, --kb or $COMMUNIQUE_KB) and extend it.")
    kbsub = kb.add_subparsers(dest="kb_cmd", metavar="SUBCOMMAND")
    kbsub.required = True

    def kbdir(sp, writes=False):
        sp.add_argument("--kb", default=None, help=(
            "user knowledge-base directory to write to (default $COMMUNIQUE_KB or ~/.config/communique/kb)"
            if writes else "extra knowledge-base directory (also $COMMUNIQUE_KB)"))

    sp = kbsub.add_parser("stats", help="counts of countries, organisations, groups, bodies, people, roles")
    kbdir(sp)
    sp.set_defaults(func=cmd_stats)

    sp = kbsub.add_parser("list", help="list countries, organisations, groups, bodies or people")
    sp.add_argument("what", choices=LIST_KINDS)
    sp.add_argument("--country", help="only entries of this state (code or name)")
    kbdir(sp)
    sp.set_defaults(func=cmd_list)

    sp = kbsub.add_parser("search", help="find names and aliases (substring and fuzzy)")
    sp.add_argument("text", nargs="+")
    sp.add_argument("--limit", type=int, default=20)
    kbdir(sp)
    sp.set_defaults(func=cmd_search)

    sp = kbsub.add_parser("who", help="who held an office in a country on a date")
    sp.add_argument("office", help="office key (foreign_minister) or title ('secretary of state')")
    sp.add_argument("country", help="state or organisation: code (CHN, IGO:NATO) or name")
    sp.add_argument("--date", default=None, help="YYYY-MM-DD (default today)")
    kbdir(sp)
    sp.set_defaults(func=cmd_who)

    sp = kbsub.add_parser("add-person", help="add a person with a role to your knowledge base")
    sp.add_argument("--name", required=True)
    sp.add_argument("--office", required=True, help="office key (foreign_minister, head_of_state, ...) or title")
    sp.add_argument("--country", required=True, help="ISO alpha-3, IGO:<code>, NSA:<code> or a name")
    sp.add_argument("--start", required=True, help="YYYY-MM-DD")
    sp.add_argument("--end", default=None, help="YYYY-MM-DD (omit: still in office)")
    sp.add_argument("--title", default=None, help="title as used by the country ('Minister for Foreign Affairs')")
    sp.add_argument("--sector", default=None, help="PLOVER sector (default from the office)")
    sp.add_argument("--alias", action="append", default=[], help="another spelling (repeatable)")
    sp.add_argument("--id", default=None, help="person id (default: from the name)")
    sp.add_argument("--to", default=None, help="ambassadors: host country code")
    kbdir(sp, writes=True)
    sp.set_defaults(func=cmd_add_person)

    sp = kbsub.add_parser("import", help="import people from Wikidata SPARQL JSON or a PETRARCH actor file")
    sp.add_argument("source", choices=["wikidata", "petrarch"])
    sp.add_argument("file")
    sp.add_argument("--name", default=None, help="file name part: people/imported_<name>.yaml (default from FILE)")
    sp.add_argument("--replace", action="store_true",
                    help="also write people the bundled knowledge base already has (replacing them)")
    kbdir(sp, writes=True)
    sp.set_defaults(func=cmd_import)
    return kb


def main(argv: list[str] | None = None) -> int:
    """``python -m communique.actors.kb_cli ...``: the kb command on its own."""
    p = argparse.ArgumentParser(prog="communique")
    sub = p.add_subparsers(dest="cmd")
    register(sub)
    args = p.parse_args(["kb", *(sys.argv[1:] if argv is None else argv)])
    try:
        return args.func(args) or 0
    except (FileNotFoundError, ValueError, RuntimeError) as e:
        print(f"communique: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
