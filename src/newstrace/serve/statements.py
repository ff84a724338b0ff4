"""/statements (who said what, filtered) and /search (statements and documents holding
some words, from the store's full-text index)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newstrace.serve.common import LIST_RESPONSES, ListingDep, StoreDep, page
from newstrace.serve.documents import document_rows
from newstrace.views.quotes import quote_rows
from newstrace.views.shared import matches

router = APIRouter(tags=["statements"])
COLUMNS = ["document", "speaker", "kind", "date", "published", "quote", "medium", "relays",
           "chain", "sentence", "confidence"]
SEARCH_COLUMNS = ["kind", "document", "title", "speaker", "text", "start", "end", "score"]


@router.get("/statements", response_model=None, responses=LIST_RESPONSES)
def list_statements(
    request: Request, store: StoreDep, listing: ListingDep,
    speaker: Annotated[str | None, Query(description="Speaker (any spelling, accents "
                                         "ignored).")] = None,
    since: Annotated[date | None, Query(description="Said on or after.")] = None,
    until: Annotated[date | None, Query(description="Said on or before.")] = None,
    text: Annotated[str | None, Query(description="Words the quote contains (accents "
                                      "ignored).")] = None,
    relay: Annotated[str | None, Query(description="An outlet or medium that relayed it.")]
    = None,
    outlet: Annotated[str | None, Query(description="The outlet of its document.")] = None,
) -> Response:
    """Who said what: each statement with its speaker, medium, relays and sentence."""
    published_by = {row["id"] for row in document_rows(store, outlet)} if outlet else None
    rows = [row for row in quote_rows(store, speaker, since, until)
            if matches(text, row["quote"]) and matches(relay, row["medium"], *row["relays"])
            and (published_by is None or row["document"] in published_by)]
    return page(request, rows, listing, COLUMNS)


@router.get("/search", response_model=None, responses=LIST_RESPONSES)
def search(
    request: Request, store: StoreDep, listing: ListingDep,
    q: Annotated[str, Query(min_length=1, description="Words to find, all of them, and "
                            '"quoted phrases" (case and accents ignored).')],
) -> Response:
    """Documents whose title or text holds ``q`` and statements whose quote or speaker
    does, the best first (the full-text index): each with the span of its document it
    covers and that span's text."""
    # the hits up to this page's end and one more: whether a next page exists
    found = store.search(q, limit=listing.offset + listing.limit + 1)
    return page(request, found, listing, SEARCH_COLUMNS)
