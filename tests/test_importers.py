"""Importers of people with dated roles: Wikidata SPARQL JSON results and TABARI/PETRARCH actor
dictionaries, and the people-file writer (read back by the knowledge-base loader)."""
import json
import textwrap
from pathlib import Path

import pytest
import yaml

from communique.actors.importers import (
    fetch_wikidata,
    import_petrarch_actors,
    import_wikidata,
    map_position,
    petrarch_people,
    write_people_yaml,
)
from communique.actors.kb import KB, _load_dir

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def _b(value, kind="literal", **extra):
    d = {"type": kind, "value": value}
    d.update(extra)
    return d


def _date(s):
    return _b(s + "T00:00:00Z", datatype="http://www.w3.org/2001/XMLSchema#dateTime")


WD = "http://www.wikidata.org/entity/"
SPARQL = {
    "head": {"vars": ["person", "personLabel", "personAltLabel", "position", "positionLabel",
                      "start", "end", "countryIso", "countryLabel"]},
    "results": {"bindings": [
        # two positions, one of them repeated (a second country row) and one mapped from a label
        {"person": _b(WD + "Q7821", "uri"), "personLabel": _b("Wang Yi", **{"xml:lang": "en"}),
         "position": _b(WD + "Q1", "uri"), "positionLabel": _b("Minister of Foreign Affairs"),
         "start": _date("2013-03-16"), "end": _date("2022-12-30"), "countryIso": _b("CHN")},
        {"person": _b(WD + "Q7821", "uri"), "personLabel": _b("Wang Yi"),
         "position": _b(WD + "Q1", "uri"), "positionLabel": _b("Minister of Foreign Affairs"),
         "start": _date("2013-03-16"), "end": _date("2022-12-30"), "countryLabel": _b("People's Republic of China")},
        {"person": _b(WD + "Q7821", "uri"), "personLabel": _b("Wang Yi"),
         "position": _b(WD + "Q1", "uri"), "positionLabel": _b("Minister of Foreign Affairs"),
         "start": _date("2023-07-25"), "countryIso": _b("CHN")},
        # a position that names its state; aliases as a comma-separated list; no end date
        {"person": _b(WD + "Q22686", "uri"), "personLabel": _b("Donald Trump"),
         "personAltLabel": _b("Donald J. Trump, Donald John Trump"),
         "position": _b(WD + "Q11696", "uri"), "positionLabel": _b("President of the United States"),
         "start": _date("2025-01-20")},
        {"person": _b(WD + "Q22686", "uri"), "personLabel": _b("Donald Trump"),
         "position": _b(WD + "Q11696", "uri"), "positionLabel": _b("President of the United States"),
         "start": _date("2017-01-20"), "end": _date("2021-01-20")},
        # an organisation post
        {"person": _b(WD + "Q57641", "uri"), "personLabel": _b("Jens Stoltenberg"),
         "position": _b(WD + "Q2", "uri"), "positionLabel": _b("Secretary General of NATO"),
         "start": _date("2014-10-01"), "end": _date("2024-09-30")},
        # a generic label with the state after "of", and an unknown position
        {"person": _b(WD + "Q9", "uri"), "personLabel": _b("Penny Wong"),
         "position": _b(WD + "Q3", "uri"), "positionLabel": _b("Minister for Foreign Affairs of Australia"),
         "start": _date("2022-05-23")},
        {"person": _b(WD + "Q9", "uri"), "personLabel": _b("Penny Wong"),
         "position": _b(WD + "Q4", "uri"), "positionLabel": _b("member of the Australian Senate"),
         "start": _date("2002-07-01"), "countryIso": _b("AUS")},
        # no English label: skipped
        {"person": _b(WD + "Q99999", "uri"), "personLabel": _b("Q99999"),
         "positionLabel": _b("Minister of Finance"), "countryIso": _b("FRA")},
    ]},
}


