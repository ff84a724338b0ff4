"""Who reported it first and who relayed it: a statement or event carried by several
documents is one fact, with its first report and every outlet that carried it, the day each
did, and whether that outlet's document is a copy of the first report (wire copy, see
resolve/copies.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select

from newstrace.resolve.names import fold
from newstrace.store import Store, reading
from newstrace.store.connections import reading_connection
from newstrace.store.counts import argument_strings
from newstrace.store.groups import NO_SPEAKER, similar, similar_within
from newstrace.store.schema import (
    document_copies,
    document_signatures,
    documents,
    events,
    quotes,
    statement_groups,
    statement_groups_pending,
)
from newstrace.views.shared import matches, matching_entities, shown_arguments
from newstrace.views.timeline import taking_part

# When two quotes are one statement: store/groups.py (`similar`), which keeps each stored
# quote's statement.
UNKNOWN_OUTLET = "(outlet unknown)"
# Publication days read from the index at a time while a page is filled.
DAYS_AT_ONCE = 32


@dataclass
class Carried:
    """One report of a fact: a quote or an event in one document."""

    document: str
    outlet: str | None
    published: date | None
    text: str  # the quote's words, or the event's evidence
    detail: dict[str, Any]  # speaker and relays of a quote; type and roles of an event
    words: tuple[str, ...] = ()
    at: tuple[int, int] = (0, 0)  # a quote's span in its document
    group: int | None = None  # a quote's statement, as stored (read when asked)
    event: str | None = None  # an event's report: its fact, "event id/step"
    seq: int | None = -1  # its document's place in the stored order (None: none; -1: unread)

    @property
    def key(self) -> tuple[str, int, int, str | None]:
        """One quote of a document (its span and speaker)."""
        return self.document, *self.at, self.detail.get("speaker_id")


def spread_rows(
    store: Store, kind: str | None = None, speaker: str | None = None,
    entity: str | None = None, since: date | None = None, until: date | None = None,
    min_reports: int = 2, *, wanted: int | None = None, after: SortKey | None = None,
    shown: int | None = None,
) -> list[dict[str, Any]]:
    """One row per fact carried by at least ``min_reports`` documents: ``kind`` (statement
    or event), ``fact``, ``first`` (document, outlet, published), ``reports`` (each document
    with its outlet, day and ``copy_of_first``) and ``outlets`` in the order they carried it;
    ordered by the first report's day (undated last), then fact. ``since``/``until`` bound
    the first report's publication day.

    With ``wanted`` (and no ``speaker`` or ``entity``, which narrow the facts read anyway),
    the facts are read a day of documents at a time from the day of ``after`` (a row's sort
    key, `sort_key`) until ``wanted`` rows come after it: the rows from the start of that
    day, those before ``after`` kept too, for the caller to slice. A page then costs what
    its days hold up to its last row, not the store.

    With ``shown``, each row lists only its first ``shown`` reports, with ``report_count``
    and ``outlet_count`` (of all its reports and outlets) and ``id``, the fact's name for
    `fact_reports`, which lists every report: a row then costs what it shows, however
    many documents carried the fact."""
    if wanted is not None and speaker is None and entity is None:
        return _by_day(store, kind, since, until, min_reports, wanted, after, shown)
    order = store.stored_order()
    copies = {frozenset((link.document_id, link.copy_of_id)) for link in store.copy_links()}
    facts: list[tuple[str, list[Carried]]] = []
    if kind in (None, "statement"):
        # the whole list reads the kept statements once all are settled (the same); a list
        # narrowed by speaker or entity groups the quotes it may hold when asked
        kept = _kept_statements(store) if speaker is None and entity is None else None
        if kept is None:
            kept = same_statements(_quotes(store, [n for n in (speaker, entity) if n], copies),
                                   copies)
        facts += [("statement", group) for group in kept]
    if kind in (None, "event") and speaker is None:
        facts += [("event", group) for group in _events(store, _taking_part(store, entity))
                  .values()]
    rows = []
    for fact_kind, reports in facts:
        row = _fact(fact_kind, reports, order, copies, min_reports, shown)
        if row is None or not _in_range(_day(row), since, until):
            continue
        # every report's speakers and participants, however few the row shows
        if fact_kind == "statement":
            speakers = {r.detail["speaker"] for r in reports}
            if not matches(speaker, *speakers) or not matches(entity, *speakers):
                continue
        elif not matches(entity, *(p for r in reports for p in r.detail["participants"])):
            continue
        rows.append(row)
    return sorted(rows, key=sort_key)


# A row's place in the list: its first report's day ("9999" when undated), then its fact.
SortKey = tuple[str, str]


def sort_key(row: dict[str, Any]) -> SortKey:
    return row["first"]["published"] or "9999", row["fact"]


def _day(row: dict[str, Any]) -> date | None:
    published = row["first"]["published"]
    return date.fromisoformat(published) if published else None


def _fact(kind: str, reports: list[Carried], order: dict[str, int],
          copies: set[frozenset[str]], min_reports: int,
          shown: int | None = None) -> dict[str, Any] | None:
    """A fact's row, or None when fewer than ``min_reports`` documents carried it."""
    if len({r.document for r in reports}) < min_reports:
        return None
    return _row(kind, _one_per_document(reports, order), copies, shown)


