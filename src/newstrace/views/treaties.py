"""Treaty status derived, never looked up: who is party to a treaty on a given day, and why.

Two kinds of knowledge are kept apart. The reference data (the gazetteer's treaty rules and
membership as of a stated cut-off, each with its sources) gives signature, consent and entry
into force up to the cut-off; a state a complete depositary list leaves out is "not party",
one an incomplete list leaves out is "unknown". Everything later comes from stored reports,
as steps in the law's order, each with the document and the sentence that states it:

- a decision by a government or parliament: the state stays a party, the decision is pending;
- a notification deposited: withdrawing from that day; the treaty's period runs from it;
- the effect: on the date a report states, else notification + period (a disagreement
  between the two is a conflict); withdrawn from then;
- signature, ratification or accession, and entry into force by the treaty's rule; a
  notice of succession, whose reach back to the succession no deposit dates, binds from
  the notice at the latest.

Only what a report states as done counts: negated, hypothetical, planned and claimed events
never change a status, except that a planned effect ("will take effect on 16 December") is
the date a report states for the effect of a notification, checked against the rule's. The
step of a withdrawal is the one the events extractor read (`Event.step`); a withdrawal
told without its step is only "reported". A ratification or accession the extractor reads
as a decision (a parliament's vote or approval) is pending until the consent is deposited.

A state can leave and come back: a signature, consent or decision to join dated after a
withdrawal took effect starts a new membership, settled on its own, and the history shows
both. A treaty whose withdrawal clause defers the effect while the state is engaged in an
armed conflict (``rules.armed_conflict_article``: the CCM and Ottawa Convention art. 20(3),
the TPNW art. 17(3)) is read thus: a stored report of fighting involving the state (an event
PLOVER calls FIGHT) dated within the withdrawal period keeps it withdrawing after the day the
rule gives, with the clause as the pending step, until a report says the withdrawal took
effect; without such a report the rule's effect stands, with the clause as the row's caveat,
since nothing stored says whether the state was at war that day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import or_, select

from newstrace.config import Options
from newstrace.errors import NewstraceError
from newstrace.extract.timexes.values import Duration, TimexValue
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.gazetteer.reference import Entry, Gazetteer
from newstrace.models import Event, Span, stable_id
from newstrace.resolve.names import fold
from newstrace.store import Store
from newstrace.store.connections import reading_connection
from newstrace.store.counts import argument_strings
from newstrace.store.reading import MAX_IN, event_rows, texts
from newstrace.store.schema import entities, events, value_counts
from newstrace.views.quotes import sentence_around

STATUSES = ("party", "signatory", "withdrawing", "withdrawn", "not party", "unknown")
# The order of steps on one day: a signature before the consent, a notification before
# the effect.
STEP_ORDER = ("signature", "consent", "in force", "reported", "decision", "notification",
              "effect", "deferred")
JOINING = ("signature", "consent", "in force")  # steps towards membership
FIGHTING = "FIGHT"  # PLOVER's category for armed conflict (conventional military force)
FIGHTERS = ("actor", "target", "co_actors")  # the roles of those engaged in it
COUNTED_STATUSES = {"happened", "background"}
CONSENT_EVENTS = {"treaty_ratification": "ratification", "treaty_accession": "accession"}
ACTIONS = {"treaty_signature": "signature", "treaty_withdrawal": "withdrawal", **CONSENT_EVENTS}


class TreatyNotFound(NewstraceError):
    """The treaty name matches no gazetteer entry."""

    code = "NT009"


@dataclass(frozen=True)
class Step:
    day: date  # for ordering; an undated report's step sits on its publication day
    value: str | None  # the date as given (a TIMEX value); None when no report dates it
    kind: str  # one of STEP_ORDER
    basis: str  # "reference" or "reports"
    what: str = ""  # ratification, accession ... for the pending text
    document: str | None = None
    sentence: str | None = None
    planned: bool = False  # an effect a report announces: counts only after a notification

    def joins(self) -> bool:
        """Whether the step is towards membership (a decision to ratify or accede, too)."""
        return self.kind in JOINING or (self.kind == "decision" and self.what != "withdrawal")


def first_day(value: str | None) -> date | None:
    """The first day a TIMEX calendar value (2025, 2025-03, 2025-03-06 ...) can mean."""
    period = TimexValue.parse(value) if value else None
    return period.first_day() if period else None


def covers(value: str, day: date) -> bool:
    """Whether a TIMEX value ("2024-07", "2024-07-18") can mean that day."""
    period = TimexValue.parse(value)
    return period is not None and period.first_day() <= day <= period.last_day()


def add_duration(day: date, duration: str) -> date | None:
    """``day`` plus a TIMEX duration (P6M, P1Y, P90D, P2W); a month's end is kept as the
    shorter month's last day."""
    length = Duration.parse(duration or "")
    later = TimexValue.of_day(day) + length if length else None
    return later.first_day() if later else None


