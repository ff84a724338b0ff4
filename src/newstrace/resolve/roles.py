"""People's roles, and role phrases resolved to the people who hold them.

A person's roles come from the gazetteer's terms of office on the report's date and from the
title written before the name ("Lithuanian Defence Minister Dovilė Šakalienė"). A role phrase
("the minister", "the Ukrainian President") then means the last person of the story who holds
that role, in the country it names or else the story's subject country; failing that, the
gazetteer's holder of that office in that country on the report's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib import resources

from newstrace.annotate import sentences
from newstrace.extract.lexicon import ANAPHOR_DETERMINERS, word_classes
from newstrace.extract.mentions import (
    CAPITALISED_TITLE_HEADS,
    ELECT_SUFFIXES,
    FORMER_WORDS,
    NAME_STYLES,
    TITLE_NOUNS,
)
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Mention, Span
from newstrace.resolve.clusters import Cluster
from newstrace.resolve.names import fold

# Determiners dropped before a role title is looked up ("the president" -> president); not
# "our", whose speaker's own side ("our president") is not the article's role holder.
ROLE_DETERMINERS = ANAPHOR_DETERMINERS - {"our"}
# Words that may stand in a title before a name ("Lithuania's Deputy Defense Minister"),
# read from the characters just before it (more than a title's worth).
MAX_TITLE_TOKENS = 6
TITLE_WINDOW_CHARS = 80
# Words before a title that say its bearer holds a lesser or another office ("Vice
# President", "the shadow chancellor": the opposition's, not the chancellor).
SECOND_RANKS = {"vice", "deputy", "shadow"}
# What a second rank stands before ("vice president", "vice-president", "deputy minister").
AFTER_SECOND_RANK = tuple(f"{rank}{joint}" for rank in sorted(SECOND_RANKS) for joint in " -")
# "Advisor to the President, X": the office after these words is someone else's.
TITLE_LINKS = {"to", "for"}
# Honorifics that tell a woman from a man of the same surname ("Mrs. X", "Mr. X"); "Lady"
# ends "First Lady".
FEMALE_HONORIFICS = {"mrs", "ms", "miss", "madam", "madame", "lady", "dame"}
MALE_HONORIFICS = {"mr", "sir", "lord"}
# Words before a name that introduce a spouse rather than an office holder.
CONSORT_BEFORE = {"first lady", "first gentleman"}
# A spouse's phrase set off after a name, closed by a comma or the sentence's end ("X, her
# husband, said"; "X, his wife of 30 years,"; "X, the wife of the mayor,"): in "Obama, his
# wife Michelle and …" or "Obama, his wife of 25 years Michelle," the phrase introduces the
# next name, and says nothing of the first. "His wife of" is followed by how long they have
# been married; "the wife of" by whom.
SPOUSE_AFTER = re.compile(
    r",\s+(?P<phrase>(?:his\s+wife|her\s+husband)(?:\s+of\s+(?:[\w-]+\s+){0,3}"
    r"(?:years?|decades?|months?))?"
    r"|(?:the\s+wife|the\s+husband)(?:\s+of\s+[^,.;:]{1,30})?"
    r"|the\s+first\s+lady|the\s+president['’]s\s+wife)\s*(?:[,.;:)]|$)", re.IGNORECASE)
SPOUSE_SEX = {"wife": "female", "lady": "female", "husband": "male"}
# Characters after a name read for a spouse's phrase.
SPOUSE_AFTER_CHARS = 60
# Where a word starts (a word character, str.isalnum or "_", after none): found by the
# regular-expression engine, not a test of each character in Python.
WORD_START = re.compile(r"(?<!\w)\w")
GIVEN_NAME_SEXES_RESOURCE = "data/lexicon/given_name_sexes.tsv"


def read_titles(cluster: Cluster, text: str, gazetteer: Gazetteer,
                published: date | None) -> None:
    """Roles and their countries, from the gazetteer's terms of office and from titles
    before the name; and whether the name is a consort's ("First Lady X", "his wife, X")."""
    if cluster.entry and published:
        for role in cluster.entry.roles:
            if role.holds_on(published):
                cluster.roles.add(role.role)
                if role.country:
                    cluster.countries.add(role.country)
    for mention in cluster.named():
        words = title_before(text, mention.span.start)
        titled = role_of_title(words, gazetteer) or second_rank_of_title(words)
        if not titled:
            # "The Mayor of Kendal, Ann Lee", "Ann Lee, the mayor of Kendal,".
            words = set_off_title(text, mention.span.start, gazetteer) or \
                appositive_title(text, mention.span.end)
            titled = role_of_title(words, gazetteer)
        # "former Prime Minister X" holds the office no more ("the former prime minister"
        # finds X as a description, `introduced_with`).
        former = former_words(words)
        if titled and not former:
            cluster.roles.add(titled)
            # A title its own words do not give ("Vice X") fits no phrase: none kept.
            if title := fold(" ".join(own_title(words, gazetteer))):
                cluster.titles.add(title)
        cluster.former = cluster.former or bool(titled and former)
        cluster.consort = cluster.consort or is_consort(text, mention)
        # "Lithuanian Defense Minister", "Lithuania's Deputy Defense Minister".
        for word in words:
            country = gazetteer.place_named(word)
            if country and country.identifiers.get("iso3166"):
                cluster.countries.add(country.identifiers["iso3166"])


