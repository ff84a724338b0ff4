"""Transcript labels ("PENCE: We will …") and headline labels ("Poll: Race Tied") as
speakers."""

from __future__ import annotations

import re

from newstrace.clean.stories import MAX_HEADLINE_CHARS
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.quotemarks import strip_content
from newstrace.extract.attribution.reading import Attribution
from newstrace.models import Span

# A transcript's label: "PENCE: …", "Jonas Petraitis: …".
LABEL = r"(?P<label>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}):[ \t]+"
# A transcript line, the label opening a paragraph.
SPEAKER_LABEL = re.compile("^" + LABEL + r"(?P<content>\S[^\n]{10,})$", re.MULTILINE)
# Labels of a report's furniture, not of a speaker ("NOTE: figures include …").
FURNITURE_LABELS = {"NOTE", "NOTES", "UPDATE", "UPDATED", "CORRECTION", "CLARIFICATION",
                    "EDITOR'S NOTE", "EDITOR’S NOTE", "EDITORS NOTE", "SOURCE", "SOURCES",
                    "PHOTO", "CAPTION", "RELATED", "READ MORE", "WATCH", "LISTEN", "SEE ALSO",
                    "ADVERTISEMENT", "DISCLAIMER", "DISCLOSURE", "BACKGROUND", "SUMMARY",
                    "FILE", "CONTACT", "TAGS", "TOPICS", "BREAKING", "EXCLUSIVE", "ANALYSIS"}
# The unnamed sources a headline's label may be ("Poll: Race Tied Before Debate").
HEADLINE_SOURCES = {"poll", "survey", "study", "report", "officials", "police", "aides",
                    "experts", "analysts", "witnesses"}
# The same label opening a quote ("PENCE: We will …" in quote marks).
TRANSCRIPT_LABEL = re.compile(LABEL)


def speaker_label(index: DocumentIndex, match: re.Match[str]) -> Attribution | None:
    """"PENCE: We will …" in a transcript: the label is the source, the rest the content.
    A headline "Pence: Guest Won't Be at Debate" (the first line of a story) says what the
    one it names said, in the newsroom's words."""
    content = strip_content(index.text, Span(match.start("content"), match.end("content")))
    label = Span(match.start("label"), match.end("label"))
    if heads_a_story(index, label.start):
        att = Attribution(content, "indirect", None)
        return att if label_speaks(index, att, label, headline=True) else None
    att = Attribution(content, "direct", None)
    return att if label_speaks(index, att, label) else None


def heads_a_story(index: DocumentIndex, position: int) -> bool:
    """The line at `position` opens the document or a story and is no longer than a headline."""
    line_end = index.text.find("\n", position)
    return (position == 0 or any(s.start == position for s in index.stories)) and \
        (line_end == -1 or line_end - position <= MAX_HEADLINE_CHARS)


def label_speaks(index: DocumentIndex, att: Attribution, label: Span,
                 headline: bool = False) -> bool:
    """Make a transcript's label ("PENCE", "Tim Kaine") the speaker, if it is one: a word
    in capitals or a name; in a headline also a name the report gives in full elsewhere
    ("Pence") or a poll or study."""
    named = index.mention_at(label.start, label.end)
    words = label.text(index.text)
    if words.upper() in FURNITURE_LABELS or \
            not (words.isupper() or (named and named.span == label) or (headline and (
                words.lower() in HEADLINE_SOURCES or index.named_as(words) is not None))):
        return False
    colon = index.doc.char_span(label.end, label.end + 1, alignment_mode="expand")
    att.cue = colon[0] if colon else None
    att.source, att.speaker_text = label, words
    if named and named.entity_id:
        att.speaker, att.speaker_how = named.entity_id, "named"
    else:
        # "TRUMP:", "Pence:": a surname; the person named so in the report, if any.
        att.speaker = index.named_as(words)
        att.speaker_how = "named" if att.speaker else "unnamed"
    return True
