"""Name keys for transliteration-aware matching.

A Cyrillic or Baltic name reaches English text in the spelling of whichever language
transliterated it: Khrushchev (English), Chruschtschow (German), Chrouchtchev (French),
Chruszczow (Polish), Chruščiovas (Lithuanian, with its own noun ending). `phonetic_key` reads
each word back to one sound skeleton in three steps, all ICU transliterators (our rules
for steps 2 and 3 run on ICU's rule engine):

1. the script: Cyrillic, Greek and other scripts to ICU's scholarly Latin (ш -> š, щ -> ŝ);
2. the spelling convention, guessed from the marks of the whole name (German "sch", Polish
   "sz" or "ł", Czech "ř" or a woman's "-ová", Dutch "sj", Spanish "gué", Turkish "ş",
   French "ou", Lithuanian "ė" or a noun ending, Italian "-ciov"; English when none): its
   letters are read back to the same scholarly Latin (German "tsch", Polish "cz", Dutch
   "tsj", Italian "ci", French "tch" and English "ch" all to č);
3. the skeleton: sounds that transliterations write interchangeably share one letter
   (s/z/š/ž, the glides j/y/i, kh/h/g), doubled letters are one, and the endings a language
   adds to a foreign name (Putinas, Zelenskis; Zelensky's -y; the Russian woman's -aya of
   Navalnaya for the -a of Navalna) are dropped, as is the Arabic article (al-Assad).

A person's given names fit in another language's form too (Volodymyr is Vladimir in a report
translated from Russian: `given_name_forms`).

Vowels are kept, so names one letter apart stay apart (Aleksa/Alekna, Macron/Marcon). An
acronym, and a lone word of four letters or fewer, is spelled exactly (Nato is NATO; Taj is
not TAI). `fold` is the plain form: lowercase ASCII words (Šakalienė -> sakaliene).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from importlib import resources
from itertools import product
from math import prod

import icu
from anyascii import anyascii

# The most whole-name readings a name is given (each open word doubles them).
MAX_READINGS = 16
# The longest acronym ("EU", "DPA", "NATO"): a longer word in capitals is a name in a headline.
ACRONYM_MAX_CHARS = 4

SCRIPT_TO_LATIN = icu.Transliterator.createInstance("Any-Latin")
LATIN_LETTERS = icu.UnicodeSet("[[:Latin:][:Mn:][:Nd:]'’]")

# Each language's letters for Cyrillic sounds, read back to the scholarly Latin of step 1.
# ICU tries the rules in order at each position, so longer spellings come first; "a } b"
# means a before b, "a { b" b after a.
CONVENTION_RULES = {
    "de": """
        s c h t s c h > ŝ ; t s c h > č ; s c h > š ; c h > h ; c k > k ; z > c ; w > v ;
    """,
    "pl": """
        s z c z > ŝ ; s z > š ; c z > č ; r z > ž ; c h > h ; ż > ž ; ź > ž ; ś > š ; ć > č ;
        ł > l ; ó > u ; w > v ;
        # The ў of a Belarusian name (Cichanouska), as Czech and Lithuanian write it too.
        o u > u ;
        # Polish softens a consonant before Cyrillic e with an i (Siergiej, Miedwiediew).
        [^aeiouyj] { i } e > ;
    """,
    "fr": """
        c h t c h > ŝ ; t c h > č ; d j > dž ;
        # A foreign name may keep its English sh in a French text (Farouk al-Sharaa).
        s h > š ;
        c h } [^aeiouy] > h ; c h > š ; k h > h ;
        o u > u ; g u } [eiy] > g ; [aeiouy] { s s } [aeiouy] > s ;
        j } [^aeiouy] > ž ; ^ j > ž ; ï > j ;
        # Final mute e: Poutine is Putin.
        [^aeiouy] { e } $ > ;
        [cç] } [eiy] > s ; [cç] > k ;
    """,
    "cs": """
        c h > h ; o u > u ;
    """,
    "nl": """
        t s j > č ; z j > ž ; s j > š ; o e > u ; c h > h ;
    """,
    "it": """
        c h > h ;
        # Italian writes č as c and š as sc before i or e, and šč as sci before a vowel.
        s c i } [aeou] > ŝ ; s c } [ei] > š ; c i } [aou] > č ; c } [ei] > č ;
        g i } [aou] > dž ; g } [ei] > dž ; c > k ;
    """,
    "es": """
        s c h > ŝ ; s h > š ; c h > č ; j > h ; g u } [eéií] > g ; y > j ;
        [cç] } [^eiy] > k ;
    """,
    "tr": """
        # Other languages keep the Turkish c and j as written (Recep): only its own letters.
        ş > š ; ç > č ; ı > i ; y > j ;
    """,
    "lt": """
        c h > h ; o u > u ;
        # An i between a hushing consonant and a vowel only softens it: Gorbačiovas.
        [šžčszc] { i } [aouėūų] > ;
    """,
    "en": """
        s h c h > ŝ ; s h > š ; z h > ž ; c h > č ; k h > h ; c k > k ;
        # A c is hard before a back vowel or a consonant (Macron, Francois); before e, i, y
        # it is the ts of Slavic and Baltic spellings.
        [cç] } [^eiy] > k ;
    """,
}
# Marks that give a name's convention away, tried in this order.
CONVENTION_MARKS = [
    ("tr", re.compile(r"[şğı]|ç(?=[ei])")),
    # Spanish writes kh as j, before a consonant too (Jruschov); German has no word so.
    ("es", re.compile(r"^j[rl][aeiouy]")),
    # Polish -iej and -iew: Siergiej, Miedwiediew (German writes -ej, -jew).
    ("pl", re.compile(r"sz|cz|rz|[łżźśćńóąę]|iej$|(?<!v)iew$")),
    ("de", re.compile(r"sch|w|[äöüß]|[aou]j$")),
    # Czech: its own letters, a woman's -á or -ová, a final -ej, -ij or -yj (Zelenskyj,
    # Sergej: German writes that too, but no z for the z of Zelensky).
    ("cs", re.compile(r"[ěřůýťďň]|á$|[eiy]j$")),
    # Dutch by its sj (tsj): its oe for u is English too (Phoenix, Joel), read as a reading.
    ("nl", re.compile(r"sj")),
    ("fr", re.compile(r"ou|tch|[ïë]|j[^aeiouyrl]")),
    # Not by its accents alone: José stripped of them is read as English.
    ("es", re.compile(r"gu[éí]")),
    ("lt", re.compile(r"[ėūųįčšž]|(?<=\w\w)(as|is|us|ys)$")),
    # Italian -ciov for -chev (Gorbaciov): a ci or gi alone is English too (Georgia, Lucia).
    ("it", re.compile(r"ciov")),
]
# Scholarly Latin to the skeleton: one letter for what transliterations write either way.
SKELETON_RULES = """
    ŝ > šč ;
    # After a hushing consonant Cyrillic ё is written e or o (Gorbachev, Gorbatschow).
    [šžč] { [oë] > e ;
    û > ju ; â > ja ; ê > je ; ë > e ; ʹ > ; ʺ > ; \\' > ; ’ > ;
    ::NFD ; ::[:Nonspacing Mark:] Remove ; ::NFC ; ::Latin-ASCII ;
    t s > c ; t z > c ; p h > f ; x > ks ; q > k ; w > v ;
    z > s ; g > h ; j > i ; y > i ;
"""


def _transliterator(name: str, rules: str) -> icu.Transliterator:
    return icu.Transliterator.createFromRules(name, rules, icu.UTransDirection.FORWARD)


CONVENTIONS = {lang: _transliterator(f"newstrace-{lang}", rules)
               for lang, rules in CONVENTION_RULES.items()}
SKELETON = _transliterator("newstrace-skeleton", SKELETON_RULES)
# Lithuanian gives a foreign name a noun ending (Putin -> Putinas, Zelensky -> Zelenskis).
# Dropped after a stem of five letters or more only (Texas is not Tex, nor Mattis Matt), and
# -is only where it stands for the -y of a Slavic surname: Israelis are not Israel.
LITHUANIAN_ENDING = re.compile(r"(?<=\w{5})(as|us|ys)$|(?<=[sc]k)is$")
# A Lithuanian text ends any foreign given name in -is, -us or -as too (Emanuelis, Jurijus).
LITHUANIAN_GIVEN_NAME = re.compile(r"(?<=\w{4})is$|(?<=\w{3})(us|as)$")
# The adjective ending of Slavic surnames in -sky, -ski, -skyi, -tskiy (i in the skeleton),
# which a Lithuanian text replaces with -is (Zelenskis). Other final i's stay: Germany is not
# German.
ADJECTIVE_ENDING = re.compile(r"(?<=[sc]k)i$")
# A father's name between given name and surname (Vladimirovich, Ivanovna, Ilyich).
PATRONYMIC = re.compile(r"(vic|vna|lic|cna)$")
# The Russian feminine adjective ending -aya, -aja (Navalnaya, Zelenskaya) is -a in Ukrainian,
# Polish and Czech (Navalna, Zelenska, Navalná): one key. The man's -y stays apart.
FEMININE_ADJECTIVE = re.compile(r"(?<=\w{3})(?:(?<=sk)|(?<=ck)|(?<=n))aia$")
# Czech gives a foreign woman's surname -ová, dropping a final -o or -a (Tymošenková for
# Tymoshenko, Le Penová for Le Pen); only with its accent: Russian -ova is another name
# (Lavrova is not Lavrov).
CZECH_FEMININE = re.compile(r"(?<=\w{2})ová$")
# The Arabic article joined to a name (al-Assad, el-Assad, asz-Szara, aš-Šará): spelled as
# many ways as there are languages, and often left out (Asad, Şara).
# Written apart, only al and el are taken for it (al Qaeda, Al Jazeera): a two-letter word
# before a space is too often another language's (en, et, as).
ARABIC_ARTICLE = re.compile(
    r"(?<![\w-])(?:(?:[ae]l|[ae][dnrstz]|[ae]sh|asz|aš)[-‐‑]|[ae]l (?=\w+\b))(?=\w)")
# Belarusian writes the Russian ov before a consonant as ou (ў), ti and di as ci and dzi
# (Tsikhanouskaya, Tikhanovskaya): a Belarusian spelling is read the Russian way too, and a
# Russian one is looked up under the Belarusian key.
BELARUSIAN_U = re.compile(r"(?<=o)[uŭ](?=[^aeiouy])")
BELARUSIAN_SOFT = re.compile(r"(?:ts|c)(?=i)|dz(?=i)")
RUSSIAN_OV = re.compile(r"o[vw](?=[^aeiouy])")
RUSSIAN_SOFT = re.compile(r"t(?=i)|d(?=i)")
# The Dutch oe for u before a consonant (Poetin, Joelia), which English writes too (Phoenix).
DUTCH_OE = re.compile(r"oe(?=[^aeiouy])")
# What only German writes: a w alone is Polish too.
GERMAN_OWN = re.compile(r"sch|[äöüß]")
# Belarusian writes the Ukrainian and Russian surname ending -enko -enka (Lukashenka).
BELARUSIAN_ENKA = re.compile(r"(?<=\w{3})enka$")
RUSSIAN_ENKO = re.compile(r"(?<=\w{3})enko$")
GIVEN_NAME_FORMS_RESOURCE = "data/lexicon/given_name_forms.tsv"


def convention(words: list[str]) -> str:
    """The language whose transliteration a name's (lowercase, Latin) words look written in:
    one writer spelled them all (Michail Gorbatschow: the ch of Michail is German too)."""
    marked = set().union(*map(_marks_of, words))
    return CONVENTION_MARKS[min(marked)][0] if marked else "en"


@functools.lru_cache(maxsize=65536)
def _marks_of(word: str) -> frozenset[int]:
    """Which of `CONVENTION_MARKS` a word has (a word recurs in many names)."""
    return frozenset(index for index, (_, marks) in enumerate(CONVENTION_MARKS)
                     if marks.search(word))


def _skeleton(word: str, lang: str) -> str:
    latin = LATIN_LETTERS.containsAll(word)
    scholarly = CONVENTIONS[lang].transliterate(word) if latin else \
        SCRIPT_TO_LATIN.transliterate(word)
    key = re.sub(r"[^a-z0-9]", "", SKELETON.transliterate(scholarly))
    # Doubled letters are a transliteration habit (Pippy/Pippi, Zelenskyy), not a distinction;
    # Cyrillic i before e is written i, ij or y (Dmitriev, Dmitrijew, Kyiv and Kiev).
    return re.sub(r"([a-z])\1+", r"\1", key).replace("ie", "i")


@functools.lru_cache(maxsize=65536)
def word_key(word: str, lang: str) -> str:
    """A word's skeleton: from ICU's scholarly Latin (another script transliterated, or a
    Latin word read back from the convention it is written in)."""
    key = FEMININE_ADJECTIVE.sub("a", _skeleton(word, lang))
    if LITHUANIAN_ENDING.search(key):
        return LITHUANIAN_ENDING.sub("", key)
    return ADJECTIVE_ENDING.sub("", key)


@functools.lru_cache(maxsize=65536)
def word_readings(word: str, lang: str) -> frozenset[str]:
    """A word's key and the other keys it may have, each a reading that a spelling leaves
    open and another spelling of the same name settles:

    - a Czech woman's -ová may have replaced a final -o or -a (Tymošenková);
    - a Czech name read as English too, since English texts drop its accents;
    - a z-word whose only German mark is its own w may be Polish (Zacharowa: a
      German text writes Sacharowa);
    - a Belarusian ou (ў) is the Russian ov, its ci and dzi Russian ti and di, its -enka
      the -enko of Ukrainian and Russian;
    - a Lithuanian noun ending stands in for a foreign name's final -y or -i too (Navalnas for
      Navalny, Dmitrijus for Dmitry): the stem then reads as the foreign key with its i;
    - an initial j before a vowel, in a name with no other mark, may be the French or
      Bulgarian j for ž (Jinios, Jirinovski): read as "Z" plus the rest, which meets only a
      name that writes the ž (ž, zh, z), never an s (Jim is not Sim).
    """
    key = word_key(word, lang)
    readings = {key}
    if lang == "en" and DUTCH_OE.search(word):
        readings.add(word_key(word, "nl"))
    if lang == "cs" or lang == "lt" and "ch" in word:
        # English texts drop a Czech name's accents, and read its ch as theirs (Kvitová,
        # Kvitova; Chlupáček, Chlupacek).
        readings.add(word_key(word, "en"))
    if lang == "cs" and CZECH_FEMININE.search(word):
        stem = _skeleton(CZECH_FEMININE.sub("", word), lang)
        readings |= {stem, stem + "o", stem + "a"}  # with the -o or -a dropped before -ová
    if BELARUSIAN_ENKA.search(key):
        readings.add(BELARUSIAN_ENKA.sub("enko", key))
    if lang == "de" and word[:1] == "z" and "w" in word and not GERMAN_OWN.search(word):
        readings.add(word_key(word, "pl"))
    if BELARUSIAN_U.search(word):
        russian = BELARUSIAN_U.sub("v", word)
        readings.add(word_key(BELARUSIAN_SOFT.sub(lambda soft: "d" if soft[0][0] == "d"
                                                  else "t", russian), lang))
    if LITHUANIAN_ENDING.search(_skeleton(word, lang)) and re.search(r"[^aeiou]$", key):
        readings.add(key + "i")
    if lang == "en" and re.match(r"j[aeiouy]", word):
        readings.add("Z" + word_key(word[1:], lang))
    if lang != "de" and re.match(r"[žz][aeiouy]", CONVENTIONS[lang].transliterate(word)):
        readings.add("Z" + key[1:])  # the key's s is the ž
    return frozenset(readings)


def stored_keys(word: str, lang: str) -> frozenset[str]:
    """The keys under which a word's other spellings (`word_readings`) are stored: a foreign
    -y or -i name as its Lithuanian stem, a ž-word as its j-spelling and back, a Russian
    -ov- name as its Belarusian spelling, a z-name under a German reading of its z, an
    English ch as the Czech one."""
    keys = {reading for reading in word_readings(word, lang) if not reading.startswith("Z")}
    key = word_key(word, lang)
    if re.search(r"[^aeiou]i$", key):
        keys.add(key[:-1])
    if re.search(r"\w{3}[^aeiou]$", key):
        keys.add(key + "ova")  # as a Czech woman's name (Le Penová, Tymošenková)
    elif re.search(r"\w{3}[^aeiou][oa]$", key):
        keys.add(key[:-1] + "ova")
    if RUSSIAN_ENKO.search(key):
        keys.add(RUSSIAN_ENKO.sub("enka", key))
    if word[:1] in "sz" and key[:1] == "s":
        keys.add("c" + key[1:])  # as the German z of a Polish spelling (Zacharowa)
    if lang == "en" and "ch" in word:
        keys.add(word_key(word, "cs"))  # as a Czech name with its accents (Chvojková)
    if RUSSIAN_OV.search(word):
        keys.add(word_key(RUSSIAN_SOFT.sub(lambda soft: "ts" if soft[0] == "t" else "dz",
                                           RUSSIAN_OV.sub("u", word)), lang))
    if any(reading.startswith("Z") for reading in word_readings(word, lang)):
        keys |= {word_key("zh" + word[1:], "en") if word.startswith("j")
                 else re.sub(r"^i+", "i", "i" + key[1:])}
    return frozenset(keys)


# Names repeat thousands of times in a long document and across a corpus: keys are cached.
@functools.lru_cache(maxsize=65536)
def fold(name: str) -> str:
    """Lowercase ASCII words: 'Dovilė  Šakalienė' -> 'dovile sakaliene'."""
    ascii_name = anyascii(name).lower()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_name))


def _lower(name: str) -> str:
    # Turkish İ lowercases to i and a combining dot, which would split the word (İbrahim).
    return name.lower().replace("i\u0307", "i")


@functools.lru_cache(maxsize=65536)
def _named_words(name: str, lang: str | None = None) -> tuple[tuple[str, ...], str]:
    """A name's words that have a key (lowercase) and the convention they are written in
    (or `lang`, that of the whole name a word is part of)."""
    words = re.findall(r"[^\W_]+(?:['’ʹ][^\W_]+)*", ARABIC_ARTICLE.sub("", _lower(name)))
    if words[:1] == ["the"]:
        words = words[1:]
    lang = lang or convention([word for word in words if LATIN_LETTERS.containsAll(word)])
    return tuple(word for word in words if word_key(word, lang)), lang


@functools.lru_cache(maxsize=65536)
def word_keys(name: str) -> tuple[str, ...]:
    """The skeleton of each word of a name, read in the name's spelling convention."""
    words, lang = _named_words(name)
    return tuple(word_key(word, lang) for word in words)


