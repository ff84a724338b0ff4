"""The data model's event arguments: participants apart from literal values, one view for
the export, and renaming that reaches every id."""

from newstrace.models import Analysis, Document, Entity, Event, Span


def event(**fields: object) -> Event:
    return Event(id="evt", type="meeting", evidence=Span(0, 1), **fields)


def test_a_role_filled_by_an_entity_replaces_the_phrase_that_filled_it() -> None:
    met = event(texts={"target": "a delegation"})
    other = event(args={"target": "ent_b"})
    met.take(other, "target")
    assert met.args == {"target": "ent_b"} and met.texts == {}
    assert met.arguments() == {"target": "ent_b"}


def test_filling_from_another_report_keeps_what_this_one_says() -> None:
    first = event(args={"actor": "ent_a"}, votes={"for": 5, "against": 1, "abstain": 0})
    second = event(texts={"actor": "ministers", "units": "two battalions"},
                   votes={"for": 7, "against": 0, "abstain": 0}, motion="budget")
    first.fill_from(second, skip=("votes",))
    assert first.arguments() == {"actor": "ent_a", "units": "two battalions",
                                 "motion": "budget",
                                 "votes": {"for": 5, "against": 1, "abstain": 0}}


def test_renaming_entities_reaches_lists_of_participants() -> None:
    analysis = Analysis(Document(text="x"), entities=[Entity("ent_old", "GPE", "Oldland")],
                        events=[event(args={"actor": "ent_old", "co_actors": ["ent_old"]},
                                      texts={"target": "ent_old as text"})])
    analysis.rename_entities({"ent_old": "ent_new"})
    assert analysis.events[0].args == {"actor": "ent_new", "co_actors": ["ent_new"]}
    assert analysis.events[0].texts == {"target": "ent_old as text"}
