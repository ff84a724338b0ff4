"""Attribution on sentences written by us: speaker, kind, medium, relays, date."""

from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import name_of, quote_of, run
from newstrace.annotate import annotate
from newstrace.config import SHIPPED, Options
from newstrace.extract.attribution import find_quotes
from newstrace.extract.attribution.model.candidates import Candidate
from newstrace.extract.attribution.model.scorer import AttributionModel, attribution_model
from newstrace.extract.attribution.speakers import title_before


def only_quote(text: str, **kwargs):  # type: ignore[no-untyped-def]
    analysis = run(text, **kwargs)
    assert len(analysis.quotes) == 1, [q.content.text(text) for q in analysis.quotes]
    return analysis, analysis.quotes[0]


@pytest.mark.parametrize("text, speaker, content, kind", [
    ("“We will buy more air defence systems,” Pistorius said on Tuesday.",
     "Boris Pistorius", "We will buy more air defence systems", "direct"),
    ("Estonian Prime Minister Kristen Michal said that the budget would grow next year.",
     "Kristen Michal", "the budget would grow next year", "indirect"),
    ("According to Reuters, the talks will resume in Geneva next month.",
     "Reuters", "the talks will resume in Geneva next month", "indirect"),
    # The parser reads "reeks" as a noun in apposition to the name.
    ("According to Tom Baker, a radio host, the move reeks of fear.",
     "Tom Baker", "the move reeks of fear", "indirect"),
    ("Human Rights Watch called the decision “deeply worrying“.",
     "Human Rights Watch", "the decision “deeply worrying“", "mixed"),
    ("The economy will shrink this year, analysts said.",
     None, "The economy will shrink this year", "indirect"),
    ("«Nous devons agir vite», a déclaré Sébastien Lecornu, says Le Monde.",
     None, "Nous devons agir vite", "direct"),
])
def test_speaker_content_kind(text: str, speaker: str | None, content: str, kind: str) -> None:
    analysis, quote = only_quote(text)
    assert quote.content.text(text) == content
    assert quote.kind == kind
    if speaker:
        assert name_of(analysis, quote.speaker) == speaker
    # The words that name the speaker are kept, as written, and point into the text.
    assert quote.source is not None and quote.speaker_text
    assert quote.speaker_text in quote.source.text(text)


def test_unnamed_source_keeps_its_words() -> None:
    text = "A senior NATO diplomat said the alliance would send more ships to the Baltic Sea."
    _, quote = only_quote(text)
    assert quote.speaker is None
    assert quote.speaker_text == "A senior NATO diplomat"


def test_relay_chain_nearest_first_ending_with_publisher() -> None:
    text = ("Latvian Defence Minister Andris Sprūds told the radio station LSM that the army "
            "would grow, DPA and Reuters reported, BTA reports.")
    analysis, quote = only_quote(text)
    assert name_of(analysis, quote.speaker) == "Andris Sprūds"
    assert [name_of(analysis, r) for r in quote.relays] == [
        "Deutsche Presse-Agentur", "Reuters", "Bulgarian News Agency"]
    assert analysis.document.outlet == "Bulgarian News Agency"


def test_medium_and_statement_date() -> None:
    text = "“We are ready,” Dovilė Šakalienė told AFP on Wednesday."
    analysis, quote = only_quote(text, published="2025-03-07")
    assert name_of(analysis, quote.medium) == "Agence France-Presse"
    assert quote.date == "2025-03-05"
    assert quote.relays == []


def test_pronoun_continuation_and_quoted_by() -> None:
    text = ("“The plan is sound,” Kaja Kallas said in Brussels.\n"
            "“We will not wait,” she added, quoted by Politico.")
    analysis = run(text)
    assert [name_of(analysis, q.speaker) for q in analysis.quotes] == ["Kaja Kallas"] * 2
    assert [name_of(analysis, r) for r in analysis.quotes[1].relays] == ["Politico"]


