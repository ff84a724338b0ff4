"""Which tokens are event triggers, and of which type: a lemma from the ontology whose
theme fits (sense checks such as "sign" a treaty vs. a contract), or a negative evaluation
("called the purchase reckless") read as a criticism. Also the triggers another event
already covers (a vote's motion, a word inside a name or a tally)."""

from __future__ import annotations

from spacy.attrs import LEMMA, POS
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Token

from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.ontology import (
    AGENT_TYPES,
    AGREEMENT,
    AGREEMENT_WORDS,
    CANDIDATE_VERBS,
    COMMERCIAL_PARTY_NOUNS,
    COUNTERPART,
    COUNTERPART_NOUNS,
    DESTINATION,
    DRILL,
    DRILL_MODIFIERS,
    DUAL_USE_WORDS,
    ELECTION_WORDS,
    ENDED,
    FORCES,
    LEGISLATION,
    LEGISLATION_WORDS,
    LEGISLATIVE_ADJECTIVES,
    LIGHT_VERBS,
    MONEY,
    MONEY_WORDS,
    NAMED_TYPES,
    ONTOLOGY,
    PACT,
    REQUIREMENT_NOUNS,
    TALKS,
    TREATY,
    TREATY_WORDS,
    TRIGGER_NOUNS,
    TRIGGER_VERBS,
    TROOP_WORDS,
    TROOPS,
    VOICED,
    VOICING_VERBS,
    VOTING_BODY,
    VOTING_BODY_WORDS,
    WEAPON,
    WEAPON_MODIFIERS,
    WEAPON_WORDS,
    EventType,
)
from newstrace.extract.events.syntax import (
    agent_class,
    is_light_object,
    lemma_of,
    nominal_agent,
    own_tokens,
    phrase_parts,
    stops_being,
    subject_of,
    theme_tokens,
    token_span,
)
from newstrace.extract.lexicon import EVALUATING_LEMMAS
from newstrace.extract.mentions import PERSON_DESCRIPTION_HEADS

# Evaluations that make "called it X" / "said it was X" / "warned that it was X" a criticism.
NEGATIVE_WORDS = {
    "catastrophic", "alarming", "disastrous", "dangerous", "unacceptable", "irresponsible",
    "deplorable", "regrettable", "shameful", "outrageous", "reckless", "appalling", "worrying",
    "troubling", "concerning", "disturbing", "mistake", "error", "blow", "setback", "wrong",
    "weaken", "undermine", "damage", "harm", "jeopardise", "jeopardize", "endanger", "erode",
    "unjustified", "illegal", "unlawful", "shocking", "terrible", "deplore", "betrayal",
    "backward", "disgraceful", "scandalous", "misguided", "short-sighted",
}

# Anaphoric subjects of such an evaluation: what was just reported.
EVALUATED_WORDS = {"it", "this", "that", "decision", "move", "step", "plan", "withdrawal",
                   "decree", "law", "policy", "proposal", "measure", "deal"}


# Nouns that measure out what their "of" phrase names.
MEASURE_NOUNS = {"total", "sum", "amount", "tranche", "instalment", "installment", "portion"}

# Verbs and nouns of prohibition: the activities they govern are what is banned, not events
# that happened ("bans the production and stockpiling of mines", "a ban on exports").
BAN_LEMMAS = {"ban", "prohibit", "outlaw", "forbid", "bar", "prohibition", "moratorium",
              "embargo"}


def theme_classes(ctx: DocumentIndex, token: Token) -> set[str]:
    # Words classify by the phrase head only: an "ammunition factory" is not a weapon.
    # An apposition names the same thing ("the minister – X, a preliminary agreement").
    classes = word_classes(token)
    for child in token.children:
        if child.dep_ == "appos":
            classes |= word_classes(child)
            classes |= {c for g in child.children if g.dep_ == "appos" for c in word_classes(g)}
    # A model designation may parse as a number: "36 F-35A jets".
    designations = [c for c in token.children if c.dep_ == "nummod"]
    for part in [*phrase_parts(token), *designations]:
        entity = ctx.entity_at(part)
        if entity is not None and entity.type in ("TREATY", "WEAPON"):
            classes.add(TREATY if entity.type == "TREATY" else WEAPON)
    # "a total of 300 million euros": a measure noun is as much money as its "of" phrase.
    sums = [token, *(p for p in phrase_parts(token) if lemma_of(token) in MEASURE_NOUNS)]
    if any(token_span(t).overlaps(m.span) for t in sums for m in ctx.money):
        classes.add(MONEY)
    if TREATY in classes or AGREEMENT in classes:
        classes.add(PACT)
    return classes


