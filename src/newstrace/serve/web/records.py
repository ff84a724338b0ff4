"""What each page shows, as one JSON-ready record (its `.json` twin): the home page, search,
an entity, an event, a treaty on a day. Each is built on the library's views, with the
addresses of the pages it links to."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from newstrace.config import Options
from newstrace.errors import NewstraceError
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.serve.common import MAX_LIMIT
from newstrace.serve.web.links import (
    document_url,
    entity_url,
    event_url,
    outlet_url,
    statement_url,
    treaty_url,
)
from newstrace.serve.web.queries import (
    document_texts,
    document_titles,
    entity_row,
    evidence_spans,
    latest_documents,
    quote_spans,
)
from newstrace.store import Store
from newstrace.store.queries import outlet_counts
from newstrace.views.entities import entity_records, entity_rows
from newstrace.views.roles import role_rows
from newstrace.views.summary import summary_record
from newstrace.views.timeline import UNKNOWN_DATE, event_steps
from newstrace.views.treaties import STATUSES, TreatyNotFound, treaty_status

# Entries of each ranking and list on a page: a page is read, not scrolled for ever.
TOP = 10
HITS = 50
# Hits the full-text index is asked for, of each kind: the counts a search page gives stop there.
COUNTED_HITS = 1000
# An entity's statements and documents shown at most (the totals are given beside them).
LONG_LIST = 200


class PageNotFound(NewstraceError):
    """No such entity, document, statement, event or treaty (a 404 page)."""


class BadPageRequest(NewstraceError):
    """A parameter a page cannot read, such as a day that is no date (a 422 page)."""


def page_day(value: str | None) -> date:
    """The day a page is asked for (YYYY-MM-DD), today when none is given."""
    if not value:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadPageRequest(f"{value!r} is not a day: write it as YYYY-MM-DD") from None


def home_record(store: Store) -> dict[str, Any]:
    """Counts, the top of each ranking and the latest documents, each linked."""
    summary = summary_record(store, TOP)
    for ranking in ("actors", "places", "speakers"):
        summary[ranking] = [{**row, "url": entity_url(row["id"])} for row in summary[ranking]]
    for row in summary["outlets"]:
        row["url"] = outlet_url(row["outlet"])
    return {"title": "newstrace", **summary,
            "documents": [{**row, "url": document_url(row["id"])}
                          for row in latest_documents(store, TOP)]}


def outlet_record(store: Store, outlet: str) -> dict[str, Any]:
    """An outlet: its documents, first and last day, the latest documents, and where the API
    lists its statements and documents."""
    counted = outlet_counts(store, outlet)
    if counted is None:
        raise PageNotFound(f"no document from the outlet {outlet!r}")
    given = {"outlet": outlet, "limit": MAX_LIMIT}
    return {"title": outlet, "outlet": outlet, **counted, "url": outlet_url(outlet),
            "latest": [{**row, "url": document_url(row["id"])}
                       for row in latest_documents(store, HITS, outlet)],
            "statements_api": f"/api/v1/statements?{urlencode(given)}",
            "documents_api": f"/api/v1/documents?{urlencode(given)}"}


def search_record(store: Store, q: str) -> dict[str, Any]:
    """Entities named, documents containing and statements saying or said by ``q``."""
    if not q.strip():
        return {"title": "Search", "q": q, "entities": [], "documents": [], "statements": [],
                "totals": {"entities": 0, "documents": 0, "statements": 0}}
    named = entity_rows(store, q)
    hits = store.search(q, limit=COUNTED_HITS, kind="document")
    said = store.search(q, limit=COUNTED_HITS, kind="statement")
    return {"title": f"Search: {q}", "q": q,
            "entities": [{"id": row["id"], "name": row["name"], "type": row["type"],
                          "mentions": row["mentions"], "url": entity_url(row["id"])}
                         for row in named[:HITS]],
            "documents": [{**hit, "url": document_url(hit["document"])} for hit in hits[:HITS]],
            "statements": [found_statement(hit) for hit in said[:HITS]],
            "totals": {"entities": len(named), "documents": len(hits), "statements": len(said)}}


def found_statement(hit: dict[str, Any]) -> dict[str, Any]:
    """A statement the full-text index found, with the address of its page and its
    document's."""
    span = (hit["start"], hit["end"])
    return {"speaker": hit["speaker"], "quote": hit["text"], "kind": "statement", "date": None,
            "document": hit["document"], "title": hit["title"],
            "url": statement_url(hit["document"], span),
            "document_url": document_url(hit["document"], span)}


