"""The arguments of an event: actor and co-actors, then what each event type reads for
itself (seller, recipient, system, units, partners, critics ...), amounts and vote tallies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Token

from newstrace.extract.events.actors import (
    actors_of,
    first_entity,
    motion_verb,
    place_of,
    referent,
    treaty_of,
    unnamed_actor,
)
from newstrace.extract.events.amounts import amount_of, pick_money
from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.ontology import (
    AGENT_TYPES,
    LIGHT_VERBS,
    MONEY_TYPES,
    TROOPS,
    VOICING_VERBS,
    VOTE_TYPES,
    WEAPON,
    EventType,
)
from newstrace.extract.events.syntax import (
    agent_of,
    is_light_object,
    lemma_of,
    own_tokens,
    phrase_text,
    prep_objects,
    subject_of,
    theme_tokens,
)
from newstrace.extract.events.triggers import evaluation, theme_classes
from newstrace.models import Entity, Event

# Verbs whose subject is the target of a nominal criticism ("X's move drew criticism").
DRAWING_VERBS = {"draw", "attract", "face", "prompt", "spark", "provoke", "trigger", "meet"}


@dataclass
class MoreParties:
    """Further partners or critics named with the first: one event each ("met A, B and C",
    "criticised by A and B")."""
    targets: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)


def read_arguments(ctx: DocumentIndex, etype: EventType, trigger: Token, chain: list[Token],
                   event: Event) -> MoreParties:
    """Fill the participants, amount and tally of ``event``, triggered by ``trigger``."""
    actor, co_actors = actors_of(ctx, trigger)
    if actor is not None:
        event.args["actor"] = actor.id
    elif (unnamed := unnamed_actor(trigger)) is not None:
        event.texts["actor"] = unnamed
    if co_actors:
        event.args["co_actors"] = [e.id for e in co_actors]
    reader = _READERS.get(etype.name)
    more = reader(ctx, trigger, event) if reader is not None else None
    if not event.has("location"):
        _set(event, "location", place_of(ctx, trigger))
    if etype.treaty_action or etype.name == "treaty_vote":
        treaty, literal = treaty_of(ctx, trigger)
        if treaty is not None or literal:
            event.drop("target")
        if treaty is not None:
            event.args["target"] = treaty.id
        elif literal:
            event.texts["target"] = literal
    if etype.name in MONEY_TYPES:
        money = pick_money(ctx, trigger, chain)
        if money is not None:
            event.amount = amount_of(money, trigger, chain)
    if etype.name in VOTE_TYPES:
        tally = ctx.tally_for(trigger)
        if tally is not None:
            event.votes = {"for": tally.for_, "against": tally.against,
                           "abstain": tally.abstain}
    if etype.name in ("agreement", "meeting") and not event.has("target") and co_actors:
        event.args["target"] = co_actors[0].id
    return more or MoreParties()


def _set(event: Event, role: str, entity: Entity | None) -> None:
    if entity is not None and entity.id != event.argument("actor"):
        event.drop(role)
        event.args[role] = entity.id


def _weapon_args(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    themes = [t for t in theme_tokens(trigger) if WEAPON in theme_classes(ctx, t)]
    system = first_entity(ctx, themes, {"WEAPON"})
    if system is not None:
        event.args["system"] = system.id
    elif themes:
        event.texts["system"] = phrase_text(themes[0])


def _read_procurement(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    _weapon_args(ctx, trigger, event)
    sellers = list(prep_objects(trigger, {"from"}))
    # "ordered rifles worth 40 million dollars from Canada": the phrase may hang on a word
    # of the object
    sellers += [g for t in own_tokens(trigger) if t.dep_ == "prep" and t.lower_ == "from"
                and t.head != trigger for g in t.children if g.dep_ == "pobj"]
    _set(event, "seller", first_entity(ctx, sellers, AGENT_TYPES))


def _goals(verb: Token, preps: set[str]) -> list[Token]:
    """Where what a verb moves goes: its own "to"/"for" phrase or indirect object, then one
    the parse hangs on the thing moved ("gave 12 million euros to X", "provided 300 million
    euros in aid to X"); never a name that only happens to stand nearby."""
    places = list(prep_objects(verb, preps))
    for thing in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        places += [g for t in sorted(own_tokens(thing), key=lambda t: t.i)
                   if t.dep_ == "prep" and t.lower_ in preps
                   for g in t.children if g.dep_ == "pobj"]
    return places


def _read_transfer(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    _weapon_args(ctx, trigger, event)
    _set(event, "recipient", first_entity(ctx, _goals(trigger, {"to", "for"})))


def _read_deployment(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    _weapon_args(ctx, trigger, event)
    units = [t for t in theme_tokens(trigger) if TROOPS in theme_classes(ctx, t)]
    if units and not event.has("system"):
        event.texts["units"] = phrase_text(units[0])
    if units and not event.has("actor"):
        # "the deployment of German troops": troops are sent by the state they serve
        _set(event, "actor", first_entity(
            ctx, [c for c in units[0].children if c.dep_ in ("amod", "compound")],
            {"GPE", "NORP"}))
    preps = {"to", "in", "into", "near", "on"}
    where = list(prep_objects(trigger, preps))
    if is_light_object(trigger):  # "held joint exercises in Belarus"
        where += list(prep_objects(trigger.head, preps))
    where += [w for u in units for w in prep_objects(u, preps)]
    _set(event, "target", first_entity(ctx, where, {"GPE", "ORG"}))


def _read_money_flow(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    preps = {"in", "into"} if lemma_of(trigger) in ("invest", "investment") else {"to", "for"}
    head = trigger.head if trigger.dep_ == "compound" else trigger  # "aid package for X"
    places = _goals(head, preps) if head.pos_ == "VERB" else list(prep_objects(head, preps))
    if is_light_object(head):  # "approved a loan to Kenya": the phrase may hang on the verb
        places += list(prep_objects(head.head, preps))
    _set(event, "recipient", first_entity(ctx, places))


def _read_visit(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    places = [c for c in trigger.children if c.dep_ == "dobj"]
    places += list(prep_objects(trigger, {"to", "in"}))
    mover = motion_verb(trigger)
    if mover is not None:
        places += list(prep_objects(mover, {"to", "in"}))
    _set(event, "target", first_entity(ctx, places))


def _read_meeting(ctx: DocumentIndex, trigger: Token, event: Event) -> MoreParties | None:
    pair = _between(ctx, trigger)
    if len(pair) >= 2 and not event.has("actor"):  # "the meeting between A and B"
        event.args["actor"] = pair[0].id
        pair = pair[1:]
    others = [c for c in trigger.children if c.dep_ == "dobj"]
    others += _with_objects(trigger)
    if trigger.pos_ != "VERB":
        others += list(prep_objects(trigger.head, {"with"}))
    partners = [e for e in pair + _each_party(ctx, others) if e.id != event.argument("actor")]
    if not partners and trigger.pos_ != "VERB":  # "a summit on Ukraine"
        partners = [e for e in [first_entity(ctx, prep_objects(trigger, {"on"}), {"GPE"})]
                    if e is not None and e.id != event.argument("actor")]
    if not partners:
        return None
    event.drop("target")
    event.args["target"] = partners[0].id
    # one meeting per partner: "met A, B and C"
    return MoreParties(targets=list(dict.fromkeys(e.id for e in partners[1:])))


def _between(ctx: DocumentIndex, trigger: Token) -> list[Entity]:
    found: list[Entity] = []
    for obj in prep_objects(trigger, {"between"}):
        named = [obj, *obj.conjuncts]
        named += [n for t in named for a in t.children if a.dep_ == "appos"
                  for n in (a, *a.conjuncts)]  # "between Presidents A and B"
        for token in named:
            entity = referent(ctx, token, AGENT_TYPES)
            if entity is not None and entity not in found:
                found.append(entity)
    return found


def _with_objects(trigger: Token) -> list[Token]:
    """Objects of "with", also of coordinated "with" phrases: "with A, with B and with C"."""
    objects = []
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            for prep in (child, *child.conjuncts):
                objects += [g for g in prep.children if g.dep_ == "pobj"]
    return objects


def _each_party(ctx: DocumentIndex, heads: list[Token]) -> list[Entity]:
    """The entity each phrase names: its head (with appositions), else the members it lists
    ("companies, including A and B"), else the last person or organisation inside it
    ("the Secretary of the US Army ... – Ryan McCarthy")."""
    found: list[Entity] = []
    for head in heads:
        for token in (head, *head.conjuncts):
            listed = [m for t in token.subtree if t.dep_ == "prep"
                      and t.lower_ in ("including", "like", "as")
                      for g in t.children if g.dep_ == "pobj" for m in (g, *g.conjuncts)]
            entities = [e for e in (referent(ctx, m, AGENT_TYPES) for m in listed) if e]
            if not entities:
                entity = ctx.entity_at(token)
                if entity is None or entity.type not in AGENT_TYPES:
                    inside = [ctx.entity_at(t) for t in token.subtree
                              if not any(c in t.ancestors for c in token.conjuncts)]
                    named = [e for e in inside if e is not None and e.type == "PERSON"]
                    entity = named[-1] if named else referent(ctx, token, AGENT_TYPES)
                entities = [entity] if entity is not None else []
            found += [e for e in entities if e not in found]
    return found


def _read_agreement(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    partners = list(prep_objects(trigger, {"with"}))
    for theme in theme_tokens(trigger):
        partners += list(prep_objects(theme, {"with", "between"}))
    _set(event, "target", first_entity(ctx, partners))


def _production_partner(ctx: DocumentIndex, trigger: Token) -> Entity | None:
    """"produce ... jointly with Kyiv", "in cooperation with Ukraine", "together with"."""
    tokens = [trigger, *(c for c in trigger.children if c.dep_ in ("advmod", "prep")
                         and c.lower_ in ("jointly", "together", "in"))]
    tokens += [g for c in tokens[1:] if c.lower_ == "in" for g in c.children
               if g.dep_ == "pobj" and lemma_of(g) in ("cooperation", "partnership")]
    return first_entity(ctx, (o for t in tokens for o in prep_objects(t, {"with"})),
                         AGENT_TYPES)


def _read_production(ctx: DocumentIndex, trigger: Token, event: Event) -> None:
    _weapon_args(ctx, trigger, event)
    _set(event, "location", first_entity(ctx, prep_objects(trigger, {"in"}), {"GPE"}))
    _set(event, "partner", _production_partner(ctx, trigger))


def _read_criticism(ctx: DocumentIndex, trigger: Token, event: Event) -> MoreParties:
    if trigger.pos_ == "VERB":
        judged = evaluation(trigger)
        objects = [judged] if judged is not None and judged.pos_ != "PRON" else [
            c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and judged is None]
        _set(event, "target", first_entity(ctx, _deep(objects), AGENT_TYPES))
        subj = subject_of(trigger)
        if not event.has("actor") and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            event.texts["actor"] = phrase_text(subj)  # "rights groups condemned ..."
        return _more_critics(ctx, [agent_of(trigger)], event)
    head = trigger.head
    event.drop("actor")  # the light-verb subject may be the cause, decided below
    critics = list(prep_objects(trigger, {"from", "by", "among", "in"}))
    critics += list(prep_objects(head, {"from", "among", "in"}))
    agent = agent_of(head)  # "concerns have been raised by Human Rights Watch"
    if agent is not None:
        critics.insert(0, agent)
    about = list(prep_objects(trigger, {"over", "about", "of", "at", "regarding"}))
    about += list(prep_objects(head, {"over", "about", "regarding"}))
    subj = subject_of(head) if trigger.dep_ in ("dobj", "attr") else None
    if subj is not None and lemma_of(head) in DRAWING_VERBS | VOICING_VERBS | LIGHT_VERBS:
        if lemma_of(head) not in DRAWING_VERBS and ctx.entity_at(subj) is not None:
            critics.insert(0, subj)  # "Germany raised concerns": the subject is the critic
        else:
            about.append(subj)  # "Serbia's purchase raised concerns": the subject is the cause
    critic = first_entity(ctx, critics)
    if critic is not None:
        event.args["actor"] = critic.id
    else:
        unnamed = next((c for c in critics if c.pos_ in ("NOUN", "PROPN")), None)
        if unnamed is not None:  # "criticism from human rights organizations"
            event.texts["actor"] = phrase_text(unnamed)
    _set(event, "target", first_entity(ctx, _deep(about), AGENT_TYPES))
    return _more_critics(ctx, critics[:1], event)


def _more_critics(ctx: DocumentIndex, critics: Iterable[Token | None], event: Event
                  ) -> MoreParties:
    """Coordinated critics each criticise: "criticised by A, B and C" is three events."""
    more = []
    for critic in critics:
        if critic is None:
            continue
        named = [referent(ctx, conj, AGENT_TYPES) for conj in critic.conjuncts]
        if any(t.dep_ == "cc" for t in critic.subtree):
            # a flat parse of "A and B" (A as a modifier of B): every name in the phrase
            fenced = [t for c in critic.children if c.dep_ in ("prep", "relcl", "acl", "appos")
                      for t in c.subtree]
            named += [ctx.entity_at(t) for t in critic.subtree if t not in fenced]
        for entity in named:
            if (entity is not None and entity.type in AGENT_TYPES
                    and entity.id != event.argument("actor") and entity.id not in more):
                more.append(entity.id)
    return MoreParties(actors=more)


def _deep(tokens: list[Token]) -> list[Token]:
    """Phrase heads first, then the rest of their subtrees ("Norway's plan to ...")."""
    return tokens + [t for head in tokens for t in head.subtree if t != head]


_READERS = {
    "arms_procurement": _read_procurement,
    "arms_transfer": _read_transfer,
    "deployment": _read_deployment,
    "investment": _read_money_flow,
    "funding": _read_money_flow,
    "visit": _read_visit,
    "meeting": _read_meeting,
    "agreement": _read_agreement,
    "production": _read_production,
    "criticism": _read_criticism,
}
