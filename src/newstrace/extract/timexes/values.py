"""Date arithmetic on TIMEX3 values: weeks, month shifts, seasons, durations."""

from __future__ import annotations

import re
from datetime import date, timedelta


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None

def _number_text(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def unit_name(unit: str) -> str:
    unit = unit.lower()
    return "century" if unit.startswith("centur") else unit.rstrip("s")


def duration_value(quantity: float | None, unit: str) -> str:
    """TIMEX3 duration: decades and centuries are written in years, as the annotation asks."""
    unit = unit_name(unit)
    if unit in ("second", "minute", "hour"):
        code = unit[0].upper()
        return f"PT{_number_text(quantity) if quantity is not None else 'X'}{code}"
    if quantity is None:
        vague_codes = {"decade": "DE", "century": "CE", "fortnight": "W"}
        return f"PX{vague_codes.get(unit, unit[0].upper())}"
    scale = {"decade": (10, "Y"), "century": (100, "Y"), "fortnight": (2, "W")}
    factor, code = scale.get(unit, (1, unit[0].upper()))
    return f"P{_number_text(quantity * factor)}{code}"
def shifted_unit(unit: str, anchor: date, delta: int) -> str:
    """The calendar unit containing the anchor, moved by delta units."""
    if unit in ("week", "weekend"):
        week = iso_week(anchor + timedelta(weeks=delta))
        return f"{week}-WE" if unit == "weekend" else week
    if unit == "month":
        return month_value(*shift_month(anchor.year, anchor.month, delta))
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + delta
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    if unit == "decade":
        return f"{anchor.year // 10 + delta:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + delta:02d}"
    return f"{anchor.year + delta:04d}"
def season_ordinal(day: date) -> int:
    """Seasons counted from year 0; January and February belong to the previous winter."""
    if day.month <= 2:
        return (day.year - 1) * 4 + 3
    return day.year * 4 + (day.month - 3) // 3


def day_of(value: str | None) -> date | None:
    """The day a day-precision value names, for anchoring clock times."""
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T.*)?", value):
        return None
    return date.fromisoformat(value[:10])

