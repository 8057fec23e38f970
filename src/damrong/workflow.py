"""Where a complaint's status changes: states, transitions with permissions, and history.

The states and transitions are data (config/workflow.yaml); this module checks them when they
are loaded (an unknown state or permission, a duplicate name: refused with the line to fix) and
applies them. ``Workflow.apply`` is the only way a status changes: it checks the transition's
permission itself, so a view, a command and a future API call the same function and cannot
differ; it records the history and sends ``ObjectModified`` (through ``Complaint.change``) and
then ``StatusChanged``, the event summaries and deadlines follow.
"""

import os
from dataclasses import dataclass

import yaml

from .i18n import MessageError, _
from .resources.events import StatusChanged, notify
from .security import PERMISSIONS
from .taxonomy import entry_label


class WorkflowError(MessageError):
    """A transition that is not allowed from the complaint's current state (a message to translate)."""


class WorkflowConfigError(ValueError):
    """config/workflow.yaml names something that does not exist; the message names the line."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    needs_note: bool = False
    en: str = ""
    #: What the transition asks for beyond a note, on a form of its own (``center``: the
    #: receiving center, see casework.py); empty: a button on the complaint's page.
    form: str = ""
    #: A transition whose last taker may not take this one (``close`` after ``propose``).
    not_by: str = ""

    def label_in(self, locale):
        """The button's words; the history records the Thai ``label``."""
        return entry_label({"label": self.label, "en": self.en}, locale)


class Workflow:
    def __init__(self, data, source="workflow", lines=None):
        """Build from the parsed YAML; ``lines`` (see ``_lines``) lets errors name the line."""
        lines = lines or {}

        def refuse(where, message):
            line = lines.get(where)
            raise WorkflowConfigError(f"{source}{f', line {line}' if line else ''}: {message}")

        self.states = data["states"]
        self.initial = data["initial"]
        if self.initial not in self.states:
            refuse("initial", f"initial state {self.initial!r} is not one of the states")
        self.transitions = {}
        for number, t in enumerate(data["transitions"]):
            where = ("transition", number)
            if t["name"] in self.transitions:
                refuse(where, f"transition {t['name']!r} is defined twice")
            for state in (*t["from"], t["to"]):
                if state not in self.states:
                    refuse(where, f"transition {t['name']!r}: unknown state {state!r}")
            if t["permission"] not in PERMISSIONS:
                refuse(where, f"transition {t['name']!r}: unknown permission {t['permission']!r}")
            self.transitions[t["name"]] = Transition(
                t["name"], t["label"], tuple(t["from"]), t["to"], t["permission"],
                t.get("needs_note", False), t.get("en", ""), t.get("form", ""),
                t.get("not_by", ""))
        for number, t in enumerate(data["transitions"]):
            if t.get("not_by", "") and t["not_by"] not in self.transitions:
                refuse(("transition", number),
                       f"transition {t['name']!r}: not_by names no transition {t['not_by']!r}")

    @classmethod
    def load(cls, config_dir):
        path = os.path.join(config_dir, "workflow.yaml")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        return cls.from_yaml(text, path)

    @classmethod
    def from_yaml(cls, text, source="workflow.yaml"):
        return cls(yaml.safe_load(text), source, _lines(text))

    def read_only(self, state):
        """Whether a complaint in ``state`` is kept as it is until reopened (``read_only: true``)."""
        return bool(self.states[state].get("read_only", False))

    def awaits(self, state):
        """Whether a complaint in ``state`` waits for a report or reply due by a date
        (``awaits: true``): the deadline job and the overdue queue follow those."""
        return bool(self.states[state].get("awaits", False))

    def label(self, state, locale="th"):
        """A state's label in ``locale``; the history records the Thai one."""
        return entry_label(self.states[state], locale)

    def citizen_label(self, state, locale="th"):
        """What the public tracking page says of a complaint in ``state`` (its ``citizen``
        wording, else its label)."""
        return entry_label(self.states[state].get("citizen", self.states[state]), locale)

    def target_of(self, thai_label):
        """The state a history entry's action led to: the target of the transition the history
        recorded by its Thai label, or ``None`` for an action that is no transition."""
        for transition in self.transitions.values():
            if transition.label == thai_label:
                return transition.target
        return None

    def relabel(self, thai_label, locale):
        """A state's or transition's Thai label, as the history recorded it, in ``locale``."""
        for state in self.states.values():
            if state["label"] == thai_label:
                return entry_label(state, locale)
        for transition in self.transitions.values():
            if transition.label == thai_label:
                return transition.label_in(locale)
        return None

    def available(self, complaint, actor):
        """Transitions from the complaint's state that ``actor`` (a ``security.Actor``) may take."""
        return [t for t in self.transitions.values()
                if complaint.status in t.sources and actor.may(t.permission, complaint)
                and not self._barred(t, complaint, actor)]

    def last_taken(self, complaint, name):
        """The history entry of the last time transition ``name`` was taken, or ``None``."""
        label = self.transitions[name].label
        return next((entry for entry in reversed(complaint.history) if entry["action"] == label),
                    None)

    def _barred(self, transition, complaint, actor):
        """Whether ``actor`` took the transition this one must not follow from the same
        person (``not_by``), and the complaint's center does not allow it."""
        if not transition.not_by or complaint.center.proposer_may_approve:
            return False
        entry = self.last_taken(complaint, transition.not_by)
        return entry is not None and entry["who"] == actor.login

    def apply(self, complaint, name, actor, note="", changes=(), **values):
        """Take transition ``name`` as ``actor``; returns the ``Transition``.

        ``values`` are further record values that change with the status (the receiving center
        of a ``send``, its due date), ``changes`` the history's lines for them.

        Raises ``WorkflowError`` if the actor lacks its permission on the complaint, if it does
        not start from the complaint's state, or if it needs a note and has none.
        """
        transition = self.transitions.get(name)
        if transition is not None and not actor.may(transition.permission, complaint):
            raise WorkflowError(_("ท่านไม่มีสิทธิ์เปลี่ยนสถานะนี้"))
        if transition is None or complaint.status not in transition.sources:
            raise WorkflowError(_("ไม่สามารถเปลี่ยนสถานะนี้ได้จากสถานะปัจจุบันของเรื่อง"))
        if self._barred(transition, complaint, actor):
            raise WorkflowError(_("ผู้เสนอยุติเรื่องจะอนุมัติเรื่องที่ตนเสนอเองไม่ได้"))
        if transition.needs_note and not note.strip():
            raise WorkflowError(_("กรุณาระบุรายละเอียดประกอบการเปลี่ยนสถานะ"))
        before = complaint.status
        complaint.change(
            actor.login, transition.label,
            changes=[(_("สถานะ"), self.label(before), self.label(transition.target)), *changes],
            note=note, status=transition.target, where=actor.center_code, **values)
        notify(StatusChanged(complaint, before, transition.target, transition))
        return transition


def _lines(text):
    """Line numbers (from 1) of the ``initial`` value and of each transition, from the YAML's
    node tree, so a refusal names the line to fix."""
    lines = {}
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for key, value in root.value if root is not None else ():
        if key.value == "initial":
            lines["initial"] = value.start_mark.line + 1
        elif key.value == "transitions":
            for number, item in enumerate(value.value):
                lines[("transition", number)] = item.start_mark.line + 1
    return lines
