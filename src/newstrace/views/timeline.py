"""Events in date order, each with every report of it, the date best attested among them
and the figures the reports disagree on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, select

from newstrace.store import Store
from newstrace.store.reading import distinct, event_rows, evidence_text, names, one_of
from newstrace.store.schema import events
from newstrace.views.shared import (
    argument_ids,
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


def timeline_rows(
    store: Store, entity: str | None = None, since: date | None = None,
    until: date | None = None, *, type_: str | None = None, status: str | None = None,
) -> list[dict[str, Any]]:
    """One row per event: ``date`` (the best-attested date, or "(date unknown)"),
    ``date_support`` (each report whose date agrees: document, date), ``conflicts``
    (figures and dates the reports disagree on) and every report of it. ``entity`` takes
    part in it (by name or as written), ``since``/``until`` bound its date, ``type_`` is
    its type and ``status`` the status of its first report."""
    by_event: dict[str, dict[str, Any]] = {}
    published: dict[str, list[date | None]] = {}
    rows = list(event_rows(store, _conditions(store, entity, since, until, type_, status),
                           [evidence_text(events.c.evidence_start, events.c.evidence_end)
                            .label("evidence")]))
    name_of = names(store, (i for row in rows for i in argument_ids(row.args)))
    for report in rows:
        args = shown_arguments(report.args, name_of)
        # A withdrawal's decision, notice and effect are one event on three days.
        key = f"{report.event_id}/{report.step or ''}"
        row = by_event.setdefault(key, {
            "event": report.event_id, "date": UNKNOWN_DATE, "date_support": [],
            "type": report.type, **({"step": report.step} if report.step else {}),
            "status": report.status, "args": args, "reports": [], "conflicts": {},
        })
        row["reports"].append({"document": report.document_id, "date": report.date,
                               "args": args, "evidence": report.evidence})
        published.setdefault(key, []).append(report.published)
    found = []
    for key, row in by_event.items():
        reports = row["reports"]
        participants = [v for r in reports for v in r["args"].values() if isinstance(v, str)]
        dating = best_date([r["date"] for r in reports], published[key])
        if not matches(entity, *participants) or not in_range(dating.value, since, until) \
                or (status is not None and row["status"] != status):
            continue
        row["date"] = dating.value or UNKNOWN_DATE
        row["date_support"] = [{"document": reports[i]["document"], "date": value}
                               for i, value in dating.support]
        row["conflicts"] = conflicts(reports)
        if dating.contradicting:
            row["conflicts"]["date"] = [dating.value, *dating.contradicting]
        found.append(row)
    # Dated events first, in date order; the undated after them.
    return sorted(found, key=lambda r: (r["date"] == UNKNOWN_DATE, r["date"], r["type"]))


def _conditions(store: Store, entity: str | None, since: date | None, until: date | None,
                type_: str | None, status: str | None) -> list[ColumnElement[bool]]:
    """The events to read, as SQL: every report of each event a filter may keep (an
    event's date is one of its reports' dates; its participants are in its arguments)."""
    found: list[ColumnElement[bool]] = []
    if type_:
        found.append(events.c.type == type_)
    if status:
        found.append(events.c.event_id.in_(
            select(events.c.event_id).where(events.c.status == status)))
    if since or until:
        dates = [d for d in distinct(store, events.c.date) if in_range(d, since, until)]
        found.append(events.c.event_id.in_(
            select(events.c.event_id).where(events.c.date.in_(dates))))
    if entity:
        ids = taking_part(store, entity)
        among = one_of(events.c.event_id, ids)
        found += [among] if among is not None else []
    return found


def taking_part(store: Store, entity: str) -> set[str]:
    """The events some report of which gives a role to an entity called ``entity`` (by
    its stored name) or a phrase that matches it, read from the arguments alone."""
    called = matching_entities(store, entity, with_aliases=False)
    found = set()
    with store.engine.connect() as conn:
        rows = conn.execute(select(events.c.event_id, events.c.args)).all()
    written = {v for row in rows for v in argument_ids(row.args)
               if v not in called and matches(entity, v)}
    written -= set(names(store, written))  # a stored entity goes by its name, not its id
    for row in rows:
        if argument_ids(row.args) & (called | written):
            found.add(row.event_id)
    return found


def best_date(values: list[str | None], published: list[date | None]) -> Dating:
    """The date most reports give: a report supports a date its own date contains ("July
    2024" supports "18 July 2024", not the other way round). Ties go to the more precise date,
    then to the earliest report (publication day, then the order stored). A report without a
    date supports none and contradicts none; dates that share no day contradict each other."""
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
