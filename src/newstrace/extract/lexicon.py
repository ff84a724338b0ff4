"""Words that report speech, shared by the mention, quote and resolution stages."""

from __future__ import annotations

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
# Speech acts whose object noun phrase is what was said ("criticized the decision",
# "called for talks", "talked about jobs"), with the preposition that introduces it, if any.
NP_SPEECH_LEMMAS = {
    "criticize": None, "criticise": None, "praise": None, "endorse": None, "reject": None,
    "deny": None, "cite": None, "echo": None, "condemn": None, "blame": None, "defend": None,
    "propose": None, "demand": None, "dispute": None, "welcome": None, "applaud": None,
    "slam": None, "dismiss": None, "mention": None, "discuss": None, "announce": None,
    "promise": None, "oppose": None, "support": None, "question": None, "attack": None,
    "talk": "about", "speak": "about", "warn": "about", "complain": "about", "call": "for",
    "argue": "for", "ask": "for", "push": "for", "advocate": None, "recommend": None,
}
# Speech lemmas that only count with a complement clause or a quote (not "continue to invest").
WEAK_LEMMAS = {"continue", "point", "draw", "think", "believe", "call", "describe", "post"}


def speech_lemma_of(word: str) -> str | None:
    """The speech lemma of an inflected form, without the tagger: notes -> note."""
    for suffix, replacement in (("", ""), ("s", ""), ("es", ""), ("d", ""), ("ed", ""),
                                ("ies", "y"), ("ied", "y")):
        if word.endswith(suffix) and word[:len(word) - len(suffix)] + replacement in SPEECH_LEMMAS:
            return word[:len(word) - len(suffix)] + replacement
    return None
