"""A name's type decided by the evidence of all its mentions in a document.

spaCy types each mention from a few neighbouring words, so a name the small model has not
seen comes out a PERSON in one sentence and an ORG in the next. Here every mention of a name
votes with what its context says: the description it stands in ("the oil company X",
"X, the carmaker"), a designator after it ("X Ltd", "X Group"), what only a company has
("X shares", "its profits"), what is done only to a company ("X was bought",
"shares in X"), and for a person an honorific, "his" or "her", a description such as "the
analyst" or "film producer", the surname written alone ("Marion Jones … Jones said"). A
name no mention gives enough evidence for keeps spaCy's type; a gazetteer entry's type is
never voted on.

Some capitalised phrases are no entity at all, and vote as TERM (dropped): document titles
("a White Paper"), common nouns after a quantifier ("each State Party"), and bodies of law
("violations of X", an acronym the report spells out in lower case).
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newstrace.annotate import text_of
from newstrace.extract.mentions import CORPORATE_DESIGNATORS, QUANTIFIERS, occupation_noun
from newstrace.models import Mention, Span
from newstrace.resolve.clusters import Cluster

# Evidence below this many points (one strong piece, or three weak) leaves spaCy's type.
MIN_EVIDENCE = 3
# A name needs at least one point of evidence per this many places it is written.
PLACES_PER_POINT = 4
# How much one piece of evidence weighs: a description or designator names the kind of
# thing outright; what it owns or what governs it ("X shares", "shares in X") nearly does;
# a verb or a pronoun only suggests it.
STRONG, FAIR, WEAK = 3, 2, 1
# The types evidence may change; others (a date, a nationality) are spaCy's or the gazetteer's.
VOTED_TYPES = {"PERSON", "ORG", "GPE", "UNKNOWN"}
TERM = "UNKNOWN"
# Evidence for a work or a product ("the comedy X", "X, the browser") and for a thing rather
# than a person ("an X", "X-based"): both leave the name no entity (works and products are
# kept only when the gazetteer knows them, as spaCy's WORK_OF_ART and PRODUCT are).
WORK = "WORK"
THING = "THING"
ARTICLES = {"a", "an", "the", "another"}

# Nouns that describe a company or another organisation ("the oil company X", "X, the
# Russian oil giant").
ORGANISATION_NOUNS = {
    "company", "firm", "group", "giant", "producer", "maker", "manufacturer", "carmaker",
    "bank", "lender", "insurer", "carrier", "airline", "retailer", "supermarket", "chain",
    "operator", "supplier", "conglomerate", "business", "corporation", "brand", "exporter",
    "importer", "distributor", "utility", "subsidiary", "startup", "organisation",
    "organization", "agency", "charity", "regulator", "club", "party", "union", "network",
    "broadcaster", "publisher", "provider", "fund", "brokerage", "consultancy", "miner",
    "refiner", "automaker", "telecom", "pharmaceutical", "exchange", "bookmaker",
}
# Nouns that describe a work or a product ("the comedy X", "X, the browser").
WORK_NOUNS = {
    "film", "movie", "comedy", "drama", "thriller", "documentary", "musical", "sitcom",
    "album", "song", "single", "novel", "book", "biopic", "opera", "ballet", "painting",
    "browser", "software", "console", "handset", "gadget", "app", "game", "videogame",
}
# Nouns of companies that are a person's job when a work or a title is before them ("film
# producer X", "Final Wars producer X"), and the words for works made so.
WORK_MAKERS = {"producer"}
# Not "music", "record" or "TV": companies as often ("record producer EMI").
PRODUCTIONS = {"executive", "theatre", "stage"}
# Broadcasts a person produces ("producer of the radio show X").
BROADCASTS = {"show", "programme", "program", "series", "podcast"}
# The recogniser's types of a name before "producer" that make it a maker of goods ("UK
# steel producer X", "Texas oil producer X", "EU sugar producer X").
PLACES_AND_BODIES = {"GPE", "LOC", "NORP", "ORG", "FAC"}
# Nouns that describe a person ("X, the chief executive", "analyst X").
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "executive", "boss", "chairman", "chairwoman", "founder",
    "analyst", "economist", "spokesman", "spokeswoman", "minister", "president",
    "director", "trader", "tycoon", "oligarch", "billionaire", "businessman",
    "businesswoman", "entrepreneur", "lawyer", "official", "politician", "father", "mother",
    "son", "daughter", "wife", "husband", "brother", "sister",
    "actor", "actress", "singer", "player", "striker", "coach", "author", "writer",
}
# Nouns of a news medium, written after its name ("the Gazette newspaper", "To Vima
# newspaper", "Kiss radio") or as its description ("the Greek daily X"): an outlet the
# gazetteer need not know. Not "paper" (a White Paper), "station" (a railway's), "agency"
# (a public one), "website" (a company's) nor "television" (a set: "LCD television").
OUTLET_NOUNS = {"newspaper", "daily", "tabloid", "broadsheet", "magazine", "radio",
                "channel"}
DESCRIPTION_NOUNS = ORGANISATION_NOUNS | WORK_NOUNS | PERSON_NOUNS | OUTLET_NOUNS
# The last word of a company's name beside the legal designators ("X Group", "X Airlines").
ORGANISATION_NAME_WORDS = {
    "Group", "Holdings", "Holding", "Bank", "Airlines", "Airways", "Motors", "Industries",
    "Corporation", "Company", "Partners", "Capital", "Securities", "Investments", "Energy",
    "Petroleum", "Telecom", "Communications", "Systems", "Technologies", "Pharmaceuticals",
    "Insurance", "Foods", "Brewery", "Breweries", "Electronics", "Entertainment", "Media",
}
# What a company has: "X shares", "X's profits", "its chief executive".
COMPANY_POSSESSIONS = {
    "share", "shares", "stock", "profit", "profits", "earnings", "revenue", "revenues",
    "sales", "turnover", "shareholder", "shareholders", "subsidiary", "subsidiaries",
    "boss", "bosses", "employees", "workers", "customers", "factory", "factories", "plant",
    "plants", "stores", "products", "output", "bonds", "takeover", "merger", "valuation",
    "headquarters", "executive", "executives", "chairman", "directors", "board",
}
# Nouns that govern a company: "shares in X", "the takeover of X", "a bid for X".
COMPANY_GOVERNORS = {
    "share", "stake", "stock", "takeover", "acquisition", "bid", "merger", "subsidiary",
    "unit", "shareholder", "owner", "investor", "customer", "sale", "privatisation",
    "privatization", "nationalisation", "nationalization", "bankruptcy", "break-up", "asset",
    "boss", "chairman", "executive",
}
# What is done to a company and not to a person: "X was bought".
COMPANY_PASSIVES = {
    "buy", "acquire", "sell", "delist", "list", "privatise", "privatize", "nationalise",
    "nationalize", "float", "merge", "bail", "auction", "restructure", "liquidate",
}
# The objects of what a company does: "X posted a profit", "X reported higher sales".
COMPANY_RESULTS = {"profit", "loss", "revenue", "earnings", "sales", "turnover", "dividend"}
# What sets an apposition off from the name it describes ("X, the carmaker").
APPOSITION_MARKS = {",", "–", "—", "(", "-"}
# How many tokens a description may stand from its name.
DESCRIPTION_REACH = 4
HONORIFICS = {"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.", "Sir", "Dame", "Lord",
              "Lady", "Prof", "Prof.", "Professor", "Miss"}
# Heads of capitalised phrases that name a document, not a body ("White Paper").
DOCUMENT_TITLE_HEADS = {"paper", "strategy", "bill", "memorandum", "communique",
                  "communiqué", "directive", "roadmap", "manifesto", "doctrine", "act", "law",
                  "resolution", "decree", "guidelines", "statute", "code", "charter"}
# What governs a body of law ("violations of X", "in accordance with X").
LAW_GOVERNORS = {"violation", "breach", "compliance", "accordance"}
# Words too common to start a word of an acronym's expansion.
FUNCTION_WORDS = {"the", "and", "for", "with", "not", "but", "are", "was", "has", "had", "his",
                  "her", "its", "our", "any", "all", "who", "that", "this", "from", "into"}
LAW_VERBS = {"violate", "breach", "respect", "uphold", "obey", "comply"}


def vote_types(doc: Doc, clusters: list[Cluster]) -> None:
    """Set each unknown cluster's type from the evidence of its mentions, where it is strong
    enough to overrule spaCy's."""
    text = text_of(doc)
    for cluster in clusters:
        if cluster.entry is not None or cluster.type not in VOTED_TYPES:
            continue
        evidence: Counter[str] = Counter()
        places = occurrences(text, {m.text for m in cluster.named()})
        for found in places:
            evidence.update(mention_evidence(doc, found))
        name = cluster.name()
        if acronym_spelled_out(name, text):
            evidence[TERM] += STRONG
        # No entity at all only where that is what most of its places say, not one odd
        # phrase among many mentions of a person.
        if evidence[TERM] < len(places):
            del evidence[TERM]
        if cluster.type == "PERSON" and not evidence["PERSON"] and \
                all(len(m.text.split()) == 1 for m in cluster.named()):
            # A lone word never given a first name, title or pronoun, and written with an
            # article in half its places ("an Oscar", "the Aviator"): no person; a company
            # if anything says so, else a work, a product or an award.
            if evidence[THING] * 2 >= len(places):
                evidence[THING if not evidence["ORG"] else "ORG"] += MIN_EVIDENCE * len(places)
        else:
            del evidence[THING]
        # "Mr X" anywhere says X is a person's surname, and so a person's the name it ends
        # ("Rohan X", which the recogniser may have read as a body).
        titled = surname_after_honorific(text, cluster)
        elsewhere = sum(not any(p.contains(s) for p in places) for s in titled)
        if elsewhere:
            evidence["PERSON"] += STRONG * elsewhere
        # "Marion Jones … Jones said": a surname written alone as a person's says the name
        # it ends is one too, as a company named after its founder is not called by his
        # surname alone.
        evidence["PERSON"] += STRONG * len(surname_alone_as_person(doc, cluster, clusters))
        if not evidence:
            continue
        if cluster.type == "GPE":
            # A place's context ("In Tulsa, an unarmed man") misleads more than it tells,
            # except that a company, a work or a product is no place ("Spanish telecom
            # group X", "the comedy X"), nor is one whose name follows an honorific.
            evidence = Counter({"ORG": evidence["ORG"], WORK: evidence[WORK],
                                "PERSON": STRONG * len(titled)})
        best, points = evidence.most_common(1)[0]
        # A name written many times needs evidence in proportion: a few odd readings among
        # fifty mentions of a president do not make him a company.
        enough = max(MIN_EVIDENCE, len(places) / PLACES_PER_POINT)
        if points >= enough and points > evidence[cluster.type] and best != cluster.type:
            cluster.voted = TERM if best in (WORK, THING) else best


