"""`newstrace serve --workers N`: connections shared out between the worker processes, and
the settings folder of a server that was killed cleaned up by the next one."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newstrace.serve.heads import MAX_HEAD_BYTES
from newstrace.serve.workers import FOLDER_PREFIX, NOT_SERVING, Tally, remove_stale_folders
from newstrace.store import Store


def test_a_worker_sees_the_fewest_connections_the_others_hold(tmp_path: Path) -> None:
    path = str(tmp_path / "connections")
    Tally.create(path, 3)
    first, second, third = (Tally(path, slot) for slot in range(3))
    first.publish(4)
    second.publish(2)
    third.publish(3)
    assert (first.fewest_elsewhere(), second.fewest_elsewhere(),
            third.fewest_elsewhere()) == (2, 3, 2)
    Tally.create(str(tmp_path / "alone"), 1)
    assert Tally(str(tmp_path / "alone"), 0).fewest_elsewhere() is None
    Tally.create(str(tmp_path / "starting"), 2)  # the other not serving yet: none to wait for
    assert Tally(str(tmp_path / "starting"), 0).fewest_elsewhere() is None


def ended_process_id() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_only_folders_of_servers_that_are_gone_are_removed(tmp_path: Path) -> None:
    gone = tmp_path / f"{FOLDER_PREFIX}{ended_process_id()}-abc"
    running = tmp_path / f"{FOLDER_PREFIX}{os.getpid()}-def"
    for folder in (gone, running):
        folder.mkdir()
        (folder / "serve-settings.json").write_text("{}", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "kept").write_text("", encoding="utf-8")
    linked = tmp_path / f"{FOLDER_PREFIX}{ended_process_id()}-link"
    linked.symlink_to(elsewhere)
    remove_stale_folders(str(tmp_path))
    assert not gone.exists()
    assert running.exists() and (elsewhere / "kept").exists() and linked.is_symlink()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def children(pid: int) -> list[int]:
    listed = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in listed.read_text().split()] if listed.exists() else []


def connections_held(pid: int, port: int) -> int:
    """Established TCP connections to ``port`` among the process's open files."""
    held = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            held.add(os.readlink(f"/proc/{pid}/fd/{fd}"))
        except OSError:
            continue
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if (int(fields[1].split(":")[1], 16) == port and fields[3] == "01"
                and f"socket:[{fields[9]}]" in held):
            count += 1
    return count


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc")
def test_clients_connecting_together_are_shared_between_the_processes_and_heads_bounded(
        store: Store, fresh_db: str, tmp_path: Path) -> None:
    port = free_port()
    server = serving_server(fresh_db, port, tmp_path, subprocess.DEVNULL)
    try:
        workers = children(server.pid)  # and multiprocessing's resource tracker
        splits = []
        for _ in range(3):  # a worker kept off the processor under load may lose one
            clients = [http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                       for _ in range(4)]
            for client in clients:  # all connected before any asks
                client.connect()
            for client in clients:
                client.request("GET", "/api/v1/summary")
                assert client.getresponse().read()
            held = [connections_held(pid, port) for pid in workers]
            splits.append(sorted(n for n in held if n))
            for client in clients:  # a second request on a connection: its head counted anew
                client.request("GET", "/api/v1/", headers={"X-Filler": "x" * 40_000})
                assert client.getresponse().status == 200
                client.close()
            time.sleep(0.5)  # the workers count the closed connections out
        assert splits.count([2, 2]) >= 2, splits  # left to uvicorn: mostly [4]
        with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
            raw.sendall(b"GET /api/v1/ HTTP/1.1\r\nHost: here\r\nX-Filler: "
                        + b"x" * (MAX_HEAD_BYTES + 1) + b"\r\n\r\n")
            assert raw.recv(100).startswith(b"HTTP/1.1 400 ")
        body = b"x" * (2 * MAX_HEAD_BYTES)  # a body read with its head is no part of the head
        with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
            raw.sendall(b"POST /api/v1/documents HTTP/1.1\r\nHost: here\r\nContent-Type: "
                        b"application/json\r\nContent-Length: " + str(len(body)).encode()
                        + b"\r\n\r\n" + body)
            assert raw.recv(100).startswith(b"HTTP/1.1 405 ")  # read-only, not refused as a head
        (folder,) = tmp_path.glob(f"{FOLDER_PREFIX}{server.pid}-*")
        server.send_signal(signal.SIGKILL)  # no time to remove its settings folder
        server.wait(timeout=30)
        began = time.monotonic()  # the worker processes see their parent gone and stop
        while any(Path(f"/proc/{pid}").exists() and not zombie(pid) for pid in workers):
            assert time.monotonic() - began < 60
            time.sleep(0.2)
        assert folder.exists()
        remove_stale_folders(str(tmp_path))
        assert not folder.exists()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def serving_server(db: str, port: int, folder: Path, errors: int) -> subprocess.Popen[str]:
    """`serve --workers 2` on ``port``, its settings folder in ``folder``, once both its
    worker processes serve."""
    server = subprocess.Popen(
        [sys.executable, "-m", "newstrace.cli", "serve", "--db", db, "--port", str(port),
         "--workers", "2"], env=os.environ | {"TMPDIR": str(folder)},
        stdout=subprocess.DEVNULL, stderr=errors, text=True)
    began = time.monotonic()
    while not serving(folder, server.pid, 2):
        if server.poll() is not None or time.monotonic() - began > 180:
            server.kill()
            server.wait()
            raise AssertionError(f"the server did not start (exit code {server.returncode})")
        time.sleep(0.2)
    return server


def serving(folder: Path, pid: int, workers: int) -> bool:
    """Whether every worker process of the server ``pid`` serves, by their tally."""
    found = list(folder.glob(f"{FOLDER_PREFIX}{pid}-*/connections"))
    if not found:
        return False
    tally = Tally(str(found[0]), workers)  # a slot past the workers': reads theirs only
    return all(tally.count(slot) != NOT_SERVING for slot in range(workers))


def zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads Linux's /proc")
def test_a_server_whose_workers_die_on_starting_again_stops_saying_so(
        store: Store, fresh_db: str, tmp_path: Path) -> None:
    server = serving_server(fresh_db, free_port(), tmp_path, subprocess.PIPE)
    try:
        workers = children(server.pid)
        (folder,) = tmp_path.glob(f"{FOLDER_PREFIX}{server.pid}-*")
        shutil.rmtree(folder)  # every replacement now fails to read its settings
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        _, errors = server.communicate(timeout=240)
        assert server.returncode == 3
        assert "failed to start" in errors
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
