"""Topic taxonomy (data/topics/topics.yaml) and the word tagger."""
from pathlib import Path

import pytest
import yaml

from communique.topics.tagger import DATA, TopicTagger, get_tagger

PLOVER = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "ontology" / "plover.yaml"

IR_TOPICS = ["Taiwan", "South China Sea", "Trade and tariffs", "Export controls and technology", "Human rights",
             "Xinjiang", "Hong Kong", "Tibet", "North Korea's weapons", "War in Ukraine", "Middle East",
             "Red Sea shipping", "Climate", "Public health", "Narcotics", "Military-to-military contacts", "Cyber",
             "Nuclear arms control"]


@pytest.fixture
def tagger(monkeypatch):
    monkeypatch.delenv("COMMUNIQUE_TOPICS", raising=False)
    get_tagger.cache_clear()
    yield get_tagger()
    get_tagger.cache_clear()


def test_every_plover_context_has_a_topic(tagger):
    contexts = yaml.safe_load(PLOVER.read_text(encoding="utf-8"))["contexts"]
    assert len(contexts) >= 38
    keys = set(tagger.keys())
    for c in contexts:
        assert f"context:{c}" in keys, c
        n = len(tagger.topics[f"context:{c}"]) + len(tagger.case_sensitive.get(f"context:{c}", []))
        assert 10 <= n <= 40, (c, n)
    # no context topic for a context PLOVER does not have
    assert {k for k in keys if k.startswith("context:")} == {f"context:{c}" for c in contexts}


def test_ir_topics_exist(tagger):
    for name in IR_TOPICS:
        assert tagger.canonical(name) in tagger.keys(), name
    assert tagger.canonical("North Korea") == "North Korea"
    assert tagger.canonical("north korea's weapons") == "North Korea"
    assert tagger.canonical("Nuclear arms control") == "Nuclear weapons and arms control"
    assert tagger.canonical("No such topic") is None


def test_existing_topics_kept(tagger):
    for k in ["Taiwan", "East China Sea", "North Korea", "Iran nuclear programme", "Sanctions", "Diplomacy",
              "Military and security", "Terrorism", "Energy", "Afghanistan", "Iran"]:
        assert k in tagger.keys()


@pytest.mark.parametrize("text, expected", [
    ("Washington raised tariffs on Chinese semiconductors last week.",
     {"Trade and tariffs": "tariffs", "Export controls and technology": "semiconductors",
      "context:economic": "tariffs", "context:technology": "semiconductors"}),
    ("Chinese coast guard ships fired water cannon at a Philippine boat near Second Thomas Shoal.",
     {"South China Sea": "Second Thomas Shoal", "context:repression": "water cannon"}),
    ("Houthi forces attacked commercial vessels in the Red Sea.",
     {"Red Sea shipping": "Houthi"}),
    ("Pyongyang launched a Hwasong missile, and the IAEA said enriched uranium was being produced at Yongbyon.",
     {"North Korea": "Hwasong", "context:cbrn": "enriched uranium"}),
    ("Rights groups said Uyghurs were held in internment camps in Xinjiang.",
     {"Xinjiang": "Uyghurs", "context:human_rights": "Rights groups", "context:repression": "internment camps",
      "context:religion_ethnicity": "Uyghurs"}),
    ("Police seized fentanyl precursor chemicals bound for the Sinaloa cartel.",
     {"Narcotics": "fentanyl", "context:illegal_drugs": "Sinaloa cartel"}),
    ("The WHO declared an outbreak of cholera after the earthquake.",
     {"Public health": "WHO", "context:health": "cholera", "context:disasters": "earthquake"}),
    ("State-sponsored hackers deployed ransomware against the ministry.",
     {"Cyber": "ransomware", "context:cyber": "State-sponsored hackers"}),
])
def test_tagging(tagger, text, expected):
    found = tagger.explain(text)
    for topic, word in expected.items():
        assert topic in found, (topic, found)
        assert word in found[topic], (topic, found[topic])
    assert set(tagger.tag(text)) == set(found)


def test_neutral_sentence_has_no_topics(tagger):
    assert tagger.tag("The weather was mild in Paris on Tuesday.") == []
    assert tagger.explain("The weather was mild in Paris on Tuesday.") == {}


def test_case_sensitive_words(tagger):
    assert "context:health" not in tagger.tag("Officials who spoke said nothing.")
    assert "context:health" in tagger.tag("Officials at the WHO said nothing.")
    assert "context:technology" not in tagger.tag("Ai Weiwei spoke in Berlin.")


def test_word_boundaries_and_overlaps():
    t = TopicTagger({"A": ["Iran"], "B": ["Iran nuclear"], "C": ["nuclear deal"], "D": ["tariff"]})
    assert t.explain("The Iran nuclear deal collapsed.") == {
        "A": ["Iran"], "B": ["Iran nuclear"], "C": ["nuclear deal"]}
    assert t.tag("Iranian exports were tariffed.") == []
    assert t.tag("A TARIFF was set.") == ["D"]
    assert TopicTagger({}).tag("anything") == []


def test_override_adds_and_replaces_topics(tmp_path, monkeypatch):
    f = tmp_path / "extra.yaml"
    f.write_text("Arctic: {words: [Arctic, Svalbard]}\nTibet: {words: [Potala]}\n", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_TOPICS", str(f))
    get_tagger.cache_clear()
    try:
        t = get_tagger()
        assert "Arctic" in t.keys() and "Taiwan" in t.keys()
        assert t.explain("Russia and Norway argued over Svalbard.") == {"Arctic": ["Svalbard"]}
        assert "Tibet" in t.tag("Pilgrims visited the Potala palace.")
        assert "Tibet" not in t.tag("The Dalai Lama spoke.")        # replaced, not merged
    finally:
        get_tagger.cache_clear()
    monkeypatch.delenv("COMMUNIQUE_TOPICS")
    assert "Arctic" not in get_tagger().keys()
    get_tagger.cache_clear()


def test_tag_spans_buckets_by_sentence(tagger):
    s1 = "Beijing held drills near Taiwan."
    s2 = "The weather was mild in Paris on Tuesday."
    s3 = "Kyiv asked for humanitarian aid and air defence."
    text = f"{s1} {s2} {s3}"
    spans = [(0, len(s1)), (len(s1) + 1, len(s1) + 1 + len(s2)), (len(text) - len(s3), len(text))]
    assert [text[a:b] for a, b in spans] == [s1, s2, s3]
    out = tagger.tag_spans(text, spans)
    assert len(out) == 3
    assert "Taiwan" in out[0] and "War in Ukraine" not in out[0]
    assert out[1] == []
    assert "War in Ukraine" in out[2] and "context:humanitarian" in out[2] and "Taiwan" not in out[2]
    assert out[0] == tagger.tag(s1) and out[2] == tagger.tag(s3)
    # order of spans does not matter; a word crossing a span edge belongs to neither part
    rev = tagger.tag_spans(text, spans[::-1])
    assert rev == out[::-1]
    t = TopicTagger({"X": ["Red Sea"]})
    assert t.tag_spans("Red Sea", [(0, 3), (4, 7), (0, 7)]) == [[], [], ["X"]]
    assert tagger.tag_spans(text, []) == []


def test_topics_file_has_format_comment():
    head = DATA.read_text(encoding="utf-8").split("\n", 30)
    assert head[0].startswith("#")
    assert "COMMUNIQUE_TOPICS" in "\n".join(head[:30])
