"""The command line, run as a user would run it (subprocess, real files, real SQLite)."""
import json
import subprocess
import sys

import pytest

CLI = [sys.executable, "-m", "communique.cli"]


def run(*args, input=None, cwd=None):
    p = subprocess.run(CLI + list(args), capture_output=True, text=True, input=input, cwd=cwd, timeout=600)
    return p.returncode, p.stdout, p.stderr


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("corpus")
    (d / "a1.txt").write_text(
        "date 2023-06-19 https://example.org/a1\n\nBlinken meets Xi in Beijing\n\n"
        "BEIJING — US Secretary of State Antony Blinken met Chinese President Xi Jinping in Beijing on Monday.\n"
        "\"We are making progress,\" Blinken said.\n", encoding="utf-8")
    (d / "a2.jsonl").write_text("\n".join([
        json.dumps({"id": "j1", "date": "2022-02-25", "source": "Test Wire", "title": "Invasion",
                    "text": "Russian forces attacked Ukraine on Thursday. NATO condemned Russia."}),
        "{not json",
        json.dumps({"id": "j2", "date": "2022-03-02", "text": ""}),
    ]) + "\n", encoding="utf-8")
    (d / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    return d


def test_help_lists_commands():
    code, out, _ = run("--help")
    assert code == 0
    for c in ("extract", "ingest", "events", "demo", "eval", "kb"):
        assert c in out


def test_extract_events_contract_and_bad_inputs_skipped(corpus):
    code, out, err = run("extract", str(corpus), "-q")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows, err
    for r in rows:
        for k in ("event_id", "article_id", "type", "mode", "contexts", "cameo", "goldstein", "intensity",
                  "actors", "recipients", "date", "date_precision", "location", "status", "topics",
                  "sentence", "evidence", "confidence", "extractor"):
            assert k in r
        for a in r["actors"] + r["recipients"]:
            assert set(a) >= {"name", "code", "sector", "role", "kb_id", "text", "start", "end"}
    assert {r["article_id"] for r in rows} >= {"a1", "j1"}
    # bad inputs are reported with a reason and do not stop the batch
    assert "binary.txt" in err and "line 2" in err
    # evidence offsets point into the analysed text
    consult = [r for r in rows if r["article_id"] == "a1" and r["type"] == "CONSULT"]
    assert consult and consult[0]["date"] == "2023-06-19"


def test_extract_quotes_and_actors(corpus):
    code, out, _ = run("extract", str(corpus / "a1.txt"), "--what", "quotes", "-q")
    quotes = [json.loads(line) for line in out.splitlines()]
    assert any(q["text"].startswith("We are making progress") and q["speaker"]["name"] == "Antony Blinken"
               for q in quotes)
    for q in quotes:
        assert set(q) >= {"article_id", "speaker", "addressee", "text", "kind", "start", "end"}
    code, out, _ = run("extract", str(corpus / "a1.txt"), "--what", "actors", "-q")
    actors = [json.loads(line) for line in out.splitlines()]
    assert {"Antony Blinken", "Xi Jinping"} <= {a["name"] for a in actors}
    for a in actors:
        assert set(a) >= {"article_id", "name", "code", "sector", "role", "kb_id"}


def test_extract_from_stdin():
    code, out, _ = run("extract", "-", "-q", input="Iran accused Israel of attacking its embassy.\n")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert any(r["type"] == "ACCUSE" for r in rows)


def test_ingest_twice_does_not_duplicate_and_events_filters(corpus, tmp_path):
    db = str(tmp_path / "t.db")
    code, out, err = run("ingest", str(corpus), "--db", db, "-q")
    assert code == 0, err
    code, out1, _ = run("events", "--db", db, "--format", "jsonl", "--limit", "1000")
    n1 = len(out1.splitlines())
    assert n1 > 0
    code, out, _ = run("ingest", str(corpus), "--db", db, "-q")
    assert "already stored" in out
    code, out2, _ = run("events", "--db", db, "--format", "jsonl", "--limit", "1000")
    assert len(out2.splitlines()) == n1
    code, out, _ = run("events", "--db", db, "--dyad", "CHN,USA", "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert rows and all({"USA", "CHN"} <= {a["code"] for a in r["actors"] + r["recipients"]} for r in rows)
    code, out, _ = run("events", "--db", db, "--type", "ASSAULT", "--format", "jsonl")
    assert all(json.loads(line)["type"] == "ASSAULT" for line in out.splitlines())
    code, out, _ = run("events", "--db", db, "--start", "2023-01-01", "--format", "jsonl")
    assert all(json.loads(line)["date"] >= "2023-01-01" for line in out.splitlines())
    code, out, _ = run("events", "--db", db, "--actor", "Blinken")
    assert "Blinken" in out


def test_events_on_missing_database_is_a_clear_error(tmp_path):
    code, _, err = run("events", "--db", str(tmp_path / "nope.db"))
    assert code == 2 and "does not exist" in err


def test_demo_runs_and_summarises(tmp_path):
    code, out, err = run("demo", "--db", str(tmp_path / "demo.db"), "-q", cwd=tmp_path)
    assert code == 0, err
    assert "Stored" in out and "events" in out


def test_eval_on_seeds(shared):
    ev = shared / "eval" / "events"
    code, out, err = run("eval", "--articles", str(ev / "seeds_articles.jsonl"),
                         "--gold", str(ev / "seeds_gold.jsonl"), "--json", "-q")
    assert code == 0, err
    res = json.loads(out)
    assert res["events"]["gold_core"] == 12
    assert res["events"]["core_recall"] is not None
    assert res["actors"]["misspelled_recall"] == 1.0


def test_kb_stats():
    code, out, _ = run("kb", "stats")
    assert code == 0 and "people" in out
