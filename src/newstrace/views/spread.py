"""Who reported it first and who relayed it: a statement or event carried by several
documents is one fact, with its first report and every outlet that carried it, the day each
did, and whether that outlet's document is a copy of the first report (wire copy, see
resolve/copies.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import Any

from sqlalchemy import ColumnElement, or_, select

from newstrace.resolve.names import fold
from newstrace.store import Store, reading
from newstrace.store.connections import reading_connection
from newstrace.store.counts import argument_strings
from newstrace.store.schema import documents, events, quotes
from newstrace.views.shared import matches, matching_entities, shown_arguments
from newstrace.views.timeline import taking_part

# Two quotes are one statement when most of the shorter one's word pairs are in the other: a
# partial quote inside the full one, or the same words edited by a copy desk. Pairs, not
# words: two things one person said share "we will" and "the", seldom most of their pairs.
SAME_WORDS = 0.6
# A quote of fewer words matches only the same words: "no comment" is said by many.
FEW_WORDS = 4
UNKNOWN_OUTLET = "(outlet unknown)"


@dataclass
class Carried:
    """One report of a fact: a quote or an event in one document."""

    document: str
    outlet: str | None
    published: date | None
    text: str  # the quote's words, or the event's evidence
    detail: dict[str, Any]  # speaker and relays of a quote; type and roles of an event
    words: tuple[str, ...] = ()


def spread_rows(
    store: Store, kind: str | None = None, speaker: str | None = None,
    entity: str | None = None, since: date | None = None, until: date | None = None,
    min_reports: int = 2,
) -> list[dict[str, Any]]:
    """One row per fact carried by at least ``min_reports`` documents: ``kind`` (statement
    or event), ``fact``, ``first`` (document, outlet, published), ``reports`` (each document
    with its outlet, day and ``copy_of_first``) and ``outlets`` in the order they carried it.
    ``since``/``until`` bound the first report's publication day."""
    order = store.stored_order()
    copies = {frozenset((link.document_id, link.copy_of_id)) for link in store.copy_links()}
    facts: list[tuple[str, list[Carried]]] = []
    if kind in (None, "statement"):
        facts += [("statement", group) for group in same_statements(
            _quotes(store, [n for n in (speaker, entity) if n], copies), copies)]
    if kind in (None, "event") and speaker is None:
        facts += [("event", group) for group in _events(store, entity).values()]
    rows = []
    for fact_kind, reports in facts:
        if len({r.document for r in reports}) < min_reports:
            continue
        reports = _one_per_document(reports, order)
        first = reports[0]
        if not _in_range(first.published, since, until):
            continue
        if fact_kind == "statement":
            speakers = {r.detail["speaker"] for r in reports}
            if not matches(speaker, *speakers) or not matches(entity, *speakers):
                continue
        elif not matches(entity, *(p for r in reports for p in r.detail["participants"])):
            continue
        rows.append(_row(fact_kind, reports, copies))
    return sorted(rows, key=lambda r: (r["first"]["published"] or "9999", r["fact"]))


def _quotes(store: Store, speakers: list[str],
            copies: set[frozenset[str]]) -> dict[str | None, list[Carried]]:
    """Every quote a fact by one of ``speakers`` (all, when none is given) may hold, by
    speaker id, read in SQL ordered by speaker: the speakers' own quotes, and those of
    documents a copy links, with every quote by a speaker who speaks in one."""
    conditions: list[ColumnElement[bool]] = []
    for needle in speakers:
        ids = matching_entities(store, needle, with_aliases=False, speaking=True)
        texts = reading.matching_values(store, ["speaker"], needle)
        linked = sorted({document for pair in copies for document in pair})
        in_copies = quotes.c.document_id.in_(linked)
        copied_speakers = select(quotes.c.speaker_id).where(in_copies)
        conditions.append(or_(quotes.c.speaker_id.in_(ids), quotes.c.speaker_text.in_(texts),
                              in_copies, quotes.c.speaker_id.in_(copied_speakers)))
    query = (select(quotes.c.document_id, quotes.c.speaker_id, quotes.c.speaker_text,
                    quotes.c.relays, documents.c.outlet, documents.c.published,
                    reading.evidence_text(quotes.c.content_start, quotes.c.content_end)
                    .label("words"))
             .join(documents, documents.c.id == quotes.c.document_id).where(*conditions)
             .order_by(quotes.c.speaker_id.asc().nulls_first(), *reading.DOCUMENT_ORDER,
                       *reading.STATEMENT_ORDER))
    with reading_connection(store) as conn:
        rows = conn.execute(query).all()
    name_of = reading.names(store, (i for row in rows for i in (row.speaker_id,
                                                                 *(row.relays or []))))

    def name(entity_id: str) -> str:
        return name_of.get(entity_id, entity_id)

    by_speaker: dict[str | None, list[Carried]] = {}
    for row in rows:
        by_speaker.setdefault(row.speaker_id, []).append(Carried(
            row.document_id, row.outlet, row.published, row.words,
            {"speaker_id": row.speaker_id,
             "speaker": (name(row.speaker_id) if row.speaker_id else None)
             or row.speaker_text or "(unknown)",
             "relays": [name(r) for r in row.relays or []]},
            tuple(fold(row.words).split())))
    return by_speaker


