"""A clerk registers a petition in a real headless Chromium against the real app under waitress.

The app runs with the worker thread, so the scanned page is rendered in the background and the
complaint page (which polls status.json) shows the thumbnail once it is ready. Screenshots go to
tests/artifacts/ (git-ignored) for a human to look at the Thai text and the layout.

Run: .venv/bin/pytest -q tests/test_browser.py
"""

import base64
import os
import re
import threading
from types import SimpleNamespace

import pytest
import waitress
from pyramid.traversal import find_resource

import damrong
import scanfiles
from damrong.approvals import propose
from damrong.security import Actor

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
ARTIFACTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "artifacts")
GOOD_ID = "1101700203450"  # synthetic, passes the checksum
WAIT = 10  # seconds for an ordinary page step
THUMBNAIL_WAIT = 30  # seconds for the worker to render the scan and the page to reload
# Seconds for the worker to read a page and index its words: a whole page's OCR, behind
# whatever the test queued before it, on a machine CI may share (30 s was once too few).
READ_WAIT = 90

_missing = [path for path in (CHROMIUM, CHROMEDRIVER) if not os.path.exists(path)]
if _missing:  # before any database or server is set up
    pytest.skip(f"browser tests need Debian chromium and chromedriver; missing: {', '.join(_missing)}",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
from selenium.common.exceptions import WebDriverException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402
from helpers import PASSWORD, make_settings, new_complaint, scanned_page


@pytest.fixture
def app(var_dir):
    """Overrides conftest's ``app``: the same fresh database, but with the worker thread on.

    ``site`` and ``make_user`` build on ``app``, so they open this very database (a FileStorage
    can be opened once per process)."""
    wsgi = damrong.main({}, **make_settings(var_dir, worker="thread"))
    yield wsgi
    worker = getattr(wsgi.registry, "worker", None)
    if worker is not None:
        worker.stop()
        worker.join(10)
    wsgi.registry._zodb_databases[""].close()


@pytest.fixture
def live_server(app):
    """The app under waitress on 127.0.0.1 and a free port; records the POSTs it receives."""
    posts = []

    def counting(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST":
            posts.append(environ.get("PATH_INFO", ""))
        return app(environ, start_response)

    server = waitress.create_server(counting, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    yield SimpleNamespace(url=f"http://127.0.0.1:{server.effective_port}", posts=posts)
    server.close()
    for channel in list(server._map.values()):  # keep-alive connections left by the browser
        channel.handle_close()
    server.task_dispatcher.shutdown()
    thread.join(5)


@pytest.fixture
def browser(live_server, tmp_path):
    """Headless Debian Chromium; quit before the server closes (fixture teardown order)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1366,1800", "--lang=th-TH",
                f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(WAIT * 2)
    yield driver
    driver.quit()


def wait(driver, seconds=WAIT):
    return WebDriverWait(driver, seconds, poll_frequency=0.1)


def screenshot(driver, name):
    """A full-page PNG in tests/artifacts/, taken after the web fonts have loaded."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    faces = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "document.fonts.ready.then(function () {"
        "  var faces = []; document.fonts.forEach(function (f) {"
        "    faces.push([f.family.replace(/\"/g, ''), f.weight, f.status]); });"
        "  done(faces); });")
    # The interface font is the shipped Loma web font, not whatever the machine has installed.
    assert ["Loma", "400", "loaded"] in faces, faces
    path = os.path.join(ARTIFACTS, name)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot",
                                  {"format": "png", "captureBeyondViewport": True})
    with open(path, "wb") as out:
        out.write(base64.b64decode(shot["data"]))
    return path


def log_in(driver, server, login_id):
    driver.get(server.url + "/@@login")
    driver.find_element(By.ID, "login").send_keys(login_id)
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    submit = driver.find_element(By.CSS_SELECTOR, "button[name=submit]")
    submit.click()
    # The login page has a header nav too: wait until it is gone, then for the next page's.
    wait(driver).until(_gone(submit))
    return wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "header.top nav")))