def word_classes(token: Token) -> set[str]:
    lemma = lemma_of(token)
    classes = set()
    if lemma in TREATY_WORDS:
        classes.add(TREATY)
    if lemma in AGREEMENT_WORDS:
        classes.add(AGREEMENT)
    if lemma in WEAPON_WORDS or (
        lemma in DUAL_USE_WORDS
        and any(lemma_of(c) in WEAPON_MODIFIERS for c in token.children)
    ):
        classes.add(WEAPON)
    if lemma in TROOP_WORDS:
        classes.add(TROOPS)
    if lemma in MONEY_WORDS:
        classes.add(MONEY)
    if lemma in LEGISLATION_WORDS:
        classes.add(LEGISLATION)
    return classes


def _fits(ctx: DocumentIndex, trigger: Token, need: str | None, themes: list[Token]) -> bool:
    if need is None:
        return True
    if need == VOICED:
        return lemma_of(trigger.head) in VOICING_VERBS
    if need == ENDED:  # "ceased to be a party to the treaty": a withdrawal in effect
        return stops_being(trigger) and any(PACT in theme_classes(ctx, t) for t in themes)
    if need == DRILL:
        return any(lemma_of(c) in DRILL_MODIFIERS for c in trigger.children
                   if c.dep_ in ("amod", "compound")) or (
            trigger.dep_ in ("dobj", "nsubjpass") and lemma_of(trigger.head) in LIGHT_VERBS)
    if need == COUNTERPART:  # someone met, not a thing ("met forecasts", "meet priorities")
        return not any(lemma_of(t) in REQUIREMENT_NOUNS or _a_thing(ctx, t) and (
            t.dep_ != "conj" or t.head.dep_ in ("dobj", "nsubjpass")) for t in themes
            if t.dep_ in ("dobj", "conj", "nsubjpass"))
    if need == TALKS:  # "held talks", "had a talk with the chancellor"
        return trigger.tag_ in ("NNS", "NNPS") or is_light_object(trigger) and _has_prep(
            trigger, "with")
    if need == DESTINATION:
        return any(c.dep_ == "prep" and c.lower_ in ("to", "into") or c.lower_ == "abroad"
                   for c in trigger.children)
    if need == FORCES:
        forces = themes or [t for t in [subject_of(trigger)] if t is not None]
        return any(theme_classes(ctx, t) & {TROOPS, WEAPON} for t in forces)
    if need == VOTING_BODY:
        return _voted_by_body(ctx, trigger)
    if need == PACT:
        return any(_is_pact(ctx, trigger, t) for t in themes)
    if need == LEGISLATION and trigger.dep_ not in ("relcl", "acl") and \
            ctx.tally_for(trigger) is not None:
        return True
    if need == TREATY and lemma_of(trigger) == "vote":
        # "voted to leave the convention", "voted on ratifying the treaty"
        themes = [t for t in trigger.subtree if t != trigger]
    if need in (WEAPON, MONEY, TROOPS):
        themes = _direct_themes(ctx, trigger, themes)
    return any(need in theme_classes(ctx, t) for t in themes)


def _a_thing(ctx: DocumentIndex, token: Token) -> bool:
    """A common noun for neither people nor a group, naming no entity."""
    return token.pos_ == "NOUN" and agent_class(token) is None and \
        lemma_of(token) not in COUNTERPART_NOUNS and ctx.entity_at(token) is None


