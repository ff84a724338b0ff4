"""What a cue word governs: its reported clause, the object said or named, what it urges."""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.lexicon import (
    ATTITUDE_LEMMAS,
    INTENT_LEMMAS,
    NAMING_LEMMAS,
    NP_SPEECH_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
)
from newstrace.models import Span

# Dependents of a speech verb that are not part of what was said.
CLAUSE_EDGES = {"nsubj", "nsubjpass", "aux", "auxpass", "neg", "punct", "advmod", "mark", "cc",
                "conj", "npadvmod", "parataxis", "advcl"}


def clause_span(index: DocumentIndex, head: Token, skip_mark: bool = True,
                min_tokens: int = 3) -> Span | None:
    tokens = sorted(head.subtree, key=lambda t: t.i)
    if skip_mark:
        tokens = [t for t in tokens if not (t.dep_ == "mark" and t.head.i == head.i
                                            and t.lower_ in ("that", "whether"))]
    # "said he would order a review and warned against hackers": the second speech verb
    # starts an attribution of its own.
    # So does a verb of belief with a clause of its own ("said he heard gunfire and
    # suspected that …").
    coordinated = next((t for t in tokens if t.dep_ == "conj" and t.pos_ == "VERB" and
                        t.i > head.i and (t.lemma_ in SPEECH_LEMMAS or t.head.i == head.i and
                        t.lemma_ in ATTITUDE_LEMMAS and any(c.dep_ == "ccomp" for c in
                                                            t.children))),
                       None)
    if coordinated is not None:
        tokens = [t for t in tokens if t.i < coordinated.i]
        while tokens and tokens[-1].dep_ == "cc":
            tokens.pop()
    # ", who has never …", ", focusing on …": a comment on the last noun, not the claim.
    tail = next((t for t in tokens if t.i > head.i + 2 and t.i > tokens[0].i + 2 and
                 after_comma(t) and (t.dep_ in ("relcl", "acl", "advcl") or (
                     t.dep_ == "appos" and t.head.pos_ == "PROPN" and
                     t.right_edge.i >= tokens[-1].i - 1))), None)
    if tail is not None:
        tokens = [t for t in tokens if t.i < tail.left_edge.i]
    # "wants the laptops to spread but conceded …": a conjunction whose other half the
    # parser hung elsewhere ends nothing.
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].pos_ == "CCONJ"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if len(tokens) < min_tokens:
        return None
    return index.token_span(tokens)


def reported_clause(index: DocumentIndex, cue: Token) -> Span | None:
    complement = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if complement is None:
        return None
    clause = clause_span(index, complement)
    return index.within_paragraph(clause, cue.idx) if clause else None


def cue_clause(index: DocumentIndex, cue: Token) -> Span | None:
    """What a speech verb governs, without its subject and modifiers: "called Trump a
    “liar”", "told the crowd to “go vote”"."""
    kept = [t for child in cue.children if child.i > cue.i and child.dep_ not in CLAUSE_EDGES
            and not is_when(index, child) for t in child.subtree]
    kept = [t for t in kept if t.sent.start == cue.sent.start]
    while kept and kept[-1].is_punct and kept[-1].text not in "”“\"»’'":
        kept.pop()
    if not kept:
        return None
    kept.sort(key=lambda t: t.i)
    return Span(kept[0].idx, kept[-1].idx + len(kept[-1].text))


def is_when(index: DocumentIndex, token: Token) -> bool:
    """Whether a dependent only says when ("on Monday", "last week")."""
    words = list(token.subtree)
    span = Span(words[0].idx, words[-1].idx + len(words[-1].text))
    return any(span.overlaps(t.span) for t in index.timexes) and len(words) <= 5


def intended(index: DocumentIndex, verb: Token) -> Span | None:
    """"urged allies to act", "called for talks": the object and what it is urged to do."""
    if verb.lemma_ not in INTENT_LEMMAS:
        return None
    xcomp = next((c for c in verb.children if c.dep_ == "xcomp"), None)
    if xcomp is not None:
        objects = [c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i < xcomp.i]
        start = min(t.idx for t in objects[0].subtree) if objects else None
        clause = clause_span(index, xcomp)
        if clause is None:
            return None
        return Span(start, clause.end) if start is not None else clause
    for prep in verb.children:
        if verb.lemma_ == "call" and prep.dep_ == "prep" and prep.lower_ == "for":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            return clause_span(index, objects[0], skip_mark=False) if objects else None
    return None


