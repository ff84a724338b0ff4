"""Attributions the passes find beside the obvious frame: a clause in the frame that
interrupts a quote, a poll or report a clause is set in, a coordinated verb of belief with a
clause of its own, "according to" after a colon; what a quotation after another speaker's
is not, and whose one going on past a caption is. Sentences written by us."""

import pytest

from conftest import name_of, quote_of, run
from newstrace.annotate import annotate
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.indirect import sets_topic


def contents(text: str) -> list[str]:
    return [quote.content.text(text) for quote in run(text).quotes]


def test_a_clause_in_the_frame_between_two_passages_is_an_attribution_of_its_own() -> None:
    text = ("“We will finish the bridge,” the mayor said, noting that the council had "
            "approved the money. “It opens next spring.”")
    analysis = run(text)
    quote = quote_of(analysis, "We will finish the bridge")
    assert [part.text(text) for part in quote.parts] == [
        "We will finish the bridge", "It opens next spring."]
    (noted,) = [q for q in analysis.quotes
                if q.content.text(text) == "the council had approved the money"]
    assert noted.kind == "indirect"
    assert noted.speaker_text == quote.speaker_text == "the mayor"
    # A reading running from the frame into the quote's own verb is no attribution: the
    # quote keeps its frame.
    text = ("“If anyone thinks the ferry will pay for itself, nothing we have seen would "
            "suggest that,” said a harbour official. “The figures are plain.”")
    analysis = run(text)
    (quote,) = analysis.quotes
    assert quote.kind == "direct" and quote.speaker_text == "a harbour official"


def test_a_poll_or_report_a_clause_is_set_in_is_its_source() -> None:
    text = "In the latest regional survey, the governor leads her rival by six points."
    analysis = run(text)
    quote = quote_of(analysis, "the governor leads her rival by six points")
    assert quote.content.text(text) == "the governor leads her rival by six points"
    assert quote.source is not None and quote.source.text(text) == "the latest regional survey"
    text = "The senator slipped to fourth place, in a poll released on Monday."
    assert "The senator slipped to fourth place" in contents(text)
    # A verb that reports it gives its own frame: "in a report" only says where.
    text = "In a report on Monday, the agency said exports had fallen."
    assert contents(text) == ["exports had fallen"]


def test_a_coordinated_verb_of_belief_with_its_own_clause_reads_apart() -> None:
    text = ("The guard said he heard shouting near the gate and feared that the "
            "fence had been cut.")
    found = contents(text)
    assert "he heard shouting near the gate" in found
    assert "the fence had been cut" in found


def test_according_to_after_a_colon_reports_what_follows_the_colon() -> None:
    text = ("The levy has not driven banks away: the city remained the top trading "
            "centre last year, according to one industry index.")
    quote = quote_of(run(text), "the city remained the top trading centre last year")
    assert quote.content.text(text) == "the city remained the top trading centre last year"
    # the colon of a clock time is no lead-in
    text = "At 10:30 the ferry was cancelled, according to the harbour office."
    (quote,) = run(text).quotes
    assert quote.content.text(text) == "At 10:30 the ferry was cancelled"


def test_an_expectation_according_to_someone_is_theirs_whole() -> None:
    # "is expected to" alone is an unsourced passive; "according to" names whose it is.
    text = "Ferry bookings are expected to double by 2030, according to harbour analysts."
    (quote,) = run(text).quotes
    assert quote.content.text(text) == "Ferry bookings are expected to double by 2030"
    assert quote.speaker_text == "harbour analysts"


@pytest.mark.parametrize("after", ["despite a higher bid from a rival",
                                   "although the port has not confirmed it"])
def test_what_qualifies_a_claim_after_according_to_leaves_the_claim_before(after: str) -> None:
    text = f"The two banks will sign the deal on Friday, according to news reports, {after}."
    quote = quote_of(run(text), "sign the deal")
    assert quote.content.text(text) == "The two banks will sign the deal on Friday"
    assert quote.speaker_text == "news reports"


def test_a_quote_after_another_speakers_quotation_is_not_the_first_speakers() -> None:
    # A page run together on one line is one paragraph: a quotation after a caption neither
    # joins nor inherits from a quote with another's quotation between them.
    text = ('Ana Ruiz, who lives nearby, said: "The wall fell at dawn." Her neighbour Tom Berg '
            'told the Herald: "It was loud. Photo: the street at dawn (Ivo Lane/Herald) "I have '
            'never seen such a mess." Police closed the road.' +
            " Crews worked on the site through the afternoon and evening." * 60)
    analysis = run(text, published=None)
    names = {e.id: e.name for e in analysis.entities}
    first = quote_of(analysis, "The wall fell at dawn")
    assert first.content.text(text) == "The wall fell at dawn."
    assert names.get(quote_of(analysis, "never seen such a mess").speaker) != "Ana Ruiz"


def test_a_quotation_going_on_past_a_caption_is_its_speakers() -> None:
    # The quotation's opening passage, never closed, is read by another pass; its next
    # passage, after a picture's caption pasted in, has no frame and goes on with it.
    text = ('Ivo Brand, who scored twice, said at the ceremony: "It is unbelievable. I cannot '
            'put it into words. It is a great team to be part of. Fans celebrate the win at '
            'the stadium (Getty) "Every player on this team looks after the others and that '
            'is what we did in the rain." Ann Lee added: "It is the best game I have seen."')
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "Every player").speaker) == "Ivo Brand"
    assert name_of(analysis, quote_of(analysis, "the best game").speaker) == "Ann Lee"


@pytest.mark.parametrize("opening", ["Commenting on the ruling", "Speaking about the crash"])
def test_a_participle_setting_the_topic_of_a_statement_says_nothing_of_its_own(
        opening: str) -> None:
    text = f"{opening}, Mayor Ona Vaitkute said the port would appeal."
    assert contents(text) == ["the port would appeal"]


def test_a_clause_with_its_own_subject_before_the_frame_is_no_topic_participle() -> None:
    text = ("While he was talking about skills, Mr Lund said the date was sensible. "
            "Commenting on the rates, he said they would stay.")
    doc = annotate(text)
    index = DocumentIndex.build(doc, [], [])
    topics = {doc[i].text for i in range(len(doc)) if sets_topic(index, i)}
    assert topics == {"Commenting", "on"}


def test_a_clause_reported_before_a_closing_frame_keeps_its_subject() -> None:
    text = ("Coal has gone and textiles are struggling. That is one reason why people here "
            "dislike the plan, says Ann Lee, a lecturer at the university.")
    assert "That is one reason why people here dislike the plan" in contents(text)
    # the "that" after the verb is no subject, however the parser reads it
    text = ("Writing in the Harbour Gazette, the mayor conceded that plans to close the quay "
            "at night were \"hard choices for any council\".")
    assert contents(text)[0].startswith("plans to close")


def test_a_clause_reported_ends_before_a_conjunction_whose_other_half_is_left_out() -> None:
    text = "Mr Ferro wants the laptops to become more common than phones but conceded it was bold."
    assert "the laptops to become more common than phones" in contents(text)
