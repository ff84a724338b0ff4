"""Where a sentence ends in plain text, for the passes that read characters rather than the
parse (quote frames, vote tallies, TIMEX anchoring): one pattern and its stated variants."""

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
# Not the full stop of a title, of "No." before a number or of an initial ("J. Smith").
_NOT_ABBREVIATION = "".join(rf"(?<!\b{title})" for title in TITLE_ABBREVIATIONS) + \
    r"(?<!\bNo)(?<!\b[A-Z])"
# What opens a sentence: a capital, an opening quote or a bracket.
_OPENER = r"[A-Z\"“‘„«(]"

# The end of a sentence: a stop followed by space or the end of the text.
SENTENCE_END = re.compile(_NOT_ABBREVIATION + r"[.!?](?=\s|$)")
# That or a line break, for text whose headlines and list items have no stop.
SENTENCE_OR_LINE_END = re.compile(SENTENCE_END.pattern + r"|\n")
# A run of stops before what opens a sentence, for passes where a lower-case word after a
# stop more likely continues the sentence ("the U.S. envoy"). It does not skip titles and
# initials: doing so keeps some reported clauses whole ("... that Mr. Lund has ...") but
# on PolNeAR dev also runs a clause into the next frame and loses its speaker ("..., Ana J.
# Ruiz noted"), so the quote-frame and vote-tally passes keep this reading.
SENTENCE_END_BEFORE_OPENER = re.compile(rf"[.!?]+(?=\s+{_OPENER}|\s*$)")