def _spelled_exactly(name: str) -> str | None:
    # Acronyms are spelled exactly: EU and EEU, DPA and DPR are different bodies. A longer
    # word in capitals is a name in a headline ("KELBRAN", "HALVERN"), keyed as written
    # in ordinary type.
    # A word that short in ordinary type may be one too (Nato, Pac): spelled exactly as well,
    # so "Taj" is not the acronym "TAI".
    folded = re.sub(r"^the ", "", fold(name))
    if re.fullmatch(rf"[A-Z0-9.&-]{{2,{ACRONYM_MAX_CHARS}}}", name.strip()) or \
            re.fullmatch(rf"[a-z0-9]{{2,{ACRONYM_MAX_CHARS}}}", folded):
        return folded.replace(" ", "")
    return None


@functools.lru_cache(maxsize=65536)
def phonetic_key(name: str) -> str:
    exact = _spelled_exactly(name)
    return " ".join(word_keys(name)) if exact is None else exact


def _whole_name_keys(name: str, of_word: Callable[[str, str], frozenset[str]],
                     lang: str | None = None) -> frozenset[str]:
    exact = _spelled_exactly(name)
    if exact is not None:
        return frozenset({exact})
    words, lang = _named_words(name, lang)
    choices = [of_word(word, lang) for word in words]
    # A long name with many open words would give thousands: its own key alone then.
    if prod(len(keys) for keys in choices) > MAX_READINGS:
        return frozenset({" ".join(word_key(word, lang) for word in words)})
    return frozenset(" ".join(keys) for keys in product(*choices))


