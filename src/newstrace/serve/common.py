"""What every resource shares: the store, a list's parameters (limit, cursor, format) and a
page of rows as JSON or CSV with the link to the next page."""

from __future__ import annotations

import base64
import binascii
import csv
import functools
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar

import orjson
from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from newstrace.export.csv_files import csv_cell
from newstrace.store import Store
from newstrace.store.connections import one_snapshot

DEFAULT_LIMIT = 50
# Rows in one page at most: a page of full timeline rows stays well under a megabyte.
MAX_LIMIT = 500


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as \\u escapes: report text stays data even where a
    page embeds the JSON or a browser sniffs it. Written by orjson (an entity's full record,
    some 100 kB, in a tenth of the standard library's time)."""

    def render(self, content: Any) -> bytes:
        return (orjson.dumps(content, option=orjson.OPT_NON_STR_KEYS)
                .replace(b"<", b"\\u003c").replace(b">", b"\\u003e").replace(b"&", b"\\u0026"))


class Page(BaseModel):
    """A page of a list: its rows and the address of the next page (null on the last)."""

    rows: list[dict[str, Any]]
    next: str | None


# A list endpoint's answers as the OpenAPI document states them.
LIST_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"model": Page, "content": {"text/csv": {"schema": {"type": "string"}}},
          "description": "A page of rows (JSON), or the same rows as CSV with the next page "
                         "in the Link header."},
}


# The dependencies are coroutines: they do no I/O, and a plain function would cost each
# request a trip to the thread pool and back.
async def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]

Endpoint = TypeVar("Endpoint", bound=Callable[..., Response])


def snapshot(endpoint: Endpoint) -> Endpoint:
    """An endpoint (taking ``store``) whose reads share one connection and transaction
    (store/connections.one_snapshot): its answer shows one state of the store, and costs one
    connection, not one for each of its statements."""
    @functools.wraps(endpoint)
    def answer(*args: Any, **kwargs: Any) -> Response:
        with one_snapshot(kwargs["store"]):
            return endpoint(*args, **kwargs)
    return answer  # type: ignore[return-value]


@dataclass(frozen=True)
class Listing:
    limit: int
    after: list[Any] | None  # the key of the last row of the page before (None: the first)
    format: str


def encode_cursor(after: list[Any]) -> str:
    """A cursor: the key of the last row given, so the next page starts after that row
    wherever it now stands (stable while reports are stored). Without base64's padding,
    which a query string would carry as %3D."""
    text = json.dumps({"after": after}, ensure_ascii=False, separators=(",", ":"), default=str)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    """The key a cursor of ours holds; any other string is a bad parameter (422)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["after"]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        after = None
    if not isinstance(after, list) or not after:
        raise HTTPException(422, detail=[{
            "loc": ["query", "cursor"], "type": "value_error",
            "msg": "not a cursor this API gave: pass the `next` link's cursor as it is"}])
    return after


def bad_cursor() -> HTTPException:
    return HTTPException(422, detail=[{
        "loc": ["query", "cursor"], "type": "value_error",
        "msg": "not a cursor of this list: pass the `next` link's cursor as it is"}])


async def listing(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
    = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="Where the page starts: the cursor of "
                                        "the previous page's `next` link (opaque).")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv.")] = "json",
) -> Listing:
    return Listing(limit, decode_cursor(cursor) if cursor else None, format)


ListingDep = Annotated[Listing, Depends(listing)]


RowKey = Callable[[dict[str, Any]], tuple[list[Any], list[Any]]]


def page(request: Request, rows: list[dict[str, Any]], listing: Listing, columns: list[str],
         key: RowKey | None = None) -> Response:
    """One page of ``rows``, a whole list in its order. ``key`` gives a row's sort key
    (which the list's order follows) and what tells it from any other row: the page starts
    after the row the cursor names, or, when that row is gone, after its sort key. A list
    without a key is paged by position."""
    keys = [json.loads(json.dumps(key(row), default=str)) if key else [[n], []]
            for n, row in enumerate(rows)]
    seen: dict[str, int] = {}
    for k in keys:  # a row like one before it is told apart by how many came before
        if k[1]:
            told = json.dumps(k[1])
            k[1].append(seen.get(told, 0))
            seen[told] = seen.get(told, 0) + 1
    start = 0
    if listing.after is not None:
        if len(listing.after) != 2 or not all(isinstance(k, list) for k in listing.after):
            raise bad_cursor()
        sort, identity = listing.after
        found = next((n + 1 for n, k in enumerate(keys) if identity and k[1] == identity), None)
        start = found if found is not None else next(
            (n for n, k in enumerate(keys) if _after(k[0], sort)), len(rows))
    end = start + listing.limit
    return respond(request, rows[start:end], listing, columns,
                   keys[end - 1] if end < len(rows) else None)


def _after(sort: list[Any], than: list[Any]) -> bool:
    """Whether a sort key comes after another (keys of one list have the same shape)."""
    try:
        return bool(sort > than)
    except TypeError:
        return False


def respond(request: Request, rows: list[dict[str, Any]], listing: Listing,
            columns: list[str], after: list[Any] | None) -> Response:
    """A page as JSON ``{rows, next}`` or as CSV of ``columns``; the next page (after the
    row keyed ``after``, if any) also in a Link header."""
    next_url = (str(request.url.include_query_params(cursor=encode_cursor(after)))
                if after is not None else None)
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if listing.format == "csv":
        return Response(csv_text(rows, columns), media_type="text/csv; charset=utf-8",
                        headers=headers)
    return SafeJSONResponse({"rows": rows, "next": next_url}, headers=headers)


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([csv_cell(row.get(column)) for column in columns] for row in rows)
    return out.getvalue()


def not_found(what: str) -> HTTPException:
    return HTTPException(404, detail=f"no {what}")
