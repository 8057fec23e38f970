"""damrong.ocr with the real Tesseract, poppler and WeasyPrint on small synthetic pages.

Pages are rendered by demo.scans from fixed seeds, so a failure is reproducible; each page
holds a few lines only, which keeps Tesseract's share of the run short.
"""
import os
import random
import sys

import numpy as np
import pytest
from PIL import Image
from rapidfuzz import fuzz

from damrong.demo import scans
from damrong.ocr import PageText, ocr_file, ocr_image, page_count
from damrong.scripts import cli
from damrong.thai.digits import to_thai_digits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

DIGIT_LINES = (
    "ที่ มท ๐๒๑๒/๓๔๕๖\n"
    "วันที่ ๒๗ มิถุนายน ๒๕๖๘\n"
    "โทร. ๐ ๘๙๗๖ ๕๔๓๒\n"
    "จำนวนเงิน ๑๘๔,๖๗๙ บาท"
)
PHRASE = "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี"
# No า after an ำ: WeasyPrint's text layer maps the า glyph to the ำ it
# was first drawn in, so "ดำรง...ราชบุรี" would come back "...รำชบุรี".
LAYER_TEXT = "ขอส่งเรื่องร้องเรียน ที่ มท ๐๒๐๕.๓/ว ๓๕๑๒ ถึงศูนย์ดำรงธรรม"


def squeezed(text):
    return "".join(text.split())


def scanned(text, seed, font=None):
    rng = random.Random(seed)
    return scans.degrade(scans.render_page(text, font or scans.find_thai_font(), rng), rng)


def test_all_thai_digits_come_back_right():
    page = ocr_image(scanned(DIGIT_LINES, seed=4))
    text = squeezed(page.text)
    for number in ("๐๒๑๒/๓๔๕๖", "๒๗มิถุนายน๒๕๖๘", "๐๘๙๗๖๕๔๓๒", "๑๘๔,๖๗๙"):
        assert number in text, page.text
    assert isinstance(page, PageText) and page.source == "ocr" and page.number == 1
    assert page.dpi == 300 and page.image.size == scans.PAGE_SIZE
    assert 0 < page.confidence <= 100
    # the words carry the corrected text too, boxed inside the page image
    assert "๓๔๕๖" in "".join(word.text for word in page.words)
    for word in page.words:
        assert 0 <= word.left and word.left + word.width <= page.image.width


@pytest.mark.parametrize("turn", [90, 180])
def test_turned_page_is_read_upright(turn):
    text = f"{PHRASE}\nได้รับเรื่องร้องเรียนจากประชาชนในพื้นที่\nและได้ส่งเรื่องให้หน่วยงานที่เกี่ยวข้องตรวจสอบ"
    page = ocr_image(scanned(text, seed=5).rotate(turn, expand=True))
    assert PHRASE in squeezed(page.text)
    assert page.image.height > page.image.width  # portrait again


@pytest.mark.slow
def test_born_digital_pdf_uses_its_text_layer_and_scanned_pages_are_read(tmp_path):
    weasyprint = pytest.importorskip("weasyprint")
    scan = tmp_path / "scan.png"
    scanned(DIGIT_LINES, seed=6).save(scan, dpi=(300, 300))
    html = f"""<html><head><style>@page {{ size: A4; margin: 0 }}
        p {{ font-family: Laksaman; font-size: 16pt; margin: 3cm }}
        img {{ width: 210mm; height: 297mm; display: block }}</style></head><body>
        <p>{LAYER_TEXT}</p>
        <img src="{scan.as_uri()}"></body></html>"""
    pdf = tmp_path / "mixed.pdf"
    weasyprint.HTML(string=html).write_pdf(pdf)
    assert page_count(str(pdf)) == 2
    first, second = ocr_file(str(pdf))
    assert first.source == "text-layer" and first.confidence == 100.0 and first.image is None
    assert squeezed(LAYER_TEXT) in squeezed(first.text)
    assert second.source == "ocr" and second.number == 2
    assert "๐๒๑๒/๓๔๕๖" in squeezed(second.text)


@pytest.fixture(scope="module")
def tiff(tmp_path_factory):
    pages = [scanned(f"หน้า {to_thai_digits(str(number))}\n{PHRASE}", seed=number, font=font)
             for number, font in ((1, None), (2, scans.thai_fonts()["Norasi"]))]
    path = tmp_path_factory.mktemp("tiff") / "scan.tiff"
    scans.save_scan(pages, path, "tiff")
    return path