@functools.lru_cache(maxsize=65536)
def name_readings(name: str) -> frozenset[str]:
    """A name's key and its other readings (`word_readings`), word by word."""
    return _whole_name_keys(name, word_readings)


def same_name(a: str, b: str) -> bool:
    """Whether two names are spellings of one name (keys, not edit distance: Aleksa/Alekna
    and Macron/Marcon differ by one letter and are different names)."""
    return bool(phonetic_key(a)) and bool(name_readings(a) & name_readings(b))


@functools.lru_cache(maxsize=65536)
def is_surname_of(word: str, name: str) -> bool:
    """Whether a lone word is the last word of a person's name ("Varga" of "Tomas Varga"):
    the same key, but not an acronym ("UN", "U.N.") for a surname in ordinary type ("Kim
    Jong Un"), which is a body, not the person."""
    last = name.split()[-1] if name.split() else ""
    return bool(last) and phonetic_key(last) == phonetic_key(word) and \
        not (_acronym(word) and not _acronym(last))


def _acronym(word: str) -> bool:
    """Letters with stops ("U.N.") or two capitals ("UN"): a longer word in capitals may be a
    surname in a headline written in capitals ("MAY", "LEE")."""
    word = word.strip()
    return re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2}", word) is not None


def ends_name(short: str, name: str) -> bool:
    """Whether a name of two words or more is the end of a longer one, word by word: a
    surname of several words ("Suu Kyi" of "Aung San Suu Kyi"); never its start ("Aung
    San", who may be the father)."""
    ending, whole = word_keys(short), word_keys(name)
    return 1 < len(ending) < len(whole) and whole[-len(ending):] == ending


