"""A learned judge of attribution candidates: which clause, phrase or quoted passage around a
word is what someone said, thought or intended.

The rules in `quotes.py` find speech well but miss much of what news attributes: stances and
internal states ("has railed against the deal", "is skeptical of the plan"). Here every
subtree the parse offers next to a word (its complement clause, object, prepositional phrase,
…) and every reading the rules made becomes a candidate, described by features of the word,
the relation, the span's edges and what the rules thought of it; a logistic regression over
hashed features (trained by `tools/train_attribution.py` on the PolNeAR train split) scores
each. The rules' readings stay, each at its most probable boundary, and the most probable
candidates that overlap none of them and pass a threshold are added.

The weights ship inside the package (`data/models/attribution.npz`) and load offline.
"""

from __future__ import annotations

import bisect
import functools
import math
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from newstrace.config import SHIPPED
from newstrace.errors import ModelMissing
from newstrace.extract.lexicon import (
    ATTITUDE_LEMMAS,
    INTENT_LEMMAS,
    NAMING_LEMMAS,
    NP_SPEECH_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    word_classes,
)
from newstrace.extract.quotemarks import DOUBLE_MARKS
from newstrace.models import Span

# 2**20 hashed feature slots: a few hundred thousand distinct features occur in training, so
# collisions are rare, and the stored file stays near 2 MB because most slots are zero.
HASH_BITS = 20
# Dependents whose subtree is never what a word attributes. A preposition ("prep", "agent")
# offers both its phrase and its object alone ("warned of [a crisis]").
FUNCTION_RELATIONS = {"punct", "det", "aux", "auxpass", "cc", "case", "neg", "mark", "prt",
                      "predet", "expl", "dep", "intj", "poss", "nummod", "quantmod"}
PREPOSITION_OBJECTS = {"pobj", "pcomp"}
# Relations whose single word can be all that is attributed ("would back [Trump]").
SINGLE_WORD_RELATIONS = {"dobj", "prep-pobj"}
# Where a subtree's core ends and its appositive or afterthought begins.
CLAUSE_BREAKS = {",", "\u2014", "\u2013", "(", ";", "--"}
# Characters trimmed from a candidate's edges, as the PolNeAR scorer trims them.
EDGE_CHARACTERS = set(" \t\r\n.,;:!?-\u2013\u2014()[]'\"\u2018\u2019\u201c\u201d\u201e\u00ab\u00bb")
# Two spans are one reading when their characters overlap this much (Jaccard), the PolNeAR
# scorer's rule for a match.
SAME_SPAN = 0.5
# How a cue word may hang below the verb whose subject holds it, and how far up to look.
HOLDER_PATH = {"acomp", "dobj", "attr", "pobj", "prep", "xcomp", "oprd", "advcl", "conj",
               "pcomp", "amod", "ccomp", "acl"}
HOLDER_MAX_HOPS = 4
MODEL_RESOURCE = "data/models/attribution.npz"


@dataclass
class Candidate:
    cue: Token | None
    relation: str           # how the span hangs on the cue ("ccomp", "prep-pobj", "rule-direct")
    span: Span              # characters, edges trimmed
    rule: int | None = None  # index of the rule reading this candidate is, or matches
    rule_kind: str = "none"
    firm: bool = False  # a reading of the rules kept whatever overlaps it
    features: list[str] = field(default_factory=list)


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


def lexicon_class(lemma: str) -> str:
    for name, words in (("speech", SPEECH_LEMMAS), ("np", NP_SPEECH_LEMMAS),
                        ("intent", INTENT_LEMMAS), ("attitude", ATTITUDE_LEMMAS),
                        ("naming", NAMING_LEMMAS), ("noun", SPEECH_NOUNS)):
        if lemma in words:
            return name
    return "other"


def holder(cue: Token) -> Token | None:
    """Whose words, thought or stance a cue word gives: its subject; a noun's possessor ("his
    claim"); or, for a word inside a phrase, the subject of the verb the phrase hangs on
    ("has been [critical] of", "made a [condemnation] of", "persisted in [arguments]")."""
    word = cue
    # "Mr. Schultz, a passionate [defender] of …", "contributors [intent] on …": the noun the
    # cue describes holds it.
    if cue.dep_ in ("appos", "amod") and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    for _ in range(HOLDER_MAX_HOPS):
        for child in word.children:
            if child.dep_ in ("nsubj", "poss"):
                return child
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        if word.dep_ not in HOLDER_PATH or word.head.i == word.i:
            return None
        word = word.head
    return None


