"""Speakers that are not the subject's own name: a name set off by commas after a title, an
office or a document speaking for its owner, "according to him"."""

from __future__ import annotations

import pytest

from conftest import name_of, quote_of, run, speaker_of
from newstrace.annotate import annotate
from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.speakers import named_after_title
from newstrace.models import Entity, Mention, Span


@pytest.mark.parametrize("text", [
    "Chief Economic Adviser to the Latvian President, Ilze Berzina, said the reforms would "
    "take years to pay off.",
    "Deputy Minister of Finance, Ilze Berzina, told reporters the reforms would take years "
    "to pay off.",
])
def test_a_name_between_commas_after_a_title_is_who_spoke(text: str) -> None:
    analysis = run(text)
    quote = quote_of(analysis, "reforms would take years")
    assert name_of(analysis, quote.speaker) == "Ilze Berzina"
    assert quote.speaker_text == "Ilze Berzina"
    # The source is still the whole subject, title included.
    assert quote.source is not None and quote.source.text(text).endswith("Ilze Berzina")


def test_a_title_without_a_name_between_commas_names_no_one() -> None:
    text = "A senior adviser to the mayor said the tunnel would close for a month."
    quote = quote_of(run(text), "tunnel would close")
    assert quote.speaker is None
    assert quote.speaker_text == "A senior adviser to the mayor"


@pytest.mark.parametrize("text, owner, phrase", [
    # A person's office speaks for the person last named.
    ("Mayor Jonas Petraitis missed the hearing. “We will appeal the ruling,” his office said "
     "in a statement.", "Jonas Petraitis", "his office"),
    # A ministry's press service, named or referred to, speaks for the ministry.
    ("The Finnish Ministry of Defence's press service said the exercise would end on Friday.",
     "Finnish Ministry of Defence", "The Finnish Ministry of Defence's press service"),
    ("The press service of the Finnish Ministry of Defence said the exercise would end on "
     "Friday.", "Finnish Ministry of Defence",
     "The press service of the Finnish Ministry of Defence"),
    # A document's words are its issuer's, found where the story first names it.
    ("The Estonian foreign ministry issued a statement on Monday. “The talks were frank and "
     "useful,” the statement reads.", "Estonian Ministry of Foreign Affairs", "the statement"),
    # A letter, a book or a study by someone: their author's.
    ("A letter by Ivo Brand, head of research, said the campaign had failed.", "Ivo Brand",
     "A letter by Ivo Brand, head of research"),
    ("A new book by journalist Ann Lee claims the minister lied.", "Ann Lee",
     "A new book by journalist Ann Lee"),
    ("Ann Lee published a book last year. The book claims the minister lied.", "Ann Lee",
     "The book"),
])
def test_an_office_or_a_document_speaks_for_its_owner(text: str, owner: str,
                                                      phrase: str) -> None:
    analysis = run(text)
    quote = analysis.quotes[-1]
    assert name_of(analysis, quote.speaker) == owner
    assert quote.speaker_text == phrase
    # Found through the office, so less sure than a name.
    assert quote.confidence < 0.9


def test_a_place_a_statement_came_from_is_not_its_owner() -> None:
    text = "The clinic will reopen on Monday, according to a statement from Nairobi."
    analysis = run(text)
    assert all(name_of(analysis, q.speaker) != "Nairobi" for q in analysis.quotes)


def test_a_security_service_is_not_a_press_service() -> None:
    text = ("The Finnish Ministry of Defence held drills. The ministry's intelligence service "
            "said the exercise had been watched from abroad.")
    analysis = run(text)
    quote = quote_of(analysis, "had been watched")
    assert name_of(analysis, quote.speaker) != "Finnish Ministry of Defence"


@pytest.mark.parametrize("text, speaker", [
    ("Transport Minister Rokas Vaitkus visited the bridge on Tuesday. According to him, the "
     "bridge will reopen in May.", "Rokas Vaitkus"),
    ("Senator Maria Lopez toured the plant. According to her, the factory will hire 200 "
     "workers next year.", "Maria Lopez"),
])
def test_according_to_a_pronoun_is_its_antecedent(text: str, speaker: str) -> None:
    analysis = run(text)
    quote = quote_of(analysis, "will")
    assert name_of(analysis, quote.speaker) == speaker
    assert quote.speaker_text in ("him", "her")


def test_a_named_outlet_is_no_document_of_anyone() -> None:
    text = ("Mayor Jonas Petraitis published a post on Sunday. The Washington Post reported "
            "that the mayor would resign.")
    analysis = run(text)
    quote = quote_of(analysis, "would resign")
    assert name_of(analysis, quote.speaker) == "The Washington Post"


