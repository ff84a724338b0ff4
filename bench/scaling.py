"""newstrace against the parse it rests on, with one and more processes, and its cost as the
corpus grows.

    python bench/scaling.py PATH... [--documents N] [--workers 1,2] [--engines ingest,dask]
    python bench/scaling.py PATH... --sizes 1000,10000,100000 [--new 1000] [--keep DIR]

Reads the inputs as `newstrace ingest` does (files, folders, JSONL ...), takes the first N
documents, and times, for each number of processes P:
  - the floor: spaCy's `nlp.pipe` alone over the texts, batches of 16, `n_process=P`, with
    newstrace's own spaCy pipeline (`annotate.get_nlp`: the same components newstrace runs,
    none disabled). With P of 2 or more spaCy's P processes parse and the main process hands
    out texts and takes back the parsed documents;
  - newstrace on each engine, into a new SQLite database, the whole run (reading, analysis,
    cross-document linking, wire copy and storing): `ingest` (`pipeline.ingest` with P
    worker processes that analyse, a batch of 16 documents at a time, while the main process
    reads and stores), `dask` (`newstrace batch` on a local Dask cluster of P worker
    processes, the main process reading and storing) or `local` (`newstrace batch` on P
    local worker processes, no Dask); `inline` is ingest with no worker (`--workers 0`: one
    process reads, analyses and stores), timed with the one-process floor.
Prints documents a second for both, the ratio newstrace / floor (1.0: newstrace's own stages
cost nothing beside the parse), the processor time of every process of the run per document
(the floor's and newstrace's, for the work done beside the wall clock) and the peak memory of
one worker process.

With --sizes, the cost curve instead (incremental: does a document cost more as the store
grows?): --new real documents (the ones after the first --new) added to stores that hold each
size of documents already, in processor time a document. Each store is made once and kept in
--keep: the first --new real documents stored as ingest stores them, the rest synthetic
reports (bench/synthetic.py, rows inserted), signed for wire copy like any stored report.
The analyses of the real documents are made once (one process) and kept there too; the names
of what is kept carry a digest of the code and the documents, so other code makes its own.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import pickle
import resource
import shutil
import tempfile
import time
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from synthetic import build

from newstrace.annotate import get_nlp
from newstrace.batch.run import run_batch
from newstrace.config import Options
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Analysis, Document
from newstrace.pipeline import IngestReport, analysed, ingest, new_documents, store_analyses
from newstrace.resolve.copies import WireCopies
from newstrace.store import Store

NEWSTRACE = Path(__file__).resolve().parents[1] / "src" / "newstrace"

ENGINES = ("ingest", "dask", "local", "inline")


def real_documents(paths: list[str], limit: int) -> list[Document]:
    return list(islice((d for d in read_inputs(paths) if not isinstance(d, IngestProblem)),
                       limit))


def write_jsonl(documents: list[Document], path: Path) -> None:
    """The documents as one JSONL file, so that every run reads the same inputs."""
    with path.open("w", encoding="utf-8") as out:
        for document in documents:
            out.write(json.dumps({"id": document.id, "text": document.text,
                                  "published": str(document.published or "") or None,
                                  "outlet": document.outlet}) + "\n")


def floor(texts: list[str], processes: int) -> tuple[float, Processor]:
    """Documents a second of the parse alone, and processor seconds a document."""
    nlp = get_nlp()
    started, cpu = time.perf_counter(), Processor.now()
    for _ in nlp.pipe(texts, n_process=processes, batch_size=16):
        pass
    return len(texts) / (time.perf_counter() - started), Processor.now().since(cpu, len(texts))


def newstrace(engine: str, inputs: Path, folder: Path, count: int, workers: int
              ) -> tuple[float, Processor, float]:
    """Documents a second of a whole run, processor seconds a document (every process of
    the run) and the largest worker's peak memory (MB). A batch also prints the time its one
    loading process was busy reading and storing (the rest it waited for workers): the
    ceiling of any number of workers."""
    db = Store(str(folder / f"{engine}-{workers}-{count}.db"))
    started, cpu = time.perf_counter(), Processor.now()
    report: IngestReport
    if engine in ("ingest", "inline"):
        report = ingest([str(inputs)], db, workers=workers if engine == "ingest" else 0)
        peak = peak_mb()
    else:
        run = run_batch([str(inputs)], db, folder / f"{engine}-{workers}-{count}", engine,
                        workers)
        report, peak = run.report, max(run.peak_mb.values(), default=0.0)
    elapsed = time.perf_counter() - started
    if engine not in ("ingest", "inline"):
        print(f"    ({engine}: the loading process busy {run.busy:.1f} s of {elapsed:.1f}, "
              f"{1000 * run.busy / count:.0f} ms a document; in processor time a document "
              f"its loading thread {1000 * run.loading_cpu / count:.1f} ms, and the "
              f"partitions' tasks on the workers {1000 * run.tasks_cpu / count:.1f} ms)")
    # A corpus may hold the same story twice: stored once, skipped once.
    if len(report.added) + len(report.skipped) != count or report.problems:
        raise SystemExit(f"{engine} with {workers} workers stored {len(report.added)} of "
                         f"{count} documents: {report.problems[:3]}")
    return count / elapsed, Processor.now().since(cpu, count), peak


@dataclass
class Processor:
    """Processor seconds (user and system) of this process, and of the children it waited
    for: the workers, once a run is over."""

    main: float
    children: float

    @staticmethod
    def now() -> Processor:
        own, children = (resource.getrusage(who) for who in (
            resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
        return Processor(own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime)

    def since(self, start: Processor, count: int) -> Processor:
        """Seconds a document since ``start``."""
        return Processor((self.main - start.main) / count,
                         (self.children - start.children) / count)

    def __str__(self) -> str:
        return (f"{1000 * (self.main + self.children):.0f} ms of processor time a document "
                f"({1000 * self.main:.0f} in the main process)")


def peak_mb() -> float:
    """The largest resident size of this process or any child it waited for (Linux: KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def side_by_side(documents: list[Document], folder: Path, processes: list[int],
                 engines: list[str]) -> None:
    inputs = folder / "inputs.jsonl"
    write_jsonl(documents, inputs)
    texts = [d.text for d in documents]
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} characters "
          f"each on average; spaCy components on both sides: {', '.join(get_nlp().pipe_names)}")
    print("floor: nlp.pipe, batches of 16, n_process=P; newstrace ingest: P processes analyse "
          "(batches of 16 in nlp.pipe) and the main process reads and stores; dask/local: P "
          "worker processes and the loading process; inline: one process does all")
    for count in processes:
        parse, parse_cpu = floor(texts, count)
        print(f"{count} process(es): spaCy nlp.pipe {parse:6.1f} documents/s (the floor), "
              f"{parse_cpu}")
        for engine in engines:
            if engine == "inline" and count != 1:
                continue
            rate, cpu, peak = newstrace(engine, inputs, folder, len(texts), count)
            print(f"  newstrace {engine:<6} {rate:6.1f} documents/s, ratio {rate / parse:.2f}, "
                  f"{cpu}, peak memory of one worker {peak:.0f} MB", flush=True)