def _is_pact(ctx: DocumentIndex, trigger: Token, theme: Token) -> bool:
    """A treaty, or an agreement whose party makes treaties (a state, its people, a person in
    its office, a public body): "GM pulled out of the deal", a broken contract, a tycoon
    walking away from a takeover, leave no treaty."""
    classes = theme_classes(ctx, theme)
    if TREATY in classes:
        return True
    if AGREEMENT not in classes or lemma_of(theme) == "contract":
        return False
    party = subject_of(trigger) if trigger.pos_ == "VERB" else nominal_agent(trigger)
    if party is None and trigger.dep_ == "xcomp":  # "the partner was set to pull out"
        party = next((c for c in trigger.head.children if c.dep_ == "nsubjpass"), None)
    if party is not None and party.pos_ == "PRON":
        # "Acme said it would withdraw": the pronoun is the one who says so; with no
        # reporting clause it names no one, and no one is known to make treaties.
        reporter = party.head.head if party.head.dep_ == "ccomp" else None
        party = subject_of(reporter) if reporter is not None else None
        if party is None or party.pos_ == "PRON":
            return False
    if party is None:
        return True
    # "The billionaire Marek Ostrowski pulled out": the name beside the noun is the party.
    entity = ctx.entity_at(party) or next(
        (e for c in party.children if c.dep_ in ("compound", "appos", "flat")
         for e in [ctx.entity_at(c)] if e is not None), None)
    if entity is None:
        return lemma_of(party) not in COMMERCIAL_PARTY_NOUNS | PERSON_DESCRIPTION_HEADS
    if entity.type == "PERSON":
        return entity.id in ctx.officials
    return entity.type not in ("ORG", "OUTLET") or entity.known_as in ctx.treaty_parties


def _voted_by_body(ctx: DocumentIndex, vote: Token) -> bool:
    """Whether a vote is a body's: its voters (the subject, or the subject of "held a
    vote") or its own phrase name a legislature, its members or a committee; or, unless
    they name an election, the vote is on a bill, motion or treaty, or a tally is given."""
    scope = list(vote.subtree)
    voters = subject_of(vote.head if is_light_object(vote) else vote)
    if voters is not None:
        scope += voters.subtree
    if any(ctx.is_legislator(t) or lemma_of(t) in VOTING_BODY_WORDS
           or t.lower_ in LEGISLATIVE_ADJECTIVES for t in scope):
        return True
    if any(lemma_of(t) in ELECTION_WORDS for t in scope) or vote.dep_ == "dobj" and \
            lemma_of(vote.head) in CANDIDATE_VERBS:  # "received more votes": a candidate's
        return False
    return ctx.tally_for(vote) is not None or any(
        word_classes(t) & {LEGISLATION, TREATY} for t in scope)


def _direct_themes(ctx: DocumentIndex, trigger: Token, themes: list[Token]) -> list[Token]:
    """A verb's direct object, when it is a thing, is what the verb acts on: "build factories
    for equipment" builds factories, "provide money for weapons" provides money. Prepositional
    themes count only without one ("provide Ukraine with tanks": Ukraine is the recipient).
    So is an object beside "with" ("provided the rebels with rifles").
    Only for the goods a verb moves or makes: treaty verbs take their treaty in a preposition
    ("withdrew from", "acceded to"), where a misparsed object would hide it."""
    direct = [t for t in themes if t.dep_ == "dobj" and t.head == trigger
              and t.tag_ not in ("WDT", "WP")]  # "which Lithuania ratified": the head noun
    if trigger.pos_ != "VERB" or not direct or _has_prep(trigger, "with") or any(
        (entity := ctx.entity_at(t)) is not None and entity.type in AGENT_TYPES for t in direct
    ):
        return themes
    return [t for t in themes if t in direct or t.head in direct and t.dep_ == "conj"]


def possible_triggers(doc: Doc) -> list[int]:
    """The positions of the tokens `classify` may give a type: verbs and nouns whose lemma
    is a trigger's (or, for a verb, an evaluating one's). Read from the parse's arrays, as
    making a Token of every word of the document cost more than the rules that follow."""
    strings = doc.vocab.strings
    found = []
    for i, (pos, lemma) in enumerate(doc.to_array([POS, LEMMA]).tolist()):
        if pos == VERB:
            if strings[lemma].lower() in _VERB_LEMMAS:
                found.append(i)
        elif (pos == NOUN or pos == PROPN) and strings[lemma].lower() in TRIGGER_NOUNS:
            found.append(i)
    return found


