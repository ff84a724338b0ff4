"""Entity mentions: the gazetteer's names, spaCy's named entities, and the descriptive noun
phrases that refer to them ("the minister", "the agency", "his French counterpart").

spaCy's small model mistypes names it has not seen (it reads "Sakaliene" as a place and
"Alexa" as an organisation); mentions keep spaCy's guess and the resolver corrects it.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newstrace.annotate import Words, get_nlp, text_of, words_of
from newstrace.clean.boilerplate import PHOTO_CREDIT_WORDS
from newstrace.extract.attribution.index import noun_chunks
from newstrace.extract.lexicon import (
    ANAPHOR_DETERMINERS,
    NP_SPEECH_LEMMAS,
    SPEECH_LEMMAS,
    word_classes,
)
from newstrace.extract.timexes.patterns import MONTH_NAMES, WEEKDAY_NAMES
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Mention, MentionOrigin, Span
from newstrace.resolve.names import names_match, phonetic_key

SPACY_TYPES = {
    "PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "GPE", "FAC": "ORG",
    "EVENT": "EVENT", "NORP": "NORP",
    # Unseen names land here as often as real works and products; the resolver keeps them
    # only when they link to a known entity.
    "WORK_OF_ART": "UNKNOWN", "PRODUCT": "UNKNOWN",
}

# Anaphors that name a kind of outlet, and the gazetteer kind the outlet meant must have.
OUTLET_KIND_OF_HEAD = {"agency": "agency", "newspaper": "newspaper", "daily": "newspaper",
                       "broadcaster": "broadcaster"}
# Heads of anaphors for a company, which an outlet is too: "the company" after only Reuters
# has been named is Reuters.
COMPANY_ANAPHOR_HEADS = {"company", "firm"}
# Heads of anaphoric noun phrases and the entity type they refer to.
ANAPHOR_HEADS = {
    "country": "GPE", "state": "GPE", "nation": "GPE", "republic": "GPE", "kingdom": "GPE",
    "emirate": "GPE",
    "convention": "TREATY", "treaty": "TREATY", "agreement": "TREATY", "accord": "TREATY",
    **dict.fromkeys(OUTLET_KIND_OF_HEAD, "OUTLET"),
    "ministry": "ORG", "department": "ORG", "government": "ORG", "parliament": "ORG",
    "alliance": "ORG", "organisation": "ORG", "organization": "ORG",
    **dict.fromkeys(COMPANY_ANAPHOR_HEADS, "ORG"),
    "war": "EVENT", "conflict": "EVENT", "invasion": "EVENT",
}
# Offices of church and town a British report capitalises after "the" ("the Bishop said",
# "the Archbishop"): a person described, whatever the recogniser typed the word, and only
# someone introduced with the noun (`resolve.roles.referent_of_description`).
CAPITALISED_TITLE_HEADS = {"bishop", "archbishop", "cardinal", "pope", "rabbi", "imam",
                           "vicar", "dean", "provost", "sheriff", "coroner"}
# What a report calls a person it has named ("the singer", "the Vermont senator", "the
# 31-year-old striker"): resolved to the person last named in the story. Occupations and
# public roles that are no office of a state (those are ROLE_HEADS, resolved to the holder);
# never "man", "woman", "victim", "witness", "driver" or "player", which as often mean
# someone the story leaves unnamed.
PERSON_DESCRIPTION_HEADS = CAPITALISED_TITLE_HEADS | {
    "senator", "congressman", "congresswoman", "lawmaker", "legislator", "politician",
    "candidate", "nominee", "frontrunner", "incumbent", "challenger", "campaigner", "activist",
    "billionaire", "tycoon", "businessman", "businesswoman", "entrepreneur", "magnate",
    "economist", "analyst", "professor", "scientist", "researcher", "lawyer", "attorney",
    "singer", "star", "actor", "actress", "rapper", "musician", "artist", "comedian",
    "presenter", "novelist", "author", "writer", "journalist", "filmmaker", "designer",
    "striker", "midfielder", "defender", "goalkeeper", "coach", "champion", "athlete",
    "boxer", "golfer", "cyclist", "swimmer", "founder", "financier", "dissident",
    "sprinter", "hurdler", "runner", "vaulter", "jumper", "skater", "skier", "rower",
    "jockey", "batsman", "bowler", "winger", "medallist", "medalist", "olympian", "finalist",
}
# Titles of no state office, which the gazetteer cannot give a holder for: "the Tory
# co-chairman", "the chief executive" mean whom the story introduced with them. With a body
# named inside ("the EU envoy") the phrase is left to the body's own mention.
BODY_TITLE_HEADS = {"chairman", "chairwoman", "chairperson", "director", "executive",
                    "adviser", "advisor", "aide", "envoy", "commissioner", "prosecutor",
                    "strategist", "secretary"}
# Body titles that are adjectives too ("the executive order") or a state's office alone ("the
# foreign secretary"): a body's title only after this word.
TITLE_ONLY_AFTER = {"executive": "chief", "secretary": "general"}
# What someone is to another, written before a name ("Pal Ana Varga said", "Cousin Tom
# Lee"): a description of the person, no word of the name.
RELATION_NOUNS = {
    "pal", "friend", "cousin", "neighbour", "neighbor", "colleague", "classmate", "teammate",
    "brother", "sister", "son", "daughter", "mother", "father", "mum", "dad", "uncle",
    "aunt", "nephew", "niece", "husband", "wife", "fiance", "fiancee", "partner",
    "grandmother", "grandfather", "grandson", "granddaughter", "stepfather", "stepmother"}
BODY_ENTITY_LABELS = {label for label, type_ in SPACY_TYPES.items() if type_ == "ORG"}
# Words that make an office's title describe someone who held it before ("the former
# cabinet secretary", "the then prime minister"): whom the story introduced so, never the
# office's holder on the report's date.
FORMER_WORDS = {"former", "ex", "then", "erstwhile"}
# Words a person description may hold before its noun: "the 31-year-old striker" has six.
PERSON_DESCRIPTION_WORDS = 7
# Heads that describe a state in lower case and end its name when capitalised.
STATE_NAME_HEADS = {"republic", "kingdom", "emirate"}
# Nouns of a descriptive phrase standing right before a name it describes ("Lithuanian radio
# station Žinių radijas", "his French counterpart Emmanuel Macron"). Titles (minister,
# president) are left out: a bare title before a name is not an alias.
# Each with the type of what it describes, which a name the recogniser missed after it
# takes ("US magazine Mobile PC").
APPOSITIVE_TYPES = {
    **dict.fromkeys(("station", "newspaper", "daily", "weekly", "broadcaster", "channel",
                     "magazine", "portal", "website", "outlet"), "OUTLET"),
    "counterpart": "PERSON",
    **dict.fromkeys(("capital", "city", "exclave", "region"), "GPE"),
    # "the oil company X", "Russian oil giant X": a company described, then named.
    **dict.fromkeys(("agency", "company", "firm", "giant", "carmaker", "maker", "producer",
                     "manufacturer", "bank", "lender", "insurer", "airline", "carrier",
                     "retailer", "conglomerate"), "ORG"),
}
APPOSITIVE_HEADS = set(APPOSITIVE_TYPES)
# Those that name people or public bodies too ("music producer Ivo Marsh", "film-maker X",
# "the agency", a government's): they type no name.
PERSON_TOO_HEADS = {"producer", "maker", "giant", "carrier", "agency"}
MAX_DESCRIBED_NAME_WORDS = 4
DATE_NAMES = {name.lower() for name in (*WEEKDAY_NAMES, *MONTH_NAMES)}
ROLE_HEADS = {"minister", "president", "premier", "chancellor", "secretary", "governor",
              "prime", "spokesman", "spokeswoman", "spokesperson", "ambassador", "commander",
              "mayor", "leader"}
# What a title ends with for one who is to take the office ("President-elect").
ELECT_SUFFIXES = {"elect", "designate"}
# The last word of a title spaCy may take for a person's name ("Lithuanian Minister",
# "Senior Strategic Advisor"): such a phrase is a role, never a person of its own.
TITLE_NOUNS = ROLE_HEADS - {"prime"} | {
    "advisor", "adviser", "aide", "envoy", "deputy", "director", "chief", "chairman",
    "chairwoman", "commissioner", "representative", "undersecretary", "spokesperson",
    "officer", "ombudsman", "prosecutor", "mayor", "speaker", "head", "leader",
}
# Every word of a title, "prime" among them: never a given name before a surname.
TITLE_WORDS = TITLE_NOUNS | ROLE_HEADS
# Endings of nouns that name someone by what they do ("swimmer", "councillor", "pianist").
AGENT_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "man", "woman", "ess")
# Honorifics that are no part of a speaker's name ("Mr Varga said").
NAME_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Mme", "Madame", "Dr"}
# Styles written before a name ("the Rt Rev Dr Ann Lee", "the Hon Ivo Marsh"): a phrase of
# these alone names nobody.
NAME_STYLES = NAME_HONORIFICS | {"Rt", "Rev", "Revd", "Reverend", "Very", "Most", "Right",
                                 "Hon", "Honourable", "Sir", "Dame", "Prof", "Fr"}
# Words before a name that use it as a common noun ("each State Party"); "the", "a" and
# "an" are only dropped, the resolver reads what they say.
QUANTIFIERS = {"each", "every", "any", "another", "no", "such"}
# A web address used as an outlet's name ("News.Az", "Delfi.lt"): the tokenizer splits some
# at the dot, and the part after it would be read as a name of its own.
DOMAIN_NAME = re.compile(r"(?<![\w.])[A-Z0-9][\w-]*\.(?:[a-z]{2,4}|[A-Z][a-z])(?![\w.])")
# A social network's address inside a link ("pic.twitter.com/x1"): its name is a mention.
NETWORK_LINK = re.compile(r"(?<![\w-])(?:[a-z]+\.)?(twitter|facebook|instagram|youtube|tiktok)"
                          r"\.com/", re.IGNORECASE)
# Two letters after a full stop that start a sentence more often than they end an address.
SENTENCE_WORDS = {"It", "In", "On", "At", "He", "We", "As", "If", "So", "No", "Is", "An", "Of",
                  "To", "By", "Or", "My", "Me", "Us", "Be", "Do", "Go", "Up"}
OPENING_MARKS = "\"'“„«‚‘”»"
# A line of capitals: at least this many letters, nearly all upper case.
SHOUTING_MIN_LETTERS = 12
SHOUTING_SHARE = 0.9
# What ends a company's legal name, as written in news copy.
CORPORATE_DESIGNATORS = {
    "Co", "Co.", "Cos", "Cos.", "Corp", "Corp.", "Corporation", "Inc", "Inc.", "Incorporated",
    "Ltd", "Ltd.", "Limited", "LLC", "L.L.C.", "LLP", "LP", "L.P.", "PLC", "Plc", "plc",
    "AG", "SA", "S.A.", "SE", "NV", "N.V.", "BV", "B.V.", "GmbH", "SpA", "S.p.A.", "AB",
    "ASA", "A/S", "Oyj", "Bhd", "Pty", "KK", "K.K.", "Bancorp", "Bancshares",
}
# Words a name may continue from with "of" ("Bank of America Corp").
NAME_OF_HEADS = {"Bank", "Trust", "Company", "Corporation", "Society", "Association", "Union",
                 "Bancorp", "Group", "Insurance", "Railway", "Railroad"}
# Heads of an institution named after its place ("Bank of England", "University of Tartu",
# "Church of Scotland"): the recogniser's whole name is one body, whose place the gazetteer
# alone would take.
INSTITUTION_OF_HEADS = NAME_OF_HEADS | {
    "University", "College", "Church", "Museum", "Institute", "Academy", "School",
    "Chamber", "Port", "Diocese", "Archdiocese"}
INSTITUTION_OF_PLACE = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w.&'-]*\s+)*?(\w+)\s+of\s+[A-Z]")
# Bodies of several institutions named after their place ("Universities Scotland",
# "Colleges Wales"): the plural head first, the place after it.
INSTITUTION_PLURALS = "Universities|Colleges|Councils|Schools|Museums|Hospitals"
INSTITUTIONS_OF_PLACE = re.compile(rf"({INSTITUTION_PLURALS})\s+[A-Z]")
# Bodies named with their place first ("London Fire Brigade", "UK Independence Party"): the
# body's noun ends the name.
BODY_AFTER_PLACE = re.compile(
    r"(?:[Tt]he\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*\s+(Brigade|Party|Police|Council|"
    r"Service|Board|Authority|Agency|Commission|Committee|Union|Federation|Association|"
    r"Society|Trust|Club|Hospital|Airport|Assembly|Court|Fund|Foundation|Constabulary)$")
# Nouns that head a description of a treaty ("an international convention banning cluster bombs").
TREATY_HEADS = {"treaty", "convention", "accord", "pact", "agreement"}
# Verbs and prepositions that introduce what a treaty is about ("banning X", "that bans X", "on X").
TREATY_SUBJECT_VERBS = {"ban", "prohibit", "outlaw", "forbid"}
TREATY_SUBJECT_PREPOSITIONS = {"on", "against"}
TREATY_DETERMINERS = {"a", "an", "the", "this", "that"}
# Words of a treaty's description that say nothing about which treaty it is.
TREATY_GENERIC_WORDS = {
    "a", "an", "the", "this", "that", "which", "its", "of", "on", "and", "against", "for", "to",
    "in", "their", "international", "global", "landmark", "historic", "new", "old", "un",
    "ban", "bans", "banning", "banned", "prohibit", "prohibits", "prohibiting", "prohibition",
    "outlaw", "outlaws", "outlawing", "forbid", "forbids", "forbidding", "use", "treaty",
    "treaties", "convention", "conventions", "accord", "pact", "agreement", "destruction",
}


@functools.lru_cache(maxsize=4)
def alias_matcher(gazetteer: Gazetteer) -> PhraseMatcher:
    """A phrase matcher over every gazetteer name, built once per gazetteer."""
    nlp = get_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    make_doc = nlp.make_doc
    for key, entry in gazetteer.entries.items():
        matcher.add(key, [make_doc(form) for form in entry.surface_forms()])
    return matcher


GIVEN_NAMES_RESOURCE = "data/lexicon/given_names.tsv"
# Words after a given name that may make up the rest of a person's name: "Vladimir
# Vladimirovich Putin".
NAME_WORDS_AFTER_GIVEN = 2
# Given names and a patronymic before a surname: "Alexander Grigoryevich Lukashenko".
NAME_WORDS_BEFORE_SURNAME = 3


def find_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Named mentions (gazetteer first, then spaCy) and descriptive noun phrases, sorted."""
    # A company's full name holds the place or paper it is named after ("Bank of New York
    # Corp", "American Telephone and Telegraph Co"), which the gazetteer alone would take.
    companies = company_names(doc) + place_bodies(doc, gazetteer)
    recognised = [m for m in (ner_mention(e, gazetteer) for e in joined_offices(doc))
                  if m is not None]
    # "US magazine Pocket Kit": the noun before a name says what it is, whatever the
    # recogniser typed it (not a title's word: "city Mayor Ann Lee").
    described = described_names(doc)
    kinds = {m.span.start: m.type for m in described}
    for mention in recognised:
        if mention.span.start in kinds and \
                mention.text.split()[0].lower() not in TITLE_WORDS:
            mention.type = kinds[mention.span.start]
    # So does a person's ("John Archer", "Jack London"): a known place or thing that ends
    # a name the recogniser read as a person's, after a word of the name, not a title.
    names = companies + [m for m in recognised if m.type == "PERSON"
                         or m.type == "ORG" and institution_head(m.text) is not None]
    text = text_of(doc)
    people = given_name_people(doc, gazetteer)
    # A known person's surname after another given name ("His son Viktor Lukashenko",
    # "First lady Emine Erdoğan") is a namesake's: the whole name wins over the gazetteer's.
    whole_names = names + [m for m in people if m.type == "PERSON"]
    named = [m for m in gazetteer_mentions(doc, gazetteer)
             if not any(c.span.contains(m.span) and c.span != m.span and (
                 c.type != "PERSON" or m.type != "PERSON" and surname_of(text, c, m))
                 for c in names)
             and not (m.type == "PERSON" and any(namesake_of(text, c, m, gazetteer)
                                                   for c in whole_names))]
    taken = [m.span for m in named]
    # Only a paper's or a company's name is found so; a place's or a person's the recogniser
    # must find ("the city Council" is no place).
    for mention in companies + domain_names(text) + network_links(text) + people + recognised + \
            [m for m in described if m.type in ("OUTLET", "ORG")]:
        if not any(mention.span.overlaps(span) for span in taken):
            named.append(mention)
            taken.append(mention.span)
    named += [m for m in speaker_names(doc) + addressee_names(doc) +
              demonym_mentions(doc, gazetteer)
              if not any(m.span.overlaps(span) for span in taken)]
    named = [m for m in named if not shouted_only(m, text)]
    # "Lithuanian", "Baltic", "Lithuanian-Ukrainian": nationalities (NORP), whatever spaCy
    # called them; inside a longer phrase ("the Lithuanian newspaper") the phrase wins.
    nationalities = [m for m in named if m.type == "NORP" or is_demonym(m.text, gazetteer)]
    named = [m for m in named if m not in nationalities]
    descriptive = descriptor_mentions(doc, gazetteer)
    # "Lithuania's parliament" names the Seimas; the country inside it is not a mention.
    institutions = [m for m in descriptive if m.origin == "descriptor"]
    # "the Gulf state" describes a state; the region named inside it is not a mention. Nor
    # is the place in "the Vermont senator": the phrase describes a person named before.
    regions = [m for m in descriptive if m.origin == "anaphor" and m.type == "GPE"]
    people = [m for m in descriptive if m.origin == "anaphor" and m.type == "PERSON"]
    named = [m for m in named if not (gazetteer.region_named(m.text)
                                      and any(r.span.contains(m.span) for r in regions))
             and not any(p.span.contains(m.span) for p in people)]
    named = [m for m in named if not any(i.span.contains(m.span) for i in institutions)]
    taken = [m.span for m in named]
    descriptive = [m for m in descriptive if not any(m.span.overlaps(span) for span in taken)]
    taken += [m.span for m in descriptive]
    for mention in nationalities:
        if not any(mention.span.overlaps(span) for span in taken):
            mention.type = "NORP"
            named.append(mention)
    return sorted(named + descriptive, key=lambda m: m.span)


