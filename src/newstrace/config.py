"""Options with shipped defaults; every stage reads its settings from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newstrace.extract.attribution_model import AttributionModel

SHIPPED = "shipped"


@dataclass(frozen=True)
class Options:
    # Extra gazetteer files (JSON, see docs/gazetteer.md) merged over the shipped one.
    gazetteer_files: tuple[str, ...] = field(default_factory=tuple)
    # The attribution model that judges the rules' readings and the parse's other candidates:
    # the one shipped in the package, a saved model's path, a loaded model, or None for the
    # rules alone.
    attribution_model: str | AttributionModel | None = SHIPPED
