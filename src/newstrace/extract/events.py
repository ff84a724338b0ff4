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
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newstrace.annotate.nlp import get_nlp
from newstrace.clean.stories import find_boilerplate, is_headline, iter_lines, split_stories
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
DRILL = "drill"  # "exercises" only when military ("joint exercises") or held/conducted


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
          {"deployment": ANY, "exercise": DRILL, "drill": DRILL, "manoeuvre": DRILL,
           "maneuver": DRILL}),
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
    _type("meeting", "CONSULT", {"meet": ANY}, {"meeting": ANY, "talk": ANY, "summit": ANY}),
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
               "raise", "voice", "express", "issue", "order", "have", "stage", "attend",
               "host"}
MOTION_VERBS = {"arrive", "travel", "come", "go", "fly", "head", "land", "be", "leave",
                "depart", "return", "set"}
# Modifiers that make "exercises" military manoeuvres.
DRILL_MODIFIERS = {"joint", "military", "naval", "air", "war", "combat", "tactical", "nuclear",
                   "live", "large", "scale", "army", "command", "staff", "amphibious"}
# Verbs whose subject takes part in the event named in their prepositional phrase:
# "Lithuania is participating in consultations on the acquisition of ...".
PARTICIPATION_VERBS = {"participate", "engage", "involve", "take", "join", "lead", "negotiate",
                       "cooperate", "work", "collaborate"}
# Subjects that stand for a legislature: "103 MPs voted" is the parliament voting.
LEGISLATOR_WORDS = {"mp", "lawmaker", "legislator", "deputy", "senator", "parliamentarian",
                    "congressman", "congresswoman", "mep", "member", "representative",
                    "parliament"}
LEGISLATURE_WORDS = {"parliament", "seimas", "saeima", "riigikogu", "sejm", "bundestag",
                     "duma", "rada", "congress", "senate", "assembly", "knesset", "storting",
                     "riksdag", "folketing", "eduskunta", "althing", "sabor", "skupstina",
                     "parlament", "house", "diet", "majlis", "cortes", "verkhovna"}
# Evaluations that make "called it X" / "said it was X" / "warned that it was X" a criticism.
NEGATIVE_WORDS = {
    "catastrophic", "alarming", "disastrous", "dangerous", "unacceptable", "irresponsible",
    "deplorable", "regrettable", "shameful", "outrageous", "reckless", "appalling", "worrying",
    "troubling", "concerning", "disturbing", "mistake", "error", "blow", "setback", "wrong",
    "weaken", "undermine", "damage", "harm", "jeopardise", "jeopardize", "endanger", "erode",
    "unjustified", "illegal", "unlawful", "shocking", "terrible", "deplore", "betrayal",
    "backward", "disgraceful", "scandalous", "misguided", "short-sighted",
}
EVALUATING_VERBS = {"call", "describe", "brand", "label", "term", "say", "warn", "deem",
                    "consider", "note", "argue"}
# Anaphoric subjects of such an evaluation: what was just reported.
EVALUATED_WORDS = {"it", "this", "that", "decision", "move", "step", "plan", "withdrawal",
                   "decree", "law", "policy", "proposal", "measure", "deal"}
# Verbs whose subject is the target of a nominal criticism ("X's move drew criticism").
DRAWING_VERBS = {"draw", "attract", "face", "prompt", "spark", "provoke", "trigger", "meet"}

PARTICIPANT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "OUTLET", "TREATY", "WEAPON", "EVENT"}
NESTED_DEPS = {"relcl", "acl", "ccomp", "advcl", "parataxis", "xcomp", "csubj"}
PARTICIPANT_ROLES = ("actor", "target", "recipient", "system", "seller", "amount", "votes",
                     "units", "location", "co_actors")
MONEY_TYPES = {"investment", "funding", "arms_procurement", "arms_transfer", "agreement",
               "production"}
VOTE_TYPES = {"treaty_vote", "parliamentary_vote", "treaty_ratification"}
AGENT_TYPES = {"PERSON", "ORG", "GPE", "NORP", "OUTLET"}
# Events that last and contain others: meetings during a visit fall within its days.
CONTAINER_TYPES = {"visit"}
PERSONAL_PRONOUNS = {"she", "he", "her", "his", "him", "hers"}
THING_PRONOUNS = {"it", "its", "they", "their", "them"}

# --- entity lookup ---------------------------------------------------------------------


