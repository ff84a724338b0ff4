"""Score event extraction against tests/data/events/reports.jsonl (or another set).

Usage, from the repository root: .venv/bin/python bench/eval_events.py [PATH] [-v]

Each report goes through the real pipeline (``newstrace.pipeline.analyse``: entities,
timexes and events as newstrace produces them). A predicted event matches a gold event
when the types are equal and their evidence spans overlap by at least half of the shorter
span. Each gold and each predicted event matches at most once. Prints precision, recall,
F1, status accuracy over matched pairs and per-argument accuracy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from newstrace.models import Analysis, Document, Entity, Event, Span
from newstrace.pipeline import analyse

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "events" / "reports.jsonl"


def run_report(report: dict) -> Analysis:
    published = dt.date.fromisoformat(report["published"]) if report.get("published") else None
    return analyse(Document(text=report["text"], published=published))


def _overlap_ok(a: Span, b: Span) -> bool:
    shorter = min(a.end - a.start, b.end - b.start)
    inter = min(a.end, b.end) - max(a.start, b.start)
    return shorter > 0 and inter >= 0.5 * shorter


def _gold_span(text: str, evidence: str) -> Span:
    start = text.find(evidence)
    if start < 0:
        raise ValueError(f"evidence not in text: {evidence!r}")
    return Span(start, start + len(evidence))


def match(text: str, gold: list[dict], predicted: list[Event]) -> list[tuple[dict, Event]]:
    pairs, used = [], set()
    for g in gold:
        gspan = _gold_span(text, g["evidence"])
        for i, p in enumerate(predicted):
            if i not in used and p.type == g["type"] and _overlap_ok(gspan, p.evidence):
                pairs.append((g, p))
                used.add(i)
                break
    return pairs


def _surface(value: object, entities: dict[str, Entity]) -> set[str]:
    """Texts an argument value goes by: an entity's mentions, or the literal itself."""
    if not isinstance(value, str):
        return set()
    entity = entities.get(value)
    names = {m.text for m in entity.mentions} | {entity.name} if entity else {value}
    return {n.lower() for n in names}


def _same_participant(gold: str | None, value: object, entities: dict[str, Entity]) -> bool:
    if gold is None:
        return value is None
    names = _surface(value, entities)
    return any(gold.lower() in n or n in gold.lower() for n in names)


def _arg_hits(g: dict, p: Event, entities: dict[str, Entity]) -> Counter[str]:
    """Which of actor / target / date / amount / votes agree with the gold event."""
    target = p.argument("target") or p.argument("recipient")
    amount = p.amount
    return Counter({
        "actor": _same_participant(g["actor"], p.argument("actor"), entities),
        "target": _same_participant(g["target"], target, entities),
        "date": g["date"] == p.date,
        "amount": g["amount"] == (
            {"value": amount["value"], "currency": amount["currency"]} if amount else None
        ),
        "votes": g["votes"] == p.votes,
    })


def evaluate(path: Path, verbose: bool = False) -> dict[str, float]:
    n_gold = n_pred = n_match = n_status = 0
    confusion: Counter[tuple[str, str]] = Counter()
    arg_hits: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        report = json.loads(line)
        analysis = run_report(report)
        predicted = analysis.events
        pairs = match(report["text"], report["events"], predicted)
        n_gold += len(report["events"])
        n_pred += len(predicted)
        n_match += len(pairs)
        entities = {e.id: e for e in analysis.entities}
        for g, p in pairs:
            hits = _arg_hits(g, p, entities)
            arg_hits += hits
            if verbose:
                for role in ("actor", "target", "date", "amount", "votes"):
                    if not hits[role]:
                        print(f"[{report['id']}] ARG {g['type']}.{role}: gold={g[role]!r} "
                              f"got={p.date if role == 'date' else p.argument(role)!r}")
            n_status += g["status"] == p.status
            if g["status"] != p.status:
                confusion[(g["status"], p.status)] += 1
        if verbose:
            _explain(report, predicted, pairs)
    precision = n_match / n_pred if n_pred else 1.0
    recall = n_match / n_gold if n_gold else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scores = {"gold": n_gold, "predicted": n_pred, "matched": n_match,
              "precision": precision, "recall": recall, "f1": f1,
              "status_accuracy": n_status / n_match if n_match else 0.0}
    for role in ("actor", "target", "date", "amount", "votes"):
        scores[f"{role}_accuracy"] = arg_hits[role] / n_match if n_match else 0.0
    if verbose and confusion:
        print("status confusions (gold -> predicted):", dict(confusion))
    return scores


def _explain(report: dict, predicted: list[Event], pairs: list[tuple[dict, Event]]) -> None:
    matched_gold = [id(g) for g, _ in pairs]
    matched_pred = [id(p) for _, p in pairs]
    text = report["text"]
    for g in report["events"]:
        if id(g) not in matched_gold:
            print(f"[{report['id']}] MISSED {g['type']} {g['status']}: {g['evidence']!r}")
    for p in predicted:
        if id(p) not in matched_pred:
            print(f"[{report['id']}] EXTRA {p.type} {p.status}: {p.evidence.text(text)!r}")
    for g, p in pairs:
        if g["status"] != p.status:
            print(f"[{report['id']}] STATUS {g['type']} gold={g['status']} got={p.status}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=DATA)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    args = parser.parse_args(argv)
    scores = evaluate(args.path, args.verbose)
    print(f"gold={scores['gold']} predicted={scores['predicted']} matched={scores['matched']}")
    print(f"precision={scores['precision']:.3f} recall={scores['recall']:.3f} "
          f"f1={scores['f1']:.3f} status_accuracy={scores['status_accuracy']:.3f}")
    print("argument accuracy over matched events: " + " ".join(
        f"{role}={scores[f'{role}_accuracy']:.3f}"
        for role in ("actor", "target", "date", "amount", "votes")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
