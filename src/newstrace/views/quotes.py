"""Who said what: each statement with its chain (speaker, medium, relays) and the sentence
it was said in, read from the store in SQL with the filters in the query."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_

from newstrace.annotate.sentences import SENTENCE_BREAK
from newstrace.models import Span
from newstrace.store import Store
from newstrace.store.connections import reading_connection
from newstrace.store.reading import (
    BATCH,
    MAX_IN,
    Place,
    documents_of,
    entity_info,
    evidence_text,
    holding,
    matching_values,
    may_hold_words,
    mentioned_in_quote,
    names,
    one_of,
    statements,
    stored_dates,
    texts,
)
from newstrace.store.schema import documents, quotes
from newstrace.store.search import documents_quoting
from newstrace.views.shared import in_range, matches, matching_entities


def sentence_around(text: str, span: Span) -> str:
    """The sentence (or sentences) a span lies in, within its paragraph."""
    paragraph = text.rfind("\n", 0, span.start) + 1
    # Breaks from the paragraph's start on (one may begin with a stop just before it): a
    # long document is not read from its top for each quote.
    start = max(paragraph, max((m.end() for m in SENTENCE_BREAK.finditer(
        text, max(0, paragraph - 3), span.start)), default=0))
    # From the span's last character: a quote's content may end with the sentence's stop.
    end_match = SENTENCE_BREAK.search(text, max(span.start, span.end - 1))
    paragraph_end = text.find("\n", span.end)
    end = min(end_match.end("stop") if end_match else len(text),
              paragraph_end if paragraph_end >= 0 else len(text))
    return text[start:end].strip()


@dataclass(frozen=True)
class Said:
    """What a list of statements is filtered by (None: anything). Names are matched as a
    user types them, accents and case ignored; ``entity`` is an entity mentioned in the
    quote (by name, alias or id)."""

    speaker: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None
    outlet: str | None = None
    relay: str | None = None
    text: str | None = None


def quote_rows(
    store: Store, speaker: str | None = None, since: date | None = None,
    until: date | None = None, *, entity: str | None = None, outlet: str | None = None,
    relay: str | None = None, text: str | None = None, limit: int | None = None,
) -> list[dict[str, Any]]:
    """Statements in reading order (documents by publication day, then id; a document's
    in the order of their words), the first ``limit`` of them."""
    said = Said(speaker, since, until, entity, outlet, relay, text)
    return [row for _, row in islice(quote_stream(store, said, wanted=limit), limit)]


def quote_stream(store: Store, said: Said, start: Place | None = None,
                 wanted: int | None = None) -> Iterator[tuple[Place, dict[str, Any]]]:
    """The statements ``said`` picks from ``start`` on, each with the place after it (a
    page's cursor), read from the store a batch at a time (the first batch ``wanted`` rows,
    when a caller says how many it will take)."""
    conditions = _conditions(store, said)
    # The quote's words as SQL can check them: on each statement read, never through an
    # index (a common word is in a third of them; sorting those would cost more).
    holds = may_hold_words(evidence_text(quotes.c.content_start, quotes.c.content_end),
                           said.text) if said.text else None
    for batch in statements(store, conditions, start, min(wanted or BATCH, BATCH), holds):
        checked = [row for _, row in batch if row.checked]
        text_of = texts(store, (row.document_id for row in checked))
        name_of = names(store, (i for row in checked
                                for i in (row.speaker_id, row.medium_id, *(row.relays or []))))
        for place, row in batch:
            if not row.checked:
                continue
            shown = _row(row, text_of[row.document_id], name_of)
            if _kept(shown, row, said):
                yield place, shown


def _conditions(store: Store, said: Said) -> list[ColumnElement[bool]]:
    """The filters as SQL: a superset of the rows kept (each row is checked again as
    shown)."""
    found: list[ColumnElement[bool] | None] = []
    if said.speaker:
        ids = matching_entities(store, said.speaker, with_aliases=False, speaking=True)
        by_id, by_text = one_of(quotes.c.speaker_id, ids), one_of(
            quotes.c.speaker_text, matching_values(store, ["speaker"], said.speaker))
        found.append(None if by_id is None or by_text is None else or_(by_id, by_text))
    if said.since or said.until:
        dates = one_of(quotes.c.date, (
            d for d in stored_dates(store, "quote date", said.since, said.until)
            if in_range(d, said.since, said.until)))
        # Undated, as an expression no index of quotes answers: the documents' days lead.
        undated: list[ColumnElement[bool]] = [func.coalesce(quotes.c.date, "") == ""]
        undated += [documents.c.published >= said.since] if said.since else []
        undated += [documents.c.published <= said.until] if said.until else []
        found.append(None if dates is None else or_(dates, and_(*undated)))
    if said.outlet:
        found.append(one_of(documents.c.outlet, matching_values(store, ["outlet"], said.outlet)))
    if said.relay:  # in a document that refers to a relay (an index answers), then its JSON
        ids = matching_entities(store, said.relay, with_aliases=False)
        medium, relayed = one_of(quotes.c.medium_id, ids), holding(quotes.c.relays, ids)
        found.append(None if medium is None or relayed is None else and_(
            quotes.c.document_id.in_(documents_of(sorted(ids))), or_(medium, relayed)))
    if said.entity:  # an entity's id is that entity; a name is matched against every alias
        found.append(mentioned_in_quote([said.entity] if entity_info(store, [said.entity])
                                        else matching_entities(store, said.entity)))
    if said.text:  # the documents from the full-text index; each row checked as typed
        with reading_connection(store) as conn:
            quoting = documents_quoting(conn, said.text, MAX_IN)
        found.append(None if quoting is None else one_of(quotes.c.document_id, quoting))
    return [condition for condition in found if condition is not None]


def _row(row: Any, text: str, name_of: dict[str, str]) -> dict[str, Any]:
    def name(entity_id: str | None) -> str | None:
        return name_of.get(entity_id, entity_id) if entity_id else None

    speaker = name(row.speaker_id) or row.speaker_text
    medium = name(row.medium_id)
    relays = [name(r) for r in row.relays or []]
    content = Span(row.content_start, row.content_end)
    return {
        "chain": [speaker or "(unknown)", *([medium] if medium else []), *relays],
        "document": row.document_id, "speaker": speaker or "(unknown)",
        "sentence": sentence_around(text, content),
        "medium": medium, "relays": relays,
        "kind": row.kind, "date": row.date, "published": str(row.published or ""),
        "quote": content.text(text), "confidence": row.confidence,
    }


def _kept(shown: dict[str, Any], row: Any, said: Said) -> bool:
    """The filters on a statement as shown (what SQL could not say exactly)."""
    when = row.date or (row.published.isoformat() if row.published else None)
    return (matches(said.speaker, None if shown["speaker"] == "(unknown)" else shown["speaker"],
                    row.speaker_text)
            and in_range(when, said.since, said.until)
            and matches(said.outlet, row.outlet)
            and matches(said.relay, shown["medium"], *shown["relays"])
            and matches(said.text, shown["quote"]))