@dataclass
class _Context:
    """Everything the rules consult for one document."""

    doc: Doc
    entities: list[Entity]
    timexes: list[Timex]
    money: list[Money]
    votes: list[VoteTally]
    stories: list[Span] = field(default_factory=list)
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

    def story_of(self, offset: int) -> Span:
        # Doc.text is rebuilt from every token on each access: measure the length once.
        return next((s for s in self.stories if s.start <= offset < s.end),
                    Span(0, self.doc[-1].idx + len(self.doc[-1].text_with_ws)))

    def legislature_near(self, offset: int) -> Entity | None:
        """The parliament mentioned in the same story, nearest to ``offset``."""
        story = self.story_of(offset)
        found = [
            (abs(m.start - offset), e) for m, e in self.mentions
            if e.type == "ORG" and story.contains(m) and _is_legislature(e)
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


def _is_legislature(entity: Entity) -> bool:
    words = {w.lower() for m in entity.mentions for w in m.text.split()}
    words |= {w.lower() for w in entity.name.split()}
    return bool(words & LEGISLATURE_WORDS)


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


def _resolve(
    ctx: _Context, token: Token | None, types: set[str] | None = None,
    follow_pronouns: bool = True,
) -> Entity | None:
    """The entity a noun phrase headed by ``token`` refers to."""
    if token is None:
        return None
    for candidate in _phrase_children(token):
        entity = ctx.entity_at(candidate)
        if entity is None and candidate.pos_ == "PRON" and follow_pronouns:
            entity = _pronoun(ctx, candidate)
        if entity is not None and (types is None or entity.type in types):
            return entity
    return None


def _pronoun(ctx: _Context, token: Token) -> Entity | None:
    """A pronoun's referent: "she"/"his" the person last named, "it"/"its" the state or
    organisation that is the subject of the sentence's main clause."""
    word = token.lower_
    if word in PERSONAL_PRONOUNS:
        return ctx.person_before(token.idx)
    if word in THING_PRONOUNS:
        root = token.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.i < token.i and subject.pos_ != "PRON":
            # Not through pronouns again: "Its army …" would send us round in circles.
            entity = _resolve(ctx, subject, {"GPE", "ORG"}, follow_pronouns=False)
            if entity is not None:
                return entity
    return None


def _phrase_text(token: Token) -> str:
    """Text of the noun phrase without its prepositional and clausal tails."""
    keep = [token] + [t for t in token.subtree if t.i < token.i]
    keep += [c for c in token.rights if c.dep_ in ("compound", "nummod", "appos")]
    first = min(t.i for t in keep)
    last = max(t.i for t in keep)
    return token.doc[first:last + 1].text  # not Doc.text, which joins the whole document


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
    # An apposition names the same thing ("the minister – X, a preliminary agreement").
    classes = _word_classes(token)
    for child in token.children:
        if child.dep_ == "appos":
            classes |= _word_classes(child)
            classes |= {c for g in child.children if g.dep_ == "appos" for c in _word_classes(g)}
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
    if need == DRILL:
        return any(_lemma(c) in DRILL_MODIFIERS for c in trigger.children
                   if c.dep_ in ("amod", "compound")) or (
            trigger.dep_ in ("dobj", "nsubjpass") and _lemma(trigger.head) in LIGHT_VERBS)
    if need == LEGISLATION and trigger.dep_ not in ("relcl", "acl") and _tally_for(
        ctx, trigger
    ) is not None:
        return True
    if need == TREATY and _lemma(trigger) == "vote":
        # "voted to leave the convention", "voted on ratifying the treaty"
        themes = [t for t in trigger.subtree if t != trigger]
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
    if is_verb and _evaluation(token) is not None:
        return ONTOLOGY["criticism"]
    return None


def _evaluation(token: Token) -> Token | None:
    """"X called the decision catastrophic", "Y said it was alarming", "Z warned that it was
    weakening ...": a negative verdict on something just reported is a criticism of it.
    Returns the phrase judged (the object or the complement's subject)."""
    if _lemma(token) not in EVALUATING_VERBS:
        return None
    for child in token.children:
        if child.dep_ == "dobj" and any(
            c.dep_ in ("oprd", "xcomp", "acomp") and _negative(c) for c in token.children
        ):
            return child
        if child.dep_ == "ccomp":
            subject = next((c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and _lemma(subject) in EVALUATED_WORDS and any(
                _negative(t) for t in _own_tokens(child) if t != subject
            ):
                return subject
    return None


def _negative(token: Token) -> bool:
    return any(_lemma(t) in NEGATIVE_WORDS or t.lower_ in NEGATIVE_WORDS
               for t in _own_tokens(token))


# --- governors and status --------------------------------------------------------------


def _governors(trigger: Token) -> list[Token]:
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
    if dep in ("xcomp", "ccomp", "pcomp", "conj", "prep"):
        return True
    if dep in ("acl", "relcl"):
        return _lemma(token.head) in FRAME_NOUNS
    if dep in ("dobj", "nsubj", "nsubjpass", "pobj", "attr"):
        return token == trigger and token.pos_ in ("NOUN", "PROPN") or (
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
        if child.dep_ in ("nsubj", "nsubjpass") and any(
            d.dep_ == "det" and d.lower_ in ("no", "neither") for d in child.children
        ):
            cues.add("negated")  # "no other country has signed"
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
    dates the statement, not the event (it is the fallback, see ``_report_timex``), unless
    the verb only carries a nominal trigger: "announced an investment on Saturday".
    """
    layers = [_own_tokens(trigger)]
    for below, governor in zip(chain, chain[1:], strict=False):
        if dates and _is_report(governor) and not (below == trigger and _light_object(trigger)):
            continue
        layers.append(_own_tokens(governor))
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
    return _sentence_timex(ctx, trigger, dated) or _report_timex(ctx, trigger, chain, dated)


def _report_timex(ctx: _Context, trigger: Token, chain: list[Token], dated: list[Timex]
                  ) -> Timex | None:
    """The date of the statement that reports the event, when the event's own clause gives
    none: "announced yesterday that the country has withdrawn" dates the withdrawal (as
    announced) to yesterday."""
    reports = [g for g in chain[1:] if _is_report(g)]
    sent = trigger.sent
    if not reports and sent.root.pos_ not in ("VERB", "AUX") and sent.start > 0:
        # A "sentence" without a verb of its own ("Verslo Zinios" that Lithuania is ...)
        # is the tail of the one before, cut at an abbreviation or a stray full stop.
        reports = [t for t in ctx.doc[sent.start - 1].sent if _is_report(t)]
    for governor in reports:
        spans = _chars(_own_tokens(governor))
        hits = [t for t in dated if any(t.span.overlaps(s) for s in spans)]
        if hits:
            return min(hits, key=lambda t: abs(t.span.start - trigger.idx))
    return None


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


def _evidence(trigger: Token, chain: list[Token], keep: Iterable[str] = ()) -> Span:
    """The clause stating the event: the trigger's clause plus governors it hangs from."""
    tokens = _own_tokens(trigger, keep=("xcomp", *keep))
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
        return _verb_actor(ctx, head)
    mover = _motion_verb(trigger)
    if mover is not None:
        return _verb_actor(ctx, mover)
    participant = _participation_verb(trigger)
    return _verb_actor(ctx, participant) if participant is not None else None


def _participation_verb(noun: Token) -> Token | None:
    """"Lithuania is participating in consultations on the acquisition": the verb whose
    subject takes part in the event named inside its prepositional phrase."""
    current = noun
    for _ in range(3):
        if current.dep_ != "pobj":
            return None
        owner = current.head.head
        if owner.pos_ == "VERB":
            return owner if _lemma(owner) in PARTICIPATION_VERBS else None
        current = owner
    return None


def _verb_actor(ctx: _Context, verb: Token) -> Entity | None:
    """The agent of ``verb``: its subject (or "by" agent) when that names an entity, a
    legislature for "103 MPs", else the entity written just before the verb group
    (robust to parses that pick a wrong subject: "... - Lithuania has acquired")."""
    subj = _subject(verb)
    actor = _resolve(ctx, subj, AGENT_TYPES)
    if actor is None and subj is not None and subj.pos_ == "PRON":
        actor = _reporter(ctx, subj)
    if actor is None and subj is not None and _is_legislator(subj):
        actor = ctx.legislature_near(verb.idx)
    if actor is None and (subj is None or _resolve(ctx, subj) is not None):
        # no subject, or one that names no agent (a war, a treaty): a misparse
        actor = _adjacent_agent(ctx, verb)
    return actor


def _is_legislator(token: Token) -> bool:
    word = token.lower_.rstrip("s")
    if word == "member":  # "members of parliament"
        return any(_lemma(t) in ("parliament", "congress", "seima") for t in token.subtree)
    return _lemma(token) in LEGISLATOR_WORDS or word in LEGISLATOR_WORDS


def _adjacent_agent(ctx: _Context, verb: Token) -> Entity | None:
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
    actor = _verb_actor(ctx, trigger)
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
    while clause.dep_ in ("xcomp", "conj") and clause.head != clause:
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
    candidates = [t for t in trigger.subtree if t != trigger] if _lemma(trigger) == "vote" \
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
    sellers = list(_prep_objects(trigger, {"from"}))
    # "acquired weapons worth 2 billion euros from the United States": the phrase may hang
    # on a word of the object
    sellers += [g for t in _own_tokens(trigger) if t.dep_ == "prep" and t.lower_ == "from"
                and t.head != trigger for g in t.children if g.dep_ == "pobj"]
    _set(args, "seller", _first_entity(ctx, sellers, AGENT_TYPES))


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
    if _light_object(trigger):  # "held joint exercises in Belarus"
        where += list(_prep_objects(trigger.head, preps))
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
    pair = _between(ctx, trigger)
    if len(pair) >= 2 and "actor" not in args:  # "the meeting between A and B"
        args["actor"] = pair[0].id
        pair = pair[1:]
    others = [c for c in trigger.children if c.dep_ == "dobj"]
    others += _with_objects(trigger)
    if trigger.pos_ != "VERB":
        others += list(_prep_objects(trigger.head, {"with"}))
    partners = [e for e in pair + _each_party(ctx, others) if e.id != args.get("actor")]
    if not partners and trigger.pos_ != "VERB":  # "a summit on Ukraine"
        partners = [e for e in [_first_entity(ctx, _prep_objects(trigger, {"on"}), {"GPE"})]
                    if e is not None and e.id != args.get("actor")]
    if partners:
        args["target"] = partners[0].id
        if len(partners) > 1:  # one meeting per partner: "met A, B and C"
            args["_more_targets"] = list(dict.fromkeys(e.id for e in partners[1:]))


def _between(ctx: _Context, trigger: Token) -> list[Entity]:
    found: list[Entity] = []
    for obj in _prep_objects(trigger, {"between"}):
        named = [obj, *obj.conjuncts]
        named += [n for t in named for a in t.children if a.dep_ == "appos"
                  for n in (a, *a.conjuncts)]  # "between Presidents A and B"
        for token in named:
            entity = _resolve(ctx, token, AGENT_TYPES)
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


def _each_party(ctx: _Context, heads: list[Token]) -> list[Entity]:
    """The entity each phrase names: its head (with appositions), else the members it lists
    ("companies, including A and B"), else the last person or organisation inside it
    ("the Secretary of the US Army ... – Ryan McCarthy")."""
    found: list[Entity] = []
    for head in heads:
        for token in (head, *head.conjuncts):
            listed = [m for t in token.subtree if t.dep_ == "prep"
                      and t.lower_ in ("including", "like", "as")
                      for g in t.children if g.dep_ == "pobj" for m in (g, *g.conjuncts)]
            entities = [e for e in (_resolve(ctx, m, AGENT_TYPES) for m in listed) if e]
            if not entities:
                entity = ctx.entity_at(token)
                if entity is None or entity.type not in AGENT_TYPES:
                    inside = [ctx.entity_at(t) for t in token.subtree
                              if not any(c in t.ancestors for c in token.conjuncts)]
                    named = [e for e in inside if e is not None and e.type == "PERSON"]
                    entity = named[-1] if named else _resolve(ctx, token, AGENT_TYPES)
                entities = [entity] if entity is not None else []
            found += [e for e in entities if e not in found]
    return found


def _read_agreement(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    partners = list(_prep_objects(trigger, {"with"}))
    for theme in _theme_tokens(trigger):
        partners += list(_prep_objects(theme, {"with", "between"}))
    _set(args, "target", _first_entity(ctx, partners))


def _production_partner(ctx: _Context, trigger: Token) -> Entity | None:
    """"produce ... jointly with Kyiv", "in cooperation with Ukraine", "together with"."""
    tokens = [trigger, *(c for c in trigger.children if c.dep_ in ("advmod", "prep")
                         and c.lower_ in ("jointly", "together", "in"))]
    tokens += [g for c in tokens[1:] if c.lower_ == "in" for g in c.children
               if g.dep_ == "pobj" and _lemma(g) in ("cooperation", "partnership")]
    return _first_entity(ctx, (o for t in tokens for o in _prep_objects(t, {"with"})),
                         AGENT_TYPES)


def _read_production(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    _weapon_args(ctx, trigger, args)
    _set(args, "location", _first_entity(ctx, _prep_objects(trigger, {"in"}), {"GPE"}))
    _set(args, "partner", _production_partner(ctx, trigger))


def _read_criticism(ctx: _Context, trigger: Token, args: dict[str, Any]) -> None:
    if trigger.pos_ == "VERB":
        judged = _evaluation(trigger)
        objects = [judged] if judged is not None and judged.pos_ != "PRON" else [
            c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and judged is None]
        _set(args, "target", _first_entity(ctx, _deep(objects), AGENT_TYPES))
        subj = _subject(trigger)
        if "actor" not in args and subj is not None and subj.pos_ in ("NOUN", "PROPN"):
            args["actor"] = _phrase_text(subj)  # "rights groups condemned ..."
        _more_critics(ctx, [_agent(trigger)], args)
        return
    head = trigger.head
    args.pop("actor", None)  # the light-verb subject may be the cause, decided below
    critics = list(_prep_objects(trigger, {"from", "by", "among", "in"}))
    critics += list(_prep_objects(head, {"from", "among", "in"}))
    agent = _agent(head)  # "concerns have been raised by Human Rights Watch"
    if agent is not None:
        critics.insert(0, agent)
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
    else:
        unnamed = next((c for c in critics if c.pos_ in ("NOUN", "PROPN")), None)
        if unnamed is not None:  # "criticism from human rights organizations"
            args["actor"] = _phrase_text(unnamed)
    _set(args, "target", _first_entity(ctx, _deep(about), AGENT_TYPES))
    _more_critics(ctx, critics[:1], args)


def _more_critics(ctx: _Context, critics: Iterable[Token | None], args: dict[str, Any]) -> None:
    """Coordinated critics each criticise: "criticised by A, B and C" is three events."""
    more = []
    for critic in critics:
        if critic is None:
            continue
        named = [_resolve(ctx, conj, AGENT_TYPES) for conj in critic.conjuncts]
        if any(t.dep_ == "cc" for t in critic.subtree):
            # a flat parse of "A and B" (A as a modifier of B): every name in the phrase
            fenced = [t for c in critic.children if c.dep_ in ("prep", "relcl", "acl", "appos")
                      for t in c.subtree]
            named += [ctx.entity_at(t) for t in critic.subtree if t not in fenced]
        for entity in named:
            if (entity is not None and entity.type in AGENT_TYPES
                    and entity.id != args.get("actor") and entity.id not in more):
                more.append(entity.id)
    if more:
        args["_more_actors"] = more


def _deep(tokens: list[Token]) -> list[Token]:
    """Phrase heads first, then the rest of their subtrees ("Lithuania's decision to ...")."""
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

# --- assembly --------------------------------------------------------------------------


@dataclass
class _Found:
    """One report of an event, with what the document-level passes need."""

    trigger: Token
    event: Event
    timex: Timex | None
    same_as: _Found | None = None


def _event_id(event: Event) -> str:
    """Global id: type and participants. A state does a treaty action once and a parliament
    votes once on a treaty motion, so those ids ignore the date (a report eight months
    later that says only "in July last year" still names the same event)."""
    args = event.args
    actor = str(args.get("actor", ""))
    etype = ONTOLOGY[event.type]
    if etype.treaty_action:
        return stable_id("evt", etype.name, *sorted([actor, str(args.get("target", ""))]))
    if etype.name == "treaty_vote":
        return stable_id("evt", etype.name, actor, str(args.get("target", "")),
                         str(args.get("motion", "")))
    other = next((str(args[r]) for r in ("target", "recipient", "system") if r in args), "")
    return stable_id("evt", etype.name, *sorted([actor, other]), (event.date or "")[:7])


def _vote_above(trigger: Token) -> Token | None:
    """The vote verb whose motion ``trigger`` states: "voted to leave", "voted in favour of
    denouncing the convention", "voted for withdrawing"."""
    current = trigger
    for _ in range(4):
        if current.dep_ not in ("xcomp", "pcomp", "pobj", "prep"):
            return None
        current = current.head
        if current.pos_ == "VERB" and _lemma(current) == "vote":
            return current
    return None


# Entity types whose names can hold an event word without reporting the event.
NAMED_TYPES = {"ORG", "OUTLET", "PERSON", "GPE", "WEAPON", "EVENT"}


def _swallowed(ctx: _Context, trigger: Token) -> bool:
    """Triggers another event already covers.

    "voted to leave the convention" is one vote event (its motion is the withdrawal), and
    the noun "votes" inside a tally ("by 99 votes to 1") is part of that tally.
    """
    if _vote_above(trigger) is not None and _lemma(trigger) != "vote":
        return True
    # A word of a name ("European Investment Bank", "Defence Production Agency") is no event.
    span = _tok_span(trigger)
    if any(mention.overlaps(span) and entity.type in NAMED_TYPES
           for mention, entity in ctx.mentions):
        return True
    if trigger.pos_ == "VERB":
        return False
    if any(_tok_span(trigger).overlaps(v.span) for v in ctx.votes):
        return True
    # "In the final vote, 103 MPs voted ...": the noun restates its clause's verb's event.
    own = _classify(ctx, trigger)
    verb = next((a for a in trigger.ancestors if a.pos_ == "VERB"), None)
    return verb is not None and _classify(ctx, verb) == own


def _motion(ctx: _Context, vote: Token) -> str | None:
    for token in vote.subtree:
        if token != vote and token.pos_ == "VERB" and _vote_above(token) == vote:
            inner = _classify(ctx, token)
            if inner is not None and not inner.name.endswith("_vote"):
                return inner.name
    return None


def _events_for(ctx: _Context, trigger: Token, etype: EventType) -> list[_Found]:
    chain = _governors(trigger)
    args = _args(ctx, etype, trigger, chain)
    if etype.name.endswith("_vote"):
        motion = _motion(ctx, trigger)
        if motion is not None:
            args["motion"] = motion
    more_targets = args.pop("_more_targets", [])
    more_actors = args.pop("_more_actors", [])
    timex = _pick_timex(ctx, trigger, chain)
    keep = ("xcomp", "ccomp") if etype.name == "criticism" and _evaluation(trigger) else ()
    event = Event(
        id="",
        type=etype.name,
        evidence=_evidence(trigger, chain, keep),
        args=args,
        date=timex.value if timex else None,
        date_text=timex.text if timex else None,
        status=_status(trigger, chain),
        plover=etype.plover,
    )
    found = [_Found(trigger, event, timex)]
    for role, others in (("target", more_targets), ("actor", more_actors)):
        for other in others:
            copy = replace(event, args={**args, role: other})
            found.append(_Found(trigger, copy, timex))
    return found


def _light_object(token: Token) -> bool:
    """"held talks", "announced an investment": the verb only reports the noun's event."""
    return token.dep_ in ("dobj", "nsubjpass") and _lemma(token.head) in LIGHT_VERBS


def _has_participants(event: Event) -> bool:
    return any(role in event.args for role in PARTICIPANT_ROLES)


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
            {"target", "motion"} & event.args.keys()
        )
        same_day = event.date in (None, main.date)
        if untargeted and same_day and event.evidence.start > main.evidence.start:
            if "votes" in event.args:
                main.args.setdefault("votes", event.args["votes"])
            continue
        kept.append(event)
    return kept


def _same_day_restatements(events: list[Event]) -> None:
    """"Parliament approved the bill on Thursday. The bill passed with 88 votes …": a report
    of the same type on the same day whose participants are a part of another's is the same
    event, so it takes that event's id."""
    for event in events:
        if not _is_day(event.date):
            continue
        mine = {v for v in event.args.values() if isinstance(v, str)}
        for other in events:
            theirs = {v for v in other.args.values() if isinstance(v, str)}
            if other is not event and other.type == event.type and other.date == event.date \
                    and mine < theirs:
                event.id = other.id
                break


def _merge(events: list[Event]) -> list[Event]:
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
                for role, value in other.args.items():
                    if role != "votes":  # two tallies are two figures, kept apart
                        event.args.setdefault(role, value)
                if event.date is None and other.date is not None:
                    event.date, event.date_text = other.date, other.date_text
    return _fold_votes(kept)


# --- document-level passes: what one sentence cannot say -------------------------------


def _is_day(value: str | None) -> bool:
    return bool(value) and len(value or "") == 10 and (value or "")[4] == "-"


def _shift(value: str, duration: str, sign: int) -> str | None:
    """``value`` (a day) moved by a TIMEX duration such as P1D, P2W, P3M, P1Y."""
    if not _is_day(value) or len(duration) < 3 or not duration[1:-1].isdigit():
        return None
    amount, unit = int(duration[1:-1]) * sign, duration[-1]
    day = dt.date.fromisoformat(value)
    if unit in "DW":
        return (day + dt.timedelta(days=amount * (7 if unit == "W" else 1))).isoformat()
    if unit in "MY":
        months = day.year * 12 + day.month - 1 + amount * (12 if unit == "Y" else 1)
        try:
            return day.replace(year=months // 12, month=months % 12 + 1).isoformat()
        except ValueError:
            return None
    return None


def _definite(trigger: Token) -> bool:
    """"the announced investment", "her six-day visit": a phrase naming a known event."""
    return trigger.pos_ in ("NOUN", "PROPN") and any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        or (c.dep_ == "poss" and c.pos_ == "PRON") for c in trigger.children
    )


def _compatible(a: Event, b: Event) -> bool:
    shared = (a.args.keys() & b.args.keys()) - {"votes", "units", "system", "co_actors"}
    return all(a.args[r] == b.args[r] for r in shared)


def _antecedent(found: list[_Found], item: _Found) -> _Found | None:
    earlier = [f for f in found if f.event.evidence.start < item.event.evidence.start
               and f.event.type == item.event.type and f.event.date is not None
               and not f.event.date.startswith("P") and _compatible(f.event, item.event)]
    return max(earlier, key=lambda f: f.event.evidence.start) if earlier else None


def _anchored(ctx: _Context, found: list[_Found], item: _Found) -> str | None:
    """"A day after the announced investment": the anchor event's date moved. The anchor is
    the event noun right after the expression; a definite one ("the announced investment")
    that carries no date of its own is the latest earlier event of its type."""
    timex = item.timex
    words = (timex.text if timex else "").lower().rstrip()
    if timex is None or not words.endswith(("after", "before")):
        return None
    sign = 1 if words.endswith("after") else -1
    sent = item.trigger.sent
    for token in sent:
        if token.idx < timex.span.end:
            continue
        if token.is_punct:
            return None
        etype = _classify(ctx, token) if token.pos_ in ("NOUN", "PROPN") else None
        if etype is None:
            continue
        if token.i == item.trigger.i:  # the anchor itself is not dated by its own phrase
            return None
        anchor = next((f for f in found if f.trigger.i == token.i), None)
        if anchor is not None and anchor.same_as is not None:
            anchor = anchor.same_as
        if anchor is None or not _is_day(anchor.event.date):
            earlier = [f for f in found if f.trigger.idx < timex.span.start
                       and f.event.type == etype.name and _is_day(f.event.date)]
            anchor = earlier[-1] if earlier else None
        return _shift(anchor.event.date or "", timex.value or "", sign) if anchor else None
    return None


def _container_period(ctx: _Context, item: _Found) -> str | None:
    """A visit that lasts N days ("her six-day visit") holds the days D .. D+N-1; what happens
    during it is dated by what those days share (the month when they share it)."""
    date = item.event.date
    if not _is_day(date):
        return date
    days = None
    for timex in ctx.timexes:
        if timex.kind == "DURATION" and (timex.value or "").endswith("D") and any(
            _tok_span(c).overlaps(timex.span) for c in item.trigger.subtree
        ):
            days = int((timex.value or "P1D")[1:-1] or 1)
    if days is None:
        return (date or "")[:7]
    end = _shift(date or "", f"P{days - 1}D", 1) or ""
    return (date or "") if days == 1 else ((date or "")[:7] if end[:7] == (date or "")[:7]
                                            else (date or "")[:4])


def _sections(ctx: _Context) -> list[Span]:
    """Stories cut at their subheadings: a section's heading frames what it tells."""
    text = ctx.doc.text
    cuts = sorted({s.start for s in ctx.stories} | {
        line.start for line in iter_lines(text) if is_headline(line.text(text))})
    ends = [*cuts[1:], len(text)]
    return [Span(a, b) for a, b in zip(cuts, ends, strict=False)] or [Span(0, len(text))]


def _document_passes(ctx: _Context, found: list[_Found]) -> None:
    found.sort(key=lambda f: f.trigger.idx)
    sections = _sections(ctx)
    for item in found:
        event = item.event
        if event.date and event.date.startswith("P"):
            event.date = _anchored(ctx, found, item)
            if event.date is None:
                event.date_text = None
        if event.date is None and _definite(item.trigger):
            item.same_as = _antecedent(found, item)
            if item.same_as is not None:
                for role, value in item.same_as.event.args.items():
                    event.args.setdefault(role, value)
                event.date, event.date_text = item.same_as.event.date, item.same_as.event.date_text
    containers = [f for f in found if f.event.type in CONTAINER_TYPES and f.event.date]
    for item in found:
        event = item.event
        if event.date is not None or event.type != "meeting":
            continue
        section = next((s for s in sections if s.start <= item.trigger.idx < s.end), None)
        frame = [c for c in containers if c.trigger.sent == item.trigger.sent] or [
            c for c in containers if section is not None and section.start <= c.trigger.idx
            < item.trigger.idx and c.event.args.get("actor") == event.args.get("actor")
            and "actor" in event.args]
        if frame:
            container = frame[-1]
            event.date = _container_period(ctx, container)
            event.date_text = container.event.date_text
            if "actor" in container.event.args:
                event.args.setdefault("actor", container.event.args["actor"])
    _link_agreements(found)
    _inherit_criticised(found)
    _story_dates(ctx, found)
    for item in found:
        item.event.id = item.same_as.event.id if item.same_as and item.same_as.event.id \
            else _event_id(item.event)


def _link_agreements(found: list[_Found]) -> None:
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
                            if role in meeting.args:
                                item.event.args[role] = meeting.args[role]


def _inherit_criticised(found: list[_Found]) -> None:
    """"Rights groups condemned Lithuania's withdrawal. Amnesty called the decision
    catastrophic": a criticism of "the decision" or "it" criticises what the one before did."""
    sentences = {sent.start: n for n, sent in enumerate(found[0].trigger.doc.sents)} \
        if found else {}
    last: tuple[Any, int] | None = None
    for item in found:
        event = item.event
        if event.type != "criticism":
            continue
        here = sentences.get(item.trigger.sent.start, 0)
        if "target" not in event.args and last is not None and here - last[1] <= 1:
            event.args["target"] = last[0]
        if "target" in event.args:
            last = (event.args["target"], here)


def _story_dates(ctx: _Context, found: list[_Found]) -> None:
    """A story that names exactly one day ("told the Seimas on Thursday") tells of that day:
    its undated past events took place then."""
    for story in ctx.stories or [Span(0, len(ctx.doc.text))]:
        days = {t.value for t in ctx.timexes if t.kind in ("DATE", "TIME")
                and story.contains(t.span) and t.value}
        if len(days) != 1 or not _is_day(next(iter(days))):
            continue
        day = next(iter(days))
        for item in found:
            event, trigger = item.event, item.trigger
            if (event.date is None and event.status == "happened" and trigger.tag_ in ("VBD",)
                    and story.start <= trigger.idx < story.end):
                event.date, event.date_text = day, None


# --- headlines and line breaks ---------------------------------------------------------


def _reparsed(doc: Doc, entities: list[Entity]) -> Doc:
    """The parse the rules read. A headline in title case ("Lithuania Leaves Convention
    Banning Cluster Munitions") is tagged as a row of proper nouns, and a line without final
    punctuation is read as one sentence with the next; both hide events. When a document
    has either, it is parsed again with lines as sentence boundaries and headline words
    lower-cased (entity names keep their case; offsets do not change)."""
    text = doc.text
    lines = list(iter_lines(text))
    headlines = [line for line in lines if is_headline(line.text(text))]
    crossing = any(
        any(t.is_space and "\n" in t.text for t in sent[:-1]) and not sent[-1].is_space
        or sum(1 for t in sent if "\n" in t.text) > 1
        for sent in doc.sents
    )
    if not headlines and not crossing:
        return doc
    named = [m.span for e in entities for m in e.mentions]
    chars = list(text)
    for line in headlines:
        for match in re.finditer(r"[^\W\d_][\w'’-]*", line.text(text)):
            start = line.start + match.start()
            word = match.group()
            span = Span(start, start + len(word))
            lowered = word.lower()
            if (start == line.start or word.isupper() or len(lowered) != len(word)
                    or any(n.overlaps(span) for n in named)):
                continue
            chars[span.start:span.end] = list(lowered)
    nlp = get_nlp()
    fresh = nlp.make_doc("".join(chars))
    for index in range(1, len(fresh)):
        if "\n" in fresh[index - 1].text:
            fresh[index].is_sent_start = True
    for name, component in nlp.pipeline:
        if name != "ner":
            fresh = component(fresh)
    return fresh


def _story_spans(text: str, entities: list[Entity]) -> list[Span]:
    outlets = {n.lower() for e in entities if e.type == "OUTLET"
               for n in [e.name, *(m.text for m in e.mentions)]}
    stories = split_stories(text, find_boilerplate(text), lambda name: name.lower() in outlets)
    return [story.span for story in stories]


def extract_events(
    doc: Doc,
    entities: list[Entity],
    timexes: list[Timex],
    published: dt.date | None = None,
    stories: list[Span] | None = None,
) -> list[Event]:
    """Events stated in ``doc``; ``published`` is accepted for symmetry with other stages but
    never used as an event date (the text must say when). ``stories`` are the document's
    story spans (found here when not given)."""
    del published
    text = doc.text
    doc = _reparsed(doc, entities)
    ctx = _Context(doc, entities, timexes, find_money(text), find_votes(text),
                   stories if stories is not None else _story_spans(text, entities))
    found: list[_Found] = []
    for token in doc:
        etype = _classify(ctx, token)
        if etype is None or _swallowed(ctx, token):
            continue
        for item in _events_for(ctx, token, etype):
            event = item.event
            if token.pos_ == "VERB" or _has_participants(event) or _light_object(token):
                # A bare event noun ("if funding allowed") names a concept, not a reported event.
                found.append(item)
    _document_passes(ctx, found)
    return _merge([item.event for item in found])
