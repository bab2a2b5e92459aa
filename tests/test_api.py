"""The HTTP API (FastAPI TestClient) over a SQLite store filled with hand-built results."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import pytest

try:
    import communique  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient
from test_store import make_result

from communique.api.app import STATIC, create_app
from communique.model import ActorRef

try:  # a throwaway PostgreSQL server, shared with the store tests
    from test_store_postgres import pg_url  # noqa: F401
except ImportError:  # pragma: no cover
    pass

SCRIPT_TEXT = ('US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi '
               '<script>alert("pwned")</script> in Washington on Friday. "We had candid talks," Blinken told reporters.')


def _set(result, **fields):
    for ev in result.events:
        for k, v in fields.items():
            setattr(ev, k, v)
    return result


def build_results() -> list:
    """Nine articles, 2024-01 .. 2024-03, several dyads, sources, statuses and quad classes."""
    rs = [
        make_result("a1", date="2024-01-12"),                                   # CONSULT Blinken -> Wang
        _set(make_result("a2", date="2024-01-20", source="Xinhua",
                         events=[("ACCUSE", "CHN", "USA", "2024-01-20")]),
             quad_class=3, goldstein=-2.0, intensity=-3.0, cameo="112", topics=["Taiwan"]),
        _set(make_result("a3", date="2024-02-06", events=[("SANCTION", "USA", "CHN", "2024-02-05")]),
             quad_class=4, goldstein=-8.0, intensity=-6.5, status="future"),
        _set(make_result("a4", date="2024-02-07", source="Xinhua",
                         events=[("COOPERATE", "USA", "CHN", "2024-02-07"),
                                 ("AGREE", "CHN", "USA", "2024-02-08")]),
             quad_class=2, goldstein=6.0, intensity=5.0),
        make_result("a5", date="2024-03-01", events=[("CONSULT", "USA", "RUS", "2024-03-01")]),
        make_result("a6", date="2024-03-02", text=SCRIPT_TEXT, title="Talks with a <b>tag</b>",
                    events=[("CONSULT", "USA", "CHN", "2024-03-02")]),
        # a month-precision date: counted as undated in a weekly series
        make_result("a7", date="2024-03-15", events=[("CONSULT", "USA", "CHN", "2024-03")]),
    ]
    # two codes on the actor side: USA and JPN against PRK
    multi = _set(make_result("a8", date="2024-03-10", events=[("ACCUSE", "USA", "PRK", "2024-03-10")]),
                 quad_class=3, goldstein=-2.0, intensity=-3.0)
    multi.events[0].actors.append(ActorRef(name="State JPN", code="JPN", sector="GOV", text="JPN", kind="state"))
    rs.append(multi)
    # a real knowledge-base person (roles come from the KB)
    kb = make_result("a9", date="2024-03-20", events=[("CONSULT", "blinken", "RUS", "2024-03-20")])
    for ev in kb.events:
        ev.actors[0].kb_id = "antony-blinken"
    for m in kb.mentions:
        if m.actor.name == "Antony Blinken":
            m.actor.kb_id = "antony-blinken"
    kb.quotes[0].speaker.kb_id = "antony-blinken"
    rs.append(kb)
    return rs


N_EVENTS = 10


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def app(request, tmp_path_factory):
    """The same API tests on a SQLite file and, when the server binaries exist, on PostgreSQL."""
    if request.param == "sqlite":
        url = str(tmp_path_factory.mktemp("api") / "api.db")
    else:
        url = request.getfixturevalue("pg_url")      # skips when PostgreSQL is not available
    application = create_app(url)
    application.state.store.save(build_results())
    yield application
    if request.param != "sqlite":
        from communique.store.schema import Base
        Base.metadata.drop_all(application.state.store.engine)
    application.state.store.close()


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as c:
        yield c


def ids(resp) -> set[str]:
    assert resp.status_code == 200, resp.text
    return {e["event_id"] for e in resp.json()["items"]}


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in ["/api/stats", "/api/articles", "/api/articles/{article_id}", "/api/events",
                 "/api/events/{event_id}", "/api/actors/{key}", "/api/quotes", "/api/dyads/{a}/{b}/series",
                 "/api/network", "/api/sources/compare", "/api/clusters", "/api/ingest"]:
        assert path in spec["paths"], path
    params = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "dyad", "type", "quad_class", "start", "end", "topic", "source", "status", "q",
            "limit", "offset"} <= params
    assert client.get("/docs").status_code == 200


def test_stats_and_articles(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 9 and stats["events"] == N_EVENTS
    page = client.get("/api/articles", params={"limit": 4}).json()
    assert page["total"] == 9 and len(page["items"]) == 4
    assert page["items"][0]["date"] >= page["items"][-1]["date"]
    art = client.get("/api/articles/a4").json()
    assert art["text"].startswith("Blinken meets Wang") and len(art["events"]) == 2 and len(art["quotes"]) == 1
    assert client.get("/api/articles/nope").status_code == 404


def test_event_filters(client):
    assert len(ids(client.get("/api/events"))) == N_EVENTS
    usa_chn = ids(client.get("/api/events", params={"dyad": "USA,CHN"}))
    assert usa_chn == ids(client.get("/api/events", params={"dyad": "chn,usa"}))     # order-free
    assert usa_chn == {"a1-e0", "a2-e0", "a3-e0", "a4-e0", "a4-e1", "a6-e0", "a7-e0"}
    assert ids(client.get("/api/events", params={"type": "ACCUSE"})) == {"a2-e0", "a8-e0"}
    assert ids(client.get("/api/events", params={"quad_class": 4})) == {"a3-e0"}
    assert ids(client.get("/api/events", params={"start": "2024-02-01", "end": "2024-02-07"})) == {"a3-e0", "a4-e0"}
    assert ids(client.get("/api/events", params={"end": "2024-01"})) == {"a1-e0", "a2-e0"}   # partial end
    assert ids(client.get("/api/events", params={"source": "xinhua"})) == {"a2-e0", "a4-e0", "a4-e1"}
    assert ids(client.get("/api/events", params={"status": "future"})) == {"a3-e0"}
    assert ids(client.get("/api/events", params={"topic": "Taiwan"})) == {"a2-e0"}
    assert ids(client.get("/api/events", params={"q": "<SCRIPT>"})) == {"a6-e0"}            # sentence text
    assert ids(client.get("/api/events", params={"q": "tag"})) == {"a6-e0"}                  # article title
    assert ids(client.get("/api/events", params={"actor": "RUS"})) == {"a5-e0", "a9-e0"}
    both = ids(client.get("/api/events", params={"dyad": "USA,CHN", "type": "ACCUSE,SANCTION",
                                                 "start": "2024-01-15"}))
    assert both == {"a2-e0", "a3-e0"}
    assert client.get("/api/events", params={"dyad": "USA"}).status_code == 400
    assert client.get("/api/events", params={"start": "Jan 2024"}).status_code == 422


def test_dyad_with_several_codes_on_one_side(client):
    assert ids(client.get("/api/events", params={"dyad": "PRK,USA"})) == {"a8-e0"}
    assert ids(client.get("/api/events", params={"dyad": "JPN,PRK"})) == {"a8-e0"}
    assert ids(client.get("/api/events", params={"dyad": "USA,JPN"})) == set()    # same side is no dyad


def test_pagination_is_stable_and_complete(client):
    seen, dates = [], []
    for offset in range(0, 20, 3):
        page = client.get("/api/events", params={"limit": 3, "offset": offset}).json()
        assert page["total"] == N_EVENTS and page["offset"] == offset
        seen += [e["event_id"] for e in page["items"]]
        dates += [e["date"] for e in page["items"]]
    assert len(seen) == N_EVENTS == len(set(seen))
    assert dates == sorted(dates, reverse=True)                                  # newest first
    # the dyad path merges several queries: its pages must agree with one big page
    full = [e["event_id"] for e in client.get("/api/events", params={"dyad": "USA,CHN", "limit": 50}).json()["items"]]
    paged = []
    for offset in range(0, 8, 2):
        page = client.get("/api/events", params={"dyad": "USA,CHN", "limit": 2, "offset": offset}).json()
        assert page["total"] == 7
        paged += [e["event_id"] for e in page["items"]]
    assert paged == full
    asc = client.get("/api/events", params={"order": "asc", "limit": 1}).json()["items"][0]
    assert asc["event_id"] == "a1-e0"


def test_dyad_series_buckets(client):
    month = client.get("/api/dyads/CHN/USA/series", params={"interval": "month"}).json()
    assert month["dyad"] == ["CHN", "USA"]
    by = {b["period"]: b for b in month["buckets"]}
    assert list(by) == ["2024-01", "2024-02", "2024-03"]
    assert by["2024-01"]["events"] == 2 and by["2024-01"]["quad"] == {"1": 1, "2": 0, "3": 1, "4": 0}
    assert by["2024-01"]["cooperation"] == 1 and by["2024-01"]["conflict"] == 1
    assert by["2024-01"]["goldstein"] == pytest.approx((1.9 - 2.0) / 2, abs=1e-3)
    assert by["2024-02"]["types"] == {"AGREE": 1, "COOPERATE": 1, "SANCTION": 1}
    assert by["2024-02"]["intensity"] == pytest.approx((-6.5 + 5.0 + 5.0) / 3, abs=1e-3)
    assert by["2024-03"]["events"] == 2 and month["undated"] == 0        # "2024-03" fits a month
    week = client.get("/api/dyads/USA/CHN/series", params={"interval": "week"}).json()
    weeks = {b["period"]: b["events"] for b in week["buckets"]}
    # Mondays: 2024-01-12 (Fri) -> 01-08; 01-20 (Sat) -> 01-15; 02-05, 02-07, 02-08 -> 02-05; 03-02 (Sat) -> 02-26
    assert weeks == {"2024-01-08": 1, "2024-01-15": 1, "2024-02-05": 3, "2024-02-26": 1}
    assert week["undated"] == 1
    day = client.get("/api/dyads/USA/CHN/series", params={"interval": "day", "start": "2024-02-01",
                                                           "end": "2024-02-28"}).json()
    assert [b["period"] for b in day["buckets"]] == ["2024-02-05", "2024-02-07", "2024-02-08"]
    assert client.get("/api/dyads/USA/CHN/series", params={"interval": "fortnight"}).status_code == 422


def test_network_sources_and_clusters(client):
    net = client.get("/api/network").json()
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("CHN", "USA")]["events"] == 7
    assert ("JPN", "PRK") in edges and ("PRK", "USA") in edges and ("RUS", "USA") in edges
    assert net["nodes"][0]["code"] in ("USA",)
    feb = client.get("/api/network", params={"start": "2024-02-01", "end": "2024-02-29"}).json()
    assert [(e["source"], e["target"], e["events"]) for e in feb["edges"]] == [("CHN", "USA", 3)]
    cmp_ = client.get("/api/sources/compare", params={"dyad": "USA,CHN"}).json()
    src = {s["source"]: s for s in cmp_["sources"]}
    assert src["Xinhua"]["events"] == 3 and src["Xinhua"]["quad"] == {"1": 0, "2": 2, "3": 1, "4": 0}
    assert src["Reuters"]["events"] == 4 and src["Reuters"]["quad"]["4"] == 1
    cl = client.get("/api/clusters").json()
    assert cl["items"] == [] and "note" in cl


def test_actor_profiles(client):
    person = client.get("/api/actors/antony-blinken").json()
    assert person["name"] == "Antony Blinken" and person["code"] == "USA"
    titles = [r["title"] for r in person["roles"]]
    assert "Secretary of State" in titles and titles.index("Deputy Secretary of State") < titles.index("Secretary of State")
    assert person["events"]["total"] == 1 and person["partners"][0]["code"] == "RUS"
    assert person["quotes"] and person["quotes"][0]["text"] == "We had candid talks,"
    country = client.get("/api/actors/usa").json()
    assert country["kind"] == "country" and country["name"] == "United States"
    assert country["events"]["total"] == N_EVENTS
    assert country["partners"][0]["code"] == "CHN"
    assert client.get("/api/actors/XYZ").status_code == 404
    assert client.get("/api/actors", params={"q": "wang"}).json()["items"][0]["name"] == "Wang Yi"


def test_single_event_and_quotes(client):
    ev = client.get("/api/events/a3-e0").json()
    assert ev["type"] == "SANCTION" and ev["actors"][0]["code"] == "USA" and ev["title"] == "Blinken meets Wang"
    assert client.get("/api/events/zzz").status_code == 404
    quotes = client.get("/api/quotes", params={"speaker": "Blinken", "limit": 100}).json()["items"]
    assert len(quotes) == 9 and all(q["speaker"]["code"] == "USA" for q in quotes)


def test_script_in_a_sentence_stays_data(client):
    r = client.get("/api/events", params={"q": "pwned"})
    assert r.headers["content-type"].startswith("application/json")
    assert r.headers["x-content-type-options"] == "nosniff"
    [ev] = r.json()["items"]
    assert '<script>alert("pwned")</script>' in ev["sentence"]          # returned verbatim, as JSON data
    page = client.get("/events")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert "pwned" not in page.text                                        # pages carry no data
    # the dashboard code never turns data into markup
    for js in (STATIC / "js").glob("*.js"):
        code = js.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", code), js.name


def test_dashboard_pages_and_vendored_chart_library(client):
    for path in ["/", "/events", "/actor", "/network", "/sources"]:
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert "/static/js/" in r.text and "http" not in re.sub(r"<a [^>]*>", "", r.text.split("<body>")[0])
    lib = client.get("/static/vendor/chart.umd.min.js")
    assert lib.status_code == 200 and "Chart.js" in lib.text[:300]
    assert (STATIC / "vendor" / "chart.js.LICENSE.md").is_file()


def test_ingest_requires_a_configured_token(client, tmp_path):
    body = [{"id": "x1", "date": "2024-01-12", "source": "Test", "url": None, "title": "t",
             "text": "US Secretary of State Antony Blinken met Chinese Foreign Minister Wang Yi in Beijing."}]
    assert client.post("/api/ingest", json=body).status_code == 403
    assert client.post("/api/ingest", json=body, headers={"Authorization": "Bearer x"}).status_code == 403
    app = create_app(str(tmp_path / "w.db"), write_token="s3cret")
    with TestClient(app) as c:
        assert c.post("/api/ingest", json=body).status_code == 401
        assert c.post("/api/ingest", json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        r = c.post("/api/ingest", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200, r.text
        assert r.json()["saved"]["articles"] == 1
        assert c.get("/api/stats").json()["articles"] == 1
        assert c.get("/api/articles/x1").json()["source"] == "Test"
    app.state.store.close()


def test_serve_subcommand_registers_with_safe_defaults(monkeypatch):
    from communique.api.serve import cmd_serve, register

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="cmd"))
    args = parser.parse_args(["serve", "--db", "x.db"])
    assert (args.host, args.port, args.write_token, args.func) == ("127.0.0.1", 8000, None, cmd_serve)
    args = parser.parse_args(["serve", "--port", "9001", "--write-token", "t"])
    assert args.port == 9001 and args.write_token == "t"
