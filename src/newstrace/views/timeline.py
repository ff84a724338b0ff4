"""Events in date order, each with every report of it, the date best attested among them
and the figures the reports disagree on."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, true

from newstrace.store import Store
from newstrace.store.connections import reading_connection
from newstrace.store.counts import argument_strings
from newstrace.store.reading import (
    BATCH,
    MAX_IN,
    documents_of,
    event_rows,
    evidence_text,
    holding,
    matching_values,
    names,
    one_of,
    stored_dates,
)
from newstrace.store.schema import events
from newstrace.views.shared import (
    in_range,
    matches,
    matching_entities,
    shown_arguments,
    timex_days,
)

UNKNOWN_DATE = "(date unknown)"


@dataclass(frozen=True)
class Dating:
    """The date chosen for an event told by several reports, the reports that agree with it
    (``support``: their index and date) and the dates that contradict it."""
    value: str | None
    support: list[tuple[int, str]]
    contradicting: list[str]


@dataclass(frozen=True)
class EventFilter:
    """What a timeline is filtered by (None: anything): an entity taking part (by name or
    as written), the date's range, the type, the status of the first report."""

    entity: str | None = None
    since: date | None = None
    until: date | None = None
    type_: str | None = None
    status: str | None = None


# A row's place in the timeline: dated first, by date and type, then where the reports
# first tell it (publication day, document, the order stored).
Key = tuple[Any, ...]