def open_register_page(driver):
    nav = driver.find_element(By.CSS_SELECTOR, "header.top nav")
    nav.find_element(By.LINK_TEXT, "รับเรื่องใหม่").click()
    wait(driver).until(EC.presence_of_element_located((By.ID, "intake-register")))
    assert driver.find_element(By.TAG_NAME, "h1").text == "รับเรื่องร้องเรียนใหม่"
    return driver.find_element(By.ID, "intake")


def field(form, name):
    return form.find_element(By.NAME, name)


def fill_required(form):
    Select(field(form, "category")).select_by_value("d02")
    field(form, "subject").send_keys("ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย")
    field(form, "first_name").send_keys("มาลีวรรณ")
    field(form, "last_name").send_keys("ทองประเสริฐสุข")
    field(form, "national_id").send_keys(GOOD_ID)


def _first_result(driver):
    """The first search result, or False after reloading the page: the worker indexes right
    after reading, and a moment may separate the two."""
    found = driver.find_elements(By.CSS_SELECTOR, "ol.results li")
    if not found:
        driver.refresh()
    return found[0] if found else False

def test_clerk_registers_petition_with_scan_and_sees_thumbnail(browser, live_server, make_user,
                                                               site, tmp_path):
    login_id = make_user("clerk", "7001")
    log_in(browser, live_server, login_id)
    form = open_register_page(browser)

    fill_required(form)
    field(form, "details").send_keys("น้ำในลำห้วยมีกลิ่นเหม็นตั้งแต่เดือนที่แล้ว\nชาวบ้านใช้น้ำไม่ได้")
    Select(field(form, "title")).select_by_value("นาง")
    field(form, "phone").send_keys("081-234-5678")
    field(form, "agency").send_keys("โรงงานตัวอย่าง")

    # Place: the province (70) is the center's own; another district is picked, and app.js
    # fetches its subdistricts from /@@areas.json.
    province = Select(browser.find_element(By.CSS_SELECTOR, "select.province"))
    assert province.first_selected_option.get_attribute("value") == "70"
    district = Select(browser.find_element(By.CSS_SELECTOR, "select.district"))
    wait(browser).until(lambda d: len(district.options) > 1)
    district.select_by_value("7005")  # บ้านโป่ง
    subdistrict_css = "select.subdistrict option[value^='7005']"
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, subdistrict_css)))
    subdistrict = Select(browser.find_element(By.CSS_SELECTOR, "select.subdistrict"))
    choice = browser.find_elements(By.CSS_SELECTOR, subdistrict_css)[1]
    subdistrict_code, subdistrict_name = choice.get_attribute("value"), choice.text
    subdistrict.select_by_value(subdistrict_code)
    field(form, "address").send_keys("ริมลำห้วยหลังตลาด")

    scan = tmp_path / "petition.jpg"
    scan.write_bytes(scanfiles.jpeg())
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(scan))
    screenshot(browser, "register-form.png")

    browser.find_element(By.XPATH, "//button[normalize-space()='บันทึกและออกเลขรับ']").click()
    banner = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".receipt-banner")))
    assert "บันทึกเรื่องเรียบร้อย" in banner.text
    assert "รับที่ ๑/" in banner.find_element(By.CSS_SELECTOR, ".big").text
    code = banner.find_element(By.CSS_SELECTOR, ".code").text.strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code

    # The worker renders the scan; the page polls status.json and reloads when it is ready.
    wait(browser, THUMBNAIL_WAIT).until(lambda d: d.execute_script(
        "var img = document.querySelector('#documents ul.documents img');"
        "return img !== null && img.complete && img.naturalWidth > 0;"))
    assert "petition.jpg" in browser.find_element(By.ID, "documents").text
    assert browser.find_element(By.CSS_SELECTOR, ".receipt-banner")  # still there after reload
    screenshot(browser, "registered.png")

    with site() as s:
        complaints = list(s.centers["7001"].complaints.values())
        assert len(complaints) == 1
        complaint = complaints[0]
        assert complaint.type["category"] == "d02"
        assert complaint.complainant["national_id"] == GOOD_ID
        assert complaint.place["district"] == "7005"
        assert complaint.place["subdistrict"] == subdistrict_code, subdistrict_name
        assert code.replace("-", "") == complaint.tracking_code
        assert s.tracking[complaint.tracking_code] is complaint
        [document] = complaint.documents()
        assert document.state == "ready" and len(document.pages) == 1


