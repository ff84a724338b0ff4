"""Events and quotes on real reports, judged by hand: a regression set and its scorer.

Usage, from the repository root (the article texts stay outside the repository)::

    .venv/bin/python bench/judged.py --giveme5w1h PATH --polnear-dev FILE --bbc DIR
        [--bbc-full DIR] [-v] [--draft OUT [--articles CORPUS:ID ... --part NAME]]

(``make bench-judged GIVEME5W1H=PATH POLNEAR_DEV=FILE BBC=DIR BBC_FULL=DIR`` runs this.) PATH is the
Giveme5W1H gold standard's folder (as for bench/giveme5w1h.py); FILE is PolNeAR's dev split
converted to JSONL by ``shared/eval/polnear/convert.py``; DIR is the BBC News collection's
folder of topics (``bbc/politics/035.txt`` ...), and DIR after --bbc-full the full collection's
(its entertainment and tech topics read from it). ``bench/data/judged_corpora.json`` names the
repository and commit each text comes from; every judged record keeps the first digits of
its article's SHA-1, so a text that is not the one judged is reported, not scored, as are
the articles of a corpus not given.

The judgements (``bench/data/judged_events.jsonl``, ``bench/data/judged_quotes.jsonl``) hold
ids, offsets and our verdicts, one record per output newstrace gave when it was judged
(``"judged": "output"``) or per real event or quote it missed (``"judged": "missed"``):

- an event is keyed by its type and its trigger word's offsets: a current event of that type
  whose evidence holds the trigger is the judged one (an actor's name picks among copies);
- a quote is keyed by its content: the current quote whose content overlaps the judged one
  most (Jaccard of the character spans, at least ``QUOTE_OVERLAP``).

A record keeps what newstrace output (``output``), a verdict per field (``actor_ok``,
``speaker_ok`` ...) and, where the output was wrong and the right answer is plain, the right
value (``right``). A field whose current value is the judged output takes its verdict; one
that changed is compared with the right value (an output judged right is its own right
value; a list of right values where any will do: either side of a meeting); otherwise it
is unknown and listed for judging. Outputs matching no record are
listed as new, records matching no output as gone; ``--draft OUT`` writes the new ones as
records with empty verdicts, to be judged (by the rules in ``bench/data/JUDGING.md``) and
appended; ``--articles`` adds whole articles not judged yet (every output of theirs is new),
and ``--part`` marks the drafts (``"part": "heldout-r12"``: articles nobody tuned on), whose
figures are then printed apart from the rest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from giveme5w1h import names_match, read_gold

from newstrace.extract.attribution.model.candidates import jaccard
from newstrace.extract.attribution.model.training import published_of
from newstrace.gazetteer.loader import load_gazetteer
from newstrace.models import Analysis, Document, Event, Quote, Span
from newstrace.pipeline import analyse

DATA = Path(__file__).resolve().parent / "data"
QUOTE_OVERLAP = 0.5
# A sentence ends at a stop (and closing quotation marks) before a capital or an opening
# mark, or at a line break: enough to show a judged sentence and to key a draft. A stop
# after a title or an initial ("Mrs.", "N. Korea", "U.S.") ends nothing.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(A-Z0-9])|\n")
_ABBREVIATIONS = "Mr Mrs Ms Dr St Mt Sen Rep Gov Gen Jr Sr Jan Feb Aug Sept Oct Nov Dec".split()
_NOT_AN_END = re.compile(rf"(?:\b[A-Z]|\b(?:{'|'.join(_ABBREVIATIONS)}))\.$")

Json = dict[str, Any]


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def _ends(text: str, start: int, end: int) -> Iterable[re.Match[str]]:
    for found in _SENTENCE_END.finditer(text, start, end):
        if not _NOT_AN_END.search(text, max(0, found.start() - 4), found.start() + 1):
            yield found


def sentence_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence around ``start..end``, without its edge spaces."""
    # The search runs a character past ``start``: the end's lookahead needs to see it.
    begin = max((m.end() for m in _ends(text, 0, start + 1) if m.end() <= start), default=0)
    after = next(iter(_ends(text, max(start, end - 1), len(text))), None)
    finish = after.start() + 1 if after and after.group() != "\n" else (
        after.start() if after else len(text))
    while begin < finish and text[begin].isspace():
        begin += 1
    return begin, max(finish, end)


# -- reading the corpora -----------------------------------------------------------------

def read_polnear(path: Path) -> dict[str, Document]:
    documents = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            raw = json.loads(line)
            documents[raw["id"]] = Document(text=raw["text"], id=raw["id"],
                                            published=published_of(raw))
    return documents