def test_quote_with_no_frame_is_kept_with_unknown_speaker() -> None:
    text = "“Nobody knows what comes next.”"
    _, quote = only_quote(text)
    assert quote.speaker is None and quote.confidence < 0.5


def test_scare_quotes_and_names_in_marks_are_not_quotes() -> None:
    # (Not "was discussed by": what is discussed is a stance's content, quote marks or not.)
    text = "The so-called “peace plan“ was shipped to “Lockheed Martin“ managers in Vilnius."
    assert run(text).quotes == []


@settings(max_examples=25, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\"'“”„«» abc.,:\nSaid hePoll")), max_size=120))
def test_quote_extraction_never_raises_and_spans_stay_inside(text: str) -> None:
    doc = annotate(text)
    for model in (None, attribution_model(SHIPPED)):
        for quote in find_quotes(doc, [], [], model=model):
            for span in (quote.content, quote.source, quote.cue, *quote.parts):
                assert span is None or 0 <= span.start <= span.end <= len(text)


def test_passages_interrupted_by_their_frame_are_one_attribution() -> None:
    text = "“We will hold the line,” Kaja Kallas said. “There is no other way.”"
    analysis = run(text)
    (quote,) = analysis.quotes
    assert [part.text(text) for part in quote.parts] == [
        "We will hold the line", "There is no other way."]
    assert name_of(analysis, quote.speaker) == "Kaja Kallas"


def test_a_frame_inside_one_sentence_joins_its_passages_unless_it_says_more() -> None:
    text = "“If the grid holds,” Ms. Varga said, “we will open the plant in May. Not sooner.”"
    (quote,) = run(text).quotes
    assert [part.text(text) for part in quote.parts] == [
        "If the grid holds", "we will open the plant in May. Not sooner."]
    text = ("“Keep the lights on,” Ms. Varga told the board before asking it, "
            "“who pays for the coal?”")
    assert len(run(text).quotes) == 2

    # A short passage after the frame goes on in lower case; a participle on the frame's
    # verb only says how it was said.
    for text in ("“Every time you do that,” Mr. Lund said, “you help the other side.”",
                 "“Every time you do that,” Mr. Lund said, pointing at the chart, "
                 "“you help the other side.”"):
        (quote,) = run(text).quotes
        assert [part.text(text) for part in quote.parts] == [
            "Every time you do that", "you help the other side."]


@pytest.mark.parametrize("text, content", [
    ("The chief said it was too soon to know whether the fire was set on purpose, and there "
     "was “no sign” so far of a crime.",
     "it was too soon to know whether the fire was set on purpose, and there was “no sign”"),
    ("The coach said the team would rest its stars, which is a gamble because, “In the end, "
     "you win with your best players.”",
     "the team would rest its stars, which is a gamble because, “In the end, you win with "
     "your best players.”"),
])
def test_pieces_of_one_statement_in_one_sentence_are_one_attribution(text: str,
                                                                      content: str) -> None:
    (quote,) = run(text).quotes
    assert quote.content.text(text) == content and quote.kind == "mixed"


def test_a_frame_inside_the_content_splits_it_into_passages() -> None:
    text = "The plan, which the mayor says will cut traffic, goes to a vote on Friday."
    (quote,) = run(text).quotes
    assert [part.text(text) for part in quote.parts] == ["which", "will cut traffic"]
    # A title before the name is not a passage of the content.
    text = "The plan was hit by a fire that Mayor Ann Lee described as “a deliberate act.”"
    assert all(not part.text(text).startswith("Mayor") for q in run(text).quotes
               for part in q.parts)


def test_a_description_of_a_name_at_the_end_of_a_reported_clause_is_the_reporter_s() -> None:
    text = "The host said he did not back Mr. Lund, the presumed favorite of the mayor."
    (quote,) = run(text).quotes
    assert quote.content.text(text) == "he did not back Mr. Lund"


