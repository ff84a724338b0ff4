"""tools/build_treaty_membership.py on sources of our own: invented participants in a table
shaped like the UN Treaty Collection's, in a membership table shaped like the IEADB's, and
rows we transcribe ourselves."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
try:
    import build_treaty_membership as builder
finally:
    sys.path.pop(0)

NAMES = {"Arcadia": "AA", "Borduria": "BB", "Carpathia": "CC", "Dystopia": "DD",
         "Elbonia": "EE", "Florin": "FF"}
PAGE = """<html><body>
<div class="heading-three">STATUS AS AT : 01-02-2026 09:00:00 EDT</div>
<table id="ctl00_ContentPlaceHolder1_tblgrid" class="table">
 <tr class="thead-one">
  <td>Participant<br></td><td>Signature<br></td><td>Provisional application(n)<br></td>
  <td>Accession(a), Succession(d), Ratification<br></td>
 </tr>
 <tr><td>Arcadia<br></td><td> &nbsp;3 Mar\t 2009 <br></td><td>&nbsp;</td>
     <td>10 Jun\t 2010 <br></td></tr>
 <tr><td>Borduria <SUP><A href='#1' class='noteIndex'>1</A> </SUP><br></td><td>&nbsp;</td>
     <td>[ 2 Feb\t 2012 n]<br></td><td>[ &nbsp;2 Feb\t 2012 a]<br></td></tr>
 <tr><td>Carpathia<br></td><td> &nbsp;5 May\t 2009 <br></td><td>&nbsp;</td><td>&nbsp;</td></tr>
 <tr><td>Dystopia<br></td><td> &nbsp;1 Jan\t 2025 <br></td><td>&nbsp;</td><td>&nbsp;</td></tr>
 <tr><td>Elbonia<br></td><td> &nbsp;2 Feb\t 2011 <br></td><td>&nbsp;</td>
     <td>15 Mar\t 2024 <br></td></tr>
 <tr><td>Florin<br></td><td>&nbsp;</td><td>&nbsp;</td><td> &nbsp;7 Jul\t 2013 d<br></td></tr>
