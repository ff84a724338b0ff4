"""The synthetic store the view and API benchmarks read (bench/synthetic.py) is indexed for
full-text search as ingest indexes a store, so a benchmark's searches read a real index."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import func, select

from newstrace.store.schema import documents, quotes, search_rows

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
try:
    from synthetic import build
finally:
    sys.path.pop(0)


def test_every_synthetic_document_and_statement_is_in_the_search_index(tmp_path: Path) -> None:
    store = build(str(tmp_path / "synthetic.db"), 30)
    with store.engine.connect() as conn:
        stored = {kind: conn.execute(select(func.count()).select_from(table)).scalar_one()
                  for kind, table in (("document", documents), ("statement", quotes))}
        indexed = dict(conn.execute(select(search_rows.c.kind, func.count())
                                    .group_by(search_rows.c.kind)).all())
        quote = conn.execute(select(quotes.c.document_id, quotes.c.content_start,
                                    quotes.c.content_end).limit(1)).one()
        words = conn.execute(select(func.substr(
            documents.c.text, quote.content_start + 1, quote.content_end - quote.content_start))
            .where(documents.c.id == quote.document_id)).scalar_one()
    assert indexed == stored
    found = store.search(f'"{words}"', limit=50, kind="statement")
    assert (quote.document_id, quote.content_start) in {(h["document"], h["start"])
                                                        for h in found}