# How many times a surname must be written alone as a person's to make a full name one.
MIN_SURNAMES_ALONE = 2


def surname_alone_as_person(doc: Doc, cluster: Cluster,
                            clusters: list[Cluster]) -> list[Mention]:
    """The mentions of another cluster, a person by the recogniser, that write alone the
    last word of this cluster's two-word name ("Jones" for "Marion Jones") and nothing
    else."""
    words = cluster.name().split()
    # A name the recogniser gave another type, whose first word is a name too ("Outgoing
    # Leeds chairman", "European Elvis" are no one's).
    if cluster.type not in ("ORG", "GPE") or len(words) != 2 or not all(
            w.isalpha() and w[:1].isupper() for w in words) or \
            words[-1] in ORGANISATION_NAME_WORDS or words[-1] in CORPORATE_DESIGNATORS or \
            not all(first_word_is_a_name(doc, m) for m in cluster.named()):
        return []
    # Only a surname that joined no one else ("Stone" of Oliver Stone says nothing of
    # "Rolling Stone"), written alone more than once (one odd reading of "German Boerse"),
    # and never alone as a body's or a place's ("Leeds").
    alone = [other for other in clusters if other is not cluster
             and {m.text for m in other.named()} == {words[-1]}]
    if any(other.type != "PERSON" or other.entry is not None for other in alone):
        return []
    return [m for other in alone if len(other.named()) >= MIN_SURNAMES_ALONE
            for m in other.named()]


