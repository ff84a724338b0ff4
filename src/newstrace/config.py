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
