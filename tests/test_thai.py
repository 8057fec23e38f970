"""Unit tests for damrong.thai: digits, BE dates, fiscal years, national IDs, normalisation."""

import random
from datetime import date, datetime, timedelta, timezone

import pytest

from damrong.thai import national_id
from damrong.thai.dates import (
    BANGKOK,
    BE_OFFSET,
    MONTHS,
    MONTHS_SHORT,
    be_year,
    format_date,
    format_datetime,
    now_bangkok,
    parse_thai_date,
)
from damrong.thai.digits import format_number, format_percent, to_arabic_digits, to_thai_digits
from damrong.thai.fiscal import fiscal_month_starts, fiscal_year, fiscal_year_bounds
from damrong.thai.normalize import normalize_text

UTC = timezone.utc


# --- digits -----------------------------------------------------------------


def test_to_thai_digits_maps_every_digit_and_keeps_the_rest():
    assert to_thai_digits("0123456789") == "๐๑๒๓๔๕๖๗๘๙"
    assert to_thai_digits("ห้อง 12/3, A-7.") == "ห้อง ๑๒/๓, A-๗."
    assert to_thai_digits("") == ""


def test_to_arabic_digits_maps_every_digit_and_keeps_the_rest():
    assert to_arabic_digits("๐๑๒๓๔๕๖๗๘๙") == "0123456789"
    assert to_arabic_digits("เลขที่ ๑๒/๒๕๖๗ (x9)") == "เลขที่ 12/2567 (x9)"


def test_digit_conversions_are_inverse():
    text = "วันที่ 25 มิ.ย. 2562 เวลา 14.30 น."
    assert to_arabic_digits(to_thai_digits(text)) == text


@pytest.mark.parametrize(
    ("n", "thai", "expected"),
    [
        (208142, True, "๒๐๘,๑๔๒"),
        (208142, False, "208,142"),
        (0, True, "๐"),
        (0, False, "0"),
        (999, False, "999"),
        (1000, False, "1,000"),
        (-1234567, False, "-1,234,567"),
        (-5, True, "-๕"),
        (-1000, True, "-๑,๐๐๐"),
    ],
)
def test_format_number(n, thai, expected):
    assert format_number(n, thai=thai) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (12.3456, {}, "๑๒.๓๕"),
        (12.3456, {"thai": False}, "12.35"),
        (12.3456, {"thai": False, "places": 1}, "12.3"),
        (100, {"thai": False, "places": 0}, "100"),
        (0, {}, "๐.๐๐"),
        (-3.5, {"thai": False}, "-3.50"),
        (-0.001, {"thai": False}, "0.00"),
        (1234.5, {"thai": False}, "1,234.50"),
    ],
)
def test_format_percent(value, kwargs, expected):
    assert format_percent(value, **kwargs) == expected


# --- dates ------------------------------------------------------------------


def test_date_constants():
    assert BE_OFFSET == 543
    assert len(MONTHS) == 12 and len(MONTHS_SHORT) == 12
    assert MONTHS[0] == "มกราคม" and MONTHS[5] == "มิถุนายน" and MONTHS[11] == "ธันวาคม"
    assert MONTHS_SHORT[2] == "มี.ค." and MONTHS_SHORT[5] == "มิ.ย." and MONTHS_SHORT[11] == "ธ.ค."
    assert BANGKOK.key == "Asia/Bangkok"


def test_be_year():
    assert be_year(date(2019, 6, 25)) == 2562
    assert be_year(date(2024, 1, 1)) == 2567
    # 31 Dec 20:00 UTC is already New Year's Day in Bangkok.
    assert be_year(datetime(2024, 12, 31, 20, 0, tzinfo=UTC)) == 2568
    assert be_year(datetime(2024, 12, 31, 20, 0)) == 2567  # naive = Bangkok time


def test_format_date_long_and_short():
    d = date(2019, 6, 25)
    assert format_date(d) == "๒๕ มิถุนายน ๒๕๖๒"
    assert format_date(d, short=True) == "๒๕ มิ.ย. ๖๒"
    assert format_date(d, thai_digits=False) == "25 มิถุนายน 2562"
    assert format_date(d, short=True, thai_digits=False) == "25 มิ.ย. 62"