def _by_day(store: Store, kind: str | None, since: date | None, until: date | None,
            min_reports: int, wanted: int, after: SortKey | None,
            shown: int | None = None) -> list[dict[str, Any]]:
    """The facts first reported on each day from the day of ``after`` (or ``since``) on,
    a day at a time, until ``wanted`` rows come after ``after``; undated last, and only
    when no day bounds the list."""
    first_day = since
    if after is not None:
        if after[0] == "9999":
            first_day = date.max
        else:
            with suppress(ValueError):
                first_day = max(first_day or date.min, date.fromisoformat(after[0]))
    groups = StatementGroups(store)
    # a page showing a row's first reports reads only those (`StatementSummaries`)
    summaries = StatementSummaries(store, shown) if shown is not None else None
    rows: list[dict[str, Any]] = []
    coming = 0  # rows after ``after``
    for day in _days(store, first_day, until, undated=since is None and until is None):
        for row in _told_first_on(store, day, kind, min_reports, groups, shown, summaries):
            rows.append(row)
            coming += after is None or sort_key(row) > after
            if coming >= wanted:
                return rows
    return rows


def _days(store: Store, since: date | None, until: date | None,
          undated: bool) -> Iterator[date | None]:
    """The publication days of the documents in order, from the index a few at a time;
    then None (the undated documents), if asked and any."""
    dated = (select(documents.c.published).where(documents.c.published.is_not(None))
             .distinct().order_by(documents.c.published).limit(DAYS_AT_ONCE))
    if since is not None:
        dated = dated.where(documents.c.published >= since)
    if until is not None:
        dated = dated.where(documents.c.published <= until)
    days: list[date] = []
    while True:
        query = dated.where(documents.c.published > days[-1]) if days else dated
        with reading_connection(store) as conn:
            days = list(conn.execute(query).scalars())
        yield from days
        if len(days) < DAYS_AT_ONCE:
            break
    if undated:
        with reading_connection(store) as conn:
            if conn.execute(select(documents.c.id).where(documents.c.published.is_(None))
                            .limit(1)).first() is not None:
                yield None


