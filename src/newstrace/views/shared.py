"""What every view shares: a name filter as a user types it, a TIMEX value against a date
range, and an entity's current name."""

from __future__ import annotations

import re
from datetime import date

from newstrace.models import Analysis
from newstrace.resolve.names import fold
from newstrace.store import Store


def matches(needle: str | None, *haystack: str | None) -> bool:
    if not needle:
        return True
    key = fold(needle)
    return any(key in fold(h) for h in haystack if h)


def timex_days(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers (2025, 2025-03, 2025-03-06,
    2025-W10, 2025-Q1, 2025-H2, the decade 199), or None for durations, sets and the like."""
    match = re.fullmatch(r"(\d{3,4})(?:-(?:(\d\d)(?:-(\d\d))?|W(\d\d)|Q([1-4])|H([12])))?"
                         r"(?:T.*)?", value)
    if not match:
        return None
    year_text, month, day, week, quarter, half = match.groups()
    try:
        if len(year_text) == 3:  # a decade
            return date(int(year_text) * 10, 1, 1), date(int(year_text) * 10 + 9, 12, 31)
        year = int(year_text)
        if day:
            return (date(year, int(month), int(day)),) * 2
        if week:
            monday = date.fromisocalendar(year, int(week), 1)
            return monday, date.fromordinal(monday.toordinal() + 6)
        first, last = ((int(month), int(month)) if month else
                       (3 * int(quarter) - 2, 3 * int(quarter)) if quarter else
                       (6 * int(half) - 5, 6 * int(half)) if half else (1, 12))
        end = date(year + (last == 12), last % 12 + 1, 1)
        return date(year, first, 1), date.fromordinal(end.toordinal() - 1)
    except ValueError:
        return None


def in_range(value: str | None, since: date | None, until: date | None) -> bool:
    """Whether a TIMEX value may fall in the range (it overlaps it)."""
    if since is None and until is None:
        return True
    days = timex_days(value) if value else None
    if days is None:
        return False
    return (since is None or days[1] >= since) and (until is None or days[0] <= until)


def entity_names(store: Store) -> dict[str, str]:
    """Canonical names of all stored entities, by id (a name may have been improved by a
    later document, so the store's name wins over the one in an old analysis)."""
    return {entity_id: row["name"] for entity_id, row in store.entity_rows().items()}


def name_of(analysis: Analysis, entity_id: str | None, names: dict[str, str]) -> str | None:
    if entity_id is None:
        return None
    entity = analysis.entity(entity_id)
    return entity.name if entity else names.get(entity_id, entity_id)
