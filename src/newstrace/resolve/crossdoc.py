"""Cross-document entity linking: which stored entity a newly found one is.

Within a document, `resolve.entities` groups mentions into entities; across documents, an
entity the gazetteer does not know gets the id of the one stored entity of the same type
whose fuller name fits ("Petraitis" joins "Jonas Petraitis"), never a guess between two
("Jonas" and "Petras Petraitis"). A full name never joins a stored surname: that surname
may have been anyone's. spaCy may type a foreign name it does not know as a place or an
organisation in one report and as a person in another: a whole name of two words or more,
the same up to transliteration (a given name in another language's form too: Olexander and
Oleksandr), joins across those types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from newstrace.models import Analysis, Entity
from newstrace.resolve.names import (
    full_names_match,
    lookup_keys,
    name_key,
    name_length,
    name_weight,
    names_match,
    same_name,
)

# The stored entities under each (type, name key) asked for: Store.entities_keyed.
StoredByKey = Callable[[set[tuple[str, str]]], dict[tuple[str, str], list[Entity]]]
# The types spaCy confuses for a name it does not know.
CONFUSED_TYPES = ("PERSON", "GPE", "ORG")
# The writer links every document it stores, and names recur from report to report: each
# name's keys (a pure function of the name and type) are worked out once in a while.
NAMES_REMEMBERED = 50_000
_lookup_keys = lru_cache(maxsize=NAMES_REMEMBERED)(lookup_keys)
_name_key = lru_cache(maxsize=NAMES_REMEMBERED)(name_key)


@dataclass
class Links:
    # New id of a found entity (its own id -> the stored entity's id).
    new_ids: dict[str, str] = field(default_factory=dict)
    # Stored entities this document spells more fully (more diacritics): id -> better name.
    better_names: dict[str, str] = field(default_factory=dict)


def other_type_keys(entity: Entity) -> list[tuple[str, str]]:
    """Where a whole name of two words or more is stored under a type spaCy confuses with its
    own."""
    if entity.type not in CONFUSED_TYPES or len(entity.name.split()) < 2:
        return []
    return [(type_, _name_key(entity.name, type_)) for type_ in CONFUSED_TYPES
            if type_ != entity.type]


def _looked_up(found: list[Entity]) -> list[tuple[Entity, list[tuple[str, str]]]]:
    """The entities the gazetteer does not know, each with the keys its name is looked up
    under: its other spellings' too (Navalnas under Navalny's)."""
    return [(entity, [(entity.type, key) for key in _lookup_keys(entity.name, entity.type)])
            for entity in found if not entity.known_as]


def _keys_of(unknown: list[tuple[Entity, list[tuple[str, str]]]]) -> set[tuple[str, str]]:
    return ({key for _, keys in unknown for key in keys} |
            {key for entity, _ in unknown for key in other_type_keys(entity)})


def linked_keys(found: list[Entity]) -> set[tuple[str, str]]:
    """Every key linking these entities reads the stored entities under (a writer reads
    those of several documents at once: `store.Saving.expect`)."""
    return _keys_of(_looked_up(found))


def link_to_stored(found: list[Entity], stored: StoredByKey) -> Links:
    links = Links()
    unknown = _looked_up(found)
    candidates = stored(_keys_of(unknown))
    for entity, keys in unknown:
        rows = list({row.id: row for key in keys for row in candidates[key]}.values())
        if any(row.id == entity.id for row in rows):
            continue
        # A name improved by an earlier entity of this document is the one to compare with.
        names = {row.id: links.better_names.get(row.id, row.name) for row in rows}
        fitting = [row_id for row_id, name in names.items()
                   if names_match(entity.name, name, entity.type)
                   and name_length(name, entity.type) >= name_length(entity.name, entity.type)]
        if not fitting:
            retyped = [row for other in other_type_keys(entity) for row in candidates[other]]
            names = {row.id: links.better_names.get(row.id, row.name) for row in retyped}
            fitting = [row_id for row_id, name in names.items() if same_name(entity.name, name)
                       or full_names_match(entity.name, name)]
        if len(fitting) != 1:
            continue
        links.new_ids[entity.id] = fitting[0]
        if name_weight(entity.name) > name_weight(names[fitting[0]]):
            links.better_names[fitting[0]] = entity.name
    return links


def link_analysis(analysis: Analysis, stored: StoredByKey) -> dict[str, str]:
    """Give the analysis's entities the ids of the stored entities they are (everywhere they
    are referred to) and return the better names it found for stored entities."""
    links = link_to_stored(analysis.entities, stored)
    analysis.rename_entities(links.new_ids)
    return links.better_names
