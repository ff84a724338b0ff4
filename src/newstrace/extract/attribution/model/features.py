"""What the attribution model knows of a candidate: the cue word, how the span hangs on it,
its edges and length, what the rules thought of it, the WordNet classes of the words involved
and the sentence around it. Feature names are hashed into the shipped weights, so a name
changed here is a feature the shipped model never saw."""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Token

from newstrace.extract.attribution.index import DocumentIndex, Tokens
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
DOUBLE_MARK = re.compile(f"[{DOUBLE_MARKS}]")


def lexicon_class(lemma: str) -> str:
    for name, words in (("speech", SPEECH_LEMMAS), ("np", NP_SPEECH_LEMMAS),
                        ("intent", INTENT_LEMMAS), ("attitude", ATTITUDE_LEMMAS),
                        ("naming", NAMING_LEMMAS), ("noun", SPEECH_NOUNS)):
        if lemma in words:
            return name
    return "other"


def holder_at(tokens: Tokens, cue: int) -> int | None:
    """Whose words, thought or stance a cue word gives: its subject; a noun's possessor ("his
    claim"); or, for a word inside a phrase, the subject of the verb the phrase hangs on
    ("has been [critical] of", "made a [condemnation] of", "persisted in [arguments]"). Read
    from the token table: a feature asks for every candidate's cue word, and a spaCy Token
    is made anew at each word looked at."""
    dep, head = tokens.dep, tokens.head
    # "Mr. Schultz, a passionate [defender] of …", "contributors [intent] on …": the noun the
    # cue describes holds it.
    if dep[cue] in ("appos", "amod") and tokens.pos[head[cue]] in ("NOUN", "PROPN", "PRON"):
        return head[cue]
    word = cue
    for _ in range(HOLDER_MAX_HOPS):
        for child in tokens.spacy_children(word):
            if dep[child] in ("nsubj", "poss"):
                return child
            if dep[child] == "agent":
                return next((c for c in tokens.spacy_children(child) if dep[c] == "pobj"),
                            None)
        if dep[word] not in HOLDER_PATH or head[word] == word:
            return None
        word = head[word]
    return None


def holder_kind(tokens: Tokens, found: int | None) -> str:
    """What kind of word holds a cue: a pronoun, a named entity's type, a noun, none."""
    if found is None:
        return "none"
    if tokens.pos[found] == "PRON":
        return "pron-" + tokens.lower[found]
    return tokens.ent_type[found] or tokens.pos[found]


# The bucket of each length up to the first of the last bucket (log2, at most 7), read
# from a table: every candidate asks for three.
LENGTH_BUCKETS = tuple(str(min(int(math.log2(max(n, 1))), 7)) for n in range(129))


def length_bucket(tokens: int) -> str:
    return LENGTH_BUCKETS[min(tokens, 128)]


# Names of features whose values are few, made once: a name used again is the same string,
# whose hash Python keeps (the model looks every name up).
DISTANCE_NAMES = tuple(f"distance={bucket}" for bucket in LENGTH_BUCKETS)
LENGTH_NAMES = tuple(f"len={bucket}" for bucket in LENGTH_BUCKETS)
QUOTES_NAMES = tuple(f"quotes={count}" for count in range(4))
SENTENCES_NAMES = ("", "sentences=1", "sentences=2")


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
        # The names all the siblings share, made once.
        unruled, ruled_too = "siblingrule=" + ruled + "|False", "siblingrule=" + ruled + "|True"
        count = "siblings=" + length_bucket(len(siblings))
        for candidate in siblings:
            length = candidate.span.end - candidate.span.start
            rank = "longest" if length == lengths[-1] else \
                "shortest" if length == lengths[0] else "between"
            candidate.sibling_features = [
                "rank|rel=" + rank + "|" + candidate.relation,
                unruled if candidate.rule is None else ruled_too,
                count,
            ]