def test_format_date_single_digit_day_and_year_ending_in_zero():
    assert format_date(date(2000, 1, 1), short=True, thai_digits=False) == "1 ม.ค. 43"
    assert format_date(date(2057, 3, 5), short=True, thai_digits=False) == "5 มี.ค. 00"
    assert format_date(date(2024, 2, 29)) == "๒๙ กุมภาพันธ์ ๒๕๖๗"


def test_format_date_converts_aware_datetimes_to_bangkok():
    late_utc = datetime(2019, 6, 24, 18, 30, tzinfo=UTC)  # 01:30 on the 25th in Bangkok
    assert format_date(late_utc) == "๒๕ มิถุนายน ๒๕๖๒"
    assert format_date(datetime(2019, 6, 24, 18, 30)) == "๒๔ มิถุนายน ๒๕๖๒"


def test_format_datetime():
    dt = datetime(2019, 6, 25, 14, 30, tzinfo=BANGKOK)
    assert format_datetime(dt) == "๒๕ มิถุนายน ๒๕๖๒ เวลา ๑๔.๓๐ น."
    assert format_datetime(dt, short=True) == "๒๕ มิ.ย. ๖๒ เวลา ๑๔.๓๐ น."
    assert format_datetime(dt, thai_digits=False) == "25 มิถุนายน 2562 เวลา 14.30 น."


def test_format_datetime_converts_utc_and_pads_hours():
    dt = datetime(2019, 6, 25, 2, 5, tzinfo=UTC)  # 09:05 Bangkok
    assert format_datetime(dt, thai_digits=False) == "25 มิถุนายน 2562 เวลา 09.05 น."
    midnight = datetime(2024, 12, 31, 17, 0, tzinfo=UTC)  # 00:00, 1 Jan 2025 in Bangkok
    assert format_datetime(midnight, short=True, thai_digits=False) == "1 ม.ค. 68 เวลา 00.00 น."


def test_now_bangkok_is_aware_and_in_bangkok():
    now = now_bangkok()
    assert now.utcoffset() == timedelta(hours=7)
    assert abs(now - datetime.now(UTC)) < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("วันที่ ๒๕ มิถุนายน ๒๕๖๒", date(2019, 6, 25)),
        ("วันที่ 25 มิถุนายน 2562", date(2019, 6, 25)),
        ("3 ก.ค. 67", date(2024, 7, 3)),
        ("๓ ก.ค. ๖๗", date(2024, 7, 3)),
        ("ลงวันที่ 1 ตุลาคม พ.ศ. 2567 เรื่อง ร้องเรียน", date(2024, 10, 1)),
        ("ณ วันที่ 03 พ.ค. พ.ศ.2567", date(2024, 5, 3)),
        ("29 กุมภาพันธ์ 2567", date(2024, 2, 29)),
        ("31 ธ.ค. 2566", date(2023, 12, 31)),
        ("1 ม.ค. 2567", date(2024, 1, 1)),
        ("12มกราคม2568", date(2025, 1, 12)),
        ("ส่งเมื่อ\n15 ม. ค 68\nโดย", date(2025, 1, 15)),  # OCR spacing, lost final dot
        ("ก.พ. 1 ก.พ. 2567", date(2024, 2, 1)),
        ("ครั้งที่ 1 เมื่อ 2 มี.ค. 67 และ 9 เม.ย. 67", date(2024, 3, 2)),
    ],
)
def test_parse_thai_date_finds_dates(text, expected):
    assert parse_thai_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "ไม่มีวันที่ในข้อความนี้",
        "31 เมษายน 2567",  # April has 30 days
        "29 กุมภาพันธ์ 2566",  # 2023 is not a leap year
        "0 มกราคม 2567",
        "32 ม.ค. 67",
        "25 มิถุนายน",  # no year
        "มิถุนายน 2562",  # no day
        "25 มิถุนายน 256",  # three-digit year
        "25 มิถุนายน 25620",  # too many digits
        "เลขที่ 125 มิถุนายน 2562",  # day would have to be three digits
        "31 เมษายน 2567 และ 1 พฤษภาคม 2567",  # first date invalid: no guessing
    ],
)
def test_parse_thai_date_rejects(text):
    assert parse_thai_date(text) is None


def test_parse_thai_date_round_trips_format_date():
    for day in (date(2019, 6, 25), date(2024, 2, 29), date(2024, 12, 31), date(2025, 1, 1)):
        for month in range(1, 13):
            d = day.replace(month=month, day=min(day.day, 28))
            for short in (False, True):
                for thai in (False, True):
                    text = format_date(d, short=short, thai_digits=thai)
                    assert parse_thai_date(text) == d, text


