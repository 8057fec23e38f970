"""English as the second locale: the switch, translated pages, and catalogs that stay complete."""

import datetime
import logging
import os
import re
import subprocess
import sys

import polib
import pytest
import webtest

import scanfiles

from damrong import areas
from damrong.display import Display
from damrong.i18n import LOCALE_COOKIE, warn_missing_catalogs
from damrong.taxonomy import Taxonomy
from damrong.thai.dates import BANGKOK
from damrong.workflow import Workflow
from helpers import ROOT, fill, login, new_complaint, register_page

LOCALE_DIR = os.path.join(ROOT, "src", "damrong", "locale")
POT = os.path.join(LOCALE_DIR, "damrong.pot")
EN_PO = os.path.join(LOCALE_DIR, "en", "LC_MESSAGES", "damrong.po")
THAI = re.compile("[\u0e00-\u0e7f]")
THAI_DIGIT = re.compile("[๐-๙]")
BAD_ID = "1101700203451"  # the check digit of a valid ID changed


def visible_text(page, without=()):
    """What a reader sees: text nodes only (option values and other attributes hold codes),
    leaving out the elements matching the CSS selectors ``without``."""
    html = page.html
    for selector in without:
        for element in html.select(selector):
            element.decompose()
    return " ".join(html.get_text(" ").split())


def switch_to(testapp, page, label):
    """Follow the header's language link, which returns to the same page."""
    return page.click(description=label, href="@@locale").follow()


# -- the switch and the pages -------------------------------------------------------------

def test_switch_to_english_and_back_on_the_intake_form(testapp, clerk, site):
    thai_page = register_page(testapp)
    assert '<html lang="th"' in thai_page.text
    assert "รับเรื่องร้องเรียนใหม่" in thai_page.text

    page = switch_to(testapp, thai_page, "English")
    assert page.request.path == "/moi/70/7001/@@register"
    assert '<html lang="en"' in page.text
    text = visible_text(page)
    assert "Register a new complaint" in text
    assert "Unfair treatment" in text            # taxonomy (config/taxonomy.yaml en:)
    assert "In person" in text                   # channel
    assert "Ratchaburi" in text                  # geothai's English names
    assert "Damrongdhama Center, Mueang Ratchaburi District" in text
    # Nothing Thai is left for the reader but the user's own name and the switch back.
    leftover = text.replace("ทดสอบ clerk", "").replace("ไทย", "")
    assert not THAI.search(leftover), THAI.findall(leftover)

    form = fill(page.forms["intake"])
    form.set("national_id", BAD_ID)
    form["lat"] = "45"
    response = form.submit("register", status=400)
    assert "Invalid national ID number (the check digit does not match)" in response.text
    assert "Latitude is outside Thailand (5.0–21.0)" in response.text
    assert "Not saved yet: please correct the fields with red messages" in response.text

    form = fill(response.forms["intake"])
    form["lat"] = ""
    form.set("received_at", "25/06/2568 14:30")  # staff type Buddhist-era dates
    complaint = form.submit("register").follow()
    # History notes are free text kept as written (the registration note is the Thai receipt).
    text = visible_text(complaint, without=[".history .note"])
    assert "No. 1/2568" in text                      # the official number keeps its BE year
    assert "Received 25 June 2025, 14:30" in text    # Gregorian, Arabic digits
    assert "Tracking code" in text and "Unfair treatment" in text and "Received" in text
    assert "Mueang Ratchaburi, Ratchaburi" in text
    assert "Received by ทดสอบ clerk" in text         # the history's action, translated
    assert not THAI_DIGIT.search(text)

    listing = testapp.get("/moi/70/7001")
    text = visible_text(listing)
    assert "1 complaint in all" in text and "25 Jun 2025" in text and "2026" in text
    assert not THAI_DIGIT.search(text)

    back = switch_to(testapp, complaint, "ไทย")
    assert '<html lang="th"' in back.text
    text = visible_text(back)
    assert "รับที่ ๑/๒๕๖๘" in text
    assert "๒๕ มิถุนายน ๒๕๖๘ เวลา ๑๔.๓๐ น." in text
    assert "ไม่ได้รับความเป็นธรรม" in text
    assert "Unfair treatment" not in text


def test_one_thai_word_two_meanings_plurals_and_the_cover_sheet_link(testapp, make_user, site):
    """Issue 13 item 11: the history's "Start work" showed as "Actions" (one Thai word
    ดำเนินการ, two msgids: the heading now has its msgctxt), "1 pages", and the cover-sheet link
    was left in Thai."""
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องทดสอบภาษาอังกฤษ")
    login(testapp, make_user("officer", "7001")).follow()
    testapp.set_cookie(LOCALE_COOKIE, "en")
    for name in ("screen", "work"):
        form = testapp.get(path + "/").forms["transition-form"]
        form.submit("name", value=name, status=303)
    page = testapp.get(path + "/")
    form = next(f for f in page.forms.values() if f.action.endswith("@@attach"))
    form["file"] = [webtest.Upload("one.png", scanfiles.png(), "image/png")]
    page = form.submit().follow()
    history = " ".join(page.html.find("ol", class_="history").get_text(" ").split())
    assert "Start work by" in history and "Actions" not in history
    assert page.html.find("h2", string="Actions") is not None
    text = visible_text(page)
    assert "1 page ·" in text and "1 pages" not in text
    assert "Print a cover sheet for scanning more papers" in text