def test_wikidata_records(tmp_path):
    f = tmp_path / "positions.json"
    f.write_text(json.dumps(SPARQL), encoding="utf-8")
    people = import_wikidata(f)
    assert [p["id"] for p in people] == ["wang-yi", "donald-trump", "jens-stoltenberg", "penny-wong"]
    wang, trump, jens, wong = people
    assert wang["wikidata"] == "Q7821"
    assert wang["roles"] == [
        {"office": "foreign_minister", "title": "Minister of Foreign Affairs", "country": "CHN",
         "sector": "GOV", "start": "2013-03-16", "end": "2022-12-30"},
        {"office": "foreign_minister", "title": "Minister of Foreign Affairs", "country": "CHN",
         "sector": "GOV", "start": "2023-07-25", "end": None}]
    assert trump["aliases"] == ["Donald J. Trump", "Donald John Trump"]
    assert [(r["office"], r["country"], r["title"], r["start"], r["end"]) for r in trump["roles"]] == [
        ("head_of_state", "USA", "President", "2017-01-20", "2021-01-20"),
        ("head_of_state", "USA", "President", "2025-01-20", None)]
    assert jens["roles"][0]["office"] == "igo_head" and jens["roles"][0]["country"] == "IGO:NATO"
    assert jens["roles"][0]["sector"] == "IGO"
    senate, fm = wong["roles"]
    assert (fm["office"], fm["country"], fm["title"]) == ("foreign_minister", "AUS", "Minister for Foreign Affairs")
    assert (senate["office"], senate["sector"], senate["country"]) == ("minister", "LEG", "AUS")
    # the same JSON given as a string or a dict gives the same records
    assert import_wikidata(json.dumps(SPARQL)) == people
    assert import_wikidata(SPARQL) == people


def test_wikidata_rejects_other_json():
    with pytest.raises(ValueError):
        import_wikidata({"foo": 1})


def test_map_position_table():
    assert map_position("Prime Minister of the United Kingdom")["office"] == "head_of_government"
    assert map_position("Prime Minister of the United Kingdom")["country"] == "GBR"
    assert map_position("Minister of Defence", "JPN")["office"] == "defence_minister"
    assert map_position("Minister of Defence", "JPN")["country"] == "JPN"
    assert map_position("Deputy Prime Minister of Italy")["office"] == "deputy_head_of_government"
    assert map_position("Deputy Prime Minister of Italy")["country"] == "ITA"
    assert map_position("Minister of Fisheries", "NOR") == {
        "office": "minister", "country": "NOR", "sector": "GOV", "title": "Minister of Fisheries"}


def test_fetch_wikidata_offline_error():
    # an unreachable endpoint (reserved TEST-NET address, closed port) gives a readable error
    with pytest.raises(RuntimeError, match="cannot reach|failed"):
        fetch_wikidata("SELECT * WHERE {}", endpoint="http://127.0.0.1:9/sparql", timeout=2)


PETRARCH = textwrap.dedent("""\
    # a test dictionary in the TABARI/PETRARCH actor format
    NORWAY_  [NOR]
    +NORWEGIAN_

    ARVID_KALLSTROM_  # CountryInfo.txt
    +A._KALLSTROM_
    +FOREIGN_MINISTER_KALLSTROM_
    \t[SWEELI 19900101-20050101]
    \t[SWEGOV 20050101-20100630]
    \t[SWEELI]
    INGRID_VAAG_  ; foreign minister
    \t[NORGOV >150301]
    OLE_BRANN_  # CountryInfo.txt
    \t[NORGOVMIL 080101-101231]
    \t[NORGOVMIL 110101-121231]
    \t[NORLEG 130101-131231]
    MARTA_EKSEMPEL_  # CountryInfo.txt
    \t[ROMOPP <991231]
    GENERIC_SPOKESMAN_
    \t[NORGOV]
    """)


