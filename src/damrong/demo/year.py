"""A year of work for the summaries: a few hundred complaints over the last twelve months at
several centers of Ratchaburi, Chiang Mai and Bangkok, the older ones mostly closed, so the
summary pages, the monthly reports and the public map show what a real year looks like.

Complaints are registered through ``register_complaint`` and closed through the workflow's
transitions (screen, propose, close), like any other; their records come from ``bulk``'s
synthetic people and subjects. The month-end freezes of the past months are made too, as the
worker would have made them on each 1st.
"""

import datetime
import random

from ..bulk import AGENCIES, SUBJECTS, _complainant, _CenterPlan
from ..complaints import register_complaint
from ..reports.counters import month_key
from ..reports.freeze import freeze_month
from ..security import Actor
from ..thai import national_id

#: Centers and how many of each hundred complaints of the year they receive.
YEAR_CENTERS = (("7001", 22), ("7002", 10), ("7003", 8), ("7004", 6), ("70", 10),
                ("5001", 14), ("5002", 6), ("50", 8), ("1001", 8), ("10", 8))
#: Closing steps, each by the role that may take it.
CLOSING = (("screen", "officer"), ("propose", "officer"), ("close", "supervisor"))
#: Days from receipt to closure of a closed complaint of the year, at least and at most.
CLOSED_WITHIN = (3, 60)


def _supervisor(code):
    """A center's synthetic supervisor, not the proposer: the workflow's ``not_by: propose``
    refuses an approval by whoever proposed the closure. Its own generator, so the demo's
    other random choices stay as they were."""
    return national_id.generate(random.Random(f"supervisor-{code}"))


def backdate(complaint, first, times):
    """Give history entries ``first``, ``first + 1``… the times the work happened (the workflow
    stamps them with the time the demo was loaded)."""
    for number, when in enumerate(times, first):
        complaint.history.restamp(number, when.astimezone(datetime.timezone.utc))


def _closing_times(received_at, now, pace):
    """When the ``CLOSING`` steps of a complaint received at ``received_at`` were taken: in
    order, the closure ``CLOSED_WITHIN`` days after receipt and never after ``now``."""
    closed_at = min(received_at + datetime.timedelta(days=pace.uniform(*CLOSED_WITHIN)), now)
    steps = sorted(received_at + (closed_at - received_at) * pace.uniform(0.1, 0.9)
                   for _ in CLOSING[1:])
    return steps + [closed_at]


def load_year(site, registry, rng, count, now, commit):
    """Register ``count`` complaints received over the twelve months before ``now``; a
    complaint ``n`` days old is closed with a chance growing to 90 % after four months.
    Freezes each finished month. Returns how many were closed."""
    plans = {code: _CenterPlan(site.centers[code], registry.taxonomy, rng)
             for code, _ in YEAR_CENTERS}
    codes = [code for code, _ in YEAR_CENTERS]
    weights = [weight for _, weight in YEAR_CENTERS]
    workflow = registry.workflow
    pace = random.Random("closing-times")  # its own generator: the demo's other choices stay
    closed = 0
    moments = sorted(now - datetime.timedelta(days=rng.uniform(0, 365)) for _ in range(count))
    for number, received_at in enumerate(moments, start=1):
        plan = plans[rng.choices(codes, weights)[0]]
        record = {
            "received_at": received_at.replace(microsecond=0),
            "type": {"category": rng.choice(plan.categories), "category_other": "",
                     "channel": rng.choice(("walk-in", "letter", "hotline-1567", "website"))},
            "complaint": {"subject": rng.choice(SUBJECTS), "details": "ข้อมูลสังเคราะห์ (synthetic)",
                          "urgency": "normal"},
            "place": plan.place(rng),
            "complainant": _complainant(rng),
            "respondent": {"name": "", "position": "", "agency": rng.choice(AGENCIES)},
        }
        complaint, _ = register_complaint(site, plan.center, record, (), plan.clerk,
                                          workflow.initial)
        age = (now - received_at).days
        if rng.random() < min(0.9, age / 120):
            for name, role in CLOSING:  # the closure approved by another person (four eyes)
                login = plan.clerk if role != "supervisor" else _supervisor(plan.center.code)
                workflow.apply(complaint, name, Actor.staff(login, role, plan.center.code),
                               note="ดำเนินการแล้วเสร็จ (ข้อมูลสังเคราะห์)")
            backdate(complaint, 2, _closing_times(received_at, now, pace))
            closed += 1
        if number % 100 == 0:
            commit()
    month = now.date().replace(day=1)
    for _ in range(12):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
        freeze_month(site, month_key(month))
    commit()
    return closed