def test_a_quotation_over_two_paragraphs_is_one_attribution() -> None:
    text = ("Ms. Varga said: “The bridge will open in May.\n\n"
            "“After that we will start on the tunnel.”\n\nThe council meets on Friday.")
    (quote,) = run(text).quotes
    assert [part.text(text) for part in quote.parts] == [
        "The bridge will open in May.", "After that we will start on the tunnel."]
    # After a frame that ends the paragraph, the next paragraph's quote is another statement.
    text = ("“The bridge will open in May,” Ms. Varga said.\n\n"
            "“After that we will start on the tunnel.”")
    assert len(run(text).quotes) == 2


@pytest.mark.parametrize("text, source", [
    ("“We will not give up,” said Capt. Tom Baker.", "Capt. Tom Baker"),
    ("“We will not give up,” said Del. Anna Varga.", "Del. Anna Varga"),
    ("“We will not give up,” Rep. John E. Lund (D-Md.) said in an interview.",
     "Rep. John E. Lund (D-Md.)"),
])
def test_a_title_abbreviation_or_party_label_stays_with_the_source(text: str, source: str
                                                                   ) -> None:
    (quote,) = run(text).quotes
    assert quote.source is not None and quote.source.text(text) == source


@pytest.mark.parametrize("text, speaker, first, last", [
    # A quote whose only frame is a verb of the reported clause is part of it.
    ("An audit found that the agency could not be sure the money was not coming from "
     "“the drug trade, human trafficking or other criminal activities.”",
     "An audit", "the agency could not be sure", "other criminal activities"),
    # A reported clause that goes on after its quote keeps it.
    ("The report also points out that “the fines for hiding their subsidiaries from "
     "the tax office are so small” that firms may simply pay them.",
     "The report", "“the fines for hiding", "that firms may simply pay them"),
])
def test_a_quote_inside_a_reported_clause_makes_one_mixed_attribution(
        text: str, speaker: str, first: str, last: str) -> None:
    (quote,) = run(text).quotes
    assert quote.kind == "mixed" and quote.speaker_text == speaker
    content = quote.content.text(text)
    assert content.startswith(first) and content.endswith(last)


def test_a_headline_label_names_the_speaker_of_the_headline() -> None:
    text = ("Varga: Bridge Will Open in May\n\n"
            "Mayor Anna Varga said on Sunday that the new bridge would open in the spring.")
    analysis = run(text)
    headline = next(q for q in analysis.quotes if q.content.start == text.index("Bridge"))
    assert headline.content.text(text) == "Bridge Will Open in May"
    assert name_of(analysis, headline.speaker) == "Anna Varga"
    text = "Poll: Race Tied Before Debate\n\nThe two candidates met in Ohio on Monday."
    (quote,) = run(text).quotes
    assert quote.speaker_text == "Poll"
    # A label that names no one the report names is a column's title, not a speaker.
    text = "The Latest: Bridge Opens Early\n\nThe new bridge opened on Monday."
    assert all(q.speaker_text != "The Latest" for q in run(text).quotes)


def test_readings_of_one_cue_in_two_sentences_stay_apart() -> None:
    text = "“The roads are closed,” the mayor said. “The schools are open.” The rain went on."
    assert len(run(text).quotes) == 1  # one quote interrupted by its frame, as before
    text = "The mayor said the roads were closed. She said the schools were open."
    assert len(run(text).quotes) == 2


def test_a_short_quote_that_is_a_sentence_of_its_own_is_not_a_scare_quote() -> None:
    text = "“The vote is over,” Ms. Varga said of the count. “In my view, anyway.”"
    (quote,) = run(text).quotes
    assert [part.text(text) for part in quote.parts] == ["The vote is over", "In my view, anyway."]
    # Inside a sentence the same marks are a scare quote or a title.
    assert run("The crew met the so-called “Big Shot.” in the hall.").quotes == []


@pytest.mark.parametrize("text, content", [
    ("The minister urged allies to send more shells.", "allies to send more shells"),
    ("Kaja Kallas knows that the talks will be hard.", "the talks will be hard"),
    ("“We are ready,” Mr. Landsbergis said in Vilnius.", "We are ready"),
])
def test_intentions_beliefs_and_titles(text: str, content: str) -> None:
    analysis = run(text)
    assert [q.content.text(text) for q in analysis.quotes] == [content]
    assert analysis.quotes[0].speaker_text


