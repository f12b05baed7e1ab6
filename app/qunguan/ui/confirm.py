"""Confirming a drastic action (dissolve a group, ban or blacklist a user).

The dialog shows who and what the action touches (the blast radius, which the caller fetches
in the background and hands in with :meth:`DrasticConfirmDialog.set_radius`), says that it only
becomes a proposal for a second supervisor, and asks for the target's name typed back before
the red button works. No network here.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.enums import ACTIONS, DRASTIC_ACTIONS, OFFICER_TARGETABLE, Action

from .action_names import short_label
from .decide import NoteEdit, action_header, officers_of, person_chooser
from .reasons import ReasonPicker, label_for_action, reason_label
from .text import FSI, PDI, one_line, plain_label, reveal_invisible
from .theme import set_tone

__all__ = ["DrasticConfirmDialog", "expected_name", "name_matches"]


def expected_name(action: Action, detail: api.CaseDetail) -> str:
    """What the moderator must type back: the group's name to dissolve it, else the user's name."""
    return detail.group.name if action is Action.DISSOLVE_GROUP else detail.sender.display_name


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace(FSI, "").replace(PDI, ""))


def name_matches(typed: str, name: str) -> bool:
    """Exactly the name, or exactly what the dialog shows of it (invisible characters made visible,
    which is what a copy from the dialog gives)."""
    if not typed:
        return False
    shown = reveal_invisible(name)
    candidates = {_normalise(name), _normalise(shown), _normalise(" ".join(shown.split()))}
    return _normalise(typed) in candidates


class DrasticConfirmDialog(QDialog):
    """One dialog for a drastic action: blast radius, reason and note, typed confirmation.

    ``radius`` None shows "loading…" until :meth:`set_radius` or :meth:`set_radius_error`.
    ``decision_fields()`` returns reason_code, note, duration_seconds and target_user_id.
    Child objectNames: "typed" (the name typed back), "confirm" (the red button), "radius", and for
    a ban or blacklisting "person" (the sender, or the group's owner or an admin).

    Signals:
        targetChanged(object): another person was chosen (their user ID, None for the sender); the
            radius shown is gone until :meth:`set_radius` brings theirs.
    """

    targetChanged = Signal(object)

    def __init__(self, action: Action, detail: api.CaseDetail, radius: api.BlastRadius | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action, self.detail = Action(action), detail
        if self.action not in DRASTIC_ACTIONS:
            raise ValueError(f"{self.action.value} is not a drastic action")
        self.spec = ACTIONS[self.action]
        self.radius: api.BlastRadius | None = None
        self.name = expected_name(self.action, detail)
        self.setObjectName("drasticDialog")
        self.setWindowTitle(self.tr("{action}: case {id}, needs a second approval").format(
            action=short_label(self.action), id=detail.case.id))
        self.setMinimumWidth(580)
        layout = QVBoxLayout(self)
        header = action_header(self.action, self)
        for what in header.findChildren(QLabel, "what"):
            set_tone(what, "danger")
        layout.addWidget(header)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        group = self.action is Action.DISSOLVE_GROUP
        self.target = plain_label(self, one_line(self.name, 500))
        self.target.setObjectName("target")
        form.addRow(self.tr("Group:") if group else self.tr("User:"), self.target)
        self.person: QComboBox | None = None
        if self.action in OFFICER_TARGETABLE:
            self.person = person_chooser(detail, self)
            form.addRow(self.tr("Applies to:"), self.person)
            self.person.currentIndexChanged.connect(lambda _i: self._target_changed())
        self.ids = plain_label(self, self.tr("group ID {id}").format(id=detail.group.id) if group
                               else self.tr("user ID {id}, in the group {group}").format(
                                   id=detail.sender.id, group=one_line(detail.group.name, 100)))
        form.addRow("", self.ids)
        self.radius_label = plain_label(self, self.tr("Loading what this touches…"))
        self.radius_label.setObjectName("radius")
        form.addRow(self.tr("Touches:"), self.radius_label)
        self.proposal = plain_label(self, self.tr(
            "This does not happen now. It becomes a proposal that a second supervisor must approve; "
            "nothing changes for {target} until then.").format(target=one_line(self.name, 100)))
        self.proposal.setObjectName("proposal")
        layout.addWidget(self.proposal)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.reasons = ReasonPicker(self)
        self.reasons.list.setMinimumHeight(120)
        form.addRow(self.tr("Reason:"), self.reasons)
        self.note = NoteEdit(self)
        form.addRow(self.tr("Note:"), self.note)
        self.ask = plain_label(self, (self.tr("Type the group's name exactly to confirm:") if group
                                      else self.tr("Type the user's display name exactly to confirm:")))
        layout.addWidget(self.ask)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("typed")
        self.ask.setBuddy(self.typed)  # the question names the field for a screen reader
        layout.addWidget(self.typed)
        self.missing = plain_label(self, "", selectable=False)
        self.missing.setObjectName("missing")
        set_tone(self.missing, "danger")
        layout.addWidget(self.missing)

        self.buttons = QDialogButtonBox(self)
        self.confirm = QPushButton(self.tr("Propose: {action}").format(action=short_label(self.action)), self)
        self.confirm.setObjectName("confirm")
        self.confirm.setDefault(True)
        self.buttons.addButton(self.confirm, QDialogButtonBox.ButtonRole.AcceptRole)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept_if_ready)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.typed.textChanged.connect(lambda _t: self._update())
        self.reasons.reasonChanged.connect(lambda _c: self._update())
        self.note.changed.connect(self._update)
        self.reasons.set_reason_code(detail.case.suggested_reason)
        if radius is not None:
            self.set_radius(radius)
        self.reasons.setFocus()
        self._update()

    # --- whom it applies to --------------------------------------------------------------------------

    def current_target(self) -> int | None:
        """The user ID chosen instead of the sender (the group's owner or an admin), or None."""
        return self.person.currentData() if self.person is not None else None

    def _target_changed(self) -> None:
        chosen = self.current_target()
        names = {o.user.id: o.user.display_name for o in officers_of(self.detail)}
        self.name = names.get(chosen, self.detail.sender.display_name) if chosen is not None \
            else self.detail.sender.display_name
        self.target.setText(one_line(self.name, 500))
        self.ids.setText(self.tr("user ID {id}, in the group {group}").format(
            id=chosen or self.detail.sender.id, group=one_line(self.detail.group.name, 100)))
        self.proposal.setText(self.tr(
            "This does not happen now. It becomes a proposal that a second supervisor must approve; "
            "nothing changes for {target} until then.").format(target=one_line(self.name, 100)))
        self.typed.clear()
        self.radius = None
        self.radius_label.setText(self.tr("Loading what this touches…"))
        self.radius_label.setStyleSheet("")
        set_tone(self.radius_label, None)
        self._update()
        self.targetChanged.emit(chosen)

    # --- the blast radius -------------------------------------------------------------------------

    def set_radius(self, radius: api.BlastRadius) -> None:
        if radius.action != self.action:
            self.set_radius_error(self.tr("the platform answered for another action"))
            return
        self.radius = radius
        n = QLocale().toString
        if self.action is Action.DISSOLVE_GROUP:
            text = self.tr("Members who lose the group: {members}\nMessages in the group: {messages}\n"
                           "Owner and admins who lose their role: {admins}\nGroups dissolved: {groups}").format(
                members=n(radius.members), messages=n(radius.messages), admins=n(radius.admins),
                groups=n(radius.groups))
        else:
            text = self.tr("Accounts affected: {members}\nMessages this user sent: {messages}\n"
                           "Groups this user is in: {groups}\nOf those, groups they own or administer: {admins}"
                           ).format(members=n(radius.members), messages=n(radius.messages), admins=n(radius.admins),
                                    groups=n(radius.groups))
        self.radius_label.setText(text)
        self.radius_label.setStyleSheet("font-weight: bold;")
        self._update()

    def set_radius_error(self, text: str) -> None:
        self.radius = None
        self.radius_label.setText(self.tr("Could not load what this touches: {error}\n"
                                          "It cannot be proposed without that. Close and try again.").format(
            error=one_line(text, 300)))
        self.radius_label.setStyleSheet("")
        set_tone(self.radius_label, "danger")
        self._update()

    # --- state ------------------------------------------------------------------------------------

    def missing_items(self) -> list[str]:
        missing = []
        if self.radius is None:
            missing.append(self.tr("Wait for what it touches to load."))
        if self.spec.needs_reason and self.reasons.reason_code() is None:
            missing.append(self.tr("Choose a reason."))
        if not name_matches(self.typed.text(), self.name):
            missing.append(self.tr("Type the name exactly."))
        return missing

    def describe(self) -> str:
        lines = [label_for_action(self.action),
                 self.tr("Applies to: {target}.").format(target=self.target.text())]
        code = self.reasons.reason_code()
        if code is not None:
            lines.append(self.tr("Reason: {reason}.").format(reason=reason_label(code)))
        lines.append(self.tr("Only proposed: nothing happens until a second supervisor approves it."))
        return "\n".join(lines)

    def _update(self) -> None:
        missing = self.missing_items()
        self.confirm.setEnabled(not missing)
        self.confirm.setToolTip(self.describe())
        self.missing.setText(" ".join(missing))
        self.missing.setVisible(bool(missing))

    def _accept_if_ready(self) -> None:
        if not self.missing_items():
            self.accept()

    def decision_fields(self) -> dict[str, Any]:
        return {"reason_code": self.reasons.reason_code(), "note": self.note.text(), "duration_seconds": None,
                "target_user_id": self.current_target()}
