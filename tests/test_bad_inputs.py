"""Bad inputs, each generated here: every one is stored or refused by name (file, line, record
or entry), the run goes on to the good input behind it, the summary lists every failure, the
exit status says whether any input failed, and a second run over the same inputs stores
nothing new and loses nothing."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.cli import main
from newstrace.store import Store

ROOT = Path(__file__).resolve().parents[1]

# Short reports in our own words, one per good input so that none is a duplicate of another.
REPORT = ("Mayor Ilona Varga said on Tuesday that the new tram line in Szeged would open in "
          "May, a year later than planned. ")
TOWNS = ("Pecs", "Gyor", "Eger", "Sopron", "Tata", "Vac", "Zalaegerszeg", "Kecskemet")


def report(n: int) -> str:
    return REPORT.replace("Szeged", TOWNS[n % len(TOWNS)]) + f"The line is number {n}.\n"


def page(body: str, head: str = "<title>Tram line</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head>{body}</html>"


def nested_page(depth: int) -> bytes:
    paragraphs = "".join(f"<p>{report(n)}</p>" for n in range(3))
    return page("<body>" + "<div>" * depth + paragraphs + "</div>" * depth + "</body>").encode()


def broken_feed() -> bytes:
    """An RSS feed cut off inside its second item: the first item is whole."""
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            "<title>Town Crier</title><link>https://crier.example/</link>"
            f"<item><title>Trams</title><link>https://crier.example/a</link>"
            f"<description>{report(1)}</description></item>"
            "<item><title>Ferries</title><description>The ferry").encode()


def jsonl(*records: object) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n"
                   for r in records).encode()


def warc_cut_short() -> bytes:
    """A web archive of two pages, the second cut off in the middle of its content."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    for n in (1, 2):
        body = page(f"<body><article><h1>Tram line {n}</h1>"
                    + "".join(f"<p>{report(n * 10 + k)}</p>" for k in range(4))
                    + "</article></body>").encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://crier.example/{n}", "response", payload=io.BytesIO(body),
            http_headers=http))
    data = out.getvalue()
    return data[:len(data) - 400]