def described_names(doc: Doc) -> list[Mention]:
    """"US magazine Mobile PC", "oil firm Varnex": the capitalised proper nouns right after a
    noun that says what they name, typed by that noun (for the names the recogniser misses;
    those it finds come first)."""
    found = []
    words = words_of(doc)
    for i, lower in enumerate(words.lower):
        if lower not in APPOSITIVE_TYPES or lower in PERSON_TOO_HEADS or words.pos[i] != "NOUN":
            continue
        # Not a date after it: "told the newspaper Tuesday".
        end = i + 1
        while end < len(doc) and end - i <= MAX_DESCRIBED_NAME_WORDS and \
                words.pos[end] == "PROPN" and words.text[end][:1].isupper() and \
                words.ent_type[end] not in ("DATE", "TIME") and words.lower[end] not in DATE_NAMES:
            end += 1
        if end > i + 1:
            span = Span(words.idx[i + 1], words.idx[end - 1] + len(words.text[end - 1]))
            found.append(Mention(span, doc[i + 1:end].text, APPOSITIVE_TYPES[lower]))
    return found


def surname_of(text: str, person: Mention, known: Mention) -> bool:
    """Whether a known name ends a person's name after a word of it ("Archer" in "John
    Archer"), not after a title ("Mayor Washington") or at its start ("Paris Hilton")."""
    before = text[person.span.start:known.span.start].split()
    return known.span.end == person.span.end and bool(before) and \
        before[-1][:1].isupper() and before[-1].lower().rstrip(".") not in TITLE_NOUNS