def holder_kind(found: Token | None) -> str:
    """What kind of word holds a cue: a pronoun, a named entity's type, a noun, none."""
    if found is None:
        return "none"
    if found.pos_ == "PRON":
        return "pron-" + found.lower_
    return found.ent_type_ or found.pos_


def length_bucket(tokens: int) -> str:
    return str(min(int(math.log2(max(tokens, 1))), 7))


def parse_candidates(doc: Doc) -> Iterable[tuple[Token, str, int, int]]:
    """(cue, relation, first token, end token) for each subtree hanging on a word, and the same
    subtree cut before its first comma or dash after the head ("resources could be spent with
    NATO[, the alliance that …]"), relation suffixed "-short"."""
    for word in doc:
        if word.is_punct or word.is_space:
            continue
        for child in word.children:
            if child.dep_ in ("prep", "agent"):
                heads = [("prep", child)] + [("prep-" + g.dep_, g) for g in child.children
                                             if g.dep_ in PREPOSITION_OBJECTS]
            elif child.dep_ not in FUNCTION_RELATIONS:
                heads = [(child.dep_, child)]
            else:
                continue
            for relation, head in heads:
                start, end = head.left_edge.i, head.right_edge.i + 1
                if end - start >= 2 or relation in SINGLE_WORD_RELATIONS:
                    yield word, relation, start, end
                cut = next((t.i for t in doc[head.i + 1:end] if t.text in CLAUSE_BREAKS), end)
                if start < cut < end and cut - start >= 2:
                    yield word, relation + "-short", start, cut


