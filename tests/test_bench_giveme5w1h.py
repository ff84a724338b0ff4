"""The main-event matcher of bench/giveme5w1h.py, on a record of our own."""

from __future__ import annotations

import sys
from pathlib import Path

from newstrace.models import Entity, Event, Mention, Span

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
try:
    from giveme5w1h import Gold, names_match, score
finally:
    sys.path.pop(0)


def _event(actor: str | None, date: str | None, co_actors: list[str] | None = None) -> Event:
    args: dict[str, object] = {"actor": actor} if actor else {}
    if co_actors:
        args["co_actors"] = co_actors
    return Event(id="e", type="meeting", evidence=Span(0, 5), args=args, date=date)


def test_the_main_event_needs_a_matching_actor_and_the_annotated_day() -> None:
    mayor = Entity(id="p1", type="PERSON", name="Ona Petraitiene",
                   mentions=[Mention(Span(0, 15), "Ona Petraitiene", "PERSON"),
                             Mention(Span(40, 51), "Petraitiene", "PERSON")])
    club = Entity(id="o1", type="ORG", name="Kaunas Rowing Club")
    entities = {e.id: e for e in (mayor, club)}
    gold = Gold(id="ours", text="", published=None, category="test",
                who=["the mayor, Ona Petraitiene"], when=["2024-05-02"])

    # Another actor, or none, is no match; a name inside the who-phrase is.
    assert not score(gold, [_event("o1", "2024-05-02"), _event(None, "2024-05-02")],
                     entities).actor
    found = score(gold, [_event("p1", None)], entities)
    assert found.any_event and found.actor and found.actor_and_date is False
    # The day counts with a time of day but not at a coarser precision, nor on another day.
    assert score(gold, [_event("p1", "2024-05-02T10:00")], entities).actor_and_date is True
    assert score(gold, [_event("p1", "2024-05")], entities).actor_and_date is False
    assert score(gold, [_event("p1", "2024-05-03")], entities).actor_and_date is False
    # A co-actor counts; without an annotated day there is no date score at all.
    undated = Gold(id="ours", text="", published=None, category="test", who=["Petraitiene"])
    assert score(undated, [_event("o1", None, co_actors=["p1"])], entities).actor
    assert score(undated, [_event("p1", "2024-05-02")], entities).actor_and_date is None
    assert not score(undated, [], entities).any_event


def test_names_match_by_content_words_one_way_or_the_other() -> None:
    assert names_match("the Rowing Club", "Kaunas Rowing Club")
    assert names_match("rowers of the club", "rowers")
    assert names_match("Petraitiene's office", "Petraitiene office")
    assert not names_match("Kaunas Rowing Club", "Vilnius Rowing Club")
    assert not names_match("the", "the club")  # nothing but function words never matches