def namesake_of(text: str, person: Mention, known: Mention, gazetteer: Gazetteer) -> bool:
    """Whether a person's name ends in a known person's name after given names that are not
    that person's ("Viktor Lukashenko", "V. Lukashenko" beside Alexander Lukashenko); "Tayyip
    Erdoğan" or "A. Lukashenko" fit, and a title before the name ("President") is none."""
    if person.type != "PERSON" or known.span.end != person.span.end or \
            not person.span.contains(known.span) or person.span == known.span:
        return False
    given = given_names_before(text[person.span.start:known.span.start], gazetteer)
    entry = gazetteer.lookup(known.text, ("PERSON",))
    return bool(given) and entry is not None and not given_names_fit(given, known.text, entry)


def given_names_before(words: str, gazetteer: Gazetteer) -> list[str]:
    """The capitalised words ending a stretch of text that may be given names or initials
    ("Viktor", "A.", "Recep Tayyip"): no honorific, title or name the gazetteer knows."""
    given: list[str] = []
    for word in reversed(words.split()[-NAME_WORDS_BEFORE_SURNAME:]):
        bare = word.rstrip(".")
        if not (bare.isalpha() and bare[:1].isupper()) or bare in NAME_HONORIFICS or \
                bare.lower() in TITLE_WORDS or \
                bare.lower() in gazetteer.role_of_title or gazetteer.lookup(bare) is not None:
            break
        given.append(word)
    return given