# --- fiscal years -------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 9, 30), 2567),
        (date(2024, 10, 1), 2568),
        (date(2024, 12, 31), 2568),
        (date(2025, 1, 1), 2568),
        (date(2024, 2, 29), 2567),
        (date(2025, 9, 30), 2568),
        (date(2025, 10, 1), 2569),
        (datetime(2025, 9, 30, 23, 59, 59), 2568),  # naive = Bangkok
        (datetime(2025, 9, 30, 16, 59, 59, tzinfo=UTC), 2568),  # 23:59:59 Bangkok
        (datetime(2025, 9, 30, 17, 0, tzinfo=UTC), 2569),  # 00:00 on 1 Oct Bangkok
        (datetime(2025, 9, 30, 18, 0, tzinfo=UTC), 2569),
        (datetime(2025, 10, 1, 0, 30, tzinfo=BANGKOK), 2569),
    ],
)
def test_fiscal_year(d, expected):
    assert fiscal_year(d) == expected


def test_fiscal_year_bounds():
    assert fiscal_year_bounds(2568) == (date(2024, 10, 1), date(2025, 10, 1))
    assert fiscal_year_bounds(2543) == (date(1999, 10, 1), date(2000, 10, 1))


def test_fiscal_year_bounds_agree_with_fiscal_year():
    for fy in (2566, 2567, 2568):
        start, end = fiscal_year_bounds(fy)
        assert fiscal_year(start) == fy
        assert fiscal_year(end - timedelta(days=1)) == fy
        assert fiscal_year(end) == fy + 1
        assert fiscal_year(start - timedelta(days=1)) == fy - 1


def test_fiscal_month_starts():
    starts = fiscal_month_starts(2568)
    assert starts == [
        date(2024, 10, 1),
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
        date(2025, 3, 1),
        date(2025, 4, 1),
        date(2025, 5, 1),
        date(2025, 6, 1),
        date(2025, 7, 1),
        date(2025, 8, 1),
        date(2025, 9, 1),
    ]
    assert all(fiscal_year(d) == 2568 for d in starts)


# --- national ID ----------------------------------------------------------------


def test_check_digit_known_values():
    assert national_id.check_digit("123456789012") == 1  # S = 352, 352 mod 11 = 0
    assert national_id.check_digit("310120034567") == 7  # S = 169, mod 11 = 4
    assert national_id.check_digit("010000000000") == 0  # S = 12, mod 11 = 1 -> 10 -> 0


@pytest.mark.parametrize("bad", ["12345678901", "1234567890123", "12345678901a", "๑๒๓๔๕๖๗๘๙๐๑๒"])
def test_check_digit_rejects_anything_but_twelve_arabic_digits(bad):
    with pytest.raises(ValueError):
        national_id.check_digit(bad)


def test_clean():
    assert national_id.clean(" 1-2345-67890-12-1 ") == "1234567890121"
    assert national_id.clean("๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑") == "1234567890121"
    assert national_id.clean("1 2345 67890 12 1") == "1234567890121"
    assert national_id.clean("1–2345–67890–12–1") == "1234567890121"  # en dashes
    assert national_id.clean("1.2345") == "1.2345"


@pytest.mark.parametrize(
    "text",
    [
        "1234567890121",
        "1-2345-67890-12-1",
        "๑-๒๓๔๕-๖๗๘๙๐-๑๒-๑",
        "๑๒๓๔๕๖๗๘๙๐๑๒๑",
        "3 1012 00345 67 7",
        "0100000000000",
        "0010000000001",  # S = 11, mod 11 = 0 -> check digit 1
    ],
)
def test_is_valid_accepts(text):
    assert national_id.is_valid(text)


@pytest.mark.parametrize(
    "text",
    [
        "1234567890122",  # wrong check digit
        "1234567890120",
        "2134567890121",  # transposed digits
        "123456789012",  # too short
        "12345678901210",  # too long
        "1234567890l21",  # letter l instead of 1
        "1.2345.67890.12.1",
        "",
    ],
)
def test_is_valid_rejects(text):
    assert not national_id.is_valid(text)


