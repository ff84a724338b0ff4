"""What every view shares: a name filter as a user types it (and the stored entities and
values it picks, for the query), a TIMEX value against a date range, an event's arguments
as a reader sees them, an entity's name in one loaded analysis."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

from newstrace.extract.timexes.values import TimexValue
from newstrace.models import VALUE_ROLES, Analysis
from newstrace.resolve.names import fold
from newstrace.store import Store
from newstrace.store.reading import entity_info, matching_values


def matches(needle: str | None, *haystack: str | None) -> bool:
    if not needle:
        return True
    key = fold(needle)
    return any(key in fold(h) for h in haystack if h)


def matching(needle: str, values: Iterable[str | None]) -> set[str]:
    """The values a name filter matches (accents and case ignored), for an IN list."""
    key = fold(needle)
    return {value for value in values if value and key in fold(value)}


def matching_entities(store: Store, needle: str, with_aliases: bool = True,
                      speaking: bool = False) -> set[str]:
    """The ids of the stored entities ``needle`` matches: by its name, by a way a mention
    wrote it (``with_aliases``), or by the id itself; with ``speaking``, only those with a
    statement. Matched in SQL over the distinct names the counts keep."""
    found = matching_values(store, ("name", "alias") if with_aliases else ("name",), needle,
                            speaking)
    return found | {row["id"] for row in entity_info(store, [needle])}


def name_of(analysis: Analysis, entity_id: str | None, names: dict[str, str]) -> str | None:
    """An entity's name in one loaded analysis (a page about one document), else in
    ``names`` (stored names by id), else its id."""
    if entity_id is None:
        return None
    entity = analysis.entity(entity_id)
    return entity.name if entity else names.get(entity_id, entity_id)


@lru_cache(maxsize=65536)  # a date filter reads every distinct stored date, each request
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


def shown_arguments(args: dict[str, Any] | None, name_of: dict[str, str]) -> dict[str, Any]:
    """A stored event's arguments as a reader sees them: participants (entity ids among
    ``name_of``'s keys) by name, then phrases, then the motion, amount and tally; a list of
    co-actors as stored."""
    participants: dict[str, Any] = {}
    phrases: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for role, value in (args or {}).items():
        if role in VALUE_ROLES and isinstance(value, dict | str) and (
                isinstance(value, dict) == (role != "motion")):
            values[role] = value
        elif isinstance(value, list) or (isinstance(value, str) and value in name_of):
            participants[role] = name_of[value] if isinstance(value, str) else value
        elif isinstance(value, str):
            phrases[role] = value
    return {**participants, **phrases, **{r: values[r] for r in VALUE_ROLES if r in values}}
