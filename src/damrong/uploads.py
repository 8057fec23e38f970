"""Checking uploaded scans before anything is stored, and keeping them across a form re-render.

The type is sniffed from the content (``filetype``), never taken from the extension; images are
fully decoded once, so a truncated file is caught at the counter instead of in the worker; the
pixel count is checked before decoding, so a decompression bomb is refused without being opened.
A file that passes is kept in a temporary store under var/, so a form that fails validation for
another field does not make the clerk attach the scans again.
"""

import hashlib
import io
import json
import os
import re
import time
import uuid
import warnings
from dataclasses import asdict, dataclass, replace

import filetype
import img2pdf
from PIL import Image, ImageFile, UnidentifiedImageError
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from .i18n import MessageError, _
from .resolution import TARGET_DPI

ACCEPTED = {"image/jpeg", "image/png", "image/tiff", "application/pdf"}
#: Images that several of, uploaded together, become one document of several pages.
PAGE_IMAGES = {"image/jpeg", "image/png", "image/tiff"}
_STALE_AFTER = 24 * 3600


@dataclass(frozen=True)
class Limits:
    """What one file may be: its size, its pixels per page (a decompression bomb is refused
    before it is decoded) and its pages (a 3,000-page PDF of 478 kB is 80 minutes of OCR)."""

    bytes: int
    pixels: int
    pages: int


class UploadError(MessageError):
    """A file that cannot be accepted; the message names the file (its numbers are plain ints,
    written in the reader's digits when it is shown)."""


@dataclass
class Upload:
    """A checked file in the temporary store."""

    uid: str
    filename: str
    mimetype: str
    size: int
    sha256: str
    page_count: int
    path: str


def check_file(path, filename, limits):
    """Return ``(mimetype, page_count)`` or raise ``UploadError`` saying what is wrong."""
    size = os.path.getsize(path)
    if size == 0:
        raise UploadError(_("ไฟล์ ${filename} ว่างเปล่า (๐ ไบต์)", mapping={"filename": filename}))
    if size > limits.bytes:
        raise UploadError(_("ไฟล์ ${filename} มีขนาด ${size} MB เกินกำหนด ${limit} MB", mapping={
            "filename": filename, "size": _megabytes(size), "limit": _megabytes(limits.bytes)}))
    kind = filetype.guess(path)
    mimetype = kind.mime if kind else None
    if mimetype not in ACCEPTED:
        raise UploadError(_("ไฟล์ ${filename} ไม่ใช่ไฟล์ภาพสแกน (JPEG, PNG, TIFF) หรือ PDF "
                            "(ระบบตรวจจากเนื้อไฟล์ ไม่ใช่จากนามสกุล)", mapping={"filename": filename}))
    check = _check_pdf if mimetype == "application/pdf" else _check_image
    pages = check(path, filename, limits.pixels)
    if pages > limits.pages:
        raise UploadError(_("ไฟล์ ${filename} มี ${pages} หน้า เกินกำหนด ${limit} หน้าต่อไฟล์ "
                            "กรุณาแบ่งเป็นหลายไฟล์", mapping={"filename": filename, "pages": pages,
                                                           "limit": limits.pages}))
    return mimetype, pages


def _check_image(path, filename, max_pixels):
    # WeasyPrint sets this process-wide when imported (for the cover sheet), and then Pillow pads
    # a truncated scan with grey instead of failing; a half-received scan must be refused.
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as image:
                frames = getattr(image, "n_frames", 1)
                for frame in range(frames):
                    image.seek(frame)
                    width, height = image.size
                    if width * height > max_pixels:
                        raise UploadError(_(
                            "ไฟล์ ${filename} มีขนาดภาพ ${width} × ${height} พิกเซล "
                            "ใหญ่เกินกว่าที่ระบบรับได้ (${limit} พิกเซล)",
                            mapping={"filename": filename, "width": width, "height": height,
                                     "limit": max_pixels}))
                    image.load()
                return frames
        except UploadError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise UploadError(_("ไฟล์ ${filename} มีขนาดภาพใหญ่ผิดปกติ ระบบไม่เปิดไฟล์นี้",
                                mapping={"filename": filename}))
        except (OSError, SyntaxError, ValueError, UnidentifiedImageError):
            raise UploadError(_("ไฟล์ภาพ ${filename} เสียหายหรือไม่สมบูรณ์ กรุณาสแกนใหม่",
                                mapping={"filename": filename}))