def test_a_name_inside_a_list_is_no_title_holder() -> None:
    text = "Celebrities like Ana Kovac, Ilze Berzina, Mart Kask and Rasa Jonaite joked."
    doc = annotate(text)
    people = [Entity(f"p{i}", "PERSON", name, [Mention(Span(text.index(name),
                                                             text.index(name) + len(name)),
                                                        name, "PERSON", "ner", f"p{i}")])
              for i, name in enumerate(["Ana Kovac", "Ilze Berzina", "Mart Kask", "Rasa Jonaite"])]
    index = DocumentIndex.build(doc, people, [])
    assert named_after_title(index, doc[0]) is None
    # The same title with one name closing it names her.
    titled = "Adviser to the mayor, Ilze Berzina, joked."
    doc = annotate(titled)
    start = titled.index("Ilze")
    berzina = Entity("p", "PERSON", "Ilze Berzina",
                     [Mention(Span(start, start + 12), "Ilze Berzina", "PERSON", "ner", "p")])
    found = named_after_title(DocumentIndex.build(doc, [berzina], []), doc[0])
    assert found is not None and found.entity_id == "p"


@pytest.mark.parametrize("text, speaker, phrase", [
    ("Lena Ardis played two shows in Porto this week. “I will come back,” the singer told "
     "fans on Saturday.", "Lena Ardis", "the singer"),
    ("Senator Tom Ekwall toured the flooded towns. The Vermont senator said the repairs "
     "would take a year.", "Tom Ekwall", "The Vermont senator"),
    ("Marta Kowalczyk scored twice on Sunday. The 31-year-old striker said the team had "
     "earned the win.", "Marta Kowalczyk", "The 31-year-old striker"),
    # of two people named, the one introduced with the noun
    ("Singer Ana Varga met the mayor, Tom Ekwall, on Monday. The singer said she loved the "
     "town.", "Ana Varga", "The singer"),
    ("Tom Ekwall met Ana Varga, the singer, on Monday. The singer said she loved the town.",
     "Ana Varga", "The singer"),
])
def test_a_person_described_after_being_named_is_who_spoke(text: str, speaker: str,
                                                           phrase: str) -> None:
    analysis = run(text)
    quote = analysis.quotes[-1]
    assert quote.speaker_text == phrase
    assert name_of(analysis, quote.speaker) == speaker


@pytest.mark.parametrize("text", [
    # two people named and neither introduced as a singer: either may be meant
    "Ole Brandt met Ana Varga on Monday. The singer said she loved the town.",
    # a description in another story of a compilation means no one named in this one
    "Ole Brandt opened the festival.\nBrandt Opens Harbour Festival | Nordpost\n"
    "The singer said she was tired of touring.",
])
def test_a_person_description_does_not_reach_the_wrong_person(text: str) -> None:
    quote = run(text).quotes[-1]
    assert quote.speaker_text is not None and quote.speaker_text.lower().startswith("the singer")
    assert quote.speaker is None


def test_a_description_that_does_not_speak_is_not_guessed() -> None:
    # the only person named is the one who speaks about the striker, not the striker
    analysis = run("The striker was carried off in the first half. Team doctor Ilse Marek "
                   "said the striker had torn a muscle.")
    marek = [e for e in analysis.entities if e.name == "Ilse Marek"]
    assert marek and all("striker" not in m.text for m in marek[0].mentions)


# -- an unnamed speaker going on -----------------------------------------------------------

def test_she_after_a_spokeswoman_is_the_spokeswoman_going_on() -> None:
    text = ("A Harbour Board spokeswoman said the port would reopen on Friday. She added: "
            "\"We expect the first ships on Monday.\"")
    analysis = run(text, published=None)
    first, then = quote_of(analysis, "the port would reopen"), quote_of(analysis, "first ships")
    assert then.speaker_text == first.speaker_text and then.speaker == first.speaker


def test_he_is_no_spokeswoman() -> None:
    text = ("A Harbour Board spokeswoman said the port would reopen on Friday. He added: "
            "\"We expect the first ships on Monday.\"")
    analysis = run(text, published=None)
    assert quote_of(analysis, "first ships").speaker_text == "He"


