"""Decisions that need the moderator: conflicts (the platform had moved on; mine and theirs
side by side, resolved by accepting theirs or escalating) and refusals (the platform said no
for good; seen and dismissed). Nothing here is ever resolved silently.

Also the offline check-out dialog: how many cases to take, then a progress dialog that can
be cancelled (what was taken stays taken)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.outbox import CONFLICT, OutboxEntry
from qunguan.contract import models as api
from qunguan.contract.enums import CaseStatus

from .action_names import short_label
from .formats import date_time
from .layout_memory import keep_layout
from .queue_model import status_label
from .reasons import reason_label
from .tasks import Progress, run_task
from .text import one_line, plain_label

if TYPE_CHECKING:
    from .workstation import Workstation


def _when(value: Any) -> str:
    return date_time(value, empty="—")


class AttentionDialog(QDialog):
    """Non-modal; refreshed after every sync while open."""

    def __init__(self, parent: QWidget, ws: Workstation) -> None:
        super().__init__(parent)
        keep_layout(self, "attention")  # size, place and splitters as the moderator left them
        self.ws = ws
        self.setWindowTitle(self.tr("Needs attention"))
        self.setObjectName("attentionDialog")
        self.resize(860, 520)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.conflicts = QListWidget(self)
        self.conflicts.setObjectName("conflictList")
        self.conflicts.setAccessibleName(self.tr("Conflicts"))
        self.refused = QListWidget(self)
        self.refused.setObjectName("refusedList")
        self.refused.setAccessibleName(self.tr("Refused decisions"))
        self.tabs.addTab(self.conflicts, "")
        self.tabs.addTab(self.refused, "")
        layout.addWidget(self.tabs, 1)

        sides = QGridLayout()
        mine_box = QGroupBox(self.tr("My decision"), self)
        theirs_box = QGroupBox(self.tr("The case on the platform now"), self)
        self.mine = plain_label(mine_box)
        self.mine.setObjectName("mine")
        self.theirs = plain_label(theirs_box)
        self.theirs.setObjectName("theirs")
        for box, label in ((mine_box, self.mine), (theirs_box, self.theirs)):
            QVBoxLayout(box).addWidget(label)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sides.addWidget(mine_box, 0, 0)
        sides.addWidget(theirs_box, 0, 1)
        layout.addLayout(sides)
        self.problem = plain_label(self)
        self.problem.setObjectName("problem")
        layout.addWidget(self.problem)

        form = QFormLayout()
        self.note = QLineEdit(self)
        self.note.setObjectName("escalationNote")
        self.note.setMaxLength(2000)
        form.addRow(self.tr("Note for the escalation:"), self.note)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.accept_theirs = QPushButton(self.tr("Accept theirs"), self)
        self.accept_theirs.setToolTip(self.tr("Keep the platform's version; my decision is not sent."))
        self.escalate = QPushButton(self.tr("Escalate"), self)
        self.escalate.setToolTip(self.tr("Send the case to a supervisor as it is now, with the note."))
        self.dismiss = QPushButton(self.tr("Dismiss"), self)
        self.dismiss.setToolTip(self.tr("I have seen this refusal; remove it from the list."))
        for button in (self.accept_theirs, self.escalate, self.dismiss):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

        self.accept_theirs.clicked.connect(self._accept_theirs)
        self.escalate.clicked.connect(self._escalate)
        self.dismiss.clicked.connect(self._dismiss)
        self.conflicts.currentItemChanged.connect(lambda *_: self._show(self.conflicts))
        self.refused.currentItemChanged.connect(lambda *_: self._show(self.refused))
        self.tabs.currentChanged.connect(lambda _i: self._show(self.tabs.currentWidget()))
        self.entries: list[OutboxEntry] = []
        self._set_entries([])
        self.refresh()

    # --- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        run_task(self.ws.cache.outbox.attention, on_done=self._set_entries, on_error=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.problem.setText(str(exc))

    def _set_entries(self, entries: list[OutboxEntry]) -> None:
        self.entries = entries
        for widget, state in ((self.conflicts, CONFLICT), (self.refused, None)):
            keep = widget.currentItem().data(Qt.ItemDataRole.UserRole) if widget.currentItem() else None
            widget.clear()
            for entry in entries:
                if (entry.state == CONFLICT) != (state == CONFLICT):
                    continue
                item = QListWidgetItem(self.tr("Case {id}: {action}, decided {when}").format(
                    id=entry.case_id, action=short_label(entry.request().action), when=_when(entry.created_at)))
                item.setData(Qt.ItemDataRole.UserRole, entry.id)
                widget.addItem(item)
                if entry.id == keep:
                    widget.setCurrentItem(item)
            if widget.currentItem() is None and widget.count():
                widget.setCurrentRow(0)
        n_conflicts = sum(1 for e in entries if e.state == CONFLICT)
        self.tabs.setTabText(0, self.tr("Conflicts ({n})").format(n=n_conflicts))
        self.tabs.setTabText(1, self.tr("Refused ({n})").format(n=len(entries) - n_conflicts))
        self._show(self.tabs.currentWidget())

    def selected(self) -> OutboxEntry | None:
        widget = self.tabs.currentWidget()
        item = widget.currentItem() if isinstance(widget, QListWidget) else None
        if item is None:
            return None
        entry_id = item.data(Qt.ItemDataRole.UserRole)
        return next((e for e in self.entries if e.id == entry_id), None)

    def _show(self, _widget: Any) -> None:
        entry = self.selected()
        conflict = entry is not None and entry.state == CONFLICT
        theirs = entry.current() if conflict and entry is not None else None
        self.mine.setText(self._describe_mine(entry) if entry else self.tr("Nothing needs attention."))
        self.theirs.setText(self._describe_theirs(theirs) if theirs else (
            self.tr("The platform did not send the case.") if conflict else "—"))
        self.problem.setText(self.tr("The platform said: {message}").format(message=one_line(entry.error or "", 400))
                             if entry else "")
        open_case = theirs is not None and theirs.status != CaseStatus.RESOLVED
        self.accept_theirs.setEnabled(conflict)
        self.escalate.setEnabled(conflict and open_case)
        self.escalate.setToolTip(self.tr("Send the case to a supervisor as it is now, with the note.") if open_case
                                 else self.tr("The case is closed on the platform; a supervisor can review the "
                                              "decision that closed it."))
        self.note.setEnabled(conflict and open_case)
        self.dismiss.setEnabled(entry is not None and not conflict)
        if entry is not None and conflict:
            request = entry.request()
            self.note.setText(self.tr("Conflict: I had decided {action} at {when}.").format(
                action=short_label(request.action), when=_when(request.decided_at or entry.created_at)))

    def _describe_mine(self, entry: OutboxEntry) -> str:
        request = entry.request()
        lines = [
            self.tr("Action: {action}").format(action=short_label(request.action)),
            self.tr("Reason: {reason}").format(reason=reason_label(request.reason_code) if request.reason_code
                                                else "—"),
            self.tr("Decided: {when}").format(when=_when(request.decided_at or entry.created_at)),
            self.tr("For version: {v}").format(v=request.expected_version),
        ]
        if request.note:
            lines.append(self.tr("Note: {note}").format(note=one_line(request.note, 300)))
        return "\n".join(lines)

    def _describe_theirs(self, case: api.CaseSummary) -> str:
        lines = [
            self.tr("Status: {status}").format(status=status_label(case.status)),
            self.tr("Version: {v}").format(v=case.version),
            self.tr("Held by: {who}").format(who=case.claim.holder_username if case.claim else "—"),
            self.tr("Group: {group}").format(group=one_line(case.group_name, 80)),
        ]
        return "\n".join(lines)

    # --- actions --------------------------------------------------------------------------------

    def _accept_theirs(self) -> None:
        entry = self.selected()
        if entry is not None:
            run_task(self.ws.cache.outbox.dismiss, entry.id, on_done=lambda _r: self._changed(), on_error=self._failed)

    def _dismiss(self) -> None:
        self._accept_theirs()  # a refusal has no "theirs": dismissing is the same step

    def _escalate(self) -> None:
        entry = self.selected()
        if entry is not None:
            run_task(self.ws.cache.outbox.escalate, entry.id, self.note.text().strip(),
                     on_done=lambda _r: self._changed(), on_error=self._failed)

    def _changed(self) -> None:
        self.ws.attention_changed()
        self.refresh()


class CheckoutDialog(QDialog):
    """Asks how many cases to take offline."""

    def __init__(self, parent: QWidget, default: int = 20) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take cases offline"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr(
            "Claims the next cases of the current queue for three days and keeps their conversation, sender and "
            "group on this computer, so you can decide them without a network."), self, wordWrap=True))
        form = QFormLayout()
        self.count = QSpinBox(self)
        self.count.setObjectName("checkoutCount")
        self.count.setRange(1, 500)
        self.count.setValue(default)
        form.addRow(self.tr("Number of cases:"), self.count)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class CheckoutRun:
    """The check-out with its progress dialog; ``done(report)`` on the GUI thread."""

    def __init__(self, parent: QWidget, ws: Workstation, n: int, on_done: Any, on_error: Any,
                 f: Any = None) -> None:
        self.cancel = threading.Event()
        self.dialog = QProgressDialog(QCoreApplication.translate("CheckoutRun", "Taking cases offline…"),
                                      QCoreApplication.translate("CheckoutRun", "Stop"), 0, n, parent)
        self.dialog.setObjectName("checkoutProgress")
        self.dialog.setWindowTitle(QCoreApplication.translate("CheckoutRun", "Take cases offline"))
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)  # reviewing goes on meanwhile
        self.dialog.setMinimumDuration(0)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel.set)
        self.progress = Progress(self.dialog)
        self.progress.changed.connect(self._step)
        self.dialog.show()

        def finished(report: Any) -> None:
            self.dialog.close()
            on_done(report)

        def failed(exc: BaseException) -> None:
            self.dialog.close()
            on_error(exc)

        ws.take_offline(n, f, progress=self.progress.changed.emit, cancelled=self.cancel.is_set,
                        on_done=finished, on_error=failed)

    def _step(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(done)
        self.dialog.setLabelText(QCoreApplication.translate("CheckoutRun", "Taking cases offline: {done} of {total}")
                                 .format(done=done, total=total))
