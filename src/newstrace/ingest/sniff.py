"""Which reader an input needs, told by its content first and its name second: a .txt that is
really a web page, a feed saved as .xml, a WARC without a suffix, anything gzipped."""

from __future__ import annotations

import json
import re
import zlib
from typing import Literal

# "xml" is XML of another vocabulary (a sitemap, NewsML): told apart so that it is refused by
# name rather than read as if its markup were a report.
Kind = Literal["text", "jsonl", "csv", "html", "feed", "warc", "xml"]

GZIP_MAGIC = b"\x1f\x8b"
# The bytes looked at to tell a kind: a page's <html> or a feed's root element comes well
# within the first few kilobytes, after any XML declaration, comments and doctype.
HEAD_BYTES = 8192
# Names that say CSV (a CSV file's content is also text) or JSONL (whose first line may be
# the broken one): told by name when the content is not markup or an archive.
TABLE_SUFFIXES = (".csv", ".tsv")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
# Files a directory walk reads (with or without .gz); other suffixes are skipped and counted.
# Files without a suffix are read when their content is a kind we read.
DIRECTORY_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml", ".shtml", ".xml", ".rss",
                      ".atom", ".rdf", ".warc", *JSONL_SUFFIXES, *TABLE_SUFFIXES)

FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
TABLE_SEPARATORS = re.compile(r"[,;\t|]")
HTML_ROOT = re.compile(rb"<html[\s>]", re.IGNORECASE)
HTML_MARK = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|div|p|title|meta)[\s>/]",
                       re.IGNORECASE)


def unpack(data: bytes) -> tuple[bytes, bool]:
    """The input with gzip taken off (every member: a WARC.gz is one per record), and whether
    it was whole. A cut-short gzip gives what could be read and False."""
    if not data.startswith(GZIP_MAGIC):
        return data, True
    parts = []
    while data:
        decompressor = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
        try:
            parts.append(decompressor.decompress(data))
        except zlib.error:
            return b"".join(parts), False
        if not decompressor.eof:
            return b"".join(parts), False
        data = decompressor.unused_data
        # Padding after the last member (some writers add NULs) ends the stream.
        if not data.startswith(GZIP_MAGIC):
            break
    return b"".join(parts), True


def sniff(name: str, data: bytes, text_column: str = "text") -> Kind | None:
    """The kind of an input from its (unpacked) bytes and its name; None for binary data that
    no reader reads. A table without a name (stdin) is told by its header naming the column
    that holds the text."""
    head = data[:HEAD_BYTES]
    start = head.lstrip(b"\xef\xbb\xbf\xfe\xff \t\r\n\x00")
    if start.startswith(b"WARC/"):
        return "warc"
    if _binary(head):
        return None
    if start.startswith(b"<"):
        # A feed's root comes before any page markup its entries quote.
        feed, page = FEED_ROOT.search(head), HTML_ROOT.search(head)
        if feed and (page is None or feed.start() < page.start()):
            return "feed"
        if HTML_MARK.search(head):
            return "html"
        if start.startswith(b"<?xml"):
            return "xml"
    suffix = name.lower().removesuffix(".gz")
    if suffix.endswith(JSONL_SUFFIXES) or (start.startswith(b"{") and _json_line(data)):
        return "jsonl"
    # A header naming the text column tells a table only where no name can (stdin, a file
    # without a suffix): a .txt report may open with any words.
    if suffix.endswith(TABLE_SUFFIXES) or ("." not in suffix.rsplit("/", 1)[-1]
                                           and _table_header(start, text_column)):
        return "csv"
    return "text"


def _binary(head: bytes) -> bool:
    """NUL bytes at both byte parities (UTF-16 text has them at one only), or many control
    bytes: an image, a PDF, an office file."""
    if not head:
        return False
    pairs = max(1, len(head) // 2)
    if head[0::2].count(0) / pairs > 0.05 and head[1::2].count(0) / pairs > 0.05:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\t\n\r\f\x00")
    return controls / len(head) > 0.05


def _table_header(start: bytes, text_column: str) -> bool:
    line = start.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    cells = [cell.strip().strip('"') for cell in TABLE_SEPARATORS.split(line)]
    return len(cells) > 1 and text_column in cells


def _json_line(data: bytes) -> bool:
    """Whether the first line is a JSON object: a JSONL file, not a text opening with "{"."""
    line = data.lstrip().split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line.decode("utf-8", errors="replace")), dict)
    except ValueError:
        return False
