"""Readable views over a store: quotes with their chains, entities, a dated timeline.

Each view is a list of plain dict rows, so the CLI, the HTTP API and the web UI share them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from newstrace.models import Analysis, Span
from newstrace.resolve.names import fold
from newstrace.store import Store

# A full stop, question or exclamation mark ending a sentence (closing quotes included).
SENTENCE_BREAK = re.compile(r"(?P<stop>[.!?][”“\"»’]?)\s+(?=[A-Z“\"„«])")


def _matches(needle: str | None, *haystack: str | None) -> bool:
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


def _in_range(value: str | None, since: date | None, until: date | None) -> bool:
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


def _name(analysis: Analysis, entity_id: str | None, names: dict[str, str]) -> str | None:
    if entity_id is None:
        return None
    entity = analysis.entity(entity_id)
    return entity.name if entity else names.get(entity_id, entity_id)


def sentence_around(text: str, span: Span) -> str:
    """The sentence (or sentences) a span lies in, within its paragraph."""
    start = max(text.rfind("\n", 0, span.start) + 1,
                max((m.end() for m in SENTENCE_BREAK.finditer(text, 0, span.start)), default=0))
    end_match = SENTENCE_BREAK.search(text, span.end)
    paragraph_end = text.find("\n", span.end)
    end = min(end_match.end("stop") if end_match else len(text),
              paragraph_end if paragraph_end >= 0 else len(text))
    return text[start:end].strip()


def quote_rows(
    store: Store, speaker: str | None = None, since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    names = entity_names(store)
    rows = []
    for analysis in store.analyses():
        text = analysis.document.text
        published = analysis.document.published
        for quote in analysis.quotes:
            speaker_name = _name(analysis, quote.speaker, names) or quote.speaker_text
            said = quote.date or (published.isoformat() if published else None)
            if not _matches(speaker, speaker_name, quote.speaker_text):
                continue
            if not _in_range(said, since, until):
                continue
            medium = _name(analysis, quote.medium, names)
            relays = [_name(analysis, r, names) for r in quote.relays]
            rows.append({
                "chain": [speaker_name or "(unknown)", *([medium] if medium else []), *relays],
                "document": analysis.document.id, "speaker": speaker_name or "(unknown)",
                "sentence": sentence_around(text, quote.content),
                "medium": medium, "relays": relays,
                "kind": quote.kind, "date": quote.date, "published": str(published or ""),
                "quote": quote.content.text(text), "confidence": quote.confidence,
            })
    return rows


def entity_rows(
    store: Store, name: str | None = None, type_: str | None = None
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for analysis in store.analyses():
        for entity in analysis.entities:
            if type_ and entity.type != type_.upper():
                continue
            if not _matches(name, entity.name, *entity.aliases()):
                continue
            row = found.setdefault(entity.id, {
                "id": entity.id, "type": entity.type, "name": entity.name, "aliases": {},
                "documents": 0, "mentions": 0, "statements": 0,
            })
            row["documents"] += 1
            row["mentions"] += len(entity.mentions)
            row["statements"] += sum(q.speaker == entity.id for q in analysis.quotes)
            for alias, count in entity.aliases().items():
                row["aliases"][alias] = row["aliases"].get(alias, 0) + count
    return sorted(found.values(), key=lambda r: (-r["mentions"], r["name"]))


def timeline_rows(
    store: Store, entity: str | None = None, since: date | None = None,
    until: date | None = None,
) -> list[dict[str, Any]]:
    names = entity_names(store)
    by_event: dict[str, dict[str, Any]] = {}
    for analysis in store.analyses():
        text = analysis.document.text
        for event in analysis.events:
            args = {role: _name(analysis, value, names) if isinstance(value, str) else value
                    for role, value in event.args.items()}
            participants = [v for v in args.values() if isinstance(v, str)]
            if not _matches(entity, *participants) or not _in_range(event.date, since, until):
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


def entity_records(store: Store, name: str) -> list[dict[str, Any]]:
    """Everything known about the entities matching `name`: mentions with provenance,
    statements by and about each, and the events each takes part in."""
    names = entity_names(store)
    found: dict[str, dict[str, Any]] = {}
    for analysis in store.analyses():
        text = analysis.document.text
        document = analysis.document.id
        for entity in analysis.entities:
            if not _matches(name, entity.name, *entity.aliases()):
                continue
            record = found.setdefault(entity.id, {
                "id": entity.id, "type": entity.type, "name": names.get(entity.id, entity.name),
                "aliases": {}, "mentions": [], "statements_by": [], "statements_about": [],
                "events": [],
            })
            for alias, count in entity.aliases().items():
                record["aliases"][alias] = record["aliases"].get(alias, 0) + count
            record["mentions"] += [{"document": document, "start": m.span.start,
                                    "end": m.span.end, "text": m.text} for m in entity.mentions]
            for quote in analysis.quotes:
                row = {"document": document, "kind": quote.kind, "date": quote.date,
                       "speaker": _name(analysis, quote.speaker, names) or quote.speaker_text,
                       "quote": quote.content.text(text)}
                if quote.speaker == entity.id:
                    record["statements_by"].append(row)
                elif any(quote.content.contains(m.span) for m in entity.mentions):
                    record["statements_about"].append(row)
            for event in analysis.events:
                roles = [role for role, value in event.args.items() if value == entity.id]
                if roles:
                    record["events"].append({
                        "document": document, "event": event.id, "type": event.type,
                        "date": event.date, "status": event.status, "roles": roles,
                        "evidence": event.evidence.text(text)})
    return sorted(found.values(), key=lambda r: -len(r["mentions"]))
