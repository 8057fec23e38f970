"""Turning a scanned page into the clean, upright 300 dpi image Tesseract reads best.

Tesseract's Thai model was trained on text about 30 px high; at other
resolutions, on skewed lines or on unevenly lit grey paper it drops marks
and vowels.  Each step here is cheap next to recognition itself (tens of
milliseconds on an A4 page).  OpenCV does the pixel work because its
median filter, thresholding and affine warps are C loops over the whole
page, which pure numpy or Pillow would need several passes to match.
"""
import cv2
import numpy as np
from PIL import Image

from damrong.ocr import tesseract
from damrong.resolution import TARGET_DPI

# One OpenCV thread, as Tesseract runs with one OpenMP thread: workers get
# their parallelism from processes, and two processes each spreading over
# both cores of a small machine slow each other down.
cv2.setNumThreads(1)

A4_LONG_SIDE_INCHES = 297 / 25.4
A4_SHORT_SIDE_INCHES = 210 / 25.4
MAX_SKEW_DEGREES = 3.0
# Tesseract's OSD on pages with few letters guesses; below this confidence
# a page is left as it is rather than turned on a guess.
MIN_ORIENTATION_CONFIDENCE = 2.0
_OSD_DPI = 150  # OSD only needs the shapes of lines; a smaller page halves its time
# A photographed sheet is looked for on the picture shrunk to this many pixels a side, and is
# taken for one if it covers this share of the picture: less is something else bright, more is
# a scan or a photograph that left no desk to see.
_SHEET_SIDE = 1000
_SHEET_SHARE = (0.2, 0.9)
_SHEET_INSET = 0.99
# An A4 sheet seen by a phone held roughly over it: its long sides 1.2-1.65 times its short
# ones (1.41 seen square on), and opposite sides within a quarter of each other.
_A4_SEEN = (1.2, 1.65)
_SIDES_SEEN = 1.25


def flattened_sheet(gray: np.ndarray) -> np.ndarray | None:
    """A sheet photographed on a darker surface, its four corners found and the sheet warped
    flat to A4 at TARGET_DPI; None if the picture is no such photograph (a scan, whose sheet
    fills it, or no four-cornered sheet standing out).

    A phone held over a desk sees the page smaller than the picture and askew: its rules run
    at angles that no deskewing levels, and its letters are smaller than the picture's size
    suggests, so it was read as a page at far too low a resolution.  The sheet is the largest
    bright region of the picture shrunk to ``_SHEET_SIDE`` pixels, text holes closed.  Built
    on the tuning set's photographed pages (``bench/ocr.py``: ``_on_a_desk``); there, CER
    27.3 -> 23.2 % and Thai digits 59.8 -> 72.1 %.
    """
    scale = _SHEET_SIDE / max(gray.shape)
    small = cv2.GaussianBlur(cv2.resize(gray, None, fx=scale, fy=scale,
                                        interpolation=cv2.INTER_AREA), (5, 5), 0)
    _, bright = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    sheet = max(contours, key=cv2.contourArea)
    share = cv2.contourArea(sheet) / small.size
    corners = cv2.approxPolyDP(sheet, 0.02 * cv2.arcLength(sheet, True), True).reshape(-1, 2)
    height, width = small.shape
    if (not _SHEET_SHARE[0] <= share <= _SHEET_SHARE[1] or len(corners) != 4
            or not cv2.isContourConvex(corners.reshape(-1, 1, 2))
            or (corners <= 2).any() or (corners[:, 0] >= width - 3).any()
            or (corners[:, 1] >= height - 3).any()):
        return None
    corners = _clockwise_from_top_left(_refined(sheet.reshape(-1, 2), corners) / scale)
    top, right, bottom, left = (np.linalg.norm(corners[(i + 1) % 4] - corners[i])
                                for i in range(4))
    across, down = top + bottom, left + right
    if (not _A4_SEEN[0] <= max(across, down) / min(across, down) <= _A4_SEEN[1]
            or max(top, bottom) > _SIDES_SEEN * min(top, bottom)
            or max(left, right) > _SIDES_SEEN * min(left, right)):
        return None  # a sheet half in shadow, or something else: left as it is
    middle = corners.mean(axis=0)
    corners = middle + (corners - middle) * _SHEET_INSET  # no sliver of the desk along an edge
    short, long = (round(inches * TARGET_DPI)
                   for inches in (A4_SHORT_SIDE_INCHES, A4_LONG_SIDE_INCHES))
    size = (short, long) if down >= across else (long, short)
    target = np.float32([(0, 0), (size[0], 0), size, (0, size[1])])
    return cv2.warpPerspective(gray, cv2.getPerspectiveTransform(corners, target), size,
                               flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)


