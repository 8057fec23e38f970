"""Public tracking codes: short, random, typed by citizens from a paper slip.

The alphabet leaves out characters people confuse when reading or typing (0/O, 1/I/L, 5/S, 8/B,
2/Z, U/V); 8 characters from these 23 give about 8×10^10 codes, so guessing one is hopeless while a
citizen can still read it aloud over the phone.
"""

import secrets
from collections.abc import Sequence

from BTrees.LOBTree import LOBTree
from persistent import Persistent

ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
LENGTH = 8


#: How many codes there are: each is one of these numbers, spelled in ``ALPHABET``.
CODES = len(ALPHABET) ** LENGTH


def new_code(taken):
    """A code not yet in ``taken`` (any container supporting ``in``)."""
    while True:
        code = _spell(secrets.randbelow(CODES))
        if code not in taken:
            return code


class CodeTree(LOBTree):
    """Code numbers → complaints in small buckets.

    A new code lands in a random bucket, so a batch of registrations rewrites whole buckets
    for one new code each: the codes already there are pickled again (and, cold, loaded
    first) for nothing. Buckets of at most 12 codes rather than an LOBTree's 60 hold fewer of
    them: an import of 30,000 into 1.2 million complaints ran at 2,850/s instead of 2,420/s,
    the map built both ways from the same codes (into 300,000, the same either way).
    """

    max_leaf_size = 12


class TrackingCodes(Persistent):
    """The site's tracking codes: code → complaint, looked up by key like any mapping.

    Codes are random, so each new one rewrites (and first loads) a bucket of the map holding
    codes that did not change. Keyed by the number a code spells (``_number``) in a
    ``CodeTree`` rather than by its letters in an OOBTree (30 codes a bucket, each a string),
    a bucket is smaller and quicker to pickle and load. The codes themselves, their randomness
    and what they reveal (nothing) are the same; a lookup is still one key.
    """

    def __init__(self, items=()):
        """``items``: ``(code, complaint)`` pairs to start with (a map of an older database)."""
        self._by_number = CodeTree()
        self._by_number.update(sorted((_number(code), complaint) for code, complaint in items))

    def __setitem__(self, code, complaint):
        number = _number(code)
        if number is None:
            raise KeyError(code)
        self._by_number[number] = complaint

    def get(self, code, default=None):
        number = _number(code)
        return default if number is None else self._by_number.get(number, default)

    def __getitem__(self, code):
        found = self.get(code)
        if found is None:
            raise KeyError(code)
        return found

    def __contains__(self, code):
        return self.get(code) is not None

    def keys(self):
        """The codes in the map's order, as a sequence (indexed like a BTree's ``keys()``)."""
        return _Spelled(self._by_number.keys())

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._by_number)


class _Spelled(Sequence):
    """Numbers of the map read as codes, without a list of them all."""

    def __init__(self, numbers):
        self._numbers = numbers

    def __len__(self):
        return len(self._numbers)

    def __getitem__(self, position):
        return _spell(self._numbers[position])

    def __iter__(self):
        return map(_spell, self._numbers)


def _number(code):
    """The number ``code`` spells (``_spell`` backwards), or ``None`` if it is not a code."""
    if not isinstance(code, str) or len(code) != LENGTH:
        return None
    number = 0
    for letter in reversed(code):
        digit = ALPHABET.find(letter)
        if digit < 0:
            return None
        number = number * len(ALPHABET) + digit
    return number


def _spell(number):
    """``number`` (below 23**8) as ``LENGTH`` letters of ``ALPHABET``: one draw from the
    system's randomness for the whole code rather than one per letter, just as uniform."""
    letters = []
    for _ in range(LENGTH):
        number, digit = divmod(number, len(ALPHABET))
        letters.append(ALPHABET[digit])
    return "".join(letters)


def format_code(code):
    return f"{code[:4]}-{code[4:]}"


def tracking_url(request, code):
    """The address of a case's public tracking page: what the QR codes on its receipt and cover
    sheet carry, so a phone's camera leads straight there."""
    return f"{request.application_url}/track/{code}"
