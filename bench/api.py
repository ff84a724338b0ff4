"""API latency under concurrent load on loopback, and the server's memory.

    python bench/api.py [--documents 10000] [--clients 8] [--seconds 30] [--folder build/bench]

A synthetic store (bench/synthetic.py) is served by `newstrace serve` (uvicorn) in a
subprocess; ``clients`` threads, each with its own HTTP connection, ask for pages for
``seconds``, twice: first what a reader browsing asks for (documents, statements with and
without filters, next pages by cursor, one document, one entity, events), then the
rankings and aggregates over the whole store (entities most mentioned, the summary, an
entity's roles). Printed for each: requests, throughput, median and 99th-percentile latency
over all and per endpoint, errors; and the server's peak resident memory (VmHWM) after
start-up and after the load.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from synthetic import build, entity_pool

GOAL_P99_MS = 100


def peak_memory_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def requests_to_make(base: str, client: httpx.Client
                     ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(endpoint name, address) pairs to draw from, browsing and aggregates: fixed lists
    and pages found by cursor."""
    people = entity_pool(200)["PERSON"]
    entity = client.get(f"{base}/entities", params={"limit": 1, "type": "PERSON"}).json()
    entity_id = entity["rows"][0]["id"]
    first = client.get(f"{base}/statements", params={"limit": 50}).json()
    documents = client.get(f"{base}/documents", params={"limit": 50}).json()
    events = client.get(f"{base}/events", params={"limit": 50}).json()
    browse = [
        ("documents", f"{base}/documents?limit=50"),
        ("documents next page", documents["next"]),
        ("documents by outlet", f"{base}/documents?outlet=riga%20daily&limit=50"),
        ("statements", f"{base}/statements?limit=50"),
        ("statements next page", first["next"]),
        ("document", f"{base}/documents/{documents['rows'][7]['id']}"),
        ("entity", f"{base}/entities/{entity_id}"),
        ("events", f"{base}/events?limit=50"),
        ("events next page", events["next"]),
    ]
    for person in people[:5]:
        browse.append(("statements by speaker",
                       f"{base}/statements?speaker={person['name']}&limit=50"))
        browse.append(("statements mentioning", f"{base}/statements?entity={person['name']}"
                                                f"&limit=50"))
    aggregates = [
        ("entities ranked", f"{base}/entities?limit=50"),
        ("entities of a type", f"{base}/entities?type=GPE&limit=50"),
        ("entity roles", f"{base}/entities/{entity_id}/roles"),
        ("summary", f"{base}/summary?limit=10"),
    ]
    return browse, aggregates


def load(base: str, asked: list[tuple[str, str]], clients: int,
         seconds: float) -> tuple[dict[str, list[float]], int]:
    timings: dict[str, list[float]] = {}
    errors = [0]
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client_loop(seed: int) -> None:
        rng = random.Random(seed)
        with httpx.Client(timeout=60) as client:
            while time.perf_counter() < stop:
                name, url = rng.choice(asked)
                began = time.perf_counter()
                response = client.get(url)
                took = (time.perf_counter() - began) * 1000
                with lock:
                    timings.setdefault(name, []).append(took)
                    errors[0] += response.status_code != 200

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings, errors[0]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20, help="Of each of the two loads.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--folder", default="build/bench")
    args = parser.parse_args()
    Path(args.folder).mkdir(parents=True, exist_ok=True)
    db = str(Path(args.folder) / f"views_{args.documents}.db")
    if not Path(db).exists():
        build(db + ".part", args.documents).engine.dispose()
        Path(db + ".part").rename(db)
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace.cli", "serve", "--db", db, "--port", str(args.port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}/api/v1"
    try:
        with httpx.Client(timeout=60) as client:
            for _ in range(200):
                try:
                    client.get(f"{base}/")
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            browse, aggregates = requests_to_make(base, client)
        idle = peak_memory_mb(server.pid)
        for title, asked in (("browsing", browse), ("rankings and aggregates", aggregates)):
            timings, errors = load(base, asked, args.clients, args.seconds)
            report(title, timings, errors, args)
        print(f"server peak memory: {idle:.0f} MB after start-up, "
              f"{peak_memory_mb(server.pid):.0f} MB after the load")
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(title: str, timings: dict[str, list[float]], errors: int, args: Any) -> None:
    every = [t for found in timings.values() for t in found]
    print(f"{title}: {args.documents:,} documents, {args.clients} clients, "
          f"{args.seconds:.0f} s: {len(every):,} requests ({len(every) / args.seconds:.0f}/s), "
          f"{errors} errors")
    print(f"{'endpoint':24} {'requests':>8} {'median ms':>10} {'p99 ms':>8}")
    for name, found in sorted(timings.items()):
        print(f"{name:24} {len(found):>8} {statistics.median(found):>10.1f} "
              f"{percentile(found, 0.99):>8.1f}")
    p99 = percentile(every, 0.99)
    print(f"{'all':24} {len(every):>8} {statistics.median(every):>10.1f} {p99:>8.1f}"
          f"   (goal: p99 under {GOAL_P99_MS} ms: {'met' if p99 < GOAL_P99_MS else 'missed'})")


if __name__ == "__main__":
    main()
