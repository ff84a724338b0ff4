"""Main-text extraction from web pages: our HTML reader against trafilatura's defaults, on
scrapinghub's article-extraction-benchmark (kept outside the repository).

    python bench/html_extraction.py AEB_DIR [--limit N] [--ngram N]

AEB_DIR holds html/<id>.html.gz and ground-truth.json ({id: {"articleBody", "url"}}). Each
page's extracted text is scored against its articleBody by words: lower-cased \\w+ tokens
counted as a bag, so a word twice in the truth must be found twice (with --ngram N, runs of N
words, which also reward keeping the words in order; the benchmark's own tables use 4).
Precision and recall are computed per page and averaged over pages (a long page weighs no
more than a short one); F1 is the harmonic mean of the two averages. Both readers run here,
on the same pages, in turn.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newstrace.ingest.html import decode_page, extract_article

WORD = re.compile(r"\w+")


@dataclass
class Score:
    precision: float
    recall: float


def word_runs(text: str, n: int) -> Counter[tuple[str, ...]]:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(max(len(words) - n + 1, 0)))


def word_score(truth: str, found: str, n: int = 1) -> Score:
    """Bag-of-words (or of runs of ``n`` words) precision and recall of one page. An empty
    side scores 1.0 when the other is empty too (nothing to find, nothing found) and 0.0
    otherwise."""
    expected = word_runs(truth, n)
    got = word_runs(found, n)
    shared = sum((expected & got).values())
    precision = shared / sum(got.values()) if got else float(not expected)
    recall = shared / sum(expected.values()) if expected else float(not got)
    return Score(precision, recall)


def ours(page: bytes, url: str) -> str:
    article = extract_article(decode_page(page, url), url)
    return article.text if article else ""


def trafilatura_default(page: bytes, url: str) -> str:
    return trafilatura.extract(page, url=url) or ""


def evaluate(name: str, read: Callable[[bytes, str], str],
             pages: dict[str, tuple[bytes, str, str]], n: int) -> None:
    started = time.perf_counter()
    scores = [word_score(truth, read(page, url), n) for page, url, truth in pages.values()]
    elapsed = time.perf_counter() - started
    precision = sum(s.precision for s in scores) / len(scores)
    recall = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{name:<22} F1 {f1:.3f}  precision {precision:.3f}  recall {recall:.3f}  "
          f"({len(scores) / elapsed:.0f} pages/s)")


def load(folder: Path, limit: int | None) -> dict[str, tuple[bytes, str, str]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[:limit] if limit else sorted(truth)
    return {page_id: (gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()),
                      truth[page_id].get("url") or "", truth[page_id].get("articleBody") or "")
            for page_id in ids}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path,
                        help="the benchmark's folder (html/, ground-truth.json)")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pages")
    parser.add_argument("--ngram", type=int, default=1, help="score runs of N words")
    args = parser.parse_args()
    pages = load(args.folder, args.limit)
    print(f"{len(pages)} pages; scores of {args.ngram}-word runs, averaged over pages "
          f"(trafilatura {trafilatura.__version__})")
    evaluate("newstrace HTML reader", ours, pages, args.ngram)
    evaluate("trafilatura.extract", trafilatura_default, pages, args.ngram)


if __name__ == "__main__":
    main()