def test_the_spokesman_again_is_the_spokesman_described_before() -> None:
    text = ("The Kovrax spokesman said talks with the unions would resume in March.\n\n"
            "Union leaders met on Tuesday to discuss the offer. Several said it was too "
            "low.\n\nThe talks could last until summer, the spokesman said.")
    analysis = run(text, published=None)
    first = quote_of(analysis, "talks with the unions")
    then = quote_of(analysis, "could last until summer")
    assert (then.speaker, then.speaker_text) == (first.speaker, first.speaker_text)


def test_a_spokesman_right_after_a_bodys_statement_speaks_for_the_body() -> None:
    text = ("Harbour Police confirmed on Monday that two ferries had collided. A spokesman "
            "added: \"It is too early to say what caused it.\"")
    analysis = run(text, published=None)
    first = quote_of(analysis, "two ferries had collided")
    assert name_of(analysis, first.speaker) == "Harbour Police"
    assert quote_of(analysis, "too early to say").speaker == first.speaker


def test_an_age_used_as_a_noun_is_the_person_who_spoke_before() -> None:
    text = ("Hannah Lee, who lives nearby, said: \"I heard a crash.\" The 23-year-old added "
            "that she had seen people carried away.")
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "carried away").speaker) == "Hannah Lee"


def test_a_credit_in_brackets_is_no_subject_beside_the_real_one() -> None:
    text = ("Trump said the meeting ran long. (The Washington Post) President-elect Donald "
            "Trump and President Obama shook hands on Friday and pledged to cooperate.")
    analysis = run(text, published=None)
    assert quote_of(analysis, "to cooperate").speaker_text != "The Washington Post"


def test_a_name_told_a_statement_is_its_medium_though_the_recogniser_missed_it() -> None:
    text = "James Long, who lives nearby, told the Standard: \"It happened on a bend.\""
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "on a bend").medium) == "Standard"


def test_a_person_told_a_statement_is_no_medium() -> None:
    analysis = run("She told Mr Hale that she was innocent.", published=None)
    assert quote_of(analysis, "she was innocent").medium is None


@pytest.mark.parametrize("text, words, speaker", [
    ("The charity published a report on Monday. The report said that child poverty had "
     "risen.", "child poverty", "The report"),
    ("Reporters told the press that a spokesman would respond. The spokesman said the plan "
     "was sound.", "the plan was sound", "The spokesman"),
    ("The mayor's spokesman visited the harbour. The spokesman said: \"It will reopen.\"",
     "It will reopen", "mayor's spokesman"),
    # Described by the text, not by a statement of the spokesman's own before.
    ("Later the mayor's spokesman was asked about the closure of the harbour. The "
     "spokesman said: \"The harbour will reopen when it is safe.\"", "will reopen",
     "mayor's spokesman"),
])
def test_the_fuller_phrase_of_a_spokesperson_is_only_whose_they_are(
        text: str, words: str, speaker: str) -> None:
    assert quote_of(run(text, published=None), words).speaker_text == speaker


def test_a_person_the_parser_glued_to_the_place_before_is_the_subject() -> None:
    # "in California Mr Lee" read as one phrase leaves "said" no subject.
    analysis = run("In a panel at a summit in California Mr Torvald said software patents "
                   "were a problem for the movement.", published=None)
    quote = quote_of(analysis, "software patents were a problem")
    assert name_of(analysis, quote.speaker) == "Torvald"
    assert quote.source is not None and \
        quote.source.text(analysis.document.text) == "Torvald"


def test_a_title_before_a_name_in_a_phrase_stays_in_the_source() -> None:
    analysis = run("The economy is strong, according to US President Tom Harding.",
                   published=None)
    quote = quote_of(analysis, "The economy is strong")
    assert quote.source is not None and \
        quote.source.text(analysis.document.text) == "US President Tom Harding"


@pytest.mark.parametrize("text, words", [
    ("Ann Lee was named best singer, sending a message of thanks on video saying the award "
     "\"means so much to me\".", "means so much"),
    ("Ann Lee was released on Monday, saying she had done nothing wrong.", "nothing wrong"),
])
def test_a_participle_on_a_passive_clause_speaks_for_its_subject(text: str, words: str) -> None:
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, words).speaker) == "Ann Lee"


def test_one_told_is_no_speaker() -> None:
    analysis = run("Ann Lee was told by the court that she had done nothing wrong.",
                   published=None)
    assert name_of(analysis, quote_of(analysis, "nothing wrong").speaker) != "Ann Lee"


def test_a_participle_on_a_reported_passive_clause_is_the_reporters() -> None:
    analysis = run("Ivo Brand rejected the claim that Ann Lee had been sidelined in the "
                   "campaign, saying she was playing a different role.", published=None)
    assert name_of(analysis, quote_of(analysis, "a different role").speaker) != "Ann Lee"


