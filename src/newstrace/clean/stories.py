"""Story boundaries, headlines and datelines.

A compilation (a forum post, a newsletter) holds several excerpts, each closed by a
"Headline | Outlet" or "Headline - Outlet" credit line. A document without such lines is
one story; headings inside it are subheadings, not new stories.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from newstrace.models import Span, Story

# A headline is a line of at most two printed lines; a longer unpunctuated line is a run-on
# paragraph or a list, not a heading.
MAX_HEADLINE_CHARS = 160
# What ends a line of a report's text: a full stop, or a quote closed after one.
SENTENCE_CLOSERS = ".!?\"”»’"

# "Headline | Outlet" or "Headline - Outlet": the outlet part is a short name.
CREDIT_LINE = re.compile(
    r"^(?P<title>[^\n|]{8,200}?)\s+(?:\||-|–|—)\s+(?P<outlet>[A-Z][\w.&' ]{1,40})\s*$"
)
MAX_CREDIT_OUTLET_WORDS = 4
# Outlets credited by an acronym (LRT, BBC, ERR.ee) are taken without a gazetteer entry.
ACRONYM_OUTLET = re.compile(r"^[A-Z]{2,6}(\.[a-z]{2,4})?$")


# A wire dateline opening a paragraph: "VILNIUS, March 5 (BNS) – ", "KYIV (Reuters) - ",
# TASS's "MOSCOW, March 5. /TASS/. ", or a place in title case before a known agency:
# "Washington (CNN) — ", "Kaunas, 5 March (ELTA) – ", CNN's "Washington (CNN)The …".
_UPPER_PLACE = r"[A-Z][A-Z.'’ -]{2,30}[A-Z.](?:/[A-Z][A-Z ]+)?"
_TITLE_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"
# the state or country after the town: "HEMPSTEAD, N.Y.,", "KYIV, Ukraine"
_REGION = r"(?:,\s+[A-Z][A-Za-z.]{1,15}(?:\s[A-Z][a-z.]+)?(?=,|\s*\(|\s+[–—-]{1,2}\s))?,?"
_DAY = r"(?:\s+(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}))?"
_AGENCY = r"[A-Za-z][\w .&-]{1,30}"
DATELINE = re.compile(
    rf"^(?:(?P<place>{_UPPER_PLACE}){_REGION}{_DAY}"
    rf"(?:(?:\s*\((?P<outlet>{_AGENCY})\))?\s*[–—-]{{1,2}}\s+"
    r"|\.?\s+/(?P<slashed>[A-Z][\w .-]{1,20})/\.?\s*(?:[–—-]{1,2}\s*)?)"
    rf"|{_TITLE_PLACE}{_REGION}{_DAY}\s*\((?P<known>{_AGENCY})\)\s*(?:[–—-]{{1,2}}\s+|(?=[A-Z])))",
    re.MULTILINE,
)


# A byline run into the dateline after it, as pages flattened into one line have it ("… By
# Ann Lee and Tom Ross WASHINGTON, Nov 6 (Reuters) - "): names in title case, then a place in
# capitals with the agency in brackets.
_NAME = r"[A-Z][a-z][\w'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
BYLINED_DATELINE = re.compile(
    rf"(?:^|(?<=\s))By\s+{_NAME}(?:(?:,\s+|\s+and\s+){_NAME})*\s+"
    rf"(?P<dateline>{_UPPER_PLACE}{_REGION}{_DAY}\s*\((?P<outlet>{_AGENCY})\)\s*[–—-]{{1,2}}\s+)",
    re.MULTILINE,
)
# How far into its paragraph a byline's dateline may stand (after a headline run into it).
BYLINE_REACH = 400


def find_datelines(text: str, is_outlet: Callable[[str], bool] = lambda _: False
                   ) -> list[tuple[Span, str | None]]:
    """Datelines with the outlet they credit, if any. A place in title case is a dateline's
    only before an outlet ``is_outlet`` knows: "Apple (AAPL) - " opens a sentence."""
    found = [(Span(m.start(), m.end()), m.group("outlet") or m.group("slashed") or known)
             for m in DATELINE.finditer(text)
             if not (known := m.group("known")) or is_outlet(known)]
    for m in BYLINED_DATELINE.finditer(text):
        paragraph = text.rfind("\n", 0, m.start()) + 1
        span = Span(m.start("dateline"), m.end("dateline"))
        if m.start() - paragraph <= BYLINE_REACH and \
                not any(span.overlaps(other) for other, _ in found):
            found.append((span, m.group("outlet")))
    return sorted(found, key=lambda dateline: dateline[0].start)


def iter_lines(text: str) -> Iterator[Span]:
    """Non-empty lines as spans, without their surrounding whitespace."""
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            yield Span(start, start + len(stripped))


def is_headline(line: str) -> bool:
    """A heading: no final sentence punctuation and most words capitalised."""
    if len(line) > MAX_HEADLINE_CHARS or line[-1] in ".!?:;,\"”“»" or len(line.split()) < 2:
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", line) if len(w) > 3]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) >= 0.6


def credit_of(line: str, is_outlet: Callable[[str], bool]) -> tuple[str, str] | None:
    match = CREDIT_LINE.match(line)
    if not match:
        return None
    title, outlet = match.group("title").strip(), match.group("outlet").strip()
    if len(outlet.split()) > MAX_CREDIT_OUTLET_WORDS or title[-1] in ".!?:;,":
        return None
    known = is_outlet(outlet) or bool(ACRONYM_OUTLET.match(outlet))
    # Headlines come in title case and in sentence case; a sentence-case one is taken when
    # the outlet is known. A dash ("Kyiv - Moscow talks") needs a known outlet either way.
    if not (is_headline(title) or known) or ("|" not in line and not known):
        return None
    return title, outlet


def split_stories(
    text: str, boilerplate: list[Span], is_outlet: Callable[[str], bool] = lambda _: False
) -> list[Story]:
    lines = [line for line in iter_lines(text) if not any(b.contains(line) for b in boilerplate)]
    if not lines:
        return []
    credits = [credit_of(line.text(text), is_outlet) for line in lines]
    if not any(credits):
        return [Story(Span(lines[0].start, lines[-1].end))]
    if credits_open_stories(text, lines, credits):
        return stories_under_credits(lines, credits)
    return stories_above_credits(text, lines, credits)


def credits_open_stories(text: str, lines: list[Span],
                         credits: list[tuple[str, str] | None]) -> bool:
    """Whether the compilation heads each excerpt with its credit line (a newsletter) rather
    than closing it (a forum post): it opens with one and a report's sentences follow the
    last. A forum post that ends with a bare headline still closes its excerpts."""
    last = max(i for i, credit in enumerate(credits) if credit)
    return credits[0] is not None and any(
        not is_headline(words := line.text(text)) and words[-1] in SENTENCE_CLOSERS
        for line in lines[last + 1:])


def stories_under_credits(lines: list[Span],
                          credits: list[tuple[str, str] | None]) -> list[Story]:
    """Each credit line and the lines under it up to the next one: a credit line right above
    another is a headline without a body."""
    opening = [(i, credit) for i, credit in enumerate(credits) if credit]
    ends = [i for i, _ in opening[1:]] + [len(lines)]
    return [Story(Span(lines[i].start, lines[end - 1].end), *credit)
            for (i, credit), end in zip(opening, ends, strict=True)]


def stories_above_credits(text: str, lines: list[Span],
                          credits: list[tuple[str, str] | None]) -> list[Story]:
    """Each excerpt closed by its credit line. A credit line right under another is a
    headline without a body, and so is a headline right under a credit line that does not
    head the excerpt after it (the next credit names another title); what follows the
    last credit line is headlines and the excerpts under them, without outlets."""
    stories: list[Story] = []
    first = 0
    for i, credit in enumerate(credits):
        if not credit:
            continue
        title, outlet = credit
        heading = lines[first].text(text)
        if 0 < first < i - 1 and is_headline(heading) and heading != title:
            stories.append(Story(lines[first], heading, None))
            first += 1
        stories.append(Story(Span(lines[first].start, lines[i].end), title, outlet))
        first = i + 1
    stories.extend(trailing_stories(text, lines[first:]))
    return stories


def trailing_stories(text: str, lines: list[Span]) -> list[Story]:
    """What follows the last credit line: each headline opens a story with no outlet."""
    stories: list[Story] = []
    for line in lines:
        words = line.text(text)
        # A line without a full stop is a headline here, in title case or not.
        headline = is_headline(words) or words[-1] not in SENTENCE_CLOSERS
        if headline or not stories:
            stories.append(Story(line, words if headline else None, None))
        else:
            stories[-1].span = Span(stories[-1].span.start, line.end)
    return stories
