"""The directory of outside agencies complaints are forwarded to (departments, local bodies).

Kept in the database, not in config, because administrators edit it; config/agencies.yaml only
seeds a new database (evolve step ``seed_agency_directory``).
"""

import os

import yaml
from persistent import Persistent

from .folder import Folder

#: What an agency's record holds, as the form and the seed file name it.
FIELDS = ("name", "parent", "address", "contact")


class Agency(Persistent):
    """One agency: its name (what letters are addressed to), parent body, address, contact."""

    def __init__(self, name, parent="", address="", contact=""):
        self.name, self.parent, self.address, self.contact = name, parent, address, contact

    def update(self, **values):
        for field in FIELDS:
            if field in values:
                setattr(self, field, values[field].strip())


class AgencyDirectory(Folder):
    """Agencies named ``a1``, ``a2``… in the order they were added."""

    def add_agency(self, agency):
        numbers = [int(name[1:]) for name in self.data.keys()]
        return self.add(f"a{max(numbers, default=0) + 1}", agency, send_events=False)

    def by_name(self):
        return sorted(self.values(), key=lambda agency: agency.name)


def seed_agencies(directory, config_dir):
    """Add the agencies of config/agencies.yaml that the directory does not have by name."""
    with open(os.path.join(config_dir, "agencies.yaml"), encoding="utf-8") as f:
        entries = yaml.safe_load(f)["agencies"]
    known = {agency.name for agency in directory.values()}
    for entry in entries:
        if entry["name"] not in known:
            directory.add_agency(Agency(**{field: str(entry.get(field, "")) for field in FIELDS}))
