"""Rebuild src/newstrace/data/gazetteer/treaty_membership.json from its sources.

    python tools/build_treaty_membership.py --untc DIR --ieadb ZIP [--check]

DIR holds saved copies of the UN Treaty Collection status pages, one file per treaty named
as ``untc.page`` in tools/treaty_sources/rules.json (ccm.html, ottawa.html, ...); ZIP is the
International Environmental Agreements Database's all-csv-files.zip (or its db_members.csv),
whose membership rows cover the BWC and the NPT. The copies used for the shipped file are
those committed to github.com/mgaldino/treaties-ideal-point at
746a24fa99b65d0834f8cd6b79f458a180c338cf: data/raw/arms_control/html/ and
data/raw/ieadb/all-csv-files.zip (see each treaty's ``sources``). Everything else is data we
wrote, under tools/treaty_sources/:

- rules.json: per gazetteer key, the treaty's rules (paraphrased, each with the page it was
  read from), its sources, and where its membership comes from (a UNTC page, the IEADB's
  rows for one agreement, rows we transcribed by hand into transcribed/<key>.json, or
  nothing: every state unknown);
- untc_names.json, ieadb_names.json: the sources' country names to ISO 3166-1 alpha-2 codes
  (null for a state that no longer exists).

Nothing after the cut-off is kept: a later signature or consent is dropped, a state whose
only steps are later is left out, and the whole output is checked for later dates. A state's
entry into force is computed from the treaty's entry-into-force article. Each state's row
names its source. With --check the file is rebuilt in memory and compared with the shipped
one (exit status 1 when they differ).
"""

from __future__ import annotations

import argparse
import calendar
import csv
import html
import io
import json
import re
import sys
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "tools" / "treaty_sources"
SHIPPED = ROOT / "src" / "newstrace" / "data" / "gazetteer" / "treaty_membership.json"
CUTOFF = date(2024, 1, 1)
UNTC_URL = ("https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no={mtdsg}"
            "&chapter={chapter}&clang=_en")
IEADB_URL = "https://www.iea.ulaval.ca/en/download/ieadb-dataset-current-version-all-ieadb-dataset-files"
IEADB_CONSENTS = {"Ratification": "ratification", "Acceptance": "acceptance",
                  "Approval": "approval", "Accession": "accession", "Succession": "succession"}
IEADB_IN_FORCE = ("Entry into force", "Entry Into Force 2")

MONTHS = {name: number for number, name in enumerate(calendar.month_abbr) if name}
# "3 Dec 2008", "9 Apr 2013 a": the depositary's mark after the date says what was deposited.
CELL_DATE = re.compile(r"(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s*(AA|A|a|d|n)?\b")
MARKS = {None: "ratification", "A": "acceptance", "AA": "approval", "a": "accession",
         "d": "succession", "n": "provisional application"}
RATIFIED = ("ratification", "acceptance", "approval")
ROW_FIELDS = ("signed", "signature_type", "ratified", "acceded", "consent_type",
              "provisional_application", "in_force", "withdrawal_notified", "withdrawn",
              "note", "source")


def cell_text(fragment: str) -> str:
    """A table cell as plain text: footnote marks (<sup>) and tags dropped, spaces folded."""
    fragment = re.sub(r"<sup.*?</sup>", "", fragment, flags=re.S | re.I)
    fragment = re.sub(r"<[^>]+>", " ", fragment)
    return re.sub(r"\s+", " ", html.unescape(fragment).replace("\xa0", " ")).strip()


def parse_cell(cell: str) -> tuple[date | None, str | None]:
    """'[ 3 Dec 2008 a ]' -> (2008-12-03, 'a'). Square brackets mark a state that later
    withdrew; its dates up to the withdrawal stand, so the brackets are ignored."""
    found = CELL_DATE.search(cell.replace("[", " ").replace("]", " "))
    if not found:
        return None, None
    day, month, year, mark = found.groups()
    return date(int(year), MONTHS[month], int(day)), mark


def parse_status_page(page: str) -> tuple[str, list[str], list[list[str]]]:
    """A UNTC status page: its 'status as at' stamp, the participant table's header cells
    and its rows (cells as text)."""
    start = page.index("_tblgrid")
    table = page[start:page.index("</table>", start)]
    rows = [[cell_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)]
    stamp = re.search(r"STATUS AS AT : ([^<]+)<", page)
    return (stamp.group(1).strip() if stamp else ""), rows[0], rows[1:]


def sixth_month_start(deposit: date) -> date:
    month = deposit.month + 6
    return date(deposit.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)


def in_force_for(rule: str, deposit: date, counted_until: date | None,
                 treaty_in_force: date | None) -> date | None:
    """Entry into force for a state depositing on ``deposit``, by the treaty's article.
    Instruments counted for the treaty's own entry into force take the treaty's date."""
    if rule == "not_in_force" or treaty_in_force is None or counted_until is None:
        return None
    if deposit <= counted_until:
        return treaty_in_force
    if rule == "first_day_sixth_month":  # CCM art. 17(2), APMBC art. 17(2)
        return sixth_month_start(deposit)
    if rule == "plus_90_days":  # TPNW art. 15(2): any deposit after the 50th
        return deposit + timedelta(days=90)
    # ATT art. 22(2) and CWC art. XXI(2) speak of deposits after the treaty's own entry into
    # force; one between the last counted instrument and that day takes the treaty's date.
    if deposit <= treaty_in_force:
        return treaty_in_force
    days = {"plus_90_days_after_eif": 90, "plus_30_days_after_eif": 30}[rule]
    return deposit + timedelta(days=days)


