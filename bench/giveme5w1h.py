"""Does newstrace find each real report's main event? Scored on the Giveme5W1H gold standard.

Usage, from the repository root (the data stay outside the repository)::

    .venv/bin/python bench/giveme5w1h.py PATH [-v]

PATH is the gold standard's folder of JSON files (``Giveme5W1H/examples/datasets/
gold_standard/data`` in a checkout of github.com/fhamborg/Giveme5W1H) or a folder above it.
(``make bench-events GIVEME5W1H=PATH`` runs this.) Each file is one news article (title,
lead, body, publication date, a topic ``category``) whose main event three coders annotated
as phrases answering who, what, when, where, why and how; a "when" phrase carries the day
the coders resolved it to (``parsed``).

Each article (title, lead and body, dated by its publication day) goes through the real
pipeline, ``newstrace.pipeline.analyse``, and its events are scored against the main event:

- actor match: some event's actor (or co-actor) goes by a name that matches one of the
  annotated who-phrases: the name and the phrase, lower-cased and cut into word tokens
  without function words ("the", "of", "'s", ...), share their tokens one way or the other
  (every token of the shorter is in the longer: "the Cubs" fits "Chicago Cubs", "Trump"
  fits "Donald Trump", "people" fits "Several people"). An entity's names are its
  mentions' texts and its canonical name; a literal actor is its own name.
- actor and date match: one event matches the actor and its date (a TIMEX3 value) is the
  very day of an annotated "when" phrase, compared at the day the coders give (a month or
  a year does not count). Scored over the articles with a "when" phrase and its day.

These are recall figures for the main event at event level. Giveme5W1H's published figures
(see ``PUBLISHED``) are precision of the phrases it extracts per question, judged by
assessors: they measure a different thing and are printed beside ours for orientation only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from newstrace.models import Analysis, Document, Entity, Event
from newstrace.pipeline import analyse

# Giveme5W1H's own figures, with where they are stated. The repository's README states none;
# the per-question table of the paper was not in a text we could read, so only the
# abstract's figures are given (never written from memory).
PUBLISHED = (
    ("overall precision, all 5W1H questions", "0.73"),
    ("precision, the first four W (who, what, when, where)", "0.82"),
)
PUBLISHED_SOURCE = (
    "Hamborg, Breitinger, Gipp: Giveme5W1H: A Universal System for Extracting Main Events "
    "from News Articles, INRA 2019 (CEUR-WS Vol-2554, paper 6; arXiv:1909.02766), abstract: "
    "an expert evaluation with three assessors and 120 articles"
)

_FUNCTION_WORDS = frozenset(
    "a an the of and or in on at to for by from with 's s his her its their our your my "
    "this that these those who which".split()
)
_WORD = re.compile(r"[\w]+(?:[-'][\w]+)*")


@dataclass
class Gold:
    """One article's main event as annotated: who-phrases and the days of when-phrases."""

    id: str
    text: str
    published: date | None
    category: str
    who: list[str] = field(default_factory=list)
    when: list[str] = field(default_factory=list)  # ISO days


@dataclass
class Score:
    """What the events of one article got right."""

    any_event: bool
    actor: bool
    actor_and_date: bool | None  # None when the gold gives no resolvable day


def tokens(phrase: str) -> frozenset[str]:
    words = (w.lower() for w in _WORD.findall(phrase.replace("\u2019", "'")))
    return frozenset(w.removesuffix("'s") for w in words if w not in _FUNCTION_WORDS)


def names_match(name: str, who: str) -> bool:
    """True when every content word of the shorter of the two is in the longer."""
    a, b = tokens(name), tokens(who)
    return bool(a and b) and (a <= b or b <= a)


def actor_names(event: Event, entities: dict[str, Entity]) -> set[str]:
    """The names the event's actor and co-actors go by."""
    values = [event.args.get("actor")]
    co_actors = event.args.get("co_actors")
    if isinstance(co_actors, list):
        values += co_actors
    names: set[str] = set()
    for value in values:
        if not isinstance(value, str):
            continue
        entity = entities.get(value)
        names |= {m.text for m in entity.mentions} | {entity.name} if entity else {value}
    return names