def _check_pdf(path, filename, max_pixels):
    """Count pages reading from an open file: given a path, pypdf reads the whole file into
    memory first, which a 500-page scan must not cost. A page so large that the worker's
    300 dpi rendering of it would exceed ``max_pixels`` (a PDF bomb) is refused here."""
    try:
        with open(path, "rb") as stream:
            reader = PdfReader(stream)
            if reader.is_encrypted and not reader.decrypt(""):
                raise UploadError(_("ไฟล์ PDF ${filename} มีรหัสผ่าน กรุณาส่งไฟล์ที่ไม่ได้ล็อกรหัส",
                                    mapping={"filename": filename}))
            pages = len(reader.pages)
            for number, page in enumerate(reader.pages, start=1):
                width, height = (round(float(side) / 72 * TARGET_DPI)
                                 for side in (page.mediabox.width, page.mediabox.height))
                if width * height > max_pixels:
                    raise UploadError(_(
                        "หน้า ${number} ของไฟล์ PDF ${filename} ใหญ่ ${width} × ${height} พิกเซล "
                        "เมื่ออ่านที่ ๓๐๐ dpi เกินกว่าที่ระบบรับได้ (${limit} พิกเซล)",
                        mapping={"number": number, "filename": filename, "width": width,
                                 "height": height, "limit": max_pixels}))
    except UploadError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError):
        raise UploadError(_("ไฟล์ PDF ${filename} เสียหายหรือไม่สมบูรณ์", mapping={"filename": filename}))
    if pages == 0:
        raise UploadError(_("ไฟล์ PDF ${filename} ไม่มีหน้าเอกสาร", mapping={"filename": filename}))
    return pages


def _natural_key(filename):
    """``scan2`` before ``scan10``: numbers in a name compare as numbers."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part.lower())
            for part in re.split(r"(\d+)", filename)]


def _stem(filename):
    return os.path.splitext(filename)[0]


def _megabytes(size):
    return round(size / (1 << 20)) or 1


class UploadStore:
    """Checked files under ``var/uploads``, by uid, with their metadata beside them."""

    def __init__(self, directory, limits):
        self.directory = directory
        self.limits = limits
        os.makedirs(directory, exist_ok=True)

    def add(self, stream, filename, limits=None):
        """Copy ``stream`` in, check it, and return an ``Upload``; a bad file is deleted.
        ``limits`` replaces the store's ``Limits`` (a PDF made of files already accepted)."""
        limits = limits or self.limits
        uid = uuid.uuid4().hex
        path = os.path.join(self.directory, uid + ".bin")
        digest = hashlib.sha256()
        size = 0
        with open(path, "wb") as target:
            while chunk := stream.read(1 << 20):
                size += len(chunk)
                if size > limits.bytes:
                    break
                digest.update(chunk)
                target.write(chunk)
        try:
            if size > limits.bytes:
                raise UploadError(_("ไฟล์ ${filename} มีขนาดเกินกำหนด ${limit} MB", mapping={
                    "filename": filename, "limit": _megabytes(limits.bytes)}))
            mimetype, pages = check_file(path, filename, limits)
        except UploadError:
            os.unlink(path)
            raise
        upload = Upload(uid, filename, mimetype, size, digest.hexdigest(), pages, path)
        with open(self._meta_path(uid), "w", encoding="utf-8") as meta:
            json.dump(asdict(upload), meta, ensure_ascii=False)
        return upload

    def combine_pages(self, uploads):
        """Several page images uploaded together (a three-page petition scanned as three JPEGs)
        as one PDF of their pages, in the natural order of their names; PDFs stay as they are.
        img2pdf puts a JPEG into the PDF as it is, byte for byte, and PNG and TIFF without loss;
        each image is a page of its pixels at 300 dpi, so the worker's page rendering gives back
        those very pixels. Returns the new list of uploads; the combined images are discarded."""
        images = sorted((u for u in uploads if u.mimetype in PAGE_IMAGES),
                        key=lambda u: _natural_key(u.filename))
        if len(images) < 2:
            return uploads
        data = img2pdf.convert([u.path for u in images],
                               layout_fun=img2pdf.get_fixed_dpi_layout_fun((300, 300)))
        name = f"{_stem(images[0].filename)}–{_stem(images[-1].filename)}.pdf"
        # The size and page caps were met by each image; the PDF made of them is as large as
        # they are together and has one page per image (no file of many pages came in).
        combined = self.add(io.BytesIO(data), name, limits=replace(
            self.limits, bytes=max(self.limits.bytes, len(data)),
            pages=max(self.limits.pages, len(images))))
        for upload in images:
            self.discard(upload.uid)
        return [combined] + [u for u in uploads if u not in images]

    def get(self, uid):
        if not uid or not all(c in "0123456789abcdef" for c in uid):
            return None
        try:
            with open(self._meta_path(uid), encoding="utf-8") as meta:
                return Upload(**json.load(meta))
        except (OSError, ValueError, TypeError):
            return None

    def discard(self, uid):
        for path in (os.path.join(self.directory, uid + ".bin"), self._meta_path(uid)):
            if os.path.exists(path):
                os.unlink(path)

    def sweep(self, now=None):
        """Delete files left behind by forms that were never submitted again (the worker calls
        this every ``worker.SWEEP_UPLOADS_EVERY``). Several workers may sweep at once, so a
        file another one deleted first is no error."""
        now = now or time.time()
        for name in os.listdir(self.directory):
            path = os.path.join(self.directory, name)
            try:
                if now - os.path.getmtime(path) > _STALE_AFTER:
                    os.unlink(path)
            except FileNotFoundError:
                pass

    def _meta_path(self, uid):
        return os.path.join(self.directory, uid + ".json")

