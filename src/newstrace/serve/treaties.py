"""/treaties/{name}/status (each state's status on a day) and /states/{name}/history (one
state's steps across treaties)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from newstrace.config import Options
from newstrace.serve.common import LIST_RESPONSES, ListingDep, StoreDep, page, snapshot
from newstrace.views.treaties import (
    STATUSES,
    TreatyNotFound,
    first_day,
    state_history,
    treaty_status,
)

router = APIRouter(tags=["treaties"])
STATUS_COLUMNS = ["state", "status", "since", "basis", "pending", "caveat", "conflicts",
                  "evidence"]
HISTORY_COLUMNS = ["date", "treaty", "step", "status", "basis", "pending", "caveat",
                   "conflicts", "evidence"]


def options_of(request: Request) -> Options:
    options: Options = request.app.state.options
    return options


@router.get("/treaties/{name}/status", response_model=None,
            responses={**LIST_RESPONSES, 404: {"description": "No such treaty."}})
@snapshot
def status(
    name: str, request: Request, store: StoreDep, listing: ListingDep,
    on: Annotated[date, Query(description="The day (YYYY-MM-DD).")],
) -> Response:
    """Each state's status in the treaty on the day (party, signatory, withdrawing,
    withdrawn, not party, unknown), its basis (reference data or reports) and evidence."""
    try:
        rows = treaty_status(store, name, on, options_of(request))
    except TreatyNotFound as error:
        raise HTTPException(404, detail=str(error)) from error
    order = {status: n for n, status in enumerate(STATUSES)}
    return page(request, rows, listing, STATUS_COLUMNS, key=lambda row: (
        [not row["evidence"], order[row["status"]], row["state"]], [row["state"]]))


@router.get("/states/{name}/history", response_model=None,
            responses={**LIST_RESPONSES, 404: {"description": "No such state or treaty."}})
@snapshot
def history(
    name: str, request: Request, store: StoreDep, listing: ListingDep,
    treaty: Annotated[str | None, Query(description="Only this treaty.")] = None,
    until: Annotated[date | None, Query(description="Steps up to this day.")] = None,
) -> Response:
    """One state's treaty steps in date order, each with the status it leads to."""
    try:
        rows = state_history(store, name, treaty, until, options_of(request))
    except TreatyNotFound as error:
        raise HTTPException(404, detail=str(error)) from error
    return page(request, rows, listing, HISTORY_COLUMNS, key=lambda row: (
        [str(first_day(row["date"]) or date.max), row["treaty"]],
        [row["date"], row["treaty"], row["step"], row["status"]]))
