"""The local Dask cluster's workers run with glibc's own heap settings and keep quiet once
closing, and starting it leaves the caller's environment as it was."""

from __future__ import annotations

import logging
import os
from types import SimpleNamespace

import pytest
from distributed.core import Status

import newstrace.batch.engines as engines
from newstrace.batch.engines import QuietWhileClosing, WarmUp, environment_kept, start_engine
from newstrace.config import Options


def test_local_dask_workers_keep_glibc_heap_defaults_and_leave_the_environment_alone(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    before = dict(os.environ)
    with start_engine("dask", Options(), 1) as engine:
        seen = engine.submit(os.environ.get, "MALLOC_TRIM_THRESHOLD_").result()
        threads = engine.submit(os.environ.get, "OMP_NUM_THREADS").result()
        quiet = engine.submit(lambda: [type(f).__name__ for f in logging.getLogger(
            "distributed.worker").filters]).result()
    assert seen is None
    assert quiet == ["QuietWhileClosing"]  # installed once, as the models were loaded
    assert threads == "1"  # Dask's other settings for its workers still hold
    assert dict(os.environ) == before


def test_environment_kept_gives_back_added_changed_and_removed_variables(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSTRACE_TEST_CHANGED", "before")
    monkeypatch.setenv("NEWSTRACE_TEST_REMOVED", "here")
    monkeypatch.delenv("NEWSTRACE_TEST_ADDED", raising=False)
    with environment_kept():
        os.environ["NEWSTRACE_TEST_CHANGED"] = "after"
        del os.environ["NEWSTRACE_TEST_REMOVED"]
        os.environ["NEWSTRACE_TEST_ADDED"] = "new"
    assert os.environ["NEWSTRACE_TEST_CHANGED"] == "before"
    assert os.environ["NEWSTRACE_TEST_REMOVED"] == "here"
    assert "NEWSTRACE_TEST_ADDED" not in os.environ


def test_a_closing_worker_logs_nothing_a_running_one_logs_its_errors() -> None:
    worker = SimpleNamespace(status=Status.running)
    quiet = QuietWhileClosing(worker)
    failed = logging.LogRecord("distributed.worker", logging.ERROR, __file__, 1,
                               "Failed to communicate with scheduler during heartbeat.",
                               None, None)
    assert quiet.filter(failed)
    for closing in (Status.closing, Status.closing_gracefully, Status.closed):
        worker.status = closing
        assert not quiet.filter(failed)


def test_the_plugin_registered_again_leaves_one_filter_and_a_closing_worker_keeps_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engines, "warm_up", lambda _options: None)
    logger = logging.getLogger("distributed.worker")
    worker = SimpleNamespace(status=Status.running)
    first, second = WarmUp(Options()), WarmUp(Options())
    first.setup(worker)
    first.teardown(worker)  # replaced by the next batch's
    second.setup(worker)
    try:
        assert [f for f in logger.filters if isinstance(f, QuietWhileClosing)] == [second.quiet]
        worker.status = Status.closing
        second.teardown(worker)
        assert second.quiet in logger.filters
    finally:
        logger.removeFilter(second.quiet)
