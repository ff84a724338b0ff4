"""Which of the law's steps a treaty withdrawal is: a government or parliament decides, the
state notifies the depositary, the withdrawal takes effect; and whether a ratification or
accession is a decision (a parliament approving it) rather than the consent deposited.
Read from the words that govern the trigger in the parse ("decided to withdraw", "its
instrument of withdrawal", "the withdrawal took effect"); the nearest such word tells the
step. A withdrawal told without any of them has no step: it is only reported.
"""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.status import governors, status_of
from newstrace.extract.events.syntax import lemma_of, stops_being
from newstrace.models import Event, TreatyStep

DECISION_WORDS = {"decide", "decision", "vote", "approve", "approval", "adopt", "agree",
                  "endorse", "resolve", "bill", "law", "resolution", "decree"}
# Verbs that state a decision noun as taken: "made / announced its decision to withdraw".
TAKING_VERBS = {"make", "take", "announce", "confirm", "adopt", "approve", "reach", "finalise",
                "finalize", "unveil", "give"}
# Handing the notice to the depositary (for most arms treaties the UN Secretary-General).
NOTIFICATION_WORDS = {"notify", "notification", "deposit", "instrument", "notice",
                      "lodge", "depositary"}
# The treaty actions whose steps are told apart.
STEPPED = {"treaty_withdrawal", "treaty_ratification", "treaty_accession"}
# How far up the parse a governing word may be: "approved a bill to withdraw" is three up.
REACH = 4
# Links the step of the word above carries down: its object, subject, complement, "of" phrase.
CARRYING_DEPS = {"xcomp", "ccomp", "dobj", "nsubj", "nsubjpass", "pobj", "pcomp", "prep", "acl",
                 "advcl", "attr"}


def _takes_effect(token: Token) -> bool:
    """"took effect", "became effective", "came into force", "ceased to be a party"."""
    lemma = lemma_of(token)
    words = {lemma_of(c) for c in token.children}
    into = {lemma_of(g) for c in token.children if c.lower_ == "into" for g in c.children}
    return (lemma == "take" and "effect" in words) or (lemma == "become" and "effective" in words) \
        or (lemma in ("come", "enter") and bool(into & {"force", "effect"})) or lemma == "cease"


def _step_word(token: Token) -> TreatyStep | None:
    if _takes_effect(token):
        return "effect"
    lemma = lemma_of(token)
    if lemma in NOTIFICATION_WORDS or token.lower_ == "secretary-general":
        return "notification"
    return "decision" if lemma in DECISION_WORDS else None


def _taken(word: Token) -> bool:
    """A decision stated as taken: "decided", or a decision noun a verb of taking or
    announcing has as its object ("made its decision", "gave its approval")."""
    if word.pos_ != "VERB":
        verb = word.head
        if word.dep_ not in ("dobj", "nsubjpass") or lemma_of(verb) not in TAKING_VERBS:
            return False
        word = verb
    return status_of(word, governors(word)) == "happened"


def _path(trigger: Token) -> list[Token]:
    """The trigger and the words above it its step can come from."""
    path, current = [trigger], trigger
    while len(path) <= REACH and current.dep_ in CARRYING_DEPS and current.head != current:
        current = current.head
        path.append(current)
    return path


def _has_withdrawn(trigger: Token) -> bool:
    """"has (officially) withdrawn", "has left": the perfect tells a state that is out, and a
    "final withdrawal" the last step."""
    if trigger.pos_ == "VERB":
        return trigger.tag_ == "VBN" and any(
            c.dep_ == "aux" and lemma_of(c) == "have" for c in trigger.children)
    return any(c.dep_ == "amod" and c.lower_ == "final" for c in trigger.children)


def step_of(ctx: DocumentIndex, trigger: Token, event: Event) -> TreatyStep | None:
    """The step of a withdrawal, ratification or accession (or of a vote on one). A decision
    stated as taken makes the event happened: the step is done, though the action it decides
    is still to come. Of a consent only the decision is told apart: the rest is the deposit."""
    if event.type == "treaty_vote":
        return "decision" if event.motion in STEPPED else None
    if event.type not in STEPPED:
        return None
    consent = event.type != "treaty_withdrawal"
    for token in _path(trigger):
        # "withdrew on 27 June, notifying the UN": the manner clause tells the step; "passed
        # a law on leaving": the object of a verb above.
        beside = [c for c in token.children if c.dep_ == "advcl"] if token == trigger else [
            c for c in token.children if c.dep_ == "dobj" and token.pos_ == "VERB"]
        for word in (token, *beside):
            step = _step_word(word)
            if step is None or (consent and step != "decision"):
                continue
            # "decided to withdraw", "made its decision to withdraw" state the act of
            # deciding; "its decision to withdraw" only refers to one, and the withdrawal it
            # names stays planned.
            if step == "decision" and word != trigger and event.status == "planned" \
                    and _taken(word):
                event.status = "happened"
            return step
    if not consent and (_has_withdrawn(trigger) or stops_being(trigger)):
        return "effect"
    actor = next((e for _, e in ctx.mentions if e.id == event.args.get("actor")), None)
    # A parliament deposits nothing: what it does about a treaty is a decision.
    return "decision" if actor is not None and ctx.is_legislature(actor) else None