def test_petrarch_snippet():
    people = {p["id"]: p for p in petrarch_people(PETRARCH.splitlines(True))}
    assert set(people) == {"arvid-kallstrom", "ingrid-vaag", "ole-brann", "marta-eksempel"}
    a = people["arvid-kallstrom"]
    assert a["name"] == "Arvid Kallstrom"
    assert a["aliases"] == ["A. Kallstrom"]          # title phrases are not names
    assert [(r["country"], r["sector"], r["start"], r["end"]) for r in a["roles"]] == [
        ("SWE", "ELI", "1990-01-01", "2005-01-01"),
        ("SWE", "GOV", "2005-01-01", "2010-06-30"),
        ("SWE", "ELI", "2010-06-30", None)]          # the default code: after the last dated role
    assert a["roles"][1]["office"] == "minister" and a["roles"][1]["title"] == "Government official"
    v = people["ingrid-vaag"]["roles"]
    assert v == [{"office": "foreign_minister", "title": "foreign minister", "country": "NOR",
                  "sector": "GOV", "start": "2015-03-01", "end": None}]
    ole = people["ole-brann"]["roles"]
    # two touching periods with the same code become one; the portfolio goes into the title
    assert [(r["sector"], r["title"], r["start"], r["end"]) for r in ole] == [
        ("GOV", "Government official (defence)", "2008-01-01", "2012-12-31"),
        ("LEG", "Legislator", "2013-01-01", "2013-12-31")]
    m = people["marta-eksempel"]["roles"]
    assert (m[0]["country"], m[0]["sector"], m[0]["start"], m[0]["end"]) == ("ROU", "OPP", None, "1999-12-31")


def test_written_file_loads_as_knowledge_base(tmp_path):
    people = petrarch_people(PETRARCH.splitlines(True)) + import_wikidata(SPARQL)
    out = write_people_yaml(people, tmp_path / "people" / "imported_test.yaml")
    text = out.read_text(encoding="utf-8")
    assert text.startswith("#")
    back = yaml.safe_load(text)
    assert [p["id"] for p in back] == [p["id"] for p in people]
    kb = KB()
    _load_dir(kb, tmp_path)
    kb.index()
    assert kb.people["arvid-kallstrom"].roles[1].start == "2005-01-01"
    assert kb.people["wang-yi"].roles[1].end is None
    assert [r.active("2008-06-01") for r in kb.people["arvid-kallstrom"].roles] == [False, True, False]
    assert "a kallstrom" in kb.names


def test_phoenix_countries_dictionary(tmp_path):
    path = SHARED / "reference" / "petrarch2" / "Phoenix.Countries.actors.txt"
    if not path.exists():
        pytest.skip("../shared/reference/petrarch2 is not present")
    people = import_petrarch_actors(path)
    assert len(people) > 1000
    assert len({p["id"] for p in people}) == len(people)
    obama = next(p for p in people if p["name"] == "Barack Obama")
    gov = [r for r in obama["roles"] if r["country"] == "USA" and r["sector"] == "GOV"]
    assert gov and gov[0]["start"] == "2009-01-20"
    assert "Barack Hussein Obama" in obama["aliases"]
    assert not any("Administration" in a or a.startswith("President") for a in obama["aliases"])
    putin = next(p for p in people if p["name"] == "Vladimir Putin")
    assert any(r["country"] == "RUS" and r["sector"] == "GOV" and r["start"] and r["start"].startswith("1999")
               for r in putin["roles"])
    # every role has a country code and a known sector; dates are ISO
    for p in people:
        for r in p["roles"]:
            assert r["country"] and r["sector"]
            for d in (r["start"], r["end"]):
                assert d is None or (len(d) == 10 and d[4] == "-")
    write_people_yaml(people, tmp_path / "people" / "imported_phoenix.yaml")
    kb = KB()
    _load_dir(kb, tmp_path)
    assert len(kb.people) == len(people)