def read_giveme5w1h(path: Path) -> dict[str, Document]:
    return {g.id: Document(text=g.text, id=g.id, published=g.published) for g in read_gold(path)}


def read_bbc(path: Path, topics: Iterable[str] = ("*",)) -> dict[str, Document]:
    """The BBC News collection's raw files (``bbc/<topic>/<nnn>.txt``, headline first), each
    known as "<topic>/<nnn>"; undated."""
    return {f"{file.parent.name}/{file.stem}": Document(text=file.read_text(encoding="utf-8"),
                                                        id=f"{file.parent.name}/{file.stem}")
            for topic in topics for file in sorted(path.glob(f"{topic}/*.txt"))}


def read_bbc_full(path: Path) -> dict[str, Document]:
    """The full BBC News collection's entertainment and tech topics, read as ``read_bbc`` reads
    (its other topics are bbc's; one of its sport files is not UTF-8)."""
    return read_bbc(path, ("entertainment", "tech"))


READERS: dict[str, Callable[[Path], dict[str, Document]]] = {
    "giveme5w1h": read_giveme5w1h, "polnear_dev": read_polnear, "bbc": read_bbc,
    "bbc_full": read_bbc_full,
}


# -- what newstrace outputs, in the judged records' terms -------------------------------

GAZETTEER = load_gazetteer()


def entity_name(analysis: Analysis, value: object) -> str | None:
    """An entity id's name, a phrase as written, or None."""
    if not isinstance(value, str):
        return None
    entity = analysis.entity(value)
    return entity.name if entity else value


# A phrase of this many words or more, as an article writes it ("a USA TODAY analysis of
# ..."), is kept in the records as its digest: the records hold no article text.
PHRASE_WORDS = 7


def as_recorded(value: Any) -> Any:
    """A value as the records hold it: a long phrase as its digest (the same phrase, the same
    digest), the names of a chain each so; anything else as it is."""
    if isinstance(value, list):
        return [as_recorded(v) for v in value]
    if not isinstance(value, str) or len(value.split()) < PHRASE_WORDS:
        return value
    return "sha1:" + text_key(value)


def event_output(analysis: Analysis, event: Event) -> Json:
    return {"evidence": [event.evidence.start, event.evidence.end],
            "actor": entity_name(analysis, event.argument("actor")),
            "status": event.status, "date": event.date}


def quote_output(analysis: Analysis, quote: Quote) -> Json:
    speaker = entity_name(analysis, quote.speaker) or quote.speaker_text
    medium = entity_name(analysis, quote.medium)
    relays = [entity_name(analysis, r) or r for r in quote.relays]
    return {"content": [quote.content.start, quote.content.end], "speaker": speaker,
            "chain": [speaker or "(unknown)", *([medium] if medium else []), *relays],
            "kind": quote.kind}


def _trimmed(text: str, span: list[int]) -> str:
    return text[span[0]:span[1]].strip(" \t\n\"'\u201c\u201d\u2018\u2019.,;:")


def same_name(current: str, right: str) -> bool:
    """The same name, or two names of one gazetteer entry ("UPI", "United Press
    International"): the judge wrote the name as the article spells it."""
    if names_match(current, right) or names_match(current, without_honorific(right)):
        return True
    found, meant = GAZETTEER.lookup(current), GAZETTEER.lookup(right)
    return found is not None and meant is not None and found.key == meant.key


# Honorifics a judged name may carry ("Mr Blair"): the name without is the person's too.
HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+(?=\S)")


def without_honorific(name: str) -> str:
    return HONORIFIC.sub("", name)


def same_value(field: str, text: str, current: Any, right: Any) -> bool:
    """Does the current value of ``field`` agree with the right one?"""
    if isinstance(right, list) and field in ("actor", "speaker"):
        # either side of a two-sided event will do ("A met B": A or B)
        return any(same_value(field, text, current, one) for one in right)
    if current is None or right is None:
        return current is None and right is None
    if field in ("actor", "speaker"):
        return same_name(current, right)
    if field == "chain":
        return len(current) == len(right) and all(
            same_name(a, b) for a, b in zip(current, right, strict=True))
    if field == "status":  # an event told as background happened all the same
        return current == right or {current, right} <= {"happened", "background"}
    if field == "content":
        return _trimmed(text, current) == _trimmed(text, right)
    return bool(current == right)


@dataclass(frozen=True)
class Kind:
    """What differs between the judged events and the judged quotes."""

    name: str
    fields: tuple[str, ...]  # output fields judged, each with a verdict "<field>_ok"
    standing: str  # the verdict that holds whatever the fields: the output is a real one
    outputs: Callable[[Analysis], list[Json]]
    fits: Callable[[Json, Json], float]  # how well a record fits an output, 0 for not at all


