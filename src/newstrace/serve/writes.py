"""Writes over HTTP: POST /api/v1/documents stores a report through the same pipeline as
`newstrace ingest`. Mounted only when the operator set a write token; a request without the
token gets 401, one with another token 403. Every request body is held to a size limit (413)."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from newstrace.errors import InputError, LimitExceeded
from newstrace.ingest.inputs import Defaults, IngestProblem
from newstrace.ingest.reading import read_bytes
from newstrace.models import Document
from newstrace.pipeline import IngestReport, ingest_read
from newstrace.serve.common import SafeJSONResponse, StoreDep

TOKEN_VARIABLE = "NEWSTRACE_WRITE_TOKEN"
# Bytes of a request body at most: a long report is some hundred kilobytes, a small batch of
# JSONL records a megabyte or two; more is an upload for `newstrace ingest`, not a request.
DEFAULT_MAX_REQUEST_BYTES = 2_000_000
BEARER = "bearer "


def write_token(token_file: str | None) -> str | None:
    """The operator's write token: the file's first line, else $NEWSTRACE_WRITE_TOKEN; None
    (read-only) when neither is set. An empty token is refused: it would open writes to all."""
    if token_file:
        with open(token_file, encoding="utf-8") as handle:
            token = handle.readline().strip()
        if not token:
            raise ValueError(f"{token_file}: no token on its first line")
        return token
    return os.environ.get(TOKEN_VARIABLE, "").strip() or None


def token_digest(token: str) -> str:
    """What the server keeps of the write token: its SHA-256, so neither its memory nor what
    it hands its worker processes holds the token itself."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def require_token(request: Request) -> None:
    """401 without a bearer token, 403 with a wrong one; the digests compared in constant
    time."""
    expected: str = request.app.state.token_digest
    given = request.headers.get("authorization", "")
    if not given.lower().startswith(BEARER):
        raise HTTPException(401, detail="writes need the operator's token: "
                            "Authorization: Bearer TOKEN", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(token_digest(given[len(BEARER):].strip()), expected):
        raise HTTPException(403, detail="not the write token")


router = APIRouter(tags=["documents"], dependencies=[Depends(require_token)])


@router.post("/documents", status_code=201, response_model=None,
             responses={200: {"description": "Nothing new: every report was stored already "
                              "or could not be read."},
                        401: {"description": "No token."}, 403: {"description": "Wrong token."},
                        413: {"description": "The body is over the size limit."}})
async def add_documents(
    request: Request, store: StoreDep,
    published: Annotated[date | None, Query(description="Publication day of a report that "
                                            "names none.")] = None,
    outlet: Annotated[str | None, Query(description="Outlet of a report that names none.")]
    = None,
    name: Annotated[str, Query(max_length=200, description="The input's name in the answer; "
                               "its suffix helps tell the kind (.txt, .html, .jsonl, .csv).")]
    = "request",
) -> Response:
    """Store the body (plain text, a web page, a feed, JSONL or CSV records, as `newstrace
    ingest` reads a file) and answer what the run did: added, skipped, problems."""
    body = await limited_body(request)
    options = request.app.state.options
    defaults = Defaults(published, outlet, {}, options.max_document_chars)
    report = IngestReport()
    await run_in_threadpool(ingest_read, read_body(name, body, defaults), store, report, options)
    return SafeJSONResponse(asdict(report), status_code=201 if report.added else 200)


def read_body(name: str, body: bytes, defaults: Defaults) -> Iterator[Document | IngestProblem]:
    try:
        yield from read_bytes(name, body, defaults, None)
    except (InputError, LimitExceeded) as error:
        yield IngestProblem(name, str(error))


async def limited_body(request: Request) -> bytes:
    """The body, read no further than the limit: a chunked body that states no length is
    counted as it comes."""
    limit: int = request.app.state.max_request_bytes
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(limit: int) -> HTTPException:
    return HTTPException(413, detail=f"the request body is over {limit:,} bytes")


def oversized(request: Request) -> Response | None:
    """413 before reading a body whose stated length is over the limit (or no number);
    None for a request within it."""
    limit: int = request.app.state.max_request_bytes
    length = request.headers.get("content-length", "0")
    if not length.isdigit() or int(length) > limit:
        error = too_large(limit)
        return SafeJSONResponse({"detail": error.detail}, status_code=413)
    return None