def _told_first_on(store: Store, day: date | None, kind: str | None, min_reports: int,
                   groups: StatementGroups, shown: int | None = None,
                   summaries: StatementSummaries | None = None
                   ) -> Iterator[dict[str, Any]]:
    """The rows of the facts whose first report is of ``day`` (None: undated), in order,
    each given once no fact still to be grouped can come before it. A statement's row is
    named by its first report, "speaker: words" when that report knows its speaker, so the
    day's quotes with a speaker are taken in the order of the names they would give, each
    row given as soon as no later one can come before it. Events, and quotes without a
    speaker, are grouped first. The day's statements are read at once, by the groups kept
    with its quotes (store/groups.py), not gathered here: with ``summaries``, each kept
    statement's counts and first reports only (`StatementSummaries`)."""
    on_day = documents.c.published == day if day else documents.c.published.is_(None)
    facts: list[tuple[str, Reports]] = []
    named: list[Carried] = []
    seen: set[tuple[str, int, int, str | None]] = set()
    seen_groups: set[int] = set()  # the kept statements taken (by summary)

    def taken(quote: Carried) -> bool:
        return quote.key in seen or quote.group in seen_groups

    def grouped(quote: Carried) -> tuple[str, Reports]:
        if summaries is not None and quote.group is not None:
            told = summaries.of(quote.group)
            if told is not None:
                seen_groups.add(quote.group)
                return "statement", told
        group = groups.group_of(quote)
        seen.update(q.key for q in group)
        return "statement", group

    # A row tells which of its reports copy its first, a report of the day: the copy links
    # of the day's documents, read once for all its rows.
    day_copies = _copies_of(store, select(documents.c.id).where(on_day))

    def told_first(facts: list[tuple[str, Reports]]) -> list[dict[str, Any]]:
        # only the facts first reported on the day make rows (a statement's group may
        # reach years back: its row is not built here, where it would be left out)
        facts = [fact for fact in facts if _first_day(fact[1]) == day]
        return [row for row in _rows_of(store, facts, min_reports, shown, day_copies)
                if _day(row) == day]

    if kind in (None, "statement"):
        day_quotes = _read_quotes(store, [on_day], grouped=True)
        # the day's statements, a query for all
        (summaries or groups).read(day_quotes)
        for quote in day_quotes:
            if quote.detail["speaker_id"] is not None:
                named.append(quote)
            elif not taken(quote):
                facts.append(grouped(quote))
    if kind in (None, "event"):
        told = select(events.c.event_id).join(
            documents, documents.c.id == events.c.document_id).where(on_day)
        facts += [("event", group) for group in _events(
            store, [events.c.event_id.in_(told)]).values()]
    waiting = told_first(facts)
    for quote in sorted(named, key=_named):
        if taken(quote):
            continue
        # A row still to be found is named by a quote not yet grouped: this one or a later.
        waiting.sort(key=sort_key)
        while waiting and waiting[0]["fact"] < _named(quote):
            yield waiting.pop(0)
        waiting += told_first([grouped(quote)])
    yield from sorted(waiting, key=sort_key)


def _first_day(reports: Reports) -> date | None:
    """The day of a fact's first report, as its row gives it (`_one_per_document`: the
    earliest published, an undated report after every dated one)."""
    if isinstance(reports, Told):
        return reports.reports[0].published
    first = min((report.published or date.max for report in reports), default=date.max)
    return None if first == date.max else first


def _named(quote: Carried) -> str:
    """The fact a statement's row names when this quote, with its speaker, is its first."""
    return f"{quote.detail['speaker']}: {quote.text}"


def _rows_of(store: Store, facts: list[tuple[str, Reports]], min_reports: int,
             shown: int | None = None, copies: set[frozenset[str]] | None = None
             ) -> list[dict[str, Any]]:
    """The rows of the facts carried by ``min_reports`` documents or more, the order of
    their documents read at once, then the copies of their first reports (a row tells
    whether each report copies the first, nothing of other copies), unless ``copies``
    holds those already. A kept statement's summary (`Told`) comes counted and ordered."""
    if not facts:
        return []
    told = [r for _, group in facts if not isinstance(group, Told) for r in group]
    # the order read with the quotes (`_read_quotes`), else from the index
    order = ({r.document: r.seq for r in told if r.seq is not None}
             if all(r.seq != -1 for r in told)
             else _stored_order(store, {r.document for r in told}))
    kept: list[tuple[str, list[Carried], Told | None]] = []
    for fact_kind, group in facts:
        if isinstance(group, Told):
            if group.count >= min_reports:
                kept.append((fact_kind, group.reports, group))
        elif len({r.document for r in group}) >= min_reports:
            kept.append((fact_kind, _one_per_document(group, order), None))
    if copies is None:
        copies = _copies_of(store, {reports[0].document for _, reports, _ in kept})
    return [_row(fact_kind, reports, copies, shown, summary)
            for fact_kind, reports, summary in kept]


def statement_spread(store: Store, document_id: str,
                     span: tuple[int, int]) -> dict[str, Any] | None:
    """The row of the statement the quote at ``span`` of a document is part of, as
    `spread_rows` groups the store's quotes, read by the group kept with that quote
    (`StatementGroups`); None when no other document carried it."""
    start, end = span
    found = _read_quotes(store, [quotes.c.document_id == document_id,
                                 quotes.c.content_start == start, quotes.c.content_end == end],
                         grouped=True)
    if not found:
        return None
    rows = _rows_of(store, [("statement", StatementGroups(store).group_of(found[0]))],
                    min_reports=2)
    return rows[0] if rows else None


