"""The resolution page images are brought to, read at and measured in.

Tesseract's Thai model reads best with letters about 30 px high, which
16 pt print gives at 300 dpi.  OCR brings every scan to it, the upload
checks refuse a PDF page too large to render at it, and the searchable PDF
scales its word boxes back from it: one constant, below all three.
"""
TARGET_DPI = 300
