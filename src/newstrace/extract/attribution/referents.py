"""The entity a word in a frame stands for: its own mention, a pronoun's antecedent (the one
resolver, `resolve/pronouns`, ranking the nearest fitting name first), the owner a noun
belongs to ("his office", "the statement of the ministry"), and the body a definite
description names ("the federation" after the Police Federation)."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Token

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.lexicon import (
    DOCUMENT_NOUNS,
    OFFICE_NOUNS,
    PRESS_NOUNS,
    SPEECH_LEMMAS,
    SUBJECT_FORM,
    SUBJECT_PRONOUNS,
    word_classes,
)
from newstrace.models import Entity, Mention, Span
from newstrace.resolve import pronouns
from newstrace.resolve.names import fold
from newstrace.resolve.pronouns import Named


def is_pronoun(token: Token) -> bool:
    """A subject pronoun in any form ("according to him" is "he", a misparsed "himself" too)."""
    return pronouns.form_of(token) in SUBJECT_PRONOUNS


def antecedent(index: DocumentIndex, pronoun: Token) -> str | None:
    """The id of the entity a speaker's pronoun stands for: the nearest fitting name in its
    story (an earlier sentence's subject first), never one inside someone's quoted words."""
    found = pronouns.antecedent(named_in(index), pronoun, pronouns.NEAREST)
    return found.id if found is not None else None


def named_in(index: DocumentIndex) -> Named:
    """The resolver's view of the document: every mention that names an entity; a name inside
    quoted words is not who "she" is in the frame."""
    def mentions_in(window: Span) -> list[tuple[Span, Entity]]:
        return [(m.span, index.entities[m.entity_id]) for m in index.mentions_in(window)
                if m.entity_id in index.entities]

    def story_of(position: int) -> Span:
        # Not beyond the story: in a compilation "he" never reaches into the excerpt before.
        start = index.story_start(position)
        return Span(start, len(index.text))

    return Named(index.doc, mentions_in, story_of,
                 lambda span, _pronoun: index.in_quoted_words(span))


def group_before(index: DocumentIndex, pronoun: Token, content: Span) -> Token | None:
    """"The tobacco companies deny it. They also say …": "they" as the first subject of its
    sentence outside the words reported ("Prices will rise, they say") goes on with the
    sentence before's subject when that is a plural noun for people or a body that names no
    one ("companies", "analysts"), which the resolver of names cannot offer; a plural of
    things ("prices") is not who spoke."""
    if SUBJECT_FORM.get(pronoun.lower_, pronoun.lower_) != "they" or \
            not first_subject(index, pronoun, content):
        return None
    before = index.doc[pronoun.sent.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ in SUBJECTS), None)
    story_start = index.story_start(pronoun.idx)
    if subject is None or subject.tag_ != "NNS" or subject.idx < story_start or \
            word_classes(subject.lemma_, "n")[:1] not in (("person",), ("group",)) or \
            entity_named(index, subject) is not None or \
            index.in_quoted_words(Span(subject.idx, subject.idx + len(subject.text))):
        return None
    return subject


SUBJECTS = ("nsubj", "nsubjpass")


def first_subject(index: DocumentIndex, pronoun: Token, content: Span) -> bool:
    """Whether a pronoun is the subject, after another sentence, that comes first in its own
    outside the words reported (those have subjects of their own)."""
    return pronoun.dep_ == "nsubj" and pronoun.sent.start > 0 and not any(
        t.dep_ in SUBJECTS and not content.start <= t.idx < content.end
        for t in index.doc[pronoun.sent.start:pronoun.i])


def speaks_for_owner(noun: Token) -> bool:
    """Whether a noun names an office or a document, whose words are its owner's ("his
    office", "the ministry's press service", "the report")."""
    lemma = noun.lemma_.lower()
    press = any(c.dep_ == "compound" and c.lower_ == "press" for c in noun.children)
    return lemma in OFFICE_NOUNS or lemma in DOCUMENT_NOUNS or (lemma in PRESS_NOUNS and press)


def office_before(index: DocumentIndex, pronoun: Token, content: Span) -> Token | None:
    """"The prime minister's office said … It added …": "it" as the first subject of its
    sentence outside the words reported goes on with an office or a document that spoke in
    the sentence before, which names no entity of its own for the resolver of names to
    offer."""
    if pronoun.lower_ != "it" or not first_subject(index, pronoun, content):
        return None
    verb = index.doc[pronoun.sent.start - 1].sent.root
    subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
    if subject is None or subject.tag_ != "NN" or verb.lemma_ not in SPEECH_LEMMAS or \
            subject.idx < index.story_start(pronoun.idx) or \
            entity_named(index, subject) is not None or not speaks_for_owner(subject) or \
            index.in_quoted_words(Span(subject.idx, subject.idx + len(subject.text))):
        return None
    return subject


def entity_named(index: DocumentIndex, token: Token) -> str | None:
    """The entity a word stands for: a pronoun's antecedent, or the entity of its mention."""
    if is_pronoun(token):
        return antecedent(index, token)
    mention = index.mention_of(token)
    return mention.entity_id if mention is not None else None


def owner_of(index: DocumentIndex, noun: Token) -> str | None:
    """The entity a noun belongs to: a possessive ("his", "the ministry's"), an "of", "from"
    or "by" phrase ("the press service of the Ministry of Defence", "a letter by X"), a name
    before it ("the Treasury report", "the Kremlin press service") or the one it was issued
    by ("a report published by the institute"); a place after "from" or before the noun is
    where it came from ("a statement from Nairobi", "the Vilnius office"), not whose it is."""
    for child in noun.children:
        if child.dep_ == "poss":
            owner: Token | None = child
        elif child.dep_ == "prep" and child.lower_ in ("of", "from", "by"):
            owner = next((c for c in child.children if c.dep_ == "pobj"), None)
        elif child.dep_ == "compound" and child.i < noun.i and child.pos_ == "PROPN":
            owner = child
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            agent = next((c for c in child.children if c.dep_ == "agent"), None)
            owner = next((c for c in agent.children if c.dep_ == "pobj"), None) \
                if agent is not None else None
        else:
            continue
        found = entity_named(index, owner) if owner is not None else None
        place = found is not None and index.entity_type(found) in ("GPE", "LOC")
        if found is not None and not (place and (child.lower_ == "from" or
                                                 child.dep_ == "compound")):
            return found
    return None


def named_by_head(index: DocumentIndex, noun: Token) -> str | None:
    """The organisation a definite description of a body stands for, among those named
    before it in its story (the last first): one whose name ends in the description's noun
    ("the federation" for the Police Federation, "the fund" for the International Monetary
    Fund; not "the research" for an institute of research), or one the story introduced
    with that noun ("media group Reuters", "Acme, the group,"). A body named before is not
    enough: "the government said" after "the federation said" is another body."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or not is_body_noun(lemma) or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or \
            any(c.dep_ in ("compound", "amod", "poss") for c in noun.children):
        return None
    story_start = index.story_start(noun.idx)
    bodies = [m for m in reversed(index.mentions_in(Span(story_start, noun.idx)))
              if m.entity_id and index.entity_type(m.entity_id) in BODY_TYPES and
              not index.in_quoted_words(m.span)]
    for mention in bodies:
        words = mention.text.split()
        if index.entity_type(mention.entity_id) == "ORG" and len(words) > 1 and \
                words[-1].lower() in (noun.lower_, lemma) or introduced_as(index, mention, lemma):
            return mention.entity_id
        # "the party" after "the Lib Dems": a body named the way parties are.
        if lemma == "party" and words and fold(words[-1]) in PARTY_NAME_WORDS:
            return mention.entity_id
    return None


# Last words of a political party's name in English news ("Lib Dems", "the Tories",
# "Labour", "Sinn Fein" aside): what "the party" may stand for when none is called a party.
PARTY_NAME_WORDS = {
    "party", "labour", "tories", "tory", "conservatives", "democrats", "dems", "republicans",
    "liberals", "greens", "socialists", "nationalists", "unionists", "ukip", "snp", "alliance",
    "front", "movement",
}  # not "union", "league", "congress": the European Union, a football league, the US Congress


# Entity types a description of a body ("the group", "the newspaper") may stand for.
BODY_TYPES = ("ORG", "OUTLET")
# Nouns that describe a company by its trade ("the news and data seller", "the Japanese
# carmaker"): in a report about a company, the company.
COMPANY_NOUNS = {
    "company", "firm", "giant", "producer", "maker", "manufacturer", "carmaker",
    "automaker", "bank", "lender", "insurer", "carrier", "airline", "retailer", "chain",
    "supermarket", "operator", "supplier", "conglomerate", "corporation", "exporter",
    "importer", "distributor", "miner", "refiner", "brewer", "seller", "vendor", "provider",
    "publisher", "developer", "builder", "broker", "brokerage", "utility", "telecom",
}


def company_described(index: DocumentIndex, noun: Token) -> str | None:
    """The company a definite description of one by its trade stands for ("the news and data
    seller said", "the German carmaker said"): the one its story introduced with that noun
    ("carmaker Voltaro"), else the company the story has named most before it (the last
    named of equals). A description holding a name ("the Voltaro group") or an owner ("its
    carmaker") is none."""
    lemma = noun.lemma_.lower()
    if noun.pos_ != "NOUN" or lemma not in COMPANY_NOUNS or noun.tag_ == "NNS" or \
            not any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) or \
            any(c.dep_ == "poss" for c in noun.children) or \
            any(t.pos_ == "PROPN" for t in noun.lefts for t in t.subtree):
        return None
    story_start = index.story_start(noun.idx)
    bodies = [m for m in index.mentions_in(Span(story_start, noun.idx))
              if m.entity_id and index.entity_type(m.entity_id) in BODY_TYPES and
              not index.in_quoted_words(m.span)]
    introduced = [m for m in bodies if introduced_as(index, m, lemma)]
    if introduced:
        return introduced[-1].entity_id
    # Else the body named most, an outlet among them (a story about Reuters), though not by
    # a wire credit or dateline ("(Reuters) -"): that names who reported it.
    ids = [m.entity_id for m in bodies if m.entity_id and m.origin != "publisher"]
    counts = Counter(ids)
    last = {entity_id: at for at, entity_id in enumerate(ids)}  # the last named of equals
    return max(counts, key=lambda e: (counts[e], last[e]), default=None)


def is_body_noun(lemma: str) -> bool:
    """A noun for a body of people: "party", "court", "newspaper" (WordNet's group class in
    any sense), and "group" itself, which WordNet files as a class of its own."""
    return lemma == "group" or "group" in word_classes(lemma, "n")


def introduced_as(index: DocumentIndex, mention: Mention, lemma: str) -> bool:
    """Whether the story introduced the named body with the noun: right before its name
    ("media group Reuters") or in a description set off after it ("Acme, the group,")."""
    before = index.text[max(0, mention.span.start - INTRODUCTION_CHARS):mention.span.start]
    after = index.text[mention.span.end:mention.span.end + INTRODUCTION_CHARS]
    last = before.split()[-1:]
    appositive = re.match(r",\s+(?:a|an|the)\s([^,.;:]+)", after)
    return bool(last and last[0].lower() in (lemma, lemma + "s")) or bool(
        appositive and lemma in appositive.group(1).lower().split())


# Characters read before and after a name for the noun it was introduced with.
INTRODUCTION_CHARS = 40