def own_title(words: list[str], gazetteer: Gazetteer) -> list[str]:
    """The words of the title itself among those read before a name ("Chancellor" of "Prime
    Minister X met Chancellor"): back from the last while capitalised, words of titles or
    other nouns ("shadow home secretary", "courts minister"), never a preposition or an
    article ("with Russia", "the Kremlin") and never past a sentence's end ("Kremlin.");
    an abbreviated title ends in a stop ("Rep.", "Gen.")."""
    title: list[str] = []
    for word in reversed(words):
        folded = fold(word)
        if word.endswith(".") and (title or len(word) > ABBREVIATED_TITLE_CHARS) or \
                folded in NOT_TITLE_WORDS or not (
                    word[:1].isupper() or folded in title_words(gazetteer) or
                    word_classes(folded, "n") or word_classes(folded.removesuffix("s"), "n")):
            break
        title.insert(0, word)
    # A title holds a noun for a person or an office ("world champion", "Minister of
    # Defence", "Rep."); a place or a name alone is none ("talks with Syria").
    if not any(fold(w) in TITLE_NOUNS or w.endswith(".") or
               word_classes(fold(w), "n")[:1] == ("person",) for w in title):
        return []
    return title


# Short words with a stop that abbreviate a title ("Rep.", "Sen.", "Gov."); a longer word
# with a stop ends a sentence.
ABBREVIATED_TITLE_CHARS = 5
# Words that join a clause to a name, never a title to it ("talks with X", "over Y").
NOT_TITLE_WORDS = {"the", "a", "an", "with", "over", "in", "on", "at", "by", "from", "against",
                   "into", "after", "before", "under", "as", "about", "between", "to", "than",
                   "said", "says", "told", "and", "or", "but", "that", "who", "which"}


@cache
def title_words(gazetteer: Gazetteer) -> frozenset[str]:
    """Every word of a title the gazetteer knows, with the ranks and the heads of titles."""
    return frozenset(word for title in gazetteer.role_of_title for word in title.split()) | \
        SECOND_RANKS | TITLE_NOUNS


def role_of_title(words: list[str], gazetteer: Gazetteer) -> str | None:
    """The role a title before a name gives ("Defence Minister" -> the gazetteer's role), or a
    title's head noun the gazetteer does not list ("Economy Minister" -> minister), so that
    "the minister" can still find the person."""
    title = " ".join(words).lower()
    # The longest title the gazetteer knows that ends this one from the start of a word:
    # starts from the left, skipping one that follows a second rank.
    for word in WORD_START.finditer(title):
        start = word.start()
        known = gazetteer.role_of_title.get(title[start:])
        if known and not title[:start].endswith(AFTER_SECOND_RANK):
            return known
    last = fold(words[-1]).split() if words else []
    if not last or SECOND_RANKS.intersection(fold(" ".join(words[-2:])).split()):
        return None
    # "President-elect X": the office to be taken, which "the President-elect" means.
    if " ".join(last) in TITLE_NOUNS or \
            len(last) == 2 and last[0] in TITLE_NOUNS and last[1] in ELECT_SUFFIXES:
        return " ".join(last)
    return None


