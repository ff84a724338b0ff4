"""An ingest run as a user sees it: the estimated total, the quiet pipe, the summary and the
exit status."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from newstrace import cli
from newstrace.cli import main
from newstrace.ingest.progress import estimate_total

GOOD_REPORT = ("The harbour board in Klaipeda approved a new ferry terminal on Tuesday, "
               "its chair said.\n")
GOOD_RECORD = ('{"id": "r1", "text": "Riga city council agreed to extend the tram line, '
               'a spokesman said."}\n')


@pytest.fixture
def three_inputs(tmp_path: Path) -> Path:
    """Three inputs, the last of them binary junk."""
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "a_report.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (folder / "b_records.jsonl").write_text(GOOD_RECORD, encoding="utf-8")
    (folder / "c_broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe\x00\x03")
    return folder


def test_a_piped_run_prints_no_control_codes_and_ends_with_the_counts(
        three_inputs: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1] / "src"),
           "TERM": "xterm-256color"}  # a terminal type alone must not bring the bar into a pipe
    run = subprocess.run(
        [sys.executable, "-m", "newstrace.cli", "ingest", str(three_inputs),
         "--db", str(tmp_path / "piped.db")],
        capture_output=True, text=True, env=env, timeout=300, check=False)
    assert run.returncode == 1
    assert run.stdout == ""
    assert not any(ord(c) < 32 and c != "\n" for c in run.stderr), repr(run.stderr)
    lines = run.stderr.splitlines()
    assert lines[0].startswith("3 inputs read in ")
    counts = {line[:18].strip(): int(line[18:]) for line in lines[1:7]}
    assert counts == {"stored": 2, "duplicates": 0, "near-duplicates": 0, "not analysed": 0,
                      "not read": 0, "failed": 1}
    assert "c_broken.txt" in lines[7] and "binary" in lines[7]
    assert len(lines) == 8


def test_one_bad_input_fails_the_run_and_the_others_are_stored(
        three_inputs: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "runs.db")
    first = CliRunner().invoke(main, ["ingest", str(three_inputs), "--db", db, "--quiet"])
    assert first.exit_code == 1
    assert "failed" in first.output and "c_broken.txt" in first.output
    assert first.output.splitlines()[-1] == (
        f"2 stored, 0 duplicates, 0 near-duplicates, 0 not analysed, 0 not read, 1 failed -> "
        f"{db}")
    good = [str(three_inputs / "a_report.txt"), str(three_inputs / "b_records.jsonl")]
    again = CliRunner().invoke(main, ["ingest", *good, "--db", db, "--verbose"])
    assert again.exit_code == 0, again.output
    assert "duplicates           2" in again.output
    assert "a_report.txt" in again.output  # --verbose lists each input under its outcome


def test_the_total_counts_files_and_records(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(GOOD_REPORT, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "two.jsonl").write_text(GOOD_RECORD + "\n" + GOOD_RECORD,
                                                encoding="utf-8")
    # a quoted field spanning lines is one row; the header is no record
    (tmp_path / "sub" / "rows.csv").write_text(
        'id,body\nx1,"First line\nsecond line"\nx2,short\n', encoding="utf-8")
    (tmp_path / ".hidden").write_text("not an input", encoding="utf-8")
    assert estimate_total([str(tmp_path)]) == 1 + 2 + 2
    assert estimate_total([str(tmp_path / "missing.txt")]) == 1  # reported as failed


def test_kinds_that_cannot_be_counted_cheaply_leave_the_total_unknown(tmp_path: Path) -> None:
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(b"")
    assert estimate_total([str(archive)]) is None
    assert estimate_total(["-"]) is None


def test_on_a_terminal_the_bar_counts_inputs_against_the_total_with_a_rate(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    records = tmp_path / "three.jsonl"
    records.write_text(GOOD_RECORD * 3, encoding="utf-8")
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120))
    with cli.progress_bar("ingesting", estimate_total([str(records)]), shown=True) as advance:
        for number in range(3):
            advance(f"{records}:{number + 1}")
    drawn = screen.getvalue()
    assert "3/3" in drawn and "documents/s" in drawn and "three.jsonl:3" in drawn
    assert "\x1b[" in drawn  # drawn in place, which only a terminal may get
