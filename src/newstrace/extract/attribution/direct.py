"""Pass 1: quoted spans (any typography) become direct quotes, or partial ones when a short
fragment is what a speech verb governs ("called the decision “catastrophic”"); names in quote
marks and scare quotes are left alone. Each quote's speaker comes from the frame around it, a
credit line or the verb it hangs on."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newstrace.annotate.sentences import SENTENCE_END
from newstrace.extract.attribution.clauses import cue_clause, reported_clause
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.joining import share_frames
from newstrace.extract.attribution.labels import TRANSCRIPT_LABEL, label_speaks
from newstrace.extract.attribution.model.features import HOLDER_MAX_HOPS
from newstrace.extract.attribution.quotemarks import QuotedSpan, strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.speakers import (
    attribute_to_verb,
    medium_of,
    speaker_from_token,
    subject_near,
    subject_of,
)
from newstrace.extract.lexicon import (
    NP_SPEECH_LEMMAS,
    SPEECH_LEMMAS,
    WEAK_LEMMAS,
    speech_lemma_of,
)
from newstrace.models import Span

# A credit after a quote: "― Jorge Falcon", "— Ms. Tapia, a teacher".
CREDIT_DASH = re.compile(
    r"[ \t]*\n?[ \t]*[―—–-]{1,2}[ \t]*(?P<name>[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})"
)
# Words before a quoted fragment that make it the speaker's own term: "described it as “X”".
FRAGMENT_LEAD = re.compile(
    r"(?<!so-)\b(?:as|called|calling|dubbed|termed|labell?ed|branded)\s+(?:a|an|the)?\s*$",
    re.IGNORECASE,
)
# The longest frame between two passages of one quote ("…,” the minister said on Tuesday, “…").
MAX_FRAME_CHARS = 120
# Words opening a phrase about the occasion of a statement, not its content.
WHEN_OR_WHERE = re.compile(r"(?:during|while|at|amid)\b", re.IGNORECASE)
# Fragments up to this many words in quote marks are partial quotes or scare quotes,
# not direct speech.
FRAGMENT_MAX_WORDS = 7
# How a partial quote may hang below its speech verb: "called it “X”", "described … as “X”".
FRAGMENT_PATH_DEPS = {"ccomp", "xcomp", "oprd", "attr", "acomp", "dobj", "pobj", "prep",
                      "advcl", "conj", "npadvmod", "appos", "amod", "compound"}
# Of prepositions, only "as" makes a fragment the speaker's words ("described … as “X”");
# "proposals for a “nuclear umbrella”" quotes someone else's term.
FRAGMENT_PREPOSITIONS = {"as"}
FRAGMENT_MAX_HOPS = 4


def direct_quotes(index: DocumentIndex) -> list[Attribution]:
    found: list[Attribution] = []
    for quoted in index.quoted:
        if quoted.depth > 0 or is_name_in_marks(index, quoted):
            continue
        content = strip_content(index.text, quoted.inner)
        if is_fragment(index, content) and not is_own_sentence(index, quoted) and \
                not resumes_quote(index, quoted):
            cue = fragment_cue(index, quoted)
            if cue is None:
                continue  # a scare quote, a title
            # "warned that it was “weakening …”", "criticized the media for being
            # “dishonest”": the clause the fragment stands in is the content.
            clause = reported_clause(index, cue)
            if clause is None:
                # "blasted her as a “disgrace” [Wednesday during a rally]": when and
                # where the naming verb's words were said is the reporter's.
                clause = cue_clause(index, cue)
                if clause is not None and says_when_or_where(index,
                        Span(quoted.outer.end, clause.end)):
                    clause = Span(clause.start, quoted.outer.end)
            if clause is not None and clause.contains(content):
                content = clause
            att = Attribution(content, "mixed", cue)
            attribute_to_verb(index, att, cue)
        else:
            att = Attribution(content, "direct", None)
            attribute_direct(index, att, quoted)
        found.append(att)
    return share_frames(index, found)


def is_name_in_marks(index: DocumentIndex, quoted: QuotedSpan) -> bool:
    inner = quoted.inner.text(index.text).strip(" ,.")
    words = inner.split()
    if not words or len(words) > 5 or re.search(r"[.!?]", inner):
        return False
    # “Jiniu”, “Amnesty International”: a name fills the marks (not “Donald’s here”).
    mention = index.mention_at(quoted.inner.start, quoted.inner.end)
    if mention and mention.span.end - mention.span.start >= 0.8 * len(inner):
        return True
    small = {"of", "the", "and", "for", "de", "la", "&"}
    return all(w[0].isupper() or w in small for w in words)


def is_fragment(index: DocumentIndex, content: Span) -> bool:
    """A few words that are not a sentence of their own: “catastrophic”, “a strategic
    message”. “We are ready” is a short sentence, so a direct quote."""
    words = content.text(index.text).rstrip(".,;:!?")
    if not words or len(words.split()) > FRAGMENT_MAX_WORDS or re.search(r"[.!?]", words):
        return False
    span = index.doc.char_span(content.start, content.end, alignment_mode="expand")
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in span or [])
    return not (words[0].isupper() and has_verb)


def is_own_sentence(index: DocumentIndex, quoted: QuotedSpan) -> bool:
    """“Maria’s here, dear.” after “…,” she said.: a short quote that is a whole sentence,
    opening with a capital after the previous sentence's end and closing with its own full
    stop, is someone's words, not a scare quote."""
    inner = quoted.inner.text(index.text).strip()
    if not inner or not inner[0].isupper() or inner[-1] not in ".!?\u2026":
        return False
    before = index.text[index.paragraph_of(quoted.outer.start).start:quoted.outer.start]
    tail = before.rstrip()
    return not tail or re.search(r"[!?:\u2026][\"”’']?$|\.[\"”’']$", tail) is not None or (
        tail.endswith(".") and SENTENCE_END.search(tail + " ", len(tail) - 1) is not None)


