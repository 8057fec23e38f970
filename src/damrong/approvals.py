"""Closures approved in bulk: a supervisor decides on many proposed closures in one request.

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


@dataclass
class Proposal:
    """A proposed closure as the supervisor weighs it: the case and who proposed what."""

    complaint: object
    proposed_by: str
    summary: str


def proposal(workflow, complaint):
    """The proposal behind ``complaint``'s state (the last ``propose`` of its history)."""
    entry = workflow.last_taken(complaint, "propose") or {"who": "", "note": ""}
    return Proposal(complaint, entry["who"], entry["note"])


def decide(workflow, complaints, actor, approve, note=""):
    """Approve (``approve``) or return with ``note`` each of ``complaints`` as ``actor``.

    An approval closes with the proposal's own summary (the supervisor's ``note``, if any,
    after it). Returns ``(done, refused)``: the complaints decided, and ``(complaint,
    message)`` for each the workflow refused, which stays as it was.
    """
    done, refused = [], []
    for complaint in complaints:
        if approve:
            summary = proposal(workflow, complaint).summary
            text = "\n".join(part for part in (summary, note.strip()) if part)
        else:
            text = note
        try:
            workflow.apply(complaint, APPROVE if approve else RETURN, actor, text)
        except WorkflowError as error:
            refused.append((complaint, error.message))
        else:
            done.append(complaint)
    return done, refused
