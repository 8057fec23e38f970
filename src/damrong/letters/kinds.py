"""The kinds of letter a center writes about a complaint, and their drafts filled from it.

Kinds, texts and letterhead defaults are data (config/letters.yaml). A draft is only a
proposal: the officer edits every field before issuing, and the letter keeps what was issued.
A letter to another agency must not identify the complainant (PDPA): such a kind cannot use the
complainant's name, and the complainant's name and ID are blanked out of everything it fills
(a subject may quote them).
"""

import os
import string
from dataclasses import dataclass

import yaml

from ..search.document import redact
from ..taxonomy import entry_label
from ..thai.dates import format_date
from ..thai.digits import to_arabic_digits, to_thai_digits
from ..tracking import format_code

#: Whom a kind is written to; only letters to the complainant may name the complainant.
AUDIENCES = ("complainant", "agency")
#: The fields of a letter a kind drafts, in the order of the form and of the printed letter.
DRAFTED = ("addressee", "subject", "reference", "enclosures", "body")
PERSONAL_PLACEHOLDERS = {"complainant"}
PLACEHOLDERS = {"center", "receipt", "received_date", "subject", "tracking_code", "report_days",
                "agency_letter", "agency"} | PERSONAL_PLACEHOLDERS


class LetterConfigError(ValueError):
    """config/letters.yaml asks for something a letter cannot have."""


@dataclass(frozen=True)
class Letterhead:
    """What a center's letters print about it: the number's prefix (Arabic digits), the
    office's address, the phone line at the bottom and the usual signer's position and name."""

    prefix: str
    office: str
    phone: str
    signer: str
    signer_name: str = ""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    en: str
    to: str
    texts: dict

    def label_in(self, locale):
        return entry_label({"label": self.label, "en": self.en}, locale)

    @property
    def to_agency(self):
        return self.to == "agency"


class LetterKinds:
    """The kinds of config/letters.yaml, checked when loaded so a bad text fails at start-up."""

    def __init__(self, data):
        self.report_days = int(data["report_days"])
        self.letterheads = data["letterhead"]
        self.letterheads_in_province = {str(code): levels for code, levels
                                        in data.get("letterhead_in_province", {}).items()}
        self.provinces = {str(code): abbr for code, abbr in data["provinces"].items()}
        self.kinds = {entry["code"]: _kind(entry) for entry in data["kinds"]}

    @classmethod
    def load(cls, config_dir):
        with open(os.path.join(config_dir, "letters.yaml"), encoding="utf-8") as f:
            return cls(yaml.safe_load(f))

    def get(self, code):
        """The kind of that code, or ``None`` (a kind the ministry has since retired)."""
        return self.kinds.get(code)

    def __contains__(self, code):
        return code in self.kinds

    def choices(self, locale="th"):
        return [(kind.code, kind.label_in(locale)) for kind in self.kinds.values()]

    def letterhead(self, center):
        """``center``'s letterhead: its own settings where set (letterhead.py), else the level's
        defaults (as its province has them)."""
        in_province = self.letterheads_in_province.get(center.province_code or "", {})
        defaults = {**self.letterheads[center.level], **in_province.get(center.level, {})}
        values = {"abbr": self.provinces.get(center.province_code or "", ""),
                  "name": center.name_th, "code": center.code}
        prefix = center.agency_prefix or defaults["prefix"].format_map(values)
        return Letterhead(prefix=to_arabic_digits(prefix).strip(),
                          office=defaults["office"].format_map(values),
                          phone=defaults["phone"],
                          signer=center.signer_position or defaults["signer"].format_map(values),
                          signer_name=center.signer_name)

    def agency_for(self, complaint):
        """Whom a letter to an agency goes to unless the officer chooses another: the agency
        the last such letter went to (a follow-up), else the agency complained about."""
        sent = self._agency_letters(complaint)
        return sent[-1].addressee if sent else complaint.respondent.get("agency", "")

    def draft(self, code, complaint, center, agency=""):
        """The fields of a new letter of kind ``code`` from ``center`` about ``complaint``;
        ``agency`` is the agency a letter to an agency goes to (its ``{agency}``)."""
        kind = self.kinds[code]
        values = self._placeholders(complaint, center, personal=not kind.to_agency)
        values["agency"] = agency
        complainant = complaint.complainant
        personal = [] if not kind.to_agency else [
            " ".join(filter(None, (complainant.get("first_name"), complainant.get("last_name")))),
            complainant.get("national_id") or ""]
        drafted = {field: redact(kind.texts[field].format_map(values), personal).strip()
                   for field in DRAFTED}
        letterhead = self.letterhead(center)
        drafted["signer_name"] = letterhead.signer_name
        drafted["signer_position"] = letterhead.signer
        return drafted

    def _agency_letters(self, complaint):
        return [letter for letter in complaint.issued_letters()
                if letter.kind in self and self.get(letter.kind).to_agency]

    def _placeholders(self, complaint, center, personal):
        sent = self._agency_letters(complaint)
        values = {
            "center": center.title,
            "receipt": to_thai_digits(f"{complaint.receipt_number}/{complaint.receipt_year}"),
            "received_date": format_date(complaint.received_at),
            "subject": complaint.subject,
            "tracking_code": format_code(complaint.tracking_code),
            "report_days": to_thai_digits(str(self.report_days)),
            "agency_letter": cited(sent[-1]) if sent else "",
        }
        if personal:
            values["complainant"] = complainant_name(complaint.complainant)
        return values


def cited(letter):
    """How another letter refers to ``letter``: ``หนังสือ<center> ที่ … ลงวันที่ …``."""
    return (f"หนังสือ{letter.issuing_center.title} {letter.number_text()} "
            f"ลงวันที่ {format_date(letter.issued_at)}")


def complainant_name(complainant):
    """Title and name as a letter addresses the complainant; nothing for an anonymous one."""
    if complainant.get("anonymous"):
        return ""
    title = complainant.get("title") or ""
    name = " ".join(filter(None, (complainant.get("first_name"), complainant.get("last_name"))))
    return f"{title}{name}" if name else ""


def _kind(entry):
    if entry["to"] not in AUDIENCES:
        raise LetterConfigError(f"letter kind {entry['code']}: `to` must be one of {AUDIENCES}")
    allowed = PLACEHOLDERS - (PERSONAL_PLACEHOLDERS if entry["to"] == "agency" else set())
    texts = {field: entry.get(field, "") for field in DRAFTED}
    for field, text in texts.items():
        used = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
        if used - allowed:
            raise LetterConfigError(
                f"letter kind {entry['code']}: {field} may not use {sorted(used - allowed)}")
    return Kind(entry["code"], entry["label"], entry["en"], entry["to"], texts)
