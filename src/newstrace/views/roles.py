"""An entity's roles over time, from what is stored: the gazetteer's terms of office for
the entry it is known as, the titles reports write before its name ("Defence Minister X",
read as resolve/roles reads them) and the descriptions reports refer to it by ("the
minister"), each role with the first and last day a report gives it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from newstrace.config import Options
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.resolve.names import fold
from newstrace.resolve.roles import TITLE_WINDOW_CHARS, role_of_title, title_before
from newstrace.store import Store
from newstrace.store.connections import reading_connection
from newstrace.store.reading import DOCUMENT_ORDER
from newstrace.store.schema import documents, entities, mentions

# Mentions that describe rather than name (extract/mentions.py): a role phrase, an
# appositive, a descriptor.
DESCRIBING = ("role", "appositive", "descriptor")


def role_rows(store: Store, entity_id: str, options: Options | None = None
              ) -> list[dict[str, Any]]:
    """One row per role: role, country (terms of office), basis ("reference", "title" or
    "description"), since and until (ISO days), reports (how many mentions give it) and
    the first report's document and words; in order of ``since``."""
    gazetteer = load_gazetteer(tuple((options or Options()).gazetteer_files))
    found: dict[tuple[str, str], dict[str, Any]] = {}
    with reading_connection(store) as conn:
        known_as = conn.execute(select(entities.c.known_as)
                                .where(entities.c.id == entity_id)).scalar()
        entry = gazetteer.entries.get(known_as or "")
        for term in entry.roles if entry else []:
            found[(term.role, "reference")] = {
                "role": term.role, "country": term.country, "basis": "reference",
                "since": term.start.isoformat() if term.start else None,
                "until": term.end.isoformat() if term.end else None, "reports": 0,
                "document": None, "text": None}
        # What the text says just before a mention: the window resolve/roles reads a title in.
        before = case((mentions.c.start > TITLE_WINDOW_CHARS,
                       mentions.c.start - TITLE_WINDOW_CHARS), else_=0)
        rows = conn.execute(
            select(mentions.c.document_id, mentions.c.text, mentions.c.origin,
                   documents.c.published,
                   func.substr(documents.c.text, before + 1, mentions.c.start - before)
                   .label("window"))
            .join(documents, documents.c.id == mentions.c.document_id)
            .where(mentions.c.entity_id == entity_id)
            .order_by(*DOCUMENT_ORDER, mentions.c.start))
        for row in rows:
            role: str | None
            if row.origin in DESCRIBING:
                role, basis, words = " ".join(fold(row.text).split()), "description", row.text
            else:
                title = title_before(row.window, len(row.window))
                role, basis, words = role_of_title(title, gazetteer), "title", " ".join(title)
            if role:
                _add(found, role, basis, row, words)
    return sorted(found.values(), key=lambda r: (r["since"] or "", r["role"], r["basis"]))


def _add(found: dict[tuple[str, str], dict[str, Any]], role: str, basis: str, row: Any,
         words: str) -> None:
    day = row.published.isoformat() if row.published else None
    given = found.setdefault((role, basis), {
        "role": role, "country": None, "basis": basis, "since": day, "until": day,
        "reports": 0, "document": row.document_id, "text": words})
    given["reports"] += 1
    if day and (given["until"] is None or day > given["until"]):
        given["until"] = day
    if day and given["since"] is None:
        given["since"] = day
