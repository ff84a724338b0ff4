"""The publication date a report states in its own text, for an input that came without one.

Only a stamp is taken: a line that says it gives the publication date ("Published: 5 March
2025", "First published on March 5, 2025 at 10:32 | Updated 11:05"). A date in a sentence
is the date of what the sentence reports, and a dateline's "March 5" has no year, so neither
becomes the publication date. Stamps that disagree (a compilation of reports from several
days) give none.
"""

from __future__ import annotations

import re
from datetime import date

from newstrace.extract.timexes.patterns import DAY, MONTH, WEEKDAY, YEAR, month_number
from newstrace.extract.timexes.values import safe_date

PUBLISHED_STAMP = re.compile(
    r"^[ \t]*(?i:(?:first\s+)?(?:published|posted)(?:\s+on)?)\s*:?\s*"
    rf"(?:{WEEKDAY},?\s+)?"
    rf"(?:(?P<day>{DAY})\s+(?P<month>{MONTH}),?\s+(?P<year>{YEAR})"
    rf"|(?P<month2>{MONTH})\s+(?P<day2>{DAY}),?\s+(?P<year2>{YEAR})"
    r"|(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<dotted>\d{1,2}\.\d{1,2}\.\d{4}))"  # day first: no one writes month.day.year
    # what may follow on the stamp's line: a time, a zone, an "Updated …" stamp
    r"(?P<rest>[^\n]{0,60})$",
    re.MULTILINE,
)
# A stamp's tail holds no sentence: "… 2025, when the talks began." is a report's words.
SENTENCE_TAIL = re.compile(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}")


def stated_publication_date(text: str) -> date | None:
    """The date the text's publication stamps agree on, or None."""
    found = {stamp_date(m) for m in PUBLISHED_STAMP.finditer(text)
             if not SENTENCE_TAIL.search(m.group("rest"))}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def stamp_date(match: re.Match[str]) -> date | None:
    if match.group("iso"):
        year, month, day = (int(part) for part in match.group("iso").split("-"))
    elif match.group("dotted"):
        day, month, year = (int(part) for part in match.group("dotted").split("."))
    elif match.group("day"):
        day, month, year = (int(re.sub(r"\D", "", match.group("day"))),
                            month_number(match.group("month")), int(match.group("year")))
    else:
        day, month, year = (int(re.sub(r"\D", "", match.group("day2"))),
                            month_number(match.group("month2")), int(match.group("year2")))
    return safe_date(year, month, day)