def test_medial_frames_and_transcript_labels() -> None:
    text = ("The economy, the minister said, will recover next year.\n"
            "MODERATOR: What would you do about the border?\n"
            "Kaja Kallas: We will keep it open for trade and closed to threats.")
    analysis = run(text)
    by_text = {q.speaker_text: q for q in analysis.quotes}
    medial = by_text["the minister"]
    assert [p.text(text) for p in medial.parts] == ["The economy", "will recover next year."]
    assert by_text["MODERATOR"].content.text(text) == "What would you do about the border?"
    assert name_of(analysis, by_text["Kaja Kallas"].speaker) == "Kaja Kallas"


def test_a_source_at_a_paragraph_end_stops_before_the_break() -> None:
    text = ("Rates will fall by June, said Joseph Arlen, analyst with Birr and Co.\n\n"
            "Others disagreed.")
    quote = run(text).quotes[0]
    assert quote.source is not None
    assert quote.source.text(text) == "Joseph Arlen, analyst with Birr and Co."


def test_a_quote_left_unclosed_before_its_frame_keeps_its_speaker() -> None:
    text = ('"Demand looks weak for the coming quarter, said Ed Harlan of Norvale Research Inc. '
            '"I expect more layoffs at the mills before summer."')
    (quote,) = run(text).quotes
    assert quote.speaker_text == "Ed Harlan"
    assert quote.source is not None and quote.source.text(text) == "Ed Harlan"
    assert [p.text(text) for p in quote.parts][0] == "Demand looks weak for the coming quarter"


def test_a_closing_frame_keeps_its_speaker_s_title() -> None:
    text = ("The ministry will open two new offices for mining permits, Lands and Mineral "
            "Resources Minister Tomas Varga said.")
    quote = run(text).quotes[0]
    assert quote.content.text(text).endswith("for mining permits")
    assert quote.source is not None
    assert quote.source.text(text) == "Lands and Mineral Resources Minister Tomas Varga"
    assert quote.speaker_text == "Tomas Varga"
    # The parser may hang the title on the clause before; it is still the frame's.
    doc = annotate("Ports will reopen soon, Trade and Energy Minister Tomas Varga said.")
    title = title_before(doc.text.index("Tomas"), next(iter(doc.sents)))
    assert title is not None and title.text(doc.text) == "Trade and Energy Minister"
    assert title_before(doc.text.index("Trade"), next(iter(doc.sents))) is None


def test_a_subject_the_parser_hung_on_the_phrase_before_it() -> None:
    text = ("In remarks prepared for a lunch at the Economic Club, Hallorann, D-Ohio, "
            "predicted the tariff bill will be signed by the end of this year.")
    quote = run(text).quotes[0]
    assert quote.speaker_text == "Hallorann"
    assert quote.content.text(text).startswith("the tariff bill will be signed")


def test_a_participle_before_a_noun_is_not_a_quote_s_cue() -> None:
    text = ("She said new disputes are in view - alleged farm subsidies and duties on steel - "
            "and \"both sides must learn to manage their trade better.\"")
    quote = run(text).quotes[0]
    assert quote.speaker_text == "She"
    assert quote.cue is not None and quote.cue.text(text) == "said"


@pytest.mark.parametrize("text", ["Lena Ford spoke on Saturday.",
                                  "The minister spoke on Monday morning in Leeds."])
def test_the_day_someone_spoke_on_is_not_what_they_said(text: str) -> None:
    assert run(text).quotes == []


def test_a_note_or_update_label_is_not_a_speaker() -> None:
    text = ("NOTE: Figures for the fourth quarter include the sale of the bakery unit.\n"
            "UPDATE: The vote was moved to Thursday after the session ran late.\n"
            "MAYOR: We will rebuild the bridge before the winter comes.")
    assert [q.speaker_text for q in run(text).quotes] == ["MAYOR"]


