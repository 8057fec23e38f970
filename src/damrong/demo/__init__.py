"""Synthetic petitions and scanned images for the demo database and tests.

Everything generated here is invented: names are assembled from name
morphemes, national IDs are random numbers that merely satisfy the
checksum, so no record can ever point at a real person.
"""
