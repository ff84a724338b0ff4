"""newstrace against the parse it rests on, with one and more processes, and its cost as the
corpus grows.

    python bench/scaling.py PATH... [--documents N] [--workers 1,2] [--engines ingest,dask]
        [--runs ENGINE:P,...] [--floors DIR] [--fresh-floors]
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
one worker process, and each step's wall time.

--runs measures only the configurations named (`dask:2,ingest:2`: engine and processes)
instead of every engine with every process count. A floor depends only on the texts, the
process count, Python, spaCy, the model and newstrace's spaCy pipeline (annotate/), so it is
kept in --floors (build/bench/floors) under a digest of those and of the machine, and read
back by a later run (its date and the load then printed beside it) instead of parsed again;
--fresh-floors measures them anew (a run on a quiet machine after one on a loaded one).

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
import os
import pickle
import platform
import resource
import shutil
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from itertools import islice
from pathlib import Path

import spacy
from synthetic import build

from newstrace.annotate import get_nlp
from newstrace.annotate.nlp import MODEL_NAMES, PIPE_BATCH
from newstrace.batch.run import run_batch
from newstrace.config import Options
from newstrace.ingest import IngestProblem, read_inputs
from newstrace.models import Analysis, Document
from newstrace.pipeline import (
    STORED_AT_ONCE,
    IngestReport,
    analysed,
    ingest,
    new_documents,
    store_analyses,
)
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
    for _ in nlp.pipe(texts, n_process=processes, batch_size=PIPE_BATCH):
        pass
    return len(texts) / (time.perf_counter() - started), Processor.now().since(cpu, len(texts))


@dataclass
class Floor:
    """A floor as measured, and when, under what load (as kept in --floors)."""

    rate: float
    main: float  # processor seconds a document, the main process
    children: float  # and spaCy's processes
    components: list[str]
    measured: str  # UTC
    load: float  # the machine's load average (1 minute) as the measure began
    kept: str | None = None  # the file it was read back from

    def processor(self) -> Processor:
        return Processor(self.main, self.children)


def floor_digest(texts: list[str], processes: int) -> str:
    """What a floor depends on: the texts, the processes, Python, spaCy, the model, the
    spaCy pipeline newstrace builds (annotate/) and the machine."""
    digest = hashlib.sha256()
    versions = [platform.python_version(), spacy.__version__, platform.node(),
                str(os.cpu_count()), str(processes), str(PIPE_BATCH)]
    for name in MODEL_NAMES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    digest.update("\0".join(versions).encode())
    for path in sorted((NEWSTRACE / "annotate").rglob("*.py")):
        digest.update(path.read_bytes())
    for text in texts:
        digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    return digest.hexdigest()[:16]


def kept_floor(texts: list[str], processes: int, keep: Path, fresh: bool) -> Floor:
    """The floor on these texts with `processes` processes: read back from `keep` when the
    same was measured before (unless `fresh`), else measured and kept."""
    path = keep / f"floor-{floor_digest(texts, processes)}.json"
    if path.exists() and not fresh:
        return Floor(**{**json.loads(path.read_text(encoding="utf-8")), "kept": str(path)})
    load = os.getloadavg()[0]
    rate, cpu = floor(texts, processes)
    measured = Floor(rate, cpu.main, cpu.children, get_nlp().pipe_names,
                     time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), load)
    keep.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(asdict(measured)), encoding="utf-8")
    return measured


def newstrace(engine: str, inputs: Path, folder: Path, count: int, workers: int
              ) -> tuple[float, Processor, float]:
    """Documents a second of a whole run, processor seconds a document (every process of
    the run) and the largest worker's peak memory (MB). A batch also prints the time its one
    loading process was busy reading and storing (the rest it waited for workers): the
    ceiling of any number of workers."""
    db = Store(str(folder / f"{engine}-{workers}-{count}.db"))
    if engine == "inline":
        get_nlp()  # loaded before, as the one-process floor loads it: no document's cost
    started, cpu = time.perf_counter(), Processor.now()
    report: IngestReport
    if engine in ("ingest", "inline"):
        with WorkersPeak() as workers_peak:
            report = ingest([str(inputs)], db, workers=workers if engine == "ingest" else 0)
        peak = workers_peak.mb if engine == "ingest" else own_peak_mb()
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


def own_peak_mb() -> float:
    """This process's largest resident size (Linux: ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class WorkersPeak:
    """The largest peak resident size (VmHWM) of this process's children while the block
    runs, sampled every half second: ru_maxrss of the children would also count those of
    earlier runs (the floor's processes, another configuration's workers)."""

    def __init__(self) -> None:
        self.mb = 0.0
        self.done = threading.Event()
        self.sampler = threading.Thread(target=self.sample, daemon=True)

    def __enter__(self) -> WorkersPeak:
        self.sampler.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        self.sampler.join()

    def sample(self) -> None:
        while True:
            for child in children_of(os.getpid()):
                self.mb = max(self.mb, high_water_mb(child))
            if self.done.wait(0.5):
                return


