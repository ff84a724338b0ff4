"""Rule-based event extraction: who did what to whom, when, over spaCy's dependency parse.

A token becomes a *trigger* when its lemma is listed for an event type in ``ONTOLOGY`` and
the words it governs (its *theme*) fit what that type needs: "sign" is a treaty signature
only when a treaty is signed, "send" is a deployment when troops are sent and an arms
transfer when weapons are. Arguments are read off the parse (subject, "by" agent,
possessor, prepositional objects) and resolved to entities through mention spans. Status
(planned, negated, denied, ...) comes from the governing words of the trigger; the date
comes only from a time expression in the trigger's own clause or sentence, never from the
publication date, because a report published today often tells of something older.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newstrace.extract.quantities import Money, VoteTally, find_money, find_votes
from newstrace.models import Entity, Event, Span, Timex, stable_id

# --- ontology --------------------------------------------------------------------------

# Theme requirements a trigger lemma may have. ``None`` (ANY) means the lemma alone is enough.
ANY = None
TREATY = "treaty"  # a TREATY entity or a treaty word (treaty, convention, pact ...)
PACT = "pact"  # a treaty or an agreement ("withdraw from the nuclear deal")
AGREEMENT = "agreement"  # agreement, deal, memorandum, contract
WEAPON = "weapon"
TROOPS = "troops"
MONEY = "money"
LEGISLATION = "legislation"  # bill, law, motion ... or a vote tally in the sentence
VOICED = "voiced"  # a noun such as "concerns" that only counts when raised/voiced/expressed


@dataclass(frozen=True)
class EventType:
    name: str
    verbs: dict[str, str | None]
    nouns: dict[str, str | None]
    plover: str | None  # PLOVER event type, None where PLOVER has no fitting category
    treaty_action: bool = False  # id ignores the date: a state does this to a treaty once


def _type(name: str, plover: str | None, verbs: dict[str, str | None],
          nouns: dict[str, str | None] | None = None, treaty: bool = False) -> EventType:
    return EventType(name, verbs, nouns or {}, plover, treaty)


# Order matters: the first type whose lemma and theme fit wins, so the treaty readings of
# "sign", "denounce" and "vote" are tried before the generic ones.
ONTOLOGY: dict[str, EventType] = {t.name: t for t in (
    _type("treaty_signature", "AGREE", {"sign": TREATY},
          {"signing": TREATY, "signature": TREATY}, treaty=True),
    _type("treaty_ratification", "AGREE", {"ratify": PACT}, {"ratification": PACT}, treaty=True),
    _type("treaty_accession", "AGREE", {"accede": ANY, "join": TREATY},
          {"accession": TREATY}, treaty=True),
    # PLOVER REJECT covers rejecting or abandoning an agreement.
    _type("treaty_withdrawal", "REJECT",
          {"withdraw": PACT, "leave": PACT, "quit": PACT, "exit": PACT, "denounce": PACT,
           "pull": PACT, "abandon": PACT},
          {"withdrawal": PACT, "exit": PACT, "denunciation": PACT}, treaty=True),
    _type("treaty_vote", None, {"vote": TREATY}, {"vote": TREATY}),
    _type("parliamentary_vote", None,
          {"vote": ANY, "approve": LEGISLATION, "pass": LEGISLATION, "adopt": LEGISLATION,
           "reject": LEGISLATION, "endorse": LEGISLATION},
          {"vote": ANY}),
    _type("arms_procurement", None,
          {"buy": WEAPON, "acquire": WEAPON, "purchase": WEAPON, "order": WEAPON,
           "procure": WEAPON},
          {"purchase": WEAPON, "acquisition": WEAPON, "procurement": WEAPON, "order": WEAPON}),
    # PLOVER AID includes military aid (weapons, equipment).
    _type("arms_transfer", "AID",
          {"deliver": WEAPON, "supply": WEAPON, "send": WEAPON, "transfer": WEAPON,
           "ship": WEAPON, "provide": WEAPON, "give": WEAPON, "donate": WEAPON, "sell": WEAPON},
          {"delivery": WEAPON, "supply": WEAPON, "shipment": WEAPON, "transfer": WEAPON}),
    _type("deployment", "MOBILIZE",
          {"deploy": ANY, "station": ANY, "send": TROOPS, "dispatch": TROOPS},
          {"deployment": ANY}),
    _type("funding", "AID",
          {"fund": ANY, "finance": ANY, "allocate": MONEY, "pledge": MONEY, "grant": MONEY,
           "donate": MONEY, "provide": MONEY, "earmark": MONEY, "give": MONEY},
          {"funding": ANY, "aid": ANY, "loan": ANY, "assistance": ANY, "grant": MONEY,
           "fund": MONEY}),
    # PLOVER COOPERATE covers economic cooperation.
    _type("investment", "COOPERATE", {"invest": ANY}, {"investment": ANY}),
    _type("agreement", "AGREE",
          {"sign": AGREEMENT, "conclude": AGREEMENT, "reach": AGREEMENT, "seal": AGREEMENT}),
    _type("visit", "CONSULT", {"visit": ANY, "travel": ANY}, {"visit": ANY, "trip": ANY}),
    _type("meeting", "CONSULT", {"meet": ANY}, {"meeting": ANY, "talk": ANY}),
    _type("production", None,
          {"produce": WEAPON, "manufacture": WEAPON, "build": WEAPON, "assemble": WEAPON},
          {"production": WEAPON, "manufacturing": WEAPON}),
    # PLOVER ACCUSE includes criticising and condemning.
    _type("criticism", "ACCUSE",
          {"criticise": ANY, "criticize": ANY, "condemn": ANY, "denounce": ANY, "decry": ANY,
           "rebuke": ANY, "censure": ANY, "slam": ANY, "lambast": ANY},
          {"criticism": ANY, "condemnation": ANY, "concern": VOICED, "rebuke": ANY}),
)}

# --- lexicons --------------------------------------------------------------------------

TREATY_WORDS = {"treaty", "convention", "protocol", "pact", "charter", "accord"}
AGREEMENT_WORDS = {"agreement", "deal", "memorandum", "contract", "accord", "pact"}
WEAPON_WORDS = {
    "weapon", "arm", "tank", "helicopter", "jet", "fighter", "aircraft", "plane", "missile",
    "rocket", "drone", "howitzer", "artillery", "munition", "ammunition", "shell", "rifle",
    "launcher", "frigate", "submarine", "warship", "corvette", "interceptor", "mortar",
    "vehicle", "gun", "radar", "bomber", "torpedo", "grenade", "mine", "equipment",
}
# "systems" and "vehicles" are weapons only with a military modifier ("air defence systems").
WEAPON_MODIFIERS = {"defence", "defense", "missile", "rocket", "artillery", "combat", "armoured",
                    "armored", "military", "fighter", "air", "attack", "anti", "weapon"}
TROOP_WORDS = {"troop", "soldier", "force", "unit", "battalion", "brigade", "personnel",
               "peacekeeper", "contingent", "marine", "paratrooper", "instructor", "division",
               "regiment", "sailor", "warship", "jet", "company"}
MONEY_WORDS = {"fund", "money", "aid", "loan", "grant", "assistance", "package", "euro",
               "dollar", "budget"}
LEGISLATION_WORDS = {"bill", "law", "motion", "resolution", "budget", "amendment", "legislation",
                     "act", "proposal", "reform", "decree", "draft"}
VOICING_VERBS = {"raise", "voice", "express", "cite"}

# Status cues.
PLAN_HEADS = {"plan", "intend", "aim", "seek", "want", "hope", "expect", "prepare", "agree",
              "decide", "pledge", "promise", "vow", "propose", "set", "schedule", "due", "mull",
              "consider", "go", "intention", "proposal", "bid", "offer", "commit", "decision"}
IMPLICATIVE_HEADS = {"manage", "begin", "start", "continue", "proceed", "vote", "move", "rush",
                     "help", "finish"}
DENY_HEADS = {"deny", "refute"}
DISMISS_HEADS = {"reject", "dismiss"}  # deny only when what is dismissed is a claim
NEGATING_HEADS = {"refuse", "decline", "fail", "reject", "oppose", "abandon"}
CLAIM_HEADS = {"claim", "allege", "accuse", "assert", "allegation", "report", "rumour", "rumor"}
CLAIM_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}
REPORT_HEADS = {"say", "announce", "state", "tell", "confirm", "add", "report", "write"}
FRAME_NOUNS = {"plan", "intention", "proposal", "bid", "claim", "allegation", "report",
               "decision", "offer", "rumour", "rumor", "suggestion"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should"}
FUTURE_AUX = {"will", "shall", "'ll"}
CONDITIONAL_MARKS = {"if", "unless", "whether"}
# Verbs that only carry a nominal trigger ("announced an investment", "held talks"): their
# subject is the trigger's actor.
LIGHT_VERBS = {"announce", "make", "complete", "finalise", "finalize", "conclude", "approve",
               "begin", "start", "launch", "pay", "carry", "confirm", "unveil", "seal", "hold",
               "plan", "agree", "sign", "receive", "pledge", "undertake", "conduct",
               "raise", "voice", "express", "issue", "order"}
MOTION_VERBS = {"arrive", "travel", "come", "go", "fly", "head", "land", "be"}
# Verbs whose subject is the target of a nominal criticism ("X's move drew criticism").
DRAWING_VERBS = {"draw", "attract", "face", "prompt", "spark", "provoke", "trigger", "meet"}

PARTICIPANT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "OUTLET", "TREATY", "WEAPON", "EVENT"}
NESTED_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"}
PARTICIPANT_ROLES = ("actor", "target", "recipient", "system", "seller", "amount", "votes",
                     "units", "location", "co_actors")
MONEY_TYPES = {"investment", "funding", "arms_procurement", "arms_transfer", "agreement",
               "production"}
VOTE_TYPES = {"treaty_vote", "parliamentary_vote", "treaty_ratification"}

# --- entity lookup ---------------------------------------------------------------------


@dataclass
class _Context:
    """Everything the rules consult for one document."""

    doc: Doc
    entities: list[Entity]
    timexes: list[Timex]
    money: list[Money]
    votes: list[VoteTally]
    mentions: list[tuple[Span, Entity]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.mentions = sorted(
            ((m.span, e) for e in self.entities for m in e.mentions), key=lambda p: p[0]
        )

    def entity_at(self, token: Token) -> Entity | None:
        span = _tok_span(token)
        for mention, entity in self.mentions:
            if mention.overlaps(span) and entity.type in PARTICIPANT_TYPES:
                return entity
        return None

    def treaties_before(self, offset: int) -> list[Entity]:
        """TREATY entities mentioned before ``offset``, most recent first."""
        seen = [(m.start, e) for m, e in self.mentions if e.type == "TREATY" and m.start < offset]
        ordered: list[Entity] = []
        for _, entity in sorted(seen, key=lambda p: -p[0]):
            if entity not in ordered:
                ordered.append(entity)
        return ordered


def _tok_span(token: Token) -> Span:
    return Span(token.idx, token.idx + len(token.text))


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _phrase_children(token: Token) -> Iterator[Token]:
    """The token and the words that name the same thing (compounds, possessors, apposition)."""
    yield token
    for child in token.children:
        if child.dep_ in ("compound", "poss", "amod", "appos", "nmod", "npadvmod"):
            yield child
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            yield from (g for g in child.children if g.dep_ == "pobj")


def _resolve(ctx: _Context, token: Token | None, types: set[str] | None = None) -> Entity | None:
    """The entity a noun phrase headed by ``token`` refers to."""
    if token is None:
        return None
    for candidate in _phrase_children(token):
        entity = ctx.entity_at(candidate)
        if entity is not None and (types is None or entity.type in types):
            return entity
    return None


def _phrase_text(token: Token) -> str:
    """Text of the noun phrase without its prepositional and clausal tails."""
    keep = [token] + [t for t in token.subtree if t.i < token.i]
    keep += [c for c in token.rights if c.dep_ in ("compound", "nummod", "appos")]
    start = min(t.idx for t in keep)
    end = max(t.idx + len(t.text) for t in keep)
    return token.doc.text[start:end]


# --- themes and trigger typing ---------------------------------------------------------


def _theme_tokens(trigger: Token) -> list[Token]:
    """What the trigger acts on: objects, passive subjects, prepositional objects."""
    themes: list[Token] = []
    if trigger.dep_ in ("acl", "relcl") and _is_passive(trigger) or _relative_object(trigger):
        themes.append(trigger.head)
    for child in trigger.children:
        if child.dep_ in ("dobj", "attr", "oprd", "dative", "compound", "amod", "nummod"):
            themes.append(child)
        elif child.dep_ == "nsubjpass":
            themes.append(child)
        elif child.dep_ in ("prep", "agent", "prt", "dative"):
            themes.extend(g for g in child.children if g.dep_ in ("pobj", "pcomp"))
    if trigger.dep_ == "xcomp" and _is_passive(trigger) and not any(
        c.dep_ == "nsubjpass" for c in trigger.children
    ):  # "the drones are to be produced": the subject of "are" is what is produced
        themes.extend(c for c in trigger.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    conjuncts = [c for t in themes for c in t.children if c.dep_ == "conj"]
    return themes + conjuncts


def _relative_object(trigger: Token) -> bool:
    """'the treaty that Poland signed': the relative pronoun object points at the head noun."""
    return trigger.dep_ == "relcl" and any(
        c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WDT", "WP") for c in trigger.children
    )


def _is_passive(token: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children):
        return True
    return token.dep_ == "acl" and token.tag_ == "VBN"


def _theme_classes(ctx: _Context, token: Token) -> set[str]:
    # Words classify by the phrase head only: an "ammunition factory" is not a weapon.
    classes = _word_classes(token)
    for part in _phrase_children(token):
        entity = ctx.entity_at(part)
        if entity is not None and entity.type in ("TREATY", "WEAPON"):
            classes.add(TREATY if entity.type == "TREATY" else WEAPON)
    if any(_tok_span(token).overlaps(m.span) for m in ctx.money):
        classes.add(MONEY)
    if TREATY in classes or AGREEMENT in classes:
        classes.add(PACT)
    return classes


def _word_classes(token: Token) -> set[str]:
    lemma = _lemma(token)
    classes = set()
    if lemma in TREATY_WORDS:
        classes.add(TREATY)
    if lemma in AGREEMENT_WORDS:
        classes.add(AGREEMENT)
    if lemma in WEAPON_WORDS or (
        lemma in ("system", "vehicle", "capability")
        and any(_lemma(c) in WEAPON_MODIFIERS for c in token.children)
    ):
        classes.add(WEAPON)
    if lemma in TROOP_WORDS:
        classes.add(TROOPS)
    if lemma in MONEY_WORDS:
        classes.add(MONEY)
    if lemma in LEGISLATION_WORDS:
        classes.add(LEGISLATION)
    return classes


def _fits(ctx: _Context, trigger: Token, need: str | None, themes: list[Token]) -> bool:
    if need is None:
        return True
    if need == VOICED:
        return _lemma(trigger.head) in VOICING_VERBS
    if need == LEGISLATION and trigger.dep_ not in ("relcl", "acl") and _tally_for(
        ctx, trigger
    ) is not None:
        return True
    if need == TREATY and _lemma(trigger) == "vote":
        # "voted to leave the convention", "voted on ratifying the treaty"
        themes = [t for t in trigger.subtree if t is not trigger]
    return any(need in _theme_classes(ctx, t) for t in themes)


def _classify(ctx: _Context, token: Token) -> EventType | None:
    """The first ontology type whose trigger lemma and theme requirement fit the token."""
    lemma = _lemma(token)
    is_verb = token.pos_ == "VERB"
    is_noun = token.pos_ in ("NOUN", "PROPN")
    if not (is_verb or is_noun):
        return None
    themes = _theme_tokens(token)
    for etype in ONTOLOGY.values():
        table = etype.verbs if is_verb else etype.nouns
        if lemma in table and _fits(ctx, token, table[lemma], themes):
            return etype
    return None


# --- governors and status --------------------------------------------------------------


def _governors(trigger: Token) -> list[Token]:
    """The trigger and the words above it whose modality carries down to it."""
    chain = [trigger]
    current = trigger
    for _ in range(8):
        head = current.head
        if head is current or not _carries_modality(current, trigger):
            break
        chain.append(head)
        current = head
    return chain


def _carries_modality(token: Token, trigger: Token) -> bool:
    dep = token.dep_
    if dep in ("xcomp", "ccomp", "pcomp", "conj", "prep"):
        return True
    if dep in ("acl", "relcl"):
        return _lemma(token.head) in FRAME_NOUNS
    if dep in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
        return token is trigger and token.pos_ in ("NOUN", "PROPN") or (
            _lemma(token) in FRAME_NOUNS
        )
    return False


def _status(trigger: Token, chain: list[Token]) -> str:
    cues = _status_cues(trigger, chain)
    for status in ("denied", "negated", "hypothetical", "planned", "claimed"):
        if status in cues:
            return status
    if trigger.dep_ in ("relcl", "acl") and _lemma(trigger.head) not in FRAME_NOUNS:
        return "background"  # "the convention, adopted in 2008," tells of an older event
    return "happened"


def _status_cues(trigger: Token, chain: list[Token]) -> set[str]:
    cues: set[str] = set()
    reported = any(_lemma(t) in REPORT_HEADS for t in chain[1:])
    for index, token in enumerate(chain):
        below = chain[index - 1] if index else None
        cues |= _token_cues(token, reported)
        if index == 0:
            continue
        lemma = _lemma(token)
        if lemma in DENY_HEADS or (
            lemma in DISMISS_HEADS and below is not None and _lemma(below) in CLAIM_HEADS
        ):
            cues.add("denied")
        elif lemma in NEGATING_HEADS:
            cues.add("negated")
        elif lemma in CLAIM_HEADS:
            cues.add("claimed")
        elif lemma in PLAN_HEADS:
            cues.add("planned")
    if _is_infinitive(trigger) and not _implicative(chain):
        cues.add("planned")  # "to buy", "are to be produced": not done yet
    return cues


def _token_cues(token: Token, reported: bool) -> set[str]:
    cues: set[str] = set()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "neg" or (child.dep_ == "det" and word == "no"):
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


def _is_infinitive(token: Token) -> bool:
    """"to buy", "to be produced"."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _implicative(chain: list[Token]) -> bool:
    return len(chain) > 1 and _lemma(chain[1]) in IMPLICATIVE_HEADS


