"""What a report says about itself when its input did not: the outlet in a dateline or a
sign-off, the publication date in a stamp (never a reported event's date)."""

from __future__ import annotations

from datetime import date

import pytest

from conftest import name_of, run
from newstrace.clean import find_datelines
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.models import Span, Story
from newstrace.resolve.published import stated_publication_date
from newstrace.resolve.publishers import credited_publisher

BODY = ("The city council of Kaunas approved a budget for a new river port on Friday.\n"
        "Work on the quays is to start in the autumn, the council said.")


def publisher_of(text: str, stories: list[Story] | None = None) -> str | None:
    return credited_publisher(text, stories or [Story(Span(0, len(text)))],
                              load_gazetteer(()), find_datelines(text))


@pytest.mark.parametrize("text, outlet", [
    ("KAUNAS (Reuters) – " + BODY, "Reuters"),
    (BODY + "\n— Reuters", "Reuters"),
    (BODY + " -- AFP", "Agence France-Presse"),
    (BODY + " (AFP)", "Agence France-Presse"),
    (BODY + "\nBTA reports.", "Bulgarian News Agency"),
    (BODY + " BTA reports.", "Bulgarian News Agency"),
    (BODY + "\n(Reporting by Ona Vaitkute; Editing by Tomas Berg)", "Reuters"),
    # the sign-off above a closing line of the wire's own
    (BODY + "\n(Reporting by Ona Vaitkute; Editing by Tomas Berg)\nOur Standards: trust.",
     "Reuters"),
    (BODY + "\n— Jonas Petraitis", None),  # a reporter's signature, not an outlet
    (BODY + "\nThe mayor reports.", None),
    # a body the gazetteer knows as something other than an outlet
    (BODY + " The plan is backed by the alliance (NATO)", None),
    (BODY, None),
])
def test_an_outlet_from_the_dateline_or_the_sign_off(text: str, outlet: str | None) -> None:
    assert publisher_of(text) == outlet


def test_a_compilation_has_no_single_publisher() -> None:
    text = BODY + "\n— Reuters"
    middle = text.index("\n")
    assert publisher_of(text, [Story(Span(0, middle)), Story(Span(middle + 1, len(text)))]) \
        is None


def test_a_sign_off_credits_the_agency_in_every_chain() -> None:
    text = ("Mayor Ona Vaitkute said on Friday that the river port would expand.\n"
            "“We have waited long enough,” she told reporters.\n— Reuters")
    relayed = run(text, outlet="Delfi")
    assert [[name_of(relayed, r) for r in q.relays] for q in relayed.quotes] == \
        [["Reuters", "Delfi"]] * 2
    alone = run(text)
    assert alone.document.outlet == "Reuters"


@pytest.mark.parametrize("text, published", [
    ("Published: 5 March 2025\n" + BODY, date(2025, 3, 5)),
    ("First published on March 5, 2025 at 10:32 | Updated 11:05\n" + BODY, date(2025, 3, 5)),
    ("Published on Wednesday, 5 March 2025\n" + BODY, date(2025, 3, 5)),
    (BODY + "\nPosted 2025-03-05 09:00 CET", date(2025, 3, 5)),
    ("Published 05.03.2025\n" + BODY, date(2025, 3, 5)),
    # a date in a sentence is the date of what it reports
    ("The budget was published on 5 March 2025, when the council met.\n" + BODY, None),
    ("Published: 5 March 2025 in the city gazette after a long debate\n" + BODY, None),
    ("KAUNAS, March 5 (BNS) – " + BODY, None),  # a dateline's day has no year
    # stamps that disagree (a compilation) give none, and no such day is no date
    ("Published: 5 March 2025\n" + BODY + "\nPublished: 6 March 2025", None),
    ("Published: 31 February 2025\n" + BODY, None),
])
def test_the_publication_date_comes_from_a_stamp_only(text: str, published: date | None) -> None:
    assert stated_publication_date(text) == published


def test_a_stamp_dates_an_undated_input_and_never_overrides_a_given_date() -> None:
    text = "Published: 5 March 2025\nThe mayor of Kaunas said yesterday that the port would grow."
    assert run(text, published=None).document.published == date(2025, 3, 5)
    assert run(text, published="2025-03-09").document.published == date(2025, 3, 9)
