"""The HTTP API (newstrace serve) over a database built once from the sample reports and one
report of our own whose quote carries markup."""

import base64
import csv
import gc
import io
import json
import os
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from conftest import DATABASES, database
from newstrace.cli import main, shown_db
from newstrace.errors import StoreError
from newstrace.export import analysis_record
from newstrace.serve import create_app, freshness
from newstrace.serve.app import SETTINGS, app_from_settings, settings
from newstrace.serve.common import MAX_LIMIT
from newstrace.serve.heads import BoundedHead
from newstrace.store import Store
from newstrace.views.quotes import quote_rows

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"
MARKUP = "<script>alert('x')</script>"
# Written by us: a statement whose words are markup, to come back as data.
MARKUP_REPORT = {
    "id": "99_markup", "title": "A council meeting", "outlet": "Test Gazette",
    "published": "2025-05-02",
    "text": f'Mayor Anna Berg said: "{MARKUP} will never run on our city pages." '
            "The council meets again next week.",
}
API = "/api/v1"
# Every list, with the parameters that make it non-empty on the sample database.
LISTS = [
    ("documents", {}), ("entities", {}), ("statements", {}), ("statements", {"text": "the"}),
    ("events", {}),
    ("timeline", {}), ("spread", {"min_reports": 1}), ("search", {"q": "minister"}),
    ("treaties/Ottawa Convention/status", {"on": "2025-06-01"}),
    ("states/Lithuania/history", {}),
]


@pytest.fixture(scope="module", params=DATABASES)
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
       ) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("api")
    markup = folder / "markup.jsonl"
    markup.write_text(json.dumps(MARKUP_REPORT) + "\n", encoding="utf-8")
    with database(request.param, folder, request) as path:
        result = CliRunner().invoke(main, ["ingest", str(EXAMPLES), str(markup), "--db", path])
        assert result.exit_code == 0, result.output
        yield path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(create_app(db))


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(f"{API}/{path}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def walk(client: TestClient, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Every row of a list, page by page, following the `next` links."""
    rows: list[dict[str, Any]] = []
    answer = get(client, path, **params)
    while True:
        rows += answer["rows"]
        if answer["next"] is None:
            return rows
        response = client.get(answer["next"])
        assert response.status_code == 200, response.text
        answer = response.json()


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_every_list_answers_in_json_and_csv(client: TestClient, path: str,
                                            params: dict[str, Any]) -> None:
    answer = get(client, path, **params, limit=5)
    assert answer["rows"] and len(answer["rows"]) <= 5
    response = client.get(f"{API}/{path}", params={**params, "limit": 5, "format": "csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(response.text)))
    assert len(table) == len(answer["rows"])
    key = next(iter(table[0]))  # the first column is a plain value in every list
    assert [row[key] for row in table] == [str(r.get(key) or "") for r in answer["rows"]]


@pytest.mark.parametrize(("path", "params"), LISTS)
def test_pages_give_every_row_exactly_once(client: TestClient, path: str,
                                           params: dict[str, Any]) -> None:
    whole = get(client, path, **params, limit=MAX_LIMIT)
    assert whole["next"] is None
    paged = walk(client, path, {**params, "limit": 3})
    assert paged == whole["rows"]  # the same rows in the same order: none twice, none lost
    if len(paged) > 3:
        assert get(client, path, **params, limit=3)["next"] is not None


def test_pages_match_the_library_and_csv_pages_link_on(client: TestClient, db: str) -> None:
    statements = walk(client, "statements", {"limit": 7})
    assert len(statements) == len(quote_rows(Store(db))) > 7
    documents = walk(client, "documents", {"limit": 2})
    assert len({d["id"] for d in documents}) == len(documents) == 7
    response = client.get(f"{API}/statements", params={"limit": 7, "format": "csv"})
    next_url = response.headers["link"].split(">")[0].lstrip("<")
    following = client.get(next_url)
    assert following.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(following.text)))) == 7


