"""Options with shipped defaults; every stage reads its settings from here."""

from __future__ import annotations

from dataclasses import dataclass, field

SHIPPED = "shipped"


@dataclass(frozen=True)
class Options:
    # Extra gazetteer files (JSON, see docs/gazetteer.md) merged over the shipped one.
    gazetteer_files: tuple[str, ...] = field(default_factory=tuple)
    # The attribution model that judges the rules' readings and the parse's other candidates:
    # the one shipped in the package, a saved model's path, a loaded model, or None for the
    # rules alone. Typed loosely so that config names no extract class: the attribution package
    # resolves the setting (`model.scorer.attribution_model`) and rejects anything else.
    attribution_model: object = SHIPPED
    # The longest document analysed, in characters (ingest --max-chars). News reports are a
    # few thousand; a million is a book, and parsing it as one document takes many minutes.
    max_document_chars: int = 1_000_000
    # Seconds one document's analysis may take before it is stopped and recorded as a failure
    # (ingest --time-budget; 0: no budget). A long report takes a few seconds on one core;
    # two minutes leave room for a slow machine, not for a runaway document.
    time_budget: float = 120.0
