"""How well PolNeAR's annotators agree with each other: the ceiling for any extractor.

Usage (train split only; the dev split is for reporting, the test split is never used)::

    python3 ../shared/eval/polnear/convert.py PATH/TO/PolNeAR/.git --split train \
        --annotator-policy all --out build/polnear/train_all.jsonl
    .venv/bin/python bench/polnear_agreement.py build/polnear/train_all.jsonl \
        --gold build/polnear/agreement_gold.jsonl --pred build/polnear/agreement_pred.jsonl
    python3 ../shared/eval/polnear/score.py build/polnear/agreement_gold.jsonl \
        build/polnear/agreement_pred.jsonl

Sixteen train articles were annotated by five or six annotators each. For every ordered pair
of two annotators of the same article, one version is written as the gold and the other as
the prediction, under a shared id, so that the scorer reports how well one annotator's
reading matches another's by the same rules it applies to newstrace.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROLES = ("content", "content_spans", "source", "cue")


def versions_by_article(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The annotators' versions of each article annotated more than once (the converter
    suffixes the id with the annotator)."""
    versions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.get("split") == "test":
            raise SystemExit("refusing the PolNeAR test split: use the train split")
        if len(record.get("annotators_available") or []) > 1:
            article = record["id"].removesuffix("_" + str(record.get("annotator")))
            versions[article].append(record)
    return {article: found for article, found in versions.items() if len(found) > 1}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("records", type=Path, help="a split converted with --annotator-policy all")
    ap.add_argument("--gold", type=Path, required=True, help="JSONL of gold versions to write")
    ap.add_argument("--pred", type=Path, required=True, help="JSONL of other versions to write")
    args = ap.parse_args()
    with args.records.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    articles = versions_by_article(records)
    if not articles:
        raise SystemExit(f"{args.records}: no article annotated twice; convert the train split "
                         "with --annotator-policy all")
    pairs = 0
    with args.gold.open("w", encoding="utf-8") as gold, \
            args.pred.open("w", encoding="utf-8") as pred:
        for article, versions in sorted(articles.items()):
            for first, second in itertools.permutations(versions, 2):
                pair_id = f"{article}#{first['annotator']}-{second['annotator']}"
                gold.write(json.dumps({**first, "id": pair_id}) + "\n")
                pred.write(json.dumps({"id": pair_id, "attributions": [
                    {role: a[role] for role in ROLES if role in a}
                    for a in second["attributions"]]}) + "\n")
                pairs += 1
    print(f"{len(articles)} articles, {pairs} ordered pairs of annotators", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