def test_format_id():
    assert national_id.format_id("1234567890121") == "1-2345-67890-12-1"
    assert national_id.format_id("๑๒๓๔๕๖๗๘๙๐๑๒๑") == "1-2345-67890-12-1"
    assert national_id.format_id("1-2345-67890-12-1") == "1-2345-67890-12-1"


def test_mask():
    assert national_id.mask("1234567890121") == "1-xxxx-xxxxx-xx-1"
    assert national_id.mask("3-1012-00345-67-7") == "3-xxxx-xxxxx-xx-7"


@pytest.mark.parametrize("bad", ["123456789012", "12345678901234", "abcdefghijklm"])
def test_format_and_mask_reject_wrong_length(bad):
    with pytest.raises(ValueError):
        national_id.format_id(bad)
    with pytest.raises(ValueError):
        national_id.mask(bad)


def test_generate_produces_valid_ids():
    rng = random.Random(2568)
    ids = [national_id.generate(rng) for _ in range(1000)]
    for value in ids:
        assert len(value) == 13 and value.isascii() and value.isdigit()
        assert value[0] in "12345678"
        assert national_id.is_valid(value)
    assert len(set(ids)) > 990
    assert {value[0] for value in ids} == set("12345678")


def test_generate_is_reproducible_from_seed():
    first = [national_id.generate(random.Random(7)) for _ in range(3)]
    assert len(set(first)) == 1


# --- normalisation ----------------------------------------------------------------


def test_normalize_composes_sara_am():
    assert normalize_text("\u0e19\u0e4d\u0e32") == "\u0e19\u0e33"  # น + ํ + า -> นำ
    assert normalize_text("ทํางาน") == "ทำงาน"


def test_normalize_composes_sara_am_around_tone_mark():
    assert normalize_text("\u0e19\u0e4d\u0e49\u0e32") == "น้ำ"  # nikhahit, tone, aa
    assert normalize_text("\u0e19\u0e49\u0e4d\u0e32") == "น้ำ"  # tone, nikhahit, aa
    assert normalize_text("ค\u0e4d\u0e48\u0e32") == "ค่ำ"
    assert "น้ำ" == "\u0e19\u0e49\u0e33"


def test_normalize_removes_zero_width_characters():
    text = "\ufeffสำ\u200bนัก\u200cงาน\u200d\u2060ศูนย์\u00adดำรงธรรม"
    assert normalize_text(text) == "สำนักงานศูนย์ดำรงธรรม"
    assert normalize_text("น\u0e4d\u200b\u0e32") == "นำ"  # hidden inside a decomposed sara am


def test_normalize_line_endings_and_trailing_spaces():
    assert normalize_text("บรรทัด 1  \r\nบรรทัด 2\t\r\n\r\nจบ ") == "บรรทัด 1\nบรรทัด 2\n\nจบ"
    assert normalize_text("  เยื้อง  สอง  ช่อง\n") == "  เยื้อง  สอง  ช่อง\n"


def test_normalize_keeps_everything_else():
    text = "เลขที่ ๑๒/2567  ศูนย์ดำรงธรรม\tจังหวัด"
    assert normalize_text(text) == text
    assert normalize_text("") == ""


def test_normalize_applies_nfc():
    assert normalize_text("e\u0301") == "\u00e9"
    # Canonical order puts sara u (ccc 103) before a tone mark (ccc 107).
    assert normalize_text("\u0e1b\u0e48\u0e38") == "\u0e1b\u0e38\u0e48"


@pytest.mark.parametrize(
    "text",
    [
        "น\u0e4d\u0e49\u0e32 \r\n",
        "\u0e4d\u0e4d\u0e32",
        "\u0e4d\u0e48\u0e4d\u0e32",
        "a\u0301\u0e4d\u0e48\u0e32",
        "\r\r\n \u200b\r\n",
        "x \u200b\n",
    ],
)
def test_normalize_is_idempotent_on_tricky_input(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def test_normalize_is_idempotent_on_random_input():
    alphabet = "นก า\u0e32\u0e33\u0e4d\u0e48\u0e49\u0e4b\u0e38\u0e31\u0301\u200b\u00ad\ufeff\r\n\t\u00a0"
    rng = random.Random(42)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        once = normalize_text(text)
        assert normalize_text(once) == once, repr(text)
        assert "\u0e4d\u0e32" not in once
        assert "\r\n" not in once
