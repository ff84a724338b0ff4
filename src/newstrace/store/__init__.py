"""Store stage: documents and their extractions in SQLite or any SQLAlchemy database."""

from newstrace.store.store import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
