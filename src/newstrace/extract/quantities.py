"""Money amounts and parliamentary vote tallies found in plain text.

Both are regular enough in news prose that regular expressions beat the parser: spaCy
splits "$1.5bn" and "99-1-3" in ways that differ between model versions, while the
surface forms below are stable. Every result carries the ``Span`` it was read from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newstrace.annotate.sentences import STOP_BEFORE_OPENER
from newstrace.extract.numbers import ARTICLES, ONES, SCALES, TENS, parse_number
from newstrace.models import Span

# --- number words: the vocabulary is extract/numbers.py's ------------------------------

_SMALL_WORDS = sorted((w for w in {**ONES, **TENS} if w != "zero"), key=len, reverse=True)
_WORD_NUM = (
    r"(?:" + "|".join(_SMALL_WORDS) + r")(?:[- ](?:" + "|".join(_SMALL_WORDS) + r"))?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# The lookahead, which every reading satisfies, turns other words away before the long
# alternation of number words is tried at each of them.
_NUM_START = "".join(sorted({word[0] for word in _SMALL_WORDS}))
_NUM = rf"(?=[\d{_NUM_START}])(?:{_DIGITS}|{_WORD_NUM})"

# --- money -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    span: Span
    value: float
    currency: str  # ISO 4217
    approximate: bool = False


_SYMBOLS = {"us$": "USD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB",
            "zł": "PLN"}
_CODES = ("USD", "EUR", "GBP", "PLN", "UAH", "RUB", "CHF", "JPY", "CNY", "SEK", "NOK", "DKK",
          "CZK", "HUF", "RON", "CAD", "AUD", "INR", "KRW", "TRY", "ILS")
# Currency names, singular and plural (attributive use is singular: "a 20 million euro deal").
_WORDS = {
    r"(?:us |american )?dollars?": "USD", r"canadian dollars?": "CAD",
    r"australian dollars?": "AUD", r"euros?": "EUR",
    r"(?:pounds?|pounds? sterling|sterling)": "GBP",
    r"(?:zlotys?|zlotych|złoty|złotys|złotych)": "PLN", r"(?:hryvnias?|hryvnyas?|hryvnas?)": "UAH",
    r"(?:rubles?|roubles?)": "RUB", r"yen": "JPY", r"(?:yuan|renminbi)": "CNY",
    r"swiss francs?": "CHF", r"(?:swedish )?kronor": "SEK", r"(?:norwegian |danish )?kroner": "NOK",
    r"(?:czech )?korunas?": "CZK", r"forints?": "HUF", r"lei": "RON", r"rupees?": "INR",
    r"won": "KRW", r"(?:turkish )?liras?": "TRY", r"shekels?": "ILS",
}
# The scale words an amount of money takes (numbers.SCALES' values), and their abbreviations.
_MONEY_SCALES = ("thousand", "million", "billion", "trillion")
_SCALE_ABBREVIATIONS = {"mln": 1e6, "bln": 1e9, "mn": 1e6, "bn": 1e9, "tn": 1e12, "m": 1e6,
                        "b": 1e9, "k": 1e3}
_MULTIPLIERS = {**{word: float(SCALES[word]) for word in _MONEY_SCALES}, **_SCALE_ABBREVIATIONS}
# Long scale words may stand apart ("2 billion"); abbreviations must hug the number or follow
# one space ("$21M", "£40m", "$1.5 bn") and end at a word boundary so "5 miles" is no match.
_MULT = (rf"(?:\s?(?:{'|'.join(_MONEY_SCALES)})"
         rf"|\s?(?:{'|'.join(_SCALE_ABBREVIATIONS)})\b)")
_SYMBOL_RE = "|".join(re.escape(s) for s in sorted(_SYMBOLS, key=len, reverse=True))
_CODE_RE = "|".join(_CODES)
_WORD_RE = "|".join(sorted(_WORDS, key=len, reverse=True))

# Each pattern with the characters or words one of which every match of it holds (as the
# pattern reads case: "zł" is "ZŁ" too), so that a text without them is not scanned; () for
# a pattern scanned always.
_MONEY_PATTERNS = (
    # $21M, €300 million, US$ 5bn
    (re.compile(rf"(?P<cur>{_SYMBOL_RE})\s?(?P<num>{_DIGITS})(?P<mult>{_MULT})?", re.I),
     tuple(sorted({case for symbol in _SYMBOLS for case in (symbol[-1], symbol[-1].upper())}))),
    # USD 5 million
    (re.compile(rf"\b(?P<cur>{_CODE_RE})\s?(?P<num>{_DIGITS})(?P<mult>{_MULT})?\b"), _CODES),
    # 20 million euros, 20-million-euro, two billion dollars, 5 million USD
    (re.compile(
        rf"\b(?P<num>{_NUM})(?P<mult>[- ]?(?:thousand|million|billion|trillion)|"
        rf"\s?(?:mln|bln|mn|bn|tn|m|b|k)\b)?[- ](?P<cur>{_WORD_RE}|{_CODE_RE})\b",
        re.I,
    ), ()),
    # a billion euros
    (re.compile(rf"\b(?P<num>an?)\s(?P<mult>thousand|million|billion|trillion)\s"
                rf"(?P<cur>{_WORD_RE}|{_CODE_RE})\b", re.I), ()),
)
_APPROX_RE = re.compile(
    r"\b(?:approximately|approx\.|about|around|roughly|nearly|almost|some|an estimated|"
    r"estimated|up to|more than|over|close to|at least|just over|just under|less than|"
    r"circa|c\.)\s*$",
    re.I,
)


def _currency_code(raw: str) -> str | None:
    lowered = raw.lower()
    if lowered in _SYMBOLS:
        return _SYMBOLS[lowered]
    if raw.upper() in _CODES:
        return raw.upper()
    for pattern, code in _WORDS.items():
        if re.fullmatch(pattern, lowered):
            return code
    return None


def _multiplier(raw: str | None) -> float:
    if not raw:
        return 1.0
    return _MULTIPLIERS.get(raw.strip(" -").lower(), 1.0)


def _money_from_match(text: str, match: re.Match[str]) -> Money | None:
    currency = _currency_code(match.group("cur"))
    raw_num = match.group("num")
    number = 1.0 if raw_num.lower() in ARTICLES else parse_number(raw_num.replace("-", " "))
    if currency is None or number is None:
        return None
    approximate = bool(_APPROX_RE.search(text[max(0, match.start() - 20):match.start()]))
    return Money(
        span=Span(match.start(), match.end()),
        value=number * _multiplier(match.group("mult")),
        currency=currency,
        approximate=approximate,
    )


def _drop_overlaps(spans: list[Money]) -> list[Money]:
    """Keep the longest of overlapping readings ("2 billion euros" over "2 billion e...")."""
    kept: list[Money] = []
    for item in sorted(spans, key=lambda m: (m.span.start, -(m.span.end - m.span.start))):
        if kept and kept[-1].span.overlaps(item.span):
            continue
        kept.append(item)
    return kept


def find_money(text: str) -> list[Money]:
    """Every money amount in ``text`` with value, ISO currency and whether it is hedged."""
    found = []
    for pattern, needs in _MONEY_PATTERNS:
        if needs and not any(need in text for need in needs):
            continue
        for match in pattern.finditer(text):
            money = _money_from_match(text, match)
            if money is not None:
                found.append(money)
    return _drop_overlaps(found)


# --- votes -----------------------------------------------------------------------------


@dataclass(frozen=True)
class VoteTally:
    span: Span
    for_: int
    against: int | None = None
    abstain: int | None = None


# A tally is only read in a sentence that talks about voting, so "won 3-1" or "from 250 to
# 180 staff" elsewhere never turn into votes.
_VOTE_CONTEXT = re.compile(
    r"\b(?:vot\w*|ballot|approv\w*|pass(?:ed|es)?|adopt\w*|reject\w*|ratif\w*|back(?:ed)?|"
    r"endors\w*|abstain\w*|abstention\w*|in favou?r|motion|bill|parliament|mps|lawmakers)\b",
    re.I,
)
_VOTERS = (r"(?:mps|members(?: of parliament)?|lawmakers|legislators|deputies|senators|"
           r"parliamentarians|representatives|delegates|councillors|votes|countries|states)")
_DASHED = re.compile(r"(?<![\d-])(?P<f>\d+)\s?[-–]\s?(?P<a>\d+)(?:\s?[-–]\s?(?P<x>\d+))?(?![\d-])")
_TO = re.compile(
    rf"(?<!from )(?<!between )\b(?P<f>{_NUM})\s+(?:{_VOTERS}\s+)?(?:to|against)\s+(?P<a>{_NUM})\b"
    rf"(?!\s*(?:per ?cent|%))",
    re.I,
)
_FOR = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:{_VOTERS}\s+)?(?:(?:had\s+)?voted\s+|were\s+|was\s+)?"
    rf"(?:in\s+favou?r|for\b|yes\b)",
    re.I,
)
_AGAINST = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:{_VOTERS}\s+)?(?:(?:had\s+)?voted\s+|were\s+|was\s+)?against\b"
    rf"(?!\s+(?:{_NUM})\b)",
    re.I,
)
_ABSTAIN = re.compile(
    rf"\b(?P<n>{_NUM})\s+(?:{_VOTERS}\s+)?(?:abstained|abstentions?|(?:chose|decided) to abstain)"
    rf"|\babstentions?:?\s+(?P<n2>{_NUM})\b",
    re.I,
)
# Sentence ends: terminal punctuation before a capital, a quote or the end (keeps "1.5" whole).
_ISO_DATE = re.compile(r"\d{4}-\d{2}(?:-\d{2})?")


def _count(raw: str | None) -> int | None:
    if raw is None:
        return None
    value = parse_number(raw.replace("-", " ") if not raw[0].isdigit() else raw)
    return int(value) if value is not None else None


def _abstentions(sentence: str) -> tuple[int | None, int | None]:
    """Number of abstentions in the sentence and where the phrase ends."""
    match = _ABSTAIN.search(sentence)
    if not match:
        return None, None
    return _count(match.group("n") or match.group("n2")), match.end()


def _tally_in_sentence(sentence: str, offset: int) -> VoteTally | None:
    abstain, abstain_end = _abstentions(sentence)
    for pattern in (_DASHED, _TO):
        for match in pattern.finditer(sentence):
            if _ISO_DATE.fullmatch(match.group(0).replace(" ", "")):
                continue
            third = match.groupdict().get("x")
            end = max(match.end(), abstain_end or 0) if abstain is not None else match.end()
            return VoteTally(
                span=Span(offset + match.start(), offset + end),
                for_=_count(match.group("f")) or 0,
                against=_count(match.group("a")),
                abstain=_count(third) if third else abstain,
            )
    return _tally_from_phrases(sentence, offset, abstain, abstain_end)


def _tally_from_phrases(
    sentence: str, offset: int, abstain: int | None, abstain_end: int | None
) -> VoteTally | None:
    """'103 MPs voted in favour ..., one was against, and three abstained'."""
    in_favour = _FOR.search(sentence)
    if not in_favour:
        return None
    against = _AGAINST.search(sentence)
    ends = [in_favour.end()] + [m for m in (against.end() if against else None, abstain_end) if m]
    return VoteTally(
        span=Span(offset + in_favour.start(), offset + max(ends)),
        for_=_count(in_favour.group("n")) or 0,
        against=_count(against.group("n")) if against else None,
        abstain=abstain,
    )


def find_votes(text: str) -> list[VoteTally]:
    """Vote tallies (for / against / abstentions), at most one per sentence."""
    tallies = []
    for start, end in _sentences(text):
        sentence = text[start:end]
        if not _VOTE_CONTEXT.search(sentence):
            continue
        tally = _tally_in_sentence(sentence, start)
        if tally is not None:
            tallies.append(tally)
    return tallies


def _sentences(text: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in STOP_BEFORE_OPENER.finditer(text):
        bounds.append((start, match.end()))
        start = match.end()
    if text[start:].strip():
        bounds.append((start, len(text)))
    return bounds
