"""Person resolution by name, role words and date, on a small knowledge base written here."""
import textwrap

import pytest

from communique.actors.kb import KB, _load_dir
from communique.actors.resolve import PersonResolver, name_similarity

PEOPLE = """
- id: antony-blinken
  name: Antony Blinken
  roles:
    - {office: foreign_minister, title: Secretary of State, country: USA, sector: GOV, start: 2021-01-26, end: 2025-01-20}
- id: mike-pompeo
  name: Mike Pompeo
  roles:
    - {office: foreign_minister, title: Secretary of State, country: USA, sector: GOV, start: 2018-04-26, end: 2021-01-20}
- id: wang-yi
  name: Wang Yi
  roles:
    - {office: foreign_minister, title: Foreign Minister, country: CHN, sector: GOV, start: 2013-03-16, end: 2022-12-30}
    - {office: foreign_minister, title: Foreign Minister, country: CHN, sector: GOV, start: 2023-07-25, end: null}
- id: qin-gang
  name: Qin Gang
  roles:
    - {office: ambassador, title: Ambassador to the United States, country: CHN, sector: GOV, start: 2021-07-28, end: 2022-12-30, to: USA}
    - {office: foreign_minister, title: Foreign Minister, country: CHN, sector: GOV, start: 2022-12-30, end: 2023-07-25}
- id: donald-trump
  name: Donald Trump
  aliases: [Donald J. Trump]
  roles:
    - {office: head_of_state, title: President, country: USA, sector: GOV, start: 2017-01-20, end: 2021-01-20}
    - {office: head_of_state, title: President, country: USA, sector: GOV, start: 2025-01-20, end: null}
- id: wang-wenbin
  name: Wang Wenbin
  roles:
    - {office: spokesperson_foreign, title: Foreign Ministry spokesperson, country: CHN, sector: GOV, start: 2020-07-01, end: 2024-01-01}
"""
OFFICES = """
foreign_minister: {sector: GOV, titles: [foreign minister], country_titles: {USA: [secretary of state]}}
head_of_state: {sector: GOV, titles: [president], country_titles: {}}
ambassador: {sector: GOV, titles: [ambassador], country_titles: {}}
spokesperson_foreign: {sector: GOV, titles: [spokesperson], country_titles: {}}
"""


@pytest.fixture(scope="module")
def resolver(tmp_path_factory):
    d = tmp_path_factory.mktemp("kb")
    (d / "people").mkdir()
    (d / "people" / "test.yaml").write_text(textwrap.dedent(PEOPLE), encoding="utf-8")
    (d / "offices.yaml").write_text(textwrap.dedent(OFFICES), encoding="utf-8")
    kb = KB()
    _load_dir(kb, d)
    return PersonResolver(kb.index())


FM_CHN = [("foreign_minister", None)]
SOS = [("foreign_minister", "USA")]


def test_exact_name_and_alias(resolver):
    m = resolver.resolve("Antony Blinken", "2022-01-01")
    assert m.person.id == "antony-blinken" and m.method == "exact" and m.role.title == "Secretary of State"
    assert resolver.resolve("Donald J. Trump", "2018-01-01").method == "alias"


def test_misspelt_name_with_role_and_date(resolver):
    m = resolver.resolve("Anthony Blanken", "2021-10-31", SOS, "USA")
    assert m.person.id == "antony-blinken"


def test_misspelt_name_without_role(resolver):
    m = resolver.resolve("Anthony Blanken", "2021-10-31")
    assert m is not None and m.person.id == "antony-blinken" and m.method.startswith("fuzzy")


def test_role_at_date_picks_the_office_holder(resolver):
    assert resolver.resolve("Cheng Yi", "2021-10-31", FM_CHN, "CHN").person.id == "wang-yi"
    # in 2023 before Wang Yi's return the foreign minister was Qin Gang
    m = resolver.resolve("Chin Gang", "2023-05-09", FM_CHN, "CHN")
    assert m.person.id == "qin-gang" and m.role.office == "foreign_minister"


def test_role_changes_with_date(resolver):
    assert resolver.resolve("Qin Gang", "2022-03-01").role.office == "ambassador"
    assert resolver.resolve("Qin Gang", "2023-03-01").role.office == "foreign_minister"


def test_former_officeholder_is_elite(resolver):
    m = resolver.resolve("Mike Pompeo", "2022-06-01")
    assert m.former and m.sector == "ELI" and m.role_title == "former Secretary of State"
    t = resolver.resolve("Donald Trump", "2022-06-01")
    assert t.sector == "ELI"
    assert resolver.resolve("Donald Trump", "2025-06-01").sector == "GOV"


def test_surname_alone_needs_a_unique_officeholder(resolver):
    assert resolver.resolve("Blinken", "2022-01-01").person.id == "antony-blinken"
    # two Wangs in office in 2021: ambiguous without a role
    assert resolver.resolve("Wang", "2021-10-31") is None
    assert resolver.resolve("Wang", "2021-10-31", [("spokesperson_foreign", None)], "CHN").person.id == "wang-wenbin"


def test_unknown_name_is_not_forced(resolver):
    assert resolver.resolve("Maria Gonzalez", "2022-01-01") is None
    assert resolver.resolve("Zhang Wei", "2021-10-31", FM_CHN, "CHN") is None


def test_name_similarity_is_phonetic():
    assert name_similarity("Anthony Blanken", "Antony Blinken") > name_similarity("Anthony Blanken", "Tony Blair")