def test_list_filters(client: TestClient) -> None:
    documents = get(client, "documents", since="2025-01-01", until="2025-12-31")["rows"]
    assert documents and all("2025" <= d["published"] <= "2025-12-31" for d in documents)
    assert [d["id"] for d in get(client, "documents", outlet="test gazette")["rows"]] == [
        "99_markup"]
    people = get(client, "entities", type="PERSON", limit=MAX_LIMIT)["rows"]
    assert people and all(e["type"] == "PERSON" for e in people)
    said = get(client, "statements", speaker="sakaliene")["rows"]
    assert said and all(s["speaker"] == "Dovilė Šakalienė" for s in said)
    assert all("never run" in s["quote"] for s in get(client, "statements",
                                                       text="NEVER RUN")["rows"])
    relayed = get(client, "statements", relay="Bulgarian News Agency")["rows"]
    assert relayed and all("Bulgarian News Agency" in s["relays"] for s in relayed)
    gazette = get(client, "statements", outlet="Test Gazette")["rows"]
    assert [s["document"] for s in gazette] == ["99_markup"]
    events = get(client, "events", limit=MAX_LIMIT)["rows"]
    meetings = get(client, "events", type=events[0]["type"], limit=MAX_LIMIT)["rows"]
    assert meetings and all(e["type"] == events[0]["type"] for e in meetings)
    assert get(client, "events", status="no such status")["rows"] == []
    assert len(get(client, "timeline", limit=MAX_LIMIT)["rows"]) == len(events)


def test_a_document_is_its_export_record(client: TestClient, db: str) -> None:
    record = get(client, "documents/01_wire_relay")
    assert record == json.loads(json.dumps(analysis_record(Store(db).load("01_wire_relay"))))


def test_an_entity_in_full(client: TestClient) -> None:
    listed = get(client, "entities", name="Šakalienė")["rows"][0]
    entity = get(client, f"entities/{listed['id']}")
    assert entity["id"] == listed["id"] and entity["name"] == listed["name"]
    assert entity["aliases"] == listed["aliases"]
    assert len(entity["mentions"]) == listed["mentions"]
    assert len(entity["statements_by"]) == listed["statements"] > 0
    assert {"statements_about", "events"} <= set(entity)


def test_the_summary_reads_one_state_of_the_store_on_one_connection(
        client: TestClient, db: str) -> None:
    from sqlalchemy import event

    store: Store = client.app.state.store  # type: ignore[attr-defined]
    checked_out: list[int] = []

    def listener(*_: Any) -> None:
        checked_out.append(1)

    event.listen(store.engine, "checkout", listener)
    try:
        assert get(client, "summary")["counts"]["documents"] > 0
    finally:
        event.remove(store.engine, "checkout", listener)
    # the state its ETag names (serve/freshness.py), then its counts and rankings (seven
    # reads) through one snapshot
    assert len(checked_out) == 2


