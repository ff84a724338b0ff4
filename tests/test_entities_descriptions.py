"""Descriptions and role phrases resolved from the story they stand in (reports by us)."""

import pytest

from conftest import run


def referent(analysis, phrase):  # type: ignore[no-untyped-def]
    """The entity a phrase of the text was resolved to, or None."""
    return next((e.name for e in analysis.entities if phrase in e.aliases()), None)


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Qatar hosted the talks and Iran sent a delegation. The Gulf state said more rounds "
     "would follow.", "The Gulf state", "Qatar"),
    ("Kazakhstan signed a grain deal with China. The Central Asian republic will ship it by "
     "rail.", "The Central Asian republic", "Kazakhstan"),
    ("Denmark said on Monday that it would buy more shells. Poland welcomed the step. "
     "The Nordic country will pay from its reserve.", "The Nordic country", "Denmark"),
    # The story is about Latvia, though Estonia is named last before the description.
    ("Latvia will leave the treaty, its parliament decided. Latvia says the threat has grown. "
     "Officials in Estonia were not surprised. The Baltic nation will file its notice soon.",
     "The Baltic nation", "Latvia"),
    # Two states of the region, neither the subject nor named before: none.
    ("The Gulf state refused. Germany asked Oman and Kuwait to mediate.", "The Gulf state", None),
])
def test_a_region_description_means_a_state_of_that_region(
        text: str, phrase: str, expected: str | None) -> None:
    assert referent(run(text), phrase) == expected


def test_the_country_is_the_subject_of_its_story() -> None:
    text = ("France will extend its nuclear umbrella, French officials said. Paris has "
            "discussed the idea with Lithuania. French diplomats say the nation is ready "
            "to talk.")
    assert referent(run(text), "the nation") == "France"


def test_the_president_is_the_president_of_the_story_country() -> None:
    text = ("Emmanuel Macron met Donald Trump in Washington on Monday. Back in Paris, French "
            "officials said the president would call European leaders on Tuesday.")
    analysis = run(text, published="2025-03-07")
    assert referent(analysis, "the president") == "Emmanuel Macron"


def test_the_minister_is_the_last_minister_of_the_story() -> None:
    text = ("Economy Minister Aldis Vetra opened the plant. Mayor Ilze Berga thanked the "
            "workers. The minister said more plants would follow.")
    assert referent(run(text), "The minister") == "Aldis Vetra"


def test_a_ministry_named_without_its_country_is_the_story_countrys() -> None:
    text = ("Lithuania will buy more howitzers, the Ministry of Defence said on Monday. "
            "Vilnius has already ordered 18 of them for the army of Lithuania.")
    analysis = run(text, published="2025-03-07")
    ministry = next(e for e in analysis.entities if "Ministry of Defence" in e.aliases())
    assert ministry.known_as == "lt-mod"


def test_a_ministry_in_a_story_about_no_known_country_stays_unlinked() -> None:
    analysis = run("The Ministry of Defence said the drill was over.")
    ministry = next(e for e in analysis.entities if "Ministry of Defence" in e.aliases())
    assert ministry.known_as is None


def test_a_role_of_a_named_country_is_that_countrys_office_holder() -> None:
    text = ("Donald Trump spoke to reporters in Washington. Hours later the Lithuanian "
            "president said Vilnius would spend more on defence.")
    analysis = run(text, published="2025-03-07")
    assert referent(analysis, "the Lithuanian president") == "Gitanas Nausėda"


def test_a_title_said_to_speak_is_a_role_not_a_person() -> None:
    analysis = run("Defence Minister Dovile Sakaliene visited Kaunas. The Minister said the army "
                   "needed drones.", published="2025-03-07")
    assert not any(e.name == "Minister" for e in analysis.entities)
    assert referent(analysis, "Minister") == "Dovilė Šakalienė"


def test_the_state_after_a_state_of_a_country_is_that_state() -> None:
    text = ("Governor Ann Lowry of Ohio signed the bill. The state will raise its minimum wage "
            "next year, while the country debates it.")
    analysis = run(text)
    assert referent(analysis, "The state") == "Ohio"
    assert referent(analysis, "the country") == "United States"


def test_a_vice_president_is_not_the_president() -> None:
    text = ("Vice President Joe Biden spoke first in Denver. Then the president said the plan "
            "was sound.")
    assert referent(run(text, published="2016-03-01"), "the president") != "Joe Biden"


def test_a_state_word_that_modifies_a_noun_is_no_state() -> None:
    analysis = run("Greece won the relay. Later she helped the British cross country team to "
                   "silver, and the state media in Athens praised her.")
    aliases = {alias for e in analysis.entities for alias in e.aliases()}
    assert not any("country" in alias or "state" in alias for alias in aliases)
