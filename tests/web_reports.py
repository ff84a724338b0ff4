"""Reports of our own for the web UI's tests: the sample reports, and one written to attack
the pages (a script tag, an image whose onerror runs script, a javascript: link) in its
title, its address, its text and a quote."""

from __future__ import annotations

import json
from pathlib import Path

from newstrace.pipeline import ingest
from newstrace.store import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "reports" / "reports.jsonl"
SCRIPT = "<script>window.pwned = 1; alert('script')</script>"
IMAGE = "<img src=x onerror=\"window.pwned = 2; alert('image')\">"
LINK = "<a href=\"javascript:window.pwned = 3\">read more</a>"
HOSTILE = {
    "id": "hostile-1", "title": f"Council notes {SCRIPT}", "outlet": "Harbour Ledger",
    "published": "2025-04-11", "url": "javascript:alert('address')",
    "text": f"Mayor Ilse Brandt of Harbour Bay said: \"{SCRIPT} {IMAGE} will never run on "
            f"our pages.\" {LINK} The harbour council meets again on Monday.\n"
            f"Councillor Piet Aalders said the budget was balanced.",
}

# A report whose id has a slash, a space and a dot: still one address of ours.
ODD_ID = {
    "id": "desk/notes 7.v2", "title": "Harbour council notes", "outlet": "Harbour Ledger",
    "published": "2025-04-12",
    "text": "Mayor Ilse Brandt said the new ferry line would open in June.",
}

# A treaty step a report tells, for the treaty page's evidence.
WITHDRAWAL = {
    "id": "estonia-vote", "title": "Estonia votes to leave the mine ban treaty",
    "outlet": "Harbour Ledger", "published": "2025-05-10",
    "text": "Estonia's parliament voted on 9 May to withdraw from the Ottawa Convention. "
            "The government will notify the United Nations in the coming weeks.",
}
# The vote of the sample report 06 with another tally: the event page flags the conflict.
OTHER_TALLY = {
    "id": "other-tally", "title": "Defence fund bill clears parliament",
    "outlet": "Harbour Ledger", "published": "2025-01-21",
    "text": "Lithuania's parliament on Thursday approved a bill to set up a dedicated defence "
            "fund. The bill passed with 91 votes in favour, 9 against and 5 abstentions.",
}
REPORTS = [HOSTILE, ODD_ID, WITHDRAWAL, OTHER_TALLY]


def build_database(folder: Path, db: str) -> None:
    """Store the sample reports and ours (gathered in a file of ``folder``) in ``db``, a
    path or URL."""
    reports = folder / "reports.jsonl"
    ours = "".join(json.dumps(report) + "\n" for report in REPORTS)
    reports.write_text(EXAMPLES.read_text(encoding="utf-8") + ours, encoding="utf-8")
    report = ingest([str(reports)], Store(db))
    assert not report.problems and len(report.added) == 10, report
