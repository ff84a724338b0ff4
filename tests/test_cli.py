"""The CLI over a database built from the sample reports that ship with newstrace."""

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newstrace.cli import main
from newstrace.store import Store

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
    assert ("0 stored, 6 duplicates, 0 near-duplicates, 0 not analysed, 0 not read, 0 failed"
            in result.output)


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
    assert [row["date"] for row in rows[:len(dated)]] == dated  # the undated come last
    summary = invoke("summary", "--db", demo_db)
    for section in ("Outlets", "People and organisations", "Places", "Speakers", "Events"):
        assert section in summary


def test_summary_counts_and_limits_its_rankings(demo_db: str) -> None:
    record = json.loads(invoke("summary", "--db", demo_db, "--limit", "2", "--format", "json"))
    assert record["counts"]["documents"] == 6
    assert record["counts"]["statements"] == len(json.loads(
        invoke("quotes", "--db", demo_db, "--format", "json")))
    assert sum(record["entities_by_type"].values()) == record["counts"]["entities"]
    assert all(len(record[key]) <= 2 for key in ("actors", "places", "speakers", "event_types"))
    speakers = [row["statements"] for row in record["speakers"]]
    assert speakers == sorted(speakers, reverse=True) and speakers[0] > 1


def test_lists_take_a_limit(demo_db: str) -> None:
    for command in ("quotes", "entities", "timeline"):
        everything = json.loads(invoke(command, "--db", demo_db, "--format", "json"))
        first = json.loads(invoke(command, "--db", demo_db, "--format", "json", "--limit", "2"))
        assert len(everything) > 2 and first == everything[:2]


def test_a_table_in_a_pipe_is_tab_separated_without_borders(demo_db: str) -> None:
    lines = invoke("entities", "--db", demo_db, "--limit", "3").splitlines()
    assert lines[0].split("\t") == ["name", "type", "aliases", "documents", "mentions",
                                     "statements"]
    assert len(lines) == 4 and all(len(line.split("\t")) == 6 for line in lines)
    assert not any(ch in "".join(lines) for ch in "│┃─━┏┌")


def test_an_entitys_record_in_a_pipe_has_no_rule(demo_db: str) -> None:
    lines = invoke("entities", "--db", demo_db, "--name", "Kyiv").splitlines()
    assert lines[0].startswith("# Kyiv (GPE, ") and "aliases: " in lines[1]
    assert not any(ch in "".join(lines) for ch in "│┃─━┏┌")


def test_bad_date_is_a_clear_error() -> None:
    result = CliRunner().invoke(main, ["quotes", "--since", "yesterday"])
    assert result.exit_code != 0 and "YYYY-MM-DD" in result.output


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"newstrace {name}" in readme, name


def test_ingest_reads_stdin_and_maps_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "stdin.db")
    table = "uid,body\nnote-1,\"Estonia's parliament met in Tallinn on Monday.\"\n"
    result = CliRunner().invoke(main, ["ingest", "-", "--map", "text=body,id=uid", "--db", db],
                                input=table.encode())
    assert result.exit_code == 0, result.output
    # A table on stdin, which has no name, is told by its header naming the mapped column.
    assert Store(db).document_ids() == ["note-1"]
    assert Store(db).load("note-1").document.source_kind == "csv"


def test_ingest_refuses_an_unknown_mapped_field(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", "x.csv", "--map", "body=text",
                                       "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "'body' is not a field" in result.output
