"""Cross-document entity resolution: at scale on synthetic documents, or end to end on reports.

    python bench/crossdoc.py [--documents 10000] [--db PATH]
    python bench/crossdoc.py --reports tests/data/crossdoc_names

Each synthetic document names two people out of a pool written here (first name + surname,
some surnames shared by different people, spelled with and without diacritics, sometimes by
surname alone), so the store must link spellings across documents and keep namesakes apart.
No NLP runs: this measures cross-document linking against the store, which is what grows with the
corpus. Prints documents a second and the linking accuracy on the known truth.

With --reports, a folder's documents.jsonl is ingested and exported by the real pipeline and
the exported entity ids are scored against its gold.json (who each named mention is, and
pairs of people with close names): pairwise precision, recall and F1 over mentions in
different documents, and the close-named pairs that were merged. Since a link depends on
which spelling was stored first, the name keys alone are scored too, in no order: of the
fullest spellings of one person in two documents, how many match and find each other's
stored key both ways, and how many close-named pairs' spellings match.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from anyascii import anyascii

from newstrace.export import analysis_record
from newstrace.models import Analysis, Document, Entity, Mention, Span, stable_id
from newstrace.pipeline import ingest
from newstrace.resolve.crossdoc import link_analysis
from newstrace.resolve.names import lookup_keys, name_key, names_match, phonetic_key
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


def exported_reports(folder: Path, db: Path) -> list[dict[str, Any]]:
    """The folder's documents.jsonl ingested into a new store at db, and exported."""
    store = Store(str(db))
    report = ingest([str(folder / "documents.jsonl")], store)
    if report.problems:
        raise SystemExit(f"{report.problems[0].where}: {report.problems[0].message}")
    return [analysis_record(analysis) for analysis in store.analyses()]


def entity_at(record: dict[str, Any], start: int, end: int) -> str | None:
    """The id of the exported entity whose mention overlaps most of a span of its text."""
    overlaps = [(min(end, m["end"]) - max(start, m["start"]), entity["id"])
                for entity in record["entities"] for m in entity["mentions"]]
    best = max(overlaps, default=(0, None))
    return best[1] if best[0] > 0 else None


def identity_id(record: dict[str, Any], forms: list[str]) -> str | None:
    """The exported id most of the occurrences of an identity's spellings in a document have."""
    ids = Counter(entity_at(record, found.start(), found.end()) for form in forms
                  for found in re.finditer(rf"\b{re.escape(form)}\b", record["text"]))
    ids.pop(None, None)
    return ids.most_common(1)[0][0] if ids else None


def score_identities(records: list[dict[str, Any]], gold: dict[str, Any]) -> dict[str, Any]:
    """Pairwise precision, recall and F1 of exported ids over gold identities in different
    documents (an identity named but not found is an id of its own), and the close-named
    pairs that share an id."""
    by_id = {record["document"]["id"]: record for record in records}
    found = [(document, who, identity_id(by_id[document], forms) or f"unfound:{document}:{who}")
             for document, people in gold["documents"].items() for who, forms in people.items()]
    decoys = {frozenset(pair) for pair in gold["decoys"]}
    tp = fp = fn = 0
    merged = set()
    for (doc_a, who_a, id_a), (doc_b, who_b, id_b) in combinations(found, 2):
        if doc_a == doc_b:
            continue
        tp += who_a == who_b and id_a == id_b
        fp += who_a != who_b and id_a == id_b
        fn += who_a == who_b and id_a != id_b
        if id_a == id_b and frozenset((who_a, who_b)) in decoys:
            merged.add(tuple(sorted((who_a, who_b))))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ids: dict[str, set[str]] = {}
    for _, who, id_ in found:
        ids.setdefault(who, set()).add(id_)
    return {"precision": precision, "recall": recall, "f1": f1, "decoys_merged": sorted(merged),
            "ids_per_identity": {who: len(found_ids) for who, found_ids in ids.items()}}


def linked_both_ways(a: str, b: str) -> bool:
    return names_match(a, b, "PERSON") and name_key(a, "PERSON") in lookup_keys(b, "PERSON") \
        and name_key(b, "PERSON") in lookup_keys(a, "PERSON")


def score_spellings(gold: dict[str, Any]) -> dict[str, int]:
    """The keys alone, in no order: each identity's fullest spellings (two words or more) in
    different documents linked both ways, and close-named pairs' spellings that match."""
    spellings: dict[str, set[str]] = {}
    for people in gold["documents"].values():
        for who, forms in people.items():
            fullest = max(forms, key=lambda form: len(form.split()))
            if len(fullest.split()) > 1:
                spellings.setdefault(who, set()).add(fullest)
    pairs = [pair for forms in spellings.values() for pair in combinations(sorted(forms), 2)]
    return {"pairs": len(pairs), "linked": sum(linked_both_ways(a, b) for a, b in pairs),
            "decoys_matched": sum(names_match(a, b, "PERSON") for x, y in gold["decoys"]
                                  for a in spellings.get(x, ()) for b in spellings.get(y, ()))}


def score_reports(folder: Path) -> dict[str, Any]:
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as temporary:
        records = exported_reports(folder, Path(temporary) / "reports.db")
    return {**score_identities(records, gold), "spellings": score_spellings(gold)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--reports", type=Path, default=None,
                        help="a folder with documents.jsonl and gold.json")
    args = parser.parse_args()
    if args.reports:
        figures = score_reports(args.reports)
        print(f"cross-document identity: precision {figures['precision']:.3f}, recall "
              f"{figures['recall']:.3f}, F1 {figures['f1']:.3f}; close names merged: "
              f"{figures['decoys_merged'] or 'none'}")
        split = {who: n for who, n in figures["ids_per_identity"].items() if n > 1}
        print(f"identities split over several ids: {split or 'none'}")
        spellings = figures["spellings"]
        print(f"name keys alone: {spellings['linked']} of {spellings['pairs']} pairs of one "
              f"identity's spellings linked both ways; close-named spellings matched: "
              f"{spellings['decoys_matched']}")
        return
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
