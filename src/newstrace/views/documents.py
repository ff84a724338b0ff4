"""The stored documents' metadata (no text, no analysis), filtered by outlet and publication
day, in the store's reading order: the API's list, its bulk export and `newstrace export`'s
choice of documents."""

from __future__ import annotations

from datetime import date
from typing import Any

from newstrace.store import Store
from newstrace.store.reading import document_metadata, matching_values, one_of
from newstrace.store.schema import documents
from newstrace.views.shared import matches


def document_rows(store: Store, outlet: str | None = None, since: date | None = None,
                  until: date | None = None, *, after: tuple[date | None, str] | None = None,
                  limit: int | None = None) -> list[dict[str, Any]]:
    """The documents' metadata without their analyses, in the store's reading order
    (publication day, then id), the first ``limit`` after the document ``after`` keys (its
    publication day and id); ``since``/``until`` bound the publication day."""
    conditions = []
    if since is not None:
        conditions.append(documents.c.published >= since)
    if until is not None:
        conditions.append(documents.c.published <= until)
    if outlet:
        among = one_of(documents.c.outlet, matching_values(store, ["outlet"], outlet))
        conditions += [among] if among is not None else []
    rows = document_metadata(store, conditions, after, limit)
    for row in rows:
        row["published"] = row["published"].isoformat() if row["published"] else None
    return [row for row in rows if matches(outlet, row["outlet"])]
