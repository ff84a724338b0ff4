"""Documents a second for each input kind ingest reads, reading only (no analysis), on inputs
generated here: the same short report written as each kind.

    python bench/readers.py [--documents N]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newstrace.ingest import read_inputs

PARAGRAPHS = [
    "The harbour council of Westmere voted on Tuesday to rebuild the wooden pier that storms "
    "damaged last winter, ending a debate that had run for most of the year.",
    "Councillor Ada Brennan, who chairs the works committee, said the new pier would be built "
    "of concrete and steel and should open to walkers by the end of next summer.",
    "\u201cWe owe the fishermen a safe landing,\u201d Brennan told the meeting.",
]


def report(number: int) -> str:
    return f"Report {number}.\n" + "\n".join(PARAGRAPHS)


def page(number: int) -> str:
    body = "".join(f"<p>{p}</p>" for p in report(number).splitlines())
    return (f"<html lang='en'><head><title>Pier report {number}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article><h1>Pier report {number}</h1>{body}</article>"
            f"<footer>Subscribe to our newsletter</footer></body></html>")


def write_text(folder: Path, count: int) -> list[str]:
    for n in range(count):
        (folder / f"{n}.txt").write_text(report(n), encoding="utf-8")
    return [str(folder)]


def write_jsonl(folder: Path, count: int) -> list[str]:
    path = folder / "all.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{n}", "text": report(n)}) + "\n"
                            for n in range(count)), encoding="utf-8")
    return [str(path)]


def write_csv(folder: Path, count: int) -> list[str]:
    path = folder / "all.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerows([f"r{n}", report(n)] for n in range(count))
    return [str(path)]


def write_html(folder: Path, count: int) -> list[str]:
    for n in range(count):
        (folder / f"{n}.html").write_text(page(n), encoding="utf-8")
    return [str(folder)]


def write_feed(folder: Path, count: int, atom: bool) -> list[str]:
    def content(n: int) -> str:
        return "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in report(n).splitlines())

    if atom:
        entries = "".join(f"<entry><id>urn:r{n}</id><title>Pier report {n}</title>"
                          f"<updated>2024-05-14T09:00:00Z</updated>"
                          f"<content type='html'>{content(n)}</content></entry>"
                          for n in range(count))
        feed = (f"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>"
                f"<title>Ledger</title>{entries}</feed>")
    else:
        entries = "".join(f"<item><guid>r{n}</guid><title>Pier report {n}</title>"
                          f"<description>{content(n)}</description></item>"
                          for n in range(count))
        feed = (f"<?xml version='1.0'?><rss version='2.0'><channel><title>Ledger</title>"
                f"{entries}</channel></rss>")
    path = folder / ("feed.atom" if atom else "feed.rss")
    path.write_text(feed, encoding="utf-8")
    return [str(path)]


def write_warc(folder: Path, count: int) -> list[str]:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for n in range(count):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                   protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://example.org/news/{n}", "response",
            payload=io.BytesIO(page(n).encode()), http_headers=headers))
    path = folder / "pages.warc.gz"
    path.write_bytes(gzip.compress(buffer.getvalue()))
    return [str(path)]


WRITERS: dict[str, Callable[[Path, int], list[str]]] = {
    "text": write_text, "jsonl": write_jsonl, "csv": write_csv, "html": write_html,
    "rss": lambda folder, count: write_feed(folder, count, atom=False),
    "atom": lambda folder, count: write_feed(folder, count, atom=True),
    "warc": write_warc,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    list(read_inputs([str(Path(__file__))]))  # warm-up: the language model loads once
    print(f"reading only (no analysis), {args.documents} generated documents per kind:")
    for kind, write in WRITERS.items():
        with tempfile.TemporaryDirectory() as folder:
            paths = write(Path(folder), args.documents)
            started = time.perf_counter()
            documents = [d for d in read_inputs(paths) if hasattr(d, "text")]
            elapsed = time.perf_counter() - started
        print(f"  {kind:<6} {len(documents) / elapsed:8.0f} documents/s")


if __name__ == "__main__":
    main()
