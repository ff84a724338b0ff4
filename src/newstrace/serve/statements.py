"""/statements (who said what, filtered) and /search (statements and documents containing
some words; a plain scan until the full-text indexes come)."""

from __future__ import annotations

from datetime import date
from itertools import islice
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from newstrace.serve.common import (
    LIST_RESPONSES,
    ListingDep,
    StoreDep,
    bad_cursor,
    page,
    respond,
)
from newstrace.store import Store
from newstrace.store.reading import Place
from newstrace.store.schema import documents
from newstrace.views.quotes import Said, quote_rows, quote_stream
from newstrace.views.shared import matches

router = APIRouter(tags=["statements"])
COLUMNS = ["document", "speaker", "kind", "date", "published", "quote", "medium", "relays",
           "chain", "sentence", "confidence"]
SEARCH_COLUMNS = ["kind", "document", "title", "speaker", "text"]
# Characters of a document's text shown either side of the words searched for.
SNIPPET_CHARS = 80


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
def search(
    request: Request, store: StoreDep, listing: ListingDep,
    q: Annotated[str, Query(min_length=1, description="Words to find (accents ignored).")],
) -> Response:
    """Documents whose title or text contains ``q``, then statements whose quote or speaker
    does."""
    found = document_hits(store, q)
    found += [{"kind": "statement", "document": row["document"], "title": None,
               "speaker": row["speaker"], "text": row["quote"]}
              for row in quote_rows(store) if matches(q, row["quote"], row["speaker"])]
    return page(request, found, listing, SEARCH_COLUMNS)


def document_hits(store: Store, q: str) -> list[dict[str, Any]]:
    query = select(documents.c.id, documents.c.title, documents.c.text).order_by(
        documents.c.published, documents.c.id)
    with store.engine.connect() as conn:
        return [{"kind": "document", "document": row.id, "title": row.title, "speaker": None,
                 "text": snippet(row.text, q)}
                for row in conn.execute(query) if matches(q, row.title, row.text)]


def snippet(text: str, q: str) -> str:
    """The words around the first place ``q`` occurs as typed (else the text's start)."""
    at = max(text.lower().find(q.lower()), 0)
    return " ".join(text[max(at - SNIPPET_CHARS, 0):at + len(q) + SNIPPET_CHARS].split())
