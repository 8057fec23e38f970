"""Official letters (หนังสือภายนอก) a center issued about a complaint, kept in the complaint.

A complaint's children are its scanned documents, so its letters live in a folder of their own
(``complaint.letters``), reached by traversal as ``…/<complaint>/letters/<name>``. A letter is
named by the register entry it is, ``<center code>-<BE year>-<number>`` (``7001-2569-12``):
unique, since a district and the province above it may both write about one complaint.

A letter is the record of what was sent: once issued it is not edited (a correction is a new
letter with a new number, as on paper).
"""

from persistent import Persistent
from pyramid.traversal import find_root

from ..numbering import format_letter_number
from .folder import Folder

#: The name the complaint's traversal gives its letters folder.
LETTERS = "letters"


class LetterFolder(Folder):
    """The letters of one complaint, named by their register entries."""

    def issued(self):
        return sorted(self.values(), key=lambda letter: letter.issued_at)


class Letter(Persistent):
    """One issued letter: its number in the center's register and the text as sent.

    ``kind`` is a code of config/letters.yaml. ``center_code`` is the center that issued it and
    numbered it in its register: the complaint's own, or a center above it whose officer wrote
    the letter. ``prefix`` is that center's agency prefix at the time of issue, in Arabic digits
    (``มท 0205.3``), so a later change of prefix does not rewrite old letters. ``issued_at``
    (UTC) is when the number was taken; the date on the letter is its Bangkok calendar date.
    """

    def __init__(self, *, kind, center_code, year, number, prefix, addressee, subject, body,
                 signer_name, signer_position, issued_by, issued_at, reference="",
                 enclosures=""):
        self.kind = kind
        self.center_code = center_code
        self.year = year
        self.number = number
        self.prefix = prefix
        self.addressee = addressee
        self.subject = subject
        self.reference = reference
        self.enclosures = enclosures
        self.body = body
        self.signer_name = signer_name
        self.signer_position = signer_position
        self.issued_by = issued_by
        self.issued_at = issued_at

    @property
    def complaint(self):
        return self.__parent__.__parent__

    @property
    def issuing_center(self):
        return find_root(self).centers[self.center_code]

    def number_text(self, thai_digits=True):
        """``ที่ มท ๐๒๐๕.๓/๓๕๑๒``, as the letter prints it."""
        return format_letter_number(self.prefix, self.number, thai_digits)

    def paragraphs(self):
        """The body's paragraphs: blocks separated by an empty line."""
        return [" ".join(block.split("\n")).strip()
                for block in self.body.split("\n\n") if block.strip()]

    def full_text(self):
        """Everything a search should find the letter by, with its number as printed."""
        parts = (self.number_text(), self.addressee, self.subject, self.reference,
                 self.enclosures, self.body, self.signer_name, self.signer_position)
        return "\n".join(part for part in parts if part)


class LetterDraft(Persistent):
    """A letter prepared for an officer to review (letters/drafts.py): the kind, the center in
    whose name it is written, the form's fields as drafted and when. Not a letter: it has no
    number until an officer issues it."""

    def __init__(self, *, kind, center_code, fields, prepared_at):
        self.kind = kind
        self.center_code = center_code
        self.fields = dict(fields)
        self.prepared_at = prepared_at
