"""An overview of the whole store that stays short at any size: counts, then the top entries
of each ranking, computed in SQL."""

from __future__ import annotations

from typing import Any

from newstrace.store import Store
from newstrace.store.queries import (
    entities_by_type,
    event_type_counts,
    table_counts,
    top_entities,
    top_outlets,
    top_speakers,
)

# The entity types a reader scans for first: who, which bodies, which outlets.
ACTOR_TYPES = ("PERSON", "ORG", "OUTLET", "NORP")
PLACE_TYPES = ("GPE", "LOC", "FAC")


def summary_record(store: Store, limit: int) -> dict[str, Any]:
    """Counts of documents, stories, entities (by type), statements and events, and the
    ``limit`` first of each ranking: outlets, people and organisations, places, speakers,
    event types."""
    return {
        "counts": table_counts(store),
        "entities_by_type": entities_by_type(store),
        "outlets": top_outlets(store, limit),
        "actors": top_entities(store, limit, ACTOR_TYPES),
        "places": top_entities(store, limit, PLACE_TYPES),
        "speakers": top_speakers(store, limit),
        "event_types": event_type_counts(store, limit),
    }
