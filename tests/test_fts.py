"""Full-text search (queries.search and the ``q`` filter of search_events) on SQLite and PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import communique  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy import create_engine
from test_store import make_result

from communique.store import open_store
from communique.store import queries as Q
from communique.store.repository import Store
from communique.store.schema import Base

try:  # a throwaway PostgreSQL server, shared with the store tests
    from test_store_postgres import pg_url  # noqa: F401
except ImportError:  # pragma: no cover
    pass


def body(middle: str) -> str:
    """An article text whose event sentence (make_result) contains ``middle``."""
    return (f"US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi {middle} "
            f"on Friday. \"We had candid talks,\" Blinken told reporters.")


def fill(store) -> None:
    store.save([
        make_result("a1", text=body("to discuss sanctions"), title="Talks in Washington",
                    events=[("CONSULT", "USA", "CHN", "2024-01-10")]),
        make_result("a2", text=body("about sanctions, more sanctions and export controls on semiconductor "
                                    "chips, the sanctions"), title="Chip sanctions dominate",
                    events=[("ACCUSE", "USA", "CHN", "2024-01-11")]),
        make_result("a3", text=body("about climate finance"), title="Climate",
                    events=[("COOPERATE", "USA", "CHN", "2024-01-12")]),
    ])


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        st = open_store(str(tmp_path / "fts.db"))
        yield st
        st.close()
        return
    st = open_store(request.getfixturevalue("pg_url"))
    yield st
    Base.metadata.drop_all(st.engine)
    st.close()


def test_new_store_has_full_text_search(store):
    assert Q.fts_kind(store) == store.engine.dialect.name


def test_search_ranks_the_matching_sentence_first(store):
    fill(store)
    r = Q.search(store, "sanctions")
    assert r["mode"] in ("fts5", "postgresql")
    assert [e["event_id"] for e in r["events"]] == ["a2-e0", "a1-e0"]      # three mentions beat one
    assert r["events"][0]["score"] > r["events"][1]["score"]
    assert r["events"][0]["type"] == "ACCUSE" and r["events"][0]["title"] == "Chip sanctions dominate"
    assert [a["id"] for a in r["articles"]][:2] == ["a2", "a1"]
    assert "sanction" in (r["articles"][0]["snippet"] or "").lower()
    # every word must match; stems and word starts match too
    assert [e["event_id"] for e in Q.search(store, "semiconductor exports")["events"]] == ["a2-e0"]
    assert [e["event_id"] for e in Q.search(store, "sanctioned")["events"]] == ["a2-e0", "a1-e0"]
    assert [e["event_id"] for e in Q.search(store, "semicond")["events"]] == ["a2-e0"]
    assert Q.search(store, "climate")["articles"][0]["id"] == "a3"
    assert Q.search(store, "volcano")["events"] == []
    # user input never reaches the query syntax
    for q in ['"', "sanctions OR climate", "NEAR(", "a:b", "'); drop table events; --", "*"]:
        Q.search(store, q)
    assert Q.search(store, "", limit=5)["events"] == []
    assert len(Q.search(store, "blinken", limit=2)["events"]) == 2


def test_q_filter_of_search_events_uses_full_text(store):
    fill(store)

    def ids(q, **kw):
        return [e["event_id"] for e in Q.search_events(store, q=q, order="asc", **kw)["items"]]

    assert ids("sanctioned") == ["a1-e0", "a2-e0"]           # stemming: a substring match would find none
    assert ids("chip") == ["a2-e0"]                           # the article title
    assert ids("climate", type="COOPERATE") == ["a3-e0"]
    assert ids("climate", type="ACCUSE") == []
    assert Q.search_events(store, q="sanctions")["total"] == 2


def test_index_follows_replaced_articles(store):
    fill(store)
    store.save([make_result("a3", text=body("about sanctions relief"), title="Climate",
                            events=[("COOPERATE", "USA", "CHN", "2024-01-12")])])
    assert [e["event_id"] for e in Q.search(store, "relief")["events"]] == ["a3-e0"]
    assert Q.search(store, "climate finance")["events"] == []
    assert {e["event_id"] for e in Q.search(store, "sanctions")["events"]} == {"a1-e0", "a2-e0", "a3-e0"}


def test_database_without_fts_falls_back_to_substring(tmp_path):
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)                       # as created before migrations: no FTS
    st = Store(engine)
    fill(st)
    assert Q.fts_kind(st) is None
    r = Q.search(st, "sanctions")
    assert r["mode"] == "like" and {e["event_id"] for e in r["events"]} == {"a1-e0", "a2-e0"}
    assert r["events"][0]["score"] is None
    assert [e["event_id"] for e in Q.search_events(st, q="semiconductor")["items"]] == ["a2-e0"]
    st.close()
