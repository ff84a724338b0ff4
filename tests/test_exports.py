"""Every export format read back by its own ecosystem's reader: pyarrow for Parquet, the
csv module for CSV, followthemoney for FtM, networkx for GEXF and GraphML. The database holds
the sample reports that ship with newstrace and one record written here whose title, outlet
and words start like spreadsheet formulas."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from followthemoney import model
from rich.console import Console

from newstrace import cli
from newstrace.cli import main
from newstrace.errors import ExportError
from newstrace.export import analysis_record
from newstrace.export.csv_files import FORMULA_STARTS
from newstrace.export.formats import export_store
from newstrace.export.ftm import ANNOTATIONS_FILE, ENTITIES_FILE
from newstrace.export.tables import TABLES
from newstrace.models import Analysis
from newstrace.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"
FORMULA_RECORD = {
    "id": "formula-cells", "title": '=HYPERLINK("http://example.invalid","open me")',
    "outlet": "+Harbour Evening Post", "published": "2025-02-01",
    "text": "-Vilnius, 1 February. Defence Minister Dovilė Šakalienė said on Saturday that "
            "Lithuania would buy more air defence systems this year.\n"
            '"=Nobody should expect the purchase to wait for the next budget," '
            "Šakalienė told reporters.\n",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("exports")
    formulas = folder / "formulas.jsonl"
    formulas.write_text(json.dumps(FORMULA_RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
    path = str(folder / "exports.db")
    for inputs in (EXAMPLES, formulas):
        result = CliRunner().invoke(main, ["ingest", str(inputs), "--db", path, "-q"])
        assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def analyses(db: str) -> list[Analysis]:
    return list(Store(db).analyses())


def export(db: str, fmt: str, output: Path) -> Path:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt,
                                       "-o", str(output)])
    assert result.exit_code == 0, result.output
    return output


@pytest.fixture(scope="module")
def texts(analyses: list[Analysis]) -> dict[str, str]:
    return {a.document.id: a.document.text for a in analyses}


def expected_counts(analyses: list[Analysis]) -> dict[str, int]:
    return {
        "documents": len(analyses),
        "entities": len({e.id for a in analyses for e in a.entities}),
        "mentions": sum(len(e.mentions) for a in analyses for e in a.entities),
        "statements": sum(len(a.quotes) for a in analyses),
        "relays": sum(len(q.relays) for a in analyses for q in a.quotes),
        "events": sum(len(a.events) for a in analyses),
        "timexes": sum(len(a.timexes) for a in analyses),
        "stories": sum(len(a.stories) for a in analyses),
    }


def assert_selector(text: str, start: int, end: int, exact: str, prefix: str,
                    suffix: str) -> None:
    """A TextQuoteSelector's words are the text's at the offsets, with the text either side."""
    assert exact == text[start:end]
    assert prefix and text[:start].endswith(prefix) or start == 0 and prefix == ""
    assert suffix and text[end:].startswith(suffix) or end == len(text) and suffix == ""


def test_jsonl_is_one_export_record_per_document(db: str, analyses: list[Analysis],
                                                 tmp_path: Path) -> None:
    out = export(db, "jsonl", tmp_path / "all.jsonl")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [json.loads(json.dumps(analysis_record(a), ensure_ascii=False))
                     for a in analyses]


def test_jsonl_is_the_default_and_goes_to_stdout(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db])
    assert result.exit_code == 0
    assert len(result.output.splitlines()) == 7


def test_filters_choose_the_documents_by_outlet_and_day(db: str) -> None:
    def exported(*options: str) -> list[str]:
        result = CliRunner().invoke(main, ["export", "--db", db, *options])
        assert result.exit_code == 0, result.output
        return [json.loads(line)["document"]["id"] for line in result.output.splitlines()]

    assert exported("--outlet", "bta") == ["01_wire_relay"]
    assert exported("--since", "2025-01-01") == ["06_english_quotes", "formula-cells",
                                                 "01_wire_relay"]
    assert exported("--since", "2024-01-01", "--until", "2024-12-31") == [
        "03_transliterations", "02_compilation", "04_german_quotes"]


def test_parquet_tables_have_typed_columns_and_the_store_rows(
        db: str, analyses: list[Analysis], tmp_path: Path) -> None:
    folder = export(db, "parquet", tmp_path / "parquet")
    tables = {name: pq.read_table(folder / f"{name}.parquet") for name in TABLES}
    for name, rows in expected_counts(analyses).items():
        assert tables[name].num_rows == rows, name
    documents = tables["documents"]
    assert documents.schema.field("published").type == pa.date32()
    assert documents.schema.field("copy_of").type == pa.list_(pa.string())
    assert tables["mentions"].schema.field("start").type == pa.int64()
    assert tables["statements"].schema.field("day").type == pa.date32()
    assert tables["statements"].schema.field("confidence").type == pa.float64()
    assert tables["events"].schema.field("votes_for").type == pa.int64()
    days = {row["document_id"]: row["published"] for row in documents.to_pylist()}
    assert days["formula-cells"].isoformat() == "2025-02-01"
    # the ids link the tables
    entity_ids = set(tables["entities"].column("entity_id").to_pylist())
    assert set(tables["mentions"].column("entity_id").to_pylist()) <= entity_ids
    assert set(tables["relays"].column("entity_id").to_pylist()) <= entity_ids
    assert set(tables["relays"].column("statement_id").to_pylist()) <= set(
        tables["statements"].column("statement_id").to_pylist())
    assert set(tables["event_arguments"].column("report_id").to_pylist()) <= set(
        tables["events"].column("report_id").to_pylist())
    votes = [row for row in tables["events"].to_pylist() if row["votes_for"] is not None]
    assert votes and all(isinstance(row["votes_for"], int) for row in votes)


def test_parquet_writes_an_empty_table_with_its_columns(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.db")
    Store(db)
    folder = export(db, "parquet", tmp_path / "parquet")
    table = pq.read_table(folder / "statements.parquet")
    assert table.num_rows == 0
    assert table.schema.names == [column.name for column in TABLES["statements"]]


def read_csv(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def undefused(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def test_csv_tables_read_back_linked_and_no_cell_is_a_formula(
        db: str, analyses: list[Analysis], tmp_path: Path) -> None:
    folder = export(db, "csv", tmp_path / "csv")
    tables = {name: read_csv(folder, name) for name in TABLES}
    for name, rows in expected_counts(analyses).items():
        assert len(tables[name]) == rows, name
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == [column.name for column in TABLES[name]]
        for row in rows:
            assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values()), row
    document = next(r for r in tables["documents"] if r["document_id"] == "formula-cells")
    assert document["title"] == "'" + FORMULA_RECORD["title"]
    assert document["outlet"] == "'" + FORMULA_RECORD["outlet"]
    assert undefused(document["text"]) == FORMULA_RECORD["text"]
    quoted = [r for r in tables["statements"] if r["document_id"] == "formula-cells"]
    assert any(r["content"].startswith("'=Nobody") for r in quoted)
    entity_ids = {row["entity_id"] for row in tables["entities"]}
    assert {row["entity_id"] for row in tables["mentions"]} <= entity_ids
    statements = {row["statement_id"] for row in tables["statements"]}
    assert {row["statement_id"] for row in tables["relays"]} <= statements


def test_csv_rows_carry_their_quote_selectors(db: str, texts: dict[str, str],
                                              tmp_path: Path) -> None:
    folder = export(db, "csv", tmp_path / "csv")
    checked = 0
    for name, prefix in (("mentions", ""), ("statements", "content_"), ("events", "evidence_")):
        for row in read_csv(folder, name):
            exact = undefused(row[prefix.rstrip("_") or "text"])
            assert_selector(texts[row["document_id"]], int(row[f"{prefix}start"]),
                            int(row[f"{prefix}end"]), exact, undefused(row["prefix"]),
                            undefused(row["suffix"]))
            checked += 1
    assert checked > 100


def ftm_lines(folder: Path, name: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in
            (folder / name).read_text(encoding="utf-8").splitlines()]


def test_ftm_entities_validate_and_every_reference_resolves(
        db: str, analyses: list[Analysis], tmp_path: Path) -> None:
    folder = export(db, "ftm", tmp_path / "ftm")
    merged: dict[str, Any] = {}
    for data in ftm_lines(folder, ENTITIES_FILE):
        proxy = model.get_proxy(data, cleaned=False)  # cleans every value by its type
        assert proxy.to_dict()["properties"] == data["properties"], data
        proxy.schema.validate(data)  # required properties present, values valid
        merged[proxy.id] = merged[proxy.id].merge(proxy) if proxy.id in merged else proxy
    schemata = Counter(proxy.schema.name for proxy in merged.values())
    assert schemata["Article"] == len(analyses)
    for schema in ("Person", "Organization", "LegalEntity", "Mention", "Event", "UnknownLink"):
        assert schemata[schema], schema
    assert schemata["Mention"] == sum(len(e.mentions) for a in analyses for e in a.entities)
    for proxy in merged.values():
        for prop, value in proxy.itervalues():
            if prop.type.name == "entity":
                assert value in merged, (proxy.schema.name, prop.name)
                assert merged[value].schema.is_a(prop.range.name), (proxy.schema.name, prop.name)
    # one person, several documents: one entity whose names gather every document's
    minister = next(p for p in merged.values() if p.schema.name == "Person"
                    and "Dovilė Šakalienė" in p.get("name"))
    assert len(minister.get("proof")) >= 3
    assert "Šakalienė" in minister.get("alias")
    said = [p for p in merged.values() if p.schema.name == "UnknownLink"
            and p.get("subject") == [minister.id]]
    assert said and all(p.get("role") == ["said"] and p.get("description") for p in said)


def test_ftm_annotations_point_at_the_words_of_an_article(
        db: str, analyses: list[Analysis], texts: dict[str, str], tmp_path: Path) -> None:
    folder = export(db, "ftm", tmp_path / "ftm")
    entities = {data["id"]: data for data in ftm_lines(folder, ENTITIES_FILE)}
    annotations = ftm_lines(folder, ANNOTATIONS_FILE)
    by_schema = Counter(a["body"]["schema"] for a in annotations)
    assert by_schema["Mention"] == sum(len(e.mentions) for a in analyses for e in a.entities)
    assert by_schema["Event"] == sum(len(a.events) for a in analyses)
    assert by_schema["UnknownLink"] + by_schema["Note"] == sum(len(a.quotes) for a in analyses)
    for note in annotations:
        assert note["type"] == "Annotation" and note["body"]["id"] in entities
        article = entities[note["target"]["source"]]
        assert article["schema"] == "Article"
        quote, position = note["target"]["selector"]
        assert (quote["type"], position["type"]) == ("TextQuoteSelector", "TextPositionSelector")
        assert_selector(texts[note["target"]["newstrace_document"]], position["start"],
                        position["end"], quote["exact"], quote["prefix"], quote["suffix"])
        # FtM trims the article's text: the words and their context are found in it all the same
        words = (quote["prefix"] + quote["exact"] + quote["suffix"]).strip()
        assert words in article["properties"]["bodyText"][0]


def edge_named(graph: nx.MultiDiGraph, source: str, target: str, key: str) -> dict[str, Any]:
    ids = {data["label"]: node for node, data in graph.nodes(data=True)}
    data: dict[str, Any] = graph.edges[ids[source], ids[target], key]
    return data


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_networks_load_with_typed_attributes(db: str, tmp_path: Path, fmt: str) -> None:
    out = export(db, fmt, tmp_path / f"network.{fmt}")
    graph = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    assert isinstance(graph, nx.MultiDiGraph)
    labels = {data["label"]: data for _, data in graph.nodes(data=True)}
    minister = labels["Dovilė Šakalienė"]
    assert minister["type"] == "PERSON"
    assert isinstance(minister["mentions"], int) and minister["mentions"] >= 5
    assert minister["documents"] >= 3
    # who acts on whom: an event's actor to its target, with the event's type and date
    meeting = edge_named(graph, "Gabrielius Landsbergis", "Volodymyr Zelenskyy", "acts:meeting")
    assert meeting["relation"] == "acts" and meeting["event_type"] == "meeting"
    assert meeting["first_date"] == "2024-02-09" and meeting["weight"] == 1
    # who quotes whom: the publisher carries the minister's words, several times
    relayed = edge_named(graph, "Bulgarian News Agency", "Dovilė Šakalienė", "relays")
    assert relayed["weight"] >= 2 and relayed["relation"] == "relays"
    assert {data["relation"] for _, _, data in graph.edges(data=True)} == {
        "quotes", "relays", "acts"}


def test_a_network_goes_to_stdout_without_an_output(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "graphml"])
    assert result.exit_code == 0
    graph = nx.read_graphml(io.BytesIO(result.stdout_bytes))
    assert "Dovilė Šakalienė" in {data["label"] for _, data in graph.nodes(data=True)}


def test_the_library_names_an_unknown_format(db: str, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no export format 'xlsx'"):
        export_store(Store(db), "xlsx", str(tmp_path / "out.xlsx"))


def test_export_draws_a_progress_bar_on_a_terminal(db: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=True, width=120))
    export(db, "csv", tmp_path / "csv")
    assert "exporting" in screen.getvalue() and "7/7" in screen.getvalue()


@pytest.mark.parametrize(("fmt", "where", "message"), [
    ("csv", "-", "give a folder with -o DIR"),
    ("parquet", "a-file", "is a file"),
    ("gexf", "a-folder", "is a folder"),
    ("jsonl", "missing/out.jsonl", "no folder"),
])
def test_an_output_path_the_format_cannot_use_is_a_clear_error(
        db: str, tmp_path: Path, fmt: str, where: str, message: str) -> None:
    (tmp_path / "a-file").write_text("kept\n", encoding="utf-8")
    (tmp_path / "a-folder").mkdir()
    output = where if where == "-" else str(tmp_path / where)
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "-o", output])
    assert result.exit_code == 1
    assert "NT007" in result.output and message in result.output
    assert (tmp_path / "a-file").read_text(encoding="utf-8") == "kept\n"


def test_a_missing_database_is_named_and_not_made(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["export", "--db", str(missing)])
    assert result.exit_code == 1 and "no such database" in result.output
    assert not missing.exists()


def test_an_unknown_format_is_a_usage_error(db: str) -> None:
    result = CliRunner().invoke(main, ["export", "--db", db, "--format", "xlsx"])
    assert result.exit_code == 2 and "xlsx" in result.output
