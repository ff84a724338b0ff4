"""Shared fixtures: the seeds beside the checkout, a fresh database, the analyser."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newstrace.config import Options
from newstrace.models import Analysis, Document, Quote
from newstrace.pipeline import analyse
from newstrace.store import Store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"


@pytest.fixture
def fresh_db(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def store(fresh_db: str) -> Store:
    return Store(fresh_db)


def run(text: str, published: str | None = "2025-03-07", outlet: str | None = None,
        options: Options | None = None) -> Analysis:
    return analyse(Document(
        text=text, published=date.fromisoformat(published) if published else None, outlet=outlet
    ), options)


def name_of(analysis: Analysis, entity_id: str | None) -> str | None:
    entity = analysis.entity(entity_id)
    return entity.name if entity else None


def quote_of(analysis: Analysis, words: str) -> Quote:
    """The one quote whose content holds ``words``."""
    text = analysis.document.text
    found = [q for q in analysis.quotes if words in q.content.text(text)]
    assert len(found) == 1, [q.content.text(text) for q in analysis.quotes]
    return found[0]


def event_actors(analysis: Analysis, etype: str) -> list[str | None]:
    """The actor's name of each event of a type (None for an event without one)."""
    return [name_of(analysis, e.argument("actor")) for e in analysis.events if e.type == etype]
