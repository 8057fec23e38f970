"""Builds the independent OCR evaluation set: typeset pages, scanned or photographed, with truth.

    .venv/bin/python bench/ocr_eval/generate.py [--pages 64] [--seed 7001] [--dir bench/results/ocr-eval]

From Python (the benchmark): ``sys.path`` holding ``bench/``, ``from ocr_eval.generate import
build_set``; ``build_set(directory, count, seed)`` returns (image path, truth, metadata) per page.
Each page is page-NNN.jpg, page-NNN.txt (the printed text in reading order) and page-NNN.json
(kind, font, size, line height, dpi, degradation recipe, digit set, Latin-script words).  Pages
already built for the same seed are kept, so a second call costs only the reading.

Nothing here imports from ``damrong``: the set must not share code with what it evaluates.
"""
import argparse
import json
import multiprocessing
import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from PIL import Image  # noqa: E402

import scan  # noqa: E402
import texts  # noqa: E402
import typeset  # noqa: E402

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "results" / "ocr-eval"
DEFAULT_SEED = 7001
# Part of every page's plan, so that cached pages are rebuilt: bump it whenever a change to the
# texts, the layout or the degradations changes what a page looks like.
SET_VERSION = 1
# Share of the pages of each kind: letters and memos 40 %, tables 20 %, forms 15 %, the rest 25 %.
KIND_SHARES = {"letter": 0.2, "memo": 0.2, "table": 0.2, "form": 0.15, "petition": 0.1,
               "minutes": 0.075, "circular": 0.075}
# Laksaman (the design of TH Sarabun, the official letter font) on 40 % of the pages; the Noto
# families are used nowhere else in the project, the OCR's own tuning included.
FONT_SHARES = {"Laksaman": 0.4, "Norasi": 0.06, "Kinnari": 0.06, "Loma": 0.06, "Garuda": 0.06,
               "Waree": 0.06, "Umpush": 0.06, "Noto Sans Thai": 0.08, "Noto Serif Thai": 0.08,
               "Noto Looped Thai": 0.04}
# Fonts with a small x-height (the Sarabun-like ones) are set larger, as offices do.
SIZES_PT = {"Laksaman": (15, 18), "Norasi": (15, 17), "Kinnari": (15, 17)}
OTHER_SIZES_PT = (14, 16)
PHONE_SHARE = 0.15
DIGIT_SETS = ("thai", "thai", "mixed", "arabic")
LATIN_WORD = re.compile(r"[A-Za-z](?:[A-Za-z0-9@._:/-]*[A-Za-z0-9])?")


def plan(count: int, seed: int) -> list[dict]:
    """What every page will be: kind, font, size, spacing, resolution, scan or photo, recipe."""
    rng = random.Random(seed)
    kinds, fonts = _spread(KIND_SHARES, count, rng), _spread(FONT_SHARES, count, rng)
    phones = set(rng.sample(range(count), round(PHONE_SHARE * count)))
    pages = []
    for number, (kind, font) in enumerate(zip(kinds, fonts), 1):
        phone = number - 1 in phones
        spec = {"number": number, "seed": seed, "version": SET_VERSION, "kind": kind, "font": font,
                "size_pt": rng.randint(*SIZES_PT.get(font, OTHER_SIZES_PT)),
                "line_height": round(rng.uniform(1.0, 1.25), 2),
                "digit_plan": rng.choice(DIGIT_SETS), "colour": rng.random() < 0.5, "phone": phone}
        if phone:
            spec.update(raster_dpi=300, dpi=None, degradation={"name": "phone", **scan.phone_recipe(rng)})
        else:
            spec["dpi"] = spec["raster_dpi"] = rng.choice((300, 300, 300, 300, 200, 400))
            spec["degradation"] = {"name": "scanner", **scan.scanner_recipe(rng)}
        pages.append(spec)
    return pages