def given_names_fit(given: list[str], surname: str, entry: Entry) -> bool:
    """Whether one of the given names fits one of a known person's (`names.names_match`,
    any of its spellings: "Tayyip" fits "Recep Tayyip Erdoğan", "V." does not fit Alexander)."""
    own = [form.split()[:-1] for form in entry.surface_forms() if len(form.split()) > 1]
    if not own:  # no given name known to tell a namesake by
        return True
    return any(names_match(f"{word} {surname}", f"{other} {surname}", "PERSON")
               for word in given for words in own for other in words)


def shouting_lines(text: str) -> list[Span]:
    """Lines in capitals ("HALVERN <HLV> AGREES TO ACQUIRE CAR PARTS MAKER"), as wires write
    headlines."""
    lines, start = [], 0
    for line in text.split("\n"):
        letters = "".join(filter(str.isalpha, line))  # in C: every character is read
        if len(letters) >= SHOUTING_MIN_LETTERS and \
                sum(map(str.isupper, letters)) >= SHOUTING_SHARE * len(letters):
            lines.append(Span(start, start + len(line)))
        start += len(line) + 1
    return lines


@functools.lru_cache(maxsize=8)
def _quiet_text(text: str) -> tuple[tuple[Span, ...], str]:
    """The shouting lines of a text, and the text with them blanked out."""
    lines = shouting_lines(text)
    quiet = text
    for line in lines:
        quiet = quiet[:line.start] + " " * (line.end - line.start) + quiet[line.end:]
    return tuple(lines), quiet


def shouted_only(mention: Mention, text: str) -> bool:
    """A name found only in a line of capitals: the tagger reads words in capitals as names
    ("ACQUIRE", "CAR PARTS MAKER") and the gazetteer reads them as acronyms ("CAR" for the
    Central African Republic), so such a name counts only where the report names it again in
    ordinary type, capitalised ("Pittston", not the verb in "agreed to acquire")."""
    lines, quiet = _quiet_text(text)
    if not any(line.contains(mention.span) for line in lines):
        return False
    again = re.finditer(r"\b" + re.escape(mention.text) + r"\b", quiet, re.IGNORECASE)
    return not any(found.group()[:1].isupper() for found in again)


def gazetteer_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    matcher = alias_matcher(gazetteer)
    # A person's whole name as spaCy reads it (proper nouns only) holds no company or
    # outlet named by one word ("Leonardo DiCaprio", "Michael Bloomberg"); a place or a
    # thing may begin a club's or a company's name that spaCy reads as a person's
    # ("Manchester United", "Patriot Coal"), so those are taken as before.
    people = [(ent.start, ent.end) for ent in doc.ents if ent.label_ == "PERSON"
              and all(token.pos_ == "PROPN" and token.is_alpha for token in ent)]
    spans = []
    for match_id, start, end in matcher(doc):
        entry = gazetteer.entries[doc.vocab.strings[match_id]]
        if entry.type in ("ORG", "OUTLET") and end - start == 1 and any(
                first <= start and end <= last and last - first > 1 for first, last in people):
            continue
        # A lone surname names a person only where spaCy sees a name (not "Kaunas" the city).
        if entry.type == "PERSON" and end - start == 1 and doc[start].ent_type_ in ("", "GPE",
                                                                                    "LOC", "FAC"):
            continue
        # "Russian military aggression": an adjective use, not the Russian military.
        if doc[end - 1].pos_ == "ADJ" and doc[end - 1].dep_ == "amod" and \
                not start <= doc[end - 1].head.i < end:
            continue
        spans.append((start, end, entry.type))
    mentions = []
    # Longest first, then leftmost: "Oslo Convention Banning Cluster Munitions" over "Oslo".
    used: set[int] = set()
    for start, end, type_ in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if used.intersection(range(start, end)):
            continue
        used.update(range(start, end))
        span = doc[start:end]
        mentions.append(Mention(Span(span.start_char, span.end_char), span.text, type_,
                                origin="gazetteer"))
    return mentions


def is_word(token: Token) -> bool:
    """Not a mark, a symbol ("<" and ">" round a company's name on the wire) or a line break."""
    return any(c.isalnum() for c in token.text)


# A body's own nouns, written in lower case after its name ("the Labour party").
BODY_NOUNS = {"party", "commission", "committee", "council", "union", "assembly",
              "parliament", "government", "court", "board", "agency", "ministry"}


