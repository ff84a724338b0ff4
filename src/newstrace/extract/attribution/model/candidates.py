"""What the parse and the rules offer as candidates for the attribution model: every subtree
hanging on a word (its complement clause, object, prepositional phrase, …), cut short before an
afterthought, and every reading the rules made, each with its features."""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Token

from newstrace.extract.attribution.index import DocumentIndex
from newstrace.extract.attribution.model.features import (
    Layout,
    add_sibling_features,
    features,
)
from newstrace.models import Span

# Dependents whose subtree is never what a word attributes. A preposition ("prep", "agent")
# offers both its phrase and its object alone ("warned of [a crisis]").
FUNCTION_RELATIONS = {"punct", "det", "aux", "auxpass", "cc", "case", "neg", "mark", "prt",
                      "predet", "expl", "dep", "intj", "poss", "nummod", "quantmod"}
PREPOSITION_OBJECTS = {"pobj", "pcomp"}
# Relations whose single word can be all that is attributed ("would back [Trump]").
SINGLE_WORD_RELATIONS = {"dobj", "prep-pobj"}
# Characters trimmed from a candidate's edges, as the PolNeAR scorer trims them.
EDGE_CHARACTERS = set(" \t\r\n.,;:!?-\u2013\u2014()[]'\"\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb")
# Two spans are one reading when their characters overlap this much (Jaccard), the PolNeAR
# scorer's rule for a match.
SAME_SPAN = 0.5
# How a cue word may hang below the verb whose subject holds it, and how far up to look.


@dataclass(init=False, eq=False)
class Candidate:
    cue: Token | None
    relation: str           # how the span hangs on the cue ("ccomp", "prep-pobj", "rule-direct")
    span: Span              # characters, edges trimmed
    rule: int | None = None  # index of the rule reading this candidate is, or matches
    rule_kind: str = "none"
    firm: bool = False  # a reading of the rules kept whatever overlaps it
    # How it compares with the others hung on its word (`add_sibling_features`).
    sibling_features: list[str] = field(default_factory=list)

    def __init__(self, cue: Token | None, relation: str, span: Span, rule: int | None = None,
                 rule_kind: str = "none", firm: bool = False,
                 features: list[str] | None = None,
                 read: Callable[[Candidate], list[str]] | None = None) -> None:
        self.cue, self.relation, self.span, self.rule, self.rule_kind, self.firm = (
            cue, relation, span, rule, rule_kind, firm)
        self.sibling_features = []
        self._features, self._read = features, read

    @property
    def features(self) -> list[str]:
        """What the model knows of the candidate, read the first time it is asked for: the
        model asks only about the candidates it may choose (`AttributionModel.choose`), a
        training run about every one."""
        if self._features is None:
            self._features = [*(self._read(self) if self._read else []),
                              *self.sibling_features]
        return self._features


@dataclass(frozen=True)
class RuleReading:
    """What the rules found, as the model sees it: the span, its kind, its cue word, the
    spans of its frame (cue and source), and whether it is firm: kept whatever else overlaps
    it (words an outlet relayed, whose chain is what newstrace exists to keep, while a corpus
    that annotates only the outermost attribution would teach the model to drop them)."""
    span: Span
    kind: str
    cue: Token | None
    frame: tuple[Span, ...] = ()
    firm: bool = False


def trimmed(text: str, start: int, end: int) -> Span:
    s, e = start, end
    while s < e and text[s] in EDGE_CHARACTERS:
        s += 1
    while e > s and text[e - 1] in EDGE_CHARACTERS:
        e -= 1
    return Span(s, e)


def jaccard(a: Span, b: Span) -> float:
    inter = min(a.end, b.end) - max(a.start, b.start)
    if inter <= 0:
        return 0.0
    return inter / ((a.end - a.start) + (b.end - b.start) - inter)



