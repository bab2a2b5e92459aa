"""The store's core behaviour against a real PostgreSQL server.

A throwaway cluster is created under a temporary directory for the test session
(``initdb --no-sync``, trust authentication, a free port on 127.0.0.1) and stopped at the end.
When running as root, the server runs as the ``postgres`` user through ``runuser``.
The tests are skipped when the PostgreSQL server binaries or psycopg are not installed.
"""
from __future__ import annotations

import glob
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import communique  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sqlalchemy.exc import IntegrityError
from test_store import TEXT, counts, make_result

from communique.model import Rejected
from communique.store import open_store
from communique.store.schema import Base


def _pg_bindir() -> Path | None:
    def version(p: str) -> tuple:
        return tuple(int(x) for x in re.findall(r"\d+", Path(p).parent.parent.name))

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_url():
    pytest.importorskip("psycopg", reason="psycopg (v3) is not installed: pip install 'psycopg[binary]'")
    import psycopg

    bindir = _pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) not found; "
                    "install them with: apt-get install -y postgresql")
    prefix: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="communique-pg-"))
    if os.geteuid() == 0:                      # initdb refuses to run as root
        import pwd
        try:
            pw = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(tmp, ignore_errors=True)
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        if not shutil.which("runuser"):
            shutil.rmtree(tmp, ignore_errors=True)
            pytest.skip("running as root and runuser is not available")
        os.chown(tmp, pw.pw_uid, pw.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]

    data, log = tmp / "data", tmp / "server.log"
    port = _free_port()

    def run(*args: str) -> None:
        proc = subprocess.run([*prefix, *args], check=False, capture_output=True, text=True, timeout=120)
        if proc.returncode != 0:
            server_log = log.read_text(errors="replace") if log.exists() else ""
            pytest.fail(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}\n{server_log}")

    started = False
    try:
        run(str(bindir / "initdb"), "-D", str(data), "--no-sync", "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--locale=C")
        run(str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w", "-t", "60",
            "-o", f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1", "start")
        started = True
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{port}/postgres", autocommit=True) as con:
            con.execute("CREATE DATABASE communique_test")
        yield f"postgresql://postgres@127.0.0.1:{port}/communique_test"
    finally:
        if started:
            subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "-w",
                            "stop"], check=False, capture_output=True, timeout=120)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def store(pg_url):
    st = open_store(pg_url)
    yield st
    Base.metadata.drop_all(st.engine)       # each test starts from empty tables
    st.close()


def test_uses_postgres_with_psycopg(store):
    assert store.engine.dialect.name == "postgresql"
    assert store.engine.driver == "psycopg"


def test_round_trip_event_with_both_sides_and_location(store):
    result = make_result(title="Blinken meets Wang — «candid» talks in Kyiv’s shadow")
    stats = store.save([result])
    assert (stats.articles, stats.events, stats.mentions, stats.quotes, stats.actors) == (1, 1, 2, 1, 2)
    [rec] = store.events()
    expected = result.events[0].to_dict()
    expected.update(source="Reuters", title=result.article.title)
    assert rec == expected
    assert store.article("a1")["text"] == result.article.body       # non-ASCII survives
    [q] = store.quotes(speaker="BLINKEN")
    assert q["speaker"]["kb_id"] == "Q1" and q["kind"] == "direct"


def test_resave_is_skipped_and_changed_text_replaces(store):
    store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-12"),
                                          ("COOPERATE", "USA", "CHN", "2024-01-12")])])
    before = counts(store)
    assert store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-12"),
                                                 ("COOPERATE", "USA", "CHN", "2024-01-12")])]).duplicates == 1
    assert counts(store) == before
    stats = store.save([make_result("a1", text=TEXT.replace("candid", "frank"),
                                    events=[("ACCUSE", "CHN", "USA", "2024-01-13")])])
    assert stats.replaced == 1
    assert [e["type"] for e in store.events()] == ["ACCUSE"]
    assert counts(store)["articles"] == 1 and counts(store)["actors"] == before["actors"]


def test_filters(store):
    store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-05"),
                                          ("ACCUSE", "CHN", "USA", "2024-02-10")]),
                make_result("a2", source="TASS", events=[("THREATEN", "RUS", "UKR", "2024-03-15")])])

    def ids(**kw):
        return [e["event_id"] for e in store.events(**kw)]

    assert ids(dyad=("USA", "CHN")) == ids(dyad=("CHN", "USA")) == ["a1-e0", "a1-e1"]
    assert ids(start="2024-02-01", end="2024-02-29") == ["a1-e1"]
    assert ids(end="2024-02") == ["a1-e0", "a1-e1"]
    assert ids(actor="wang yi") == ["a1-e0"]
    assert ids(actor="ukr") == ["a2-e0"]
    assert ids(source="TASS") == ["a2-e0"]
    assert ids(type="THREATEN") == ["a2-e0"]


def test_failure_mid_batch_rolls_back_whole_batch(store):
    store.save([make_result("a1")])
    before = counts(store)
    bad = make_result("b2")
    bad.events[0].type = None
    with pytest.raises(IntegrityError):
        store.save([make_result("b1", events=[("CONSULT", "USA", "FRA", "2024-01-01")]), bad])
    assert counts(store) == before
    assert store.article_ids() == {"a1"}
    assert store.save([make_result("b1")]).articles == 1


def test_summary(store):
    store.save([make_result("a1", events=[("CONSULT", "blinken", "wang", "2024-01-12"),
                                          ("ACCUSE", "CHN", "USA", "2024-01-20")]),
                make_result("a2", date="2024-02-01", events=[("THREATEN", "RUS", "UKR", "2024-02-03")])])
    store.record_rejected([Rejected("bad.html", "empty text")])
    s = store.summary()
    assert (s["articles"], s["events"], s["actors"], s["mentions"], s["quotes"], s["rejected"]) == \
        (2, 3, 6, 4, 2, 1)
    assert s["events_by_type"] == {"ACCUSE": 1, "CONSULT": 1, "THREATEN": 1}
    assert s["top_dyads"] == [{"dyad": ["CHN", "USA"], "events": 2}, {"dyad": ["RUS", "UKR"], "events": 1}]
    assert s["date_range"] == {"start": "2024-01-12", "end": "2024-02-03"}