</table>
</body></html>"""
UNTC = {"page": "zz", "mtdsg": "XXVI-99", "chapter": 26,
        "instruments_for_entry_into_force": 1, "in_force_rule": "first_day_sixth_month"}
RULES = {"in_force": "2010-12-01", "withdrawal_period": "P6M"}
IEADB_HEADER = ('"Please cite us."\n\n"Mitch ID";"Treaty Name from Treaty Table";'
                '"Country (official name)";"Country (as entered)";"Action Type";Year;Month;Day\n')
IEADB_ROWS = [  # (agreement, state, as entered, action, year, month, day)
    ("77", "Arcadia", "Arcadia", "Signature", 1980, 5, 2),
    ("77", "Arcadia", "Arcadia", "Ratification", 1981, 3, 4),
    ("77", "Arcadia", "Arcadia", "Entry into force", 1981, 3, 4),
    # Borduria succeeded Old Borduria; the database files the predecessor's steps under it.
    ("77", "Borduria", "Old Borduria", "Signature", 1980, 5, 2),
    ("77", "Borduria", "Old Borduria", "Ratification", 1982, 1, 1),
    ("77", "Borduria", "Borduria", "Withdrawal", 1992, 12, 31),
    ("77", "Borduria", "Borduria", "Succession", 1993, 1, 1),
    ("77", "Borduria", "Borduria", "Entry Into Force 2", 1993, 1, 1),
    ("77", "Carpathia", "Carpathia", "Signature", 1980, 5, 2),  # a signature alone
    ("77", "Elbonia", "Elbonia", "Accession", 2024, 6, 1),  # after the cut-off
    ("77", "Florin", "Florin", "Acceptance", 1999, 9, 9),
    ("77", "Old Zenda", "Old Zenda", "Accession", 1970, 1, 1),  # no current state
    ("78", "Dystopia", "Dystopia", "Accession", 2001, 1, 1),  # another agreement
]


def test_a_cell_gives_its_date_and_the_depositarys_mark() -> None:
    assert builder.parse_cell("[ \xa03 Dec 2008 a ]") == (date(2008, 12, 3), "a")
    assert builder.parse_cell("16 Jul 2010") == (date(2010, 7, 16), None)
    assert builder.parse_cell("21 Sep 2016 AA") == (date(2016, 9, 21), "AA")
    assert builder.parse_cell("") == (None, None)


def test_the_status_page_rows_up_to_the_cutoff() -> None:
    stamp, states = builder.untc_states(PAGE, UNTC, RULES, NAMES)
    assert stamp == "01-02-2026 09:00:00 EDT"
    source = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXVI-99" \
             "&chapter=26&clang=_en"
    # The one counted instrument: in force on the treaty's own day.
    assert states["AA"] == {"signed": "2009-03-03", "ratified": "2010-06-10",
                            "consent_type": "ratification", "in_force": "2010-12-01",
                            "source": source}
    # Brackets (a later withdrawal) and a footnote mark do not hide the dates; an accession
    # after the counted one enters into force on the first day of the sixth month.
    assert states["BB"] == {"acceded": "2012-02-02", "consent_type": "accession",
                            "provisional_application": "2012-02-02",
                            "in_force": "2012-08-01", "source": source}
    assert states["CC"] == {"signed": "2009-05-05", "source": source}
    assert "DD" not in states  # its only step is after the cut-off
    assert states["EE"] == {"signed": "2011-02-02", "source": source}  # consent dropped
    # A succession dates from the state's succession, which the page does not give.
    assert states["FF"]["acceded"] == "2013-07-07" and "in_force" not in states["FF"]
    assert states["FF"]["consent_type"] == "succession"


def test_a_page_read_short_is_caught_by_the_treatys_own_entry_into_force() -> None:
    with pytest.raises(ValueError, match="entry into force"):
        builder.untc_states(PAGE, UNTC, {**RULES, "in_force": "2010-08-01"}, NAMES)


def _ieadb(folder: Path) -> Path:
    path = folder / "db_members.csv"
    lines = [";".join([f'"{agreement}"', '"Pact"', f'"{state}"', f'"{entered}"', f'"{action}"',
                       str(year), str(month), str(day)])
             for agreement, state, entered, action, year, month, day in IEADB_ROWS]
    path.write_text(IEADB_HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ieadb_rows_a_succession_and_a_signature_alone(tmp_path: Path) -> None:
    rows = builder.read_ieadb(_ieadb(tmp_path))
    names = {**NAMES, "Old Zenda": None}
    states = builder.ieadb_states(rows, {"mitch_id": "77"}, names)
    source = builder.IEADB_URL
    assert states == {
        "AA": {"signed": "1980-05-02", "ratified": "1981-03-04", "consent_type": "ratification",
               "in_force": "1981-03-04", "source": source},
        # only the successor's own rows; the predecessor's end is not a withdrawal
        "BB": {"acceded": "1993-01-01", "consent_type": "succession", "in_force": "1993-01-01",
               "source": source},
        "FF": {"ratified": "1999-09-09", "consent_type": "acceptance", "source": source},
    }
    left = builder.ieadb_states(rows, {"mitch_id": "77", "leave_out": {"AA": "our reason"}},
                                names)
    assert "AA" not in left and "BB" in left
    with pytest.raises(KeyError):  # a name nobody mapped stops the build
        builder.ieadb_states(rows, {"mitch_id": "77"}, NAMES)


def test_an_ieadb_withdrawal_is_left_for_a_person(tmp_path: Path) -> None:
    rows = builder.read_ieadb(_ieadb(tmp_path))
    rows.append({**rows[1], "Action Type": "Withdrawal", "Year": "2001"})
    with pytest.raises(ValueError, match="withdrawal"):
        builder.ieadb_states(rows, {"mitch_id": "77"}, {**NAMES, "Old Zenda": None})


def _sources(folder: Path) -> Path:
    (folder / "transcribed").mkdir(parents=True)
    treaties = {
        "zz": {"name": "Zenda Convention", "sources": ["our page"], "untc": UNTC,
               "note": "Depositary list.", "rules": RULES},
        "yy": {"name": "Yonder Treaty", "sources": ["our table"], "membership_complete": False,
               "transcribed": "yy.json", "rules": {"withdrawal_period": "P3M"}},
        "xx": {"name": "Xanadu Protocol", "sources": ["our rules"], "rules": {}},
        "ww": {"name": "Wallachia Pact", "sources": ["our database"], "ieadb": {"mitch_id": "78"},
               "rules": {}},
    }
    (folder / "rules.json").write_text(json.dumps(treaties), encoding="utf-8")
    (folder / "untc_names.json").write_text(json.dumps(NAMES), encoding="utf-8")
    (folder / "ieadb_names.json").write_text(json.dumps({**NAMES, "Old Zenda": None}),
                                             encoding="utf-8")
    rows = {"AA": {"signed": "1990-11-19", "ratified": "1992-04-21",
                   "consent_type": "ratification", "in_force": "1992-11-09",
                   "withdrawal_notified": "2023-06-09", "withdrawn": "2024-05-01",
                   "source": "our table"},
            "CC": {"signed": "2025-01-01", "source": "our table"}}
    (folder / "transcribed" / "yy.json").write_text(json.dumps({"states": rows}),
                                                     encoding="utf-8")
    return folder


def test_build_names_every_rows_source_and_keeps_nothing_after_the_cutoff(
        tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "zz.html").write_text(PAGE, encoding="utf-8")
    ieadb = _ieadb(tmp_path)
    built = builder.build(tmp_path / "pages", ieadb, _sources(tmp_path / "sources"))
    assert built["as_of"] == "2024-01-01"
    zz, yy, xx = (built["treaties"][key] for key in ("zz", "yy", "xx"))
    assert zz["membership_complete"] is True and zz["source_status_as_at"]
    assert yy["membership_complete"] is False and xx["membership_complete"] is False
    assert xx["states"] == {} and xx["sources"] == ["our rules"]
    assert list(built["treaties"]["ww"]["states"]) == ["DD"]
    assert list(zz["states"]) == ["AA", "BB", "CC", "EE", "FF"]  # sorted, DD left out
    assert yy["states"] == {"AA": {"signed": "1990-11-19", "ratified": "1992-04-21",
                                   "consent_type": "ratification", "in_force": "1992-11-09",
                                   "withdrawal_notified": "2023-06-09",
                                   "source": "our table"}}
    assert all(row["source"] for block in built["treaties"].values()
               for row in block["states"].values())
    text = builder.render(built)
    assert builder.build(tmp_path / "pages", ieadb, tmp_path / "sources") == json.loads(text)
