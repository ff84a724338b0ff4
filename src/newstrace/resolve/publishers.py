"""Publishers and wire credits: the outlet that published each story, and the agencies and
sources it credits, as entities quotes are relayed by.

A document's outlet comes from its record; a single-story wire report without one credits
its publisher in the dateline or at the end of its first sentence. Every story's credits
("VILNIUS (Reuters) –", "(AP) —", "…, TASS reports, citing Polish Radio.", "Source: press
service of the Ministry of Defence") stand between what any statement in it relays and its
publisher: the chain of a quote in a story "X reports, citing Y" is speaker → Y → X →
publisher.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from newstrace.clean import find_datelines
from newstrace.clean.stories import ACRONYM_OUTLET
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Document, Entity, Mention, Span, Story, stable_id
from newstrace.resolve.names import phonetic_key
from newstrace.resolve.types import BROADCASTS

# A wire story credits its publisher at the end of its first sentence: "…, BTA reports.", or
# with the outlet it took the news from: "…, News.Az reports, citing Lithuanian media."
FIRST_SENTENCE_CREDIT = re.compile(
    r",\s+(?P<outlet>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s+reports?"
    r"(?:,\s+(?:citing|quoting)\s+(?P<cited>[^.;]{2,80}?))?\.(?:\s|$)"
)
# An agency credit opening a line without a place: "(AP) — ".
BARE_CREDIT = re.compile(r"^\s*\((?P<outlet>[A-Z][\w .&-]{1,30})\)\s*[–—-]{1,2}\s+",
                         re.MULTILINE)
# A source line closing a story: "Source: press service of the Ministry of Defence".
SOURCE_LINE = re.compile(r"^\s*(?:Source|Sources|Via)\s*:\s*(?P<source>[^\n]{2,160}?)\s*$",
                         re.MULTILINE | re.IGNORECASE)
# A sign-off closing a story on its last lines: "— Reuters", "(AFP)", "BTA reports.", or
# the agency's name alone after the last sentence: "… for the rest of our lives.” PA".
SIGN_OFF = re.compile(
    r"(?:^|\s)(?:[–—-]{1,2}\s*(?P<dashed>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})"
    r"|\((?P<bracketed>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\))\s*$"
    r"|(?:^|[.!?”\"]\s+)(?P<reports>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})\s+reports\.\s*$"
    r"|(?:^|[.!?][”\"’']?\s+)(?P<bare>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2})\s*$")
# A closing line that gives the whole text to an agency: "© AFP 2025", "Copyright 2025 The
# Associated Press. All rights reserved.", French papers' "(with AFP)".
RIGHTS_LINE = re.compile(
    r"^\(?(?:(?:©|\(c\)|Copyright)\s*(?:\d{4}\s+)?"
    r"(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}?)(?:,?\s+\d{4})?"
    r"|[Ww]ith\s+(?P<with>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}))\)?\s*(?:\.|$)")
# "(Reporting by …; Editing by …)" closes a story in Reuters' house style; no other agency
# credits its reporters and editors in that form.
REUTERS_CREDITS = re.compile(r"^\(\s*(?:Additional\s+)?reporting\s+by\b[^()]*\bediting\s+by\b"
                             r"[^()]*\)$", re.IGNORECASE)
REUTERS = "Reuters"
# The lines a sign-off may stand on: the last, or above a trust-principles or copyright line.
SIGN_OFF_LINES = 3
# What names the office of a source rather than the source: "press service of the".
OFFICE_OF = re.compile(r"^(?:the\s+)?(?:press\s+(?:service|office|centre|center)|website)"
                       r"\s+of\s+(?:the\s+)?", re.IGNORECASE)
# A name, not a description ("Ministry of Defence of Estonia", not "Lithuanian media").
PROPER_NAME = re.compile(r"^[A-Z][\w.&'-]*(?:\s+(?:[A-Z][\w.&'-]*|of|the|and|for))*$")
# A day or month is when, not a title or part of one: "MSNBC's Morning Joe Monday", "the
# BBC's Sunday programme" (its programme that day).
WHEN_WORDS = ("(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|"
              "March|April|May|June|July|August|September|October|November|December)")
# A broadcaster's programme, where words said on air were said: "BBC Radio 4's Today
# programme", "MSNBC's “Morning Joe”", "ITV1's This Morning", "BBC Radio Wales's Good Morning
# Wales programme". The owner is the word before the channel and the possessive; the title is
# quoted (without a stop or comma set inside the marks: "CBS's “Face the Nation,”"), or
# capitalised words.
# The channel between a broadcaster and its possessive ("BBC| Radio 4|'s", "BBC| Radio
# Wales|'s", "Sky| TV|'s").
CHANNEL_WORDS = r"(?:\s+(?:TV|[A-Z]?\d{1,2}|[A-Z][a-z]+)){0,3}"
# What stands between a broadcaster and a programme titled after its noun ("BBC| World
# Service programme |Go Digital").
BEFORE_TITLE_AFTER_NOUN = r"(?:\s+[A-Z][\w.&-]*){0,3}(?:['’]s)?\s+(?:" + "|".join(sorted(
    BROADCASTS)) + r")\s+"
PROGRAMME = re.compile(
    r"\b(?P<owner>[A-Z][\w.&-]*?)\d?" + CHANNEL_WORDS +
    r"['’]s\s+(?:[\"“‘](?P<quoted>[A-Z][^\"”’\n]{0,40}?[\w!?])[,.]?[\"”’]"
    r"|(?P<named>(?!" + WHEN_WORDS + r"\b)[A-Z][\w'-]*(?:(?:\s+(?:of|the|and|for|at|on|in))*"
    r"\s+(?!" + WHEN_WORDS + r"\b)[A-Z0-9][\w'-]*){0,4}))"
    r"(?P<noun>\s+(?:programme|program|show|podcast|documentary|series|bulletin))?(?=[^\w'-]|$)")
# The same with the title after the noun: "the BBC World Service programme Go Digital".
PROGRAMME_TITLED_AFTER = re.compile(
    r"\b(?P<owner>[A-Z][\w.&-]*?)\d?" + BEFORE_TITLE_AFTER_NOUN +
    r"(?P<named>(?!" + WHEN_WORDS + r"\b)[A-Z][\w'-]*(?:(?:\s+(?:of|the|and|for|at|on|in))*"
    r"\s+(?!" + WHEN_WORDS + r"\b)[A-Z0-9][\w'-]*){0,3})(?=[^\w'-]|$)")
# Where an unquoted title without "programme" is still one: right after "on", "to", "told".
ON_AIR = re.compile(r"\b(?:on|to|told|with)\s+(?:the\s+)?$")
# What follows a broadcaster's department or staff, not a programme: "CNN's Moscow bureau".
NOT_A_PROGRAMME = re.compile(r"\s+(?:bureau|correspondent|editor|reporter|website|desk|office|"
                             r"service|team|chief|producer|presenter|host)s?\b")
# Mentions a title neither quoted nor called a programme may not overlap: it is no programme
# but a reporter ("the BBC's Nick Robinson") or a place ("CNN's Middle East bureau").
NOT_A_TITLE = ("PERSON", "GPE", "LOC", "NORP")
# Entity types that can stand in a chain: outlets, and the bodies whose press services
# publish (a ministry's statement on its website).
SOURCE_TYPES = ("OUTLET", "ORG")


def credited_publisher(
    text: str, stories: list[Story], gazetteer: Gazetteer,
    datelines: list[tuple[Span, str | None]],
) -> str | None:
    """The outlet a single-story wire report credits, by canonical name: in its dateline
    ("VILNIUS, March 5 (BNS) –"), at the end of its first sentence ("…, BTA reports.") or in
    its sign-off ("— Reuters")."""
    if len(stories) != 1:
        return None
    first_line = text[stories[0].span.start:].split("\n", 1)[0]
    match = FIRST_SENTENCE_CREDIT.search(first_line)
    credit = next((outlet for _, outlet in datelines if outlet), None) or (
        match.group("outlet") if match else None) or sign_off(text, stories[0].span, gazetteer)
    if credit is None:
        return None
    entry = gazetteer.lookup(credit, ("OUTLET",))
    return entry.name if entry else credit


# The last documents' sign-offs: a document's publisher (`credited_publisher`) and its
# stories' credits (`story_credits`) both ask for its first story's.
@functools.lru_cache(maxsize=8)
def sign_off(text: str, story: Span, gazetteer: Gazetteer) -> str | None:
    """The outlet a story's last lines sign off with: "— Reuters", "(AFP)", "BTA reports.",
    an agency's name alone after the last sentence ("… he said. PA"), an agency's rights
    ("© AFP 2025", "(with AFP)", on the story's last lines or the boilerplate right under
    it), or Reuters' "(Reporting by …; Editing by …)". A name after a dash is an outlet only
    when it is known or an acronym: "— Jonas Petraitis" signs the reporter."""
    below = [line.strip() for line in text[story.end:].split("\n") if line.strip()]
    for line in below[:SIGN_OFF_LINES - 1]:
        if agency := rights_holder(line, gazetteer):
            return agency
    lines = [line.strip() for line in text[story.start:story.end].split("\n") if line.strip()]
    for line in reversed(lines[-SIGN_OFF_LINES:]):
        if REUTERS_CREDITS.match(line):
            return REUTERS
        if agency := rights_holder(line, gazetteer):
            return agency
        match = SIGN_OFF.search(line)
        if match:
            name = match.group("dashed") or match.group("bracketed") or match.group("reports") \
                or match.group("bare")
            known = gazetteer.lookup(name, ("OUTLET",))
            # An unknown acronym may be an outlet; one the gazetteer knows by that very
            # spelling as something else ("... backed by the alliance (NATO)") is not ("PA"
            # only sounds like "Pa."). A known name standing alone signs off only as an
            # agency's: "Facebook" closes a "follow us" list.
            if known and (known.kind == "agency" or not match.group("bare")) or (
                    ACRONYM_OUTLET.match(name) and not gazetteer.by_alias.get(name)):
                return name
    return None


def rights_holder(line: str, gazetteer: Gazetteer) -> str | None:
    """The agency a line gives the text's rights to: "© AFP 2025", "(with AFP)"."""
    rights = RIGHTS_LINE.match(line)
    agency = gazetteer.lookup(rights.group("owner") or rights.group("with"),
                              ("OUTLET",)) if rights else None
    return agency.name if agency is not None and agency.kind == "agency" else None


