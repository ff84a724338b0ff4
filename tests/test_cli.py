"""The CLI over a database built from the sample reports that ship with newstrace."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("cli") / "demo.db")
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_again_adds_nothing(demo_db: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), "--db", demo_db, "-q"])
    assert result.exit_code == 0
    assert "0 stored, 6 duplicates, 0 near-duplicates, 0 not analysed, 0 failed" in result.output


def test_export_writes_one_object_per_document(demo_db: str, tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    invoke("export", "--db", demo_db, "-o", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6
    assert {"document", "text", "stories", "boilerplate", "entities", "quotes", "events",
            "timexes"} <= set(records[0])


def test_quotes_filter_by_speaker_any_spelling(demo_db: str) -> None:
    rows = json.loads(invoke("quotes", "--db", demo_db, "--speaker", "sakaliene",
                             "--format", "json"))
    assert rows and all(row["speaker"] == "Dovilė Šakalienė" for row in rows)
    assert any(row["relays"] and row["relays"][-1] == "Bulgarian News Agency" for row in rows)


def test_quotes_date_filter(demo_db: str) -> None:
    rows = json.loads(invoke("quotes", "--db", demo_db, "--since", "2025-01-01",
                             "--format", "json"))
    assert rows and all((row["date"] or row["published"]) >= "2025-01-01" for row in rows)


def test_entities_csv(demo_db: str) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("entities", "--db", demo_db, "--name", "Kyiv",
                                                  "--format", "csv"))))
    assert [row["name"] for row in rows] == ["Kyiv"]
    assert "Kiev" in rows[0]["aliases"]


def test_timeline_and_summary(demo_db: str) -> None:
    rows = json.loads(invoke("timeline", "--db", demo_db, "--format", "json"))
    dated = [row["date"] for row in rows if row["date"] != "(date unknown)"]
    assert dated == sorted(dated) and dated
    summary = invoke("summary", "--db", demo_db)
    for section in ("Stories", "People and organisations", "Who said what", "Timeline"):
        assert section in summary


def test_bad_date_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["quotes", "--since", "yesterday"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"newstrace {name}" in readme, name
