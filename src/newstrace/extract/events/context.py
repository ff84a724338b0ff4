"""The per-document state the event rules share: the parse, the entity mentions, dates,
amounts, vote tallies and story spans, gathered once into a frozen `DocumentIndex`."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newstrace.extract.events.ontology import LEGISLATURE_NOUNS, PARTICIPANT_TYPES
from newstrace.extract.events.syntax import token_span
from newstrace.extract.quantities import Money, VoteTally, find_money, find_votes
from newstrace.gazetteer.reference import Gazetteer
from newstrace.models import Entity, Event, Span, Timex


@dataclass(frozen=True)
class DocumentIndex:
    """Everything the rules consult for one document, built once by `index_document`."""

    doc: Doc
    timexes: tuple[Timex, ...]
    money: tuple[Money, ...]
    votes: tuple[VoteTally, ...]
    stories: tuple[Span, ...]
    mentions: tuple[tuple[Span, Entity], ...]  # every entity mention, in text order
    legislatures: frozenset[str]  # gazetteer keys of parliaments

    def entity_at(self, token: Token) -> Entity | None:
        span = token_span(token)
        for mention, entity in self.mentions:
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

    def person_before(self, offset: int) -> Entity | None:
        """The person most recently named before ``offset`` in the same story ("she", "his")."""
        story = self.story_of(offset)
        found = [(m.start, e) for m, e in self.mentions
                 if e.type == "PERSON" and story.start <= m.start and m.end <= offset]
        return max(found, key=lambda p: p[0])[1] if found else None

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
        noun in its name ("the regional assembly")."""
        if entity.known_as is not None:
            return entity.known_as in self.legislatures
        words = {w.lower() for m in entity.mentions for w in m.text.split()}
        words |= {w.lower() for w in entity.name.split()}
        return bool(words & LEGISLATURE_NOUNS)

    def tally_for(self, trigger: Token) -> VoteTally | None:
        """The vote tally stated in the trigger's sentence."""
        sent = Span(trigger.sent.start_char, trigger.sent.end_char)
        return next((v for v in self.votes if sent.overlaps(v.span)), None)


def index_document(doc: Doc, entities: list[Entity], timexes: list[Timex],
                   stories: list[Span], gazetteer: Gazetteer) -> DocumentIndex:
    """The index the rules consult for ``doc`` (the annotate stage's parse)."""
    text = doc.text
    mentions = sorted(((m.span, e) for e in entities for m in e.mentions), key=lambda p: p[0])
    return DocumentIndex(doc, tuple(timexes), tuple(find_money(text)),
                         tuple(find_votes(text)), tuple(stories), tuple(mentions),
                         frozenset(key for key, entry in gazetteer.entries.items()
                                   if entry.kind == "parliament"))


@dataclass
class Found:
    """One report of an event, with what the document-level passes need."""

    trigger: Token
    event: Event
    timex: Timex | None
    same_as: Found | None = None
