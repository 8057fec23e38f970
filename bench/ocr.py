"""OCR benchmark: our pipeline and plain Tesseract, side by side, on the same scanned pages.

    .venv/bin/python bench/ocr.py [--pages 40] [--quick] [--seed 2568] [--dir DIR] [--no-scaling]

Pages.  ``--pages`` synthetic A4 pages at 300 dpi, built from ``--seed`` and cached in
``bench/results/ocr-pages-<seed>-<pages>/`` (page-NNN.png + page-NNN.txt, the ground truth):
in turn an official letter (ที่ มท ๐๒๑๒/๑๒๓๔, a date like ๒๕ มิถุนายน ๒๕๖๘, amounts, a phone
number), a citizen's petition (``damrong.demo.petitions``), a receipt register table with ruled
cells, and every fourth letter written with Arabic digits; fonts rotate over the TLWG designs
(Laksaman, Norasi, Kinnari, Loma, Garuda, Waree, Umpush).  Each page is degraded like a scan by
``damrong.demo.scans.degrade`` (skew up to ±1.5°, blur, uneven light, noise, dust, JPEG 55-85).
The digit model never sees these pages: it is trained on random numbers from its own seed.
Tuning was done on ``--seed 1``; the default seed 2568 is the held-out set the figures report.

Figures (ours = ``damrong.ocr.ocr_image``; peer = ``tesseract PAGE stdout -l tha``, the CLI on
the same page files), both single-threaded (OMP_THREAD_LIMIT=1), one process:
- CER: Levenshtein edits / ground-truth characters, all whitespace removed from both sides
  (Thai has no spaces between words, so where a space falls is not an error).
- digit accuracy: the ground truth's digit characters (Thai ๐-๙ and Arabic 0-9) that the
  optimal alignment maps onto the identical character; a digit dropped, added in the wrong
  script or misread counts as wrong.  Also shown for ๔ ๖ ๗ ๘ ๙ alone, which stock Tesseract lacks.
- pages per minute per core: pages / wall-clock minutes of one single-threaded process,
  everything included (loading the page file, preprocessing, recognition, digits).
- scaling: our pipeline on the same pages split over 2 worker processes vs 1 process.
"""
import argparse
import datetime
import multiprocessing
import os
import random
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_THREAD_LIMIT", "1")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402
from rapidfuzz.distance import Levenshtein  # noqa: E402

from damrong.demo import people, petitions, scans  # noqa: E402
from damrong.thai.dates import format_date  # noqa: E402
from damrong.thai.digits import format_number, to_arabic_digits, to_thai_digits  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DIGITS = "0123456789๐๑๒๓๔๕๖๗๘๙"
MISSING_DIGITS = "๔๖๗๘๙"
TARGETS = {"cer": 2.5, "digits": 99.0, "speed": 0.8, "scaling": 1.7}

# -- the page set ------------------------------------------------------------------------------

_UNITS = ("๐๒๑๒", "๐๒๐๕.๓", "๐๓๑๘", "๗๐๐๑", "๕๐๐๒", "๐๓๐๗.๑")
_SUBJECTS = ("ขอให้รายงานผลการดำเนินการเรื่องร้องเรียน", "ส่งเรื่องร้องเรียนเพื่อพิจารณาดำเนินการ",
             "แจ้งผลการพิจารณาเรื่องร้องเรียน", "ติดตามผลการดำเนินการตามหนังสือที่อ้างถึง",
             "ขอเชิญประชุมคณะทำงานศูนย์ดำรงธรรม")
_OFFICES = ("ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี", "ศูนย์ดำรงธรรมจังหวัดเชียงใหม่",
            "ที่ทำการปกครองอำเภอปักธงชัย", "ศูนย์ดำรงธรรมกระทรวงมหาดไทย")
_ADDRESSEES = ("นายอำเภอเมืองราชบุรี", "ผู้ว่าราชการจังหวัดนครราชสีมา", "นายกองค์การบริหารส่วนตำบลตะคุ",
               "ผู้อำนวยการสำนักงานที่ดินจังหวัดราชบุรี", "ผู้จัดการการไฟฟ้าส่วนภูมิภาคอำเภอปักธงชัย")
