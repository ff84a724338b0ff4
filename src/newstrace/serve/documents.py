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
    snapshot,
)
from newstrace.views.documents import document_rows

router = APIRouter(tags=["documents"])
COLUMNS = ["id", "title", "outlet", "published", "language", "source_kind"]


def document_key(after: list[Any]) -> tuple[date | None, str]:
    """A documents cursor's key: publication day (or null) and id."""
    try:
        published, document_id = after
        assert isinstance(document_id, str)
        return (date.fromisoformat(published) if published is not None else None), document_id
    except (ValueError, TypeError, AssertionError):
        raise bad_cursor() from None


@router.get("/documents", response_model=None, responses=LIST_RESPONSES)
@snapshot
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
@snapshot
def get_document(document_id: str, store: StoreDep) -> Response:
    """One document's analysis: text, stories, boilerplate, entities, quotes, events and
    timexes with their offsets (the record of docs/export.md)."""
    try:
        analysis = store.load(document_id)
    except NoResultFound:
        raise not_found(f"document with id {document_id!r}") from None
    return SafeJSONResponse(analysis_record(analysis))
