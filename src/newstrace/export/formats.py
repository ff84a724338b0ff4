"""Which export writes what, and the one loop over the store they share: documents loaded
one at a time in the store's order (publication date, then id), so memory stays flat
however many are stored (a network is the exception: its graph is built whole)."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from newstrace.errors import ExportError
from newstrace.models import Analysis
from newstrace.store import Store


@dataclass(frozen=True)
class Format:
    # A folder of files, or one file opened as text or as bytes.
    writes: Literal["folder", "text", "binary"]
    # The writer, as module:function under newstrace.export, imported when the format is
    # used: followthemoney, pyarrow and networkx take seconds to load, which every other
    # command would pay.
    writer: str

    def write(self, analyses: Iterable[Analysis], out: Any) -> dict[str, int]:
        module, function = self.writer.split(":")
        write: Callable[[Iterable[Analysis], Any], dict[str, int]] = getattr(
            importlib.import_module(f"newstrace.export.{module}"), function)
        return write(analyses, out)


# What reads each: README.md; what each holds: docs/export.md.
FORMATS: dict[str, Format] = {
    "jsonl": Format("text", "jsonl:write_jsonl"),
    "csv": Format("folder", "csv_files:write_csv"),
    "parquet": Format("folder", "parquet_files:write_parquet"),
    "ftm": Format("folder", "ftm:write_ftm"),
    "gexf": Format("binary", "networks:write_gexf"),
    "graphml": Format("binary", "networks:write_graphml"),
}


def export_store(store: Store, fmt: str, output: str, document_ids: list[str] | None = None,
                 progress: Callable[[str], None] = lambda _id: None) -> dict[str, int]:
    """Write the stored documents (``document_ids``, else all of them in the store's order)
    in format ``fmt`` to ``output`` (a folder for the formats that write several files, else
    a file or - for stdout); what was written, by table or file. ``progress`` is called with
    each document's id once it is read."""
    if fmt not in FORMATS:
        raise ExportError(f"no export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    chosen = FORMATS[fmt]
    target = _checked_output(fmt, chosen, output)
    analyses = _stored(store, store.document_ids() if document_ids is None else document_ids,
                       progress)
    if chosen.writes == "folder":
        return chosen.write(analyses, target)
    if target is None:
        out = sys.stdout if chosen.writes == "text" else sys.stdout.buffer
        return chosen.write(analyses, out)
    mode, encoding = ("w", "utf-8") if chosen.writes == "text" else ("wb", None)
    with target.open(mode, encoding=encoding) as handle:
        return chosen.write(analyses, handle)


def _stored(store: Store, document_ids: list[str],
            progress: Callable[[str], None]) -> Iterator[Analysis]:
    for document_id in document_ids:
        yield store.load(document_id)
        progress(document_id)


def _checked_output(fmt: str, chosen: Format, output: str) -> Path | None:
    """The output as a path (None for stdout), its folder made when the format writes one;
    an error naming the path when it cannot be used."""
    if output == "-":
        if chosen.writes == "folder":
            raise ExportError(f"{fmt} writes several files: give a folder with -o DIR")
        return None
    path = Path(output)
    if chosen.writes == "folder":
        if path.exists() and not path.is_dir():
            raise ExportError(f"{output} is a file; {fmt} writes a folder of files: give a "
                              "folder with -o DIR")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(f"cannot make the folder {output}: {error.strerror}") from error
        return path
    if path.is_dir():
        raise ExportError(f"{output} is a folder; {fmt} writes one file: give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"cannot write {output}: no folder {path.parent}")
    return path
