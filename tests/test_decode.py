import codecs

import pytest

from newstrace.clean.decode import analysis_view, decode_bytes
from newstrace.errors import InputError


@pytest.mark.parametrize("data, expected", [
    ("Šakalienė said „yes“.".encode(), "Šakalienė said „yes“."),
    (codecs.BOM_UTF8 + b"Vilnius", "Vilnius"),
    ("Kyiv – Київ".encode("utf-16"), "Kyiv – Київ"),
    ("café “quoted”".encode("cp1252"), "café “quoted”"),
    # Central European text in Latin-2: cp1252 would read "ś" as "¶" and "ą" as "±".
    ("Posłowie głosowali w środę późnym wieczorem; ustawa przeszła większością głosów."
     .encode("iso8859_2"),
     "Posłowie głosowali w środę późnym wieczorem; ustawa przeszła większością głosów."),
    ("Vláda ve středu řekla, že zákon o obraně projde ještě letos.".encode("cp1250"),
     "Vláda ve středu řekla, že zákon o obraně projde ještě letos."),
    ("Міністр заявив у понеділок, що уряд підтримає закон.".encode("cp1251"),
     "Міністр заявив у понеділок, що уряд підтримає закон."),
    ("Kyiv – Київ, said the mayor.".encode("utf-16-le"), "Kyiv – Київ, said the mayor."),
    ("Kyiv – Київ, said the mayor.".encode("utf-16-be"), "Kyiv – Київ, said the mayor."),
    # UTF-8 with one broken byte: the rest stays UTF-8, the byte becomes U+FFFD.
    ("Šakalienė met the mayor".encode() + b"\xff" + " in Kaunas – “today”.".encode(),
     "Šakalienė met the mayor\ufffd in Kaunas – “today”."),
])
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "input.txt") == expected


@pytest.mark.parametrize("data", [
    b"price \x81 odd byte",  # undefined in cp1252
    bytes(range(128, 256)) * 3,
    "Ein Satz".encode("utf-16-le")[:-1] + b"\xd8",  # a cut UTF-16 surrogate
])
def test_invalid_bytes_never_stop_a_run(data: bytes) -> None:
    try:
        text = decode_bytes(data, "odd.txt")
    except InputError as error:  # refused by name, as binary, is the one other outcome
        assert "odd.txt" in str(error)
    else:
        assert isinstance(text, str) and text


def test_a_declared_encoding_is_taken_first() -> None:
    assert decode_bytes("Łódź".encode("iso8859_2"), "page.html", declared="iso-8859-2") == "Łódź"
    # A declaration the bytes do not fit, or a name Python does not know, is passed over, and
    # so is one that valid UTF-8 contradicts (a page declared latin-1, written in UTF-8).
    assert decode_bytes("Łódź".encode(), "page.html", declared="ascii") == "Łódź"
    assert decode_bytes("Łódź".encode(), "page.html", declared="iso-8859-1") == "Łódź"
    assert decode_bytes("Łódź".encode(), "page.html", declared="no-such-codec") == "Łódź"


@pytest.mark.parametrize("data, message", [
    (b"", "empty"),
    (b"   \n  ", "empty"),
    (bytes(range(0, 32)) * 20, "binary"),
])
def test_rejects_with_the_input_named(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as error:
        decode_bytes(data, "report-17.txt")
    assert "report-17.txt" in str(error.value) and message in str(error.value)
    assert str(error.value).startswith("[NT002]")


def test_analysis_view_keeps_offsets() -> None:
    text = "A\u00a0quote «\u202fhere\u202f» and\u3000more"
    view = analysis_view(text)
    assert len(view) == len(text)
    assert "\u00a0" not in view and "\u202f" not in view
