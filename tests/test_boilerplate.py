"""Boilerplate kinds, each marked on the original text and each with the article text that
looks like it but stays."""

import itertools

import pytest

from conftest import run
from newstrace.clean import find_boilerplate


def marked(text: str) -> list[str]:
    return [text[span.start:span.end] for span in find_boilerplate(text)]


ARTICLE = ("The port authority in Gdansk said on Thursday that container traffic rose by a "
           "tenth last year, helped by new cranes and a deeper channel.")


@pytest.mark.parametrize("line", [
    # consent banners
    "This website uses cookies to improve your experience. Accept all | Manage settings",
    "Carry on reading and we take it that cookies are fine with you. OK",
    "Cookie settings",
    # forum stamps
    "Last edited by harbourwatcher - on 2 May 2025",
    "Posted by seagull77 on 3 June 2025 at 10:15",
    "Edited 2 times",
    "Sent from my phone",
    # share bars and subscribe lines
    "Share this article",
    "Share on Facebook | Twitter | Email",
    "Facebook Twitter WhatsApp LinkedIn",
    "Share this story on Facebook, Bluesky or by email",
    "Like · Reply · Report",
    "Subscribe to our morning briefing",
    "Sign up for our newsletter and get the headlines in your inbox",
    "Follow us on Telegram",
    "Click to share on Reddit (Opens in new window)",
    "Read more: Port cranes arrive in Gdansk",
    "[Related: Baltic ferries add winter routes]",
    # navigation: a menu and a breadcrumb
    "Home | World | Business | Sport | Weather",
    "News › Europe › Baltic states",
    "Advertisement",
    "© 2025 Harbour Post. All rights reserved.",
])
def test_a_chrome_line_is_marked_whole(line: str) -> None:
    text = f"{ARTICLE}\n\n{line}\n\n{ARTICLE.replace('Gdansk', 'Gdynia')}"
    assert marked(text) == [line]


@pytest.mark.parametrize("line", [
    "Regulators fine a publisher over tracking cookies",
    "The bakery on Pilies Street sold out of cookies by noon, its owner said.",
    "Sign up for the ferry pass at any ticket office before the season opens.",
    "Fishermen share the quota with Latvia under the 2024 agreement.",
    "Baltic Ports Report Record Traffic | Harbour Post",  # a credit line, not a menu
    "Talks in Riga – Tallinn – Vilnius",  # two dashes, a title's punctuation
])
def test_article_lines_that_look_like_chrome_stay(line: str) -> None:
    text = f"{ARTICLE}\n\n{line}\n\n{ARTICLE.replace('Gdansk', 'Gdynia')}"
    assert marked(text) == []


def test_a_long_paragraph_about_cookie_policy_is_article_text() -> None:
    paragraph = (
        "The data protection office said websites must let visitors refuse cookies as easily "
        "as they accept them, and that a banner which hides the refuse button behind a menu "
        "breaks the law. Publishers have until June to change their consent screens, the office "
        "said, after complaints that readers were nudged into sharing their browsing history "
        "with advertisers they had never heard of.")
    assert len(paragraph) > 200
    assert marked(f"{ARTICLE}\n\n{paragraph}") == []


def test_a_long_consent_banner_is_boilerplate() -> None:
    banner = (
        "We and our partners store and access information on your device, such as cookies, "
        "and process personal data such as unique identifiers to show you personalised "
        "content and to measure how this site is used. You can accept, reject or change your "
        "choices at any time in the privacy settings at the foot of every page.")
    assert len(banner) > 200
    assert marked(f"{banner}\n\n{ARTICLE}") == [banner]


def test_a_related_list_is_its_heading_and_the_headlines_under_it() -> None:
    text = (f"{ARTICLE}\n\nMore on this story\nNew cranes arrive in Gdansk\n"
            "Ferry operators add winter sailings\n\nMost read:\nRail link to Tallinn delayed\n\n"
            "Officials expect traffic to keep growing next year.")
    assert marked(text) == ["More on this story", "New cranes arrive in Gdansk",
                            "Ferry operators add winter sailings", "Most read:",
                            "Rail link to Tallinn delayed"]


