"""What a citizen sees of a case on the tracking page (ติดตามเรื่อง), and nothing more.

The model is built from an explicit allow-list: the tracking code, the receipt number and date,
the center's name and code, the status, of the history only each entry's time and action, and
the result written for the public (``Complaint.public_result``, public_result.py) once a
supervisor approved the closure it was proposed with. The record's groups (complainant, respondent, place, details), the history's notes, changes and
names are never read, so no template or JSON serializer can show them by mistake.

The timeline has one step per change of state, worded by the state's ``citizen`` wording
(config/workflow.yaml); steps that read the same one after another are shown once. The closed
step carries the public result when the case was closed by approving a proposal: a case closed
from the backlog (``settle``) had no proposal, and a proposal returned or not yet decided has
published nothing.
"""

import datetime
from dataclasses import dataclass

from .approvals import APPROVE
from .thai.dates import bangkok_date
from .tracking import ALPHABET, LENGTH

#: The history's action of a registration (complaints.register_complaint).
RECEIVED = "รับเรื่อง"


@dataclass(frozen=True)
class Step:
    when: datetime.datetime
    state: str
    #: The public result, on the step of an approved closure only.
    result: str = ""


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
    steps, last_action = [], None
    for entry in complaint.history:
        action = entry["action"]
        state = workflow.initial if action == RECEIVED else workflow.target_of(action)
        if state is None:
            continue
        last_action = action
        when = complaint.received_at if action == RECEIVED and not steps else entry["when"]
        if not steps or workflow.citizen_label(steps[-1].state) != workflow.citizen_label(state):
            steps.append(Step(when, state))
    closed = workflow.states[complaint.status]["public"] == "closed"
    if closed and steps and last_action == workflow.transitions[APPROVE].label:
        steps[-1] = Step(steps[-1].when, steps[-1].state, complaint.public_result)
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
        "steps": [_step_json(step, display) for step in case.steps],
    }


def _step_json(step, display):
    """One step of the timeline; the closed step of an approved closure adds its ``result``."""
    data = {"when": step.when.isoformat(),
            "what": display.workflow.citizen_label(step.state, display.locale)}
    if step.result:
        data["result"] = step.result
    return data