def second_rank_of_title(words: list[str]) -> str | None:
    """A title of a second rank the gazetteer does not list, from the rank on ("Vice
    President" -> "vice president", "Shadow Home Secretary" -> "shadow home secretary"), so
    that "the vice president" finds its bearer and "the president" does not."""
    folded = fold(" ".join(words)).split()
    ranks = [i for i, word in enumerate(folded) if word in SECOND_RANKS]
    if not ranks or not words or fold(words[-1]) not in TITLE_NOUNS:
        return None
    return " ".join(folded[ranks[-1]:])


def is_consort(text: str, mention: Mention) -> bool:
    """Whether a name is introduced as a spouse ("First Lady X", "his wife, X", "X, his wife"):
    someone known not to hold the office of the person they are married to."""
    before = fold(" ".join(title_before(text, mention.span.start)[-2:]))
    return before in CONSORT_BEFORE or before.split()[-1:] == ["wife"] or \
        before.split()[-1:] == ["husband"] or spouse_after(text, mention.span.end) is not None


def spouse_after(text: str, position: int) -> str | None:
    """The sex of the spouse a phrase set off after a name says its bearer is ("X, his wife,"
    'female'), or None when no closed spouse's phrase follows."""
    found = SPOUSE_AFTER.match(text[position:position + SPOUSE_AFTER_CHARS])
    if found is None:
        return None
    return next(SPOUSE_SEX[w] for w in found.group("phrase").lower().split() if w in SPOUSE_SEX)


def sex_of_honorific(text: str, position: int) -> str | None:
    """'female' after "Mrs."/"Ms."/"First Lady"/"his wife", 'male' after "Mr."/"her
    husband", else None: read from the word right before a name."""
    words = re.findall(r"[\w’'.-]+", text[max(0, position - TITLE_WINDOW_CHARS):position])
    last = fold(words[-1]).rstrip(".") if words else ""
    if last in FEMALE_HONORIFICS or last == "wife":
        return "female"
    if last in MALE_HONORIFICS or last == "husband":
        return "male"
    return None


def sex_of_name(text: str, mention: Mention) -> str | None:
    """The sex an honorific before a name or a spouse's phrase after it says ("X, her
    husband,")."""
    return spouse_after(text, mention.span.end) or sex_of_honorific(text, mention.span.start)


def sex_of_person(text: str, mentions: Iterable[Mention]) -> str | None:
    """The sex the report gives someone across their names: an honorific before a name or
    opening it ("Mr. X", a mention "Mrs Howard"), a spouse's phrase set off after it ("X, her
    husband,"); else the one their given name usually has ("Mark Ellis"); None when it says
    none, or both (one resolver's "Mr X" and "Mrs X")."""
    mentions = [m for m in mentions if m.text.split()]
    said = {sex_of_name(text, m) or sex_of_honorific(m.text, len(m.text.split()[0]))
            for m in mentions} - {None}
    if not said:
        said = {sex_of_given_name(m.text) for m in mentions} - {None}
    return said.pop() if len(said) == 1 else None


def sex_of_given_name(name: str) -> str | None:
    """The sex a person's given name usually says ("Mark Ellis" 'male'), read from the first
    of two or more words; None for a single word (a surname or a title) or a name borne by
    both."""
    words = name.split()
    return given_name_sexes().get(words[0]) if len(words) > 1 else None


