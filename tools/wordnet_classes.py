"""Write the word classes newstrace's attribution model generalises with, from WordNet 3.0.

Usage (once, when the table is to change; Debian's ``wordnet-base`` has the database)::

    apt-get install wordnet-base
    .venv/bin/python tools/wordnet_classes.py /usr/share/wordnet \
        --out src/newstrace/data/lexicon/wordnet_classes.tsv

For each one-word verb and noun it records the lexicographer files ("verb.communication",
"noun.cognition", …) of its three most frequent senses. A cue word the PolNeAR train split
never shows ("admires", "pooh-poohed") then still tells the model it is a verb of feeling or
of saying. The table holds facts about words, not WordNet's glosses or examples; WordNet's
licence asks for its notice on copies, so the table's header carries it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

# The lexicographer files by number, as WordNet's lexnames(5) lists them.
LEXNAMES = (
    "adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute "
    "noun.body noun.cognition noun.communication noun.event noun.feeling noun.food noun.group "
    "noun.location noun.motive noun.object noun.person noun.phenomenon noun.plant "
    "noun.possession noun.process noun.quantity noun.relation noun.shape noun.state "
    "noun.substance noun.time verb.body verb.change verb.cognition verb.communication "
    "verb.competition verb.consumption verb.contact verb.creation verb.emotion verb.motion "
    "verb.perception verb.possession verb.social verb.stative verb.weather adj.ppl"
).split()
SENSES = 3
NOTICE = """\
# Word classes derived from WordNet 3.0 by tools/wordnet_classes.py: word, part of speech,
# the lexicographer files of its most frequent senses.
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS
# FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
# DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
# RIGHTS.  The name of Princeton University or Princeton may not be used in advertising or
# publicity pertaining to distribution of the software and/or database.  Title to copyright
# in this software, database and any associated documentation shall at all times remain
# with Princeton University and LICENSEE agrees to preserve same.
"""


def lexicographer_files(database: Path, pos: str) -> dict[str, list[str]]:
    """word -> the lexicographer files of its first senses, most frequent first."""
    data = (database / f"data.{pos}").read_bytes()
    classes: dict[str, list[str]] = {}
    for line in (database / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the head of the file
        fields = line.split()
        word, synset_count, pointer_count = fields[0], int(fields[2]), int(fields[3])
        if "_" in word or not word.isalpha():
            continue
        offsets = fields[6 + pointer_count:6 + pointer_count + synset_count]
        found: list[str] = []
        for offset in offsets[:SENSES]:
            # A data line starts "offset lex_filenum ss_type …" at its own byte offset.
            record = data[int(offset):int(offset) + 20].split()
            name = LEXNAMES[int(record[1])]
            if name not in found:
                found.append(name)
        classes[word] = found
    return classes


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("database", type=Path, help="WordNet's dict folder (/usr/share/wordnet)")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    lines = [NOTICE.rstrip("\n")]
    for pos, tag in (("verb", "v"), ("noun", "n")):
        for word, names in sorted(lexicographer_files(args.database, pos).items()):
            lines.append(f"{word}\t{tag}\t{','.join(n.split('.')[1] for n in names)}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(lines) - 1} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
