"""Document-level passes over the events found sentence by sentence: a definite event noun
takes its antecedent's id and date, agreements take their meeting's parties, reports of
one event are merged, and a tally told later folds into the treaty vote."""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.extract.events.context import DocumentIndex, Found
from newstrace.extract.events.dating import (
    anchored_date,
    container_period,
    date_by_story,
    story_sections,
)
from newstrace.extract.events.ontology import CONTAINER_TYPES, ONTOLOGY, PARTICIPANT_ROLES
from newstrace.extract.lexicon import DEFINITE_DETERMINERS
from newstrace.extract.timexes.values import is_day, is_duration
from newstrace.models import Event, stable_id


def _event_id(event: Event) -> str:
    """Global id: type and participants. A state does a treaty action once and a parliament
    votes once on a treaty motion, so those ids ignore the date (a report eight months
    later that says only "in July last year" still names the same event)."""
    args = event.arguments()
    actor = str(args.get("actor", ""))
    etype = ONTOLOGY[event.type]
    if etype.treaty_action:
        return stable_id("evt", etype.name, *sorted([actor, str(args.get("target", ""))]))
    if etype.name == "treaty_vote":
        return stable_id("evt", etype.name, actor, str(args.get("target", "")),
                         event.motion or "")
    other = next((str(args[r]) for r in ("target", "recipient", "system") if r in args), "")
    # A total so far and a new sum of the same giver are two facts.
    total = ["total"] if event.amount and event.amount.get("kind") == "total" else []
    return stable_id("evt", etype.name, *sorted([actor, other]), (event.date or "")[:7], *total)


def has_participants(event: Event) -> bool:
    return any(event.has(role) for role in PARTICIPANT_ROLES)


def _fold_votes(events: list[Event]) -> list[Event]:
    """A tally told in a later sentence ("In the final vote, 103 MPs voted in favour ...")
    belongs to the treaty vote the report is about, when nothing names another motion."""
    treaty_votes = {e.id for e in events if e.type == "treaty_vote"}
    if len(treaty_votes) != 1:
        return events
    main = next(e for e in events if e.type == "treaty_vote")
    kept = []
    for event in events:
        untargeted = event.type == "parliamentary_vote" and not (
            event.has("target") or event.motion
        )
        same_day = event.date in (None, main.date)
        if untargeted and same_day and event.evidence.start > main.evidence.start:
            if main.votes is None:
                main.votes = event.votes
            continue
        kept.append(event)
    return kept


def _same_day_restatements(events: list[Event]) -> None:
    """"Parliament approved the bill on Thursday. The bill passed with 88 votes …": a report
    of the same type on the same day whose participants are a part of another's is the same
    event, so it takes that event's id."""
    for event in events:
        if not is_day(event.date):
            continue
        mine = _named(event)
        for other in events:
            theirs = _named(other)
            if other is not event and other.type == event.type and other.date == event.date \
                    and mine < theirs:
                event.id = other.id
                break


def _named(event: Event) -> set[str]:
    """The participants and phrases of an event, for telling whether one report says less."""
    return {v for v in event.arguments().values() if isinstance(v, str)}


def merge(events: list[Event]) -> list[Event]:
    """Reports of one event (same id) in a document complete each other's arguments and
    date; each keeps its own evidence, and an exact repeat of a report is dropped."""
    _same_day_restatements(events)
    by_id: dict[str, list[Event]] = {}
    kept: list[Event] = []
    for event in events:
        if any(e.evidence == event.evidence for e in by_id.get(event.id, [])):
            continue
        by_id.setdefault(event.id, []).append(event)
        kept.append(event)
    for reports in by_id.values():
        for event in reports:
            for other in reports:
                event.fill_from(other, skip=("votes",))  # two tallies are two figures
                # A withdrawal's decision, notice and effect are one id but fall on other days.
                other_step = bool(event.step and other.step and event.step != other.step)
                if event.date is None and other.date is not None and not other_step:
                    event.date, event.date_text = other.date, other.date_text
    return _fold_votes(kept)


