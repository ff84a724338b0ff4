"""Within-document resolution on reports written by us."""

import pytest

from conftest import run
from newstrace.annotate import get_nlp
from newstrace.extract.mentions import find_mentions
from newstrace.gazetteer.loader import load_gazetteer


def entity_by_alias(analysis, alias):  # type: ignore[no-untyped-def]
    return next(e for e in analysis.entities if alias in e.aliases())


def test_spellings_surnames_and_roles_join_one_person() -> None:
    text = ("Lithuanian Defence Minister Dovile Sakaliene visited Vilnius on Monday.\n"
            "Shakaliene said the army needed more drones.\n"
            "The minister also met Jonas Sakalauskas, a local mayor.\n"
            "Sakalauskas said the town welcomed the visit.")
    analysis = run(text, published="2025-03-07")
    person = entity_by_alias(analysis, "Shakaliene")
    assert person.name == "Dovilė Šakalienė"  # native spelling from the gazetteer
    assert {"Dovile Sakaliene", "Shakaliene", "The minister"} <= set(person.aliases())
    decoy = entity_by_alias(analysis, "Sakalauskas")
    assert decoy.id != person.id and decoy.type == "PERSON"
    assert "Jonas Sakalauskas" in decoy.aliases()


def test_the_defence_minister_resolves_by_date() -> None:
    text = "Lithuania will buy more shells, the defence minister said."
    earlier = run(text, published="2024-07-18")
    later = run(text, published="2025-03-07")
    assert earlier.entity(earlier.quotes[0].speaker).name == "Laurynas Kasčiūnas"
    assert later.entity(later.quotes[0].speaker).name == "Dovilė Šakalienė"


def test_country_ids_are_global_and_transliterations_resolve() -> None:
    first = run("Kiev asked Lithuania for more help.")
    second = run("Lietuva sent aid to Kyiv.")
    assert entity_by_alias(first, "Kiev").id == entity_by_alias(second, "Kyiv").id
    assert entity_by_alias(first, "Lithuania").id == entity_by_alias(second, "Lietuva").id
    assert entity_by_alias(second, "Kyiv").name == "Kyiv"


def test_outlets_and_anaphors() -> None:
    text = ("Agence France-Presse reported that the talks had failed. "
            "The agency added that a new round was planned.")
    analysis = run(text)
    afp = entity_by_alias(analysis, "Agence France-Presse")
    assert afp.type == "OUTLET"
    assert "The agency" in afp.aliases()


def test_acronym_joins_its_full_name() -> None:
    text = ("The Baltic Drone Coalition (BDC) met in Riga. "
            "BDC members agreed on a joint order.")
    analysis = run(text)
    coalition = entity_by_alias(analysis, "BDC")
    assert "Baltic Drone Coalition" in coalition.aliases()


def test_nationality_adjectives_are_nationalities() -> None:
    analysis = run("Lithuanian and Ukrainian engineers will build drones, Baltic officials said.")
    found = {e.name: (e.type, e.identifiers.get("iso3166")) for e in analysis.entities}
    assert found["Lithuanian"] == ("NORP", "LT") and found["Ukrainian"] == ("NORP", "UA")
    assert found["Baltic"][0] == "NORP"
    assert all(e.type == "NORP" for e in analysis.entities)


def test_brackets_around_a_company_name_are_not_part_of_it() -> None:
    analysis = run("<Norvale Pump Works Corp> said it had sold its unit.")
    names = {e.name for e in analysis.entities}
    assert "Norvale Pump Works Corp" in names
    assert not any("<" in name or ">" in name for name in names)
    assert analysis.quotes[0].speaker_text == "Norvale Pump Works Corp"


@pytest.mark.parametrize("text, name", [
    ("A survey by PC Pro Magazine found that many users were unhappy.", "PC Pro Magazine"),
    ("Shares in the firm trade on the OTC Bulletin Board in New York.", "OTC Bulletin Board"),
])
def test_a_body_s_name_keeps_the_untyped_words_joined_before_it(text: str, name: str) -> None:
    assert name in {e.name for e in run(text).entities}


