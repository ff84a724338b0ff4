"""Fuzzing the cleaning, date, attribution and event stages with hypothesis: whatever the
text, no stage raises, every span lies inside the text, every recorded text is the text at
its offsets, and the same input gives the same output.

`make test` runs a few examples per stage (spaCy parses about fifteen short texts a second
on a shared core) and always the same ones; `make fuzz` sets NEWSTRACE_FUZZ=deep for many
more, drawn afresh each run.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newstrace.annotate import annotate, get_nlp
from newstrace.annotate.nlp import JUNK_PIECE_CHARS, tokenized
from newstrace.clean import analysis_view, find_boilerplate, find_datelines, split_stories
from newstrace.clean.decode import decode_bytes
from newstrace.config import Options
from newstrace.errors import InputError
from newstrace.export import analysis_record
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.timexes import find_timexes
from newstrace.models import Analysis, Document, Span
from newstrace.pipeline import analyse

SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example]
settings.register_profile("fuzz-ci", deadline=None, max_examples=6, derandomize=True,
                          suppress_health_check=SLOW, print_blob=True)
settings.register_profile("fuzz-deep", deadline=None, max_examples=1000,
                          suppress_health_check=SLOW, print_blob=True)
FUZZ = settings.get_profile("fuzz-" + os.environ.get("NEWSTRACE_FUZZ", "ci"))
# The regular-expression stages are a thousand times faster than a parse: more examples.
PARSED = settings(FUZZ)
PLAIN = settings(FUZZ, max_examples=FUZZ.max_examples * 10)

QUOTE_MARKS = list("\"'“”„‟«»‹›「」『』‚‘’〝〞＂") + ["''", "``", ",,"]
NAMES = ["Dovilė Šakalienė", "Jonas Petraitis", "Ms. Varga", "Kaja Kallas", "the minister",
         "she", "he", "Reuters", "BNS", "Žinių radijas", "the Seimas", "NATO", "O'Neill",
         "Jean-Luc Mélenchon", "محمد", "דוד", "Zelenskyy", "Mr. Smith", "the agency", "LRT.lt"]
WORDS = ["said", "told", "says", "according to", "added", "denied", "warned", "reported",
         "quoted", "citing", "voted", "withdraw", "from", "the", "treaty", "convention", "on",
         "will", "would", "not", "parliament", "approved", "signed", "attacked", "sent", "aid",
         "troops", "to", "in", "and", "that", "we", "I", "it", "was", "a", "of", "by",
         "ratified", "million", "euros", "$", "€", "votes", "against", "abstained", "-", "–",
         "—", ":", ";", ",", ".", "?", "!", "(", ")", "/", "|", "...", "…"]
DATES = ["yesterday", "on Monday", "last week", "in July last year", "31 February 2024",
         "March 5", "2025-03-07", "07.03.2025", "03/07/2025", "at the end of last year",
         "next Friday", "10:30 p.m. GMT", "2,000 years ago", "the 1990s", "since 2022",
         "29 February 2023", "0000-00-00", "9999-12-31", "mid-2024", "Q3"]
NUMBERS = ["0", "1", "48", "2,000", "1.5", "-3", "10,000,000,000,000", "½", "٣", "third"]
ODD = ["\x00", "\u200f", "\u202e", "\u202c", "\u200b", "\u200d", "\ufeff", "\u0301",
       "\u0308\u0308", "\u2028", "\u2029", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85",
       "\u00a0", "\u3000", "😀", "𝐀", "\ud800", "\udfff", "ﷺ", "ǅ", "İ", "ß"]
BREAKS = [" ", " ", " ", "\n", "\n\n", "\n\n\n", " \n "]
LINES = ["Cookies help us deliver our services.", "Share this article",
         "VILNIUS, March 5 (BNS) – ", "KYIV (Reuters) - ", "Posted by admin on",
         "Headline About The Vote | LRT", "Ministers Meet In Riga - BBC",
         "All rights reserved", "Read more", "Source: ELTA"]

token = st.one_of(
    st.sampled_from(WORDS), st.sampled_from(NAMES), st.sampled_from(QUOTE_MARKS),
    st.sampled_from(DATES), st.sampled_from(NUMBERS), st.sampled_from(ODD),
    st.text(max_size=6),
)


# Quote marks as languages pair them, and as careless typing does.
PAIRS = [("“", "”"), ("„", "“"), ("«", "»"), ("»", "«"), ("\"", "\""), ("‘", "’"), ("‚", "‘"),
         ("「", "」"), ("‹", "›"), ("”", "”"), ("“", ""), ("", "”"), ("''", "''")]
SPEECH = ["said", "told reporters", "wrote on X", "added", "was quoted as saying by",
          "said in a statement, according to", "denied", "insisted"]


@st.composite
def quotation(draw: st.DrawFn) -> str:
    """Quoted words with their frame before, after, around or missing."""
    opening, closing = draw(st.one_of(
        st.sampled_from(PAIRS), st.tuples(st.sampled_from(QUOTE_MARKS),
                                          st.sampled_from(QUOTE_MARKS))))
    words = " ".join(draw(st.lists(token, min_size=1, max_size=12)))
    frame = f"{draw(st.sampled_from(NAMES))} {draw(st.sampled_from(SPEECH))}"
    more = " ".join(draw(st.lists(token, max_size=8)))
    return draw(st.sampled_from([
        f"{opening}{words},{closing} {frame}.",
        f"{frame}: {opening}{words}.{closing}",
        f"{opening}{words},{closing} {frame}, {opening}{more}{closing}",
        f"{frame} that {words} {opening}{more}{closing}.",
        f"{opening}{words}{closing}",
    ]))


ACTORS = ["Lithuania", "The Seimas", "Estonia's parliament", "Russia", "The government",
          "NATO", "Dovilė Šakalienė", "The defence ministry", "Poland", "Kyiv", "They", "It"]
ACTIONS = ["voted 102 to 3 to withdraw from", "ratified", "signed", "attacked", "sent",
           "approved", "will withdraw from", "did not sign", "may leave", "sanctioned",
           "met", "announced", "has allocated", "denied attacking", "plans to quit"]
OBJECTS = ["the Ottawa Convention", "the treaty", "Vilnius", "200 million euros in military aid",
           "troops", "the convention banning cluster munitions", "the minister", "NATO",
           "a new package worth $1.5bn", "the agreement"]


@st.composite
def event_sentence(draw: st.DrawFn) -> str:
    """Who did what to whom when, now and then with a stray token inside."""
    parts = [draw(st.sampled_from(ACTORS)), draw(st.sampled_from(ACTIONS)),
             draw(st.sampled_from(OBJECTS)), draw(st.sampled_from(DATES))]
    if draw(st.booleans()):
        parts.insert(draw(st.integers(0, len(parts))), draw(token))
    return " ".join(parts) + "."


@st.composite
def news_like(draw: st.DrawFn) -> str:
    """Sentences of news words, names, quote marks, dates, numbers and odd characters,
    quotations and events, in paragraphs, now and then a dateline, credit or boilerplate."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            parts.append(draw(st.sampled_from(LINES)))
        kind = draw(st.sampled_from(["quotation", "event", "words"]))
        if kind == "quotation":
            parts.append(draw(quotation()))
        elif kind == "event":
            parts.append(draw(event_sentence()))
        else:
            words = draw(st.lists(token, min_size=1, max_size=25))
            parts.append(" ".join(words) + draw(st.sampled_from(["", ".", ".”", "?\"", "!"])))
        parts.append(draw(st.sampled_from(BREAKS)))
    return "".join(parts)


