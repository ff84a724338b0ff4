"""Limits on one document: its size and the time its analysis may take (`Options`). A
document past either is stopped, recorded as a failure by name, and the run goes on."""

from __future__ import annotations

import ctypes
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

    In the main thread an alarm (SIGALRM) interrupts the block; in another thread (a Dask
    worker's, a web server's) a watchdog thread raises into it. Either stops the block
    between two Python steps, so a long call into C ends before it rings; on Windows the
    block runs without a budget. Keep only the analysis inside: never a database
    transaction.
    """
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return
    message = f"{where}: analysis stopped after {seconds:g} s (the time budget, --time-budget)"
    if threading.current_thread() is not threading.main_thread():
        with _watched(seconds, message):
            yield
        return

    def ring(_signum: int, _frame: FrameType | None) -> None:
        raise LimitExceeded(message)

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds, RING_AGAIN_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class BudgetSpent(Exception):
    """Raised into a thread by its watchdog (an exception raised so takes no arguments)."""


@contextmanager
def _watched(seconds: float, message: str) -> Iterator[None]:
    """The budget of a thread that is not the main one: a timer thread raises BudgetSpent
    into it (CPython's PyThreadState_SetAsyncExc), again every RING_AGAIN_SECONDS, until
    the block ends; it is LimitExceeded outside. Nothing rings once the block is left."""
    target = threading.get_ident()
    lock = threading.Lock()
    inside = True
    timer = threading.Timer(seconds, lambda: ring())

    def ring() -> None:
        nonlocal timer
        with lock:
            if not inside:
                return
            _raise_in(target, BudgetSpent)
            timer = threading.Timer(RING_AGAIN_SECONDS, ring)
            timer.daemon = True
            timer.start()

    timer.daemon = True
    timer.start()
    spent = False
    try:
        yield
    except BudgetSpent:
        spent = True
    finally:
        while True:  # a ring on its way may land here: leave only once none can
            try:
                with lock:
                    inside = False
                    timer.cancel()
                _raise_in(target, None)  # a ring not delivered yet is taken back
                break
            except BudgetSpent:
                spent = True
    if spent:
        raise LimitExceeded(message)


def _raise_in(thread_id: int, exception: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exception) if exception else None)
