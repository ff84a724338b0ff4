"""Words that report speech, shared by the mention, quote and resolution stages."""

SPEECH_LEMMAS = {
    "say", "tell", "state", "announce", "add", "note", "stress", "explain", "write", "warn",
    "call", "describe", "argue", "claim", "insist", "report", "specify", "recall", "summarize",
    "summarise", "emphasize", "emphasise", "declare", "confirm", "deny", "admit", "suggest",
    "reply", "respond", "comment", "remark", "assert", "believe", "think", "accuse", "urge",
    "predict", "acknowledge", "tweet", "post", "reveal", "indicate", "mention", "observe",
    "conclude", "promise", "vow", "pledge", "assure", "underline", "point", "draw", "complain",
    "estimate", "forecast", "allege", "testify", "concede", "caution", "recount", "continue",
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
