import pytest

from newstrace.clean import find_boilerplate, find_datelines, split_stories
from newstrace.clean.stories import MAX_HEADLINE_CHARS, is_headline

COMPILATION = """We use cookies. By continuing you accept our Privacy Policy.

Ministers from the three Baltic states met in Riga on Monday to discuss air defence.
They agreed to share radar data, officials said.

Baltic Ministers Agree To Share Radar Data | Baltic Courier

Finland opened a new border crossing for freight on Tuesday.

Finland Opens New Freight Crossing - ERR

Poland Orders More Tanks

Posted by analyst42 on 3 March 2025"""

WIRE = """Estonia will buy new artillery, the defence ministry said on Friday.
New Guns For The Army
The contract is worth 40 million euros, the ministry added."""


def test_compilation_splits_on_credit_lines_and_drops_boilerplate() -> None:
    boilerplate = find_boilerplate(COMPILATION)
    assert [COMPILATION[b.start:b.end][:10] for b in boilerplate] == ["We use coo", "Posted by "]
    stories = split_stories(COMPILATION, boilerplate)
    assert [(s.title, s.outlet) for s in stories] == [
        ("Baltic Ministers Agree To Share Radar Data", "Baltic Courier"),
        ("Finland Opens New Freight Crossing", "ERR"),
        ("Poland Orders More Tanks", None),
    ]
    first = COMPILATION[stories[0].span.start:stories[0].span.end]
    assert first.startswith("Ministers from") and first.endswith("| Baltic Courier")


def test_a_report_with_subheadings_is_one_story() -> None:
    stories = split_stories(WIRE, find_boilerplate(WIRE))
    assert len(stories) == 1
    assert WIRE[stories[0].span.start:stories[0].span.end] == WIRE


def test_a_dash_headline_needs_a_known_outlet() -> None:
    text = "Talks went on late into the night.\n\nKyiv And Warsaw Hold Talks - Border Issues Remain"
    assert len(split_stories(text, [])) == 1


def test_long_paragraph_mentioning_cookies_is_not_boilerplate() -> None:
    text = "The bakery sold cookies " + "and bread " * 30 + "all day."
    assert find_boilerplate(text) == []


def test_sentence_case_credit_lines_with_known_outlets() -> None:
    text = ("Voters in Riga queued early on Saturday.\n"
            "Latvians vote in a tight local election - LSM\n"
            "Turnout was high in Tartu as well.\n"
            "Estonian turnout tops forecasts | ERR\n"
            "Vilnius opens a new tram line")
    stories = split_stories(text, [], lambda name: name in ("LSM", "ERR"))
    assert [(s.title, s.outlet) for s in stories] == [
        ("Latvians vote in a tight local election", "LSM"),
        ("Estonian turnout tops forecasts", "ERR"),
        ("Vilnius opens a new tram line", None),
    ]


