"""Made-up news reports for the batch tests, generated from templates: varied people,
offices, places, outlets, statements and events, so that entities recur across reports
(and are linked across them) and every report differs."""

from __future__ import annotations

import json
import random
from pathlib import Path

FIRST = ["Rasa", "Tomas", "Ieva", "Oskar", "Mara", "Peeter", "Lena", "Jonas", "Aino",
         "Karlis", "Greta", "Viktor"]
LAST = ["Dambrauskaite", "Kalnis", "Merkyte", "Lindqvist", "Ozola", "Tamm", "Brandt",
        "Kairys", "Virtanen", "Berzins", "Holm", "Sokolov"]
OFFICES = ["Defence Minister", "Foreign Minister", "Mayor", "Finance Minister",
           "central bank governor"]
PLACES = ["Vilnius", "Riga", "Tallinn", "Kaunas", "Tartu", "Helsinki"]
OUTLETS = ["the Baltic Courier", "Radio North", "the Harbour Gazette", "Coastline Daily"]
CLAIMS = ["We will not change course", "The bridge opens in May",
          "Nobody told us about the plan", "The budget is balanced at last",
          "Our troops stay where they are", "The port will hire four hundred workers",
          "This agreement protects our farmers"]
TOPICS = ["the new rail link", "the harbour fees", "the school reform", "the grain deal",
          "the border patrols", "the energy tariff"]
DAYS = ["on Monday", "on Tuesday", "yesterday", "last week", "on 3 March 2025",
        "in July last year", "on 14 February"]


def report(rng: random.Random, number: int) -> str:
    def person() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    who, place, topic = person(), rng.choice(PLACES), rng.choice(TOPICS)
    lines = [f"{place} council debates {topic}", ""]
    for _ in range(rng.randint(3, 6)):
        lines.append(rng.choice([
            f"“{rng.choice(CLAIMS)},” {rng.choice(OFFICES)} {who} told "
            f"{rng.choice(OUTLETS)} {rng.choice(DAYS)}.",
            f"{person()} said {rng.choice(DAYS)} that the council in {place} had voted "
            f"{rng.randint(20, 90)} to {rng.randint(0, 19)} to approve {topic}.",
            f"The {rng.choice(OFFICES).lower()} of {place}, {person()}, denied that "
            f"{rng.randint(2, 900)} million euros had been spent on {topic}, "
            f"{rng.choice(OUTLETS)} reported.",
            f"Protesters gathered in {place} {rng.choice(DAYS)} to oppose {topic}, "
            "according to police.",
            f"{who.split()[-1]} met {person()} in {rng.choice(PLACES)} {rng.choice(DAYS)} "
            f"to discuss {topic}.",
        ]))
    lines.append(f"(Report {number} from {place}.)")
    return "\n".join(lines)


def write_reports(path: Path, count: int, seed: int = 7, first: int = 0) -> list[str]:
    """`count` reports as a JSONL file; returns their texts."""
    rng = random.Random(seed * 1000 + first)
    texts = [report(rng, first + n) for n in range(count)]
    path.write_text("".join(json.dumps({"id": f"r{first + n:05d}", "text": text,
                                        "published": "2025-03-07"}) + "\n"
                            for n, text in enumerate(texts)), encoding="utf-8")
    return texts
