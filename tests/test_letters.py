"""Official letters about a complaint: numbering, drafts, issuing through the web, the PDF,
who may do what, and finding a complaint by its letter's number."""

import datetime
import io
import os
import random

import pypdf
import pytest
import yaml

from damrong.evolve import STEPS, bootstrap
from damrong.i18n import LOCALE_COOKIE
from damrong.letters.issuing import issue_letter
from damrong.letters.kinds import LetterConfigError, LetterKinds
from damrong.numbering import SequenceCounter
from damrong.scripts.cli import main as cli
from damrong.thai import national_id
from damrong.thai.dates import BANGKOK, be_year, now_bangkok
from damrong.thai.digits import to_thai_digits
from damrong.tracking import format_code
from helpers import ROOT, all_at_once, login, new_complaint, user_app

THREADS, PER_THREAD = 4, 5
COMPLAINANT = {"first_name": "สมหญิง", "last_name": "ทดลองนามสกุล"}


@pytest.fixture(scope="module")
def kinds():
    return LetterKinds.load(os.path.join(ROOT, "config"))


def _named_complaint(s, center="7001", subject="ขอให้ตรวจสอบโรงงานปล่อยน้ำเสีย"):
    """A complaint whose complainant has a synthetic ID and the name above."""
    path = new_complaint(s, center, subject)
    complaint = s.centers[center].complaints[path.rsplit("/", 1)[-1]]
    complaint.change(
        "system", "แก้ไขข้อมูล",
        complainant=dict(complaint.complainant, title="นางสาว", **COMPLAINANT,
                         national_id=national_id.generate(random.Random(7))),
        received_at=datetime.datetime(2025, 6, 25, 2, 0, tzinfo=datetime.timezone.utc))
    return complaint


def _issue(s, complaint, kinds, center=None, kind="forward", at=None, **fields):
    center = center or complaint.center
    draft = dict(kinds.draft(kind, complaint, center), signer_name="ทดสอบ ผู้ลงนาม", **fields)
    letter, _ = issue_letter(s, complaint, center, kind, draft, kinds.letterhead(center),
                             "system", now=at)
    return letter


# -- numbering -----------------------------------------------------------------------------

def test_numbers_run_per_center_and_restart_on_1_january_bangkok_time(site, kinds):
    new_year = datetime.datetime(2027, 1, 1, tzinfo=BANGKOK)
    with site() as s:
        complaint = _named_complaint(s)
        before = [_issue(s, complaint, kinds, at=new_year - datetime.timedelta(minutes=m))
                  for m in (90, 30)]
        after = _issue(s, complaint, kinds, at=new_year + datetime.timedelta(minutes=30))
        elsewhere = _issue(s, _named_complaint(s, "7002"), kinds, at=new_year)
        assert [(l.year, l.number) for l in before + [after]] == [(2569, 1), (2569, 2), (2570, 1)]
        assert (elsewhere.year, elsewhere.number) == (2570, 1)
        assert before[1].number_text() == "ที่ รบ ๗๐๐๑/๒"
        assert before[1].number_text(thai_digits=False) == "ที่ รบ 7001/2"
        assert [l.__name__ for l in complaint.issued_letters()] == [
            "7001-2569-1", "7001-2569-2", "7001-2570-1"]


def test_a_centers_own_agency_prefix_replaces_the_default(site, kinds):
    with site() as s:
        s.centers["70"].agency_prefix = "รบ ๐๐๒๓.๑"  # typed with Thai digits
        s.centers["7001"].agency_prefix = "มท 0205.3"
        complaint = _named_complaint(s)
        province = _issue(s, complaint, kinds, center=s.centers["70"])
        district = _issue(s, complaint, kinds)
        assert province.prefix == "รบ 0023.1" and province.number_text() == "ที่ รบ ๐๐๒๓.๑/๑"
        assert district.number_text() == "ที่ มท ๐๒๐๕.๓/๑"
        assert kinds.letterhead(s.centers["moi"]).prefix == "มท 0205.3"
        bangkok = kinds.letterhead(s.centers["1001"])
        assert (bangkok.prefix, bangkok.office, bangkok.signer) == (
            "กท 1001", "สำนักงานเขตพระนคร", "ผู้อำนวยการเขตพระนคร")


