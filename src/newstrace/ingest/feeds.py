"""RSS and Atom feeds: each entry a document. Its text is the page the entry links to when that
page is saved beside the feed, else the entry's own content or summary."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.sax import SAXParseException

import feedparser

from newstrace.clean.decode import decode_bytes
from newstrace.errors import InputError, LimitExceeded
from newstrace.ingest.html import decode_page, fragment_text, read_html
from newstrace.ingest.inputs import Defaults, IngestProblem, checked_size
from newstrace.ingest.languages import detect_language
from newstrace.models import Document, SourceKind

# The encoding an XML declaration names, taken out when the feed is handed on as UTF-8.
XML_ENCODING = re.compile(r"""\bencoding\s*=\s*["'][^"']*["']""")
# The XML parser's words for a document that ends before its elements do. Other faults (a bare
# "&", an HTML entity) feedparser reads past without loss, and are not reported.
CUT_SHORT = ("no element found", "unclosed token")


def read_feed(
    where: str, data: bytes, defaults: Defaults, file: str | None, folder: Path | None
) -> Iterator[Document | IngestProblem]:
    """The entries of a feed; `folder` is where the feed lies (linked pages are looked for
    there), None for stdin."""
    feed = _parsed(data, where)
    if not feed.entries:
        reason = f": {feed.bozo_exception}" if feed.bozo else ""
        raise InputError(f"{where}: a feed with no entries{reason}")
    kind: SourceKind = "atom" if str(feed.version).startswith("atom") else "rss"
    channel = feed.feed
    outlet = channel.get("title") or defaults.outlet
    declared = channel.get("language")
    for number, entry in enumerate(feed.entries, start=1):
        at = f"{where}: entry {number}"
        try:
            yield _entry_document(entry, at, outlet, declared, kind, defaults, file, folder)
        # OSError: a linked page that cannot be read
        except (InputError, LimitExceeded, OSError) as error:
            yield IngestProblem(at, str(error))
    broken = feed.bozo_exception if feed.bozo else None
    if isinstance(broken, SAXParseException) and broken.getMessage() in CUT_SHORT:
        yield IngestProblem(where, f"[{InputError.code}] the feed is cut short: its XML ends at "
                                   f"line {broken.getLineNumber()}, column "
                                   f"{broken.getColumnNumber()} ({broken.getMessage()}); the "
                                   f"{len(feed.entries)} entries begun were read as far as they go")


def _parsed(data: bytes, where: str) -> Any:
    """The feed as feedparser reads it: from a stream, so that it reads the bytes with their
    declared encoding and never takes the content for a file name or an address to fetch.
    Bytes that do not fit the declared encoding are decoded our way and declared UTF-8."""
    try:
        return feedparser.parse(io.BytesIO(data))
    except UnicodeDecodeError:
        text = XML_ENCODING.sub("", decode_bytes(data, where), count=1)
        return feedparser.parse(io.BytesIO(text.encode("utf-8")))


def _entry_document(
    entry: Any, where: str, outlet: str | None, declared: str | None, kind: SourceKind,
    defaults: Defaults, file: str | None, folder: Path | None,
) -> Document:
    link = entry.get("link")
    page = linked_page(link, folder)
    if page is not None:
        document = read_html(where, decode_page(page.read_bytes(), str(page)), defaults,
                             file, url=link, kind=kind)
        document.published = _entry_date(entry) or document.published
    else:
        published = _entry_date(entry) or defaults.published
        markup = _entry_markup(entry)
        text = checked_size(fragment_text(markup), where, defaults)
        if not text.strip():
            raise InputError(f"{where}: the entry has no content or summary")
        document = Document(text=text, file=file, url=link, published=published,
                            language=detect_language(text, declared), source_kind=kind,
                            source=markup)
    document.id = str(entry.get("id") or "") or document.id
    document.title = entry.get("title") or document.title
    document.author = entry.get("author") or document.author
    document.outlet = outlet or document.outlet
    return document


def linked_page(link: str | None, folder: Path | None) -> Path | None:
    """The saved copy of a linked page beside the feed: at the link's path under the feed's
    folder (a mirror of the site), or by the link's last segment (pages saved flat)."""
    if not link or folder is None:
        return None
    path = unquote(urlsplit(link).path).strip("/")
    if not path or ".." in Path(path).parts:
        return None
    for candidate in (folder / path, folder / Path(path).name):
        try:
            if candidate.is_file():
                return candidate
        except (OSError, ValueError):  # a name no file system takes (too long, a NUL)
            return None
    return None


def _entry_markup(entry: Any) -> str:
    """The fullest text an entry carries: its content, else its summary (both HTML)."""
    contents = [str(c.get("value") or "") for c in entry.get("content") or []]
    return max(contents, key=len, default="") or str(entry.get("summary") or "")


def _entry_date(entry: Any) -> date | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None
