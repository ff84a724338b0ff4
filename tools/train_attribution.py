"""Train newstrace's attribution model on PolNeAR's train split.

Usage (train split only; the dev split is for reporting, the test split is never used)::

    python3 ../shared/eval/polnear/convert.py PATH/TO/PolNeAR/.git --split train \
        --out build/polnear/train.jsonl
    .venv/bin/python tools/train_attribution.py build/polnear/train.jsonl \
        --out src/newstrace/data/models/attribution.npz

(``make train-attribution POLNEAR=path/to/PolNeAR/.git`` runs both steps.)

Each article goes through the whole pipeline with a recording model in place of the shipped
one, so the candidates and their features are exactly those the pipeline will score. A
candidate is a positive example when it matches a gold content span by the scorer's rule
(trimmed character Jaccard >= 0.5). The candidates are cached next to the output
(``--cache``) so that fitting again with other settings skips the parsing.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import time
from collections.abc import Sequence
from datetime import date
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

from newstrace.config import Options
from newstrace.extract.attribution.model.candidates import SAME_SPAN, Candidate, trimmed
from newstrace.extract.attribution.model.scorer import AttributionModel, fit, hashed
from newstrace.models import Document, Span
from newstrace.pipeline import analyse

# Which candidates are the rules' readings: 0 the parse's, 1 the rules', 2 the rules' direct
# quotes (which the pipeline keeps whatever the model says).
RULE_CODES = {"rule-direct": 2, "rule-indirect": 1, "rule-mixed": 1}


class Recorder(AttributionModel):
    """Keeps the candidates it is shown and chooses none."""

    def __init__(self) -> None:
        super().__init__(np.zeros(1))
        self.seen: list[Candidate] = []

    def choose(self, found: Sequence[Candidate], taken: Sequence[Span] = ()
               ) -> list[tuple[Candidate, float]]:
        self.seen.extend(found)
        return []


def gold_contents(record: dict[str, Any]) -> list[list[Span]]:
    text = record["text"]
    return [[trimmed(text, s, e) for s, e in a["content_spans"]] for a in record["attributions"]]


def overlap_ratio(span: Span, parts: list[Span]) -> float:
    """Character Jaccard between a span and a (possibly discontinuous) gold content."""
    inter = sum(max(0, min(span.end, p.end) - max(span.start, p.start)) for p in parts)
    union = (span.end - span.start) + sum(p.end - p.start for p in parts) - inter
    return inter / union if union > 0 else 0.0


def examples(record: dict[str, Any]) -> tuple[list[np.ndarray], np.ndarray]:
    """The hashed features of each candidate, and its start, end, cue start and cue end in
    characters (cue -1 when it has none) and its `RULE_CODES` code."""
    if record.get("split") == "test":
        raise SystemExit("refusing the PolNeAR test split: train on the train split")
    recorder = Recorder()
    published = None
    try:
        published = date.fromisoformat(str(record.get("publication_date"))[:10])
    except ValueError:
        pass
    try:
        analyse(Document(text=record["text"], id=record["id"], published=published),
                Options(attribution_model=recorder))
    except Exception as error:  # one bad article is reported and left out, not the whole run
        print(f"skipped {record.get('id')}: {type(error).__name__}: {error}", file=sys.stderr)
        recorder.seen = []
    rows = [hashed(c.features) for c in recorder.seen]
    where = np.array([(c.span.start, c.span.end,
                       c.cue.idx if c.cue is not None else -1,
                       c.cue.idx + len(c.cue) if c.cue is not None else -1,
                       RULE_CODES.get(c.relation, 0)) for c in recorder.seen],
                     dtype=np.int64).reshape(-1, 5)
    return rows, where


def labels_of(record: dict[str, Any], where: np.ndarray) -> list[float]:
    """How right each candidate is: its best character Jaccard with a gold content span when
    that reaches the scorer's 0.5 (so the model learns to prefer the better boundary of two
    overlapping readings), else 0. Unless it is the rules' reading, whose cue the model does
    not choose, its word must also be that attribution's cue: the same clause hung on another
    word would teach the model that any word attributes."""
    golds = [(parts, [(s, e) for s, e in a.get("cue_spans") or []])
             for parts, a in zip(gold_contents(record), record["attributions"], strict=True)]
    found = []
    for start, end, cue_start, cue_end, from_rules in where.tolist():
        span = Span(start, end)
        found.append(max((
            score for parts, cues in golds
            if (score := overlap_ratio(span, parts)) >= SAME_SPAN and (
                from_rules or not cues or any(s < cue_end and cue_start < e for s, e in cues))),
            default=0.0))
    return found


def fit_in_order(rows: Sequence[np.ndarray], labels: np.ndarray, epochs: int, rate: float,
                 seed: int) -> np.ndarray:
    return fit(rows, labels, epochs=epochs, rate=rate, seed=seed)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", type=Path, help="PolNeAR train split, as convert.py writes it")
    ap.add_argument("--out", type=Path, required=True, help="model file (.npz) to write")
    ap.add_argument("--cache", type=Path, default=None,
                    help="candidate cache (default: OUT with .candidates.npz); reused when "
                    "present, so delete it after changing the code or the data")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--fits", type=int, default=4,
                    help="fits in different orders whose weights are averaged: one fit's dev "
                    "F1 moves by about 0.002 with the order, the average by less")
    ap.add_argument("--rate", type=float, default=0.02,
                    help="AdaGrad step (0.02 beat 0.01 and 0.05 on the dev split)")
    ap.add_argument("--threshold", type=float, default=0.3,
                    help="probability to add a reading the rules did not make")
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    cache = args.cache or args.out.with_suffix(".candidates.npz")
    started = time.perf_counter()
    with args.train.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    if cache.exists():
        stored = np.load(cache)
        flat, offsets, where, counts = (stored["flat"], stored["offsets"], stored["where"],
                                        stored["counts"])
    else:
        all_rows: list[np.ndarray] = []
        all_where: list[np.ndarray] = []
        with Pool(args.workers) as pool:
            for n, (rows, found) in enumerate(pool.imap(examples, records, chunksize=4), 1):
                all_rows += rows
                all_where.append(found)
                if n % 50 == 0 or n == len(records):
                    print(f"{n}/{len(records)} articles, {len(all_rows)} candidates, "
                          f"{time.perf_counter() - started:.0f} s", file=sys.stderr)
        flat = np.concatenate(all_rows)
        offsets = np.cumsum([0] + [len(r) for r in all_rows])
        where = np.concatenate(all_where)
        counts = np.array([len(w) for w in all_where])
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(cache, flat=flat, offsets=offsets, where=where, counts=counts)
    bounds = np.cumsum([0, *counts.tolist()])
    labels = np.array([label for i, record in enumerate(records)
                       for label in labels_of(record, where[bounds[i]:bounds[i + 1]])],
                      dtype=np.float64)
    rows = [flat[offsets[i]:offsets[i + 1]] for i in range(len(labels))]
    print(f"{len(rows)} candidates, {int((labels > 0).sum())} positive; {args.fits} fits",
          file=sys.stderr)
    with Pool(args.workers) as pool:
        weights = np.mean(pool.map(functools.partial(fit_in_order, rows, labels, args.epochs,
                                                     args.rate), range(args.fits)), axis=0)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    AttributionModel(weights, args.threshold).save(args.out)
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