@pytest.mark.parametrize("text, body", [
    ("A fire broke out on Monday. The London Fire Brigade, which sent 70 officers, said the "
     "fire was on the fourth floor.", "London Fire Brigade"),
    ("Voters were keener on the new party than on the UK Independence Party, he said.",
     "UK Independence Party"),
])
def test_a_body_named_with_its_place_first_is_one_name(text: str, body: str) -> None:
    assert body in {e.name for e in run(text).entities if e.type == "ORG"}


@pytest.mark.parametrize("text, body", [
    ("Universities Wales, which speaks for the principals, said more students had applied.",
     "Universities Wales"),
    ("Universities Minister Ann Lee said fees would rise.", None),
])
def test_a_body_of_institutions_named_after_its_place(text: str, body: str | None) -> None:
    bodies = {e.name for e in run(text).entities if e.type == "ORG"}
    assert (body in bodies) if body else not any(n.startswith("Universities") for n in bodies)


def test_a_department_named_for_its_subjects_is_one_body() -> None:
    analysis = run("The Department for Culture, Media and Sport said the deal was fair. A "
                   "Department for Education and Skills spokeswoman agreed. The Ministry of "
                   "Defence and Oxfam said nothing.")
    bodies = {e.name for e in analysis.entities if e.type == "ORG"}
    assert {"Department for Culture, Media and Sport", "Department for Education and Skills",
            "Ministry of Defence", "Oxfam"} <= bodies


def test_a_body_s_name_takes_in_no_place_before_it() -> None:
    analysis = run("The US Federal Reserve kept rates on hold on Tuesday.")
    assert "United States" in {e.name for e in analysis.entities}


def test_an_editor_s_brackets_in_a_quotation_are_not_part_of_a_name() -> None:
    analysis = run("Lena Ford spoke on Saturday. “Our view is that [Chief Inspector Daniel "
                   "J.] Morton's letter stopped our momentum,” she said.")
    assert "Daniel J. Morton" in {e.name for e in analysis.entities}


def test_a_corporate_designator_makes_the_whole_name_one_company() -> None:
    analysis = run("Harwick Telephone and Cable Co said it would sell its stake to Bank of "
                   "New York Corp, while Varnell Co. declined to comment.")
    names = {e.name: e.type for e in analysis.entities}
    assert names.get("Harwick Telephone and Cable Co") == "ORG"
    assert names.get("Bank of New York Corp") == "ORG"
    assert names.get("Varnell Co.") == "ORG"
    assert "New York" not in names and "New York City" not in names
    assert analysis.quotes[0].speaker_text == "Harwick Telephone and Cable Co"


def test_a_company_under_a_capitalised_headline_keeps_its_whole_name() -> None:
    text = ("<BRAXLEY INC> BUYS TORVIN FOR UNDISCLOSED AMOUNT\n\n"
            "BraxLey Inc said it acquired <Torvin Inc>, a Dallas firm.\n\n"
            "<Selmont Industries Ltd> said it launched a bond.")
    quotes = run(text).quotes
    assert [q.speaker_text for q in quotes] == ["BraxLey Inc", "Selmont Industries Ltd"]
    assert [q.source.text(text) for q in quotes if q.source] == [
        "BraxLey Inc", "Selmont Industries Ltd"]


def test_words_in_a_headline_of_capitals_are_names_only_if_named_again() -> None:
    text = ("HALVERN <HLV> AGREES TO ACQUIRE CAR PARTS MAKER\n\n"
            "Halvern Corp said it agreed to acquire a maker of car parts for 40 mln dlrs.")
    names = {e.name for e in run(text).entities}
    assert "HALVERN" in names or any("Halvern" in name for name in names)
    assert not names & {"ACQUIRE", "CAR", "Central African Republic", "CAR PARTS MAKER"}



