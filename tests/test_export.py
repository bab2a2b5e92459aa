"""Exports (communique.export): column sets, values and formats on a small SQLite store."""
from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import communique  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from test_store import make_result

from communique.export import export_events, iter_rows
from communique.export.cli import register
from communique.store import open_store

HEADERS = {
    "communique": [
        "event_id", "article_id", "date", "date_precision", "type", "mode", "contexts", "cameo", "goldstein",
        "intensity", "quad_class", "actor_names", "actor_codes", "actor_sectors", "recipient_names",
        "recipient_codes", "recipient_sectors", "status", "location_name", "location_country", "lat", "lon",
        "topics", "trigger", "confidence", "extractor", "sentence", "evidence_start", "evidence_end",
        "source", "title", "url"],
    "gdelt": [
        "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
        "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
        "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources",
        "NumArticles", "AvgTone", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat",
        "ActionGeo_Long", "DATEADDED", "SOURCEURL"],
    "icews": [
        "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
        "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number",
        "Publisher", "City", "Country", "Latitude", "Longitude"],
    "plover": [
        "event_id", "story_date", "event_type", "mode", "context", "actor", "actor_country", "actor_sector",
        "recipient", "recipient_country", "recipient_sector", "location", "lat", "lon", "event_text"],
}


def _set(result, i, **fields):
    for k, v in fields.items():
        setattr(result.events[i], k, v)
    return result


@pytest.fixture
def store(tmp_path):
    st = open_store(str(tmp_path / "export.db"))
    a2 = make_result("a2", date="2024-01-20", source="Xinhua",
                     events=[("ACCUSE", "CHN", "USA", "2024-01-20"), ("SANCTION", "MIL:USA", "CHN", "2024-02")])
    _set(a2, 0, cameo="112", quad_class=3, goldstein=-2.0, intensity=-3.0, evidence_start=5)
    _set(a2, 1, cameo=None, quad_class=4, goldstein=-8.0, location=None, contexts=[])
    st.save([make_result("a1", date="2024-01-12"), a2,
             make_result("a3", date="2024-03-01", events=[("CONSULT", "USA", "RUS", "2024-03-01")])])
    yield st
    st.close()


def _csv(store, schema, **filters) -> list[dict]:
    buf = io.StringIO()
    n = export_events(store, buf, format="csv", schema=schema, **filters)
    buf.seek(0)
    reader = csv.DictReader(buf)
    rows = list(reader)
    assert reader.fieldnames == HEADERS[schema]
    assert n == len(rows)
    return rows


@pytest.mark.parametrize("schema", sorted(HEADERS))
def test_csv_headers_are_exact_for_each_schema(store, schema):
    rows = _csv(store, schema)
    assert len(rows) == 4
    buf = io.StringIO()
    export_events(store, buf, format="csv", schema=schema)
    assert buf.getvalue().splitlines()[0] == ",".join(HEADERS[schema])


def test_communique_rows_flatten_the_event_record(store):
    rows = {r["event_id"]: r for r in _csv(store, "communique")}
    r = rows["a1-e0"]
    assert (r["type"], r["actor_names"], r["actor_codes"], r["recipient_names"], r["recipient_codes"]) == \
        ("CONSULT", "Antony Blinken", "USA", "Wang Yi", "CHN")
    assert (r["location_name"], r["lat"], r["lon"], r["source"], r["url"]) == \
        ("Washington", "38.9", "-77.0", "Reuters", "https://example.org/a1")
    assert r["confidence"] == "0.876" and r["topics"] == "US-China" and r["contexts"] == "diplomatic"
    s = rows["a2-e1"]
    assert s["actor_sectors"] == "MIL" and s["cameo"] == "" and s["location_name"] == "" and s["contexts"] == ""
    # events by date, partial dates sort as text
    assert list(rows) == ["a1-e0", "a2-e0", "a2-e1", "a3-e0"]


def test_gdelt_codes_quad_class_goldstein_and_counts(store):
    rows = {r["GLOBALEVENTID"]: r for r in _csv(store, "gdelt")}
    acc = rows["a2-e0"]
    assert (acc["EventCode"], acc["EventBaseCode"], acc["EventRootCode"]) == ("112", "112", "11")
    assert (acc["QuadClass"], acc["GoldsteinScale"]) == ("3", "-2.0")
    assert (acc["SQLDATE"], acc["Actor1Code"], acc["Actor1CountryCode"], acc["Actor2Code"]) == \
        ("20240120", "CHNGOV", "CHN", "USAGOV")
    assert acc["Actor1Name"] == "STATE CHN" and acc["AvgTone"] == ""
    assert (acc["NumMentions"], acc["NumSources"], acc["NumArticles"]) == ("1", "1", "1")   # no fusion yet
    assert acc["IsRootEvent"] == "1" and rows["a2-e1"]["IsRootEvent"] == "0"   # a2-e0 comes first in the text
    assert len(acc["DATEADDED"]) == 14 and acc["DATEADDED"].isdigit()
    assert acc["SOURCEURL"] == "https://example.org/a2"
    san = rows["a2-e1"]
    assert (san["SQLDATE"], san["Actor1Code"], san["Actor1Type1Code"]) == ("20240200", "USAMIL", "MIL")
    assert (san["EventCode"], san["EventRootCode"], san["QuadClass"], san["GoldsteinScale"]) == ("", "", "4", "-8.0")
    assert san["ActionGeo_FullName"] == "" and rows["a1-e0"]["ActionGeo_Lat"] == "38.9"
    # with fusion clusters the counts come from the cluster
    store.save_clusters([{"cluster_id": "c1", "type": "ACCUSE", "actor_codes": ["CHN"], "recipient_codes": ["USA"],
                          "num_mentions": 5, "num_articles": 3, "num_sources": 2,
                          "members": [{"event_id": "a2-e0", "article_id": "a2"}]}])
    acc = {r["GLOBALEVENTID"]: r for r in _csv(store, "gdelt")}["a2-e0"]
    assert (acc["NumMentions"], acc["NumSources"], acc["NumArticles"]) == ("5", "2", "3")


