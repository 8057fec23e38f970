"""The ministry's taxonomy and workflow, read from YAML files in config/ (data, not code)."""

import os
from functools import cached_property

import yaml


class Taxonomy:
    """Categories per center level, channels, urgency levels and titles, with Thai labels."""

    def __init__(self, data):
        self._data = data

    @classmethod
    def load(cls, config_dir):
        with open(os.path.join(config_dir, "taxonomy.yaml"), encoding="utf-8") as f:
            return cls(yaml.safe_load(f))

    def categories(self, level):
        """``[(code, label)]`` for a center level, ending with เรื่องอื่นๆ."""
        table = self._data["categories"]
        entries = table[level]
        if isinstance(entries, str):  # a level that borrows another level's list
            entries = table[entries]
        other = table["other"]
        return [(e["code"], e["label"]) for e in entries] + [(other["code"], other["label"])]

    @property
    def other_category(self):
        return self._data["categories"]["other"]["code"]

    @cached_property
    def category_labels(self):
        labels = {}
        for level in ("province", "district"):
            labels.update(self.categories(level))
        return labels

    def _pairs(self, key):
        return [(e["code"], e["label"]) for e in self._data[key]]

    @property
    def channels(self):
        return self._pairs("channels")

    @property
    def urgencies(self):
        return self._pairs("urgency")

    @property
    def titles(self):
        return list(self._data["titles"])

    def label(self, kind, code):
        """Thai label of a code of ``kind`` ('category', 'channel', 'urgency'), else the code."""
        table = {
            "category": self.category_labels,
            "channel": dict(self.channels),
            "urgency": dict(self.urgencies),
        }[kind]
        return table.get(code, code)
