"""Options with shipped defaults; every stage reads its settings from here."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Options:
    # Extra gazetteer files (JSON, see docs/gazetteer.md) merged over the shipped one.
    gazetteer_files: tuple[str, ...] = field(default_factory=tuple)