def test_centers_made_before_letters_get_their_register_on_upgrade(site, db):
    with site() as s:
        del s.centers["7001"].letter_counters
        del s.evolved["add_letter_registers_to_centers"]  # as a database made before it
    connection = db.open()
    try:
        upgraded, _ = bootstrap(connection)
        assert set(upgraded.evolved) == {step.__name__ for step in STEPS}
        assert not upgraded.centers["7001"].letter_counters  # there, and empty
    finally:
        connection.close()


def test_the_prefix_is_set_from_the_command_line(app, ini, capsys):
    app.registry._zodb_databases[""].close()  # the command opens the FileStorage itself
    app.registry.indexer.close()
    assert cli(["-c", ini, "letter-prefix", "7001"]) == 0
    assert "ที่ รบ ๗๐๐๑/๑ (ค่าเริ่มต้นจาก config/letters.yaml)" in capsys.readouterr().out
    assert cli(["-c", ini, "letter-prefix", "7001", "รบ ๐๐๑๘"]) == 0
    assert "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี: เลขที่หนังสือ ที่ รบ ๐๐๑๘/๑ (ของศูนย์)" \
        in capsys.readouterr().out
    assert cli(["-c", ini, "letter-prefix", "9999"]) == 2


# -- drafts --------------------------------------------------------------------------------

def test_drafts_write_thai_digits_and_buddhist_era_dates(site, kinds):
    with site() as s:
        complaint = _named_complaint(s)
        receipt = f"{complaint.receipt_number}/{complaint.receipt_year}"
        draft = kinds.draft("acknowledge", complaint, complaint.center)
        assert draft["addressee"] == "นางสาวสมหญิง ทดลองนามสกุล"
        assert "๒๕ มิถุนายน ๒๕๖๘" in draft["body"]
        assert "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี" in draft["body"]
        assert f"เลขรับที่ {to_thai_digits(receipt)}" in draft["body"]
        code = format_code(complaint.tracking_code)  # a code keeps its letters and digits
        assert code in draft["body"]
        assert not any(c.isascii() and c.isdigit() for c in draft["body"].replace(code, ""))
        assert draft["signer_position"] == "นายอำเภอเมืองราชบุรี"
        forward = kinds.draft("forward", complaint, complaint.center)
        assert "ภายใน ๑๕ วัน" in forward["body"]


def test_letters_to_an_agency_never_identify_the_complainant(site, kinds):
    with site() as s:
        complaint = _named_complaint(s, subject="สมหญิง ทดลองนามสกุล ขอให้ตรวจสอบการก่อสร้าง")
        identity = ["สมหญิง", "ทดลองนามสกุล", complaint.complainant["national_id"]]
        for kind in ("forward", "follow-up"):
            draft = kinds.draft(kind, complaint, complaint.center)
            text = "\n".join(draft.values())
            assert not any(value in text for value in identity), (kind, text)
            assert "ขอให้ตรวจสอบการก่อสร้าง" in text
        forwarded = _issue(s, complaint, kinds)
        follow_up = kinds.draft("follow-up", complaint, complaint.center)
        assert follow_up["reference"].startswith(
            "หนังสือศูนย์ดำรงธรรมอำเภอเมืองราชบุรี ที่ รบ ๗๐๐๑/")
        assert forwarded.number_text() in follow_up["reference"]
        assert "สมหญิง" in kinds.draft("result", complaint, complaint.center)["addressee"]


def test_an_agency_kind_may_not_ask_for_the_complainant(kinds):
    with open(os.path.join(ROOT, "config", "letters.yaml"), encoding="utf-8") as f:
        data = yaml.safe_load(f)
    forward = next(kind for kind in data["kinds"] if kind["code"] == "forward")
    forward["addressee"] = "{complainant}"
    with pytest.raises(LetterConfigError, match="complainant"):
        LetterKinds(data)
    forward["addressee"], forward["body"] = "", "{no_such_thing}"
    with pytest.raises(LetterConfigError, match="no_such_thing"):
        LetterKinds(data)


