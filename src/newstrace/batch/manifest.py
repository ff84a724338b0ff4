"""The batch's own record in its output folder: which database it loads, each partition
analysed (with its time and the worker's memory) and each partition loaded.

One JSON object a line, appended by the one process that loads (workers only write their
shards), synced line by line: a run killed while appending leaves at most a cut-short last
line, which is ignored. A shard's presence, not its line here, says a partition is
analysed (the shard is renamed into place before its line is written); a "loaded" line
lets a later run skip reading the shard of a partition that is stored whole.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newstrace.errors import BatchError
from newstrace.store.urls import database_url

MANIFEST_NAME = "manifest.jsonl"


def database_name(db: str) -> str:
    """The database a batch loads, as the manifest keeps it: a SQLite file's absolute path,
    or a URL without its password, its driver named as the store names it (so
    ``postgresql://`` and ``postgresql+psycopg://`` are one database)."""
    if "://" not in db:
        return str(Path(db).resolve())
    return database_url(db).render_as_string(hide_password=True)


class Manifest:
    def __init__(self, out: Path, db: str):
        self.path = out / MANIFEST_NAME
        self.loaded: set[str] = set()
        self.analysed: dict[str, dict[str, Any]] = {}
        entries = self._entries()
        database = database_name(db)
        if not entries:
            self._append({"database": database})
        elif entries[0].get("database") != database:
            raise BatchError(
                f"{out} holds a batch loaded into {entries[0].get('database')}, not "
                f"{database}: give this database its own --out folder")
        for entry in entries[1:]:
            if entry.get("state") == "loaded":
                self.loaded.add(entry["partition"])
            elif entry.get("state") == "analysed":
                self.analysed[entry["partition"]] = entry

    def _entries(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        text = self.path.read_text(encoding="utf-8")
        if text and not text.endswith("\n"):  # the next line starts on a line of its own
            with self.path.open("a", encoding="utf-8") as manifest:
                manifest.write("\n")
        entries = []
        for line in text.splitlines():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:  # cut short by a kill while it was written
                continue
        return entries

    def _append(self, entry: dict[str, Any]) -> None:
        with self.path.open("a", encoding="utf-8") as manifest:
            manifest.write(json.dumps(entry) + "\n")
            manifest.flush()
            os.fsync(manifest.fileno())

    def record_analysed(self, partition: str, details: dict[str, Any]) -> None:
        entry = {"partition": partition, "state": "analysed", **details}
        self.analysed[partition] = entry
        self._append(entry)

    def record_loaded(self, partition: str) -> None:
        self.loaded.add(partition)
        self._append({"partition": partition, "state": "loaded"})