def cost_curve(paths: list[str], folder: Path, sizes: list[int], new: int) -> None:
    """The processor time of adding `new` real documents to stores that hold `sizes`
    documents already. Analysis reads no store (`pipeline.analyse` is a function of the
    document), so it is measured once; what a store's size can change is the storing:
    which documents are stored already, the wire-copy index of every stored signature,
    each document's entities linked to the stored ones, the kept counts."""
    documents = real_documents(paths, 2 * new)
    if len(documents) < 2 * new:
        raise SystemExit(f"the cost curve needs {2 * new} real documents, found "
                         f"{len(documents)}")
    known, added = documents[:new], documents[new:]
    analyses, analysis_cpu = cached_analyses(documents, folder)
    print(f"{new} real documents added to each store; analysis (spaCy parse and newstrace's "
          f"stages, one process) {1000 * analysis_cpu:.0f} ms of processor time a document, "
          "measured once")
    for size in sizes:
        base = base_store(folder, size, known, analyses)
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            db = Path(scratch) / "store.db"
            shutil.copyfile(base, db)  # the base stays as made, for the next run
            store = Store(str(db))
            index = time.process_time()  # what a run does once: its wire-copy index
            WireCopies(store)
            index = time.process_time() - index
            report = IngestReport()
            began, cpu = time.perf_counter(), time.process_time()
            fresh = new_documents(added, store, report, lambda _where: None)
            store_analyses(((where, analyses[d.id]) for where, d in fresh), store, report)
            cpu, wall = time.process_time() - cpu - index, time.perf_counter() - began
            store.engine.dispose()
        if report.problems or len(report.added) + len(report.skipped) != new:
            raise SystemExit(f"stored {len(report.added)} of {new}: {report.problems[:3]}")
        print(f"  store of {size:>7,} documents: storing {1000 * cpu / new:5.1f} ms of "
              f"processor time a document, and once a run {index:.2f} s for the wire-copy "
              f"index ({wall:.0f} s wall for {new}); whole cost "
              f"{1000 * (cpu / new + analysis_cpu):.0f} ms a document", flush=True)


