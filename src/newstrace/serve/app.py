"""The HTTP API's application: every resource's routes under /api/v1/, read-only unless the
operator set a write token, with its OpenAPI document, JSON errors, and headers that keep
report text inert in a browser; the web UI's pages beside it."""

from __future__ import annotations

import gc
import json
import os
import secrets
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newstrace.config import Options
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.serve import (
    bulk,
    documents,
    entities,
    events,
    freshness,
    statements,
    treaties,
    web,
    writes,
)
from newstrace.serve.common import SafeJSONResponse, StoreDep, snapshot
from newstrace.store import Store
from newstrace.views.summary import summary_record

API = "/api/v1"
# The environment variable that names the `settings` file to server worker processes.
SETTINGS = "NEWSTRACE_SERVE_SETTINGS"
DOCS = f"{API}/docs"
# A JSON or CSV answer loads nothing and may not be framed; the docs page needs its scripts.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def create_app(db: str, options: Options | None = None, write_token: str | None = None,
               max_request_bytes: int = writes.DEFAULT_MAX_REQUEST_BYTES, *,
               token_digest: str | None = None, run: str | None = None) -> FastAPI:
    """The API and web UI over the database ``db`` (a SQLite path or a database URL);
    ``options`` gives the gazetteer files the treaty views read. With a ``write_token`` (or
    only its ``token_digest``, `writes.token_digest`), POST /api/v1/documents stores reports
    for a request that carries it. ``run`` names this server run in the answers' ETags (the
    same in each of its worker processes); a new one by default."""
    app = FastAPI(title="newstrace", version="1", openapi_url=f"{API}/openapi.json",
                  docs_url=DOCS, redoc_url=None, swagger_ui_oauth2_redirect_url=None,
                  default_response_class=SafeJSONResponse,
                  description="Who said what, who did what to whom, when, and according to "
                              "whom: the stored record, read-only.")
    app.state.store = Store(db)
    app.state.options = options or Options()
    # Read now, once per process: the first request for roles or a treaty does not wait.
    load_gazetteer(app.state.options.gazetteer_files)
    app.state.token_digest = token_digest or (writes.token_digest(write_token)
                                              if write_token else None)
    app.state.max_request_bytes = max_request_bytes
    app.state.run = run or secrets.token_hex(6)
    for resource in (documents, entities, statements, events, treaties, bulk):
        app.include_router(resource.router, prefix=API)
    if app.state.token_digest:
        app.include_router(writes.router, prefix=API)
    app.add_api_route(f"{API}/summary", summary, methods=["GET"], tags=["summary"],
                      response_model=None)
    app.add_api_route(f"{API}/", index, methods=["GET"], include_in_schema=False)
    web.mount(app)
    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_middleware(Guard)
    return app


def settings(db: str, gazetteers: tuple[str, ...], write_token: str | None,
             max_request_bytes: int | None, folder: str) -> str:
    """What `app_from_settings` needs, in a file in ``folder`` that only this user may read
    (a database URL may hold a password; the write token goes as its digest, never itself);
    the file's path, for the environment of the server's worker processes."""
    path = os.path.join(folder, "serve-settings.json")
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w",
                   encoding="utf-8") as handle:
        json.dump({"db": db, "gazetteers": list(gazetteers),
                   "token_digest": writes.token_digest(write_token) if write_token else None,
                   "max_request_bytes": max_request_bytes, "run": secrets.token_hex(6)},
                  handle)
    return path


def app_from_settings() -> FastAPI:
    """The app a server worker process makes (``newstrace serve --workers N``), from the
    settings file its parent named in ``$NEWSTRACE_SERVE_SETTINGS``."""
    with open(os.environ[SETTINGS], encoding="utf-8") as handle:
        given = json.load(handle)
    return settled(create_app(given["db"], Options(gazetteer_files=tuple(given["gazetteers"])),
                              max_request_bytes=(given["max_request_bytes"]
                                                 or writes.DEFAULT_MAX_REQUEST_BYTES),
                              token_digest=given["token_digest"], run=given["run"]))


def settled(app: FastAPI) -> FastAPI:
    """The app a server process has made, what the process holds by then (the gazetteer,
    the routes, the store's engine: some 180,000 objects) kept out of the garbage
    collector's full passes, which would walk it all again every so often, the request
    then running waiting 0.1 to 0.2 s (and every request queued behind it): the long tail
    of every endpoint. What requests leave behind is collected as before."""
    gc.collect()
    gc.freeze()
    return app


@snapshot
def summary(store: StoreDep, limit: Annotated[int, Query(ge=1, le=100, description=(
        "Entries of each ranking."))] = 10) -> Response:
    """Counts of documents, stories, entities (by type), statements and events, and the top
    outlets, people and organisations, places, speakers and event types."""
    return SafeJSONResponse(summary_record(store, limit))


def index(request: Request) -> dict[str, Any]:
    """Where things are: the endpoints, the OpenAPI document and its docs page."""
    return {"name": "newstrace", "api": f"{API}/", "openapi": f"{API}/openapi.json",
            "docs": DOCS, "endpoints": sorted(request.app.openapi()["paths"])}


async def http_error(_request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return SafeJSONResponse({"detail": error.detail}, status_code=error.status_code,
                            headers=error.headers)


async def validation_error(_request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    return SafeJSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)


class Guard:
    """Before any route: a NUL character refused (422), a body over the size limit refused
    (413), a request whose If-None-Match names the store's present state answered 304
    (serve/freshness.py); on every answer, headers that keep report text inert, and on a
    page or an answer of the API the state it shows (ETag). Plain ASGI, so a request costs
    no task or stream of its own (Starlette's http middleware would)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        tag: str | None = None

        async def inert(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                # a page states its own policy; a 304 states none, so a browser keeps the
                # policy of the answer it holds
                if (scope["path"] != DOCS and message["status"] != 304
                        and "content-security-policy" not in headers):
                    headers["Content-Security-Policy"] = API_POLICY
                if tag is not None and message["status"] == 200:
                    headers["ETag"], headers["Cache-Control"] = tag, freshness.REVALIDATE
            await send(message)

        request = Request(scope)
        refused = nul_refused(request) or writes.oversized(request)
        if refused is None and freshness.tagged(scope):
            tag = await freshness.state_tag(request.app.state.store, request.app.state.run)
            if freshness.names_tag(request.headers.get("if-none-match", ""), tag):
                refused = freshness.not_modified(tag)
        await (refused or self.app)(scope, receive, inert)


def nul_refused(request: Request) -> Response | None:
    """A NUL character in the path or a parameter is a bad request (422): no stored text
    holds one, and PostgreSQL cannot even compare with it."""
    for where, values in (("path", [request.url.path]),
                          ("query", [v for _, v in request.query_params.multi_items()])):
        if any("\x00" in value for value in values):
            return SafeJSONResponse({"detail": [{
                "loc": [where], "type": "value_error",
                "msg": "a NUL character (%00) is not allowed"}]}, status_code=422)
    return None
