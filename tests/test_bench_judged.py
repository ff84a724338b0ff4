"""The matching and counting of bench/judged.py, on a short text and records of our own."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newstrace.models import Analysis, Document, Entity, Event, Mention, Quote, Span

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
try:
    from judged import (
        EVENTS,
        QUOTES,
        Tally,
        as_recorded,
        match,
        problems,
        run,
        score,
        sentence_of,
        text_key,
        verdicts,
    )
finally:
    sys.path.pop(0)

TEXT = ("Mayor Ona Petraitiene visited Kaunas on Monday. The council met Dr. Jonas Rimkus. "
        "\"We will rebuild the bridge,\" she said. Rimkus said the plan was late.")


def _at(word: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return Span(start, start + len(word))


def _analysis(events: list[Event], quotes: list[Quote]) -> Analysis:
    mayor = Entity("p1", "PERSON", "Ona Petraitiene",
                   [Mention(_at("Ona Petraitiene"), "Ona Petraitiene", "PERSON")])
    rimkus = Entity("p2", "PERSON", "Jonas Rimkus",
                    [Mention(_at("Jonas Rimkus"), "Jonas Rimkus", "PERSON")])
    council = Entity("o1", "ORG", "council", [Mention(_at("council"), "council", "ORG")])
    return Analysis(Document(TEXT, id="ours"), entities=[mayor, rimkus, council],
                    events=events, quotes=quotes)


def _visit(actor: str, status: str = "happened", date: str | None = "2025-05-05") -> Event:
    return Event("e1", "visit", Span(0, _at("Monday").end), args={"actor": actor},
                 date=date, status=status)  # type: ignore[arg-type]


def _record(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"corpus": "ours", "article": "ours", "judged": "output"}
    return base | fields


VISIT = _record(type="visit", trigger=[_at("visited").start, _at("visited").end],
                output={"evidence": [0, _at("Monday").end], "actor": "Ona Petraitiene",
                        "status": "happened", "date": "2025-05-05"},
                type_ok=True, supported=True, actor_ok=True, status_ok=True, date_ok=False,
                right={"date": "2025-05-12"})


def test_a_sentence_does_not_end_after_a_title() -> None:
    start, end = sentence_of(TEXT, _at("Jonas").start, _at("Jonas").end)
    assert TEXT[start:end] == "The council met Dr. Jonas Rimkus."


def test_an_event_is_found_again_by_type_and_trigger_and_its_verdicts_carry_over() -> None:
    analysis = _analysis([_visit("p1")], [])
    matched, gone, new = match(EVENTS, [VISIT], EVENTS.outputs(analysis))
    assert len(matched) == 1 and not gone and not new
    result = verdicts(EVENTS, TEXT, *matched[0])
    assert result == {"supported": True, "type": True, "actor": True, "status": True,
                      "date": False}


def test_a_changed_field_is_scored_by_the_right_value_or_left_unknown() -> None:
    # The date now agrees with the right one, the actor is someone else (the judged output
    # was right, so it is the right value), the status changed with no right value known
    # but "background" tells of a past event as "happened" does.
    changed = _visit("p2", status="background", date="2025-05-12")
    output = EVENTS.outputs(_analysis([changed], []))[0]
    assert verdicts(EVENTS, TEXT, VISIT, output) == {
        "supported": True, "type": True, "actor": False, "status": True, "date": True}
    planned = EVENTS.outputs(_analysis([_visit("p1", status="planned")], []))[0]
    unknown = dict(VISIT, status_ok=False, right={})
    assert verdicts(EVENTS, TEXT, unknown, planned)["status"] is None


def test_another_type_or_a_trigger_outside_the_evidence_is_new() -> None:
    meeting = Event("e2", "meeting", Span(0, _at("Monday").end), args={"actor": "p1"})
    elsewhere = Event("e3", "visit", _at("The council met"), args={"actor": "p1"})
    analysis = _analysis([meeting, elsewhere], [])
    tally = Tally(Counter(), [])
    new = score(EVENTS, TEXT, [VISIT], analysis, tally)
    assert len(new) == 2
    assert tally.counts["gone"] == 1 and tally.counts["matched"] == 0


def test_counts_over_an_article_with_a_false_event_and_a_missed_one() -> None:
    council_met = Event("e4", "meeting", _at("The council met Dr. Jonas Rimkus"),
                        args={"actor": "o1"})
    false_one = _record(type="meeting", trigger=[_at("met").start, _at("met").end],
                        output={"evidence": [0, 1], "actor": "council"}, type_ok=False,
                        supported=False, actor_ok=None, status_ok=None, date_ok=None)
    missed = _record(judged="missed", type="meeting", trigger=[_at("met").start,
                     _at("met").end], right={"actor": "council"})
    tally = Tally(Counter(), [])
    new = score(EVENTS, TEXT, [VISIT, false_one, missed], _analysis([_visit("p1"),
                                                                    council_met], []), tally)
    counts = tally.counts
    assert not new
    assert (counts["judged"], counts["matched"], counts["supported"]) == (2, 2, 1)
    assert (counts["fully judged"], counts["fully right"]) == (1, 0)  # the visit's date
    assert (counts["date judged"], counts["date right"]) == (1, 0)
    assert (counts["missed"], counts["missed found now"]) == (1, 0)  # the false one took it


def test_a_quote_is_found_again_by_overlapping_content() -> None:
    said = _at("We will rebuild the bridge")
    record = _record(content=[said.start, said.end],
                     output={"content": [said.start, said.end], "speaker": "Jonas Rimkus",
                             "chain": ["Jonas Rimkus"], "kind": "direct"},
                     is_quote=True, content_ok=True, speaker_ok=False, chain_ok=False,
                     kind_ok=True, right={"speaker": "Ona Petraitiene",
                                          "chain": ["Ona Petraitiene"]})
    wider = Quote(Span(said.start - 1, said.end + 2), "direct", speaker="p1")
    late = Quote(_at("the plan was late"), "indirect", speaker="p2")
    analysis = _analysis([], [wider, late])
    matched, gone, new = match(QUOTES, [record], QUOTES.outputs(analysis))
    assert not gone and [o["content"] for o in new] == [[late.content.start, late.content.end]]
    # The content differs only by its quotation marks; the speaker is now the right one,
    # named as her entity is.
    assert verdicts(QUOTES, TEXT, *matched[0]) == {
        "is_quote": True, "content": True, "speaker": True, "chain": True, "kind": True}


def test_a_record_that_contradicts_itself_or_lacks_its_key_is_reported() -> None:
    assert problems(EVENTS, dict(VISIT, text_sha1="0" * 12)) == []
    contradicting = dict(VISIT, text_sha1="0" * 12, actor_ok=True, right={"actor": "Rimkus"})
    assert problems(EVENTS, contradicting) == [
        "actor judged right but given another right value"]
    keyless = {k: v for k, v in VISIT.items() if k != "trigger"} | {"text_sha1": "0" * 12}
    assert problems(EVENTS, keyless) == ["no trigger"]


def test_the_listing_shows_which_verdicts_moved_and_what_is_left_to_judge() -> None:
    moved = _visit("p2", date="2025-05-12")  # actor now wrong, date now right
    tally = Tally(Counter(), [])
    score(EVENTS, TEXT, [VISIT], _analysis([moved], []), tally)
    assert tally.lines[0].split()[:2] == ["-actor", "+date"]
    unknown = dict(VISIT, status_ok=False, right={})
    tally = Tally(Counter(), [])
    score(EVENTS, TEXT, [unknown], _analysis([_visit("p1", status="planned")], []), tally)
    assert tally.lines[0].split()[0] == "?status"


def test_records_keep_long_phrases_only_as_digests() -> None:
    phrase = "a survey of the nine harbour towns done last spring"
    assert as_recorded("Ana Varga") == "Ana Varga"
    assert as_recorded(phrase).startswith("sha1:") and phrase not in as_recorded(phrase)
    assert as_recorded([phrase, "Ana Varga"]) == [as_recorded(phrase), "Ana Varga"]


def test_a_new_article_is_drafted_whole_and_a_part_is_counted_apart(
        capsys: pytest.CaptureFixture[str]) -> None:
    said, late = _at("We will rebuild the bridge"), _at("the plan was late")
    analysis = _analysis([], [Quote(said, "direct", speaker="p1"),
                              Quote(late, "indirect", speaker="p2")])
    key = ("ours", "ours")
    drafts: list[dict[str, Any]] = []
    run(QUOTES, [], {key: analysis.document}, {key: analysis}, False, drafts, [key],
        "heldout-r12")
    assert [d["content"] for d in drafts] == [[said.start, said.end], [late.start, late.end]]
    assert all(d["part"] == "heldout-r12" and d["is_quote"] is None for d in drafts)
    capsys.readouterr()
    judged = [d | {"is_quote": True, "content_ok": True, "speaker_ok": True, "chain_ok": True,
                   "kind_ok": True} for d in drafts]
    assert judged[0]["text_sha1"] == text_key(TEXT)
    tally = run(QUOTES, judged, {key: analysis.document}, {key: analysis}, False, [])
    printed = capsys.readouterr().out
    assert tally.counts["speaker right"] == 2
    assert "part heldout-r12: fully right 2/2" in printed and "\n  ours:" not in printed
