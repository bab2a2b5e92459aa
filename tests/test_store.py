"""Behaviour of the store (SQLite files under tmp_path), with hand-built ArticleResult records."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
import sys
import threading
from pathlib import Path

import pytest

try:
    import communique  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy.exc import IntegrityError

from communique.model import (
    ActorRef,
    Article,
    ArticleResult,
    Event,
    Location,
    Mention,
    Quote,
    Rejected,
)
from communique.store import open_store
from communique.store.repository import _resolve_url

TEXT = ("US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Washington "
        "on Friday. \"We had candid talks,\" Blinken told reporters.")


def ref(text: str, body: str, name: str | None, code: str | None, sector: str | None = "GOV",
        role: str | None = None, kb_id: str | None = None, kind: str = "person") -> ActorRef:
    """An actor reference whose offsets point at ``text`` inside ``body``."""
    start = body.index(text)
    return ActorRef(name=name, code=code, sector=sector, role=role, kb_id=kb_id, text=text,
                    start=start, end=start + len(text), kind=kind, method="exact", score=1.0)


def make_result(aid: str = "a1", text: str = TEXT, date: str = "2024-01-12",
                source: str = "Reuters", events: list[tuple] | None = None,
                title: str | None = "Blinken meets Wang") -> ArticleResult:
    """A result for one article.  ``events`` holds (type, actor, recipient, date) tuples where
    actor/recipient are "blinken", "wang", or a bare country code (a state actor)."""
    article = Article(id=aid, text=text, title=title, date=date, source=source,
                      url=f"https://example.org/{aid}", origin="test")
    body = article.body

    def who(tag: str) -> ActorRef:
        if tag == "blinken":
            return ref("US Secretary of State Antony Blinken", body, "Antony Blinken", "USA",
                       role="Secretary of State", kb_id="Q1")
        if tag == "wang":
            return ref("Wang Yi", body, "Wang Yi", "CHN", role="Foreign Minister", kb_id="Q2")
        sector, code = tag.split(":") if ":" in tag else ("GOV", tag)
        return ActorRef(name=f"State {code}", code=code, sector=sector, text=code, kind="state")

    events = events if events is not None else [("CONSULT", "blinken", "wang", date)]
    evs = []
    sent_start = body.index("US Secretary")
    sent_end = body.index("Friday.") + len("Friday.")
    for i, (etype, a, r, edate) in enumerate(events):
        evs.append(Event(
            event_id=f"{aid}-e{i}", article_id=aid, type=etype, mode="visit",
            contexts=["diplomatic"], cameo="042", goldstein=1.9, intensity=4.0, quad_class=1,
            actors=[who(a)], recipients=[who(r)], date=edate, date_precision="day",
            location=Location("Washington", "USA", 38.9, -77.0), status="asserted",
            topics=["US-China"], sentence=body[sent_start:sent_end], evidence_start=sent_start,
            evidence_end=sent_end, trigger="met", confidence=0.8765, extractor="test-rule"))
    mentions = [Mention(aid, who("blinken"), 0), Mention(aid, who("wang"), 0)]
    q_start = body.index('"') + 1
    q_text = body[q_start:body.index(',"') + 1]
    quotes = [Quote(aid, q_text, "direct", q_start, q_start + len(q_text),
                    speaker=who("blinken"), addressee=None, cue="told")]
    return ArticleResult(article=article, mentions=mentions, events=evs, quotes=quotes)


def counts(store) -> dict:
    s = store.summary()
    return {k: s[k] for k in ("articles", "events", "actors", "mentions", "quotes", "rejected")}


@pytest.fixture
def store(tmp_path):
    st = open_store(str(tmp_path / "test.db"))
    yield st
    st.close()


def test_round_trip_event_with_both_sides_and_location(store):
    result = make_result()
    stats = store.save([result])
    assert (stats.articles, stats.events, stats.mentions, stats.quotes) == (1, 1, 2, 1)
    assert stats.actors == 2

    [rec] = store.events()
    expected = result.events[0].to_dict()
    expected.update(source="Reuters", title="Blinken meets Wang")
    assert rec == expected
    assert rec["actors"][0]["name"] == "Antony Blinken"
    assert rec["recipients"][0]["code"] == "CHN"
    assert rec["location"] == {"name": "Washington", "country": "USA", "lat": 38.9, "lon": -77.0}
    body = result.article.body
    assert body[rec["evidence"]["start"]:rec["evidence"]["end"]] == rec["sentence"]

    assert store.has_article("a1") and not store.has_article("zzz")
    assert store.article_ids() == {"a1"}
    art = store.article("a1")
    assert art["text"] == body and art["content_hash"] == result.article.content_hash
    [listed] = store.articles()
    assert listed["id"] == "a1" and listed["events"] == 1 and "text" not in listed

    [q] = store.quotes(speaker="blinken")
    assert q["speaker"]["code"] == "USA" and q["speaker"]["kb_id"] == "Q1"
    assert body[q["start"]:q["end"]] == q["text"] == "We had candid talks,"
    assert store.quotes(speaker="Wang") == []
    assert len(store.quotes(article_id="a1")) == 1


def test_event_without_location_and_sector_per_reference(store):
    result = make_result(events=[("ASSAULT", "MIL:USA", "IRN", "2024-01-12"),
                                 ("ACCUSE", "GOV:USA", "IRN", "2024-01-12")])
    result.events[0].location = None
    store.save([result])
    recs = {r["type"]: r for r in store.events()}
    assert recs["ASSAULT"]["location"] is None
    # the same state actor keeps the sector of each reference
    assert recs["ASSAULT"]["actors"][0]["sector"] == "MIL"
    assert recs["ACCUSE"]["actors"][0]["sector"] == "GOV"
    assert counts(store)["actors"] == 2 + 2     # Blinken, Wang (mentions) + USA, IRN


def test_resaving_same_article_does_not_duplicate(store):
    store.save([make_result("a1"), make_result("a2")])
    before = counts(store)
    stats = store.save([make_result("a1"), make_result("a2")])
    assert stats.duplicates == 2 and stats.articles == 0 and stats.events == 0
    assert counts(store) == before
    # duplicates inside one batch are skipped as well
    stats = store.save([make_result("a3"), make_result("a3")])
    assert (stats.articles, stats.duplicates) == (1, 1)
    assert counts(store)["events"] == before["events"] + 1


def test_changed_text_replaces_article(store):
    store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-12"),
                                          ("COOPERATE", "USA", "CHN", "2024-01-12")])])
    assert counts(store)["events"] == 2
    new_text = TEXT.replace("candid", "frank")
    stats = store.save([make_result("a1", text=new_text, events=[("ACCUSE", "CHN", "USA", "2024-01-13")])])
    assert (stats.replaced, stats.articles, stats.duplicates) == (1, 0, 0)
    c = counts(store)
    assert (c["articles"], c["events"], c["mentions"], c["quotes"]) == (1, 1, 2, 1)
    [rec] = store.events()
    assert rec["type"] == "ACCUSE" and rec["date"] == "2024-01-13"
    assert "frank" in store.article("a1")["text"]
    assert store.quotes()[0]["text"] == "We had frank talks,"   # quotes come from the new result
    assert c["actors"] == 4                                     # actors were reused, not duplicated


def test_dyad_filter_is_order_free(store):
    store.save([make_result("a1", events=[("CONSULT", "USA", "CHN", "2024-01-01"),
                                          ("ACCUSE", "CHN", "USA", "2024-01-02"),
                                          ("THREATEN", "USA", "RUS", "2024-01-03")])])
    assert {e["type"] for e in store.events(dyad=("USA", "CHN"))} == {"CONSULT", "ACCUSE"}
    assert {e["type"] for e in store.events(dyad=("CHN", "USA"))} == {"CONSULT", "ACCUSE"}
    assert [e["type"] for e in store.events(dyad=("RUS", "USA"))] == ["THREATEN"]
    assert store.events(dyad=("RUS", "CHN")) == []
    assert [e["type"] for e in store.events(type="accuse")] == ["ACCUSE"]


def test_date_range_filter(store):
    store.save([make_result("a1", events=[("CONSULT", "USA", "CHN", "2024-01-05"),
                                          ("ACCUSE", "USA", "CHN", "2024-02-10"),
                                          ("THREATEN", "USA", "CHN", "2024-03-15")])])

    def types(**kw):
        return [e["type"] for e in store.events(**kw)]

    assert types(start="2024-02-01", end="2024-02-29") == ["ACCUSE"]
    assert types(start="2024-02-10", end="2024-02-10") == ["ACCUSE"]     # bounds are inclusive
    assert types(end="2024-02") == ["CONSULT", "ACCUSE"]                   # partial end: whole month
    assert types(start="2024-02-11") == ["THREATEN"]
    assert types(start="2025-01-01") == []
    assert types(limit=2) == ["CONSULT", "ACCUSE"] and types(limit=2, offset=2) == ["THREATEN"]


def test_actor_filter_by_code_or_name_on_either_side(store):
    store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-12")]),
                make_result("a2", source="TASS", events=[("THREATEN", "RUS", "UKR", "2024-01-13")])])
    assert [e["article_id"] for e in store.events(actor="blinken")] == ["a1"]
    assert [e["article_id"] for e in store.events(actor="Wang Y")] == ["a1"]   # recipient side
    assert [e["article_id"] for e in store.events(actor="usa")] == ["a1"]      # code, any case
    assert [e["article_id"] for e in store.events(actor="UKR")] == ["a2"]
    assert store.events(actor="Putin") == []
    assert store.events(actor="%") == []                                      # no LIKE wildcards
    assert [e["article_id"] for e in store.events(source="tass")] == ["a2"]


def test_failure_mid_batch_rolls_back_whole_batch(store):
    store.save([make_result("a1")])
    before = counts(store)
    bad = make_result("b2")
    bad.events[0].type = None                                    # violates events.type NOT NULL
    with pytest.raises(IntegrityError):
        store.save([make_result("b1", events=[("CONSULT", "USA", "FRA", "2024-01-01")]), bad,
                    make_result("b3")])
    assert counts(store) == before                               # no article, actor or event kept
    assert store.article_ids() == {"a1"}
    assert store.events(actor="FRA") == []
    # the store is still usable afterwards
    assert store.save([make_result("b1")]).articles == 1


def test_summary_counts(store):
    store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-12"),
                                          ("ACCUSE", "CHN", "USA", "2024-01-20")]),
                make_result("a2", date="2024-02-01",
                            events=[("CONSULT", "USA", "CHN", "2024-02-01"),
                                    ("THREATEN", "RUS", "UKR", "2024-02-03")])])
    store.record_rejected([Rejected("bad.html", "empty text"), Rejected("x.pdf", "unsupported")])
    s = store.summary()
    assert (s["articles"], s["events"], s["mentions"], s["quotes"], s["rejected"]) == (2, 4, 4, 2, 2)
    # Blinken, Wang, and the state actors USA, CHN, RUS, UKR
    assert s["actors"] == 6
    assert s["events_by_type"] == {"CONSULT": 2, "ACCUSE": 1, "THREATEN": 1}
    assert s["top_dyads"] == [{"dyad": ["CHN", "USA"], "events": 3},
                              {"dyad": ["RUS", "UKR"], "events": 1}]
    top = {(a["code"], a["name"]): a["events"] for a in s["top_actors"]}
    assert top[("USA", "State USA")] == 2 and top[("USA", "Antony Blinken")] == 1
    assert s["date_range"] == {"start": "2024-01-12", "end": "2024-02-03"}
    assert s["article_date_range"] == {"start": "2024-01-12", "end": "2024-02-01"}


def test_concurrent_writers_on_one_sqlite_file(tmp_path):
    path = str(tmp_path / "shared.db")
    stores = [open_store(path), open_store(path)]
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(15):
                # both writers upsert the same actors while adding their own articles
                stores[n].save([make_result(f"w{n}-{i}-{j}", events=[("CONSULT", "USA", "CHN", "2024-01-01")])
                                for j in range(3)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in (0, 1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    c = counts(stores[0])
    assert (c["articles"], c["events"], c["actors"]) == (90, 90, 4)
    for st in stores:
        st.close()


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    st = open_store()                                   # default: ./communique.db
    st.save([make_result("a1")])
    st.close()
    assert (tmp_path / "communique.db").exists()
    con = sqlite3.connect(tmp_path / "communique.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()

    st = open_store(str(tmp_path / "sub" / "dir" / "x.db"))      # plain path, parents created
    with st.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        with pytest.raises(IntegrityError):
            c.exec_driver_sql("INSERT INTO mentions (article_id, text, start, \"end\", sentence) "
                              "VALUES ('missing', 'x', 0, 1, 0)")
    st.close()
    assert (tmp_path / "sub" / "dir" / "x.db").exists()

    url = f"sqlite:///{tmp_path / 'y.db'}"
    with open_store(url) as st:
        st.save([make_result("a1")])
        assert st.article_ids() == {"a1"}


def test_postgres_urls_use_psycopg_driver():
    pytest.importorskip("psycopg")
    assert _resolve_url("postgresql://u@h:5432/db") == "postgresql+psycopg://u@h:5432/db"
    assert _resolve_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert _resolve_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_home_state_beside_an_armed_group_keeps_its_via(store):
    result = make_result(events=[("ASSAULT", "REB:YEM", "USA", "2024-01-12")])
    ev = result.events[0]
    group = ActorRef(name="Houthis", code="NSA:Houthis", sector="REB", kb_id="NSA:Houthis", text="Houthis",
                     kind="nsa")
    ev.actors = [group, replace(ev.actors[0], via="NSA:Houthis")]
    store.save([result])
    [rec] = store.events()
    assert [a["code"] for a in rec["actors"]] == ["NSA:Houthis", "YEM"]
    assert "via" not in rec["actors"][0] and rec["actors"][1]["via"] == "NSA:Houthis"
    assert rec["actors"] == ev.to_dict()["actors"]


def test_armed_group_spellings_are_one_actor_in_the_database(store, pipeline):
    from communique.model import Article
    texts = {"s1": "Kenyan troops attacked al-Shabab fighters near Afmadow on Monday.",
             "s2": "Kenyan troops attacked al-Shabaab fighters near Kismayo on Tuesday."}
    results = [pipeline.process(Article(id=k, text=t, date="2021-08-10")) for k, t in texts.items()]
    spelled = {r.article.id: {a.code for e in r.events for a in e.recipients if a.code.startswith("NSA:")}
               for r in results}
    assert spelled == {"s1": {"NSA:al-Shabab"}, "s2": {"NSA:al-Shabaab"}}
    store.save(results)
    found = store.events(actor="NSA:al-Shabaab")
    assert sorted(e["article_id"] for e in found) == ["s1", "s2"]
    assert {a["code"] for e in found for a in e["recipients"] if a["code"].startswith("NSA:")} == {"NSA:al-Shabaab"}
