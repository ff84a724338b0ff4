"""Writes over HTTP: POST /api/v1/documents only for the holder of the operator's token
(401 without one, 403 with another, 405 when the server has none), through the ingest
pipeline; every request body held to the size limit (413). On SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newstrace.cli import main
from newstrace.serve import create_app
from newstrace.serve.writes import TOKEN_VARIABLE, write_token
from newstrace.store import Store

TOKEN = "correct horse battery staple"
API = "/api/v1"
# Written by us: one report to store over HTTP.
REPORT = {"id": "posted-1", "title": "Ferry line opens", "outlet": "Harbour Ledger",
          "published": "2025-06-02",
          "text": "Mayor Ilse Brandt said the new ferry line would carry its first passengers "
                  "on Monday."}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def writable(db_url: str) -> TestClient:
    """A server that takes writes, on an empty SQLite store, then a PostgreSQL one."""
    Store(db_url)
    return TestClient(create_app(db_url, write_token=TOKEN, max_request_bytes=4_000))


def test_the_token_holder_stores_a_report_that_is_then_served(writable: TestClient) -> None:
    body = json.dumps(REPORT)
    response = writable.post(f"{API}/documents", content=body, headers=bearer(TOKEN))
    assert response.status_code == 201, response.text
    assert response.json()["added"] and not response.json()["problems"]
    stored = writable.get(f"{API}/documents/posted-1").json()
    assert stored["text"] == REPORT["text"] and stored["quotes"]
    assert "Ferry line opens" in writable.get("/documents/posted-1").text
    again = writable.post(f"{API}/documents", content=body, headers=bearer(TOKEN))
    assert again.status_code == 200 and again.json()["skipped"]


def test_plain_text_takes_the_defaults_given(writable: TestClient) -> None:
    response = writable.post(f"{API}/documents", content=REPORT["text"].encode("utf-8"),
                             params={"published": "2025-06-02", "outlet": "Harbour Ledger",
                                     "name": "ferry.txt"},
                             headers={**bearer(TOKEN), "Content-Type": "text/plain"})
    assert response.status_code == 201, response.text
    rows = writable.get(f"{API}/documents").json()["rows"]
    assert [(r["outlet"], r["published"]) for r in rows] == [("Harbour Ledger", "2025-06-02")]


def test_an_unreadable_body_is_a_problem_not_an_error(writable: TestClient) -> None:
    response = writable.post(f"{API}/documents", content=b"\x00\x01\x02" * 50,
                             headers=bearer(TOKEN))
    assert response.status_code == 200 and response.json()["problems"]
    assert writable.get(f"{API}/documents").json()["rows"] == []


@pytest.mark.parametrize(("headers", "status"), [
    ({}, 401), ({"Authorization": TOKEN}, 401), ({"Authorization": "Basic eDp5"}, 401),
    (bearer("correct horse"), 403), (bearer(TOKEN + "!"), 403), (bearer(""), 403),
])
def test_without_the_token_nothing_is_stored(writable: TestClient,
                                             headers: dict[str, str], status: int) -> None:
    response = writable.post(f"{API}/documents", content=json.dumps(REPORT), headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get(f"{API}/documents").json()["rows"] == []


def test_a_server_without_a_token_has_no_write_route(fresh_db: str) -> None:
    Store(fresh_db)
    client = TestClient(create_app(fresh_db))
    response = client.post(f"{API}/documents", content=json.dumps(REPORT),
                           headers=bearer(TOKEN))
    assert response.status_code == 405
    assert "post" not in client.get(f"{API}/openapi.json").json()["paths"][f"{API}/documents"]


def test_the_openapi_document_states_the_write_route(writable: TestClient) -> None:
    operation = writable.get(f"{API}/openapi.json").json()["paths"][f"{API}/documents"]["post"]
    assert {"201", "401", "403", "413"} <= set(operation["responses"])


def test_a_body_over_the_limit_is_refused(writable: TestClient) -> None:
    big = json.dumps({**REPORT, "text": "word " * 1_000})
    response = writable.post(f"{API}/documents", content=big, headers=bearer(TOKEN))
    assert response.status_code == 413
    # A chunked body states no length: counted as it comes.
    chunks = (part.encode() for part in [big[:2_000], big[2_000:]])
    response = writable.post(f"{API}/documents", content=chunks, headers=bearer(TOKEN))
    assert response.status_code == 413
    assert writable.get(f"{API}/documents").json()["rows"] == []
    # any request, read or write, token or not
    assert writable.request("GET", f"{API}/documents", content=big).status_code == 413


def test_the_token_comes_from_a_file_or_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    assert write_token(None) is None
    monkeypatch.setenv(TOKEN_VARIABLE, "  from-env \n")
    assert write_token(None) == "from-env"
    path = tmp_path / "token"
    path.write_text(f"{TOKEN}\nsecond line ignored\n", encoding="utf-8")
    assert write_token(str(path)) == TOKEN  # the file wins over the environment
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no token"):
        write_token(str(path))


def test_serve_passes_the_token_and_the_limit(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import newstrace.serve

    db = str(tmp_path / "served.db")
    Store(db)
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    made: list[dict[str, Any]] = []
    monkeypatch.setattr(newstrace.serve, "create_app",
                        lambda db, options, **settings: made.append(settings) or "app")
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: None)
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    result = CliRunner().invoke(main, ["serve", "--db", db, "--write-token-file",
                                       str(token_file), "--max-request-bytes", "1000"])
    assert result.exit_code == 0, result.output
    assert made == [{"write_token": TOKEN, "max_request_bytes": 1000}]
    assert "with writes" in result.output and TOKEN not in result.output
    result = CliRunner().invoke(main, ["serve", "--db", db])
    assert made[-1]["write_token"] is None and "read-only" in result.output


def test_an_answer_asked_again_is_not_modified_until_a_report_is_stored(
        writable: TestClient) -> None:
    for address in (f"{API}/statements", "/", "/.json"):
        first = writable.get(address)
        tag = first.headers["ETag"]
        assert first.status_code == 200 and first.headers["Cache-Control"] == "no-cache"
        again = writable.get(address, headers={"If-None-Match": tag})
        assert again.status_code == 304 and again.content == b""
        assert again.headers["ETag"] == tag
        assert writable.get(address, headers={"If-None-Match": f'"other", W/{tag}'}
                            ).status_code == 304
    tag = writable.get(f"{API}/statements").headers["ETag"]
    assert writable.post(f"{API}/documents", content=json.dumps(REPORT),
                         headers=bearer(TOKEN)).status_code == 201
    after = writable.get(f"{API}/statements", headers={"If-None-Match": tag})
    assert after.status_code == 200 and after.json()["rows"]  # the new report's statement
    assert after.headers["ETag"] != tag
    assert writable.get(f"{API}/statements", headers={
        "If-None-Match": after.headers["ETag"]}).status_code == 304
    # a report already stored changes nothing
    writable.post(f"{API}/documents", content=json.dumps(REPORT), headers=bearer(TOKEN))
    assert writable.get(f"{API}/statements").headers["ETag"] == after.headers["ETag"]


def test_errors_and_static_files_carry_no_state_tag(writable: TestClient) -> None:
    assert "ETag" not in writable.get(f"{API}/documents/not-stored").headers
    assert writable.get(f"{API}/documents/not-stored", headers={
        "If-None-Match": "*"}).status_code == 404
    style = writable.get("/static/style.css")  # the file's own validators
    assert style.status_code == 200 and style.headers["ETag"] != writable.get(
        "/").headers["ETag"]
