"""What every view shares: a name filter as a user types it, a TIMEX value against a date
range, and an entity's current name."""

from __future__ import annotations

from datetime import date

from newstrace.extract.timexes.values import TimexValue
from newstrace.models import Analysis
from newstrace.resolve.names import fold
from newstrace.store import Store


def matches(needle: str | None, *haystack: str | None) -> bool:
    if not needle:
        return True
    key = fold(needle)
    return any(key in fold(h) for h in haystack if h)


def timex_days(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 calendar value covers (a day, week, month, quarter,
    season, year, decade ...), or None for durations, sets and the like."""
    period = TimexValue.parse(value)
    return (period.first_day(), period.last_day()) if period else None


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