def test_multipage_tiff(tiff):
    assert page_count(str(tiff)) == 2
    pages = list(ocr_file(str(tiff)))
    assert [page.number for page in pages] == [1, 2]
    assert "หน้า๑" in squeezed(pages[0].text) and "หน้า๒" in squeezed(pages[1].text)
    assert all(PHRASE in squeezed(page.text) for page in pages)


def test_cli_prints_pages_separated_by_form_feeds(tiff, capsys):
    assert cli.main(["-c", os.path.join(ROOT, "development.ini"), "ocr", str(tiff)]) == 0
    printed = capsys.readouterr().out
    first, second = printed.split("\f")
    assert "หน้า๑" in squeezed(first) and "หน้า๒" in squeezed(second)


@pytest.mark.slow
def test_bench_smoke(tmp_path):
    sys.path.insert(0, os.path.join(ROOT, "bench"))
    import ocr as bench  # bench/ocr.py

    # the tuning set's first two pages: a letter in Arabic digits with English terms, and a
    # petition in Thai digits (the letter alone has no Thai digit, so no Thai-digit figure)
    sets = {"tuning": bench.tuning_pages(2, seed=7, directory=tmp_path),
            "independent": bench.sample_pages()[:1]}
    figures = bench.run(sets, log=lambda text: None, ablation=True)
    lines = []
    bench.report(figures, lines.append)
    table = "\n".join(lines)
    assert "== tuning set: 2 pages ==" in table and "== independent set: 1 pages ==" in table
    assert "ours, no digit reader" in table and "time ratio ours / tha, median" in table
    # switched off for its own reading only: the steps are back in place afterwards
    from damrong.ocr import pipeline, tesseract
    assert pipeline.correct_lines.__module__ == "damrong.ocr.digits"
    assert tesseract._without_specks.__name__ == "_without_specks"
    # without the digit reader, the petition's Thai digits are Tesseract's own
    assert figures["tuning"]["ours, no digit reader"]["thai"][0] < figures["tuning"]["ours"]["thai"][0]
    assert "worst pages, ours against plain tha" in table and "targets (independent set)" in table
    tuning = figures["tuning"]
    # both measured on the same pages (the letter carries English terms), and ours the better one
    assert 0 <= tuning["ours"]["cer"] < tuning["tha"]["cer"]
    assert tuning["ours"]["digits"][1] > 20 and tuning["tha"]["per_page"] > 0
    independent = figures["independent"]
    assert independent["ours"]["latin"][1] > 0  # the sample's first page carries English words


def test_no_line_is_lost_at_single_spacing():
    """Tone marks of one line close to the descenders of the line above (the
    way WeasyPrint and office suites print "single" spacing) cost no line."""
    places = ("หนองบัว", "ท่าช้าง", "บ้านโป่ง", "ดอนตะโก", "เขาแร้ง", "ปากท่อ", "วังเย็น")
    text = "\n".join(f"ได้รับแจ้งว่าถนนในหมู่บ้าน{place}ชำรุดเสียหายเป็นเวลานาน" for place in places)
    rng = random.Random(11)
    page = ocr_image(scans.degrade(
        scans.render_page(text, scans.find_thai_font(), rng, spacing=1.05), rng))
    lines = [line for line in page.text.splitlines() if line.strip()]
    assert len(lines) == len(places), page.text
    # Every line keeps its start: a character misread here or there is not a lost start.
    assert all(fuzz.partial_ratio("แจ้งว่าถนนในหมู่บ้าน", squeezed(line)) >= 85
               for line in lines), page.text
    assert len([place for place in places if place in squeezed(page.text)]) >= 4, page.text


def test_english_words_come_back_in_latin_script_and_their_digits_untouched():
    text = ("ประชุมผ่านระบบ Video Conference ครั้งที่ ๑๒\n"
            "ติดต่อ saraban@moi.go.th หรือ Call Center 1567\n"
            "เอกสารที่ https://www.example.go.th/complaint")
    page = ocr_image(scanned(text, seed=12))
    for term in ("Video", "Conference", "saraban@moi.go.th", "Call", "Center", "1567",
                 "https://www.example.go.th/complaint"):
        assert term in page.text.split(), page.text
    assert "๑๒" in squeezed(page.text)


