"""/events (every event with each report of it), /timeline (one line per event in date
order), /spread (who reported a fact first and who relayed it, each fact's first reports)
and /spread/{kind}/{fact}/reports (every report of one fact)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from newstrace.serve.common import (
    LIST_RESPONSES,
    Listing,
    ListingDep,
    StoreDep,
    bad_cursor,
    not_found,
    page,
    respond,
    snapshot,
)
from newstrace.store import Store
from newstrace.views.spread import fact_reports, sort_key, spread_rows
from newstrace.views.timeline import EventFilter, timeline_page

router = APIRouter(tags=["events"])
EVENT_COLUMNS = ["event", "date", "type", "step", "status", "args", "conflicts",
                 "date_support", "reports"]
TIMELINE_COLUMNS = ["event", "date", "type", "step", "status", "args", "sources",
                    "conflicts", "evidence"]
SPREAD_COLUMNS = ["kind", "fact", "first", "outlets", "reports", "report_count",
                  "outlet_count", "reports_url"]
# A spread row lists this many of its reports unless asked (the first, in the order the
# documents carried the fact); /spread/{kind}/{fact}/reports lists them all.
SHOWN_REPORTS = 20
MAX_SHOWN_REPORTS = 100
REPORT_COLUMNS = {
    "statement": ["document", "outlet", "published", "copy_of_first", "text", "speaker",
                  "relays"],
    "event": ["document", "outlet", "published", "copy_of_first", "text", "type", "date",
              "roles", "participants"],
}
# An event's key: undated?, date, type, then where it is first told: published?, day,
# document, the report's id (the order stored).
EVENT_KEY_KINDS = (bool, str, str, bool, str, str, int)

Entity = Annotated[str | None, Query(description="Only events this entity takes part in "
                                     "(any spelling, accents ignored).")]
Since = Annotated[date | None, Query(description="On or after.")]
Until = Annotated[date | None, Query(description="On or before.")]


@router.get("/events", response_model=None, responses=LIST_RESPONSES)
@snapshot
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
    chosen = EventFilter(entity, since, until, type, status)
    rows, after = timeline_slice(store, chosen, listing)
    return respond(request, rows, listing, EVENT_COLUMNS, after)


@router.get("/timeline", response_model=None, responses=LIST_RESPONSES)
@snapshot
def timeline(
    request: Request, store: StoreDep, listing: ListingDep, entity: Entity = None,
    since: Since = None, until: Until = None,
) -> Response:
    """A chronology: one line per event, with how many reports tell it and the first's
    evidence."""
    rows, after = timeline_slice(store, EventFilter(entity, since, until), listing)
    return respond(request, [
        {key: value for key, value in row.items() if key not in ("reports", "date_support")}
        | {"sources": len(row["reports"]), "evidence": row["reports"][0]["evidence"]}
        for row in rows], listing, TIMELINE_COLUMNS, after)


@router.get("/spread", response_model=None, responses=LIST_RESPONSES)
@snapshot
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
    reports: Annotated[int, Query(ge=1, le=MAX_SHOWN_REPORTS, description=(
        "Reports listed in each row: the first ones, in the order the documents carried "
        "the fact. Every report is at the row's `reports_url`."))] = SHOWN_REPORTS,
) -> Response:
    """Each statement or event carried by several documents: its first report, every
    outlet that carried it (`outlets`, `outlet_count`), and its first `reports` reports (of
    `report_count`: the day each document carried it, and whether as a copy of the first).
    A row lists at most `reports` reports, however many documents carried the fact: every
    report is at its `reports_url` (/spread/{kind}/{fact}/reports, paged), and the CLI
    and bulk export list them all."""
    # Read from the cursor's day until the page and one more row are found (see spread_rows).
    rows = spread_rows(store, kind, speaker, entity, since, until, min_reports,
                       wanted=listing.limit + 1, after=spread_place(listing.after),
                       shown=reports)
    listed = str(request.url_for("spread"))
    rows = [row | {"reports_url": f"{listed}/{row['kind']}/{quote(row.pop('id'), safe='/:')}"
                                  "/reports"} for row in rows]
    return page(request, rows, listing, SPREAD_COLUMNS, key=lambda row: (
        list(sort_key(row)), [row["kind"], row["fact"], row["first"]["document"]]))


@router.get("/spread/{kind}/{fact:path}/reports", response_model=None,
            responses=LIST_RESPONSES)
@snapshot
def spread_reports(request: Request, store: StoreDep, listing: ListingDep,
                   kind: Literal["statement", "event"], fact: str) -> Response:
    """Every report of one fact of the spread, first report first, in the order the
    documents carried it (as a /spread row lists its first ones): its document, outlet,
    day, whether it copies the first report, its words or evidence, and its speaker and
    relays (a statement) or type, date and roles (an event). ``fact`` is named as a spread
    row's `reports_url` names it: a statement by its first quote ("document:start:end"),
    an event by its id (and step)."""
    row = fact_reports(store, kind, fact)
    if row is None:
        raise not_found(f"{kind} {fact!r} in the spread")
    return page(request, row["reports"], listing, REPORT_COLUMNS[kind])


def spread_place(after: list[Any] | None) -> tuple[str, str] | None:
    """The sort key a spread cursor names (None for none, or for one that is no cursor of
    this list: `page` answers that)."""
    sort = after[0] if after else None
    if isinstance(sort, list) and len(sort) == 2 and all(isinstance(s, str) for s in sort):
        return sort[0], sort[1]
    return None


def timeline_slice(store: Store, chosen: EventFilter,
                   listing: Listing) -> tuple[list[dict[str, Any]], list[Any] | None]:
    """A page of the timeline after the cursor's event, and the key of its last row when
    another page follows."""
    after = listing.after
    if after is not None and (len(after) != 7 or not all(
            isinstance(part, kind) for part, kind in zip(after, EVENT_KEY_KINDS, strict=False))):
        raise bad_cursor()
    found = timeline_page(store, chosen, listing.limit + 1, tuple(after) if after else None)
    more = len(found) > listing.limit
    return [row for _, row in found[:listing.limit]], (
        list(found[listing.limit - 1][0]) if more else None)
