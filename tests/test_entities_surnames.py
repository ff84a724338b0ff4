"""Surnames within a report: an acronym in capitals is no person's last word ("U.N." is not
the "Un" of a Korean name), and a surname of several words joins the one person whose name
it ends; on sentences written for these tests."""

from __future__ import annotations

from conftest import run
from newstrace.resolve.names import ends_name, is_surname_of


def people(text: str) -> dict[str, set[str]]:
    analysis = run(text)
    return {e.name: {m.text for m in e.mentions} for e in analysis.entities
            if e.type == "PERSON"}


def test_an_acronym_in_capitals_is_no_surname_in_ordinary_type() -> None:
    assert not is_surname_of("U.N.", "Kim Jong Un")
    assert not is_surname_of("UN", "Kim Jong Un")
    assert is_surname_of("Un", "Kim Jong Un")
    assert is_surname_of("VARGA", "TOMAS VARGA")  # a headline in capitals throughout
    assert is_surname_of("MAY", "Theresa May")  # a short surname in a headline's capitals
    assert is_surname_of("LEE", "Hsien Loong Lee")


def test_the_un_stays_apart_from_a_leader_whose_name_ends_in_un() -> None:
    found = people("Kim Jong Un inspected a rocket factory on Sunday. The U.N. condemned "
                   "the visit the next day.")
    assert found.get("Kim Jong Un") == {"Kim Jong Un"}


def test_a_surname_of_several_words_is_the_end_of_a_name_not_its_start() -> None:
    assert ends_name("Suu Kyi", "Aung San Suu Kyi")
    assert ends_name("Lopez Garcia", "Maria Lopez Garcia")
    assert not ends_name("Aung San", "Aung San Suu Kyi")
    assert not ends_name("Garcia", "Maria Lopez Garcia")  # one word: a lone surname's rules


def test_a_double_surname_alone_joins_the_person_named_in_full() -> None:
    found = people("The pianist Maria Lopez Garcia played in Madrid on Friday. Lopez Garcia "
                   "said the hall was cold.")
    assert found.get("Maria Lopez Garcia") == {"Maria Lopez Garcia", "Lopez Garcia"}