raw_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)
any_text = st.one_of(news_like(), raw_text)
published = st.one_of(st.none(), st.dates(date(1, 1, 1), date(9999, 12, 31)))


def inside(span: Span, text: str) -> bool:
    return 0 <= span.start <= span.end <= len(text)


# -- cleaning ---------------------------------------------------------------------------------
@PLAIN
@given(text=any_text)
def test_cleaning_spans_lie_inside_and_the_view_keeps_offsets(text: str) -> None:
    datelines = find_datelines(text)
    view = analysis_view(text, [span for span, _ in datelines])
    assert len(view) == len(text)
    for position, (ours, theirs) in enumerate(zip(text, view, strict=True)):
        # a dateline is blanked; otherwise a character is kept or made a plain space
        blanked = any(span.holds(position) for span, _ in datelines)
        assert theirs == ours or theirs == " " and (blanked or ours.isspace()), position
    boilerplate = find_boilerplate(text)
    assert all(inside(span, text) and span.start < span.end for span in boilerplate)
    stories = split_stories(text, boilerplate, lambda name: name in ("LRT", "BBC"))
    assert all(inside(story.span, text) for story in stories)
    assert all(a.span.end <= b.span.start for a, b in zip(stories, stories[1:], strict=False))
    for story in stories:
        assert story.title is None or story.title in story.span.text(text)
    assert (find_datelines(text), find_boilerplate(text)) == (datelines, boilerplate)


