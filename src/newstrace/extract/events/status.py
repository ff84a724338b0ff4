"""Modality and polarity of an event: planned, negated, denied, hypothetical, claimed,
background or happened, read from the words that govern the trigger; and the clause that
states the event (its evidence span)."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newstrace.extract.events.ontology import AGREEMENT_WORDS
from newstrace.extract.events.syntax import (
    agent_class,
    lemma_of,
    no_longer,
    occurrence_clause,
    own_tokens,
    stops_being,
)
from newstrace.extract.lexicon import CLAIM_ADVERBS, CLAIM_WORDS, REPORT_LEMMAS
from newstrace.models import EventStatus, Span

# Status cues.
PLAN_HEADS = {"plan", "intend", "aim", "seek", "want", "hope", "expect", "prepare", "agree",
              "decide", "pledge", "promise", "vow", "propose", "set", "schedule", "due", "mull",
              "consider", "go", "intention", "proposal", "bid", "offer", "commit", "decision"}

# "used the speech to condemn" does condemn: the means of an act that is told as done.
IMPLICATIVE_HEADS = {"manage", "begin", "start", "continue", "proceed", "vote", "move", "rush",
                     "help", "finish", "use"}

DENY_HEADS = {"deny", "refute"}

DISMISS_HEADS = {"reject", "dismiss"}  # deny only when what is dismissed is a claim

NEGATING_HEADS = {"refuse", "decline", "fail", "reject", "oppose", "abandon", "resist", "avoid",
                  "refrain"}

# What these stop is not stated as going on: "froze aid", "suspended deliveries", "stopped
# sending". The event they take as object is read as negated rather than dropped, so the record
# keeps it; a stop that is itself only threatened or called for leaves it hypothetical.
STOPPING_HEADS = {"freeze", "suspend", "halt", "stop", "block", "withhold", "cancel", "pause",
                  "scrap"}

# A threat, a call on others, a recommendation: the event is wished, not done or planned by
# the one who speaks. A finite "that" clause under them is a report, not a call ("polls
# suggested that voters stayed home"). "call", "ask" and "push" count only with "for" ("called
# for talks") or an infinitive ("asked him to condemn", "called on them to block").
HYPOTHESIS_HEADS = {"threaten", "urge", "demand", "recommend", "suggest", "advise", "appeal",
                    "exhort", "request"}
CALL_FOR_HEADS = {"call", "ask", "push", "press", "appeal", "lobby", "campaign"}

# Adverbs that "no" negates: "can no longer buy", "will buy no more".
NEGATED_ADVERBS = {"longer", "more"}

# What an agreement or talks are "on" is what is to be done: "a deal on the production of X".
TERMS_NOUNS = AGREEMENT_WORDS | {"talk", "negotiation", "understanding"}

# Nouns that present what they govern as one possibility among others.
POSSIBILITY_NOUNS = {"possibility", "option", "prospect", "scenario", "chance",
                     "likelihood", "risk", "threat"}

FRAME_NOUNS = {"plan", "intention", "proposal", "bid", "claim", "allegation", "report",
               "decision", "offer", "rumour", "rumor", "suggestion", *POSSIBILITY_NOUNS}

HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}

FUTURE_AUX = {"will", "shall", "'ll"}

CONDITIONAL_MARKS = {"if", "unless", "whether"}

FINITE_TAGS = {"VBD", "VBZ", "VBP"}

# Verbs whose object is an event that already took place: asked "to defend his criticism",
# urged "to condemn the deployment": the call is for the defence, not for the criticism.
PRESUPPOSING_HEADS = {"defend", "justify", "explain", "regret", "repeat", "reiterate", "clarify",
                      "welcome", "praise", "condemn", "criticise", "criticize", "investigate",
                      "acknowledge", "mourn", "celebrate", "commemorate", "recall"}

# Presupposing heads that wish for their object when they are not yet done themselves:
# "would welcome his assistance", "will welcome any funding" offer, not report, the aid.
WELCOMING_HEADS = {"welcome", "appreciate"}

# Prepositions of cause or circumstance: what they govern is not under the clause's modality.
CIRCUMSTANCE_PREPS = {"over", "amid", "despite", "because", "after", "following", "since"}


def governors(trigger: Token) -> list[Token]:
    """The trigger and the words above it whose modality carries down to it."""
    chain = [trigger]
    current = trigger
    for _ in range(8):
        head = current.head
        if head == current or not _carries_modality(current, trigger):
            break
        chain.append(head)
        current = head
    return chain


def _carries_modality(token: Token, trigger: Token) -> bool:
    dep = token.dep_
    if dep == "conj" and (token.tag_ in FINITE_TAGS and token.head.tag_ == "VB" or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
        # "urged them to join the talks and criticized the party": a finite verb is no
        # conjunct of the bare infinitive the parser hangs it from; "..., but he earned"
        # has its own subject: neither is under the other clause's modality.
        return False
    if dep in ("xcomp", "ccomp", "pcomp", "conj", "prep"):
        return True
    if dep in ("acl", "relcl"):
        return lemma_of(token.head) in FRAME_NOUNS
    if dep in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
        return token == trigger and token.pos_ in ("NOUN", "PROPN") or (
            lemma_of(token) in FRAME_NOUNS
        )
    return False


# The cue statuses, the strongest first: a denied plan is denied.
CUE_STATUSES: tuple[EventStatus, ...] = ("denied", "negated", "hypothetical", "planned", "claimed")


def status_of(trigger: Token, chain: list[Token]) -> EventStatus:
    told = occurrence_clause(trigger)
    if told is not None and not _status_cues(told, [told]):
        return "happened"  # "requested a meeting, which took place on Monday"
    cues = _status_cues(trigger, chain)
    for status in CUE_STATUSES:
        if status in cues:
            return status
    if trigger.dep_ in ("relcl", "acl") and lemma_of(trigger.head) not in FRAME_NOUNS:
        return "background"  # "the convention, adopted in 2008," tells of an older event
    return "happened"


def _status_cues(trigger: Token, chain: list[Token]) -> set[str]:
    cues: set[str] = set()
    reported = any(lemma_of(t) in REPORT_LEMMAS for t in chain[1:])
    # "is no longer a party", "stopped being a party": the "no longer" and the stop are the
    # event (a membership ended), not its denial; "did not cease to be" still denies it.
    copula = trigger.head if stops_being(trigger) else None
    for index, token in enumerate(chain):
        below = chain[index - 1] if index else None
        if index and token.dep_ == "prep" and token.lower_ in CIRCUMSTANCE_PREPS or (
                below is not None and below.dep_ == "dobj" and below.pos_ == "NOUN"
                and lemma_of(token) in PRESUPPOSING_HEADS):
            if lemma_of(token) in WELCOMING_HEADS and (
                    _token_cues(token, reported) & {"planned", "hypothetical"}
                    or _is_infinitive(token)):
                cues.add("hypothetical")
            break  # "threatened a shutdown over funding X": the cause is not threatened
        cues |= _token_cues(token, reported) - (
            {"negated"} if token == copula and no_longer(token) else set())
        if index == 0 or below is not None and below.dep_ == "conj" and \
                below.tag_ in FINITE_TAGS or copula is not None and below == copula:
            continue  # a finite conjunct shares negation and auxiliaries, not the verb's sense
        lemma = lemma_of(token)
        if lemma in DENY_HEADS or (
            lemma in DISMISS_HEADS and below is not None and lemma_of(below) in CLAIM_WORDS
        ):
            cues.add("denied")
        elif _excludes(token):
            # "did not rule out sending": the negation is the verb's, the event stays open.
            cues.discard("negated")
            cues.add("hypothetical" if _negated(token) else "negated")
        elif lemma in STOPPING_HEADS:
            if below is not None and below.dep_ in ("dobj", "xcomp", "nsubjpass"):
                stop = _status_cues(token, chain[index:]) - {"claimed"}
                cues.add("hypothetical" if stop else "negated")
        elif lemma in NEGATING_HEADS:
            cues.add("negated")
        elif lemma in CLAIM_WORDS:
            cues.add("claimed")
        elif _wishes(token, below) or lemma in POSSIBILITY_NOUNS:
            cues.add("hypothetical")
        elif lemma in PLAN_HEADS or _terms_of(token, below):
            cues.add("planned")
    if _is_infinitive(trigger) and not _implicative(chain):
        cues.add("planned")  # "to buy", "are to be produced": not done yet
    if _generic(trigger):
        cues.add("hypothetical")
    return cues


def _wishes(token: Token, below: Token | None) -> bool:
    """A threat, call or recommendation of what ``below`` states."""
    lemma = lemma_of(token)
    if below is None or below.dep_ == "ccomp" and _finite(below):
        return False
    if lemma in HYPOTHESIS_HEADS:
        return True
    return lemma in CALL_FOR_HEADS and (below.lower_ == "for" or below.dep_ == "xcomp")


def _finite(verb: Token) -> bool:
    """"voters stayed home", "both are invested": a tensed verb or a tensed auxiliary."""
    return verb.tag_ in FINITE_TAGS or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def _terms_of(token: Token, below: Token | None) -> bool:
    """"an agreement on the production of X", "a deal was reached on buying X": the
    agreement's terms are to be carried out."""
    if below is None or below.dep_ != "prep" or below.lower_ != "on":
        return False
    nouns = [token, *(c for c in token.children if c.dep_ in ("dobj", "nsubjpass"))]
    return any(lemma_of(n) in TERMS_NOUNS for n in nouns)


