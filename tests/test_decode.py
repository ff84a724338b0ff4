import codecs

import pytest

from newstrace.clean.decode import analysis_view, decode_bytes
from newstrace.errors import InputError


@pytest.mark.parametrize("data, expected", [
    ("Šakalienė said „yes“.".encode(), "Šakalienė said „yes“."),
    (codecs.BOM_UTF8 + b"Vilnius", "Vilnius"),
    ("Kyiv – Київ".encode("utf-16"), "Kyiv – Київ"),
    ("café “quoted”".encode("cp1252"), "café “quoted”"),
    (b"price \x81 odd byte", "price \x81 odd byte"),  # undefined in cp1252, taken as latin-1
])
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "input.txt") == expected


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
