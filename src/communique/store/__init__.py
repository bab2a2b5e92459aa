"""Storage of extracted results over SQLAlchemy: a SQLite file by default, PostgreSQL by URL.

The store takes ``ArticleResult`` records (see ``communique.model``) and knows nothing of
the NLP stages.  ``open_store(url)`` returns a ``Store``.
"""
from .repository import SaveStats, Store, open_store

__all__ = ["SaveStats", "Store", "open_store"]
