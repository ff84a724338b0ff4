"""Cross-validated PolNeAR attribution figures: does a change hold on articles it was not
tuned on?

Usage (train and dev together; never the test split)::

    .venv/bin/python bench/polnear_cv.py build/polnear/train.jsonl build/polnear/dev.jsonl \
        --cache build/polnear/cv_cache [--json build/polnear/cv.json] [--baseline OLD.json]

(``make cv-polnear POLNEAR=path/to/PolNeAR/.git`` converts both splits and runs it.)

The articles of all inputs are dealt into k folds (by article, a fixed seed). For each fold
the attribution model is trained as `tools/train_attribution.py` trains it, on the other
folds, and the held-out fold is scored by the shared PolNeAR scorer (content F1 at character
Jaccard >= 0.5, and end-to-end F1: content matched and source right), beside the rules
alone on the same fold. Printed: each fold, the mean and sample standard deviation across
folds, and with ``--baseline`` (an earlier ``--json``) each fold's change.

Two caches make a rerun after a rule change affordable: the spaCy parse of each article
(keyed by the text and the code that makes it: `annotate/`, the gazetteer and the mentions
that spare names in headlines), which is most of the time; and, keyed by a digest of the
whole package, each article's candidates with their features, its rules-only reading, the
fold models and their readings. A rerun with unchanged code reads everything back. Retraining
alone moves a fold's figures by about 0.002, so ``--models-from`` scores a changed rule with an
earlier run's fold models instead.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from multiprocessing import Pool
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from polnear import prediction  # bench/polnear.py, beside this script
from spacy.tokens import Doc

import newstrace
from newstrace import pipeline
from newstrace.annotate import nlp as annotate_nlp
from newstrace.config import Options
from newstrace.extract.attribution.model.scorer import AttributionModel
from newstrace.extract.attribution.model.training import (
    add_training_options,
    examples,
    fit_averaged,
    labels_of,
    published_of,
)
from newstrace.models import Document

PACKAGE = Path(newstrace.__file__).resolve().parent
# What the parse depends on besides the text (see the module doc).
PARSE_SOURCES = ("annotate", "gazetteer", "data/gazetteer", "extract/mentions.py")
THRESHOLD = 0.5  # the scorer's primary content rule
SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "polnear" / "score.py"


def digest(paths: Iterable[Path], salt: str = "") -> str:
    """A short hash of the files under `paths` (the shipped model excluded: CV trains its own)."""
    h = hashlib.sha1(salt.encode())
    for root in paths:
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.suffix != ".npz" and "__pycache__" not in path.parts:
                h.update(path.relative_to(PACKAGE).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


def cached_annotate(parses: Path, salt: str) -> Callable[..., Doc]:
    """`annotate` reading its parse from `parses` when it has made it before."""
    make = pipeline.annotate

    def annotate(text: str, names: Any = None) -> Doc:
        key = hashlib.sha1((salt + text).encode()).hexdigest()
        path = parses / key[:2] / f"{key}.spacy"
        vocab = annotate_nlp.get_nlp().vocab
        if path.exists():
            return Doc(vocab).from_bytes(path.read_bytes())
        doc = make(text, names)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(doc.to_bytes(exclude=["tensor"]))
        return doc

    return annotate


def start_worker(parses: Path, salt: str) -> None:
    pipeline.annotate = cached_annotate(parses, salt)  # type: ignore[assignment]


def readings(record: dict[str, Any], model: object) -> list[dict[str, Any]]:
    """The article's attributions in the scorer's format (none if the analysis fails)."""
    try:
        analysis = pipeline.analyse(Document(text=record["text"], id=record["id"],
                                             published=published_of(record)),
                                    Options(attribution_model=model))
    except Exception as error:  # one bad article must not stop the run
        print(f"FAILED {record['id']}: {type(error).__name__}: {error}", file=sys.stderr)
        return []
    return [prediction(q, record["text"]) for q in analysis.quotes]


def article_path(run: Path, record: dict[str, Any], suffix: str) -> Path:
    key = hashlib.sha1(record["id"].encode()).hexdigest()[:20]
    return run / "articles" / key[:2] / f"{key}{suffix}"


def first_pass(job: tuple[Path, dict[str, Any]]) -> Path:
    """Candidates with features (for training) and the rules' readings of one article."""
    run, record = job
    path = article_path(run, record, ".npz")
    if not path.exists():
        rows, where = examples(record)
        rules = readings(record, None)
        path.parent.mkdir(parents=True, exist_ok=True)
        flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        np.savez(path, flat=flat, offsets=np.cumsum([0] + [len(r) for r in rows]), where=where,
                 rules=np.array(json.dumps(rules)))
    return path


def fold_pass(job: tuple[Path, Path, dict[str, Any]]) -> list[dict[str, Any]]:
    """One held-out article read with its fold's model."""
    model_path, out, record = job
    if out.exists():
        return list(json.loads(out.read_text(encoding="utf-8")))
    found = readings(record, str(model_path))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(found), encoding="utf-8")
    return found


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def figures(scorer: ModuleType, records: list[dict[str, Any]],
            preds: dict[str, list[dict[str, Any]]]) -> dict[str, float]:
    gold = {r["id"]: r for r in records}
    pred = {r["id"]: {"id": r["id"], "attributions": preds[r["id"]]} for r in records}
    res = scorer.score(gold, pred, THRESHOLD, True)
    return {"content_f1": res["content"][f"jaccard>={THRESHOLD:.2g}"]["f1"],
            "e2e_f1": res["attribution_end_to_end"]["f1"]}