# An outlet described before it is named ("told the Latvian broadcaster, LSM,"): with no
# fitting outlet earlier, the description is the outlet named next in its paragraph.
@pytest.mark.parametrize(("text", "description", "outlet"), [
    ("Defence Minister Hanno Pevkur spoke to the Estonian daily Postimees on Tuesday about "
     "the new depot.", "the Estonian daily", "Postimees"),
    ("“We are not leaving,” the minister told the Latvian broadcaster, LSM, in an interview "
     "on Monday.", "the Latvian broadcaster", "LSM"),
    ("Speaking to the Polish agency PAP, Radoslaw Sikorski said Warsaw would spend more on "
     "defence.", "the Polish agency", "PAP"),
])
def test_an_outlet_described_before_it_is_named(text: str, description: str, outlet: str) -> None:
    analysis = run(text)
    assert entity_by_alias(analysis, description).id == entity_by_alias(analysis, outlet).id


# A speech verb the tagger reads as a plural noun ("the agency comments." after a quote) still
# makes the anaphor a speaker, so it means the body that was speaking, not the last one named.
@pytest.mark.parametrize(("text", "anaphor", "speaker", "last_named"), [
    ("“The port reopens on Friday,” ELTA said on Monday. The report was later confirmed by "
     "BNS. “Ships are already waiting,” the agency comments.", "the agency", "ELTA", "BNS"),
    ("„The budget is final“, the Riigikogu said in a statement. The vote was watched closely "
     "in the Saeima. „No further changes will be made“, the parliament underlines.",
     "the parliament", "Riigikogu", "Saeima"),
])
def test_an_anaphor_before_a_verb_read_as_a_noun_is_the_speaking_body(
    text: str, anaphor: str, speaker: str, last_named: str
) -> None:
    analysis = run(text)
    referent = entity_by_alias(analysis, anaphor)
    assert referent.id == entity_by_alias(analysis, speaker).id
    assert referent.id != entity_by_alias(analysis, last_named).id
    assert analysis.quotes[-1].speaker == referent.id


@pytest.mark.parametrize("types", [["ORG", "NORP", "NORP", "ORG"], ["NORP", "ORG", "ORG", "NORP"]])
def test_a_tie_between_types_goes_to_the_first_seen(types: list[str]) -> None:
    from newstrace.resolve.entities import Cluster

    assert Cluster(types=types).type == types[0]  # the same under any hash seed


def referent(analysis, phrase):  # type: ignore[no-untyped-def]
    """The entity a phrase of the text was resolved to, or None."""
    return next((e.name for e in analysis.entities if phrase in e.aliases()), None)


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    # The nearest fitting state named before the description, not the last state named.
    ("Estonia sent shells to Ukraine on Monday. The Baltic country has sent more every month.",
     "The Baltic country", "Estonia"),
    ("Latvia and Russia closed a crossing. Officials of the Baltic state blamed Moscow.",
     "the Baltic state", "Latvia"),
    ("Germany and Norway signed a gas deal. The Nordic state will ship it from May.",
     "The Nordic state", "Norway"),
    ("Finland bought drones from Poland. The Nordic country paid in advance.",
     "The Nordic country", "Finland"),
    ("Sweden and Austria held talks. The Scandinavian country asked for more time.",
     "The Scandinavian country", "Sweden"),
    ("Lithuania hosted the talks and Estonia chaired them. The Baltic state asked Poland to join.",
     "The Baltic state", "Estonia"),
    ("Italy sent a delegation to Serbia. Leaders of the Balkan nation welcomed it.",
     "the Balkan nation", "Serbia"),
    # Named only after the description, but the only fitting state of the story.
    ("The Baltic country will leave the pact, officials said. Russia objected. Lawmakers in "
     "Lithuania vote on Tuesday.", "The Baltic country", "Lithuania"),
    # Decoys: no state of the story fits, so the description stays unresolved.
    ("Russia struck Ukraine again overnight. The Baltic country condemned the attack.",
     "The Baltic country", None),
    ("Germany and France met in Paris. The Nordic state was not invited.",
     "The Nordic state", None),
])
def test_a_described_state_resolves_only_to_a_state_that_fits(
        text: str, phrase: str, expected: str | None) -> None:
    assert referent(run(text), phrase) == expected