def ner_mention(ent: SpacySpan, gazetteer: Gazetteer) -> Mention | None:
    type_ = SPACY_TYPES.get(ent.label_)
    if type_ is None:
        return None
    tokens = list(ent)
    # "the ICRC" and "Lithuania's" name the same thing as "ICRC" and "Lithuania".
    # Marks at the edges are not part of the name, nor are the brackets some wires put
    # around company names ("<American Aircraft Corp>"), which spaCy may take in.
    # A quantifier in lower case only: "Every Student Succeeds Act" is a name.
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].text in QUANTIFIERS
                      or not is_word(tokens[0])):
        tokens.pop(0)
    # "Ann Lee - 8/8 Witnesses": a picture gallery's counter after a photographer's name, the
    # caption's words run on; a person's name holds no number after its first word.
    if type_ == "PERSON":
        counted = next((i for i, t in enumerate(tokens) if i and any(
            c.isdigit() for c in t.text)), None)
        tokens = tokens[:counted] if counted is not None else tokens
    while tokens and (tokens[-1].text in ("'s", "’s") or not is_word(tokens[-1])):
        tokens.pop()
    # "the Forum for the Future research found": a name ends at its last capitalised word,
    # not at a common noun in lower case the recogniser ran on into (but a body's own noun
    # stays: "the Conservative party"; nor is a hyphenated word cut: "run-in").
    while len(tokens) > 1 and tokens[-1].is_lower and tokens[-1].pos_ == "NOUN" and \
            tokens[-1].lower_ not in BODY_NOUNS and tokens[-2].text != "-" and \
            not tokens[-1].text.startswith("-"):
        tokens.pop()
    # "Lord Dubs' Succession to the Crown Bill": a name ends at a possessive before a
    # common noun (not "McDonald's Corp", a company's name).
    owner = next((i for i, t in enumerate(tokens[:-1]) if i and t.tag_ == "POS" and
                  tokens[i + 1].tag_ in ("NN", "NNS")), None)
    tokens = tokens[:owner] if owner is not None else tokens
    # "PC Pro Magazine" read as "Pro Magazine": a body's name takes in the capitalised
    # words before it that the parser joined to it and the recogniser gave no type; not an
    # initial ("S Dellape"), a person's style ("Lord Butler") nor a name the gazetteer knows
    # ("UK").
    while type_ == "ORG" and tokens and tokens[0].i > 0:
        before = ent.doc[tokens[0].i - 1]
        if before.pos_ != "PROPN" or before.dep_ != "compound" or before.ent_type_ or \
                before.head not in tokens or not before.text[:1].isupper() or \
                len(before.text) < 2 or before.lower_ in TITLE_NOUNS or \
                before.text.rstrip(".") in NAME_STYLES | {"Lord", "Lady"} or \
                before.is_sent_start or gazetteer.lookup(before.text) is not None:
            break
        tokens.insert(0, before)
    # "GETTY Ana Varga": a picture agency's credit, in capitals, run on into a caption.
    while len(tokens) > 1 and tokens[0].text.isupper() and \
            tokens[0].lower_ in PHOTO_CREDIT_WORDS:
        tokens.pop(0)
    # "First Lady Ana Varga": the title is read before the name, not in it.
    if type_ == "PERSON" and len(tokens) > 1 and tokens[0].lower_ == "lady" and \
            tokens[0].i > 0 and tokens[0].doc[tokens[0].i - 1].lower_ == "first":
        tokens.pop(0)
    # "Councillor Rasa Petrauskienė", "Swimmer Eglė Petrauskaitė": a noun of office or
    # occupation before a whole name is a description of the person, not a word of the name
    # (whatever the recogniser typed it, when a given name follows).
    # "Pal Asma Kazim", whatever the recogniser typed it: a relation's name is a person's.
    while len(tokens) > 2 and tokens[1].is_alpha and tokens[1].is_title and \
            (type_ == "PERSON" or _is_given_name(tokens[1].text) or
             tokens[0].lower_ in RELATION_NOUNS) and occupation_noun(tokens[0]):
        if tokens.pop(0).lower_ in RELATION_NOUNS:
            type_ = "PERSON"
    if not tokens or not any(t.text[:1].isupper() for t in tokens) or \
            type_ == "PERSON" and all(t.text.rstrip(".") in NAME_STYLES for t in tokens):
        return None
    # "Defense" in "Deputy Defense Minister": a word of a title, not a name.
    after = ent.doc[tokens[-1].i + 1] if tokens[-1].i + 1 < len(ent.doc) else None
    if len(tokens) == 1 and after is not None and after.lower_ in ROLE_HEADS:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # Span.text joins only its own tokens; Doc.text would join the whole document each time.
    text = ent.doc[tokens[0].i:tokens[-1].i + 1].text
    if type_ == "PERSON" and tokens[-1].lower_ in TITLE_NOUNS:
        return Mention(Span(start, end), text, type_, origin="role")
    return Mention(Span(start, end), text, type_)


def occupation_noun(token: Token) -> bool:
    """A capitalised noun of office, occupation or relation ("Councillor", "Swimmer", "Pal"):
    a title, a description of a person, or a noun WordNet files first under people that is
    formed as an agent's ("-er", "-ist", "-ian"), since WordNet also files people's names
    there ("Carlos", "Douglas", "Lee"); never a given name ("Hunter", "Victor") but a
    relation's."""
    lower = token.lower_
    return token.text.istitle() and (lower in RELATION_NOUNS or (
        lower in TITLE_WORDS or lower in PERSON_DESCRIPTION_HEADS or
        lower.endswith(AGENT_SUFFIXES) and word_classes(lower, "n")[:1] == ("person",)
    ) and not _is_given_name(token.text))


def network_links(text: str) -> list[Mention]:
    """The social network a link's address names ("pic.twitter.com/…", "facebook.com/…"): the
    network a pasted post was written on, named in the report's own characters."""
    return [Mention(Span(found.start(1), found.end(1)), found.group(1), "OUTLET")
            for found in NETWORK_LINK.finditer(text)]


def domain_names(text: str) -> list[Mention]:
    """Web addresses that name an outlet or a company ("News.Az"), one name each."""
    return [Mention(Span(found.start(), found.end()), found.group(), "ORG")
            for found in DOMAIN_NAME.finditer(text)
            if found.group().split(".")[-1] not in SENTENCE_WORDS]


def institution_head(name: str) -> str | None:
    """The head of an institution named after its place: "Bank" of "Bank of England" and
    "the Central Bank of Ireland", "University" of "the University of Tartu", "Universities"
    of "Universities Scotland", "Brigade" of "London Fire Brigade"."""
    match = INSTITUTION_OF_PLACE.match(name)
    if match and match.group(1) in INSTITUTION_OF_HEADS:
        return match.group(1)
    several = INSTITUTIONS_OF_PLACE.match(name) or BODY_AFTER_PLACE.match(name)
    return several.group(1) if several else None


def company_names(doc: Doc) -> list[Mention]:
    """Names that end in a corporate designator ("Pittston Co", "American Telephone and
    Telegraph Co", "Bank of New York Mellon Corp"), which the small model cuts short or
    misses: the designator makes the whole run of capitalised words one organisation."""
    mentions = []
    for i, text in enumerate(words_of(doc).text):
        if text not in CORPORATE_DESIGNATORS or i == 0:
            continue
        token = doc[i]
        start = token.i
        while start > 0:
            word = doc[start - 1]
            # The parser's sentences are unreliable next to capitalised headlines; a line
            # break or a mark is not. A capitalised first word is a name only as a PROPN.
            opens = word.i == 0 or doc[word.i - 1].is_space or doc[word.i - 1].is_punct
            if word.is_space or (word.is_punct and word.text != "&") or \
                    (opens and word.pos_ != "PROPN"):
                break
            capitalised = word.text[:1].isupper() and word.pos_ in ("PROPN", "NOUN", "ADJ", "X")
            # "Telephone and Telegraph", "Bank of New York": joiners inside a name.
            joiner = start - 2 >= 0 and doc[start - 2].text[:1].isupper() and (
                word.text in ("&", "and") or word.text == "of" and
                doc[start - 2].text in NAME_OF_HEADS)
            if not (capitalised or joiner):
                break
            start -= 1
        if start < token.i:
            mentions.append(Mention(Span(doc[start].idx, token.idx + len(token.text)),
                                    doc[start:token.i + 1].text, "ORG"))
    return mentions


def joined_offices(doc: Doc) -> list[SpacySpan]:
    """The recogniser's names, with a department's list of subjects that it cuts at each
    joiner made whole again ("Department for Culture", "Media", "Sport" -> "Department for
    Culture, Media and Sport"): one-word names after a "Department/Ministry for/of X",
    joined by commas and a last "and"."""
    ents = list(doc.ents)
    joined: list[SpacySpan] = []
    i = 0
    while i < len(ents):
        ent, end = ents[i], i
        if ent.label_ == "ORG" and OFFICE_OF_SUBJECTS.fullmatch(ent.text):
            # subjects are common nouns ("Skills", "Media"), not another body ("Oxfam")
            while end + 1 < len(ents) and ents[end + 1].label_ == "ORG" and \
                    len(ents[end + 1]) == 1 and common_noun(ents[end + 1][0].lower_) and \
                    doc[ents[end].end:ents[end + 1].start].text in (",", "and", ", and"):
                end += 1
        # the list closes with "and": "Culture, Media" alone may be a list of two bodies
        if end > i and doc[ents[end].start - 1].lower_ == "and":
            joined.append(SpacySpan(doc, ent.start, ents[end].end, label=ent.label))
        else:
            joined.extend(ents[i:end + 1])
        i = end + 1
    return joined