def _spread(shares: dict, count: int, rng: random.Random) -> list:
    """``count`` items in the given shares (largest remainders rounded up), in seeded order."""
    exact = {item: share * count for item, share in shares.items()}
    counts = {item: int(value) for item, value in exact.items()}
    by_remainder = sorted(exact, key=lambda i: exact[i] - counts[i], reverse=True)
    for item in by_remainder[:count - sum(counts.values())]:
        counts[item] += 1
    items = [item for item, n in counts.items() for _ in range(n)]
    rng.shuffle(items)
    return items


def build_page(directory: Path, spec: dict) -> tuple[str, str, dict]:
    """Compose, typeset, rasterise and degrade one page; write its image, truth and metadata."""
    stem = directory / f"page-{spec['number']:03d}"
    page_seed = spec["seed"] * 10_000 + spec["number"]
    document = texts.compose(spec["kind"], random.Random(page_seed), spec["digit_plan"])
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "page.pdf"
        document = typeset.typeset(document, spec["font"], spec["size_pt"], spec["line_height"], pdf)
        truth = document.truth()
        pdftotext_agrees = typeset.printed_text_matches(pdf, truth)
        with Image.open(typeset.rasterize(pdf, spec["raster_dpi"], spec["colour"])) as clean:
            clean = clean.convert("RGB" if spec["colour"] else "L")
    scan.seed_all(page_seed)
    image = stem.with_suffix(".jpg")
    if spec["phone"]:
        scan.photograph(clean, spec["degradation"], image)
    else:
        scan.scan(clean, spec["degradation"], spec["dpi"], image)
    metadata = {**spec, "digit_set": _digit_set(truth), "latin_words": LATIN_WORD.findall(truth),
                "pdftotext_agrees": pdftotext_agrees}
    stem.with_suffix(".txt").write_text(truth, encoding="utf-8")
    stem.with_suffix(".json").write_text(json.dumps(metadata, ensure_ascii=False, indent=1), encoding="utf-8")
    return str(image), truth, metadata


def _digit_set(truth: str) -> str:
    thai, arabic = re.search("[๐-๙]", truth), re.search("[0-9]", truth)
    return "mixed" if thai and arabic else "thai" if thai else "arabic" if arabic else "none"


def _cached(directory: Path, spec: dict) -> tuple[str, str, dict] | None:
    stem = directory / f"page-{spec['number']:03d}"
    paths = [stem.with_suffix(suffix) for suffix in (".jpg", ".txt", ".json")]
    if not all(path.exists() for path in paths):
        return None
    metadata = json.loads(paths[2].read_text(encoding="utf-8"))
    planned = json.loads(json.dumps(spec))  # as stored: tuples become lists
    if any(metadata.get(key) != value for key, value in planned.items()):
        return None
    return str(paths[0]), paths[1].read_text(encoding="utf-8"), metadata


def _build(job):
    return build_page(*job)


def build_set(directory=DEFAULT_DIR, count: int = 64, seed: int = DEFAULT_SEED,
              processes: int = 2) -> list[tuple[str, str, dict]]:
    """The set's pages as (image path, truth, metadata), building those not yet in ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    specs = plan(count, seed)
    pages = {spec["number"]: _cached(directory, spec) for spec in specs}
    missing = [(directory, spec) for spec in specs if pages[spec["number"]] is None]
    if missing:
        with multiprocessing.Pool(min(processes, len(missing))) as pool:
            for page in pool.imap_unordered(_build, missing):
                pages[page[2]["number"]] = page
    return [pages[number] for number in sorted(pages)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=64)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args(argv)
    started = time.monotonic()
    pages = build_set(args.dir, args.pages, args.seed, args.processes)
    disagreeing = [Path(path).name for path, _, meta in pages if not meta["pdftotext_agrees"]]
    print(f"{len(pages)} pages in {args.dir} ({time.monotonic() - started:.0f} s)")
    if disagreeing:
        print("pdftotext reads other characters than the truth on:", ", ".join(disagreeing))


if __name__ == "__main__":
    main()