def folds_of(ids: list[str], k: int, seed: int) -> dict[str, int]:
    order = sorted(ids)
    random.Random(seed).shuffle(order)
    return {article: i % k for i, article in enumerate(order)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", type=Path, nargs="+", help="converted PolNeAR splits (train, dev)")
    ap.add_argument("--cache", type=Path, required=True, help="folder for the caches")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0, help="how articles are dealt into folds")
    add_training_options(ap)
    ap.add_argument("--scorer", type=Path, default=SCORER, help="the shared PolNeAR score.py")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here")
    ap.add_argument("--baseline", type=Path, default=None,
                    help="an earlier --json: print each fold's change against it")
    ap.add_argument("--models-from", type=Path, default=None,
                    help="an earlier run's fold models (the folder printed as 'fold models'): "
                    "score with them instead of training, so that a rule change shows apart "
                    "from the noise of retraining")
    args = ap.parse_args()
    started = time.perf_counter()
    records = [json.loads(line) for path in args.inputs
               for line in path.open(encoding="utf-8") if line.strip()]
    if any(r.get("split") == "test" for r in records):
        raise SystemExit("refusing the PolNeAR test split: cross-validate on train and dev")
    if len({r["id"] for r in records}) != len(records):
        raise SystemExit("an article id occurs twice in the inputs")
    scorer = load_scorer(args.scorer)
    parse_salt = digest([PACKAGE / p for p in PARSE_SOURCES])
    code = digest([PACKAGE])
    settings = f"k{args.folds}-s{args.seed}-e{args.epochs}-f{args.fits}-r{args.rate}" \
               f"-t{args.threshold}"
    run = args.cache / "runs" / code
    print(f"{len(records)} articles; code {code}, parse key {parse_salt}; cache {args.cache}",
          file=sys.stderr)
    fold = folds_of([r["id"] for r in records], args.folds, args.seed)

    with Pool(args.workers, start_worker, (args.cache / "parses", parse_salt)) as pool:
        stored = list(pool.imap(first_pass, [(run, r) for r in records], chunksize=2))
    first_done = time.perf_counter()
    print(f"analysed {len(records)} articles in {first_done - started:.0f} s", file=sys.stderr)

    examples_of = {}
    rules: dict[str, list[dict[str, Any]]] = {}
    for record, path in zip(records, stored, strict=True):
        with np.load(path) as saved:
            flat, offsets, where = saved["flat"], saved["offsets"], saved["where"]
            rules[record["id"]] = json.loads(str(saved["rules"]))
        rows = [flat[offsets[i]:offsets[i + 1]] for i in range(len(where))]
        examples_of[record["id"]] = (rows, labels_of(record, where))

    models = args.models_from or run / settings
    # Readings of fold models from elsewhere are kept apart from this run's own.
    readings_dir = run / settings if args.models_from is None else \
        run / ("models-" + hashlib.sha1(str(models.resolve()).encode()).hexdigest()[:12])
    print(f"fold models {models}", file=sys.stderr)
    results: list[dict[str, Any]] = []
    for k in range(args.folds):
        held = [r for r in records if fold[r["id"]] == k]
        model_path = models / f"fold{k}.npz"
        if not model_path.exists() and args.models_from is not None:
            raise SystemExit(f"no fold model {model_path}")
        if not model_path.exists():
            rows = [row for r in records if fold[r["id"]] != k
                    for row in examples_of[r["id"]][0]]
            labels = np.array([label for r in records if fold[r["id"]] != k
                               for label in examples_of[r["id"]][1]], dtype=np.float64)
            weights = fit_averaged(rows, labels, epochs=args.epochs, rate=args.rate,
                                   fits=args.fits, workers=args.workers)
            model_path.parent.mkdir(parents=True, exist_ok=True)
            AttributionModel(weights, args.threshold).save(model_path)
        with Pool(args.workers, start_worker, (args.cache / "parses", parse_salt)) as pool:
            found = pool.map(fold_pass, [
                (model_path, article_path(readings_dir / f"fold{k}", r, ".json"), r)
                for r in held], chunksize=2)
        model = figures(scorer, held, {r["id"]: f for r, f in zip(held, found, strict=True)})
        alone = figures(scorer, held, rules)
        results.append({"fold": k, "articles": len(held),
                        "rules": alone, "model": model})
        print(f"fold {k} done at {time.perf_counter() - started:.0f} s", file=sys.stderr)

    report(results, args.baseline)
    elapsed = time.perf_counter() - started
    print(f"\n{len(records)} articles, {args.folds} folds in {elapsed:.0f} s "
          f"(analysis {first_done - started:.0f} s)")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"code": code, "settings": settings, "folds": results},
                                        indent=1), encoding="utf-8")
    return 0


def report(results: list[dict[str, Any]], baseline: Path | None) -> None:
    keys = [(system, measure) for system in ("rules", "model")
            for measure in ("content_f1", "e2e_f1")]
    before = json.loads(baseline.read_text(encoding="utf-8"))["folds"] if baseline else None
    print("fold  articles  rules content  rules e2e  model content  model e2e")
    for result in results:
        cells = "".join(f"  {result[s][m]:13.4f}" for s, m in keys)
        print(f"{result['fold']:4d}  {result['articles']:8d}{cells}")
    mean = "".join(f"  {statistics.mean(r[s][m] for r in results):13.4f}" for s, m in keys)
    sd = "".join(f"  {statistics.stdev(r[s][m] for r in results):13.4f}" for s, m in keys)
    print(f"mean  {'':8s}{mean}\nsd    {'':8s}{sd}")
    if before is not None:
        print("change against the baseline, per fold:")
        for result, old in zip(results, before, strict=True):
            cells = "".join(f"  {result[s][m] - old[s][m]:+13.4f}" for s, m in keys)
            print(f"{result['fold']:4d}  {'':8s}{cells}")


if __name__ == "__main__":
    sys.exit(main())
