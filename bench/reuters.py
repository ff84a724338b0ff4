"""Turn the Reuters-21578 collection (SGML files `reut2-*.sgm`, freely available for research)
into newstrace's JSONL ingest format, for benchmarking on real wire reports.

    python bench/reuters.py PATH/reut2-000.sgm [PATH/reut2-001.sgm ...] --out build/reuters.jsonl

One record a story that has a body: "id" (reuters-NEWID), "title", "text" (title, blank line,
body), "published" (the story's date). The files are Latin-1 with SGML entities; wrapped lines
are joined into paragraphs, and the trailing "Reuter" signature and the end-of-text control
character are dropped. The corpus stays outside the repository.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID = re.compile(r'NEWID="(\d+)"')
SIGNATURE = re.compile(r"\s*\bReuter\s*$")
# Bodies are wrapped at about 70 columns; a paragraph opens with an indented line.
PARAGRAPH = re.compile(r"\n[ \t]+")


def field(story: str, tag: str) -> str:
    found = re.search(rf"<{tag}>(.*?)</{tag}>", story, re.S)
    return html.unescape(found.group(1)).replace("\x03", "").strip() if found else ""


def published(raw: str) -> str | None:
    try:  # "26-FEB-1987 15:01:01.79"
        return datetime.strptime(raw.split()[0], "%d-%b-%Y").date().isoformat()
    except (ValueError, IndexError):
        return None


def stories(path: Path) -> Iterator[dict[str, Any]]:
    for attributes, story in STORY.findall(path.read_text(encoding="latin-1")):
        body = "\n\n".join(" ".join(paragraph.split()) for paragraph in
                           PARAGRAPH.split(SIGNATURE.sub("", field(story, "BODY"))))
        if not body:
            continue
        title = field(story, "TITLE")
        newid = NEWID.search(attributes)
        yield {"id": f"reuters-{newid.group(1) if newid else len(body)}", "title": title,
               "text": f"{title}\n\n{body}" if title else body,
               "published": published(field(story, "DATE"))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sgml", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    written = 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for path in args.sgml:
            try:
                for record in stories(path):
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    written += 1
            except OSError as error:
                print(f"{path}: {error}", file=sys.stderr)
    print(f"{written} stories -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
