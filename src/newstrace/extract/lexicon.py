"""Words that report speech, belief and relay, and the pronouns that stand for who spoke or
acted: the one lexicon the mention, attribution, event and resolution stages read, frame
patterns included (built from it with `forms_pattern`)."""

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

# The narrow core of SPEECH_LEMMAS under which events count a clause as reported ("said it
# would buy"); the whole list would also make warnings, promises and beliefs reports.
REPORT_LEMMAS = {"say", "announce", "state", "tell", "confirm", "add", "report", "write"}
# Speech verbs that frame an outlet or speaker after the words: ", DPA reported", ", BTA notes";
# outlets also close with what they quoted or cited.
CLOSING_FRAME_LEMMAS = {"report", "say", "note", "add", "write", "explain", "specify", "recall",
                        "inform", "announce", "state", "quote", "cite"}
# The few that signal a frame inside what reads as one quote: ", he added", ", said Ed Harlan".
INSIDE_FRAME_LEMMAS = {"say", "add", "tell"}
# Verbs whose passive names the outlet that relayed words: "quoted by DPA", "carried on AFP".
RELAY_LEMMAS = {"quote", "cite", "distribute", "carry", "relay", "report"}
# Passive reports whose source is not named ("it was reported that", "is expected to").
UNSOURCED_LEMMAS = {"report", "say", "expect", "accuse", "believe", "allege", "rumor", "rumour",
                    "think", "know", "consider", "claim", "estimate", "announce", "tell",
                    "criticize", "criticise", "understand", "predict", "suspect", "quote"}
# Words that present what they govern as a claim rather than a fact ("alleged that troops had
# crossed", "reportedly signed").
CLAIM_WORDS = {"claim", "allege", "accuse", "assert", "allegation", "report", "rumour", "rumor"}
CLAIM_ADVERBS = {"reportedly", "allegedly", "purportedly", "supposedly"}
# Verbs that pass a judgement on what was just reported ("called the move reckless").
EVALUATING_LEMMAS = {"call", "describe", "brand", "label", "term", "say", "warn", "deem",
                     "consider", "note", "argue"}
# Nouns whose "that" clause is what their holder thinks ("is of the opinion that", "takes the
# view that"), and one whose clause a speech verb presents as a claim ("points to the fact that").
BELIEF_NOUNS = {"opinion", "view", "belief", "conviction"}
FACT_NOUNS = {"fact"}

# What finds or counts, cited for what it found: "in the latest poll, X leads by five points".
FINDING_NOUNS = {"poll", "polling", "survey", "study", "analysis", "estimate", "census",
                 "tally", "ranking", "report"}

# Bodies that speak for whoever they belong to ("his office said", "the ministry's press
# service reported"), and the press bodies among them, which need "press" before them
# (a ministry's "security service" is an agency of its own).
OFFICE_NOUNS = {"office", "secretariat", "chancellery", "administration"}
PRESS_NOUNS = {"service", "office", "centre", "center", "department", "bureau", "team"}
# What "citing" names when it names the outlets the words came from ("citing Lithuanian
# media"), not what was said. Not "sources", "officials" or "reports": PolNeAR counts a
# report "citing an unnamed source" and "cited reports that …" as attributions.
SOURCE_NOUNS = {"media", "medium", "outlet", "newspaper", "broadcaster", "website"}
# A court filing's words are its filer's ("Ms Lee's legal action accuses him of …"), who
# filed, brought or sought it, not who faces it.
FILING_NOUNS = {"lawsuit", "suit", "action", "complaint", "petition", "filing"}
FILING_VERBS = {"file", "bring", "launch", "lodge", "submit", "seek", "issue"}
# Documents whose words are their issuer's: "the statement reads", "the communique said".
DOCUMENT_NOUNS = {"statement", "communique", "communiqué", "declaration", "release", "letter",
                  "announcement", "message", "post", "report", "memo", "email", "e-mail",
                  "study", "survey", "book", "novel"} | FILING_NOUNS

# Pronouns. Subjects that can be a speaker ("he said").
SUBJECT_PRONOUNS = {"he", "she", "they", "it", "we", "i"}
# Third-person subjects, which can stand for an entity the report named ("Norway said it would").
THIRD_PERSON_SUBJECTS = SUBJECT_PRONOUNS - {"we", "i"}
# A speaker's own forms, inside the words quoted from them ("we met", "my decision").
FIRST_PERSON_PRONOUNS = {"i", "me", "my", "mine", "we", "us", "our", "ours"}
RELATIVE_PRONOUNS = {"who", "which", "that"}
# The subject form of an object or possessive pronoun: "according to him" stands for the one
# "he" would, "his office" belongs to him, "its press service" to it.
SUBJECT_FORM = {"him": "he", "his": "he", "her": "she", "hers": "she", "them": "they",
                "their": "they", "its": "it", "me": "i", "my": "i", "us": "we", "our": "we"}
# Determiners of a description that points back to something named ("the minister", "its chief");
# the definite ones also name a known event ("the announced investment").
DEFINITE_DETERMINERS = {"the", "this", "that"}
ANAPHOR_DETERMINERS = DEFINITE_DETERMINERS | {"her", "his", "its", "their", "our"}

_IRREGULAR_PAST = {"say": "said", "tell": "told", "write": "wrote"}


def past_tense(lemma: str) -> str:
    """note -> noted, specify -> specified, relay -> relayed, say -> said. For the verbs listed
    here the past tense is also the passive participle ("quoted by")."""
    if lemma in _IRREGULAR_PAST:
        return _IRREGULAR_PAST[lemma]
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def third_person(lemma: str) -> str:
    """note -> notes, specify -> specifies, say -> says."""
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ies"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma + "es"
    return lemma + "s"


def forms_pattern(lemmas: set[str], *, present: bool = True) -> str:
    """A regex alternation of the lemmas' past (and, with `present`, third-person) forms, for
    frame patterns built from this lexicon rather than spelled out again."""
    forms = {past_tense(lemma) for lemma in lemmas}
    if present:
        forms |= {third_person(lemma) for lemma in lemmas}
    return "(?:" + "|".join(sorted(forms, key=lambda f: (-len(f), f))) + ")"


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
