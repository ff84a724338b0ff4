"""API latency under concurrent load on loopback, and the server's memory.

    python bench/api.py [--documents 10000] [--clients 1,8] [--workers 1] [--seconds 20]
                        [--folder build/bench]

A synthetic store (bench/synthetic.py) is served by `newstrace serve` (uvicorn, ``workers``
processes) in a subprocess. For each number of ``clients`` (threads, each with its own HTTP
connection), two loads of ``seconds`` each: first what a reader browsing asks for, then the
rankings and aggregates over the whole store. Every request is real work, drawn at random
from a mix of varied addresses found before the load (the mix is printed): the first page
and later pages of each list (reached by cursor), documents, entities and speakers of many
ranks, outlets, event types, dates, searches, words quoted, the spread. The server keeps
no answers: an address drawn again is answered again. Printed for each load: requests,
throughput, median and 99th percentile latency over all and per endpoint, errors; and the
server's peak resident memory (VmHWM, summed over its processes) after start-up and after each load.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from synthetic import EVENT_TYPES, OUTLETS, SUBJECTS, build, entity_pool

GOAL_P99_MS = 100
PAGES = 12  # later pages of each list reached by cursor
DRAWN = 40  # documents, entities, speakers ... drawn for the mix


def server_processes(pid: int) -> list[int]:
    """The server's process and its children (uvicorn's worker processes)."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [pid, *(int(c) for c in (children.read_text().split() if children.exists() else []))]


