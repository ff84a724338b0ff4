"""What the attribution model knows of a candidate: the cue word, how the span hangs on it,
its edges and length, what the rules thought of it, the WordNet classes of the words involved
and the sentence around it. Feature names are hashed into the shipped weights, so a name
changed here is a feature the shipped model never saw."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from newstrace.extract.attribution.quotemarks import DOUBLE_MARKS
from newstrace.extract.lexicon import (
    ATTITUDE_LEMMAS,
    INTENT_LEMMAS,
    NAMING_LEMMAS,
    NP_SPEECH_LEMMAS,
    SPEECH_LEMMAS,
    SPEECH_NOUNS,
    word_classes,
)

if TYPE_CHECKING:  # the candidates module builds candidates with these features
    from newstrace.extract.attribution.model.candidates import Candidate, RuleReading

# Where a subtree's core ends and its appositive or afterthought begins.
CLAUSE_BREAKS = {",", "\u2014", "\u2013", "(", ";", "--"}
# How a cue word may hang below the verb whose subject holds it, and how far up to look.
HOLDER_PATH = {"acomp", "dobj", "attr", "pobj", "prep", "xcomp", "oprd", "advcl", "conj",
               "pcomp", "amod", "ccomp", "acl"}
HOLDER_MAX_HOPS = 4


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


@dataclass(frozen=True)
class Layout:
    """The text, token offsets, sentence bounds by token and the sentences (by first token)
    with double quote marks, computed once per document: spaCy's `Doc.text` and `Token.sent`
    rebuild them on each call. `next_break` (the first clause break at or after each token)
    and `marks_before` (double quote marks before each character) answer in one step what a
    scan of each candidate would take: a sentence of many thousand words has as many
    candidates, each nearly as long."""
    text: str
    starts: list[int]
    sentence_start: list[int]
    sentence_end: list[int]
    quoting_sentences: frozenset[int]
    next_break: list[int]
    marks_before: list[int]

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        sentence_start, sentence_end = [0] * len(doc), [0] * len(doc)
        quoting = set()
        for sentence in doc.sents:
            for i in range(sentence.start, sentence.end):
                sentence_start[i], sentence_end[i] = sentence.start, sentence.end
            if any(mark in sentence.text for mark in DOUBLE_MARKS):
                quoting.add(sentence.start)
        next_break = [len(doc)] * (len(doc) + 1)
        for token in reversed(doc):
            is_break = token.text in CLAUSE_BREAKS
            next_break[token.i] = token.i if is_break else next_break[token.i + 1]
        text = doc.text
        marks_before = [0, *itertools.accumulate(c in DOUBLE_MARKS for c in text)]
        return cls(text, [token.idx for token in doc], sentence_start, sentence_end,
                   frozenset(quoting), next_break, marks_before)


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
    quotes = (layout.marks_before[min(span.end + 1, len(text))]
              - layout.marks_before[max(span.start - 1, 0)])
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
        *break_features(doc, layout, root, last, relation),
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


def break_features(doc: Doc, layout: Layout, root: Token, last: Token,
                   relation: str) -> list[str]:
    """What follows the first comma or dash after a candidate's head: the words a "-short"
    span leaves out, the words a whole one keeps (", which …", ", the DCCC and …", ", he
    said"). Without them the two readings look alike but for their length."""
    after_break = layout.next_break[root.i + 1]
    if after_break >= min(last.i + 2, len(doc)) or after_break + 1 >= len(doc):
        return ["break=none|" + relation]
    word = doc[after_break + 1]
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