@pytest.mark.parametrize(("text", "phrase", "treaty"), [
    ("Norway said it would leave an international convention banning cluster bombs.",
     "an international convention banning cluster bombs", "ccm"),
    ("Finland's parliament approved leaving the treaty that bans anti-personnel landmines.",
     "the treaty that bans anti-personnel landmines", "ottawa-treaty"),
    ("Estonia joined the 1997 mine ban treaty decades ago.",
     "the 1997 mine ban treaty", "ottawa-treaty"),
    ("Chile signed the Convention on Cluster Munitions. Its minister praised the 2008 accord.",
     "the 2008 accord", "ccm"),
    ("Austria backed a pact on cluster munitions at the talks.",
     "a pact on cluster munitions", "ccm"),
])
def test_a_treaty_described_links_to_the_one_treaty_that_fits(
        text: str, phrase: str, treaty: str) -> None:
    entity = entity_by_alias(run(text, published="2025-03-07"), phrase)
    assert entity.known_as == treaty


@pytest.mark.parametrize(("text", "phrase"), [
    # No treaty in the gazetteer is about these.
    ("Peru backed an accord on ocean plastics on Monday.", "an accord on ocean plastics"),
    ("Croatia said the agreement on trade would stand.", "the agreement on trade"),
    # Two treaties named: "the accord" may be either.
    ("Poland left the Ottawa Convention and the Convention on Cluster Munitions. "
     "The accord was signed long ago.", "The accord"),
])
def test_a_description_that_fits_no_single_treaty_stays_unlinked(text: str, phrase: str) -> None:
    analysis = run(text, published="2025-03-07")
    assert not any(phrase in e.aliases() and e.known_as for e in analysis.entities)


def test_the_accord_after_one_named_treaty_is_that_treaty() -> None:
    analysis = run("Chile joined the Convention on Cluster Munitions. The accord was signed "
                   "long ago.", published="2025-03-07")
    assert entity_by_alias(analysis, "The accord").known_as == "ccm"


# An outlet is a company too: "the company" in a story that names no other company is the
# outlet; where a company is named, the company.
def test_the_company_is_the_outlet_only_when_no_company_is_named() -> None:
    about_outlet = run("Agence France-Presse posted higher profits for the year. The company "
                       "said advertising income had grown.")
    assert referent(about_outlet, "The company") == "Agence France-Presse"
    about_company = run("Halvern Motors posted higher profits, Agence France-Presse reported. "
                        "The company said car sales had grown.")
    assert referent(about_company, "The company") == "Halvern Motors"


# A given name in any spelling, then a word no lexicon knows, names a person the tagger may
# miss, read as a place or company, or cut short; common words after it name no one.
@pytest.mark.parametrize(("text", "person"), [
    ("The museum shows the desk of Nikita Khrouchtchev and other relics.",
     "Nikita Khrouchtchev"),
    ("A Berlin paper recalled the death of Alexej Nawalny in February.", "Alexej Nawalny"),
    ("Lithuanian outlets recalled the death of Aleksejus Navalnas.", "Aleksejus Navalnas"),
    ("Analysts in Kyiv said Oleksandr Kovrenchuk would lead the new agency.",
     "Oleksandr Kovrenchuk"),
])
def test_a_given_name_and_an_unknown_word_name_a_person(text: str, person: str) -> None:
    analysis = run(text)
    assert any(e.type == "PERSON" and person in e.aliases() for e in analysis.entities)


@pytest.mark.parametrize(("text", "words"), [
    ("Christian Democrats won the vote in Bavaria.", "Christian Democrats"),
    ("Boris Island lies north of the bay.", "Boris Island"),
])
def test_a_given_name_before_a_common_word_is_no_person(text: str, words: str) -> None:
    analysis = run(text)
    assert not any(e.type == "PERSON" and words in e.aliases() for e in analysis.entities)


