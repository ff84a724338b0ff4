"""The language of a document, told from its text with py3langid, and whether the extractors
read it.

Detection only flags a document when it is sure: short texts read as anything ("Šakalienė
told Žinių radijas" scores as Lithuanian), and an English report quoting a German minister at
length is still an English report. So the text is judged paragraph by paragraph, and a
document is flagged only when confident paragraphs in another language fill most of it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# The languages newstrace's extractors (word lists, rules, the attribution model) are made for.
READ_LANGUAGES = frozenset({"en"})
# Assumed when the text cannot tell and the input does not say: the language newstrace reads.
DEFAULT_LANGUAGE = "en"
# Characters of confidently judged text below which detection is a guess; a news brief of two
# sentences has about this many.
MIN_JUDGED_CHARS = 200
# Lines are judged in pieces of at least this many characters (a headline or a byline alone
# says little); a piece below MIN_CONFIDENCE counts for no language.
MIN_PIECE_CHARS = 80
MIN_CONFIDENCE = 0.95
# A book-length input is judged on its start: its language is settled long before.
MAX_READ_CHARS = 20_000
# A text with this share of English pieces is read: a report quoting another language.
READ_SHARE = 0.3
# Another language must hold this share of the judged text to be the document's.
MAJORITY_SHARE = 0.6

LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")


@cache
def _identifier() -> LanguageIdentifier:
    # Loaded once per process (about a second); norm_probs gives a confidence in 0..1.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def is_read(language: str | None) -> bool:
    """Whether the extractors read a document in this language ("en", "en-GB")."""
    return language is None or language_tag(language) in READ_LANGUAGES


def language_tag(value: object) -> str | None:
    """An input's own language metadata ("de-DE", "en_GB", "FR") as a bare code, or None."""
    match = LANGUAGE_TAG.match(str(value or ""))
    return match.group(1).lower() if match else None


def detect_language(text: str, declared: object = None) -> str:
    """The document's language: what its text is when detection is sure, else what the input
    declares (an HTML lang attribute, a feed's language, a record's field), else English."""
    fallback = language_tag(declared) or DEFAULT_LANGUAGE
    shares = _judged_chars(text)
    judged = sum(shares.values())
    if judged < MIN_JUDGED_CHARS:
        return fallback
    if shares[DEFAULT_LANGUAGE] / judged >= READ_SHARE:
        return DEFAULT_LANGUAGE
    language, chars = shares.most_common(1)[0]
    return language if chars / judged >= MAJORITY_SHARE else fallback


def _judged_chars(text: str) -> Counter[str]:
    """Characters of text per language, over the pieces judged with confidence (a short last
    piece is left unjudged, as is everything after the first MAX_READ_CHARS). Judging stops
    once English holds READ_SHARE of the judged text whatever the rest would add: the
    answer is then the one the whole text gives, sooner."""
    shares: Counter[str] = Counter()
    piece = ""
    read = text[:MAX_READ_CHARS]
    left = len(read)  # at least the characters not judged yet
    for line in read.splitlines():
        left -= len(line) + 1
        piece = f"{piece}\n{line}" if piece else line
        if len(piece.strip()) >= MIN_PIECE_CHARS:
            _judge(piece, shares)
            piece = ""
            judged = sum(shares.values())
            if (judged >= MIN_JUDGED_CHARS and shares[DEFAULT_LANGUAGE]
                    >= READ_SHARE * (judged + max(left, 0))):
                break
    return shares


def _judge(piece: str, shares: Counter[str]) -> None:
    language, confidence = _identifier().classify(piece)
    if confidence >= MIN_CONFIDENCE:
        shares[language] += len(piece.strip())
