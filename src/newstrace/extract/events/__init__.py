"""Rule-based event extraction: who did what to whom, when, over spaCy's dependency parse.

A token becomes a *trigger* when its lemma is listed for an event type in the ontology and
the words it governs (its *theme*) fit what that type needs (`triggers`). Its status comes
from the governing words (`status`), its participants from the parse resolved to entities
through mention spans (`actors`, `arguments`), a treaty withdrawal's legal step from the
words above it (`steps`), its date only from a time expression in its own clause or
sentence, never from the publication date (`dating`). Document-level passes then link
reports of the same event and give each a global id (`linking`).

`find_events` is the entry point; the modules above are listed in the order a trigger meets
them. Underneath: `ontology` (event types, trigger lemmas, PLOVER, theme words), `syntax`
(reading the parse) and `context` (the per-document `DocumentIndex`, built once).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newstrace.extract.events.amounts import starts_period
from newstrace.extract.events.arguments import read_arguments
from newstrace.extract.events.context import DocumentIndex, Found, index_document
from newstrace.extract.events.dating import pick_timex
from newstrace.extract.events.linking import document_passes, has_participants, merge
from newstrace.extract.events.ontology import EventType
from newstrace.extract.events.status import (
    evidence_span,
    governors,
    states_a_rule,
    status_of,
)
from newstrace.extract.events.steps import step_of
from newstrace.extract.events.syntax import is_light_object
from newstrace.extract.events.triggers import (
    classify,
    evaluation,
    is_swallowed,
    motion_of,
    possible_triggers,
)
from newstrace.gazetteer.reference import Gazetteer
from newstrace.models import Entity, Event, Quote, Span, Timex


def _events_for(ctx: DocumentIndex, trigger: Token, etype: EventType) -> list[Found]:
    chain = governors(trigger)
    timex = pick_timex(ctx, trigger, chain)
    keep = ("xcomp", "ccomp") if etype.name == "criticism" and evaluation(trigger) else ()
    event = Event(
        id="",
        type=etype.name,
        evidence=evidence_span(trigger, chain, keep),
        date=timex.value if timex else None,
        date_text=timex.text if timex else None,
        status=status_of(trigger, chain),
        plover=etype.plover,
    )
    more = read_arguments(ctx, etype, trigger, chain, event)
    if timex is not None and event.amount and event.amount.get("kind") == "total" \
            and starts_period(timex.span, trigger):
        # "has provided 900 million since 2022": a total so far has no day of its own.
        event.date = event.date_text = timex = None
    if etype.name.endswith("_vote"):
        event.motion = motion_of(ctx, trigger)
    event.step = step_of(ctx, trigger, event)
    found = [Found(trigger, event, timex)]
    for role, others in (("target", more.targets), ("actor", more.actors)):
        for other in others:
            copy = replace(event, args={**event.args, role: other},
                           texts={r: t for r, t in event.texts.items() if r != role})
            found.append(Found(trigger, copy, timex))
    return found


def find_events(
    doc: Doc, entities: list[Entity], timexes: list[Timex], stories: list[Span],
    gazetteer: Gazetteer, quotes: Sequence[Quote] = (),
) -> list[Event]:
    """Events stated in ``doc``, a document of the given story spans. The date of an event
    comes only from the text, never from the publication date. The gazetteer says which
    known organisations are legislatures; the quotes whose words a "we" or "I" is."""
    ctx = index_document(doc, entities, timexes, stories, gazetteer, quotes)
    found: list[Found] = []
    for i in possible_triggers(ctx.doc):
        token = ctx.doc[i]
        etype = classify(ctx, token)
        if etype is None or is_swallowed(ctx, token) or states_a_rule(token):
            continue
        for item in _events_for(ctx, token, etype):
            event = item.event
            if token.pos_ == "VERB" or has_participants(event) or is_light_object(token):
                # A bare event noun ("if funding allowed") names a concept, not a reported event.
                found.append(item)
    document_passes(ctx, found)
    return merge([item.event for item in found])
