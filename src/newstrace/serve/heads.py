"""The HTTP protocol the server speaks (uvicorn's, on httptools), with a bound on a
request's head: httptools gathers a request line and headers of any length (a 30 MB
header was read whole and answered 200), where the body is held to the size limit
(serve/writes.py). A head over `MAX_HEAD_BYTES` is answered 400 and its connection
closed, as uvicorn answers a head it cannot parse."""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

# Request line and headers together; browsers send a few kilobytes, nginx takes 32 kB.
MAX_HEAD_BYTES = 64 * 1024
TOO_LARGE = f"request line and headers over {MAX_HEAD_BYTES:,} bytes"


class HeadTooLarge(Exception):
    """Raised inside httptools' callback: the parser then fails, and uvicorn answers 400."""


class BoundedHead(HttpToolsProtocol):
    """httptools' protocol holding each request's head to `MAX_HEAD_BYTES`. The bytes read
    while a head is incomplete are counted, so a head sent without end is refused before
    httptools has gathered more than a read beyond the bound; a head completed within one
    read is measured on what the parser gave (its line and headers), so the body that came
    in the same read does not count against it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_bytes: int | None = 0  # None while a body is being read

    def data_received(self, data: bytes) -> None:
        if self.head_bytes is not None:
            self.head_bytes += len(data)
        super().data_received(data)
        if self.head_bytes is not None and self.head_bytes > MAX_HEAD_BYTES and \
                not self.transport.is_closing():
            self.send_400_response(TOO_LARGE)

    def on_headers_complete(self) -> None:
        self.head_bytes = None
        if len(self.url) + sum(len(n) + len(v) for n, v in self.headers) > MAX_HEAD_BYTES:
            raise HeadTooLarge(TOO_LARGE)
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.head_bytes = 0  # what comes next on the connection is the next request's head
