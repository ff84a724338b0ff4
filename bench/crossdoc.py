"""Cross-document entity resolution at scale: store N synthetic documents and time it.

    python bench/crossdoc.py [--documents 10000] [--db PATH]

Each synthetic document names two people out of a pool written here (first name + surname,
some surnames shared by different people, spelled with and without diacritics, sometimes by
surname alone), so the store must link spellings across documents and keep namesakes apart.
No NLP runs: this measures cross-document linking against the store, which is what grows with the
corpus. Prints documents a second and the linking accuracy on the known truth.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from anyascii import anyascii

from newstrace.models import Analysis, Document, Entity, Mention, Span, stable_id
from newstrace.resolve.crossdoc import link_analysis
from newstrace.resolve.names import phonetic_key
from newstrace.store import Store

FIRST = ["Jonas", "Petras", "Rūta", "Aistė", "Tomas", "Eglė", "Mindaugas", "Ieva", "Darius",
         "Laura", "Andrius", "Giedrė", "Vytautas", "Asta", "Karolis", "Inga"]
SURNAMES = ["Petraitis", "Kazlauskas", "Jankauskas", "Žukauskas", "Butkus", "Paulauskas",
            "Vasiliauskas", "Baranauskas", "Šimkus", "Urbonas", "Navickas", "Čepulis",
            "Stankevičius", "Ramanauskas", "Šerelis", "Vaitkus", "Černiauskas", "Mažeika"]


def people(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Distinct (first, surname) pairs; surnames repeat, so namesakes exist."""
    pairs = {(rng.choice(FIRST), rng.choice(SURNAMES)) for _ in range(count * 3)}
    return sorted(pairs)[:count]


def spelling(first: str, surname: str, rng: random.Random) -> str:
    form = rng.random()
    if form < 0.5:
        return f"{first} {surname}"
    if form < 0.8:
        return anyascii(f"{first} {surname}")  # diacritics dropped
    return surname  # surname alone


def document(number: int, cast: list[tuple[str, str]], rng: random.Random) -> Analysis:
    names = [spelling(first, surname, rng) for first, surname in cast]
    text = " and ".join(names) + f" met in Vilnius (report {number})."
    entities, start = [], 0
    for name in names:
        span = Span(start, start + len(name))
        entity_id = stable_id("ent", "PERSON", phonetic_key(name))
        entities.append(Entity(entity_id, "PERSON", name,
                               [Mention(span, name, "PERSON", "ner", entity_id)]))
        start = span.end + len(" and ")
    return Analysis(Document(text=text, id=f"synthetic-{number}"), entities=entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(7)
    pool = people(60, rng)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(args.db or Path(folder) / "crossdoc.db"))
        truth: dict[tuple[str, str], set[str]] = {}
        surname_only: list[tuple[tuple[str, str], str]] = []
        started = time.perf_counter()
        for number in range(args.documents):
            cast = rng.sample(pool, 2)
            analysis = document(number, cast, rng)
            store.save(analysis, link_analysis(analysis, store.entities_keyed))
            for person, entity in zip(cast, analysis.entities, strict=True):
                if " " in entity.mentions[0].text:  # a full name is unambiguous truth
                    truth.setdefault(person, set()).add(entity.id)
                else:
                    surname_only.append((person, entity.id))
            if (number + 1) % 1000 == 0:
                elapsed = time.perf_counter() - started
                print(f"  {number + 1} documents, {(number + 1) / elapsed:.0f} documents/s")
        elapsed = time.perf_counter() - started
    split = sum(len(ids) > 1 for ids in truth.values())
    owner = {entity_id: person for person, ids in truth.items() for entity_id in ids}
    right = sum(owner.get(entity_id) == person for person, entity_id in surname_only)
    wrong = sum(owner.get(entity_id) not in (None, person) for person, entity_id in surname_only)
    print(f"{args.documents} documents stored in {elapsed:.1f} s "
          f"({args.documents / elapsed:.0f} documents/s, {elapsed / args.documents * 1000:.2f} "
          f"ms each)")
    print(f"people written in full: {len(truth)}; split over several ids: {split}")
    print(f"surname-only mentions: {len(surname_only)}; linked to the right person: {right}; "
          f"to a namesake (false merge): {wrong}; left apart: {len(surname_only) - right - wrong}")


if __name__ == "__main__":
    main()