def _kept_statements(store: Store) -> list[list[Carried]] | None:
    """Every stored quote's statement as kept (store/groups.py), each in the order
    `same_statements` gives (the statements by their first quote, the quotes as read), so
    the whole list is the one grouped at request time; None (group at request time) while a
    document is pending, or when a quote has no row or shares its key with another quote
    (one row kept for both, which the request-time grouping may keep apart)."""
    with reading_connection(store) as conn:
        if conn.execute(select(statement_groups_pending.c.document_id).limit(1)).first():
            return None
    found: dict[int, list[Carried]] = {}
    keys: set[tuple[str, int, int, str | None]] = set()
    for quote in _read_quotes(store, [], grouped=True):
        if quote.group is None or quote.key in keys:
            return None
        keys.add(quote.key)
        found.setdefault(quote.group, []).append(quote)
    return list(found.values())


def _quotes(store: Store, speakers: list[str],
            copies: set[frozenset[str]]) -> dict[str | None, list[Carried]]:
    """Every quote a fact by one of ``speakers`` (all, when none is given) may hold, by
    speaker id: the speakers' own quotes, and those of documents a copy links, with every
    quote by a speaker who speaks in one."""
    conditions: list[ColumnElement[bool]] = []
    for needle in speakers:
        ids = matching_entities(store, needle, with_aliases=False, speaking=True)
        texts = reading.matching_values(store, ["speaker"], needle)
        linked = sorted({document for pair in copies for document in pair})
        in_copies = quotes.c.document_id.in_(linked)
        copied_speakers = select(quotes.c.speaker_id).where(in_copies)
        conditions.append(or_(quotes.c.speaker_id.in_(ids), quotes.c.speaker_text.in_(texts),
                              in_copies, quotes.c.speaker_id.in_(copied_speakers)))
    by_speaker: dict[str | None, list[Carried]] = {}
    for quote in _read_quotes(store, conditions):
        by_speaker.setdefault(quote.detail["speaker_id"], []).append(quote)
    return by_speaker


def _read_quotes(store: Store, conditions: list[ColumnElement[bool]],
                 grouped: bool = False, by_group: bool = False,
                 only: set[tuple[str, int, int, str | None]] | None = None) -> list[Carried]:
    """The quotes meeting ``conditions``, read in SQL ordered by speaker (then in reading
    order), each with its words sliced by the database; ``grouped``: with its statement's
    group (store/groups.py); ``by_group``: the quotes of the groups ``conditions`` name
    (read from the groups' index: an inner join, which the database may start from);
    ``only``: those of these keys (`Carried.key`) among them, the others left as read."""
    columns = [quotes.c.document_id, quotes.c.speaker_id, quotes.c.speaker_text,
               quotes.c.relays, quotes.c.content_start, quotes.c.content_end,
               documents.c.outlet, documents.c.published,
               reading.evidence_text(quotes.c.content_start, quotes.c.content_end)
               .label("words")]
    joined = quotes.join(documents, documents.c.id == quotes.c.document_id)
    if grouped or by_group:
        columns.append(statement_groups.c.group_id)
        joined = joined.join(statement_groups, and_(
            statement_groups.c.document_id == quotes.c.document_id,
            statement_groups.c.content_start == quotes.c.content_start,
            statement_groups.c.content_end == quotes.c.content_end,
            statement_groups.c.speaker == func.coalesce(quotes.c.speaker_id, NO_SPEAKER)),
            isouter=not by_group)
        columns.append(document_signatures.c.seq)
        joined = joined.outerjoin(document_signatures,
                                  document_signatures.c.document_id == quotes.c.document_id)
    query = (select(*columns).select_from(joined).where(*conditions)
             .order_by(quotes.c.speaker_id.asc().nulls_first(), *reading.DOCUMENT_ORDER,
                       *reading.STATEMENT_ORDER))
    with reading_connection(store) as conn:
        rows = conn.execute(query).all()
    if only is not None:
        rows = [row for row in rows if (row[0], row[4], row[5], row[1]) in only]
    name_of = reading.names(store, (i for row in rows for i in (row[1], *(row[3] or []))))
    kept = grouped or by_group or only is not None
    found = []
    for document, speaker_id, speaker_text, relays, start, end, outlet, published, words, \
            *group in rows:  # with the quote's group and its document's seq, when kept
        found.append(Carried(
            document, outlet, published, words,
            {"speaker_id": speaker_id,
             "speaker": (name_of.get(speaker_id, speaker_id) if speaker_id else None)
             or speaker_text or "(unknown)",
             "relays": [name_of.get(r, r) for r in relays or []]},
            # the words compared when grouping here (a stored group is read as it is)
            () if kept else tuple(fold(words).split()),
            (start, end), group[0] if group else None, seq=group[1] if group else -1))
    return found


