"""Name keys for transliteration-aware matching.

`fold` drops diacritics and case (Šakalienė -> sakaliene). `phonetic_key` also merges the
spellings that Cyrillic and Bulgarian/Russian back-transliteration produce (Shakaliene,
Zhinios, Alexa/Aleksa, Zelenskyy/Zelensky, Pippi/Pippy), so two spellings of one name
share a key while different names (Sakalauskas) keep theirs.
"""

from __future__ import annotations

import re

from anyascii import anyascii
# Ordered: digraphs first, so "sh" becomes "s" before "h" rules could see it.
TRANSLIT_RULES = [
    ("shch", "sc"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("kh", "h"), ("ts", "c"),
    ("tz", "c"), ("x", "ks"), ("w", "v"), ("ph", "f"), ("y", "i"), ("ie", "i"), ("q", "k"),
    # Ukrainian Г is written h or g (Shmyhal/Shmygal); one key letter for both.
    ("g", "h"),
]


def fold(name: str) -> str:
    """Lowercase ASCII letters and digits with single spaces: 'Dovilė  Šakalienė' -> 'dovile sakaliene'."""
    ascii_name = anyascii(name).lower()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name))


def phonetic_key(name: str) -> str:
    key = fold(name)
    for source, target in TRANSLIT_RULES:
        key = key.replace(source, target)
    # Doubled letters are a transliteration habit (Pippy/Pippi, Zelenskyy), not a distinction.
    return re.sub(r"([a-z])\1+", r"\1", key)


def same_name(a: str, b: str) -> bool:
    """Whether two names are spellings of one name (keys, not edit distance: Aleksa/Alekna
    and Macron/Marcon differ by one letter and are different names)."""
    key_a = phonetic_key(a)
    return bool(key_a) and key_a == phonetic_key(b)
