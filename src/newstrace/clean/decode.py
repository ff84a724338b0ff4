"""Decoding bytes to text, and an analysis view of the text with the same offsets."""

from __future__ import annotations

import codecs

from newstrace.errors import InputError
from newstrace.models import Span

# Share of control characters above which an input is taken to be binary, not text.
# Real text has almost none (tabs and newlines are not counted); 1% leaves room for stray bytes.
MAX_CONTROL_SHARE = 0.01

# Characters replaced one-for-one in the analysis view, so offsets stay the same:
# no-break and other unusual spaces read as spaces to the tokenizer.
SAME_LENGTH_REPLACEMENTS = str.maketrans({
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
})


def decode_bytes(data: bytes, where: str, allow_empty: bool = False) -> str:
    """Decode an input to str: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252.

    The text is kept exactly as decoded, so offsets point at the original characters.
    """
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[len(codecs.BOM_UTF8):], "utf-8", where)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16", where)
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            # Old Windows exports are the usual non-UTF-8 news text; cp1252 leaves five bytes
            # undefined, and latin-1 (which maps every byte) takes those.
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if not text.strip() and not allow_empty:
        raise InputError(f"{where}: input is empty")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if text and controls / len(text) > MAX_CONTROL_SHARE:
        raise InputError(f"{where}: input looks binary ({controls} control characters), not text")
    return text


def _decode(data: bytes, encoding: str, where: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(f"{where}: cannot decode as {encoding}: {error.reason}") from error


def analysis_view(text: str, blanks: list[Span] | None = None) -> str:
    """The text as the analysers see it: same length and offsets, odd spaces made plain, and
    `blanks` (datelines) turned to spaces so the parser does not take them for a subject."""
    view = text.translate(SAME_LENGTH_REPLACEMENTS)
    for span in blanks or []:
        view = view[:span.start] + " " * (span.end - span.start) + view[span.end:]
    return view
