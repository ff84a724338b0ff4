"""When an event took place: the time expression of the trigger's own clause, of its
governors, of the sentence, or of the statement that reports it; and the document-level
dating rules (dates relative to another event, meetings during a visit, a story's one day)."""

from __future__ import annotations

from spacy.tokens import Token

from newstrace.annotate import text_of
from newstrace.clean.stories import is_headline, iter_lines
from newstrace.extract.events.context import DocumentIndex, Found
from newstrace.extract.events.syntax import (
    char_spans,
    is_light_object,
    is_report,
    occurrence_clause,
    own_tokens,
    token_span,
)
from newstrace.extract.events.triggers import classify
from newstrace.extract.timexes.values import Duration, TimexValue, is_day
from newstrace.models import Span, Timex


def clause_layers(trigger: Token, chain: list[Token], dates: bool = False
                   ) -> list[list[Token]]:
    """Token sets to search, nearest first: own clause, then each governor's own clause.

    For dates, a reporting verb's clause is skipped: "..., the ministry said on Monday"
    dates the statement, not the event (it is the fallback, see ``_report_timex``), unless
    the verb only carries a nominal trigger: "announced an investment on Saturday".
    """
    layers = [own_tokens(trigger)]
    for below, governor in zip(chain, chain[1:], strict=False):
        if dates and _own_time(below):
            break  # "a call with donors who gave ...": the call's date is not the giving's
        if dates and is_report(governor) and not (below == trigger and is_light_object(trigger)):
            continue
        layers.append(own_tokens(governor))
    return layers


def _own_time(clause: Token) -> bool:
    """A relative clause that describes someone or something ("donors who gave", "a deal
    that was signed") has a time of its own; one opened by "where" or "when" ("visited Tokyo
    on Wednesday, where he signed") happens at its head's."""
    return clause.dep_ == "relcl" and not any(c.tag_ == "WRB" for c in clause.children)


def pick_timex(ctx: DocumentIndex, trigger: Token, chain: list[Token]) -> Timex | None:
    dated = [t for t in ctx.timexes if t.value and t.kind in ("DATE", "TIME")]
    told = occurrence_clause(trigger)  # "a meeting, which took place on Monday"
    layers = clause_layers(trigger, chain, dates=True)
    for layer in [layers[0], *([own_tokens(told)] if told is not None else []), *layers[1:]]:
        spans = char_spans(layer)
        hits = [t for t in dated if any(t.span.overlaps(s) for s in spans)]
        if hits:
            return min(hits, key=lambda t: abs(t.span.start - trigger.idx))
    return _sentence_timex(trigger, dated) or _report_timex(ctx, trigger, chain, dated)


def _report_timex(ctx: DocumentIndex, trigger: Token, chain: list[Token], dated: list[Timex]
                  ) -> Timex | None:
    """The date of the statement that reports the event, when the event's own clause gives
    none: "announced yesterday that the country has withdrawn" dates the withdrawal (as
    announced) to yesterday."""
    reports = [g for g in chain[1:] if is_report(g)]
    sent = trigger.sent
    if not reports and sent.root.pos_ not in ("VERB", "AUX") and sent.start > 0:
        # A "sentence" without a verb of its own ("Prawny that Poland is buying ...", cut
        # after "told the paper Dz.") is the tail of the one before: the parser ended that
        # one at an abbreviation or a stray full stop.
        reports = [t for t in ctx.doc[sent.start - 1].sent if is_report(t)]
    for governor in reports:
        spans = char_spans(own_tokens(governor))
        hits = [t for t in dated if any(t.span.overlaps(s) for s in spans)]
        if hits:
            return min(hits, key=lambda t: abs(t.span.start - trigger.idx))
    return None


def _sentence_timex(trigger: Token, dated: list[Timex]) -> Timex | None:
    """A date elsewhere in the sentence, unless it belongs to a relative clause or to a
    reporting verb."""
    sent = trigger.sent
    sent_span = Span(sent.start_char, sent.end_char)
    in_sentence = [t for t in dated if sent_span.contains(t.span)]
    if not in_sentence:
        return None  # most sentences: nothing to fence off
    if any(_own_time(t) for t in (trigger, *trigger.ancestors) if t.sent == sent):
        return None  # a relative clause's event has only the dates inside it
    fenced = [
        t for t in sent if t.dep_ in ("relcl", "acl") and trigger not in list(t.subtree)
    ]
    fenced_spans = [Span(f.left_edge.idx, f.right_edge.idx + len(f.right_edge)) for f in fenced]
    for verb in (t for t in sent if is_report(t)):
        fenced_spans += char_spans(own_tokens(verb))
    hits = [t for t in in_sentence if not any(f.overlaps(t.span) for f in fenced_spans)]
    return min(hits, key=lambda t: abs(t.span.start - trigger.idx)) if hits else None