def test_double_click_on_submit_registers_one_complaint(browser, live_server, make_user, site):
    login_id = make_user("clerk", "7001")
    log_in(browser, live_server, login_id)
    form = open_register_page(browser)
    fill_required(form)
    posts_before = list(live_server.posts)

    button = browser.find_element(By.ID, "intake-register")
    ActionChains(browser).double_click(button).perform()

    banner = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".receipt-banner")))
    assert "รับที่ ๑/" in banner.text
    browser.get(live_server.url + "/moi/70/7001/")
    assert "เรื่องร้องเรียนทั้งหมด ๑ เรื่อง" in browser.find_element(By.CSS_SELECTOR, ".page-head .sub").text
    with site() as s:
        assert len(s.centers["7001"].complaints) == 1
    register_posts = [p for p in live_server.posts[len(posts_before):] if p.endswith("@@register")]
    assert len(register_posts) == 1, f"the browser sent {len(register_posts)} POSTs (app.js data-once)"


def test_officer_finds_a_scanned_petition_by_words_read_from_its_page(
        browser, live_server, make_user, tmp_path):
    """Register with a real Thai scan; the worker reads it and indexes it; search finds a date
    that is only on the scanned page, typed in Arabic digits, and opens that page."""
    log_in(browser, live_server, make_user("clerk", "7001"))
    form = open_register_page(browser)
    fill_required(form)
    scan = tmp_path / "petition.jpg"
    scan.write_bytes(scanned_page())
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(scan))
    browser.find_element(By.XPATH, "//button[normalize-space()='บันทึกและออกเลขรับ']").click()
    wait(browser, THUMBNAIL_WAIT).until(lambda d: d.execute_script(
        "var img = document.querySelector('#documents ul.documents img');"
        "return img !== null && img.complete && img.naturalWidth > 0;"))

    browser.find_element(By.CSS_SELECTOR, "header.top nav").find_element(By.LINK_TEXT, "ค้นหา").click()
    box = wait(browser).until(EC.presence_of_element_located((By.ID, "q")))
    box.send_keys("26 สิงหาคม 2567\n")
    # The empty search page lists every complaint, the new one too once indexed: wait for the
    # answer to replace it, or the result found could be the old page's.
    wait(browser).until(_gone(box))
    result = wait(browser, READ_WAIT).until(_first_result)
    assert "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย" in result.text
    marks = [m.text for m in result.find_elements(By.CSS_SELECTOR, ".snippet mark")]
    assert "สิงหาคม" in marks
    screenshot(browser, "search.png")
    result.find_element(By.PARTIAL_LINK_TEXT, "ดูหน้าสแกน").click()
    text = wait(browser).until(EC.presence_of_element_located((By.ID, "page-text")))
    assert "๒๖ สิงหาคม ๒๕๖๗" in text.get_attribute("value")


# -- a phone's width (issue 13 item 5) -------------------------------------------------------

PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


def _page_fits(driver, url):
    """Open ``url`` and say what does not fit a phone: sideways scrolling, a tall header."""
    driver.get(url)
    wait(driver).until(EC.presence_of_element_located((By.CSS_SELECTOR, "header.top")))
    return driver.execute_script(
        "var doc = document.documentElement, header = document.querySelector('header.top');"
        "var wide = Array.from(document.querySelectorAll('body *')).filter(function (el) {"
        "  var r = el.getBoundingClientRect(); return r.width > 0 && r.right > doc.clientWidth + 1;"
        "}).slice(0, 3).map(function (el) { return el.tagName + '.' + el.className; });"
        "return {scroll: doc.scrollWidth, width: doc.clientWidth, wide: wide,"
        "        header: header.getBoundingClientRect().height};")


