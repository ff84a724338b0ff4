"""Treaty status as derived knowledge: who is party to a treaty on a given day, and why.

Two sources are combined. The gazetteer's treaty entry gives the treaty's rules (how long a
withdrawal takes to take effect: ``withdrawal_takes_effect`` as a TIMEX duration such as
P6M) and, where known, its parties with their dates. The stored events give what the
reports say states did: signatures, ratifications, accessions, withdrawals, and
parliamentary votes to withdraw. Every status row lists the reports it rests on.

A withdrawal starts on the day it is notified or decided and takes effect after the
treaty's period: between the two the state is "withdrawing", after it "withdrawn". A
report that a withdrawal is already complete ("has officially withdrawn", "took effect")
dates its effect directly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from newstrace.config import Options
from newstrace.errors import NewstraceError
from newstrace.extract.timexes.values import Duration, TimexValue
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import stable_id
from newstrace.resolve.names import fold
from newstrace.store import Store

STATUSES = ("party", "signatory", "withdrawing", "withdrawn", "not party")
TREATY_EVENTS = {"treaty_withdrawal", "treaty_ratification", "treaty_accession",
                 "treaty_signature", "treaty_vote"}
# Only what a report states as done counts; plans, denials and conditionals do not.
COUNTED_STATUSES = {"happened", "background"}
# Wording that says a withdrawal is complete rather than begun.
COMPLETED = re.compile(
    r"\b(took effect|takes effect|came into force|has (?:officially |formally |now )?"
    r"(?:withdrawn|left|quit|exited)|final withdrawal|formally left|officially left|"
    r"ceased to be)\b", re.IGNORECASE)


class TreatyNotFound(NewstraceError):
    """The treaty name matches no gazetteer entry and no stored treaty."""

    code = "NT005"


@dataclass
class _State:
    name: str
    baseline: str = "not party"
    # (day the status starts, status, TIMEX value as reported or recorded)
    changes: list[tuple[date, str, str]] = field(default_factory=list)
    reports: list[dict[str, str]] = field(default_factory=list)
    # (day, TIMEX value, whether it is a notification rather than a vote)
    withdrawal_starts: list[tuple[date, str, bool]] = field(default_factory=list)
    withdrawal_done: list[tuple[date, str]] = field(default_factory=list)


def first_day(value: str | None) -> date | None:
    """The first day a TIMEX calendar value (2025, 2025-03, 2025-03-06 ...) can mean."""
    period = TimexValue.parse(value) if value else None
    return period.first_day() if period else None


def add_duration(day: date, duration: str) -> date | None:
    """``day`` plus a TIMEX duration (P6M, P1Y, P90D, P2W); a month's end is kept as the
    shorter month's last day."""
    length = Duration.parse(duration or "")
    later = TimexValue.of_day(day) + length if length else None
    return later.first_day() if later else None


def find_treaty(gazetteer: Gazetteer, name: str) -> Entry:
    entry = gazetteer.lookup(name, ("TREATY",))
    if entry is not None:
        return entry
    key = fold(name)
    for candidate in gazetteer.entries.values():
        if candidate.type == "TREATY" and any(fold(f) == key for f in candidate.surface_forms()):
            return candidate
    raise TreatyNotFound(f"no treaty called {name!r} in the gazetteer")


def _countries(gazetteer: Gazetteer) -> dict[str, Entry]:
    return {e.identifiers["iso3166"]: e for e in gazetteer.entries.values()
            if e.type == "GPE" and e.identifiers.get("iso3166") and e.kind in (None, "country")}


def _state_of(info: dict[str, Any] | None, gazetteer: Gazetteer,
              countries: dict[str, Entry]) -> str | None:
    """The ISO code of the state an actor is or belongs to (a parliament's country)."""
    if not info:
        return None
    identifiers = info.get("identifiers") or {}
    if identifiers.get("iso3166"):
        return str(identifiers["iso3166"])
    entry = gazetteer.entries.get(info.get("known_as") or "")
    if entry is None:
        return None
    if entry.identifiers.get("iso3166"):
        return entry.identifiers["iso3166"]
    return entry.country if entry.country in countries else None


def _baseline(states: dict[str, _State], treaty: Entry, countries: dict[str, Entry]) -> None:
    def state(code: str) -> _State:
        name = countries[code].name if code in countries else code
        return states.setdefault(code, _State(name))

    for code in treaty.parties_include:
        state(code).baseline = "party"
    for code in treaty.non_parties_include:
        state(code).baseline = "not party"
    for code, dates in treaty.parties.items():
        item = state(code)
        item.baseline = "not party"
        for what, status in (("signed", "signatory"), ("ratified", "party"),
                             ("acceded", "party"), ("withdrawal_effective", "withdrawn")):
            day = first_day(dates.get(what))
            if day is not None:
                item.changes.append((day, status, dates[what]))
        for what, by_notice in (("withdrawal_notified", True),
                                ("withdrawal_approved_by_parliament", False)):
            day = first_day(dates.get(what))
            if day is not None:
                item.withdrawal_starts.append((day, dates[what], by_notice))


