"""Official letters about complaints: their kinds and drafts (config/letters.yaml), issuing a
letter under the center's outgoing number, and printing it as a หนังสือภายนอก.

The letter itself is persistent content (resources/letter.py); its number comes from the
center's register (numbering.py); its pages are views/letters.py.
"""
