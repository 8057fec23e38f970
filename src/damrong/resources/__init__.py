"""Persistent content: the site, centers, complaint folders, scanned documents and users.

Everything that grows lives in BTree folders (see folder.py); only ``Folder.add`` and
``Folder.remove`` set ``__parent__``/``__name__`` and fire the events other parts listen to.
"""