def in_force_after(deposit: date, rules: dict[str, Any]) -> date | None:
    """The day a treaty enters into force for a state depositing its consent, by the
    treaty's rule (``state_in_force``: ``after`` a period, then the ``month_start``)."""
    rule = rules.get("state_in_force")
    treaty_day = first_day(rules.get("in_force"))
    if not rule or treaty_day is None:
        return None  # not in force, or the rule is not known
    day = add_duration(deposit, rule["after"])
    if day is not None and rule.get("month_start"):
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return max(day, treaty_day) if day else None


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


def _reference_steps(entry: Entry) -> dict[str, list[Step]]:
    """Each listed state's steps up to the cut-off, from the membership data."""
    found: dict[str, list[Step]] = {}
    for code, row in (entry.membership.get("states") or {}).items():
        steps = found.setdefault(code, [])
        for field_name, kind in (("signed", "signature"), ("ratified", "consent"),
                                 ("acceded", "consent"), ("in_force", "in force"),
                                 ("withdrawal_notified", "notification"),
                                 ("withdrawn", "effect")):
            day = first_day(row.get(field_name))
            if day is not None:
                what = row.get("consent_type") or field_name
                steps.append(Step(day, row[field_name], kind, "reference", what))
    return found


@dataclass(frozen=True)
class Told:
    """A stored event report with the document that tells it."""

    event: Event
    document: str
    published: date | None
    text: str


def _stated(told: Told) -> tuple[date, str] | None:
    """The day an event sits on (its date, else the report's publication day) and the
    sentence that states it."""
    event = told.event
    day = first_day(event.date) or told.published
    if day is None:
        return None  # neither the report nor its sentence dates the step
    text = told.text
    # A headline's span may run over the blank line after it: the next line is not its sentence.
    stated = text[event.evidence.start:event.evidence.end].rstrip()
    return day, sentence_around(text, Span(event.evidence.start,
                                           event.evidence.start + len(stated)))


def _event_step(told: Told) -> Step | None:
    event = told.event
    if event.type == "treaty_vote" and event.motion not in ACTIONS:
        return None
    stated = _stated(told)
    if stated is None:
        return None
    what = ACTIONS[event.motion or ""] if event.type == "treaty_vote" else ACTIONS[event.type]
    if event.type == "treaty_signature":
        kind = "signature"
    elif event.step == "decision":
        kind = "decision"  # a vote, or a parliament's approval: nothing deposited yet
    elif event.type in CONSENT_EVENTS:
        kind = "consent"
    else:
        kind = event.step or "reported"
    return Step(stated[0], event.date, kind, "reports", what, told.document, stated[1],
                planned=event.status == "planned")


@dataclass
class Reported:
    """What the stored reports state: treaty steps by (treaty key, ISO code), and fighting
    the state is engaged in, by ISO code (for the armed-conflict clauses)."""

    steps: dict[tuple[str, str], list[Step]]
    fighting: dict[str, list[Step]]


def _treaty_events(store: Store) -> tuple[list[Told], dict[str, dict[str, Any]]]:
    """The stored reports of treaty actions and of fighting (nothing else is read), with
    the stored entities their arguments name (id, known_as, identifiers)."""
    with reading_connection(store) as conn:
        # The treaty types stored, from the kept counts: events are then read by the type's
        # index, where a prefix match would read every event.
        treaty_types = list(conn.execute(select(value_counts.c.value).where(
            value_counts.c.kind == "event type",
            value_counts.c.value.startswith("treaty_", autoescape=True))).scalars())
    rows = list(event_rows(store, [or_(events.c.plover == FIGHTING,
                                       events.c.type.in_(treaty_types))]))
    with reading_connection(store) as conn:
        wanted = sorted({i for row in rows for i in argument_strings(row.args)})
        stored = {row.id: row._asdict() for at in range(0, len(wanted), MAX_IN)
                  for row in conn.execute(
                      select(entities.c.id, entities.c.known_as, entities.c.identifiers)
                      .where(entities.c.id.in_(wanted[at:at + MAX_IN])))}
    text_of = texts(store, (row.document_id for row in rows))
    told = []
    for row in rows:
        event = Event(id=row.event_id, type=row.type,
                      evidence=Span(row.evidence_start, row.evidence_end), date=row.date,
                      date_text=row.date_text, status=row.status, plover=row.plover,
                      step=row.step)
        for role, value in (row.args or {}).items():
            event.put(role, value, set(stored))
        told.append(Told(event, row.document_id, row.published, text_of[row.document_id]))
    return told, stored