def test_a_headline_is_short_capitalised_and_unpunctuated() -> None:
    title = "Coastal Towns Vote To Pool Their Harbour Fees"
    assert is_headline(title)
    assert not is_headline(title + ".")
    assert not is_headline("coastal towns vote to pool their harbour fees")
    long_line = " ".join(["Harbour Fees"] * (MAX_HEADLINE_CHARS // 12 + 1))
    assert len(long_line) > MAX_HEADLINE_CHARS and not is_headline(long_line)


def stories_of(text: str) -> list[tuple[str | None, str | None, str]]:
    return [(s.title, s.outlet, text[s.span.start:s.span.end])
            for s in split_stories(text, find_boilerplate(text))]


def test_a_credit_line_right_under_another_is_a_story_without_a_body() -> None:
    text = ("Tallinn will open two new tram lines next spring, the city said.\n\n"
            "Tallinn Plans Two Tram Lines | Harbour Post\n\n"
            "Ferry Fares To Rise In April | Harbour Post\n\n"
            "Riga airport counted more passengers in March than in any month before.\n\n"
            "Riga Airport Sets A Record | LSM")
    assert stories_of(text) == [
        ("Tallinn Plans Two Tram Lines", "Harbour Post",
         text[:text.index(" | Harbour Post") + len(" | Harbour Post")]),
        ("Ferry Fares To Rise In April", "Harbour Post",
         "Ferry Fares To Rise In April | Harbour Post"),
        ("Riga Airport Sets A Record", "LSM", text[text.index("Riga airport"):]),
    ]


def test_a_bare_headline_under_a_credit_line_is_not_merged_into_the_next_excerpt() -> None:
    text = ("Tallinn will open two new tram lines next spring, the city said.\n"
            "Tallinn Plans Two Tram Lines | Harbour Post\n"
            "Vilnius Bridge Closed For Repairs\n"
            "Riga airport counted more passengers in March than in any month before.\n"
            "Riga Airport Sets A Record | LSM\n"
            "Tartu Gets A New Library")
    assert [(title, outlet) for title, outlet, _ in stories_of(text)] == [
        ("Tallinn Plans Two Tram Lines", "Harbour Post"),
        ("Vilnius Bridge Closed For Repairs", None),
        ("Riga Airport Sets A Record", "LSM"),
        ("Tartu Gets A New Library", None),
    ]
    assert stories_of(text)[2][2].startswith("Riga airport counted")


def test_an_excerpt_headed_by_its_own_title_keeps_it() -> None:
    text = ("Port News\n"  # the thread's title, before any credit: not a story of its own
            "Tallinn will open two new tram lines next spring, the city said.\n"
            "Tallinn Plans Two Tram Lines | Harbour Post\n"
            "Riga Airport Sets A Record\n"
            "Riga airport counted more passengers in March than in any month before.\n"
            "Riga Airport Sets A Record | LSM")
    assert [(title, outlet, body[:12]) for title, outlet, body in stories_of(text)] == [
        ("Tallinn Plans Two Tram Lines", "Harbour Post", "Port News\nTa"),
        ("Riga Airport Sets A Record", "LSM", "Riga Airport"),
    ]


def test_a_newsletter_heads_each_excerpt_with_its_credit_line() -> None:
    text = ("Tallinn Plans Two Tram Lines | Harbour Post\n"
            "Tallinn will open two new tram lines next spring, the city said.\n\n"
            "Ferry Fares To Rise In April | Harbour Post\n"
            "Riga Airport Sets A Record | LSM\n"
            "Riga airport counted more passengers in March than in any month before.\n"
            "Officials expect the summer to be busier still.")
    assert stories_of(text) == [
        ("Tallinn Plans Two Tram Lines", "Harbour Post",
         text[:text.index("the city said.") + len("the city said.")]),
        ("Ferry Fares To Rise In April", "Harbour Post",
         "Ferry Fares To Rise In April | Harbour Post"),
        ("Riga Airport Sets A Record", "LSM", text[text.index("Riga Airport Sets"):]),
    ]


KNOWN_AGENCIES = {"Reuters", "CNN", "ELTA"}


@pytest.mark.parametrize(("opening", "outlet"), [
    ("VILNIUS, March 5 (BNS) – ", "BNS"),
    ("KAUNAS, Lithuania (AP) — ", "AP"),
    ("KAUNAS, Lithuania — ", None),
    ("MOSCOW, March 5. /TASS/. ", "TASS"),
    ("MOSCOW, March 5 /TASS/ - ", "TASS"),
    ("Kaunas (Reuters) – ", "Reuters"),
    ("Kaunas, 5 March (ELTA) – ", "ELTA"),
    ("Washington (CNN)", "CNN"),
])
def test_a_dateline_and_the_agency_it_credits(opening: str, outlet: str | None) -> None:
    text = opening + "The mayor said the port would expand."
    [(span, credited)] = find_datelines(text, KNOWN_AGENCIES.__contains__)
    assert (span.start, span.end, credited) == (0, len(opening), outlet)


@pytest.mark.parametrize("text", [
    # A page flattened into one line: headline, byline and dateline run together.
    "Port to expand\n\nPort to expand By Ona Vaitkute and Tom Ross KLAIPEDA, March 5 (BNS) - ",
    "By Ona Vaitkute KLAIPEDA (Reuters) - ",
])
def test_a_dateline_after_a_byline_on_its_line(text: str) -> None:
    text += "The mayor said the port would expand."
    [(span, credited)] = find_datelines(text)
    assert text[span.start:span.end].startswith("KLAIPEDA")
    assert text[span.end:].startswith("The mayor")
    assert credited in ("BNS", "Reuters")


def test_a_byline_s_capitals_far_into_a_paragraph_are_no_dateline() -> None:
    text = "The mayor spoke at length. " * 20 + "By Ona Vaitkute KLAIPEDA (Reuters) - x."
    assert find_datelines(text) == []


@pytest.mark.parametrize("line", ["Apple (AAPL) - shares rose on Friday.",
                                  "Kaunas (Lithuania) - a city on two rivers.",
                                  "Mayor Ona Vaitkute (Reuters) said the port would grow."])
def test_a_title_case_place_needs_a_known_agency_to_open_a_dateline(line: str) -> None:
    assert find_datelines(line, KNOWN_AGENCIES.__contains__) == []
