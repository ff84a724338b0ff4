import json
from pathlib import Path

import pytest

from newstrace.gazetteer.loader import load_gazetteer
from newstrace.resolve.names import fold, name_weight, names_match, phonetic_key

VARIANTS = Path(__file__).parent / "data" / "name_variants.jsonl"


@pytest.mark.parametrize("a, b", [
    ("Šakalienė", "Shakaliene"), ("Aleksa", "Alexa"), ("Zelenskyy", "Zelenskiy"),
    ("Pippi", "Pippy"), ("Kiev", "Kyiv"), ("Nausėda", "Nauseda"), ("Shmyhal", "Shmygal"),
])
def test_transliterations_share_a_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize("a, b", [
    ("Šakalienė", "Sakalauskas"), ("Aleksa", "Alekna"), ("Macron", "Marcon"), ("EU", "EEU"),
    ("Iran", "Iraq"), ("Niger", "Nigeria"), ("Austria", "Australia"),
])
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert phonetic_key(a) != phonetic_key(b)


def test_a_headline_s_capitals_key_as_the_name_and_lose_to_it() -> None:
    assert phonetic_key("KELBRAN") == phonetic_key("Kelbran")
    assert phonetic_key("EEU") != phonetic_key("EU")  # acronyms stay exact
    assert name_weight("Kelbran") > name_weight("KELBRAN")
    assert name_weight("NATO") == name_weight("Nato")  # an acronym is not a headline


def test_fold_drops_accents_and_case() -> None:
    assert fold("Dovilė  Šakalienė") == "dovile sakaliene"


def test_variant_set_precision_and_recall() -> None:
    """Pairs written by us (tests/data/name_variants.jsonl), decoys included."""
    gazetteer = load_gazetteer()
    pairs = [json.loads(line) for line in VARIANTS.read_text(encoding="utf-8").splitlines()]
    assert len(pairs) >= 100
    hits = {True: 0, False: 0}
    wrong = 0
    for pair in pairs:
        a, b = gazetteer.lookup(pair["a"]), gazetteer.lookup(pair["b"])
        same = names_match(pair["a"], pair["b"], pair["type"]) or bool(a and b and a.key == b.key)
        if same:
            hits[pair["same"]] += 1
        elif pair["same"]:
            wrong += 1
    precision = hits[True] / (hits[True] + hits[False])
    recall = hits[True] / (hits[True] + wrong)
    assert precision >= 0.97, precision
    assert recall >= 0.90, recall