def _event_fit(record: Json, output: Json) -> float:
    start, end = record["trigger"]
    evidence = output["evidence"]
    if record["type"] != output["type"] or not (evidence[0] <= start and end <= evidence[1]):
        return 0.0
    judged = record.get("output") or {}
    return 1.0 + (judged.get("actor") == output["actor"]) + (judged.get("evidence") == evidence)


def _span_jaccard(a: list[int], b: list[int]) -> float:
    return jaccard(Span(*a), Span(*b))


def _quote_fit(record: Json, output: Json) -> float:
    overlap = _span_jaccard(record["content"], output["content"])
    return overlap if overlap >= QUOTE_OVERLAP else 0.0


def _events(analysis: Analysis) -> list[Json]:
    return [{"type": e.type, **event_output(analysis, e)} for e in analysis.events]


def _quotes(analysis: Analysis) -> list[Json]:
    return [quote_output(analysis, q) for q in analysis.quotes]


EVENTS = Kind("events", ("actor", "status", "date"), "supported", _events, _event_fit)
QUOTES = Kind("quotes", ("content", "speaker", "chain", "kind"), "is_quote", _quotes, _quote_fit)


# -- matching and scoring -----------------------------------------------------------------

def match(kind: Kind, records: list[Json], outputs: list[Json]
          ) -> tuple[list[tuple[Json, Json]], list[Json], list[Json]]:
    """Pairs (record, output) of one article, best fits first, each used once; then the
    records no output fits and the outputs no record fits."""
    fits = sorted(((kind.fits(r, o), i, j) for i, r in enumerate(records)
                   for j, o in enumerate(outputs)), key=lambda f: (-f[0], f[1], f[2]))
    pairs: dict[int, int] = {}
    for fit, i, j in fits:
        if fit > 0 and i not in pairs and j not in pairs.values():
            pairs[i] = j
    matched = [(records[i], outputs[j]) for i, j in sorted(pairs.items())]
    gone = [r for i, r in enumerate(records) if i not in pairs]
    new = [o for j, o in enumerate(outputs) if j not in pairs.values()]
    return matched, gone, new


def verdicts(kind: Kind, text: str, record: Json, output: Json) -> dict[str, bool | None]:
    """Each judged field right (True), wrong (False) or unknown (None) for the current
    output; ``type`` and the standing verdict hold for every output the record fits."""
    judged_output = record.get("output") or {}
    right = record.get("right") or {}
    result: dict[str, bool | None] = {kind.standing: record.get(kind.standing)}
    if kind is EVENTS:
        result["type"] = record.get("type_ok")
    for field in kind.fields:
        verdict = record.get(f"{field}_ok")
        if as_recorded(output[field]) == judged_output.get(field) and verdict is not None:
            result[field] = verdict
        elif field in right:
            result[field] = same_value(field, text, output[field], right[field])
        elif verdict:
            result[field] = same_value(field, text, as_recorded(output[field]),
                                       judged_output.get(field))
        else:
            result[field] = None
    return result


def problems(kind: Kind, record: Json) -> list[str]:
    """What makes a record unusable or self-contradictory (for a judge appending records)."""
    key = ("type", "trigger") if kind is EVENTS else ("content",)
    found = [f"no {k}" for k in ("corpus", "article", "text_sha1", *key) if k not in record]
    if record.get("judged") == "output":
        right = record.get("right") or {}
        found += [f"{f} judged right but given another right value" for f in kind.fields
                  if record.get(f"{f}_ok") and f in right and right[f] != record["output"][f]
                  and not (isinstance(right[f], list) and record["output"][f] in right[f])]
    elif record.get("judged") != "missed":
        found.append("'judged' is neither 'output' nor 'missed'")
    return found


@dataclass
class Tally:
    """Counts over every judged output matched, per kind."""

    counts: Counter[str]
    lines: list[str]


