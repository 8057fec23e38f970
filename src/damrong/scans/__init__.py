"""Paper coming in by scanner: the hot folder, cover sheets, unfiled scans, back-capture,
pre-filling the intake form from OCR text, and searchable PDFs.

``hotfolder`` watches the inbox (files only), ``filing`` decides in the database where a scan
goes, ``names`` and ``coversheet`` say which complaint a scan points at, ``prefill`` reads form
fields out of OCR text, ``ingest`` back-captures old paper, ``searchable_pdf`` writes the PDF with
an invisible text layer.
"""