@pytest.mark.parametrize("described, speaker", [
    # A story's lead describes whom its next statements name.
    ("a leading engineer", "Ann Lee"),
    # Not of another kind (a body is no professor), nor a spokesperson, whom stories need not
    # name.
    ("a charity", None),
    ("a spokesman", None),
])
def test_a_speaker_the_lead_describes_is_the_one_named_next(described: str,
                                                            speaker: str | None) -> None:
    text = ("Bridge plan 'a costly mistake'\n\nA plan to build a new bridge over the river is a "
            f"costly mistake, {described} has warned.\n\nThe council approved the bridge on "
            "Monday. Ann Lee, a professor of engineering at Kendal University, said the design "
            "had been rushed.")
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "costly mistake").speaker) == speaker


SHOPPING_STORY = """Shoppers turn to web for groceries

More shoppers are buying groceries online than ever, according to research.

Online orders rose by a third in a year, said a report. Web tracking firm Kelvar said 30% of \
households now order food on the web. Orders peaked in December, said the report.
"""


@pytest.mark.parametrize("words", ["buying groceries online", "rose by a third",
                                   "peaked in December"])
def test_a_document_with_no_owner_is_the_issuer_named_next(words: str) -> None:
    analysis = run(SHOPPING_STORY, published=None)
    assert name_of(analysis, quote_of(analysis, words).speaker) == "Kelvar"


def test_a_document_whose_phrase_names_its_publisher_is_not_the_next_speaker_s() -> None:
    text = SHOPPING_STORY.replace("said a report.", "said a report published by Orlan.")
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "rose by a third").speaker) != "Kelvar"


@pytest.mark.parametrize("text, speaker", [
    # The parser makes the body the subject and hangs its chairman on "for": the chairman
    # named before the verb spoke, and the body is no person.
    ("Commission for Racial Equality chairman Trevor Phillips said asylum applications were "
     "down 40%.", "Trevor Phillips"),
    # A spokesman for a titled person speaks for him, and is not him.
    ("A spokesman for European Justice Commissioner Franco Frattini said asylum applications "
     "were down 40%.", None),
])
def test_a_titled_person_ending_a_body_subject_is_who_spoke(text: str,
                                                            speaker: str | None) -> None:
    analysis = run(text, published=None)
    assert name_of(analysis, quote_of(analysis, "asylum applications").speaker) == speaker
    assert not any(e.type == "PERSON" and e.name.startswith("Commission")
                   for e in analysis.entities)


# A story in our words whose parse splits a title from the name after it into two subjects,
# describes a speaker with a body's possessive, and goes on with an office by "it".
BRIDGE_STORY = """Bridge plan wins support

The Civic Trust's Margaret Ellery said the plan was "a real step forward" and that she hoped \
councillors would back it. The heritage charity's chief executive told BBC Radio Scotland \
there were "serious gaps" in the current rules.

Transport Police's deputy chief constable Alan Brinley said officers were looking at whether \
the driver had been distracted.

The prime minister's office said the review had found "clear failings" in the department. It \
added that the staff involved would be disciplined. Prime Minister Jonas Erikson, who took \
office last year, said those responsible would be punished.
"""


def test_a_title_the_parser_split_from_its_name_is_the_named_persons() -> None:
    quote = quote_of(run(BRIDGE_STORY), "driver had been distracted")
    assert quote.speaker_text == "Alan Brinley"


def test_a_description_owned_by_a_body_is_the_person_the_sentence_before_is_about() -> None:
    analysis = run(BRIDGE_STORY)
    quote = quote_of(analysis, "serious gaps")
    assert quote.speaker_text == "The heritage charity's chief executive"
    assert name_of(analysis, quote.speaker) == "Margaret Ellery"


def test_it_after_an_office_s_statement_goes_on_with_the_office() -> None:
    analysis = run(BRIDGE_STORY)
    first = quote_of(analysis, "clear failings")
    second = quote_of(analysis, "would be disciplined")
    assert second.speaker_text == first.speaker_text == "The prime minister's office"
    assert second.speaker == first.speaker
    assert second.source is not None and second.source.text(BRIDGE_STORY) == "It"


def test_it_goes_on_with_an_office_only_right_after_its_statement() -> None:
    text = ("The mayor's office said the road would close for a month. The city council met "
            "on Friday. It said the bridge was safe.")
    quote = quote_of(run(text), "bridge was safe")
    assert quote.speaker_text != "The mayor's office"