def test_flash_messages_and_area_lists_follow_the_locale(testapp, clerk):
    testapp.set_cookie(LOCALE_COOKIE, "en")
    form = fill(register_page(testapp).forms["intake"])
    page = form.submit("register").follow()
    attach = next(f for f in page.forms.values() if f.action.endswith("@@attach"))
    flashed = attach.submit().follow()
    assert "No file chosen" in flashed.text
    districts = dict(testapp.get("/@@areas.json?parent=70").json)
    assert districts["7001"] == "Mueang Ratchaburi"
    testapp.set_cookie(LOCALE_COOKIE, "th")
    districts = dict(testapp.get("/@@areas.json?parent=70").json)
    assert districts["7001"] == "เมืองราชบุรี"


def test_login_page_is_english_before_logging_in(testapp):
    testapp.set_cookie(LOCALE_COOKIE, "en")
    page = testapp.get("/@@login")
    assert "13-digit national ID number" in page.text
    assert not THAI.search(visible_text(page).replace("ไทย", ""))


def test_accept_language_is_ignored_and_unknown_cookie_means_thai(testapp):
    page = testapp.get("/@@login", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="th"' in page.text
    testapp.set_cookie(LOCALE_COOKIE, "fr")
    assert '<html lang="th"' in testapp.get("/@@login").text


def test_switch_only_returns_within_the_site(testapp):
    response = testapp.get("/@@locale", params={"to": "en", "came_from": "https://evil.example/"})
    assert response.location == "http://localhost/"
    assert f"{LOCALE_COOKIE}=en" in response.headers["Set-Cookie"]
    ignored = testapp.get("/@@locale", params={"to": "xx", "came_from": "http://localhost/@@login"})
    assert ignored.location == "http://localhost/@@login"
    assert "Set-Cookie" not in ignored.headers


# -- formatting ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def taxonomy():
    return Taxonomy.load(os.path.join(ROOT, "config"))


@pytest.fixture(scope="module")
def workflow():
    return Workflow.load(os.path.join(ROOT, "config"))


class Untranslated:
    def translate(self, term):
        return term.interpolate()


def test_display_writes_numbers_and_dates_per_locale(taxonomy, workflow):
    moment = datetime.datetime(2025, 6, 25, 7, 30, tzinfo=datetime.timezone.utc)  # 14:30 BKK
    thai = Display("th", Untranslated(), taxonomy, workflow)
    english = Display("en", Untranslated(), taxonomy, workflow)
    assert thai.format_datetime(moment) == "๒๕ มิถุนายน ๒๕๖๘ เวลา ๑๔.๓๐ น."
    assert english.format_datetime(moment) == "25 June 2025, 14:30"
    assert english.format_date(moment, short=True) == "25 Jun 2025"
    assert (thai.format_number(208142), english.format_number(208142)) == ("๒๐๘,๑๔๒", "208,142")
    assert (thai.fiscal_year(2569), english.fiscal_year(2569)) == ("๒๕๖๙", "2026")
    assert english.label("title", "นาง") == "Mrs."
    assert english.status("closed") == "Closed" and thai.status("closed") == "ยุติเรื่อง"
    assert areas.describe_place({"province": "70", "district": "7001", "subdistrict": "700101"},
                                "en") == "Na Mueang, Mueang Ratchaburi, Ratchaburi"


# -- catalogs and data labels -------------------------------------------------------------

def test_every_message_has_an_english_translation():
    template = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(POT)}
    catalog = polib.pofile(EN_PO)
    assert template, "the .pot is empty"
    untranslated = [e.msgid for e in catalog if not e.translated()]
    assert not untranslated, f"translate these in {EN_PO}: {untranslated}"
    missing = template - {(e.msgctxt, e.msgid) for e in catalog if not e.obsolete}
    assert not missing, f"run `make messages`: not yet in the .po: {missing}"


def test_pot_is_up_to_date_with_the_sources(tmp_path):
    """A string marked in code or a template but never extracted would never be translated."""
    fresh = tmp_path / "damrong.pot"
    subprocess.run([os.path.join(os.path.dirname(sys.executable), "pot-create"),
                    "--domain=damrong", f"--output={fresh}", "src/damrong"],
                   cwd=ROOT, check=True, capture_output=True)
    extracted = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(fresh))}
    committed = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(POT)}
    assert extracted == committed, (
        f"run `make messages`; new: {extracted - committed}, gone: {committed - extracted}")


def test_every_taxonomy_and_workflow_entry_has_an_english_label(taxonomy, workflow):
    entries = [entry for kind in ("category", "channel", "urgency", "title")
               for entry in taxonomy.entries(kind)]
    entries += list(workflow.states.values())
    entries += [{"label": t.label, "en": t.en} for t in workflow.transitions.values()]
    assert len(entries) > 40
    without = [e["label"] for e in entries if not e.get("en", "").strip() or THAI.search(e["en"])]
    assert not without, f"add an `en:` label beside: {without}"


def test_compiled_catalog_is_built_from_the_current_po():
    """Tells a run that skipped `make` why the English pages above show Thai."""
    mo = EN_PO[:-3] + ".mo"
    assert os.path.exists(mo) and os.path.getmtime(mo) >= os.path.getmtime(EN_PO), (
        "run `make` (or `make test`): it compiles the .po files into the .mo files Pyramid reads")


def test_a_missing_compiled_catalog_is_a_warning_not_a_crash(tmp_path):
    messages = tmp_path / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "damrong.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("damrong.i18n")
    logger.addHandler(handler)
    try:
        warn_missing_catalogs(str(tmp_path))
    finally:
        logger.removeHandler(handler)
    assert [r.levelno for r in records] == [logging.WARNING]
    assert "damrong.mo" in records[0].getMessage()
