"""Events in date order, each with every report of it and the figures the reports disagree
on."""

from __future__ import annotations

from datetime import date
from typing import Any

from newstrace.store import Store
from newstrace.views.shared import entity_names, in_range, matches, name_of


def timeline_rows(
    store: Store, entity: str | None = None, since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    names = entity_names(store)
    by_event: dict[str, dict[str, Any]] = {}
    for analysis in store.analyses():
        text = analysis.document.text
        for event in analysis.events:
            args = {role: name_of(analysis, value, names) if isinstance(value, str) else value
                    for role, value in event.arguments().items()}
            participants = [v for v in args.values() if isinstance(v, str)]
            if not matches(entity, *participants) or not in_range(event.date, since, until):
                continue
            row = by_event.setdefault(event.id, {
                "event": event.id, "date": event.date or "(date unknown)", "type": event.type,
                "status": event.status, "args": args, "reports": [], "conflicts": {},
            })
            row["reports"].append({"document": analysis.document.id, "date": event.date,
                                   "args": args, "evidence": event.evidence.text(text)})
    for row in by_event.values():
        row["conflicts"] = conflicts(row["reports"])
    return sorted(by_event.values(), key=lambda r: (r["date"], r["type"]))


def conflicts(reports: list[dict[str, Any]]) -> dict[str, list[Any]]:
    """Figures the reports of one event disagree on (a tally of 99-1-3 against 103-1-3): each
    value is kept, none averaged, so a reader sees the disagreement and its sources."""
    found: dict[str, list[Any]] = {}
    for role in ("votes", "amount"):
        values = [r["args"][role] for r in reports if r["args"].get(role) is not None]
        distinct = [v for i, v in enumerate(values) if v not in values[:i]]
        if len(distinct) > 1:
            found[role] = distinct
    return found