def _reported(store: Store, gazetteer: Gazetteer, countries: dict[str, Entry]) -> Reported:
    told, stored = _treaty_events(store)
    treaties = {stable_id("ent", e.key): e.key for e in gazetteer.entries.values()
                if e.type == "TREATY"}
    with reading_connection(store) as conn:  # stored entities the gazetteer knows as a treaty
        treaties |= dict(conn.execute(
            select(entities.c.id, entities.c.known_as)
            .where(entities.c.known_as.in_(sorted(set(treaties.values()))))).all())
    found = Reported({}, {})
    for report in told:
        event = report.event
        if event.plover == FIGHTING:
            stated = _stated(report) if event.status in COUNTED_STATUSES else None
            for engaged in _fighters(event, stored, gazetteer, countries):
                if stated is not None:
                    found.fighting.setdefault(engaged, []).append(Step(
                        stated[0], event.date, "armed conflict", "reports", event.type,
                        report.document, stated[1]))
            continue
        treaty = treaties.get(str(event.args.get("target")))
        if treaty is None or not event.type.startswith("treaty_") or not (
                event.status in COUNTED_STATUSES
                or (event.status == "planned" and event.step == "effect" and event.date)):
            continue
        code = _state_of(stored.get(str(event.args.get("actor"))), gazetteer, countries)
        step = _event_step(report) if code else None
        if code and step:
            found.steps.setdefault((treaty, code), []).append(step)
    return found


def _fighters(event: Event, entities: dict[str, dict[str, Any]], gazetteer: Gazetteer,
              countries: dict[str, Entry]) -> set[str]:
    """The states an armed-conflict event engages: its actor, target and co-actors."""
    ids: list[str] = []
    for role in FIGHTERS:
        value = event.args.get(role)
        ids += value if isinstance(value, list) else [value] if value else []
    codes = {_state_of(entities.get(str(entity_id)), gazetteer, countries) for entity_id in ids}
    return {code for code in codes if code}


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


def _withdrawal_end(steps: list[Step], period: str) -> date | None:
    """The day a withdrawal among ``steps`` ends the membership: the stated effect, else
    the notification plus the treaty's period."""
    effects = [s.day for s in steps if s.kind == "effect"]
    notices = [s.day for s in steps if s.kind == "notification" and s.value]
    if effects:
        return min(effects)
    return add_duration(min(notices), period) if notices and period else None


def _memberships(steps: list[Step], period: str) -> list[list[Step]]:
    """The steps cut where a state that had withdrawn sets out to join again: a signature,
    consent or decision to join dated after the withdrawal ended starts a new membership.
    An undated one (sitting on its report's day) may retell the first joining: it does not."""
    memberships: list[list[Step]] = [[]]
    for step in sorted(steps, key=lambda s: (s.day, STEP_ORDER.index(s.kind))):
        end = _withdrawal_end(memberships[-1], period)
        if end is not None and step.day > end and step.joins() and step.value:
            memberships.append([])
        memberships[-1].append(step)
    return memberships


def _settled(steps: list[Step], rules: dict[str, Any],
             fighting: list[Step]) -> tuple[list[Step], list[str]]:
    """Every membership's steps settled, in date order, and the disagreements found."""
    period = str(rules.get("withdrawal_period") or "")
    chosen: list[Step] = []
    conflicts: list[str] = []
    for membership in _memberships(steps, period):
        settled, found = _settle_membership(membership, rules, fighting)
        chosen += settled
        conflicts += found
    chosen.sort(key=lambda s: (s.day, STEP_ORDER.index(s.kind)))
    return chosen, conflicts


