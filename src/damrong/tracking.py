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
        code = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        if code not in taken:
            return code


def format_code(code):
    return f"{code[:4]}-{code[4:]}"


def tracking_url(request, code):
    """The address of a case's public tracking page: what the QR codes on its receipt and cover
    sheet carry, so a phone's camera leads straight there."""
    return f"{request.application_url}/track/{code}"
