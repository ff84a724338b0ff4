"""Read inputs into Documents; a bad input is reported by name and the rest go on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newstrace.clean.decode import decode_bytes
from newstrace.errors import InputError
from newstrace.models import Document

JSONL_SUFFIXES = (".jsonl", ".ndjson")
# The longest document analysed in one piece. News reports are a few thousand characters;
# a million is a book, and parsing it as one document would take many minutes.
MAX_DOCUMENT_CHARS = 1_000_000


def checked_size(text: str, where: str) -> str:
    if len(text) > MAX_DOCUMENT_CHARS:
        raise InputError(f"{where}: {len(text):,} characters is more than one document "
                         f"({MAX_DOCUMENT_CHARS:,} at most); split it into reports")
    return text


@dataclass
class IngestProblem:
    """One input (a file, or a line of a JSONL file) that could not be read."""

    where: str
    message: str


def parse_date(value: str | None, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise InputError(f"{where}: published date {value!r} is not YYYY-MM-DD") from error


def read_inputs(
    paths: list[str], published: date | None = None, outlet: str | None = None
) -> Iterator[Document | IngestProblem]:
    """Yield a Document for each readable input and an IngestProblem for each bad one.

    `published` and `outlet` apply to plain text files and fill JSONL fields left empty.
    Directories are walked for *.txt, *.jsonl and *.ndjson files.
    """
    for path in expand_paths(paths):
        try:
            if path.suffix.lower() in JSONL_SUFFIXES:
                yield from read_jsonl(path, published, outlet)
            else:
                yield read_text_file(path, published, outlet)
        except (InputError, OSError) as error:
            yield IngestProblem(str(path), str(error))


def expand_paths(paths: list[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in (".txt", *JSONL_SUFFIXES)
            )
        else:
            yield path


def read_text_file(path: Path, published: date | None, outlet: str | None) -> Document:
    text = checked_size(decode_bytes(path.read_bytes(), str(path)), str(path))
    return Document(text=text, file=str(path), published=published, outlet=outlet)


def read_jsonl(
    path: Path, published: date | None, outlet: str | None
) -> Iterator[Document | IngestProblem]:
    raw = decode_bytes(path.read_bytes(), str(path), allow_empty=True)
    # Only "\n" ends a record: JSON strings may hold U+2028 and other characters that
    # str.splitlines() would also split on.
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield document_from_record(json.loads(line), where, published, outlet, path)
        except json.JSONDecodeError as error:
            yield IngestProblem(where, f"[{InputError.code}] not valid JSON: {error.msg}")
        except InputError as error:
            yield IngestProblem(where, str(error))


def document_from_record(
    record: object, where: str, published: date | None, outlet: str | None, path: Path
) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: field 'text' is missing or empty")
    record_id = record.get("id")
    return Document(
        text=checked_size(text, where),
        id=str(record_id) if record_id not in (None, "") else "",
        file=record.get("file") or str(path),
        url=record.get("url"),
        title=record.get("title"),
        outlet=record.get("outlet") or outlet,
        published=parse_date(record.get("published"), where) or published,
    )