def resumes_quote(index: DocumentIndex, quoted: QuotedSpan) -> bool:
    """“…,” he said, “you help them.”: the passage after a frame that interrupts a quote
    goes on with the quote, in lower case."""
    previous = next((q for q in reversed(index.quoted) if q.outer.end <= quoted.outer.start
                     and q.depth == 0), None)
    if previous is None:
        return False
    between = index.text[previous.outer.end:quoted.outer.start]
    return index.text[previous.inner.start:previous.inner.end].rstrip().endswith(",") and \
        len(between) <= MAX_FRAME_CHARS and "\n" not in between and \
        between.rstrip().endswith(",")


def fragment_cue(index: DocumentIndex, quoted: QuotedSpan) -> Token | None:
    """The speech verb a short quoted fragment is the object or complement of."""
    tokens = [t for t in index.doc.char_span(quoted.inner.start, quoted.inner.end,
                                            alignment_mode="expand") or []]
    if not tokens:
        return None
    sentence = tokens[0].sent
    if FRAGMENT_LEAD.search(index.text[sentence.start_char:quoted.outer.start]):
        verbs = [t for t in sentence if t.i < tokens[0].i and t.pos_ == "VERB"
                 and (t.lemma_ in SPEECH_LEMMAS or t.lemma_ in NP_SPEECH_LEMMAS)]
        if verbs:
            return verbs[-1]
    root = next((t for t in tokens if t.head not in tokens or t.head.i == t.i), tokens[0])
    token = root
    for _ in range(FRAGMENT_MAX_HOPS):
        if token.dep_ not in FRAGMENT_PATH_DEPS or token.head.i == token.i:
            return None
        if token.dep_ == "prep" and token.lower_ not in FRAGMENT_PREPOSITIONS:
            return None
        token = token.head
        if token.pos_ in ("VERB", "AUX") and (token.lemma_ in SPEECH_LEMMAS
                                               or token.lemma_ in NP_SPEECH_LEMMAS):
            return token
    return None


def says_when_or_where(index: DocumentIndex, rest: Span) -> bool:
    """Whether words after a quote open with when or where it was said."""
    words = rest.text(index.text).lstrip(" ,")
    start = rest.end - len(words)
    return bool(words) and (bool(WHEN_OR_WHERE.match(words)) or any(
        t.span.start == start for t in index.timexes))


