"""Name keys for transliteration-aware matching.

`fold` drops diacritics and case (Šakalienė -> sakaliene). `phonetic_key` also merges the
spellings that Cyrillic and Bulgarian/Russian back-transliteration produce (Shakaliene,
Zhinios, Alexa/Aleksa, Zelenskyy/Zelensky, Pippi/Pippy), so two spellings of one name
share a key while different names (Sakalauskas) keep theirs.
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

# Ordered: digraphs first, so "sh" becomes "s" before "h" rules could see it.
TRANSLIT_RULES = [
    ("shch", "sc"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("kh", "h"), ("ts", "c"),
    ("tz", "c"), ("x", "ks"), ("w", "v"), ("ph", "f"), ("y", "i"), ("ie", "i"), ("q", "k"),
    # Ukrainian Г is written h or g (Shmyhal/Shmygal); one key letter for both.
    ("g", "h"),
]
# The longest acronym ("EU", "DPA", "NATO"): a longer word in capitals is a name in a headline.
ACRONYM_MAX_CHARS = 4


# Names repeat thousands of times in a long document and across a corpus: keys are cached.
@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lowercase ASCII words: 'Dovilė  Šakalienė' -> 'dovile sakaliene'."""
    ascii_name = anyascii(name).lower()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name))


@functools.lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    # Acronyms are spelled exactly: EU and EEU, DPA and DPR are different bodies. A longer
    # word in capitals is a name in a headline ("KELBRAN", "HALVERN"), keyed as written
    # in ordinary type.
    if re.fullmatch(rf"[A-Z0-9.&-]{{2,{ACRONYM_MAX_CHARS}}}", name.strip()):
        return fold(name).replace(" ", "")
    key = re.sub(r"^the ", "", fold(name))
    for source, target in TRANSLIT_RULES:
        key = key.replace(source, target)
    # Doubled letters are a transliteration habit (Pippy/Pippi, Zelenskyy), not a distinction.
    return re.sub(r"([a-z])\1+", r"\1", key)


def same_name(a: str, b: str) -> bool:
    """Whether two names are spellings of one name (keys, not edit distance: Aleksa/Alekna
    and Macron/Marcon differ by one letter and are different names)."""
    key_a = phonetic_key(a)
    return bool(key_a) and key_a == phonetic_key(b)


def name_weight(name: str) -> tuple[int, int, bool]:
    """How full and how native a spelling is: more words, then more diacritics (the fullest
    spelling with the most diacritics is the likeliest native form), then ordinary type over
    a headline's capitals ("Reagan" over "REAGAN"; acronyms are short and stay as they are)."""
    shouted = name.isupper() and len(name.replace(" ", "")) > ACRONYM_MAX_CHARS
    return len(name.split()), sum(not char.isascii() for char in name), not shouted


def names_match(a: str, b: str, type_: str) -> bool:
    """Whether two mentions of the given type can name the same entity: same spelling up to
    transliteration, or for people a surname with fitting first names or initials."""
    if same_name(a, b):
        return True
    if type_ != "PERSON":
        return False
    short, full = sorted((a.split(), b.split()), key=len)
    if not short or not same_name(short[-1], full[-1]):
        return False
    # "E. Macron" fits "Emmanuel Macron"; "V. Landsbergis" does not fit "Gabrielius Landsbergis".
    return all(
        same_name(part, other) or (len(fold(part)) == 1 and fold(other)[:1] == fold(part))
        for part, other in zip(short[:-1], full[:-1], strict=False)
    )


def name_key(name: str, type_: str) -> str:
    """The key under which entities are candidates for one another across documents: the
    surname's for people (a surname alone may name the person), the whole name's otherwise."""
    words = name.split() or [""]
    return phonetic_key(words[-1] if type_ == "PERSON" else name)
