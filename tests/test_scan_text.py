"""Pure parts of scan intake: what names say, and form fields read out of OCR text."""

import datetime

from damrong.scans.names import NameHints, hints_from_name, parse_reference
from damrong.scans.prefill import extract
from damrong.thai.dates import BANGKOK

NOW = datetime.datetime(2026, 6, 30, 12, 0, tzinfo=BANGKOK)
GOOD_ID = "1101700203450"  # synthetic, passes the checksum


def test_receipt_number_in_arabic_or_thai_digits():
    assert hints_from_name("123-2568").receipt == (2568, 123)
    assert hints_from_name("รับที่ ๑๒๓-๒๕๖๘ หน้า 2").receipt == (2568, 123)
    assert hints_from_name("petition_45_2569").receipt == (2569, 45)
    assert parse_reference("รับที่ ๗/๒๕๖๙").receipt == (2569, 7)


def test_gregorian_dates_are_not_receipt_numbers():
    assert hints_from_name("scan_2025-01-05").receipt is None
    assert hints_from_name("IMG_0001").receipt is None


def test_tracking_code_with_or_without_dash_any_case():
    assert hints_from_name("ACDE-FGHJ").code == "ACDEFGHJ"
    assert hints_from_name("เอกสาร acdefghj เพิ่ม").code == "ACDEFGHJ"
    assert hints_from_name("SCAN0001 DOCUMENT") == NameHints()


PETITION = """\
เลขรับ ๑๒/๒๕๖๙ วันที่รับ ๓ มิ.ย. ๖๙ เวลา ๑๔.๓๐ น.
                                   เขียนที่ บ้านเลขที่ ๙ หมู่ ๒
                                   วันที่ ๑ มิถุนายน ๒๕๖๙
เรื่อง  ขอให้ตรวจสอบการปล่อยน้ำเสียลงลำห้วย
เรียน  นายอำเภอเมืองราชบุรี
ข้าพเจ้า นางมาลี ใจดี เลขประจำตัวประชาชน 1-1017-00203-45-0
โทร. ๐๘๑-๒๓๔-๕๖๗๘ หรือ 02 123 4567 บัญชีธนาคาร 1234567890123
"""


def test_petition_fields_are_found():
    found = extract(PETITION, now=NOW)
    assert found.subject == "ขอให้ตรวจสอบการปล่อยน้ำเสียลงลำห้วย"
    assert found.national_ids == [GOOD_ID]  # the bank account fails the checksum
    assert found.phones == ["081-234-5678", "02-123-4567"]
    assert found.received_at == datetime.datetime(2026, 6, 3, 14, 30, tzinfo=BANGKOK)


def test_without_a_receipt_stamp_the_first_date_is_used():
    found = extract("วันที่ ๒๕ มิถุนายน ๒๕๖๒\nเรื่อง: ร้องเรียนเสียงดัง", now=NOW)
    assert found.received_at == datetime.datetime(2019, 6, 25, tzinfo=BANGKOK)
    assert found.subject == "ร้องเรียนเสียงดัง"


def test_ocr_slips_and_nothing_found():
    assert extract("เรือง ถนนชำรุด", now=NOW).subject == "ถนนชำรุด"  # tone mark lost by OCR
    found = extract("ข้อความที่ไม่มีอะไรเลย 31 เมษายน 2569 เลข 1101700203451", now=NOW)
    assert found == type(found)()  # impossible date, wrong checksum: nothing suggested


def test_a_date_in_the_future_is_not_suggested():
    assert extract("วันที่รับ ๑ ธันวาคม ๒๕๗๐", now=NOW).received_at is None
