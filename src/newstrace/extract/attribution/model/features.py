"""What the attribution model knows of a candidate: the cue word, how the span hangs on it,
its edges and length, what the rules thought of it, the WordNet classes of the words involved
and the sentence around it. Feature names are hashed into the shipped weights, so a name
changed here is a feature the shipped model never saw."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LENGTH, LOWER, POS, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from newstrace.annotate import text_of
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
# What `Layout` reads of each token: six strings (by their ids), then numbers and flags.
TOKEN_ATTRIBUTES = [LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE, HEAD, LENGTH, IS_PUNCT, IS_SPACE]


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


def _strings_of(ids: list[int], strings: StringStore) -> list[str]:
    """The strings of a column of ids, each distinct id looked up once."""
    found = {i: strings[i] for i in set(ids)}
    return [found[i] for i in ids]


def holder_kind(layout: Layout, found: int | None) -> str:
    """What kind of word holds a cue: a pronoun, a named entity's type, a noun, none."""
    if found is None:
        return "none"
    if layout.pos[found] == "PRON":
        return "pron-" + layout.lower[found]
    return layout.ent_type[found] or layout.pos[found]


# The bucket of each length up to the first of the last bucket (log2, at most 7), read
# from a table: every candidate asks for three.
LENGTH_BUCKETS = tuple(str(min(int(math.log2(max(n, 1))), 7)) for n in range(129))


