"""Throughput of the whole pipeline and the share of each stage, on a JSONL corpus.

    python bench/throughput.py [CORPUS.jsonl] [--limit N] [--repeat K]

The corpus holds one record a line with at least "text" (newstrace's ingest format; the PolNeAR
converter's output also fits). Without one, the sample reports in examples/ are used, repeated.
Prints documents a second and, per stage, seconds per document and the cost relative to spaCy's
parse alone ("annotate"), which is the figure to watch as extractors grow.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newstrace.annotate import get_nlp
from newstrace.models import Document
from newstrace.pipeline import StageTimer, analyse

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"


def load(path: Path, limit: int | None, repeat: int) -> list[str]:
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    return (texts * repeat)[:limit] if limit else texts * repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=EXAMPLES)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=None,
                        help="times to repeat the corpus (default: 20 for the examples, else 1)")
    args = parser.parse_args()
    repeat = args.repeat or (20 if args.corpus == EXAMPLES else 1)
    texts = load(args.corpus, args.limit, repeat)
    get_nlp()
    analyse(Document(text="Warm-up: the model and gazetteer load once."))
    timer = StageTimer()
    started = time.perf_counter()
    for text in texts:
        # A fresh id per repeat, so nothing is cached across copies.
        analyse(Document(text=text), timer=timer)
    elapsed = time.perf_counter() - started
    timer.seconds.pop("idle", None)
    chars = sum(map(len, texts))
    print(f"corpus: {args.corpus} ({len(texts)} documents, {chars / len(texts):.0f} chars each)")
    print(f"throughput: {len(texts) / elapsed:.1f} documents/s on one process "
          f"({elapsed / len(texts) * 1000:.1f} ms per document)")
    parse = timer.seconds.get("annotate", 0.0)
    for stage, seconds in timer.seconds.items():
        print(f"  {stage:<10} {seconds / len(texts) * 1000:8.2f} ms/doc  "
              f"{seconds / parse if parse else 0:6.2f} x spaCy parse")
    extra = sum(s for stage, s in timer.seconds.items() if stage != "annotate")
    print(f"newstrace's own stages: {extra / parse if parse else 0:.2f} x spaCy parse")


if __name__ == "__main__":
    main()