def linked_statements(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Statement rows of a view, each with the address of its page and its document's."""
    spans = quote_spans(store, (row["document"] for row in rows))
    titles = document_titles(store, (row["document"] for row in rows))
    linked = []
    for row in rows:
        span = spans.get((row["document"], row["quote"]))
        linked.append({
            "speaker": row["speaker"], "quote": row["quote"], "kind": row["kind"],
            "date": row["date"], "document": row["document"],
            "title": titles.get(row["document"]),
            "url": statement_url(row["document"], span) if span else None,
            "document_url": document_url(row["document"], span)})
    return linked


def entity_record(store: Store, entity_id: str, options: Options) -> dict[str, Any]:
    """An entity: names and aliases, roles over time (the gazetteer's terms of office and
    the titles and descriptions reports give it), the documents that mention it, statements
    by and about it, its events and their timeline."""
    stored = entity_row(store, entity_id)
    records = entity_records(store, entity_id=entity_id) if stored else []
    if stored is None or not records:
        raise PageNotFound(f"no entity with id {entity_id!r}")
    record = records[0]
    mentioned: dict[str, int] = {}
    for mention in record["mentions"]:
        mentioned[mention["document"]] = mentioned.get(mention["document"], 0) + 1
    titles = document_titles(store, list(mentioned)[:LONG_LIST])
    return {
        "title": record["name"], "id": entity_id, "name": record["name"],
        "type": record["type"], "known_as": stored["known_as"],
        "identifiers": stored["identifiers"] or {},
        "aliases": sorted(record["aliases"].items(), key=lambda a: (-a[1], a[0])),
        # As /api/v1/entities/{id}/roles gives them: terms of office, titles, descriptions.
        "roles": [{**role, "url": document_url(role["document"]) if role["document"] else None}
                  for role in role_rows(store, entity_id, options)],
        "documents": [{"document": document, "title": titles.get(document),
                       "mentions": count, "url": document_url(document)}
                      for document, count in list(mentioned.items())[:LONG_LIST]],
        "statements_by": linked_statements(store, record["statements_by"][:LONG_LIST]),
        "statements_about": linked_statements(store, record["statements_about"][:LONG_LIST]),
        "totals": {"statements_by": len(record["statements_by"]),
                   "statements_about": len(record["statements_about"]),
                   "documents": len(mentioned)},
        "timeline": entity_timeline(record["events"]),
    }


def entity_timeline(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The entity's events in date order, one line each: the dates its reports give, its
    roles in it and how many reports tell it."""
    lines: dict[str, dict[str, Any]] = {}
    for report in reports:
        line = lines.setdefault(report["event"], {
            "event": report["event"], "type": report["type"], "status": report["status"],
            "dates": [], "roles": [], "reports": 0, "evidence": report["evidence"],
            "url": event_url(report["event"])})
        line["reports"] += 1
        for key, values in (("dates", [report["date"]]), ("roles", report["roles"])):
            line[key] += [v for v in values if v and v not in line[key]]
    return sorted(lines.values(), key=lambda line: (not line["dates"], sorted(line["dates"])))


def event_record(store: Store, event_id: str) -> dict[str, Any]:
    """An event (each of its steps, for a treaty withdrawal): its best-attested date, the
    reports that support it, the figures and dates they disagree on, every report."""
    rows = event_steps(store, event_id)
    if not rows:
        raise PageNotFound(f"no event with id {event_id!r}")
    spans = evidence_spans(store, event_id)
    titles = document_titles(store, (r["document"] for row in rows for r in row["reports"]))
    steps = []
    for row in rows:
        reports = [{**report, "title": titles.get(report["document"]),
                    "url": document_url(report["document"],
                                        spans.get((report["document"], report["evidence"])))}
                   for report in row["reports"]]
        steps.append({**row, "reports": reports,
                      "dated": row["date"] != UNKNOWN_DATE})
    first = rows[0]
    return {"title": f"{first['type']} {first['date']}", "id": event_id,
            "type": first["type"], "steps": steps}


def treaties_record(options: Options) -> dict[str, Any]:
    gazetteer = load_gazetteer(tuple(options.gazetteer_files))
    treaties = sorted((e for e in gazetteer.entries.values() if e.type == "TREATY"),
                      key=lambda e: e.name)
    return {"title": "Treaties",
            "treaties": [{"name": e.name, "aliases": e.aliases, "url": treaty_url(e.name)}
                         for e in treaties]}


def treaty_record(store: Store, name: str, on: date, options: Options) -> dict[str, Any]:
    """Each state's status in a treaty on a day, the counts by status, and the sentences of
    the reports it rests on (each linked to its place in the document)."""
    try:
        rows = treaty_status(store, name, on, options)
    except TreatyNotFound as error:
        raise PageNotFound(str(error)) from error
    texts = document_texts(store, (e["document"] for row in rows for e in row["evidence"]))
    for row in rows:
        row["evidence"] = [{**item, "url": document_url(item["document"], sentence_span(
            texts.get(item["document"], ""), item["sentence"]))} for item in row["evidence"]]
    counts = {status: sum(row["status"] == status for row in rows) for status in STATUSES}
    return {"title": f"{name} on {on.isoformat()}", "treaty": name, "on": on.isoformat(),
            "counts": {status: n for status, n in counts.items() if n}, "states": rows}


def sentence_span(text: str, sentence: str) -> tuple[int, int] | None:
    at = text.find(sentence)
    return (at, at + len(sentence)) if at >= 0 and sentence else None