@functools.cache
def code_digest() -> str:
    """A digest of the code that analyses, stores and makes synthetic reports: what is kept
    in --keep is used again only by the code that made it."""
    digest = hashlib.sha256()
    for path in sorted([*NEWSTRACE.rglob("*.py"), Path(__file__).with_name("synthetic.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def documents_digest(documents: list[Document]) -> str:
    digest = hashlib.sha256(code_digest().encode())
    for d in documents:
        digest.update(f"{d.id}\0{d.text}\0".encode())
    return digest.hexdigest()[:12]


def cached_analyses(documents: list[Document], folder: Path
                    ) -> tuple[dict[str, Analysis], float]:
    """Each document's analysis by id, and the processor seconds a document took: analysed
    in this process the first time, then read back from `folder`."""
    cache = folder / f"analyses-{documents_digest(documents)}.pickle"
    if cache.exists():
        with cache.open("rb") as kept:
            found: tuple[dict[str, Analysis], float] = pickle.load(kept)
        return found
    get_nlp()  # the model's load is no document's
    cpu = time.process_time()
    analyses = {where: found for where, found in analysed(
        ((d.id, d) for d in documents), Options()) if isinstance(found, Analysis)}
    found = analyses, (time.process_time() - cpu) / len(documents)
    with cache.open("wb") as kept:
        pickle.dump(found, kept)
    return found


def base_store(folder: Path, size: int, known: list[Document],
               analyses: dict[str, Analysis]) -> Path:
    """A store of `size` documents, made once: `size - len(known)` synthetic ones and the
    `known` real ones stored as ingest stores them, so that the added documents meet the
    names, counts and signatures of real reports."""
    path = folder / f"base-{size}-{documents_digest(known)}.db"
    if path.exists():
        return path
    making = path.with_suffix(".making")
    making.unlink(missing_ok=True)
    began = time.perf_counter()
    if size > len(known):
        shutil.copyfile(synthetic_store(folder, size - len(known)), making)
    store = Store(str(making))
    report = IngestReport()
    fresh = new_documents(known, store, report, lambda _where: None)
    store_analyses(((where, analyses[d.id]) for where, d in fresh), store, report)
    store.engine.dispose()
    making.rename(path)
    print(f"  (the store of {size:,} documents made in {time.perf_counter() - began:.0f} s, "
          f"kept as {path})", flush=True)
    return path


def synthetic_store(folder: Path, count: int) -> Path:
    """`count` synthetic reports (rows inserted, bench/synthetic.py), each signed for wire
    copy as a run signs the stored reports it finds unsigned; made once."""
    path = folder / f"synthetic-{count}-{code_digest()}.db"
    if not path.exists():
        making = path.with_suffix(".making")
        making.unlink(missing_ok=True)
        store = build(str(making), count)
        WireCopies(store)
        store.engine.dispose()
        making.rename(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--workers", default="1,2", help="process counts, comma-separated")
    parser.add_argument("--engines", default="ingest,dask",
                        help=f"comma-separated, of {', '.join(ENGINES)}")
    parser.add_argument("--sizes", help="the cost curve: sizes of the stores added to, "
                        "comma-separated")
    parser.add_argument("--new", type=int, default=1000,
                        help="the cost curve: real documents added to each store")
    parser.add_argument("--keep", type=Path, default=Path("build/bench/cost"),
                        help="the cost curve: folder keeping its stores and analyses")
    args = parser.parse_args()
    engines = args.engines.split(",")
    if unknown := set(engines) - set(ENGINES):
        parser.error(f"unknown engines {sorted(unknown)}")
    processes = [int(p) for p in args.workers.split(",")]
    if args.sizes:
        args.keep.mkdir(parents=True, exist_ok=True)
        cost_curve(args.paths, args.keep, [int(size) for size in args.sizes.split(",")],
                   args.new)
        return
    with tempfile.TemporaryDirectory() as name:
        documents = real_documents(args.paths, args.documents)
        side_by_side(documents, Path(name), processes, engines)


if __name__ == "__main__":
    main()