def _refined(outline: np.ndarray, corners: np.ndarray) -> np.ndarray:
    """The four corners where straight lines fitted to the outline's sides meet: a corner
    the outline passes through is off by a pixel or two of the shrunk picture, which leaves
    the flattened lines of text tilted one way at the top and another at the bottom."""
    at = sorted(int(np.argmin(((outline - corner) ** 2).sum(axis=1))) for corner in corners)
    sides = []
    for start, end in zip(at, at[1:] + [at[0] + len(outline)]):
        points = np.take(outline, range(start, end + 1), axis=0, mode="wrap")
        trim = len(points) // 10  # the rounded ends near the corners
        points = points[trim:len(points) - trim] if len(points) > 20 else points
        vx, vy, x, y = cv2.fitLine(points.astype(np.float32), cv2.DIST_L2, 0, 0.01, 0.01).ravel()
        sides.append((np.array([x, y]), np.array([vx, vy])))
    refined = []
    for (p1, d1), (p2, d2) in zip(sides, sides[1:] + sides[:1]):
        t = np.linalg.solve(np.column_stack([d1, -d2]), p2 - p1)[0]
        refined.append(p1 + t * d1)
    return np.float32(refined)


def _clockwise_from_top_left(corners: np.ndarray) -> np.ndarray:
    """Four corners ordered top left, top right, bottom right, bottom left."""
    total, difference = corners.sum(axis=1), corners[:, 0] - corners[:, 1]
    return np.float32([corners[np.argmin(total)], corners[np.argmax(difference)],
                       corners[np.argmax(total)], corners[np.argmin(difference)]])


def page_dpi(image: Image.Image) -> float:
    """The resolution the scanner recorded, or, if it recorded none or an
    implausible one, what an A4 sheet of this size in pixels would have."""
    recorded = image.info.get("dpi")
    if recorded:
        dpi = float(recorded[0])
        if 100 <= dpi <= 1200:
            return dpi
    return max(image.size) / A4_LONG_SIDE_INCHES


def to_gray(image: Image.Image) -> np.ndarray:
    """Pixels as 8-bit grey; bilevel TIFF frames become 0/255."""
    if image.mode not in ("L", "1"):
        image = image.convert("RGBA") if "A" in image.getbands() else image
        if image.mode == "RGBA":  # transparent means paper, not black
            paper = Image.new("RGBA", image.size, "white")
            image = Image.alpha_composite(paper, image)
    return np.asarray(image.convert("L"))