@dataclass(frozen=True)
class Layout:
    """What the features read of a document beyond its tokens' attributes (`Tokens`),
    computed once: the sentences (by first token) with double quote marks, `next_break` (the
    first clause break at or after each token) and where the double quote marks are, which
    answer in a step or two what a scan of each candidate would take: a sentence of many
    thousand words has as many candidates, each nearly as long."""
    text: str
    tokens: Tokens
    quoting_sentences: frozenset[int]
    next_break: list[int]
    marks: list[int]  # the double quote marks' places, in order
    cue_words: dict[int, CueWord] = field(default_factory=dict)  # filled as cues are read
    # The kind of the first rule reading holding each cue word read ("none"): one reading in
    # the rules' order a word, not a pass over the rules for every candidate.
    rules_around: dict[int, str] = field(default_factory=dict)
    # The first WordNet class of each word read as a candidate's head.
    root_classes: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, index: DocumentIndex) -> Layout:
        text, tokens = index.text, index.tokens
        starts, ends = tokens.starts, tokens.ends
        quoting = frozenset(start for start, end in tokens.sentences if any(
            mark in text[starts[start]:ends[end - 1]] for mark in DOUBLE_MARKS))
        next_break = [len(starts)] * (len(starts) + 1)
        # (A break is no cased character: a token's lower case is its text.)
        lower = tokens.lower
        for i in range(len(starts) - 1, -1, -1):
            next_break[i] = i if lower[i] in CLAUSE_BREAKS else next_break[i + 1]
        return cls(text, tokens, quoting, next_break,
                   [mark.start() for mark in DOUBLE_MARK.finditer(text)])

    def marks_between(self, start: int, end: int) -> int:
        """How many double quote marks lie in text[start:end]."""
        return bisect.bisect_left(self.marks, end) - bisect.bisect_left(self.marks, start)

    def rule_around(self, word: int, rules: Sequence[RuleReading]) -> str:
        found = self.rules_around.get(word)
        if found is None:
            start = self.tokens.starts[word]
            found = self.rules_around[word] = next(
                (r.kind for r in rules if r.span.start <= start < r.span.end), "none")
        return found

    def cue_word(self, cue: Token) -> CueWord:
        found = self.cue_words.get(cue.i)
        if found is None:
            found = self.cue_words[cue.i] = CueWord.of(self.tokens, cue)
        return found

    def root_class(self, word: int) -> str:
        found = self.root_classes.get(word)
        if found is None:
            found = self.root_classes[word] = first_class(self.tokens, word)
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
    # The names of the features of the cue word alone (`features` gives them in its order),
    # made once for all the candidates hanging on it.
    names: CueNames

    @classmethod
    def of(cls, tokens: Tokens, cue: Token) -> CueWord:
        word, dep, children = cue.i, tokens.dep, tokens.children
        lemma = tokens.lemma[word].lower()
        holder_index = holder_at(tokens, word)
        subject = holder_kind(tokens, holder_index)
        lexicon = lexicon_class(lemma)
        negated = any(dep[c] == "neg" for c in children[word])
        object_lemma = next((tokens.lemma[c].lower() for c in children[word]
                             if dep[c] == "dobj"), "none")
        classes = classes_of(tokens, word)
        holder_class = first_class(tokens, holder_index) if holder_index is not None and \
            tokens.pos[holder_index] == "NOUN" else subject
        cue_pos, lower = tokens.pos[word], tokens.lower
        wn = next(iter(classes), "unknown")
        names = CueNames(
            f"lemma={lemma}", f"cuetag={tokens.tag[word]}",
            f"headlemma|cuedep={tokens.lemma[tokens.head[word]].lower()}|{dep[word]}",
            f"subject={subject}", f"subject|lex={subject}|{lexicon}",
            f"lemma|hasholder={lemma}|{'none' if subject == 'none' else 'some'}",
            f"neg={negated}",
            f"cuepos|subject={cue_pos}|{subject}", f"lemma|subject={lemma}|{subject}",
            f"cueword={lower[word]}", f"lemma|object={lemma}|{object_lemma}",
            f"cueprev={lower[word - 1] if word else '^'}",
            f"wnholder={holder_class}|{wn}")
        return cls(lemma, lexicon, holder_index, subject, negated, object_lemma, classes,
                   holder_class, names)


class CueNames(NamedTuple):
    """The feature names of a cue word alone, as `features` gives them."""
    lemma: str
    tag: str
    head_lemma: str
    subject: str
    subject_lexicon: str
    has_holder: str
    negated: str
    pos_subject: str
    lemma_subject: str
    word: str
    lemma_object: str
    previous: str
    holder_class: str


