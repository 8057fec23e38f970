"""Closures approved in bulk: a supervisor decides on many proposed closures in one request,
or clears a backlog: open cases whose result is already recorded (a report or a reply), closed
with that result as their summary (``settle``), as the ministry's circular asked.

Each decision is the workflow's own ``close`` or ``reject`` on its own complaint (permission,
the proposer's bar, history and events as for a single one), so a bulk approval records
nothing a page-by-page one would not. Two supervisors deciding on the same case at once write
the same complaint: ZODB lets one commit, the other request is retried and finds the case no
longer proposed, and is told so for that case.
"""

from dataclasses import dataclass

from .workflow import WorkflowError

#: The state whose cases wait for a supervisor, and the transitions that decide them.
PROPOSED, APPROVE, RETURN = "closure-proposed", "close", "reject"
#: The backlog: states whose result is recorded, the transition that closes them from there, and
#: the steps whose note is that result.
FINISHED, SETTLE, RESULT_STEPS = ("reported", "replied"), "settle", ("report", "reply", "team-report")


@dataclass
class Proposal:
    """A proposed closure as the supervisor weighs it: the case and who proposed what."""

    complaint: object
    proposed_by: str
    summary: str


def proposal(workflow, complaint):
    """What a supervisor approves: the last ``propose`` of a proposed closure, or the recorded
    result of a finished case of the backlog (the latest of its report, reply or visit
    report)."""
    names = ("propose",) if complaint.status == PROPOSED else RESULT_STEPS
    entries = [e for e in (workflow.last_taken(complaint, name) for name in names) if e]
    entry = max(entries, key=lambda e: e["when"], default={"who": "", "note": ""})
    return Proposal(complaint, entry["who"], entry["note"])


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