def length_bucket(tokens: int) -> str:
    return LENGTH_BUCKETS[min(tokens, 128)]


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
    candidates, each nearly as long. Each token's attributes are read once into lists, by
    token index, from one `Doc.to_array`: spaCy builds a new `Token` object on every access,
    and the candidates and features of a document read them thousands of times."""
    text: str
    starts: list[int]
    ends: list[int]
    sentence_start: list[int]
    sentence_end: list[int]
    quoting_sentences: frozenset[int]
    next_break: list[int]
    marks_before: list[int]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    ent_type: list[str]
    head: list[int]
    children: list[list[int]]  # in order, as `Token.children` gives them
    left_edge: list[int]
    right_edge: list[int]
    is_word: list[bool]  # neither punctuation nor white space
    cue_words: dict[int, CueWord] = field(default_factory=dict)  # filled as cues are read

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        text = text_of(doc)
        sentence_start, sentence_end = [0] * len(doc), [0] * len(doc)
        quoting = set()
        for sentence in doc.sents:
            for i in range(sentence.start, sentence.end):
                sentence_start[i], sentence_end[i] = sentence.start, sentence.end
            if any(mark in text[sentence.start_char:sentence.end_char] for mark in DOUBLE_MARKS):
                quoting.add(sentence.start)
        starts, left_edge, right_edge = [], [], []
        for token in doc:
            starts.append(token.idx)
            left_edge.append(token.left_edge.i)
            right_edge.append(token.right_edge.i)
        columns = doc.to_array(TOKEN_ATTRIBUTES)
        strings = doc.vocab.strings
        lower, lemma, pos, tag, dep, ent_type = (
            _strings_of(columns[:, column].tolist(), strings) for column in range(6))
        # HEAD is the head's place relative to the token's, stored unsigned.
        head = [i + offset for i, offset in enumerate(columns[:, 6].astype(np.int64).tolist())]
        length, punct, space = (columns[:, column].tolist() for column in range(7, 10))
        ends = [start + size for start, size in zip(starts, length, strict=True)]
        children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, parent in enumerate(head):
            if parent != i:
                children[parent].append(i)
        next_break = [len(doc)] * (len(doc) + 1)
        for i in range(len(doc) - 1, -1, -1):
            is_break = text[starts[i]:ends[i]] in CLAUSE_BREAKS
            next_break[i] = i if is_break else next_break[i + 1]
        marks_before = [0, *itertools.accumulate(c in DOUBLE_MARKS for c in text)]
        return cls(text, starts, ends, sentence_start, sentence_end, frozenset(quoting),
                   next_break, marks_before, lower, lemma, pos, tag, dep, ent_type, head,
                   children, left_edge, right_edge,
                   [not (p or s) for p, s in zip(punct, space, strict=True)])

    def cue_word(self, cue: Token) -> CueWord:
        found = self.cue_words.get(cue.i)
        if found is None:
            found = self.cue_words[cue.i] = CueWord.of(self, cue)
        return found


@dataclass(frozen=True)
class CueWord:
    """What the features read of a cue word alone, found once per word: a word is the cue of
    every candidate hanging on it."""
    lemma: str  # lower case
    lexicon: str
    holder: int | None  # the token holding the cue
    subject: str  # what kind of word that is
    negated: bool
    object_lemma: str
    classes: tuple[str, ...]  # WordNet's, most frequent sense first
    holder_class: str

    @classmethod
    def of(cls, layout: Layout, cue: Token) -> CueWord:
        word, dep, children = cue.i, layout.dep, layout.children
        lemma = layout.lemma[word].lower()
        found = holder(cue)
        holder_index = found.i if found is not None else None
        subject = holder_kind(layout, holder_index)
        return cls(
            lemma, lexicon_class(lemma), holder_index, subject,
            any(dep[c] == "neg" for c in children[word]),
            next((layout.lemma[c].lower() for c in children[word] if dep[c] == "dobj"), "none"),
            classes_of(layout, word),
            first_class(layout, holder_index) if holder_index is not None and
            layout.pos[holder_index] == "NOUN" else subject)


def features(candidate: Candidate, rules: Sequence[RuleReading], layout: Layout) -> list[str]:
    """What the model knows of a candidate."""
    text, starts, lower, pos, dep = layout.text, layout.starts, layout.lower, layout.pos, layout.dep
    span, relation, cue, rule_kind = candidate.span, candidate.relation, candidate.cue, \
        candidate.rule_kind
    # The first and last tokens the span touches, by index.
    first = max(bisect.bisect_right(starts, span.start) - 1, 0)
    last = max(bisect.bisect_left(starts, span.end) - 1, first)
    length = length_bucket(last + 1 - first)
    first_word = lower[first]
    before = lower[first - 1] if first > 0 else "^"
    after = lower[last + 1] if last + 1 < len(lower) else "$"
    quotes = min(layout.marks_before[min(span.end + 1, len(text))]
                 - layout.marks_before[max(span.start - 1, 0)], 3)
    sentences = {layout.sentence_start[first], layout.sentence_start[last]}
    whole = first == layout.sentence_start[first] and last + 1 >= layout.sentence_end[last] - 1
    found = [
        "bias", f"rel={relation}", f"len={length}", f"rel|len={relation}|{length}",
        f"first={first_word}", f"rel|first={relation}|{first_word}",
        f"firstpos={pos[first]}|{dep[first]}",
        f"last={lower[last]}", f"lastpos={pos[last]}",
        f"before={before}", f"after={after}", f"rel|before={relation}|{before}",
        f"quotes={quotes}", f"rel|quotes={relation}|{quotes}",
        f"sentences={len(sentences)}", f"wholesent={whole}",
        f"rule={rule_kind}", f"rel|rule={relation}|{rule_kind}",
        *context_features(layout, first, last, relation),
    ]
    if cue is None:
        return [*found, "cue=none"]
    word, head = cue.i, layout.head
    facts = layout.cue_word(cue)
    lemma, lexicon, subject = facts.lemma, facts.lexicon, facts.subject
    cue_start = starts[word]
    side = "before" if span.end <= cue_start else "after" if span.start > cue_start else "around"
    root = next((w for w in range(first, last + 1)
                 if not first <= head[w] <= last or head[w] == w), first)
    root_pos, cue_pos = pos[root], pos[word]
    rule_cue = rules[candidate.rule].cue if candidate.rule is not None else None
    same_cue_rule = rule_cue is not None and rule_cue.i == word
    # Annotators give only the outermost attribution: a cue inside another reading's
    # content is part of what was said.
    in_rule = next((r.kind for r in rules if r.span.start <= cue_start < r.span.end and
                    candidate.rule is None), "none")
    wn = next(iter(facts.classes), "unknown")
    found += [
        f"lemma={lemma}", f"lemma|rel={lemma}|{relation}",
        f"lemma|side={lemma}|{side}", f"lemma|rel|side={lemma}|{relation}|{side}",
        f"lemma|first={lemma}|{first_word}",
        f"lex|rel={lexicon}|{relation}",
        f"lex|rel|side={lexicon}|{relation}|{side}",
        f"lex|rel|rule={lexicon}|{relation}|{rule_kind}",
        f"cuepos|rel={cue_pos}|{relation}", f"cuetag={layout.tag[word]}",
        f"cuedep|rel={dep[word]}|{relation}",
        f"headlemma|cuedep={layout.lemma[head[word]].lower()}|{dep[word]}",
        f"subject={subject}", f"subject|lex={subject}|{lexicon}",
        f"lemma|hasholder={lemma}|{'none' if subject == 'none' else 'some'}",
        f"neg={facts.negated}", f"samecue={same_cue_rule}",
        f"cueinside={span.start <= cue_start < span.end}",
        f"rootpos|rel={root_pos}|{relation}", f"lemma|rootpos={lemma}|{root_pos}",
        f"rootdep|cuepos={dep[root]}|{cue_pos}",
        f"distance={length_bucket(abs(word - root))}",
        f"cuepos|subject={cue_pos}|{subject}", f"lemma|subject={lemma}|{subject}",
        f"lemma|before={lemma}|{before}",
        f"lemma|rel|rootpos={lemma}|{relation}|{root_pos}",
        f"cueword={lower[word]}",
        f"lemma|object={lemma}|{facts.object_lemma}",
        f"cueprev={lower[word - 1] if word else '^'}",
        *break_features(layout, root, last, relation),
        # The WordNet classes ("communication", "cognition", "emotion") of the cue, of the
        # candidate's head and of the cue's holder: what the model learns of "said" and
        # "believes" carries over to cue words the train split never shows.
        f"wn|rel={wn}|{relation}", f"wn|side={wn}|{side}", f"wn|subject={wn}|{subject}",
        *[f"wnany|rel={c}|{relation}" for c in facts.classes],
        f"wnroot|rel={first_class(layout, root)}|{relation}",
        f"wnholder={facts.holder_class}|{wn}",
        f"cueinrule={in_rule}",
    ]
    return found


def classes_of(layout: Layout, word: int) -> tuple[str, ...]:
    return word_classes(layout.lemma[word], "v" if layout.pos[word] in ("VERB", "AUX") else "n")


def first_class(layout: Layout, word: int | None) -> str:
    if word is None:
        return "none"
    return next(iter(classes_of(layout, word)), "unknown")


def break_features(layout: Layout, root: int, last: int, relation: str) -> list[str]:
    """What follows the first comma or dash after a candidate's head: the words a "-short"
    span leaves out, the words a whole one keeps (", which …", ", the DCCC and …", ", he
    said"). Without them the two readings look alike but for their length."""
    after_break = layout.next_break[root + 1]
    if after_break >= min(last + 2, len(layout.lower)) or after_break + 1 >= len(layout.lower):
        return [f"break=none|{relation}"]
    word = after_break + 1
    return [f"break|word={layout.lower[word]}|{relation}",
            f"break|dep={layout.dep[word]}|{layout.pos[word]}|{relation}"]


def context_features(layout: Layout, first: int, last: int, relation: str) -> list[str]:
    """How much of its sentence a candidate covers, whether that sentence quotes anyone, and
    whether it is the headline or lede."""
    start, end = layout.sentence_start[first], layout.sentence_end[last]
    covered = (last + 1 - first) / max(end - start, 1)
    return [f"covers|rel={min(int(covered * 4), 3)}|{relation}",
            f"sentquoted|rel={start in layout.quoting_sentences}|{relation}",
            f"lede|rel={layout.starts[start] < 300}|{relation}"]