def common_noun(word: str) -> bool:
    """Whether a lowercased word is a common noun, singular or in a regular or Latin plural
    ("skills", "industries", "media")."""
    forms = (word, word.removesuffix("s"), word.removesuffix("ies") + "y",
             word.removesuffix("a") + "um")
    return any(word_classes(form, "n") for form in forms)


# A department named for its subjects ("Department for Education", "Ministry of Culture").
OFFICE_OF_SUBJECTS = re.compile(r"(?:[Tt]he\s+)?(?:Department|Ministry|Secretary of State)"
                                r"\s+(?:for|of)\s+[A-Z]\w+")


def place_bodies(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Bodies of several institutions named after their place ("Universities Scotland",
    "Colleges Wales"), which the small model reads as the place alone: the plural head
    before a place's name (not "Universities Minister")."""
    text = text_of(doc)
    return [Mention(Span(m.start(), m.end()), m.group(), "ORG")
            for m in PLACE_BODY.finditer(text)
            if gazetteer.lookup(m.group("place"), ("GPE",)) is not None]


# "Universities Scotland": the plural head and the place's name after it.
PLACE_BODY = re.compile(rf"\b(?:{INSTITUTION_PLURALS})\s+(?P<place>[A-Z][a-z]+)\b")


def demonym_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Nationalities the gazetteer knows ("Lithuanian", "Baltic"), wherever spaCy missed them."""
    words = words_of(doc)
    return [Mention(Span(start, start + len(word)), word, "NORP")
            for word, start in zip(words.text, words.idx, strict=True)
            if word[:1].isupper() and gazetteer.country_of_demonym(word) is not None]


@functools.cache
def given_name_keys() -> frozenset[str]:
    table = resources.files("newstrace").joinpath(GIVEN_NAMES_RESOURCE)
    return frozenset(phonetic_key(line) for line in table.read_text(encoding="utf-8").split("\n")
                     if line and not line.startswith("#"))


def given_name_people(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """"Nikita Khrouchtchev", "Alexej Nawalny": a given name in any transliteration, then one
    or two capitalised words that are no common words, name a person the tagger may have
    missed (or read as a place or a company, when the words are unknown to the lexicon), or
    cut short ("Navalnas" of "Aleksejus Navalnas"). A name the tagger
    read as a person whole stays its own."""
    words = words_of(doc).text
    found, i = [], 0
    while i < len(doc):
        end = i + 1
        if _is_given_name(words[i]):
            while end < len(doc) and end - i <= NAME_WORDS_AFTER_GIVEN and \
                    _is_name_word(doc[end], gazetteer):
                end += 1
        if end == i + 1:
            i += 1
            continue
        span = doc[i:end]
        labels = {t.ent_type_ for t in span}
        classes = [word_classes(t.lower_, "n") for t in span[1:]]
        whole_person = labels == {"PERSON"}
        misread = labels - {"PERSON", ""}
        if not whole_person and all(not c or not misread and "person" in c for c in classes):
            found.append(Mention(Span(span.start_char, span.end_char), span.text, "PERSON"))
        i = end
    return found


def _is_given_name(word: str) -> bool:
    # str's isalpha and istitle are what spaCy's is_alpha and is_title say of a token.
    return word.isalpha() and word.istitle() and len(word) > 2 and \
        phonetic_key(word) in given_name_keys()


def _is_name_word(token: Token, gazetteer: Gazetteer) -> bool:
    """A capitalised noun that can end a person's name: not one the gazetteer knows as
    something else (a place, a body), nor the verb of a headline in title case ("Hillary
    Clinton Speaks")."""
    if not (token.is_alpha and token.is_title and len(token) > 1 and
            token.pos_ in ("PROPN", "NOUN")):
        return False
    known = gazetteer.lookup(token.text)
    return known is None or known.type == "PERSON"


def speaker_names(doc: Doc) -> list[Mention]:
    """Proper names that speak ("Petraitis said …") but that the tagger's NER missed, as it
    often does at the start of a sentence: the subject of a speech verb is a person or body;
    so is a name after a noun of occupation that blames, praises or criticises ("Boss Jan
    Voskuil blames …")."""
    mentions = []
    words = words_of(doc)
    for i, pos in enumerate(words.pos):
        if pos != "PROPN" or words.ent_type[i] or words.dep[i] != "nsubj":
            continue
        token = doc[i]
        speech = token.head.lemma_ in SPEECH_LEMMAS
        if not speech and token.head.lemma_ not in NP_SPEECH_LEMMAS:
            continue
        # "Commission for Racial Equality chairman Trevor Phillips said", misparsed: the
        # body is no person, the person is named in its phrase.
        if any(t.ent_type_ == "PERSON" for t in token.subtree if t.i > token.i):
            continue
        parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"
                 and t.text.rstrip(".") not in NAME_HONORIFICS] + [token]
        # "Pal Asma Kazim said": a noun of relation or office before a whole name is none of it.
        # A name after an honorific or such a noun ("Boss Jan Voskuil", "Mr Voskuil") is a
        # person's, whatever the verb.
        titled = any(t.dep_ == "compound" and (t.text.rstrip(".") in NAME_HONORIFICS or
                                               t.pos_ == "NOUN" and person_noun(t))
                     for t in token.lefts)
        while len(parts) > 2 and (occupation_noun(parts[0]) or person_noun(parts[0])):
            parts.pop(0)
            titled = True
        if (speech or titled) and all(t.text[:1].isupper() for t in parts):
            span = Span(parts[0].idx, token.idx + len(token.text))
            # "the Minister said": a title, resolved as a role, not a person named Minister.
            origin: MentionOrigin = "role" if token.lower_ in TITLE_NOUNS else "ner"
            mentions.append(Mention(span, doc[parts[0].i:token.i + 1].text, "PERSON",
                                    origin=origin))
    return mentions


def person_noun(token: Token) -> bool:
    """A capitalised noun WordNet files first under people and no given name ("Boss"), which
    the tagger may read as a word of the name after it."""
    return token.text.istitle() and word_classes(token.lower_, "n")[:1] == ("person",) and \
        not _is_given_name(token.text)


def addressee_names(doc: Doc) -> list[Mention]:
    """Names told something that the tagger's NER missed ("told the Standard", "told
    Newsnight"): one told a statement in the news and named without a person's type is the
    paper, programme or agency it was given to."""
    mentions = []
    words = words_of(doc)
    for i, pos in enumerate(words.pos):
        if pos != "PROPN" or words.ent_type[i] or words.dep[i] not in ("dobj", "dative"):
            continue
        token = doc[i]
        if token.head.lemma_ != "tell" or token.text.rstrip(".") in NAME_HONORIFICS:
            continue
        parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"
                 and not t.ent_type_] + [token]
        if all(t.text[:1].isupper() for t in parts):
            span = Span(parts[0].idx, token.idx + len(token.text))
            mentions.append(Mention(span, doc[parts[0].i:token.i + 1].text, "OUTLET"))
    return mentions


