"""Within-document entity resolution: one cluster per real-world thing, with a global id.

Names are clustered first (gazetteer key, then full-name keys, then lone surnames joining the
full name they shorten); descriptive phrases ("the minister", "the agency", "her country")
then join the cluster they refer to, by role, type and salience. A cluster known to the
gazetteer takes its canonical name and id from there, so "Lithuania" has one id everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc

from newstrace.extract.lexicon import ANAPHOR_DETERMINERS, SPEECH_LEMMAS, speech_lemma_of
from newstrace.extract.mentions import OUTLET_KIND_OF_HEAD, described_treaty
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Entity, Mention, Span, stable_id
from newstrace.resolve.names import fold, name_weight, phonetic_key

# Determiners dropped before a role title is looked up ("the president" -> president); not
# "our", whose speaker's own side ("our president") is not the article's role holder.
_ROLE_DETERMINERS = ANAPHOR_DETERMINERS - {"our"}

# Words that may stand in a title before a name ("Lithuania's Deputy Defense Minister"),
# read from the characters just before it (more than a title's worth).
MAX_TITLE_TOKENS = 6
TITLE_WINDOW_CHARS = 80
# An unknown acronym that may abbreviate a name of the document ("ICRC", "UNHCR").
ABBREVIATION_MAX_CHARS = 6
# Characters between an appositive and the name it describes: ", " or " – ".
APPOSITIVE_GAP_CHARS = 4
# Anaphor heads and words that, in a cluster's name, show it is what the anaphor means.
ANAPHOR_NAME_WORDS = {
    "ministry": ("ministry", "department", "pentagon"),
    "department": ("ministry", "department", "pentagon"),
    "government": ("government", "cabinet"),
    "parliament": ("parliament", "seimas", "saeima", "riigikogu", "sejm", "rada", "bundestag",
                   "congress", "duma", "assembly"),
}


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    entry: Entry | None = None
    types: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)

    @property
    def type(self) -> str:
        if self.entry:
            return self.entry.type
        known = [t for t in self.types if t != "UNKNOWN"]
        if "PERSON" in known and any(len(m.text.split()) > 1 for m in self.named()):
            return "PERSON"
        # The commonest type; between equally common ones the first seen (a set's order
        # would change with the hash seed, and the entity's type and id with it).
        return max(dict.fromkeys(known), key=known.count) if known else "UNKNOWN"

    def named(self) -> list[Mention]:
        return [m for m in self.mentions if m.origin in ("ner", "gazetteer")]

    def name(self) -> str:
        if self.entry:
            return self.entry.name
        names = [m.text for m in self.named()] or [m.text for m in self.mentions]
        return max(names, key=lambda n: (*name_weight(n), len(n)))

    def add(self, mention: Mention, type_: str | None = None) -> None:
        self.mentions.append(mention)
        self.types.append(type_ or mention.type)

    def last_before(self, position: int) -> int:
        return max((m.span.start for m in self.mentions if m.span.start < position), default=-1)


class Resolver:
    def __init__(
        self, doc: Doc, gazetteer: Gazetteer, published: date | None, stories: list[Span]
    ):
        self.doc = doc
        self.stories = stories
        self.text = doc.text
        self.gazetteer = gazetteer
        self.published = published
        self.clusters: list[Cluster] = []
        self.by_entry: dict[str, Cluster] = {}

    def cluster_for_entry(self, entry: Entry) -> Cluster:
        if entry.key not in self.by_entry:
            cluster = Cluster(entry=entry)
            self.by_entry[entry.key] = cluster
            self.clusters.append(cluster)
        return self.by_entry[entry.key]

    def resolve(self, mentions: list[Mention]) -> list[Entity]:
        named = [m for m in mentions if m.origin in ("ner", "gazetteer")]
        single = [m for m in named if len(m.text.split()) == 1]
        for mention in named:
            if mention not in single:
                self.place_full_name(mention)
        for mention in single:
            self.place_single_name(mention)
        self.merge_acronyms()
        for cluster in self.clusters:
            if cluster.type == "PERSON":
                self.read_titles(cluster)
        for mention in mentions:
            if mention.origin not in ("ner", "gazetteer"):
                self.place_descriptor(mention, named)
        return self.entities()

    def place_full_name(self, mention: Mention) -> None:
        entry = self.gazetteer.lookup(mention.text)
        if entry:
            self.cluster_for_entry(entry).add(mention)
            return
        key = phonetic_key(mention.text)
        for cluster in self.clusters:
            if cluster.entry is None and any(phonetic_key(m.text) == key for m in cluster.named()):
                cluster.add(mention)
                return
        self.clusters.append(Cluster([mention], types=[mention.type]))

    def place_single_name(self, mention: Mention) -> None:
        key = phonetic_key(mention.text)
        # A lone surname joins the person in this document whose name it ends.
        for cluster in self.clusters:
            if cluster.type == "PERSON" and any(
                phonetic_key(m.text.split()[-1]) == key for m in cluster.named()
            ):
                cluster.add(mention, "PERSON")
                return
        entry = self.gazetteer.lookup(mention.text)
        # A lone word spaCy takes for a place is not a person's surname ("Kaunas").
        if entry and (entry.type != "PERSON" or mention.type != "GPE"
                      or mention.origin == "gazetteer"):
            self.cluster_for_entry(entry).add(mention)
            return
        for cluster in self.clusters:
            if any(phonetic_key(m.text) == key for m in cluster.named()):
                cluster.add(mention)
                return
        self.clusters.append(Cluster([mention], types=[mention.type]))

    def merge_acronyms(self) -> None:
        """An unknown acronym joins the cluster whose name it abbreviates (ICRC)."""
        for cluster in list(self.clusters):
            name = cluster.name()
            if cluster.entry or not re.fullmatch(rf"[A-Z]{{2,{ABBREVIATION_MAX_CHARS}}}", name):
                continue
            for other in self.clusters:
                if other is not cluster and initials(other.name()) == name:
                    for mention in cluster.mentions:
                        other.add(mention, other.type)
                    self.clusters.remove(cluster)
                    break

    def read_titles(self, cluster: Cluster) -> None:
        """Roles and their countries, from the gazetteer's terms of office and from titles
        before the name ("Lithuanian Defense Minister Dovile Šakaliene")."""
        if cluster.entry and self.published:
            for role in cluster.entry.roles:
                if role.holds_on(self.published):
                    cluster.roles.add(role.role)
                    if role.country:
                        cluster.countries.add(role.country)
        titles = sorted(self.gazetteer.role_of_title.items(), key=lambda x: -len(x[0]))
        for mention in cluster.named():
            words = self.title_before(mention.span.start)
            title = " ".join(words).lower()
            for phrase, role_key in titles:
                if re.search(rf"\b{re.escape(phrase)}$", title):
                    cluster.roles.add(role_key)
                    break
            # "Lithuanian Defense Minister", "Lithuania's Deputy Defense Minister".
            for word in words:
                name = re.sub(r"['’]s$", "", word)
                country = self.gazetteer.country_of_demonym(name) or \
                    self.gazetteer.lookup(name, ("GPE",))
                if country and country.identifiers.get("iso3166"):
                    cluster.countries.add(country.identifiers["iso3166"])

    def title_before(self, position: int) -> list[str]:
        words = re.findall(r"[\w’'.-]+", self.text[max(0, position - TITLE_WINDOW_CHARS):position])
        return words[-MAX_TITLE_TOKENS:]

    def place_descriptor(self, mention: Mention, named: list[Mention]) -> None:
        target: Cluster | None = None
        if mention.origin == "descriptor":
            entry = self.gazetteer.descriptor(mention.text)
            if entry is None and mention.type == "TREATY":
                treaties = {c.entry.key for c in self.clusters
                            if c.entry and c.entry.type == "TREATY"}
                entry = described_treaty(mention.text, self.gazetteer, treaties)
            target = self.cluster_for_entry(entry) if entry else None
        elif mention.origin == "appositive":
            following = [m for m in named
                         if 0 <= m.span.start - mention.span.end <= APPOSITIVE_GAP_CHARS]
            target = self.cluster_of(following[0]) if following else None
        elif mention.origin == "role":
            target = self.referent_of_role(mention)
        elif mention.origin == "anaphor":
            target = self.referent_of_anaphor(mention)
        if target is not None:
            target.add(mention, target.type)

    def cluster_of(self, mention: Mention) -> Cluster | None:
        return next((c for c in self.clusters if mention in c.mentions), None)

    def referent_of_role(self, mention: Mention) -> Cluster | None:
        words = mention.text.split()
        # "the Ukrainian President": the nationality names the country, the rest the office.
        countries = [e for e in map(self.gazetteer.country_of_demonym, words) if e]
        country = countries[0].identifiers.get("iso3166") if countries else None
        phrase = " ".join(fold(w) for w in words
                          if self.gazetteer.country_of_demonym(w) is None
                          and fold(w) not in _ROLE_DETERMINERS)
        role = self.gazetteer.role_of_title.get(phrase)
        head = phrase.split()[-1] if phrase else ""
        people = [c for c in self.clusters if c.type == "PERSON"]
        if role:
            fitting = [c for c in people if role in c.roles
                       and (country is None or country in c.countries or not c.countries)]
        else:
            # A bare "the minister" means a minister, not a deputy.
            fitting = [c for c in people
                       if any(head in r and "deputy" not in r for r in c.roles)]
        fitting = [c for c in fitting if c.last_before(mention.span.start) >= 0] or fitting
        if fitting:
            return max(fitting, key=lambda c: c.last_before(mention.span.start))
        if role and self.published:
            holder = self.gazetteer.office_holder(role, country or self.main_country(),
                                                  self.published)
            return self.cluster_for_entry(holder) if holder else None
        return None

    def role_in_clause(self, mention: Mention) -> str:
        """'speaker' for the subject of a speech verb, 'subject' for another subject or a
        possessor, else ''."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        for token in span or []:
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_ in SPEECH_LEMMAS:
                return "speaker"
            # "…,” the agency comments." after a quote: the tagger may read the verb as a
            # plural noun.
            after = token.nbor() if token.i + 1 < len(self.doc) else None
            last = span is not None and token.i == span[-1].i
            if last and after is not None and speech_lemma_of(after.lower_):
                return "speaker"
            if token.dep_ in ("nsubj", "nsubjpass", "poss"):
                return "subject"
        return ""

    def referent_of_anaphor(self, mention: Mention) -> Cluster | None:
        position = mention.span.start
        if mention.type == "GPE":
            region = self.region_described(mention)
            if region:
                return self.country_of_region(region, position)
            return self.salient_country(position)
        head = fold(mention.text).split()[-1]
        earlier = [c for c in self.clusters
                   if c.type == mention.type and c.last_before(position) >= 0]
        words = ANAPHOR_NAME_WORDS.get(head)
        if words:
            earlier = [c for c in self.clusters if c.last_before(position) >= 0
                       and any(w in fold(m.text) for m in c.named() for w in words)]
        elif mention.type == "TREATY" and len(earlier) > 1:
            return None  # "the accord" after two treaties are named: either may be meant
        elif head in OUTLET_KIND_OF_HEAD:
            earlier = [c for c in earlier if self.fits_outlet(c, mention)]
            if not earlier:
                # Described, then named: "told the Latvian broadcaster, LSM,".
                return self.outlet_named_next(mention)
        if self.role_in_clause(mention) == "speaker":
            # "…,” the agency comments.": the body that was speaking, not the last one named.
            speaking = [c for c in earlier if any(
                m.span.start < position and self.role_in_clause(m) == "speaker"
                for m in c.mentions)]
            earlier = speaking or earlier
        return max(earlier, key=lambda c: c.last_before(position), default=None)

    def outlet_named_next(self, mention: Mention) -> Cluster | None:
        """The first fitting outlet named after a description of one, in its paragraph."""
        end = self.text.find("\n", mention.span.end)
        paragraph = Span(mention.span.end, end if end > 0 else len(self.text))
        starts = [(m.span.start, c) for c in self.clusters if c.type == "OUTLET"
                  and self.fits_outlet(c, mention) for m in c.named()
                  if paragraph.contains(m.span)]
        return min(starts, key=lambda s: s[0])[1] if starts else None

    def fits_outlet(self, cluster: Cluster, mention: Mention) -> bool:
        """Whether an outlet can be "the agency" or "the Lithuanian newspaper": its kind and
        country, where the gazetteer knows them, agree with the phrase."""
        if cluster.entry is None:
            return True
        words = mention.text.split()
        kind = OUTLET_KIND_OF_HEAD[fold(words[-1])]
        countries = [e.identifiers.get("iso3166") for e in
                     map(self.gazetteer.country_of_demonym, words) if e]
        return cluster.entry.kind in (None, kind) and (
            not countries or cluster.entry.country in (None, *countries))

    def story_of(self, position: int) -> Span:
        return next((s for s in self.stories if s.holds(position)),
                    Span(0, len(self.text)))

    def region_described(self, mention: Mention) -> str | None:
        """The region whose member states a description names: "the Baltic country" ->
        "baltic-states", "the Gulf state" -> "gulf"; None for a region no country belongs to
        ("the European country") and for a bare "the country"."""
        words = mention.text.split()[:-1]
        modifiers = [w for w in words if fold(w) not in ANAPHOR_DETERMINERS]
        phrases = [" ".join(modifiers), *modifiers] if modifiers else []
        for phrase in phrases:
            entry = self.gazetteer.country_of_demonym(phrase) or \
                self.gazetteer.lookup(phrase, ("GPE",))
            if entry and entry.kind == "region" and self.gazetteer.members_of(entry.key):
                return entry.key
        return None

    def country_of_region(self, region: str, position: int) -> Cluster | None:
        """The state a description such as "the Nordic state" means: the nearest one of the
        region named before it in the story, else the only one the story names; never a state
        outside the region."""
        story = self.story_of(position)
        fitting = [c for c in self.clusters if c.entry and region in c.entry.groups
                   and any(story.contains(m.span) for m in c.named())]
        before = [c for c in fitting if any(
            story.contains(m.span) and m.span.start < position for m in c.named())]
        if before:
            return max(before, key=lambda c: c.last_before(position))
        return fitting[0] if len(fitting) == 1 else None

    def salient_country(self, position: int) -> Cluster | None:
        """The country a report is about: the one that acts most (subjects, possessors), then
        the one named most, within the story; before the anaphor if any is, else anywhere in
        the story (a compilation's excerpt may name it only in its headline)."""
        story = self.story_of(position)
        countries = [c for c in self.clusters if c.type == "GPE"
                     and (c.entry is None or c.entry.identifiers.get("iso3166"))]

        def in_story(cluster: Cluster, before: bool) -> list[Mention]:
            return [m for m in cluster.named() if story.contains(m.span)
                    and (not before or m.span.start < position)]

        for before in (True, False):
            scored = [(sum(self.role_in_clause(m) != "" for m in found), len(found),
                       max(m.span.start for m in found), c)
                      for c in countries if (found := in_story(c, before))]
            if scored:
                return max(scored, key=lambda s: s[:3])[3]
        return None

    def nationality_codes(self, name: str) -> dict[str, str]:
        """"Lithuanian-Ukrainian" -> {"iso3166": "LT,UA"}: the countries a nationality names."""
        codes = [country.identifiers.get("iso3166", "") for part in re.split(r"[-–]", name)
                 if (country := self.gazetteer.country_of_demonym(part))]
        return {"iso3166": ",".join(c for c in codes if c)} if any(codes) else {}

    def main_country(self) -> str | None:
        counts = {c.entry.identifiers.get("iso3166"): len(c.mentions)
                  for c in self.clusters if c.entry and c.entry.identifiers.get("iso3166")}
        return max(counts, key=lambda k: counts[k]) if counts else None

    def entities(self) -> list[Entity]:
        entities = []
        for cluster in self.clusters:
            type_ = cluster.type
            if type_ == "UNKNOWN" or not cluster.mentions:
                continue
            name = cluster.name()
            entity_id = (stable_id("ent", cluster.entry.key) if cluster.entry
                         else stable_id("ent", type_, phonetic_key(name)))
            mentions = sorted(cluster.mentions, key=lambda m: m.span)
            for mention in mentions:
                mention.entity_id = entity_id
                mention.type = type_
            entities.append(Entity(
                id=entity_id, type=type_, name=name, mentions=mentions,
                known_as=cluster.entry.key if cluster.entry else None,
                identifiers=(dict(cluster.entry.identifiers) if cluster.entry
                             else self.nationality_codes(name) if type_ == "NORP" else {}),
            ))
        return sorted(entities, key=lambda e: e.mentions[0].span)


def initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[:1].isupper())


def resolve_entities(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, published: date | None,
    stories: list[Span] | None = None,
) -> list[Entity]:
    """Entities of one document; `stories` (spans) keep "the country" inside its own story."""
    return Resolver(doc, gazetteer, published, stories or []).resolve(mentions)
