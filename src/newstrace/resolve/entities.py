"""Within-document entity resolution: one cluster per real-world thing, with a global id.

Names are clustered first (gazetteer key, then full-name keys, then lone surnames joining the
full name they shorten, lone words the company name they shorten); each unknown name's type
is then voted by the evidence of all its mentions (`types`); descriptive phrases ("the
minister", "the agency", "her country") then join the cluster they refer to, by role
(`roles`), the story's subject country (`descriptions`), type and salience. A cluster known
to the gazetteer takes its canonical name and id from there, so "Lithuania" has one id
everywhere.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Doc, Token

from newstrace.annotate import text_of
from newstrace.extract.lexicon import SPEECH_LEMMAS, speech_lemma_of, word_classes
from newstrace.extract.mentions import (
    COMPANY_ANAPHOR_HEADS,
    INSTITUTION_OF_HEADS,
    INSTITUTION_OF_PLACE,
    NAME_HONORIFICS,
    OUTLET_KIND_OF_HEAD,
    described_treaty,
    given_names_before,
    given_names_fit,
    institution_head,
)
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Entity, Mention, Span, stable_id
from newstrace.resolve.clusters import Cluster, initials
from newstrace.resolve.descriptions import (
    body_of_country,
    code_of,
    country_of_region,
    names_a_body,
    region_described,
    state_named_before,
    subject_country,
)
from newstrace.resolve.names import ends_name, fold, is_surname_of, phonetic_key
from newstrace.resolve.roles import (
    ROLE_DETERMINERS,
    SPOKESPERSONS,
    in_clause,
    introduced_with,
    is_consort,
    person_nouns,
    read_titles,
    referent_of_description,
    referent_of_role,
    role_of_title,
    sex_of_honorific,
    sex_of_person,
    title_before,
)
from newstrace.resolve.types import short_name, vote_types

# An unknown acronym that may abbreviate a name of the document ("ICRC", "UNHCR").
ABBREVIATION_MAX_CHARS = 6
# An acronym: capitals, and small letters for the small words some keep ("BoE").
ACRONYM = re.compile(rf"[A-Z][A-Za-z]{{1,{ABBREVIATION_MAX_CHARS - 1}}}")
# Characters between an appositive and the name it describes: ", " or " – ".
APPOSITIVE_GAP_CHARS = 4
# How many times a story names the one person it is about before an office is taken for
# theirs ("Hewitt … Ms Hewitt … the minister").
SUBJECT_MENTIONS = 3
# How far after a description that speaks first in its story the person it means is named.
NAMED_AFTER_CHARS = 200
# Anaphor heads and words that, in a cluster's name, show it is what the anaphor means.
ANAPHOR_NAME_WORDS = {
    "ministry": ("ministry", "department", "pentagon"),
    "department": ("ministry", "department", "pentagon"),
    "government": ("government", "cabinet"),
    "parliament": ("parliament", "seimas", "saeima", "riigikogu", "sejm", "rada", "bundestag",
                   "congress", "duma", "assembly"),
}

# Heads a story names a body by alone once it has named it in full ("the Commission" after
# "the European Commission", "the Bank" after "the Bank of Estonia").
LONE_BODY_HEADS = INSTITUTION_OF_HEADS | {
    "Commission", "Council", "Committee", "Court", "Agency", "Ministry", "Department",
    "Authority", "Board", "Tribunal", "Federation", "Foundation", "Fund", "Bureau", "Forum",
    "Centre", "Center", "Campaign", "Society", "Association", "Trust"}
# A body named for what it works for: "Forum for the Future", "Campaign for Nuclear
# Disarmament", "Centre for Economic Policy Research": its head before "for".
BODY_FOR = re.compile(r"(?:[Tt]he\s+)?(?:[A-Z][\w.&'-]*\s+)*?(\w+)\s+for\s+(?:the\s+)?[A-Z]")


def body_head(name: str) -> str | None:
    """The head of a body's name: "Bank" of "Bank of England", "Court" of "Court of Appeal",
    "Commission" of "European Commission", "Forum" of "Forum for the Future"; None when it has
    no head of `LONE_BODY_HEADS`."""
    match = INSTITUTION_OF_PLACE.match(name) or BODY_FOR.match(name)
    head = match.group(1) if match else institution_head(name) or name.split()[-1]
    return head if head in LONE_BODY_HEADS else None


class Resolver:
    def __init__(
        self, doc: Doc, gazetteer: Gazetteer, published: date | None, stories: list[Span]
    ):
        self.doc = doc
        self.stories = stories
        self.text = text_of(doc)
        self.gazetteer = gazetteer
        self.published = published
        self.clusters: list[Cluster] = []
        self.by_entry: dict[str, Cluster] = {}
        self.titled: dict[int, bool] = {}  # `is_titled` by a mention's start

    def cluster_for_entry(self, entry: Entry) -> Cluster:
        if entry.key not in self.by_entry:
            cluster = Cluster(entry=entry)
            self.by_entry[entry.key] = cluster
            self.clusters.append(cluster)
        return self.by_entry[entry.key]

    def resolve(self, mentions: list[Mention]) -> list[Entity]:
        named = [m for m in mentions if m.origin in ("ner", "gazetteer")]
        # "Mr Blair" as the recogniser sometimes reads it is a lone surname too.
        single = [m for m in named if len(without_honorific(m.text).split()) == 1]
        for mention in named:
            if mention not in single:
                self.place_full_name(mention)
        # Surnames with a title or honorific first: "President X" may be someone other than
        # the only X named in full ("First Lady Y X"), and the bare "X" then means them.
        for mention in sorted(single, key=lambda m: not self.is_titled(m)):
            self.place_single_name(mention)
        self.merge_acronyms()
        vote_types(self.doc, self.clusters)
        self.join_surnames_voted_people()
        self.place_bodies_of_country()
        for cluster in self.clusters:
            if cluster.type == "PERSON":
                read_titles(cluster, self.text, self.gazetteer, self.published)
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
        # "Suu Kyi" after "Aung San Suu Kyi": a surname of several words is the one person's
        # whose name it ends.
        bearers = [c for c in self.clusters if c.type == "PERSON" and any(
            ends_name(mention.text, m.text) for m in c.named())]
        if mention.type == "PERSON" and len(bearers) == 1:
            bearers[0].add(mention, "PERSON")
            return
        self.clusters.append(Cluster([mention], types=[mention.type]))

    def place_single_name(self, mention: Mention) -> None:
        name = without_honorific(mention.text)
        key = phonetic_key(name)
        # The gazetteer's person named in full ("Alexander Grigoryevich Lukashenko", of which
        # it matched the surname) is that person, whoever else bears the surname.
        known = self.gazetteer.lookup(name, ("PERSON",)) if mention.origin == "gazetteer" \
            else None
        line = self.text.rfind("\n", 0, mention.span.start) + 1
        before = given_names_before(self.text[line:mention.span.start], self.gazetteer) \
            if known else []
        if known and before and given_names_fit(before, name, known):
            self.cluster_for_entry(known).add(mention)
            return
        # Each cluster's names, each written once: a name repeats, and the tests below read
        # only its text.
        names = [(c, dict.fromkeys(m.text for m in c.named())) for c in self.clusters]
        # A lone surname joins the person in this document whose name it ends; of several
        # ("Ana Varga", "Tomas Varga") the one its title or honorific fits.
        people = [c for c, texts in names if any(
            is_surname_of(name, text) for text in texts) and c.type == "PERSON"]
        if known:
            # A surname the gazetteer knows, before anyone bearing it is named in full ("His
            # son Viktor Lukashenko" later), is the known person's; after, of those named
            # before it, the first named, the known person among them.
            people = [c for c in people if c.entry is known or any(
                m.span.start < mention.span.start and is_surname_of(name, m.text)
                for m in c.named())]
            if people and known.key in self.by_entry and self.by_entry[known.key] not in people:
                people.append(self.by_entry[known.key])
            people.sort(key=lambda c: min(m.span.start for m in c.mentions))
        bearer = self.bearer_of_surname(mention, people) if people else None
        if bearer is not None:
            bearer.add(mention, "PERSON")
            return
        # A lone word joins the company whose name it shortens ("Kovrax" for "Kovrax Group").
        for cluster, texts in names:
            # The type last: a cluster's type is worked out anew at each asking.
            if cluster.entry is None and any(
                    short_name(text) != text and phonetic_key(short_name(text)) == key
                    for text in texts) and cluster.type == "ORG":
                cluster.add(mention, "ORG")
                return
        entry = self.gazetteer.lookup(name)
        # A lone given name of one person named in full, and nothing else ("Ana" after
        # "Ana Varga" and "Tomas Varga").
        if entry is None and mention.type == "PERSON" and not self.is_titled(mention):
            given = [c for c, texts in names if any(
                len(text.split()) > 1 and phonetic_key(text.split()[0]) == key
                for text in texts) and c.type == "PERSON"]
            if len(given) == 1:
                given[0].add(mention, "PERSON")
                return
        # A lone word spaCy takes for a place is not a person's surname ("Kaunas").
        if entry and (entry.type != "PERSON" or mention.type != "GPE"
                      or mention.origin == "gazetteer"):
            self.cluster_for_entry(entry).add(mention)
            return
        # The same lone name again, with or without its honorific ("Mr X" twice).
        for cluster, texts in names:
            if any(phonetic_key(without_honorific(text)) == key for text in texts):
                cluster.add(mention)
                return
        self.clusters.append(Cluster([mention], types=[mention.type]))

    def is_titled(self, mention: Mention) -> bool:
        start = bare_start(mention)
        if start not in self.titled:  # asked when sorting the lone names and when placing them
            self.titled[start] = sex_of_honorific(self.text, start) is not None or \
                role_of_title(title_before(self.text, start), self.gazetteer) is not None
        return self.titled[start]

    def bearer_of_surname(self, mention: Mention, people: list[Cluster]) -> Cluster | None:
        """Of the people sharing a surname, the one a lone mention of it means: the holder
        of the title before it ("President X"; never a consort), else the one of the sex
        its honorific says ("Mrs. X"), else the first named; None when the title or honorific
        fits none of them."""
        start = bare_start(mention)
        words = title_before(self.text, start)
        role = role_of_title(words, self.gazetteer)
        sex = sex_of_honorific(self.text, start)
        if role is None and sex is None:
            # A bare surname means the office holder rather than the spouse.
            people = [c for c in people if not self.is_consort(c)] or people
        if role:
            holders = [c for c in people if not self.is_consort(c) and any(
                role_of_title(title_before(self.text, m.span.start), self.gazetteer) == role
                for m in c.named())]
            people = holders or [c for c in people if not self.is_consort(c)]
        if sex:
            people = [c for c in people if sex_of_person(self.text, c.named()) == sex] or [
                c for c in people if sex_of_person(self.text, c.named()) is None]
        # Of those left, the first named: the story's main bearer of the name ("Clinton"
        # after "Hillary Clinton" and, later, "Bill Clinton").
        return people[0] if people else None

    def join_surnames_voted_people(self) -> None:
        """A lone surname that joined no one because the recogniser typed it or the full
        name as something else ("Mr X" read as a place, "Rohan X" as a body) joins the
        person named in full once the evidence has made both people."""
        for cluster in list(self.clusters):
            named = cluster.named()
            if cluster.entry or cluster.type != "PERSON" or not named or \
                    any(len(without_honorific(m.text).split()) > 1 for m in named):
                continue
            first = min(named, key=lambda m: m.span.start)
            # Only where the vote made one of them a person: a surname kept apart when it
            # was placed (a president's, not his wife's) stays apart.
            surname = without_honorific(first.text)
            people = [c for c in self.clusters if c is not cluster and c.type == "PERSON"
                      and (cluster.voted or c.voted)
                      and any(len(m.text.split()) > 1 and is_surname_of(surname, m.text)
                              for m in c.named())]
            bearer = self.bearer_of_surname(first, people) if people else None
            if bearer is not None:
                for mention in cluster.mentions:
                    bearer.add(mention, "PERSON")
                self.clusters.remove(cluster)

    def is_consort(self, cluster: Cluster) -> bool:
        return any(is_consort(self.text, m) for m in cluster.named())

    def merge_acronyms(self) -> None:
        """An unknown acronym joins the cluster whose name it abbreviates (ICRC; BoE, which
        keeps the "of"); a lone head word ("the Bank", "the Commission") the one body named
        with that head ("Bank of England", "European Commission")."""
        for cluster in list(self.clusters):
            name = cluster.name()
            if cluster.entry:
                continue
            if ACRONYM.fullmatch(name) and sum(c.isupper() for c in name) >= 2:
                fits = [o for o in self.clusters if o is not cluster
                        and name in (initials(o.name()), initials(o.name(), joiners=True))]
            elif re.fullmatch(r"[A-Z][a-z]+", name) and name in LONE_BODY_HEADS and \
                    cluster.type in ("ORG", "UNKNOWN"):
                fits = [o for o in self.clusters if o is not cluster and o.type == "ORG"
                        and body_head(o.name()) == name]
                fits = fits if len(fits) == 1 else []
            else:
                continue
            if fits:
                for mention in cluster.mentions:
                    fits[0].add(mention, fits[0].type)
                self.clusters.remove(cluster)

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
            story = self.story_of(mention.span.start)
            found = referent_of_role(mention, self.clusters, self.gazetteer, self.published,
                                     story, code_of(self.subject_of(mention.span.start)))
            target = self.cluster_for_entry(found) if isinstance(found, Entry) else found
        elif mention.origin == "anaphor":
            target = self.referent_of_anaphor(mention)
        if target is None and mention.origin == "role" and self.spoke(mention):
            target = self.untitled_person_before(mention)
        if target is None and mention.type == "PERSON" and mention.origin in ("role", "anaphor"):
            target = self.named_right_after(mention)
        if target is not None:
            target.add(mention, target.type)

    def named_right_after(self, mention: Mention) -> Cluster | None:
        """"…, the Trade Secretary has said. Ann Rowe said the cost …": a description that
        speaks before anyone in its story is named means the person named right after it."""
        position, story = mention.span.start, self.story_of(mention.span.start)
        people = [c for c in self.clusters if c.type == "PERSON"]
        if not self.spoke(mention) or any(story.holds(c.last_before(position)) for c in people):
            return None
        head = fold(mention.text).split()[-1]
        after = [(m.span.start, c) for c in people for m in c.named()
                 if 0 < m.span.start - mention.span.end <= NAMED_AFTER_CHARS
                 and story.holds(m.span.start)]
        if not after:
            return None
        start, person = min(after, key=lambda found: found[0])
        # "…, the mayor said. Opposition leader Ann Rowe said …": another title, another one.
        title = fold(" ".join(in_clause(title_before(self.text, start)))).split()
        return person if not title or title[-1] == head else None

    def untitled_person_before(self, mention: Mention) -> Cluster | None:
        """"Patricia Hewitt said … Ms Hewitt added … The minister told delegates …": a role
        phrase that speaks and fits no one holding the office means the story's only person
        named before it, when the story is about them (named in it at least
        `SUBJECT_MENTIONS` times, and speaking) and they were introduced with no title,
        office or description of their own (a victim, a reporter, "Actor X", "X, a
        teacher," are no minister); never an office the story spoke of before, a
        spokesperson, nor where the story names someone known to have held the office."""
        position, story = mention.span.start, self.story_of(mention.span.start)
        people = [c for c in self.clusters if c.type == "PERSON" and not c.consort
                  and story.holds(c.last_before(position))]
        words = [w for w in fold(mention.text).split() if w not in ROLE_DETERMINERS]
        if len(people) != 1 or not words or words[-1] in SPOKESPERSONS:
            return None
        (person,) = people
        role = self.gazetteer.role_of_title.get(" ".join(words))
        named = [m for m in person.named() if story.contains(m.span) and m.span.start < position]
        if re.search(rf"\b{re.escape(words[-1])}\b", self.text[story.start:position],
                     re.IGNORECASE) or role and person.entry is not None or \
                person.roles or person.titles or person.former or \
                len(named) < SUBJECT_MENTIONS or not any(map(self.spoke, named)) or \
                person_nouns(introduced_with(person, position, self.text, self.gazetteer)):
            return None
        return person

    def person_sentence_before(self, mention: Mention, people: list[Cluster]) -> Cluster | None:
        """The person the sentence before a mention is about, among ``people``: the subject
        (or the subject's possessor) of its main verb named, when no other person is that
        verb's object ("X filed a suit against Y" is about X; in "X met Y" either may be
        meant). None when it names its subject by a pronoun ("He shook hands with Y", "His
        times were short of Y's record"): whom that means is not yet known."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or not len(span) or span[0].sent.start == 0:
            return None
        before = self.doc[span[0].sent.start - 1].sent
        if not self.story_of(mention.span.start).holds(before.start_char):
            return None
        named: dict[int, tuple[Cluster, list[str]]] = {}
        for cluster in people:
            for m in cluster.named():
                if before.start_char <= m.span.start < before.end_char:
                    named.setdefault(id(cluster), (cluster, []))[1].append(self.clause_role(m))
        subjects = [c for c, roles in named.values() if "subject" in roles]
        objects = [c for c, roles in named.values() if "object" in roles]
        return subjects[0] if len(subjects) == 1 and not objects else None

    def clause_role(self, mention: Mention) -> str:
        """'subject' for the subject of its sentence's main verb or that subject's possessor,
        'object' for the main verb's object, else ''."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or not len(span):
            return ""
        token = span.root
        if token.dep_ == "poss":
            token = token.head
        if token.head.dep_ != "ROOT":
            return ""
        return "subject" if token.dep_ in ("nsubj", "nsubjpass") else \
            "object" if token.dep_ in ("dobj", "dative", "attr") else ""

    def cluster_of(self, mention: Mention) -> Cluster | None:
        return next((c for c in self.clusters if mention in c.mentions), None)

    def spoke(self, mention: Mention) -> bool:
        return self.role_in_clause(mention, any_saying=True) == "speaker"

    def role_in_clause(self, mention: Mention, any_saying: bool = False) -> str:
        """'speaker' for the subject of a speech verb, 'subject' for another subject or a
        possessor, else ''."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        for token in span or []:
            # A word that hangs inside the phrase plays no part in the clause ("the
            # charity's" in "The charity's chief executive told …").
            if token.head.i != token.i and span is not None and \
                    span.start <= token.head.i < span.end:
                continue
            if token.dep_ in ("nsubj", "nsubjpass") and speaks(token.head, any_saying):
                return "speaker"
            # '"…," added the champion': the parser may read a subject after its verb as
            # the object, the words said being the clause before; not one told ('"…," the
            # coach told the champion'), whose verb has its subject.
            verb = token.head
            if token.dep_ == "dobj" and speaks(verb, any_saying) and any(
                    c.dep_ == "ccomp" and c.i < verb.i for c in verb.children) and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
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
            subject = self.subject_of(position)
            region = region_described(mention, self.gazetteer)
            if region:
                return country_of_region(region, self.clusters, self.story_of(position),
                                         position, subject)
            state = state_named_before(self.clusters, self.story_of(position), position)
            if state is not None and fold(mention.text).split()[-1] == "state":
                return state
            return self.cluster_for_entry(subject) if isinstance(subject, Entry) else subject
        head = fold(mention.text).split()[-1]
        earlier = [c for c in self.clusters
                   if c.type == mention.type and c.last_before(position) >= 0]
        if not earlier and head in COMPANY_ANAPHOR_HEADS:
            earlier = [c for c in self.clusters
                       if c.type == "OUTLET" and c.last_before(position) >= 0]
        if mention.type == "PERSON":  # "the singer": someone this story has named
            story = self.story_of(position)
            people = sorted((c for c in earlier if story.holds(c.last_before(position))),
                            key=lambda c: -c.last_before(position))
            # A person speaks by any verb of saying ("exclaimed"), a body by the lexicon's.
            speaking, topical = None, None
            if self.spoke(mention):
                speaking = [c for c in people if any(
                    m.span.start < position and self.spoke(m) for m in c.mentions)]
                topical = self.person_sentence_before(mention, people)
            return referent_of_description(mention, people, self.text, speaking, topical,
                                           self.gazetteer)
        words = ANAPHOR_NAME_WORDS.get(head)
        if words:
            earlier = [c for c in self.clusters if c.last_before(position) >= 0
                       and any(w in fold(m.text) for m in c.named() for w in words)]
        elif mention.type == "TREATY" and len(earlier) > 1:
            return None  # "the accord" after two treaties are named: either may be meant
        elif head in OUTLET_KIND_OF_HEAD:
            earlier = [c for c in earlier if self.fits_outlet(c, mention)] or [
                c for c in self.clusters if c.type == "ORG" and c.entry is None and
                c.last_before(position) >= 0 and reads_as_outlet(c.name())]
            if not earlier:
                # Described, then named: "told the Latvian broadcaster, LSM,".
                found = self.outlet_named_next(mention)
                # With no news agency about, "the agency" is a public one named before
                # ("The FBI reopened the inquiry. The agency said …").
                if found is None and head == "agency":
                    earlier = [c for c in self.clusters if c.type == "ORG" and
                               c.last_before(position) >= 0 and
                               PUBLIC_AGENCY_WORDS.intersection(fold(c.name()).split())]
                if not earlier:
                    return found
        # "But the company said it would sue Menatep": a body its own sentence names after
        # it (not set off right after it, "the company, Menatep,") is another one.
        later = self.rest_of_sentence(mention)
        earlier = [c for c in earlier if not any(later.contains(m.span) for m in c.named())]
        if self.role_in_clause(mention) == "speaker":
            # "…,” the agency comments.": the body that was speaking, not the last one named.
            speaking = [c for c in earlier if any(
                m.span.start < position and self.role_in_clause(m) == "speaker"
                for m in c.mentions)]
            earlier = speaking or earlier
        return max(earlier, key=lambda c: c.last_before(position), default=None)

    def rest_of_sentence(self, mention: Mention) -> Span:
        """The sentence after a mention, past what an appositive may take right after it."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        end = span[-1].sent.end_char if span is not None and len(span) else mention.span.end
        return Span(min(mention.span.end + APPOSITIVE_GAP_CHARS, end), end)

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

    def subject_of(self, position: int) -> Cluster | Entry | None:
        """The subject country of the story around a position (`descriptions`)."""
        return subject_country(self.clusters, self.gazetteer, self.story_of(position), position,
                               lambda m: self.role_in_clause(m) != "")

    def place_bodies_of_country(self) -> None:
        """A ministry named without its country ("the Ministry of Defence") joins the story's
        subject country's ministry of that kind, where the gazetteer knows it."""
        for cluster in list(self.clusters):
            if cluster.entry is not None or cluster.type != "ORG" or \
                    not names_a_body(cluster.name()):
                continue
            first = min(m.span.start for m in cluster.mentions)
            entry = body_of_country(cluster.name(), self.gazetteer,
                                    code_of(self.subject_of(first)))
            if entry is not None:
                self.clusters.remove(cluster)
                for mention in cluster.mentions:
                    self.cluster_for_entry(entry).add(mention)

    def nationality_codes(self, name: str) -> dict[str, str]:
        """"Lithuanian-Ukrainian" -> {"iso3166": "LT,UA"}: the countries a nationality names."""
        codes = [country.identifiers.get("iso3166", "") for part in re.split(r"[-–]", name)
                 if (country := self.gazetteer.country_of_demonym(part))]
        return {"iso3166": ",".join(c for c in codes if c)} if any(codes) else {}

    def entities(self) -> list[Entity]:
        entities: dict[str, Entity] = {}
        for cluster in self.clusters:
            type_ = cluster.type
            if type_ == "UNKNOWN" or not cluster.mentions:
                continue
            name = cluster.name()
            entity_id = (stable_id("ent", cluster.entry.key) if cluster.entry
                         else stable_id("ent", type_, phonetic_key(name)))
            for mention in cluster.mentions:
                mention.entity_id = entity_id
                mention.type = type_
            # Clusters left apart under one name and type are one entity: an id is stored
            # once a document.
            if entity_id in entities:
                entities[entity_id].mentions = sorted(
                    entities[entity_id].mentions + cluster.mentions, key=lambda m: m.span)
                continue
            entities[entity_id] = Entity(
                id=entity_id, type=type_, name=name,
                mentions=sorted(cluster.mentions, key=lambda m: m.span),
                known_as=cluster.entry.key if cluster.entry else None,
                identifiers=(dict(cluster.entry.identifiers) if cluster.entry
                             else self.nationality_codes(name) if type_ == "NORP" else {}),
            )
        return sorted(entities.values(), key=lambda e: e.mentions[0].span)


def speaks(verb: Token, any_saying: bool) -> bool:
    """A verb of saying: the lexicon's, or with ``any_saying`` one WordNet files first under
    communication ("exclaimed", "shouted"), which tells a person who spoke; a body's verbs
    of that class ("registered", "agreed") say less."""
    return verb.lemma_ in SPEECH_LEMMAS or any_saying and word_classes(
        verb.lemma_, "v")[:1] == ("communication",)


# Words of a public agency's name ("Federal Bureau of Investigation", "Environment Agency"),
# which "the agency" may mean where no news agency is named.
PUBLIC_AGENCY_WORDS = {"agency", "bureau", "administration", "service", "authority"}
# Last words of a newspaper's or a broadcaster's name ("Arab News", "The Daily Star"): an
# unknown body so named is what "the newspaper" may mean when no known outlet was named.
# Not "agency" (the Environment Agency) nor "mail" (Royal Mail): outlets so named are known.
OUTLET_NAME_WORDS = {
    "news", "times", "post", "herald", "journal", "gazette", "telegraph", "tribune",
    "express", "chronicle", "observer", "guardian", "independent", "standard", "mirror",
    "globe", "daily", "weekly", "review", "press", "record", "courier", "echo", "today",
    "radio", "tv", "television", "channel", "wire", "bulletin", "dispatch",
}


def reads_as_outlet(name: str) -> bool:
    words = fold(name).split()
    return len(words) > 1 and words[-1] in OUTLET_NAME_WORDS


def without_honorific(name: str) -> str:
    """The name proper, without an honorific the recogniser took into it ("Mr Blair")."""
    first, _, rest = name.partition(" ")
    return rest if rest and first.rstrip(".") in NAME_HONORIFICS else name


def bare_start(mention: Mention) -> int:
    """Where a mention's name proper starts."""
    return mention.span.start + len(mention.text) - len(without_honorific(mention.text))


def resolve_entities(
    doc: Doc, mentions: list[Mention], gazetteer: Gazetteer, published: date | None,
    stories: list[Span] | None = None,
) -> list[Entity]:
    """Entities of one document; `stories` (spans) keep "the country" inside its own story."""
    return Resolver(doc, gazetteer, published, stories or []).resolve(mentions)