def test_every_kind_has_an_english_label(kinds):
    assert len(kinds.kinds) == 4
    assert all(kind.en.strip() and kind.en.isascii() for kind in kinds.kinds.values())


# -- issuing through the web ---------------------------------------------------------------

def _letter_form(client, complaint_url, kind):
    page = client.get(complaint_url)
    chooser = page.click(description="ออกหนังสือ", href="issue-letter").forms["letter-kind"]
    chooser["kind"] = kind
    return chooser.submit().forms["letter"]


def test_officer_issues_a_letter_that_is_listed_recorded_and_printed(testapp, make_user, site):
    with site() as s:
        name = _named_complaint(s).__name__
    url = f"/moi/70/7001/complaints/{name}/"
    login(testapp, make_user("officer", "7001")).follow()
    form = _letter_form(testapp, url, "forward")
    assert form["kind"].value == "forward"
    assert "ภายใน ๑๕ วัน" in form["body"].value
    form["addressee"] = "อุตสาหกรรมจังหวัดราชบุรี"
    form["signer_name"] = "ทดสอบ ใจดี"
    response = form.submit("issue", status=303)
    letter_page = response.follow()
    assert "ออกหนังสือ ที่ รบ ๗๐๐๑/๑ แล้ว" in letter_page.text
    assert "อุตสาหกรรมจังหวัดราชบุรี" in letter_page.text
    again = form.submit("issue", status=303)  # a double-clicked submit: the same letter
    assert again.location == response.location
    assert "ไม่ได้ออกเลขซ้ำ" in again.follow().text

    page = testapp.get(url)
    listed = page.html.select_one("#letters table").get_text(" ")
    assert "รบ ๗๐๐๑/๑" in listed and "อุตสาหกรรมจังหวัดราชบุรี" in listed
    assert "ขอให้ตรวจสอบข้อเท็จจริงและดำเนินการตามอำนาจหน้าที่" in listed
    assert "ออกหนังสือ" in page.html.select_one(".history").get_text()
    with site() as s:
        complaint = s.centers["7001"].complaints[name]
        assert len(complaint.issued_letters()) == 1 and len(complaint.documents()) == 0
        entry = list(complaint.history)[-1]
        assert entry["action"] == "ออกหนังสือ" and entry["note"].startswith("ที่ รบ ๗๐๐๑/๑")
        assert s.index_outbox.pending  # queued for search

    pdf = testapp.get(response.location + "letter.pdf")
    assert pdf.content_type == "application/pdf" and pdf.body.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf.body))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "๗๐๐๑/๑" in text
    assert "ขอให้ตรวจสอบข้อเท็จจริง" in text
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4

    testapp.set_cookie(LOCALE_COOKIE, "en")
    listed = testapp.get(url).html.select_one("#letters").get_text(" ")
    assert "Letters issued" in listed and "Forwarding to the responsible agency" in listed
    assert "รบ 7001/1" in listed  # the official number, in the reader's digits


def test_a_letter_form_with_blanks_is_refused_in_thai_and_takes_no_number(testapp, make_user,
                                                                         site):
    with site() as s:
        complaint = _named_complaint(s)
        url = f"/moi/70/7001/complaints/{complaint.__name__}/"
    login(testapp, make_user("clerk", "7001")).follow()
    form = _letter_form(testapp, url, "acknowledge")
    form["subject"] = ""
    response = form.submit("issue", status=400)
    assert "กรุณากรอกช่องนี้" in response.text  # subject and the signer's name
    assert response.forms["letter"]["kind"].value == "acknowledge"
    with site() as s:
        assert not s.centers["7001"].letter_counters


