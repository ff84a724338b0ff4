"""/events (every event with each report of it), /timeline (one line per event in date
order) and /spread (who reported a fact first and who relayed it)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newstrace.serve.common import LIST_RESPONSES, ListingDep, StoreDep, page
from newstrace.views.spread import spread_rows
from newstrace.views.timeline import UNKNOWN_DATE, timeline_rows

router = APIRouter(tags=["events"])
EVENT_COLUMNS = ["event", "date", "type", "step", "status", "args", "conflicts",
                 "date_support", "reports"]
TIMELINE_COLUMNS = ["event", "date", "type", "step", "status", "args", "sources",
                    "conflicts", "evidence"]
SPREAD_COLUMNS = ["kind", "fact", "first", "outlets", "reports"]

Entity = Annotated[str | None, Query(description="Only events this entity takes part in "
                                     "(any spelling, accents ignored).")]
Since = Annotated[date | None, Query(description="On or after.")]
Until = Annotated[date | None, Query(description="On or before.")]


@router.get("/events", response_model=None, responses=LIST_RESPONSES)
def list_events(
    request: Request, store: StoreDep, listing: ListingDep, entity: Entity = None,
    since: Since = None, until: Until = None,
    type: Annotated[str | None, Query(description="Event type, e.g. treaty_withdrawal.")]
    = None,
    status: Annotated[str | None, Query(description="happened, planned, claimed, denied, "
                                        "hypothetical ...")] = None,
) -> Response:
    """Events in date order, each with its best-attested date, the reports that agree,
    the figures they disagree on and every report with its evidence."""
    rows = timeline_rows(store, entity, since, until, type_=type, status=status)
    return page(request, rows, listing, EVENT_COLUMNS, key=event_key)


@router.get("/timeline", response_model=None, responses=LIST_RESPONSES)
def timeline(
    request: Request, store: StoreDep, listing: ListingDep, entity: Entity = None,
    since: Since = None, until: Until = None,
) -> Response:
    """A chronology: one line per event, with how many reports tell it and the first's
    evidence."""
    rows = [{key: value for key, value in row.items() if key not in ("reports", "date_support")}
            | {"sources": len(row["reports"]), "evidence": row["reports"][0]["evidence"]}
            for row in timeline_rows(store, entity, since, until)]
    return page(request, rows, listing, TIMELINE_COLUMNS, key=event_key)


@router.get("/spread", response_model=None, responses=LIST_RESPONSES)
def spread(
    request: Request, store: StoreDep, listing: ListingDep,
    kind: Annotated[Literal["statement", "event"] | None, Query()] = None,
    speaker: Annotated[str | None, Query(description="Statements by this speaker.")] = None,
    entity: Annotated[str | None, Query(description="Facts this entity takes part in.")]
    = None,
    since: Annotated[date | None, Query(description="First reported on or after.")] = None,
    until: Annotated[date | None, Query(description="First reported on or before.")] = None,
    min_reports: Annotated[int, Query(ge=1, description="Carried by at least this many "
                                      "documents.")] = 2,
) -> Response:
    """Each statement or event carried by several documents: its first report and every
    outlet that carried it, the day each did, and whether as a copy of the first."""
    rows = spread_rows(store, kind, speaker, entity, since, until, min_reports)
    return page(request, rows, listing, SPREAD_COLUMNS, key=lambda row: (
        [row["first"]["published"] or "9999", row["fact"]],
        [row["kind"], row["fact"], row["first"]["document"]]))


def event_key(row: dict[str, Any]) -> tuple[list[Any], list[Any]]:
    """An event's place in date order, and the event (a withdrawal's step apart)."""
    return [row["date"] == UNKNOWN_DATE, row["date"], row["type"]], [row["event"],
                                                                      row.get("step")]