def test_every_main_page_fits_a_phone_with_a_collapsible_menu(browser, live_server, make_user,
                                                              site, app):
    """At 390 px the header took 240 px (a word a line), pages scrolled sideways (614 px), and
    the user's name, ออกจากระบบ and the language switch fell out of the dark header."""
    with site() as s:
        path = new_complaint(s, "7001", "ขอให้ซ่อมถนนหน้าโรงเรียนบ้านหนองกลางนาซึ่งชำรุดมานาน")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    url = live_server.url
    page = _page_fits(browser, url + "/@@login")
    assert page["scroll"] <= page["width"] and page["header"] < 80, page
    log_in(browser, live_server, make_user("clerk", "7001"))
    for where in ("/moi/70/7001/", "/moi/70/7001/@@register", path + "/", path + "/@@edit",
                  path + "/@@issue-letter", "/moi/70/7001/@@search?q=ถนน",
                  "/moi/70/7001/@@to-complete", "/moi/70/7001/unfiled/", "/@@password",
                  "/moi/70/7001/@@work", "/moi/70/7001/@@inbox", "/moi/70/7001/@@notifications",
                  path + "/@@move?name=send"):
        page = _page_fits(browser, url + where)
        assert page["scroll"] <= page["width"], (where, page)
        assert page["header"] < 80, (where, page)  # the menu is folded away
    screenshot(browser, "phone-closed.png")

    search = (By.CSS_SELECTOR, "header.top nav[aria-label] a[href$='@@search']")
    assert not browser.find_element(*search).is_displayed()
    browser.find_element(By.CSS_SELECTOR, "label.menu-button").click()
    wait(browser).until(EC.visibility_of_element_located(search))
    header = browser.find_element(By.CSS_SELECTOR, "header.top").rect
    inside = [browser.find_element(By.CSS_SELECTOR, css) for css in (
        ".who span", ".who button", "nav.locale a", "header.top nav[aria-label] a")]
    for element in inside:  # on the dark header, not below it
        box = element.rect
        assert element.is_displayed() and header["y"] <= box["y"] and (
            box["y"] + box["height"] <= header["y"] + header["height"]), element.text
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    screenshot(browser, "phone-menu.png")
    browser.find_element(*search).click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "q")))

    # The desk pages too: a chief's approval queue (proposals with their long summaries, and the
    # backlog) and the teams' members; an administrator's users and approval rule.
    member = make_user("officer", "7001")
    officer = Actor.staff("3100600123458", "officer", "7001")
    with site() as s:
        s.users[member].teams = ("700101",)
        for n in range(2):
            complaint = find_resource(s, new_complaint(
                s, "7001", f"ขอให้ขุดลอกคลองส่งน้ำหมู่ที่ {n + 4} ซึ่งตื้นเขินจนน้ำไม่ไหล"))
            for name in ("screen", "work"):
                app.registry.workflow.apply(complaint, name, officer, note="ดำเนินการ")
            app.registry.workflow.apply(complaint, "propose", officer, note=(
                "องค์การบริหารส่วนตำบลขุดลอกคลองส่งน้ำแล้วตลอดแนวสองกิโลเมตร"
                "ผู้ร้องพอใจผลการดำเนินการ ยุติเรื่อง"))
    for role, pages in (("supervisor", ("@@approvals", "@@approvals?older=0", "@@teams")),
                        ("admin", ("@@users", "@@approval-rule"))):
        browser.delete_all_cookies()
        log_in(browser, live_server, make_user(role, "7001"))
        for where in pages:
            page = _page_fits(browser, f"{url}/moi/70/7001/{where}")
            assert page["scroll"] <= page["width"], (where, page)
            assert page["header"] < 80, (where, page)
            if where == "@@approvals":
                assert "ขอให้ขุดลอกคลองส่งน้ำหมู่ที่ 5" in browser.page_source  # not an empty queue
        screenshot(browser, f"phone-{role}.png")


