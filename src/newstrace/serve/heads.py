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


class BoundedHead(HttpToolsProtocol):
    """httptools' protocol counting the bytes of each request's head as they come."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.head_bytes: int | None = 0  # None while a body is being read

    def data_received(self, data: bytes) -> None:
        if self.head_bytes is not None:
            self.head_bytes += len(data)
            if self.head_bytes > MAX_HEAD_BYTES:
                self.send_400_response(f"request line and headers over {MAX_HEAD_BYTES:,} "
                                       "bytes")
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self.head_bytes = None
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self.head_bytes = 0  # what comes next on the connection is the next request's head
