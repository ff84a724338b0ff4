"""Modality, polarity and trigger senses read from the clause around an event word, on
sentences written for these tests: possibilities, proposals, threats, calls, conditions,
refusals, freezes, "neither ... nor" and "no longer", the contents of a ban, and "denounce"
read by what is denounced."""

from __future__ import annotations

import datetime as dt

import pytest

from newstrace.models import Analysis, Document, Event
from newstrace.pipeline import analyse


def analysis_of(text: str) -> Analysis:
    return analyse(Document(text=text, published=dt.date(2025, 2, 3)))


def of_type(text: str, etype: str) -> list[Event]:
    return [e for e in analysis_of(text).events if e.type == etype]


@pytest.mark.parametrize(("text", "etype", "status"), [
    # avoiding or refraining is not doing; using something to do it is doing it
    ("The mayor avoided condemning the strike in her speech.", "criticism", "negated"),
    ("The ministry refrained from criticising the new tariffs.", "criticism", "negated"),
    ("The envoy used his speech to condemn the blockade.", "criticism", "happened"),
    # possibility
    ("Belgium raised the possibility of sending soldiers to Romania.", "deployment",
     "hypothetical"),
    ("The minister discussed the option of deploying troops in Moldova.", "deployment",
     "hypothetical"),
    ("Croatia might deploy troops in Bosnia.", "deployment", "hypothetical"),
    ("Ireland did not rule out sending peacekeepers to Lebanon.", "deployment", "hypothetical"),
    ("Ireland ruled out sending peacekeepers to Lebanon.", "deployment", "negated"),
    # proposal
    ("The Dutch government proposed sending troops to Lithuania.", "deployment", "planned"),
    # threat
    ("Slovakia threatened to stop sending howitzers to Ukraine.", "arms_transfer",
     "hypothetical"),
    ("Romania threatened to send troops to the border.", "deployment", "hypothetical"),
    # call
    ("Amnesty International called for the withdrawal of Peru from the treaty.",
     "treaty_withdrawal", "hypothetical"),
    ("Norway urged Chile to ratify the convention.", "treaty_ratification", "hypothetical"),
    ("The panel recommended that Malta ratify the convention.", "treaty_ratification",
     "hypothetical"),
    # condition
    ("Chile will sign the treaty if its senate approves the bill.", "parliamentary_vote",
     "hypothetical"),
    # refusal
    ("Egypt refused to sign the convention.", "treaty_signature", "negated"),
    # freeze, suspension
    ("The Canadian government froze Canadian military aid to Georgia.", "funding", "negated"),
    ("Spain suspended deliveries of tanks to Morocco.", "arms_transfer", "negated"),
    ("Italy halted shipments of rifles to Libya.", "arms_transfer", "negated"),
    # "neither ... nor", "no longer"
    ("Austria can neither buy landmines nor store them.", "arms_procurement", "negated"),
    ("Greece can no longer purchase anti-personnel mines.", "arms_procurement", "negated"),
])
def test_status_comes_from_the_clause(text: str, etype: str, status: str) -> None:
    events = of_type(text, etype)
    assert [e.status for e in events] == [status], [(e.type, e.status) for e in
                                                  analysis_of(text).events]


@pytest.mark.parametrize("text", [
    "The accord prohibits the use, transfer, production and stockpiling of landmines.",
    "The protocol bans the production and sale of blinding lasers and rifles.",
    "Senators backed a ban on the production of cluster bombs.",
    "Brazil joined an accord banning the manufacturing of chemical weapons.",
])
def test_activities_a_ban_governs_are_its_content_not_events(text: str) -> None:
    found = analysis_of(text).events
    assert not [e for e in found if e.type in ("production", "arms_transfer")], \
        [(e.type, e.status) for e in found]


def test_a_production_that_is_not_banned_is_still_an_event() -> None:
    assert [e.status for e in of_type("Poland began the production of howitzers.",
                                      "production")] == ["happened"]


@pytest.mark.parametrize(("text", "etype"), [
    ("Ecuador denounced the Ottawa Convention on Friday.", "treaty_withdrawal"),
    ("Bolivia denounced the treaty in March.", "treaty_withdrawal"),
    ("Greenpeace denounced the minister on Friday.", "criticism"),
    ("Caritas denounced the decision of the cabinet.", "criticism"),
])
def test_denounce_is_read_by_what_is_denounced(text: str, etype: str) -> None:
    found = analysis_of(text).events
    assert [e.type for e in found] == [etype], [(e.type, e.status) for e in found]


def test_a_recommended_denunciation_is_not_the_recommenders_criticism() -> None:
    analysis = analysis_of("The Estonian cabinet recommends that the Riigikogu denounce the "
                           "decision.")
    names = {e.id: e.name for e in analysis.entities}
    criticism = [e for e in analysis.events if e.type == "criticism"]
    assert [e.status for e in criticism] == ["hypothetical"]
    assert "cabinet" not in names.get(criticism[0].args.get("actor", ""), "")


@pytest.mark.parametrize(("text", "etype", "status"), [
    # what an agreement or talks are on is still to be done
    ("Norway and Denmark signed an agreement on the production of artillery shells.",
     "production", "planned"),
    ("A deal was reached on the production of drones in Estonia.", "production", "planned"),
    # a gerund subject with no doer speaks of the activity in general
    ("Quitting the convention lets us protect the border, the minister said.",
     "treaty_withdrawal", "hypothetical"),
    # ... but with its own doer it reports one
    ("Latvia's leaving the convention angered its neighbours.", "treaty_withdrawal",
     "happened"),
])
def test_terms_and_generic_activities_are_not_happened(text: str, etype: str,
                                                      status: str) -> None:
    assert [e.status for e in of_type(text, etype)] == [status], \
        [(e.type, e.status) for e in analysis_of(text).events]