def timeline_rows(
    store: Store, entity: str | None = None, since: date | None = None,
    until: date | None = None, *, type_: str | None = None, status: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """One row per event: ``date`` (the best-attested date, or "(date unknown)"),
    ``date_support`` (each report whose date agrees: document, date), ``conflicts``
    (figures and dates the reports disagree on) and every report of it, dated events first
    in date order; the first ``limit``. ``entity`` takes part in it (by name or as written),
    ``since``/``until`` bound its date, ``type_`` is its type and ``status`` the status of
    its first report."""
    chosen = EventFilter(entity, since, until, type_, status)
    return [row for _, row in timeline_page(store, chosen, limit)]


def event_steps(store: Store, event_id: str) -> list[dict[str, Any]]:
    """The timeline's rows of one event (one per step: a withdrawal's decision, notice and
    effect), read by its id: what ``timeline_rows`` gives for it, without reading the rest."""
    found = _events(store, [events.c.event_id == event_id], EventFilter())
    return [row for _, row in sorted(found, key=lambda each: each[0])]


def timeline_page(store: Store, chosen: EventFilter, limit: int | None = None,
                  after: Key | None = None) -> list[tuple[Key, dict[str, Any]]]:
    """The timeline's rows after the one keyed ``after``, the first ``limit``, each with
    its key. With a limit, events are read in the order of their earliest report's date (an
    event's date is one of its reports', so never earlier), a chunk at a time, until no
    event left can come before the last row kept."""
    conditions = _conditions(store, chosen)
    if limit is None and after is None:
        return sorted(_events(store, conditions, chosen), key=lambda found: found[0])
    candidates = _in_date_order(store, conditions, after)
    kept: list[tuple[Key, dict[str, Any]]] = []
    first = next(candidates, None)
    while first is not None:
        # An event's date is never before its earliest report's: none left can come first
        # (told by the next candidate alone, before a chunk more is read).
        if limit is not None and len(kept) >= limit and first[:2] > kept[limit - 1][0][:2]:
            break
        # A page's worth of events, and those told first on the day of the last of them
        # (the next candidate, on a later day, then ends the page when every event read
        # has its earliest report's date: most events, told once).
        group = [first, *islice(candidates, max(20, limit or 0) - 1)]
        first = next(candidates, None)
        while first is not None and first[:2] == group[-1][:2] and len(group) < MAX_IN:
            group.append(first)
            first = next(candidates, None)
        wanted = {event for *_, event in group}
        # Read by event id alone: every event in ``wanted`` met the filter's conditions, and
        # the id's index answers (SQLite, without statistics, would take the type's instead
        # and read every report of the type); _events checks each report's type.
        kept += [(key, row) for key, row in _events(
            store, [events.c.event_id.in_(sorted({e for e, _ in wanted}))], chosen)
            if (row["event"], row.get("step", "")) in wanted
            and (after is None or key > tuple(after))]
        kept = sorted(kept, key=lambda found: found[0])[:limit]
    return kept


def _in_date_order(store: Store, conditions: list[ColumnElement[bool]],
                   after: Key | None = None) -> Iterator[tuple[Any, ...]]:
    """Each event (and step) a filter may keep, as (the least key its date allows, its
    event and step), read in date order from the index a batch at a time: dated events by
    their earliest report's date (from the date of the row ``after`` on: an event's date is
    one of its reports'), then the undated."""
    seen: set[tuple[str, str]] = set()
    with reading_connection(store) as conn:
        if after is None or not after[0]:  # after an undated row, every dated one came before
            dated = (select(events.c.event_id, events.c.step, events.c.type, events.c.date)
                     .where(events.c.date.is_not(None), *conditions).order_by(events.c.date))
            if after is not None:
                dated = dated.where(events.c.date >= after[1])
            # Rows streamed (PostgreSQL: fetched 5, 25, 125 ... at a time; SQLite steps row
            # by row anyway): a page takes a few dozen events, and reading a whole batch of
            # 500 would look up hundreds it never uses.
            for event_id, step, type_, day in conn.execute(
                    dated.execution_options(stream_results=True, max_row_buffer=BATCH)):
                if (event_id, step or "") not in seen:
                    seen.add((event_id, step or ""))
                    yield False, day, type_, (event_id, step or "")
        undated = (select(events.c.event_id, events.c.step, events.c.type)
                   .where(true(), *conditions)
                   .group_by(events.c.event_id, events.c.step, events.c.type)
                   .having(func.max(events.c.date).is_(None)))
        for event_id, step, type_ in conn.execute(undated):
            yield True, UNKNOWN_DATE, type_, (event_id, step or "")


def _events(store: Store, conditions: list[ColumnElement[bool]],
            chosen: EventFilter) -> list[tuple[Key, dict[str, Any]]]:
    """The rows of the events whose reports meet ``conditions``, each with its key."""
    by_event: dict[str, dict[str, Any]] = {}
    published: dict[str, list[date | None]] = {}
    told_first: dict[str, Key] = {}
    rows = list(event_rows(store, conditions, [
        evidence_text(events.c.evidence_start, events.c.evidence_end).label("evidence"),
        events.c.id.label("stored")]))
    name_of = names(store, (i for row in rows for i in argument_strings(row.args)))
    for report in rows:
        if chosen.type_ and report.type != chosen.type_:
            continue
        args = shown_arguments(report.args, name_of)
        # A withdrawal's decision, notice and effect are one event on three days.
        key = f"{report.event_id}/{report.step or ''}"
        row = by_event.get(key)
        if row is None:  # its first report
            row = by_event[key] = {
                "event": report.event_id, "date": UNKNOWN_DATE, "date_support": [],
                "type": report.type, **({"step": report.step} if report.step else {}),
                "status": report.status, "args": args, "reports": [], "conflicts": {},
            }
            told_first[key] = (report.published is not None,
                               (report.published or date.min).isoformat(),
                               report.document_id, report.stored)
        row["reports"].append({"document": report.document_id, "date": report.date,
                               "args": args, "evidence": report.evidence})
        published.setdefault(key, []).append(report.published)
    found = []
    for key, row in by_event.items():
        reports = row["reports"]
        participants = [v for r in reports for v in r["args"].values() if isinstance(v, str)]
        dating = best_date([r["date"] for r in reports], published[key])
        if not matches(chosen.entity, *participants) \
                or not in_range(dating.value, chosen.since, chosen.until) \
                or (chosen.status is not None and row["status"] != chosen.status):
            continue
        row["date"] = dating.value or UNKNOWN_DATE
        row["date_support"] = [{"document": reports[i]["document"], "date": value}
                               for i, value in dating.support]
        row["conflicts"] = conflicts(reports)
        if dating.contradicting:
            row["conflicts"]["date"] = [dating.value, *dating.contradicting]
        found.append(((row["date"] == UNKNOWN_DATE, row["date"], row["type"],
                       *told_first[key]), row))
    return found


def _conditions(store: Store, chosen: EventFilter) -> list[ColumnElement[bool]]:
    """The events to read, as SQL: every report of each event a filter may keep (an
    event's date is one of its reports' dates; its participants are in its arguments)."""
    found: list[ColumnElement[bool]] = []
    if chosen.type_:
        found.append(events.c.type == chosen.type_)
    if chosen.status:
        found.append(events.c.event_id.in_(
            select(events.c.event_id).where(events.c.status == chosen.status)))
    if chosen.since or chosen.until:
        dates = [d for d in stored_dates(store, "event date", chosen.since, chosen.until)
                 if in_range(d, chosen.since, chosen.until)]
        found.append(events.c.event_id.in_(
            select(events.c.event_id).where(events.c.date.in_(dates))))
    if chosen.entity:
        ids = taking_part(store, chosen.entity)
        among = one_of(events.c.event_id, ids)
        found += [among] if among is not None else []
    return found


def taking_part(store: Store, entity: str) -> set[str]:
    """The events some report of which gives a role to an entity called ``entity`` (by
    its stored name) or a phrase that matches it, read from the arguments of the reports
    that may hold one: in a document that refers to such an entity, or holding such a
    phrase (the counts keep the distinct phrases)."""
    called = matching_entities(store, entity, with_aliases=False)
    written = matching_values(store, ["phrase"], entity) - called
    wanted = called | written
    if not wanted:
        return set()
    narrowed: list[ColumnElement[bool]] = [and_(
        events.c.document_id.in_(documents_of(sorted(called))),
        holding(events.c.args, called))] if called else []
    narrowed += [holding(events.c.args, written)] if written else []
    with reading_connection(store) as conn:
        rows = conn.execute(select(events.c.event_id, events.c.args).where(or_(*narrowed)))
        return {row.event_id for row in rows if argument_strings(row.args) & wanted}


def best_date(values: list[str | None], published: list[date | None]) -> Dating:
    """The date most reports give: a report supports a date its own date contains ("July
    2024" supports "18 July 2024", not the other way round). Ties go to the more precise date,
    then to the earliest report (publication day, then the order stored). A report without a
    date supports none and contradicts none; dates that share no day contradict each other."""
    if len(values) == 1:  # most events: one report, its date (if any) alone
        only = values[0] or None
        return Dating(only, [(0, only)] if only else [], [])
    periods = {v: timex_days(v) for v in values if v}
    calendar = {v: p for v, p in periods.items() if p is not None}
    if not calendar:  # only durations or values no calendar reads: the first one given
        given = next((v for v in values if v), None)
        return Dating(given, [(i, v) for i, v in enumerate(values) if v and v == given], [])
    order = sorted(range(len(values)), key=lambda i: (published[i] or date.max, i))

    def rank(value: str) -> tuple[int, int, int]:
        first, last = calendar[value]
        support = sum(1 for v in values if v in calendar
                      and calendar[v][0] <= first and last <= calendar[v][1])
        earliest = min(n for n, i in enumerate(order) if values[i] == value)
        return support, -(last - first).days, -earliest

    chosen = max(calendar, key=rank)
    start, end = calendar[chosen]
    agree = [(i, v) for i, v in enumerate(values) if v in calendar
             and calendar[v][0] <= end and start <= calendar[v][1]]
    against = [v for v in calendar if not any(v == a for _, a in agree)]
    return Dating(chosen, agree, against)


def conflicts(reports: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Figures the reports of one event disagree on (a tally of 99-1-3 against 103-1-3): each
    value is kept, none averaged, so a reader sees the disagreement and its sources. Amounts
    are compared by sum and currency, and only within their kind: a total so far is never at
    odds with a new sum."""
    found: dict[str, list[Any]] = {}
    if len(reports) < 2:
        return found
    votes = _distinct([r["args"]["votes"] for r in reports if r["args"].get("votes")])
    if len(votes) > 1:
        found["votes"] = votes
    amounts = [r["args"]["amount"] for r in reports if r["args"].get("amount")]
    disputed: list[Any] = []
    for kind in ("total", "single"):
        same = _distinct([a for a in amounts if _amount_kind(a) == kind],
                         key=lambda a: (a["value"], a["currency"]))
        disputed += same if len(same) > 1 else []
    if disputed:
        found["amount"] = disputed
    return found


def _distinct(values: list[Any], key: Callable[[Any], Any] = lambda v: v) -> list[Any]:
    keys = [key(v) for v in values]
    return [v for i, v in enumerate(values) if keys[i] not in keys[:i]]


def _amount_kind(amount: dict[str, Any]) -> str:
    """A total is its own kind; a new sum and one the text does not qualify are one kind."""
    return "total" if amount.get("kind") == "total" else "single"
