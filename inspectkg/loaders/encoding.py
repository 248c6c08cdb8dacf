"""Bytes of a report file to text, whatever encoding a user's file has.

Reports reach users saved by word processors, PDF converters and web browsers: UTF-8 (with or
without a byte-order mark), UTF-16 (Windows' "Unicode", little or big endian, with or without
a mark), Windows-1252 or Latin-1, with CRLF or CR line ends. A UTF-8 file with one pasted
Windows-1252 character must keep every other character, so the fallback is per byte sequence
that is not UTF-8, never the whole file.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import LoadError

# A real report of any supported kind is longer than this; shorter text is a fragment.
MIN_REPORT_CHARS = 200
# How much of the start of a file is looked at to tell text from binary, and UTF-16 from 8-bit.
_SNIFF_BYTES = 8192
# More control characters than this in the sniffed start: binary, not text.
_MAX_CONTROLS = 8
_CONTROLS_ALLOWED = "\t\n\r\f\v"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its mark starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Characters that end a line besides "\n" (form feeds are page ends of converted reports).
_LINE_ENDS = str.maketrans({"\r": "\n", "\f": "\n", "\v": "\n", "\u2028": "\n", "\u2029": "\n"})
_FALLBACK = "inspectkg-cp1252"


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the bytes that are not UTF-8 as Windows-1252 (Latin-1 where it has no character)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_cp1252_char(b) for b in bad), exc.end


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: undefined in Windows-1252
        return chr(byte)


codecs.register_error(_FALLBACK, _cp1252_fallback)


def _utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the zero bytes of mostly-ASCII text fall on one side."""
    pairs = len(head) // 2
    if pairs < 8:
        return None
    even = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd > 0.3 * pairs and even < 0.02 * pairs:
        return "utf-16-le"
    if even > 0.3 * pairs and odd < 0.02 * pairs:
        return "utf-16-be"
    return None


def _encoding(data: bytes) -> tuple[str, int]:
    """The encoding of the file's bytes and the length of its byte-order mark."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    wide = _utf16_without_bom(data[:_SNIFF_BYTES])
    return (wide, 0) if wide else ("utf-8", 0)


def decode(data: bytes, path: str | Path = "<text>") -> str:
    """Bytes to text with Unix line ends; binary, empty or fragment input is refused."""
    if not data.strip():
        raise LoadError(path, "file is empty")
    name, bom = _encoding(data)
    body = data[bom:]
    if name == "utf-8":
        if b"\x00" in body[:_SNIFF_BYTES]:
            raise LoadError(path, "binary file, not a text report")
        text = body.decode("utf-8", errors=_FALLBACK)
    else:
        text = body.decode(name, errors="replace")
    head = text[:_SNIFF_BYTES]
    controls = sum(1 for ch in head if ord(ch) < 32 and ch not in _CONTROLS_ALLOWED)
    if controls > _MAX_CONTROLS or "\x00" in head:
        raise LoadError(path, "binary file, not a text report")
    text = text.replace("\r\n", "\n").translate(_LINE_ENDS).lstrip("\ufeff")
    if len(text.strip()) < MIN_REPORT_CHARS:
        raise LoadError(path, "too short to be a report (truncated or empty)")
    return text
