"""A place before an event noun says where it happened, not who did it: a city, a street or
a building ("a Brussels summit", "the Downing Street talks", "their Oval Office meeting");
a state or a body before it still names the actor ("a German investment", "a Seimas vote")."""

from __future__ import annotations

import pytest

from conftest import event_actors, name_of, run


def actors(text: str, etype: str) -> list[str | None]:
    return event_actors(run(text, "2026-02-09"), etype)


@pytest.mark.parametrize("text", [
    "Chancellor Anna Weber attended a Brussels summit on energy prices on Thursday.",
    "Prime Minister Tom Hale held the Downing Street talks on Monday.",
])
def test_a_place_before_the_event_is_not_its_actor(text: str) -> None:
    found = actors(text, "meeting")
    assert found and all(name not in ("Brussels", "Downing Street") for name in found)


def test_the_place_is_where_the_event_happened() -> None:
    analysis = run("Baltic ministers discuss energy at Riga meeting", "2026-02-09")
    (meeting,) = [e for e in analysis.events if e.type == "meeting"]
    assert "actor" not in meeting.args
    assert name_of(analysis, meeting.argument("location")) == "Riga"


def test_a_state_before_the_event_is_its_actor() -> None:
    assert actors("A German investment of 2 billion euros was announced.",
                  "investment") == ["German"]
