"""Synthetic petitions and their scanned images (damrong.demo)."""
import datetime
import io
import random
import re
import shutil
import subprocess
import unicodedata
from difflib import SequenceMatcher

import pytest
from PIL import Image, ImageChops

from damrong.demo import scans
from damrong.demo.people import fake_person, full_name
from damrong.demo.petitions import CATEGORY_HINTS, fake_petition, petition_text
from damrong.thai.digits import to_thai_digits

PLACE = {"province_name": "เชียงใหม่", "district_name": "สันทราย", "subdistrict_name": "หนองหาร"}
RECEIVED = datetime.date(2019, 6, 25)


def id_is_valid(national_id):
    """Independent re-statement of the Thai ID checksum."""
    if not re.fullmatch(r"[1-8]\d{12}", national_id):
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(national_id[:12]))
    return (11 - total % 11) % 10 == int(national_id[12])


def letter(seed):
    rng = random.Random(seed)
    person = fake_person(rng, PLACE)
    petition = fake_petition(rng, person, PLACE, RECEIVED)
    return person, petition, petition_text(petition, person, PLACE, RECEIVED)


@pytest.fixture(scope="module")
def font_path():
    try:
        return scans.find_thai_font()
    except RuntimeError as error:
        pytest.skip(str(error))


@pytest.fixture(scope="module")
def scanned(font_path):
    """A two-page letter, rendered and degraded once for the whole module."""
    _, petition, text = letter(2)
    pages = scans.render_pages(text, font_path, random.Random(2))
    assert len(pages) == 2, "seed 2 is expected to give a two-page letter"
    return petition, [scans.degrade(page, random.Random(20 + n)) for n, page in enumerate(pages)]


def test_fake_person_ids_pass_checksum():
    for seed in range(500):
        assert id_is_valid(fake_person(random.Random(seed))["national_id"]), seed


def test_fake_person_fields():
    for seed in range(100):
        person = fake_person(random.Random(seed), PLACE)
        assert person["title"] in ("นาย", "นาง", "นางสาว")
        assert re.fullmatch(r"0[689]\d-\d{3}-\d{4}", person["phone"])
        assert re.fullmatch(r"[\u0e00-\u0e7f]+", person["first_name"] + person["last_name"])
        assert person["address"].endswith("ตำบลหนองหาร อำเภอสันทราย จังหวัดเชียงใหม่")
        assert f"หมู่ที่ {person['moo']}" in person["address"]


def test_bangkok_addresses_use_khwaeng_and_khet():
    place = {"province_name": "กรุงเทพมหานคร", "district_name": "เขตดุสิต", "subdistrict_name": "วชิรพยาบาล"}
    assert fake_person(random.Random(1), place)["address"].endswith("แขวงวชิรพยาบาล เขตดุสิต กรุงเทพมหานคร")


def test_fake_petition_fields():
    categories = set()
    for seed in range(200):
        _, petition, _ = letter(seed)
        categories.add(petition["category_hint"])
        assert petition["subject"] and "{" not in petition["subject"] + petition["details"]
        assert 2 <= len(petition["details"].split("\n\n")) <= 4
        assert set(petition["respondent"]) == {"name", "position", "agency"}
        assert petition["respondent"]["name"] or petition["respondent"]["agency"]
    assert categories == set(CATEGORY_HINTS)


def test_letter_uses_thai_digits_and_buddhist_era():
    person, petition, text = letter(5)
    assert "วันที่ ๒๕ มิถุนายน ๒๕๖๒" in text
    assert "เรื่อง  " + to_thai_digits(petition["subject"]) in text
    for expected in ("เรียน  ", "จึงเรียนมาเพื่อโปรดพิจารณา", "ขอแสดงความนับถือ", "(ลงชื่อ)",
                     f"( {full_name(person)} )", to_thai_digits(f"อายุ {person['age']} ปี")):
        assert expected in text
    # Only the ID and the phone number keep Arabic digits.
    id_grouped = re.sub(r"(\d)(\d{4})(\d{5})(\d{2})(\d)", r"\1-\2-\3-\4-\5", person["national_id"])
    assert id_grouped in text
    assert not re.search(r"\d", text.replace(id_grouped, "").replace(person["phone"], ""), re.ASCII)


def test_wrapped_lines_never_split_a_cluster(font_path):
    font = scans.load_font(font_path)
    text = "ข้าพเจ้าขอความกรุณาให้ท่านได้โปรดสั่งการให้หน่วยงานที่เกี่ยวข้องเข้าตรวจสอบ" * 6
    lines = scans._wrap(text, font, 900, 1200, 0.85)
    assert len(lines) > 3 and "".join(lines) == text
    for line in lines:
        assert scans._width(font, line) <= 1200
        assert unicodedata.category(line[0]) != "Mn" and line[0] not in "ะาำ"
        assert line[-1] not in "เแโใไ"


