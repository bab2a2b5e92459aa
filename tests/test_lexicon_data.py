"""Checks on the bundled predicate lexicon (src/communique/data/lexicon/*.yaml)."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
LEXICON = ROOT / "src" / "communique" / "data" / "lexicon"
ONTOLOGY = ROOT / "src" / "communique" / "data" / "ontology"

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
FIELDS = {"lemma", "pos", "no_clause", "type", "cameo", "mode", "preps", "objects", "not_objects", "not_preps", "object", "particle", "prep_required",
          "modifier", "subjects", "status", "solo", "intransitive", "symmetric_subject", "reverse", "weight"}
# (type, CAMEO code) pairs where the lexicon follows the PLOVER manual rather than the CAMEO->PLOVER table
# in cameo.tsv; README.md in the lexicon directory explains each one.
TABLE_EXCEPTIONS = {("SANCTION", "163"), ("SANCTION", "116"), ("RETREAT", "0831"), ("AGREE", "057"),
                    ("CONCEDE", "055")}
FILES = ["01_consult_agree_cooperate.yaml", "02_support_concede_aid_retreat.yaml",
         "03_request_accuse_reject.yaml", "04_threaten_protest_sanction.yaml",
         "05_mobilize_coerce_assault.yaml"]


def _entries() -> list[tuple[str, dict]]:
    out = []
    for path in sorted(LEXICON.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert isinstance(data, list), f"{path.name} is not a YAML list"
        out += [(path.name, d) for d in data]
    return out


ENTRIES = _entries()


def _cameo_table() -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    header = None
    for line in (ONTOLOGY / "cameo.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        rows[row["code"]] = row
    return rows


CAMEO = _cameo_table()
PLOVER = yaml.safe_load((ONTOLOGY / "plover.yaml").read_text(encoding="utf-8"))["types"]


def _key(d: dict) -> tuple:
    return (d["lemma"], d["pos"], tuple(d.get("objects") or ()), d.get("particle"), d.get("prep_required"),
            tuple(d.get("modifier") or ()), tuple(d.get("subjects") or ()))


def _generic(lemma: str, pos: str) -> list[dict]:
    """Entries for a word with no construction constraint (the plain word as trigger)."""
    return [d for _, d in ENTRIES if d["lemma"] == lemma and d["pos"] == pos and not d.get("objects")
            and not d.get("particle") and not d.get("prep_required") and not d.get("modifier")
            and not d.get("subjects")]


def test_all_files_present_and_nonempty():
    names = {p.name for p in LEXICON.glob("*.yaml")}
    for f in FILES:
        assert f in names
    assert (LEXICON / "README.md").is_file()
    assert len(ENTRIES) >= 600


def test_fields_and_value_types():
    for name, d in ENTRIES:
        where = f"{name}: {d}"
        assert set(d) <= FIELDS, f"unknown field in {where}"
        assert isinstance(d["lemma"], str) and d["lemma"] == d["lemma"].lower(), where
        assert d["lemma"].strip() and " " not in d["lemma"] and "-" not in d["lemma"], where
        assert d["pos"] in ("verb", "noun"), where
        assert d["type"] in TYPES, where
        assert isinstance(d["cameo"], str), f"unquoted CAMEO code in {where}"
        for k in ("preps", "objects", "not_objects", "not_preps", "modifier", "subjects"):
            vals = d.get(k) or []
            assert isinstance(vals, list), where
            # an unquoted on/off/yes/no turns into a boolean
            assert all(isinstance(v, str) for v in vals), f"non-string {k} in {where}"
        for k in ("particle", "prep_required", "mode", "status"):
            if k in d:
                assert isinstance(d[k], str), f"non-string {k} in {where}"
        if d.get("objects"):
            # false: the object is a thing; true: its owner is the recipient ("demolished Palestinian homes")
            assert isinstance(d.get("object"), bool), f"light-verb entry without an explicit object: in {where}"
        if "weight" in d:
            assert 0.0 < float(d["weight"]) <= 1.0, where
        if "status" in d:
            assert d["status"] in ("negated", "future", "hypothetical", "historical", "asserted"), where


def test_cameo_codes_exist_and_agree_with_table():
    for name, d in ENTRIES:
        assert d["cameo"] in CAMEO, f"{name}: CAMEO {d['cameo']} not in cameo.tsv ({d['lemma']})"
        table_type = CAMEO[d["cameo"]].get("plover_type", "")
        if table_type and (d["type"], d["cameo"]) not in TABLE_EXCEPTIONS:
            assert table_type == d["type"], (f"{name}: {d['lemma']} is {d['type']} but CAMEO {d['cameo']} "
                                             f"maps to {table_type}")


def test_modes_defined_for_type():
    for name, d in ENTRIES:
        if d.get("mode"):
            modes = PLOVER[d["type"]].get("modes") or {}
            assert d["mode"] in modes, f"{name}: mode {d['mode']!r} not defined for {d['type']} ({d['lemma']})"


def test_no_duplicate_keys():
    counts = Counter(_key(d) for _, d in ENTRIES)
    dups = [k for k, n in counts.items() if n > 1]
    assert not dups, f"duplicate lexicon keys: {dups}"


def test_every_type_well_covered():
    counts = Counter(d["type"] for _, d in ENTRIES)
    for t in TYPES:
        assert counts[t] >= 20, f"{t} has only {counts[t]} entries"


@pytest.mark.parametrize("lemma,pos,expected", [
    ("meet", "verb", "CONSULT"), ("accuse", "verb", "ACCUSE"), ("urge", "verb", "REQUEST"),
    ("threaten", "verb", "THREATEN"), ("sanction", "verb", "SANCTION"), ("attack", "verb", "ASSAULT"),
    ("oppose", "verb", "REJECT"), ("withdraw", "verb", "RETREAT"), ("protest", "verb", "PROTEST"),
    ("deploy", "verb", "MOBILIZE"), ("arrest", "verb", "COERCE"), ("aid", "noun", "AID"),
    ("support", "verb", "SUPPORT"), ("cooperate", "verb", "COOPERATE"), ("agree", "verb", "AGREE"),
    # the actual freeing of prisoners is RETREAT (mode release) in PLOVER; pardons are CONCEDE
    ("release", "verb", "RETREAT"), ("pardon", "verb", "CONCEDE"),
    ("talk", "noun", "CONSULT"), ("sanction", "noun", "SANCTION"), ("condemn", "verb", "ACCUSE"),
    ("reject", "verb", "REJECT"), ("invade", "verb", "ASSAULT"), ("detain", "verb", "COERCE"),
])
def test_key_words(lemma, pos, expected):
    entries = _generic(lemma, pos)
    assert entries, f"no plain entry for {lemma}/{pos}"
    assert {d["type"] for d in entries} == {expected}


@pytest.mark.parametrize("lemma,pos,field,value,expected,cameo", [
    ("impose", "verb", "objects", "sanction", "SANCTION", "163"),
    ("impose", "verb", "objects", "curfew", "COERCE", "1723"),
    ("hold", "verb", "objects", "talk", "CONSULT", "040"),
    ("lodge", "verb", "objects", "protest", "ACCUSE", "114"),
    ("call", "verb", "prep_required", "for", "REQUEST", "100"),
    ("pull", "verb", "particle", "out", "RETREAT", "0874"),
    ("crack", "verb", "particle", "down", "COERCE", "170"),
    ("strike", "noun", "modifier", "air", "ASSAULT", "195"),
    ("strike", "noun", "modifier", "hunger", "PROTEST", "142"),
    ("drill", "noun", "modifier", "joint", "COOPERATE", "062"),
    ("sign", "verb", "objects", "agreement", "AGREE", "057"),
    ("expel", "verb", "objects", "journalist", "COERCE", "174"),
])
def test_constructions(lemma, pos, field, value, expected, cameo):
    hits = [d for _, d in ENTRIES if d["lemma"] == lemma and d["pos"] == pos
            and (value in (d.get(field) or []) if isinstance(d.get(field), list) else d.get(field) == value)
            and (field == "objects" or not d.get("objects"))]      # ("call for a ceasefire" is narrower)
    assert hits, f"no {lemma} entry with {field}={value}"
    assert {(d["type"], d["cameo"]) for d in hits} == {(expected, cameo)}


def test_call_off_a_visit_is_a_negated_consultation():
    hits = [d for _, d in ENTRIES if d["lemma"] == "call" and d.get("particle") == "off"
            and "visit" in (d.get("objects") or [])]
    assert len(hits) == 1 and hits[0]["type"] == "CONSULT" and hits[0].get("status") == "negated"


def test_loader_reads_every_entry():
    lexicon = pytest.importorskip("communique.events.lexicon")
    lex = lexicon.load_lexicon()
    assert len(lex) >= len(ENTRIES)
    assert any(e.type == "CONSULT" for e in lex.get("meet", "verb"))
