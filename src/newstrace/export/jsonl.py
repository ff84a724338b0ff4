"""The JSONL export: one `analysis_record` per line (docs/export.md), the shape the
evaluation scripts read."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from newstrace.export.records import analysis_record
from newstrace.models import Analysis


def write_jsonl(analyses: Iterable[Analysis], out: TextIO) -> dict[str, int]:
    """Write a line per analysis to ``out``; the documents written."""
    lines = 0
    for analysis in analyses:
        out.write(json.dumps(analysis_record(analysis), ensure_ascii=False) + "\n")
        lines += 1
    return {"documents": lines}