def test_a_name_inside_a_short_quote_does_not_make_it_a_name() -> None:
    text = "“Kallas is here, friends,” she said."
    assert [q.content.text(text) for q in run(text).quotes] == ["Kallas is here, friends"]


def test_a_second_speech_verb_ends_the_reported_clause() -> None:
    text = "Kaja Kallas said the border would stay open and warned against smugglers."
    analysis = run(text)
    first = analysis.quotes[0]
    assert (first.content.text(text), name_of(analysis, first.speaker)) == (
        "the border would stay open", "Kaja Kallas")


def test_a_second_speech_verb_keeps_the_first_speaker() -> None:
    # The parser hangs "warned" inside the reported clause, whose subject is not the speaker.
    text = "Kaja Kallas said the border would stay open and warned against smugglers."
    analysis = run(text)
    assert [name_of(analysis, q.speaker) for q in analysis.quotes] == ["Kaja Kallas"] * 2
    # Not when the reporter comes last: the wire is not who said it.
    text = ("Kaja Kallas described the plan as a good idea, saying that it could deter "
            "aggression, Reuters reported.")
    analysis = run(text)
    saying = next(q for q in analysis.quotes if q.cue.text(text) == "saying")
    assert name_of(analysis, saying.speaker) == "Kaja Kallas"


def test_a_frame_with_a_colon_before_the_quote_is_its_own() -> None:
    text = ("In a statement, Lietuvos Energija said: “The plant was profitable when it opened,” "
            "adding that its output doubled in a year.")
    analysis = run(text)
    direct = next(q for q in analysis.quotes if q.kind == "direct")
    assert (direct.cue.text(text), name_of(analysis, direct.speaker)) == (
        "said", "Lietuvos Energija")


@pytest.mark.parametrize("text, content", [
    ("Kaja Kallas called the plan “reckless” on Monday.", "the plan “reckless”"),
    ("Critics question the wisdom of the deal, which was signed in secret.",
     "the wisdom of the deal"),
])
def test_naming_verbs_and_trailing_comments(text: str, content: str) -> None:
    assert [q.content.text(text) for q in run(text).quotes] == [content]


@pytest.mark.parametrize("text, content", [
    ("The senator accused the minister of hiding the costs.", "the minister of hiding the costs"),
    ("Analysts raised questions about the new budget rules.", "the new budget rules"),
])
def test_prepositional_contents(text: str, content: str) -> None:
    assert [q.content.text(text) for q in run(text).quotes] == [content]


def test_quoted_as_saying_and_a_frame_the_parser_swallowed() -> None:
    text = "A Russian wire quoted Lavrov as saying that Moscow “takes note” of such trips."
    analysis = run(text)
    assert [name_of(analysis, q.speaker) for q in analysis.quotes] == ["Sergey Lavrov"]
    text = ("Landsbergis arrived in Kyiv on Friday for talks with President Volodymyr Zelenskyy, "
            "the ministry in Vilnius said.")
    (quote,) = run(text).quotes
    assert quote.speaker_text == "the ministry in Vilnius"
    assert quote.content.text(text).endswith("Volodymyr Zelenskyy")


def test_a_pronoun_does_not_reach_into_the_previous_story() -> None:
    text = ("Jonas Petraitis opened the bridge in Alytus.\n"
            "Bridge Opens In Alytus | Baltic Courier\n"
            "“We are not ready,” he said.\n"
            "Border Talks Stall | Baltic Courier")
    (quote,) = run(text).quotes
    assert quote.speaker_text == "he" and quote.speaker is None


def test_a_dateline_is_not_a_speaker_and_credits_the_publisher() -> None:
    text = "VILNIUS, March 5 (BNS) – Gitanas Nausėda said that the army would grow."
    analysis = run(text, published="2025-03-05")
    (quote,) = analysis.quotes
    assert name_of(analysis, quote.speaker) == "Gitanas Nausėda"
    assert [name_of(analysis, r) for r in quote.relays] == ["Baltic News Service"]


