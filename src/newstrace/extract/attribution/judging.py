"""The attribution model's choice among the rules' readings and the parse's candidates."""

from __future__ import annotations

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.indirect import cites_a_source, sets_topic
from newstrace.extract.attribution.joining import as_content
from newstrace.extract.attribution.model.candidates import RuleReading, candidates, trimmed
from newstrace.extract.attribution.model.scorer import AttributionModel
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.relays import RELAY_CUE, paragraph_relays
from newstrace.extract.attribution.speakers import attribute_to_verb
from newstrace.models import Span


def judged(index: DocumentIndex, found: list[Attribution], model: AttributionModel,
           boilerplate: list[Span]) -> list[Attribution]:
    """The model's choice among the rules' readings and the parse's candidates. Words in
    quote marks with a frame are kept as the rules read them (their precision is high, and
    a corpus that annotates only the outermost attribution would teach the model to drop
    the relayed and nested ones newstrace exists to keep). A chosen candidate that is (or
    matches) a rule reading keeps that reading's speaker, medium and relays, with the
    chosen boundary; any other becomes an attribution to its word's holder."""
    readings = [RuleReading(trimmed(index.text, a.content.start, a.content.end), a.kind, a.cue,
                            tuple(f for f in (a.source, index.token_span([a.cue])
                                              if a.cue is not None else None)
                                  if f is not None),
                            firm=bool(a.relays or paragraph_relays(index, a)))
                for a in found]
    kept = [a for a in found if a.kind == "direct"]
    used = {i for i, a in enumerate(found) if a.kind == "direct"}
    # The quotes are kept whatever the model says, and only their words and verb are taken:
    # a frame that interrupts one ("…,” she said, noting that …, “…”) may attribute words of
    # its own.
    taken = [passage for a in kept for passage in a.passages()] + boilerplate + \
        [index.token_span([a.cue]) for a in kept if a.cue is not None]
    # A relay's verb ("as quoted on …", "the wire quoted Lavrov as saying …", "citing Polish
    # Radio") offers no words of its own: the rules read the words with their speaker and
    # relays.
    every = candidates(index, readings)
    # Nor does a participle that only sets a statement's topic ("Commenting on the ruling,
    # the minister said").
    relaying = {cue for cue in {c.cue.i for c in every if c.cue is not None}
                if relays_words(index, cue) or sets_topic(index, cue)}  # once a word
    offered = [c for c in every if c.rule not in used and (
        c.rule is not None or c.cue is not None and c.cue.i not in relaying)]
    for candidate, probability in model.choose(offered, taken):
        if candidate.rule is not None and candidate.rule not in used:
            used.add(candidate.rule)
            att = found[candidate.rule]
            if not att.parts:  # the model preferred this boundary to the rules' one
                att.content = with_its_subject(
                    index, as_content(index, candidate.span, candidate.cue), att.content)
        elif candidate.rule is None and candidate.cue is not None:
            att = Attribution(as_content(index, candidate.span, candidate.cue), "indirect",
                              candidate.cue)
            attribute_to_verb(index, att, candidate.cue)
            if att.source is not None and att.source.overlaps(att.content):
                continue  # the subject read as its own content ("The trains passed")
        else:
            continue
        att.probability = probability
        kept.append(att)
    return kept


def with_its_subject(index: DocumentIndex, chosen: Span, read: Span) -> Span:
    """The model's boundary, with the subject the rules' reading had and it left out
    ("[That] is one reason why …, says X"): a clause reported is whole."""
    verb = index.first_word(chosen.start, chosen.end)
    if verb is None or not read.start < chosen.start < read.end:
        return chosen
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                    and c.i < verb.i), None) if verb.pos_ in ("VERB", "AUX") else None
    if subject is None or subject.left_edge.idx != read.start:
        return chosen
    # Not the "that" of "conceded that plans to …", however the parser read it (the
    # subject's determiner, or the subject of "plans").
    first = subject.left_edge
    if first.lower_ == "that" and first.i and first.nbor(-1).pos_ in ("VERB", "AUX"):
        return chosen
    return Span(first.idx, chosen.end)


def relays_words(index: DocumentIndex, word: int) -> bool:
    """Whether a word is a relay's verb ("quoted", "as quoted on", "citing Polish Radio"),
    read from the token table before a `Token` is made for "cite"."""
    lemma = index.tokens.lemma[word]
    return lemma == "quote" or bool(RELAY_CUE.match(index.text, index.tokens.starts[word])) or \
        lemma == "cite" and cites_a_source(index, index.doc[word])
