"""Event extraction, run through the whole pipeline (``newstrace.pipeline.analyse``) on
sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from newstrace.extract.events.ontology import ONTOLOGY
from newstrace.models import EVENT_STATUSES, Analysis, Document, Event
from newstrace.pipeline import analyse

DATA = Path(__file__).parent / "data" / "events" / "reports.jsonl"


def analysis_of(text: str, published: dt.date | None = dt.date(2025, 3, 10)) -> Analysis:
    return analyse(Document(text=text, published=published))


def run(text: str, published: dt.date | None = dt.date(2025, 3, 10)
        ) -> tuple[list[Event], dict[str, set[str]]]:
    """Events and, per entity id, the names it goes by (canonical name and mentions)."""
    analysis = analysis_of(text, published)
    names = {e.id: {e.name, *(m.text for m in e.mentions)} for e in analysis.entities}
    return analysis.events, names


def named(value: Any, names: dict[str, set[str]]) -> set[str]:
    return names.get(value, {value}) if isinstance(value, str) else set()


def only(events: list[Event], etype: str) -> Event:
    matching = [e for e in events if e.type == etype]
    assert len(matching) == 1, [(e.type, e.status) for e in events]
    return matching[0]


# --- table of sentences ----------------------------------------------------------------

CASES = [
    ("Lithuania's withdrawal from the Convention on Cluster Munitions took effect on "
     "6 March 2025.",
     "treaty_withdrawal", "happened",
     {"actor": "Lithuania", "target": "Convention on Cluster Munitions"}, "2025-03-06"),
    ("Poland plans to buy 96 Apache helicopters from the United States for $12 billion.",
     "arms_procurement", "planned",
     {"actor": "Poland", "seller": "United States",
      "amount": {"value": 12e9, "currency": "USD"}}, None),
    ("Germany did not sign the Ottawa Treaty in 1997.",
     "treaty_signature", "negated", {"actor": "Germany", "target": "Ottawa Treaty"}, "1997"),
    ("Moscow denied sending troops to Belarus in May.",
     "deployment", "denied", {"actor": "Moscow", "target": "Belarus"}, "2024-05"),
    ("If Estonia were to withdraw from the Ottawa Treaty, Finland would follow.",
     "treaty_withdrawal", "hypothetical", {"actor": "Estonia", "target": "Ottawa Treaty"}, None),
    ("The Ottawa Treaty, signed in 1997, bans anti-personnel mines.",
     "treaty_signature", "background", {"target": "Ottawa Treaty"}, "1997"),
    ("The European Union pledged 50 million euros to Moldova in April.",
     "funding", "happened",
     {"actor": "European Union", "recipient": "Moldova",
      "amount": {"value": 50e6, "currency": "EUR", "kind": "new"}}, "2024-04"),
    ("Germany unveiled a 30 million euro investment in Latvia.",
     "investment", "happened",
     {"actor": "Germany", "recipient": "Latvia",
      "amount": {"value": 30e6, "currency": "EUR"}}, None),
    ("Sweden sent 10 Archer howitzers to Ukraine in January 2023.",
     "arms_transfer", "happened", {"actor": "Sweden", "recipient": "Ukraine"}, "2023-01"),
    ("Germany will station 4,800 soldiers in Lithuania from 2027.",
     "deployment", "planned", {"actor": "Germany", "target": "Lithuania"}, "2027"),
    ("Ukrainian intelligence claimed that Iran had supplied 200 ballistic missiles to Russia.",
     "arms_transfer", "claimed", {"actor": "Iran", "recipient": "Russia"}, None),
    ("Kazakhstan acceded to the Arms Trade Treaty on 15 January 2024.",
     "treaty_accession", "happened", {"actor": "Kazakhstan", "target": "Arms Trade Treaty"},
     "2024-01-15"),
    ("The parliament of Moldova passed the law by 56 votes to 0 on 4 March.",
     "parliamentary_vote", "happened",
     {"actor": "Moldova", "votes": {"for": 56, "against": 0, "abstain": None}}, "2025-03-04"),
    ("Chancellor Olaf Scholz met Chinese President Xi Jinping in Beijing on 16 April.",
     "meeting", "happened", {"actor": "Olaf Scholz", "target": "Xi Jinping"}, "2024-04-16"),
    ("Serbia's purchase of Chinese air defence systems raised concerns in Brussels.",
     "criticism", "happened", {"actor": "Brussels", "target": "Serbia"}, None),
    ("Tbilisi has no plans to purchase Russian weapons.",
     "arms_procurement", "negated", {"actor": "Tbilisi"}, None),
    ("Latvia intends to withdraw from the Ottawa Treaty by the end of June.",
     "treaty_withdrawal", "planned", {"actor": "Latvia", "target": "Ottawa Treaty"}, "2025-06"),
    ("Macron's visit to Hanoi in May 2024 focused on trade.",
     "visit", "happened", {"actor": "Macron", "target": "Hanoi"}, "2024-05"),
    ("Canada and Poland signed a memorandum on defence cooperation on 2 May.",
     "agreement", "happened", {"actor": "Canada", "target": "Poland"}, "2024-05-02"),
    ("The drones are to be produced in Lviv from 2026.",
     "production", "planned", {"location": "Lviv"}, "2026"),
    ("Hungary's foreign minister criticised the European Commission for freezing the funds.",
     "criticism", "happened", {"actor": "Hungary", "target": "European Commission"}, None),
    ("Officials said Lithuania could buy more HIMARS launchers if funding allowed.",
     "arms_procurement", "hypothetical", {"actor": "Lithuania"}, None),
    ("Norway said it would deliver 20 air defence systems to Ukraine.",
     "arms_transfer", "planned", {"actor": "Norway", "recipient": "Ukraine"}, None),
]


@pytest.mark.parametrize(("text", "etype", "status", "args", "date"), CASES)
def test_event_table(text: str, etype: str, status: str, args: dict[str, Any],
                     date: str | None) -> None:
    events, names = run(text)
    event = only(events, etype)
    assert event.status == status
    for role, value in args.items():
        got = event.argument(role)
        if isinstance(value, str):
            assert value in named(got, names), (role, got, names.get(got))
        else:
            assert got == value, (role, got)
    assert event.date == date
    assert event.plover == ONTOLOGY[etype].plover
    assert text[event.evidence.start:event.evidence.end] in text


def test_treaty_vote_carries_tally_and_motion() -> None:
    text = ("The Seimas voted on 18 July to leave the Convention on Cluster Munitions, which "
            "Lithuania ratified in 2011. In the final vote, 103 MPs voted in favour of the bill, "
            "one was against, and three abstained.")
    events, names = run(text, dt.date(2024, 7, 19))
    vote = only(events, "treaty_vote")
    assert vote.votes == {"for": 103, "against": 1, "abstain": 3}
    assert vote.motion == "treaty_withdrawal"
    assert vote.date == "2024-07-18"
    assert "Convention on Cluster Munitions" in names[vote.args["target"]]
    ratification = only(events, "treaty_ratification")
    assert (ratification.status, ratification.date) == ("background", "2011")
    assert not [e for e in events if e.type in ("parliamentary_vote", "treaty_withdrawal")]


def test_generic_treaty_noun_resolves_to_named_treaty() -> None:
    text = ("Estonia is reviewing its membership of the Ottawa Treaty. "
            "If Estonia were to withdraw from the treaty, Finland would follow.")
    events, names = run(text)
    event = only(events, "treaty_withdrawal")
    assert "Ottawa Treaty" in names[event.args["target"]]


def test_date_never_defaults_to_publication() -> None:
    events, _ = run("Poland signed the Ottawa Treaty.", dt.date(2025, 3, 10))
    assert only(events, "treaty_signature").date is None


def test_own_date_wins_over_reporting_date() -> None:
    events, _ = run("Poland bought 96 tanks in 2023, the ministry said on 3 March 2025.")
    assert only(events, "arms_procurement").date == "2023"


def test_reporting_date_dates_an_undated_announcement() -> None:
    """The announcement date when only that is given ("announced on Saturday that ...")."""
    events, _ = run("The Estonian defence ministry announced on Saturday that Estonia has "
                    "bought 12 howitzers from South Korea.", dt.date(2025, 3, 10))
    assert only(events, "arms_procurement").date == "2025-03-08"
    events, _ = run("Poland plans to buy 96 tanks, the ministry said on 3 March 2025.")
    assert only(events, "arms_procurement").date == "2025-03-03"


@pytest.mark.parametrize(("text", "day"), [
    ("On Wednesday the minister told the paper Dz. Prawny that Poland is buying 96 tanks.",
     "2025-03-05"),
    ("On Monday the general told the daily Gaz. Wyborcza that Poland is buying 48 howitzers.",
     "2025-03-10"),
])
def test_a_sentence_cut_at_an_abbreviation_is_dated_by_the_report_before_it(
        text: str, day: str) -> None:
    """The parser ends a sentence at "Dz." or "Gaz.": the verbless rest is still the
    object of the report before it, which dates it."""
    events, _ = run(text)
    assert only(events, "arms_procurement").date == day


@pytest.mark.parametrize(("text", "etype", "actor"), [
    ("Finland is taking part in talks on the purchase of F-35 fighter jets.",
     "arms_procurement", "Finland"),
    ("The Netherlands is engaged in consultations about the acquisition of Patriot missiles.",
     "arms_procurement", "Netherlands"),
    ("Sweden is cooperating on the production of artillery shells with Finland.",
     "production", "Sweden"),
])
def test_who_takes_part_in_the_work_on_an_event_is_its_actor(
        text: str, etype: str, actor: str) -> None:
    events, names = run(text)
    assert actor in " ".join(named(only(events, etype).argument("actor"), names))


# A verb that opens, ends or chairs a meeting or visit only carries it: its subject is the actor.
@pytest.mark.parametrize(("text", "etype", "actor"), [
    ("Chancellor Anna Berger opened a three-day visit to Japan on Monday.", "visit",
     "Anna Berger"),
    ("Prime Minister Tomas Lind chaired a meeting of the security council on Friday.",
     "meeting", "Tomas Lind"),
    ("Estonia's foreign minister Mari Tamm wrapped up talks with her Polish counterpart.",
     "meeting", "Mari Tamm"),
])
def test_the_subject_of_a_verb_carrying_a_meeting_is_its_actor(
        text: str, etype: str, actor: str) -> None:
    events, names = run(text)
    assert actor in " ".join(named(only(events, etype).argument("actor"), names))


@pytest.mark.parametrize("second", [
    "Human Rights Watch called the move a dangerous mistake.",
    "Human Rights Watch also condemned it.",
])
def test_a_criticism_of_what_was_just_criticised_has_the_same_target(second: str) -> None:
    events, names = run("Amnesty International criticised Latvia's withdrawal from the "
                        f"Ottawa Treaty on Monday. {second}")
    critics = [e for e in events if e.type == "criticism"]
    assert len(critics) == 2
    assert all("Latvia" in named(e.argument("target"), names) for e in critics)


def test_same_event_in_two_documents_gets_same_id() -> None:
    first, _ = run("Lithuania's withdrawal from the Convention on Cluster Munitions took effect "
                   "on 6 March 2025.")
    second, _ = run("Lithuania left the Convention on Cluster Munitions, officials said.",
                    dt.date(2025, 3, 12))
    a = only(first, "treaty_withdrawal")
    b = only(second, "treaty_withdrawal")
    assert a.id == b.id
    assert a.id.startswith("evt_")


def test_duplicate_reports_in_one_document_share_id_and_date() -> None:
    text = ("Kazakhstan acceded to the Arms Trade Treaty. "
            "Kazakhstan acceded to the Arms Trade Treaty on 15 January 2024, officials said.")
    events, _ = run(text)
    reports = [e for e in events if e.type == "treaty_accession"]
    assert len(reports) == 2 and len({e.id for e in reports}) == 1
    assert reports[0].evidence.start == 0  # each report keeps its own evidence
    assert {e.date for e in reports} == {"2024-01-15"}  # completed from the second report


def test_treaty_vote_id_ignores_date_precision_and_tally() -> None:
    """The same vote told twice: once vaguely dated without a tally, once with both."""
    first, _ = run("The Latvian parliament voted to withdraw from the Ottawa Treaty in April "
                   "last year, officials said.", dt.date(2026, 1, 5))
    second, _ = run("The Saeima voted on Thursday to withdraw from the Ottawa Treaty. In total, "
                    "56 MPs voted in favour, 32 were against and two abstained.",
                    dt.date(2025, 4, 18))
    a, b = only(first, "treaty_vote"), only(second, "treaty_vote")
    assert a.id == b.id
    assert (a.date, b.date) == ("2025-04", "2025-04-17")
    assert a.votes is None and b.votes is not None and b.votes["for"] == 56


def test_members_of_parliament_stand_for_the_parliament() -> None:
    events, names = run("Lawmakers in the Bundestag debated the bill for hours.\n\n"
                        "In total, 400 MPs voted for the bill, 200 were against and 30 "
                        "abstained.", dt.date(2025, 5, 2))
    vote = only(events, "parliamentary_vote")
    assert "Bundestag" in " ".join(named(vote.argument("actor"), names))


@pytest.mark.parametrize("voters", ["senators", "members of the Federation Council"])
def test_a_parliament_the_gazetteer_knows_is_found_by_its_kind(voters: str) -> None:
    # "Federation Council" holds no common noun for a legislature: only its gazetteer kind tells.
    events, names = run("The Federation Council met in Moscow on Tuesday.\n\n"
                        f"By 150 votes to 3, {voters} voted for the budget bill.",
                        dt.date(2025, 5, 2))
    vote = only(events, "parliamentary_vote")
    assert "Federation Council" in " ".join(named(vote.argument("actor"), names))


def test_a_known_body_of_another_kind_is_no_legislature() -> None:
    # The White House has "House" in its name but the gazetteer files it as a presidency.
    events, names = run("The White House welcomed the bill on Monday.\n\n"
                        "In the end, 230 lawmakers voted for the bill and 190 against it.",
                        dt.date(2025, 5, 2))
    vote = only(events, "parliamentary_vote")
    assert "White House" not in " ".join(named(vote.argument("actor"), names))


def test_title_case_headline_is_read() -> None:
    text = ("Estonia Leaves Ottawa Treaty Banning Landmines\n"
            "Estonia has completed its exit from the Ottawa Treaty, the government said.")
    events, _ = run(text)
    reports = [e for e in events if e.type == "treaty_withdrawal"]
    assert any(e.evidence.start == 0 for e in reports)
    assert len({e.id for e in reports}) == 1


def test_coordinated_critics_and_partners_each_make_an_event() -> None:
    text = ("Norway's decision to buy the missiles has been criticised by Amnesty "
            "International and Human Rights Watch. The minister met Antony Blinken and "
            "Lloyd Austin in Washington on Monday.")
    events, names = run(text)
    critics = {n for e in events if e.type == "criticism"
               for n in named(e.argument("actor"), names)}
    assert {"Amnesty International", "Human Rights Watch"} <= critics
    partners = [e.argument("target") for e in events if e.type == "meeting"]
    assert len(set(partners)) == 2


def test_day_after_an_earlier_event() -> None:
    text = ("Finland announced a 30 million euro investment in Ukraine's drone industry on "
            "Friday. A day after the announced investment, Finnish President Alexander Stubb "
            "left for a visit to Kyiv.")
    events, _ = run(text, dt.date(2025, 3, 10))
    visit = [e for e in events if e.type == "visit"]
    assert visit and visit[0].date == "2025-03-08"


def test_story_with_one_day_dates_its_past_events() -> None:
    text = ("In total, 80 MPs voted in favour of the bill, ten were against.\n\n"
            "\u201cThis is a good law,\u201d the speaker told the Sejm on Tuesday.")
    events, _ = run(text, dt.date(2025, 3, 13))
    assert only(events, "parliamentary_vote").date == "2025-03-11"


@pytest.mark.parametrize("text", [
    "Temperatures in Riga fell to minus 20 degrees on Sunday, the weather service said.",
    "The minister is expected to speak to reporters later on Thursday.",
    "Shares in the defence group rose 4 percent after it reported higher revenue.",
    "The economy will recover if funding allows, the minister said.",
])
def test_no_event(text: str) -> None:
    events, _ = run(text)
    assert events == []


def test_ontology_plover_names_are_known() -> None:
    plover = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
              "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
              "COERCE", "ASSAULT"}
    for etype in ONTOLOGY.values():
        assert etype.plover is None or etype.plover in plover
        assert etype.verbs or etype.nouns


def test_gold_reports_are_well_formed() -> None:
    lines = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    assert len(lines) >= 30
    assert any(not r["events"] for r in lines)
    statuses = {e["status"] for r in lines for e in r["events"]}
    assert {"negated", "planned", "hypothetical", "denied", "background"} <= statuses
    for report in lines:
        dt.date.fromisoformat(report["published"])
        for event in report["events"]:
            assert event["type"] in ONTOLOGY
            assert event["status"] in EVENT_STATUSES
            assert event["evidence"] in report["text"]


def test_gold_reports_score() -> None:
    """Regression floor on the hand-written reports (through the whole pipeline)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from eval_events import evaluate
    finally:
        sys.path.pop(0)
    scores = evaluate(DATA)
    assert scores["precision"] >= 0.85
    assert scores["recall"] >= 0.85
    assert scores["status_accuracy"] >= 0.85