def score(kind: Kind, text: str, records: list[Json], analysis: Analysis, tally: Tally
          ) -> list[Json]:
    """Count one article's verdicts into ``tally``; return the outputs no record fits."""
    outputs = kind.outputs(analysis)
    judged = [r for r in records if r.get("judged") == "output"]
    missed = [r for r in records if r.get("judged") == "missed"]
    matched, gone, new = match(kind, judged, outputs)
    counts = tally.counts
    counts["judged"] += len(judged)
    counts["matched"] += len(matched)
    for record, output in matched:
        result = verdicts(kind, text, record, output)
        standing = bool(result[kind.standing])
        counts[kind.standing] += standing
        if kind is EVENTS:
            counts["type right"] += standing and bool(result["type"])
        for field in kind.fields:
            counts[f"{field} judged"] += standing and result[field] is not None
            counts[f"{field} right"] += standing and bool(result[field])
        known = [result[f] for f in ("type", *kind.fields) if f in result]
        if standing and all(v is not None for v in known):
            counts["fully judged"] += 1
            counts["fully right"] += all(known)
        unknown = [f for f in kind.fields if standing and result[f] is None]
        # A field now right that was judged wrong (+) or the other way round (-).
        moved = [("+" if result[f] else "-") + f for f in kind.fields
                 if result[f] is not None and record.get(f"{f}_ok") not in (None, result[f])]
        if unknown or moved or result[kind.standing] is None:
            what = " ".join(moved + [f"?{f}" for f in unknown]) or "?"
            tally.lines.append(f"  {what:16} {record['article'][:40]} {describe(text, output)}")
    found, _, new = match(kind, missed, new)  # a missed one found now is not new
    counts["missed"] += len(missed)
    counts["missed found now"] += len(found)
    counts["gone"] += len(gone)
    counts["new"] += len(new)
    tally.lines += [f"  {'gone':16} {r['article'][:40]} {describe(text, r.get('output') or {}, r)}"
                    for r in gone]
    tally.lines += [f"  {'new':16} {analysis.document.id[:40]} {describe(text, o)}" for o in new]
    return new


def describe(text: str, output: Json, record: Json | None = None) -> str:
    shown = {k: v for k, v in output.items() if k not in ("evidence", "content")}
    span = output.get("evidence") or output.get("content") or (record or {}).get("trigger")
    words = " ".join(text[span[0]:span[1]].split())[:110] if span else ""
    return f"{shown} | {words!r}"


def draft(kind: Kind, corpus: str, text: str, analysis: Analysis, output: Json) -> Json:
    """A record for an output no record fits, its verdicts left for a judge."""
    record: Json = {"corpus": corpus, "article": analysis.document.id,
                    "text_sha1": text_key(text), "judged": "output"}
    if kind is EVENTS:
        trigger = guess_trigger(text, output)
        record |= {"type": output["type"], "trigger": trigger,
                   "sentence": list(sentence_of(text, *trigger)), "type_ok": None}
    else:
        record |= {"content": output["content"]}
    rest = {k: as_recorded(v) for k, v in output.items() if k != "type"}
    record |= {"output": rest, kind.standing: None,
               **{f"{field}_ok": None for field in kind.fields}, "right": {}, "note": ""}
    return record


def guess_trigger(text: str, output: Json) -> list[int]:
    """The word of the evidence whose lemma the ontology lists for the event's type (the
    judge checks it); the whole evidence when none is found."""
    from newstrace.annotate.nlp import get_nlp
    from newstrace.extract.events.ontology import ONTOLOGY

    start, end = output["evidence"]
    etype = ONTOLOGY.get(output["type"])
    lemmas = {*etype.verbs, *etype.nouns} if etype else set()
    for token in get_nlp()(text[start:end]):
        if token.lemma_.lower() in lemmas:
            return [start + token.idx, start + token.idx + len(token.text)]
    return [start, end]


# -- the run --------------------------------------------------------------------------------

def read_records(path: Path) -> list[Json]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else "0/0"


def report(kind: Kind, tally: Tally, verbose: bool,
           per_corpus: dict[str, Counter[str]] | None = None) -> None:
    c = tally.counts
    print(f"{kind.name}: {c['judged']} judged outputs in {c['articles']} articles, "
          f"{c['matched']} found again, {c['gone']} gone, {c['new']} new (unjudged)")
    print(f"  real {kind.name[:-1]} ({kind.standing}): {ratio(c[kind.standing], c['matched'])}")
    if kind is EVENTS:
        print(f"  type right: {ratio(c['type right'], c['matched'])}")
    print(f"  fully right: {ratio(c['fully right'], c['matched'])}"
          f" (fully judged: {c['fully judged']})")
    for field in kind.fields:
        print(f"  {field} right, of real ones judged: "
              f"{ratio(c[f'{field} right'], c[f'{field} judged'])}")
    print(f"  missed ones found now: {ratio(c['missed found now'], c['missed'])}")
    for corpus, n in sorted((per_corpus or {}).items()):
        fields = ", ".join(f"{f} {ratio(n[f'{f} right'], n[f'{f} judged'])}" for f in kind.fields)
        print(f"  {corpus}: fully right {ratio(n['fully right'], n['matched'])}; {fields}")
    if verbose:
        print("\n".join(tally.lines))