def _events(store: Store, entity: str | None) -> dict[str, list[Carried]]:
    """Every report of each event (``entity`` takes part in), by event and step."""
    conditions = [events.c.event_id.in_(taking_part(store, entity))] if entity else []
    rows = list(reading.event_rows(store, conditions, [reading.evidence_text(
        events.c.evidence_start, events.c.evidence_end).label("evidence")]))
    name_of = reading.names(store, (i for row in rows for i in argument_strings(row.args)))
    found: dict[str, list[Carried]] = {}
    for row in rows:
        roles = shown_arguments(row.args, name_of)
        # As in the timeline: a withdrawal's decision, notice and effect are three facts.
        found.setdefault(f"{row.event_id}/{row.step or ''}", []).append(Carried(
            row.document_id, row.outlet, row.published, row.evidence,
            {"type": row.type, "date": row.date, "roles": roles,
             "participants": [v for v in roles.values() if isinstance(v, str)]}))
    return found


def similar(words: tuple[str, ...], other: tuple[str, ...]) -> bool:
    if min(len(words), len(other)) < FEW_WORDS:
        return words == other and bool(words)
    pairs, other_pairs = set(pairwise(words)), set(pairwise(other))
    return len(pairs & other_pairs) >= SAME_WORDS * min(len(pairs), len(other_pairs))


def similar_within(group: list[Carried]) -> Iterator[tuple[int, int]]:
    """The pairs of one speaker's quotes with similar words, each compared only with those
    it can be like (not every pair): a short quote with the same words, a longer one with
    the quotes that share a word pair with it (similar ones share at least two)."""
    same_words: dict[tuple[str, ...], int] = {}
    having: dict[tuple[str, str], list[int]] = {}
    pair_count: dict[int, int] = {}
    for b, quote in enumerate(group):
        if len(quote.words) < FEW_WORDS:
            if quote.words and same_words.setdefault(quote.words, b) != b:
                yield same_words[quote.words], b
            continue
        pairs = set(pairwise(quote.words))
        pair_count[b] = len(pairs)
        shared = Counter(a for pair in pairs for a in having.get(pair, ()))
        for a, count in sorted(shared.items()):  # as `similar` counts them
            if count >= SAME_WORDS * min(pair_count[a], len(pairs)):
                yield a, b
        for pair in pairs:
            having.setdefault(pair, []).append(b)


def same_statements(by_speaker: dict[str | None, list[Carried]],
                    copies: set[frozenset[str]]) -> list[list[Carried]]:
    """Quotes grouped into statements: the same speaker and similar words, or similar words
    in two documents one of which copies the other (whoever each names as the speaker)."""
    quotes = [q for group in by_speaker.values() for q in group]
    parent = list(range(len(quotes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    start = 0  # where the speaker's quotes begin in the list of all quotes
    for speaker_id, group in by_speaker.items():
        for a, b in similar_within(group) if speaker_id is not None else ():
            join(start + a, start + b)
        start += len(group)
    by_document: dict[str, list[int]] = {}
    for i, quote in enumerate(quotes):
        by_document.setdefault(quote.document, []).append(i)
    for pair in copies:
        one, another = sorted(pair)
        for i in by_document.get(one, []):
            for j in by_document.get(another, []):
                if similar(quotes[i].words, quotes[j].words):
                    join(i, j)
    groups: dict[int, list[Carried]] = {}
    for i, quote in enumerate(quotes):
        groups.setdefault(root(i), []).append(quote)
    return list(groups.values())


def _one_per_document(reports: list[Carried], order: dict[str, int]) -> list[Carried]:
    """The fact's reports, one per document, first report first: the earliest published,
    then the one stored first (an undated report comes after every dated one)."""
    first_of: dict[str, Carried] = {}
    for report in sorted(reports, key=lambda r: (r.published or date.max,
                                                 order.get(r.document, len(order)), r.document)):
        first_of.setdefault(report.document, report)
    return list(first_of.values())


def _in_range(day: date | None, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) \
        and (until is None or day <= until)


def _row(kind: str, reports: list[Carried], copies: set[frozenset[str]]) -> dict[str, Any]:
    first = reports[0]
    if kind == "statement":  # named by a report that knows the speaker, if any does
        known = next((r for r in reports if r.detail["speaker_id"]), first)
        fact = f"{known.detail['speaker']}: {first.text}"
    else:
        fact = f"{first.detail['type']} ({first.detail['date'] or 'date unknown'}): {first.text}"
    outlets: list[str] = []
    for report in reports:
        if (report.outlet or UNKNOWN_OUTLET) not in outlets:
            outlets.append(report.outlet or UNKNOWN_OUTLET)
    return {
        "kind": kind, "fact": fact,
        "first": {"document": first.document, "outlet": first.outlet,
                  "published": first.published.isoformat() if first.published else None},
        "reports": [{
            "document": r.document, "outlet": r.outlet,
            "published": r.published.isoformat() if r.published else None,
            "copy_of_first": frozenset((r.document, first.document)) in copies,
            "text": r.text, **{k: v for k, v in r.detail.items() if k != "speaker_id"},
        } for r in reports],
        "outlets": outlets,
    }