def test_an_institution_named_after_its_place_is_one_body_with_its_short_forms() -> None:
    # The place inside the name is no mention of its own; "BoE" keeps the "of"; "the Bank"
    # is the one bank named so.
    text = ("Bank of Estonia deputy governor Ilze Berzina said growth slowed. The BoE "
            "disagreed. The Bank said it would publish its forecast in May.")
    analysis = run(text, published=None)
    bodies = {e.name: {m.text for m in e.mentions} for e in analysis.entities
              if e.type == "ORG"}
    assert bodies["Bank of Estonia"] >= {"Bank of Estonia", "BoE", "Bank"}
    assert "Estonia" not in {m.text for e in analysis.entities for m in e.mentions}


def test_a_body_of_institutions_named_after_its_place_is_one_body() -> None:
    analysis = run("Universities Scotland, which represents university principals, claimed "
                   "that the rise in applications was small.", published=None)
    assert [e.name for e in analysis.entities] == ["Universities Scotland"]


@pytest.mark.parametrize("text, body, head", [
    # The head need not be the name's first word, nor its last.
    ("The Central Bank of Estonia raised rates on Monday. The Bank said inflation was too "
     "high.", "Central Bank of Estonia", "Bank"),
    ("The Harbour Licensing Commission fined two ferry firms on Monday. The Commission said "
     "the fines would be paid by May.", "Harbour Licensing Commission", "Commission"),
    ("The Court of Appeal ruled on Friday. The Court said the case was closed.",
     "Court of Appeal", "Court"),
    # a body named for what it works for: its head before "for"
    ("The Institute for Harbour Studies sued the port on Friday. The Institute said the water "
     "was unsafe.", "Institute for Harbour Studies", "Institute"),
])
def test_the_lone_head_word_is_the_one_body_with_that_head(text: str, body: str,
                                                           head: str) -> None:
    analysis = run(text, published=None)
    bodies = {e.name: {m.text for m in e.mentions} for e in analysis.entities}
    assert head in bodies[body] and head not in bodies


def test_an_age_before_a_noun_describes_no_person() -> None:
    doc = get_nlp()("The 100-year-old building was demolished. The 23-year-old said so.")
    found = {m.text for m in find_mentions(doc, load_gazetteer())}
    assert "The 100-year-old" not in found
    assert "The 23-year-old" in found


def test_a_lone_head_word_stays_apart_when_two_institutions_share_it() -> None:
    text = ("The University of Tartu and the University of Riga signed a pact. The "
            "University said it would hire ten researchers.")
    analysis = run(text, published=None)
    names = {e.name for e in analysis.entities if e.type == "ORG"}
    assert {"University of Tartu", "University of Riga"} <= names
    assert not any("University" in {m.text for m in e.mentions} for e in analysis.entities
                   if e.name in ("University of Tartu", "University of Riga"))


def test_what_someone_is_to_another_before_a_name_is_no_word_of_it() -> None:
    analysis = run("Neighbour Sarah Reyes said the street was quiet.", published=None)
    assert {e.name for e in analysis.entities if e.type == "PERSON"} == {"Sarah Reyes"}


def test_a_picture_agencys_credit_in_capitals_is_no_word_of_the_name_after_it() -> None:
    analysis = run("Crowds gathered outside. GETTY Obama spoke of the need for calm.",
                   published=None)
    assert "GETTY" not in " ".join(m.text for e in analysis.entities for m in e.mentions)


@pytest.mark.parametrize("credit", ["Mark Dolan 2/6", "Mark Dolan - 2/6"])
def test_a_galleries_counter_ends_a_persons_name(credit: str) -> None:
    # A photographer's credit, the gallery's counter and the next caption's first word run
    # together in a scraped page; the recogniser may read them as one name.
    analysis = run(f"The roof had fallen in. {credit} Neighbours described hearing the "
                   "crash before dawn.", published=None)
    people = {e.name for e in analysis.entities if e.type == "PERSON"}
    assert people == {"Mark Dolan"}