def publisher_entities(
    document: Document, stories: list[Story], entities: list[Entity], gazetteer: Gazetteer
) -> list[tuple[Story, list[str]]]:
    """For each story, the entity ids of the outlets and sources it credits, nearest the
    words first, ending with the outlet that published it (story credit first, else the
    document's outlet). Outlets not yet among the entities are added, and the programmes of
    known outlets the text names, which a statement's medium may be."""
    programme_entities(document.text, entities, gazetteer)
    found = []
    for story in stories:
        chain = story_credits(document.text, story.span, entities, gazetteer)
        name = story.outlet or document.outlet
        if name:
            publisher = outlet_entity(name, document.text, entities, gazetteer).id
            chain = [c for c in chain if c != publisher] + [publisher]
        if chain:
            found.append((story, chain))
    return found


def programme_entities(text: str, entities: list[Entity], gazetteer: Gazetteer) -> None:
    """Programmes of known outlets the text names, as outlets of their own: the medium of
    words said on air is the programme ("told BBC Radio 4's Today programme")."""
    for match in [*PROGRAMME.finditer(text), *PROGRAMME_TITLED_AFTER.finditer(text)]:
        owner = gazetteer.lookup(match.group("owner"), ("OUTLET",))
        if owner is None or owner.kind == "social":
            continue
        titled_after = match.re is PROGRAMME_TITLED_AFTER
        title = "named" if titled_after or not match.group("quoted") else "quoted"
        if title == "named" and not titled_after and not match.group("noun") and not (
                owner.kind == "broadcaster" and
                ON_AIR.search(text, max(0, match.start() - 12), match.start()) and
                not NOT_A_PROGRAMME.match(text, match.end())):
            continue
        end = match.end("noun") if not titled_after and match.group("noun") else \
            match.end(title)
        span = Span(match.start(title), end)
        inside = [m for e in entities for m in e.mentions if m.span.overlaps(span)]
        # a title in marks or called a programme may hold a name: "Focus on Africa
        # programme" (not one after the noun: "the BBC programme Mr Lee presents")
        plain = title == "named" and (titled_after or not match.group("noun"))
        if any(m.type in NOT_A_TITLE and plain or not span.contains(m.span) for m in inside):
            continue
        name = span.text(text)
        take_over(span, entities)
        entity_id = stable_id("ent", "OUTLET", phonetic_key(name))
        mention = Mention(span, name, "OUTLET", "publisher", entity_id)
        same = next((e for e in entities if e.id == entity_id), None)
        if same is None:
            entities.append(Entity(entity_id, "OUTLET", name, [mention]))
        else:
            same.mentions.append(mention)


