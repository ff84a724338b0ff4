"""/documents: the stored documents (filtered by outlet and publication day) and one
document's whole analysis, as `newstrace export` writes it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy.exc import NoResultFound

from newstrace.export import analysis_record
from newstrace.serve.common import (
    LIST_RESPONSES,
    ListingDep,
    SafeJSONResponse,
    StoreDep,
    bad_cursor,
    not_found,
    respond,
)
from newstrace.store import Store
from newstrace.store.reading import document_metadata, matching_values, one_of
from newstrace.store.schema import documents
from newstrace.views.shared import matches

router = APIRouter(tags=["documents"])
COLUMNS = ["id", "title", "outlet", "published", "language", "source_kind"]


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


def document_key(after: list[Any]) -> tuple[date | None, str]:
    """A documents cursor's key: publication day (or null) and id."""
    try:
        published, document_id = after
        assert isinstance(document_id, str)
        return (date.fromisoformat(published) if published is not None else None), document_id
    except (ValueError, TypeError, AssertionError):
        raise bad_cursor() from None


@router.get("/documents", response_model=None, responses=LIST_RESPONSES)
def list_documents(
    request: Request, store: StoreDep, listing: ListingDep,
    outlet: Annotated[str | None, Query(description="Outlet (any spelling, accents "
                                        "ignored).")] = None,
    since: Annotated[date | None, Query(description="Published on or after.")] = None,
    until: Annotated[date | None, Query(description="Published on or before.")] = None,
) -> Response:
    """The stored documents: id, title, outlet, published, language, source kind."""
    after = document_key(listing.after) if listing.after is not None else None
    rows = document_rows(store, outlet, since, until, after=after, limit=listing.limit + 1)
    last = rows[listing.limit - 1] if len(rows) > listing.limit else None
    return respond(request, rows[:listing.limit], listing, COLUMNS,
                   [last["published"], last["id"]] if last else None)


@router.get("/documents/{document_id:path}", response_model=None)
def get_document(document_id: str, store: StoreDep) -> Response:
    """One document's analysis: text, stories, boilerplate, entities, quotes, events and
    timexes with their offsets (the record of docs/export.md)."""
    try:
        analysis = store.load(document_id)
    except NoResultFound:
        raise not_found(f"document with id {document_id!r}") from None
    return SafeJSONResponse(analysis_record(analysis))
