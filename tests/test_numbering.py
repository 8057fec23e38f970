"""Receipt numbers under concurrency: real threads, real ZODB, ConflictError retries."""

import pytest
import webtest

from damrong import complaints
from helpers import all_at_once, fill, login

# 200 registrations from 8 clerks' sessions at once (200 threads let go at the same moment
# exhausted retry.attempts on a busy two-core machine, ending in NoTransaction).
THREADS = 8
PER_THREAD = 25


@pytest.mark.slow
def test_200_concurrent_registrations_get_200_consecutive_numbers(app, make_user, site,
                                                                     monkeypatch):
    clerk = make_user("clerk", "7001")
    taken = []  # every number taken, including those of transactions retried after a conflict
    real_next = complaints.next_receipt_number
    monkeypatch.setattr(complaints, "next_receipt_number",
                        lambda *args: taken.append(1) or real_next(*args))
    clients = []
    for _ in range(THREADS):
        client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
        login(client, clerk)
        clients.append(client)
    forms = [fill(client.get("/moi/70/7001/@@register").forms["intake"]) for client in clients]
    failures = []

    def register_many(form):
        for _ in range(PER_THREAD):
            form["submission_id"] = ""  # each submission is a new petition
            try:
                response = form.submit("register", status="*")
            except Exception as error:  # noqa: BLE001 - a lost registration is the failure
                failures.append(repr(error)[:300])
                continue
            if response.status_int != 303:
                failures.append(response.status)

    all_at_once(register_many, forms)
    assert failures == []
    assert len(taken) > THREADS * PER_THREAD  # transactions did conflict and were retried
    with site() as s:
        registered = list(s.centers["7001"].complaints.values())
        numbers = sorted(c.receipt_number for c in registered)
        assert numbers == list(range(1, THREADS * PER_THREAD + 1))
        assert len({c.tracking_code for c in registered}) == THREADS * PER_THREAD
        assert s.listing.count("center", "7001") == THREADS * PER_THREAD


def test_simultaneous_double_click_registers_once(app, make_user, site):
    clerk = make_user("clerk", "7001")
    client = webtest.TestApp(app, extra_environ={"HTTP_HOST": "localhost"})
    login(client, clerk)
    form = fill(client.get("/moi/70/7001/@@register").forms["intake"])
    locations = []
    all_at_once(lambda _: locations.append(form.submit("register", status=303).location), [1, 2])
    assert len(locations) == 2 and locations[0] == locations[1]
    with site() as s:
        assert len(s.centers["7001"].complaints) == 1