@pytest.mark.slow
def test_letters_issued_at_once_get_consecutive_numbers(app, make_user, site):
    """Officers issuing at the same moment conflict on the register and are retried: every
    letter gets a number, none twice, none skipped."""
    with site() as s:
        name = _named_complaint(s).__name__
    url = f"/moi/70/7001/complaints/{name}/"
    forms = [_letter_form(user_app(app, make_user, "officer", "7001"), url, "follow-up")
             for _ in range(THREADS)]
    statuses = []

    def issue_many(form):
        form["addressee"], form["signer_name"] = "นายอำเภอจอมบึง", "ทดสอบ ใจดี"
        for _ in range(PER_THREAD):
            form["submission_id"] = ""  # each submission is a new letter
            statuses.append(form.submit("issue", status="*").status_int)

    all_at_once(issue_many, forms)
    assert statuses == [303] * THREADS * PER_THREAD
    with site() as s:
        complaint = s.centers["7001"].complaints[name]
        numbers = sorted(letter.number for letter in complaint.issued_letters())
        assert numbers == list(range(1, THREADS * PER_THREAD + 1))
        assert sum(entry["action"] == "ออกหนังสือ" for entry in complaint.history) == len(numbers)


# -- who may ------------------------------------------------------------------------------

def test_other_centers_and_roles_without_edit_cannot_issue_or_read(app, make_user, site, kinds):
    with site() as s:
        complaint = _named_complaint(s)
        letter = _issue(s, complaint, kinds)
        url = f"/moi/70/7001/complaints/{complaint.__name__}/"
        letter_url = f"{url}letters/{letter.__name__}/"
    other = user_app(app, make_user, "officer", "7002")
    for path in (url, url + "@@issue-letter", letter_url, letter_url + "letter.pdf"):
        other.get(path, status=403)
    executive = user_app(app, make_user, "executive", "7001")
    page = executive.get(url)
    assert "@@issue-letter" not in page.text
    assert letter_url not in page.text  # listed, not linked: the letter may name the complainant
    executive.get(url + "@@issue-letter", status=403)
    executive.get(letter_url, status=403)
    province = user_app(app, make_user, "supervisor", "70")
    assert "ขอให้ตรวจสอบข้อเท็จจริง" in province.get(letter_url).text


def test_reading_a_complaint_without_letters_writes_nothing(testapp, make_user, site, db):
    with site() as s:
        complaint = _named_complaint(s)
        url = f"/moi/70/7001/complaints/{complaint.__name__}/"
    login(testapp, make_user("officer", "7001")).follow()
    before = db.lastTransaction()
    testapp.get(url)
    testapp.get(url + "@@issue-letter")
    testapp.get(url + "letters/", status=404)
    assert db.lastTransaction() == before
    with site() as s:
        assert s.centers["7001"].complaints[complaint.__name__].letters is None


# -- search --------------------------------------------------------------------------------

def test_the_letter_number_finds_the_complaint_in_either_digits(app, make_user, site, kinds,
                                                                indexed):
    with site() as s:
        center = s.centers["7001"]
        center.agency_prefix = "มท 0205.3"
        center.letter_counters[be_year(now_bangkok())] = SequenceCounter()
        center.letter_counters[be_year(now_bangkok())].value = 3511  # this year's 3,511th sent
        complaint = _named_complaint(s, subject="ขอให้ซ่อมท่อประปาแตก")
        _named_complaint(s, subject="ขอให้ซ่อมไฟฟ้า")
        letter = _issue(s, complaint, kinds, addressee="อุตสาหกรรมจังหวัดราชบุรี")
        assert letter.number_text() == "ที่ มท ๐๒๐๕.๓/๓๕๑๒"
    officer = user_app(app, make_user, "officer", "7001")
    indexed()
    for query in ("มท 0205.3/3512", "๓๕๑๒", "3512", "อุตสาหกรรมจังหวัดราชบุรี"):
        found = officer.get("/moi/70/7001/@@search.json", {"q": query}).json
        assert [h["subject"] for h in found["hits"]] == ["ขอให้ซ่อมท่อประปาแตก"], query


# -- the addressee, the signer and the letterhead settings (issue 13 item 12) ---------------

def _chooser(client, url, **values):
    """The letter page's kind chooser, submitted with ``values`` (kind, agency)."""
    chooser = client.get(url + "@@issue-letter").forms["letter-kind"]
    for name, value in values.items():
        chooser[name] = value
    return chooser.submit().forms["letter"]