def event_day(event: Event) -> str | None:
    """The event's day, "YYYY-MM-DD" without a time of day, or None when less precise."""
    match = re.fullmatch(r"(\d{4}-\d\d-\d\d)(?:T.*)?", event.date or "")
    return match.group(1) if match else None


def score(gold: Gold, events: list[Event], entities: dict[str, Entity]) -> Score:
    actors = [e for e in events
              if any(names_match(n, w) for n in actor_names(e, entities) for w in gold.who)]
    dated = any(event_day(e) in gold.when for e in actors) if gold.when else None
    return Score(any_event=bool(events), actor=bool(actors), actor_and_date=dated)


def _day(value: object) -> str | None:
    """The ISO day a field starts with ("2016-11-09 00:00:00"), or None ("None", empty)."""
    match = re.match(r"\d{4}-\d\d-\d\d", value) if isinstance(value, str) else None
    return match.group(0) if match else None


def read_gold(path: Path) -> list[Gold]:
    folder = path / "data" if (path / "data").is_dir() else path
    records = []
    for file in sorted(folder.glob("*.json")):
        raw = json.loads(file.read_text(encoding="utf-8"))
        body, lead = raw.get("text") or "", raw.get("description") or ""
        if lead[:60] in body:  # the lead is often the body's first paragraph
            lead = ""
        text = "\n\n".join(p.strip() for p in (raw.get("title"), lead, body) if p and p.strip())
        published = _day(raw.get("date_publish"))
        answers = raw.get("fiveWoneH", {})
        records.append(Gold(
            id=raw.get("dId", file.stem),
            text=text,
            published=date.fromisoformat(published) if published else None,
            category=raw.get("category") or "(none)",
            who=[a["text"] for a in answers.get("who", {}).get("annotated", []) if a.get("text")],
            when=[day for a in answers.get("when", {}).get("annotated", [])
                  if a.get("text") and (day := _day(a.get("parsed")))],
        ))
    return records


def explain(gold: Gold, analysis: Analysis, result: Score) -> None:
    """A miss, for reading by hand: the annotation and what newstrace found."""
    entities = {e.id: e for e in analysis.entities}
    print(f"--- {gold.id[:12]} [{gold.category}] actor={result.actor} "
          f"date={result.actor_and_date} who={gold.who} when={gold.when}")
    for event in analysis.events:
        names = sorted(actor_names(event, entities))
        print(f"    {event.type} {event.status} date={event.date} actor={names[:3]} "
              f"| {event.evidence.text(analysis.document.text)[:100]!r}")


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "0/0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, help="the gold standard's folder of JSON files")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    args = parser.parse_args(argv)
    golds = read_gold(args.path)
    if not golds:
        print(f"no JSON articles under {args.path}", file=sys.stderr)
        return 2
    totals: Counter[str] = Counter()
    by_category: dict[str, Counter[str]] = {}
    for gold in golds:
        analysis = analyse(Document(text=gold.text, id=gold.id, published=gold.published))
        result = score(gold, analysis.events, {e.id: e for e in analysis.entities})
        for counts in (totals, by_category.setdefault(gold.category, Counter())):
            counts["articles"] += 1
            counts["any event"] += result.any_event
            counts["actor"] += result.actor
            counts["dated"] += result.actor_and_date is not None
            counts["actor and date"] += bool(result.actor_and_date)
        if args.verbose and not result.actor_and_date:
            explain(gold, analysis, result)
    print(f"articles: {totals['articles']}")
    print(f"articles with any event: {ratio(totals['any event'], totals['articles'])}")
    print(f"main-event recall, actor match: {ratio(totals['actor'], totals['articles'])}")
    print(f"actor and date match (articles with an annotated day): "
          f"{ratio(totals['actor and date'], totals['dated'])}")
    print("per category: articles, with any event, actor match, actor and date / dated")
    for category, counts in sorted(by_category.items(), key=lambda kv: -kv[1]["articles"]):
        print(f"  {category:24} {counts['articles']:3} {counts['any event']:3} "
              f"{counts['actor']:3} {counts['actor and date']:3} / {counts['dated']}")
    print(f"Giveme5W1H's published figures (phrase precision judged by assessors; "
          f"not the same measure): {PUBLISHED_SOURCE}")
    for label, value in PUBLISHED:
        print(f"  {label}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
