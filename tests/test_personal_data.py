"""Issue 14.2, 14.3 and 13.10: one rule for the complainant's personal data on every route.

Without the personal-data right (executive, administrator) a page's text comes masked and its
image, thumbnail, original file and searchable PDF are refused; with it, they are served and
the reveal is written to the complaint's history (the edit form's full ID too).
"""

import pytest
from ZODB.blob import Blob

from damrong.resources.document import Page, ScannedDocument
from helpers import complaint_at, url_of, user_app

NAME, ID = "สมปอง", "1101700203450"
PHONE = "081-234-5678"
PAGE_TEXT = (f"ข้าพเจ้า นายสมปอง ใจดีมาก เลขประจำตัวประชาชน {ID} ขอร้องเรียนเรื่องถนนชำรุด "
             "โทร ๐๘๑ ๒๓๔ ๕๖๗๘")


def _blob(data):
    blob = Blob()
    with blob.open("w") as target:
        target.write(data)
    return blob


@pytest.fixture
def scanned(site):
    """A complaint at 7001 by สมปอง ใจดีมาก with one read page naming him; its URL."""
    with site() as s:
        complaint = complaint_at(s, "7001", "ขอให้ซ่อมถนน")
        complaint.change("system", "แก้ไขข้อมูล",
                         complainant=dict(complaint.complainant, phone=PHONE))
        document = ScannedDocument(filename="petition.jpg", mimetype="image/jpeg", sha256="ab" * 32,
                                   size=4, page_count=1, uploaded_by="system")
        document.original = _blob(b"\xff\xd8\xff\xe0")
        page = Page(1, 10, 10)
        page.image, page.thumbnail = _blob(b"image"), _blob(b"thumb")
        page.text = page.machine_text = PAGE_TEXT
        document.pages[1] = page
        document.searchable = _blob(b"%PDF-1.4")
        document.state = "ready"
        complaint.add("d1", document)
        return url_of(complaint)


ROUTES = ["d1/@@page?n=1", "d1/@@page?n=1&size=thumb", "d1/@@original", "d1/@@searchable.pdf"]


@pytest.mark.parametrize("role,center", [("executive", "70"), ("admin", "70")])
def test_without_the_right_text_is_masked_and_images_and_files_refused(
        app, make_user, scanned, role, center):
    user = user_app(app, make_user, role, center)
    viewer = user.get(scanned + "d1/")
    assert NAME not in viewer.text and ID not in viewer.text and "ใจดีมาก" not in viewer.text
    assert "๕๖๗๘" not in viewer.text
    assert "ขอร้องเรียนเรื่องถนนชำรุด" in viewer.text and "•••••" in viewer.text
    assert "@@page?n=1" not in viewer.text and "/page?n=1" not in viewer.text
    for route in ROUTES:
        user.get(scanned + route, status=403)
    complaint_page = user.get(scanned)
    assert "d1/original" not in complaint_page.text and "size=thumb" not in complaint_page.text


def test_with_the_right_everything_is_served_and_the_reveal_logged_once(app, make_user, scanned):
    clerk = user_app(app, make_user, "clerk", "7001")
    viewer = clerk.get(scanned + "d1/")
    assert PAGE_TEXT in viewer.text and "/page?n=1" in viewer.text
    for route in ROUTES:
        clerk.get(scanned + route, status=200)
    history = clerk.get(scanned).text
    assert history.count("เปิดดูข้อมูลส่วนบุคคลของผู้ร้อง") == 1
    assert "ภาพและข้อความของเอกสาร petition.jpg" in history


def test_opening_the_edit_form_is_a_logged_reveal(app, make_user, scanned):
    clerk = user_app(app, make_user, "clerk", "7001")
    assert "1-1017-00203-45-0" not in clerk.get(scanned).text
    form = clerk.get(scanned + "@@edit").forms["edit"]
    assert form["national_id"].value.replace("-", "") == ID
    assert "แบบฟอร์มแก้ไขข้อมูล" in clerk.get(scanned).text


def test_history_masks_identifying_fields_for_users_without_the_right(app, make_user, scanned):
    clerk = user_app(app, make_user, "clerk", "7001")
    form = clerk.get(scanned + "@@edit").forms["edit"]
    form["first_name"] = "สมปองใหม่"
    form.set("address", "๙๙ หมู่ ๙ บ้านลับเฉพาะ", index=1)
    form.submit("save", status=303)
    assert "สมปองใหม่" in clerk.get(scanned).text
    executive = user_app(app, make_user, "executive", "70").get(scanned).text
    assert "สมปองใหม่" not in executive and "บ้านลับเฉพาะ" not in executive
    assert "(ข้อมูลส่วนบุคคล)" in executive