_MATTERS = ("ขอให้ตรวจสอบการบุกรุกที่ดินสาธารณประโยชน์", "ร้องเรียนการเก็บค่าธรรมเนียมเกินอัตรา",
            "ขอความช่วยเหลือกรณีน้ำท่วมบ้านเรือน", "ร้องเรียนเหตุเดือดร้อนรำคาญจากโรงงาน",
            "ขอให้ไกล่เกลี่ยข้อพิพาทเรื่องแนวเขตที่ดิน", "ร้องเรียนการไม่จ่ายค่าจ้างแรงงาน")


def _random_date(rng):
    return datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randrange(540))


def _number(rng, low, high):
    return to_thai_digits(str(rng.randint(low, high)))


def official_letter(rng, thai_digits=True):
    """An external letter (หนังสือภายนอก) of a center about a complaint."""
    sent, received = _random_date(rng), _random_date(rng)
    amount = rng.randrange(1_000, 2_000_000)
    unit = rng.choice(_UNITS)
    lines = [
        f"ที่ มท {unit}/{_number(rng, 1, 9999)}\t\t\t\t\t{rng.choice(_OFFICES)}",
        f"\t\t\t\t\t\t\tถนน{rng.choice(('สมเด็จพระเจ้าตากสิน', 'ราชดำเนิน', 'เพชรเกษม'))} "
        f"{to_thai_digits(str(rng.randint(10000, 99999)))}",
        "",
        f"\t\t\t\t\t{format_date(sent)}",
        "",
        f"เรื่อง  {rng.choice(_SUBJECTS)}",
        f"เรียน  {rng.choice(_ADDRESSEES)}",
        f"อ้างถึง  หนังสือที่ มท {rng.choice(_UNITS)}/ว {_number(rng, 1, 9999)} "
        f"ลงวันที่ {format_date(received)}",
        f"สิ่งที่ส่งมาด้วย  สำเนาหนังสือร้องเรียน จำนวน {_number(rng, 1, 9)} ฉบับ",
        "",
        f"\t\tตามที่ {rng.choice(_OFFICES)} ได้รับเรื่องร้องเรียนเลขรับที่ "
        f"{_number(rng, 1, 4999)}/{to_thai_digits(str(sent.year + 543))} เรื่อง "
        f"{rng.choice(_MATTERS)} ในพื้นที่หมู่ที่ {_number(rng, 1, 18)} "
        f"ตำบล{rng.choice(('ตะคุ', 'หน้าเมือง', 'ดอนตะโก', 'ช้างเผือก'))} "
        f"ความละเอียดแจ้งแล้ว นั้น",
        f"\t\tศูนย์ดำรงธรรมได้ตรวจสอบข้อเท็จจริงแล้ว ปรากฏว่ามีผู้ได้รับความเดือดร้อน "
        f"จำนวน {format_number(rng.randint(2, 480))} ครัวเรือน คิดเป็นมูลค่าความเสียหาย "
        f"{format_number(amount)}.{to_thai_digits(f'{rng.randrange(100):02d}')} บาท "
        f"และได้นัดหมายผู้เกี่ยวข้องเข้าชี้แจงในวันที่ {format_date(_random_date(rng))} "
        f"เวลา {to_thai_digits(f'{rng.randint(8, 16):02d}.{rng.choice((0, 15, 30, 45)):02d}')} น. "
        f"ณ ห้องประชุมชั้น {_number(rng, 1, 4)}",
        f"\t\tจึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ และแจ้งผลให้ทราบภายใน "
        f"{_number(rng, 7, 30)} วัน นับแต่วันที่ได้รับหนังสือนี้",
        "",
        "\t\t\t\t\t\tขอแสดงความนับถือ",
        "",
        "",
        f"\t\t\t\t\t( {people.full_name(people.fake_person(rng))} )",
        "\t\t\t\t\tปลัดอำเภอ หัวหน้าศูนย์ดำรงธรรม",
        "",
        "ศูนย์ดำรงธรรมอำเภอ",
        f"โทร. {to_thai_digits(f'0 {rng.randint(2000, 7999)} {rng.randint(1000, 9999)}')}",
        f"โทรสาร {to_thai_digits(f'0 {rng.randint(2000, 7999)} {rng.randint(1000, 9999)}')}",
    ]
    text = "\n".join(lines)
    return text if thai_digits else to_arabic_digits(text)


