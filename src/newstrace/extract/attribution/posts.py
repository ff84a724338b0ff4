"""Posts pasted from a social network with their signature, as a page keeps an embedded tweet
("Please avoid the area #Croydon pic.twitter.com/x1 — Ann Lee (@annlee) November 9, 2016"):
the words before the signature are the author's own, a direct quote of that day, and no
other reading may take them or the signature."""

from __future__ import annotations

import re
from datetime import date

from newstrace.annotate.sentences import POST_SIGNATURE, SENTENCE_END_AND_SPACE
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.reading import Attribution
from newstrace.extract.timexes.patterns import MONTH_NAMES
from newstrace.models import Span

# A post's length at most: a tweet's 280 characters, with room for links written out.
MAX_POST_CHARS = 320
# What a page leaves between two blocks it ran together: a line break, a run of spaces
# (within a post, one runs before its tags: "gentleman    #BrazilGP"), or the end of the
# markup a page kept before a post ('<tweet id="7479" author="@ann">').
BLOCK_BREAK = re.compile(r"\n|[ \t]{3,}(?![ \t#@])|\">")
# What only a post holds: a hashtag, a handle, a link.
POST_MARKER = re.compile(r"(?<!\w)[#@]\w|https?://|\bpic\.twitter\.com/")
# A word that is (or ends in) a link: "https://t.co/x1", "#Final#Vote2016pic.twitter.com/x1".
LINK = re.compile(r"https?://|pic\.twitter\.com/")
# A word that is a tag or a handle.
TAG = re.compile(r"[#@]\w+")
WORD = re.compile(r"\S+")
# What a post's words start with: a word, a tag or a handle, a quote mark (not the marks a
# page leaves for pictures it could not show, "[?]").
POST_WORDS_START = re.compile(r"[\w#@\"“‘'(]")
# The names the network goes by, as the report may name it (the medium of its posts).
NETWORK_NAMES = {"twitter", "x"}


def signed_posts(index: DocumentIndex) -> list[tuple[Attribution, Span]]:
    """Each signed post in the document, attributed to the author the signature names, with
    the span of its words and signature together."""
    if "(@" not in index.text:
        return []
    found: list[tuple[Attribution, Span]] = []
    floor = 0
    network = next((m.entity_id for m in index.mentions if m.type == "OUTLET"
                    and m.text.lower() in NETWORK_NAMES), None)
    for signature in POST_SIGNATURE.finditer(index.text):
        words = post_words(index.text, max(floor, signature.start() - MAX_POST_CHARS),
                           signature.start())
        floor = signature.end()
        if words is None:
            continue
        name = Span(signature.start("name"), signature.end("name"))
        mention = index.mention_at(name.start, name.end)
        att = Attribution(words, "direct", None, source=name, speaker_text=name.text(index.text),
                          medium=network)
        att.speaker = mention.entity_id if mention else None
        att.speaker_how = "named" if mention else "unnamed"
        att.date = day_of(signature.group("day"))
        found.append((att, Span(words.start, signature.end())))
    return found


def day_of(written: str) -> str | None:
    """"November 9, 2016" as 2016-11-09; None for a year cut short or no such day."""
    month, day, year = written.replace(",", "").split()
    try:
        return date(int(year), MONTH_NAMES.index(month) + 1, int(day)).isoformat() \
            if len(year) == 4 else None
    except ValueError:
        return None  # "February 30"


def post_words(text: str, floor: int, end: int) -> Span | None:
    """The words of a post ending at ``end``, none before ``floor`` (the last signature, or a
    tweet's length back) nor before a block break: the last sentence; back to the earliest
    sentence that holds a hashtag, a handle or a link (the reporter's sentences hold none);
    and the one before when the first is only links, or starts in lower case after one that
    `continues` ("what this is all about... looks like …"). Its attached links are left
    out."""
    breaks = [b.end() for b in BLOCK_BREAK.finditer(text, floor, end)]
    floor = breaks[-1] if breaks else floor
    starts = [floor] + [s.end() for s in SENTENCE_END_AND_SPACE.finditer(text, floor, end)
                        if s.end() < end]
    sentences = [Span(a, b) for a, b in zip(starts, [*starts[1:], end], strict=True)]
    sentences = [s for s in sentences if re.search(r"\w", s.text(text))]
    if not sentences:
        return None
    first = len(sentences) - 1
    marked = [i for i, s in enumerate(sentences) if POST_MARKER.search(s.text(text))]
    if marked:
        first = min(first, marked[0])
    while first > 0 and (only_links(sentences[first].text(text)) or
                         sentences[first].text(text).lstrip()[:1].islower() and
                         continues(sentences[first - 1].text(text))):
        first -= 1
    start, stop = sentences[first].start, sentences[-1].end
    words = POST_WORDS_START.search(text, start, stop)
    if words is None:
        return None
    start = words.start()
    # Links at a post's end are its attachments (a picture, a page), not its words.
    last = list(WORD.finditer(text, start, stop))
    while len(last) > 1 and LINK.search(last[-1].group()):
        last.pop()
    return Span(start, last[-1].end()) if last else None


def continues(sentence: str) -> bool:
    """Whether a sentence may go on in the lower-case one after it as one post: it trails
    off ("what this is all about...") or holds a tag, a handle or a link (the reporter's
    sentences hold none)."""
    return sentence.rstrip().endswith(("...", "…")) or POST_MARKER.search(sentence) is not None


def only_links(sentence: str) -> bool:
    """Whether a sentence is links, tags and handles and nothing else: a post's end."""
    words = sentence.split()
    return bool(words) and all(LINK.search(w) or TAG.fullmatch(w) for w in words)
