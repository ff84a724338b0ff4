"""Conditional requests. An answer that follows from what is stored carries an ETag naming
the state it shows (the store's count of changes, `Store.generation`) and the server run
that made it (another run may read other gazetteers or be other code); a client that asks
again with that tag in If-None-Match gets 304 Not Modified, without the work being done
again, until a document is stored or deleted. The tag is read before the answer is made, so
an answer is never older than the state its tag names."""

from __future__ import annotations

from datetime import date

from sqlalchemy.pool import QueuePool
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import Scope

from newstrace.store import Store

# A browser may keep an answer, but asks each time whether it still holds.
REVALIDATE = "no-cache"
# Files that are the same for every state of the store, with validators of their own.
UNTAGGED = ("/static/",)


def tagged(scope: Scope) -> bool:
    """Whether a request's answer carries the store's state as its ETag."""
    return scope["method"] == "GET" and not scope["path"].startswith(UNTAGGED)


async def state_tag(store: Store, run: str) -> str:
    """The ETag of answers made now by this server run. A SQLite file answers in some ten
    microseconds (its readers never wait in write-ahead logging): asked in the event loop,
    cheaper than the trip to a thread, while the pool has a connection free (waiting for one
    there would stop every answer, the streams holding them too); otherwise, and for another
    database over the network, from a thread. Today's date is part of the tag: a page
    without ?on= shows the treaties as of today."""
    pool = store.engine.pool
    if store.engine.dialect.name == "sqlite" and (
            not isinstance(pool, QueuePool) or pool.checkedin() > 0):
        generation = store.generation()
    else:
        generation = await run_in_threadpool(store.generation)
    return f'"{run}-{generation}-{date.today():%Y%m%d}"'


def names_tag(if_none_match: str, tag: str) -> bool:
    """Whether an If-None-Match header names the tag (compared weakly, as RFC 9110 says
    If-None-Match is: W/"x" names "x"). "*" is not taken for a match: whether any answer
    exists is known only once the work is done, and a full answer is always allowed."""
    return any(part.strip().removeprefix("W/") == tag for part in if_none_match.split(","))


def not_modified(tag: str) -> Response:
    return Response(status_code=304, headers={"ETag": tag, "Cache-Control": REVALIDATE})
