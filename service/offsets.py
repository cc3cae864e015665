"""Offsets in the unit a client counts in: code points (Python), UTF-16 code units (JavaScript, Java) or UTF-8 bytes.

The pipeline locates everything in code points of the text. An answer asked for in another unit
converts only the positions it names (the starts and ends of its sentences), in one pass over
the text: the positions are sorted and the text between two neighbours is measured once, so a
thousand sentences cost what one pass over the text costs, not a pass each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

#: The values of the ``offset_unit`` option; the first is the default.
OFFSET_UNITS = ("codepoint", "utf16", "utf8")
_ENCODINGS = {"utf16": ("utf-16-le", 2), "utf8": ("utf-8", 1)}


def _same(position: int) -> int:
    return position


def converter(text: str, positions: Iterable[int], unit: str) -> Callable[[int], int]:
    """A function from each of ``positions`` (code point indices into ``text``) to the same place counted in ``unit``.

    Positions outside ``positions`` are not known to it. Where every unit is as long as a code
    point (ASCII for UTF-8, nothing beyond U+FFFF for UTF-16) no table is built at all.
    """
    if unit == "codepoint" or text.isascii():
        return _same
    if unit not in _ENCODINGS:
        raise ValueError(f"unknown offset unit: {unit}")
    if unit == "utf16" and max(text) <= "\uffff":
        return _same
    encoding, width = _ENCODINGS[unit]
    table: dict[int, int] = {}
    previous = counted = 0
    for position in sorted(set(positions)):
        # surrogatepass: a lone surrogate (which the API refuses anyway) is one unit in UTF-16 and
        # three bytes in UTF-8's generalised form, rather than an exception here.
        counted += len(text[previous:position].encode(encoding, "surrogatepass")) // width
        table[position] = counted
        previous = position
    return table.__getitem__
