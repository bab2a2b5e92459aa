"""The ``communique serve`` subcommand: the HTTP API and the dashboard under uvicorn.

``register(subparsers)`` adds the subcommand to the command-line parser (``cli.build_parser``).
The server binds to 127.0.0.1 unless told otherwise; it is read-only unless a write token is
given (``--write-token`` or ``$COMMUNIQUE_WRITE_TOKEN``), which enables ``POST /api/ingest``.
"""
from __future__ import annotations

import argparse
import os
import sys


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        import uvicorn
    except ImportError as e:                      # pragma: no cover - depends on the install
        raise RuntimeError("the web server needs uvicorn and fastapi: pip install 'communique[web]'") from e
    from .app import create_app

    token = args.write_token or os.environ.get("COMMUNIQUE_WRITE_TOKEN") or None
    app = create_app(args.db, write_token=token)
    mode = "read-write (POST /api/ingest needs the token)" if token else "read-only"
    print(f"communique: serving {app.state.store.url} at http://{args.host}:{args.port}/ ({mode}); "
          f"API docs at /docs", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    return 0


def register(subparsers) -> argparse.ArgumentParser:
    """Add ``serve`` to an argparse sub-parsers object; returns the new parser."""
    sp = subparsers.add_parser("serve", help="serve the HTTP API and the dashboard",
                               description="Serve the JSON API (/api, OpenAPI at /docs) and the dashboard (/) "
                                           "over a communique database.")
    sp.add_argument("--db", default=None, help="database: a SQLite file path (default communique.db) "
                                               "or a postgresql:// URL")
    sp.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only)")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--write-token", default=None,
                    help="enable POST /api/ingest for clients sending 'Authorization: Bearer TOKEN' "
                         "(default: $COMMUNIQUE_WRITE_TOKEN; without one the server is read-only)")
    sp.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    sp.set_defaults(func=cmd_serve)
    return sp


__all__ = ["cmd_serve", "register"]
