"""HTTP API and dashboard server: ``create_app(db_url, write_token)``; ``serve`` CLI subcommand."""
