"""Who takes part: the entity a phrase refers to (through mentions, pronouns and, for
"103 MPs", the nearby legislature), the actor of a verb or an event noun, and the treaty a
treaty action concerns."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.ontology import (
    AGENT_TYPES,
    AGREEMENT,
    LIGHT_VERBS,
    TREATY,
)
from newstrace.extract.events.pronouns import antecedent, described_group
from newstrace.extract.events.syntax import (
    agent_class,
    is_light_object,
    is_report,
    lemma_of,
    nominal_agent,
    phrase_parts,
    phrase_text,
    stops_being,
    subject_of,
    theme_tokens,
)
from newstrace.extract.events.triggers import word_classes
from newstrace.extract.lexicon import FIRST_PERSON_PRONOUNS, THIRD_PERSON_SUBJECTS
from newstrace.models import Entity
from newstrace.resolve.pronouns import kinds_of

MOTION_VERBS = {"arrive", "travel", "come", "go", "fly", "head", "land", "be", "leave",
                "depart", "return", "set"}

# Documents a state hands over to act on a treaty: "an instrument of ratification", "a
# notice of withdrawal".
TREATY_DOCUMENT_NOUNS = {"instrument", "notice", "notification", "letter", "note", "declaration"}

# Verbs whose subject takes part in the event named in their prepositional phrase:
# "Finland is taking part in talks on the purchase of jets".
PARTICIPATION_VERBS = {"participate", "engage", "involve", "take", "join", "lead", "negotiate",
                       "cooperate", "work", "collaborate"}


def referent(
    ctx: DocumentIndex, token: Token | None, types: set[str] | None = None,
) -> Entity | None:
    """The entity a noun phrase headed by ``token`` refers to."""
    if token is None:
        return None
    for candidate in phrase_parts(token):
        if candidate.dep_ == "poss" and candidate.pos_ == "PRON" and candidate.head == token \
                and agent_class(token) == "person" and ctx.entity_at(token) is None:
            continue  # "his wife", "her deputies": someone other than the pronoun's
        entity = ctx.entity_at(candidate)
        if entity is None and candidate.pos_ == "NOUN":
            group = described_group(ctx, candidate)
            entity = group[0] if group else None
        if entity is None and candidate.pos_ == "PRON":
            entity = _pronoun(ctx, candidate, types)
        if entity is not None and (types is None or entity.type in types):
            return entity
    return None


def _pronoun(ctx: DocumentIndex, token: Token, types: set[str] | None) -> Entity | None:
    """A pronoun's referent: "we"/"my" in a quotation its speaker; "it would" after "Norway
    said" the reporter; else the story's most salient antecedent of a fitting kind."""
    word = token.lower_
    if word in FIRST_PERSON_PRONOUNS:
        return ctx.speaker_at(token.idx)
    kinds = kinds_of(token) & (types or AGENT_TYPES)
    if word in THIRD_PERSON_SUBJECTS:
        reporter = _reporter(ctx, token)
        if reporter is not None and reporter.type in kinds:
            return reporter
    owner = _clause_subject(ctx, token) if token.dep_ == "poss" else None
    if owner is not None and owner.type in kinds:
        return owner  # "Russia moved its troops": the clause's own subject
    return antecedent(ctx, token, types)


def _clause_subject(ctx: DocumentIndex, possessive: Token) -> Entity | None:
    """The entity the subject of a possessive pronoun's clause names, when it comes first."""
    verb = next((a for a in possessive.ancestors if a.pos_ in ("VERB", "AUX")), None)
    subject = subject_of(verb) if verb is not None else None
    if subject is None or subject.i > possessive.i or subject.pos_ == "PRON":
        return None
    return referent(ctx, subject)


def _nominal_actor(ctx: DocumentIndex, trigger: Token) -> Entity | None:
    found = referent(ctx, nominal_agent(trigger))
    if found is not None:
        return found
    for child in trigger.children:  # "the Polish purchase", "a German investment"
        if child.dep_ in ("amod", "compound"):
            entity = ctx.entity_at(child)
            if entity is not None and entity.type in ("GPE", "NORP", "ORG", "PERSON") \
                    and not ctx.is_place(entity):
                return entity
    head = trigger.head
    if trigger.dep_ in ("dobj", "nsubjpass") and lemma_of(head) in LIGHT_VERBS \
            or stops_being(trigger):  # "Chile is no longer a party": the copula's subject
        return _verb_actor(ctx, head)
    mover = motion_verb(trigger)
    if mover is not None:
        return _verb_actor(ctx, mover)
    document = _document_of(trigger)
    if document is not None:
        return _document_actor(ctx, document)
    participant = _participation_verb(trigger)
    return _verb_actor(ctx, participant) if participant is not None else None


def place_of(ctx: DocumentIndex, trigger: Token) -> Entity | None:
    """Where a nominal event took place, from a place before it: "a Brussels summit"."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in trigger.children:
        if child.dep_ in ("amod", "compound"):
            entity = ctx.entity_at(child)
            if entity is not None and ctx.is_place(entity):
                return entity
    return None


def _document_of(noun: Token) -> Token | None:
    """"its instrument of withdrawal", "a notice of withdrawal": the document noun whose
    "of" phrase names the event."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and lemma_of(prep.head) in TREATY_DOCUMENT_NOUNS:
        return prep.head
    return None


