"""docs/errors.md lists every error code newstrace raises, with the class that raises it."""

from __future__ import annotations

import re
from pathlib import Path

from newstrace import errors
from newstrace.errors import NewstraceError
from newstrace.views.treaties import TreatyNotFound

TABLE = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def documented() -> dict[str, str]:
    """Code -> class name, from the table's rows."""
    rows = re.findall(r"^\| (NT\d{3}) \| `(\w+)` \|", TABLE.read_text(encoding="utf-8"), re.M)
    return dict(rows)


def coded_errors() -> list[type[NewstraceError]]:
    found = [value for value in vars(errors).values() if isinstance(value, type)
             and issubclass(value, NewstraceError) and value is not NewstraceError]
    return [*found, TreatyNotFound]


def test_every_error_code_is_in_the_table_with_its_class() -> None:
    table = documented()
    assert len(coded_errors()) >= 9
    for error in coded_errors():
        assert table.get(error.code) == error.__name__, error


def test_the_table_names_no_code_that_is_not_raised_and_none_twice() -> None:
    codes = [error.code for error in coded_errors()]
    assert len(codes) == len(set(codes))
    assert set(documented()) == set(codes)
