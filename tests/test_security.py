"""Who sees what: centers, roles, first login, throttling."""

from damrong.security import LoginThrottle
from helpers import PASSWORD, login, new_complaint


def test_district_user_sees_only_own_district(testapp, make_user, site):
    with site() as s:
        own = new_complaint(s, "7001", "เรื่องของอำเภอเมือง")
        other = new_complaint(s, "7002", "เรื่องของอำเภอจอมบึง")
    login(testapp, make_user("officer", "7001")).follow()
    assert "เรื่องของอำเภอเมือง" in testapp.get(own + "/").text
    testapp.get(other + "/", status=403)
    testapp.get("/moi/70/7002/", status=403)
    testapp.get("/moi/70/", status=403)
    listing = testapp.get("/moi/70/7001/")
    assert "เรื่องของอำเภอจอมบึง" not in listing.text


def test_province_user_sees_province_and_its_districts(testapp, make_user, site):
    with site() as s:
        district = new_complaint(s, "7002", "เรื่องของอำเภอจอมบึง")
        elsewhere = new_complaint(s, "5001", "เรื่องของเชียงใหม่")
    login(testapp, make_user("supervisor", "70")).follow()
    listing = testapp.get("/moi/70/")
    assert "เรื่องของอำเภอจอมบึง" in listing.text
    assert "เรื่องของเชียงใหม่" not in listing.text
    testapp.get(district + "/")
    testapp.get(elsewhere + "/", status=403)


def test_ministry_sees_everything(testapp, make_user, site):
    with site() as s:
        new_complaint(s, "7002", "เรื่องของอำเภอจอมบึง")
        new_complaint(s, "5001", "เรื่องของเชียงใหม่")
    login(testapp, make_user("executive", "moi")).follow()
    listing = testapp.get("/moi/")
    assert "เรื่องของอำเภอจอมบึง" in listing.text and "เรื่องของเชียงใหม่" in listing.text


def test_executive_cannot_register_and_id_is_masked(testapp, make_user, site):
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องทดสอบการปกปิดข้อมูล")
    login(testapp, make_user("executive", "70")).follow()
    testapp.get("/moi/70/7001/@@register", status=403)
    page = testapp.get(path + "/")
    assert "1101700203450" not in page.text and "1-1017-00203-45-0" not in page.text
    assert "1-xxxx-xxxxx-xx-0" in page.text
    assert "สมปอง" not in page.text


def test_reveal_of_personal_data_is_logged(testapp, make_user, site):
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องทดสอบการเปิดดู")
    officer = make_user("officer", "7001")
    login(testapp, officer).follow()
    page = testapp.get(path + "/")
    assert "1-1017-00203-45-0" not in page.text
    reveal_form = next(f for f in page.forms.values() if f.action.endswith("@@reveal"))
    assert "1-1017-00203-45-0" in reveal_form.submit().text
    assert "เปิดดูข้อมูลส่วนบุคคลของผู้ร้อง" in testapp.get(path + "/").text


def test_anonymous_visitor_is_sent_to_login(testapp):
    response = testapp.get("/moi/70/7001/", status=303)
    assert "/@@login" in response.location


def test_first_login_forces_password_change(testapp, make_user):
    login_id = make_user("clerk", "7001", must_change=True)
    login(testapp, login_id).follow().follow()
    response = testapp.get("/moi/70/7001/", status=303)
    assert response.location.endswith("/@@password")
    form = testapp.get("/@@password").forms["password-form"]
    form["current"] = PASSWORD
    form["new"] = form["confirm"] = "short"
    assert "อย่างน้อย" in form.submit("submit", status=400).text
    form = testapp.get("/@@password").forms["password-form"]
    form["current"] = PASSWORD
    form["new"] = form["confirm"] = "a-much-longer-passphrase"
    form.submit("submit", status=303)
    testapp.get("/moi/70/7001/", status=200)


def test_repeated_wrong_passwords_lock_the_account(app, testapp, make_user):
    app.registry.login_throttle = LoginThrottle(5, 30)  # damrong.login_lockout_minutes = 30
    login_id = make_user("clerk", "7001")
    for _ in range(5):
        assert "ไม่ถูกต้อง" in login(testapp, login_id, "wrong-password").text
    locked = login(testapp, login_id)  # even the right password is refused while locked
    assert "ระงับชั่วคราว" in locked.text and "กรุณารอ ๓๐ นาที" in locked.text
    testapp.get("/moi/70/7001/", status=303)


def test_passwords_are_hashed_with_argon2(make_user, site):
    login_id = make_user("clerk", "7001")
    with site() as s:
        assert s.users[login_id].password_hash.startswith("$argon2id$")


def test_admin_adds_user_who_must_change_password(testapp, make_user, site):
    login(testapp, make_user("admin", "70")).follow()
    page = testapp.get("/moi/70/@@users")
    form = page.forms["add-user"]
    form["login"] = "3914177763175"
    form["full_name"] = "นางสาวทดลอง ระบบงาน"
    form["role"] = "officer"
    form["center"] = "7002"
    result = form.submit("add")
    assert "รหัสผ่านชั่วคราว" in result.text
    with site() as s:
        user = s.users["3914177763175"]
        assert user.must_change_password and user.center_code == "7002"
    bad = testapp.get("/moi/70/@@users").forms["add-user"]
    bad["login"] = "3914177763176"
    bad["full_name"] = "ผิด"
    assert "ไม่ถูกต้อง" in bad.submit("add", status=400).text


def test_admin_of_a_province_cannot_manage_another(testapp, make_user):
    login(testapp, make_user("admin", "70")).follow()
    testapp.get("/moi/50/@@users", status=403)


def test_every_page_links_to_the_password_change(testapp, clerk):
    """Issue 13 item 14: the password page could only be reached by typing its address."""
    page = testapp.get("/moi/70/7001/")
    link = page.html.find("a", href="http://localhost/@@password")
    assert link is not None and "เปลี่ยนรหัสผ่าน" in link.text
    assert page.click(href="/@@password").status_int == 200


def test_pages_are_not_kept_for_the_back_button(testapp, clerk):
    """Issue 13 item 14: after approving, the back button showed the listing as it was before.
    Pages are fetched again (no-store also keeps personal data out of the browser's cache);
    static files are still cached."""
    page = testapp.get("/moi/70/7001/")
    assert page.cache_control.no_store
    css = testapp.get(page.html.find("link", rel="stylesheet")["href"])
    assert not css.cache_control.no_store and css.cache_control.max_age


def test_anonymous_cannot_tell_existing_paths_from_missing_ones(testapp, site):
    """Issue 14.14: an existing complaint answered 303, a missing one 404."""
    with site() as s:
        path = new_complaint(s, "7001", "เรื่องที่มีอยู่จริง")
    existing = testapp.get(path + "/", status=303)
    missing = testapp.get(path.rsplit("-", 1)[0] + "-99999/", status=303)
    for response in (existing, missing):
        assert "/@@login?came_from=" in response.location
    assert testapp.post(path + "/@@edit", status=303).location == testapp.post(
        "/moi/70/7001/nothing/@@edit", status=303).location