def parse_candidates(layout: Layout) -> Iterable[tuple[int, str, int, int]]:
    """(cue, relation, first token, end token) for each subtree hanging on a word, and the same
    subtree cut before its first comma or dash after the head ("resources could be spent with
    NATO[, the alliance that …]"), relation suffixed "-short"."""
    tokens, next_break = layout.tokens, layout.next_break
    dep, children = tokens.dep, tokens.children
    for word, is_word in enumerate(tokens.is_word):
        if not is_word:
            continue
        for child in children[word]:
            if dep[child] in ("prep", "agent"):
                heads = [("prep", child)] + [("prep-" + dep[g], g) for g in children[child]
                                             if dep[g] in PREPOSITION_OBJECTS]
            elif dep[child] not in FUNCTION_RELATIONS:
                heads = [(dep[child], child)]
            else:
                continue
            for relation, head in heads:
                start, end = tokens.left_edge[head], tokens.right_edge[head] + 1
                if end - start >= 2 or relation in SINGLE_WORD_RELATIONS:
                    yield word, relation, start, end
                cut = min(next_break[head + 1], end)
                if start < cut < end and cut - start >= 2:
                    yield word, relation + "-short", start, cut


def candidates(index: DocumentIndex, rules: Sequence[RuleReading]) -> list[Candidate]:
    """Every span the parse or the rules offer, each reading its features when asked."""
    doc = index.doc
    if not len(doc):
        return []
    layout = Layout.of(index)
    text, starts, ends = layout.text, index.tokens.starts, index.tokens.ends
    found: list[Candidate] = []
    seen: set[tuple[int, int, int]] = set()

    def read(candidate: Candidate) -> list[str]:
        return features(candidate, rules, layout)

    for number, rule in enumerate(rules):
        found.append(Candidate(rule.cue, "rule-" + rule.kind, rule.span, number, rule.kind,
                               rule.firm, read=read))
    cues: dict[int, Token] = {}  # spaCy makes a new Token on each access
    by_start = SpansByStart([rule.span for rule in rules])
    for word, relation, start, end in parse_candidates(layout):
        span = trimmed(text, starts[start], ends[end - 1])
        if span.end <= span.start or (word, span.start, span.end) in seen:
            continue
        seen.add((word, span.start, span.end))
        cue = cues.get(word)
        if cue is None:
            cue = cues[word] = doc[word]
        candidate = Candidate(cue, relation, span, read=read)
        match = rule_matched(span, rules, by_start)
        if match is not None:
            candidate.rule, candidate.rule_kind = match, rules[match].kind
            candidate.firm = rules[match].firm
        found.append(candidate)
    add_sibling_features(found)
    return found


class SpansByStart:
    """Spans by where they start, with the furthest end up to each: which of them overlap a
    span is found by bisection, not by comparing it with every one (a long document has
    hundreds of rule readings and candidates, a quote dozens of spans taken)."""

    def __init__(self, spans: Sequence[Span]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        self.starts = [spans[i].start for i in self.order]
        self.reach = list(itertools.accumulate((spans[i].end for i in self.order), max))

    def overlapping(self, span: Span) -> list[int]:
        """The indices, in order, of the spans sharing a character with it."""
        low = bisect.bisect_right(self.reach, span.start)  # the ones before end before it
        high = bisect.bisect_left(self.starts, span.end)
        if low >= high:  # most candidates overlap no rule reading
            return []
        found = [i for i in self.order[low:high] if span.start < self.spans[i].end]
        if len(found) > 1:  # most spans overlap one or none
            found.sort()
        return found

    def overlaps_any(self, span: Span) -> bool:
        before = bisect.bisect_left(self.starts, span.end)  # the spans starting before it ends
        return before > 0 and self.reach[before - 1] > span.start


def rule_matched(span: Span, rules: Sequence[RuleReading], by_start: SpansByStart
                 ) -> int | None:
    """The rule reading a parse candidate is another boundary of: the one it matches best
    (Jaccard >= 0.5), never one whose frame it runs into (a misparse joining "…, the ministry
    said" to what was said). A longer clause of the same cue is not one: the rules cut it
    where they did on purpose ("said the border would stay open [and warned …]")."""
    best, found = SAME_SPAN, None
    for i in by_start.overlapping(span):
        if any(span.overlaps(f) for f in rules[i].frame):
            continue
        score = jaccard(span, rules[i].span)
        if score >= best:
            best, found = score, i
    return found