def test_a_pronoun_inside_the_subject_does_not_loop() -> None:
    # "them" in the subject once sent pronoun resolution round in circles.
    analysis = analyse(Document(
        text="Nearly 20 percent of them voted for Jonas Petraitis, a surgeon who has never "
             "held public office.", published=dt.date(2025, 3, 7)))
    assert all(e.type != "arms_procurement" for e in analysis.events)


def test_an_event_word_inside_a_name_is_not_an_event() -> None:
    events, _ = run("The European Investment Bank opened an office in Vilnius.")
    assert [e.type for e in events if e.type == "investment"] == []


def test_a_planned_visit_dated_before_a_closing_frame_looks_forward() -> None:
    events, _ = run("The Latvian president will visit Warsaw in June, his office said.",
                    dt.date(2023, 5, 10))
    assert only(events, "visit").date == "2023-06"


def test_a_restatement_on_the_same_day_is_the_same_event() -> None:
    analysis = analysis_of("Lithuania's parliament on Thursday approved a bill on drones. The bill "
                           "passed with 88 votes in favour, 12 against and 5 abstentions.",
                           dt.date(2025, 1, 17))
    votes = [e for e in analysis.events if e.type == "parliamentary_vote"]
    assert len(votes) == 2 and len({e.id for e in votes}) == 1


