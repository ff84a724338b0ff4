"""Trigger words in their other senses, on sentences written for these tests: meeting a
target, a manner of talk, travelling at a speed, a safety car deployed, airliners or cars
bought and delivered, and a company or a private person leaving a deal are no events; the
event senses beside them still are."""

from __future__ import annotations

import pytest

from conftest import run


def event_types(text: str) -> list[str]:
    return [e.type for e in run(text, "2026-03-02").events]


@pytest.mark.parametrize(("text", "etype"), [
    ("The finance minister met her Polish counterpart in Warsaw on Monday.", "meeting"),
    ("The council will meet at the end of the month to decide on the port fees.", "meeting"),
    ("Negotiators from both sides held talks in Geneva on Friday.", "meeting"),
    ("The chancellor had a long talk with the prime minister on Monday.", "meeting"),
    ("The bloc deployed 40 observers to the disputed region.", "deployment"),
    ("The foreign minister travelled to Tallinn on Tuesday.", "visit"),
    ("Norway deployed 200 troops to the border on Sunday.", "deployment"),
    ("The army deployed air defence systems around the port.", "deployment"),
    ("Estonia ordered six attack helicopters last week.", "arms_procurement"),
    ("Finland bought 64 F-35A jets in December.", "arms_procurement"),
    ("Washington withdrew from the nuclear deal in 2018.", "treaty_withdrawal"),
    ("The European Union pulled out of the trade agreement.", "treaty_withdrawal"),
    ("Iran said it would leave the nuclear deal.", "treaty_withdrawal"),
    # a person in a state office leaves an agreement for the state
    ("President Arvo Kallas withdrew from the fisheries agreement on Monday.",
     "treaty_withdrawal"),
    ("Foreign Minister Lena Brandt pulled out of the border deal.", "treaty_withdrawal"),
])
def test_the_event_sense_stays(text: str, etype: str) -> None:
    assert etype in event_types(text)


@pytest.mark.parametrize(("text", "etype"), [
    ("Most of the suppliers failed to meet the new safety requirements.", "meeting"),
    ("The bank met its lending targets for the year.", "meeting"),
    ("Voters tired of the governor's blunt talk stayed at home.", "meeting"),
    ("Travelling at almost 300 km/h, the train passed the station.", "visit"),
    ("The safety car was deployed twice during the race.", "deployment"),
    ("The airline ordered 40 new passenger planes from the manufacturer.", "arms_procurement"),
    ("The carmaker will supply the rental firm with 5,000 electric vehicles.", "arms_transfer"),
    ("The carmaker Voltaro pulled out of an agreement with Brenner Motors last week.",
     "treaty_withdrawal"),
    ("A Danish shipbuilder withdrew from its contract with the harbour board last month.",
     "treaty_withdrawal"),
    ("Its Swiss partner is expected to withdraw from the licensing deal soon.",
     "treaty_withdrawal"),
    ("The union withdrew from the wage deal on Monday.", "treaty_withdrawal"),
    # a pronoun is the one who says so
    ("Halvern Motors said it would withdraw from the supply deal.", "treaty_withdrawal"),
    ("The company said it would withdraw from the supply deal.", "treaty_withdrawal"),
    # a person in no state office leaves a deal of their own
    ("The billionaire Marek Ostrowski pulled out of the deal to buy the social network.",
     "treaty_withdrawal"),
    ("Marek Ostrowski said he would walk away from the takeover agreement.",
     "treaty_withdrawal"),
    # a thing met is no one met
    ("The chain said its sales would meet analysts' forecasts this quarter.", "meeting"),
    # a candidate's votes are the electorate's, not a body's
    ("The mayor, who received more votes than any rival, kept his seat.",
     "parliamentary_vote"),
    ("She narrowly won the popular vote in the southern provinces.", "parliamentary_vote"),
    # what a scheme makes possible is a capability, not an event
    ("The scheme lets foreign savers obtain residence by investing in local firms.",
     "investment"),
    ("The board's powers include sending inspectors to any port.", "deployment"),
])
def test_the_other_sense_is_no_event(text: str, etype: str) -> None:
    assert etype not in event_types(text)