def _shift(value: str, duration: str, sign: int) -> str | None:
    """``value`` (a day) moved forward (sign 1) or back (-1) by a TIMEX duration such as P1D,
    P2W, P3M, P1Y; None when either is not one (a month, a vague or clock duration)."""
    day = TimexValue.parse(value) if is_day(value) else None
    length = Duration.parse(duration)
    if day is None or length is None:
        return None
    moved = day + length if sign > 0 else day - length
    return str(moved) if moved is not None else None


def anchored_date(ctx: DocumentIndex, found: list[Found], item: Found) -> str | None:
    """"A day after the announced investment": the anchor event's date moved. The anchor is
    the event noun right after the expression; a definite one ("the announced investment")
    that carries no date of its own is the latest earlier event of its type."""
    timex = item.timex
    words = (timex.text if timex else "").lower().rstrip()
    if timex is None or not words.endswith(("after", "before")):
        return None
    sign = 1 if words.endswith("after") else -1
    sent = item.trigger.sent
    for token in sent:
        if token.idx < timex.span.end:
            continue
        if token.is_punct:
            return None
        etype = classify(ctx, token) if token.pos_ in ("NOUN", "PROPN") else None
        if etype is None:
            continue
        if token.i == item.trigger.i:  # the anchor itself is not dated by its own phrase
            return None
        anchor = next((f for f in found if f.trigger.i == token.i), None)
        if anchor is not None and anchor.same_as is not None:
            anchor = anchor.same_as
        if anchor is None or not is_day(anchor.event.date):
            earlier = [f for f in found if f.trigger.idx < timex.span.start
                       and f.event.type == etype.name and is_day(f.event.date)]
            anchor = earlier[-1] if earlier else None
        return _shift(anchor.event.date or "", timex.value or "", sign) if anchor else None
    return None


def container_period(ctx: DocumentIndex, item: Found) -> str | None:
    """A visit that lasts N days ("her six-day visit") holds the days D .. D+N-1; what happens
    during it is dated by what those days share (the month when they share it)."""
    date = item.event.date
    first = TimexValue.parse(date) if date and is_day(date) else None
    if first is None:
        return date
    days = None
    for timex in ctx.timexes:
        length = Duration.parse(timex.value or "") if timex.kind == "DURATION" else None
        if length is not None and length.unit == "D" and length.days() is not None and any(
            token_span(c).overlaps(timex.span) for c in item.trigger.subtree
        ):
            days = length.days()
    month = TimexValue.of_day(first.first_day(), "month")
    if days is None:
        return str(month)
    if days == 1:
        return date
    last = first + Duration(days - 1, "D")
    if last is not None and month.contains(last):
        return str(month)
    return str(TimexValue.of_day(first.first_day(), "year"))


def story_sections(ctx: DocumentIndex) -> list[Span]:
    """Stories cut at their subheadings: a section's heading frames what it tells."""
    text = text_of(ctx.doc)
    cuts = sorted({s.start for s in ctx.stories} | {
        line.start for line in iter_lines(text) if is_headline(line.text(text))})
    ends = [*cuts[1:], len(text)]
    return [Span(a, b) for a, b in zip(cuts, ends, strict=False)] or [Span(0, len(text))]


def date_by_story(ctx: DocumentIndex, found: list[Found]) -> None:
    """A story that names exactly one day ("told the Seimas on Thursday") tells of that day:
    its undated past events took place then."""
    for story in ctx.stories or [Span(0, len(text_of(ctx.doc)))]:
        days = {t.value for t in ctx.timexes if t.kind in ("DATE", "TIME")
                and story.contains(t.span) and t.value}
        if len(days) != 1 or not is_day(next(iter(days))):
            continue
        day = next(iter(days))
        for item in found:
            event, trigger = item.event, item.trigger
            if (event.date is None and event.status == "happened" and trigger.tag_ in ("VBD",)
                    and story.holds(trigger.idx)):
                event.date, event.date_text = day, None
