"""The data model: every record points at the characters it came from.

Offsets are Python ``str`` indices (code points), end-exclusive, into ``Document.text``,
which is the document's text exactly as ingested.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

EVENT_STATUSES = (
    "happened", "planned", "claimed", "denied", "hypothetical", "negated", "background",
)


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that is the same on every machine for the same parts."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}_{digest}"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def as_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass
class Document:
    text: str
    id: str = ""
    file: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: date | None = None
    language: str = "en"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id("doc", self.text)


@dataclass
class Story:
    span: Span
    title: str | None = None
    outlet: str | None = None


@dataclass
class Mention:
    span: Span
    text: str
    type: str
    # How the mention was found: "ner", "gazetteer", "role", "pronoun", "descriptor".
    origin: str = "ner"
    # Filled by resolution: the global id of the entity this mention refers to.
    entity_id: str | None = None


@dataclass
class Entity:
    id: str
    type: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    # Gazetteer key when the entity is known to the gazetteer, else None.
    known_as: str | None = None
    identifiers: dict[str, str] = field(default_factory=dict)

    def aliases(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for mention in self.mentions:
            counts[mention.text] = counts.get(mention.text, 0) + 1
        return counts


@dataclass
class Quote:
    content: Span
    kind: str
    speaker: str | None = None  # entity id; None when the speaker is unknown or not an entity
    speaker_text: str | None = None
    source: Span | None = None
    cue: Span | None = None
    medium: str | None = None  # entity id of the channel the speaker addressed
    relays: list[str] = field(default_factory=list)  # outlet entity ids, nearest the speaker first
    date: str | None = None  # TIMEX3 value of when it was said, when the text says
    confidence: float = 0.5
    # The quoted passages when a frame interrupts them ("…," he said, "…"); content is their
    # hull. Empty for a quote in one piece.
    parts: list[Span] = field(default_factory=list)


@dataclass
class Timex:
    span: Span
    text: str
    value: str | None  # TIMEX3 value (2025-03-06, 2024-07, 2025-W10, P6M) or None if unresolved
    kind: str = "DATE"  # DATE, DURATION, SET, TIME


@dataclass
class Event:
    id: str
    type: str
    evidence: Span
    args: dict[str, Any] = field(default_factory=dict)  # role -> entity id or literal
    date: str | None = None  # TIMEX3 value; None when the text does not say
    date_text: str | None = None
    status: str = "happened"
    plover: str | None = None


@dataclass
class Analysis:
    """Everything newstrace extracted from one document."""

    document: Document
    stories: list[Story] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)

    def entity(self, entity_id: str | None) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def rename_entities(self, new_ids: dict[str, str]) -> None:
        """Give entities new ids (when another document already knows them) everywhere they
        are referred to: mentions, speakers, media, relays, event arguments."""
        def renamed(value: Any) -> Any:
            return new_ids.get(value, value) if isinstance(value, str) else value

        for entity in self.entities:
            entity.id = renamed(entity.id)
            for mention in entity.mentions:
                mention.entity_id = renamed(mention.entity_id)
        for quote in self.quotes:
            quote.speaker, quote.medium = renamed(quote.speaker), renamed(quote.medium)
            quote.relays = [renamed(r) for r in quote.relays]
        for event in self.events:
            event.args = {role: renamed(value) for role, value in event.args.items()}
