"""The attribution model: a logistic regression over hashed feature names that scores
candidates and chooses one reading per stretch of text; its fitting, and the loading of the
weights shipped in the package (`data/models/attribution.npz`, trained by
`tools/train_attribution.py` on the PolNeAR train split)."""

from __future__ import annotations

import functools
import itertools
import math
import os
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from newstrace.config import SHIPPED
from newstrace.errors import ModelMissing
from newstrace.extract.attribution.model.candidates import Candidate, SpansByStart
from newstrace.models import Span

# 2**20 hashed feature slots: a few hundred thousand distinct features occur in training, so
# collisions are rare, and the stored file stays near 2 MB because most slots are zero.
HASH_BITS = 20
SLOT_MASK = (1 << HASH_BITS) - 1
MODEL_RESOURCE = "data/models/attribution.npz"


def hashed(names: Iterable[str]) -> np.ndarray:
    """The slot of each feature name. A document's candidates repeat three in four of their
    names: each distinct name is hashed once, and the names looked up in C. The table lasts
    one call, small enough to stay in the processor's cache (a table of every name seen cost
    more in cache misses than the hashing it saved)."""
    listed = list(names)
    slots = dict.fromkeys(listed, 0)
    for name in slots:
        slots[name] = zlib.crc32(name.encode()) & SLOT_MASK
    return np.fromiter(map(slots.__getitem__, listed), dtype=np.int64, count=len(listed))


@dataclass(eq=False)  # hashable by identity: it rides in the frozen Options
class AttributionModel:
    weights: np.ndarray
    threshold: float = 0.5  # to add a reading the rules did not make

    def probabilities(self, found: Sequence[Candidate]) -> np.ndarray:
        if not found:
            return np.zeros(0)
        # One lookup for every candidate's features, summed back per candidate (each has
        # at least the "bias" feature, so no stretch is empty).
        counts = np.fromiter((len(c.features) for c in found), dtype=np.int64, count=len(found))
        weights = self.weights[hashed(itertools.chain.from_iterable(c.features for c in found))]
        scores = np.add.reduceat(weights, np.concatenate(([0], np.cumsum(counts)[:-1])))
        return 1.0 / (1.0 + np.exp(-scores))

    def choose(self, found: Sequence[Candidate], taken: Sequence[Span] = ()
               ) -> list[tuple[Candidate, float]]:
        """The most probable candidates first, each unless it shares a character with one
        already chosen or with the `taken` spans: one reading per stretch of text, as
        annotators give it. Firm readings go before all others, each at its most probable
        boundary. Any other reading of the rules needs no threshold, only to be more probable
        than what overlaps it: dropping the rules' readings cost more on our reports than it
        gained on PolNeAR, while letting them all go first kept an inner reading over the
        outer one that holds its cue ("said [the aide was leaving when guards *told* her to
        go]")."""
        # A candidate sharing a character with a taken span is never chosen: only the others
        # are scored (each candidate's features are read when scored).
        taken_spans = SpansByStart(taken)
        found = [c for c in found if not taken_spans.overlaps_any(c.span)]
        probabilities = self.probabilities(found)
        order = np.argsort(-probabilities, kind="stable").tolist()
        chosen: list[tuple[Candidate, float]] = []
        for firm_pass in (True, False):
            for index in order:
                candidate, probability = found[index], float(probabilities[index])
                if candidate.firm != firm_pass or \
                        (candidate.rule is None and probability < self.threshold):
                    continue
                if not any(candidate.span.overlaps(other.span) for other, _ in chosen):
                    chosen.append((candidate, probability))
        return chosen

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32),
                            threshold=np.array(self.threshold))

    @classmethod
    def load(cls, path: Path) -> AttributionModel:
        with np.load(path) as stored:
            return cls(stored["weights"].astype(np.float64), float(stored["threshold"]))


@functools.lru_cache(maxsize=4)
def load_model(path: str) -> AttributionModel:
    if path == SHIPPED:
        resource = resources.files("newstrace").joinpath(MODEL_RESOURCE)
        with resources.as_file(resource) as shipped:
            return AttributionModel.load(shipped)
    return AttributionModel.load(Path(path))


def attribution_model(choice: object) -> AttributionModel | None:
    """The model an `Options.attribution_model` setting names (None: the rules alone)."""
    if choice is None or isinstance(choice, AttributionModel):
        return choice
    if not isinstance(choice, str | os.PathLike):
        raise ModelMissing(f"attribution model {choice!r} is neither a path nor a model")
    try:
        return load_model(os.fspath(choice))
    except (OSError, KeyError, ValueError) as error:
        raise ModelMissing(f"attribution model {choice!r} cannot be loaded: {error}") from error


def fit(rows: Sequence[np.ndarray], labels: np.ndarray, epochs: int = 3,
        rate: float = 0.02, l2: float = 1e-6, seed: int = 0) -> np.ndarray:
    """Logistic regression over hashed features by AdaGrad, one candidate at a time; a label
    may be a degree of rightness between 0 and 1."""
    weights = np.zeros(1 << HASH_BITS)
    squares = np.full(1 << HASH_BITS, 1e-8)
    order = np.arange(len(rows))
    generator = np.random.default_rng(seed)
    for _ in range(epochs):
        generator.shuffle(order)
        for index in order.tolist():
            slots = rows[index]
            score = weights[slots].sum()
            gradient = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0))) - labels[index]
            step = gradient + l2 * weights[slots]
            squares[slots] += step * step
            weights[slots] -= rate * step / np.sqrt(squares[slots])
    return weights