def _read_reports(store: Store, treaty_ids: set[str], states: dict[str, _State],
                  gazetteer: Gazetteer, countries: dict[str, Entry]) -> None:
    info = store.entity_rows()
    for analysis in store.analyses():
        text = analysis.document.text
        for event in analysis.events:
            if event.type not in TREATY_EVENTS or event.args.get("target") not in treaty_ids:
                continue
            if event.status not in COUNTED_STATUSES:
                continue
            if event.type == "treaty_vote" and event.motion != "treaty_withdrawal":
                continue
            code = _state_of(info.get(str(event.args.get("actor"))), gazetteer, countries)
            if code is None:
                continue
            item = states.setdefault(
                code, _State(countries[code].name if code in countries else code))
            evidence = event.evidence.text(text)
            item.reports.append({"document": analysis.document.id, "evidence": evidence,
                                 "event": event.type, "date": event.date or ""})
            day = first_day(event.date)
            if day is None:
                continue
            if event.type == "treaty_signature":
                item.changes.append((day, "signatory", event.date or ""))
            elif event.type in ("treaty_ratification", "treaty_accession"):
                item.changes.append((day, "party", event.date or ""))
            elif event.type == "treaty_vote":
                item.withdrawal_starts.append((day, event.date or "", False))
            elif COMPLETED.search(evidence):
                item.withdrawal_done.append((day, event.date or ""))
            else:
                item.withdrawal_starts.append((day, event.date or "", True))


def _timeline(item: _State, rules: dict[str, Any]) -> list[tuple[date, str, str]]:
    changes = list(item.changes)
    period = str(rules.get("withdrawal_takes_effect") or "")
    # A notification starts the period; a parliament's vote only when nothing else is known.
    # The withdrawal is under way from the first report of it (a vote, a notification);
    # the treaty's period runs from the notification when one is known.
    # "in July last year" and "on 18 July" tell the same day: the coarser value yields.
    starts = [s for s in item.withdrawal_starts if not any(
        o[1] != s[1] and o[1].startswith(s[1]) for o in item.withdrawal_starts)]
    start = min(starts) if starts else None
    notified = [s for s in starts if s[2]]
    done = min(item.withdrawal_done) if item.withdrawal_done else None
    recorded = [c for c in changes if c[1] == "withdrawn"]
    if start is not None:
        changes.append((start[0], "withdrawing", start[1]))
        runs_from = min(notified) if notified else start
        effect = add_duration(runs_from[0], period) if period else None
        if effect is not None and not recorded and done is None:
            changes.append((effect, "withdrawn", effect.isoformat()))
    if done is not None and not recorded:
        changes.append((done[0], "withdrawn", done[1]))
    if (start is not None or done is not None or recorded) and item.baseline == "not party" \
            and not any(c[1] == "party" for c in changes):
        item.baseline = "party"  # only a party can withdraw
    order = {status: n for n, status in enumerate(STATUSES)}
    return sorted(changes, key=lambda c: (c[0], order[c[1]]))


def treaty_status(
    store: Store, treaty: str, on: date, options: Options | None = None
) -> list[dict[str, Any]]:
    """One row per state known to the gazetteer or the reports for ``treaty``:
    {"state", "status", "since" (ISO date or null), "reports": [{"document", "evidence"}]}.
    The gazetteer is the one the pipeline reads: shipped, plus the options' and
    $NEWSTRACE_GAZETTEER's files.
    """
    gazetteer = load_gazetteer(tuple((options or Options()).gazetteer_files))
    entry = find_treaty(gazetteer, treaty)
    countries = _countries(gazetteer)
    states: dict[str, _State] = {}
    _baseline(states, entry, countries)
    treaty_ids = {stable_id("ent", entry.key)} | {
        entity_id for entity_id, info in store.entity_rows().items()
        if info.get("known_as") == entry.key
    }
    _read_reports(store, treaty_ids, states, gazetteer, countries)
    rows = []
    for item in states.values():
        timeline = _timeline(item, entry.rules)  # may settle the baseline (a withdrawer was party)
        status, since = item.baseline, None
        for day, new_status, value in timeline:
            if day <= on:
                status, since = new_status, value
        rows.append({
            "state": item.name, "status": status, "since": since,
            "reports": [{"document": r["document"], "evidence": r["evidence"]}
                        for r in item.reports],
        })
    order = {status: n for n, status in enumerate(STATUSES)}
    return sorted(rows, key=lambda r: (not r["reports"], order[r["status"]], r["state"]))