@pytest.mark.parametrize("text, words, speaker", [
    ("Economists disagree over which policy will work and say that the vote could decide "
     "the shape of the budget.", "shape of the budget", "Economists"),
])
def test_a_question_word_s_clause_is_spoken_of_not_the_speaker(text: str, words: str,
                                                               speaker: str) -> None:
    assert quote_of(run(text), words).speaker_text == speaker


@pytest.mark.parametrize("text, words", [
    ("Nobody counts the visitors, but it is thought that some 5,000 came to the fair.",
     "5,000 came"),
    ("The board signed the lease in May and it is expected to take effect in the spring.",
     "take effect"),
])
def test_an_unsourced_passive_is_no_one_s_whatever_it_hangs_on(text: str, words: str) -> None:
    quote = quote_of(run(text), words)
    assert quote.speaker is None and quote.speaker_text is None


def test_a_picture_credit_with_a_handle_is_no_part_of_the_speaker_after_it() -> None:
    text = ("Rescue crews worked through the night at the yard. (Photo: @mira_o/Harbour FM/"
            "Twitter) Sources close to the inquiry said driver fatigue would be a focus of "
            "the investigation.")
    quote = quote_of(run(text), "driver fatigue")
    assert quote.speaker_text == "Sources close to the inquiry"


def test_a_name_after_an_occupation_the_recogniser_missed_speaks_on() -> None:
    # The recogniser tags no one in "Boss Jan Voskuil"; he blames, then "he says" is his.
    text = ("“Costs are rising everywhere,” said Pierre Lemaire, a lecturer in Lyon.\n\n"
            "The yard now builds cranes in Vietnam, where labour is cheaper. Boss Jan Voskuil "
            "blames weak demand in Europe for the lack of orders. “In Asia growth is strong, "
            "in Europe it is flat,” he says.")
    analysis = run(text)
    assert name_of(analysis, quote_of(analysis, "growth is strong").speaker) == "Jan Voskuil"


@pytest.mark.parametrize("before, speaker", [
    ("Mr Ferro later set up two schools in Peru with his wife and gave the pupils laptops.",
     "Ferro"),
    # Not a body the sentence was about, nor a person only acted on.
    ("The council met on Monday.", None),
    ("Voters in Lima cheered Mr Ferro on Monday.", None),
    # a sentence holding only his own statement ("plans to") and an unsourced one
    ("Mr Ferro plans to ship the machines by May to schools that are expected to order more.",
     "Ferro"),
])
def test_an_unframed_quotation_right_after_a_sentence_about_someone_is_theirs(
        before: str, speaker: str | None) -> None:
    text = (before + "\n\n\"We gave out 40 laptops two years ago and only one has broken, "
            "the children treasure them\"")
    analysis = run(text)
    assert name_of(analysis, quote_of(analysis, "40 laptops").speaker) == speaker


def test_who_is_the_person_named_before_not_the_thing_it_hangs_on() -> None:
    # The parser hangs "who" on "cryptography", the last noun of the second description.
    text = ("The claim has been backed by Anna Berg - a former Oslo professor, and a leading "
            "expert on cryptography, who has confirmed his reports were useful to the allies.")
    analysis = run(text)
    assert name_of(analysis, quote_of(analysis, "useful to the allies").speaker) == "Anna Berg"
    # People are who they are, though a person is named before them.
    text = ("Mayor Tom Ek was asked to answer people who said that the new bridge would cost "
            "too much.")
    assert quote_of(run(text), "bridge would cost").speaker_text == "people"


def test_a_participle_describing_the_subject_is_no_clause_reported() -> None:
    # The parser reads "Lund … treated for shock" as a clause the verb reports.
    text = ("Mr Lund, 42, treated for a broken wrist and shock, said: \"We just heard a bang at "
            "the front. Then the carriage tipped over.\"")
    analysis = run(text)
    assert name_of(analysis, quote_of(analysis, "heard a bang").speaker) == "Lund"


@pytest.mark.parametrize("text, words, speaker", [
    # The parser hangs "called" on the name as a clause describing it; a finite verb is the
    # name's own.
    ("Adam Varga, the top Democrat on the harbour panel, called on the mayor to close the "
     "port.", "to close the port", "Adam Varga"),
    ("Ines Kobel, chair of the dockers' union, called on the board to reopen the talks.",
     "to reopen the talks", "Ines Kobel"),
])
def test_a_finite_verb_read_as_describing_the_subject_is_the_subjects(
        text: str, words: str, speaker: str) -> None:
    assert speaker_of(text, words) == speaker