def attribute_direct(index: DocumentIndex, att: Attribution, quoted: QuotedSpan) -> None:
    # A transcript that opens each paragraph with a quote mark: “PENCE: Well, … (in
    # capitals: “Washington: the capital is calm,” is a dateline).
    label = TRANSCRIPT_LABEL.match(index.text, att.content.start)
    if label and quoted.outer.start == index.paragraph_of(quoted.outer.start).start and \
            label.group("label").isupper() and \
            label_speaks(index, att, Span(label.start("label"), label.end("label"))):
        att.content = Span(label.end(), att.content.end)
        return
    paragraph = index.paragraph_of(quoted.outer.start)
    quotes_here = [q.outer for q in index.quoted if paragraph.contains(q.outer)]
    # The frame after the quote runs to the end of its sentence or the next quote.
    after_end = min([q.start for q in quotes_here if q.start >= quoted.outer.end]
                    + [paragraph.end])
    after = Span(quoted.outer.end, after_end)
    sentence_end = SENTENCE_END.search(after.text(index.text))
    if sentence_end:
        after = Span(after.start, after.start + sentence_end.end())
    before_start = max([q.end for q in quotes_here if q.end <= quoted.outer.start]
                       + [paragraph.start])
    before = Span(before_start, quoted.outer.start)
    prior = SENTENCE_END.split(before.text(index.text))
    before = Span(before.end - len(prior[-1]), before.end)
    # The frame after a quote is usually its own; one introducing it with a colon always
    # is ("Peabody said: “…,” adding that …").
    frames = [before, after] if before.text(index.text).rstrip().endswith(":") \
        else [after, before]
    # "… about it.” He enacted rules …": a quote closed by its own full stop and followed
    # by a new sentence has no frame after it.
    if index.text[quoted.inner.start:quoted.inner.end].rstrip().endswith(".") and \
            re.match(r"\s*[A-Z]", after.text(index.text)):
        frames.remove(after)
    # "He said:" closing the paragraph before a quote that opens its own paragraph.
    if before.start == paragraph.start and paragraph.start > 0:
        previous = index.paragraph_of(paragraph.start - 2)
        if index.text[previous.start:previous.end].rstrip().endswith(":"):
            frames.append(Span(max(previous.start, previous.end - 200), previous.end))
    for frame in frames:
        cue = cue_in(index, frame, nearest_end=frame.end <= quoted.outer.start)
        # "…,” but he said that the footage …": a verb after the quote that reports a
        # clause of its own is not the quote's frame.
        if cue is not None and frame is after and any(
                c.dep_ == "ccomp" and c.idx > cue.idx for c in cue.children):
            continue
        if cue is not None:
            att.cue = cue
            subject = subject_near(index, cue, frame)
            if subject is not None:
                speaker_from_token(index, subject, att)
            medium_of(index, cue, att)
            att.date = index.date_in(frame)
            return
    credit_line(index, att, quoted)
    if att.source is None:
        governing_verb(index, att, quoted)


def cue_in(index: DocumentIndex, frame: Span, nearest_end: bool = False) -> Token | None:
    """The speech verb of a frame, the first one, or with `nearest_end` the last (a frame
    before a quote: "Claiming …, Trump told Fox that “…”" is told)."""
    span = index.doc.char_span(frame.start, frame.end, alignment_mode="contract")
    tokens = list(span or [])
    for token in reversed(tokens) if nearest_end else tokens:
        if token.lower_ == "according" and token.i + 1 < len(index.doc) and \
                index.doc[token.i + 1].lower_ == "to":
            return token  # "According to Limbaugh, “…”"
        # After a quote the tagger often reads "summarizes" or "notes" as a noun; but not
        # "the states" or "United States".
        lemma: str | None = None
        # "alleged subsidies", "the announced plan": a participle describing a noun.
        if token.dep_ == "amod" and token.head.pos_ in ("NOUN", "PROPN") and \
                token.i < token.head.i:
            continue
        if token.pos_ in ("VERB", "AUX"):
            lemma = token.lemma_
        elif token.pos_ == "NOUN" and not (token.i and index.doc[token.i - 1].pos_ in (
                "DET", "NUM", "ADP")):
            lemma = speech_lemma_of(token.lower_)
        else:
            continue
        if lemma in SPEECH_LEMMAS and lemma not in WEAK_LEMMAS:
            return token
    return None


def governing_verb(index: DocumentIndex, att: Attribution, quoted: QuotedSpan) -> None:
    """"Obama called the holiday “a celebration …”", "is rolling out a message: “…”": no
    speech verb frames the quote, but it hangs on a verb whose subject gave the words."""
    tokens = list(index.doc.char_span(quoted.inner.start, quoted.inner.end,
                                     alignment_mode="expand") or [])
    inside = {t.i for t in tokens}
    word = next((t for t in tokens if t.head.i not in inside), None)
    for _ in range(HOLDER_MAX_HOPS):
        if word is None or word.head.i == word.i:
            return
        word = word.head
        if word.pos_ in ("VERB", "AUX"):
            subject = subject_of(index, word)
            if subject is not None and subject.i not in inside:
                att.cue = word
                speaker_from_token(index, subject, att)
                return


def credit_line(index: DocumentIndex, att: Attribution, quoted: QuotedSpan) -> None:
    """"… ― Jorge Falcon": a dash and a name right after the quote credit it."""
    match = CREDIT_DASH.match(index.text, quoted.outer.end)
    if match is None:
        return
    end = match.end("name")
    if index.text[end - 1] == "." and not re.search(r"\b[A-Z]\.$", match.group("name")):
        end -= 1  # the full stop after "― Ana Rivera.", not an initial's
    name = Span(match.start("name"), end)
    att.source, att.speaker_text = name, name.text(index.text)
    mention = index.mention_at(name.start, name.end)
    att.speaker = mention.entity_id if mention else None
    att.speaker_how = "named" if mention else "unnamed"
