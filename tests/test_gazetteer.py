import json
from datetime import date
from pathlib import Path

import pytest

from newstrace.errors import GazetteerError
from newstrace.gazetteer.loader import load_gazetteer


def test_shipped_gazetteer_loads_with_unique_keys() -> None:
    gazetteer = load_gazetteer()
    types = {entry.type for entry in gazetteer.entries.values()}
    assert {"GPE", "ORG", "OUTLET", "TREATY", "WEAPON", "PERSON"} <= types
    assert gazetteer.lookup("Oslo Convention").name == "Convention on Cluster Munitions"
    assert gazetteer.lookup("Verslo Zhinios").name == "Verslo žinios"
    assert gazetteer.lookup("AFP").type == "OUTLET"


@pytest.mark.parametrize("role, country, day, holder", [
    ("defence minister", "LT", date(2024, 7, 18), "Laurynas Kasčiūnas"),
    ("defence minister", "LT", date(2025, 3, 7), "Dovilė Šakalienė"),
    ("head of state", "LT", date(2025, 3, 7), "Gitanas Nausėda"),
    ("head of state", "US", date(2022, 1, 1), "Joe Biden"),
])
def test_office_holders_by_date(role: str, country: str, day: date, holder: str) -> None:
    assert load_gazetteer().office_holder(role, country, day).name == holder


def test_user_file_extends_and_adds(tmp_path: Path) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps([
        {"key": "lt", "type": "GPE", "name": "Lithuania", "aliases": ["Litauen"]},
        {"key": "baltic-courier", "type": "OUTLET", "name": "Baltic Courier", "aliases": ["BC"]},
    ]), encoding="utf-8")
    gazetteer = load_gazetteer((str(extra),))
    assert gazetteer.lookup("Litauen").key == "lt"
    assert gazetteer.lookup("Lietuva").key == "lt"  # shipped aliases are kept
    assert gazetteer.is_outlet("Baltic Courier")


def test_bad_user_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"key": "x", "name": "X"}]', encoding="utf-8")
    with pytest.raises(GazetteerError, match="bad.json.*type"):
        load_gazetteer((str(bad),))


@pytest.mark.parametrize("region, members", [
    ("baltic-states", {"EE", "LV", "LT"}),
    ("scandinavia", {"DK", "NO", "SE"}),
    ("gulf", {"BH", "KW", "OM", "QA", "SA", "AE"}),
])
def test_regions_know_their_member_states(region: str, members: set[str]) -> None:
    gazetteer = load_gazetteer()
    found = {e.identifiers["iso3166"] for e in gazetteer.members_of(region)}
    assert found == members
    # Every group a country names is a region of the gazetteer.
    for entry in gazetteer.entries.values():
        assert all(gazetteer.entries[key].kind == "region" for key in entry.groups)
