"""The per-document state the event rules share: the parse, the entity mentions, dates,
amounts, vote tallies and story spans, gathered once into a frozen `DocumentIndex`."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from newstrace.annotate import text_of
from newstrace.extract.events.ontology import (
    LEGISLATOR_WORDS,
    LEGISLATURE_NOUNS,
    PARTICIPANT_TYPES,
    STATE_OFFICE_WORDS,
    TITLE_WORDS,
    TREATY_PARTY_KINDS,
)
from newstrace.extract.events.syntax import lemma_of, token_span
from newstrace.extract.quantities import Money, VoteTally, find_money, find_votes
from newstrace.gazetteer.reference import Gazetteer
from newstrace.models import Entity, Event, Quote, Span, Timex


@dataclass(frozen=True)
class DocumentIndex:
    """Everything the rules consult for one document, built once by `index_document`. What
    only some rules read (amounts, tallies, the gazetteer's sets, officials) is worked out
    the first time one asks: most documents never do."""

    doc: Doc
    timexes: tuple[Timex, ...]
    stories: tuple[Span, ...]
    mentions: tuple[tuple[Span, Entity], ...]  # every entity mention, in text order
    quoted: tuple[tuple[Span, Entity], ...]  # words quoted directly, with their speaker
    entities: tuple[Entity, ...]
    gazetteer: Gazetteer

    @cached_property
    def money(self) -> tuple[Money, ...]:
        return tuple(find_money(self.text))

    @cached_property
    def votes(self) -> tuple[VoteTally, ...]:
        return tuple(find_votes(self.text))

    @cached_property
    def legislatures(self) -> frozenset[str]:
        """Gazetteer keys of parliaments."""
        return self.gazetteer.by_kind.get("parliament", frozenset())

    @cached_property
    def countries(self) -> frozenset[str]:
        """Gazetteer keys of states."""
        return self.gazetteer.by_kind.get("country", frozenset())

    @cached_property
    def treaty_parties(self) -> frozenset[str]:
        """Gazetteer keys of public bodies that make treaties."""
        return frozenset().union(*(self.gazetteer.by_kind.get(kind, frozenset())
                                   for kind in TREATY_PARTY_KINDS))

    @cached_property
    def officials(self) -> frozenset[str]:
        """Ids of the people in a state office."""
        return _officials(self.text, self.entities, self.gazetteer)

    @cached_property
    def _longest_mention(self) -> int:
        return max((m.end - m.start for m, _ in self.mentions), default=0)

    def entity_at(self, token: Token) -> Entity | None:
        """The first mention (in text order) overlapping the token, of a participant. Those
        that start further before it than the longest mention is long end before it."""
        span = token_span(token)
        first = bisect.bisect_left(self._mention_starts, span.start - self._longest_mention)
        for mention, entity in self.mentions[first:]:
            if mention.start >= span.end:
                return None
            if mention.overlaps(span) and entity.type in PARTICIPANT_TYPES:
                return entity
        return None

    def story_of(self, offset: int) -> Span:
        # Doc.text is rebuilt from every token on each access: measure the length once.
        return next((s for s in self.stories if s.holds(offset)),
                    Span(0, self.doc[-1].idx + len(self.doc[-1].text_with_ws)))

    def legislature_near(self, offset: int) -> Entity | None:
        """The parliament mentioned in the same story, nearest to ``offset``."""
        story = self.story_of(offset)
        found = [
            (abs(m.start - offset), e) for m, e in self.mentions
            if e.type == "ORG" and story.contains(m) and self.is_legislature(e)
        ]
        return min(found, key=lambda p: p[0])[1] if found else None

    @cached_property
    def text(self) -> str:
        return text_of(self.doc)

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m, _ in self.mentions]

    def mentions_in(self, window: Span) -> list[tuple[Span, Entity]]:
        """The entity mentions wholly inside ``window``, in text order."""
        first = bisect.bisect_left(self._mention_starts, window.start)
        last = bisect.bisect_left(self._mention_starts, window.end)
        return [(m, e) for m, e in self.mentions[first:last]
                if m.end <= window.end and e.type in PARTICIPANT_TYPES]

    def quote_holding(self, offset: int) -> Span | None:
        """The words quoted directly that ``offset`` lies in."""
        return next((span for span, _ in self.quoted if span.holds(offset)), None)

    def treaties_before(self, offset: int) -> list[Entity]:
        """TREATY entities mentioned before ``offset``, most recent first."""
        seen = [(m.start, e) for m, e in self.mentions if e.type == "TREATY" and m.start < offset]
        ordered: list[Entity] = []
        for _, entity in sorted(seen, key=lambda p: -p[0]):
            if entity not in ordered:
                ordered.append(entity)
        return ordered

    def is_legislature(self, entity: Entity) -> bool:
        """A parliament: by its gazetteer kind when the gazetteer knows it, else by a common
        noun in its name ("the regional assembly"; "House" only as a chamber: "the House",
        "House of Commons", not "the White House")."""
        if entity.known_as is not None:
            return entity.known_as in self.legislatures
        return any(_names_chamber(name) for name in
                   {entity.name, *(m.text for m in entity.mentions)})

    def speaker_at(self, offset: int) -> Entity | None:
        """Whose words these are, when ``offset`` lies inside a direct quotation."""
        return next((speaker for span, speaker in self.quoted if span.holds(offset)), None)

    def is_place(self, entity: Entity) -> bool:
        """A town, region or building rather than a state or an organisation: "a Brussels
        summit", "the Downing Street talks", "their Oval Office meeting" say where."""
        if entity.type in ("FAC", "LOC"):
            return True
        if entity.type == "GPE":  # a known town; an unknown name may be a state or province
            return entity.known_as is not None and entity.known_as not in self.countries
        return not self.is_legislature(entity) and \
            entity.name.split()[-1].lower() in VENUE_WORDS

    def is_legislator(self, token: Token) -> bool:
        """"MPs", "lawmakers", "members of the Seimas", "parliament": the legislature acting."""
        word = token.lower_.rstrip(".").rstrip("s")
        if word == "member":  # "members of parliament"
            return any(self.names_legislature(t) for t in token.subtree if t != token)
        return lemma_of(token) in LEGISLATOR_WORDS or word in LEGISLATOR_WORDS or \
            self.names_legislature(token)

    def names_legislature(self, token: Token) -> bool:
        entity = self.entity_at(token)
        if entity is not None:
            return self.is_legislature(entity)
        return lemma_of(token) in LEGISLATURE_NOUNS

    def tally_for(self, trigger: Token) -> VoteTally | None:
        """The vote tally stated in the trigger's sentence."""
        sent = Span(trigger.sent.start_char, trigger.sent.end_char)
        return next((v for v in self.votes if sent.overlaps(v.span)), None)


# Last words of the names of buildings and streets, which say where rather than who.
VENUE_WORDS = {"office", "street", "house", "hall", "palace", "building", "centre", "center",
               "castle", "square", "room", "avenue", "residence", "headquarters"}

# The words before "House" that make it a chamber ("the Lower House"); any other ("the White
# House", "Opera House") names a building.
CHAMBER_QUALIFIERS = {"the", "lower", "upper"}


def _names_chamber(name: str) -> bool:
    words = [w.lower() for w in name.split()]
    if "house" in words:
        at = words.index("house")
        before = words[at - 1] if at else "the"
        return words[at + 1:at + 2] == ["of"] or before in CHAMBER_QUALIFIERS
    return bool(set(words) & LEGISLATURE_NOUNS)


def index_document(doc: Doc, entities: list[Entity], timexes: list[Timex],
                   stories: list[Span], gazetteer: Gazetteer, quotes: Sequence[Quote] = ()
                   ) -> DocumentIndex:
    """The index the rules consult for ``doc`` (the annotate stage's parse)."""
    mentions = sorted(((m.span, e) for e in entities for m in e.mentions), key=lambda p: p[0])
    by_id = {e.id: e for e in entities}
    # Indirect speech is the reporter's wording: its "we" is not the speaker's.
    quoted = tuple((q.content, by_id[q.speaker]) for q in quotes
                   if q.kind != "indirect" and q.speaker in by_id)
    return DocumentIndex(doc, tuple(timexes), tuple(stories), tuple(mentions), quoted,
                         tuple(entities), gazetteer)


def _officials(text: str, entities: Sequence[Entity], gazetteer: Gazetteer) -> frozenset[str]:
    """The people in a state office: known to the gazetteer as holding one, or named after an
    office's title in this report."""
    found = set()
    for entity in entities:
        if entity.type != "PERSON":
            continue
        entry = gazetteer.entries.get(entity.known_as) if entity.known_as else None
        if entry is not None and entry.roles or any(
                _titled(text[max(0, m.span.start - 80):m.span.start], gazetteer)
                for m in entity.mentions):
            found.add(entity.id)
    return frozenset(found)


def _titled(before: str, gazetteer: Gazetteer) -> bool:
    """Whether the words right before a name, on its line, end with a state office's title."""
    words = [w.strip(".,;:()\"'“”‘’").lower()
             for w in before.rsplit("\n", 1)[-1].split()[-TITLE_WORDS:]]
    return bool(words) and (words[-1] in STATE_OFFICE_WORDS or any(
        " ".join(words[-n:]) in gazetteer.role_of_title for n in range(1, len(words) + 1)))


@dataclass
class Found:
    """One report of an event, with what the document-level passes need."""

    trigger: Token
    event: Event
    timex: Timex | None
    same_as: Found | None = None
