"""What a third-person pronoun stands for, the way a reader takes it: the most salient entity
of a fitting kind in the sentences just read (after Lappin and Leass: recent, subjects before
objects, a whole cluster's mentions adding up), or the subject of the main clause a fronted
clause leads into ("Back when it signed ..., the United States pledged"); and, by the same
salience, which pair "the two firms" means."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.syntax import agent_class, lemma_of
from newstrace.extract.lexicon import SUBJECT_FORM
from newstrace.models import Entity, Span
from newstrace.resolve.roles import sex_of_name

# How far back an antecedent is looked for, in sentences before the pronoun's own.
SENTENCES_BACK = 3
SENTENCES_FURTHER_BACK = 12
# Salience of a mention: its sentence's recency (halved for each sentence back) and its role.
RECENCY_WEIGHT = 100.0
ROLE_WEIGHTS = {"subject": 80.0, "object": 50.0, "possessor": 40.0}
# A mention in the pronoun's own role (subject for subject, object for object) is preferred.
PARALLEL_WEIGHT = 35.0
SUBJECT_DEPS = ("nsubj", "nsubjpass")
OBJECT_DEPS = ("dobj", "dative", "attr")
# The kinds of thing each pronoun can stand for; "they" a group, or people named together.
KINDS = {"he": {"PERSON"}, "she": {"PERSON"}, "it": {"ORG", "GPE", "OUTLET"},
         "they": {"ORG", "NORP"}}
SEX = {"he": "male", "she": "female"}
# Nouns for states, which the ontology's kinds call GPE ("the two countries").
STATE_NOUNS = {"country", "nation", "state", "government", "neighbour", "neighbor", "ally"}
# Clauses that can come before the main clause and point ahead to its subject.
FRONTED_DEPS = {"advcl", "prep", "npadvmod"}


def subject_form(pronoun: Token) -> str:
    word = pronoun.lower_
    return SUBJECT_FORM.get(word, word)


def pronoun_kinds(pronoun: Token) -> set[str]:
    """The entity types a pronoun can stand for (people named together aside)."""
    return KINDS.get(subject_form(pronoun), set())


def antecedent(ctx: DocumentIndex, pronoun: Token, types: set[str] | None = None
               ) -> Entity | None:
    """The entity ``pronoun`` (he, his, it, their ...) stands for, of ``types`` when given."""
    form = subject_form(pronoun)
    kinds = KINDS.get(form)
    if kinds is None:
        return None
    wanted = kinds & types if types is not None else kinds
    ahead = _fronted_subject(ctx, pronoun, wanted)
    if ahead is not None:
        return ahead
    # A story can go on about someone for a while without naming them ("he urged ...",
    # quoted words): when the last few sentences name no one fitting, look further back.
    for back in (SENTENCES_BACK, SENTENCES_FURTHER_BACK):
        candidates = _candidates(ctx, pronoun, back)
        named = {t.i for _, _, t in candidates}
        ranked = _ranked(pronoun, [(e.id, e, t) for _, e, t in candidates
                                   if _fits(ctx, e, t, form, wanted)]
                         + [(f"noun {t.i}", None, t)
                            for t in _unnamed_agents(ctx, pronoun, form, named, back)])
        if ranked:
            # "because they did not respond", after "voters": the pronoun means people
            # the story does not name, and no entity.
            return ranked[0]
    return None


def described_group(ctx: DocumentIndex, noun: Token) -> list[Entity]:
    """"the two countries", "both firms", "the two unions' executives": the two most salient
    entities of the kind the noun names, in the sentences read before it; none when the
    noun names no kind of actor or fewer than two fit."""
    if not _counts_two(noun):
        return []
    wanted = _kind_of_noun(noun)
    if wanted is None:
        return []
    ranked = _ranked(noun, [(e.id, e, t) for _, e, t in _candidates(ctx, noun)
                            if e.type == wanted])
    found = [e for e in ranked if e is not None]
    return found[:2] if len(found) >= 2 else []


def _counts_two(noun: Token) -> bool:
    return noun.tag_ == "NNS" and any(
        c.lower_ in ("two", "both") and c.dep_ in ("nummod", "det", "predet", "amod")
        for c in noun.children)


def _kind_of_noun(noun: Token) -> str | None:
    lemma = lemma_of(noun)
    if lemma in STATE_NOUNS:
        return "GPE"
    kind = agent_class(noun)
    return "ORG" if kind == "group" else "PERSON" if kind == "person" else None


def _ranked(anchor: Token, candidates: list[tuple[str, Entity | None, Token]]
            ) -> list[Entity | None]:
    """Candidates by salience at ``anchor``: each mention's recency (halved for every
    sentence back) and role, summed over the mentions of one entity."""
    scores: dict[str, float] = {}
    entities: dict[str, Entity | None] = {}
    for key, entity, token in candidates:
        if _co_argument(token, anchor):
            continue
        back = _sentences_between(token, anchor)
        role = _role(token)
        score = (RECENCY_WEIGHT + ROLE_WEIGHTS.get(role, 0.0)
                 + (PARALLEL_WEIGHT if role and role == _role(anchor) else 0.0)) * 0.5 ** back
        # A tie goes to the nearer mention: a hair of credit for position.
        scores[key] = scores.get(key, 0.0) + score + token.idx * 1e-9
        entities[key] = entity
    return [entities[k] for k in sorted(scores, key=lambda k: -scores[k])]


def _unnamed_agents(ctx: DocumentIndex, pronoun: Token, form: str, named: set[int],
                    back: int) -> list[Token]:
    """Common nouns in the sentences a pronoun looks back over, of its number, that no entity
    mention covers: for people or groups ("voters", "the committee"); for an "it" that is
    acted on ("condemned it"), any thing ("the withdrawal")."""
    if form not in ("it", "they"):
        return []
    plural = form == "they"
    things = not plural and pronoun.dep_ not in SUBJECT_DEPS
    first = _first_sentence(ctx, pronoun, back).start
    story = ctx.story_of(pronoun.idx)
    return [t for t in ctx.doc[first:pronoun.i] if t.pos_ == "NOUN" and t.i not in named
            and t.idx >= story.start and (t.tag_ == "NNS") == plural
            and t.dep_ not in ("compound", "amod") and ctx.entity_at(t) is None
            and (things or agent_class(t) is not None)]


def _first_sentence(ctx: DocumentIndex, pronoun: Token, back: int) -> SpacySpan:
    first = pronoun.sent
    for _ in range(back):
        if first.start == 0:
            break
        first = ctx.doc[first.start - 1].sent
    return first


def _fits(ctx: DocumentIndex, entity: Entity, token: Token, form: str, wanted: set[str]
          ) -> bool:
    if form == "they" and entity.type == "PERSON":  # "Trump and Obama ... they met"
        return bool(token.conjuncts)
    if entity.type not in wanted:
        return False
    sex = SEX.get(form)
    if sex is None:
        return True
    said = {sex_of_name(ctx.text, m) for m in entity.mentions} - {None}
    return not said or sex in said


def _candidates(ctx: DocumentIndex, pronoun: Token, back: int = SENTENCES_BACK
                ) -> list[tuple[Span, Entity, Token]]:
    """Mentions in the pronoun's story, from a few sentences back up to the pronoun, each with
    its head token; none inside quoted words unless the pronoun is in the same quotation."""
    first = _first_sentence(ctx, pronoun, back)
    story = ctx.story_of(pronoun.idx)
    window = Span(max(first.start_char, story.start), pronoun.idx)
    found = []
    for span, entity in ctx.mentions_in(window):
        quote = ctx.quote_holding(span.start)
        if quote is not None and not quote.holds(pronoun.idx):
            continue
        head = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
        if head is not None:
            found.append((span, entity, head.root))
    return found


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
    while token.dep_ in ("compound", "appos", "flat") and token.head is not token:
        token = token.head
    if token.dep_ in SUBJECT_DEPS or any(
            c.dep_ == "relcl" and any(g.dep_ in SUBJECT_DEPS and g.tag_ in ("WP", "WDT")
                                      for g in c.children) for c in token.children):
        return "subject"
    if token.dep_ in OBJECT_DEPS:
        return "object"
    return "possessor" if token.dep_ == "poss" else ""


def _co_argument(token: Token, pronoun: Token) -> bool:
    """"X invited him": a pronoun never stands for another argument of its own verb."""
    return token.head == pronoun.head and token.dep_ in (*SUBJECT_DEPS, *OBJECT_DEPS) \
        and pronoun.dep_ in (*SUBJECT_DEPS, *OBJECT_DEPS)


def _fronted_subject(ctx: DocumentIndex, pronoun: Token, wanted: set[str]) -> Entity | None:
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
    entity = next((e for s, e in ctx.mentions_in(span)), None)
    return entity if entity is not None and entity.type in wanted else None
