"""Web archives (WARC, WARC.gz): each HTML page an archive holds is a document, with its
address and, for a page that gives no date, the day it was captured. Other records (images,
requests, metadata, redirects) are skipped without a word; an archive cut short is reported by
name, and the pages before the cut are kept. Archives are read as a stream, record by record."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders

from newstrace.errors import InputError, LimitExceeded
from newstrace.ingest.html import decode_page, read_html
from newstrace.ingest.inputs import Defaults, IngestProblem, date_in
from newstrace.models import Document

PAGE_TYPES = ("text/html", "application/xhtml+xml")
# Bytes read at a time when a skipped record is drained to learn whether it is whole.
DRAIN_CHUNK = 1 << 16


class QuietArchiveIterator(ArchiveIterator):
    # warcio writes a note to stderr for each record whose declared length is wrong, which
    # would cut through the progress display; read_warc reports the archive by name instead.
    INC_RECORD = ""


def read_warc(
    where: str, stream: IO[bytes], defaults: Defaults, file: str | None
) -> Iterator[Document | IngestProblem]:
    """The pages of an archive, plain or gzipped (warcio reads the gzip members itself)."""
    records = QuietArchiveIterator(stream)
    for number, record in _records(records, where):
        if isinstance(record, IngestProblem):
            yield record
            return
        url = record.rec_headers.get_header("WARC-Target-URI")
        at = f"{where}: record {number} ({url})"
        try:
            yield read_html(at, decode_page(record.page, at, record.charset), defaults, file,
                            url=url, captured=date_in(record.rec_headers.get_header(
                                "WARC-Date")), kind="warc")
        except (InputError, LimitExceeded) as error:
            yield IngestProblem(at, str(error))
    if records.err_count:
        yield IngestProblem(where, f"[{InputError.code}] {records.err_count} records' "
                                   "declared lengths do not match their content; the pages "
                                   "read are kept")


@dataclass
class Page:
    """An archived HTML page: its record's headers, bytes and declared charset."""

    rec_headers: StatusAndHeaders
    page: bytes
    charset: str | None


def _records(
    records: ArchiveIterator, where: str
) -> Iterator[tuple[int, Page | IngestProblem]]:
    """The archive's HTML pages, numbered by record; a problem (and the end) where the
    archive is cut short or damaged. warcio raises errors of many kinds on damaged data, so
    reading is guarded here, apart from the extraction of each page."""
    number = 0
    try:
        for number, record in enumerate(records, start=1):
            page = _page_of(record)
            if _cut_short(record):
                yield number, _cut(where, number)
                return
            if page is not None:
                yield number, Page(record.rec_headers, page, _charset(record))
    except Exception as error:  # noqa: BLE001 - any failure of warcio on damaged bytes
        if number == 0:
            raise InputError(f"{where}: not a readable web archive: {error}") from error
        yield number + 1, _cut(where, number + 1)


def _cut(where: str, number: int) -> IngestProblem:
    return IngestProblem(where, f"[{InputError.code}] the archive is cut short or damaged in "
                                f"record {number}; the {number - 1} records before it were read")


def _cut_short(record: ArcWarcRecord) -> bool:
    """Whether the record ends before the length its header declares (read to its end first;
    warcio's reader counts down what is left to read)."""
    while record.raw_stream.read(DRAIN_CHUNK):
        pass
    return getattr(record.raw_stream, "limit", 0) > 0


def _page_of(record: ArcWarcRecord) -> bytes | None:
    """An HTML page's bytes: a successful response, or an archived resource, of a page type."""
    if record.rec_type == "response" and record.http_headers is not None:
        if not record.http_headers.get_statuscode().startswith("2"):
            return None
    elif record.rec_type != "resource":
        return None
    if not _content_type(record).startswith(PAGE_TYPES):
        return None
    page: bytes = record.content_stream().read()
    return page


def _content_type(record: ArcWarcRecord) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return (headers.get_header("Content-Type") or "").lower() if headers else ""


def _charset(record: ArcWarcRecord) -> str | None:
    _, _, charset = _content_type(record).partition("charset=")
    return charset.strip(" \"';") or None