def test_a_letter_to_an_agency_is_addressed_to_the_agency_chosen(testapp, make_user, site):
    """The addressee (เรียน) of a forwarding letter was empty every time."""
    with site() as s:
        complaint = _named_complaint(s)
        complaint.change("system", "แก้ไขข้อมูล", respondent={
            "name": "", "position": "", "agency": "องค์การบริหารส่วนตำบลหนองกลางนา"})
        url = f"/moi/70/7001/complaints/{complaint.__name__}/"
    login(testapp, make_user("officer", "7001")).follow()
    form = _chooser(testapp, url, kind="forward")
    assert form["addressee"].value == "องค์การบริหารส่วนตำบลหนองกลางนา"  # the respondent's
    form = _chooser(testapp, url, kind="forward", agency="อุตสาหกรรมจังหวัดราชบุรี")
    assert form["addressee"].value == "อุตสาหกรรมจังหวัดราชบุรี"
    form["signer_name"] = "ทดสอบ ใจดี"
    form.submit("issue", status=303)
    follow_up = _chooser(testapp, url, kind="follow-up")  # to the agency written to before
    assert follow_up["addressee"].value == "อุตสาหกรรมจังหวัดราชบุรี"
    assert _chooser(testapp, url, kind="acknowledge")["addressee"].value == "นางสาวสมหญิง ทดลองนามสกุล"


def test_the_signer_is_remembered_per_center(app, make_user, site):
    with site() as s:
        complaint = _named_complaint(s)
        url = f"/moi/70/7001/complaints/{complaint.__name__}/"
    officer = user_app(app, make_user, "officer", "7001")
    form = _chooser(officer, url, kind="acknowledge")
    assert form["signer_name"].value == ""
    form["signer_name"], form["signer_position"] = "ทดสอบ ใจดี", "ปลัดอำเภอ รักษาราชการแทนนายอำเภอเมืองราชบุรี"
    form.submit("issue", status=303)
    form = _chooser(officer, url, kind="forward")
    assert form["signer_name"].value == "ทดสอบ ใจดี"
    assert form["signer_position"].value == "ปลัดอำเภอ รักษาราชการแทนนายอำเภอเมืองราชบุรี"
    province = user_app(app, make_user, "officer", "70")  # another center: its own signer
    assert _chooser(province, url, kind="forward")["signer_name"].value == ""


def test_an_administrator_sets_the_centers_letterhead_on_a_page(app, make_user, site):
    admin = user_app(app, make_user, "admin", "7001")
    page = admin.get("/moi/70/7001/").click(href="@@letterhead")
    form = page.forms["letterhead"]
    assert form["prefix"].value == "รบ 7001" and form["csrf_token"].value
    form["prefix"] = "รบ ๐๐๒๓.๗"
    form["signer_name"] = "ทดสอบ นายอำเภอ"
    form["signer_position"] = "นายอำเภอเมืองราชบุรี"
    page = form.submit("save", status=303).follow()
    assert "ที่ รบ ๐๐๒๓.๗/" in page.text
    with site() as s:
        center = s.centers["7001"]
        assert (center.agency_prefix, center.signer_name) == ("รบ 0023.7", "ทดสอบ นายอำเภอ")
        complaint = _named_complaint(s)
        url = f"/moi/70/7001/complaints/{complaint.__name__}/"
    officer = user_app(app, make_user, "officer", "7001")
    form = _chooser(officer, url, kind="forward")
    assert form["signer_name"].value == "ทดสอบ นายอำเภอ"
    form["addressee"] = "อุตสาหกรรมจังหวัดราชบุรี"
    assert "ที่ รบ ๐๐๒๓.๗/๑" in form.submit("issue").follow().text
    officer.get("/moi/70/7001/@@letterhead", status=403)
    user_app(app, make_user, "admin", "7002").get("/moi/70/7001/@@letterhead", status=403)
    admin.post("/moi/70/7001/@@letterhead", {"prefix": "x", "save": "1"}, status=400)  # no CSRF
    with site() as s:
        assert s.centers["7001"].agency_prefix == "รบ 0023.7"
