"""The data model: every record points at the characters it came from.

Offsets are Python ``str`` indices (code points), end-exclusive, into ``Document.text``,
which is the document's text exactly as ingested.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, NotRequired, TypedDict, cast, get_args

EventStatus = Literal[
    "happened", "planned", "claimed", "denied", "hypothetical", "negated", "background",
]
EVENT_STATUSES: tuple[EventStatus, ...] = get_args(EventStatus)
# A sum so far ("since 2022", "in total") or one more ("a new package", "will allocate").
AmountKind = Literal["total", "new"]
QuoteKind = Literal["direct", "indirect", "mixed"]
# How a mention was found: by the parser's NER, in the gazetteer, as a role or office ("the
# minister"), an anaphor ("the agency"), a descriptor naming a known institution, an
# appositive, or as the document's publisher.
MentionOrigin = Literal[
    "ner", "gazetteer", "role", "anaphor", "descriptor", "appositive", "publisher",
]
TimexKind = Literal["DATE", "DURATION", "SET", "TIME"]
# What a document was read from: its text is the input itself (text, jsonl, csv) or the
# article extracted from a web input (html, rss, atom, warc), kept in Document.source.
SourceKind = Literal["text", "jsonl", "csv", "html", "rss", "atom", "warc"]
# The law's steps of leaving a treaty: a government or parliament decides, the state notifies
# the depositary, the withdrawal takes effect (by the treaty's period or on a stated day). A
# ratification or accession is a decision when a parliament or government approves it; the
# consent a state deposits carries no step.
TreatyStep = Literal["decision", "notification", "effect"]


# Hex digits of an id: 48 bits, so ids of millions of records do not collide in practice.
ID_DIGITS = 12


def stable_id(prefix: str, *parts: str) -> str:
    """A short id that is the same on every machine for the same parts."""
    # surrogatepass: a lone surrogate (a JSON "\ud800" escape) still gets an id
    data = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    digest = hashlib.sha1(data).hexdigest()[:ID_DIGITS]
    return f"{prefix}_{digest}"


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int

    def text(self, text: str) -> str:
        return text[self.start:self.end]

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def holds(self, position: int) -> bool:
        return self.start <= position < self.end

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
    source_kind: SourceKind = "text"
    # The raw input as decoded text (a page, a feed entry) when `text` was extracted from it;
    # None when the text is the input itself.
    source: str | None = None
    author: str | None = None

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
    origin: MentionOrigin = "ner"
    # Filled by resolution: the global id of the entity this mention refers to.
    entity_id: str | None = None


@dataclass
class Entity:
    id: str
    # PERSON, ORG, GPE, NORP, EVENT, OUTLET, TREATY, WEAPON or UNKNOWN from the shipped data
    # and the parser, but a gazetteer extension may bring its own: an open set, so a str.
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
    kind: QuoteKind
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
    kind: TimexKind = "DATE"


class Amount(TypedDict):
    value: float
    currency: str  # ISO 4217
    approximate: NotRequired[bool]  # present (True) only for "about", "some", "over" ...
    # "total" (a sum so far: "since 2022", "in total") or "new" (one more: "a new package",
    # "will allocate"); absent when the text does not say. Only sums of one kind compare.
    kind: NotRequired[AmountKind]


# A tally as the export writes it; "for" is a keyword, hence the functional form.
Votes = TypedDict("Votes", {"for": int, "against": int | None, "abstain": int | None})

# An event argument as the export writes it: an entity id, ids, a phrase, a label or figures.
Argument = str | list[str] | Amount | Votes
# The roles an Event keeps in fields of their own.
VALUE_ROLES = ("motion", "amount", "votes")


@dataclass
class Event:
    id: str
    type: str
    evidence: Span
    # Participants found as entities: role -> entity id ("co_actors" -> ids).
    args: dict[str, str | list[str]] = field(default_factory=dict)
    date: str | None = None  # TIMEX3 value; None when the text does not say
    date_text: str | None = None
    status: EventStatus = "happened"
    plover: str | None = None
    # Roles the text fills with words no entity matched: role -> the phrase as written (an
    # unnamed critic, a treaty by description, a weapon system, the units deployed).
    texts: dict[str, str] = field(default_factory=dict)
    motion: str | None = None  # what a vote was on, as a label ("treaty_withdrawal")
    amount: Amount | None = None
    votes: Votes | None = None
    step: TreatyStep | None = None  # a treaty action's step, when the text tells it

    def arguments(self) -> dict[str, Argument]:
        """Every role and its value in one mapping, as the export and the store write it."""
        merged: dict[str, Argument] = {**self.args, **self.texts}
        for role in VALUE_ROLES:
            if getattr(self, role) is not None:
                merged[role] = getattr(self, role)
        return merged

    def argument(self, role: str) -> Argument | None:
        if role in VALUE_ROLES:
            value: Argument | None = getattr(self, role)
            return value
        return self.args[role] if role in self.args else self.texts.get(role)

    def has(self, role: str) -> bool:
        return self.argument(role) is not None

    def drop(self, role: str) -> None:
        self.args.pop(role, None)
        self.texts.pop(role, None)
        if role in VALUE_ROLES:
            setattr(self, role, None)

    def take(self, other: Event, role: str) -> None:
        """Fill ``role`` as ``other`` fills it (or leave it empty where ``other`` does)."""
        self.drop(role)
        if role in VALUE_ROLES:
            setattr(self, role, getattr(other, role))
        elif role in other.args:
            self.args[role] = other.args[role]
        elif role in other.texts:
            self.texts[role] = other.texts[role]

    def fill_from(self, other: Event, skip: tuple[str, ...] = ()) -> None:
        """Take every role ``other`` fills and this event does not."""
        for role in other.arguments():
            if role not in skip and not self.has(role):
                self.take(other, role)

    def put(self, role: str, value: Any, entity_ids: set[str]) -> None:
        """Set a role from its written form (JSON of an export or a stored row), telling
        entity ids from phrases by the ids of the document's entities."""
        if role == "amount" and isinstance(value, dict):
            self.amount = cast(Amount, value)  # JSON written from an Amount
        elif role == "votes" and isinstance(value, dict):
            self.votes = cast(Votes, value)
        elif role == "motion" and isinstance(value, str):
            self.motion = value
        elif isinstance(value, list) or (isinstance(value, str) and value in entity_ids):
            self.args[role] = value
        elif isinstance(value, str):
            self.texts[role] = value


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
    # Wire copy, by document id: the stored documents this one republishes, and those that
    # republish it (filled by the store: see resolve/copies.py).
    copy_of: list[str] = field(default_factory=list)
    copied_by: list[str] = field(default_factory=list)

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
            event.args = {role: [renamed(v) for v in value] if isinstance(value, list)
                          else renamed(value) for role, value in event.args.items()}
