"""Words that report speech, shared by the mention, quote and resolution stages."""

from __future__ import annotations

import functools
from importlib import resources

WORD_CLASSES_RESOURCE = "data/lexicon/wordnet_classes.tsv"

SPEECH_LEMMAS = {
    "say", "tell", "state", "announce", "add", "note", "stress", "explain", "write", "warn",
    "call", "describe", "argue", "claim", "insist", "report", "specify", "recall", "summarize",
    "summarise", "emphasize", "emphasise", "declare", "confirm", "deny", "admit", "suggest",
    "reply", "respond", "comment", "remark", "assert", "believe", "think", "accuse", "urge",
    "predict", "acknowledge", "tweet", "post", "reveal", "indicate", "mention", "observe",
    "conclude", "promise", "vow", "pledge", "assure", "underline", "point", "draw", "complain",
    "estimate", "forecast", "allege", "testify", "concede", "caution", "recount", "continue",
    "charge", "rule", "question", "contend", "maintain", "counter", "boast", "joke", "quip",
    "reiterate", "repeat", "characterize", "characterise", "wonder", "speculate", "hint",
    "imply", "disclose", "proclaim", "retort", "lament", "concur",
    "demand", "ask", "recommend", "advise", "reassure", "inform", "notify", "brief", "swear",
}
# Speech acts whose object is what was said ("criticized the decision", "called for talks",
# "talked about jobs", "accused her of lying"), with the prepositions that introduce it; an
# empty tuple means a direct object.
NP_SPEECH_LEMMAS: dict[str, tuple[str, ...]] = {
    "criticize": (), "criticise": (), "praise": (), "endorse": (), "reject": (), "deny": (),
    "cite": (), "echo": (), "condemn": (), "blame": (), "defend": (), "propose": (),
    "demand": (), "dispute": (), "welcome": (), "applaud": (), "slam": (), "dismiss": (),
    "mention": (), "discuss": (), "announce": (), "promise": (), "oppose": (), "support": (),
    "question": (), "attack": (), "advocate": (), "recommend": (), "blast": (), "tout": (),
    "talk": ("about", "of"), "speak": ("about", "of", "on"), "warn": ("about", "of", "against"),
    "complain": ("about", "of"), "call": ("for",), "argue": ("for", "against"),
    "ask": ("for", "about"), "push": ("for",), "accuse": ("of",), "rail": ("against",),
    "testify": ("about", "on"), "comment": ("on",), "insist": ("on",), "seize": ("on",),
    "boast": ("about", "of"), "joke": ("about",), "worry": ("about",), "focus": ("on",),
}
# Nouns of saying that carry what was said in a preposition ("raised questions about X").
SPEECH_NOUNS = {"question", "concern", "doubt", "claim", "allegation", "criticism", "warning",
                "complaint", "fear", "accusation", "charge", "remark", "comment", "statement"}
# Speech lemmas that only count with a complement clause or a quote (not "continue to invest").
WEAK_LEMMAS = {"continue", "point", "draw", "think", "believe", "call", "describe", "post"}
# Verbs whose object and infinitive are the attributed content ("urged allies to act").
INTENT_LEMMAS = {"urge", "promise", "vow", "pledge", "plan", "want", "refuse", "decline", "ask",
                 "agree", "propose", "call", "threaten", "demand", "intend", "hope", "expect"}
# Verbs that give something a name or description: "called the plan “reckless”".
NAMING_LEMMAS = {"call", "describe", "label", "brand", "dub", "term", "characterize",
                 "characterise", "deem", "declare"}
# Beliefs and findings, attributed like speech when they take a clause ("he knows that …").
ATTITUDE_LEMMAS = {"know", "show", "find", "expect", "agree", "hope", "worry", "fear", "learn",
                   "understand", "feel", "realize", "realise", "decide", "assume", "doubt",
                   "suspect", "insist", "acknowledge", "recognize", "recognise", "signal"}


def speech_lemma_of(word: str) -> str | None:
    """The speech lemma of an inflected form, without the tagger: notes -> note."""
    for suffix, replacement in (("", ""), ("s", ""), ("es", ""), ("d", ""), ("ed", ""),
                                ("ies", "y"), ("ied", "y")):
        if word.endswith(suffix) and word[:len(word) - len(suffix)] + replacement in SPEECH_LEMMAS:
            return word[:len(word) - len(suffix)] + replacement
    return None


@functools.cache
def _word_classes() -> dict[tuple[str, str], tuple[str, ...]]:
    table = resources.files("newstrace").joinpath(WORD_CLASSES_RESOURCE)
    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, pos, classes = line.split("\t")
            found[word, pos] = tuple(classes.split(","))
    return found


def word_classes(lemma: str, pos: str) -> tuple[str, ...]:
    """WordNet's classes of a verb ("v") or noun ("n"), most frequent sense first:
    admire -> ("emotion", "perception"); () for a word it does not know."""
    return _word_classes().get((lemma.lower(), pos), ())