@functools.lru_cache(maxsize=65536)
def name_weight(name: str) -> tuple[int, int, bool]:
    """How full and how native a spelling is: more words, then more diacritics (the fullest
    spelling with the most diacritics is the likeliest native form), then ordinary type over
    a headline's capitals ("Reagan" over "REAGAN"; acronyms are short and stay as they are)."""
    shouted = name.isupper() and len(name.replace(" ", "")) > ACRONYM_MAX_CHARS
    return len(name.split()), sum(not char.isascii() for char in name), not shouted


Readings = frozenset[str]


def person_parts(name: str) -> tuple[list[Readings], list[Readings]]:
    """A person's name as the readings of its given names and surname, and apart those of its
    patronymic if it has one (a middle word ending -ovich, -evna, -ich)."""
    words, lang = _named_words(name)
    # Given names are read in the convention of the whole name; the surname so too and as it
    # would be read alone, since a later mention may give it alone.
    surname = _surname_keys(name, word_readings) if words else frozenset()
    fathers = {index for index, word in enumerate(words[:-1])
               if index and PATRONYMIC.search(word_key(word, lang))}
    given = [word_readings(word, lang) for index, word in enumerate(words[:-1])
             if index not in fathers]
    return given + [surname], [word_readings(words[index], lang) for index in sorted(fathers)]