def server_memory_mb(pid: int) -> float:
    """Peak resident memory of the server's processes, summed."""
    total = 0.0
    for each in server_processes(pid):
        for line in Path(f"/proc/{each}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total


def server_cpu_seconds(pid: int) -> float:
    """Processor time (user + system) the server's processes have used so far."""
    total = 0
    for each in server_processes(pid):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


def connection_owner(server: int, server_port: int, client_port: int) -> int | None:
    """The server process holding the accepted end of the client connection from
    ``client_port`` (a connection stays with the worker process that accepted it): its
    socket's inode found in /proc/net/tcp, then among the processes' open files."""
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote = fields[1], fields[2]
        if (int(local.split(":")[1], 16) == server_port
                and int(remote.split(":")[1], 16) == client_port):
            inode = fields[9]
    for each in server_processes(server):
        try:
            held = {os.readlink(f"/proc/{each}/fd/{fd}") for fd in os.listdir(f"/proc/{each}/fd")}
        except OSError:
            continue
        if f"socket:[{inode}]" in held:
            return each
    return None


def pages(client: httpx.Client, url: str, count: int = PAGES) -> tuple[dict[str, Any], list[str]]:
    """A list's first page and the addresses of the ``count`` pages after it."""
    first = client.get(url).json()
    found, answer = [], first
    while answer["next"] and len(found) < count:
        found.append(answer["next"])
        answer = client.get(answer["next"]).json()
    return first, found


def requests_to_make(base: str, client: httpx.Client, documents: int
                     ) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(endpoint, address) pairs to draw from, browsing and aggregates."""
    rng = random.Random(3)
    people = entity_pool(max(200, documents // 50))["PERSON"]
    names = [p["name"] for p in rng.sample(people, DRAWN)]
    ranked, ranked_next = pages(client, f"{base}/entities?type=PERSON&limit=100", 3)
    ids = [row["id"] for row in ranked["rows"]]
    listed, documents_next = pages(client, f"{base}/documents?limit=50")
    _, statements_next = pages(client, f"{base}/statements?limit=50")
    _, events_next = pages(client, f"{base}/events?limit=50")
    _, entities_next = pages(client, f"{base}/entities?limit=50")
    document_ids = [row["id"] for row in listed["rows"]]
    for after in documents_next[:4]:
        document_ids += [row["id"] for row in client.get(after).json()["rows"]]
    outlets = [o.lower() for o in OUTLETS]
    days = [f"{year}-{month:02d}" for year in range(2020, 2026) for month in (1, 4, 7, 10)]
    browse = (
        [("documents", f"{base}/documents?limit=50")]
        + [("documents next page", url) for url in documents_next]
        + [("documents by outlet", f"{base}/documents?outlet={o}&limit=50") for o in outlets]
        + [("document", f"{base}/documents/{d}") for d in rng.sample(document_ids, DRAWN)]
        + [("statements", f"{base}/statements?limit=50")]
        + [("statements next page", url) for url in statements_next]
        + [("statements by speaker", f"{base}/statements?speaker={n}&limit=50") for n in names]
        + [("statements mentioning", f"{base}/statements?entity={n}&limit=50") for n in names]
        + [("statements by outlet", f"{base}/statements?outlet={o}&limit=50") for o in outlets]
        + [("statements with words", f"{base}/statements?text={w}&limit=50")
           for w in [*SUBJECTS, "zebra crossing"]]  # the last said by no one
        + [("entity", f"{base}/entities/{i}") for i in rng.sample(ids, min(DRAWN, len(ids)))]
        + [("events", f"{base}/events?limit=50")]
        + [("events next page", url) for url in events_next]
        + [("events of a type", f"{base}/events?type={t}&limit=50") for t, _ in EVENT_TYPES]
        + [("timeline of a month", f"{base}/timeline?since={d}-01&until={d}-28&limit=50")
           for d in days]
        + [("search", f"{base}/search?q={s.split()[-1]}&limit=20") for s in SUBJECTS]
    )
    aggregates = (
        [("entities ranked", f"{base}/entities?limit=50")]
        + [("entities next page", url) for url in entities_next + ranked_next]
        + [("entities of a type", f"{base}/entities?type={t}&limit=50")
           for t in ("GPE", "ORG", "OUTLET", "PERSON")]
        + [("entities by name", f"{base}/entities?name={n.split()[-1]}&limit=50")
           for n in names]
        + [("entity roles", f"{base}/entities/{i}/roles") for i in rng.sample(ids, 10)]
        + [("summary", f"{base}/summary?limit={n}") for n in (5, 10, 20)]
        + [("spread", f"{base}/spread?limit=20")]
    )
    return browse, aggregates


@dataclass
class Load:
    """What one load measured: latencies by endpoint, errors, and the processor time the
    server and this client process (its threads making the requests) used meanwhile."""

    timings: dict[str, list[float]]
    errors: int
    by_process: dict[int | None, list[int]]  # requests of each client connection, by process
    server_cpu: float
    client_cpu: float


def load(asked: list[tuple[str, str]], clients: int, seconds: float, server: int,
         conditional: bool = False) -> Load:
    """``clients`` threads asking for addresses drawn from ``asked`` for ``seconds``;
    ``conditional``: each request carries the ETag of the address's answer, fetched once
    before (and the answer expected is 304 Not Modified)."""
    timings: dict[str, list[float]] = {}
    errors = [0]
    by_process: dict[int | None, list[int]] = {}
    lock = threading.Lock()

    tags: dict[str, str] = {}
    if conditional:
        with httpx.Client(timeout=60) as client:
            tags = {url: client.get(url).headers.get("etag", "") for _, url in asked}
    expected = 304 if conditional else 200

    # Each address as it goes on the request line (percent-encoded, as httpx sends it).
    target = {url: httpx.URL(url).raw_path.decode("ascii") for _, url in asked}
    server_address = httpx.URL(asked[0][1])

    def client_loop(seed: int) -> None:
        # The standard library's client: a tenth of httpx's processor time a request, which
        # is taken from the server here (same machine), not in a real deployment.
        rng = random.Random(seed)
        connection = http.client.HTTPConnection(server_address.host, server_address.port,
                                                timeout=60)
        made, owner = 0, None
        try:
            while time.perf_counter() < stop:
                name, url = rng.choice(asked)
                began = time.perf_counter()
                connection.request("GET", target[url], headers=(
                    {"If-None-Match": tags[url]} if conditional else {}))
                response = connection.getresponse()
                response.read()
                took = (time.perf_counter() - began) * 1000
                with lock:
                    timings.setdefault(name, []).append(took)
                    errors[0] += response.status != expected
                if made == 0:  # answered, so accepted: the worker process holding it
                    owner = connection_owner(server, server_address.port or 80,
                                             connection.sock.getsockname()[1])
                made += 1
        finally:
            connection.close()
            with lock:
                by_process.setdefault(owner, []).append(made)

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(clients)]
    server_before, client_before = server_cpu_seconds(server), time.process_time()
    stop = time.perf_counter() + seconds
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Load(timings, errors[0], by_process, server_cpu_seconds(server) - server_before,
                time.process_time() - client_before)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def describe(title: str, asked: list[tuple[str, str]]) -> None:
    kinds: dict[str, int] = {}
    for name, _ in asked:
        kinds[name] = kinds.get(name, 0) + 1
    print(f"{title} mix: {len(asked)} addresses drawn at random: "
          + ", ".join(f"{name} {count}" for name, count in kinds.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=10000)
    parser.add_argument("--clients", default="1,8", help="Concurrent clients, comma-separated.")
    parser.add_argument("--workers", type=int, default=1, help="Server processes.")
    parser.add_argument("--seconds", type=float, default=20, help="Of each load.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--folder", default="build/bench")
    parser.add_argument("--conditional", action="store_true",
                        help="Also a browsing load whose requests carry If-None-Match.")
    args = parser.parse_args()
    Path(args.folder).mkdir(parents=True, exist_ok=True)
    db = str(Path(args.folder) / f"views_{args.documents}.db")
    if not Path(db).exists():
        build(db + ".part", args.documents).engine.dispose()
        Path(db + ".part").rename(db)
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace.cli", "serve", "--db", db, "--port", str(args.port),
         "--workers", str(args.workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{args.port}/api/v1"
    try:
        with httpx.Client(timeout=60) as client:
            began = time.perf_counter()
            while True:  # worker processes on a busy machine take their time to start
                try:
                    client.get(f"{base}/")
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.perf_counter() - began > 300:
                        raise SystemExit("the server did not start") from None
                    time.sleep(0.2)
            browse, aggregates = requests_to_make(base, client, args.documents)
        describe("browsing", browse)
        describe("rankings and aggregates", aggregates)
        print(f"server: {args.workers} process(es); peak memory after start-up "
              f"{server_memory_mb(server.pid):.0f} MB")
        for clients in (int(n) for n in args.clients.split(",")):
            for title, asked in (("browsing", browse), ("rankings and aggregates", aggregates)):
                report(title, clients, load(asked, clients, args.seconds, server.pid), args)
            if args.conditional:
                report("browsing, asked again with If-None-Match (answers 304)", clients,
                       load(browse, clients, args.seconds, server.pid, conditional=True), args)
            print(f"server peak memory after {clients} client(s): "
                  f"{server_memory_mb(server.pid):.0f} MB\n")
    finally:
        server.terminate()
        server.wait(timeout=30)


def report(title: str, clients: int, measured: Load, args: Any) -> None:
    every = [t for found in measured.timings.values() for t in found]
    print(f"{title}: {args.documents:,} documents, {clients} client(s), "
          f"{args.seconds:.0f} s: {len(every):,} requests ({len(every) / args.seconds:.0f}/s), "
          f"{measured.errors} errors")
    # The clients run on the same machine: what they use is not the server's to use.
    used = measured.server_cpu + measured.client_cpu
    print(f"processor time per request: server {measured.server_cpu / len(every) * 1000:.1f} "
          f"ms, clients {measured.client_cpu / len(every) * 1000:.1f} ms (the clients' share "
          f"{measured.client_cpu / used:.0%}; cores busy {used / args.seconds:.2f} of "
          f"{os.cpu_count()})")
    # A connection stays with the process that accepted it: 6 of 8 on one process would
    # give that one three times the other's queue.
    print("requests by server process (connections: requests each): " + "; ".join(
        f"{'?' if pid is None else pid}: {sum(made):,} ({len(made)}: "
        + ", ".join(f"{n:,}" for n in sorted(made, reverse=True)) + ")"
        for pid, made in sorted(measured.by_process.items(), key=lambda item: -sum(item[1]))))
    print(f"{'endpoint':24} {'requests':>8} {'median ms':>10} {'p99 ms':>8}")
    for name, found in sorted(measured.timings.items()):
        print(f"{name:24} {len(found):>8} {statistics.median(found):>10.1f} "
              f"{percentile(found, 0.99):>8.1f}")
    p99 = percentile(every, 0.99)
    print(f"{'all':24} {len(every):>8} {statistics.median(every):>10.1f} {p99:>8.1f}"
          f"   (goal: p99 under {GOAL_P99_MS} ms: {'met' if p99 < GOAL_P99_MS else 'missed'})")


if __name__ == "__main__":
    main()
