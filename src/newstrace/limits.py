"""Limits on one document: its size and the time its analysis may take (`Options`). A
document past either is stopped, recorded as a failure by name, and the run goes on."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from newstrace.errors import LimitExceeded

# Once the budget is spent, the alarm rings again this often (seconds) until the analysis
# stops: a library that catches every exception may swallow one ring, not all of them.
RING_AGAIN_SECONDS = 1.0


def check_size(text: str, max_chars: int, where: str) -> None:
    if len(text) > max_chars:
        raise LimitExceeded(f"{where}: {len(text):,} characters is more than one document "
                            f"({max_chars:,} at most, --max-chars); split it into reports")


@contextmanager
def time_budget(seconds: float, where: str) -> Iterator[None]:
    """Raise LimitExceeded inside the block once ``seconds`` have passed (0: no budget).

    The alarm (SIGALRM) interrupts the main thread only, between two Python steps, so a
    long call into C ends before it rings; elsewhere (a worker thread, Windows) the block
    runs without a budget. Keep only the analysis inside: never a database transaction.
    """
    if (seconds <= 0 or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def ring(_signum: int, _frame: FrameType | None) -> None:
        raise LimitExceeded(f"{where}: analysis stopped after {seconds:g} s "
                            "(the time budget, --time-budget)")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