def descriptor_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """Definite noun phrases that refer to an entity named elsewhere."""
    mentions = []
    words = words_of(doc)
    for chunk_start, chunk_end in noun_chunks(doc):
        tokens = [i for i in range(chunk_start, chunk_end) if words.text[i] not in OPENING_MARKS]
        # "the Belgian capital Brussels", "Lithuanian radio station “Jiniu”": the description
        # is the chunk without the name that closes it.
        nouns = [n for n, i in enumerate(tokens) if words.pos[i] == "NOUN"]
        if nouns and all(words.pos[i] == "PROPN" for i in tokens[nouns[-1] + 1:]):
            tokens = tokens[:nouns[-1] + 1]
        if not tokens or words.pos[tokens[-1]] == "PROPN":
            continue
        first, last = tokens[0], tokens[-1]
        span = Span(words.idx[first], words.idx[last] + len(words.text[last]))
        text = span.text(text_of(doc))
        known = known_descriptor(gazetteer, text)
        if known:
            mentions.append(Mention(span, text, known.type, origin="descriptor"))
        elif words.lower[last] in APPOSITIVE_HEADS and names_follow(doc, last):
            mentions.append(Mention(span, text, "UNKNOWN", origin="appositive"))
    named = {e.key for e in named_treaties(doc, gazetteer)}
    mentions += [m for m in treaty_descriptions(doc)
                 if not any(m.span.overlaps(t.span) for t in mentions)
                 and described_treaty(m.text, gazetteer, named) is not None]
    taken = [m.span for m in mentions]
    return mentions + [m for m in anaphor_mentions(doc, gazetteer)
                       if not any(m.span.overlaps(t) for t in taken)]


@functools.lru_cache(maxsize=65536)
def known_descriptor(gazetteer: Gazetteer, phrase: str) -> Entry | None:
    """`Gazetteer.descriptor`, kept: reports repeat the same phrases ("the company", "the
    government"), and most are looked up in vain."""
    return gazetteer.descriptor(phrase)


def treaty_descriptions(doc: Doc) -> list[Mention]:
    """Noun phrases headed by a treaty word with what the treaty is about or its year: "the 1997
    mine ban treaty", "a convention banning cluster bombs", "the treaty that bans landmines"."""
    mentions = []
    words = words_of(doc)
    for i, lower in enumerate(words.lower):
        if lower not in TREATY_HEADS or words.pos[i] != "NOUN":
            continue
        head = doc[i]
        lefts = [t for t in head.lefts if t.dep_ in ("det", "amod", "compound", "nummod", "nmod")]
        start = min((t.left_edge.i for t in lefts), default=head.i)
        # The parser may hang the determiner elsewhere ("the 1997 mine ban treaty years ago").
        if start > 0 and doc[start - 1].lower_ in TREATY_DETERMINERS:
            start -= 1
        if doc[start].lower_ not in TREATY_DETERMINERS:
            continue
        # What it is about ends at the object's head noun ("on cluster munitions at the talks").
        objects = [o for child in head.rights for o in child.children
                   if child.dep_ == "prep" and child.lower_ in TREATY_SUBJECT_PREPOSITIONS
                   and o.dep_ == "pobj" or child.dep_ in ("acl", "relcl")
                   and child.lemma_ in TREATY_SUBJECT_VERBS and o.dep_ == "dobj"]
        end = max([head.i] + [o.i for o in objects])
        if end == head.i and not any(t.like_num for t in doc[start:head.i]):
            continue  # "the treaty": an anaphor, resolved from the story's treaties
        phrase = doc[start:end + 1]
        mentions.append(Mention(Span(phrase.start_char, phrase.end_char), phrase.text, "TREATY",
                                origin="descriptor"))
    return mentions


def named_treaties(doc: Doc, gazetteer: Gazetteer) -> list[Entry]:
    """The gazetteer's treaties a document names."""
    matcher = alias_matcher(gazetteer)
    keys = {doc.vocab.strings[match_id] for match_id, _, _ in matcher(doc)}
    return [gazetteer.entries[k] for k in sorted(keys) if gazetteer.entries[k].type == "TREATY"]


def _word_stem(word: str) -> str:
    """"bombs" and "bomb", "landmines" and "landmine", "munitions" and "munition" alike."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@functools.lru_cache(maxsize=4)
def treaty_subjects(gazetteer: Gazetteer) -> dict[str, frozenset[str]]:
    """Per treaty, the words its names and descriptors use for what it is about ("cluster",
    "munition", "bomb"; "mine", "landmine", "anti-personnel")."""
    subjects = {}
    for entry in gazetteer.entries.values():
        if entry.type != "TREATY":
            continue
        words = re.findall(r"[a-z][a-z-]+",
                           " ".join([*entry.surface_forms(), *entry.descriptors]).lower())
        subjects[entry.key] = frozenset(_word_stem(w) for w in words
                                        if w not in TREATY_GENERIC_WORDS)
    return subjects


def treaty_years(entry: Entry) -> set[int]:
    """The years a treaty was adopted or opened for signature, as its rules and membership
    record them (the earliest signature)."""
    dates = [entry.rules.get(name) for name in ("adopted", "signed")]
    signatures = [str(state.get("signed")) for state in entry.membership.get("states", {}).values()
                  if isinstance(state, dict) and state.get("signed")]
    dates.append(min(signatures, default=None))
    return {int(str(d)[:4]) for d in dates if d and str(d)[:4].isdigit()}


def described_treaty(phrase: str, gazetteer: Gazetteer, named: set[str]) -> Entry | None:
    """The one treaty a description fits: a year, or two words at least, about it; each word
    one of the treaty's own, each year one it was adopted in. Among the treaties the document
    names when some fit, else among all the gazetteer's; None when none or several fit."""
    words = re.findall(r"[\w-]+", phrase.lower())
    years = {int(w) for w in words if re.fullmatch(r"1[89]\d\d|20\d\d", w)}
    subject = {_word_stem(w) for w in words
               if w not in TREATY_GENERIC_WORDS and not w.isdigit()}
    # One word alone ("the agreement on trade") is too common to name a treaty without a year.
    if not years and len(subject) < 2:
        return None
    fitting = [key for key, own in treaty_subjects(gazetteer).items()
               if subject <= own and (not years or years <= treaty_years(gazetteer.entries[key]))]
    fitting = [k for k in fitting if k in named] or fitting
    return gazetteer.entries[fitting[0]] if len(fitting) == 1 else None