def _settle_membership(steps: list[Step], rules: dict[str, Any],
                       fighting: list[Step]) -> tuple[list[Step], list[str]]:
    """One membership's steps with those the rules imply added (entry into force after a
    reported consent, effect after a notification), and the disagreements found on the way."""
    conflicts: list[str] = []
    chosen: list[Step] = []
    if not any(s.kind == "notification" for s in steps):
        steps = [s for s in steps if not s.planned]  # an announced effect needs its notice
    for kind in STEP_ORDER:
        same = sorted((s for s in steps if s.kind == kind), key=lambda s: (s.day, s.basis))
        if not same:
            continue
        reference = [s for s in same if s.basis == "reference"]
        # "July 2024" and "18 July 2024" tell the same day; the depositary's date wins.
        best = reference[0] if reference else min(
            same, key=lambda s: (s.value is None, -len(s.value or ""), s.day))
        if kind in ("decision", "reported"):
            chosen += same  # each is shown; none moves a date
            continue
        for other in same:
            if other.value and best.value and not covers(other.value, best.day) \
                    and not covers(best.value, other.day):
                conflicts.append(f"{kind}: {best.value} ({best.basis}) but {other.value} "
                                 f"({other.document or other.basis})")
        chosen.append(best)
    kinds = {s.kind for s in chosen}
    for consent in [s for s in chosen if s.kind == "consent" and "in force" not in kinds]:
        # A succession binds the state from its succession, which no deposit tells; by the
        # notice of it at the latest, so that is the day shown.
        if consent.what == "succession":
            day, value = (consent.day, consent.value) if rules.get("in_force") else (None, None)
        else:
            day = in_force_after(consent.day, rules)
            value = day.isoformat() if day else None
        if day is not None:
            chosen.append(Step(day, value, "in force", consent.basis, consent.what))
    notice = next((s for s in chosen if s.kind == "notification"), None)
    period = str(rules.get("withdrawal_period") or "")
    due = add_duration(notice.day, period) if notice and notice.value and period else None
    effect = next((s for s in chosen if s.kind == "effect"), None)
    if notice is None or due is None:
        return chosen, conflicts
    article = rules.get("armed_conflict_article")
    # Fighting reported within the period: the clause may put the effect off.
    engaged = sorted((s for s in fighting if notice.day <= s.day <= due),
                     key=lambda s: s.day) if article else []
    if effect is None:
        chosen.append(Step(due, due.isoformat(), "effect", notice.basis, "withdrawal")
                      if not engaged else
                      Step(due, due.isoformat(), "deferred", "reports",
                           f"{article}: engaged in an armed conflict (reported "
                           f"{engaged[-1].value or engaged[-1].day})",
                           engaged[-1].document, engaged[-1].sentence))
    elif effect.value and not covers(effect.value, due) and not (engaged and effect.day > due):
        conflicts.append(f"effect: reported {effect.value}, but the notification of "
                         f"{notice.value} + {period} gives {due.isoformat()}")
    return chosen, conflicts


def _status(steps: list[Step], listed: bool, complete: bool, on: date,
            rules: dict[str, Any]) -> dict[str, Any]:
    """The status on ``on`` after the steps up to that day, with the step it rests on, and
    the caveat the treaty's armed-conflict clause puts on a withdrawal no report says took
    effect."""
    status = "not party" if listed or complete else "unknown"
    since: str | None = None
    basis, pending = "reference", None
    rests_on: Step | None = None
    for step in (s for s in steps if s.day <= on):
        before = status
        if step.kind == "signature" and status in ("not party", "unknown", "withdrawn"):
            status = "signatory"
        elif step.kind == "consent":
            in_force = next((s.value for s in steps if s.kind == "in force" and s.day >= step.day),
                            None)
            pending = f"{step.what} deposited {step.value or 'undated'}" + (
                f"; in force for it from {in_force}" if in_force
                else "; the treaty is not in force" if not rules.get("in_force") else "")
        elif step.kind == "in force":
            status, pending = "party", None
        elif step.kind == "decision" and (status != "withdrawn" or step.joins()):
            pending = f"{step.what} decided {step.value or 'undated'}"
        elif step.kind == "reported" and status != "withdrawn":
            pending = f"withdrawal reported {step.value or 'undated'}, step not stated"
        elif step.kind == "notification":
            status, pending = "withdrawing", None
        elif step.kind == "deferred":
            pending = (f"effect due {step.value} deferred, {step.what}; withdrawing until a "
                       "report says it took effect")
        elif step.kind == "effect":
            status, pending = "withdrawn", None
        if status != before or step.kind in ("notification", "effect", "in force"):
            since, basis, rests_on = step.value, step.basis, step
    return {"status": status, "since": since, "basis": basis, "pending": pending,
            "caveat": _caveat(status, rests_on, rules)}


