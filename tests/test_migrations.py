"""Schema migrations (communique.store.migrate): new databases, pre-migration databases, PostgreSQL."""
from __future__ import annotations

import argparse
import sqlite3
import sys
import uuid
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
try:
    import communique  # noqa: F401
except ImportError:  # running from a checkout without `pip install -e .`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from alembic import command
from sqlalchemy import create_engine, inspect, text
from test_store import counts, make_result

from communique.store import migrate, open_store
from communique.store import queries as Q
from communique.store.repository import Store, make_engine
from communique.store.schema import Base

try:  # a throwaway PostgreSQL server, shared with the store tests
    from test_store_postgres import pg_url  # noqa: F401
except ImportError:  # pragma: no cover
    pass

HEAD = "0003"


def sqlite_objects(path) -> set[tuple[str, str]]:
    con = sqlite3.connect(path)
    try:
        return {(t, n) for t, n in con.execute("SELECT type, name FROM sqlite_master")}
    finally:
        con.close()


def columns(engine) -> dict[str, list[tuple]]:
    insp = inspect(engine)
    return {t: [(c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t)]
            for t in sorted(insp.get_table_names()) if t != "alembic_version" and "_fts" not in t}


def legacy_sqlite(path) -> Store:
    """A database as created before migrations: create_all only, without the fusion tables and
    one of the later indexes, holding data."""
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine, tables=[t for t in Base.metadata.sorted_tables
                                             if t.name not in ("event_cluster_members", "event_clusters",
                                                               "story_clusters")])
    with engine.begin() as c:
        c.execute(text("DROP INDEX ix_events_dyad"))
    st = Store(engine)
    st.save([make_result("a1"), make_result("a2", text=make_result().article.text.replace(
        "in Washington", "in Washington about semiconductor sanctions"))])
    return st


def test_head_revision_is_the_last_file():
    assert migrate.head_revision() == HEAD


def test_new_sqlite_store_is_stamped_at_head(tmp_path):
    path = tmp_path / "new.db"
    open_store(str(path)).close()
    r = migrate.current(str(path))
    assert r == {"current": HEAD, "head": HEAD, "legacy": False, "up_to_date": True}
    # upgrading it again changes nothing
    assert migrate.upgrade(str(path))["before"] == HEAD == migrate.current(str(path))["current"]
    with open_store(str(path)) as st:                    # reopening keeps the stamp and the data path
        st.save([make_result("a1")])
        assert counts(st)["events"] == 1
    assert migrate.current(str(path))["current"] == HEAD


def test_migrations_from_empty_build_the_same_schema_as_open_store(tmp_path):
    migrated, created = tmp_path / "migrated.db", tmp_path / "created.db"
    r = migrate.upgrade(str(migrated))
    assert (r["before"], r["after"], r["legacy"]) == (None, HEAD, False)
    open_store(str(created)).close()
    assert sqlite_objects(migrated) == sqlite_objects(created)
    assert columns(make_engine(str(migrated))) == columns(make_engine(str(created)))
    # and the migrated database works as a store, full-text search included
    with open_store(str(migrated)) as st:
        st.save([make_result("a1")])
        assert Q.fts_kind(st) == "sqlite"
        assert [e["event_id"] for e in Q.search(st, "candid talks")["events"]] == []     # not in the sentence
        assert [e["event_id"] for e in Q.search(st, "Washington")["events"]] == ["a1-e0"]


def test_downgrade_to_0001_removes_full_text_search_and_upgrade_restores_it(tmp_path):
    path = tmp_path / "d.db"
    with open_store(str(path)) as st:
        st.save([make_result("a1")])
    command.downgrade(migrate.alembic_config(url=str(path)), "0001")
    assert migrate.current(str(path))["current"] == "0001"
    assert not any("_fts" in name for _, name in sqlite_objects(path))
    migrate.upgrade(str(path))
    with open_store(str(path)) as st:                     # the rebuild indexed the stored event
        assert [e["event_id"] for e in Q.search(st, "Washington")["events"]] == ["a1-e0"]


def test_legacy_sqlite_database_is_completed_stamped_and_upgraded(tmp_path):
    path = tmp_path / "legacy.db"
    st = legacy_sqlite(path)
    before = counts(st)
    st.close()
    # open_store on it behaves as before: tables added, no stamp, no full-text objects
    with open_store(str(path)) as st:
        assert Q.fts_kind(st) is None
        assert [e["event_id"] for e in Q.search_events(st, q="semiconductor")["items"]] == ["a2-e0"]
    r = migrate.current(str(path))
    assert r["current"] is None and r["legacy"] and not r["up_to_date"]

    r = migrate.upgrade(str(path))
    assert (r["before"], r["after"], r["legacy"]) == (None, HEAD, True)
    assert "ix_events_dyad" in r["completed"]
    assert migrate.current(str(path))["current"] == HEAD
    objects = {name for _, name in sqlite_objects(path)}
    assert {"ix_events_dyad", "articles_fts", "events_fts", "events_fts_ai"} <= objects
    with open_store(str(path)) as st:
        assert counts(st) == before                                    # no data lost
        assert Q.fts_kind(st) == "sqlite"
        assert [e["event_id"] for e in Q.search(st, "semiconductor")["events"]] == ["a2-e0"]   # old rows indexed
        st.save([make_result("a3", text=make_result().article.text.replace("in Washington", "in Geneva"))])
        assert [e["event_id"] for e in Q.search(st, "geneva")["events"]] == ["a3-e0"]       # new rows too
    assert migrate.upgrade(str(path))["legacy"] is False                # a second run has nothing to do


