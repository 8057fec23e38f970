"""What a citizen sees of a case on the tracking page (ติดตามเรื่อง), and nothing more.

The model is built from an explicit allow-list: the tracking code, the receipt number and date,
the center's name and code, the status, and of the history only each entry's time and action.
The record's groups (complainant, respondent, place, details), the history's notes, changes and
names are never read, so no template or JSON serializer can show them by mistake.

The timeline has one step per change of state, worded by the state's ``citizen`` wording
(config/workflow.yaml); steps that read the same one after another are shown once.
"""

import datetime
from dataclasses import dataclass

from .thai.dates import bangkok_date
from .tracking import ALPHABET, LENGTH

#: The history's action of a registration (complaints.register_complaint).
RECEIVED = "รับเรื่อง"


@dataclass(frozen=True)
class Step:
    when: datetime.datetime
    state: str


@dataclass(frozen=True)
class PublicCase:
    code: str
    receipt_year: int
    receipt_number: int
    received_at: datetime.datetime
    center_code: str
    center_th: str
    center_en: str
    state: str
    closed: bool
    steps: tuple
    days_open: int


def clean_code(text):
    """A typed or scanned tracking code as stored (dashes, spaces and case ignored), or ``""``
    when it cannot be one."""
    code = "".join(ch for ch in str(text).upper() if ch not in " -")
    return code if len(code) == LENGTH and set(code) <= set(ALPHABET) else ""


def find_case(site, text):
    """The complaint a typed code names, by the site's code index (never a scan), or ``None``."""
    code = clean_code(text)
    return site.tracking.get(code) if code else None


def public_case(complaint, workflow, today=None):
    """The citizen's view of ``complaint`` (see the module's docstring for what is read)."""
    steps = []
    for entry in complaint.history:
        action = entry["action"]
        state = workflow.initial if action == RECEIVED else workflow.target_of(action)
        if state is None:
            continue
        when = complaint.received_at if action == RECEIVED and not steps else entry["when"]
        if not steps or workflow.citizen_label(steps[-1].state) != workflow.citizen_label(state):
            steps.append(Step(when, state))
    closed = workflow.states[complaint.status]["public"] == "closed"
    last_day = bangkok_date(steps[-1].when) if closed and steps else (
        today or bangkok_date(datetime.datetime.now(datetime.timezone.utc)))
    center = complaint.center
    return PublicCase(
        code=complaint.tracking_code, receipt_year=complaint.receipt_year,
        receipt_number=complaint.receipt_number, received_at=complaint.received_at,
        center_code=center.code, center_th=center.title, center_en=center.title_en,
        state=complaint.status, closed=closed, steps=tuple(steps),
        days_open=max((last_day - bangkok_date(complaint.received_at)).days, 0))


def as_json(case, display):
    """The case as the tracking page's JSON gives it, worded in the reader's language."""
    return {
        "code": display.format_code(case.code),
        "receipt": display.receipt(case),
        "received": case.received_at.isoformat(),
        "center": case.center_th if display.thai else case.center_en,
        "status": display.workflow.citizen_label(case.state, display.locale),
        "closed": case.closed,
        "days_open": case.days_open,
        "steps": [{"when": step.when.isoformat(),
                   "what": display.workflow.citizen_label(step.state, display.locale)}
                  for step in case.steps],
    }