def test_citizen_reads_the_public_summary_and_an_officer_drills_down(browser, live_server,
                                                                     make_user, site):
    """Issue 15: the public summary (no login) with its charts and map; then an officer's
    summary page, a figure followed to the listing of exactly its complaints."""
    from test_summary_pages import arrange

    arrange(site)
    browser.get(live_server.url + "/summary?fy=2568")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "table.official")))
    assert "ศูนย์ดำรงธรรมอำเภอ (ทั้งประเทศ)" in browser.page_source
    assert len(browser.find_elements(By.CSS_SELECTOR, "svg")) == 3
    browser.find_element(By.CSS_SELECTOR, "a[href$='/summary/70'] circle, a[href$='/summary/70']")
    browser.get(live_server.url + "/summary/70?fy=2568")
    assert "คิดเป็นร้อยละ ๖๖.๖๗" in browser.find_element(By.TAG_NAME, "body").text
    screenshot(browser, "public-summary-70.png")

    log_in(browser, live_server, make_user("officer", "70"))
    browser.find_element(By.CSS_SELECTOR, "header.top nav").find_element(
        By.LINK_TEXT, "สรุปผลการดำเนินงาน").click()
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "period")))
    Select(form.find_element(By.NAME, "fy")).select_by_value("2568")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    link = wait(browser).until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, "table.official a[href*='category=d02'][href*='public=closed']")))
    assert link.text == "๑"
    link.click()
    rows = wait(browser).until(EC.presence_of_all_elements_located(
        (By.CSS_SELECTOR, "table.list tbody tr")))
    assert len(rows) == 1 and "ยุติเรื่อง" in rows[0].text
    screenshot(browser, "summary-drill-down.png")


def _gone(element):
    """Wait condition: ``element``'s page was replaced. (Chromium sometimes answers a look at
    a node of the old page with an inspector error instead of a stale element.)"""
    def check(driver):
        try:
            element.is_enabled()
        except WebDriverException:  # StaleElementReferenceException is one
            return True
        return False
    return check


def _act(driver, name, note=""):
    """Take a transition from the complaint page's buttons, with ``note``."""
    form = driver.find_element(By.ID, "transition-form")
    if note:
        form.find_element(By.NAME, "note").send_keys(note)
    button = form.find_element(By.CSS_SELECTOR, f"button[value='{name}']")
    button.click()
    wait(driver).until(_gone(button))


def _as(driver, server, login_id, path):
    driver.delete_all_cookies()
    log_in(driver, server, login_id)
    driver.get(server.url + path)