def said_object(index: DocumentIndex, verb: Token) -> Span | None:
    """"criticized the decision", "called for talks", "called them “deplorables”": the
    noun phrase that was said, with the description given to it."""
    naming = verb.lemma_ in NAMING_LEMMAS
    prepositions = NP_SPEECH_LEMMAS.get(verb.lemma_, ())
    for child in verb.children:
        # "raised questions about the microphone": the question's object is what was said.
        if child.dep_ == "dobj" and child.lemma_ in SPEECH_NOUNS:
            about = [g for c in child.children if c.dep_ == "prep"
                     and c.lower_ in ("about", "over", "of", "on")
                     for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if about:
                return clause_span(index, about[0], skip_mark=False, min_tokens=1)
    if verb.lemma_ not in NP_SPEECH_LEMMAS and not naming:
        return None
    for child in verb.children:
        if (not prepositions or naming) and child.dep_ == "dobj":
            said = clause_span(index, child, skip_mark=False, min_tokens=1)
            # "criticized the act as a “crazy system”", "called half of them “deplorables”".
            # "criticized the media for being dishonest": the reason is part of the claim.
            described = [c for c in verb.children if c.i > child.i and (
                c.dep_ in ("oprd", "xcomp", "acomp") or c.dep_ == "prep" and (
                    c.lower_ == "as" or c.lower_ == "for" and verb.lemma_ in NP_SPEECH_LEMMAS))]
            if said and described:
                end = clause_span(index, described[0], skip_mark=False, min_tokens=1)
                said = Span(said.start, end.end) if end else said
            return said if said and (not naming or described) else None
    # The preposition hangs on the verb or, as often, on its object ("accused the
    # government of lying"); the accused belongs to the claim.
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    for preposition in [*verb.children, *(g for o in objects for g in o.children)]:
        if preposition.dep_ != "prep" or preposition.lower_ not in prepositions:
            continue
        # "spoke on Saturday": a day or a time is when, not what was spoken of.
        topics = [c for c in preposition.children if c.dep_ in ("pobj", "pcomp")
                  and c.ent_type_ not in ("DATE", "TIME")]
        if topics:
            accused = [o for o in objects if o.i < preposition.i]
            start = accused[0].left_edge.idx if accused else index.doc[preposition.i + 1].idx
            end = clause_span(index, topics[0], skip_mark=False, min_tokens=1)
            return Span(start, end.end) if end else None
    return None


# How a clause hangs on a word of the reported clause when it goes on with what was said:
# ", while others …", ", because …", ", bringing its total to …"; a clause on a noun
# (", which …", ", who …") is more often the reporter's aside, and stays out.
CONTINUING_CLAUSES = {"advcl", "acl"}


def with_continuing_clause(index: DocumentIndex, span: Span, cue: Token | None = None) -> Span:
    """A reported clause cut before an adverbial clause or participle that hangs on one of
    its words, after a comma: "the museum would put those problems into context[, allowing
    people to see …]" is one claim. Not a clause that is a frame of its own (", saying:
    “…”", ", as has the mayor"), nor one running into the next sentence or the cue."""
    doc = index.doc
    if span.end <= span.start:  # nothing to go on from (a reading the rules left empty)
        return span
    words = doc.char_span(span.start, span.end, alignment_mode="expand")
    if words is None or not len(words) or words.end + 1 >= len(doc) or \
            doc[words.end].text != ",":
        return span
    first = doc[words.end + 1]
    clause = first
    while clause.head.i != clause.i and clause.head.i >= words.end:
        clause = clause.head
    if clause.dep_ not in CONTINUING_CLAUSES or clause.head.i == clause.i or \
            not words.start <= clause.head.i < words.end or clause.left_edge.i != first.i or \
            frame_of_its_own(clause):
        return span
    last = clause.right_edge
    while last.i > clause.i and last.is_punct and not last.is_quote:
        last = doc[last.i - 1]
    if last.sent.start != words[-1].sent.start or \
            cue is not None and first.i <= cue.i <= last.i:
        return span
    return index.within_paragraph(Span(span.start, last.idx + len(last.text)), span.start)


def frame_of_its_own(clause: Token) -> bool:
    """", saying, “…”", ", adding: …", ", adding that …": a speech verb that opens a quote
    or a reported clause of its own; ", as has the mayor": a bare auxiliary that only
    compares another's stance."""
    doc = clause.doc
    opens = clause.i + 1 < len(doc) and (doc[clause.i + 1].is_punct or doc[clause.i + 1].is_quote)
    reports = any(c.dep_ == "ccomp" for c in clause.children)
    return clause.lemma_ in SPEECH_LEMMAS and (opens or reports) or \
        clause.pos_ == "AUX" and not any(
            c.dep_ in ("ccomp", "xcomp", "dobj", "acomp", "attr") for c in clause.children)


def after_comma(token: Token) -> bool:
    """Whether the phrase a token heads is set off by a comma before it (an aside)."""
    start = token.left_edge.i
    return start > 0 and token.doc[start - 1].text == ","
