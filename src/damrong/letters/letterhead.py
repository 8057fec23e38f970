"""A center's own letterhead settings over the defaults of config/letters.yaml: the agency
prefix of its letter numbers and who usually signs its letters.

Set by its administrators on the center's letterhead page or with ``damrong letter-prefix``;
the signer is also remembered from each letter the center issues, so the next draft is signed
by whoever signed the last one (the page and the command only change what they are given).
"""

from ..thai.digits import to_arabic_digits
from ..thai.normalize import normalize_text


def update_letterhead(center, prefix=None, signer_name=None, signer_position=None):
    """Store the values given (``None`` leaves one as it is; ``""`` restores the default).
    The prefix is kept in Arabic digits, as numbers are stored, whatever digits were typed."""
    if prefix is not None:
        _set(center, "agency_prefix", to_arabic_digits(normalize_text(prefix)).strip())
    if signer_name is not None:
        _set(center, "signer_name", normalize_text(signer_name).strip())
    if signer_position is not None:
        _set(center, "signer_position", normalize_text(signer_position).strip())


def _set(center, name, value):
    """Writes only a change, so issuing a letter signed as before does not touch the center."""
    if getattr(center, name) != value:
        setattr(center, name, value)