@PLAIN
@given(data=st.one_of(st.binary(max_size=300), news_like().map(
    lambda text: text.encode("utf-8", "replace")), st.builds(
    lambda text, codec: text.encode(codec, "replace"), news_like(),
    st.sampled_from(["utf-16", "utf-8-sig", "cp1252", "latin-1"]))))
def test_any_bytes_decode_to_text_or_a_named_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "fuzzed.txt")
    except InputError as error:
        assert "fuzzed.txt" in str(error)
        return
    assert text.strip() and decode_bytes(data, "fuzzed.txt") == text
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    if not data.startswith(codecs.BOM_UTF8):
        assert text == utf8  # valid UTF-8 is taken as it is, offsets and all


# -- dates ------------------------------------------------------------------------------------
@PLAIN
@given(text=any_text, day=published)
def test_timexes_lie_inside_round_trip_and_repeat(text: str, day: date | None) -> None:
    found = find_timexes(text, day)
    end = 0
    for timex in found:
        assert inside(timex.span, text) and timex.span.start >= end
        assert timex.span.text(text) == timex.text
        end = timex.span.end
    assert find_timexes(text, day) == found


# -- attribution and events, through the whole analysis -------------------------------------
def check_analysis(analysis: Analysis) -> None:
    text = analysis.document.text
    for story in analysis.stories:
        assert inside(story.span, text)
    for entity in analysis.entities:
        for mention in entity.mentions:
            assert inside(mention.span, text) and mention.span.text(text) == mention.text
            assert mention.entity_id == entity.id
    for timex in analysis.timexes:
        assert inside(timex.span, text) and timex.span.text(text) == timex.text
    ids = {entity.id for entity in analysis.entities}
    for quote in analysis.quotes:
        for span in (quote.content, quote.source, quote.cue, *quote.parts):
            assert span is None or inside(span, text)
        assert all(quote.content.contains(part) for part in quote.parts)
        assert {quote.speaker, quote.medium, *quote.relays} - {None} <= ids
    for event in analysis.events:
        assert inside(event.evidence, text) and event.evidence.start < event.evidence.end
        assert event.date_text is None or event.date_text in text


def analysed(text: str, day: date | None) -> Analysis:
    # An id of our own: a lone surrogate has no UTF-8 form to hash.
    return analyse(Document(text=text, id="fuzz", published=day), Options())


@PARSED
@given(text=news_like(), day=published)
def test_news_like_text_analyses_within_its_spans_and_repeats(text: str,
                                                              day: date | None) -> None:
    analysis = analysed(text, day)
    check_analysis(analysis)
    assert analysis_record(analysed(text, day)) == analysis_record(analysis)