def test_an_address_or_term_broken_at_a_joint_is_one_word_again():
    from damrong.ocr import tesseract
    from damrong.ocr.page import Word

    def joined(*texts):
        words = tuple((Word(text, 0, 0, 10, 10, 90.0),) for text in texts)
        return [tesseract.joined(word).text for word in tesseract._joined_addresses(words)]

    assert joined("ที่", "https://www.", "moi.", "go.th/a", "ขอ", "A.") == [
        "ที่", "https://www.moi.go.th/a", "ขอ", "A."]
    assert joined("saraban", "@dopa.go.th") == ["saraban@dopa.go.th"]
    assert joined("ระบบ", "E-", "inspection", "Data.", "The") == [
        "ระบบ", "E-inspection", "Data.", "The"]  # a sentence's full stop is no joint
    assert joined("https:", "Iwww.moi.go.th") == ["https://www.moi.go.th"]  # slashes misread


def test_a_broken_zero_is_one_glyph_two_zeros_are_two():
    from damrong.ocr import glyphs

    ink = np.zeros((60, 200), np.uint8)
    ink[10:50, 10:22] = ink[10:50, 24:36] = 1  # "(" and ")" 2 px apart: one ๐ broken
    ink[10:50, 80:115] = ink[10:50, 125:160] = 1  # two round glyphs 10 px apart
    assert len(glyphs.glyph_boxes(ink)) == 3


def test_a_reread_number_replaces_tesseracts_digits_but_not_the_mark_before_it():
    from damrong.ocr.digits import _merged, _Number
    from damrong.ocr.page import Word

    piece = lambda text, left: Word(text, left, 0, 20, 40, 90.0)  # noqa: E731
    # Tesseract: "ที่ ๑๕" with the box of ่ drifted over the number, which it misread
    words = [(piece("ท", 0), piece("ี", 20), piece("่", 62)), (piece("๑", 60), piece("๕", 80))]
    number = _Number("๑๔", 60, 0, 100, 40, 100.0)
    assert [word.text for word in _merged(words, [number], reach=10)] == ["ที่", "๑๔"]


def test_a_speck_stacked_far_from_a_glyph_is_left_out_a_mark_close_to_it_is_not():
    from damrong.ocr import glyphs

    ink = np.zeros((80, 120), np.uint8)
    ink[10:50, 10:40] = 1  # a glyph 40 px high
    ink[66:70, 20:24] = 1  # a speck of dust 16 px below it
    ink[10:50, 70:100] = 1
    ink[3:8, 75:95] = 1  # a mark 2 px above its letter, a fifth of its ink
    assert glyphs.glyph_boxes(ink) == [(10, 10, 40, 50), (70, 3, 100, 50)]


def test_words_a_few_pixels_high_are_dropped_with_a_line_left_empty():
    from damrong.ocr import tesseract
    from damrong.ocr.page import Word

    def line(top, *heights):
        words = tuple((Word("ก", 100 * i, top, 40, h, 90.0),) for i, h in enumerate(heights))
        return tesseract.Line(0, top, 1000, top + 100, 1, words)

    # a row of tone marks the line box caught, then a line made only of them
    lines = [line(0, 80, 85, 90, 9), line(100, 85, 80), line(200, 10, 8, 12)]
    kept = tesseract._without_specks(lines)
    assert [[tesseract.joined(w).height for w in kept_line.words] for kept_line in kept] == [
        [80, 85, 90], [85, 80]]


