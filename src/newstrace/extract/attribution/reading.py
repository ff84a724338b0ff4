"""One reading of an attribution, as the passes find and refine it."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from newstrace.models import QuoteKind, Span


@dataclass(eq=False)  # compared by identity: two readings of one frame are two candidates
class Attribution:
    content: Span
    kind: QuoteKind
    cue: Token | None
    source: Span | None = None
    speaker: str | None = None
    speaker_text: str | None = None
    speaker_how: str = "unknown"
    medium: str | None = None
    relays: list[str] = field(default_factory=list)
    date: str | None = None
    parts: list[Span] = field(default_factory=list)  # passages when a frame interrupts
    probability: float | None = None  # the attribution model's, when one judged it

    def passages(self) -> list[Span]:
        """The words attributed: the passages when a frame interrupts them ("…,” he said,
        noting that …, “…”), else the whole content. The frame between is the reporter's."""
        return self.parts or [self.content]

    def in_words(self, span: Span) -> bool:
        """Whether `span` overlaps the words attributed (not a frame between passages)."""
        return any(passage.overlaps(span) for passage in self.passages())
