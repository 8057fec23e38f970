"""How values look on a page: Thai digits, Buddhist-era dates, labels, masked personal data."""

from .numbering import format_receipt
from .thai import national_id
from .thai.dates import format_date, format_datetime
from .thai.digits import format_number, to_thai_digits
from .tracking import format_code

__all__ = ["format_date", "format_datetime", "format_number", "to_thai_digits", "format_code",
           "receipt", "holder_title", "masked_id", "full_id", "complainant_name", "file_size"]


def receipt(complaint):
    return format_receipt(complaint.receipt_year, complaint.receipt_number)


def holder_title(folder):
    """What a document belongs to, as its viewer heads it: a complaint, or an unfiled scan."""
    if hasattr(folder, "receipt_number"):
        return f"{receipt(folder)} {folder.subject}"
    return f"ไฟล์สแกนรอระบุเรื่อง {folder.source_name}"


def masked_id(value):
    return national_id.mask(value) if value else ""


def full_id(value):
    return national_id.format_id(value) if value else ""


def complainant_name(complainant, reveal=False):
    """The complainant as a listing shows them: the name only to those who may see it."""
    if complainant.get("anonymous"):
        return "ไม่ประสงค์ออกนาม"
    if not reveal:
        first = complainant.get("first_name", "")
        return f"{first[:1]}… {complainant.get('last_name', '')[:1]}…" if first else ""
    return " ".join(filter(None, (complainant.get("title"), complainant.get("first_name"),
                                  complainant.get("last_name"))))


def file_size(size):
    if size >= 1 << 20:
        return f"{to_thai_digits(f'{size / (1 << 20):.1f}')} MB"
    return f"{format_number(max(size // 1024, 1))} KB"
