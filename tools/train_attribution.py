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
import json
import sys
import time
from multiprocessing import Pool
from pathlib import Path

import numpy as np

from newstrace.extract.attribution.model.scorer import AttributionModel
from newstrace.extract.attribution.model.training import (
    add_training_options,
    examples,
    fit_averaged,
    labels_of,
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", type=Path, help="PolNeAR train split, as convert.py writes it")
    ap.add_argument("--out", type=Path, required=True, help="model file (.npz) to write")
    ap.add_argument("--cache", type=Path, default=None,
                    help="candidate cache (default: OUT with .candidates.npz); reused when "
                    "present, so delete it after changing the code or the data")
    add_training_options(ap)
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
    weights = fit_averaged(rows, labels, epochs=args.epochs, rate=args.rate, fits=args.fits,
                           workers=args.workers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    AttributionModel(weights, args.threshold).save(args.out)
    print(f"wrote {args.out} in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