@functools.cache
def given_name_forms() -> dict[str, int]:
    """Each key of a given name in `GIVEN_NAME_FORMS_RESOURCE` -> the line of its name."""
    table = resources.files("newstrace").joinpath(GIVEN_NAME_FORMS_RESOURCE)
    lines = [line for line in table.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    # Keyed as a given name is inside a name (read, not spelled exactly: Yuri, Omar).
    return {key: number for number, line in enumerate(lines) for form in line.split("\t")
            for word in _named_words(form)[0] for key in word_readings(word, _named_words(form)[1])}


def _given_names_fit(readings: Readings, others: Readings) -> bool:
    # "E. Macron" fits "Emmanuel Macron"; "V. Landsbergis" does not fit "Gabrielius Landsbergis";
    # a Lithuanian text ends any given name in -is, -us or -as (Emanuelis Makronas, Jurijus);
    # Volodymyr is Vladimir in a report from Russian (`given_name_forms`).
    forms = given_name_forms()
    if {forms[key] for key in readings if key in forms} & \
            {forms[key] for key in others if key in forms}:
        return True
    for key, other in product(readings, others):
        initial, longer = sorted((key, other), key=len)
        if key == other or (len(initial) == 1 and longer[:1] == initial) \
                or LITHUANIAN_GIVEN_NAME.sub("", longer) == initial:
            return True
    return False


def names_match(a: str, b: str, type_: str) -> bool:
    """Whether two mentions of the given type can name the same entity: same spelling up to
    transliteration, or for people a surname with fitting first names or initials (a
    patronymic counts only when both give one: Vladimir Vladimirovich Putin is Vladimir Putin)."""
    if same_name(a, b):
        return True
    if type_ != "PERSON":
        return False
    (parts_a, father_a), (parts_b, father_b) = person_parts(a), person_parts(b)
    short, full = sorted((parts_a, parts_b), key=len)
    if not short or not short[-1] & full[-1]:
        return False
    pairs = [*zip(short[:-1], full[:-1], strict=False), *zip(father_a, father_b, strict=False)]
    return all(_given_names_fit(key, other) for key, other in pairs)


def full_names_match(a: str, b: str) -> bool:
    """Whether two names of two words or more, no initials among them, name one person
    (`names_match`): for a name spaCy typed a person in one report and not in another."""
    words = [*a.split(), *b.split()]
    return len(a.split()) > 1 and len(b.split()) > 1 and \
        all(len(word.strip(".")) > 1 for word in words) and names_match(a, b, "PERSON")


def name_length(name: str, type_: str) -> int:
    """How many words a name has, a person's patronymic not counted."""
    return len(person_parts(name)[0] if type_ == "PERSON" else name.split())


def _surname_keys(name: str, of_word: Callable[[str, str], frozenset[str]]) -> frozenset[str]:
    """A person's surname's keys (`of_word`) as read alone and as read in the convention of
    the whole name (the ł of Swiatłana makes Cichanouska Polish, not French)."""
    surname = (name.split() or [""])[-1]
    alone = _whole_name_keys(surname, of_word)
    lang = _named_words(name)[1]
    return alone if lang == _named_words(surname)[1] else \
        alone | _whole_name_keys(surname, of_word, lang)


# The version of the keys `name_key` gives. Raise it with any change that gives a stored name
# another key: a store keyed under another version is keyed anew when opened
# (store/migrations.py), or its entities would no longer meet their other spellings.
# tests/data/name_keys.json holds sample keys, so a change that forgets to raise it fails.
KEY_VERSION = 2


def name_key(name: str, type_: str) -> str:
    """The key under which entities are candidates for one another across documents: the
    surname's for people, read alone (a later report may give it alone: "Shakespeare" after
    "William Shakespeare", whose w looks German), the whole name's otherwise."""
    words = name.split() or [""]
    return phonetic_key(words[-1] if type_ == "PERSON" else name)


def lookup_keys(name: str, type_: str) -> frozenset[str]:
    """The name keys (`name_key`) under which the name's other spellings may be stored."""
    keys = _surname_keys(name, stored_keys) if type_ == "PERSON" else \
        _whole_name_keys(name, stored_keys)
    return keys | {name_key(name, type_)}
