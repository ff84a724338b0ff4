"""Posts pasted from a social network with their signature, as pages keep embedded tweets
("… — Ann Lee (@annlee) May 2, 2019"): the words before the signature are the author's, a
direct quote of that day; the report's sentences around them are not."""

from __future__ import annotations

import time

from conftest import name_of, quote_of, run
from newstrace.extract.attribution.posts import post_words

PAGE = (
    "Residents woke to a loud bang before dawn on Thursday. Heard a huge bang on Mill Lane, "
    "smoke everywhere now #Harwick pic.twitter.com/ab12CD -- Nora Finch (@norafinch) May 2, "
    "2019 Police said the road would stay closed until the evening. Many people shared "
    "pictures of the scene. Glass all over the #MillLane pavement. Stay safe everyone "
    "#Harwick -- Tom Reyes (@tomreyes) May 2, 2019 The council has not commented."
)


def test_a_signed_post_is_its_authors_direct_quote_of_that_day() -> None:
    analysis = run(PAGE, published="2019-05-03")
    quote = quote_of(analysis, "Heard a huge bang")
    assert quote.kind == "direct"
    assert name_of(analysis, quote.speaker) == "Nora Finch"
    assert quote.date == "2019-05-02"
    assert quote.content.text(PAGE).startswith("Heard a huge bang")
    assert quote.content.text(PAGE).endswith("now #Harwick")  # the picture is no words


def test_a_post_reaches_back_to_its_first_tagged_sentence_not_the_reporters() -> None:
    analysis = run(PAGE, published="2019-05-03")
    words = quote_of(analysis, "Stay safe everyone").content.text(PAGE)
    assert words.startswith("Glass all over the #MillLane pavement.")
    assert name_of(analysis, quote_of(analysis, "Stay safe").speaker) == "Tom Reyes"


def test_the_report_after_a_signature_is_no_part_of_the_post() -> None:
    analysis = run(PAGE, published="2019-05-03")
    closed = quote_of(analysis, "the road would stay closed")
    assert closed.speaker_text == "Police"
    assert not any("Police said" in q.content.text(PAGE) for q in analysis.quotes)


def test_the_network_named_in_the_report_is_the_posts_medium() -> None:
    text = ("Fans reacted on Twitter within minutes. What a finish, unbelievable #Final -- "
            "Rosa Lind (@rosalind) June 9, 2018")
    analysis = run(text, published="2018-06-10")
    quote = quote_of(analysis, "What a finish")
    assert name_of(analysis, quote.medium) in ("X", "Twitter")


def test_a_signature_with_its_year_cut_short_still_ends_the_post() -> None:
    text = ("Crews arrived within minutes. Please keep away from the harbour #Docks -- Port "
            "Police (@portpolice) March 3, 201 More news follows.")
    analysis = run(text, published="2017-03-04")
    quote = quote_of(analysis, "Please keep away")
    assert quote.kind == "direct" and quote.date is None
    assert quote.content.text(text).endswith("#Docks")


def test_the_network_a_pictures_link_names_is_the_posts_medium() -> None:
    analysis = run(PAGE, published="2019-05-03")
    quote = quote_of(analysis, "Heard a huge bang")
    assert name_of(analysis, quote.medium) == "X"
    network = analysis.entity(quote.medium)
    assert network is not None and [m.text for m in network.mentions] == ["twitter"]


def test_a_post_starts_after_the_markup_a_page_kept_and_holds_titles_whole() -> None:
    text = ('Fans reacted online. tweet id="9" author="@rosalind" datetime="2018-06-09">What a '
            'speech by Sen. Ann Lee at the rally #Vote -- Rosa Lind (@rosalind) June 9, 2018')
    analysis = run(text, published="2018-06-10")
    assert quote_of(analysis, "What a speech").content.text(text) == \
        "What a speech by Sen. Ann Lee at the rally #Vote"


def test_links_glued_together_before_a_signature_are_read_in_linear_time() -> None:
    # Trailing links were once matched by nested repeats, which backtracked without end on
    # links glued together (ten took five seconds, each one more doubled it).
    glued = "ahttp://a" * 40
    text = f"{glued} x. y -- Ann Lee (@annlee) May 2, 2019"
    started = time.perf_counter()
    words = post_words(text, 0, text.index(" --"))
    assert time.perf_counter() - started < 3
    assert words is not None and words.text(text) == f"{glued} x. y"


def test_a_post_in_lower_case_takes_no_reporters_sentence_before_it() -> None:
    text = ("Crowds gathered at noon. Police said the road would stay closed. omg that was so "
            "loud -- Nora Finch (@norafinch) May 2, 2019 More later.")
    analysis = run(text, published=None)
    assert quote_of(analysis, "so loud").content.text(text) == "omg that was so loud"
    assert quote_of(analysis, "the road would stay closed").speaker_text == "Police"


def test_a_dash_inside_a_post_is_no_signature() -> None:
    text = ("Our doors are open — come in and see us! #Harwick -- Nora Finch (@norafinch) May "
            "2, 2019")
    quote = quote_of(run(text, published=None), "come in")
    assert quote.speaker_text == "Nora Finch"
    assert quote.content.text(text) == "Our doors are open — come in and see us! #Harwick"


def test_a_signature_with_no_such_day_keeps_its_post_undated() -> None:
    text = "Smoke everywhere #Harwick -- Nora Finch (@norafinch) February 30, 2019 Later."
    quote = quote_of(run(text, published=None), "Smoke everywhere")
    assert quote.speaker_text == "Nora Finch" and quote.date is None