def test_a_server_worker_process_makes_the_same_app(db: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = settings(db, (), "a-token-of-ours", 1000, str(tmp_path))
    monkeypatch.setenv(SETTINGS, path)
    gc.unfreeze()  # (ingest froze what the test process held then)
    try:
        app = app_from_settings()
        # what the process holds once the app is made is out of the collector's full passes
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert app.state.max_request_bytes == 1000
    made = TestClient(app)
    assert made.get(f"{API}/summary").json() == get(TestClient(create_app(db)), "summary")
    posted = {"Content-Type": "text/plain"}
    assert made.post(f"{API}/documents", content=b"x", headers=posted | {
        "Authorization": "Bearer another-token"}).status_code == 403
    assert made.post(f"{API}/documents?name=empty.txt", content=b"", headers=posted | {
        "Authorization": "Bearer a-token-of-ours"}).status_code == 200  # nothing new


def test_worker_settings_keep_the_token_and_the_password_out_of_sight(tmp_path: Path) -> None:
    url = "postgresql://reader:pa55-w0rd@localhost/news"
    path = Path(settings(url, (), "a-token-of-ours", None, str(tmp_path)))
    assert "pa55-w0rd" not in str(path) and "a-token-of-ours" not in str(path)
    assert path.stat().st_mode & 0o777 == 0o600  # the URL is in it: for this user only
    written = path.read_text(encoding="utf-8")
    assert "a-token-of-ours" not in written and json.loads(written)["db"] == url
    # each server run writes its own file: one left behind is never reused
    with pytest.raises(FileExistsError):
        settings(url, (), None, None, str(tmp_path))


def test_serve_with_workers_names_a_settings_file_it_removes(
        store: Store, fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newstrace.serve import workers

    db = fresh_db  # an empty SQLite store: the settings file is the same for any database
    seen: dict[str, Any] = {}

    def run(*args: Any) -> None:
        path = Path(os.environ[SETTINGS])
        seen.update(path=path, mode=path.stat().st_mode & 0o777,
                    folder=path.parent.stat().st_mode & 0o777, app=app_from_settings())

    monkeypatch.setattr(workers, "supervise", run)
    monkeypatch.delenv("NEWSTRACE_WRITE_TOKEN", raising=False)
    monkeypatch.setenv(SETTINGS, "")  # restored when the test ends
    token_file = Path(db).parent / "token"
    token_file.write_text("a-token-of-ours\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--db", db, "--workers", "2",
                                       "--write-token-file", str(token_file)])
    assert result.exit_code == 0, result.output
    assert (seen["mode"], seen["folder"]) == (0o600, 0o700)
    assert not seen["path"].exists()  # removed when the server stopped
    assert not any("a-token-of-ours" in value for value in os.environ.values())
    answer = TestClient(seen["app"]).post(
        f"{API}/documents?name=empty.txt", content=b"",
        headers={"Authorization": "Bearer a-token-of-ours", "Content-Type": "text/plain"})
    assert answer.status_code == 200


def test_pages_and_their_twins_answer_304_while_the_store_is_unchanged(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    for address in (f"{API}/entities?limit=2", "/search?q=minister", "/search.json?q=minister"):
        tag = client.get(address).headers["ETag"]
        again = client.get(address, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.headers["ETag"] == tag
        assert again.headers["X-Content-Type-Options"] == "nosniff"
        # no policy of its own: the browser keeps the one of the answer it holds (a page's)
        assert "Content-Security-Policy" not in again.headers
    assert client.get(f"{API}/entities?limit=2", headers={
        "If-None-Match": '"another-state"'}).status_code == 200
    # a treaty page without ?on= shows today: a tag of yesterday is not met tomorrow
    tag = client.get("/treaties/Ottawa Convention").headers["ETag"]

    class Tomorrow(date):
        @classmethod
        def today(cls) -> date:
            return date.today() + timedelta(days=1)

    monkeypatch.setattr(freshness, "date", Tomorrow)
    assert client.get("/treaties/Ottawa Convention",
                      headers={"If-None-Match": tag}).status_code == 200


def test_treaty_status_summary_and_search(client: TestClient) -> None:
    states = get(client, "treaties/Ottawa Convention/status", on="2025-06-01",
                 limit=MAX_LIMIT)["rows"]
    assert any(row["state"] == "Lithuania" for row in states)
    summary = get(client, "summary", limit=2)
    assert summary["counts"]["documents"] == 7 and len(summary["speakers"]) <= 2
    hits = get(client, "search", q="Never Run", limit=MAX_LIMIT)["rows"]
    assert sorted((hit["kind"], hit["document"]) for hit in hits) == [
        ("document", "99_markup"), ("statement", "99_markup")]
    statements = get(client, "search", q="Never Run", kind="statement")["rows"]
    assert [(hit["kind"], hit["document"]) for hit in statements] == [("statement", "99_markup")]
    assert get(client, "search", q="never run", kind="document")["rows"][0]["kind"] == "document"
    text = get(client, "documents/99_markup")["text"]
    assert all("never run" in hit["text"] == text[hit["start"]:hit["end"]] for hit in hits)
    assert get(client, "search", q="no report says this")["rows"] == []


@pytest.mark.parametrize("path", [
    "documents/no-such-document", "entities/ent_000000000000",
    "treaties/No Such Treaty/status?on=2025-01-01", "states/Atlantis/history", "nothing-here",
])
def test_unknown_ids_are_404_with_a_json_body(client: TestClient, path: str) -> None:
    response = client.get(f"{API}/{path}")
    assert response.status_code == 404
    assert response.json()["detail"]


@pytest.mark.parametrize("path", [
    "statements?limit=0", f"statements?limit={MAX_LIMIT + 1}", "statements?format=xml",
    "statements?cursor=not-a-cursor", "statements?since=2025-13-01", "documents?until=soon",
    "statements?cursor=" + base64.urlsafe_b64encode(b'{"offset": -4}').decode(),
    "statements?cursor=" + base64.urlsafe_b64encode(b'{"offset": "4"}').decode(),
    "treaties/Ottawa Convention/status", "search", "search?q=", "spread?kind=rumour",
    "spread?min_reports=0", "summary?limit=0",
])
def test_bad_parameters_are_422_never_500(client: TestClient, path: str) -> None:
    response = client.get(f"{API}/{path}")
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"][0] == "query"


def test_the_api_is_read_only(client: TestClient) -> None:
    for method in ("post", "put", "delete"):
        assert getattr(client, method)(f"{API}/documents").status_code == 405


def test_the_openapi_document_lists_every_route(client: TestClient) -> None:
    paths = set(client.get(f"{API}/openapi.json").json()["paths"])
    assert paths == {f"{API}/{path}" for path in (
        "documents", "documents/{document_id}", "entities", "entities/{entity_id}",
        "statements", "search", "events", "timeline", "spread", "summary",
        "spread/{kind}/{fact}/reports", "treaties/{name}/status", "states/{name}/history",
        "entities/{entity_id}/roles", "export/statements", "export/events", "export/documents")}
    assert client.get(f"{API}/").json()["endpoints"] == sorted(paths)
    docs = client.get(f"{API}/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]


def test_markup_in_a_report_comes_back_as_data(client: TestClient) -> None:
    response = client.get(f"{API}/statements", params={"text": "never run"})
    assert MARKUP in response.json()["rows"][0]["quote"]
    assert "<" not in response.text and "\\u003cscript\\u003e" in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'none'" in response.headers["content-security-policy"]
    table = client.get(f"{API}/statements", params={"text": "never run", "format": "csv"})
    assert MARKUP in next(csv.DictReader(io.StringIO(table.text)))["quote"]
    assert table.headers["x-content-type-options"] == "nosniff"
    echoed = client.get(f"{API}/documents/{MARKUP}")  # an id echoed in an error, escaped
    assert echoed.status_code == 404 and "<" not in echoed.text


def test_a_csv_cell_is_never_a_spreadsheet_formula() -> None:
    from newstrace.serve.common import csv_text

    text = csv_text([{"a": "=HYPERLINK(\"x\")", "b": ["one", "two"], "c": None}], ["a", "b", "c"])
    assert next(csv.reader(io.StringIO(text.splitlines()[1]))) == [
        "'=HYPERLINK(\"x\")", '["one", "two"]', ""]


@pytest.mark.parametrize(("db", "shown"), [
    ("news.db", "news.db"),
    ("postgresql://reader@db.example/news", "postgresql://reader@db.example/news"),
    ("postgresql+psycopg://reader:s3cret@db.example:5432/news",
     "postgresql+psycopg://reader:***@db.example:5432/news"),
    ("postgresql://reader:s3cret@db.example:port/news", "postgresql://…"),
])
def test_a_database_url_is_shown_without_its_password(db: str, shown: str) -> None:
    assert shown_db(db) == shown


def test_serve_prints_the_url_without_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import newstrace.serve

    url = "postgresql+psycopg://reader:s3cret@db.example/news"
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(newstrace.serve, "create_app", lambda db, options, **_: "app")
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(main, ["serve", "--db", url, "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8123, "http": BoundedHead}]
    assert "reader:***@db.example" in result.output and "s3cret" not in result.output

    def refuse(db: str, options: Any, **_: Any) -> None:
        raise StoreError(f"{db}: cannot open the database: refused")

    monkeypatch.setattr(newstrace.serve, "create_app", refuse)
    result = CliRunner().invoke(main, ["serve", "--db", url])
    assert result.exit_code == 1
    assert "reader:***@db.example" in result.output and "s3cret" not in result.output


def test_serve_refuses_a_database_file_that_is_not_there(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 1 and "no such database" in result.output
    assert not missing.exists()


ODD_VALUES = ["%00", "🙂", "x" * 2000, "0001-01-01", "..%2F..%2Fetc", "-1"]
ODD_PATHS = [
    "documents?outlet={v}&since={v}", "documents/{v}", "entities?name={v}&type={v}",
    "entities/{v}", "statements?speaker={v}&text={v}&until={v}",
    "events?type={v}&status={v}&entity={v}&since={v}", "spread?speaker={v}&entity={v}",
    "search?q={v}", "treaties/{v}/status?on=2025-01-01", "treaties/CCM/status?on={v}",
    "states/{v}/history?until={v}", "summary?limit={v}", "statements?limit={v}&cursor={v}",
]


@pytest.mark.parametrize("path", ODD_PATHS)
def test_odd_input_is_answered_never_a_server_error(db: str, path: str) -> None:
    client = TestClient(create_app(db), raise_server_exceptions=False)
    for value in ODD_VALUES:
        response = client.get(f"{API}/{path.format(v=value)}")
        assert response.status_code in (200, 404, 422), (value, response.text)
        assert response.headers["content-type"].startswith("application/json")
