"""/entities: entities with their aliases and counts, and one entity in full."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newstrace.serve.common import (
    LIST_RESPONSES,
    ListingDep,
    SafeJSONResponse,
    StoreDep,
    not_found,
    page,
)
from newstrace.views.entities import entity_records, entity_rows

router = APIRouter(tags=["entities"])
COLUMNS = ["id", "name", "type", "aliases", "documents", "mentions", "statements"]


@router.get("/entities", response_model=None, responses=LIST_RESPONSES)
def list_entities(
    request: Request, store: StoreDep, listing: ListingDep,
    name: Annotated[str | None, Query(description="Name or alias (accents ignored).")] = None,
    type: Annotated[str | None, Query(description="PERSON, ORG, GPE, OUTLET ...")] = None,
) -> Response:
    """People, organisations, places and outlets, most mentioned first."""
    return page(request, entity_rows(store, name, type), listing, COLUMNS)


@router.get("/entities/{entity_id}", response_model=None)
def get_entity(entity_id: str, store: StoreDep) -> Response:
    """One entity: its aliases, every mention with its offsets, statements by and about it,
    and the events it takes part in."""
    if entity_id not in store.entity_rows():
        raise not_found(f"entity with id {entity_id!r}")
    records = entity_records(store, entity_id=entity_id)
    if not records:  # stored, but no document mentions it any more
        raise not_found(f"document mentioning the entity {entity_id!r}")
    return SafeJSONResponse(records[0])
