"""What a pronoun stands for, for every extractor that asks (speakers, event actors): a
third-person one, or "I" and "we" in a frame outside quoted words ("I said", "we told"), is
an entity named before it in its story, of a kind the pronoun can stand for ("he" a person,
"it" a state or an organisation, "they" a group, or people or states named together),
agreeing in sex where the report says one, outside quoted words the pronoun is not in.

Before any ranking: a pronoun in a clause fronted before the main clause points ahead to that
clause's subject ("Asked about his talks, Trump told reporters"), one repeating the
subject pronoun of the sentence before is that pronoun's person ("He repeated it. … he
declared"), and one after a sentence naming who someone of his was is the possessive's ("One
of his fellow pupils was Putin. … he was posted"). Then one of two rankings, which the caller
chooses:

- `SALIENCE` (after Lappin and Leass), as a reader weighs what was just read: the mentions of
  the last few sentences, each worth its sentence's recency (halved for every sentence back)
  and its role (subjects before objects, the pronoun's own role first), an entity's mentions
  adding up; a common noun for people ("voters") may win, and then no entity is meant.
- `NEAREST`: the nearest fitting name, unless it stands in an earlier sentence whose subject
  also fits ("Clinton leaned in, painting Trump as a caricature. She started …" is Clinton);
  never a name that only modifies a noun ("Lib Dem plans"). Speakers: measured against
  salience on the judged quotes, it keeps two BBC speakers salience loses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newstrace.annotate import text_of
from newstrace.extract.lexicon import SUBJECT_FORM, word_classes
from newstrace.models import Entity, Span
from newstrace.resolve.roles import sex_of_honorific, sex_of_person

Ranking = Literal["salience", "nearest"]
SALIENCE: Ranking = "salience"
NEAREST: Ranking = "nearest"

# The kinds of thing each pronoun can stand for; "they" also people or states named together.
KINDS = {"he": {"PERSON"}, "she": {"PERSON"}, "i": {"PERSON"},
         "it": {"ORG", "GPE", "OUTLET"}, "they": {"ORG", "NORP"}, "we": {"ORG", "NORP"}}
SEX = {"he": "male", "she": "female"}
# How far back salience looks, in sentences before the pronoun's own: a story can go on
# about someone for a while without naming them, so further when the nearer ones name none.
SENTENCES_BACK = (3, 12)
# Salience of a mention: its sentence's recency (halved for each sentence back) and its role;
# a mention in the pronoun's own role (subject for subject) is preferred.
RECENCY_WEIGHT = 100.0
ROLE_WEIGHTS = {"subject": 80.0, "object": 50.0, "possessor": 40.0}
PARALLEL_WEIGHT = 35.0
SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "dative", "attr")
# Prepositions that set a scene: a place after them is where, not who.
PLACE_PREPOSITIONS = {"in", "at", "across", "throughout", "near", "inside", "around", "within"}
# Clauses that can come before the main clause and point ahead to its subject.
FRONTED_DEPS = {"advcl", "prep", "npadvmod"}
# How far before a window a name covering its first words can start.
REACH = 120


@dataclass(frozen=True)
class Named:
    """What the resolver reads of one document, whichever extractor asks: its parse, the
    named mentions of a window (span and entity, in text order), the story around a
    position, and whether a mention lies in quoted words the pronoun is not in."""
    doc: Doc
    mentions_in: Callable[[Span], Sequence[tuple[Span, Entity]]]
    story_of: Callable[[int], Span]
    hidden: Callable[[Span, Token], bool]

    @property
    def text(self) -> str:
        return text_of(self.doc)


def form_of(pronoun: Token) -> str:
    """The subject form: "he" for "his" or "himself", "they" for "their"."""
    return SUBJECT_FORM.get(pronoun.lower_) or REFLEXIVE_FORM.get(pronoun.lower_, pronoun.lower_)


# A reflexive the parser took for a subject ("before catching himself and adding …")
# stands for whom its subject form would.
REFLEXIVE_FORM = {"himself": "he", "herself": "she", "itself": "it", "themselves": "they"}


def kinds_of(pronoun: Token) -> set[str]:
    """The entity types a pronoun can stand for (people named together aside)."""
    return KINDS.get(form_of(pronoun), set())


def antecedent(named: Named, pronoun: Token, ranking: Ranking,
               types: set[str] | None = None) -> Entity | None:
    """The entity ``pronoun`` (he, his, it, their …) stands for, of ``types`` when given;
    None when it is no pronoun of KINDS, nothing fits, or people the story does not name
    are meant."""
    form = form_of(pronoun)
    kinds = KINDS.get(form)
    if kinds is None:
        return None
    wanted = kinds & types if types is not None else kinds
    ahead = _fronted_subject(named, pronoun, wanted)
    if ahead is not None:
        return ahead
    story = named.story_of(pronoun.idx)
    # "He repeated it. … he declared": the same subject pronoun as the sentence before is
    # the same person, unless a fitting name comes first in its own sentence ("Fowler noted
    # that at one of his meetings").
    before = _previous_subject(named, pronoun)
    if before is not None and form in SEX and not any(
            _fits(named, c, form, wanted) for c in _candidates(
                named, pronoun, Span(max(pronoun.sent.start_char, story.start), pronoun.idx))):
        if before.lower_ == form:
            return antecedent(named, before, ranking, types)
        # "One of his fellow pupils was Vladimir Putin. … he was posted": a sentence that
        # names who someone of his was goes on about him, not about the one it names.
        owner = _owner_in_identifying_subject(before, form)
        if owner is not None:
            return antecedent(named, owner, ranking, types)
    if ranking == NEAREST:
        # A name a few sentences back answers most pronouns: the whole story is read only
        # when none fits there (the same answer: the nearest fitting name's sentence is whole
        # in either window).
        near = _first_sentence(pronoun, SENTENCES_BACK[0]).start_char
        for start in dict.fromkeys((max(near, story.start), story.start)):
            found = _nearest(named, pronoun, form, wanted, Span(start, pronoun.idx))
            if found is not None and form == "she" and len(found.name.split()) == 1 and \
                    sex_of_person(named.text, found.mentions) is None:
                # "Referring to Obama's speeches, she said", after "Jennifer Psaki": a
                # woman named a few sentences back before someone the report names by
                # surname alone and gives no sex (in the news, most often a man; not so
                # for "he", nor for a full name with a given name the lexicon lacks).
                woman = _nearest(named, pronoun, form, wanted,
                                 Span(max(near, story.start), pronoun.idx), sexed=True)
                return woman or found
            if found is not None:
                return found
        return None
    for back in SENTENCES_BACK:
        window = Span(max(_first_sentence(pronoun, back).start_char, story.start), pronoun.idx)
        candidates = _candidates(named, pronoun, window)
        ranked = _ranked(pronoun, [(c.entity.id, c.entity, c.head) for c in candidates
                                   if _fits(named, c, form, wanted)]
                         + [(f"noun {t.i}", None, t)
                            for t in _unnamed_agents(named, pronoun, form, window)])
        if ranked:
            # "because they did not respond", after "voters": the pronoun means people
            # the story does not name, and no entity.
            return ranked[0]
    return None


def most_salient(anchor: Token, entities: Sequence[tuple[Entity, Token]]) -> list[Entity]:
    """``entities`` (each with a mention's head) by salience at ``anchor``, most first."""
    ranked = _ranked(anchor, [(e.id, e, t) for e, t in entities])
    return [e for e in ranked if e is not None]


def recent(named: Named, anchor: Token) -> list[tuple[Entity, Token]]:
    """The entities named in the few sentences before ``anchor`` in its story, each with its
    mention's head, outside quoted words ``anchor`` is not in."""
    story = named.story_of(anchor.idx)
    first = _first_sentence(anchor, SENTENCES_BACK[0])
    window = Span(max(first.start_char, story.start), anchor.idx)
    return [(c.entity, c.head) for c in _candidates(named, anchor, window)]


def _nearest(named: Named, pronoun: Token, form: str, wanted: set[str], window: Span,
             sexed: bool = False) -> Entity | None:
    """The nearest fitting name (``sexed``: of the pronoun's sex as the report or the given
    name says it, not merely not another)."""
    fitting: list[Candidate] = []
    for candidate in reversed(_candidates(named, pronoun, window)):
        if fitting and candidate.head.sent.start != fitting[0].head.sent.start:
            break
        if sexed and sex_of_person(named.text, candidate.entity.mentions) != SEX.get(form):
            continue
        # By recency alone a name that only modifies a noun would win; salience weighs it
        # by the role of the noun it modifies.
        if not candidate.modifier and _fits(named, candidate, form, wanted):
            fitting.append(candidate)
    if not fitting:
        return None
    if fitting[0].head.sent.start == pronoun.sent.start:
        return fitting[0].entity
    # "Campbell's e-mail suggested they get Beattie … In it, he said": the subject's owner
    # before a name the sentence only acts on.
    return next((c.entity for c in reversed(fitting) if _role(c.head) == "subject"),
                next((c.entity for c in reversed(fitting) if owns_subject(c.head)),
                     fitting[0].entity))


def owns_subject(token: Token) -> bool:
    """Whether a name is the possessor of its clause's subject ("Campbell's e-mail said")."""
    token = _phrase_head(token)
    return token.dep_ == "poss" and token.head.dep_ in SUBJECT_DEPS


@dataclass(frozen=True)
class Candidate:
    """A mention a pronoun may stand for: where, whose, its words in the parse, and whether
    it only modifies a noun of something else ("Lib Dem plans", "the Smith Bill"; not "car
    maker" before the carmaker's own name)."""
    span: Span
    entity: Entity
    words: SpacySpan
    modifier: bool

    @property
    def head(self) -> Token:
        return self.words.root


def _candidates(named: Named, pronoun: Token, window: Span) -> list[Candidate]:
    """The mentions in ``window``, not in quoted words the pronoun is not in, nor another
    argument of the pronoun's own verb ("X invited him")."""
    found = []
    mentions = named.mentions_in(window)
    spans_of: dict[int, list[Span]] = {}
    for span, entity in mentions:
        spans_of.setdefault(id(entity), []).append(span)
    for span, entity in mentions:
        if span.end > window.end or named.hidden(span, pronoun):
            continue
        words = named.doc.char_span(span.start, span.end, alignment_mode="expand")
        if words is None or not len(words) or _co_argument(words.root, pronoun) or \
                _in_fronted_phrase(words.root, pronoun):
            continue
        noun = _noun_modified(words)
        modifier = noun is not None and not any(
            other.start <= noun.idx < other.end for other in spans_of[id(entity)])
        found.append(Candidate(span, entity, words, modifier))
    return found


def _fits(named: Named, candidate: Candidate, form: str, wanted: set[str]) -> bool:
    """Whether the pronoun can stand for a mention's entity: of a wanted kind, or a person
    the report gives an honorific ("Mr X", whatever the recogniser typed), of the pronoun's
    sex where the report says one; "they" people or states only when named together."""
    entity = candidate.entity
    person = entity.type == "PERSON" or "PERSON" in wanted and \
        sex_of_honorific(named.text, candidate.span.start) is not None
    if form == "they" and (person or entity.type == "GPE"):  # "Canada and Poland ... they"
        return bool(candidate.head.conjuncts)
    if not (entity.type in wanted or person and "PERSON" in wanted):
        return False
    # "opened a plant in Ohio. It said …": a place named as where something is or happens
    # is the setting, not what "it" goes on to tell of.
    if form == "it" and entity.type == "GPE" and _is_setting(candidate.head):
        return False
    sex = SEX.get(form)
    said = sex_of_person(named.text, entity.mentions) if sex is not None else None
    return said is None or said == sex


def _is_setting(token: Token) -> bool:
    """Whether a name is the object of a preposition of place ("in Ohio", "across Europe")."""
    while token.dep_ in ("compound", "appos", "flat") and token.head is not token:
        token = token.head
    return token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPOSITIONS


def _ranked(anchor: Token, candidates: list[tuple[str, Entity | None, Token]]
            ) -> list[Entity | None]:
    """Candidates by salience at ``anchor``: each mention's recency (halved for every
    sentence back) and role, summed over the mentions of one entity."""
    scores: dict[str, float] = {}
    entities: dict[str, Entity | None] = {}
    for key, entity, token in candidates:
        back = _sentences_between(token, anchor)
        role = _role(token)
        score = (RECENCY_WEIGHT + ROLE_WEIGHTS.get(role, 0.0)
                 + (PARALLEL_WEIGHT if role and role == _role(anchor) else 0.0)) * 0.5 ** back
        # A tie goes to the nearer mention: a hair of credit for position.
        scores[key] = scores.get(key, 0.0) + score + token.idx * 1e-9
        entities[key] = entity
    return [entities[k] for k in sorted(scores, key=lambda k: -scores[k])]


def _unnamed_agents(named: Named, pronoun: Token, form: str, window: Span) -> list[Token]:
    """Common nouns in the window, of the pronoun's number, that no entity mention covers:
    for people or groups ("voters", "the committee"); for an "it" that is acted on
    ("condemned it"), any thing ("the withdrawal")."""
    if form not in ("it", "they"):
        return []
    plural = form == "they"
    things = not plural and pronoun.dep_ not in SUBJECT_DEPS
    words = named.doc.char_span(window.start, window.end, alignment_mode="expand")
    if words is None:
        return []
    covered = {t.i for span, _ in named.mentions_in(Span(max(0, window.start - REACH),
                                                         window.end))
               if span.end > window.start
               for t in named.doc.char_span(span.start, span.end, alignment_mode="expand") or ()}
    return [t for t in words if t.pos_ == "NOUN" and t.i < pronoun.i
            and t.i not in covered and (t.tag_ == "NNS") == plural
            and t.dep_ not in ("compound", "amod")
            and (things or word_classes(t.lemma_.lower(), "n")[:1] in (("person",),
                                                                     ("group",)))]


def _first_sentence(token: Token, back: int) -> SpacySpan:
    first = token.sent
    for _ in range(back):
        if first.start == 0:
            break
        first = token.doc[first.start - 1].sent
    return first


def _sentences_between(earlier: Token, pronoun: Token) -> int:
    count, sent = 0, pronoun.sent
    if earlier.i >= sent.start:
        return 0
    while sent.start > earlier.i and sent.start > 0:
        sent = pronoun.doc[sent.start - 1].sent
        count += 1
    return count


def _role(token: Token) -> str:
    """subject, object or possessor, read through names in apposition or compounds; the
    person a relative clause tells of ("X, who had breakfast with Y") is its subject."""
    token = _phrase_head(token)
    if token.dep_ in SUBJECT_DEPS or any(
            c.dep_ == "relcl" and any(g.dep_ in SUBJECT_DEPS and g.tag_ in ("WP", "WDT")
                                      for g in c.children) for c in token.children):
        return "subject"
    if token.dep_ in OBJECT_DEPS:
        return "object"
    return "possessor" if token.dep_ == "poss" else ""


def _phrase_head(token: Token) -> Token:
    """The head of the phrase a name's word stands in, up through names in apposition and
    compounds ("Smith" of "Ann Smith, the mayor")."""
    while token.dep_ in ("compound", "appos", "flat") and token.head is not token:
        token = token.head
    return token


def _co_argument(token: Token, pronoun: Token) -> bool:
    """"X invited him": a pronoun never stands for another argument of its own verb."""
    return token.head == pronoun.head and token.dep_ in (*SUBJECT_DEPS, *OBJECT_DEPS) \
        and pronoun.dep_ in (*SUBJECT_DEPS, *OBJECT_DEPS)


def _in_fronted_phrase(token: Token, pronoun: Token) -> bool:
    """"Commenting on X's case, he said", "Asked about X, she replied": the subject of a
    phrase fronted without a subject of its own is the main clause's, so a name inside it
    is not who that subject pronoun is (not so in "When X arrived, he said")."""
    verb = pronoun.head
    if pronoun.dep_ not in SUBJECT_DEPS or token.i >= pronoun.i:
        return False
    while token.head.i != token.i and token.head != verb:
        token = token.head
    return token.head == verb and token.dep_ in FRONTED_DEPS and token.i < pronoun.i and \
        not any(c.dep_ in SUBJECT_DEPS for c in token.children)


def _noun_modified(words: SpacySpan) -> Token | None:
    """The noun after a mention that its last word hangs on as a modifier, if any."""
    last = words[-1]
    if last.dep_ in ("compound", "amod", "nmod") and last.head.i > words.end - 1 and \
            last.head.pos_ in ("NOUN", "PROPN"):
        return last.head
    return None


def _previous_subject(named: Named, pronoun: Token) -> Token | None:
    """The subject of the main verb of the sentence before the pronoun's, in its story."""
    if pronoun.sent.start == 0:
        return None
    sentence = named.doc[pronoun.sent.start - 1].sent
    if sentence.start_char < named.story_of(pronoun.idx).start:
        return None
    return next((c for c in sentence.root.children if c.dep_ in SUBJECT_DEPS), None)


def _owner_in_identifying_subject(subject: Token, form: str) -> Token | None:
    """The possessive pronoun of ``form`` ("his" for "he") in the subject of a sentence that
    names who that subject is ("One of his fellow pupils was Vladimir Putin")."""
    verb = subject.head
    if verb.lemma_ != "be" or not any(c.dep_ == "attr" and c.pos_ == "PROPN"
                                      for c in verb.children):
        return None
    return next((t for t in subject.subtree if t.dep_ == "poss" and t.pos_ == "PRON"
                 and form_of(t) == form), None)


def _fronted_subject(named: Named, pronoun: Token, wanted: set[str]) -> Entity | None:
    """"Asked about his talks, Trump told reporters": a pronoun in a clause or phrase before
    the main clause points ahead to that clause's subject."""
    root = pronoun.sent.root
    subject = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.i < pronoun.i or subject.pos_ == "PRON":
        return None
    fronted = next((c for c in root.children if c.i < subject.i and c.dep_ in FRONTED_DEPS
                    and c.left_edge.i <= pronoun.i <= c.right_edge.i), None)
    if fronted is None:
        return None
    span = Span(subject.left_edge.idx, subject.idx + len(subject.text))
    entity = next((e for _, e in named.mentions_in(span)), None)
    return entity if entity is not None and entity.type in wanted else None
