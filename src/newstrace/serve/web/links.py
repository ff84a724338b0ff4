"""The pages' addresses, built in one place: every id is quoted into its path, so an id with
spaces, a slash or markup is still one address of ours."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote, urlencode, urlsplit


def entity_url(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe='')}"


def document_url(document_id: str, mark: tuple[int, int] | None = None) -> str:
    """A document's page; with ``mark``, those characters highlighted and scrolled to."""
    url = f"/documents/{quote(document_id, safe='')}"
    return f"{url}?mark={mark[0]}-{mark[1]}#mark" if mark else url


def statement_url(document_id: str, span: tuple[int, int]) -> str:
    """A statement: its document and the offsets of its words (a stored quote has no id)."""
    return f"/documents/{quote(document_id, safe='')}/statements/{span[0]}-{span[1]}"


def outlet_url(outlet: str) -> str:
    return f"/outlets/{quote(outlet, safe='')}"


def event_url(event_id: str) -> str:
    return f"/events/{quote(event_id, safe='')}"


def treaty_url(name: str, on: date | None = None) -> str:
    url = f"/treaties/{quote(name, safe='')}"
    return f"{url}?{urlencode({'on': on.isoformat()})}" if on else url


def web_address(url: str | None) -> str | None:
    """A document's own address as a link only when it is a web address: a stored
    ``javascript:`` or ``data:`` address is shown as text, never followed."""
    if not url:
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
