"""People, organisations, places and outlets: counts per entity, and everything known
about the entities a name matches."""

from __future__ import annotations

from typing import Any

from newstrace.store import Store
from newstrace.views.shared import entity_names, matches, name_of


def entity_rows(
    store: Store, name: str | None = None, type_: str | None = None
) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for analysis in store.analyses():
        for entity in analysis.entities:
            if type_ and entity.type != type_.upper():
                continue
            if not matches(name, entity.name, *entity.aliases()):
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


def entity_records(store: Store, name: str | None = None,
                   entity_id: str | None = None) -> list[dict[str, Any]]:
    """Everything known about the entities matching `name` (or the one with `entity_id`):
    mentions with provenance, statements by and about each, and the events each takes part
    in."""
    names = entity_names(store)
    found: dict[str, dict[str, Any]] = {}
    for analysis in store.analyses():
        text = analysis.document.text
        document = analysis.document.id
        for entity in analysis.entities:
            if entity_id is not None and entity.id != entity_id:
                continue
            if not matches(name, entity.name, *entity.aliases()):
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
                       "speaker": name_of(analysis, quote.speaker, names) or quote.speaker_text,
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
