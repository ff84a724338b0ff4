"""Decoding bytes to text, and an analysis view of the text with the same offsets."""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

from newstrace.errors import InputError
from newstrace.models import Span

# Share of control characters above which an input is taken to be binary, not text.
# Real text has almost none (tabs and newlines are not counted); 1% leaves room for stray bytes.
MAX_CONTROL_SHARE = 0.01
# The control characters counted: below U+0020, but for tab, line feed, form feed and carriage
# return. Counted by a pattern, which skips plain text far faster than a loop over characters.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

# Characters replaced one-for-one in the analysis view, so offsets stay the same:
# no-break and other unusual spaces read as spaces to the tokenizer. (A pattern finds them
# several times faster than `str.translate` looks up every character.)
ODD_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000]")

# The single-byte encodings news text comes in when it is not UTF-8, most common first (a tie
# goes to the earlier): Western and Central European Windows and ISO pages, Baltic, Cyrillic.
# charset-normalizer's own guess joins them (it knows the multi-byte Asian encodings), and
# latin-1, which maps every byte, comes last so that no input fails to decode.
SINGLE_BYTE_ENCODINGS = ("cp1252", "iso8859_2", "cp1250", "cp1257", "iso8859_13",
                         "cp1251", "koi8_r", "iso8859_7")
# Punctuation and signs a news text uses beyond ASCII; any other non-letter is taken as the
# mark of a wrong guess (a Latin-2 "ś" read as cp1252 is "¶", a cp1252 quote as Latin-2 a
# control character).
TEXT_SIGNS = set("“”‘’„‚«»‹›–—…•·€£¥°§©®™×÷±½¼¾²³¹º ª\u00a0\u202f\u2009"
                 "。、「」『』（）！？：・ー〜")
# Signs that may stand inside a word between two letters ("don’t", "Jean-Paul"); any other
# there is a wrong code page's letter.
INNER_SIGNS = set("’'-·.")
# Writing systems that alternate within one Japanese or Korean word.
EAST_ASIAN = {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC"}
# UTF-16 without a byte order mark: at least this share of NUL bytes at odd (or even)
# positions, as Latin-script text in UTF-16 has, and almost none at the others.
UTF16_NUL_SHARE = 0.3
UTF16_OTHER_NUL_SHARE = 0.05


def decode_bytes(data: bytes, where: str, allow_empty: bool = False,
                 declared: str | None = None) -> str:
    """Decode an input to str: a byte order mark, else UTF-16 by its NUL bytes, else valid
    UTF-8, else the `declared` encoding (an HTML meta tag, an HTTP header), else UTF-8 with a
    few broken bytes, else the most plausible of the usual encodings.

    Undecodable bytes never stop a run; binary input is refused. The text is kept exactly as
    decoded, so offsets point at the original characters.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[len(codecs.BOM_UTF8):], "utf-8", where)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16", where)
    else:
        text = _utf16_without_bom(data) or _strict_utf8(data) or _declared(data, declared) \
            or _utf8(data) or _most_plausible(data)
    if not text.strip() and not allow_empty:
        raise InputError(f"{where}: input is empty")
    controls = len(CONTROL_CHARACTER.findall(text))
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError(f"{where}: input looks binary ({controls} control characters), not text")
    return text


def _decode(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: cannot decode as {encoding}: {error.reason}") from error


def _declared(data: bytes, encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return data.decode(encoding)
    except (LookupError, UnicodeDecodeError):  # an unknown name, or a page that lies
        return None


def _strict_utf8(data: bytes) -> str | None:
    """Valid UTF-8 is taken before a declaration: pages declared as latin-1 but written in
    UTF-8 are common, and other encodings seldom form valid multi-byte sequences by chance."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _utf8(data: bytes) -> str | None:
    """UTF-8, or UTF-8 with a few broken bytes (each becomes U+FFFD) when the valid multi-byte
    characters outnumber them: a cut or spliced UTF-8 file, not another encoding, which seldom
    forms a valid multi-byte sequence by chance."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    if broken == 0:
        return text
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return text if multibyte >= broken else None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no byte order mark: NUL bytes at one parity only (the high bytes of Latin
    letters), which UTF-8 text never has and binary data seldom has so evenly."""
    if len(data) < 4 or len(data) % 2:
        return None
    pairs = len(data) // 2
    odd, even = data[1::2].count(0) / pairs, data[0::2].count(0) / pairs
    for encoding, nuls, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if nuls >= UTF16_NUL_SHARE and others < UTF16_OTHER_NUL_SHARE:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _most_plausible(data: bytes) -> str:
    """The decoding that reads most like text. charset-normalizer ranks the usual encodings
    (threshold 1.0 keeps every candidate: our score decides, its order only breaks ties, as
    between cp1250 and Latin-2, which share most letters) and adds its own guess among all
    encodings (the multi-byte Asian ones); latin-1, which maps every byte, is the last resort."""
    ranked = [match.encoding for match in
              from_bytes(data, cp_isolation=list(SINGLE_BYTE_ENCODINGS), threshold=1.0)]
    guess = from_bytes(data).best()
    best_text = data.decode("latin-1")
    best_score = plausibility(best_text)
    for encoding in [*ranked, *SINGLE_BYTE_ENCODINGS, *([guess.encoding] if guess else [])]:
        try:
            text = data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
        score = plausibility(text)
        if score > best_score:
            best_text, best_score = text, score
    return best_text


def plausibility(text: str) -> int:
    """How much a decoding looks like text: its non-ASCII letters count for it; stray signs,
    control characters, a change of script or of case inside a word, and a sign between two
    letters count against it (the marks a wrong code page leaves: "cafщ", "PÓjdê", "gê¶la")."""
    score = 0
    for word in text.split():
        if word.isascii():
            continue
        last_script = last_letter = ""
        for i, ch in enumerate(word):
            if ch.isalpha():
                script = _script(ch)
                if not ch.isascii():
                    score += 1
                if last_script and script != last_script:
                    score -= 3
                if ch.isupper() and last_letter.islower() and word[i - 1] == last_letter:
                    score -= 2
                if 0 < i and not word[i - 1].isalpha() and word[i - 1] not in INNER_SIGNS \
                        and last_letter:
                    score -= 2
                last_script, last_letter = script, ch
            elif not ch.isascii() and ch not in TEXT_SIGNS:
                score -= 3
    return score


def _script(letter: str) -> str:
    if letter.isascii():
        return "LATIN"
    script = unicodedata.name(letter, "?").split(" ")[0]
    return "CJK" if script in EAST_ASIAN else script


def analysis_view(text: str, blanks: list[Span] | None = None) -> str:
    """The text as the analysers see it: same length and offsets, odd spaces made plain, and
    `blanks` (datelines) turned to spaces so the parser does not take them for a subject."""
    view = ODD_SPACES.sub(" ", text)
    for span in blanks or []:
        view = view[:span.start] + " " * (span.end - span.start) + view[span.end:]
    return view