# The lemmas of verbs `classify` may type: triggers and evaluating verbs.
_VERB_LEMMAS = TRIGGER_VERBS | EVALUATING_LEMMAS


def classify(ctx: DocumentIndex, token: Token) -> EventType | None:
    """The first ontology type whose trigger lemma and theme requirement fit the token."""
    lemma = lemma_of(token)
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    if not (is_verb or is_noun):
        return None
    if lemma in (TRIGGER_VERBS if is_verb else TRIGGER_NOUNS):
        themes = theme_tokens(token)
        for etype in ONTOLOGY.values():
            table = etype.verbs if is_verb else etype.nouns
            if lemma in table and _fits(ctx, token, table[lemma], themes):
                return etype
    if is_verb and evaluation(token) is not None:
        return ONTOLOGY["criticism"]
    return None


def evaluation(token: Token) -> Token | None:
    """"X called the purchase reckless", "Y said it was alarming", "Z warned that it was
    weakening ...": a negative verdict on something just reported is a criticism of it.
    Returns the phrase judged (the object or the complement's subject)."""
    if lemma_of(token) not in EVALUATING_LEMMAS:
        return None
    for child in token.children:
        if child.dep_ == "dobj" and any(
            c.dep_ in ("oprd", "xcomp", "acomp") and _negative(c) for c in token.children
        ):
            return child
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and lemma_of(subject) in EVALUATED_WORDS and any(
                _negative(t) for t in own_tokens(child) if t != subject
            ):
                return subject
    return None


def _negative(token: Token) -> bool:
    return any(lemma_of(t) in NEGATIVE_WORDS or t.lower_ in NEGATIVE_WORDS
               for t in own_tokens(token))


def _vote_above(trigger: Token) -> Token | None:
    """The vote verb whose motion ``trigger`` states: "voted to leave", "voted for
    withdrawing", "voted in favour of quitting the pact"."""
    current = trigger
    for _ in range(4):
        if current.dep_ not in ("xcomp", "pcomp", "pobj", "prep"):
            return None
        current = current.head
        if current.pos_ == "VERB" and lemma_of(current) == "vote":
            return current
    return None


def is_swallowed(ctx: DocumentIndex, trigger: Token) -> bool:
    """Triggers another event already covers.

    "voted to leave the convention" is one vote event (its motion is the withdrawal), and
    the noun "votes" inside a tally ("by 99 votes to 1") is part of that tally.
    """
    if _vote_above(trigger) is not None and lemma_of(trigger) != "vote":
        return True
    if trigger.pos_ != "VERB" and _banned(trigger):
        return True
    # A word of a name ("European Investment Bank", "Defence Production Agency") is no event.
    span = token_span(trigger)
    if any(mention.overlaps(span) and entity.type in NAMED_TYPES
           for mention, entity in ctx.mentions):
        return True
    if trigger.pos_ == "VERB":
        return False
    if any(token_span(trigger).overlaps(v.span) for v in ctx.votes):
        return True
    # "In the final vote, 103 MPs voted ...": the noun restates its clause's verb's event.
    own = classify(ctx, trigger)
    verb = next((a for a in trigger.ancestors if a.pos_ == "VERB"), None)
    return verb is not None and classify(ctx, verb) == own


def _has_prep(token: Token, word: str) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == word for c in token.children)


def _banned(noun: Token) -> bool:
    """A nominal a ban governs, through coordination and prepositions: "prohibits the use,
    transfer, production and stockpiling of X", "a convention banning the production of X",
    "a ban on the production of X"."""
    current = noun
    for _ in range(8):
        if current.dep_ not in ("conj", "dobj", "pobj", "prep", "compound", "nsubjpass"):
            return False
        current = current.head
        if lemma_of(current) in BAN_LEMMAS:
            return True
    return False


def motion_of(ctx: DocumentIndex, vote: Token) -> str | None:
    for token in vote.subtree:
        if token != vote and token.pos_ == "VERB" and _vote_above(token) == vote:
            inner = classify(ctx, token)
            if inner is not None and not inner.name.endswith("_vote"):
                return inner.name
    return None