# (file name, its bytes, what becomes of it: how many documents are stored from it, and the
# words its failure shows, with the place after the file's name: ":2" a line, ": entry 2")
Case = tuple[str, Callable[[], bytes], int, str | None, str]
CASES: list[Case] = [
    ("empty.txt", lambda: b"", 0, "input is empty", ""),
    ("blank.txt", lambda: b" \n\t\n", 0, "input is empty", ""),
    ("image.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, 0, "binary", ""),
    ("invalid-utf8.txt", lambda: report(1).encode() + b"\xff\xfe\xc3\x28 end.\n", 1, None, ""),
    ("mixed-encodings.txt",
     lambda: ("Caf\u00e9 owners met. " + report(1)).encode() + "Caf\u00e9 r\u00e9ouvert."
     .encode("cp1252"), 1, None, ""),
    ("one-line.txt", lambda: ("word " * 210_000).encode(), 0, "more than one document", ""),
    ("no-body.html", lambda: page("").encode(), 0, "the page has no text", ""),
    ("head-only.html", lambda: b"<html><head><title>Only a title</title></head></html>", 0,
     "the page has no text", ""),
    ("deep.html", lambda: nested_page(5_000), 0, "nested 5,00", ""),
    ("feed.xml", broken_feed, 1, "the feed is cut short", ""),
    ("broken-line.jsonl", lambda: jsonl({"id": "a", "text": report(1)}, '{"id": "b", "text": ',
                                        {"id": "c", "text": report(2)}),
     2, "not valid JSON: Expecting value at column 21", ":2"),
    ("no-text.jsonl", lambda: jsonl({"id": "d", "title": "No text here"}), 0,
     "field 'text' is missing", ":1"),
    ("quote-marks.txt", lambda: ('"\u201c\u201d\u00ab\u00bb\u2018\u2019\'"' * 200).encode(), 1,
     None, ""),
    ("right-to-left.txt", lambda: ("\u05e9\u05e8 \u05d4\u05d7\u05d5\u05e5 \u202eamsat\u202c "
                                   "A\u0301ron e\u0301\u0308\u0323 said: \"We agree.\" "
                                   + report(1)).encode(), 1, None, ""),
    ("nul-bytes.txt", lambda: (report(1) * 3).replace("tram", "tram\x00", 1).encode(), 1,
     None, ""),
    ("nul-in-record.jsonl", lambda: jsonl({"id": "n", "text": report(1).replace(" ", "\x00", 2)}),
     1, None, ""),
    ("nul-heavy.txt", lambda: report(1).replace(" ", "\x00").encode(), 0, "binary", ""),
    ("cut-short.warc", warc_cut_short, 1, "cut short", ""),
    ("february.jsonl", lambda: jsonl({"id": "e", "text": report(1), "published": "2025-02-31"}),
     0, "day is out of range for month", ":1"),
    ("february.txt", lambda: ("On 31 February 2025 the council said the bridge had opened. "
                              + report(1)).encode(), 1, None, ""),
]
CASE_IDS = [case[0] for case in CASES]


def ingest(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["ingest", "--quiet", *args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def stored(db: str) -> dict[str, str]:
    """Each stored document's id and the file it came from."""
    store = Store(db)
    return {doc_id: store.load(doc_id).document.file or "" for doc_id in store.document_ids()}


@pytest.mark.parametrize(("name", "content", "documents", "says", "at"), CASES, ids=CASE_IDS)
def test_a_bad_input_is_stored_or_named_and_the_run_goes_on(
    tmp_path: Path, name: str, content: Callable[[], bytes], documents: int, says: str | None,
    at: str,
) -> None:
    bad = tmp_path / name
    bad.write_bytes(content())
    good = tmp_path / "good.txt"
    good.write_text(report(7), encoding="utf-8")
    db = str(tmp_path / "bad.db")
    started = time.monotonic()
    code, output = ingest(str(bad), str(good), "--db", db)
    assert time.monotonic() - started < 60
    failures = [line for line in output.splitlines() if line.startswith("failed ")]
    if says is None:
        assert code == 0, output
        assert failures == []
    else:
        assert code == 1, output
        assert failures and all(line.startswith(f"failed {bad}") for line in failures), output
        assert any(line.startswith(f"failed {bad}{at}") and says in line
                   for line in failures), output
    first = stored(db)
    assert sorted(first.values()) == sorted([str(bad)] * documents + [str(good)])
    # again: nothing new, nothing lost, the same failures
    code_again, again = ingest(str(bad), str(good), "--db", db)
    assert code_again == code
    assert f"0 stored, {documents + 1} duplicates" in again
    assert [line for line in again.splitlines() if line.startswith("failed ")] == failures
    assert stored(db) == first


def test_every_bad_input_in_one_run_is_listed_and_the_exit_status_says_so(
    tmp_path: Path,
) -> None:
    """One run over all the cases, each followed by a good report, as a user runs it: the
    summary on stderr lists every failure once, and the good reports are all stored."""
    paths: list[str] = []
    for n, (name, content, _documents, _says, _at) in enumerate(CASES):
        bad = tmp_path / name
        bad.write_bytes(content())
        good = tmp_path / f"good-{n:02d}.txt"
        good.write_text(report(n) + f"Case {name}.\n", encoding="utf-8")
        paths += [str(bad), str(good)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    db = str(tmp_path / "all.db")
    run = subprocess.run([sys.executable, "-m", "newstrace.cli", "ingest", *paths, "--db", db],
                         capture_output=True, text=True, env=env, timeout=600, check=False)
    assert run.returncode == 1, run.stderr
    failing = [(name, says, at) for name, _c, _d, says, at in CASES if says is not None]
    counts = dict(re.findall(r"^  (\w[\w -]*?)\s+(\d+)$", run.stderr, re.MULTILINE))
    assert int(counts["failed"]) >= len(failing)
    for name, says, at in failing:
        assert re.search(rf"^      {re.escape(str(tmp_path / name) + at)}.*{re.escape(says)}",
                         run.stderr, re.MULTILINE), (name, run.stderr)
    expected = sum(case[2] for case in CASES) + len(CASES)
    assert int(counts["stored"]) == expected
    assert len(stored(db)) == expected
    # the good inputs alone: nothing fails, the exit status is 0
    goods = [path for path in paths if "good-" in path]
    run = subprocess.run([sys.executable, "-m", "newstrace.cli", "ingest", *goods, "--db", db],
                         capture_output=True, text=True, env=env, timeout=600, check=False)
    assert run.returncode == 0, run.stderr
    assert len(stored(db)) == expected


def test_a_50_mb_text_is_refused_by_the_size_limit_without_being_analysed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newstrace.pipeline as pipeline

    analysed: list[int] = []
    real = pipeline.analyse
    monkeypatch.setattr(pipeline, "analyse",
                        lambda document, options=None: analysed.append(len(document.text))
                        or real(document, options))
    huge = tmp_path / "huge.txt"
    line = "The harbour board met again on Friday to talk about the new quay.\n"
    with huge.open("w", encoding="utf-8") as out:
        for _ in range(50_000_000 // len(line) + 1):
            out.write(line)
    good = tmp_path / "good.txt"
    good.write_text(report(3), encoding="utf-8")
    db = str(tmp_path / "huge.db")
    started = time.monotonic()
    code, output = ingest(str(huge), str(good), "--db", db)
    assert time.monotonic() - started < 20
    assert code == 1
    assert re.search(rf"failed {re.escape(str(huge))}: \[NT005\] .*50,000,\d+ bytes of text, "
                     r"more characters than one document takes \(1,000,000 at most, "
                     r"--max-chars\)", output), output
    assert analysed == [len(report(3))]  # spaCy never saw the big one
    assert list(stored(db).values()) == [str(good)]


def test_a_gzipped_input_cut_short_is_named(tmp_path: Path) -> None:
    packed = gzip.compress(report(1).encode())
    bad = tmp_path / "cut.txt.gz"
    bad.write_bytes(packed[:-12])
    code, output = ingest(str(bad), "--db", str(tmp_path / "gz.db"))
    assert code == 1 and f"failed {bad}: " in output and "cut short" in output


def test_a_date_of_31_february_given_on_the_command_line_is_a_usage_error(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(report(1), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(good), "--db", str(tmp_path / "d.db"),
                                       "--published", "2025-02-31"])
    assert result.exit_code == 2
    assert "--published" in result.output and "day is out of range for month" in result.output


def test_31_february_in_a_text_gives_no_impossible_date(tmp_path: Path) -> None:
    text = tmp_path / "february.txt"
    text.write_text("On 31 February 2025 the council said the bridge had opened. " + report(1),
                    encoding="utf-8")
    db = str(tmp_path / "feb.db")
    code, output = ingest(str(text), "--db", db, "--published", "2025-03-03")
    assert code == 0, output
    store = Store(db)
    (analysis,) = [store.load(doc_id) for doc_id in store.document_ids()]
    assert not any("02-31" in (timex.value or "") for timex in analysis.timexes)


BROKEN_ENTRIES = [
    ("not-json", "[{\"key\": \"x\", ", "not valid JSON"),
    ("not-a-list", json.dumps({"key": "x"}), "expected a JSON array"),
    ("entry-not-an-object", json.dumps(["Tata"]), "entry 1 is not a JSON object"),
    ("no-name", json.dumps([{"key": "tata", "type": "GPE"}]), "entry 1 lacks name"),
    ("aliases-not-a-list",
     json.dumps([{"key": "tata", "type": "GPE", "name": "Tata", "aliases": 5}]),
     "entry 1 [tata]: 'aliases' is not a list"),
    ("role-without-role",
     json.dumps([{"key": "varga", "type": "PERSON", "name": "Ilona Varga",
                  "roles": [{"country": "HU"}]}]), "entry 1 [varga]: role 1 lacks role"),
    ("bad-role-date",
     json.dumps([{"key": "varga", "type": "PERSON", "name": "Ilona Varga",
                  "roles": [{"role": "mayor", "start": "2025-02-31"}]}]), "'2025-02-31'"),
]


@pytest.mark.parametrize(("name", "content", "says"), BROKEN_ENTRIES,
                         ids=[entry[0] for entry in BROKEN_ENTRIES])
def test_a_gazetteer_file_with_a_broken_entry_is_named_before_anything_is_read(
    tmp_path: Path, name: str, content: str, says: str
) -> None:
    gazetteer = tmp_path / f"{name}.json"
    gazetteer.write_text(content, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(report(1), encoding="utf-8")
    db = str(tmp_path / "gaz.db")
    result = CliRunner().invoke(main, ["ingest", str(good), "--db", db,
                                       "--gazetteer", str(gazetteer)])
    assert result.exit_code == 2, result.output
    assert str(gazetteer) in result.output and says in result.output
    assert stored(db) == {}


def test_a_gazetteer_file_not_in_utf8_is_named(tmp_path: Path) -> None:
    gazetteer = tmp_path / "latin.json"
    gazetteer.write_bytes('[{"key": "pecs", "type": "GPE", "name": "P\u00e9cs"}]'
                          .encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text(report(1), encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", str(good), "--db", str(tmp_path / "g.db"),
                                       "--gazetteer", str(gazetteer)])
    assert result.exit_code == 2, result.output
    assert str(gazetteer) in result.output and "UTF-8" in result.output


# 10,000 quotes in one document: each a short sentence with its speaker.
MANY_QUOTES = 10_000
SPEAKERS = ("the mayor", "a council member", "the tram operator", "a resident")


def many_quotes(between: str) -> str:
    return "".join(f'"Line {n} will open," {SPEAKERS[n % 4]} said.{between}'
                   for n in range(MANY_QUOTES))


def test_ten_thousand_quotes_in_one_paragraph_are_stopped_by_the_time_budget(
    tmp_path: Path,
) -> None:
    """Attribution looks at a quote's whole paragraph; 10,000 quotes in one take far longer
    than the budget, which stops the document by name, and the run goes on."""
    many = tmp_path / "quotes.txt"
    many.write_text(many_quotes(" "), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(report(1), encoding="utf-8")
    db = str(tmp_path / "quotes.db")
    started = time.monotonic()
    code, output = ingest(str(many), str(good), "--db", db, "--time-budget", "3")
    assert time.monotonic() - started < 60
    assert code == 1 and f"failed {many}: [NT005]" in output and "time budget" in output
    assert list(stored(db).values()) == [str(good)]


@pytest.mark.slow
def test_ten_thousand_quotes_in_one_document(tmp_path: Path) -> None:
    """Run by hand (pytest -m slow): each quote its own paragraph, no time budget."""
    text = many_quotes("\n\n")
    many = tmp_path / "quotes.txt"
    many.write_text(text, encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text(report(1), encoding="utf-8")
    db = str(tmp_path / "quotes.db")
    started = time.monotonic()
    code, output = ingest(str(many), str(good), "--db", db, "--time-budget", "0")
    seconds = time.monotonic() - started
    assert code == 0, output
    store = Store(db)
    (big,) = [a for a in (store.load(i) for i in store.document_ids())
              if a.document.file == str(many)]
    assert len(big.quotes) >= MANY_QUOTES * 0.9, (len(big.quotes), seconds)


def test_the_documented_nesting_limit_is_the_parsers() -> None:
    from newstrace.errors import InputError
    from newstrace.ingest.html import PARSER_DEPTH, read_html
    from newstrace.ingest.inputs import Defaults

    limits = (ROOT / "docs" / "limits.md").read_text(encoding="utf-8")
    assert f"{PARSER_DEPTH} elements deep" in limits
    # html, body and p around the divs: the deepest page read, and one level more
    deepest = nested_page(PARSER_DEPTH - 3).decode()
    assert report(0) in read_html("deepest.html", deepest, Defaults(), None).text
    with pytest.raises(InputError, match=f"nested {PARSER_DEPTH + 1} deep"):
        read_html("deeper.html", nested_page(PARSER_DEPTH - 2).decode(), Defaults(), None)


def test_the_size_limit_given_holds_as_inputs_are_read(tmp_path: Path) -> None:
    """--max-chars is the one size limit: a record over it is refused by line, a longer
    limit lets a document through that the default would refuse."""
    records = tmp_path / "records.jsonl"
    records.write_bytes(jsonl({"id": "long", "text": report(1) * 20}, {"id": "short",
                                                                        "text": report(2)}))
    db = str(tmp_path / "size.db")
    code, output = ingest(str(records), "--db", db, "--max-chars", "500")
    assert code == 1 and f"failed {records}:1: [NT005]" in output and "500 at most" in output
    assert list(stored(db)) == ["short"]
    from newstrace.ingest import read_inputs
    from newstrace.models import Document

    book = tmp_path / "book.txt"
    book.write_text(report(3) * 12_000, encoding="utf-8")  # about 1.3 million characters
    (refused,) = read_inputs([str(book)])
    assert not isinstance(refused, Document) and "1,000,000 at most" in refused.message
    (read,) = read_inputs([str(book)], max_chars=2_000_000)
    assert isinstance(read, Document) and len(read.text) > 1_000_000


def test_one_long_line_without_punctuation_is_analysed_in_linear_time() -> None:
    """A sentence of 20,000 words has as many attribution candidates, each nearly as long:
    scanning each for its clause break and quote marks took minutes (170 s here); looked up
    once per document it takes seconds."""
    from newstrace.models import Document
    from newstrace.pipeline import analyse

    started = time.monotonic()
    analysis = analyse(Document(text="word " * 20_000))
    assert time.monotonic() - started < 60
    assert analysis.quotes == []
