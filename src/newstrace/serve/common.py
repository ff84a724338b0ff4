"""What every resource shares: the store, a list's parameters (limit, cursor, format) and a
page of rows as JSON or CSV with the link to the next page."""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from newstrace.store import Store

DEFAULT_LIMIT = 50
# Rows in one page at most: a page of full timeline rows stays well under a megabyte.
MAX_LIMIT = 500
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class SafeJSONResponse(JSONResponse):
    """JSON with <, > and & written as \\u escapes: report text stays data even where a
    page embeds the JSON or a browser sniffs it."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return (text.replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026").encode("utf-8"))


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


def get_store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


StoreDep = Annotated[Store, Depends(get_store)]


@dataclass(frozen=True)
class Listing:
    limit: int
    offset: int
    format: str


def encode_cursor(offset: int) -> str:
    # without base64's padding, which a query string would carry as %3D
    return base64.urlsafe_b64encode(json.dumps({"offset": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    """The offset a cursor of ours holds; any other string is a bad parameter (422)."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        offset = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))["offset"]
    except (ValueError, TypeError, KeyError, binascii.Error, UnicodeError):
        offset = None
    if not isinstance(offset, int) or isinstance(offset, bool) or offset < 0:
        raise HTTPException(422, detail=[{
            "loc": ["query", "cursor"], "type": "value_error",
            "msg": "not a cursor this API gave: pass the `next` link's cursor as it is"}])
    return offset


def listing(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
    = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="Where the page starts: the cursor of "
                                        "the previous page's `next` link (opaque).")] = None,
    format: Annotated[Literal["json", "csv"], Query(description="json or csv.")] = "json",
) -> Listing:
    return Listing(limit, decode_cursor(cursor) if cursor else 0, format)


ListingDep = Annotated[Listing, Depends(listing)]


def page(request: Request, rows: list[dict[str, Any]], listing: Listing,
         columns: list[str]) -> Response:
    """One page of ``rows`` (the whole list, in its order) as JSON ``{rows, next}`` or as
    CSV of ``columns``; the next page's address also in a Link header."""
    end = listing.offset + listing.limit
    chunk = rows[listing.offset:end]
    next_url = (str(request.url.include_query_params(cursor=encode_cursor(end)))
                if end < len(rows) else None)
    headers = {"Link": f'<{next_url}>; rel="next"'} if next_url else {}
    if listing.format == "csv":
        return Response(csv_text(chunk, columns), media_type="text/csv; charset=utf-8",
                        headers=headers)
    return SafeJSONResponse({"rows": chunk, "next": next_url}, headers=headers)


def csv_text(rows: list[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([csv_cell(row.get(column)) for column in columns] for row in rows)
    return out.getvalue()


def csv_cell(value: Any) -> Any:
    """A value for a CSV cell: lists and mappings as JSON (pandas and scripts read them
    back), a string a spreadsheet would run as a formula behind a quote mark."""
    if value is None:
        return ""
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def not_found(what: str) -> HTTPException:
    return HTTPException(404, detail=f"no {what}")