def test_a_passive_report_without_a_source_is_kept_without_one() -> None:
    text = "It was reported that the border crossing would reopen on Monday."
    (quote,) = run(text, published="2025-03-07").quotes
    assert quote.content.text(text) == "the border crossing would reopen on Monday"
    assert quote.speaker is None and quote.source is None and quote.confidence < 0.5


def test_a_fragment_takes_the_clause_its_verb_governs() -> None:
    text = "Kaja Kallas criticized the media for being “unbelievably dishonest” on Monday."
    (quote,) = run(text).quotes
    assert quote.kind == "mixed"
    assert quote.content.text(text) == "the media for being “unbelievably dishonest” on Monday"
    # When and where the naming verb's words were said is the reporter's; what they were
    # said for is the speaker's.
    for text, content in (
            ("The former governor blasted the senator as a “disgrace” Wednesday on a radio show.",
             "the senator as a “disgrace”"),
            ("The mayor criticized the new law as a “costly mistake” during a rally in Toledo.",
             "the new law as a “costly mistake”"),
            ("The union called the mayor a “champion” for its members.",
             "the mayor a “champion” for its members")):
        (quote,) = run(text).quotes
        assert quote.content.text(text) == content


def test_dash_credits_and_colon_frames_in_the_paragraph_before() -> None:
    text = "“We need jobs here.” ― Jorge Falcon, a welder"
    assert [q.speaker_text for q in run(text).quotes] == ["Jorge Falcon"]
    text = "Kaja Kallas told the crowd:\n“We will not wait for anyone.”"
    analysis = run(text)
    assert [name_of(analysis, q.speaker) for q in analysis.quotes] == ["Kaja Kallas"]
    # Each credit belongs to its own quote, without the full stop after the name.
    text = ("“The clinic closed and nobody told us why it happened.” ― Maria Lopez\n"
            "“We waited three hours for a bus that never came this week.” ― Ana Rivera.\n")
    assert [q.source.text(text) for q in run(text).quotes if q.source] == \
        ["Maria Lopez", "Ana Rivera"]


def test_the_frame_verb_nearest_the_quote_and_according_to_before_it() -> None:
    text = ("Claiming the criticism of the host was meant to pressure moderators, Trump told Fox "
            "that “they hit him because they said he should have been much tougher on me.”")
    assert [q.speaker_text for q in run(text).quotes] == ["Trump"]
    text = ("“We will win this state,” Mook said.\n"
            "According to Limbaugh, “nobody in the campaign believes that for a moment.”")
    assert [q.source.text(text) for q in run(text).quotes if q.source] == ["Mook", "Limbaugh"]


def test_a_source_never_runs_past_its_cue() -> None:
    text = ("A union representing flight attendants endorsed the senator for president on "
            "Thursday, another sign of labor rallying behind the nominee.")
    sources = [q.source.text(text) for q in run(text).quotes if q.source]
    assert sources and all(s == "A union representing flight attendants" for s in sources)


def test_sources_a_relative_pronoun_an_aside_and_a_quote_with_no_speech_verb() -> None:
    # "who" is the source as written; the speaker is the noun its clause describes.
    text = "The mayor, who said “the city will recover within a year,” left early."
    (quote,) = run(text).quotes
    assert (quote.source.text(text), quote.speaker_text) == ("who", "The mayor")
    # An aside set off by commas tells what the source did; it is not part of the source.
    text = "Donald Trump, speaking to veterans in Virginia, said the review would start soon."
    assert [q.source.text(text) for q in run(text).quotes if q.source] == ["Donald Trump"]
    # No speech verb frames the quote, but it hangs on a verb whose subject gave the words.
    text = ("Obama called the holiday “a celebration of the ways faith can unite people "
            "across every border.”")
    analysis = run(text)
    assert [(q.speaker_text, q.cue.text(text) if q.cue else None) for q in analysis.quotes] == \
        [("Obama", "called")]