def petition(rng):
    """A citizen's typed petition, cut to what fits on one page."""
    person = people.fake_person(rng)
    received = _random_date(rng)
    matter = petitions.fake_petition(rng, person, people.GENERIC_PLACE, received)
    return petitions.petition_text(matter, person, people.GENERIC_PLACE, received)


def register_rows(rng, count=14):
    """Rows of a receipt register (ทะเบียนหนังสือรับ)."""
    header = ("เลขรับ", "ที่", "ลงวันที่", "จาก", "เรื่อง")
    rows = [header]
    first = rng.randint(1, 3000)
    for offset in range(count):
        date = _random_date(rng)
        rows.append((
            to_thai_digits(f"{first + offset}/{date.year + 543}"),
            f"มท {rng.choice(_UNITS)}/{_number(rng, 1, 9999)}",
            format_date(date, short=True),
            rng.choice(("อำเภอเมือง", "จังหวัด", "อบต.ตะคุ", "ประชาชน", "สำนักนายกฯ")),
            rng.choice(_MATTERS)[:22],
        ))
    return rows


def table_page(rows, font_path, rng):
    """A ruled register table on an A4 page; the truth is read row by row.

    As a word processor sizes a register's columns, each column is as wide as its longest
    cell plus padding, and the last one (the subject) takes the rest of the line, its cells
    cut to fit: no text runs under a rule.
    """
    page = Image.new("L", scans.PAGE_SIZE, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(font_path, 54, layout_engine=ImageFont.Layout.RAQM)
    left, top, height = 190 + rng.randint(-15, 15), 330 + rng.randint(-15, 15), 110
    pad = 18
    widths = [round(max(font.getlength(row[column], language="th") for row in rows)) + 2 * pad
              for column in range(len(rows[0]) - 1)]
    widths.append(scans.PAGE_SIZE[0] - 120 - left - sum(widths))
    rows = [row[:-1] + (_cut_to_fit(row[-1], font, widths[-1] - 2 * pad),) for row in rows]
    ink = rng.randint(0, 45)
    draw.text((left, top - 90), "ทะเบียนหนังสือรับ", font=font, fill=ink, language="th")
    for r, row in enumerate(rows):
        y = top + r * height
        x = left
        for width, cell in zip(widths, row):
            draw.rectangle((x, y, x + width, y + height), outline=ink, width=3)
            draw.text((x + pad, y + 75), cell, font=font, fill=ink, anchor="ls", language="th")
            x += width
    truth = "ทะเบียนหนังสือรับ\n" + "\n".join(" ".join(row) for row in rows)
    return page, truth


def _cut_to_fit(text, font, room):
    """``text`` without the characters that would reach past ``room`` pixels."""
    while text and font.getlength(text, language="th") > room:
        text = text[:-1]
    return text


def _fitting_page(text, font_path, rng):
    """Render ``text``, dropping lines from its end until one page holds it."""
    lines = text.split("\n")
    while True:
        try:
            return scans.render_page("\n".join(lines), font_path, rng), "\n".join(lines)
        except ValueError:
            lines = lines[:-1]


def build_pages(count, seed, directory=None):
    """Make (or find cached) ``count`` degraded pages; returns [(image path, truth)]."""
    directory = Path(directory or RESULTS / f"ocr-pages-{seed}-{count}")
    directory.mkdir(parents=True, exist_ok=True)
    fonts = list(scans.thai_fonts().values())
    rng = random.Random(seed)
    pages = []
    for number in range(1, count + 1):
        image_path = directory / f"page-{number:03d}.png"
        truth_path = directory / f"page-{number:03d}.txt"
        page_rng = random.Random(rng.randrange(2**32))
        if not (image_path.exists() and truth_path.exists()):
            font = fonts[(number - 1) % len(fonts)]
            kind = (number - 1) % 3
            if kind == 0:
                clean, truth = _fitting_page(official_letter(page_rng, number % 4 != 1),
                                             font, page_rng)
            elif kind == 1:
                clean, truth = _fitting_page(petition(page_rng), font, page_rng)
            else:
                clean, truth = table_page(register_rows(page_rng), font, page_rng)
            scanned = scans.degrade(clean, page_rng)
            scanned.save(image_path, dpi=(scans.DPI, scans.DPI))
            truth_path.write_text(truth, encoding="utf-8")
        pages.append((str(image_path), truth_path.read_text(encoding="utf-8")))
    return pages


# -- reading ------------------------------------------------------------------------------------


def ours(path):
    from damrong.ocr import ocr_image

    with Image.open(path) as image:
        return ocr_image(image).text


def peer(path):
    return subprocess.run(["tesseract", path, "stdout", "-l", "tha"], check=True,
                          capture_output=True, encoding="utf-8").stdout


def read_all(reader, paths):
    """Texts of ``paths`` and the wall-clock seconds it took, in this process."""
    began = time.perf_counter()
    texts = [reader(path) for path in paths]
    return texts, time.perf_counter() - began


def _read_share(paths):
    return read_all(ours, paths)[0]


def read_in_processes(paths, processes):
    """Wall-clock seconds for our pipeline on ``paths`` split over ``processes`` workers."""
    shares = [paths[i::processes] for i in range(processes)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        pool.apply(_warm_up)  # model loaded before the clock starts, as in a running worker
        began = time.perf_counter()
        pool.map(_read_share, shares, chunksize=1)
        return time.perf_counter() - began


def _warm_up():
    from damrong.ocr.digit_model import digit_model

    digit_model()


# -- scoring ------------------------------------------------------------------------------------


def score(truth, text):
    """Edits, characters, and per-digit (total, right) for one page."""
    truth, text = "".join(truth.split()), "".join(text.split())
    from damrong.thai.normalize import normalize_text

    truth, text = normalize_text(truth), normalize_text(text)
    right = [False] * len(truth)
    for block in Levenshtein.opcodes(truth, text):
        if block.tag == "equal":
            for i in range(block.src_start, block.src_end):
                right[i] = True
    digits = {}
    for char, ok in zip(truth, right):
        if char in DIGITS:
            total, good = digits.get(char, (0, 0))
            digits[char] = (total + 1, good + ok)
    return Levenshtein.distance(truth, text), len(truth), digits


def summarize(pages, texts, seconds):
    edits = chars = 0
    digits = {}
    for (_, truth), text in zip(pages, texts):
        e, c, d = score(truth, text)
        edits, chars = edits + e, chars + c
        for char, (total, good) in d.items():
            t, g = digits.get(char, (0, 0))
            digits[char] = (t + total, g + good)

    def accuracy(selection):
        total = sum(digits.get(c, (0, 0))[0] for c in selection)
        good = sum(digits.get(c, (0, 0))[1] for c in selection)
        return 100 * good / total if total else float("nan"), total

    return {
        "cer": 100 * edits / chars,
        "digits": accuracy(DIGITS),
        "missing": accuracy(MISSING_DIGITS),
        "thai": accuracy(DIGITS[10:]),
        "arabic": accuracy(DIGITS[:10]),
        "per_digit": {c: digits.get(c, (0, 0)) for c in DIGITS},
        "seconds": seconds,
        "ppm": 60 * len(texts) / seconds,
    }


def run(count, seed, directory=None, scaling=True, log=print):
    log(f"building {count} pages (seed {seed}) ...")
    pages = build_pages(count, seed, directory)
    paths = [path for path, _ in pages]
    _warm_up()  # the digit model is built once per machine, not per page
    log("reading with our pipeline ...")
    ours_texts, ours_seconds = read_all(ours, paths)
    log("reading with plain tesseract -l tha ...")
    peer_texts, peer_seconds = read_all(peer, paths)
    figures = {"pages": count, "seed": seed,
               "ours": summarize(pages, ours_texts, ours_seconds),
               "peer": summarize(pages, peer_texts, peer_seconds)}
    if scaling:
        log("our pipeline in 1 and 2 processes ...")
        one = read_in_processes(paths, 1)
        two = read_in_processes(paths, 2)
        figures["scaling"] = {"one": one, "two": two, "ratio": one / two}
    return figures


def report(figures, out=print):
    ours_f, peer_f = figures["ours"], figures["peer"]
    out(f"\n== OCR on {figures['pages']} synthetic scanned Thai pages (seed {figures['seed']}, "
        "300 dpi, degraded) ==")
    out("   ours = damrong.ocr.ocr_image (tha, preprocessing, digit model); "
        "peer = tesseract PAGE stdout -l tha")
    out(f"{'figure':<38}{'ours':>12}{'peer':>12}{'target':>14}")
    rows = [
        ("CER, whitespace-insensitive (%)", ours_f["cer"], peer_f["cer"], f"≤ {TARGETS['cer']}"),
        (f"digit accuracy (%), n={ours_f['digits'][1]}", ours_f["digits"][0],
         peer_f["digits"][0], f"≥ {TARGETS['digits']:g}"),
        (f"  Thai digits ๐-๙ (%), n={ours_f['thai'][1]}", ours_f["thai"][0],
         peer_f["thai"][0], ""),
        (f"  Arabic digits 0-9 (%), n={ours_f['arabic'][1]}", ours_f["arabic"][0],
         peer_f["arabic"][0], ""),
        (f"  ๔ ๖ ๗ ๘ ๙ only (%), n={ours_f['missing'][1]}", ours_f["missing"][0],
         peer_f["missing"][0], ""),
        ("pages per minute per core", ours_f["ppm"], peer_f["ppm"],
         f"≥ {TARGETS['speed']}× peer"),
        ("seconds per page", ours_f["seconds"] / figures["pages"],
         peer_f["seconds"] / figures["pages"], ""),
    ]
    for label, a, b, target in rows:
        out(f"{label:<38}{a:>12.2f}{b:>12.2f}{target:>14}")
    out("per digit, ours/peer correct of n: " + "  ".join(
        f"{c} {ours_f['per_digit'][c][1]}/{peer_f['per_digit'][c][1]} of {ours_f['per_digit'][c][0]}"
        for c in DIGITS[10:]))
    verdicts = {
        "CER": ours_f["cer"] <= TARGETS["cer"],
        "digits": ours_f["digits"][0] >= TARGETS["digits"],
        "speed": ours_f["ppm"] >= TARGETS["speed"] * peer_f["ppm"],
    }
    out(f"speed ratio ours/peer per core: {ours_f['ppm'] / peer_f['ppm']:.2f}×")
    if "scaling" in figures:
        s = figures["scaling"]
        out(f"our pipeline, 1 process: {s['one']:.1f} s; 2 processes: {s['two']:.1f} s; "
            f"scaling {s['ratio']:.2f}× (target ≥ {TARGETS['scaling']}×, {os.cpu_count()} CPUs, "
            "shared machine)")
        verdicts["scaling"] = s["ratio"] >= TARGETS["scaling"]
    out("targets: " + ", ".join(f"{name} {'MET' if ok else 'NOT MET'}"
                                for name, ok in verdicts.items()))
    return all(verdicts.values())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=None, help="pages (default 42, quick 6)")
    parser.add_argument("--quick", action="store_true", help="6 pages, no scaling run")
    parser.add_argument("--seed", type=int, default=2568,
                        help="page set seed (2568: held-out report set; 1: tuning set)")
    parser.add_argument("--dir", help="where to cache the pages (default bench/results/...)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 2-process run")
    args = parser.parse_args(argv)
    count = args.pages or (6 if args.quick else 42)
    figures = run(count, args.seed, args.dir, scaling=not (args.quick or args.no_scaling),
                  log=lambda text: print(text, flush=True))
    return 0 if report(figures) else 1


if __name__ == "__main__":
    sys.exit(main())
