"""The ministry's taxonomy and workflow, read from YAML files in config/ (data, not code)."""

import os

import yaml


def entry_label(entry, locale):
    """An entry's words in ``locale``: the Thai ``label``, or the label keyed by the locale
    (``en:``) written beside it. Labels are data the ministry rewords, so they live in the YAML
    with their translation rather than in the message catalog."""
    return entry.get(locale, entry["label"])


class Taxonomy:
    """Categories per center level, channels, urgency levels and titles, with Thai and English
    labels. Records store the codes (and a title's Thai word), never a label."""

    KINDS = {"category": "categories", "channel": "channels", "urgency": "urgency",
             "title": "titles"}

    def __init__(self, data):
        self._data = data

    @classmethod
    def load(cls, config_dir):
        with open(os.path.join(config_dir, "taxonomy.yaml"), encoding="utf-8") as f:
            return cls(yaml.safe_load(f))

    def _category_entries(self, level):
        table = self._data["categories"]
        entries = table[level]
        if isinstance(entries, str):  # a level that borrows another level's list
            entries = table[entries]
        return entries + [table["other"]]

    def entries(self, kind):
        """Every entry of ``kind`` as ``{code, label, en}`` (categories of all levels)."""
        if kind == "category":
            return self._category_entries("province") + self._category_entries("district")[:-1]
        if kind == "title":
            return [{"code": e["label"], **e} for e in self._data["titles"]]
        return self._data[self.KINDS[kind]]

    def categories(self, level, locale="th"):
        """``[(code, label)]`` for a center level, ending with เรื่องอื่นๆ."""
        return [(e["code"], entry_label(e, locale)) for e in self._category_entries(level)]

    @property
    def other_category(self):
        return self._data["categories"]["other"]["code"]

    def choices(self, kind, locale="th"):
        """``[(code, label)]`` of channels, urgency levels or titles (a title's code is its
        Thai word, which is what a record keeps)."""
        return [(e["code"], entry_label(e, locale)) for e in self.entries(kind)]

    def relabel(self, thai_label, locale):
        """A Thai label, as the history recorded it, in ``locale`` (``None`` if unknown)."""
        for kind in self.KINDS:
            for entry in self.entries(kind):
                if entry["label"] == thai_label:
                    return entry_label(entry, locale)
        return None

    def label(self, kind, code, locale="th"):
        """The label of a code of ``kind`` ('category', 'channel', 'urgency', 'title'), else
        the code itself (a code the ministry has since retired still shows)."""
        for entry in self.entries(kind):
            if entry["code"] == code:
                return entry_label(entry, locale)
        return code
