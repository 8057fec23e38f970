"""Where a complaint's status changes: states, transitions with permissions, and history.

The states and transitions are data (config/workflow.yaml); this module applies them. Every
transition is recorded in the complaint's history and re-indexed for the listing.
"""

import os
from dataclasses import dataclass

import yaml

from .i18n import MessageError, _
from .resources.events import ObjectModified, notify
from .taxonomy import entry_label


class WorkflowError(MessageError):
    """A transition that is not allowed from the complaint's current state (a message to translate)."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple
    target: str
    permission: str
    needs_note: bool = False
    en: str = ""

    def label_in(self, locale):
        """The button's words; the history records the Thai ``label``."""
        return entry_label({"label": self.label, "en": self.en}, locale)


class Workflow:
    def __init__(self, data):
        self.initial = data["initial"]
        self.states = data["states"]
        self.transitions = {
            t["name"]: Transition(t["name"], t["label"], tuple(t["from"]), t["to"],
                                  t["permission"], t.get("needs_note", False),
                                  t.get("en", ""))
            for t in data["transitions"]
        }

    @classmethod
    def load(cls, config_dir):
        with open(os.path.join(config_dir, "workflow.yaml"), encoding="utf-8") as f:
            return cls(yaml.safe_load(f))

    def label(self, state, locale="th"):
        """A state's label in ``locale``; the history records the Thai one."""
        return entry_label(self.states[state], locale)

    def relabel(self, thai_label, locale):
        """A state's or transition's Thai label, as the history recorded it, in ``locale``."""
        for state in self.states.values():
            if state["label"] == thai_label:
                return entry_label(state, locale)
        for transition in self.transitions.values():
            if transition.label == thai_label:
                return transition.label_in(locale)
        return None

    def public_state(self, state):
        """``closed`` or ``in-progress``: the only two states published figures use."""
        return self.states[state]["public"]

    def available(self, complaint, has_permission):
        """Transitions from the complaint's state that ``has_permission(perm)`` allows."""
        return [t for t in self.transitions.values()
                if complaint.status in t.sources and has_permission(t.permission)]

    def apply(self, complaint, name, who, note=""):
        transition = self.transitions.get(name)
        if transition is None or complaint.status not in transition.sources:
            raise WorkflowError(_("ไม่สามารถเปลี่ยนสถานะนี้ได้จากสถานะปัจจุบันของเรื่อง"))
        if transition.needs_note and not note.strip():
            raise WorkflowError(_("กรุณาระบุรายละเอียดประกอบการเปลี่ยนสถานะ"))
        before = complaint.status
        complaint.status = transition.target
        complaint.history.record(
            who, transition.label,
            changes=[(_("สถานะ"), self.label(before), self.label(transition.target))],
            note=note,
        )
        notify(ObjectModified(complaint))
        return transition
