"""Report files in every encoding a user's file may have read as the same report."""

from __future__ import annotations

import codecs

import pytest

from inspectkg.errors import LoadError
from inspectkg.loaders import parse_bytes
from inspectkg.loaders.base import decode as decode_from_base
from inspectkg.loaders.encoding import decode


@pytest.fixture(scope="module")
def lea_text(westminster_2002) -> str:
    return westminster_2002.read_text(encoding="utf-8")


def _same_report(data: bytes, text: str) -> None:
    expected = parse_bytes(text.encode("utf-8"), "r.txt").to_dict()
    assert parse_bytes(data, "r.txt").to_dict() == expected


def test_decode_is_importable_from_base():
    assert decode_from_base is decode


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("bom", [True, False])
def test_utf16_with_or_without_bom_is_read(lea_text, codec, bom):
    mark = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    data = (mark if bom else b"") + lea_text.encode(codec)
    assert decode(data) == lea_text
    _same_report(data, lea_text)


def test_utf16_text_of_every_kind_is_read(westminster_apa_2006, westminster_plan_2010):
    for path in (westminster_apa_2006, westminster_plan_2010):
        text = path.read_text(encoding="utf-8")
        _same_report(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), text)


def test_one_stray_cp1252_byte_leaves_every_other_character_alone(lea_text):
    data = lea_text.encode("utf-8")
    at = data.index(b"LEA")
    broken = data[:at] + b"\x92" + data[at:]  # a Windows apostrophe pasted into UTF-8
    text = decode(broken)
    assert text == lea_text[: len(data[:at].decode("utf-8"))] + "\u2019" + lea_text[
        len(data[:at].decode("utf-8")) :
    ]
    for ch in "’£‘–“”©":  # the report's own non-ASCII characters are all still there
        assert text.count(ch) == lea_text.count(ch) + (ch == "’")
    assert "â€" not in text  # no mojibake


def test_cp1252_file_is_read(lea_text):
    data = lea_text.encode("cp1252")
    assert decode(data) == lea_text
    _same_report(data, lea_text)


def test_latin1_file_is_read(leicester_2001):
    text = leicester_2001.read_text(encoding="utf-8").replace("–", "-")
    data = text.encode("latin-1")
    assert b"\xa3" in data  # the pound sign, in Latin-1
    assert decode(data) == text
    _same_report(data, text)


@pytest.mark.parametrize(
    ("label", "transform"),
    [
        ("utf-8 bom", lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
        ("crlf", lambda t: t.replace("\n", "\r\n").encode("utf-8")),
        ("cr", lambda t: t.replace("\n", "\r").encode("utf-8")),
        ("utf-16 crlf", lambda t: t.replace("\n", "\r\n").encode("utf-16")),
    ],
)
def test_bom_and_line_ends(lea_text, label, transform):
    data = transform(lea_text)
    assert decode(data) == lea_text, label
    _same_report(data, lea_text)


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 20,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40,
        b"\x7fELF\x02\x01\x01" + bytes(4000),
        codecs.BOM_UTF16_LE + ("".join(map(chr, range(1, 32))) * 100).encode("utf-16-le"),
    ],
)
def test_binary_is_refused_with_one_line(data):
    with pytest.raises(LoadError) as err:
        parse_bytes(data, "blob.txt")
    assert str(err.value) == "blob.txt: binary file, not a text report"