def candidates(doc: Doc, rules: Sequence[RuleReading]) -> list[Candidate]:
    """Every span the parse or the rules offer, with its features."""
    if not len(doc):
        return []
    layout = Layout.of(doc)
    text = layout.text
    found: list[Candidate] = []
    seen: set[tuple[int, int, int]] = set()
    for index, rule in enumerate(rules):
        found.append(Candidate(rule.cue, "rule-" + rule.kind, rule.span, index, rule.kind,
                               rule.firm))
    for cue, relation, start, end in parse_candidates(doc):
        span = trimmed(text, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        if span.end <= span.start or (cue.i, span.start, span.end) in seen:
            continue
        seen.add((cue.i, span.start, span.end))
        candidate = Candidate(cue, relation, span)
        match = rule_matched(span, rules)
        if match is not None:
            candidate.rule, candidate.rule_kind = match, rules[match].kind
            candidate.firm = rules[match].firm
        found.append(candidate)
    for candidate in found:
        candidate.features = features(doc, candidate, rules, layout)
    add_sibling_features(found)
    return found


def add_sibling_features(found: list[Candidate]) -> None:
    """How a candidate compares with the others hung on the same word: the longest of them
    is usually the whole reported clause, the shortest its core; and whether the rules read
    one of them."""
    by_cue: dict[int, list[Candidate]] = {}
    for candidate in found:
        if candidate.cue is not None and not candidate.relation.startswith("rule-"):
            by_cue.setdefault(candidate.cue.i, []).append(candidate)
    for siblings in by_cue.values():
        lengths = sorted(c.span.end - c.span.start for c in siblings)
        ruled = next((c.rule_kind for c in siblings if c.rule is not None), "none")
        for candidate in siblings:
            length = candidate.span.end - candidate.span.start
            rank = "longest" if length == lengths[-1] else \
                "shortest" if length == lengths[0] else "between"
            candidate.features += [
                "rank|rel=" + rank + "|" + candidate.relation,
                "siblingrule=" + ruled + "|" + str(candidate.rule is not None),
                "siblings=" + length_bucket(len(siblings)),
            ]


def rule_matched(span: Span, rules: Sequence[RuleReading]) -> int | None:
    """The rule reading a parse candidate is another boundary of: the one it matches best
    (Jaccard >= 0.5), never one whose frame it runs into (a misparse joining "…, the ministry
    said" to what was said). A longer clause of the same cue is not one: the rules cut it
    where they did on purpose ("said the border would stay open [and warned …]")."""
    best, found = SAME_SPAN, None
    for i, rule in enumerate(rules):
        if not rule.span.overlaps(span) or any(span.overlaps(f) for f in rule.frame):
            continue
        score = jaccard(span, rule.span)
        if score >= best:
            best, found = score, i
    return found


@dataclass(frozen=True)
class Layout:
    """The text, token offsets, sentence bounds by token and the sentences (by first token)
    with double quote marks, computed once per document: spaCy's `Doc.text` and `Token.sent`
    rebuild them on each call."""
    text: str
    starts: list[int]
    sentence_start: list[int]
    sentence_end: list[int]
    quoting_sentences: frozenset[int]

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        sentence_start, sentence_end = [0] * len(doc), [0] * len(doc)
        quoting = set()
        for sentence in doc.sents:
            for i in range(sentence.start, sentence.end):
                sentence_start[i], sentence_end[i] = sentence.start, sentence.end
            if any(mark in sentence.text for mark in DOUBLE_MARKS):
                quoting.add(sentence.start)
        return cls(doc.text, [token.idx for token in doc], sentence_start, sentence_end,
                   frozenset(quoting))


def features(doc: Doc, candidate: Candidate, rules: Sequence[RuleReading],
             layout: Layout) -> list[str]:
    """What the model knows of a candidate."""
    text, starts = layout.text, layout.starts
    span, relation, cue = candidate.span, candidate.relation, candidate.cue
    first_index = max(bisect.bisect_right(starts, span.start) - 1, 0)
    last_index = max(bisect.bisect_left(starts, span.end) - 1, first_index)
    words = doc[first_index:last_index + 1]
    first, last = words[0], words[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    quotes = sum(1 for c in text[max(span.start - 1, 0):span.end + 1] if c in DOUBLE_MARKS)
    sentences = {layout.sentence_start[w.i] for w in (first, last)}
    found = [
        "bias", "rel=" + relation, "len=" + length_bucket(len(words)),
        "rel|len=" + relation + "|" + length_bucket(len(words)),
        "first=" + first.lower_, "rel|first=" + relation + "|" + first.lower_,
        "firstpos=" + first.pos_ + "|" + first.dep_,
        "last=" + last.lower_, "lastpos=" + last.pos_,
        "before=" + (before.lower_ if before is not None else "^"),
        "after=" + (after.lower_ if after is not None else "$"),
        "rel|before=" + relation + "|" + (before.lower_ if before is not None else "^"),
        "quotes=" + str(min(quotes, 3)), "rel|quotes=" + relation + "|" + str(min(quotes, 3)),
        "sentences=" + str(len(sentences)),
        "wholesent=" + str(first.i == layout.sentence_start[first.i] and
                           last.i + 1 >= layout.sentence_end[last.i] - 1),
        "rule=" + candidate.rule_kind, "rel|rule=" + relation + "|" + candidate.rule_kind,
        *context_features(layout, first, last, relation),
    ]
    if cue is None:
        return [*found, "cue=none"]
    lemma = cue.lemma_.lower()
    lexicon = lexicon_class(lemma)
    side = "before" if span.end <= cue.idx else "after" if span.start > cue.idx else "around"
    cue_holder = holder(cue)
    subject = holder_kind(cue_holder)
    root = next((w for w in words if not first.i <= w.head.i <= last.i or w.head.i == w.i), first)
    negated = any(c.dep_ == "neg" for c in cue.children)
    rule_cue = rules[candidate.rule].cue if candidate.rule is not None else None
    same_cue_rule = rule_cue is not None and rule_cue.i == cue.i
    found += [
        "lemma=" + lemma, "lemma|rel=" + lemma + "|" + relation,
        "lemma|side=" + lemma + "|" + side, "lemma|rel|side=" + lemma + "|" + relation + "|" + side,
        "lemma|first=" + lemma + "|" + first.lower_,
        "lex|rel=" + lexicon + "|" + relation,
        "lex|rel|side=" + lexicon + "|" + relation + "|" + side,
        "lex|rel|rule=" + lexicon + "|" + relation + "|" + candidate.rule_kind,
        "cuepos|rel=" + cue.pos_ + "|" + relation, "cuetag=" + cue.tag_,
        "cuedep|rel=" + cue.dep_ + "|" + relation,
        "headlemma|cuedep=" + cue.head.lemma_.lower() + "|" + cue.dep_,
        "subject=" + subject, "subject|lex=" + subject + "|" + lexicon,
        "lemma|hasholder=" + lemma + "|" + ("none" if subject == "none" else "some"),
        "neg=" + str(negated), "samecue=" + str(same_cue_rule),
        "cueinside=" + str(span.start <= cue.idx < span.end),
        "rootpos|rel=" + root.pos_ + "|" + relation, "lemma|rootpos=" + lemma + "|" + root.pos_,
        "rootdep|cuepos=" + root.dep_ + "|" + cue.pos_,
        "distance=" + length_bucket(abs(cue.i - root.i)),
        "cuepos|subject=" + cue.pos_ + "|" + subject, "lemma|subject=" + lemma + "|" + subject,
        "lemma|before=" + lemma + "|" + (before.lower_ if before is not None else "^"),
        "lemma|rel|rootpos=" + lemma + "|" + relation + "|" + root.pos_,
        "cueword=" + cue.lower_,
        "lemma|object=" + lemma + "|" + next((c.lemma_.lower() for c in cue.children
                                              if c.dep_ == "dobj"), "none"),
        "cueprev=" + (doc[cue.i - 1].lower_ if cue.i else "^"),
        *break_features(doc, root, last, relation),
        *class_features(cue, root, cue_holder, relation, side, subject),
        # Annotators give only the outermost attribution: a cue inside another reading's
        # content is part of what was said.
        "cueinrule=" + next((r.kind for r in rules if r.span.start <= cue.idx < r.span.end and
                             candidate.rule is None), "none"),
    ]
    return found


def classes_of(word: Token) -> tuple[str, ...]:
    return word_classes(word.lemma_, "v" if word.pos_ in ("VERB", "AUX") else "n")


def first_class(word: Token | None) -> str:
    if word is None:
        return "none"
    return next(iter(classes_of(word)), "unknown")


def class_features(cue: Token, root: Token, cue_holder: Token | None, relation: str,
                   side: str, subject: str) -> list[str]:
    """The WordNet classes ("communication", "cognition", "emotion") of the cue, of the
    candidate's head and of the cue's holder: what the model learns of "said" and "believes"
    carries over to cue words the train split never shows."""
    cue_classes = classes_of(cue)
    first = next(iter(cue_classes), "unknown")
    return ["wn|rel=" + first + "|" + relation, "wn|side=" + first + "|" + side,
            "wn|subject=" + first + "|" + subject,
            *("wnany|rel=" + c + "|" + relation for c in cue_classes),
            "wnroot|rel=" + first_class(root) + "|" + relation,
            "wnholder=" + (first_class(cue_holder) if cue_holder is not None and
                           cue_holder.pos_ == "NOUN" else subject) + "|" + first]


def break_features(doc: Doc, root: Token, last: Token, relation: str) -> list[str]:
    """What follows the first comma or dash after a candidate's head: the words a "-short"
    span leaves out, the words a whole one keeps (", which …", ", the DCCC and …", ", he
    said"). Without them the two readings look alike but for their length."""
    after_break = next((t for t in doc[root.i + 1:last.i + 2] if t.text in CLAUSE_BREAKS), None)
    if after_break is None or after_break.i + 1 >= len(doc):
        return ["break=none|" + relation]
    word = doc[after_break.i + 1]
    return ["break|word=" + word.lower_ + "|" + relation,
            "break|dep=" + word.dep_ + "|" + word.pos_ + "|" + relation]


def context_features(layout: Layout, first: Token, last: Token, relation: str) -> list[str]:
    """How much of its sentence a candidate covers, whether that sentence quotes anyone, and
    whether it is the headline or lede."""
    start, end = layout.sentence_start[first.i], layout.sentence_end[last.i]
    covered = (last.i + 1 - first.i) / max(end - start, 1)
    return ["covers|rel=" + str(min(int(covered * 4), 3)) + "|" + relation,
            "sentquoted|rel=" + str(start in layout.quoting_sentences) + "|" + relation,
            "lede|rel=" + str(layout.starts[start] < 300) + "|" + relation]


def hashed(names: Iterable[str]) -> np.ndarray:
    mask = (1 << HASH_BITS) - 1
    return np.fromiter((zlib.crc32(name.encode()) & mask for name in names), dtype=np.int64)


@dataclass(eq=False)  # hashable by identity: it rides in the frozen Options
class AttributionModel:
    weights: np.ndarray
    threshold: float = 0.5  # to add a reading the rules did not make

    def probabilities(self, found: Sequence[Candidate]) -> np.ndarray:
        scores = np.array([self.weights[hashed(c.features)].sum() for c in found])
        return 1.0 / (1.0 + np.exp(-scores))

    def choose(self, found: Sequence[Candidate], taken: Sequence[Span] = ()
               ) -> list[tuple[Candidate, float]]:
        """The most probable candidates first, each unless it shares a character with one
        already chosen or with the `taken` spans: one reading per stretch of text, as
        annotators give it. Firm readings go before all others, each at its most probable
        boundary. Any other reading of the rules needs no threshold, only to be more probable
        than what overlaps it: dropping the rules' readings cost more on our reports than it
        gained on PolNeAR, while letting them all go first kept an inner reading over the
        outer one that holds its cue ("said [the aide was leaving when guards *told* her to
        go]")."""
        probabilities = self.probabilities(found)
        order = np.argsort(-probabilities, kind="stable").tolist()
        chosen: list[tuple[Candidate, float]] = []
        for firm_pass in (True, False):
            for index in order:
                candidate, probability = found[index], float(probabilities[index])
                if candidate.firm != firm_pass or \
                        (candidate.rule is None and probability < self.threshold):
                    continue
                if not any(candidate.span.overlaps(other.span) for other, _ in chosen) and \
                        not any(candidate.span.overlaps(span) for span in taken):
                    chosen.append((candidate, probability))
        return chosen

    def save(self, path: Path) -> None:
        np.savez_compressed(path, weights=self.weights.astype(np.float32),
                            threshold=np.array(self.threshold))

    @classmethod
    def load(cls, path: Path) -> AttributionModel:
        with np.load(path) as stored:
            return cls(stored["weights"].astype(np.float64), float(stored["threshold"]))


@functools.lru_cache(maxsize=4)
def load_model(path: str) -> AttributionModel:
    if path == SHIPPED:
        resource = resources.files("newstrace").joinpath(MODEL_RESOURCE)
        with resources.as_file(resource) as shipped:
            return AttributionModel.load(shipped)
    return AttributionModel.load(Path(path))


def attribution_model(choice: str | AttributionModel | None) -> AttributionModel | None:
    """The model an `Options.attribution_model` setting names (None: the rules alone)."""
    if choice is None or isinstance(choice, AttributionModel):
        return choice
    try:
        return load_model(choice)
    except (OSError, KeyError, ValueError) as error:
        raise ModelMissing(f"attribution model {choice!r} cannot be loaded: {error}") from error


def fit(rows: Sequence[np.ndarray], labels: np.ndarray, epochs: int = 3,
        rate: float = 0.02, l2: float = 1e-6, seed: int = 0) -> np.ndarray:
    """Logistic regression over hashed features by AdaGrad, one candidate at a time; a label
    may be a degree of rightness between 0 and 1."""
    weights = np.zeros(1 << HASH_BITS)
    squares = np.full(1 << HASH_BITS, 1e-8)
    order = np.arange(len(rows))
    generator = np.random.default_rng(seed)
    for _ in range(epochs):
        generator.shuffle(order)
        for index in order.tolist():
            slots = rows[index]
            score = weights[slots].sum()
            gradient = 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0))) - labels[index]
            step = gradient + l2 * weights[slots]
            squares[slots] += step * step
            weights[slots] -= rate * step / np.sqrt(squares[slots])
    return weights
