"""``communique export``: stored events to CSV, JSON Lines or Parquet (see docs/exports.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def cmd_export(args) -> int:
    from ..store import open_store
    from .formats import export_events

    if args.db and "://" not in args.db and not Path(args.db).exists():
        print(f"communique: database {args.db} does not exist (run `communique ingest` first)", file=sys.stderr)
        return 2
    dyad = None
    if args.dyad:
        dyad = tuple(c.strip() for c in args.dyad.replace("-", ",").split(",") if c.strip())
        if len(dyad) != 2:
            print("communique: --dyad takes two codes, e.g. USA,CHN", file=sys.stderr)
            return 2
    if args.format == "parquet" and not args.out:
        print("communique: --format parquet needs --out PATH", file=sys.stderr)
        return 2
    with open_store(args.db) as store:
        n = export_events(store, args.out, format=args.format, schema=args.schema, actor=args.actor,
                          dyad=dyad, type=args.type, start=args.start, end=args.end)
    if args.out:
        print(f"exported {n} event(s) as {args.schema} {args.format} -> {args.out}", file=sys.stderr)
    return 0


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``communique export``."""
    from .formats import FORMATS, SCHEMAS

    sp = subparsers.add_parser(
        "export", help="write stored events as CSV, JSON Lines or Parquet (communique, GDELT, ICEWS, PLOVER columns)",
        description="Export stored events in the communique column set or in GDELT-, ICEWS- or PLOVER-like "
                    "layouts (docs/exports.md). Rows are streamed, so large databases export in constant memory.")
    sp.add_argument("--db", default=None, help="a SQLite file path (default communique.db) or a postgresql:// URL")
    sp.add_argument("--format", choices=FORMATS, default="csv", help="output format (default csv)")
    sp.add_argument("--schema", choices=list(SCHEMAS), default="communique", help="column set (default communique)")
    sp.add_argument("--out", default=None, help="output file (default: standard output; required for parquet)")
    sp.add_argument("--actor", help="actor code (USA) or part of a name, either side")
    sp.add_argument("--dyad", help="two codes, order-free: USA,CHN")
    sp.add_argument("--type", help="PLOVER type(s), comma-separated: CONSULT,ACCUSE")
    sp.add_argument("--start", help="first date (YYYY-MM-DD)")
    sp.add_argument("--end", help="last date (YYYY-MM-DD, or YYYY-MM / YYYY for a whole month / year)")
    sp.set_defaults(func=cmd_export)


__all__ = ["cmd_export", "register"]
