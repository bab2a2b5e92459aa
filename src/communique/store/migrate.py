"""Schema migrations of the store (Alembic), run from Python or ``communique db upgrade``.

The migration scripts live inside the package (``communique/store/migrations``); no
``alembic.ini`` is needed.  Three kinds of database are handled:

- a new database: ``open_store`` creates the current schema and stamps it at the head
  revision; ``upgrade`` on an empty database runs every migration from the first;
- a database created before migrations existed (tables, but no ``alembic_version``):
  ``upgrade`` first completes it to the schema of revision 0001 (missing tables and indexes,
  nothing dropped or rewritten), stamps it 0001, then applies the later revisions;
- a versioned database: ``upgrade`` applies the revisions it lacks.

Developers add a revision with the ordinary Alembic tools, e.g.
``alembic -c <cfg> revision -m "..."`` with a config whose ``script_location`` is
``communique.store:migrations``, or by copying a file in ``migrations/versions``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASE_REVISION = "0001"       # the schema as it was when migrations were introduced


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """An Alembic ``Config`` for the package's migrations; ``url`` uses ``open_store`` rules
    (a plain path is a SQLite file), ``connection`` runs the migrations on that connection."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = url
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def head_revision() -> str:
    return script_directory().get_current_head()


def stamp_head(conn: Connection) -> None:
    """Record on ``conn`` (inside its transaction) that the database is at the head revision."""
    MigrationContext.configure(conn).stamp(script_directory(), "head")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as c:
        return MigrationContext.configure(c).get_current_revision()


def _legacy(engine: Engine) -> bool:
    with engine.connect() as c:
        names = set(inspect(c).get_table_names())
        if "articles" not in names:
            return False
        if "alembic_version" not in names:
            return True
        return MigrationContext.configure(c).get_current_revision() is None


def _complete_legacy(engine: Engine) -> list[str]:
    """Add to a pre-migration database the tables and indexes of revision 0001 it lacks."""
    from .schema import Base

    created: list[str] = []
    with engine.begin() as c:
        names = set(inspect(c).get_table_names())
        created += [t.name for t in Base.metadata.sorted_tables if t.name not in names]
        Base.metadata.create_all(c)
        insp = inspect(c)
        for table in Base.metadata.sorted_tables:
            have = {ix["name"] for ix in insp.get_indexes(table.name)}
            for ix in table.indexes:
                if ix.name not in have:
                    ix.create(c)
                    created.append(ix.name)
    return created


def upgrade(url: str | None = None, revision: str = "head") -> dict[str, Any]:
    """Bring the database at ``url`` up to ``revision``; returns what was done."""
    from .repository import make_engine

    engine = make_engine(url)
    try:
        before = current_revision(engine)
        completed: list[str] = []
        legacy = _legacy(engine)
        if legacy:
            completed = _complete_legacy(engine)
            with engine.begin() as c:
                MigrationContext.configure(c).stamp(script_directory(), BASE_REVISION)
        with engine.begin() as c:
            command.upgrade(alembic_config(connection=c), revision)
        after = current_revision(engine)
    finally:
        engine.dispose()
    return {"before": before, "after": after, "legacy": legacy, "completed": completed}


def current(url: str | None = None) -> dict[str, Any]:
    """The database's revision (None when it was never stamped) and the latest one available."""
    from .repository import make_engine

    engine = make_engine(url)
    try:
        rev = current_revision(engine)
        legacy = _legacy(engine)
    finally:
        engine.dispose()
    head = head_revision()
    return {"current": rev, "head": head, "legacy": legacy, "up_to_date": rev == head}


# --------------------------------------------------------------------------- command line

def cmd_upgrade(args) -> int:
    if args.db and "://" not in args.db and not Path(args.db).exists():
        print(f"communique: database {args.db} does not exist", file=sys.stderr)
        return 2
    r = upgrade(args.db, args.revision)
    note = " (pre-migration database: stamped at 0001 first" + \
        (f", added {', '.join(r['completed'])}" if r["completed"] else "") + ")" if r["legacy"] else ""
    print(f"database {args.db or 'communique.db'}: {r['before'] or 'unversioned'} -> {r['after']}{note}")
    return 0


def cmd_current(args) -> int:
    if args.db and "://" not in args.db and not Path(args.db).exists():
        print(f"communique: database {args.db} does not exist", file=sys.stderr)
        return 2
    r = current(args.db)
    state = "up to date" if r["up_to_date"] else \
        ("created before migrations: run `communique db upgrade`" if r["legacy"] else "run `communique db upgrade`")
    print(f"current: {r['current'] or 'none'}  head: {r['head']}  ({state})")
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``communique db upgrade`` and ``communique db current``."""
    p = subparsers.add_parser("db", help="database schema migrations (upgrade, current)",
                              description="Schema migrations of the communique database (Alembic).")
    sub = p.add_subparsers(dest="db_cmd", metavar="ACTION", required=True)
    db_help = "a SQLite file path (default communique.db) or a postgresql:// URL"
    sp = sub.add_parser("upgrade", help="apply the migrations the database lacks",
                        description="Upgrade the database schema to the latest revision. A database "
                                    "created before migrations is completed and stamped first; no data is lost.")
    sp.add_argument("--db", default=None, help=db_help)
    sp.add_argument("--revision", default="head", help="target revision (default: head)")
    sp.set_defaults(func=cmd_upgrade)
    sp = sub.add_parser("current", help="show the database's schema revision")
    sp.add_argument("--db", default=None, help=db_help)
    sp.set_defaults(func=cmd_current)


__all__ = ["alembic_config", "current", "head_revision", "register", "stamp_head", "upgrade"]