def rescale(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Resample to TARGET_DPI unless already within 5 % of it."""
    factor = TARGET_DPI / dpi
    if abs(factor - 1) < 0.05:
        return gray
    size = (round(gray.shape[1] * factor), round(gray.shape[0] * factor))
    interpolation = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    return cv2.resize(gray, size, interpolation=interpolation)


def orientation(gray: np.ndarray) -> int:
    """Clockwise degrees (0, 90, 180, 270) the page must turn to be upright.

    Tesseract's OSD raises on pages with too little text (a photo, a blank
    back side); those pages, like unconfident guesses, count as upright.
    """
    small = cv2.resize(gray, None, fx=_OSD_DPI / TARGET_DPI, fy=_OSD_DPI / TARGET_DPI,
                       interpolation=cv2.INTER_AREA)
    found = tesseract.orientation(Image.fromarray(small), _OSD_DPI)
    if found is None or found[1] < MIN_ORIENTATION_CONFIDENCE:
        return 0
    return found[0]


def rotate_quarter(gray: np.ndarray, degrees_clockwise: int) -> np.ndarray:
    turns = {0: None, 90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180,
             270: cv2.ROTATE_90_COUNTERCLOCKWISE}[degrees_clockwise]
    return gray if turns is None else cv2.rotate(gray, turns)


def flatten_background(gray: np.ndarray) -> np.ndarray:
    """Divide out uneven lighting and the scanner lid's shadow: the paper
    becomes white everywhere, so one global threshold fits the whole page.

    The background is the page with its text closed away, estimated at a
    quarter of the resolution where a 15 px kernel spans any letter.
    """
    small = cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    background = cv2.resize(background, (gray.shape[1], gray.shape[0]),
                            interpolation=cv2.INTER_LINEAR)
    flat = gray.astype(np.float32) / np.maximum(background, 1).astype(np.float32) * 255
    return np.clip(flat, 0, 255).astype(np.uint8)


def binarize(gray: np.ndarray) -> np.ndarray:
    """Black text on white (0/255): a 3×3 median takes out sensor noise and
    fine dust, then Otsu picks the threshold from the page's own histogram."""
    clean = cv2.medianBlur(flatten_background(gray), 3)
    _, bilevel = cv2.threshold(clean, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return bilevel


def skew_angle(gray: np.ndarray) -> float:
    """Counter-clockwise degrees that make the text lines level, by projection profile.

    Rows of a page whose lines are level alternate between ink and paper,
    so the variance of the ink per row peaks at the right angle.  Searched
    on a quarter-size page, coarse (0.25°) then fine (0.05°), whose ink is
    told from paper there too: binarizing the whole page for it took as
    long as the search itself.
    """
    small = flatten_background(
        cv2.resize(gray, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA))
    _, paper = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    ink = 255 - paper
    best = 0.0
    for step, span in ((0.25, MAX_SKEW_DEGREES), (0.05, 0.25)):
        angles = np.arange(best - span, best + span + step / 2, step)
        scores = [_row_variance(ink, angle) for angle in angles]
        best = float(angles[int(np.argmax(scores))])
    return best


def _row_variance(ink: np.ndarray, angle: float) -> float:
    height, width = ink.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    turned = cv2.warpAffine(ink, matrix, (width, height), flags=cv2.INTER_NEAREST)
    return float(np.var(turned.sum(axis=1, dtype=np.float64)))


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    """Rotate by ``angle`` (counter-clockwise degrees) about the centre,
    filling the corners with white paper.  Angles under 0.05° are noise."""
    if abs(angle) < 0.05:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_CUBIC,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=255)


def prepare(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """The page level and at 300 dpi, as it lies: ``(grey, bilevel)``, same size.

    The grey page is what people see (and the searchable PDF shows); the
    bilevel one is what Tesseract and the digit reader read.  Whether it is
    upright is left to the caller (``turned_upright``): asking Tesseract
    costs a sixth of a page's time, and almost every page already is.
    """
    gray = to_gray(image)
    sheet = flattened_sheet(gray)
    return level(sheet if sheet is not None else rescale(gray, page_dpi(image)))


def turned_upright(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """``(grey, bilevel)`` of the page turned upright, or None if it already is
    (or Tesseract cannot tell)."""
    turn = orientation(gray)
    return level(rotate_quarter(gray, turn)) if turn else None


def level(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    gray = deskew(gray, skew_angle(gray))
    return gray, binarize(gray)
