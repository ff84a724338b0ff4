"""Run newstrace's attribution extraction over converted PolNeAR articles.

Usage (dev split only; never run or score the test split while developing)::

    python3 ../shared/eval/polnear/convert.py PATH/TO/PolNeAR/.git --split dev \
        --out build/polnear/dev.jsonl
    .venv/bin/python bench/polnear.py build/polnear/dev.jsonl \
        --out build/polnear/pred.jsonl [--limit N]
    python3 ../shared/eval/polnear/score.py build/polnear/dev.jsonl build/polnear/pred.jsonl

(``make eval-polnear POLNEAR=path/to/PolNeAR/.git`` runs these three steps.)

Writes one prediction per article in the scorer's format: ``{"id", "attributions":
[{"content": [s, e], "source": [s, e] | null, "cue": [s, e] | null, ...}]}`` with character
offsets into the article text; ``kind``, ``speaker_text`` and ``confidence`` ride along for
error analysis and are ignored by the scorer. An article that fails is reported on stderr
(id and error) and written with no attributions. When the input carries gold attributions,
a short precision table by newstrace quote kind is printed to stderr (the scorer already
prints recall by gold quote type); it uses the scorer's primary rule (trimmed spans,
character Jaccard >= 0.5, greedy one-to-one).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from newstrace.config import SHIPPED, Options
from newstrace.extract.attribution.model.candidates import trimmed
from newstrace.extract.attribution.model.training import published_of
from newstrace.models import Document, Quote, Span
from newstrace.pipeline import analyse


def pair(span: Span | None) -> list[int] | None:
    return [span.start, span.end] if span is not None else None


# The complementizer right before reported speech ("said [that] …"): PolNeAR's content
# spans take it in (train: 2,307 gold spans start with it, 30 leave it just outside);
# newstrace's quotes leave it out.
COMPLEMENTIZER = re.compile(r"\bthat\s+$", re.IGNORECASE)


def with_complementizer(text: str, span: Span) -> Span:
    found = COMPLEMENTIZER.search(text, max(span.start - 10, 0), span.start)
    return Span(found.start(), span.end) if found else span


def prediction(quote: Quote, text: str | None = None) -> dict[str, Any]:
    """A quote in the scorer's format; with the article's `text`, reported speech carries
    its complementizer as PolNeAR annotates it."""
    content, parts = quote.content, list(quote.parts)
    if text is not None and quote.kind != "direct":
        content = with_complementizer(text, content)
        parts = [with_complementizer(text, parts[0]), *parts[1:]] if parts else parts
    found = {"content": pair(content), "source": pair(quote.source), "cue": pair(quote.cue),
             "kind": quote.kind, "speaker_text": quote.speaker_text,
             "confidence": quote.confidence}
    if parts:  # passages interrupted by their frame ("…," he said, "…")
        found["content_spans"] = [pair(part) for part in parts]
    return found


def trimmed_chars(text: str, start: int, end: int) -> set[int]:
    """The span's characters, trimmed as score.py trims them (all of them if nothing is left)."""
    span = trimmed(text, start, end)
    return set(range(span.start, span.end)) if span.end > span.start else set(range(start, end))


def matched_kinds(record: dict[str, Any], preds: list[dict[str, Any]]) -> list[str]:
    """Kinds of the predictions that match a gold content span (scorer's primary rule)."""
    text = record["text"]
    golds = [set().union(*(trimmed_chars(text, s, e) for s, e in g["content_spans"]))
             for g in record.get("attributions", [])]
    spans = [trimmed_chars(text, *p["content"]) for p in preds]
    cands = sorted((-len(g & p) / len(g | p), gi, pi) for gi, g in enumerate(golds)
                   for pi, p in enumerate(spans) if g & p and len(g & p) * 2 >= len(g | p))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
    return [preds[pi]["kind"] for pi in used_p]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("converted", type=Path, help="JSONL written by the shared convert.py")
    ap.add_argument("--out", type=Path, required=True, help="predictions JSONL to write")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--model", default=SHIPPED,
                    help="attribution model file (default: the shipped one)")
    ap.add_argument("--rules-only", action="store_true", help="no attribution model")
    args = ap.parse_args()

    with args.converted.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    records = records[:args.limit] if args.limit is not None else records
    args.out.parent.mkdir(parents=True, exist_ok=True)
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    failures = 0
    options = Options(attribution_model=None if args.rules_only else args.model)
    started = time.perf_counter()
    with args.out.open("w", encoding="utf-8") as out:
        for n, record in enumerate(records, 1):
            preds: list[dict[str, Any]] = []
            try:
                analysis = analyse(Document(text=record["text"], id=record["id"],
                                            published=published_of(record)), options)
                preds = [prediction(q, record["text"]) for q in analysis.quotes]
            except Exception as err:  # one bad article must not stop the run
                failures += 1
                print(f"FAILED {record['id']}: {type(err).__name__}: {err}", file=sys.stderr)
            out.write(json.dumps({"id": record["id"], "attributions": preds}) + "\n")
            predicted.update(p["kind"] for p in preds)
            if "attributions" in record:
                correct.update(matched_kinds(record, preds))
            if n % 10 == 0 or n == len(records):
                print(f"{n}/{len(records)} articles, {sum(predicted.values())} quotes, "
                      f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
    print(f"wrote {args.out} ({len(records)} articles, {failures} failed)", file=sys.stderr)
    if any("attributions" in r for r in records):
        print("precision by newstrace kind (trimmed content Jaccard >= 0.5):", file=sys.stderr)
        for kind in sorted(predicted):
            print(f"  {kind:<9} pred {predicted[kind]:5d}  matched {correct[kind]:5d}  "
                  f"precision {correct[kind] / predicted[kind]:.4f}", file=sys.stderr)
    return 1 if failures == len(records) and records else 0


if __name__ == "__main__":
    sys.exit(main())
