"""News of a center's field work (ข่าวกิจกรรม): what the team did, where and when, with photos."""

from persistent import Persistent
from persistent.list import PersistentList
from ZODB.blob import Blob

from .posts import Post

#: The fields an officer writes, in the order of the form and of the public page.
FIELDS = ("title", "team", "leader", "participants", "day", "time", "place", "text")


class Photo(Persistent):
    """One photo as published: re-encoded without its metadata (photos.py), and a thumbnail."""

    def __init__(self, image_bytes, thumbnail_bytes, size):
        self.image = Blob()
        with self.image.open("w") as out:
            out.write(image_bytes)
        self.thumbnail = thumbnail_bytes
        self.size = size


class NewsItem(Post):
    def __init__(self, center_code, created_by, **fields):
        super().__init__(center_code, created_by)
        for name in FIELDS:
            setattr(self, name, fields[name])
        self.photos = PersistentList()
