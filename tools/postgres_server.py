"""A throwaway PostgreSQL server for the tests and benchmarks: a cluster made by initdb in a
temporary folder, listening on a free loopback port (and a unix socket in that folder only),
removed when it stops. Debian's server binaries are used (tools/system_packages.sh installs
them); PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.

    python tools/postgres_server.py     # starts one, prints its URL, stops it on Ctrl-C

`new_schema` gives a URL to a fresh, empty schema of a database (a test's or a trial's own
store, cheaper than a database each); `drop_schema` removes it.

The superuser `newstrace` logs in over TCP with a password (scram-sha-256), so a wrong
password is refused as on a real server.
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from sqlalchemy import create_engine, make_url

BINARIES = "/usr/lib/postgresql/*/bin"
USER = "newstrace"
DATABASE = "newstrace_test"
# Settings for a database that may be lost at any moment: nothing waits for the disk.
FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
        "max_connections": "200", "shared_buffers": "32MB"}


def server_binaries() -> Path:
    """The newest installed server's bin folder; a clear error when there is none."""
    found = sorted(glob.glob(f"{BINARIES}/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    if not found:
        raise RuntimeError(
            f"no PostgreSQL server binaries in {BINARIES}: the storage and API tests run "
            "against PostgreSQL too; install them with tools/system_packages.sh "
            "(Debian: apt-get install postgresql) or set NEWSTRACE_TEST_PG to a server's URL")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def new_schema(database_url: str, name: str) -> str:
    """Make the schema ``name`` in the database and return a URL whose connections use it."""
    _administer(database_url, f"CREATE SCHEMA {name}")
    return make_url(database_url).update_query_dict(
        {"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)


def drop_schema(database_url: str, name: str) -> None:
    _administer(database_url, f"DROP SCHEMA IF EXISTS {name} CASCADE")


def _administer(database_url: str, statement: str) -> None:
    url = make_url(database_url)
    if url.drivername == "postgresql":  # psycopg 3, as newstrace takes such a URL
        url = url.set(drivername="postgresql+psycopg")
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


class ThrowawayServer:
    """``with ThrowawayServer() as server: server.url`` (a postgresql+psycopg URL with
    the password, to an empty database)."""

    def __init__(self) -> None:
        self.bin = server_binaries()
        self.folder = Path(tempfile.mkdtemp(prefix="newstrace-pg-"))
        self.data = self.folder / "data"
        self.password = secrets.token_hex(12)
        self.port = free_port()
        self.url = (f"postgresql+psycopg://{USER}:{self.password}@127.0.0.1:{self.port}/"
                    f"{DATABASE}")
        # As root, the server's files and processes belong to the postgres user.
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []

    def _run(self, *command: str) -> None:
        done = subprocess.run([*self.as_user, *command], capture_output=True, text=True,
                              timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[:2])} failed: "
                               f"{(done.stderr or done.stdout).strip()[-800:]}")

    def start(self) -> ThrowawayServer:
        password_file = self.folder / "password"
        password_file.write_text(self.password + "\n")
        if self.as_user:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(password_file, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", USER,
                  f"--pwfile={password_file}", "--auth-local=trust",
                  "--auth-host=scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync")
        options = " ".join(f"-c {key}={value}" for key, value in {
            **FAST, "listen_addresses": "127.0.0.1", "port": str(self.port),
            "unix_socket_directories": str(self.folder)}.items())
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
                  str(self.folder / "server.log"), "-o", options, "-w", "-t", "60", "start")
        self._run(str(self.bin / "createdb"), "-h", str(self.folder), "-p", str(self.port),
                  "-U", USER, DATABASE)
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                          "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> ThrowawayServer:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.stop()


if __name__ == "__main__":
    with ThrowawayServer() as server:
        print(server.url, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