def _generic(trigger: Token) -> bool:
    """A gerund subject with no doer of its own speaks of the activity in general:
    "Leaving the treaty lets us ..." is no report that anyone left."""
    return trigger.dep_ == "csubj" and trigger.tag_ == "VBG" and not any(
        c.dep_ in ("nsubj", "poss") for c in trigger.children)


# Verbs by which a scheme or a power says what it makes possible: "the programme lets
# investors buy ...", "its powers include sending troops".
ENABLING_VERBS = {"allow", "let", "enable", "permit", "include", "entitle"}
PRESENT_TAGS = ("VBZ", "VBP")


def states_a_rule(trigger: Token) -> bool:
    """"A visa programme that allows foreigners to gain residence by investing ...": what a
    scheme, law or power makes possible, in the present tense, is no report that anyone did
    it (a capability, not an event)."""
    current = trigger
    for _ in range(6):
        if current.dep_ not in ("xcomp", "pcomp", "prep", "advcl", "dobj", "pobj", "ccomp"):
            return False
        current = current.head
        if current.pos_ == "VERB" and lemma_of(current) in ENABLING_VERBS:
            return current.tag_ in PRESENT_TAGS and _a_scheme(current)
    return False


def _a_scheme(verb: Token) -> bool:
    """The subject of ``verb`` is a thing (a programme, a law, powers), not who acts."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subject = verb.head
    return subject is not None and subject.pos_ == "NOUN" and agent_class(subject) is None


def _token_cues(token: Token, reported: bool) -> set[str]:
    cues: set[str] = set()
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            d.dep_ == "det" and d.lower_ in ("no", "neither") for d in child.children
        ):
            cues.add("negated")  # "no other country has signed"
        word = child.lower_
        if _excludes(token):
            continue  # its negation is read with the verb (see _status_cues)
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no") or (
            child.dep_ == "preconj" and word == "neither"  # "can neither buy nor produce"
        ) or (child.dep_ == "advmod" and word in NEGATED_ADVERBS
              and any(g.dep_ == "neg" for g in child.children)):
            cues.add("negated")
        elif child.dep_ in ("aux", "auxpass") and word in FUTURE_AUX:
            cues.add("planned")
        elif child.dep_ == "aux" and word in HYPOTHETICAL_AUX:
            # Reported "would" is a future seen from the past: "said it would buy".
            cues.add("planned" if reported and word == "would" else "hypothetical")
        elif child.dep_ == "mark" and word in CONDITIONAL_MARKS:
            cues.add("hypothetical")
        elif child.dep_ == "advmod" and word in CLAIM_ADVERBS:
            cues.add("claimed")
    return cues


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _excludes(token: Token) -> bool:
    """Verbs that shut an event out ("ruled out sending", "excluded a deployment"); negated,
    they leave it open."""
    lemma = lemma_of(token)
    return lemma == "exclude" or (
        lemma == "rule" and any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children))


def _is_infinitive(token: Token) -> bool:
    """"to buy", "to be produced"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _implicative(chain: list[Token]) -> bool:
    return len(chain) > 1 and lemma_of(chain[1]) in IMPLICATIVE_HEADS


def evidence_span(trigger: Token, chain: list[Token], keep: Iterable[str] = ()) -> Span:
    """The clause stating the event: the trigger's clause plus governors it hangs from."""
    tokens = own_tokens(trigger, keep=("xcomp", *keep))
    for below, governor in zip(chain, chain[1:], strict=False):
        if below.dep_ in ("ccomp", "conj", "advcl", "prep", "pcomp"):
            break  # a reporting or sibling clause is not part of this event's statement
        tokens += own_tokens(governor)
    if trigger.dep_ == "acl":  # "The treaty, signed in 1997": the participle needs its noun
        tokens.append(trigger.head)
        tokens += [t for t in trigger.head.subtree if t.i < trigger.head.i]
    sent: SpacySpan = trigger.sent
    tokens = [t for t in tokens if sent.start <= t.i < sent.end]
    while len(tokens) > 1 and max(tokens, key=lambda t: t.i).is_punct:
        tokens.remove(max(tokens, key=lambda t: t.i))
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Span(start, end)