def _definite(trigger: Token) -> bool:
    """"the announced investment", "her six-day visit": a phrase naming a known event."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS)
        or (c.dep_ == "poss" and c.pos_ == "PRON") for c in trigger.children
    )


def _compatible(a: Event, b: Event) -> bool:
    mine, theirs = a.arguments(), b.arguments()
    shared = (mine.keys() & theirs.keys()) - {"votes", "units", "system", "co_actors", "amount"}
    same_sum = a.amount is None or b.amount is None or (
        (a.amount["value"], a.amount["currency"]) == (b.amount["value"], b.amount["currency"]))
    return same_sum and all(mine[r] == theirs[r] for r in shared)


def _antecedent(found: list[Found], item: Found) -> Found | None:
    earlier = [f for f in found if f.event.evidence.start < item.event.evidence.start
               and f.event.type == item.event.type and f.event.date is not None
               and not is_duration(f.event.date) and _compatible(f.event, item.event)]
    return max(earlier, key=lambda f: f.event.evidence.start) if earlier else None


def document_passes(ctx: DocumentIndex, found: list[Found]) -> None:
    found.sort(key=lambda f: f.trigger.idx)
    sections = story_sections(ctx)
    for item in found:
        event = item.event
        if event.date and is_duration(event.date):
            event.date = anchored_date(ctx, found, item)
            if event.date is None:
                event.date_text = None
        if event.date is None and _definite(item.trigger):
            item.same_as = _antecedent(found, item)
            if item.same_as is not None:
                event.fill_from(item.same_as.event)
                event.date, event.date_text = item.same_as.event.date, item.same_as.event.date_text
    containers = [f for f in found if f.event.type in CONTAINER_TYPES and f.event.date]
    for item in found:
        event = item.event
        if event.date is not None or event.type != "meeting":
            continue
        section = next((s for s in sections if s.holds(item.trigger.idx)), None)
        frame = [c for c in containers if c.trigger.sent == item.trigger.sent] or [
            c for c in containers if section is not None and section.start <= c.trigger.idx
            < item.trigger.idx and c.event.argument("actor") == event.argument("actor")
            and event.has("actor")]
        if frame:
            container = frame[-1]
            event.date = container_period(ctx, container)
            event.date_text = container.event.date_text
            if container.event.has("actor") and not event.has("actor"):
                event.take(container.event, "actor")
    _link_agreements(found)
    _inherit_criticised(found)
    date_by_story(ctx, found)
    for item in found:
        item.event.id = item.same_as.event.id if item.same_as and item.same_as.event.id \
            else _event_id(item.event)


def _link_agreements(found: list[Found]) -> None:
    """"an agreement reached at her meeting with X": the parties are the meeting's."""
    meetings = {f.trigger.i: f.event for f in found if f.event.type == "meeting"}
    for item in found:
        if item.event.type != "agreement":
            continue
        heads = [item.trigger, *(c for c in item.trigger.children if c.dep_ in ("acl", "relcl"))]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and prep.lower_ in ("at", "during", "in"):
                    meeting = next((meetings[g.i] for g in prep.children if g.i in meetings), None)
                    if meeting is not None:
                        for role in ("actor", "target"):
                            if meeting.has(role):
                                item.event.take(meeting, role)


def _inherit_criticised(found: list[Found]) -> None:
    """"Amnesty criticised Latvia's withdrawal. Another group called the move a mistake":
    a criticism with no target of its own ("the move", "it"), told in the next sentence,
    criticises what the one before did."""
    sentences = {sent.start: n for n, sent in enumerate(found[0].trigger.doc.sents)} \
        if found else {}
    last: tuple[Event, int] | None = None
    for item in found:
        event = item.event
        if event.type != "criticism":
            continue
        here = sentences.get(item.trigger.sent.start, 0)
        if not event.has("target") and last is not None and here - last[1] <= 1:
            event.take(last[0], "target")
        if event.has("target"):
            last = (event, here)
