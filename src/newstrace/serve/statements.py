"""/statements (who said what, filtered) and /search (statements and documents holding
some words, from the store's full-text index)."""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newstrace.serve.common import (
    LIST_RESPONSES,
    ListingDep,
    StoreDep,
    bad_cursor,
    page,
    respond,
    snapshot,
)
from newstrace.store.reading import Place
from newstrace.views.quotes import Said, quote_stream

router = APIRouter(tags=["statements"])
COLUMNS = ["document", "speaker", "kind", "date", "published", "quote", "medium", "relays",
           "chain", "sentence", "confidence"]
SEARCH_COLUMNS = ["kind", "document", "title", "speaker", "text", "start", "end", "score"]


@router.get("/statements", response_model=None, responses=LIST_RESPONSES)
@snapshot
def list_statements(
    request: Request, store: StoreDep, listing: ListingDep,
    speaker: Annotated[str | None, Query(description="Speaker (any spelling, accents "
                                         "ignored).")] = None,
    since: Annotated[date | None, Query(description="Said on or after.")] = None,
    until: Annotated[date | None, Query(description="Said on or before.")] = None,
    text: Annotated[str | None, Query(description="Words the quote holds in a row (case "
                                      "and accents ignored; the last whole or its start).")]
    = None,
    relay: Annotated[str | None, Query(description="An outlet or medium that relayed it.")]
    = None,
    outlet: Annotated[str | None, Query(description="The outlet of its document.")] = None,
    entity: Annotated[str | None, Query(description="An entity its words mention (name, "
                                        "alias or id).")] = None,
) -> Response:
    """Who said what: each statement with its speaker, medium, relays and sentence."""
    said = Said(speaker, since, until, entity, outlet, relay, text)
    start = statement_place(listing.after) if listing.after is not None else None
    found = list(islice(quote_stream(store, said, start, listing.limit + 1), listing.limit + 1))
    rows = [row for _, row in found[:listing.limit]]
    after = found[listing.limit - 1][0] if len(found) > listing.limit else None
    return respond(request, rows, listing, COLUMNS, [
        after.published.isoformat() if after.published else None, after.document,
        after.given] if after else None)


def statement_place(after: list[Any]) -> Place:
    """A statements cursor's place: publication day (or null), document id, and how many
    of its statements were given."""
    try:
        published, document, given = after
        assert isinstance(document, str) and isinstance(given, int) and given >= 0
        return Place(date.fromisoformat(published) if published is not None else None,
                     document, given)
    except (ValueError, TypeError, AssertionError):
        raise bad_cursor() from None


@router.get("/search", response_model=None, responses=LIST_RESPONSES)
@snapshot
def search(
    request: Request, store: StoreDep, listing: ListingDep,
    q: Annotated[str, Query(min_length=1, description="Words to find, all of them, and "
                            '"quoted phrases" (case and accents ignored).')],
    kind: Annotated[Literal["document", "statement"] | None, Query(
        description="Only documents or only statements.")] = None,
) -> Response:
    """Documents whose title or text holds ``q`` and statements whose quote or speaker
    does, the best first (the full-text index): each with the span of its document it
    covers and that span's text."""
    # Paged by position (a hit's rank): the hits up to this page's end and one more, whether
    # a next page exists.
    found = store.search(q, limit=_given(listing.after) + listing.limit + 1, kind=kind)
    return page(request, found, listing, SEARCH_COLUMNS)


def _given(after: list[Any] | None) -> int:
    """How many hits the pages before gave: one more than the last one's position."""
    if after is None:
        return 0
    try:
        return int(after[0][0]) + 1
    except (TypeError, ValueError, IndexError, KeyError):
        raise bad_cursor() from None