@pytest.mark.parametrize(("text", "types"), [
    # the direct object is what is built or given, not the goods in its preposition
    ("Companies plan to build workshops for armoured vehicles in Slovenia.", []),
    ("Belgium gave 40 million euros for rifles for Moldova.", ["funding"]),
    # without a thing as object, the preposition still names the goods
    ("Norway provided Georgia with rifles.", ["arms_transfer"]),
    ("Denmark bought howitzers and rifles.", ["arms_procurement"]),
])
def test_a_verb_is_sorted_by_its_direct_object(text: str, types: list[str]) -> None:
    found = analysis_of(text).events
    assert [e.type for e in found] == types, [(e.type, e.status) for e in found]


@pytest.mark.parametrize(("text", "etype", "status"), [
    # a finite verb after "and" is its own clause: the call does not reach it
    ("In the debate, Ms Rinne urged voters to back the coalition, and criticized the "
     "opposition's silence.", "criticism", "happened"),
    # a coordinated infinitive or gerund stays under the call or the denial
    ("Ms Rinne urged Sweden to buy rifles and send troops to Finland.", "deployment",
     "hypothetical"),
    ("Peru denied buying rifles and sending troops to Bolivia.", "deployment", "denied"),
])
def test_a_sibling_verbs_sense_does_not_carry_over_and(text: str, etype: str,
                                                      status: str) -> None:
    assert [e.status for e in of_type(text, etype)] == [status], \
        [(e.type, e.status) for e in analysis_of(text).events]


@pytest.mark.parametrize(("text", "etype", "status"), [
    # a request with an infinitive is a call
    ("The senator asked him to condemn the attack.", "criticism", "hypothetical"),
    ("Deputies called on the cabinet to block the general's visit to Minsk.", "visit",
     "hypothetical"),
    # a finite clause under "suggest" is a report, not a recommendation
    ("Surveys suggested that rural deputies voted against the bill.", "parliamentary_vote",
     "happened"),
    # a stop governs what it stops, not what it follows
    ("She was suspended for a week after condemning the minister.", "criticism", "happened"),
    # a clause with its own subject after "but" keeps its own polarity
    ("Riga can no longer buy mines, but Vilnius signed the treaty.",
     "treaty_signature", "happened"),
    # "not once" and "no matter" negate nothing
    ("The envoys met twice, not once, in Geneva.", "meeting", "happened"),
    # resisting is refusing
    ("The cabinet resisted sending rifles to Georgia.", "arms_transfer", "negated"),
])
def test_calls_stops_and_negation_stay_in_their_clause(text: str, etype: str,
                                                      status: str) -> None:
    assert [e.status for e in of_type(text, etype)] == [status], \
        [(e.type, e.status) for e in analysis_of(text).events]


def test_an_object_beside_with_is_the_recipient() -> None:
    found = analysis_of("The alliance provided the rebels with rifles.").events
    assert [e.type for e in found] == ["arms_transfer"], [(e.type, e.status) for e in found]


@pytest.mark.parametrize(("text", "etype", "status", "date"), [
    # a relative clause saying the event took place overrides the request or proposal
    ("Anna Berg requested a meeting with Tomas Lind, which took place on Friday.",
     "meeting", "happened", "2025-01-31"),
    ("Oslo proposed talks with Helsinki, which were held in Bergen.", "meeting", "happened",
     None),
    # ... but not one that says it is still to come, or never came
    ("Anna Berg requested a meeting with Tomas Lind, which will take place in May.",
     "meeting", "hypothetical", None),
    ("Anna Berg requested a meeting with Tomas Lind, which never happened.", "meeting",
     "hypothetical", None),
])
def test_a_relative_clause_stating_the_event_took_place_overrides(
    text: str, etype: str, status: str, date: str | None
) -> None:
    assert [(e.status, e.date) for e in of_type(text, etype)] == [(status, date)], \
        [(e.type, e.status, e.date) for e in analysis_of(text).events]


@pytest.mark.parametrize(("text", "etype", "status"), [
    # a tensed auxiliary makes the clause under "suggest" a report
    ("The memo suggested both firms are invested in the shipyard.", "investment",
     "happened"),
    # a cause or circumstance is not what is threatened or refused
    ("The speaker threatened to close the parliament over funding the agency.", "funding",
     "happened"),
    ("The mayor refused to resign after criticising the police.", "criticism", "happened"),
    # what one is asked to explain, condemn or defend has taken place
    ("Lawmakers urged Greece to explain its purchase of howitzers from Israel.",
     "arms_procurement", "happened"),
    ("Lawmakers urged the EU to condemn Russia's deployment of troops in Belarus.",
     "deployment", "happened"),
    ("Estonia did not condemn the deployment of troops in Belarus.", "deployment",
     "happened"),
    # what one will or would welcome is offered, not done
    ("The president said Kyiv will welcome his assistance in the talks.", "funding",
     "hypothetical"),
    ("The minister will condemn the deployment of troops at the summit.", "deployment",
     "happened"),
])
def test_a_reported_clause_or_a_cause_is_not_under_the_call(text: str, etype: str,
                                                           status: str) -> None:
    assert [e.status for e in of_type(text, etype)] == [status], \
        [(e.type, e.status) for e in analysis_of(text).events]