def test_wrapping_prefers_spaces_and_keeps_numbers_whole(font_path):
    font = scans.load_font(font_path)
    lines = scans._wrap("เลขประจำตัวประชาชน 3-6685-87840-05-2 โทรศัพท์ 085-668-2823", font, 700, 700, 0)
    assert lines == ["เลขประจำตัวประชาชน", "3-6685-87840-05-2", "โทรศัพท์ 085-668-2823"]


def test_render_and_degrade(font_path, scanned):
    _, pages = scanned
    for page in pages:
        assert page.mode == "L" and page.size == scans.PAGE_SIZE
        dark = sum(page.histogram()[:100])
        assert dark > 20_000, "the page should carry text"
    assert sum(pages[0].histogram()[:100]) > sum(pages[1].histogram()[:100])


@pytest.mark.slow
def test_render_and_degrade_are_deterministic(font_path):
    _, _, text = letter(3)

    def scan(seed):
        clean = scans.render_pages(text, font_path, random.Random(seed))[0]
        return scans.degrade(clean, random.Random(seed))

    assert ImageChops.difference(scan(7), scan(7)).getbbox() is None
    assert ImageChops.difference(scan(7), scan(8)).getbbox() is not None


def test_render_page_refuses_text_that_overflows(font_path):
    long_text = "\n".join(["\t\tข้าพเจ้าขอร้องเรียน"] * 40)
    assert len(scans.render_pages(long_text, font_path, random.Random(1))) == 2
    with pytest.raises(ValueError, match="render_pages"):
        scans.render_page(long_text, font_path, random.Random(1))
    assert scans.render_page("เรื่อง  ทดสอบ", font_path, random.Random(1)).size == scans.PAGE_SIZE


def test_signature_stays_with_the_last_line_of_text(font_path):
    _, _, text = letter(2)
    font = scans.load_font(font_path)
    last_page = scans._paginate(scans._layout(text, font), scans.line_height(font))[-1]
    assert last_page[0][1].startswith("จึงเรียนมาเพื่อโปรดพิจารณา")
    assert last_page[-1][1].startswith("( ")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", scans.FORMATS)
def test_save_scan_round_trips(tmp_path, scanned, fmt):
    _, pages = scanned
    written = scans.save_scan(pages, tmp_path / f"petition.{fmt}", fmt)
    if fmt == "pdf":
        data = written[0].read_bytes()
        assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) == 2
        return
    if fmt == "tiff":
        with Image.open(written[0]) as image:
            assert image.n_frames == 2 and image.mode == "1" and image.size == scans.PAGE_SIZE
        return
    assert [path.name for path in written] == [f"petition-1.{fmt}", f"petition-2.{fmt}"]
    for path in written:
        with Image.open(path) as image:
            assert image.size == scans.PAGE_SIZE and image.mode == "L"


def test_save_scan_single_page_keeps_the_name(tmp_path, scanned):
    _, pages = scanned
    assert scans.save_scan(pages[:1], tmp_path / "one.jpg", "jpeg") == [tmp_path / "one.jpg"]
    with pytest.raises(ValueError):
        scans.save_scan(pages, tmp_path / "x.gif", "gif")


def _tesseract_has_thai():
    if not shutil.which("tesseract"):
        return False
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    return "tha" in langs.split()


def _ocr_key(text):
    """Tesseract drops some tone marks and writes SARA AM as two characters;
    compare without either, and without spaces."""
    text = text.replace("\u0e4d\u0e32", "\u0e33")
    return re.sub(r"[\s\u0e48-\u0e4b]", "", text)


@pytest.mark.skipif(not _tesseract_has_thai(), reason="tesseract with Thai data not installed")
def test_tesseract_reads_the_subject(scanned):
    petition, pages = scanned
    top = pages[0].crop((0, 0, scans.PAGE_SIZE[0], scans.PAGE_SIZE[1] // 3))  # OCR time scales with area
    png = _png_bytes(top)
    ocr = subprocess.run(["tesseract", "-", "-", "-l", "tha"], input=png, capture_output=True, check=True)
    subject = _ocr_key(to_thai_digits(petition["subject"]))
    best = max(SequenceMatcher(None, subject, _ocr_key(line.split("เรื่อง", 1)[-1])).ratio()
               for line in ocr.stdout.decode().splitlines())
    assert best >= 0.85, ocr.stdout.decode()


def _png_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
