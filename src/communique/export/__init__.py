"""Exports of stored events to CSV, JSON Lines or Parquet, in the communique column set or in
GDELT-, ICEWS- and PLOVER/POLECAT-like layouts (see docs/exports.md).

``export_events(store, out, format="csv", schema="communique", **filters)`` writes a file;
``iter_rows(store, schema, **filters)`` yields the flattened rows, streaming the database.
"""
from .formats import FORMATS, SCHEMAS, columns, export_events, iter_rows

__all__ = ["FORMATS", "SCHEMAS", "columns", "export_events", "iter_rows"]
