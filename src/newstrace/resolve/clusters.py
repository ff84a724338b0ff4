"""A cluster: the mentions of one thing while a document is resolved, and what is known of it
(gazetteer entry, types seen, roles and countries read from titles)."""

from __future__ import annotations

from dataclasses import dataclass, field

from newstrace.gazetteer.reference import Entry
from newstrace.models import Mention
from newstrace.resolve.names import name_weight

EDITOR_BRACKETS = str.maketrans("", "", "[]")


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    entry: Entry | None = None
    types: list[str] = field(default_factory=list)
    roles: set[str] = field(default_factory=set)
    # The titles written before its names, folded ("prime minister", "tory leader").
    titles: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    # Introduced as a spouse ("First Lady X", "his wife, X"): not the holder of an office.
    consort: bool = False
    # Introduced as an office's former holder ("former Prime Minister X").
    former: bool = False
    # The type the evidence of all its mentions decided (`resolve.types`), over spaCy's.
    voted: str | None = None

    @property
    def type(self) -> str:
        if self.entry:
            return self.entry.type
        if self.voted:
            return self.voted
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
        # An editor's brackets inside a quotation ("[FBI Director James B.] Comey") are no
        # part of the name.
        names = [m.text.translate(EDITOR_BRACKETS) for m in self.named()] or \
            [m.text for m in self.mentions]
        return max(names, key=lambda n: (*name_weight(n), len(n)))

    def add(self, mention: Mention, type_: str | None = None) -> None:
        self.mentions.append(mention)
        self.types.append(type_ or mention.type)

    def last_before(self, position: int) -> int:
        return max((m.span.start for m in self.mentions if m.span.start < position), default=-1)


def initials(name: str, joiners: bool = False) -> str:
    """The capitals of a name's words ("ICRC"); with ``joiners`` its small words' first
    letters too, as some acronyms keep them ("BoE" for "Bank of England")."""
    return "".join(word[0] for word in name.split()
                   if word[:1].isupper() or joiners and word.isalpha())
