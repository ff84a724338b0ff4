"""The pages' routes: each address answers HTML, and the same address plus `.json` the
record the page shows. Pages are rendered by Jinja2 with autoescape on, so report text is
always text; their policy allows the app's own style sheet and no script at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from newstrace.serve.common import SafeJSONResponse, StoreDep
from newstrace.serve.treaties import options_of
from newstrace.serve.web.queries import document_stored
from newstrace.serve.web.reading import document_record, segments, statement_record
from newstrace.serve.web.records import (
    BadPageRequest,
    PageNotFound,
    entity_record,
    event_record,
    home_record,
    outlet_record,
    page_day,
    search_record,
    treaties_record,
    treaty_record,
)
from newstrace.store.connections import one_snapshot

HERE = Path(__file__).parent
TWIN = ".json"
# Nothing but the app's own style sheet: no script (inline or not), no frames, no plugins,
# forms only to this site.
PAGE_POLICY = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
               "base-uri 'none'; frame-ancestors 'none'")
STATEMENT_PATH = re.compile(r"(?P<document>.+)/statements/(?P<start>\d+)-(?P<end>\d+)")
MARK = re.compile(r"(\d+)-(\d+)")

templates = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True,
                        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
router = APIRouter(include_in_schema=False)


def figure(value: Any) -> Any:
    """A figure as a reader writes it: a tally "91 for, 9 against", a sum "250,000,000 USD",
    a list of names joined."""
    if isinstance(value, dict) and "value" in value and "currency" in value:
        return f"{value['value']:,.0f} {value['currency']}"
    if isinstance(value, dict):
        return ", ".join(f"{count} {side}" for side, count in value.items())
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


templates.filters["figure"] = figure


def mount(app: FastAPI) -> None:
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")


def answer(request: Request, template: str, build: Callable[[], dict[str, Any]],
           twin: bool) -> Response:
    """The page, or its record as JSON when ``twin``; a 404 page for what is not stored."""
    status = 200
    try:
        with one_snapshot(request.app.state.store):
            record = build()
    except PageNotFound as error:
        template, record, status = "missing.html", {"title": "Not found",
                                                    "detail": str(error)}, 404
    except BadPageRequest as error:  # a page, not the API's JSON error
        template, record, status = "missing.html", {"title": "Bad request",
                                                    "detail": str(error)}, 422
    if twin:
        return SafeJSONResponse(record, status_code=status)
    twin_url = quote(request.url.path, safe="/") + TWIN  # the path as routed: decoded
    if request.url.query:
        twin_url += "?" + request.url.query
    html = templates.get_template(template).render(
        **record, twin_url=twin_url,
        segments=segments(record["text"], record["marks"]) if "marks" in record else [])
    return HTMLResponse(html, status, headers={"Content-Security-Policy": PAGE_POLICY})


def split_twin(value: str) -> tuple[str, bool]:
    return (value.removesuffix(TWIN), True) if value.endswith(TWIN) else (value, False)


@router.get("/")
@router.get("/.json")
def home(request: Request, store: StoreDep) -> Response:
    return answer(request, "home.html", lambda: home_record(store),
                  request.url.path.endswith(TWIN))


@router.get("/search")
@router.get("/search.json")
def search(request: Request, store: StoreDep,
           q: Annotated[str, Query(max_length=500)] = "") -> Response:
    return answer(request, "search.html", lambda: search_record(store, q),
                  request.url.path.endswith(TWIN))


@router.get("/entities/{entity_id}")
def entity(entity_id: str, request: Request, store: StoreDep) -> Response:
    entity_id, twin = split_twin(entity_id)
    return answer(request, "entity.html",
                  lambda: entity_record(store, entity_id, options_of(request)), twin)


@router.get("/events/{event_id}")
def event(event_id: str, request: Request, store: StoreDep) -> Response:
    event_id, twin = split_twin(event_id)
    return answer(request, "event.html", lambda: event_record(store, event_id), twin)


@router.get("/treaties")
@router.get("/treaties.json")
def treaties(request: Request) -> Response:
    return answer(request, "treaties.html", lambda: treaties_record(options_of(request)),
                  request.url.path.endswith(TWIN))


@router.get("/treaties/{name}")
def treaty(name: str, request: Request, store: StoreDep,
           on: Annotated[str | None, Query(max_length=40, description="The day (YYYY-MM-DD).")]
           = None) -> Response:
    name, twin = split_twin(name)
    return answer(request, "treaty.html",
                  lambda: treaty_record(store, name, page_day(on), options_of(request)), twin)


@router.get("/outlets/{name}")
def outlet(name: str, request: Request, store: StoreDep) -> Response:
    name, twin = split_twin(name)
    return answer(request, "outlet.html", lambda: outlet_record(store, name), twin)


@router.get("/documents/{path:path}")
def document(path: str, request: Request, store: StoreDep,
             mark: Annotated[str | None, Query(max_length=40)] = None) -> Response:
    """A document's page, or one of its statements' (``…/statements/START-END``); an id
    that itself ends in .json is a page when no stored id is the rest of it."""
    path, twin = split_twin(path)
    if twin and not document_stored(store, path) and document_stored(store, path + TWIN):
        path, twin = path + TWIN, False
    said = STATEMENT_PATH.fullmatch(path)
    if said:
        span = (int(said["start"]), int(said["end"]))
        return answer(request, "statement.html",
                      lambda: statement_record(store, said["document"], span,
                                                     options_of(request)), twin)
    marked = MARK.fullmatch(mark or "")
    target = (int(marked[1]), int(marked[2])) if marked else None
    return answer(request, "document.html", lambda: document_record(store, path, target),
                  twin)