def test_a_case_sent_to_a_district_comes_back_and_is_closed_in_a_bulk_approval(
        browser, live_server, make_user, site, app):
    """The province sends a case to its district, the district reports, the province accepts
    and proposes closure, and a supervisor approves it with others, ticking them all at once."""
    province, district = make_user("officer", "70"), make_user("officer", "7001")
    supervisor = make_user("supervisor", "70")
    workflow = app.registry.workflow
    with site() as s:
        path = new_complaint(s, "70", "ขอให้ตรวจสอบการบุกรุกลำรางสาธารณะ")
        others = [new_complaint(s, "7001", f"เรื่องอื่นที่เสนอยุติ {n}") for n in range(3)]
        officer = s.users[province]
        for other in others:
            complaint = find_resource(s, other)
            for name in ("screen", "work"):
                workflow.apply(complaint, name, Actor.of(officer), note="ดำเนินการ")
            workflow.apply(complaint, "propose", Actor.of(officer), note="ยุติได้")

    _as(browser, live_server, province, path + "/")
    browser.find_element(By.LINK_TEXT, "ส่งศูนย์อื่นดำเนินการ").click()
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "move")))
    Select(form.find_element(By.NAME, "center")).select_by_value("7001")
    form.find_element(By.NAME, "note").send_keys("ขอให้ตรวจสอบข้อเท็จจริงและรายงานผล")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "casework")))
    assert "ศูนย์ดำรงธรรมอำเภอเมืองราชบุรี" in browser.find_element(By.ID, "casework").text

    _as(browser, live_server, district, "/moi/70/7001/@@inbox")
    browser.find_element(By.ID, "received").find_element(
        By.PARTIAL_LINK_TEXT, "ขอให้ตรวจสอบการบุกรุก").click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "transition-form")))
    _act(browser, "report", "ตรวจสอบแล้ว ผู้บุกรุกรื้อถอนออกแล้ว")

    _as(browser, live_server, province, "/moi/70/@@inbox")
    browser.find_element(By.ID, "reported").find_element(
        By.PARTIAL_LINK_TEXT, "ขอให้ตรวจสอบการบุกรุก").click()
    wait(browser).until(EC.presence_of_element_located((By.ID, "transition-form")))
    assert "ตรวจสอบแล้ว ผู้บุกรุกรื้อถอนออกแล้ว" in browser.page_source
    _act(browser, "accept")
    _act(browser, "propose", "ผู้บุกรุกรื้อถอนแล้ว ยุติเรื่อง")

    _as(browser, live_server, supervisor, "/moi/70/@@approvals")
    assert "ผู้บุกรุกรื้อถอนแล้ว ยุติเรื่อง" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, "input.check-all").click()
    ticked = browser.find_elements(By.CSS_SELECTOR, "input[name=case]:checked")
    assert len(ticked) == 4
    screenshot(browser, "bulk-approval.png")
    browser.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash")))
    assert "อนุมัติยุติเรื่องแล้ว" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    with site() as s:
        assert [find_resource(s, p).status for p in [path] + others] == ["closed"] * 4


REPLY_TEXT = ("หนังสือตอบ สำนักงานอุตสาหกรรมจังหวัดราชบุรี\n"
              "ได้ตรวจสอบโรงงานแล้ว พบการระบายน้ำทิ้งเกินมาตรฐาน สั่งให้ปรับปรุงระบบบำบัด")


def _link(driver, text):
    link = driver.find_element(By.PARTIAL_LINK_TEXT, text)
    link.click()
    wait(driver).until(_gone(link))