def children_of(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            children += [int(c) for c in (task / "children").read_text().split()]
        except OSError:  # the thread ended meanwhile
            continue
    return children


def high_water_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the child ended meanwhile
        return 0.0
    return next((int(line.split()[1]) / 1024 for line in status.splitlines()
                 if line.startswith("VmHWM:")), 0.0)


def side_by_side(documents: list[Document], folder: Path, runs: list[tuple[str, int]],
                 floors: Path, fresh_floors: bool) -> None:
    began = time.perf_counter()

    def clock() -> str:
        return f"[{time.perf_counter() - began:5.0f} s]"

    inputs = folder / "inputs.jsonl"
    write_jsonl(documents, inputs)
    texts = [d.text for d in documents]
    print(f"{len(texts)} documents, {sum(map(len, texts)) / len(texts):.0f} characters "
          "each on average")
    print("floor: nlp.pipe, batches of 16, n_process=P; newstrace ingest: P processes analyse "
          "(batches of 16 in nlp.pipe) and the main process reads and stores; dask/local: P "
          "worker processes and the loading process; inline: one process does all")
    for count in sorted({processes for _engine, processes in runs}):
        measured = kept_floor(texts, count, floors, fresh_floors)
        kept = (f"; kept from {measured.measured}, load {measured.load:.1f} then, "
                f"{measured.kept}" if measured.kept else f"; load {measured.load:.1f}")
        print(f"{clock()} {count} process(es): spaCy nlp.pipe {measured.rate:6.1f} "
              f"documents/s (the floor), {measured.processor()} (components: "
              f"{', '.join(measured.components)}{kept})", flush=True)
        for engine, processes in runs:
            if processes != count:
                continue
            rate, cpu, peak = newstrace(engine, inputs, folder, len(texts), count)
            print(f"{clock()}   newstrace {engine:<6} {rate:6.1f} documents/s, ratio "
                  f"{rate / measured.rate:.2f}, {cpu}, peak memory of one worker "
                  f"{peak:.0f} MB", flush=True)


def wanted_runs(runs: str | None, engines: list[str], processes: list[int]
                ) -> list[tuple[str, int]]:
    """The (engine, processes) to measure: those named (`dask:2,ingest:1`), else every
    engine with every process count (inline with one only: it has no workers)."""
    if runs:
        named = [run.split(":") for run in runs.split(",")]
        return [(engine, int(count)) for engine, count in named]
    return [(engine, count) for count in processes for engine in engines
            if engine != "inline" or count == 1]


def cost_curve(paths: list[str], folder: Path, sizes: list[int], new: int) -> None:
    """The processor time of adding `new` real documents to stores that hold `sizes`
    documents already. Analysis reads no store (`pipeline.analyse` is a function of the
    document), so it is measured once; what a store's size can change is the storing:
    which documents are stored already, the wire-copy index of every stored signature,
    each document's entities linked to the stored ones, the kept counts; 16 stories to a
    transaction, as ingest stores them."""
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
            store_analyses(((where, analyses[d.id]) for where, d in fresh), store, report,
                           at_once=STORED_AT_ONCE)
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
    store_analyses(((where, analyses[d.id]) for where, d in fresh), store, report,
                   at_once=STORED_AT_ONCE)
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
    parser.add_argument("--runs", help="only these, comma-separated ENGINE:PROCESSES "
                        "(dask:2,ingest:2), instead of every engine with every --workers")
    parser.add_argument("--floors", type=Path, default=Path("build/bench/floors"),
                        help="folder keeping the floors measured, read back by later runs")
    parser.add_argument("--fresh-floors", action="store_true",
                        help="measure the floors again rather than read back kept ones")
    parser.add_argument("--sizes", help="the cost curve: sizes of the stores added to, "
                        "comma-separated")
    parser.add_argument("--new", type=int, default=1000,
                        help="the cost curve: real documents added to each store")
    parser.add_argument("--keep", type=Path, default=Path("build/bench/cost"),
                        help="the cost curve: folder keeping its stores and analyses")
    args = parser.parse_args()
    processes = [int(p) for p in args.workers.split(",")]
    try:
        runs = wanted_runs(args.runs, args.engines.split(","), processes)
    except ValueError:
        parser.error(f"--runs: ENGINE:PROCESSES, comma-separated, not {args.runs!r}")
    if unknown := {engine for engine, _count in runs} - set(ENGINES):
        parser.error(f"unknown engines {sorted(unknown)}")
    if any(engine == "inline" and count != 1 for engine, count in runs):
        parser.error("inline runs in one process: inline:1 only")
    if args.sizes:
        args.keep.mkdir(parents=True, exist_ok=True)
        cost_curve(args.paths, args.keep, [int(size) for size in args.sizes.split(",")],
                   args.new)
        return
    with tempfile.TemporaryDirectory() as name:
        documents = real_documents(args.paths, args.documents)
        side_by_side(documents, Path(name), runs, args.floors, args.fresh_floors)


if __name__ == "__main__":
    main()
