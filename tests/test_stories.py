from newstrace.clean import find_boilerplate, split_stories
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
