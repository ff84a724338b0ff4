"""Limits on one document: too long, or too slow, it is recorded as a failure by name and the
run goes on; the documented limits are the code's."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

import newstrace.pipeline as pipeline
from newstrace.annotate.nlp import MAX_LENGTH
from newstrace.cli import main
from newstrace.config import Options
from newstrace.errors import LimitExceeded
from newstrace.limits import RING_AGAIN_SECONDS, time_budget
from newstrace.models import Analysis, Document
from newstrace.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHORT = "Mayor Tomas Kalnis opened the bridge in Kaunas on Monday."


def stall_as(stall: str, going: Callable[[], bool]) -> None:
    """Work that never ends while ``going()``: sleeping in steps, busy, or busy in a block
    that swallows the first error raised into it (a library that hides every error)."""
    swallowed = False
    while going():
        if stall == "sleeping":
            time.sleep(0.01)
        elif stall == "swallowing" and not swallowed:
            try:
                while True:
                    pass
            except Exception:  # noqa: BLE001 - a library that hides every error
                swallowed = True


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_document_over_the_size_limit_is_reported_and_the_run_goes_on(
    tmp_path: Path, store: Store
) -> None:
    long = write(tmp_path / "long.txt", SHORT * 10)
    short = write(tmp_path / "short.txt", SHORT)
    report = pipeline.ingest([long, short], store, options=Options(max_document_chars=100))
    assert report.added == [short]
    (problem,) = report.problems
    assert problem.where == long
    assert "[NT005]" in problem.message and "100 at most" in problem.message


@pytest.mark.parametrize("stall", ["sleeping", "busy", "swallowing"])
def test_a_document_past_its_time_budget_is_stopped_and_the_run_goes_on(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch, stall: str
) -> None:
    real = pipeline.analyse

    def pathological(document: Document, options: Options | None = None) -> Analysis:
        if "stall" not in document.text:
            return real(document, options)
        stall_as(stall, lambda: True)
        raise AssertionError("a stall ends only by the budget")

    monkeypatch.setattr(pipeline, "analyse", pathological)
    slow = write(tmp_path / "slow.txt", "This report will stall the parser.")
    short = write(tmp_path / "short.txt", SHORT)
    started = time.monotonic()
    report = pipeline.ingest([slow, short], store, options=Options(time_budget=0.2))
    assert time.monotonic() - started < 30
    assert report.added == [short]
    (problem,) = report.problems
    assert problem.where == slow and "time budget" in problem.message
    # the alarm is off and its handler given back once the document is done
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler)


def test_the_cli_passes_its_limits_on(tmp_path: Path) -> None:
    long = write(tmp_path / "long.txt", SHORT * 3)
    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(main, ["ingest", long, "--db", db, "--max-chars", "50"])
    assert result.exit_code == 1 and "at most" in result.output
    result = CliRunner().invoke(main, ["ingest", long, "--db", db, "--time-budget", "60"])
    assert result.exit_code == 0 and re.search(r"stored\s+1\n", result.output)


def documented_default(option: str, table: str) -> float:
    """The Default column of the limits table's row for ``option`` ("1,000,000")."""
    (row,) = [line for line in table.splitlines() if f"`{option}`" in line]
    return float(row.strip(" |").split("|")[-1].strip().replace(",", ""))


def test_the_documented_limits_are_the_codes() -> None:
    limits = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    defaults = Options()
    assert documented_default("--max-chars", limits) == defaults.max_document_chars
    assert documented_default("--time-budget", limits) == defaults.time_budget
    assert "--max-chars" in readme and "--time-budget" in readme and "docs/limits.md" in readme
    options = {p.name: p.default for p in main.commands["ingest"].params}
    assert options["max_chars"] == defaults.max_document_chars
    assert options["time_budget"] == defaults.time_budget
    # spaCy must not refuse a document the size limit lets through
    assert MAX_LENGTH >= defaults.max_document_chars


def test_the_parser_stopped_mid_analysis_still_works_for_the_next_document(
    tmp_path: Path, store: Store
) -> None:
    report_text = " ".join(f"Mayor Tomas Kalnis said on Monday that bridge {n} would open."
                           for n in range(40))
    path = write(tmp_path / "report.txt", report_text)
    stopped = pipeline.ingest([path], store, options=Options(time_budget=0.001))
    assert stopped.added == [] and "time budget" in stopped.problems[0].message
    again = pipeline.ingest([path], store)
    assert again.added == [path] and again.problems == []
    assert len(store.load(store.document_ids()[0]).quotes) == 40


@pytest.mark.parametrize("stall", ["sleeping", "busy", "swallowing"])
def test_the_time_budget_holds_in_a_thread_that_is_not_the_main_one(stall: str) -> None:
    """As a Dask worker analyses (in a thread of its own): the block is stopped with the
    budget's error, and nothing rings in the thread once the block is left."""
    outcome: list[str] = []

    def analysis() -> None:
        started = time.monotonic()
        try:
            with time_budget(0.2, "slow.txt"):
                stall_as(stall, lambda: time.monotonic() - started < 20)
            outcome.append("finished")
        except LimitExceeded as error:
            outcome.append(f"stopped after {time.monotonic() - started:.1f} s: {error}")
        with time_budget(5, "quick.txt"):
            time.sleep(RING_AGAIN_SECONDS + 0.5)  # a late ring of the first would land here
        outcome.append("quick done")

    thread = threading.Thread(target=analysis)
    thread.start()
    thread.join(30)
    assert len(outcome) == 2 and outcome[1] == "quick done", outcome
    assert outcome[0].startswith("stopped after") and "slow.txt" in outcome[0]
    assert "time budget" in outcome[0] and float(outcome[0].split()[2]) < 10
