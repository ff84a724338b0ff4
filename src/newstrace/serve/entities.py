"""/entities: entities with their aliases and counts, and one entity in full."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newstrace.serve.common import (
    LIST_RESPONSES,
    ListingDep,
    SafeJSONResponse,
    StoreDep,
    bad_cursor,
    not_found,
    page,
    respond,
    snapshot,
)
from newstrace.store.reading import entity_info
from newstrace.views.entities import entity_records, entity_rows
from newstrace.views.roles import role_rows

router = APIRouter(tags=["entities"])
COLUMNS = ["id", "name", "type", "aliases", "documents", "mentions", "statements"]
ROLE_COLUMNS = ["role", "country", "basis", "since", "until", "reports", "document", "text"]


@router.get("/entities", response_model=None, responses=LIST_RESPONSES)
@snapshot
def list_entities(
    request: Request, store: StoreDep, listing: ListingDep,
    name: Annotated[str | None, Query(description="Name or alias (accents ignored).")] = None,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, OUTLET ...")] = None,
) -> Response:
    """People, organisations, places and outlets, most mentioned first (then by name)."""
    after = entity_key(listing.after) if listing.after is not None else None
    rows = entity_rows(store, name, type, limit=listing.limit + 1, after=after)
    last = rows[listing.limit - 1] if len(rows) > listing.limit else None
    return respond(request, rows[:listing.limit], listing, COLUMNS,
                   [last["mentions"], last["name"], last["id"]] if last else None)


def entity_key(after: list[Any]) -> tuple[int, str, str]:
    """An entities cursor's key: mentions, name, id."""
    try:
        mentions, name, entity_id = after
        assert isinstance(mentions, int) and isinstance(name, str) and isinstance(entity_id, str)
        return mentions, name, entity_id
    except (ValueError, TypeError, AssertionError):
        raise bad_cursor() from None


@router.get("/entities/{entity_id}", response_model=None)
@snapshot
def get_entity(entity_id: str, store: StoreDep) -> Response:
    """One entity: its aliases, every mention with its offsets, statements by and about it,
    and the events it takes part in."""
    if not entity_info(store, [entity_id]):
        raise not_found(f"entity with id {entity_id!r}")
    records = entity_records(store, entity_id=entity_id)
    if not records:  # stored, but no document mentions it any more
        raise not_found(f"document mentioning the entity {entity_id!r}")
    return SafeJSONResponse(records[0])


@router.get("/entities/{entity_id}/roles", response_model=None, responses=LIST_RESPONSES)
@snapshot
def roles(entity_id: str, request: Request, store: StoreDep, listing: ListingDep) -> Response:
    """An entity's roles over time: the gazetteer's terms of office, the titles reports
    write before its name and the descriptions they refer to it by, each with its day and
    the document that gives it, in date order."""
    if not entity_info(store, [entity_id]):
        raise not_found(f"entity with id {entity_id!r}")
    rows = role_rows(store, entity_id, request.app.state.options)
    return page(request, rows, listing, ROLE_COLUMNS, key=lambda row: (
        [row["since"] or "", row["role"], row["basis"]], [row["role"], row["basis"]]))
