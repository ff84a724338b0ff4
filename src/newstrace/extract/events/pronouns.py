"""The event rules' pronouns and pairs: a pronoun's antecedent by salience (the one resolver,
`resolve/pronouns`, over the participants the rules see), and which pair "the two firms"
means, by the same salience."""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.extract.events.context import DocumentIndex
from newstrace.extract.events.syntax import agent_class, lemma_of
from newstrace.models import Entity, Span
from newstrace.resolve import pronouns
from newstrace.resolve.pronouns import Named

# Nouns for states, which the ontology's kinds call GPE ("the two countries").
STATE_NOUNS = {"country", "nation", "state", "government", "neighbour", "neighbor", "ally"}


def named_in(ctx: DocumentIndex) -> Named:
    """The resolver's view of the document: the participants' mentions, and words quoted
    directly, which hide a name from a pronoun outside the same quotation."""
    def hidden(span: Span, pronoun: Token) -> bool:
        quote = ctx.quote_holding(span.start)
        return quote is not None and not quote.holds(pronoun.idx)
    return Named(ctx.doc, ctx.mentions_in, ctx.story_of, hidden)


def antecedent(ctx: DocumentIndex, pronoun: Token, types: set[str] | None = None
               ) -> Entity | None:
    """The entity ``pronoun`` (he, his, it, their ...) stands for, of ``types`` when given:
    the most salient one (a reader's choice of an actor)."""
    return pronouns.antecedent(named_in(ctx), pronoun, pronouns.SALIENCE, types)


def described_group(ctx: DocumentIndex, noun: Token) -> list[Entity]:
    """"the two countries", "both firms", "the two unions' executives": the two most salient
    entities of the kind the noun names, in the sentences read before it; none when the
    noun names no kind of actor or fewer than two fit."""
    if not _counts_two(noun):
        return []
    wanted = _kind_of_noun(noun)
    if wanted is None:
        return []
    found = pronouns.most_salient(noun, [(e, t) for e, t in pronouns.recent(named_in(ctx), noun)
                                         if e.type == wanted])
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
