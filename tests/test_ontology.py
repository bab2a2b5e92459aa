"""Tests for communique.ontology and the data files under communique/data/ontology."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

try:
    import communique  # noqa: F401
except ImportError:  # package not installed: use the source tree
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from communique import ontology as onto

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
GOLDSTEIN_FACTS = SHARED / "reference" / "cameo" / "CAMEO.goldsteinscale.txt"
CODES_FACTS = SHARED / "reference" / "cameo" / "CAMEO.eventcodes.txt"
PLOVER_TABLE = SHARED / "reference" / "plover" / "CAMEO2PLOVER-2021.txt"

EXPECTED_QUADS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}


@pytest.fixture(autouse=True)
def _fresh_ontology(monkeypatch):
    """Every test starts from the packaged files, without any user override."""
    monkeypatch.delenv(onto.ENV_VAR, raising=False)
    onto.reload()
    yield
    onto.reload()


# --- PLOVER types ----------------------------------------------------------------------------

def test_sixteen_types_with_their_quad_classes():
    types = onto.plover_types()
    assert set(types) == set(EXPECTED_QUADS)
    for name, quad in EXPECTED_QUADS.items():
        assert types[name].quad_class == quad, name
        assert onto.quad_class(name) == quad
        assert types[name].description.strip()


def test_intensity_sign_follows_cooperation_and_conflict():
    for name, t in onto.plover_types().items():
        if t.quad_class in (1, 2):
            assert t.intensity > 0, name
        else:
            assert t.intensity <= 0, name
        assert -10 <= t.intensity <= 10
    # ordering from the PLOVER scores: material conflict hurts more than verbal conflict
    assert onto.intensity("ASSAULT") < onto.intensity("COERCE") < onto.intensity("PROTEST") < 0
    assert onto.intensity("AID") > onto.intensity("CONSULT") > 0


def test_mode_intensities_and_fallback_to_type():
    assert onto.intensity("CONSULT") == 2.5
    assert onto.intensity("CONSULT", "visit") == 4.0
    assert onto.intensity("consult", "Phone") == 1.5          # names are case-insensitive
    assert onto.intensity("CONSULT", "no-such-mode") == 2.5    # unknown mode -> type's score
    assert onto.intensity("ASSAULT", "unconventional") == -10.0
    assert onto.intensity("PROTEST", "riot") < onto.intensity("PROTEST", "demo")
    assert onto.intensity("PROTEST", "vandalize") == onto.intensity("PROTEST")  # no score of its own
    with pytest.raises(KeyError):
        onto.intensity("NEGOTIATE")


def test_symmetric_types():
    sym = {n for n, t in onto.plover_types().items() if t.symmetric}
    assert sym == {"CONSULT", "AGREE", "COOPERATE"}


def test_modes_from_the_manual_are_present():
    types = onto.plover_types()
    assert set(types["CONSULT"].modes) == {"visit", "third-party", "multilateral", "phone"}
    assert {"beat", "firearms", "explosives", "aerial", "drone", "heavy-weapons", "abduct",
            "unconventional"} <= set(types["ASSAULT"].modes)
    assert set(types["REQUEST"].modes) == set(types["REJECT"].modes) == {"assist", "change", "yield", "meet"}
    assert {"arrest", "curfew", "martial-law", "censor", "deport"} <= set(types["COERCE"].modes)
    assert types["AGREE"].modes == {}
    for t in types.values():
        for m in t.modes.values():
            assert m.description.strip(), (t.name, m.name)


def test_every_type_has_a_default_cameo_code_in_the_table():
    for name, t in onto.plover_types().items():
        code = onto.default_cameo(name)
        assert code == t.cameo and re.fullmatch(r"\d{3}", code), name
        row = onto.cameo(code)
        assert row is not None, (name, code)
        assert row.plover_type == name, (name, code, row.plover_type)


def test_default_cameo_for_modes():
    assert onto.default_cameo("CONSULT") == "040"
    assert onto.default_cameo("AGREE") == "030"
    assert onto.default_cameo("ASSAULT") == "190"
    assert onto.default_cameo("CONSULT", "phone") == "041"
    assert onto.default_cameo("CONSULT", "visit") == "042"
    assert onto.default_cameo("CONSULT", "third-party") == "044"
    assert onto.default_cameo("CONSULT", "multilateral") == "040"   # no CAMEO code of its own
    assert onto.default_cameo("COERCE", "arrest") == "173"
    for name, t in onto.plover_types().items():
        for m in t.modes.values():
            code = onto.default_cameo(name, m.name)
            row = onto.cameo(code)
            assert row is not None, (name, m.name, code)
            assert row.plover_type == name, (name, m.name, code, row.plover_type)


def test_contexts_and_sectors():
    ctx = onto.contexts()
    for name in ("diplomatic", "economic", "military", "legal", "human_rights", "cbrn", "election"):
        assert ctx[name].strip()
    sec = onto.sectors()
    for code in ("GOV", "MIL", "LEG", "JUD", "PTY", "REB", "OPP", "BUS", "MED", "JRN", "CVL", "IGO",
                 "NGO", "ELI", "COP", "REF", "REL", "EDU", "LAB", "CRM", "SPY"):
        assert sec[code].strip(), code


# --- CAMEO table -----------------------------------------------------------------------------

def test_known_goldstein_values():
    assert onto.goldstein("042") == 1.9
    assert onto.goldstein("040") == 1.0
    assert onto.goldstein("190") == -10.0
    assert onto.goldstein("173") == -5.0
    assert onto.goldstein("057") == 8.0
    assert onto.goldstein("0874") == 10.0
    assert onto.goldstein("13") == -6.0 and onto.goldstein("130") == -4.4
    assert onto.goldstein("040") > 0 > onto.goldstein("190")


def test_goldstein_falls_back_to_parents():
    assert onto.cameo("0459") is None
    assert onto.goldstein("0459") == onto.goldstein("045") == 5.0     # 3-digit parent
    assert onto.cameo("199") is None and onto.cameo("1999") is None
    assert onto.goldstein("1999") == onto.goldstein("19") == -10.0    # 2-digit parent
    assert onto.cameo("1213").goldstein is None                        # PLOVER-only code
    assert onto.goldstein("1213") == onto.goldstein("121") == -4.0
    assert onto.goldstein("9999") is None
    assert onto.goldstein("") is None


def test_cameo_rows():
    row = onto.cameo("042")
    assert row.label and row.goldstein == 1.9 and row.quad_class == 1
    assert (row.plover_type, row.plover_mode) == ("CONSULT", "visit")
    assert onto.cameo("190").quad_class == 4 and onto.cameo("0874").quad_class == 2
    assert onto.cameo("12").quad_class == 3
    assert onto.cameo("nonsense") is None
    codes = onto.cameo_codes()
    assert len(codes) > 300
    assert {"01", "010", "0211", "204", "2042"} <= set(codes)
    for code, row in codes.items():
        assert re.fullmatch(r"\d{2,4}", code), code
        assert row.label.strip(), code
        assert row.quad_class in (1, 2, 3, 4), code


def test_plover_for_cameo():
    assert onto.plover_for_cameo("041") == ("CONSULT", "phone", None)
    assert onto.plover_for_cameo("1121") == ("ACCUSE", "allege", "crime;corruption")
    assert onto.cameo("1121").contexts == ["crime", "corruption"]
    assert onto.plover_for_cameo("193") == ("ASSAULT", "firearms", "military")
    assert onto.plover_for_cameo("010") == (None, None, None)   # statements are not PLOVER events
    assert onto.plover_for_cameo("0231") == (None, None, None)  # nor are CAMEO appeals
    assert onto.plover_for_cameo("0419") == onto.plover_for_cameo("041")  # unknown child -> parent
    assert onto.plover_for_cameo("080")[0] == "CONCEDE"
    assert onto.plover_for_cameo("0841")[:2] == ("RETREAT", "release")


def test_tables_are_consistent():
    assert onto.problems() == []


# --- user overrides --------------------------------------------------------------------------

def test_override_directory(tmp_path, monkeypatch):
    (tmp_path / "plover.yaml").write_text(
        "types:\n"
        "  CONSULT:\n"
        "    intensity: 3.0\n"
        "    modes:\n"
        "      video:\n"
        "        description: a video conference\n"
        "        cameo: \"041\"\n"
        "        intensity: 2.0\n"
        "      visit:\n"
        "        intensity: 4.5\n"
        "  HACK:\n"
        "    description: a cyber operation\n"
        "    quad_class: 4\n"
        "    intensity: -6.5\n"
        "contexts:\n"
        "  space: outer space and satellites\n"
        "sectors:\n"
        "  MNC: multinational corporations\n", encoding="utf-8")
    (tmp_path / "cameo.tsv").write_text(
        "# my corrections\n"
        "code\tgoldstein\tlabel\n"
        "042\t2.5\tVisit abroad\n"
        "0461\t6.0\tTalks on trade\n", encoding="utf-8")
    monkeypatch.setenv(onto.ENV_VAR, str(tmp_path))
    onto.reload()

    consult = onto.plover_types()["CONSULT"]
    assert consult.intensity == 3.0
    assert onto.intensity("CONSULT", "video") == 2.0
    assert onto.intensity("CONSULT", "visit") == 4.5
    assert consult.modes["visit"].cameo == "042"          # untouched fields survive
    assert onto.intensity("CONSULT", "phone") == 1.5      # untouched modes survive
    assert consult.description and consult.quad_class == 1
    assert onto.quad_class("HACK") == 4 and onto.default_cameo("HACK") is None
    assert len(onto.plover_types()) == 17
    assert onto.contexts()["space"] and "diplomatic" in onto.contexts()
    assert onto.sectors()["MNC"] and "GOV" in onto.sectors()

    assert onto.goldstein("042") == 2.5
    row = onto.cameo("042")
    assert row.label == "Visit abroad" and row.plover_type == "CONSULT" and row.plover_mode == "visit"
    assert onto.goldstein("0461") == 6.0 and onto.cameo("0461").label == "Talks on trade"
    assert onto.goldstein("190") == -10.0                 # rows not overridden stay

    monkeypatch.delenv(onto.ENV_VAR)
    onto.reload()
    assert onto.goldstein("042") == 1.9 and "HACK" not in onto.plover_types()


def test_override_directory_must_exist(tmp_path, monkeypatch):
    monkeypatch.setenv(onto.ENV_VAR, str(tmp_path / "missing"))
    onto.reload()
    with pytest.raises(FileNotFoundError):
        onto.plover_types()


def test_unquoted_cameo_code_is_rejected(tmp_path, monkeypatch):
    (tmp_path / "plover.yaml").write_text("types:\n  CONSULT:\n    cameo: 040\n", encoding="utf-8")
    monkeypatch.setenv(onto.ENV_VAR, str(tmp_path))
    onto.reload()
    with pytest.raises(ValueError, match="quoted"):
        onto.plover_types()


# --- agreement with the reference facts (skipped without ../shared) ---------------------------

def _facts(path: Path) -> dict[str, str]:
    if not path.is_file():
        pytest.skip(f"{path} not available")
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].strip().isdigit():
            out[parts[0].strip()] = parts[1].strip()
    return out


def test_goldstein_values_match_the_reference():
    facts = _facts(GOLDSTEIN_FACTS)
    assert len(facts) > 300
    for code, value in facts.items():
        row = onto.cameo(code)
        assert row is not None, code
        assert row.goldstein == float(value), (code, row.goldstein, value)


def test_every_reference_code_is_in_the_table_with_a_label_of_our_own():
    facts = _facts(CODES_FACTS)
    clean = lambda s: re.sub(r",? not spec(ified)? below", "", s).strip().lower()
    for code, description in facts.items():
        row = onto.cameo(code)
        assert row is not None, code
        assert clean(row.label) != clean(description), (code, row.label)


def test_plover_types_match_the_conversion_table():
    if not PLOVER_TABLE.is_file():
        pytest.skip(f"{PLOVER_TABLE} not available")
    seen = {}
    for line in PLOVER_TABLE.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([A-Z]+)", line)
        if m and m.group(1) not in seen:       # 08 is listed twice; its first heading is CONCEDE
            seen[m.group(1)] = m.group(2)
    assert len(seen) > 250
    for code, ptype in seen.items():
        assert onto.plover_for_cameo(code)[0] == ptype, code
        assert onto.cameo(code) is not None, code
    # codes the conversion table does not list (CAMEO 01 and 02) carry no PLOVER type
    for code, row in onto.cameo_codes().items():
        if code not in seen:
            assert row.plover_type is None, code
