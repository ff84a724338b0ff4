"""Web pages: the article's main text with trafilatura, and what the page says of itself
(title, date, author, outlet, language). The stored text is the extracted article, so every
offset refers to it; the page itself is kept as the document's source."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from courlan import extract_domain
from dateutil.parser import UnknownTimezoneWarning
from lxml.etree import ParserError
from trafilatura.settings import Document as ExtractedPage

from newstrace.clean.decode import decode_bytes
from newstrace.errors import InputError
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.ingest.inputs import Defaults, checked_size, date_in, day_of
from newstrace.ingest.languages import detect_language
from newstrace.models import Document, SourceKind

# A page's own charset declaration (<meta charset>, http-equiv), within its first bytes.
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w:.-]+)", re.IGNORECASE)
HTML_LANG = re.compile(r"<html[^>]*?\blang\s*=\s*[\"']?([\w-]+)", re.IGNORECASE)
# A date in the path, as news sites write it: /2024/03/05/ or /2024-03-05/.
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|\.|$)")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Elements that end a line when a fragment (a feed entry's summary) is flattened to text.
BLOCK_TAGS = ("p", "div", "br", "li", "tr", "blockquote", "section", "article", "header",
              "footer", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "ul", "ol")
# libxml2 (under lxml and trafilatura) builds a page's tree this many elements deep and drops
# what lies deeper; a page whose text lies only past it is refused by name (docs/limits.md).
PARSER_DEPTH = 256
TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*)[^>]*?(/?)>")
VOID_TAGS = frozenset(("area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "param", "source", "track", "wbr"))


@dataclass
class Article:
    """The main text of a page and its metadata, each None where the page does not say."""

    text: str
    title: str | None = None
    author: str | None = None
    published: date | None = None
    outlet: str | None = None
    language: str | None = None
    url: str | None = None


def decode_page(data: bytes, where: str, charset: str | None = None) -> str:
    """A page's bytes as text: the charset given (an HTTP header), else the page's own meta
    declaration, else detected."""
    declared = charset or _meta_charset(data)
    return decode_bytes(data, where, declared=declared)


def _meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def extract_article(page: str, url: str | None = None) -> Article | None:
    """The page's article, or None when it has no text at all.

    trafilatura's options, each measured on the article-extraction benchmark
    (bench/html_extraction.py): comments off (readers' comments are not the report, and the
    benchmark's truth leaves them out), precision favoured over recall (it drops share lines,
    related-story lists and captions that the default keeps: F1 0.970 against 0.957 for
    trafilatura's defaults), tables kept (a results table is part of a report).
    """
    with warnings.catch_warnings():
        # A page's odd time zone name ("L") makes dateutil warn on stderr; the date stays.
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        found = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, favor_precision=True,
            include_tables=True,
        )
    meta: dict[str, Any] = found.as_dict() if isinstance(found, ExtractedPage) else {}
    # A page with no article trafilatura recognises (a bare note): its visible text.
    text = meta.get("text") or fragment_text(page)
    if not text.strip():
        return None
    # A saved page names its own address (canonical link, og:url) when the caller cannot.
    url = url or meta.get("url") or None
    lang = HTML_LANG.search(page[:4096])
    return Article(
        text=text, title=meta.get("title") or None, author=meta.get("author") or None,
        published=date_in(meta.get("date")) or date_in_url(url),
        outlet=meta.get("sitename") or outlet_of_url(url),
        language=lang.group(1) if lang else None, url=url,
    )


def read_html(
    where: str, page: str, defaults: Defaults, file: str | None, url: str | None = None,
    captured: date | None = None, kind: SourceKind = "html",
) -> Document:
    """One page as a Document; `captured` (an archive's capture date) stands in for a page
    that gives no publication date."""
    article = extract_article(page, url)
    if article is None:
        depth = nesting_depth(page)
        if depth > PARSER_DEPTH:
            raise InputError(f"{where}: the page has no text within {PARSER_DEPTH} levels; its "
                             f"elements are nested {depth:,} deep, past what the HTML parser "
                             "reads")
        raise InputError(f"{where}: the page has no text")
    text = checked_size(article.text, where, defaults)
    return Document(
        text=text, file=file, url=article.url, title=article.title,
        outlet=article.outlet or defaults.outlet,
        published=article.published or captured or defaults.published,
        language=detect_language(text, article.language), source_kind=kind, source=page,
        author=article.author,
    )


def nesting_depth(page: str) -> int:
    """How deep a page's elements nest, counted from its tags (end tags a page leaves out,
    as HTML allows for <p> and <li>, count as nesting: an upper bound)."""
    depth = deepest = 0
    for closing, name, self_closing in TAG.findall(page):
        if closing:
            depth = max(depth - 1, 0)
        elif not self_closing and name.lower() not in VOID_TAGS:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def date_in_url(url: str | None) -> date | None:
    return day_of(URL_DATE.search(urlsplit(url).path if url else ""))


def outlet_of_url(url: str | None) -> str | None:
    """The outlet a web address names: the gazetteer's name for a domain it knows ("bbc.co.uk"
    -> BBC's entry), else the domain itself ("example.org")."""
    domain = extract_domain(url) if url else None
    if not domain:
        return None
    gazetteer = load_gazetteer()
    label = domain.split(".")[0]
    keyed = gazetteer.entries.get(label)
    if keyed is not None and keyed.type == "OUTLET":
        return keyed.name
    for form in (domain, label.upper(), label.capitalize()):
        keys = [key for key in gazetteer.by_alias.get(form, ())
                if gazetteer.entries[key].type == "OUTLET"]
        if len(keys) == 1:
            return gazetteer.entries[keys[0]].name
    return domain


def fragment_text(markup: str) -> str:
    """The visible text of an HTML fragment (a feed entry's content) or of a page with no
    article trafilatura recognises, a line per block."""
    # Control characters are not allowed in an lxml tree (a stray NUL in a damaged page).
    markup = CONTROL_CHARACTERS.sub("", markup)
    try:
        root = lxml.html.fromstring(markup)
    except (ParserError, ValueError, TypeError):  # nothing lxml can build a tree from
        return markup.strip()
    for hidden in root.xpath("//head|//script|//style|//noscript"):
        hidden.drop_tree()
    for element in root.iter(*BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)
