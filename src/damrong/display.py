"""How values look on a page, in the reader's language: digits, dates, labels, masked data.

Templates reach one ``Display`` per request as ``th`` (the name predates English; it stays so
that templates need no churn). In Thai it writes Thai digits and Buddhist-era dates as official
Thai documents do; in English, Arabic digits and Gregorian dates ("25 June 2025, 14:30"). Views
and templates ask it instead of testing the locale themselves, so every such decision is here.
"""

from translationstring import TranslationString

from . import areas
from .i18n import _, ngettext
from .thai import national_id
from .thai.dates import BANGKOK, BE_OFFSET, format_date, format_date_en, format_datetime
from .thai.digits import format_number, to_thai_digits
from .tracking import format_code

RECEIPT_PREFIX = _("รับที่")
#: Things a page counts, by the name templates ask ``Display.count`` for.
COUNTED = {
    "pages": ngettext("${count} หน้า", "${count} หน้า"),
    "files": ngettext("${count} ไฟล์", "${count} ไฟล์"),
    "complaints": ngettext("${count} เรื่อง", "${count} เรื่อง"),
    "times": ngettext("${count} ครั้ง", "${count} ครั้ง"),
    "days": ngettext("${count} วัน", "${count} วัน"),
    "photos": ngettext("${count} ภาพ", "${count} ภาพ"),
}


class Display:
    """Formatting bound to one locale, its localizer and the site's taxonomy and workflow."""

    def __init__(self, locale, localizer, taxonomy, workflow):
        self.locale = locale
        self.thai = locale == "th"
        self.localizer = localizer
        self.taxonomy = taxonomy
        self.workflow = workflow

    # Words

    def translate(self, term):
        """Translate a message, writing the numbers in its mapping in this locale's digits.

        Messages built outside a request (uploads, validators) carry plain ints in their
        mappings, so they need not know who will read them.
        """
        if isinstance(term, TranslationString) and term.mapping:
            mapping = {key: self.format_number(value)
                       if isinstance(value, int) and not isinstance(value, bool) else value
                       for key, value in term.mapping.items()}
            term = TranslationString(term, mapping=mapping)
        return self.localizer.translate(term)

    def recorded(self, text):
        """Thai text from a complaint's history in the reader's language, where the catalog
        or the taxonomy and workflow know it; free text (notes, names, places) stays as
        written, because the history is the record."""
        if self.thai or not text:
            return text
        translated = self.localizer.translate(TranslationString(text, domain="damrong"))
        if translated != text:
            return translated
        return (self.taxonomy.relabel(text, self.locale)
                or self.workflow.relabel(text, self.locale) or text)

    def label(self, kind, code):
        """A taxonomy code ('category', 'channel', 'urgency', 'title') as a reader's word."""
        return self.taxonomy.label(kind, code, self.locale)

    def status(self, state):
        return self.workflow.label(state, self.locale)

    def transition(self, transition):
        return transition.label_in(self.locale)

    def place(self, place):
        return areas.describe_place(place, self.locale)

    def area(self, code):
        return areas.name_of(code, self.locale)

    def center_title(self, center):
        return center.title if self.thai else center.title_en

    def center_name(self, center):
        return center.name_th if self.thai else center.name_en

    # Numbers and dates

    def digits(self, text):
        """Digits already in a string (a page number, a year) in this locale's script."""
        return to_thai_digits(str(text)) if self.thai else str(text)

    def format_number(self, n):
        return format_number(n, thai=self.thai)

    def count(self, what, n):
        """``n`` of the things ``COUNTED`` names: ``๓ หน้า``, ``1 page``, ``3 pages``."""
        message = COUNTED[what]
        return self.localizer.pluralize(message.singular, message.plural, n, domain="damrong",
                                        mapping={"count": self.format_number(n)})

    def format_date(self, d, short=False):
        """``๒๕ มิ.ย. ๖๘`` / ``25 Jun 2025``; long: ``๒๕ มิถุนายน ๒๕๖๘`` / ``25 June 2025``."""
        return format_date(d, short=short) if self.thai else format_date_en(d, short=short)

    def format_datetime(self, dt, short=False):
        """``… เวลา ๑๔.๓๐ น.`` in Thai; ``25 June 2025, 14:30`` (Bangkok time) in English."""
        if self.thai:
            return format_datetime(dt, short=short)
        local = dt.astimezone(BANGKOK) if dt.tzinfo else dt
        return f"{self.format_date(local, short=short)}, {local:%H:%M}"

    def fiscal_year(self, be_year):
        """Thai fiscal years are named in the Buddhist era; English readers get the Gregorian
        year the fiscal year ends in (ปีงบประมาณ ๒๕๖๙ is FY 2026, October 2025 – September 2026)."""
        return self.digits(be_year) if self.thai else str(be_year - BE_OFFSET)

    def period(self, period):
        """A reporting period's name (reports/periods.py): ``เดือนมีนาคม ๒๕๖๘`` / ``March 2025``."""
        return period.label if self.thai else period.label_en

    def receipt_number(self, complaint):
        """``๑๒๓/๒๕๖๘`` or ``123/2568``: the year stays Buddhist-era in English too, because
        this is the official number stamped on the paper petition and quoted in letters."""
        return self.digits(f"{complaint.receipt_number}/{complaint.receipt_year}")

    def receipt(self, complaint):
        """``รับที่ ๑๒๓/๒๕๖๘`` / ``No. 123/2568``."""
        return f"{self.translate(RECEIPT_PREFIX)} {self.receipt_number(complaint)}"

    def holder_title(self, folder):
        """What a document belongs to, as its viewer heads it: a complaint, or an unfiled scan."""
        if hasattr(folder, "receipt_number"):
            return f"{self.receipt(folder)} {folder.subject}"
        return f"{self.translate(_('ไฟล์สแกนรอระบุเรื่อง'))} {folder.source_name}"

    def file_size(self, size):
        if size >= 1 << 20:
            return f"{self.digits(f'{size / (1 << 20):.1f}')} MB"
        return f"{self.format_number(max(size // 1024, 1))} KB"

    # People

    format_code = staticmethod(format_code)

    @staticmethod
    def masked_id(value):
        return national_id.mask(value) if value else ""

    @staticmethod
    def full_id(value):
        return national_id.format_id(value) if value else ""

    def complainant_name(self, complainant, reveal=False):
        """The complainant as a listing shows them: the name only to those who may see it."""
        if complainant.get("anonymous"):
            return self.translate(_("ไม่ประสงค์ออกนาม"))
        if not reveal:
            first = complainant.get("first_name", "")
            return f"{first[:1]}… {complainant.get('last_name', '')[:1]}…" if first else ""
        title = complainant.get("title")
        return " ".join(filter(None, (title and self.label("title", title),
                                      complainant.get("first_name"), complainant.get("last_name"))))
