"""/statements (who said what, filtered) and /search (statements and documents containing
some words; a plain scan until the full-text indexes come)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from newstrace.serve.common import LIST_RESPONSES, ListingDep, StoreDep, page
from newstrace.serve.documents import document_rows
from newstrace.store import Store
from newstrace.store.schema import documents
from newstrace.views.quotes import quote_rows
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