def _ruled_table(rows, widths, seed):
    """A scanned page holding a ruled table whose cells each hold the given lines of text."""
    from PIL import ImageDraw, ImageFont

    rng = random.Random(seed)
    page = Image.new("L", scans.PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(scans.find_thai_font(), 54, layout_engine=ImageFont.Layout.RAQM)
    top = 300
    for row in rows:
        height = 110 + 70 * (max(len(lines) for lines in row) - 1)
        left = 200
        for width, lines in zip(widths, row):
            draw.rectangle((left, top, left + width, top + height), outline=0, width=3)
            for number, text in enumerate(lines):
                draw.text((left + 18, top + 75 + 70 * number), text, font=font, fill=0,
                          anchor="ls", language="th")
            left += width
        top += height
    return scans.degrade(page, rng)


def test_a_ruled_table_is_read_cell_by_cell_without_its_rules():
    """Cells that wrap come out whole, row after row, and no rule comes out as a "|"."""
    rows = [
        (["๑๒๐๔/๒๕๖๘"], ["ศูนย์ดำรงธรรม", "จังหวัดราชบุรี"], ["ขอความช่วยเหลือกรณี", "น้ำท่วมบ้านเรือน"]),
        (["๑๒๐๕/๒๕๖๘"], ["ที่ทำการปกครอง", "อำเภอเมือง"], ["ร้องเรียนการไม่จ่าย", "ค่าจ้างแรงงาน"]),
        (["๑๒๐๖/๒๕๖๘"], ["ประชาชน"], ["ขอให้ตรวจสอบการ", "บุกรุกที่ดิน"]),
    ]
    page = ocr_image(_ruled_table(rows, (380, 560, 700), seed=21))
    text = squeezed(page.text)
    cells = ["".join(lines) for row in rows for lines in row]
    # every cell whole (a tone mark Tesseract drops here or there is no lost cell)...
    assert all(fuzz.partial_ratio(cell, text) >= 85 for cell in cells), page.text
    # ...and in reading order: row by row, cell by cell
    places = [place for cell in cells if (place := text.find(cell)) >= 0]
    assert len(places) >= 5 and places == sorted(places), page.text
    assert "|" not in page.text and "!" not in page.text, page.text


def test_rules_enclosing_cells_go_and_a_long_stroke_of_text_stays():
    from damrong.ocr.tables import without_rules

    bilevel = np.full((1000, 1200), 255, np.uint8)
    for y in (100, 300, 500):
        bilevel[y:y + 3, 100:1100] = 0
    for x in (100, 600, 1100):
        bilevel[100:503, x:x + 3] = 0
    bilevel[200:240, 200:230] = 0  # a glyph inside a cell
    bilevel[800:803, 100:1100] = 0  # an underline below the table: it encloses nothing
    unruled, tables = without_rules(bilevel)
    assert len(tables) == 1 and len(tables[0]) == 4
    first, second, third, _ = tables[0]
    assert first.left < second.left and first.top == second.top < third.top  # row by row
    # only the glyph is left (and a speck or two where rules end at an odd pixel)
    assert 40 * 30 <= (unruled[100:503, 100:1103] == 0).sum() <= 40 * 30 + 20
    assert (unruled[200:240, 200:230] == 0).all()
    assert (unruled[800:803, 100:1100] == 0).all()  # the underline encloses nothing: it stays
    assert without_rules(np.full((500, 500), 255, np.uint8))[1] == []


def test_words_in_cells_are_put_together_cell_by_cell():
    from damrong.ocr.page import Word
    from damrong.ocr.tables import Cell, in_reading_order

    word = lambda text, left, top: Word(text, left, top, 80, 40, 90.0)  # noqa: E731
    table = [Cell(0, 0, 200, 200), Cell(210, 0, 400, 200), Cell(0, 210, 400, 400, row=1)]
    lines = [(1, [word("title", 0, -100)]),
             (2, [word("a1", 10, 10), word("b1", 220, 12)]),  # each cell's first line
             (2, [word("a2", 10, 60), word("b2", 220, 62)]),  # each cell's second line
             (2, [word("c1", 10, 250)]),  # the next row
             (3, [word("after", 0, 500)])]
    ordered = in_reading_order(lines, [table])
    assert [[w.text for w in words] for _, words in ordered] == [
        ["title"], ["a1"], ["a2"], ["b1"], ["b2"], ["c1"], ["after"]]
    blocks = [block for block, _ in ordered]
    assert blocks[0] != blocks[1] == blocks[4] != blocks[5] != blocks[6]  # a row is a block


def test_a_sheet_photographed_on_a_desk_is_flattened_to_a4_and_a_scan_is_left_alone():
    import cv2

    from damrong.ocr.prepare import flattened_sheet, prepare

    rng = random.Random(22)
    sheet = np.asarray(scans.render_page(PHRASE + "\n" + DIGIT_LINES, scans.find_thai_font(),
                                         rng).convert("L"))
    corners = np.float32([(700, 500), (2350, 620), (2450, 3350), (560, 3300)])  # askew
    turn = cv2.getPerspectiveTransform(
        np.float32([(0, 0), (sheet.shape[1], 0), (sheet.shape[1], sheet.shape[0]),
                    (0, sheet.shape[0])]), corners)
    photo = cv2.warpPerspective(sheet, turn, (3000, 4000), borderValue=60)
    flat = flattened_sheet(photo)
    assert flat is not None and flat.shape == (3508, 2480)  # A4 at 300 dpi, upright
    assert flattened_sheet(sheet) is None  # a scan: the sheet fills the picture
    assert flattened_sheet(np.full((4000, 3000), 60, np.uint8)) is None  # no sheet at all
    page = ocr_image(Image.fromarray(photo, "L"))
    assert "๐๒๑๒/๓๔๕๖" in squeezed(page.text), page.text
    assert prepare(Image.fromarray(photo, "L"))[0].shape == (3508, 2480)