def treaty_in_force_from(rule: str, last_counted: date) -> date:
    """The treaty's own entry into force from its last counted instrument: the check that
    the page was read completely (it must give the depositary's date)."""
    if rule == "first_day_sixth_month":
        return sixth_month_start(last_counted)
    days = {"plus_90_days": 90, "plus_90_days_after_eif": 90,
            "plus_30_days_after_eif": 180}[rule]  # CWC art. XXI(1): 180 days
    return last_counted + timedelta(days=days)


def kept(day: date | None) -> str | None:
    return day.isoformat() if day is not None and day <= CUTOFF else None


def ordered(row: dict[str, Any]) -> dict[str, Any]:
    return {name: row[name] for name in ROW_FIELDS if row.get(name) is not None}


def untc_states(page: str, config: dict[str, Any], rules: dict[str, Any],
                names: dict[str, str]) -> tuple[str, dict[str, dict[str, Any]]]:
    """Each participant's row up to the cut-off, from a UNTC status page."""
    stamp, header, rows = parse_status_page(page)
    columns = [cell.lower() for cell in header]
    signature = next(i for i, name in enumerate(columns) if name.startswith("signature"))
    provisional = next((i for i, name in enumerate(columns) if name.startswith("provisional")),
                       None)
    source = UNTC_URL.format(mtdsg=config["mtdsg"], chapter=config["chapter"])
    rule = config["in_force_rule"]
    treaty_in_force = date.fromisoformat(rules["in_force"]) if rules.get("in_force") else None
    consents = sorted(d for d, _ in (parse_cell(cells[-1]) for cells in rows) if d)
    counted = config.get("instruments_for_entry_into_force")
    counted_until = consents[counted - 1] if counted else None
    if counted_until is not None:
        derived = treaty_in_force_from(rule, counted_until)
        if derived != treaty_in_force:
            raise ValueError(f"{config['page']}: the {counted}th instrument gives entry into "
                             f"force {derived}, the rules say {treaty_in_force}")
    states: dict[str, dict[str, Any]] = {}
    for cells in rows:
        code = names[cells[0]]
        signed, signed_mark = parse_cell(cells[signature])
        consent, mark = parse_cell(cells[-1])
        if consent is not None and consent > CUTOFF:
            consent = None
        kind = MARKS[mark] if consent else None
        row: dict[str, Any] = {"signed": kept(signed), "consent_type": kind, "source": source}
        if consent is not None:
            row["ratified" if kind in RATIFIED else "acceded"] = consent.isoformat()
            if kind == "succession":  # dated from the state's succession, which no deposit tells
                row["note"] = "succession: in_force not derivable from the deposit date; unknown"
            else:
                row["in_force"] = kept(in_force_for(rule, consent, counted_until,
                                                    treaty_in_force))
        if signed_mark == "d" and row["signed"]:
            row["signature_type"] = "succession to signature"
        if provisional is not None:
            row["provisional_application"] = kept(parse_cell(cells[provisional])[0])
        if row["signed"] or consent is not None:
            states[code] = ordered(row)
    return stamp, states


def read_ieadb(path: Path) -> list[dict[str, str]]:
    """The IEADB membership table (semicolon-separated, after lines asking to cite it)."""
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as archive:
            text = archive.read("db_members.csv").decode("utf-8", errors="replace")
    else:
        text = path.read_text(encoding="utf-8", errors="replace")
    start = text.index('"Mitch ID"')
    return list(csv.DictReader(io.StringIO(text[start:]), delimiter=";"))


def ieadb_day(row: dict[str, str]) -> str:
    """The row's date; a row without a full date is for a person to read."""
    try:
        return date(int(row["Year"]), int(row["Month"]), int(row["Day"])).isoformat()
    except ValueError as error:
        raise ValueError(f"IEADB row without a full date: {row}") from error


