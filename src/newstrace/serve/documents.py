"""/documents: the stored documents (filtered by outlet and publication day) and one
document's whole analysis, as `newstrace export` writes it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select
from sqlalchemy.exc import NoResultFound

from newstrace.export import analysis_record
from newstrace.serve.common import (
    LIST_RESPONSES,
    ListingDep,
    SafeJSONResponse,
    StoreDep,
    not_found,
    page,
)
from newstrace.store import Store
from newstrace.store.schema import documents
from newstrace.views.shared import matches

router = APIRouter(tags=["documents"])
COLUMNS = ["id", "title", "outlet", "published", "language", "source_kind"]


def document_rows(store: Store, outlet: str | None = None, since: date | None = None,
                  until: date | None = None) -> list[dict[str, Any]]:
    """The documents' metadata without their analyses, in the store's reading order
    (publication day, then id); ``since``/``until`` bound the publication day."""
    query = select(*(documents.c[column] for column in COLUMNS)).order_by(
        documents.c.published, documents.c.id)
    if since is not None:
        query = query.where(documents.c.published >= since)
    if until is not None:
        query = query.where(documents.c.published <= until)
    with store.engine.connect() as conn:
        rows = [row._asdict() for row in conn.execute(query)]
    for row in rows:
        row["published"] = row["published"].isoformat() if row["published"] else None
    return [row for row in rows if matches(outlet, row["outlet"])]


@router.get("/documents", response_model=None, responses=LIST_RESPONSES)
def list_documents(
    request: Request, store: StoreDep, listing: ListingDep,
    outlet: Annotated[str | None, Query(description="Outlet (any spelling, accents "
                                        "ignored).")] = None,
    since: Annotated[date | None, Query(description="Published on or after.")] = None,
    until: Annotated[date | None, Query(description="Published on or before.")] = None,
) -> Response:
    """The stored documents: id, title, outlet, published, language, source kind."""
    return page(request, document_rows(store, outlet, since, until), listing, COLUMNS)


@router.get("/documents/{document_id:path}", response_model=None)
def get_document(document_id: str, store: StoreDep) -> Response:
    """One document's analysis: text, stories, boilerplate, entities, quotes, events and
    timexes with their offsets (the record of docs/export.md)."""
    try:
        analysis = store.load(document_id)
    except NoResultFound:
        raise not_found(f"document with id {document_id!r}") from None
    return SafeJSONResponse(analysis_record(analysis))
