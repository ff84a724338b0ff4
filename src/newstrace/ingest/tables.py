"""Records: JSONL lines and CSV rows, each a document, their columns named by the caller's
mapping (`--map text=body,published=date`). A bad record is reported by line; the rest go on."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from typing import Any

from newstrace.clean.decode import decode_bytes
from newstrace.errors import InputError, LimitExceeded
from newstrace.ingest.inputs import (
    RECORD_FIELDS,
    Defaults,
    IngestProblem,
    checked_size,
    parse_date,
)
from newstrace.ingest.languages import detect_language
from newstrace.models import Document, SourceKind


def read_jsonl(
    where: str, data: bytes, defaults: Defaults, file: str | None
) -> Iterator[Document | IngestProblem]:
    raw = decode_bytes(data, where, allow_empty=True)
    # Only "\n" ends a record: JSON strings may hold U+2028 and other characters that
    # str.splitlines() would also split on.
    for number, line in enumerate(raw.split("\n"), start=1):
        line = line.removesuffix("\r")
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            yield document_from_record(json.loads(line), at, defaults, file, "jsonl")
        except json.JSONDecodeError as error:
            yield IngestProblem(at, f"[{InputError.code}] not valid JSON: {error.msg} at "
                                    f"column {error.colno}")
        except (InputError, LimitExceeded) as error:
            yield IngestProblem(at, str(error))


def read_csv(
    where: str, data: bytes, defaults: Defaults, file: str | None
) -> Iterator[Document | IngestProblem]:
    raw = decode_bytes(data, where, allow_empty=True)
    # A cell may hold a whole report: the csv module's default limit (128 KiB) is below the
    # longest document we take, which checked_size then refuses by name.
    csv.field_size_limit(max(csv.field_size_limit(), defaults.max_chars + 1))
    rows = csv.DictReader(raw.splitlines(keepends=True), dialect=_dialect(raw))
    try:
        header = rows.fieldnames or []
        missing = [column for column in defaults.columns.values() if column not in header]
        if defaults.column("text") not in header:
            missing.insert(0, defaults.column("text"))
        if missing:
            raise InputError(f"{where}: no column {', '.join(map(repr, missing))} in the header "
                             f"({', '.join(header)}); name the columns with --map")
        for row in rows:
            at = f"{where}:{rows.line_num}"
            try:
                yield document_from_record(row, at, defaults, file, "csv")
            except (InputError, LimitExceeded) as error:
                yield IngestProblem(at, str(error))
    except csv.Error as error:
        yield IngestProblem(f"{where}:{rows.line_num}", f"[{InputError.code}] bad CSV: {error}")


def _dialect(raw: str) -> type[csv.Dialect]:
    """Comma, semicolon or tab, as the header line shows; commas when it cannot tell."""
    header = raw.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=",;\t|")
    except csv.Error:
        return csv.excel


def document_from_record(
    record: object, where: str, defaults: Defaults, file: str | None, kind: SourceKind
) -> Document:
    if not isinstance(record, dict):
        raise InputError(f"{where}: expected a JSON object, got {type(record).__name__}")
    fields = _mapped(record, defaults.columns)
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: field {defaults.column('text')!r} is missing or empty")
    record_id = fields.get("id")
    return Document(
        text=checked_size(text, where, defaults),
        id=str(record_id) if record_id not in (None, "") else "",
        file=_text(fields.get("file")) or file,
        url=_text(fields.get("url")),
        title=_text(fields.get("title")),
        outlet=_text(fields.get("outlet")) or defaults.outlet,
        published=parse_date(fields.get("published"), where) or defaults.published,
        author=_text(fields.get("author")),
        language=detect_language(text, fields.get("language")),
        source_kind=kind,
    )


def _mapped(record: dict[str, Any], columns: Mapping[str, str]) -> dict[str, Any]:
    """The record's values under newstrace's field names: a mapped column, else the field's
    own name."""
    return {name: record.get(columns.get(name, name)) for name in RECORD_FIELDS}


def _text(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