def test_the_whole_loop_from_the_counter_to_a_bulk_closure(browser, live_server, make_user, site,
                                                          app, tmp_path):
    """A clerk registers; the officer forwards to an agency with the letter; the agency's reply
    is scanned in and found by search; a tambon team member reports a visit with a photo from a
    phone-sized window; the officer proposes closure; the supervisor approves it with others."""
    clerk, officer = make_user("clerk", "7001"), make_user("officer", "7001")
    member, supervisor = make_user("officer", "7001"), make_user("supervisor", "7001")
    workflow = app.registry.workflow
    with site() as s:
        s.users[member].teams = ("700101",)
        industry = next(a for a in s.agencies.values() if a.name.startswith("สำนักงานอุตสาหกรรม"))
        others = [new_complaint(s, "7001", f"เรื่องอื่นที่เสนอยุติ {n}") for n in range(2)]
        for other in others:
            complaint = find_resource(s, other)
            for name in ("screen", "work"):
                workflow.apply(complaint, name, Actor.of(s.users[officer]), note="ดำเนินการ")
            workflow.apply(complaint, "propose", Actor.of(s.users[officer]), note="ยุติได้")

    log_in(browser, live_server, clerk)
    form = open_register_page(browser)
    fill_required(form)
    browser.find_element(By.XPATH, "//button[normalize-space()='บันทึกและออกเลขรับ']").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".receipt-banner")))
    path = browser.current_url.split("?")[0].replace(live_server.url, "")

    _as(browser, live_server, officer, path)
    _link(browser, "ส่งหน่วยงานที่เกี่ยวข้อง")
    form = browser.find_element(By.ID, "forward")
    Select(form.find_element(By.NAME, "agency")).select_by_value(industry.__name__)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    letter = wait(browser).until(EC.presence_of_element_located((By.ID, "letter")))
    assert "สำนักงานอุตสาหกรรมจังหวัดราชบุรี" in letter.find_element(
        By.NAME, "addressee").get_attribute("value")
    letter.find_element(By.NAME, "signer_name").send_keys("ทดสอบ ผู้ลงนาม")
    letter.find_element(By.NAME, "issue").click()
    wait(browser).until(_gone(letter))

    browser.get(live_server.url + path)
    _link(browser, "ลงรับหนังสือตอบจากหน่วยงาน")
    scan = tmp_path / "reply.jpg"
    scan.write_bytes(scanned_page(REPLY_TEXT, seed=11))
    form = browser.find_element(By.ID, "reply")
    form.find_element(By.NAME, "file").send_keys(str(scan))
    form.find_element(By.NAME, "note").send_keys("หน่วยงานสั่งให้ปรับปรุงระบบบำบัดน้ำเสียแล้ว")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser).until(_gone(form))
    browser.get(live_server.url + "/moi/70/7001/@@search?q=" + "ระบบบำบัด")

    result = wait(browser, READ_WAIT).until(_first_result)
    assert "ขอให้ตรวจสอบโรงงานปล่อยน้ำเสียลงลำห้วย" in result.text

    browser.get(live_server.url + path)
    _act(browser, "work", "ได้รับผลจากหน่วยงานแล้ว ให้ ชปต. ลงพื้นที่ตรวจสอบ")
    _link(browser, "มอบหมาย ชปต.")
    form = browser.find_element(By.ID, "team")
    Select(form.find_element(By.NAME, "team")).select_by_value("700101")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser).until(_gone(form))

    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    _as(browser, live_server, member, "/moi/70/7001/@@field")
    _link(browser, "ขอให้ตรวจสอบโรงงาน")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 390
    photo = tmp_path / "visit.jpg"
    photo.write_bytes(scanned_page("ภาพถ่ายท่อระบายน้ำ", seed=12))
    form = browser.find_element(By.ID, "visit")
    form.find_element(By.NAME, "findings").send_keys("ลงพื้นที่แล้ว โรงงานติดตั้งระบบบำบัดใหม่")
    form.find_element(By.NAME, "file").send_keys(str(photo))
    form.find_element(By.NAME, "report").click()
    screenshot(browser, "phone-visit.png")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait(browser).until(_gone(form))
    assert "บันทึกการลงพื้นที่แล้ว" in browser.find_element(By.CSS_SELECTOR, ".flash").text
    browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    _as(browser, live_server, officer, path)
    _act(browser, "accept")
    _act(browser, "propose", "โรงงานปรับปรุงระบบบำบัดแล้ว ยุติเรื่อง")

    _as(browser, live_server, supervisor, "/moi/70/7001/@@approvals")
    browser.find_element(By.CSS_SELECTOR, "input.check-all").click()
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name=case]:checked")) == 3
    browser.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".flash")))
    with site() as s:
        complaint = find_resource(s, path)
        assert complaint.status == "closed"
        assert [d.filename for d in complaint.documents()] == ["reply.jpg", "visit.jpg"]
        assert [find_resource(s, p).status for p in others] == ["closed", "closed"]


def _fits_phone(driver):
    return driver.execute_script("return document.documentElement.scrollWidth") <= 390


