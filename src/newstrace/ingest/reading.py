"""The one entry of the ingest stage: paths (files, directories, `-` for stdin) to Documents,
each input read by the reader its content calls for. A bad input is reported by name and the
rest go on."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from pathlib import Path

from newstrace.config import Options
from newstrace.errors import InputError, LimitExceeded
from newstrace.ingest.feeds import read_feed
from newstrace.ingest.html import decode_page, read_html
from newstrace.ingest.inputs import Defaults, IngestProblem, without_nul
from newstrace.ingest.sniff import DIRECTORY_SUFFIXES, HEAD_BYTES, Kind, sniff, unpack
from newstrace.ingest.tables import read_csv, read_jsonl
from newstrace.ingest.text import read_text
from newstrace.ingest.warc import read_warc
from newstrace.models import Document

STDIN = "-"
STDIN_NAME = "<stdin>"


def read_inputs(
    paths: list[str], published: date | None = None, outlet: str | None = None,
    columns: Mapping[str, str] | None = None, not_read: Callable[[str], None] | None = None,
    max_chars: int = Options.max_document_chars,
) -> Iterator[Document | IngestProblem]:
    """Yield a Document for each readable input and an IngestProblem for each bad one.

    `published` and `outlet` apply to inputs that do not give their own; `columns` maps
    newstrace's field names to a table's or JSONL record's columns. Directories are walked
    for the kinds newstrace reads (gzipped too); each other file is passed to `not_read`.
    A document longer than `max_chars` is refused by name; a NUL character is read as
    U+FFFD (`without_nul`).
    """
    defaults = Defaults(published, outlet, dict(columns or {}), max_chars)
    for path in expand_paths(paths, not_read or (lambda _path: None)):
        where = STDIN_NAME if path == STDIN else str(path)
        try:
            if path == STDIN:
                yield from without_nul(read_bytes(where, sys.stdin.buffer.read(), defaults,
                                                  None))
            elif _is_archive(Path(path)):
                # Streamed record by record: an archive may be many gigabytes.
                with Path(path).open("rb") as stream:
                    yield from without_nul(read_warc(where, stream, defaults, path))
            else:
                refuse_oversized_text(Path(path), where, max_chars)
                yield from without_nul(read_bytes(where, Path(path).read_bytes(), defaults,
                                                  Path(path)))
        except (InputError, LimitExceeded, OSError) as error:
            yield IngestProblem(where, str(error))


# No encoding takes more than four bytes to a character (UTF-8 at most four, UTF-32 four).
MOST_BYTES_PER_CHARACTER = 4


def refuse_oversized_text(path: Path, where: str, max_chars: int) -> None:
    """A plain text file too big to hold `max_chars` characters in any encoding, refused by
    its size before it is read and decoded (a log or a dump: tens of megabytes)."""
    size = path.stat().st_size
    if size > MOST_BYTES_PER_CHARACTER * max_chars and _sniffed_head(path) == "text":
        raise LimitExceeded(f"{where}: {size:,} bytes of text, more characters than one "
                            f"document takes ({max_chars:,} at most, --max-chars); split it "
                            "into reports")


def expand_paths(paths: list[str], not_read: Callable[[str], None]) -> Iterator[str]:
    """The inputs the paths name; a directory's files in name order, hidden ones (".git",
    ".DS_Store") passed over without a word."""
    for name in paths:
        path = Path(name)
        if name == STDIN or not path.is_dir():
            yield name
            continue
        for found in sorted(p for p in path.rglob("*") if p.is_file()):
            if any(part.startswith(".") for part in found.relative_to(path).parts):
                continue
            if _readable_in_directory(found):
                yield str(found)
            else:
                not_read(str(found))


def _readable_in_directory(path: Path) -> bool:
    """A file of a kind we read, by its suffix; one without a suffix, by its content."""
    name = path.name.lower().removesuffix(".gz")
    if name.endswith(DIRECTORY_SUFFIXES):
        return True
    if "." in name.lstrip("."):
        return False
    return _sniffed_head(path) is not None


def _is_archive(path: Path) -> bool:
    return path.is_file() and _sniffed_head(path) == "warc"


def _sniffed_head(path: Path) -> Kind | None:
    """The kind of a file by its first bytes (unpacked as far as they go, when gzipped)."""
    with path.open("rb") as handle:
        head, _ = unpack(handle.read(HEAD_BYTES))
    return sniff(path.name, head)


def read_bytes(
    where: str, data: bytes, defaults: Defaults, path: Path | None
) -> Iterator[Document | IngestProblem]:
    """One input's documents, by the kind its content (then its name) shows."""
    packed = data
    data, whole = unpack(data)
    kind = sniff(where, data, defaults.column("text"))
    file = str(path) if path else None
    if kind == "warc":  # from stdin: warcio reads the gzip members itself
        yield from read_warc(where, io.BytesIO(packed), defaults, file)
        return
    if not whole:
        raise InputError(f"{where}: the gzip stream is cut short")
    if kind == "html":
        yield read_html(where, decode_page(data, where), defaults, file)
    elif kind == "feed":
        yield from read_feed(where, data, defaults, file, path.parent if path else None)
    elif kind == "jsonl":
        yield from read_jsonl(where, data, defaults, file)
    elif kind == "csv":
        yield from read_csv(where, data, defaults, file)
    elif kind == "xml":
        raise InputError(f"{where}: XML that is not a page or a feed (RSS, Atom); "
                         "newstrace does not read this kind")
    else:  # text, or binary data, which the text reader refuses by name
        yield read_text(where, data, defaults, file)
