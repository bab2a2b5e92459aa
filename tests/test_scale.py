"""Scale-out: the batch function, local multi-process ingest, and the Dask job."""
from __future__ import annotations

import json
import numbers
from pathlib import Path

import pytest

from communique.model import ActorRef, Rejected
from communique.scale.batch import SCHEMAS, TABLES, process_records, rows_to_results
from communique.sources import read_inputs

DEMO = Path(__file__).resolve().parents[1] / "src" / "communique" / "data" / "demo" / "demo_articles.jsonl"
N = 40


def event_key(e: dict) -> tuple:
    return (e["event_id"], e["article_id"], e["type"], e["cameo"], e["date"], e["sentence"],
            tuple(_code(a) for a in e["actors"]), tuple(_code(a) for a in e["recipients"]))


def _code(a: dict) -> str:
    """The code as the database keeps it: an armed group's knowledge-base code, not the article's
    spelling of it (ActorRef.key)."""
    return ActorRef(name=a.get("name"), code=a.get("code"), kb_id=a.get("kb_id")).key or ""


WORLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "world_news_2017.jsonl.gz"
N_WORLD = 200     # with ../shared present the sample is a few hundred real articles


def sample_lines() -> list[str]:
    lines = [ln for ln in DEMO.read_text(encoding="utf-8").splitlines() if ln.strip()][:N]
    if WORLD.exists():
        import gzip
        with gzip.open(WORLD, "rt", encoding="utf-8") as f:
            for ln in f:
                rec = json.loads(ln)
                if (rec.get("text") or "").strip():
                    lines.append(json.dumps(rec, ensure_ascii=False))
                if len(lines) >= N + N_WORLD:
                    break
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    lines = sample_lines()
    path = tmp_path_factory.mktemp("scale") / "sample.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def reference(corpus, pipeline):
    """Events of the single-process pipeline on the sample."""
    arts = [a for a in read_inputs([str(corpus)]) if not isinstance(a, Rejected)]
    assert len(arts) == len(corpus.read_text(encoding="utf-8").splitlines())
    results = list(pipeline.process_many(arts))
    return results, sorted(event_key(e.to_dict()) for r in results for e in r.events)


def test_process_records_round_trip(corpus, reference):
    results, _ = reference
    records = [json.loads(ln) for ln in corpus.read_text(encoding="utf-8").splitlines()[:6]]
    records.append({"id": "empty", "text": "   "})
    tables = process_records(records)
    assert set(tables) == set(TABLES)
    assert [r["id"] for r in tables["articles"]] == [r["id"] for r in records[:6]]
    assert [r["origin"] for r in tables["rejected"]] == ["records:7"]
    assert tables["events"], "the demo articles have events"
    # flat: every value is a scalar and every column is declared in SCHEMAS
    for t in TABLES:
        for row in tables[t]:
            assert set(row) == set(SCHEMAS[t]), t
            for k, v in row.items():
                assert v is None or isinstance(v, (str, numbers.Number)), (t, k, v)
                if SCHEMAS[t][k] == "json":
                    json.loads(v)
    back = rows_to_results(tables)
    expected = results[:6]
    assert [r.article.id for r in back] == [r.article.id for r in expected]
    for got, exp in zip(back, expected):
        assert got.events == exp.events
        assert got.mentions == exp.mentions
        assert got.quotes == exp.quotes
        assert got.topics == exp.topics
        assert got.article.body == exp.article.body
        assert got.article.content_hash == exp.article.content_hash


def test_parallel_ingest_matches_single_process_and_resumes(corpus, reference, tmp_path):
    n = len(corpus.read_text(encoding="utf-8").splitlines())
    from communique.scale.parallel import count_records, ingest_parallel
    from communique.store import open_store

    _, ref = reference
    assert count_records([str(corpus)]) == n
    db = str(tmp_path / "par.db")
    first = ingest_parallel([str(corpus)], db, workers=2, batch_size=8, progress=False)
    assert first["articles"] == n and first["skipped"] == 0 and first["workers"] == 2
    with open_store(db) as store:
        stored = sorted(event_key(e) for e in store.events(limit=100_000))
    assert stored == ref
    assert first["events"] == len(ref)

    again = ingest_parallel([str(corpus)], db, workers=2, progress=False)
    assert again["articles"] == 0 and again["events"] == 0 and again["skipped"] == n
    with open_store(db) as store:
        assert store.summary()["events"] == len(ref)
        assert len(store.article_ids()) == n


def test_dask_job_writes_parquet_and_load_fills_the_database(corpus, reference, tmp_path):
    n = len(corpus.read_text(encoding="utf-8").splitlines())
    pytest.importorskip("dask.distributed")
    pytest.importorskip("pyarrow")
    from communique.scale.dask_job import load_output, read_table, run_distributed
    from communique.store import open_store

    _, ref = reference
    out = tmp_path / "out"
    res = run_distributed([str(corpus)], str(out), partitions=3, progress=False)
    assert res["articles"] == n and res["partitions"] == 3
    events = read_table(out, "events").to_pylist()
    assert len(events) == len(ref)
    got = sorted((e["event_id"], e["article_id"], e["type"], e["cameo"], e["date"], e["sentence"],
                  tuple(_code(a) for a in json.loads(e["actors"])),
                  tuple(_code(a) for a in json.loads(e["recipients"]))) for e in events)
    assert got == ref
    assert len(read_table(out, "articles")) == n
    try:
        import communique.fusion.events  # noqa: F401
        assert (out / "clusters.parquet").exists()
    except ImportError:
        assert "skipped" in res["fusion"]

    db = str(tmp_path / "loaded.db")
    loaded = load_output(out, db)
    assert loaded["articles"] == n and loaded["events"] == len(ref)
    with open_store(db) as store:
        assert sorted(event_key(e) for e in store.events(limit=100_000)) == ref
    assert load_output(out, db)["duplicates"] == n        # loading twice adds nothing
