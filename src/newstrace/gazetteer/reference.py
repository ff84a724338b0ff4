"""The gazetteer's reference data: known entities (countries, places, organisations,
outlets, treaties, weapons, office holders with term dates) and the lookups every stage
uses (by name, spelling, description, demonym, office on a day). `loader` builds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newstrace.resolve.names import name_readings

# Head nouns of "<country>'s <institution>" and the gazetteer kind of organisation they name.
INSTITUTION_KINDS = {
    "parliament": "parliament", "legislature": "parliament", "government": "government",
    "cabinet": "government", "armed forces": "armed-forces", "presidency": "presidency",
}


@dataclass(frozen=True)
class Role:
    role: str
    country: str | None
    start: date | None
    end: date | None

    def holds_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Entry:
    key: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    descriptors: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    identifiers: dict[str, str] = field(default_factory=dict)
    # Countries: the keys of the regions they belong to ("baltic-states", "gulf").
    groups: list[str] = field(default_factory=list)
    country: str | None = None
    kind: str | None = None
    roles: list[Role] = field(default_factory=list)
    rules: dict[str, Any] = field(default_factory=dict)
    # Treaties: membership as of a cut-off (as_of, sources, membership_complete, and per ISO
    # code the dates of signature, ratification or accession, entry into force).
    membership: dict[str, Any] = field(default_factory=dict)

    def surface_forms(self) -> list[str]:
        return [self.name, *self.aliases]


class Gazetteer:
    def __init__(self, entries: list[Entry], role_titles: dict[str, list[str]]):
        self.entries = {entry.key: entry for entry in entries}
        self.by_alias: dict[str, set[str]] = {}
        self.by_phonetic: dict[str, set[str]] = {}
        self.by_descriptor: dict[str, str] = {}
        self.by_demonym: dict[str, str] = {}
        self.role_of_title = {
            title.lower(): role for role, titles in role_titles.items() for title in titles
        }
        for entry in entries:
            for form in entry.surface_forms():
                self.by_alias.setdefault(form, set()).add(entry.key)
                for reading in name_readings(form):
                    self.by_phonetic.setdefault(reading, set()).add(entry.key)
            for descriptor in entry.descriptors:
                self.by_descriptor[descriptor.lower()] = entry.key
            for demonym in entry.demonyms:
                self.by_demonym.setdefault(demonym, entry.key)
        # Keys by kind ("parliament", "country"): the event rules ask for them per document.
        self.by_kind = {kind: frozenset(e.key for e in entries if e.kind == kind)
                        for kind in {e.kind for e in entries if e.kind}}

    def lookup(self, text: str, types: tuple[str, ...] = ()) -> Entry | None:
        """The one entry this surface form names: exact first, then by phonetic key (any of
        the readings a spelling leaves open: `names.name_readings`).

        An ambiguous form (two entries share it) gives None rather than a guess.
        """
        phonetic = {key for reading in name_readings(text)
                    for key in self.by_phonetic.get(reading, ())}
        for found in (self.by_alias.get(text, set()), phonetic):
            keys = [k for k in found if not types or self.entries[k].type in types]
            if len(keys) == 1:
                return self.entries[keys[0]]
            if len(keys) > 1:
                return None
        return None

    def descriptor(self, phrase: str) -> Entry | None:
        """The entry a description names: one listed for it ("the Belgian capital"), or a
        country's institution ("Lithuania's parliament", "the Lithuanian government")."""
        key = self.by_descriptor.get(phrase.lower())
        return self.entries[key] if key else self.institution(phrase)

    def institution(self, phrase: str) -> Entry | None:
        match = re.fullmatch(r"(?:the\s+)?(?P<country>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)(?:['’]s)?"
                             r"\s+(?P<head>[a-z]+(?:\s+forces)?)", phrase.strip(), re.IGNORECASE)
        kind = INSTITUTION_KINDS.get(match.group("head").lower()) if match else None
        if match is None or kind is None:
            return None
        country = self.place_named(match.group("country"))
        code = country.identifiers.get("iso3166") if country else None
        found = [e for e in self.entries.values()
                 if code and e.country == code and e.kind == kind]
        # Several bodies of a kind ("armed forces" and "air force"): the general one.
        if len(found) > 1:
            found = [e for e in found if match.group("head").lower() in e.name.lower()]
        return found[0] if len(found) == 1 else None

    def office_holder(self, role: str, country: str | None, day: date) -> Entry | None:
        holders = [
            entry for entry in self.entries.values()
            if any(r.role == role and r.country == country and r.holds_on(day) for r in entry.roles)
        ]
        return holders[0] if len(holders) == 1 else None

    def region_named(self, words: str) -> Entry | None:
        """The region words name, or whose people they name ("Gulf", "Central Asian")."""
        entry = self.place_named(words)
        return entry if entry is not None and entry.kind == "region" else None

    def members_of(self, region: str) -> list[Entry]:
        return [e for e in self.entries.values() if region in e.groups]

    def place_named(self, words: str) -> Entry | None:
        """The country or place words name, by its people or its name, a possessive allowed:
        "Lithuanian", "Lithuania's", "Gulf"."""
        words = re.sub(r"['’]s$", "", words)
        return self.country_of_demonym(words) or self.lookup(words, ("GPE",))

    def country_of_demonym(self, word: str) -> Entry | None:
        key = self.by_demonym.get(word)
        return self.entries[key] if key else None

    def is_outlet(self, name: str) -> bool:
        return self.lookup(name, ("OUTLET",)) is not None
