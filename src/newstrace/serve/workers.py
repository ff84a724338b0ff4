"""Several server processes on one port (``newstrace serve --workers N``), each taking its
share of the connections.

A connection stays with the process that accepted it. Left to uvicorn's own supervisor,
every process waits on the shared listening socket and the first one to wake accepts all
the connections waiting, so clients that connect together mostly land on one process
(bench/api.py, 8 clients on 2 processes: 8/0 or 7/1 in seven loads of eight): one core
queues their requests while the other idles. Here each process accepts a connection
itself, and only while it holds no more open connections than the process holding fewest
(the counts in a small file each process maps); one holding more leaves the connection
to the others, looking again every `YIELD_STEP`, and takes it if it still waits once it
holds no more or after `YIELD_SECONDS` (the others may be busy or gone).

The settings file and the counts live in a folder only this user may enter, named with
the serving process's id and removed when it stops; a folder left by a server that was
killed (SIGKILL leaves no time to remove it) is removed by the next `serve --workers`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import mmap
import os
import select
import shutil
import signal
import socket
import stat
import struct
import tempfile
import threading
import time
from collections.abc import Iterator
from multiprocessing.context import SpawnProcess
from pathlib import Path

import uvicorn
from uvicorn._subprocess import get_subprocess
from uvicorn.config import STARTUP_FAILURE

from newstrace.serve.app import SETTINGS, settings
from newstrace.serve.heads import BoundedHead

FOLDER_PREFIX = "newstrace-serve-"
YIELD_SECONDS = 0.25
YIELD_STEP = 0.01  # how often a process leaving a connection to others looks again
# How often the supervising process looks for a worker process that died, to replace it.
WATCH_SECONDS = 0.5
# A worker process that dies this soon after starting, this many times running, would go on
# dying (a database gone, the settings folder removed): the server stops rather than spawn
# a new interpreter every `WATCH_SECONDS` for ever.
QUICK_DEATH_SECONDS = 10.0
QUICK_DEATHS = 3
COUNT = struct.Struct("q")
# A slot's count before its worker serves and after it stops: no one leaves it a connection.
NOT_SERVING = 2**62

logger = logging.getLogger("uvicorn.error")


class Tally:
    """Open connections of each worker process, one slot each in a file every worker maps:
    a worker writes its own slot and reads the others'. A slot of a worker that died holds
    its last count until its replacement (same slot) starts; others' waits are bounded."""

    def __init__(self, path: str, slot: int) -> None:
        with open(path, "r+b") as handle:
            self.counts = mmap.mmap(handle.fileno(), 0)
        self.slot = slot

    @staticmethod
    def create(path: str, workers: int) -> None:
        with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as f:
            f.write(COUNT.pack(NOT_SERVING) * workers)

    def publish(self, count: int) -> None:
        COUNT.pack_into(self.counts, self.slot * COUNT.size, count)

    def count(self, slot: int) -> int:
        return int(COUNT.unpack_from(self.counts, slot * COUNT.size)[0])

    def fewest_elsewhere(self) -> int | None:
        """The fewest connections another serving worker holds (None: no other serves)."""
        others = [self.count(slot) for slot in range(len(self.counts) // COUNT.size)
                  if slot != self.slot and self.count(slot) != NOT_SERVING]
        return min(others, default=None)


class BalancedServer(uvicorn.Server):
    """uvicorn's server in a worker process, accepting from the shared socket itself so
    that it can leave a connection to a process holding fewer."""

    def __init__(self, config: uvicorn.Config, tally: Tally) -> None:
        super().__init__(config)
        self.tally = tally
        self.parent = os.getppid()
        self.accepting = 0  # accepted, and not yet among uvicorn's connections

    def open_connections(self) -> int:
        return len(self.server_state.connections) + self.accepting

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        assert sockets, "a worker process serves the socket its parent bound"
        await super().startup(sockets=[])  # the app's startup; no listener of uvicorn's
        self.listening = sockets[0]
        self.listening.setblocking(False)
        self.loop = asyncio.get_running_loop()
        self.tally.publish(0)
        self.loop.add_reader(self.listening.fileno(), self.on_waiting)

    def on_waiting(self) -> None:
        """A connection waits to be accepted: take it, unless this process holds more
        than another one, which is then given up to `YIELD_SECONDS` to take it first."""
        if self.holds_more():
            self.loop.remove_reader(self.listening.fileno())
            self.loop.call_later(YIELD_STEP, self.after_yielding, YIELD_STEP)
            return
        self.accept()

    def holds_more(self) -> bool:
        fewest = self.tally.fewest_elsewhere()
        return fewest is not None and self.open_connections() > fewest

    def after_yielding(self, waited: float) -> None:
        """Having left a connection to others for ``waited`` seconds: listen again if it
        was taken, else take it once this process holds no more than the others (they
        may have taken some meanwhile) or has waited `YIELD_SECONDS`."""
        if self.should_exit or self.listening.fileno() < 0:  # stopping: the socket may be shut
            return
        waiting = select.select([self.listening], [], [], 0)[0]
        if waiting and self.holds_more() and waited < YIELD_SECONDS:
            self.loop.call_later(YIELD_STEP, self.after_yielding, waited + YIELD_STEP)
            return
        self.loop.add_reader(self.listening.fileno(), self.on_waiting)
        if waiting:
            self.accept()

    def accept(self) -> None:
        try:
            connection, _ = self.listening.accept()
        except (BlockingIOError, InterruptedError):
            return  # another process took it
        except OSError as error:  # out of file descriptors, say: try again in a while
            logger.error("could not accept a connection: %s", error)
            self.loop.remove_reader(self.listening.fileno())
            self.loop.call_later(WATCH_SECONDS, self.after_yielding, YIELD_SECONDS)
            return
        connection.setblocking(False)
        self.accepting += 1
        self.tally.publish(self.open_connections())
        self.loop.create_task(self.serve_connection(connection))

    async def serve_connection(self, connection: socket.socket) -> None:
        config = self.config
        try:
            await self.loop.connect_accepted_socket(functools.partial(
                config.http_protocol_class, config=config,  # type: ignore[call-arg]
                server_state=self.server_state, app_state=self.lifespan.state,
                _loop=self.loop), connection)
        except OSError as error:  # closed by the client meanwhile
            logger.debug("connection lost before it was served: %s", error)
            connection.close()
        finally:
            self.accepting -= 1

    async def on_tick(self, counter: int) -> bool:
        # Connections closed since the last accept are counted out here, ten times a second.
        self.tally.publish(self.open_connections())
        if os.getppid() != self.parent:  # the supervising process was killed
            self.should_exit = True
        return await super().on_tick(counter)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.loop.remove_reader(self.listening.fileno())
        self.tally.publish(NOT_SERVING)
        await super().shutdown(sockets)


def serve_in_worker(config: uvicorn.Config, tally_path: str, slot: int,
                    sockets: list[socket.socket]) -> None:
    BalancedServer(config, Tally(tally_path, slot)).run(sockets)


def serve(db: str, gazetteers: tuple[str, ...], write_token: str | None,
          max_request_bytes: int | None, host: str, port: int, workers: int) -> None:
    """Serve the app (serve/app.app_from_settings) from ``workers`` processes on
    ``host``:``port`` until interrupted; a worker process that dies is replaced."""
    remove_stale_folders()
    with tempfile.TemporaryDirectory(prefix=f"{FOLDER_PREFIX}{os.getpid()}-") as folder:
        os.environ[SETTINGS] = settings(db, gazetteers, write_token, max_request_bytes, folder)
        tally_path = os.path.join(folder, "connections")
        Tally.create(tally_path, workers)
        config = uvicorn.Config("newstrace.serve.app:app_from_settings", factory=True,
                                host=host, port=port, workers=workers, http=BoundedHead)
        listening = config.bind_socket()
        listening.listen(config.backlog)
        try:
            supervise(config, listening, tally_path, workers)
        finally:
            listening.close()


def supervise(config: uvicorn.Config, listening: socket.socket, tally_path: str,
              workers: int) -> None:
    """Start the worker processes, replace any that dies, and stop them all on SIGINT or
    SIGTERM (uvicorn's Multiprocess, less its restart and resize signals)."""
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())

    started = [0.0] * workers
    quick_deaths = [0] * workers

    def start(slot: int) -> SpawnProcess:
        process = get_subprocess(config, functools.partial(serve_in_worker, config,
                                                           tally_path, slot), [listening])
        process.start()
        started[slot] = time.monotonic()
        return process

    processes = [start(slot) for slot in range(workers)]
    failed = False
    while not stop.wait(WATCH_SECONDS):
        for slot, process in enumerate(processes):
            if process.is_alive():
                continue
            quick = time.monotonic() - started[slot] < QUICK_DEATH_SECONDS
            quick_deaths[slot] = quick_deaths[slot] + 1 if quick else 0
            # The same failure each time: stop, saying so, rather than respawn for ever.
            if process.exitcode == STARTUP_FAILURE or quick_deaths[slot] >= QUICK_DEATHS:
                logger.error("server process [%d] failed to start (exit code %s); stopping",
                             process.pid, process.exitcode)
                failed = True
                stop.set()
                break
            logger.info("server process [%d] died; starting another", process.pid)
            # Its last count would hold others' new connections back until the new one serves.
            with contextlib.suppress(OSError):  # the folder removed: the new one fails too
                Tally(tally_path, slot).publish(NOT_SERVING)
            processes[slot] = start(slot)
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()
    if failed:
        raise SystemExit(STARTUP_FAILURE)


def stale_folders(parent: str | None = None) -> Iterator[Path]:
    """Settings folders of ours (this user's, not links) whose serving process is gone."""
    for folder in Path(parent or tempfile.gettempdir()).glob(f"{FOLDER_PREFIX}*-*"):
        pid = folder.name[len(FOLDER_PREFIX):].split("-", 1)[0]
        try:
            held = folder.lstat()
        except OSError:
            continue
        if (not pid.isdigit() or not stat.S_ISDIR(held.st_mode)
                or held.st_uid != os.getuid() or process_exists(int(pid))):
            continue
        yield folder


def remove_stale_folders(parent: str | None = None) -> None:
    for folder in stale_folders(parent):
        shutil.rmtree(folder, ignore_errors=True)


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