@pytest.mark.parametrize("model", [None, SHIPPED])
def test_a_cue_without_a_subject_takes_its_holder(model: str | None) -> None:
    text = "Her court filing, alleging that the firm hid its losses, was rejected."
    analysis = run(text, options=Options(attribution_model=model))
    assert [q.source.text(text) for q in analysis.quotes if q.source] == ["Her"]


def test_a_transcript_that_opens_each_paragraph_with_a_quote_mark() -> None:
    text = ("Partial transcript:\n"
            "\"WALLACE: Will she be at the debate tomorrow night?\n"
            "\"PENCE: She will not be there, and I think that is the right call for everyone.\n"
            "“Washington: the capital is calm tonight,” the mayor said.")
    found = [(q.source.text(text) if q.source else None, q.content.text(text))
             for q in run(text).quotes]
    assert found[:2] == [
        ("WALLACE", "Will she be at the debate tomorrow night?"),
        ("PENCE", "She will not be there, and I think that is the right call for everyone.")]
    # Inside quote marks only a label in capitals is one.
    assert found[2][0] == "the mayor"


def test_a_relative_clause_that_reports_a_thought_is_not_part_of_the_source() -> None:
    text = ("Ona Petraitis, who stressed that the plan was simple, said the rates would rise. "
            "Tomas Varga, who heads the county board, said the vote would wait.")
    sources = [q.source.text(text) for q in run(text).quotes if q.cue.text(text) == "said"]
    assert sources == ["Ona Petraitis", "Tomas Varga, who heads the county board"]


def test_a_noun_that_looks_like_a_speech_verb_is_not_a_frame() -> None:
    text = "“We will not pay,” Kaja Kallas, a former United States envoy to Chile, said."
    analysis = run(text)
    (quote,) = analysis.quotes
    assert (quote.cue.text(text), name_of(analysis, quote.speaker)) == ("said", "Kaja Kallas")


class AcceptsCue(AttributionModel):
    """A judge that takes every reading hung on one word and nothing else."""

    def __init__(self, cue: str) -> None:
        super().__init__(np.zeros(1))
        self.cue = cue

    def probabilities(self, found: Sequence[Candidate]) -> np.ndarray:
        return np.array([1.0 if c.cue is not None and c.cue.lower_ == self.cue else 0.0
                         for c in found])


@pytest.mark.parametrize("text, cue", [
    # The parser hangs the subject on the auxiliary.
    ("Polls opened late.\n"
     "Trump has pooh-poohed the agency consensus that Moscow hacked the servers.", "poohed"),
    # The tagger reads "charges" as a plural noun after the name.
    ("Polls opened late.\n"
     "Trump charges that donors who gained from the deal paid the foundation.", "charges"),
])
def test_a_subject_the_parser_misplaces_is_still_the_source(text: str, cue: str) -> None:
    quotes = run(text, options=Options(attribution_model=AcceptsCue(cue))).quotes
    assert [q.source.text(text) for q in quotes if q.source is not None] == ["Trump"]


def test_a_quote_closed_by_its_own_full_stop_takes_no_frame_from_the_next_sentence() -> None:
    text = ("Kaja Kallas said the truce “will hold for as long as both armies stay behind "
            "the river line.” She stressed that the talks would go on in Vilnius.")
    analysis = run(text)
    quoted = next(q for q in analysis.quotes if "river" in q.content.text(text))
    assert (quoted.source.text(text), quoted.cue.text(text)) == ("Kaja Kallas", "said")


def test_a_verb_after_a_quote_that_reports_its_own_clause_is_not_its_frame() -> None:
    text = ("Kaja Kallas said that the footage did not give “a clear view of who fired first "
            "on the bridge,” but she said that the inquiry would go on.")
    analysis = run(text)
    quoted = next(q for q in analysis.quotes if "bridge" in q.content.text(text))
    assert quoted.source.text(text) == "Kaja Kallas"


RULES_ONLY = Options(attribution_model=None)


