"""Importing people with dated roles from other sources into the people YAML format.

* ``import_wikidata``: SPARQL JSON results of a "positions held" query (Wikidata P39 with
  start/end qualifiers); position labels are mapped to communique offices through
  ``data/import/wikidata_positions.yaml``.
* ``import_petrarch_actors``: TABARI/PETRARCH actor dictionaries (``NAME_`` lines, ``+SYNONYM``
  lines and tab-indented ``[CODE date-restriction]`` lines).
* ``write_people_yaml``: writes records in the format of ``data/kb/people/*.yaml``.

The records are plain dicts (``id``, ``name``, ``aliases``, ``roles``), ready to be written to a
user knowledge-base directory (``<dir>/people/imported_<name>.yaml``) where ``load_kb`` reads them.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .kb import DATA, norm

POSITIONS_FILE = DATA.parent / "import" / "wikidata_positions.yaml"
WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"

# --------------------------------------------------------------------------- shared helpers


def slugify(name: str) -> str:
    """``"Sergey Lavrov"`` -> ``"sergey-lavrov"`` (lowercase ASCII and hyphens)."""
    s = unicodedata.normalize("NFKD", name or "")
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s or "person"


def _unique_id(base: str, taken: set[str], suffix: str | None = None) -> str:
    pid = base
    if pid in taken and suffix:
        pid = f"{base}-{slugify(suffix)}"
    n = 2
    while pid in taken:
        pid = f"{base}-{n}"
        n += 1
    taken.add(pid)
    return pid


def _clean_role(r: dict) -> dict:
    """A role dict in the field order of the people files, without empty optional fields."""
    out = {"office": r.get("office") or "minister", "title": r.get("title") or "",
           "country": r.get("country"), "sector": r.get("sector") or "GOV"}
    if r.get("to"):
        out["to"] = r["to"]
    out["start"] = r.get("start")
    out["end"] = r.get("end")
    return out


# --------------------------------------------------------------------------- Wikidata


@lru_cache(maxsize=1)
def _positions() -> dict:
    with open(POSITIONS_FILE, encoding="utf-8") as f:
        data = yaml.safe_load(f) or {}
    exact = {norm(e["label"]): e for e in data.get("exact") or []}
    patterns = [(re.compile(p["match"]), p) for p in data.get("patterns") or []]
    return {"exact": exact, "patterns": patterns}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """norm(name, alias or demonym) -> ISO alpha-3, from the bundled countries.yaml."""
    with open(DATA / "countries.yaml", encoding="utf-8") as f:
        countries = yaml.safe_load(f) or []
    out: dict[str, str] = {}
    for c in countries:
        for n in [c["name"], *(c.get("aliases") or []), *(c.get("demonyms") or [])]:
            out.setdefault(norm(n), c["code"])
    # Wikidata's labels of a few states
    for label, code in (("People's Republic of China", "CHN"), ("United Kingdom", "GBR"),
                        ("Russian Federation", "RUS"), ("State of Palestine", "PSE"),
                        ("Kingdom of the Netherlands", "NLD"), ("Republic of China", "TWN")):
        out.setdefault(norm(label), code)
    return out


def country_code(label: str | None) -> str | None:
    """ISO alpha-3 of a country name as Wikidata labels it, or None."""
    if not label:
        return None
    k = norm(label)
    names = _country_names()
    if k in names:
        return names[k]
    if k.startswith("the "):
        return names.get(k[4:])
    return None


def map_position(label: str, country: str | None = None) -> dict:
    """Office, country, sector and title of a Wikidata position label.

    ``country`` is the state given by the query (ISO alpha-3), used for generic positions."""
    pos = _positions()
    e = pos["exact"].get(norm(label))
    if e:
        return {"office": e["office"], "country": e.get("country") or country,
                "sector": e.get("sector") or "GOV", "title": e.get("title") or label}
    low = label.lower()
    # "Minister of Foreign Affairs of Japan": the state named after the last " of "
    named, title = None, label
    for m in reversed(list(re.finditer(r"\b(?:of|for|in) (?:the )?", label))):
        named = country_code(label[m.end():])
        if named:
            title = label[:m.start()].strip()
            break
    for rx, p in pos["patterns"]:
        if rx.search(low):
            return {"office": p["office"], "country": country or named, "sector": p.get("sector") or "GOV",
                    "title": title[:1].upper() + title[1:]}
    return {"office": "minister", "country": country or named, "sector": "GOV", "title": label}


def _val(binding: dict, var: str) -> str | None:
    v = binding.get(var)
    if not v:
        return None
    s = v.get("value")
    return s if s not in (None, "") else None


def _wd_date(s: str | None) -> str | None:
    """"2009-01-20T00:00:00Z" -> "2009-01-20"; None for missing, blank-node or BCE values."""
    if not s or s.startswith(("-", "http", "_:")):
        return None
    m = re.match(r"\+?(\d{4})-(\d{2})-(\d{2})", s)
    if not m:
        m2 = re.match(r"\+?(\d{4})$", s)
        return f"{m2.group(1)}-01-01" if m2 else None
    y, mo, d = m.groups()
    return f"{y}-{mo if mo != '00' else '01'}-{d if d != '00' else '01'}"


def _qid(uri: str | None) -> str | None:
    if not uri:
        return None
    return uri.rstrip("/").rsplit("/", 1)[-1]


def _looks_like_qid(s: str | None) -> bool:
    return bool(s and re.fullmatch(r"Q\d+", s))


def import_wikidata(path_or_json: Any) -> list[dict]:
    """People records from the SPARQL JSON results of a "positions held" query.

    ``path_or_json``: a file path, a JSON string, or the already parsed dict. Recognised variables:
    ``person`` (entity URI), ``personLabel``, ``personAltLabel`` or ``alias`` (aliases, the former
    comma-separated), ``position``, ``positionLabel``, ``start``, ``end``, ``countryIso`` (ISO
    alpha-3), ``countryLabel``, ``office``/``sector``/``title`` (override the mapping table).
    Rows for the same person are merged; identical roles are kept once.
    """
    data = path_or_json
    if isinstance(data, (str, Path)):
        p = Path(data) if not (isinstance(data, str) and data.lstrip().startswith("{")) else None
        if p is not None and p.exists():
            data = json.loads(p.read_text(encoding="utf-8"))
        else:
            data = json.loads(str(data))
    if not isinstance(data, dict) or "results" not in data:
        raise ValueError("not SPARQL JSON results: expected {'head': ..., 'results': {'bindings': [...]}}")
    bindings = data["results"].get("bindings") or []

    people: dict[str, dict] = {}
    order: list[str] = []
    for b in bindings:
        uri = _val(b, "person")
        name = _val(b, "personLabel")
        if not name or _looks_like_qid(name):
            continue                      # no English label: nothing to match in news
        key = _qid(uri) or name
        rec = people.get(key)
        if rec is None:
            rec = {"name": name, "aliases": [], "roles": [], "wikidata": _qid(uri)}
            people[key] = rec
            order.append(key)
        alts = []
        if _val(b, "personAltLabel"):
            alts += [a.strip() for a in _val(b, "personAltLabel").split(",")]
        if _val(b, "alias"):
            alts.append(_val(b, "alias").strip())
        for a in alts:
            if a and norm(a) != norm(name) and a not in rec["aliases"]:
                rec["aliases"].append(a)
        plabel = _val(b, "positionLabel")
        if not plabel or _looks_like_qid(plabel):
            continue
        iso = _val(b, "countryIso")
        country = iso.upper() if iso and re.fullmatch(r"[A-Za-z]{3}", iso) else country_code(_val(b, "countryLabel"))
        role = map_position(plabel, country)
        for var in ("office", "sector", "title"):
            if _val(b, var):
                role[var] = _val(b, var)
        role["start"] = _wd_date(_val(b, "start"))
        role["end"] = _wd_date(_val(b, "end"))
        role = _clean_role(role)
        sig = (role["office"], role["country"], role["title"], role["start"], role["end"])
        if sig not in {(r["office"], r["country"], r["title"], r["start"], r["end"]) for r in rec["roles"]}:
            rec["roles"].append(role)

    out, taken = [], set()
    for key in order:
        rec = people[key]
        rec["roles"].sort(key=lambda r: (r["start"] or "", r["end"] or "9999"))
        pid = _unique_id(slugify(rec["name"]), taken, rec.get("wikidata"))
        person = {"id": pid, "name": rec["name"], "aliases": rec["aliases"], "roles": rec["roles"]}
        if rec.get("wikidata"):
            person["wikidata"] = rec["wikidata"]
        out.append(person)
    return out


EXAMPLE_QUERY = """\
SELECT ?person ?personLabel ?position ?positionLabel ?start ?end ?countryIso WHERE {
  VALUES ?position { wd:Q7330070 }            # e.g. Minister of Foreign Affairs of Japan
  ?person p:P39 ?st . ?st ps:P39 ?position .
  OPTIONAL { ?st pq:P580 ?start } OPTIONAL { ?st pq:P582 ?end }
  OPTIONAL { ?position wdt:P1001 ?c . ?c wdt:P298 ?countryIso }
  SERVICE wikibase:label { bd:serviceParam wikibase:language "en". }
}"""


def fetch_wikidata(query: str, endpoint: str = WIKIDATA_ENDPOINT, timeout: float = 60.0) -> dict:
    """Run a SPARQL query online and return the parsed JSON results (for ``import_wikidata``).

    Raises RuntimeError with a readable message when the endpoint cannot be reached."""
    url = endpoint + "?" + urllib.parse.urlencode({"query": query, "format": "json"})
    req = urllib.request.Request(url, headers={
        "Accept": "application/sparql-results+json",
        "User-Agent": "communique/0.1 (actor knowledge-base importer)"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return json.loads(resp.read().decode("utf-8"))
    except urllib.error.HTTPError as e:
        raise RuntimeError(f"Wikidata query failed: HTTP {e.code} {e.reason} from {endpoint}") from e
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        raise RuntimeError(f"cannot reach {endpoint} ({getattr(e, 'reason', e)}): are you offline? "
                           "Run the query elsewhere and import the saved JSON with "
                           "`communique kb import wikidata FILE`.") from e


# --------------------------------------------------------------------------- PETRARCH / TABARI

# CAMEO sector codes (first three letters after the state) -> PLOVER sector used by communique
CAMEO_SECTORS = {"GOV": "GOV", "MIL": "MIL", "LEG": "LEG", "JUD": "JUD", "OPP": "OPP", "REB": "REB",
                 "INS": "REB", "SEP": "REB", "BUS": "BUS", "MED": "MED", "ELI": "ELI", "COP": "COP",
                 "SPY": "GOV", "PTY": "PTY", "CVL": "CVL", "REF": "REF", "HLH": "HLH", "EDU": "EDU",
                 "REL": "REL", "LAB": "LAB", "NGO": "NGO", "IGO": "IGO", "CRM": "CRM", "AGR": "GOV",
                 "ENV": "GOV", "DEV": "GOV", "MOD": "GOV", "RAD": "OPP", "UAF": "REB", "HRI": "NGO",
                 "OCC": "MIL", "AUT": "GOV"}
# words used for the title when no office is known
CAMEO_SECTOR_TITLES = {"GOV": "Government official", "MIL": "Military official", "LEG": "Legislator",
                       "JUD": "Judicial official", "OPP": "Opposition figure", "REB": "Rebel leader",
                       "INS": "Insurgent leader", "SEP": "Separatist leader", "BUS": "Business figure",
                       "MED": "Media figure", "ELI": "Political elite", "COP": "Police official",
                       "SPY": "Intelligence official", "PTY": "Party official", "CVL": "Civilian figure",
                       "REF": "Refugee figure", "HLH": "Health official", "EDU": "Education figure",
                       "REL": "Religious figure", "LAB": "Labour figure", "NGO": "NGO figure",
                       "IGO": "International official", "CRM": "Criminal figure", "OCC": "Occupying force",
                       "AUT": "Autonomous government official", "RAD": "Radical figure"}
# secondary CAMEO codes: the portfolio of a government role ("GOVMIL" -> defence)
CAMEO_PORTFOLIOS = {"MIL": "defence", "BUS": "economy", "EDU": "education", "AGR": "agriculture",
                    "LAB": "labour", "HLH": "health", "DEV": "development", "ENV": "environment",
                    "JUD": "justice", "MED": "media", "REL": "religious affairs", "COP": "interior",
                    "REF": "refugees", "SPY": "intelligence", "LEG": "legislative affairs"}
# CAMEO state codes that differ from ISO 3166-1 alpha-3
CAMEO_STATES = {"ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "KSV": "XKX", "WSB": "PSE", "GZS": "PSE",
                "PAL": "PSE", "SER": "SRB", "YUG": "SRB", "BUR": "MMR", "DDR": "DEU", "FRG": "DEU"}

_RESTRICTION = re.compile(r"^\s*\[\s*([A-Z0-9-]+)\s*(.*?)\s*\]")


def _petrarch_date(s: str) -> str | None:
    """YYMMDD or YYYYMMDD -> ISO; two-digit years below 30 are 20xx (the dictionaries date from
    2014). Typos seen in the published files (a doubled century, one digit too many) are repaired
    where the result is a valid date; anything else gives None."""
    s = re.sub(r"\D", "", s)
    cands = []
    if len(s) == 6:
        yy = int(s[:2])
        cands.append(f"{2000 + yy if yy < 30 else 1900 + yy}{s[2:]}")
    elif len(s) == 8:
        cands.append(s)
    elif len(s) == 10:
        cands += [s[2:], s[:8]]
    elif len(s) == 9:
        cands += [s[:8], s[1:]]
    for c in cands:
        try:
            return _dt.date(int(c[:4]), int(c[4:6]), int(c[6:8])).isoformat()
        except ValueError:
            continue
    return None


def _parse_restriction(rest: str) -> tuple[str | None, str | None, bool] | None:
    """"" -> (None, None, default=True); ">090120" -> (2009-01-20, None); "<..." / "a-b"."""
    rest = rest.replace(" ", "")
    if not rest:
        return None, None, True
    if rest[0] == ">":
        return _petrarch_date(rest[1:]), None, False
    if rest[0] == "<":
        return None, _petrarch_date(rest[1:]), False
    if "-" in rest:
        a, b = rest.split("-", 1)
        return _petrarch_date(a), _petrarch_date(b), False
    return None


def _phrase(s: str) -> str:
    """"BARACK_H._OBAMA_" -> "Barack H. Obama"."""
    s = s.strip().strip("_").replace("_", " ")
    s = re.sub(r"\s+", " ", s).strip()
    words = []
    for w in s.split(" "):
        words.append("-".join(p[:1].upper() + p[1:].lower() if p else p for p in w.split("-")))
    out = " ".join(words)
    out = re.sub(r"\b(Mc|Mac)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return out


_TITLE_WORDS = re.compile(
    r"^(THE|MR|MR\.|MRS|MS|DR|PRESIDENT|PRESIDENT-ELECT|PRIME|SECRETARY|SENATOR|GOV\.|GOVERNOR|GENERAL|"
    r"VICE|VICE-PRESIDENT|FOREIGN|MINISTER|KING|QUEEN|PRINCE|SHEIKH|AMERICAN|US|U\.S\.|UNITED|RUSSIAN|"
    r"CHINESE|BRITISH|FRENCH|GERMAN|CHANCELLOR|PREMIER|REP\.|SEN\.)_")


def _alias_ok(syn: str) -> bool:
    """Synonyms that are names of the person, not titles or administrations."""
    up = syn.upper()
    if _TITLE_WORDS.match(up + ("_" if not up.endswith("_") else "")) or "ADMINISTRATION" in up \
            or "GOVERNMENT" in up:
        return False
    return len(syn.strip("_ ")) > 2


def _entries(lines):
    """Yield (primary, default_code, synonyms, restrictions, comment) records of an actor file."""
    cur = None
    for raw in lines:
        line = raw.rstrip("\n").rstrip("\r")
        if not line.strip():
            continue
        stripped = line.strip()
        if stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            if cur is not None:
                m = _RESTRICTION.match(stripped)
                if m:
                    cur["restrictions"].append((m.group(1), m.group(2)))
            continue
        # split off comments (TABARI uses ';', PETRARCH '#')
        comment = ""
        body = line
        cut = min((i for i in (line.find("#"), line.find(";")) if i >= 0), default=-1)
        if cut >= 0:
            body, comment = line[:cut], line[cut + 1:].strip()
        code = None
        mc = re.search(r"\[([A-Z0-9]+)\]", body)
        if mc:
            code = mc.group(1)
            body = body[:mc.start()]
        body = body.strip()
        if stripped.startswith("+"):
            if cur is not None:
                cur["synonyms"].append(body.lstrip("+").strip())
            continue
        if cur is not None:
            yield cur
        cur = {"primary": body, "code": code, "synonyms": [], "restrictions": [], "comment": comment}
    if cur is not None:
        yield cur


def _split_code(code: str) -> tuple[str | None, str, list[str]]:
    """"USAGOVMIL" -> ("USA", "GOV", ["MIL"]); unknown parts are dropped."""
    code = code.strip().upper()
    state = code[:3]
    if state in ("IGO", "NGO", "IMG", "MNC", "NGM"):
        rest = code[3:]
        return (f"{'IGO' if state == 'IGO' else 'NGO'}:{rest}" if rest else None), \
            ("IGO" if state == "IGO" else "NGO"), []
    state = CAMEO_STATES.get(state, state)
    parts = [code[i:i + 3] for i in range(3, len(code), 3)]
    primary = next((p for p in parts if p in CAMEO_SECTORS), None)
    secondary = [p for p in parts if p != primary and p in CAMEO_PORTFOLIOS]
    return state, primary or "GOV", secondary


def _role_from_code(code: str, start: str | None, end: str | None, comment: str = "") -> dict | None:
    if not re.fullmatch(r"[A-Z0-9]{3,}", code or ""):
        return None
    country, primary, secondary = _split_code(code)
    if not country:
        return None
    sector = CAMEO_SECTORS.get(primary, "GOV")
    title = CAMEO_SECTOR_TITLES.get(primary, "Government official")
    if secondary and primary == "GOV":
        title = f"{title} ({', '.join(CAMEO_PORTFOLIOS[s] for s in secondary)})"
    office = "minister"
    # a comment may say more ("# foreign minister", "; President")
    if comment and "countryinfo" not in comment.lower():
        offices_from_comment = [("foreign_minister", r"foreign (minister|secretary)|secretary of state"),
                                ("defence_minister", r"defen[cs]e (minister|secretary)"),
                                ("head_of_government", r"prime minister|premier|chancellor"),
                                ("head_of_state", r"\bpresident\b|\bking\b|\bemir\b")]
        for off, rx in offices_from_comment:
            if re.search(rx, comment, re.IGNORECASE):
                office, title = off, comment.strip().strip(".")[:80]
                break
    if sector == "REB" and office == "minister":
        office = "armed_group_leader"
    return {"office": office, "title": title, "country": country, "sector": sector, "start": start, "end": end}


def _next_day(d: str) -> str:
    try:
        return (_dt.date.fromisoformat(d) + _dt.timedelta(days=1)).isoformat()
    except ValueError:
        return d


def _merge_roles(roles: list[dict]) -> list[dict]:
    """Roles with the same code that overlap or touch (end + 1 day = next start) become one."""
    roles = sorted(roles, key=lambda r: (r["country"] or "", r["sector"], r["title"], r["start"] or ""))
    out: list[dict] = []
    for r in roles:
        if out:
            p = out[-1]
            same = (p["country"], p["sector"], p["title"], p["office"]) == \
                (r["country"], r["sector"], r["title"], r["office"])
            if same and p["start"] and r["start"] and (p["end"] is None or r["start"] <= _next_day(p["end"])):
                if p["end"] is not None and (r["end"] is None or r["end"] > p["end"]):
                    p["end"] = r["end"]
                continue
        out.append(dict(r))
    return sorted(out, key=lambda r: (r["start"] or "", r["end"] or "9999"))


def petrarch_people(lines, source: str = "") -> list[dict]:
    """People records from the lines of a TABARI/PETRARCH actor dictionary.

    An entry counts as a person when it has at least one dated restriction; country entries
    ("AFGHANISTAN_ [AFG]") and generic titles ("AMERICAN_VICE_PRESIDENT [USAGOV]") have none and
    are skipped. A default code (``[RUSELI]`` with no date, or a code on the name line) becomes a
    role starting when the last dated role ends, so "former" periods are kept."""
    out, taken = [], set()
    for e in _entries(lines):
        dated, default = [], e["code"]
        for code, rest in e["restrictions"]:
            parsed = _parse_restriction(rest)
            if parsed is None:
                continue
            start, end, is_default = parsed
            if is_default:
                default = code
                continue
            if start is None and end is None:
                continue
            dated.append((code, start, end))
        if not dated:
            continue
        roles = [r for r in (_role_from_code(c, s, en, e["comment"]) for c, s, en in dated) if r]
        if default and all(en is not None for _, _, en in dated):
            last = max(en for _, _, en in dated)
            r = _role_from_code(default, last, None, e["comment"])
            if r:
                roles.append(r)
        roles = [_clean_role(r) for r in _merge_roles(roles)]
        if not roles:
            continue
        name = _phrase(e["primary"])
        if not name:
            continue
        aliases = []
        for s in e["synonyms"]:
            if not _alias_ok(s):
                continue
            a = _phrase(s)
            if norm(a) != norm(name) and norm(a) not in {norm(x) for x in aliases}:
                aliases.append(a)
        out.append({"id": _unique_id(slugify(name), taken, roles[0]["country"]), "name": name,
                    "aliases": aliases, "roles": roles})
    return out


def import_petrarch_actors(path) -> list[dict]:
    """People records from a TABARI/PETRARCH ``.actors`` dictionary file."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return petrarch_people(f, str(path))