def test_a_citizen_files_online_follows_the_case_and_reads_news_and_answers_on_a_phone(
        browser, live_server, site, app, tmp_path):
    """Issue 17: the citizens' site at 390 px, no login: a complaint filed online with a photo,
    followed by its code, moving when an officer forwards it; then the news and the FAQ."""
    from damrong.demo.outreach import load_outreach
    from damrong.forwarding import forward_to_agency

    with site() as s:
        load_outreach(s, "3100100123458", "3100100123466")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", PHONE)
    browser.get(live_server.url + "/")
    _link(browser, "ร้องเรียนออนไลน์")
    form = wait(browser).until(EC.presence_of_element_located((By.ID, "online")))
    field(form, "subject").send_keys("ไฟส่องสว่างในซอยดับทั้งซอย")
    field(form, "details").send_keys("ไฟถนนดับมาสองสัปดาห์ กลางคืนมืดมาก")
    Select(field(form, "province")).select_by_value("70")
    district = Select(field(form, "district"))
    wait(browser).until(lambda d: len(district.options) > 1)  # /@@areas.json, no login
    district.select_by_value("7005")
    field(form, "first_name").send_keys("ประชา")
    field(form, "phone").send_keys("0812345678")
    photo = tmp_path / "lamp.jpg"
    photo.write_bytes(scanfiles.jpeg())
    form.find_element(By.CSS_SELECTOR, "input[type=file]").send_keys(str(photo))
    assert _fits_phone(browser)
    screenshot(browser, "public-file.png")
    browser.find_element(By.ID, "online-send").click()

    code = wait(browser).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".big-code"))).text
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", code), code
    assert browser.find_element(By.ID, "status").text == "ศูนย์ดำรงธรรมได้รับเรื่องแล้ว"
    assert "ประชา" not in browser.find_element(By.TAG_NAME, "main").text
    assert _fits_phone(browser)
    screenshot(browser, "public-filed.png")

    with site() as s:
        complaint = s.tracking[code.replace("-", "")]
        assert complaint.center.code == "7005" and complaint.type["channel"] == "website"
        forward_to_agency(app.registry.workflow, s, complaint,
                          Actor.staff("3100100123474", "officer", "7005"),
                          next(iter(s.agencies.keys())))

    browser.get(live_server.url + "/")
    _link(browser, "ติดตามเรื่อง")
    box = wait(browser).until(EC.presence_of_element_located((By.ID, "code")))
    box.send_keys(code.lower())
    box.submit()
    steps = wait(browser).until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, "ol.timeline li")))
    assert steps[-1].text.endswith("ส่งเรื่องให้หน่วยงานที่เกี่ยวข้องดำเนินการ")
    assert _fits_phone(browser)
    screenshot(browser, "public-track.png")

    _link(browser, "ข่าวกิจกรรม")
    first = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ul.news li a")))
    first.click()
    image = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".photos img")))
    wait(browser).until(lambda d: d.execute_script("return arguments[0].naturalWidth", image) > 0)
    assert _fits_phone(browser)
    screenshot(browser, "public-news.png")

    _link(browser, "ถาม-ตอบ")
    search = wait(browser).until(EC.presence_of_element_located((By.ID, "q")))
    search.send_keys("เอกสาร")
    search.submit()
    answers = wait(browser).until(EC.presence_of_all_elements_located((By.CSS_SELECTOR, ".faq dt")))
    assert [a.text for a in answers] == ["ร้องเรียนที่ศูนย์ดำรงธรรมต้องเตรียมเอกสารอะไรบ้าง"]
    assert _fits_phone(browser)
    screenshot(browser, "public-faq.png")

    _link(browser, "สรุปผลการดำเนินงาน")
    wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, ".chart svg")))
    assert browser.find_element(By.CSS_SELECTOR, "nav.sections").text.startswith("ติดตามเรื่อง")
    assert _fits_phone(browser)
    screenshot(browser, "public-summary.png")

    result = "ซ่อมไฟส่องสว่างในซอยครบทุกดวงแล้ว และตั้งเวลาตรวจทุกเดือน"
    with site() as s:  # the officer proposes closure with a result for the public; approved
        complaint = s.tracking[code.replace("-", "")]
        propose(app.registry.workflow, complaint, Actor.staff("3100100123474", "officer", "7005"),
                "การไฟฟ้าส่วนภูมิภาคแจ้งว่าเปลี่ยนหลอดแล้ว", result)
        app.registry.workflow.apply(complaint, "close",
                                    Actor.staff("3100100123485", "supervisor", "7005"), "อนุมัติ")
    browser.get(f"{live_server.url}/track/{code}")
    closed = wait(browser).until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.timeline .result")))
    assert closed.text.endswith(result) and closed.is_displayed()
    assert "การไฟฟ้าส่วนภูมิภาค" not in browser.find_element(By.TAG_NAME, "main").text
    assert _fits_phone(browser)
    screenshot(browser, "public-closed.png")
