"""Who did it: an event's actor read through a pronoun, an object-control verb, a pair
described ("the two firms") and a common noun for people, on sentences written for these
tests."""

from __future__ import annotations

import pytest
from tests.test_events import named, run


def actor_of(text: str, etype: str) -> set[str]:
    events, names = run(text)
    found = [e for e in events if e.type == etype]
    assert found, [(e.type, e.status) for e in events]
    return named(found[0].argument("actor"), names)


def test_she_is_the_person_the_story_was_about_not_the_last_one_named() -> None:
    text = ("The capital welcomed Maria Lindqvist, who dined with Governor Tom Parker before "
            "touring the harbour. She will visit the naval academy on Friday.")
    assert "Maria Lindqvist" in actor_of(text, "visit")


def test_a_fronted_clause_points_ahead_to_the_main_subject() -> None:
    text = ("Pressed about his meeting with the rebels, Jonas Berg told reporters that "
            "nothing was agreed.")
    assert "Jonas Berg" in actor_of(text, "meeting")


def test_it_is_the_company_the_previous_sentence_was_about() -> None:
    text = ("Nordwind Motors reported higher profits on Tuesday. Last month it signed a supply "
            "agreement with a rival carmaker.")
    assert "Nordwind Motors" in actor_of(text, "agreement")


def test_they_after_people_the_story_does_not_name_is_no_entity() -> None:
    text = ("The ministry of Norland struck thousands of farmers off the subsidy list because "
            "they had not signed the new agreement.")
    assert not actor_of(text, "agreement") & {"Norland"}


def test_the_object_of_invite_does_the_visiting() -> None:
    text = ("Prime Minister Anna Holm called Chancellor Peter Weiss on Tuesday and invited "
            "him to visit Stockholm next month.")
    assert "Peter Weiss" in actor_of(text, "visit")


def test_the_two_firms_are_the_pair_named_before() -> None:
    events, names = run("Talks between Nordwind Motors and Kessler Automotive went on all "
                        "week. The two firms signed a memorandum of understanding on Friday.")
    agreement = next(e for e in events if e.type == "agreement")
    pair = named(agreement.argument("actor"), names) | {
        n for c in agreement.args.get("co_actors") or [] for n in named(c, names)}
    assert {"Nordwind Motors", "Kessler Automotive"} <= pair


@pytest.mark.parametrize("text, etype, actor", [
    ("Only a fifth of the donors who gave $500 or more to the campaign live in the state.",
     "funding",
     "donors"),
    ("The city council will meet next week to decide on the tram line.", "meeting", "council"),
])
def test_people_named_by_a_common_noun_are_the_actor_as_written(text: str, etype: str,
                                                                 actor: str) -> None:
    assert any(actor in name for name in actor_of(text, etype))


def test_his_wife_is_not_him() -> None:
    text = ("Governor Alan Reeve arrived with his wife, Clara Reeve, who had a meeting with "
            "the mayor's family.")
    assert "Alan Reeve" not in actor_of(text, "meeting")


def test_the_leaders_of_a_named_group_are_that_group() -> None:
    text = "On Monday the leaders of the G-20 group of economies held a summit in Hangzhou."
    assert actor_of(text, "meeting") & {"G-20", "G20"}


def test_its_in_a_clause_is_that_clause_s_subject() -> None:
    text = ("The Nordwind Group thanked the Baltic Steel Corporation for the offer. The Baltic "
            "Steel Corporation then held its first meeting with the unions.")
    assert actor_of(text, "meeting") & {"Baltic Steel Corporation",
                                        "the Baltic Steel Corporation"}