def _caveat(status: str, rests_on: Step | None, rules: dict[str, Any]) -> str | None:
    article = rules.get("armed_conflict_article")
    if not article or rests_on is None or status not in ("withdrawing", "withdrawn"):
        return None
    if status == "withdrawn" and rests_on.document and not rests_on.planned:
        return None  # a report says the withdrawal took effect
    return (f"{article}: no effect while the state is engaged in an armed conflict at the "
            "period's end; no stored report says whether it is")


def _evidence(steps: list[Step], on: date | None) -> list[dict[str, str]]:
    seen: list[dict[str, str]] = []
    for step in steps:
        if step.document and step.sentence and (on is None or step.day <= on):
            item = {"document": step.document, "sentence": step.sentence}
            if item not in seen:
                seen.append(item)
    return seen


def treaty_status(
    store: Store, treaty: str, on: date, options: Options | None = None
) -> list[dict[str, Any]]:
    """One row per country for ``treaty`` on ``on``: state, status (one of STATUSES), since,
    basis ("reference" or "reports"), pending, caveat, conflicts and evidence [{document,
    sentence}]. The gazetteer is the one the pipeline reads: shipped, plus the options' and
    $NEWSTRACE_GAZETTEER's files."""
    gazetteer = load_gazetteer(tuple((options or Options()).gazetteer_files))
    entry = find_treaty(gazetteer, treaty)
    countries = _countries(gazetteer)
    reference = _reference_steps(entry)
    reported = _reported(store, gazetteer, countries)
    codes = set(countries) | set(reference) | {c for (t, c) in reported.steps if t == entry.key}
    complete = bool(entry.membership.get("membership_complete"))
    rows = []
    for code in codes:
        steps, conflicts = _settled(
            reference.get(code, []) + reported.steps.get((entry.key, code), []), entry.rules,
            reported.fighting.get(code, []))
        row = {"state": countries[code].name if code in countries else code,
               **_status(steps, code in reference, complete, on, entry.rules)}
        rows.append({**row, "conflicts": conflicts, "evidence": _evidence(steps, on)})
    order = {status: n for n, status in enumerate(STATUSES)}
    return sorted(rows, key=lambda r: (not r["evidence"], order[r["status"]], r["state"]))


def state_history(
    store: Store, state: str, treaty: str | None = None, until: date | None = None,
    options: Options | None = None,
) -> list[dict[str, Any]]:
    """One state's steps across treaties (or one treaty), in date order, each with the
    status it leads to, its basis and evidence; a state that left and joined again shows
    both memberships. Treaties where the state took no known step are left out."""
    gazetteer = load_gazetteer(tuple((options or Options()).gazetteer_files))
    country = gazetteer.lookup(state, ("GPE",))
    code = country.identifiers.get("iso3166") if country else None
    if country is None or code is None:
        raise TreatyNotFound(f"no state called {state!r} in the gazetteer")
    treaties = [find_treaty(gazetteer, treaty)] if treaty else [
        e for e in gazetteer.entries.values() if e.type == "TREATY"]
    reported = _reported(store, gazetteer, _countries(gazetteer))
    rows = []
    for entry in treaties:
        reference = _reference_steps(entry)
        steps, conflicts = _settled(
            reference.get(code, []) + reported.steps.get((entry.key, code), []), entry.rules,
            reported.fighting.get(code, []))
        complete = bool(entry.membership.get("membership_complete"))
        for step in steps:
            if until is not None and step.day > until:
                continue
            after = _status(steps, code in reference, complete, step.day, entry.rules)
            rows.append({"state": country.name, "treaty": entry.name, "date": step.value,
                         "step": step.kind, **after, "conflicts": conflicts,
                         "evidence": _evidence([step], None)})
    return sorted(rows, key=lambda r: (first_day(r["date"]) or date.max, r["treaty"]))