@cache
def given_name_sexes() -> dict[str, str]:
    table = resources.files("newstrace").joinpath(GIVEN_NAME_SEXES_RESOURCE)
    return dict(line.split("\t") for line in table.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#"))


def title_before(text: str, position: int) -> list[str]:
    """The words of the title right before a name, up to a word of another office's phrase
    ("Senior Advisor to the Ukrainian President, X" gives "Senior Advisor")."""
    words = re.findall(r"[\w’'.-]+", text[max(0, position - TITLE_WINDOW_CHARS):position])
    words = words[-MAX_TITLE_TOKENS:]
    # "to" before a verb ("to meet President X") links no office.
    links = [i for i, w in enumerate(words[:-1]) if w.lower() in TITLE_LINKS
             and (words[i + 1][:1].isupper() or words[i + 1].lower() == "the")]
    return words[:links[0]] if links else words


# A name's styles after the comma that sets its title off ("…, the Rt Rev Dr Ann Lee").
STYLES_AFTER_COMMA = re.compile(
    r",\s+(?:the\s+)?(?:(?:" + "|".join(sorted(NAME_STYLES)) + r")\.?\s+)*$")
# Words after which a title names another's office or place ("Mayor of Kendal", "Adviser to
# the President").
OF_OFFICE = {"of", "to", "for"}


def set_off_title(text: str, position: int, gazetteer: Gazetteer) -> list[str]:
    """The title set off by a comma before a name, up to the office or place it is of ("The
    Bishop of Durham, the Rt Rev Dr X" gives "The Bishop"); none when no comma stands
    there."""
    window = text[max(0, position - TITLE_WINDOW_CHARS):position]
    comma = STYLES_AFTER_COMMA.search(window)
    if comma is None:
        return []
    # The clause before the comma is the title alone, from its sentence's start or its
    # article ("After talks with the Mayor of Kendal, Ann Lee …" sets no title off).
    clause = re.split(r"(?:^|[.!?;:]\s+|\n)(?=\S)", window[:comma.start()])[-1]
    title = before_office(clause.split())
    if title and title[0].lower() in ("the", "a", "an"):
        title = title[1:]
    return title if title and own_title(title, gazetteer) == title else []


def appositive_title(text: str, position: int) -> list[str]:
    """The title of a description set off after a name, up to the office or place it is of
    ("X, the mayor of Kendal," gives "the mayor"); none for one who held it before."""
    words = before_office(appositive_after(text, position).split())
    return [] if FORMER_WORDS.intersection(map(fold, words)) else words


def before_office(words: list[str]) -> list[str]:
    """A title's words before the first office or place it is of ("a spokeswoman for the
    Mayor of Kendal" gives "a spokeswoman")."""
    links = [i for i, w in enumerate(words) if w.lower() in OF_OFFICE]
    return words[:links[0]] if links else words


def in_clause(title: list[str]) -> list[str]:
    """`title_before`'s words from the start of the clause holding the name: no word of the
    sentence before ("It was quieter then. Prime Minister X" has no "then" in its title)."""
    ends = [i for i, w in enumerate(title) if w.endswith(",") or w.endswith(".") and
            w.rstrip(".") not in sentences.TITLE_ABBREVIATIONS]
    return title[ends[-1] + 1:] if ends else title


def former_words(title: list[str]) -> set[str]:
    """The words of a title's own clause that make it an office held before ("former")."""
    return FORMER_WORDS.intersection(fold(" ".join(in_clause(title))).split())


# Characters after a name read for an appositive description (", the singer,").
APPOSITIVE_AFTER_CHARS = 40


def referent_of_description(mention: Mention, people: list[Cluster], text: str,
                            speaking: list[Cluster] | None, topical: Cluster | None,
                            gazetteer: Gazetteer) -> Cluster | None:
    """The person a description ("the singer", "the Vermont senator") means, among the
    story's ``people`` named before it (latest first) whom it fits (`fits_description`): the
    one introduced with that noun or one of its kind ("singer Lena Ardis", "Ardis, the
    musician,"). When the phrase speaks (``speaking``: the people who spoke before it, latest
    first; None when it does not speak), else the ``topical`` one, whom the sentence before
    is about ("Ardis won the final. "…," the 22-year-old said."), else the only
    person named, else the one last speaking. Else no one: a singer and a tycoon named in one
    story cannot be told apart by the word "singer" alone, and "the driver" who did not
    speak is as often someone the story never names."""
    noun = fold(mention.text).split()[-1]
    kin = kindred_nouns(noun)
    people = [c for c in people if fits_description(mention.text, c, text, gazetteer)]
    nouns = {id(c): introduced_with(c, mention.span.start, text, gazetteer) for c in people}
    # "the former prime minister" is never one introduced as holding the office now.
    if FORMER_WORDS & set(fold(mention.text).split()):
        people = [c for c in people if not kin & nouns[id(c)] or FORMER_WORDS & nouns[id(c)]]
    introduced = [c for c in people if kin & nouns[id(c)]]
    # "Singer X" … "musician Y" … "the singer": the one introduced with the noun itself.
    exactly = [c for c in introduced if noun in nouns[id(c)]]
    if introduced:
        return (exactly or introduced)[0]
    # "The coroner said", "the Pope said": an office the story need not name anyone in, not
    # whoever it names.
    if speaking is None or noun in CAPITALISED_TITLE_HEADS:
        return None
    speaking = [c for c in speaking if c in people]
    # Not one introduced with a noun of another kind ("Mary Fox, the defending champion,
    # finished fifth. "…," the 22-year-old said.").
    if topical is not None and topical in people and not person_nouns(nouns[id(topical)]):
        return topical
    if len(people) == 1:
        return people[0]
    return speaking[0] if speaking else None


def introduced_with(cluster: Cluster, before: int, text: str,
                    gazetteer: Gazetteer) -> set[str]:
    """The words a person was introduced with before a place: each title's last word, folded
    into its words and with a shortened title's full nouns ("co-chairman Ivo Marsh", "Sen.
    Ann Lee"), a title's former word ("former Prime Minister X"), and each appositive's words
    ("singer Lena Ardis", "Ardis, the musician,")."""
    words: set[str] = set()
    for m in cluster.named():
        if m.span.start < before:
            written = in_clause(title_before(text, m.span.start))
            words.update(former_words(written))
            # folded in words: "co-chairman" is introduced with "chairman" too
            title = fold(" ".join(written[-1:])).split()
            words.update(title)
            words.update(*(TITLE_ABBREVIATIONS.get(word, ()) for word in title))
            words.update(fold(appositive_after(text, m.span.end)).split())
            words.update(fold(" ".join(set_off_title(text, m.span.start, gazetteer)[-1:])).split())
    return words


def person_nouns(words: set[str]) -> set[str]:
    """The words, of those a person was introduced with, that are nouns for people
    ("teacher", "champion", "coach"; not "and" or "Monday" read before a name)."""
    return {w for w in words if "person" in word_classes(w, "n")}


def kindred_nouns(noun: str) -> set[str]:
    """A person noun and those a report uses for the same person in turn: "singer",
    "musician", "star"; the noun alone when it belongs to no kind or says a sex ("the
    actress" is no one introduced as an actor)."""
    if noun in NOUN_SEXES:
        return {noun}
    return {noun}.union(*(kind for kind in DESCRIPTION_KINDS if noun in kind))


# Titles shortened before a name ("Sen. Ann Lee" ... "the Ohio senator"), folded.
TITLE_ABBREVIATIONS = {
    "sen": ("senator",), "rep": ("representative", "congressman", "congresswoman"),
    "gov": ("governor",), "prof": ("professor",),
}
# Nouns of one kind of person, any of which a report may use for someone introduced with
# another ("musician X" ... "the star" ... "the singer").
DESCRIPTION_KINDS = (
    frozenset({"singer", "star", "actor", "actress", "rapper", "musician", "artist",
               "comedian", "entertainer", "performer", "songwriter", "presenter"}),
    # Not "champion": a title won, which names no kind ("defending champion X" ... "the
    # Trafford athlete" may be anyone).
    frozenset({"striker", "midfielder", "defender", "goalkeeper", "athlete", "boxer",
               "golfer", "cyclist", "swimmer", "star", "sprinter", "racer", "hurdler",
               "runner", "vaulter", "jumper", "skater", "skier", "rower", "jockey",
               "batsman", "bowler", "winger", "olympian"}),
    frozenset({"billionaire", "tycoon", "businessman", "businesswoman", "entrepreneur",
               "magnate", "financier", "investor"}),
    frozenset({"novelist", "author", "writer", "poet"}),
    # "Lawmaker" is either; a senator is no congressman.
    frozenset({"senator", "lawmaker", "legislator"}),
    frozenset({"congressman", "congresswoman", "representative", "lawmaker", "legislator"}),
)
# The voices of a body, whom a story names or not; never an office's holder.
SPOKESPERSONS = {"spokesman", "spokeswoman", "spokesperson"}
# Person nouns that say a sex ("the actress"), which a person the report gives the other
# sex cannot be.
NOUN_SEXES = {"actress": "female", "businesswoman": "female", "congresswoman": "female",
              "sportswoman": "female", "chairwoman": "female", "spokeswoman": "female",
              "businessman": "male", "congressman": "male", "sportsman": "male",
              "chairman": "male", "spokesman": "male"}
# How many times someone has done a thing, written before a noun ("triple world champion",
# "the four-times winner", "a 3-time champion").
COUNT_WORDS = {"single": 1, "double": 2, "triple": 3, "treble": 3, "quadruple": 4,
               "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
               "eight": 8, "nine": 9, "ten": 10}
COUNTED = re.compile(r"\b(single|double|triple|treble|quadruple)\b|"
                     r"\b(\w+)[- ]times?\b", re.IGNORECASE)
AGED = re.compile(r"\b(\d{1,3})[- ]year[- ]old\b", re.IGNORECASE)


def counts_and_ages(phrase: str) -> dict[str, int]:
    """What a description counts of its person: how many times ("four-times champion") and
    how old ("the 31-year-old striker")."""
    found: dict[str, int] = {}
    for match in COUNTED.finditer(phrase):
        word = (match.group(1) or match.group(2)).lower()
        number = COUNT_WORDS.get(word) or (int(word) if word.isdigit() else None)
        if number is not None:
            found.setdefault("times", number)
    if aged := AGED.search(phrase):
        found["age"] = int(aged.group(1))
    return found


def fits_description(phrase: str, cluster: Cluster, text: str, gazetteer: Gazetteer) -> bool:
    """Whether a description can be a person: no sex, count, age or country it says is
    contradicted by how the report introduced them ("the actress" is no "Mr X"; "the
    four-times champion" is not the "triple world champion"; "the German driver" is not
    "French driver X")."""
    words = phrase.split()
    sex = NOUN_SEXES.get(fold(words[-1])) if words else None
    if sex is not None and sex_of_person(text, cluster.named()) not in (None, sex):
        return False
    said = counts_and_ages(phrase)
    countries = countries_named(words[:-1], gazetteer)
    introductions = [" ".join(own_title(title_before(text, m.span.start), gazetteer)) + " " +
                     appositive_after(text, m.span.end) for m in cluster.named()]
    if countries:
        known = set().union(*(countries_named(i.split(), gazetteer) for i in introductions))
        if known and not countries & known:
            return False
    return not any(counts_and_ages(i).get(what, value) != value
                   for i in introductions for what, value in said.items())


def countries_named(words: list[str], gazetteer: Gazetteer) -> set[str]:
    """The countries capitalised words name by nationality or place ("German",
    "Australian-born", "Brazil's")."""
    codes = set()
    for word in words:
        for part in re.split(r"[-–]", word):
            entry = gazetteer.place_named(part) if part[:1].isupper() else None
            code = entry and (entry.identifiers.get("iso3166") or entry.country)
            if code:
                codes.add(code)
    return codes


def appositive_after(text: str, position: int) -> str:
    """The description set off by a comma after a name: "Ardis, the singer, said" gives
    "the singer"."""
    match = re.match(r",\s+((?:a|an|the)\s[^,.;:]+)", text[position:position
                                                                + APPOSITIVE_AFTER_CHARS])
    return match.group(1) if match else ""


def title_fits(phrase: str, title: str, modifiers: bool) -> bool:
    """Whether a role phrase ("tory leader", folded, its determiners and nationality
    dropped) can name someone introduced with a title ("tory leader"): the same head noun,
    and with ``modifiers`` (an office the gazetteer does not know, whose words are all
    there is to go by) every word before it found in the title."""
    words, titled = phrase.split(), title.split()
    if not words or words[-1] not in titled:
        return False
    return not modifiers or set(words[:-1]) <= set(titled[:titled.index(words[-1])])


def referent_of_role(mention: Mention, clusters: list[Cluster], gazetteer: Gazetteer,
                     published: date | None, story: Span,
                     subject: str | None) -> Cluster | Entry | None:
    """The person a role phrase means: among the story's people who hold the role, the last
    one named before it, those of the country it names (else of the story's subject country)
    first; else the gazetteer's office holder on the report's date, returned as an entry."""
    words = mention.text.split()
    # "the Ukrainian President": the nationality names the country, the rest the office.
    countries = [e for e in map(gazetteer.country_of_demonym, words) if e]
    named_country = countries[0].identifiers.get("iso3166") if countries else None
    country = named_country or subject
    phrase = " ".join(fold(w) for w in words
                      if gazetteer.country_of_demonym(w) is None
                      and fold(w) not in ROLE_DETERMINERS)
    role = gazetteer.role_of_title.get(phrase)
    head = phrase.split()[-1] if phrase else ""
    # A consort ("First Lady X") is known not to hold the office of the one they married.
    people = [c for c in clusters if c.type == "PERSON" and not c.consort]
    if role:
        fitting = [c for c in people if role in c.roles
                   and (named_country is None or named_country in c.countries
                        or not c.countries)]
    elif ranks := SECOND_RANKS.intersection(phrase.split()):
        # "the vice president", "the shadow secretary": someone introduced with that rank
        # and head ("Shadow Home Secretary X"), never the holder of the office itself.
        fitting = [c for c in people if any(
            r.split()[0] in ranks and r.split()[-1] == head for r in c.roles)]
    else:
        # A bare "the minister" means a minister, not a deputy, nor one to take the office
        # ("the governor" is not the governor-elect).
        elect = ELECT_SUFFIXES.intersection(phrase.split())
        fitting = [c for c in people if any(
            head in r.split() and not SECOND_RANKS.intersection(r.split()) and
            bool(ELECT_SUFFIXES.intersection(r.split())) == bool(elect) for r in c.roles)]
    # A title the report gave says more than the office it maps to: "the prime minister" is
    # not someone introduced as "Chancellor X" (a head of government in Germany), and "the
    # Tory leader" is the leader introduced as the Tories'.
    fitting = [c for c in fitting if not c.titles or any(
        title_fits(phrase, title, modifiers=role is None) for title in c.titles)]
    position = mention.span.start
    in_story = [c for c in fitting if any(
        story.contains(m.span) and m.span.start < position for m in c.mentions)]
    fitting = in_story or [c for c in fitting if c.last_before(position) >= 0] or fitting
    if country:
        of_country = [c for c in fitting if country in c.countries]
        # "the Lithuanian president" when the story names no Lithuanian who holds it: the
        # office holder of that day, not a president of somewhere else.
        if not of_country and named_country and role and published:
            holder = gazetteer.office_holder(role, named_country, published)
            if holder is not None:
                return holder
        fitting = of_country or fitting
    if fitting:
        return max(fitting, key=lambda c: c.last_before(position))
    if role and published and country:
        return gazetteer.office_holder(role, country, published)
    # A report without a date: the one person named before it in its story who ever held
    # the office ("the prime minister" in an undated story naming Tony Blair), never one
    # introduced as its former holder; of two who held it, no one.
    if role and published is None:
        held = [c for c in people if c.entry and any(
            r.role == role and named_country in (None, r.country) for r in c.entry.roles)
            and not c.former
            and any(story.contains(m.span) and m.span.start < position for m in c.mentions)]
        return held[0] if len(held) == 1 else None
    return None
