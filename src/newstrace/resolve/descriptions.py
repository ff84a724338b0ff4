"""What descriptions of places and bodies refer to, from the story they stand in.

A story has a subject country: the one it names and acts through most, counting its
nationality ("French") and the people, bodies and places the gazetteer puts in it (Macron,
the Élysée, Paris). "The country" is that country; "the Baltic state" is one of the region's
members the story names, the subject country first; "the Ministry of Defence" is the subject
country's ministry of that kind. "The state" after a state within a country ("Ohio") is
that state.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from newstrace.extract.lexicon import ANAPHOR_DETERMINERS
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Mention, Span
from newstrace.resolve.clusters import Cluster
from newstrace.resolve.names import fold

# Gazetteer kinds of states within a country, which "the state" may mean ("the state's
# governor" after "Ohio").
STATE_KINDS = {"us-state"}
# A body's name read as the office of its head: "Ministry of Defence" -> "minister of
# defence", which roles.json knows as the defence minister.
BODY_TO_OFFICE = {"ministry": "minister", "department": "secretary"}


def region_described(mention: Mention, gazetteer: Gazetteer) -> str | None:
    """The region whose member states a description names: "the Baltic country" ->
    "baltic-states", "the Gulf state" -> "gulf"; None for a region no country belongs to
    ("the European country") and for a bare "the country"."""
    words = mention.text.split()[:-1]
    modifiers = [w for w in words if fold(w) not in ANAPHOR_DETERMINERS]
    phrases = [" ".join(modifiers), *modifiers] if modifiers else []
    for phrase in phrases:
        entry = gazetteer.region_named(phrase)
        if entry and gazetteer.members_of(entry.key):
            return entry.key
    return None


@functools.lru_cache(maxsize=4)
def countries_by_code(gazetteer: Gazetteer) -> dict[str, Entry]:
    return {e.identifiers["iso3166"]: e for e in gazetteer.entries.values()
            if e.type == "GPE" and e.kind == "country" and e.identifiers.get("iso3166")}


def country_of(cluster: Cluster, gazetteer: Gazetteer) -> tuple[str, Cluster | Entry] | None:
    """The country a cluster stands for or belongs to, as a key and what to resolve to: a
    country named (itself, even one the gazetteer lacks), a nationality, or the country of a
    known person, body or place."""
    entry = cluster.entry
    if cluster.type == "GPE" and (entry is None or entry.identifiers.get("iso3166")):
        return (entry.identifiers["iso3166"] if entry else f"name:{cluster.name()}", cluster)
    code = entry.country if entry else None
    if entry is None and cluster.type == "NORP":
        nationality = gazetteer.country_of_demonym(cluster.name())
        code = nationality.identifiers.get("iso3166") if nationality else None
    country = countries_by_code(gazetteer).get(code) if code else None
    return (code, country) if code and country else None


def subject_country(clusters: list[Cluster], gazetteer: Gazetteer, story: Span, position: int,
                    acting: Callable[[Mention], bool]) -> Cluster | Entry | None:
    """The country a story is about at a position: the one whose own name acts most (as a
    subject or possessor), then the one named most with its nationality, people and bodies,
    then the one named last; among those named before the position if any is, else anywhere
    in the story (a compilation's excerpt may name it only in its headline)."""
    for before in (True, False):
        scores: dict[str, list[int]] = {}
        targets: dict[str, Cluster | Entry] = {}
        for cluster in clusters:
            found = country_of(cluster, gazetteer)
            if found is None:
                continue
            key, target = found
            mentions = [m for m in cluster.named() if story.contains(m.span)
                        and (not before or m.span.start < position)]
            if not mentions:
                continue
            own = isinstance(target, Cluster)
            if own or key not in targets:
                targets[key] = target
            score = scores.setdefault(key, [0, 0, -1])
            score[0] += sum(acting(m) for m in mentions) if own else 0
            score[1] += len(mentions)
            score[2] = max(score[2], *(m.span.start for m in mentions))
        if scores:
            return targets[max(scores, key=lambda k: tuple(scores[k]))]
    return None


def state_named_before(clusters: list[Cluster], story: Span, position: int) -> Cluster | None:
    """The state within a country ("Ohio") named last before a position in its story."""
    states = [c for c in clusters if c.entry and c.entry.kind in STATE_KINDS and any(
        story.contains(m.span) and m.span.start < position for m in c.named())]
    return max(states, key=lambda c: c.last_before(position), default=None)


def code_of(target: Cluster | Entry | None) -> str | None:
    entry = target.entry if isinstance(target, Cluster) else target
    return entry.identifiers.get("iso3166") if entry else None


def country_of_region(region: str, clusters: list[Cluster], story: Span, position: int,
                      subject: Cluster | Entry | None) -> Cluster | None:
    """The state a description such as "the Nordic state" means: the story's subject country
    if it is of the region, else the nearest one of the region named before it in the story,
    else the only one the story names; never a state outside the region."""
    fitting = [c for c in clusters if c.entry and region in c.entry.groups
               and any(story.contains(m.span) for m in c.named())]
    subject_entry = subject.entry if isinstance(subject, Cluster) else subject
    of_subject = [c for c in fitting if subject_entry is not None and c.entry is subject_entry]
    if of_subject:
        return of_subject[0]
    before = [c for c in fitting if any(
        story.contains(m.span) and m.span.start < position for m in c.named())]
    if before:
        return max(before, key=lambda c: c.last_before(position))
    return fitting[0] if len(fitting) == 1 else None


def names_a_body(name: str) -> bool:
    """Whether a name is of a kind of body that has a head of office ("Ministry of X")."""
    return any(fold(word) in BODY_TO_OFFICE for word in name.split())


def office_of_body(name: str, gazetteer: Gazetteer) -> str | None:
    """The role whose holder heads a body named without its country ("Ministry of Defence",
    "Foreign Ministry" -> "defence minister", "foreign minister"), through roles.json."""
    words = [fold(w) for w in name.split() if gazetteer.place_named(w) is None]
    phrase = " ".join(BODY_TO_OFFICE.get(w, w) for w in words)
    return gazetteer.role_of_title.get(phrase) if phrase != " ".join(words) else None


@functools.lru_cache(maxsize=4)
def bodies_by_office(gazetteer: Gazetteer) -> dict[tuple[str, str], Entry]:
    """Each country's ministries by the role of their head: ("LT", "defence minister") ->
    the Lithuanian Ministry of National Defence."""
    found: dict[tuple[str, str], Entry] = {}
    for entry in gazetteer.entries.values():
        if entry.kind != "ministry" or not entry.country:
            continue
        for form in entry.surface_forms():
            office = office_of_body(form, gazetteer)
            if office:
                found.setdefault((entry.country, office), entry)
    return found


def body_of_country(name: str, gazetteer: Gazetteer, country: str | None) -> Entry | None:
    """The ministry a name without a country means in a story about `country`: "Ministry of
    Defence" in a Lithuanian story is Lithuania's."""
    if country is None or any(gazetteer.place_named(w) for w in name.split()):
        return None
    office = office_of_body(name, gazetteer)
    return bodies_by_office(gazetteer).get((country, office)) if office else None