def test_icews_and_plover_values(store):
    ic = {r["Event ID"]: r for r in _csv(store, "icews")}["a1-e0"]
    assert (ic["Source Name"], ic["Source Country"], ic["Target Name"], ic["Target Country"]) == \
        ("Antony Blinken", "USA", "Wang Yi", "CHN")
    assert (ic["CAMEO Code"], ic["Intensity"], ic["Story ID"], ic["Publisher"], ic["City"]) == \
        ("042", "1.9", "a1", "Reuters", "Washington")
    assert ic["Event Text"] == "CONSULT (visit)" and ic["Sentence Number"] == ""
    pl = {r["event_id"]: r for r in _csv(store, "plover")}
    assert pl["a2-e1"]["story_date"] == "2024-01-20" and pl["a2-e1"]["event_type"] == "SANCTION"
    assert (pl["a2-e1"]["actor"], pl["a2-e1"]["actor_sector"], pl["a2-e1"]["recipient_country"]) == \
        ("State USA", "MIL", "CHN")
    assert pl["a1-e0"]["event_text"].startswith("US Secretary of State") and pl["a1-e0"]["context"] == "diplomatic"


def test_filters(store):
    def ids(**kw):
        return [r["event_id"] for r in _csv(store, "communique", **kw)]

    assert ids(dyad=("CHN", "USA")) == ["a1-e0", "a2-e0", "a2-e1"]
    assert ids(type="ACCUSE,SANCTION") == ["a2-e0", "a2-e1"]
    assert ids(start="2024-02") == ["a2-e1", "a3-e0"]
    assert ids(start="2024-02-01") == ["a3-e0"]                  # "2024-02" sorts before "2024-02-01"
    assert ids(end="2024-01") == ["a1-e0", "a2-e0"]
    assert ids(actor="RUS") == ["a3-e0"]
    assert ids(actor="blinken") == ["a1-e0"]


def test_jsonl_types_and_chunked_streaming(store):
    buf = io.StringIO()
    assert export_events(store, buf, format="jsonl", schema="gdelt") == 4
    rows = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert list(rows[0]) == HEADERS["gdelt"]
    acc = next(r for r in rows if r["GLOBALEVENTID"] == "a2-e0")
    assert acc["QuadClass"] == 3 and acc["GoldsteinScale"] == -2.0 and acc["AvgTone"] is None
    assert acc["NumArticles"] == 1
    # reading one event at a time gives the same rows as one big chunk
    assert list(iter_rows(store, "communique", chunk_size=1)) == list(iter_rows(store, "communique"))


def test_parquet_round_trip(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "sub" / "events.parquet"
    assert export_events(store, out, format="parquet", schema="gdelt", chunk_size=2) == 4
    table = pq.read_table(out)
    assert table.column_names == HEADERS["gdelt"]
    rows = {r["GLOBALEVENTID"]: r for r in table.to_pylist()}
    assert rows["a2-e0"]["EventRootCode"] == "11" and rows["a2-e0"]["QuadClass"] == 3
    assert rows["a2-e0"]["GoldsteinScale"] == -2.0 and rows["a2-e1"]["EventCode"] is None
    assert str(table.schema.field("QuadClass").type) == "int64"
    assert str(table.schema.field("ActionGeo_Lat").type) == "double"
    communique = pq.read_table(_write(store, tmp_path / "c.parquet", "communique")).to_pylist()
    assert [r["event_id"] for r in communique] == ["a1-e0", "a2-e0", "a2-e1", "a3-e0"]


def _write(store, path, schema):
    export_events(store, path, format="parquet", schema=schema)
    return path


def test_parquet_needs_a_path_and_pyarrow(store, tmp_path, monkeypatch):
    with pytest.raises(ValueError):
        export_events(store, None, format="parquet")
    monkeypatch.setitem(sys.modules, "pyarrow", None)          # as if pyarrow were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(RuntimeError, match="pyarrow"):
        export_events(store, tmp_path / "x.parquet", format="parquet")
    assert not (tmp_path / "x.parquet").exists()
    with pytest.raises(ValueError):
        export_events(store, io.StringIO(), format="xml")
    with pytest.raises(ValueError):
        export_events(store, io.StringIO(), schema="acled")


def _parser():
    p = argparse.ArgumentParser(prog="communique")
    register(p.add_subparsers(dest="cmd"))
    return p


def test_cli_export_writes_a_file(store, tmp_path, capsys):
    db = store.engine.url.database
    out = tmp_path / "out.csv"
    args = _parser().parse_args(["export", "--db", db, "--schema", "icews", "--dyad", "usa,chn",
                                 "--type", "ACCUSE", "--out", str(out)])
    assert args.func(args) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["Event ID"] for r in rows] == ["a2-e0"]
    assert "exported 1 event" in capsys.readouterr().err
    args = _parser().parse_args(["export", "--db", db, "--format", "jsonl", "--schema", "plover"])
    assert args.func(args) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 4 and json.loads(lines[0])["event_id"] == "a1-e0"
    args = _parser().parse_args(["export", "--db", db, "--format", "parquet"])
    assert args.func(args) == 2                                      # parquet needs --out
    args = _parser().parse_args(["export", "--db", str(tmp_path / "missing.db")])
    assert args.func(args) == 2