# --- clauses, dates, amounts -----------------------------------------------------------


def _own_tokens(head: Token, keep: Iterable[str] = ()) -> list[Token]:
    """``head``'s subtree without nested clauses (their dates and amounts are their own)."""
    nested = NESTED_DEPS - set(keep)
    out, stack = [], [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child.dep_ in nested or (child.dep_ == "conj" and child.pos_ in ("VERB", "AUX")):
                continue
            stack.append(child)
    return out


def _clause_layers(trigger: Token, chain: list[Token], dates: bool = False
                   ) -> list[list[Token]]:
    """Token sets to search, nearest first: own clause, then each governor's own clause.

    For dates, a reporting verb's clause is skipped: "..., the ministry said on Monday"
    dates the statement, not the event.
    """
    layers = [_own_tokens(trigger)]
    layers += [_own_tokens(g) for g in chain[1:] if not (dates and _is_report(g))]
    return layers


def _is_report(token: Token) -> bool:
    return token.pos_ == "VERB" and _lemma(token) in REPORT_HEADS


def _chars(tokens: Iterable[Token]) -> list[Span]:
    return [_tok_span(t) for t in tokens]


def _pick_timex(ctx: _Context, trigger: Token, chain: list[Token]) -> Timex | None:
    dated = [t for t in ctx.timexes if t.value and t.kind in ("DATE", "TIME")]
    for layer in _clause_layers(trigger, chain, dates=True):
        spans = _chars(layer)
        hits = [t for t in dated if any(t.span.overlaps(s) for s in spans)]
        if hits:
            return min(hits, key=lambda t: abs(t.span.start - trigger.idx))
    return _sentence_timex(ctx, trigger, dated)


def _sentence_timex(ctx: _Context, trigger: Token, dated: list[Timex]) -> Timex | None:
    """A date elsewhere in the sentence, unless it belongs to a relative clause or to a
    reporting verb."""
    sent = trigger.sent
    fenced = [
        t for t in sent if t.dep_ in ("relcl", "acl") and trigger not in list(t.subtree)
    ]
    fenced_spans = [Span(f.left_edge.idx, f.right_edge.idx + len(f.right_edge)) for f in fenced]
    for verb in (t for t in sent if _is_report(t)):
        fenced_spans += _chars(_own_tokens(verb))
    sent_span = Span(sent.start_char, sent.end_char)
    hits = [
        t for t in dated
        if sent_span.contains(t.span) and not any(f.overlaps(t.span) for f in fenced_spans)
    ]
    return min(hits, key=lambda t: abs(t.span.start - trigger.idx)) if hits else None


def _pick_money(ctx: _Context, trigger: Token, chain: list[Token]) -> Money | None:
    for layer in _clause_layers(trigger, chain):
        spans = _chars(layer)
        hits = [m for m in ctx.money if any(m.span.overlaps(s) for s in spans)]
        if hits:
            return hits[0]
    sent = trigger.sent
    in_sentence = [m for m in ctx.money if Span(sent.start_char, sent.end_char).contains(m.span)]
    return in_sentence[0] if len(in_sentence) == 1 else None


def _tally_for(ctx: _Context, trigger: Token) -> VoteTally | None:
    sent = Span(trigger.sent.start_char, trigger.sent.end_char)
    return next((v for v in ctx.votes if sent.overlaps(v.span)), None)


def _evidence(trigger: Token, chain: list[Token]) -> Span:
    """The clause stating the event: the trigger's clause plus governors it hangs from."""
    tokens = _own_tokens(trigger, keep=("xcomp",))
    for below, governor in zip(chain, chain[1:], strict=False):
        if below.dep_ in ("ccomp", "conj", "advcl", "prep", "pcomp"):
            break  # a reporting or sibling clause is not part of this event's statement
        tokens += _own_tokens(governor)
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


# --- participants ----------------------------------------------------------------------


def _subject(token: Token) -> Token | None:
    """Who does what ``token`` denotes: subject, "by" agent, or inherited subject."""
    current = token
    for _ in range(6):
        agent = _agent(current)
        if agent is not None:
            return agent
        subj = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            if subj.tag_ in ("WDT", "WP") and current.dep_ == "relcl":
                return current.head
            return subj
        if current.dep_ not in ("xcomp", "conj", "advcl", "acl", "pcomp", "prep") or (
            current.dep_ == "acl" and _is_passive(current)
        ):
            return None
        current = current.head
        if current.pos_ in ("NOUN", "PROPN"):
            agent = _nominal_agent(current)
            if agent is not None or current.dep_ not in ("dobj", "attr"):
                return agent
            current = current.head  # "Tbilisi has no plans to purchase ..."
    return None


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _nominal_agent(noun: Token) -> Token | None:
    """"Lithuania's withdrawal", "the withdrawal by Lithuania"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ in ("prep", "agent") and child.lower_ == "by":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _nominal_actor(ctx: _Context, trigger: Token) -> Entity | None:
    found = _resolve(ctx, _nominal_agent(trigger))
    if found is not None:
        return found
    for child in trigger.children:  # "the Polish purchase", "a German investment"
        if child.dep_ in ("amod", "compound"):
            entity = ctx.entity_at(child)
            if entity is not None and entity.type in ("GPE", "NORP", "ORG", "PERSON"):
                return entity
    head = trigger.head
    if trigger.dep_ in ("dobj", "nsubjpass") and _lemma(head) in LIGHT_VERBS:
        return _resolve(ctx, _subject(head))
    mover = _motion_verb(trigger)
    return _resolve(ctx, _subject(mover)) if mover is not None else None


def _motion_verb(noun: Token) -> Token | None:
    """"arrived in Washington for a state visit": the verb the purpose phrase hangs on."""
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "for" and _lemma(prep.head) in MOTION_VERBS:
        return prep.head
    return None


def _actor(ctx: _Context, trigger: Token) -> tuple[Entity | None, list[Entity]]:
    if trigger.pos_ in ("NOUN", "PROPN"):
        return _nominal_actor(ctx, trigger), []
    subj = _subject(trigger)
    actor = _resolve(ctx, subj)
    if actor is None and subj is not None and subj.pos_ == "PRON":
        actor = _reporter(ctx, subj)
    co_actors: list[Entity] = []
    if subj is None:
        return actor, co_actors
    # "Canada and Poland signed", "the ministers of Japan and South Korea met"
    for part in _phrase_children(subj):
        for conj in part.conjuncts:
            entity = _resolve(ctx, conj)
            if entity is not None and entity is not actor and entity not in co_actors:
                co_actors.append(entity)
    return actor, co_actors


def _reporter(ctx: _Context, pronoun: Token) -> Entity | None:
    """"Norway said it would deliver ...": a subject pronoun in a reported clause is
    read as the reporter when the reporter is an entity (the usual news construction)."""
    if pronoun.lower_ not in ("it", "they", "he", "she"):
        return None
    clause = pronoun.head
    while clause.dep_ in ("xcomp", "conj") and clause.head is not clause:
        clause = clause.head
    if clause.dep_ != "ccomp" or not _is_report(clause.head):
        return None
    return _resolve(ctx, next((c for c in clause.head.children if c.dep_ == "nsubj"), None))


def _prep_objects(token: Token, preps: set[str]) -> Iterator[Token]:
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            yield from (g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN"):
            yield child  # "sent Ukraine tanks"


def _first_entity(ctx: _Context, tokens: Iterable[Token], types: set[str] | None = None
                  ) -> Entity | None:
    for token in tokens:
        entity = _resolve(ctx, token, types)
        if entity is not None:
            return entity
    return None


def _treaty(ctx: _Context, trigger: Token) -> tuple[Entity | None, str | None]:
    """The treaty acted on: a TREATY entity, else the latest one before a generic noun."""
    candidates = [t for t in trigger.subtree if t is not trigger] if _lemma(trigger) == "vote" \
        else _theme_tokens(trigger)
    for theme in candidates:
        entity = _resolve(ctx, theme, {"TREATY"})
        if entity is not None:
            return entity, None
    for theme in candidates:
        if _word_classes(theme) & {TREATY, AGREEMENT}:
            earlier = ctx.treaties_before(theme.idx)
            return (earlier[0], None) if earlier else (None, _phrase_text(theme))
    return None, None


# --- per-type argument readers ---------------------------------------------------------


def _args(ctx: _Context, etype: EventType, trigger: Token, chain: list[Token]) -> dict[str, Any]:
    actor, co_actors = _actor(ctx, trigger)
    args: dict[str, Any] = {}
    if actor is not None:
        args["actor"] = actor.id
    if co_actors:
        args["co_actors"] = [e.id for e in co_actors]
    reader = _READERS.get(etype.name)
    if reader is not None:
        reader(ctx, trigger, args)
    if etype.treaty_action or etype.name == "treaty_vote":
        treaty, literal = _treaty(ctx, trigger)
        if treaty is not None or literal:
            args["target"] = treaty.id if treaty is not None else literal
    if etype.name in MONEY_TYPES:
        money = _pick_money(ctx, trigger, chain)
        if money is not None:
            args["amount"] = {"value": money.value, "currency": money.currency}
            if money.approximate:
                args["amount"]["approximate"] = True
    if etype.name in VOTE_TYPES:
        tally = _tally_for(ctx, trigger)
        if tally is not None:
            args["votes"] = {"for": tally.for_, "against": tally.against,
                             "abstain": tally.abstain}
    if etype.name in ("agreement", "meeting") and "target" not in args and co_actors:
        args["target"] = co_actors[0].id
    return args


def _set(args: dict[str, Any], role: str, entity: Entity | None) -> None:
    if entity is not None and entity.id != args.get("actor"):
        args[role] = entity.id


def _weapon_args(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    themes = [t for t in _theme_tokens(trigger) if WEAPON in _theme_classes(ctx, t)]
    system = _first_entity(ctx, themes, {"WEAPON"})
    if system is not None:
        args["system"] = system.id
    elif themes:
        args["system"] = _phrase_text(themes[0])


def _read_procurement(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    _weapon_args(ctx, trigger, args)
    _set(args, "seller", _first_entity(ctx, _prep_objects(trigger, {"from"})))


def _read_transfer(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    _weapon_args(ctx, trigger, args)
    _set(args, "recipient", _first_entity(ctx, _prep_objects(trigger, {"to", "for"})))


def _read_deployment(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    _weapon_args(ctx, trigger, args)
    units = [t for t in _theme_tokens(trigger) if TROOPS in _theme_classes(ctx, t)]
    if units and "system" not in args:
        args["units"] = _phrase_text(units[0])
    if units and "actor" not in args:
        # "the deployment of German troops": troops are sent by the state they serve
        _set(args, "actor", _first_entity(
            ctx, [c for c in units[0].children if c.dep_ in ("amod", "compound")],
            {"GPE", "NORP"}))
    preps = {"to", "in", "into", "near", "on"}
    where = list(_prep_objects(trigger, preps))
    where += [w for u in units for w in _prep_objects(u, preps)]
    _set(args, "target", _first_entity(ctx, where, {"GPE", "ORG"}))


def _read_money_flow(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    preps = {"in", "into"} if _lemma(trigger) in ("invest", "investment") else {"to", "for"}
    head = trigger.head if trigger.dep_ == "compound" else trigger  # "aid package for X"
    places = list(_prep_objects(head, preps))
    if _light_object(head):  # "approved a loan to Kenya": the phrase may hang on the verb
        places += list(_prep_objects(head.head, preps))
    _set(args, "recipient", _first_entity(ctx, places))


def _read_visit(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    places = [c for c in trigger.children if c.dep_ == "dobj"]
    places += list(_prep_objects(trigger, {"to", "in"}))
    mover = _motion_verb(trigger)
    if mover is not None:
        places += list(_prep_objects(mover, {"to", "in"}))
    _set(args, "target", _first_entity(ctx, places))


def _read_meeting(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    others = [c for c in trigger.children if c.dep_ == "dobj"]
    others += list(_prep_objects(trigger, {"with"}))
    if trigger.pos_ != "VERB":
        others += list(_prep_objects(trigger.head, {"with"}))
    _set(args, "target", _first_entity(ctx, others))


def _read_agreement(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    partners = list(_prep_objects(trigger, {"with"}))
    for theme in _theme_tokens(trigger):
        partners += list(_prep_objects(theme, {"with", "between"}))
    _set(args, "target", _first_entity(ctx, partners))


def _read_production(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    _weapon_args(ctx, trigger, args)
    _set(args, "location", _first_entity(ctx, _prep_objects(trigger, {"in"}), {"GPE"}))


def _read_criticism(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    if trigger.pos_ == "VERB":
        objects = [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")]
        _set(args, "target", _first_entity(ctx, _deep(objects)))
        return
    head = trigger.head
    args.pop("actor", None)  # the light-verb subject may be the cause, decided below
    critics = list(_prep_objects(trigger, {"from", "by", "among", "in"}))
    critics += list(_prep_objects(head, {"from", "among", "in"}))
    about = list(_prep_objects(trigger, {"over", "about", "of", "at", "regarding"}))
    about += list(_prep_objects(head, {"over", "about", "regarding"}))
    subj = _subject(head) if trigger.dep_ in ("dobj", "attr") else None
    if subj is not None and _lemma(head) in DRAWING_VERBS | VOICING_VERBS | LIGHT_VERBS:
        if _lemma(head) not in DRAWING_VERBS and ctx.entity_at(subj) is not None:
            critics.insert(0, subj)  # "Germany raised concerns": the subject is the critic
        else:
            about.append(subj)  # "Serbia's purchase raised concerns": the subject is the cause
    critic = _first_entity(ctx, critics)
    if critic is not None:
        args["actor"] = critic.id
    _set(args, "target", _first_entity(ctx, _deep(about)))


def _deep(tokens: list[Token]) -> list[Token]:
    """Phrase heads first, then the rest of their subtrees ("Lithuania's decision to ...")."""
    return tokens + [t for head in tokens for t in head.subtree if t is not head]


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

# --- assembly --------------------------------------------------------------------------


def _event_id(etype: EventType, args: dict[str, Any], date: str | None) -> str:
    actor = str(args.get("actor", ""))
    if etype.treaty_action:
        return stable_id("evt", etype.name, *sorted([actor, str(args.get("target", ""))]))
    other = next((str(args[r]) for r in ("target", "recipient", "system") if r in args), "")
    return stable_id("evt", etype.name, *sorted([actor, other]), (date or "")[:7])


def _swallowed(ctx: _Context, trigger: Token) -> bool:
    """Triggers another event already covers.

    "voted to leave the convention" is one vote event (its motion is the withdrawal), and
    the noun "votes" inside a tally ("by 99 votes to 1") is part of that tally.
    """
    if trigger.dep_ == "xcomp" and _lemma(trigger.head) == "vote":
        return True
    if trigger.pos_ == "VERB":
        return False
    if any(_tok_span(trigger).overlaps(v.span) for v in ctx.votes):
        return True
    # "In the final vote, 103 MPs voted ...": the noun restates the verb's event.
    own = _classify(ctx, trigger)
    return any(_classify(ctx, a) == own for a in trigger.ancestors if a.pos_ == "VERB")


def _event_for(ctx: _Context, trigger: Token, etype: EventType) -> Event:
    chain = _governors(trigger)
    args = _args(ctx, etype, trigger, chain)
    motion = next((c for c in trigger.children if c.dep_ == "xcomp"), None)
    if etype.name.endswith("_vote") and motion is not None:
        inner = _classify(ctx, motion)
        if inner is not None and not inner.name.endswith("_vote"):
            args["motion"] = inner.name
    timex = _pick_timex(ctx, trigger, chain)
    date = timex.value if timex else None
    return Event(
        id=_event_id(etype, args, date),
        type=etype.name,
        evidence=_evidence(trigger, chain),
        args=args,
        date=date,
        date_text=timex.text if timex else None,
        status=_status(trigger, chain),
        plover=etype.plover,
    )


def _light_object(token: Token) -> bool:
    """"held talks", "announced an investment": the verb only reports the noun's event."""
    return token.dep_ in ("dobj", "nsubjpass") and _lemma(token.head) in LIGHT_VERBS


def _has_participants(event: Event) -> bool:
    return any(role in event.args for role in PARTICIPANT_ROLES)


def _fold_votes(events: list[Event]) -> list[Event]:
    """A tally told in a later sentence ("In the final vote, 103 MPs voted in favour ...")
    belongs to the treaty vote the report is about, when nothing names another motion."""
    treaty_votes = [e for e in events if e.type == "treaty_vote"]
    if len(treaty_votes) != 1:
        return events
    main = treaty_votes[0]
    kept = []
    for event in events:
        untargeted = event.type == "parliamentary_vote" and not (
            {"target", "motion"} & event.args.keys()
        )
        same_day = event.date in (None, main.date)
        if untargeted and same_day and event.evidence.start > main.evidence.start:
            if "votes" in event.args:
                main.args.setdefault("votes", event.args["votes"])
            continue
        kept.append(event)
    return kept


def _merge(events: list[Event]) -> list[Event]:
    """One event per id: the first report's evidence, the fullest arguments."""
    merged: dict[str, Event] = {}
    for event in events:
        first = merged.get(event.id)
        if first is None:
            merged[event.id] = event
            continue
        for role, value in event.args.items():
            first.args.setdefault(role, value)
        if first.date is None and event.date is not None:
            first.date, first.date_text = event.date, event.date_text
    return _fold_votes(list(merged.values()))


def extract_events(
    doc: Doc,
    entities: list[Entity],
    timexes: list[Timex],
    published: dt.date | None = None,
) -> list[Event]:
    """Events stated in ``doc``; ``published`` is accepted for symmetry with other stages but
    never used as an event date (the text must say when)."""
    del published
    ctx = _Context(doc, entities, timexes, find_money(doc.text), find_votes(doc.text))
    events = []
    for token in doc:
        etype = _classify(ctx, token)
        if etype is None or _swallowed(ctx, token):
            continue
        event = _event_for(ctx, token, etype)
        if token.pos_ == "VERB" or _has_participants(event) or _light_object(token):
            # A bare event noun ("if funding allowed") names a concept, not a reported event.
            events.append(event)
    return _merge(events)