# --------------------------------------------------------------------------- writing

HEADER = """\
# communique people knowledge base: {what}
#
# Format (see docs/kb-format.md and data/kb/people/*.yaml): a YAML list of people, each with
#   id (unique slug), name, aliases, roles; every role has office, title, country (ISO alpha-3,
#   IGO:<code> or NSA:<code>), sector (PLOVER), start and end (ISO dates, end null = in office).
# An id that already exists in the bundled knowledge base replaces that person.
"""


class _Dumper(yaml.SafeDumper):
    pass


def write_people_yaml(people: list[dict], path, what: str | None = None) -> Path:
    """Write people records in the people-file format (one flow-style line per role)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [HEADER.format(what=what or path.stem)]
    for p in people:
        lines.append(f"- id: {_scalar(p['id'])}")
        lines.append(f"  name: {_scalar(p['name'])}")
        aliases = p.get("aliases") or []
        lines.append("  aliases: [" + ", ".join(_scalar(a) for a in aliases) + "]")
        for extra in ("wikidata",):
            if p.get(extra):
                lines.append(f"  {extra}: {_scalar(p[extra])}")
        lines.append("  roles:")
        for r in p.get("roles") or []:
            r = _clean_role(r)
            parts = [f"{k}: {_scalar(v) if k not in ('start', 'end') else (v or 'null')}"
                     for k, v in r.items()]
            lines.append("    - {" + ", ".join(parts) + "}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _scalar(v) -> str:
    """A YAML scalar that reads back as the same string (quoted when needed)."""
    if v is None:
        return "null"
    s = str(v)
    dumped = yaml.dump(s, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=10_000)
    dumped = dumped.strip()
    if dumped.endswith("\n..."):
        dumped = dumped[:-4].strip()
    if dumped.endswith("..."):
        dumped = dumped[:-3].strip()
    # flow collections need quotes around commas and brackets as well
    if not dumped.startswith(("'", '"')) and re.search(r"[,\[\]{}#:]", s):
        dumped = "'" + s.replace("'", "''") + "'"
    return dumped
