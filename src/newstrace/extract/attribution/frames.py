"""Frames the parser loses or misplaces: closing frames ("…, DPA notes."), medial ones ("The
economy, he said, will recover.") and a "that" clause hung on the noun before it."""

from __future__ import annotations

import re

from spacy.tokens import Token

from newstrace.annotate.sentences import STOP_BEFORE_CAPITAL
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.quotemarks import strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.attribution.relays import TRAILING_FRAME
from newstrace.extract.attribution.speakers import speaker_from_token, subject_near, subject_of
from newstrace.extract.lexicon import SPEECH_LEMMAS, WEAK_LEMMAS
from newstrace.models import Span


def closing_frame(index: DocumentIndex, sentence: Span) -> Attribution | None:
    """"…, DPA notes." with no other attribution: the outlet or source closing the
    sentence (its characters) is its speaker and everything before the frame its content."""
    text = sentence.text(index.text).rstrip()
    matches = list(TRAILING_FRAME.finditer(text))
    match = matches[-1] if matches else None
    if match is None or not re.fullmatch(r"[\s.]*", text[match.end():]):
        return None
    who = Span(sentence.start + match.start("who"), sentence.start + match.end("who"))
    content = strip_content(index.text, Span(sentence.start, sentence.start + match.start()))
    tokens = index.doc.char_span(who.start, who.end, alignment_mode="expand")
    # The closing words must name someone ("DPA", "the agency"), not be a verb ("was").
    if tokens is None or tokens.root.pos_ not in ("PROPN", "NOUN", "PRON") or \
            content.end - content.start < 15:
        return None
    cue_tokens = index.doc.char_span(who.end, sentence.start + match.end(),
                                    alignment_mode="expand")
    att = Attribution(content, "indirect", cue_tokens[0] if cue_tokens else None)
    speaker_from_token(index, tokens.root, att)
    return att if att.speaker or att.speaker_text else None


def medial_frame(index: DocumentIndex, cue: Token) -> Attribution | None:
    """"The economy, he said, will recover.": a frame set off by commas inside the
    sentence it attributes; the content is the sentence around it, in two passages."""
    if cue.lemma_ not in SPEECH_LEMMAS or cue.pos_ != "VERB" or cue.dep_ != "parataxis":
        return None
    subject = subject_of(index, cue)
    sentence = cue.sent
    frame = sorted(cue.subtree, key=lambda t: t.i)
    if subject is None or frame[0].i <= sentence.start or frame[-1].i >= sentence.end - 2:
        return None
    before = strip_content(index.text, Span(sentence.start_char, frame[0].idx))
    after = strip_content(index.text, Span(frame[-1].idx + len(frame[-1].text),
                                          sentence.end_char))
    if before.end - before.start < 3 or after.end - after.start < 3:
        return None
    att = Attribution(Span(before.start, after.end), "indirect", cue,
                      parts=[before, after])
    speaker_from_token(index, subject, att)
    return att


def that_clause_fallback(index: DocumentIndex, cue: Token) -> Attribution | None:
    """A speech verb whose "that" clause the parser hung elsewhere: on the noun before it as a
    relative clause ("told a meeting of shop owners that …", "reported on the day of the vote
    that …"), or nowhere past a stray full stop or quote mark. The content runs from "that" to
    the end of its sentence."""
    if cue.pos_ != "VERB" or cue.lemma_ not in SPEECH_LEMMAS or cue.lemma_ in WEAK_LEMMAS:
        return None
    paragraph = index.paragraph_of(cue.idx)
    window = index.doc[cue.i + 1:cue.i + 25]
    that = next((t for t in window if t.lower_ == "that" and t.idx < paragraph.end), None)
    # Another verb in between ("announced yesterday, has drawn …, AFP reported. The agency
    # notes that") means the "that" belongs to another clause.
    if that is None or any(t.pos_ in ("VERB", "AUX") for t in index.doc[cue.i + 1:that.i]):
        return None
    start = that.idx + len(that.text)
    end_match = STOP_BEFORE_CAPITAL.search(index.text[start:paragraph.end])
    end = start + end_match.start() if end_match else paragraph.end
    content = strip_content(index.text, Span(start, end))
    if content.end - content.start < 15:
        return None
    att = Attribution(content, "indirect", cue)
    subject = subject_near(index, cue, Span(max(paragraph.start, cue.sent.start_char), cue.idx))
    if subject is not None:
        speaker_from_token(index, subject, att)
    between = Span(cue.idx, that.idx)
    for mention in index.mentions_in(between):
        # the last outlet, nearest "that": a programme after its broadcaster ("told the
        # BBC's Newsnight programme that")
        if between.contains(mention.span) and index.entity_type(mention.entity_id) == "OUTLET":
            att.medium = mention.entity_id
    att.date = index.date_in(between)
    return att