def story_credits(text: str, story: Span, entities: list[Entity],
                  gazetteer: Gazetteer) -> list[str]:
    """The entity ids of the sources a story credits for all it says, nearest the words
    first: the source line at its end, the outlet its first sentence cites, then one agency
    credit (the first sentence's, else the dateline's, else a bare "(AP) —", else the
    sign-off's)."""
    credits: list[str] = []
    lines = [m for m in SOURCE_LINE.finditer(text, story.start, story.end)]
    if lines:
        where = Span(lines[-1].start("source"), lines[-1].end("source"))
        credits += [e for e in [source_in(where, text, entities, gazetteer)] if e]
    first_line = text[story.start:story.end].lstrip().split("\n", 1)[0]
    offset = story.start + len(text[story.start:story.end]) - \
        len(text[story.start:story.end].lstrip())
    first = FIRST_SENTENCE_CREDIT.search(first_line)
    if first and first.group("cited"):
        where = Span(offset + first.start("cited"), offset + first.end("cited"))
        credits += [e for e in [source_in(where, text, entities, gazetteer)] if e]
    agencies = [first.group("outlet")] if first else []
    agencies += [outlet for span, outlet in find_datelines(text, gazetteer.is_outlet)
                 if outlet and story.start <= span.start < story.end]
    agencies += [m.group("outlet") for m in BARE_CREDIT.finditer(text, story.start, story.end)
                 if gazetteer.lookup(m.group("outlet"), ("OUTLET",)) or
                 ACRONYM_OUTLET.match(m.group("outlet"))]
    agencies += [name for name in [sign_off(text, story, gazetteer)] if name]
    credits += [outlet_entity(name, text, entities, gazetteer).id for name in agencies[:1]]
    return list(dict.fromkeys(credits))


