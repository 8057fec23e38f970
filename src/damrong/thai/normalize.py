"""Canonical form for Thai text typed by users or produced by OCR.

The same Thai word can be encoded several ways: sara am (ำ) typed as
nikhahit + sara aa, tone marks in a different order, invisible zero-width
characters pasted from web pages or Word.  Text that looks identical must
compare and search identically, so it is normalised before storage.
"""

import re
import unicodedata

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Nikhahit (U+0E4D), optionally a tone mark (U+0E48-U+0E4B), then sara aa
# (U+0E32): the decomposed spelling of sara am (U+0E33).
_DECOMPOSED_SARA_AM = re.compile("\u0e4d([\u0e48-\u0e4b]?)\u0e32")


def normalize_text(text: str) -> str:
    """Return ``text`` in canonical form; applying it twice changes nothing.

    Steps, in an order chosen so that no step can undo an earlier one:
    zero-width characters and soft hyphens are removed (first, so they
    cannot hide a decomposed sara am); nikhahit + [tone mark] + sara aa
    becomes [tone mark] + sara am; Unicode NFC; trailing whitespace is
    stripped from every line, which also turns Windows line endings into
    ``\\n``.  Inner spaces, digits and everything else are left alone.
    """
    if not text.isascii():  # ASCII has no zero-width characters or Thai and is NFC already
        text = _ZERO_WIDTH.sub("", text)
        if "\u0e4d" in text:
            text = _DECOMPOSED_SARA_AM.sub("\\1\u0e33", text)
        text = unicodedata.normalize("NFC", text)
    if "\n" not in text:  # a field of one line, most of what an import normalizes
        return text.rstrip()
    return "\n".join(line.rstrip() for line in text.split("\n"))
