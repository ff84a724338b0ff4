"""Where a sentence ends in plain text, for the passes that read characters rather than the
parse (quotes and their frames, vote tallies, TIMEX anchoring): one pattern and its stated
variants, with the titles whose full stop ends no sentence."""

from __future__ import annotations

import re

# Titles written with a full stop before a name ("said Sgt. Ana Ruiz"). spaCy's tokenizer knows
# Mr., Sen., Gov. and a few more; without these it ends the sentence at the full stop and the
# speaker falls into the next one.
TITLE_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "St", "Jr", "Sr",
    "Prof", "Rev", "Del", "Capt", "Maj", "Adm", "Amb", "Supt", "Atty", "Fr", "Cmdr", "Insp",
    "Cpl", "Pvt", "Det", "Brig", "Msgr", "Pres", "Hon", "Asst", "Dep", "Cong",
)
# Not the full stop of a title, of "No." before a number or of an initial ("J. Smith"). Its
# lookbehinds are tried only where a stop stands: tried at every character of a scan, they
# made one some thirty times slower.
_NOT_ABBREVIATION = r"(?=[.!?])" + "".join(rf"(?<!\b{title})" for title in TITLE_ABBREVIATIONS) \
    + r"(?<!\bNo)(?<!\b[A-Z])"
# What opens a sentence: a capital, an opening quote or a bracket.
_OPENER = r"[A-Z\"“„«‘(]"
# The same without a single quote or a bracket, for the that-clause frame: ending its clause
# before "(" let a weaker reading of the same words through (one PolNeAR train quote).
_CAPITAL_OR_DOUBLE_QUOTE = r"[A-Z\"“„«]"

# The end of a sentence: a stop followed by space or the end of the text.
SENTENCE_END = re.compile(_NOT_ABBREVIATION + r"[.!?](?=\s|$)")
# The same with the stops, closing quote marks and space after it, whatever follows: a post's
# sentences ("… about... looks like", "… #tags") start in any case.
SENTENCE_END_AND_SPACE = re.compile(_NOT_ABBREVIATION + r"[.!?…]+['\"”’»]*\s+")

# Two readings that do not skip titles and initials, kept for the passes built on them:
# skipping titles there changed what PolNeAR finds without a measure saying it is better.
# A stop followed by space, or a line break (headlines and list items have no stop), for
# TIMEX anchoring: skipping titles lengthened the sentences whose tense anchors a weekday and
# moved eleven of PolNeAR train's 840 reports' TIMEX values.
STOP_OR_LINE_END = re.compile(r"[.!?](?=\s)|\n")
# A run of stops before what opens a sentence, for passes where a lower-case word after a
# stop more likely continues the sentence ("the U.S. envoy"): vote tallies, and (before a
# capital or double quote only) the that-clause frame. Skipping titles there kept some
# reported clauses whole ("... that Mr. Lund has ...") but on PolNeAR dev also ran a clause
# into the next frame and lost its speaker ("..., Ana J. Ruiz noted").
STOP_BEFORE_OPENER = re.compile(rf"[.!?]+(?=\s+{_OPENER}|\s*$)")
STOP_BEFORE_CAPITAL = re.compile(rf"[.!?]+(?=\s+{_CAPITAL_OR_DOUBLE_QUOTE}|\s*$)")

# A sentence's end as a reader sees it, its closing quote mark included, before a capital or a
# double quote: for showing the sentence a quote or an event was read from.
SENTENCE_BREAK = re.compile(
    _NOT_ABBREVIATION + rf"(?P<stop>[.!?][”“\"»’]?)\s+(?={_CAPITAL_OR_DOUBLE_QUOTE})")

# A post pasted from a social network with its signature, as a page keeps an embedded tweet
# ("... pic.twitter.com/x1 — Ann Lee (@annlee) November 9, 2016"): a dash, the author's name,
# the account's handle in brackets and the day. The signature ends the post, and the text
# after it is the report's again. Pages cut the year short now and then ("November 9, 201").
POST_SIGNATURE = re.compile(
    r"(?:--|[—–―])[ \t]*(?P<name>[^\s()—–―-](?:(?!--)[^()\n—–―]){0,60}?)[ \t]*"
    r"\(@(?P<handle>\w{1,15})\)"
    r"[ \t]*(?P<day>(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{1,2}, \d{2,4})\b")
