"""Closures approved in bulk: a supervisor decides on many proposed closures in one request,
or clears a backlog: open cases whose result is already recorded (a report or a reply), closed
with that result as their summary (``settle``), as the ministry's circular asked.

Each decision is the workflow's own ``close`` or ``reject`` on its own complaint (permission,
the proposer's bar, history and events as for a single one), so a bulk approval records
nothing a page-by-page one would not. Two supervisors deciding on the same case at once write
the same complaint: ZODB lets one commit, the other request is retried and finds the case no
longer proposed, and is told so for that case.

A proposal carries two texts: the internal summary (the ``propose`` note) and the result the
citizen may read (``Complaint.public_result``, public_result.py); an approval publishes the
second with the first, a return keeps it on the complaint for the officer to edit.
"""

from dataclasses import dataclass

from . import public_result
from .workflow import WorkflowError

#: The state whose cases wait for a supervisor, the transition that proposes them and those that
#: decide them.
PROPOSED, PROPOSE, APPROVE, RETURN = "closure-proposed", "propose", "close", "reject"
#: The backlog: states whose result is recorded, the transition that closes them from there, and
#: the steps whose note is that result.
FINISHED, SETTLE, RESULT_STEPS = ("reported", "replied"), "settle", ("report", "reply", "team-report")


@dataclass
class Proposal:
    """A proposed closure as the supervisor weighs it: the case and who proposed what, for
    the file and for the public (empty for the backlog, which has no proposal)."""

    complaint: object
    proposed_by: str
    summary: str
    public_result: str = ""


def proposal(workflow, complaint):
    """What a supervisor approves: the last ``propose`` of a proposed closure, or the recorded
    result of a finished case of the backlog (the latest of its report, reply or visit
    report)."""
    proposed = complaint.status == PROPOSED
    names = (PROPOSE,) if proposed else RESULT_STEPS
    entries = [e for e in (workflow.last_taken(complaint, name) for name in names) if e]
    entry = max(entries, key=lambda e: e["when"], default={"who": "", "note": ""})
    return Proposal(complaint, entry["who"], entry["note"],
                    complaint.public_result if proposed else "")


def propose(workflow, complaint, actor, note, public_text=""):
    """Propose closing ``complaint`` with the internal summary ``note`` and the result the
    citizen will read once a supervisor approves (``public_text``, checked by
    public_result.py: ``PublicResultRefused`` leaves the complaint as it was). The public
    text is recorded in the history like any change of the record."""
    text = public_result.checked(public_text)
    changes = ([(public_result.LABEL, complaint.public_result, text)]
               if text != complaint.public_result else [])
    return workflow.apply(complaint, PROPOSE, actor, note, changes=changes, public_result=text)


def decide(workflow, complaints, actor, approve, note=""):
    """Approve (``approve``) or return with ``note`` each of ``complaints`` as ``actor``.

    An approval closes a proposed closure (``close``) or a finished case of the backlog
    (``settle``) with the proposal's own summary or the recorded result (the supervisor's ``note``, if any,
    after it). Returns ``(done, refused)``: the complaints decided, and ``(complaint,
    message)`` for each the workflow refused, which stays as it was.
    """
    done, refused = [], []
    for complaint in complaints:
        if approve:
            summary = proposal(workflow, complaint).summary
            text = "\n".join(part for part in (summary, note.strip()) if part)
            name = SETTLE if complaint.status in FINISHED else APPROVE
        else:
            text, name = note, RETURN
        try:
            workflow.apply(complaint, name, actor, text)
        except WorkflowError as error:
            refused.append((complaint, error.message))
        else:
            done.append(complaint)
    return done, refused