@PARSED
@given(text=raw_text, day=published)
def test_random_text_analyses_within_its_spans(text: str, day: date | None) -> None:
    check_analysis(analysed(text, day))


# -- the same output under another hash seed -------------------------------------------------
SAMPLES = [
    "VILNIUS, March 5 (BNS) – „We will not leave,“ Defence Minister Dovilė Šakalienė told "
    "Žinių radijas on Monday, BNS reports. The Seimas voted 102 to 3 to withdraw from the "
    "convention in July last year.",
    "Headline About The Vote | LRT\n\"It was a mistake,\" said Jonas Petraitis. "
    "« Non », a-t-il dit.\n\nCookies help us deliver our services.",
    "\u202e\u200f “\x00” said \u0301 she, 31 February 2024 ‘ ’ 『 』 10,000 euros …",
    *(" ".join(random.Random(seed).choices(
        WORDS + NAMES + DATES + QUOTE_MARKS + ACTORS + ACTIONS + OBJECTS + ["\n"], k=80))
      for seed in range(3)),
]
EXPORT_SAMPLES = """
import json, sys
from datetime import date
from newstrace.export import analysis_record
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.models import Document
from newstrace.pipeline import analyse
for i, text in enumerate(json.loads(sys.stdin.read())):
    record = analysis_record(analyse(Document(text=text, id=str(i), published=date(2025, 3, 7))))
    print(json.dumps(record, sort_keys=True, ensure_ascii=True))
"""


@pytest.mark.parametrize("seeds", [("0", "4242")])
def test_output_does_not_depend_on_the_hash_seed(seeds: tuple[str, str]) -> None:
    source = str(Path(__file__).resolve().parents[1] / "src")
    outputs = []
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": source}
        outputs.append(subprocess.run(
            [sys.executable, "-c", EXPORT_SAMPLES], input=json.dumps(SAMPLES), env=env,
            capture_output=True, text=True, check=True, timeout=300).stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("\n") == len(SAMPLES)


# -- what fuzzing found ------------------------------------------------------------------------
def test_a_lone_surrogate_is_parsed_as_a_replacement_character() -> None:
    # json.loads('"\\ud800"') makes such a str; spaCy could not hash it and raised.
    text = "“We stay\ud800,” Mayor Tomas Kalnis said in Kaunas on Monday."
    analysis = analysed(text, date(2025, 3, 7))
    check_analysis(analysis)
    (quote,) = analysis.quotes
    assert quote.content.text(text) == "We stay\ud800"
    speaker = analysis.entity(quote.speaker)
    assert speaker is not None and speaker.name == "Tomas Kalnis"


def test_a_long_run_of_quote_marks_is_tokenized_in_linear_time() -> None:
    # spaCy peels the marks off a run one at a time, in a time that grows with the square of
    # its length: 5,000 marks took seconds, 14,000 a minute and a half.
    text = "He said " + "“”\"'«»„" * 800 + " and left."
    started = time.perf_counter()
    doc = tokenized(get_nlp(), text)
    assert time.perf_counter() - started < 3
    assert doc.text == text and [t.idx for t in doc][:3] == [0, 3, 8]
    assert all(len(t.text) <= JUNK_PIECE_CHARS for t in doc)
    assert tokenized(get_nlp(), "A report of ordinary words.").text == "A report of ordinary words."


def test_quoted_words_are_found_by_bisection_as_by_a_walk() -> None:
    text = "“Outer ‘inner’ words,” he said, «more» and “open to the end"
    index = DocumentIndex.build(annotate(text), [], [])
    assert index.quoted
    for start in range(len(text)):
        for end in range(start, len(text) + 1):
            span = Span(start, end)
            assert index.in_quoted_words(span) == any(
                q.inner.contains(span) for q in index.quoted), span