class StatementGroups:
    """The statement a quote is part of, as `same_statements` groups every stored quote, read
    from the groups kept as reports are stored (store/groups.py): the quotes of the groups
    asked for, a query for many (`read`). A page reads its own statements, not the store's."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.groups: dict[tuple[str, int, int, str | None], list[Carried]] = {}

    def read(self, said: Iterable[Carried]) -> None:
        """The statements of these quotes (read with their groups) at once."""
        wanted = sorted({quote.group for quote in said
                         if quote.group is not None and quote.key not in self.groups})
        for at in range(0, len(wanted), reading.MAX_IN):
            by_group: dict[int, dict[tuple[str, int, int, str | None], Carried]] = {}
            for quote in _read_quotes(self.store, [statement_groups.c.group_id.in_(
                    wanted[at:at + reading.MAX_IN])], by_group=True):
                by_group.setdefault(quote.group, {}).setdefault(quote.key, quote)  # type: ignore[arg-type]
            for members in by_group.values():
                group = list(members.values())
                self.groups |= {key: group for key in members}

    def group_of(self, quote: Carried) -> list[Carried]:
        if quote.key not in self.groups:
            self.read([quote])
        # a quote without a group yet (its document stored by a run that has not settled
        # its statements, store/groups.py) is a statement of its own until then
        return self.groups.get(quote.key) or [quote]


@dataclass
class Told:
    """A kept statement as a spread page shows it (`StatementSummaries`): its first reports
    in order, one per document (up to the page's ``shown``), its first report by a known
    speaker (which names it), how many documents carried it and its outlets in order."""

    reports: list[Carried]
    known: Carried | None
    count: int
    outlets: list[str]


# A fact's reports as gathered (every one), or a kept statement's summary.
Reports = list[Carried] | Told


class StatementSummaries:
    """Kept statements summarised for a page that shows each row's first ``shown`` reports:
    a statement's rows in ``statement_groups`` carry their document's day, place in the
    stored order and outlet (version 13), read from the index of its groups alone
    (`schema.GROUP_QUOTES`, no quote or document looked up), so its reports are ordered as
    `_one_per_document` orders them, counted and their outlets listed from those; only the
    quotes shown (and the one naming it) are then read with their words, documents and
    speakers. A page reads the reports it shows, not every quote of its statements."""

    def __init__(self, store: Store, shown: int) -> None:
        self.store = store
        self.shown = shown
        self.told: dict[int, Told | None] = {}

    def read(self, said: Iterable[Carried]) -> None:
        """The summaries of these quotes' statements (read with their groups) at once."""
        wanted = sorted({quote.group for quote in said
                         if quote.group is not None and quote.group not in self.told})
        for at in range(0, len(wanted), reading.MAX_IN):
            self._read(wanted[at:at + reading.MAX_IN])

    def of(self, group: int) -> Told | None:
        """The summary of a kept statement (None: to be gathered whole, `StatementGroups`)."""
        if group not in self.told:
            self._read([group])
        return self.told.get(group)

    def _read(self, wanted: list[int]) -> None:
        g = statement_groups

        def bytewise(column: Any) -> Any:  # text ordered as Python orders it
            return column.collate("C") if dialect == "postgresql" else column

        with reading_connection(self.store) as conn:
            dialect = conn.dialect.name
            rows = conn.execute(select(
                g.c.group_id, g.c.document_id, g.c.content_start, g.c.content_end, g.c.speaker,
                g.c.outlet).where(g.c.group_id.in_(wanted)).order_by(
                g.c.group_id, g.c.published.asc().nulls_last(), g.c.seq.asc().nulls_last(),
                bytewise(g.c.document_id), g.c.content_start, g.c.content_end,
                bytewise(g.c.speaker))).all()
        placed: dict[int, list[Any]] = {}
        last = None
        for row in rows:  # one a document: its first (`_one_per_document`)
            if (row[0], row[1]) != last:
                placed.setdefault(row[0], []).append(row)
                last = row[0], row[1]
        keys = {key for reports in placed.values() for key in _shown_keys(reports, self.shown)}
        found: dict[tuple[str, int, int, str | None], Carried] = {}
        # the quotes shown: those of their documents at their spans (a superset, the rest
        # left unbuilt; a list of keys is no index lookup for SQLite, and the spans only
        # a filter, "+ 0", not every document's every start looked up)
        listed = sorted(keys, key=lambda key: (*key[:3], key[3] or ""))
        for at in range(0, len(listed), reading.MAX_IN):
            chunk = listed[at:at + reading.MAX_IN]
            for quote in _read_quotes(self.store, [
                    quotes.c.document_id.in_(sorted({key[0] for key in chunk})),
                    (quotes.c.content_start + 0).in_(sorted({key[1] for key in chunk})),
                    (quotes.c.content_end + 0).in_(sorted({key[2] for key in chunk}))],
                    only=keys):
                found.setdefault(quote.key, quote)  # the first of a key, as read whole
        for group in wanted:
            self.told[group] = _told(placed.get(group, []), found, self.shown)


def _key(row: Any) -> tuple[str, int, int, str | None]:
    """A ``statement_groups`` row's quote, keyed as `Carried.key` keys it."""
    return row[1], row[2], row[3], row[4] or None


def _naming(placed: list[Any]) -> Any | None:
    """The first report by a speaker entity, which names the statement (`_row`)."""
    return next((row for row in placed if row[4] != NO_SPEAKER), None)


def _shown_keys(placed: list[Any], shown: int) -> list[tuple[str, int, int, str | None]]:
    """The quotes a statement's summary reads: its first ``shown`` reports and the one that
    names it."""
    naming = _naming(placed)
    return [_key(row) for row in placed[:shown]] + ([_key(naming)] if naming else [])


def _told(placed: list[Any], found: dict[tuple[str, int, int, str | None], Carried],
          shown: int) -> Told | None:
    """A statement's summary from its rows in order, one a document (group, document,
    start, end, speaker, outlet: `StatementSummaries._read`); None when a quote
    it shows was not read (the statement is then gathered whole, as before)."""
    if not placed:
        return None
    if any(key not in found for key in _shown_keys(placed, shown)):
        return None
    naming = _naming(placed)
    outlets: list[str] = []
    for row in placed:
        if (row[5] or UNKNOWN_OUTLET) not in outlets:
            outlets.append(row[5] or UNKNOWN_OUTLET)
    return Told([found[_key(row)] for row in placed[:shown]],
                found[_key(naming)] if naming else None, len(placed), outlets)


def _stored_order(store: Store, document_ids: Iterable[str]) -> dict[str, int]:
    """The documents' places in the order they were stored."""
    with reading_connection(store) as conn:
        return dict(conn.execute(
            select(document_signatures.c.document_id, document_signatures.c.seq)
            .where(document_signatures.c.document_id.in_(sorted(set(document_ids))))).all())


def _copies_of(store: Store, document_ids: Iterable[str] | Select[tuple[str]]
               ) -> set[frozenset[str]]:
    """The pairs of documents a copy links, one of them among ``document_ids`` (or those a
    query selects)."""
    wanted = document_ids if isinstance(document_ids, Select) else sorted(set(document_ids))
    with reading_connection(store) as conn:
        return {frozenset(pair) for pair in conn.execute(
            select(document_copies.c.document_id, document_copies.c.copy_of_id).where(or_(
                document_copies.c.document_id.in_(wanted),
                document_copies.c.copy_of_id.in_(wanted))))}


def _taking_part(store: Store, entity: str | None) -> list[ColumnElement[bool]]:
    """The events ``entity`` takes part in, as a condition (none without an entity)."""
    return [events.c.event_id.in_(taking_part(store, entity))] if entity else []


def _events(store: Store, conditions: list[ColumnElement[bool]]) -> dict[str, list[Carried]]:
    """Every report of each event meeting ``conditions``, by event and step."""
    rows = list(reading.event_rows(store, conditions, [reading.evidence_text(
        events.c.evidence_start, events.c.evidence_end).label("evidence")]))
    name_of = reading.names(store, (i for row in rows for i in argument_strings(row.args)))
    found: dict[str, list[Carried]] = {}
    for row in rows:
        roles = shown_arguments(row.args, name_of)
        # As in the timeline: a withdrawal's decision, notice and effect are three facts.
        fact = f"{row.event_id}/{row.step or ''}"
        found.setdefault(fact, []).append(Carried(
            row.document_id, row.outlet, row.published, row.evidence,
            {"type": row.type, "date": row.date, "roles": roles,
             "participants": [v for v in roles.values() if isinstance(v, str)]},
            event=fact))
    return found


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
    then the one stored first (an undated report comes after every dated one, a document
    without a place in the stored order after every one with a place), then by document;
    of a document's quotes, the first in its text, however the group was gathered (as
    `StatementSummaries` orders a kept statement's reports in SQL)."""
    first_of: dict[str, Carried] = {}
    for report in sorted(reports, key=lambda r: (r.published or date.max,
                                                 r.document not in order,
                                                 order.get(r.document, 0), r.document,
                                                 r.at)):
        first_of.setdefault(report.document, report)
    return list(first_of.values())


def _in_range(day: date | None, since: date | None, until: date | None) -> bool:
    if since is None and until is None:
        return True
    return day is not None and (since is None or day >= since) \
        and (until is None or day <= until)


def _row(kind: str, reports: list[Carried], copies: set[frozenset[str]],
         shown: int | None = None, told: Told | None = None) -> dict[str, Any]:
    """A fact's row: every report, or with ``shown`` the first ``shown`` and the counts of
    all its reports and outlets, and the fact's `fact_id`; with ``told``, the summary of a
    kept statement, ``reports`` its first ones (the name, counts and outlets from it)."""
    first = reports[0]
    if kind == "statement":  # named by a report that knows the speaker, if any does
        known = (told.known if told is not None
                 else next((r for r in reports if r.detail["speaker_id"]), None)) or first
        fact = f"{known.detail['speaker']}: {first.text}"  # as `_named`, if first knows
    else:
        fact = f"{first.detail['type']} ({first.detail['date'] or 'date unknown'}): {first.text}"
    outlets: list[str] = []
    if told is not None:
        outlets = list(told.outlets)
    for report in reports if told is None else ():
        if (report.outlet or UNKNOWN_OUTLET) not in outlets:
            outlets.append(report.outlet or UNKNOWN_OUTLET)
    row: dict[str, Any] = {
        "kind": kind, "fact": fact,
        "first": {"document": first.document, "outlet": first.outlet,
                  "published": first.published.isoformat() if first.published else None},
        "reports": [{
            "document": r.document, "outlet": r.outlet,
            "published": r.published.isoformat() if r.published else None,
            "copy_of_first": frozenset((r.document, first.document)) in copies,
            "text": r.text, **{k: v for k, v in r.detail.items() if k != "speaker_id"},
        } for r in (reports if shown is None else reports[:shown])],
        "outlets": outlets,
    }
    if shown is not None:
        row |= {"report_count": len(reports) if told is None else told.count,
                "outlet_count": len(outlets),
                "id": fact_id(kind, first)}
    return row


def fact_id(kind: str, first: Carried) -> str:
    """A fact's name, by its first report: a statement's "document:start:end" (its quote's
    span), an event's "event id" or "event id/step" (a withdrawal's decision, notice or
    effect)."""
    if kind == "statement":
        return f"{first.document}:{first.at[0]}:{first.at[1]}"
    return (first.event or "").removesuffix("/")


def fact_reports(store: Store, kind: str, fact: str) -> dict[str, Any] | None:
    """The whole row of the fact `fact_id` names (every report, first report first, as
    `spread_rows` lists it), read from that fact's reports alone; None when no fact has
    that name, or when its first report is no longer the one named."""
    if kind == "statement":
        document, start, end = (fact.rsplit(":", 2) + ["", ""])[:3]
        if not (start.isdigit() and end.isdigit()):
            return None
        found = _read_quotes(store, [quotes.c.document_id == document,
                                     quotes.c.content_start == int(start),
                                     quotes.c.content_end == int(end)], grouped=True)
        groups = StatementGroups(store)
        groups.read(found)
        return _whole_row(store, "statement", fact, [groups.group_of(q) for q in found])
    if kind == "event":
        head, _, step = fact.rpartition("/")
        told = _events(store, [events.c.event_id.in_([fact, head])])
        return _whole_row(store, "event", fact, [
            group for key, group in told.items() if key in (f"{fact}/", f"{head}/{step}")])
    return None


def _whole_row(store: Store, kind: str, fact: str,
               candidates: list[list[Carried]]) -> dict[str, Any] | None:
    """The row of the fact named ``fact`` among the groups of reports that may be it."""
    for group in candidates:
        reports = _one_per_document(group, _stored_order(store, {r.document for r in group}))
        if fact_id(kind, reports[0]) == fact:
            return _row(kind, reports, _copies_of(store, {reports[0].document}))
    return None
