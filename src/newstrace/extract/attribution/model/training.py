"""What the attribution model learns from: each candidate the pipeline offers for an article
with gold attributions, its hashed features and how right it is; and the averaged fit.

Read by `tools/train_attribution.py` (the shipped model) and `bench/polnear_cv.py` (the same
training on k-1 folds, scored on the held-out one), so both learn from the same examples.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Sequence
from datetime import date
from multiprocessing import Pool
from typing import Any

import numpy as np

from newstrace.config import Options
from newstrace.extract.attribution.model.candidates import SAME_SPAN, Candidate, trimmed
from newstrace.extract.attribution.model.scorer import AttributionModel, fit, hashed
from newstrace.models import Document, Span

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


def published_of(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(str(record.get("publication_date") or "")[:10])
    except ValueError:
        return None


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
    from newstrace.pipeline import analyse  # the pipeline imports this package

    if record.get("split") == "test":
        raise SystemExit("refusing the PolNeAR test split: train on the train split")
    recorder = Recorder()
    try:
        analyse(Document(text=record["text"], id=record["id"], published=published_of(record)),
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


def add_training_options(parser: argparse.ArgumentParser) -> None:
    """The training settings, one set for the shipped model and the cross-validation folds."""
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--fits", type=int, default=4,
                        help="fits in different orders whose weights are averaged: one fit's "
                        "dev F1 moves by about 0.002 with the order, the average by less")
    parser.add_argument("--rate", type=float, default=0.02,
                        help="AdaGrad step (0.02 beat 0.01 and 0.05 on the dev split)")
    parser.add_argument("--threshold", type=float, default=0.3,
                        help="probability to add a reading the rules did not make")
    parser.add_argument("--workers", type=int, default=2)


def _fit_in_order(rows: Sequence[np.ndarray], labels: np.ndarray, epochs: int, rate: float,
                  seed: int) -> np.ndarray:
    return fit(rows, labels, epochs=epochs, rate=rate, seed=seed)


def fit_averaged(rows: Sequence[np.ndarray], labels: np.ndarray, *, epochs: int, rate: float,
                 fits: int, workers: int) -> np.ndarray:
    """The mean weights of `fits` fits in different orders: one fit's F1 moves by about 0.002
    with the order, the average by less."""
    with Pool(workers) as pool:
        return np.mean(pool.map(functools.partial(_fit_in_order, rows, labels, epochs, rate),
                                range(fits)), axis=0)
