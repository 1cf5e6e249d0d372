"""Characters that contributor text may not carry, and the form in which names are compared."""

from __future__ import annotations

import re
import unicodedata

# Control characters (other than tab and line ends) and the line separators YAML treats as
# line breaks. The YAML reader refuses them outright, without saying where; before parsing
# each is swapped for a stand-in in a private-use plane, so that validation can name the field.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_STAND_IN_BASE = 0xF0000
_STAND_INS = re.compile(r"[\U000f0000-\U000fffff]")
# Characters that reorder or hide text: they make one name look like another.
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
ZERO_WIDTH = frozenset("\u00ad\u034f\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff")
_UNUSUAL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\U000f0000-\U000fffff"
    + "".join(sorted(BIDI_CONTROLS | ZERO_WIDTH))
    + "]"
)
_VARIATION_SELECTORS = re.compile(r"[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_HIRAGANA = re.compile(r"[\u3041-\u3096]")


def stand_in_controls(text: str) -> str:
    """The text with each control character replaced by its stand-in (see `control_in`)."""
    return _CONTROLS.sub(lambda m: chr(_STAND_IN_BASE + ord(m[0])), text)


def has_unusual_characters(text: str) -> bool:
    """Whether a value holds any control, stand-in, reordering or invisible character."""
    return _UNUSUAL.search(text) is not None


def control_in(text: str) -> str | None:
    """The first control character in a value (typed, escaped or stood in for), as U+XXXX."""
    for character in text:
        point = ord(character)
        if _STAND_INS.fullmatch(character):
            point -= _STAND_IN_BASE
        elif character in "\t\n" or not _CONTROLS.fullmatch(character):
            continue
        return f"U+{point:04X}"
    return None


def hidden_in(text: str) -> str | None:
    """The first character that reorders text or takes no space, as U+XXXX."""
    found = next((c for c in text if c in BIDI_CONTROLS or c in ZERO_WIDTH), None)
    return f"U+{ord(found):04X}" if found else None


def bidi_in(text: str) -> str | None:
    """The first character that reorders text, as U+XXXX."""
    found = next((c for c in text if c in BIDI_CONTROLS), None)
    return f"U+{ord(found):04X}" if found else None


def identity(name: str) -> str:
    """A name as people tell names apart: NFKC (width), katakana for hiragana, lower case,
    without spaces, punctuation look-alikes, invisible characters or variation selectors."""
    text = unicodedata.normalize("NFKC", name)
    text = "".join(c for c in text if c not in BIDI_CONTROLS and c not in ZERO_WIDTH)
    text = _VARIATION_SELECTORS.sub("", text)
    text = _HIRAGANA.sub(lambda m: chr(ord(m[0]) + 0x60), text)
    return "".join(
        c for c in text.casefold() if not c.isspace() and unicodedata.category(c)[0] != "P"
    )