def source_in(where: Span, text: str, entities: list[Entity],
              gazetteer: Gazetteer) -> str | None:
    """The outlet, or the body through its press office or website, that a credit names:
    the first entity of those types mentioned there, else the one the gazetteer knows by
    that name. A body is also the document's entity whose name's words all begin a word of
    the credit ("the Ministry of Defence of Estonia" is the "Estonian Ministry of Defence"
    named before), or for a name in capitals a new one. A body named without its office is
    no source of the story: "Source: NATO." under a chart credits the figures."""
    office = OFFICE_OF.match(where.text(text))
    types = SOURCE_TYPES if office else ("OUTLET",)
    named = sorted((m.span.start, e.id) for e in entities if e.type in types
                   for m in e.mentions if where.contains(m.span))
    if named:
        return named[0][1]
    credit = where.text(text)[office.end() if office else 0:].strip()
    entry = gazetteer.lookup(credit, types)
    if entry is not None and entry.type == "OUTLET":
        return outlet_entity(credit, text, entities, gazetteer).id
    if not office:
        return None
    if entry is not None:
        return next((e.id for e in entities if e.known_as == entry.key), None) or \
            new_source(credit, where, entities, entry.type, entry)
    words = [w[:5] for w in re.findall(r"\w+", credit.lower()) if len(w) > 3]
    near = [e for e in entities if e.type in SOURCE_TYPES and (name := [
        w[:5] for w in re.findall(r"\w+", e.name.lower()) if len(w) > 3]) and
        all(w in words for w in name)]
    if near:
        return max(near, key=lambda e: len(e.name)).id
    if PROPER_NAME.match(credit):
        return new_source(credit, where, entities, "ORG")
    return None


def new_source(credit: str, where: Span, entities: list[Entity], type_: str,
               entry: Entry | None = None) -> str:
    """An entity for a source named only in a credit, its mention the credit's last words."""
    key = entry.key if entry else None
    entity_id = stable_id("ent", key) if key else stable_id("ent", type_, phonetic_key(credit))
    mention = Mention(Span(where.end - len(credit), where.end), credit, type_, "publisher",
                      entity_id)
    entities.append(Entity(entity_id, type_, entry.name if entry else credit, [mention],
                           known_as=key))
    return entity_id


def outlet_entity(
    name: str, text: str, entities: list[Entity], gazetteer: Gazetteer
) -> Entity:
    entry = gazetteer.lookup(name, ("OUTLET",))
    key = phonetic_key(entry.name if entry else name)
    for entity in entities:
        if entity.type == "OUTLET" and (
                entry and entity.known_as == entry.key or phonetic_key(entity.name) == key):
            return entity
    entity_id = stable_id("ent", entry.key) if entry else stable_id("ent", "OUTLET", key)
    entity = Entity(entity_id, "OUTLET", entry.name if entry else name,
                    known_as=entry.key if entry else None)
    for match in re.finditer(rf"\b{re.escape(name)}\b", text):
        span = Span(match.start(), match.end())
        # Pieces of an outlet's name ("Az" of "News.Az" read as a person) are no mentions.
        take_over(span, entities, whole=False)
        if not any(m.span.overlaps(span) for e in entities for m in e.mentions):
            entity.mentions.append(Mention(span, name, "OUTLET", "publisher", entity_id))
    entities.append(entity)
    return entity


def take_over(span: Span, entities: list[Entity], whole: bool = True) -> None:
    """The mentions inside ``span`` (and, with ``whole``, one of all of it) leave their
    entities, and an entity left with none goes: the span names something else."""
    emptied = set()
    for entity in entities:
        kept = [m for m in entity.mentions
                if not (span.contains(m.span) and (whole or m.span != span))]
        if len(kept) < len(entity.mentions):
            entity.mentions = kept
            if not kept:
                emptied.add(entity.id)
    entities[:] = [e for e in entities if e.id not in emptied]


def credits_at(publishers: list[tuple[Story, list[str]]]) -> Callable[[int], list[str]]:
    """The credits and the publisher at a character position (those of the story holding
    it), nearest the words first."""
    def credits_of(position: int) -> list[str]:
        for story, chain in publishers:
            if story.span.start <= position < story.span.end:
                return chain
        return []

    return credits_of
