"""Public tracking codes: short, random, typed by citizens from a paper slip.

The alphabet leaves out characters people confuse when reading or typing (0/O, 1/I/L, 5/S, 8/B,
2/Z, U/V); 8 characters from these 23 give about 8×10^10 codes, so guessing one is hopeless while a
citizen can still read it aloud over the phone.
"""

import secrets
from collections.abc import Sequence

from BTrees.LOBTree import LOBTree
from persistent import Persistent
from ZODB.utils import u64

from .packed import PackedTree, id_number, object_of

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
    """The map of databases made before complaint ids: code numbers → complaints, in buckets
    of at most 12. Only ``evolve.track_complaints_by_id`` still reads one."""

    max_leaf_size = 12


class TrackingCodes(Persistent):
    """The site's tracking codes: code → complaint, looked up by key like any mapping.

    Codes are random, so each new code lands in a random bucket of the map, which is loaded and
    written again whole. To make that cheap the map holds numbers only, in a ``PackedTree``: the
    number a code spells (``_number``) → the complaint's id in the database (its oid, as a
    number). Loading such a bucket makes no ghost of any complaint and writing it pickles its
    integers as one string of bytes (packed.py); the complaint is fetched by its id only when a code is looked up. Into 1.2
    million complaints an import of 30,000 ran at 2,520/s this way against 2,220/s with the
    complaints themselves as values (bench/summaries.py's import step, one run each); buckets
    of 12 or of the LLBTree's own 120 made no difference. An id never changes, also when a case
    moves to another center's folder. The codes themselves, their randomness and what they
    reveal (nothing) are the same.
    """

    def __init__(self, items=()):
        """``items``: ``(code, complaint)`` pairs of complaints already stored (an older
        database's map)."""
        self._ids = PackedTree()
        self._ids.update(sorted((_number(code), u64(complaint._p_oid))
                                for code, complaint in items))

    def __setitem__(self, code, complaint):
        number = _number(code)
        if number is None:
            raise KeyError(code)
        self._ids[number] = id_number(complaint, self)

    def get(self, code, default=None):
        number = _number(code)
        found = None if number is None else self._ids.get(number)
        return default if found is None else object_of(found, self)

    def __getitem__(self, code):
        found = self.get(code)
        if found is None:
            raise KeyError(code)
        return found

    def pop(self, code, default=None):
        """Forget ``code``; returns the complaint it led to, or ``default``."""
        found = self.get(code, default)
        number = _number(code)
        if number is not None:
            self._ids.pop(number, None)
        return found

    def __contains__(self, code):
        number = _number(code)
        return number is not None and number in self._ids

    def keys(self):
        """The codes in the map's order, as a sequence (indexed like a BTree's ``keys()``)."""
        return _Spelled(self._ids.keys())

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self._ids)


def tracking_by_id(older):
    """A ``TrackingCodes`` of ids made from one of complaints (``older._by_number``, a
    ``CodeTree``): the same codes, each leading to the same complaint."""
    return TrackingCodes((_spell(number), complaint)
                         for number, complaint in older._by_number.items())


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
