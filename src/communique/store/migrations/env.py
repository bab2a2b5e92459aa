"""Alembic environment of the communique store (used by ``communique.store.migrate``).

The target metadata is the package's schema; the connection comes from
``config.attributes["connection"]`` when given, else from ``config.attributes["url"]``
(``open_store`` rules) or the ``sqlalchemy.url`` option.
"""
from __future__ import annotations

from alembic import context

from communique.store.schema import Base

config = context.config
target_metadata = Base.metadata

# Full-text search objects are made by raw DDL (migration 0002), not by the metadata.
_FTS_NAMES = {"ix_events_fts", "ix_articles_fts", "ix_articles_title_fts"}


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    if type_ == "table" and name and ("_fts" in name or name == "alembic_version"):
        return False
    return not (type_ == "index" and name in _FTS_NAMES)


def _configure(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      include_object=include_object,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_offline() -> None:
    context.configure(url=config.attributes.get("url") or config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True,
                      dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        return
    from communique.store.repository import make_engine

    engine = make_engine(config.attributes.get("url") or config.get_main_option("sqlalchemy.url"))
    try:
        with engine.connect() as connection:
            _configure(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
