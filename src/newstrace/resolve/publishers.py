"""Publishers: the outlet that published each story, as an entity quotes can be relayed by.

A document's outlet comes from its record; a single-story wire report without one credits
its publisher in the dateline or at the end of its first sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from newstrace.gazetteer.reference import Gazetteer
from newstrace.models import Document, Entity, Mention, Span, Story, stable_id
from newstrace.resolve.names import phonetic_key

# A wire story credits its publisher at the end of its first sentence: "…, BTA reports."
FIRST_SENTENCE_CREDIT = re.compile(
    r",\s+(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s+reports?\."
)


def credited_publisher(
    text: str, stories: list[Story], gazetteer: Gazetteer,
    datelines: list[tuple[Span, str | None]],
) -> str | None:
    """The outlet a single-story wire report credits, by canonical name: in its dateline
    ("VILNIUS, March 5 (BNS) –") or at the end of its first sentence ("…, BTA reports.")."""
    if len(stories) != 1:
        return None
    first_line = text[stories[0].span.start:].split("\n", 1)[0]
    match = FIRST_SENTENCE_CREDIT.search(first_line)
    credit = next((outlet for _, outlet in datelines if outlet), None) or (
        match.group("outlet") if match else None)
    if credit is None:
        return None
    entry = gazetteer.lookup(credit, ("OUTLET",))
    return entry.name if entry else credit


def publisher_entities(
    document: Document, stories: list[Story], entities: list[Entity], gazetteer: Gazetteer
) -> list[tuple[Story, str]]:
    """For each story, the entity id of the outlet that published it (story credit first,
    else the document's outlet). Outlets not yet among the entities are added."""
    found = []
    for story in stories:
        name = story.outlet or document.outlet
        if name:
            found.append((story, outlet_entity(name, document.text, entities, gazetteer).id))
    return found


def outlet_entity(
    name: str, text: str, entities: list[Entity], gazetteer: Gazetteer
) -> Entity:
    entry = gazetteer.lookup(name, ("OUTLET",))
    key = phonetic_key(entry.name if entry else name)
    for entity in entities:
        if entity.type == "OUTLET" and (
                entry and entity.known_as == entry.key or phonetic_key(entity.name) == key):
            return entity
    entity_id = stable_id("ent", entry.key) if entry else stable_id("ent", "OUTLET", key)
    entity = Entity(entity_id, "OUTLET", entry.name if entry else name,
                    known_as=entry.key if entry else None)
    for match in re.finditer(rf"\b{re.escape(name)}\b", text):
        span = Span(match.start(), match.end())
        if not any(m.span.overlaps(span) for e in entities for m in e.mentions):
            entity.mentions.append(Mention(span, name, "OUTLET", "publisher", entity_id))
    entities.append(entity)
    return entity


def publisher_at(publishers: list[tuple[Story, str]]) -> Callable[[int], str | None]:
    """The publisher's entity id at a character position (that of the story holding it)."""
    def publisher_of(position: int) -> str | None:
        for story, entity_id in publishers:
            if story.span.start <= position < story.span.end:
                return entity_id
        return None

    return publisher_of
