"""Plain text: one file (or stdin) is one document, its text exactly as decoded."""

from __future__ import annotations

from newstrace.clean.decode import decode_bytes
from newstrace.ingest.inputs import Defaults, checked_size
from newstrace.ingest.languages import detect_language
from newstrace.models import Document


def read_text(where: str, data: bytes, defaults: Defaults, file: str | None) -> Document:
    text = checked_size(decode_bytes(data, where), where, defaults)
    return Document(text=text, file=file, published=defaults.published, outlet=defaults.outlet,
                    language=detect_language(text), source_kind="text")