def run(kind: Kind, records: list[Json], documents: dict[tuple[str, str], Document],
        analyses: dict[tuple[str, str], Analysis], verbose: bool, drafts: list[Json],
        new_articles: Iterable[tuple[str, str]] = (), part: str | None = None) -> Tally:
    tally = Tally(Counter(), [])
    # Per corpus, a part apart: a held-out part's articles are ones nobody tuned on.
    per_corpus: dict[str, Counter[str]] = {}
    new_articles = set(new_articles)
    by_article: dict[tuple[str, str], list[Json]] = {key: [] for key in new_articles}
    for record in records:
        if wrong := problems(kind, record):
            print(f"record not used ({'; '.join(wrong)}): {record}", file=sys.stderr)
            continue
        by_article.setdefault((record["corpus"], record["article"]), []).append(record)
    for key, article_records in by_article.items():
        document = documents.get(key)
        if document is None or (article_records
                                and text_key(document.text) != article_records[0]["text_sha1"]):
            why = "not read" if document is None else "text differs from the one judged"
            print(f"skipped {key[0]} {key[1]}: {why}", file=sys.stderr)
            tally.counts["skipped"] += 1
            continue
        if key not in analyses:
            analyses[key] = analyse(document)
        analysis = analyses[key]
        article = Tally(Counter(articles=1), tally.lines)
        new = score(kind, document.text, article_records, analysis, article)
        tally.counts.update(article.counts)
        held_out = next((r["part"] for r in article_records if "part" in r), None)
        group = f"part {held_out}" if held_out else key[0]  # a part's articles only there
        per_corpus.setdefault(group, Counter()).update(article.counts)
        marked = {"part": part} if part and key in new_articles else {}
        drafts += [draft(kind, key[0], document.text, analysis, o) | marked for o in new]
    report(kind, tally, verbose, per_corpus)
    return tally


def load_documents(paths: dict[str, Path | None], records: Iterable[Json]
                   ) -> dict[tuple[str, str], Document]:
    wanted = {(r["corpus"], r["article"]) for r in records}
    documents = {}
    for corpus, path in paths.items():
        if path is not None and any(c == corpus for c, _ in wanted):
            documents |= {(corpus, i): d for i, d in READERS[corpus](path).items()
                          if (corpus, i) in wanted}
    return documents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--giveme5w1h", type=Path, help="the gold standard's folder")
    parser.add_argument("--polnear-dev", type=Path, help="PolNeAR dev, converted to JSONL")
    parser.add_argument("--bbc", type=Path, help="the BBC News collection's folder of topics")
    parser.add_argument("--bbc-full", type=Path,
                        help="the full BBC News collection's folder (its entertainment, tech)")
    parser.add_argument("--events", type=Path, default=DATA / "judged_events.jsonl")
    parser.add_argument("--quotes", type=Path, default=DATA / "judged_quotes.jsonl")
    parser.add_argument("--draft", type=Path, help="write the new outputs here as records")
    parser.add_argument("--articles", nargs="+", default=[], metavar="CORPUS:ID",
                        help="whole articles not judged yet, to draft (giveme5w1h:ID, "
                             "bbc:politics/007 ...)")
    parser.add_argument("--part", help="mark the drafts as of this part (heldout-r12)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the outputs whose verdicts moved (+field now right, -field "
                             "now wrong, ?field to judge), the gone and the new ones")
    args = parser.parse_args(argv)
    kinds = [(EVENTS, read_records(args.events)), (QUOTES, read_records(args.quotes))]
    new_articles = [(c, i) for c, _, i in (a.partition(":") for a in args.articles)]
    if any(c not in READERS or not i for c, i in new_articles):
        parser.error(f"--articles takes CORPUS:ID, CORPUS one of {', '.join(READERS)}")
    documents = load_documents({"giveme5w1h": args.giveme5w1h,
                                "polnear_dev": args.polnear_dev, "bbc": args.bbc,
                                "bbc_full": args.bbc_full},
                               [*(r for _, records in kinds for r in records),
                                *({"corpus": c, "article": i} for c, i in new_articles)])
    if not documents:
        print("no judged article found in the corpora given", file=sys.stderr)
        return 2
    drafts: list[Json] = []
    analyses: dict[tuple[str, str], Analysis] = {}
    for kind, records in kinds:
        judged = {(r["corpus"], r["article"]) for r in records}
        run(kind, records, documents, analyses, args.verbose, drafts,
            [a for a in new_articles if a not in judged], args.part)
    if args.draft:
        args.draft.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts),
                              encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
