"""Loading the gazetteer: the shipped JSON files, plus the user's files (--gazetteer,
$NEWSTRACE_GAZETTEER) merged over them. The format is documented in docs/gazetteer.md.
"""

from __future__ import annotations

import functools
import json
import os
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from newstrace.errors import GazetteerError
from newstrace.gazetteer.reference import Entry, Gazetteer, Role

SHIPPED_FILES = (
    "countries.json", "places.json", "organisations.json", "outlets.json",
    "treaties.json", "weapons.json", "people.json", "events.json",
)
# Treaties' sourced rules and membership as of a cut-off, by gazetteer key (kept apart from
# the names in treaties.json: reference data with its sources and date).
MEMBERSHIP_FILE = "treaty_membership.json"
ENV_VARIABLE = "NEWSTRACE_GAZETTEER"


def _parse_date(value: Any, where: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise GazetteerError(f"{where}: {value!r} is not an ISO date ({error})") from error


# The fields of an entry that hold a list, and those that hold an object, as JSON names them.
FIELD_KINDS = {**dict.fromkeys(("aliases", "descriptors", "demonyms", "groups", "roles"),
                               (list, "a list")),
               **dict.fromkeys(("identifiers", "rules", "membership"), (dict, "an object"))}


def entry_from_json(raw: object, where: str) -> Entry:
    """One entry; `where` names it (file and number) in the error a malformed one raises."""
    if not isinstance(raw, dict):
        raise GazetteerError(f"{where} is not a JSON object: {str(raw)[:80]}")
    missing = [name for name in ("key", "type", "name") if not raw.get(name)]
    if missing:
        raise GazetteerError(f"{where} lacks {', '.join(missing)}: {str(raw)[:80]}")
    where = f"{where} [{raw['key']}]"
    for name, (kind, called) in FIELD_KINDS.items():
        if raw.get(name) is not None and not isinstance(raw[name], kind):
            raise GazetteerError(f"{where}: {name!r} is not {called}: {str(raw[name])[:80]}")
    roles = [_role(r, f"{where}: role {n}") for n, r in enumerate(raw.get("roles") or [], 1)]
    return Entry(
        key=raw["key"], type=raw["type"], name=raw["name"],
        aliases=list(raw.get("aliases") or []), descriptors=list(raw.get("descriptors") or []),
        demonyms=list(raw.get("demonyms") or []), identifiers=dict(raw.get("identifiers") or {}),
        groups=list(raw.get("groups") or []),
        country=raw.get("country"), kind=raw.get("kind"), roles=roles,
        rules=dict(raw.get("rules") or {}),
        membership=dict(raw.get("membership") or {}),
    )


def _role(raw: object, where: str) -> Role:
    if not isinstance(raw, dict) or not raw.get("role"):
        raise GazetteerError(f"{where} lacks role: {str(raw)[:80]}")
    return Role(role=raw["role"], country=raw.get("country"),
                start=_parse_date(raw.get("start"), where),
                end=_parse_date(raw.get("end"), where))


def read_entries(text: str, where: str) -> list[Entry]:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise GazetteerError(f"{where}: not valid JSON: {error}") from error
    if not isinstance(raw, list):
        raise GazetteerError(f"{where}: expected a JSON array of entries")
    return [entry_from_json(item, f"{where}: entry {n}") for n, item in enumerate(raw, 1)]


def merge(entries: list[Entry], extra: list[Entry]) -> list[Entry]:
    """User entries with a known key extend that entry; new keys add entities."""
    by_key = {entry.key: entry for entry in entries}
    for entry in extra:
        known = by_key.get(entry.key)
        if known is None:
            by_key[entry.key] = entry
            continue
        known.aliases += [a for a in entry.surface_forms() if a not in known.surface_forms()]
        known.descriptors += entry.descriptors
        known.roles += entry.roles
    return list(by_key.values())


def _attach_membership(entries: list[Entry], shipped: dict[str, Any]) -> None:
    by_key = {entry.key: entry for entry in entries}
    for key, block in shipped["treaties"].items():
        entry = by_key[key]
        entry.rules = {**entry.rules, **block["rules"]}
        entry.membership = {name: value for name, value in block.items() if name != "rules"}


def load_gazetteer(extra_files: tuple[str, ...] = ()) -> Gazetteer:
    """The shipped gazetteer plus the files given and those named in $NEWSTRACE_GAZETTEER
    (read on every call, so a changed variable is seen; the result is cached per file list)."""
    from_env = tuple(p for p in os.environ.get(ENV_VARIABLE, "").split(os.pathsep) if p)
    return _load_files((*extra_files, *from_env))


@functools.lru_cache(maxsize=8)
def _load_files(extra_files: tuple[str, ...]) -> Gazetteer:
    folder = resources.files("newstrace") / "data" / "gazetteer"
    entries: list[Entry] = []
    for name in SHIPPED_FILES:
        entries += read_entries((folder / name).read_text(encoding="utf-8"), name)
    role_titles = json.loads((folder / "roles.json").read_text(encoding="utf-8"))
    _attach_membership(entries, json.loads((folder / MEMBERSHIP_FILE).read_text(encoding="utf-8")))
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as error:
            raise GazetteerError(f"{path}: cannot read gazetteer file: {error}") from error
        except UnicodeDecodeError as error:
            raise GazetteerError(f"{path}: a gazetteer file is UTF-8; this is not "
                                 f"(byte {error.start})") from error
        entries = merge(entries, read_entries(text, path))
    return Gazetteer(entries, {k: v for k, v in role_titles.items() if isinstance(v, list)})
