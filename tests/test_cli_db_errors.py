"""Every command that takes --db, pointed at a PostgreSQL database it cannot open: a clear
error that names the database, and never its password."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy.engine import make_url

from newstrace.cli import main

WRONG_PASSWORD = "wrong-pw-7Qx2vK9"


def commands_with_db() -> list[str]:
    return sorted(name for name, command in main.commands.items()
                  if any(isinstance(p, click.Option) and "--db" in p.opts for p in command.params))


def test_the_list_of_db_commands_is_the_one_checked() -> None:
    # A new command with --db is checked below without being named there.
    assert {"ingest", "batch", "export", "quotes", "entities", "delete", "serve",
            "status"} <= set(commands_with_db())


def arguments(command: str, folder: Path) -> list[str]:
    report = folder / "report.txt"
    report.write_text("The council met on Monday and voted to rebuild the old bridge.\n",
                      encoding="utf-8")
    return {
        "ingest": [str(report)],
        "batch": [str(report), "--out", str(folder / "out"), "--engine", "local",
                  "--workers", "1"],
        "export": ["-o", str(folder / "export.jsonl")],
        "search": ["bridge"],
        "delete": ["doc_nothing"],
        "status": ["--treaty", "Ottawa Treaty", "--on", "2025-01-01"],
        "serve": ["--port", "1"],
    }.get(command, [])


@pytest.mark.parametrize("command", commands_with_db())
def test_a_database_that_cannot_be_opened_is_named_without_its_password(
        command: str, postgres: str, tmp_path: Path) -> None:
    url = make_url(postgres).set(password=WRONG_PASSWORD)
    db = url.render_as_string(hide_password=False)
    result = CliRunner().invoke(main, [command, "--db", db, *arguments(command, tmp_path)])
    output = result.output + (result.stderr if result.stderr_bytes else "")
    assert result.exit_code == 1, output
    assert WRONG_PASSWORD not in output
    assert "[NT003]" in output
    assert url.render_as_string(hide_password=True) in output  # the database, named