def test_a_repeated_lead_is_boilerplate_the_second_time() -> None:
    text = (f"Port traffic rises\n{ARTICLE}\nBy a staff reporter\n{ARTICLE}\n"
            "Cargo volumes fell in the two years before, the authority added.")
    spans = find_boilerplate(text)
    assert len(spans) == 1
    assert spans[0].start == text.rindex(ARTICLE)  # the second copy, offsets into the original
    assert text[spans[0].start:spans[0].end] == ARTICLE


def test_a_paragraph_repeated_later_in_a_report_is_not_a_lead() -> None:
    refrain = "The minister repeated that the port would stay open to every shipping line."
    openings = [f"Paragraph {n} of the report names the harbour and the ships in it." for n in
                range(4)]
    text = "\n".join([*openings, refrain, "Dock workers met on Friday.", refrain])
    assert marked(text) == []


def test_a_signature_under_sig_dashes_ends_a_post() -> None:
    post = f"{ARTICLE}\n--\nharbourwatcher\nships are my hobby since 1998"
    assert marked(post) == ["--", "harbourwatcher", "ships are my hobby since 1998"]
    # a rule between the parts of an article is no signature
    assert marked(f"{ARTICLE}\n_____\nShort note\n{ARTICLE.replace('Gdansk', 'Gdynia')}") == []


def test_the_seed_kinds_of_forum_chrome_are_found_in_a_compilation() -> None:
    text = ("Staying on these pages means you accept our cookie rules. Dismiss\n\n" + ARTICLE +
            "\n\nPort Traffic Rises | Harbour Post\n\nLast edited by skipper - on 1 May 2025")
    assert marked(text) == ["Staying on these pages means you accept our cookie rules. Dismiss",
                            "Last edited by skipper - on 1 May 2025"]


def test_a_menu_one_item_a_line_is_boilerplate_and_a_list_of_places_is_not() -> None:
    menu = ["Home", "World", "Baltic states", "Business", "Opinion"]
    text = "\n".join(menu) + "\n\n" + ARTICLE
    assert marked(text) == menu
    places = "The ferry calls at:\nTallinn\nRiga\nKlaipeda\nGdansk\nRostock\n\n" + ARTICLE
    assert marked(places) == []


@pytest.mark.parametrize("credit", [
    "(AP Photo/Mira Olsen)", "(TOMAS REY/Harbour Press Agency)", "(Reuters/Ivo Brandt)",
    "(Photo by Ana Kurt/Getty Images)", "(AP Photo/Mira Olsen, File)",
    "(Picture: Ivo Brandt/Aldor News)", "(Photo: @mira_o/Harbour FM/Twitter)",
])
def test_a_pictures_credit_inside_a_paragraph_is_boilerplate(credit: str) -> None:
    text = f"The mayor opened the bridge on Monday. {credit} Crowds cheered as she spoke."
    start = text.index(credit)
    assert [(s.start, s.end) for s in find_boilerplate(text)] == [
        (start, start + len(credit))]


def test_a_pictures_credit_in_a_boilerplate_line_is_not_marked_twice() -> None:
    text = (ARTICLE + "\n\n--\nPictures (AP Photo/Mira Olsen)\nHarbour Post, 2 Quay St")
    spans = find_boilerplate(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert text.index("(AP Photo") in range(spans[-2].start, spans[-2].end)


def test_a_credit_running_over_a_line_break_never_overlaps_a_line_found() -> None:
    text = ARTICLE + "\n\n--\nPhoto (Ann Lee/\nCopyright AP Photo)\nHarbour Post"
    spans = find_boilerplate(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


@pytest.mark.parametrize("aside", [
    "(UK/US)", "(Labour/Liberal Democrat)", "(Ivo Brandt/Ana Kurt)",
    "(Harbour News/Aldor College)"])  # a poll's sponsors
def test_names_on_both_sides_of_a_slash_credit_no_picture_by_themselves(aside: str) -> None:
    assert find_boilerplate(f"The two parties {aside} agreed a deal on Monday.") == []


def test_a_person_in_a_pictures_credit_is_no_one_the_report_speaks_of() -> None:
    analysis = run("Harbour Director Ann Lee opened the bridge. (Mira Olsen/Harbour Press "
                   "Agency) Ann Lee said the port would stay open.", published=None)
    assert {e.name for e in analysis.entities if e.type == "PERSON"} == {"Ann Lee"}