def _document_actor(ctx: DocumentIndex, document: Token) -> Entity | None:
    """Whoever the document is of ("its instrument": "its" read as the clause's subject),
    else the subject of the verb that hands it over ("Finland deposited an instrument")."""
    owner = referent(ctx, nominal_agent(document), AGENT_TYPES)
    if owner is not None:
        return owner
    if document.dep_ in ("dobj", "nsubjpass") and document.head.pos_ == "VERB":
        return _verb_actor(ctx, document.head)
    return None


def _participation_verb(noun: Token) -> Token | None:
    """"Finland is taking part in talks on the purchase of jets": the verb whose subject
    takes part in the event named inside its prepositional phrase."""
    current = noun
    for _ in range(3):
        if current.dep_ != "pobj":
            return None
        owner = current.head.head
        if owner.pos_ == "VERB":
            return owner if lemma_of(owner) in PARTICIPATION_VERBS else None
        current = owner
    return None


def _verb_actor(ctx: DocumentIndex, verb: Token) -> Entity | None:
    """The agent of ``verb``: its subject (or "by" agent) when that names an entity, a
    legislature for "103 MPs", else the entity written just before the verb group
    (robust to parses that pick a wrong subject: "... - Norway has ordered")."""
    subj = subject_of(verb)
    actor = referent(ctx, subj, AGENT_TYPES)
    if actor is None and subj is not None and ctx.is_legislator(subj):
        actor = ctx.legislature_near(verb.idx)
    if actor is None and (subj is None or referent(ctx, subj) is not None):
        # no subject, or one that names no agent (a war, a treaty): a misparse
        actor = _adjacent_agent(ctx, verb)
    return actor


def _adjacent_agent(ctx: DocumentIndex, verb: Token) -> Entity | None:
    """The entity that ends right before the verb and its auxiliaries and adverbs."""
    index = verb.i - 1
    while index >= verb.sent.start and verb.doc[index].dep_ in ("aux", "auxpass", "advmod",
                                                                  "neg"):
        index -= 1
    if index < verb.sent.start or index == verb.i - 1 and verb.dep_ not in ("ROOT", "ccomp",
                                                                           "conj"):
        return None
    entity = ctx.entity_at(verb.doc[index])
    return entity if entity is not None and entity.type in AGENT_TYPES else None


def motion_verb(noun: Token) -> Token | None:
    """"arrived in Washington for a state visit": the verb the purpose phrase hangs on."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "for" and lemma_of(prep.head) in MOTION_VERBS:
        return prep.head
    return None


def actors_of(ctx: DocumentIndex, trigger: Token) -> tuple[Entity | None, list[Entity]]:
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _nominal_actor(ctx, trigger), []
    subj = subject_of(trigger)
    actor = _verb_actor(ctx, trigger)
    co_actors: list[Entity] = []
    if subj is None:
        return actor, co_actors
    # "the two countries signed": the second of the pair
    for part in phrase_parts(subj):
        for member in described_group(ctx, part)[1:]:
            if member is not actor and member not in co_actors:
                co_actors.append(member)
    # "Canada and Poland signed", "the ministers of Japan and South Korea met"
    for part in phrase_parts(subj):
        for conj in part.conjuncts:
            entity = referent(ctx, conj)
            if entity is not None and entity is not actor and entity not in co_actors:
                co_actors.append(entity)
    return actor, co_actors


# Nouns that count part of a group: "24 percent of the donors gave", "most of the members".
PART_NOUNS = {"percent", "per", "number", "majority", "minority", "half", "third", "quarter",
              "most", "many", "some", "all", "dozen", "hundred", "thousand", "share", "bulk"}


def unnamed_actor(trigger: Token) -> str | None:
    """"donors who gave", "the council will meet", "24 percent of the contributors have
    given": the doer named by a common noun for people or a group, as written, where no
    entity is named."""
    if trigger.pos_ == "VERB":
        doer = subject_of(trigger)
    elif is_light_object(trigger):
        doer = subject_of(trigger.head)
    else:
        doer = nominal_agent(trigger)
    if doer is not None and lemma_of(doer) in PART_NOUNS:
        doer = next((g for c in doer.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"), doer)
    if doer is None or agent_class(doer) is None:
        return None
    return phrase_text(doer)


def _reporter(ctx: DocumentIndex, pronoun: Token) -> Entity | None:
    """"Norway said it would deliver ...": a subject pronoun in a reported clause is
    read as the reporter when the reporter is an entity (the usual news construction)."""
    if pronoun.lower_ not in THIRD_PERSON_SUBJECTS:
        return None
    clause = pronoun.head
    while clause.dep_ in ("xcomp", "conj") and clause.head != clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or not is_report(clause.head):
        return None
    return referent(ctx, next((c for c in clause.head.children if c.dep_ == "nsubj"), None))


def first_entity(ctx: DocumentIndex, tokens: Iterable[Token], types: set[str] | None = None
                  ) -> Entity | None:
    for token in tokens:
        entity = referent(ctx, token, types)
        if entity is not None:
            return entity
    return None


def treaty_of(ctx: DocumentIndex, trigger: Token) -> tuple[Entity | None, str | None]:
    """The treaty acted on: a TREATY entity, else the latest one before a generic noun."""
    candidates = [t for t in trigger.subtree if t != trigger] if lemma_of(trigger) == "vote" \
        else theme_tokens(trigger)
    for theme in candidates:
        entity = referent(ctx, theme, {"TREATY"})
        if entity is not None:
            return entity, None
    for theme in candidates:
        if word_classes(theme) & {TREATY, AGREEMENT}:
            earlier = ctx.treaties_before(theme.idx)
            return (earlier[0], None) if earlier else (None, phrase_text(theme))
    return None, None
