"""Quotation marks of any typography paired into quoted spans, one paragraph at a time.

Handles "…", “…”, „…“, “…“, «…», ‚…‘, ‘…’, '…', nesting, a stray second opener,
apostrophes that are not quotes, and a quote left unclosed at a paragraph end. A bad mark
can only cost its own paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.extract.lexicon import INSIDE_FRAME_LEMMAS, forms_pattern
from newstrace.models import Span

DOUBLE_MARKS = "\"“”„«»"
SINGLE_MARKS = "'‘’‚"
ALWAYS_OPEN = "„«‚"
ALWAYS_CLOSE = "»"
_INSIDE_VERB = forms_pattern(INSIDE_FRAME_LEMMAS)
# A frame inside what reads as one quote: ", said Ed Harlan", ", he added", ", Mr. Harlan told".
FRAME_INSIDE = re.compile(
    rf",\s+(?:{_INSIDE_VERB}\s+[A-Z]|(?:[A-Z][\w.'’-]*\s+){{1,4}}{_INSIDE_VERB}\b|"
    rf"(?:he|she|they)\s+{_INSIDE_VERB}\b)"
)
# Where a mark may stand: a double or single quote mark, or a backtick ("``" is a double).
MARK_CANDIDATE = re.compile(f"[{re.escape(DOUBLE_MARKS + SINGLE_MARKS)}`]")
# An unclosed quote longer than this at a paragraph end is more likely a stray mark
# (inches, a typo) than a quotation running to the end of the paragraph.
MAX_UNCLOSED_CHARS = 600


@dataclass(frozen=True)
class QuotedSpan:
    outer: Span  # including the marks
    inner: Span  # the quoted words only
    closed: bool  # False when the paragraph ended before a closing mark
    depth: int  # 0 for a top-level quote, 1 for a quote inside a quote


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        spans += _pair_marks(text, paragraph.start(), paragraph.end())
    return sorted(spans, key=lambda q: q.outer)


def _role(text: str, i: int, start: int, end: int) -> str | None:
    """'open', 'close' or None (not a quote mark here) for the mark at text[i]."""
    mark, width = _mark_at(text, i)
    before = text[i - 1] if i > start else " "
    after = text[i + width] if i + width < end else " "
    if mark in SINGLE_MARKS and before.isalnum() and after.isalnum():
        return None  # an apostrophe: Lithuania's, don’t
    if mark in ALWAYS_OPEN:
        return "open"
    if mark in ALWAYS_CLOSE:
        return "close"
    opens = before.isspace() or before in "([{—–-/" or before in DOUBLE_MARKS + SINGLE_MARKS
    closes = not before.isspace() and (after.isspace() or not after.isalnum())
    if opens and not after.isspace():
        return "open"
    if closes:
        return "close"
    return None


def _mark_at(text: str, i: int) -> tuple[str, int]:
    """The mark at text[i] and its width: typewriter copy writes a double quote as two
    apostrophes or backticks (''Yes,'' he said; ``Yes'')."""
    if text[i:i + 2] in ("''", "``"):
        return '"', 2
    return text[i], 1


def _pair_marks(text: str, start: int, end: int) -> list[QuotedSpan]:
    found: list[QuotedSpan] = []
    stack: list[tuple[int, int]] = []  # positions and widths of open marks
    i = start
    while i < end:
        candidate = MARK_CANDIDATE.search(text, i, end)  # skip the words between, at once
        if candidate is None:
            break
        i = candidate.start()
        mark, width = _mark_at(text, i)
        if mark not in DOUBLE_MARKS and mark not in SINGLE_MARKS:
            i += 1
            continue
        role = _role(text, i, start, end)
        single = mark in SINGLE_MARKS
        if role == "close":
            # A single closer only closes a single opener: ’ after "countries" is a possessive.
            match = next((j for j in range(len(stack) - 1, -1, -1)
                          if (_mark_at(text, stack[j][0])[0] in SINGLE_MARKS) == single), None)
            if match is not None:
                opener, opener_width = stack[match]
                del stack[match:]
                found.append(QuotedSpan(Span(opener, i + width), Span(opener + opener_width, i),
                                        True, len(stack)))
        elif role == "open":
            # A second double opener after a finished sentence inside an open quote is a stray
            # mark (“I think so. "It is …," he said): the quote goes on.
            stray = stack and not single and \
                _mark_at(text, stack[-1][0])[0] not in SINGLE_MARKS and \
                re.search(r"[.!?]\s*$", text[stack[-1][0] + stack[-1][1]:i])
            # Unless a frame stands between ("It is grim, said Mr. Harlan. "I …"): then the
            # first quote's closing mark was left out, and it ends where its frame begins.
            frame = FRAME_INSIDE.search(text, stack[-1][0] + stack[-1][1], i) \
                if stray and len(stack) == 1 else None
            if frame is not None:
                opener, opener_width = stack.pop()
                found.append(QuotedSpan(Span(opener, frame.start()),
                                        Span(opener + opener_width, frame.start()), False, 0))
            if not stray or frame is not None:
                stack.append((i, width))
        i += width
    unclosed = _close_at_paragraph_end(text, stack, end)
    # An opener never closed around quotes that are closed is a stray mark (a paragraph that
    # starts with one, as some archives write; a caption's lone mark in a page run together
    # on one line): the closed quotes are the quotes, each as deep as closed openers make it.
    strays = [sum(opener < q.outer.start for opener, _width in stack) for q in found]
    if any(strays):
        return [QuotedSpan(q.outer, q.inner, q.closed, q.depth - deeper)
                for q, deeper in zip(found, strays, strict=True)]
    return found + unclosed


def _close_at_paragraph_end(
    text: str, stack: list[tuple[int, int]], end: int
) -> list[QuotedSpan]:
    if not stack:
        return []
    opener, width = stack[0]
    if _mark_at(text, opener)[0] in SINGLE_MARKS or end - opener > MAX_UNCLOSED_CHARS:
        return []
    inner_end = end
    while inner_end > opener + width and text[inner_end - 1].isspace():
        inner_end -= 1
    return [QuotedSpan(Span(opener, end), Span(opener + width, inner_end), False, 0)]


def strip_content(text: str, span: Span) -> Span:
    """Trim spaces, leading commas and a trailing comma that stands in for a full stop."""
    start, end = span.start, span.end
    while start < end and (text[start].isspace() or text[start] in ",;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return Span(start, end)