def anaphor_mentions(doc: Doc, gazetteer: Gazetteer) -> list[Mention]:
    """"the minister", "her country", "the agency", "this convention": a determiner, at most
    two modifiers, and a head noun that names a kind of entity. Read from tokens rather than
    noun chunks, which the parser loses next to quote marks."""
    mentions = []
    words = words_of(doc)
    for i, head in enumerate(words.lower):
        capitalised_title = head in CAPITALISED_TITLE_HEADS and i > 0 and \
            words.lower[i - 1] == "the"
        if (words.text[i].islower() or capitalised_title) and (
                head in PERSON_DESCRIPTION_HEADS or is_body_title(words.lower, i) or
                is_age(words, i)):
            mention = person_description(doc, doc[i])
            if mention is not None:
                mentions.append(mention)
            continue
        # "the President-elect": the office to be taken.
        if head in ELECT_SUFFIXES and i >= 3 and words.lower[i - 1] == "-" and \
                words.lower[i - 2] in ROLE_HEADS and words.lower[i - 3] in ANAPHOR_DETERMINERS:
            span = Span(words.idx[i - 3], words.idx[i] + len(words.text[i]))
            mentions.append(Mention(span, doc[i - 3:i + 1].text, "PERSON", origin="role"))
            continue
        if head not in ROLE_HEADS and head not in ANAPHOR_HEADS:
            continue
        token = doc[i]
        # "the Czech Republic", "the United Kingdom": a capitalised state word ends a name.
        if head in STATE_NAME_HEADS and token.text[:1].isupper():
            continue
        # "the prime minister" ends at its head; "the Minister of Strategic Industries" names
        # another office, not the minister spoken of.
        following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if following in ROLE_HEADS | set(ANAPHOR_HEADS) | {"of"} or following == "-" and \
                token.i + 2 < len(doc) and doc[token.i + 2].lower_ in ELECT_SUFFIXES:
            continue
        if head in ROLE_HEADS and words.text[i].islower():
            mention = person_description(doc, token)
            if mention is not None and FORMER_WORDS & set(
                    re.findall(r"[a-z]+", mention.text.lower())):
                mentions.append(mention)
                continue
        # "the state media", "the cross country team": a modifier of the noun after it, not
        # a state spoken of.
        if ANAPHOR_HEADS.get(head) == "GPE" and token.dep_ == "compound" and \
                token.head.i > token.i and token.head.pos_ == "NOUN":
            continue
        for start in range(token.i - 1, max(token.i - 4, -1), -1):
            word = doc[start]
            if word.lower_ in ANAPHOR_DETERMINERS:
                # A name inside ("the Lithuanian Defense Ministry") makes it a name, not an
                # anaphor; a nationality ("the Baltic state", "the Ukrainian President") does
                # not, nor a title someone was introduced with ("Labour leader Ann Fry …
                # the Labour leader").
                modifiers = doc[start + 1:token.i]
                if any(t.pos_ == "PROPN" and t.ent_type_ not in ("NORP", "")
                       and gazetteer.country_of_demonym(t.text) is None
                       for t in modifiers) and not gazetteer.region_named(modifiers.text) \
                        and not (head in ROLE_HEADS and
                                 introduced_title(words, start + 1, token.i + 1)):
                    break
                span = Span(word.idx, token.idx + len(token.text))
                type_ = "PERSON" if head in ROLE_HEADS else ANAPHOR_HEADS[head]
                origin: MentionOrigin = "role" if head in ROLE_HEADS else "anaphor"
                mentions.append(Mention(span, doc[word.i:token.i + 1].text, type_,
                                        origin=origin))
                break
            # Noun modifiers and nationalities keep the reference ("the cluster munitions ban
            # treaty"); other adjectives make a new one ("the first country"), except those
            # of a title ("the prime minister", "the foreign minister").
            demonym = gazetteer.country_of_demonym(word.text) is not None or \
                gazetteer.region_named(doc[start:token.i].text) is not None
            title = head in ROLE_HEADS and \
                doc[start:token.i + 1].text.lower() in gazetteer.role_of_title
            if (word.pos_ not in ("NOUN", "PROPN") and not demonym and not title) or \
                    word.is_punct:
                break
    return mentions


def introduced_title(words: Words, start: int, end: int) -> bool:
    """Whether the words start..end ("Labour leader") stood before as a title, right before
    a person's name ("Labour leader Ann Fry")."""
    title = words.lower[start:end]
    size = len(title)
    return any(words.lower[i:i + size] == title and words.ent_type[i + size] == "PERSON"
               for i in range(start - size) if words.lower[i] == title[0])


def is_body_title(lower: list[str], i: int) -> bool:
    """Whether word ``i`` of a document's lowercased words is a title of no state office
    ("the party chairman", "the chief executive"; not "the executive order")."""
    before = TITLE_ONLY_AFTER.get(lower[i])
    return lower[i] in BODY_TITLE_HEADS and (before is None or i > 0 and lower[i - 1] == before)


def is_age(words: Words, i: int) -> bool:
    """Whether word ``i`` ends an age used as a noun ("the 23-year-old said"; not "the
    100-year-old building")."""
    lower = words.lower
    noun_after = i + 1 < len(lower) and words.pos[i + 1] in ("NOUN", "PROPN")
    return lower[i] == "old" and i >= 2 and lower[i - 1] == "-" and \
        lower[i - 2] in ("year", "years") and not noun_after


def person_description(doc: Doc, head: Token) -> Mention | None:
    """"the singer", "the Vermont senator", "the 31-year-old striker": "the" and a few
    modifiers before a person noun; a name among them describes the person (see
    `find_mentions`). A name right after the noun is the one described ("the singer Ana
    Varga"), so that is no anaphor."""
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if following is not None and (following.pos_ == "PROPN" or following.lower_ == "of"):
        return None
    for word in reversed(doc[max(head.i - PERSON_DESCRIPTION_WORDS, 0):head.i]):
        if head.lower_ in BODY_TITLE_HEADS and word.ent_type_ in BODY_ENTITY_LABELS:
            return None
        if word.lower_ == "the":
            span = Span(word.idx, head.idx + len(head.text))
            return Mention(span, span.text(text_of(doc)), "PERSON", origin="anaphor")
        if (word.is_punct and word.text != "-") or word.pos_ in ("VERB", "AUX", "ADP", "PRON"):
            return None
    return None


def is_demonym(text: str, gazetteer: Gazetteer) -> bool:
    parts = re.split(r"[-–]", text)
    return all(gazetteer.country_of_demonym(part) is not None for part in parts)


def names_follow(doc: Doc, index: int) -> bool:
    """Whether a name starts right after token `index` (past quote marks and a stray period;
    not past a sentence's end: "asked the magazine. Ann Lee's knife")."""
    for token in doc[index + 1:index + 4]:
        if token.text == "." and token.whitespace_:
            return False
        if token.text in OPENING_MARKS or token.text == ".":
            continue
        return token.pos_ == "PROPN" or bool(re.match(r"[A-ZŽŠČ]", token.text))
    return False