def features(candidate: Candidate, rules: Sequence[RuleReading], layout: Layout) -> list[str]:
    """What the model knows of a candidate. (The names of few values are read from tables
    made once, the cue word's own from its `CueWord`: the same names, made fewer times.)"""
    text, tokens = layout.text, layout.tokens
    starts, lower, pos, dep = tokens.starts, tokens.lower, tokens.pos, tokens.dep
    span, relation, cue, rule_kind = candidate.span, candidate.relation, candidate.cue, \
        candidate.rule_kind
    # The first and last tokens the span touches, by index.
    first = max(bisect.bisect_right(starts, span.start) - 1, 0)
    last = max(bisect.bisect_left(starts, span.end) - 1, first)
    size = min(last + 1 - first, 128)
    length = LENGTH_BUCKETS[size]
    first_word = lower[first]
    before = lower[first - 1] if first > 0 else "^"
    after = lower[last + 1] if last + 1 < len(lower) else "$"
    quotes = min(layout.marks_between(max(span.start - 1, 0), min(span.end + 1, len(text))), 3)
    sentence_start, sentence_end = tokens.sentence_start, tokens.sentence_end
    start = sentence_start[first]
    whole = first == start and last + 1 >= sentence_end[last] - 1
    found = [
        "bias", f"rel={relation}", LENGTH_NAMES[size], f"rel|len={relation}|{length}",
        f"first={first_word}", f"rel|first={relation}|{first_word}",
        f"firstpos={pos[first]}|{dep[first]}",
        f"last={lower[last]}", f"lastpos={pos[last]}",
        f"before={before}", f"after={after}", f"rel|before={relation}|{before}",
        QUOTES_NAMES[quotes], f"rel|quotes={relation}|{quotes}",
        SENTENCES_NAMES[1 if start == sentence_start[last] else 2],
        "wholesent=True" if whole else "wholesent=False",
        f"rule={rule_kind}", f"rel|rule={relation}|{rule_kind}",
        # How much of its sentence a candidate covers, whether that sentence quotes anyone,
        # and whether it is the headline or lede.
        f"covers|rel={min(int((last + 1 - first) / max(sentence_end[last] - start, 1) * 4), 3)}"
        f"|{relation}",
        f"sentquoted|rel={start in layout.quoting_sentences}|{relation}",
        f"lede|rel={starts[start] < 300}|{relation}",
    ]
    if cue is None:
        return [*found, "cue=none"]
    word, head = cue.i, tokens.head
    facts = layout.cue_word(cue)
    lemma, lexicon, subject, names = facts.lemma, facts.lexicon, facts.subject, facts.names
    cue_start = starts[word]
    side = "before" if span.end <= cue_start else "after" if span.start > cue_start else "around"
    root = first
    for w in range(first, last + 1):
        if not first <= head[w] <= last or head[w] == w:
            root = w
            break
    root_pos, cue_pos = pos[root], pos[word]
    rule_cue = rules[candidate.rule].cue if candidate.rule is not None else None
    same_cue_rule = rule_cue is not None and rule_cue.i == word
    # Annotators give only the outermost attribution: a cue inside another reading's
    # content is part of what was said.
    in_rule = "none" if candidate.rule is not None else layout.rule_around(word, rules)
    wn = next(iter(facts.classes), "unknown")
    found += [
        names.lemma, f"lemma|rel={lemma}|{relation}",
        f"lemma|side={lemma}|{side}", f"lemma|rel|side={lemma}|{relation}|{side}",
        f"lemma|first={lemma}|{first_word}",
        f"lex|rel={lexicon}|{relation}",
        f"lex|rel|side={lexicon}|{relation}|{side}",
        f"lex|rel|rule={lexicon}|{relation}|{rule_kind}",
        f"cuepos|rel={cue_pos}|{relation}", names.tag,
        f"cuedep|rel={dep[word]}|{relation}",
        names.head_lemma,
        names.subject, names.subject_lexicon,
        names.has_holder,
        names.negated, "samecue=True" if same_cue_rule else "samecue=False",
        "cueinside=True" if span.start <= cue_start < span.end else "cueinside=False",
        f"rootpos|rel={root_pos}|{relation}", f"lemma|rootpos={lemma}|{root_pos}",
        f"rootdep|cuepos={dep[root]}|{cue_pos}",
        DISTANCE_NAMES[min(abs(word - root), 128)],
        names.pos_subject, names.lemma_subject,
        f"lemma|before={lemma}|{before}",
        f"lemma|rel|rootpos={lemma}|{relation}|{root_pos}",
        names.word,
        names.lemma_object,
        names.previous,
        *break_features(layout, root, last, relation),
        # The WordNet classes ("communication", "cognition", "emotion") of the cue, of the
        # candidate's head and of the cue's holder: what the model learns of "said" and
        # "believes" carries over to cue words the train split never shows.
        f"wn|rel={wn}|{relation}", f"wn|side={wn}|{side}", f"wn|subject={wn}|{subject}",
        *[f"wnany|rel={c}|{relation}" for c in facts.classes],
        f"wnroot|rel={layout.root_class(root)}|{relation}",
        names.holder_class,
        f"cueinrule={in_rule}",
    ]
    return found


def classes_of(tokens: Tokens, word: int) -> tuple[str, ...]:
    return word_classes(tokens.lemma[word], "v" if tokens.pos[word] in ("VERB", "AUX") else "n")


def first_class(tokens: Tokens, word: int | None) -> str:
    if word is None:
        return "none"
    return next(iter(classes_of(tokens, word)), "unknown")


def break_features(layout: Layout, root: int, last: int, relation: str) -> list[str]:
    """What follows the first comma or dash after a candidate's head: the words a "-short"
    span leaves out, the words a whole one keeps (", which …", ", the DCCC and …", ", he
    said"). Without them the two readings look alike but for their length."""
    tokens = layout.tokens
    after_break = layout.next_break[root + 1]
    if after_break >= min(last + 2, len(tokens.lower)) or after_break + 1 >= len(tokens.lower):
        return [f"break=none|{relation}"]
    word = after_break + 1
    return [f"break|word={tokens.lower[word]}|{relation}",
            f"break|dep={tokens.dep[word]}|{tokens.pos[word]}|{relation}"]