def first_word_is_a_name(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span[0].pos_ == "PROPN"


def surname_after_honorific(text: str, cluster: Cluster) -> list[Span]:
    """The places the last word of a cluster's names is written right after an honorific
    ("Mr X", "Mrs. X")."""
    surnames = {m.text.split()[-1] for m in cluster.named() if m.text.split()}
    found = []
    for word in surnames:
        for place in whole_words(text, word):
            before = text[max(0, place.start - HONORIFIC_CHARS):place.start]
            if before.endswith(" ") and before.split()[-1:] and before.split()[-1] in HONORIFICS:
                found.append(place)
    return found


# Characters read before a name for an honorific ("Professor " is the longest).
HONORIFIC_CHARS = 12


def occurrences(text: str, names: set[str]) -> list[Span]:
    """Every place a name is written, whether or not spaCy recognised it there: the
    sentence spaCy missed ("Kovrax shares fell") may be the one that says what it is."""
    found = {place for name in names for place in whole_words(text, name)}
    return sorted(s for s in found if not any(o != s and o.contains(s) for o in found))


def whole_words(text: str, name: str) -> list[Span]:
    """Where ``name`` is written with no word character (a letter, digit or underscore)
    either side, as a pattern with lookarounds would find it; `str.find` does it without a
    pattern per name, which cost more to compile than to run."""
    if not name:  # found everywhere, and the search would not move on
        return []
    places = []
    start = text.find(name)
    while start >= 0:
        end = start + len(name)
        if not (start and _is_word_char(text[start - 1])) and \
                not (end < len(text) and _is_word_char(text[end])):
            places.append(Span(start, end))
            start = text.find(name, end)  # matches do not overlap, as `re.finditer`'s
        else:
            start = text.find(name, start + 1)
    return places


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


# Plural heads of place names, which "the X Ys" may name without being a group.
PLACE_PLURALS = {"islands", "isles", "midlands", "highlands", "lowlands", "heights", "states",
                 "territories", "emirates", "mountains", "hills", "lakes", "falls", "plains",
                 "provinces", "keys", "alps", "rockies", "andes", "balkans", "baltics"}


def mention_evidence(doc: Doc, place: Span) -> Counter[str]:
    """The types the context of one place a name is written speaks for, with weights."""
    evidence: Counter[str] = Counter()
    span = doc.char_span(place.start, place.end, alignment_mode="expand")
    if span is None or not len(span):
        return evidence
    root, last = span.root, span[-1]
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if inside_longer_name(before, after):
        return evidence
    words = span.text.split()
    # The name itself: "X Ltd", "X Group", "White Paper".
    if words[-1] in CORPORATE_DESIGNATORS or words[-1] in ORGANISATION_NAME_WORDS or (
            after is not None and after.text in CORPORATE_DESIGNATORS):
        evidence["ORG"] += STRONG
    if len(words) > 1 and words[-1].lower() in DOCUMENT_TITLE_HEADS:
        evidence[TERM] += STRONG
    # "Mr X" read whole by the recogniser.
    if len(words) > 1 and words[0] in HONORIFICS:
        evidence["PERSON"] += STRONG
    # What stands before it: "Mr X", "each X", "a X" heading its own phrase.
    if before is not None:
        if before.text in HONORIFICS:
            evidence["PERSON"] += STRONG
        # "another Clinton debate line" uses the name as a modifier: no evidence.
        heads = after is None or after.pos_ not in ("NOUN", "PROPN")
        if before.lower_ in QUANTIFIERS and heads:
            evidence[TERM] += STRONG
        # "the Lib Dems", "the Young Tories": a name of several words in the plural, with
        # an article, heading its own phrase, is a group's; not a place named in the plural
        # ("the West Midlands", "the Cayman Islands") nor a title ("the Prince of Wales").
        if before.lower_ == "the" and heads and len(words) > 1 and \
                re.fullmatch(r"[A-Z]\w*[^s]s", words[-1]) and "of" not in words and \
                words[-1].lower() not in PLACE_PLURALS and \
                root.ent_type_ not in ("GPE", "LOC", "FAC"):
            evidence["ORG"] += FAIR
    # "X shares", "X's profits", "X boss".
    possession = after
    if after is not None and after.text in ("'s", "’s", "'", "’") and span.end + 1 < len(doc):
        possession = doc[span.end + 1]
    # "X chief executive": the name modifies a noun further on.
    owned = root.head if root.dep_ in ("compound", "poss", "nmod") and root.head.i > root.i \
        else None
    # A noun, not "executive" in "X's executive actions".
    if any(t is not None and t.lower_ in COMPANY_POSSESSIONS and t.pos_ == "NOUN"
           for t in (possession, owned)):
        evidence["ORG"] += FAIR
    # "told the Gazette newspaper": a name before a medium's noun in lower case (not the
    # name's own word, as in "Alter Television"), which heads its phrase ("the X radio
    # festival" is no radio).
    if after is not None and after.text in OUTLET_NOUNS and root.dep_ == "compound" and \
            after.dep_ != "compound":
        evidence["OUTLET"] += STRONG
    for noun in descriptions(span):
        if makes_a_work(noun):
            evidence["PERSON"] += STRONG
        elif noun.lemma_.lower() in ORGANISATION_NOUNS:
            evidence["ORG"] += STRONG
        elif noun.lemma_.lower() in WORK_NOUNS:
            evidence[WORK] += STRONG
        elif noun.lemma_.lower() in OUTLET_NOUNS:
            evidence["OUTLET"] += STRONG
        elif noun.lemma_.lower() in PERSON_NOUNS:
            # "technology analysts X": several people, so a firm of them (not "actors X
            # and Y").
            firm = noun.tag_ == "NNS" and root.dep_ != "conj" and \
                not any(child.dep_ == "conj" for child in root.children)
            evidence["ORG" if firm else "PERSON"] += STRONG
    if thing_like(span):
        evidence[THING] += WEAK
    evidence.update(clause_evidence(root))
    if last.dep_ == "pobj" and last.head.head.lemma_.lower() in COMPANY_GOVERNORS:
        evidence["ORG"] += FAIR
    if last.dep_ == "pobj" and last.head.head.lemma_.lower() in LAW_GOVERNORS:
        evidence[TERM] += STRONG
    return evidence


def makes_a_work(noun: Token) -> bool:
    """Whether a company's noun is a person's job making a work: "film producer", "Final
    Wars producer", "executive producer" (a title or a work before it), "producer of TV
    show X" (a work after it), not "oil producer" nor "producer of steel"."""
    if noun.lemma_.lower() not in WORK_MAKERS:
        return False
    made = [word for of in noun.children if of.dep_ == "prep" and of.lower_ == "of"
            for obj in of.children if obj.dep_ == "pobj"
            for word in (obj, *(c for c in obj.children if c.dep_ == "compound"))]
    return any(word.lemma_.lower() in WORK_NOUNS | BROADCASTS for word in made) or any(
        child.i < noun.i and (child.lemma_.lower() in WORK_NOUNS | PRODUCTIONS or
                              child.pos_ == "PROPN" and child.ent_type_ not in PLACES_AND_BODIES)
        for child in noun.children if child.dep_ in ("compound", "amod"))


def thing_like(span: SpacySpan) -> bool:
    """Whether a name heads a phrase with an article, as no person's name does ("an X", "a
    second X", "the X has 11 nominations"), a family's aside ("the Xs"). A name that
    modifies a noun ("the X competition", "X-backed") may be a person's and says nothing."""
    root = span.root
    # "the Clintons": a family.
    return root.dep_ != "compound" and root.tag_ != "NNPS" and not (span.end < len(span.doc) and
                                            span.doc[span.end].text == "-") and \
        any(child.dep_ == "det" and child.lower_ in ARTICLES and child.i < span.start
            for child in root.children)


def inside_longer_name(before: Token | None, after: Token | None) -> bool:
    """Whether a name is written as part of another ("Coal" in "Southern Coal Corporation"),
    whose context says nothing about it; not a person's name after an occupation
    ("Councillor X", "Bookmaker X"), which the mention leaves out of the name."""
    def capitalised(token: Token | None) -> bool:
        return token is not None and token.pos_ == "PROPN" and token.text[:1].isupper()
    return (capitalised(before) and before is not None and before.text not in HONORIFICS
            and not occupation_noun(before)) or (
        capitalised(after) and after is not None and after.text not in CORPORATE_DESIGNATORS
        and after.text not in ORGANISATION_NAME_WORDS)


@functools.lru_cache(maxsize=65536)
def short_name(name: str) -> str:
    """A company's name without its designator: "Kovrax Group" -> "Kovrax"."""
    words = name.split()
    while len(words) > 1 and (words[-1] in CORPORATE_DESIGNATORS
                              or words[-1] in ORGANISATION_NAME_WORDS):
        words.pop()
    return " ".join(words)


def descriptions(span: SpacySpan) -> list[Token]:
    """The nouns that describe a name in its own phrase: "the oil company X", "oil giant X",
    "X, the Russian oil giant", "X is a bank". Not a noun the name modifies ("X senior vice
    president"), a noun of its own ("X, its boss") or one far off, which the parser may hang
    on the name ("X of the Y Council, a citizen group")."""
    root, doc = span.root, span.doc
    nouns = [child for child in root.children if child.dep_ == "compound"
             and child.pos_ == "NOUN" and child.i < span.start]
    # "Bookmaker X" opening a sentence: the recogniser took the capitalised description
    # into the name, or the mention left it out as a person's occupation.
    if len(span) > 1 and span[0].is_sent_start and span[0].lower_ in DESCRIPTION_NOUNS:
        nouns.append(span[0])
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.is_title and before.lower_ in DESCRIPTION_NOUNS:
        nouns.append(before)
    set_off = span.end < len(doc) and doc[span.end].text in APPOSITION_MARKS
    nouns += [child for child in root.children
              if child.dep_ == "appos" and child.pos_ == "NOUN" and set_off
              and child.left_edge.i - span.end <= DESCRIPTION_REACH
              and not any(c.dep_ == "poss" for c in child.children)]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN" and \
            0 < span.start - root.head.i <= DESCRIPTION_REACH:
        nouns.append(root.head)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        nouns += [c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
    return nouns


def clause_evidence(root: Token) -> Counter[str]:
    """What the clause a name is the subject of says: "X was bought", "X posted a profit",
    "X said its profits fell" (a body) against "his" or "he" (a
    person); "violate X" (a body of law)."""
    evidence: Counter[str] = Counter()
    verb = root.head
    if root.dep_ == "dobj" and verb.lemma_.lower() in LAW_VERBS:
        evidence[TERM] += WEAK
    if root.dep_ == "nsubjpass" and verb.lemma_.lower() in COMPANY_PASSIVES:
        evidence["ORG"] += WEAK
    if root.dep_ != "nsubj":
        return evidence
    if any(c.dep_ == "dobj" and c.lemma_.lower() in COMPANY_RESULTS for c in verb.children):
        evidence["ORG"] += WEAK
    # The pronoun nearest after the name in its clause, as its own subject or possessor.
    for token in verb.subtree:
        if token.i <= root.i or token.dep_ not in ("poss", "nsubj", "nsubjpass"):
            continue
        # "its", not "it": "X said it was time" is no company.
        if token.lower_ == "its":
            evidence["ORG"] += WEAK
        elif token.lower_ in ("his", "her", "he", "she"):
            evidence["PERSON"] += WEAK
        if token.pos_ == "PRON":
            break
    return evidence


def acronym_spelled_out(name: str, text: str) -> bool:
    """Whether an acronym stands for a phrase the report writes in lower case
    ("international humanitarian law" for IHL): a common noun, not a name."""
    if not re.fullmatch(r"[A-Z]{3,6}", name):
        return False
    letters = r"\W+".join(rf"{c.lower()}[a-z-]{{2,}}" for c in name)
    return any(not FUNCTION_WORDS.intersection(found.group().split())
               for found in re.finditer(rf"\b{letters}\b", text))