def _parser():
    p = argparse.ArgumentParser(prog="communique")
    migrate.register(p.add_subparsers(dest="cmd"))
    return p


def test_db_commands(tmp_path, capsys):
    path = tmp_path / "cli.db"
    legacy_sqlite(path).close()
    args = _parser().parse_args(["db", "current", "--db", str(path)])
    assert args.func(args) == 0
    assert "current: none" in capsys.readouterr().out
    args = _parser().parse_args(["db", "upgrade", "--db", str(path)])
    assert args.func(args) == 0
    out = capsys.readouterr().out
    assert f"unversioned -> {HEAD}" in out and "pre-migration" in out
    args = _parser().parse_args(["db", "current", "--db", str(path)])
    assert args.func(args) == 0
    assert f"current: {HEAD}  head: {HEAD}  (up to date)" in capsys.readouterr().out
    args = _parser().parse_args(["db", "upgrade", "--db", str(tmp_path / "missing.db")])
    assert args.func(args) == 2


# --------------------------------------------------------------------------- PostgreSQL

@pytest.fixture
def pg_db(pg_url):
    """A fresh, empty database on the throwaway server; dropped afterwards."""
    import psycopg

    admin = pg_url.rsplit("/", 1)[0] + "/postgres"
    name = "mig_" + uuid.uuid4().hex[:10]
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    yield pg_url.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _pg_indexes(url) -> set[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as c:
            return set(c.execute(text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).scalars())
    finally:
        engine.dispose()


def test_postgres_fresh_database_upgrades_to_head(pg_db):
    r = migrate.upgrade(pg_db)
    assert (r["before"], r["after"]) == (None, HEAD)
    assert {"ix_events_fts", "ix_articles_fts", "ix_articles_title_fts", "ix_events_multicode"} <= _pg_indexes(pg_db)
    with open_store(pg_db) as st:
        st.save([make_result("a1")])
        assert Q.fts_kind(st) == "postgresql"
        assert [e["event_id"] for e in Q.search(st, "washington")["events"]] == ["a1-e0"]
    assert migrate.current(pg_db)["up_to_date"]


def test_postgres_new_store_is_stamped_and_matches_migrations(pg_db, pg_url):
    with open_store(pg_db) as st:
        st.save([make_result("a1")])
    assert migrate.current(pg_db)["current"] == HEAD
    created = _pg_indexes(pg_db)
    # a database built by the migrations has the same indexes and columns
    import psycopg
    admin = pg_url.rsplit("/", 1)[0] + "/postgres"
    other = pg_db + "_m"
    with psycopg.connect(admin, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {other.rsplit('/', 1)[1]}")
    try:
        migrate.upgrade(other)
        assert _pg_indexes(other) == created
        e1, e2 = make_engine(pg_db), make_engine(other)
        assert columns(e1) == columns(e2)
        e1.dispose()
        e2.dispose()
    finally:
        with psycopg.connect(admin, autocommit=True) as con:
            con.execute(f"DROP DATABASE IF EXISTS {other.rsplit('/', 1)[1]} WITH (FORCE)")


def test_postgres_legacy_database_is_stamped_and_upgraded(pg_db):
    engine = make_engine(pg_db)
    Base.metadata.create_all(engine)                      # as before migrations
    st = Store(engine)
    st.save([make_result("a1"), make_result("a2")])
    before = counts(st)
    st.close()
    r = migrate.upgrade(pg_db)
    assert (r["before"], r["after"], r["legacy"]) == (None, HEAD, True)
    assert "ix_events_fts" in _pg_indexes(pg_db)
    with open_store(pg_db) as st:
        assert counts(st) == before
        assert {e["event_id"] for e in Q.search(st, "washington")["events"]} == {"a1-e0", "a2-e0"}


def test_store_at_0002_gets_the_via_column_on_open_and_upgrades(tmp_path):
    path = tmp_path / "old.db"
    with open_store(str(path)) as st:
        st.save([make_result("a1")])
    command.downgrade(migrate.alembic_config(url=str(path)), "0002")
    cols = lambda: {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(event_actors)")}  # noqa: E731
    assert "via" not in cols()
    with open_store(str(path)) as st:             # saving works before the upgrade
        assert "via" in cols()
        st.save([make_result("a2")])
        assert counts(st)["events"] == 2
    assert migrate.upgrade(str(path))["after"] == HEAD
    assert migrate.current(str(path))["up_to_date"]
