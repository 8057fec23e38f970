"""Public tracking codes: short, random, typed by citizens from a paper slip.

The alphabet leaves out characters people confuse when reading or typing (0/O, 1/I/L, 5/S, 8/B,
2/Z, U/V); 8 characters from these 23 give about 8×10^10 codes, so guessing one is hopeless while a
citizen can still read it aloud over the phone.
"""

import secrets

ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
LENGTH = 8


def new_code(taken):
    """A code not yet in ``taken`` (any container supporting ``in``)."""
    while True:
        code = _spell(secrets.randbelow(len(ALPHABET) ** LENGTH))
        if code not in taken:
            return code


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
