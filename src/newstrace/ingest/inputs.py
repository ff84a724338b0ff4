"""What every reader shares: the caller's defaults, the problem record, the size limit and
date parsing."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from newstrace.config import Options
from newstrace.errors import InputError
from newstrace.limits import check_size
from newstrace.models import Document

# The Document fields a record's columns can fill (`--map text=body,published=date`).
RECORD_FIELDS = ("id", "text", "title", "outlet", "published", "url", "author", "language",
                 "file")


@dataclass
class IngestProblem:
    """One input (a file, a line or record of it, an archive) that could not be read, or a
    document stored without extraction; `message` says why."""

    where: str
    message: str


@dataclass(frozen=True)
class Defaults:
    """What the caller says of every input: a publication date and an outlet for inputs that
    do not name their own, and which column of a table or JSONL record holds which field."""

    published: date | None = None
    outlet: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    # The size limit (--max-chars): a longer document is refused as it is read.
    max_chars: int = Options.max_document_chars

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def parse_column_map(spec: str) -> dict[str, str]:
    """`text=body,published=date` -> {"text": "body", "published": "date"}."""
    columns: dict[str, str] = {}
    for pair in filter(None, (part.strip() for part in spec.split(","))):
        target, equals, column = pair.partition("=")
        target, column = target.strip(), column.strip()
        if not equals or not target or not column:
            raise InputError(f"--map: {pair!r} is not FIELD=COLUMN")
        if target not in RECORD_FIELDS:
            raise InputError(f"--map: {target!r} is not a field newstrace reads; "
                             f"the fields are {', '.join(RECORD_FIELDS)}")
        columns[target] = column
    return columns


def checked_size(text: str, where: str, defaults: Defaults) -> str:
    check_size(text, defaults.max_chars, where)
    return text


def parse_date(value: object, where: str) -> date | None:
    """A date the caller gave (a column, a field): YYYY-MM-DD, or a clear error."""
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise InputError(f"{where}: published date {value!r} is not a day in YYYY-MM-DD form "
                         f"({error})") from error


ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})")


def date_in(value: object) -> date | None:
    """The first ISO date in a value a page or archive gives (metadata, a WARC-Date), or None:
    metadata is a hint, never a reason to refuse the input."""
    return day_of(ISO_DATE.search(str(value or "")))


def day_of(match: re.Match[str] | None) -> date | None:
    """The day a year-month-day match names, or None when it names none (31 February)."""
    if not match:
        return None
    try:
        return date(*map(int, match.groups()))
    except ValueError:
        return None


# A NUL character read from an input becomes this one, one for one (offsets still match):
# PostgreSQL's text cannot hold NUL, and both databases must store the same text.
NUL_STAND_IN = "\ufffd"


def without_nul(items: Iterable[Document | IngestProblem]) -> Iterator[Document | IngestProblem]:
    """The documents read, each text field's NUL characters replaced by U+FFFD."""
    for item in items:
        if isinstance(item, Document):
            changed: dict[str, Any] = {
                f.name: value.replace("\x00", NUL_STAND_IN) for f in fields(item)
                if isinstance(value := getattr(item, f.name), str) and "\x00" in value}
            item = replace(item, **changed) if changed else item
        yield item