# --- the law's steps of a treaty withdrawal ----------------------------------------------

STEPS = [  # sentence, published, type, step, status, actor, date
    ("Latvia deposited its instrument of withdrawal from the Ottawa Convention with the "
     "United Nations on 27 June.", dt.date(2025, 6, 30),
     "treaty_withdrawal", "notification", "happened", "Latvia", "2025-06-27"),
    ("Latvia notified the UN Secretary-General of its withdrawal from the Ottawa Convention "
     "on 27 June.", dt.date(2025, 6, 30),
     "treaty_withdrawal", "notification", "happened", "Latvia", "2025-06-27"),
    ("Finland submitted a notice of withdrawal from the Ottawa Convention to the UN "
     "Secretary-General on 10 July.", dt.date(2025, 7, 14),
     "treaty_withdrawal", "notification", "happened", "Finland", "2025-07-10"),
    ("Finland lodged its notification of withdrawal from the Arms Trade Treaty with the "
     "depositary on 2 April.", dt.date(2025, 4, 3),
     "treaty_withdrawal", "notification", "happened", "Finland", "2025-04-02"),
    ("The Estonian government decided on 20 March to withdraw from the Ottawa Convention.",
     dt.date(2025, 3, 21), "treaty_withdrawal", "decision", "happened", "Estonia", "2025-03-20"),
    ("Poland's government approved on 4 June the withdrawal from the Arms Trade Treaty.",
     dt.date(2025, 6, 5), "treaty_withdrawal", "decision", "happened", "Poland", "2025-06-04"),
    ("The Polish parliament voted on 20 February to withdraw from the Ottawa Convention.",
     dt.date(2025, 2, 21), "treaty_vote", "decision", "happened", "Sejm", "2025-02-20"),
    ("The Sejm adopted a resolution on 3 April on withdrawing from the Arms Trade Treaty.",
     dt.date(2025, 4, 4), "treaty_withdrawal", "decision", "happened", "Sejm", "2025-04-03"),
    ("Lithuania's withdrawal from the Arms Trade Treaty became effective on 3 May.",
     dt.date(2025, 5, 4), "treaty_withdrawal", "effect", "happened", "Lithuania", "2025-05-03"),
    ("Poland's withdrawal from the Ottawa Convention will take effect on 20 February 2026.",
     dt.date(2025, 8, 21), "treaty_withdrawal", "effect", "planned", "Poland", "2026-02-20"),
    ("Estonia has formally left the Ottawa Convention.", dt.date(2026, 1, 5),
     "treaty_withdrawal", "effect", "happened", "Estonia", None),
    # of a ratification or accession only the decision is told apart from the deposit
    ("The Seimas voted on 3 March to ratify the Arms Trade Treaty.", dt.date(2025, 3, 4),
     "treaty_vote", "decision", "happened", "Seimas", "2025-03-03"),
    ("The Saeima approved Latvia's accession to the Arms Trade Treaty on 5 May.",
     dt.date(2025, 5, 6), "treaty_accession", "decision", "happened", "Latvia", "2025-05-05"),
    ("Finland deposited its instrument of ratification of the Arms Trade Treaty on 2 April.",
     dt.date(2025, 4, 3), "treaty_ratification", None, "happened", "Finland", "2025-04-02"),
    # a decision referred to, not stated: the withdrawal it names stays planned
    ("Latvia's decision to leave the Ottawa Convention drew criticism.", dt.date(2025, 4, 1),
     "treaty_withdrawal", "decision", "planned", "Latvia", None),
    # a plan tells no step
    ("Finland will withdraw from the Ottawa Convention soon.", dt.date(2025, 4, 1),
     "treaty_withdrawal", None, "planned", "Finland", None),
]


@pytest.mark.parametrize(("text", "published", "etype", "step", "status", "actor", "date"),
                         STEPS)
def test_a_withdrawal_carries_its_step(text: str, published: dt.date, etype: str,
                                       step: str | None, status: str, actor: str,
                                       date: str | None) -> None:
    events, names = run(text, published)
    event = only(events, etype)
    assert (event.step, event.status, event.date) == (step, status, date)
    assert any(actor in name for name in named(event.args.get("actor"), names))


def test_signatures_and_other_votes_have_no_step() -> None:
    events, _ = run("Finland signed the Arms Trade Treaty on 2 April and Parliament voted "
                    "on the budget.", dt.date(2025, 4, 3))
    assert events and all(e.step is None for e in events)


def test_an_undated_decision_does_not_take_the_date_of_the_notice() -> None:
    events, _ = run("Poland decided to withdraw from the Arms Trade Treaty. Poland deposited "
                    "its instrument of withdrawal from the Arms Trade Treaty with the UN on "
                    "2 June.", dt.date(2025, 6, 3))
    steps = {e.step: e.date for e in events if e.type == "treaty_withdrawal"}
    assert steps == {"decision": None, "notification": "2025-06-02"}
