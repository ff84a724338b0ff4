"""A store of synthetic reports at any size, made by inserting rows (no NLP runs), for the
view and API benchmarks (bench/views.py, bench/api.py).

Each document is a short report from one of a few dozen outlets on a day between 2020 and
2025: people (first name + surname from the lists here, some surnames shared), places and
bodies are mentioned by name and by title ("Defence Minister X"), three of the people are
quoted (some quotes relayed by an agency, some repeated word for word in another report),
and two events are told, each event by one to four documents. Every offset points at the
words it names, so the views read real spans, and the full-text index holds every document
and statement, so a search reads a real index.

    python bench/synthetic.py --documents 10000 --db build/bench/10k.db
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from newstrace.models import stable_id
from newstrace.store import Store, counts, groups
from newstrace.store.schema import documents, entities, events, mentions, quotes, stories
from newstrace.store.search import index_stored

FIRST = ["Jonas", "Rūta", "Aistė", "Tomas", "Eglė", "Mindaugas", "Ieva", "Darius", "Laura",
         "Andrius", "Giedrė", "Maria", "Lukas", "Sofia", "Mateo", "Elena", "Jan", "Anna",
         "Pierre", "Claire", "Ahmed", "Leila", "Kenji", "Yuki", "Olga", "Ivan", "Nora", "Erik"]
SURNAMES = ["Petraitis", "Kazlauskas", "Žukauskas", "Butkus", "Novak", "Horvat", "Kowalski",
            "Dubois", "Moreau", "García", "López", "Rossi", "Bianchi", "Müller", "Schmidt",
            "Jensen", "Larsen", "Nieminen", "Virtanen", "Haddad", "Tanaka", "Sato", "Ivanova",
            "Popescu", "Kovács", "Nagy", "Andersson", "Lindqvist", "O'Brien", "Walsh"]
TITLES = ["Defence Minister", "Foreign Minister", "Prime Minister", "Mayor", "Senator",
          "spokesperson", "Economy Minister", "President"]
PLACES = ["Vilnius", "Riga", "Tallinn", "Warsaw", "Helsinki", "Oslo", "Lisbon", "Athens",
          "Bucharest", "Zagreb", "Ljubljana", "Prague", "Vienna", "Dublin", "Copenhagen"]
BODIES = ["the Seimas", "the Saeima", "the Riigikogu", "the European Commission",
          "the Council of Europe", "the port authority", "the central bank", "NATO"]
OUTLETS = [f"{place} {kind}" for place in PLACES[:10]
           for kind in ("Daily", "Radio", "Herald", "Post")]
AGENCIES = ["Baltic News Service", "Nordic Wire", "Central Press Agency"]
SUBJECTS = ["the budget", "the new bridge", "grain exports", "the border crossing",
            "energy prices", "the harbour", "the rail link", "school funding", "the treaty"]
VERBS = ["will review", "cannot accept", "fully supports", "has delayed", "will fund",
         "opposes", "welcomes", "must reconsider"]
STANCES = ["will review", "cannot accept", "fully support", "have delayed", "will fund",
           "oppose", "welcome", "must reconsider"]
CLOSINGS = ["before the winter", "this year", "without a vote", "as soon as possible",
            "with our partners", "in the coming weeks", "after the election"]
EVENT_TYPES = [("meeting", "CONSULT"), ("visit", "CONSULT"), ("protest", "PROTEST"),
               ("agreement", "AGREE"), ("election", "PROCESS"), ("strike", "PROTEST"),
               ("aid", "AID"), ("appointment", "PROCESS")]
STATUSES = ["happened"] * 6 + ["planned", "claimed"]
BATCH = 2000


class Writer:
    """One document's text written piece by piece, each piece's offsets kept, and the
    mentions written into it."""

    def __init__(self, document_id: str) -> None:
        self.document_id = document_id
        self.parts: list[str] = []
        self.length = 0
        self.mentions: list[dict[str, Any]] = []

    def mention(self, entity: dict[str, Any], written: str, origin: str = "ner") -> None:
        start, end = self.add(written)
        self.mentions.append({"document_id": self.document_id, "entity_id": entity["id"],
                              "start": start, "end": end, "text": written,
                              "type": entity["type"], "origin": origin})

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    def text(self) -> str:
        return "".join(self.parts)


def entity_pool(people: int) -> dict[str, list[dict[str, Any]]]:
    rng = random.Random(7)
    names = sorted({f"{rng.choice(FIRST)} {rng.choice(SURNAMES)}" for _ in range(people * 3)})
    rng.shuffle(names)
    pool = {"PERSON": [{"name": n} for n in names[:people]],
            "GPE": [{"name": p} for p in PLACES],
            "ORG": [{"name": b.removeprefix("the ").strip()} for b in BODIES],
            "OUTLET": [{"name": o} for o in OUTLETS + AGENCIES]}
    for type_, found in pool.items():
        for entity in found:
            entity["id"] = stable_id("ent", type_, entity["name"])
            entity["type"] = type_
    return pool


def build(db: str, count: int, seed: int = 1) -> Store:
    """A store of ``count`` synthetic documents at ``db`` (a path or URL)."""
    store = Store(db)
    rng = random.Random(seed)
    pool = entity_pool(max(200, count // 50))
    with store.writing() as conn:
        conn.execute(insert(entities), [
            {"id": e["id"], "type": e["type"], "name": e["name"], "known_as": None,
             "identifiers": {}, "name_key": e["name"].lower()}
            for found in pool.values() for e in found])
    agency = {a: next(e for e in pool["OUTLET"] if e["name"] == a) for a in AGENCIES}
    said_before: list[str] = []
    rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in (documents, stories, mentions,
                                                              quotes, events)}
    start_day = date(2020, 1, 1)
    for n in range(count):
        doc_id = f"syn_{n:07d}"
        published = start_day + timedelta(days=rng.randrange(6 * 365))
        outlet = rng.choice(OUTLETS)
        text = Writer(doc_id)
        mention = text.mention
        place = rng.choice(pool["GPE"])
        mention(place, place["name"].upper(), "gazetteer")
        text.add(f", {published:%d %B %Y} ({outlet}) - ")
        speakers = rng.sample(pool["PERSON"], 3)
        doc_quotes = []
        for person in speakers:
            text.add(f"{rng.choice(TITLES)} ")
            mention(person, person["name"])
            text.add(" said on Monday that ")
            body = rng.choice(pool["ORG"])
            mention(body, body["name"])
            text.add(f" {rng.choice(VERBS)} {rng.choice(SUBJECTS)}. \"")
            if said_before and rng.random() < 0.1:
                words = rng.choice(said_before)  # a quote carried by another report
            else:
                words = (f"We {rng.choice(STANCES)} {rng.choice(SUBJECTS)} "
                         f"{rng.choice(CLOSINGS)}, and {rng.choice(SUBJECTS)} "
                         f"{rng.choice(CLOSINGS)}")
                said_before.append(words)
            content = text.add(words)
            text.add("\", ")
            surname = person["name"].split()[-1]
            mention(person, surname)
            text.add(" told reporters")
            relays = []
            if rng.random() < 0.3:
                text.add(", according to ")
                relayed = agency[rng.choice(AGENCIES)]
                mention(relayed, relayed["name"], "gazetteer")
                relays = [relayed["id"]]
            text.add(".\n\n")
            doc_quotes.append({
                "document_id": doc_id, "speaker_id": person["id"], "speaker_text": surname,
                "kind": "direct", "content_start": content[0], "content_end": content[1],
                "source": None, "cue": None, "medium_id": None, "relays": relays,
                "date": None, "confidence": 0.9, "parts": []})
        for _ in range(2):
            etype, plover = rng.choice(EVENT_TYPES)
            actor, target = rng.choice(speakers), rng.choice(pool["ORG"])
            event_number = rng.randrange(max(1, count // 2))
            day = start_day + timedelta(days=event_number * 7919 % (6 * 365))
            evidence = text.add(f"The {etype} in {place['name']} involving {actor['name']} "
                                f"and {target['name']} took place on {day:%d %B %Y}. ")
            rows[events].append({
                "document_id": doc_id, "event_id": f"evt_{etype}_{event_number:08d}",
                "type": etype, "date": day.isoformat(), "date_text": f"{day:%d %B %Y}",
                "status": rng.choice(STATUSES), "plover": plover,
                "args": {"actor": actor["id"], "target": target["id"]},
                "evidence_start": evidence[0], "evidence_end": evidence[1], "step": None})
        body = text.text()
        rows[documents].append({
            "id": doc_id, "content_hash": f"{seed}-{n}", "file": None, "url": None,
            "title": f"{place['name']}: {rng.choice(SUBJECTS)}", "outlet": outlet,
            "published": published, "language": "en", "text": body, "source_kind": "text",
            "source": None, "author": None})
        rows[stories].append({"document_id": doc_id, "start": 0, "end": len(body),
                              "title": None, "outlet": outlet})
        rows[mentions] += text.mentions
        rows[quotes] += doc_quotes
        if (n + 1) % BATCH == 0 or n + 1 == count:
            with store.writing() as conn:
                for table in (documents, stories, mentions, quotes, events):
                    if rows[table]:
                        conn.execute(insert(table), rows[table])
                    rows[table] = []
    # Rows inserted here, not saved: counted, indexed for full-text search and their quotes
    # grouped into statements once at the end, as an older store gaining the index and the
    # groups is (the same rows ingest adds).
    with store.writing() as conn:
        counts.recount(conn)
        index_stored(conn)
        groups.fill(conn)
    return store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--db", required=True, help="A new SQLite path or a database URL.")
    args = parser.parse_args()
    if "://" not in args.db:
        Path(args.db).parent.mkdir(parents=True, exist_ok=True)
        Path(args.db).unlink(missing_ok=True)
    began = time.perf_counter()
    build(args.db, args.documents)
    print(f"{args.documents:,} documents stored in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