def ieadb_states(rows: list[dict[str, str]], config: dict[str, Any],
                 names: dict[str, str | None]) -> dict[str, dict[str, Any]]:
    """Each state's row up to the cut-off from the IEADB's actions for one agreement.

    The IEADB files a predecessor's actions under its successor (Czechoslovakia's under
    Czechia): where a state succeeded, only the rows entered under the successor's own name
    count, and a "withdrawal" dated before the succession (the predecessor's end) is not
    one. A state with a signature alone is left out, unknown: the database misses later
    consents. States in ``leave_out`` are left out; the reasons beside them are a record
    for readers (the treaty's note says the same)."""
    by_state: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        if row["Mitch ID"] != config["mitch_id"]:
            continue
        code = names[row["Country (official name)"]]  # a KeyError: a name to map first
        if code is not None and code not in config.get("leave_out", {}):
            by_state.setdefault(code, []).append(row)
    states = {}
    for code, actions in by_state.items():
        succession = [r for r in actions if r["Action Type"] == "Succession"]
        if succession:
            entered = succession[0]["Country (as entered)"]
            actions = [r for r in actions if r["Country (as entered)"] == entered and not (
                r["Action Type"] == "Withdrawal" and ieadb_day(r) <= ieadb_day(succession[0]))]
        kept_actions = [r for r in actions if ieadb_day(r) <= CUTOFF.isoformat()]
        if any(r["Action Type"] == "Withdrawal" for r in kept_actions):
            raise ValueError(f"{config['mitch_id']} {code}: a withdrawal to read by hand")
        consents = sorted((ieadb_day(r), IEADB_CONSENTS[r["Action Type"]])
                          for r in kept_actions if r["Action Type"] in IEADB_CONSENTS)
        if not consents:
            continue  # nothing, or a signature alone
        day, kind = consents[0]
        signed = sorted(ieadb_day(r) for r in kept_actions if r["Action Type"] == "Signature")
        in_force = sorted(ieadb_day(r) for r in kept_actions
                          if r["Action Type"] in IEADB_IN_FORCE and ieadb_day(r) >= day)
        states[code] = ordered({
            "signed": signed[0] if signed else None, "consent_type": kind,
            "ratified" if kind in RATIFIED else "acceded": day,
            "in_force": in_force[0] if in_force else None, "source": IEADB_URL})
    return states


def transcribed_states(rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Rows we transcribed by hand, each with its source; later dates dropped."""
    states = {}
    for code, row in rows.items():
        dated = {name: value for name, value in row.items()
                 if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value))
                 or date.fromisoformat(value) <= CUTOFF}
        if any(name in dated for name in ("signed", "ratified", "acceded", "in_force")):
            if not ("ratified" in dated or "acceded" in dated):
                dated.pop("consent_type", None)
            states[code] = ordered(dated)
    return states


def build(untc_folder: Path, ieadb: Path, sources: Path = SOURCES) -> dict[str, Any]:
    treaties = json.loads((sources / "rules.json").read_text(encoding="utf-8"))
    names = json.loads((sources / "untc_names.json").read_text(encoding="utf-8"))
    ieadb_names = json.loads((sources / "ieadb_names.json").read_text(encoding="utf-8"))
    ieadb_rows = read_ieadb(ieadb) if any("ieadb" in t for t in treaties.values()) else []
    out: dict[str, Any] = {"as_of": CUTOFF.isoformat(), "treaties": {}}
    for key, treaty in treaties.items():
        block: dict[str, Any] = {"name": treaty["name"], "as_of": CUTOFF.isoformat(),
                                 "sources": treaty["sources"]}
        states: dict[str, dict[str, Any]] = {}
        stamp = None
        if "untc" in treaty:
            page = (untc_folder / f"{treaty['untc']['page']}.html").read_text(encoding="utf-8")
            stamp, states = untc_states(page, treaty["untc"], treaty["rules"], names)
            block["membership_complete"] = True  # the depositary lists every participant
        else:
            block["membership_complete"] = bool(treaty.get("membership_complete"))
            if "ieadb" in treaty:
                states = ieadb_states(ieadb_rows, treaty["ieadb"], ieadb_names)
            if "transcribed" in treaty:
                rows = json.loads((sources / "transcribed" / treaty["transcribed"])
                                  .read_text(encoding="utf-8"))["states"]
                states = transcribed_states(rows)
        if treaty.get("note"):
            block["note"] = treaty["note"]
        if stamp:
            block["source_status_as_at"] = stamp
        block["rules"] = treaty["rules"]
        block["states"] = dict(sorted(states.items()))
        out["treaties"][key] = block
    later = [d for d in re.findall(r"\d{4}-\d{2}-\d{2}", json.dumps(out))
             if d > CUTOFF.isoformat()]
    if later:
        raise ValueError(f"dates after the cut-off left in the output: {later[:5]}")
    return out


def render(membership: dict[str, Any]) -> str:
    return json.dumps(membership, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--untc", type=Path, required=True,
                        help="folder of saved UNTC status pages (ccm.html, ottawa.html, ...)")
    parser.add_argument("--ieadb", type=Path, required=True,
                        help="the IEADB's all-csv-files.zip, or its db_members.csv")
    parser.add_argument("--sources", type=Path, default=SOURCES,
                        help="rules, name map and transcribed rows (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=SHIPPED, help="default: %(default)s")
    parser.add_argument("--check", action="store_true",
                        help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    text = render(build(args.untc, args.ieadb, args.sources))
    if args.check:
        same = args.out.read_text(encoding="utf-8") == text
        print(f"{args.out}: {'same as the rebuild' if same else 'DIFFERS from the rebuild'}")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    for key, block in json.loads(text)["treaties"].items():
        parties = sum(1 for s in block["states"].values() if "ratified" in s or "acceded" in s)
        print(f"{key}: {len(block['states'])} states, {parties} consented")
    return 0


if __name__ == "__main__":
    sys.exit(main())
