"""The HTTP API fuzzed from its own OpenAPI document (schemathesis): every operation, with
values made from its parameters' schemas, answers without a server error and as the document
says. A few examples per operation in `make test`; `make fuzz` (NEWSTRACE_FUZZ=deep) many."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from newstrace.pipeline import ingest
from newstrace.serve import create_app
from newstrace.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"
EXAMPLES_PER_OPERATION = {"ci": 10, "deep": 300}[os.environ.get("NEWSTRACE_FUZZ", "ci")]


# The schema is read when the tests are collected, the reports stored when they run: the app
# opens a database made empty at import, which the fixture fills.
FOLDER = tempfile.mkdtemp(prefix="newstrace-api-fuzz-")
atexit.register(shutil.rmtree, FOLDER, True)
DB = str(Path(FOLDER) / "fuzz.db")
Store(DB)
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", create_app(DB))


@pytest.fixture(scope="module", autouse=True)
def reports() -> None:
    assert not ingest([str(EXAMPLES)], Store(DB)).problems


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_operation_answers_with_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error])