@pytest.mark.parametrize("text, speaker, content", [
    ("The finance ministry is of the opinion that the deficit will shrink next year.",
     "The finance ministry", "the deficit will shrink next year"),
    ("Local farmers hold the belief that the drought will end before the harvest.",
     "Local farmers", "the drought will end before the harvest"),
    ("The opposition draws attention to the fact that the budget leaves out pensions entirely.",
     "The opposition", "the budget leaves out pensions entirely"),
])
def test_the_that_clause_of_a_belief_noun_is_what_its_holder_thinks(
        text: str, speaker: str, content: str) -> None:
    _, quote = only_quote(text, options=RULES_ONLY)
    assert (quote.speaker_text, quote.content.text(text)) == (speaker, content)


def test_two_noun_frames_keep_their_own_clauses_and_a_closing_outlet_relays_both() -> None:
    # "points" after "and" is tagged a plural noun; it still frames its clause.
    text = ("The union, however, takes the view that the offer is low, and points to the fact "
            "that prices rose by a tenth, Reuters added.")
    analysis = run(text, options=RULES_ONLY)
    assert [(q.speaker_text, q.content.text(text)) for q in analysis.quotes] == [
        ("The union", "the offer is low"), ("The union", "prices rose by a tenth")]
    assert all([name_of(analysis, r) for r in q.relays] == ["Reuters"] for q in analysis.quotes)


def test_the_fact_that_is_nobody_s_claim_without_a_verb_of_saying() -> None:
    text = "Despite the fact that it rained all week, the festival went ahead."
    assert run(text, options=RULES_ONLY).quotes == []


@pytest.mark.parametrize("text, speaker, content", [
    # The parser hangs the reported clause on the noun before "that" as a relative clause.
    ("Last week, the minister told a gathering of fishing industry leaders that few people "
     "knew the coast better than they did.",
     "the minister", "few people knew the coast better than they did"),
    ("The mayor told a meeting of shop owners from the old town that the market square would "
     "close in June.", "The mayor", "the market square would close in June"),
    ("The agency reported on the day of the vote that several ballot boxes had gone missing.",
     "The agency", "several ballot boxes had gone missing"),
])
def test_a_that_clause_the_parser_hangs_on_a_noun_stays_the_verb_s(
        text: str, speaker: str, content: str) -> None:
    _, quote = only_quote(text, options=RULES_ONLY)
    assert (quote.speaker_text, quote.content.text(text)) == (speaker, content)


def test_a_spokesperson_described_again_goes_on_in_the_same_medium() -> None:
    text = ("A spokesman for the Kestrel Trust (KT), which meets this week in Riga, told the "
            "BBC: \"The gap is real and must be closed.\" On Tuesday a meeting of the trust "
            "agreed to create a fund. \"The fund will help local projects,\" said the KT "
            "spokesman. \"Nobody knows the sums yet,\" said a trust official.")
    analysis = run(text, published=None)
    media = {quote.content.text(text).split()[1]: name_of(analysis, quote.medium)
             for quote in analysis.quotes}
    assert media["fund"] == media["gap"] == "BBC"
    # Another description is another speaker, in no medium named.
    assert media["knows"] is None


def test_a_speakers_participle_names_the_medium() -> None:
    text = ("Ivo Brand, speaking on Kendal Television, also claimed that he had asked to be "
            "tested. Ann Lee, speaking in Leeds, said the plan was fair.")
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "asked to be tested").medium) == \
        "Kendal Television"
    # A place spoken in is no medium.
    assert quote_of(analysis, "the plan was fair").medium is None


@pytest.mark.parametrize("text, words, medium", [
    # What a speaker told a programme in a clause of their own went through the programme,
    # however the parser hung the clause.
    ("Ivo Brand told BBC Radio 4's Today programme he hoped that mediation could help.",
     "mediation could help", "Today programme"),
    ("Ann Lee told the BBC she believed the plan would fail.", "the plan would fail", "BBC"),
])
def test_a_clause_of_ones_own_telling_goes_through_its_medium(text: str, words: str,
                                                               medium: str | None) -> None:
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, words).medium) == medium
