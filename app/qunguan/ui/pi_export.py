"""Exports of personal data (PIPL Art. 51): the supervisor's dialog. One supervisor asks for the
unmasked names and phones of several users (a list of user ids, or the senders of an incident)
with a reason; a second supervisor approves or rejects the request; the one who asked saves the
approved export as a CSV file, once (the platform gives the data only once). Auditors see the
requests. Every step is in the audit chain."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.api import ApiClient
from qunguan.contract import models as api
from qunguan.contract.enums import ROLE_PERMISSIONS, Permission, PiExportStatus

from .decision_view import when
from .errors import describe
from .layout_memory import keep_layout
from .tasks import run_task
from .text import one_line, plain_label

if TYPE_CHECKING:
    from .workstation import Workstation

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]*$")


def _cell(value: str | None) -> str:
    """A CSV cell a spreadsheet will not run as a formula (names are untrusted text)."""
    text = value or ""
    if text and text[0] in "=+-@\t\r" and not _PHONE.match(text):
        return "'" + text
    return text


def save_export(client: ApiClient, export_id: int, path: Path) -> api.PiExportData:
    """Download the approved export (once) and write it as CSV: user id, real name, phone."""
    data = client.download_pi_export(export_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["user_id", "real_name", "phone"])
    for row in data.rows:
        writer.writerow([str(row.user_id), _cell(row.real_name), _cell(row.phone)])
    tmp = path.with_name(path.name + ".part")
    tmp.write_text(out.getvalue(), encoding="utf-8-sig")  # with a BOM: spreadsheets read the Chinese right
    tmp.replace(path)
    return data


def _ids(text: str) -> list[int] | None:
    parts = [p for p in re.split(r"[\s,，;；]+", text) if p]
    if not parts or not all(p.isdigit() and 0 < int(p) <= api.MAX_ID for p in parts):
        return None
    return sorted({int(p) for p in parts})


class PiExportDialog(QDialog):
    COLUMNS = 7

    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "pi_exports")  # size, place and splitters as the moderator left them
        self.ws = ws
        self.setObjectName("piExportDialog")
        self.setWindowTitle(self.tr("Personal data exports"))
        self.resize(980, 560)
        self.can_act = Permission.REVEAL_PERSONAL in ROLE_PERMISSIONS[ws.moderator.role]
        self.rows: list[api.PiExport] = []
        self.busy = False
        layout = QVBoxLayout(self)
        intro = plain_label(self, self.tr(
            "Unmasked names and phones of several users leave the platform only on a request that a second "
            "supervisor approves; the one who asked saves it once. Every step is audited."))
        layout.addWidget(intro)

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("piExportTable")
        self.table.setAccessibleName(self.windowTitle())
        self.table.setHorizontalHeaderLabels([
            self.tr("Request"), self.tr("Status"), self.tr("Asked by"), self.tr("Asked at"), self.tr("Users"),
            self.tr("Reason"), self.tr("Reviewed by")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        review = QHBoxLayout()
        self.note = QLineEdit(self)
        self.note.setPlaceholderText(self.tr("Note for the record (approval or rejection)"))
        self.note.setAccessibleName(self.note.placeholderText())
        self.approve_button = QPushButton(self.tr("Approve"), self)
        self.approve_button.setObjectName("piExportApprove")
        self.approve_button.clicked.connect(lambda: self.review(True))
        self.reject_button = QPushButton(self.tr("Reject"), self)
        self.reject_button.setObjectName("piExportReject")
        self.reject_button.clicked.connect(lambda: self.review(False))
        self.save_button = QPushButton(self.tr("Save as CSV…"), self)
        self.save_button.setObjectName("piExportSave")
        self.save_button.clicked.connect(self._ask_save)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        review.addWidget(self.note, 1)
        for button in (self.approve_button, self.reject_button, self.save_button, refresh):
            review.addWidget(button)
        layout.addLayout(review)

        self.new_box = QGroupBox(self.tr("New request"), self)
        form = QFormLayout(self.new_box)
        self.user_ids = QLineEdit(self.new_box)
        self.user_ids.setObjectName("piExportUsers")
        self.user_ids.setPlaceholderText(self.tr("user ids, separated by commas"))
        self.incident = QLineEdit(self.new_box)
        self.incident.setObjectName("piExportIncident")
        self.incident.setPlaceholderText(self.tr("or an incident's number: the senders it matches"))
        self.reason = QLineEdit(self.new_box)
        self.reason.setObjectName("piExportReason")
        self.reason.setPlaceholderText(self.tr("Why (e.g. the police request's reference); required"))
        self.request_button = QPushButton(self.tr("Ask for approval"), self.new_box)
        self.request_button.setObjectName("piExportRequest")
        self.request_button.clicked.connect(self.request)
        form.addRow(self.tr("Users"), self.user_ids)
        form.addRow(self.tr("Incident"), self.incident)
        form.addRow(self.tr("Reason"), self.reason)
        form.addRow(self.request_button)
        layout.addWidget(self.new_box)
        self.new_box.setVisible(self.can_act)
        for w in (self.note, self.approve_button, self.reject_button, self.save_button):
            w.setVisible(self.can_act)

        self.status = plain_label(self)
        self.status.setObjectName("piExportStatus")
        layout.addWidget(self.status)
        self._update_buttons()
        self.refresh()

    # --- the list ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        run_task(self.ws.api.pi_exports, on_done=self._show, on_error=self._failed)

    def _show(self, rows: list[api.PiExport]) -> None:
        selected = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        status_names = {
            PiExportStatus.PENDING: self.tr("waiting for approval"),
            PiExportStatus.APPROVED: self.tr("approved: ready to save"),
            PiExportStatus.REJECTED: self.tr("rejected"),
            PiExportStatus.DOWNLOADED: self.tr("saved"),
            PiExportStatus.LAPSED: self.tr("lapsed: not acted on in time, ask again"),
        }
        for r, row in enumerate(rows):
            who = self.tr("incident {n}").format(n=row.incident_id) if row.incident_id else ""
            status = status_names.get(row.status, row.status)
            if row.lapses_at is not None:
                status = self.tr("{status} (until {time})").format(status=status, time=when(row.lapses_at))
            cells = [str(row.id), status, row.requested_by, when(row.requested_at),
                     f"{len(row.user_ids)} {who}".strip(), one_line(row.reason, 200), row.reviewed_by or ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                if c == 5:
                    item.setToolTip(row.reason + (f"\n\n{row.review_note}" if row.review_note else ""))
                self.table.setItem(r, c, item)
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def selected(self) -> api.PiExport | None:
        items = self.table.selectedItems()
        if not items:
            return None
        wanted = items[0].data(Qt.ItemDataRole.UserRole)
        return next((row for row in self.rows if row.id == wanted), None)

    def select(self, export_id: int) -> None:
        for r, row in enumerate(self.rows):
            if row.id == export_id:
                self.table.selectRow(r)
                return

    def _update_buttons(self) -> None:
        row = self.selected()
        me = self.ws.moderator.username
        idle = not self.busy
        pending_other = row is not None and row.status == PiExportStatus.PENDING and row.requested_by != me
        self.approve_button.setEnabled(idle and pending_other)
        self.reject_button.setEnabled(idle and pending_other)
        self.save_button.setEnabled(idle and row is not None and row.status == PiExportStatus.APPROVED
                                    and row.requested_by == me)
        self.request_button.setEnabled(idle)
        if row is not None and row.status == PiExportStatus.PENDING and row.requested_by == me:
            self.approve_button.setToolTip(self.tr("You asked for this export: another supervisor approves it."))
        else:
            self.approve_button.setToolTip("")

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status.setText(describe(exc))

    # --- the steps --------------------------------------------------------------------------------

    def request(self) -> None:
        reason = self.reason.text().strip()
        users_text, incident_text = self.user_ids.text().strip(), self.incident.text().strip()
        if bool(users_text) == bool(incident_text):
            self.status.setText(self.tr("Name the users: a list of user ids, or an incident's number (not both)."))
            return
        user_ids = _ids(users_text) if users_text else None
        incident_id = int(incident_text) if incident_text.isdigit() and 0 < int(incident_text) <= api.MAX_ID \
            else None
        if users_text and user_ids is None:
            self.status.setText(self.tr("User ids are numbers, separated by commas."))
            return
        if incident_text and incident_id is None:
            self.status.setText(self.tr("An incident's number is a whole number."))
            return
        if user_ids is not None and len(user_ids) > api.MAX_PI_EXPORT_USERS:
            self.status.setText(self.tr("One export takes at most {n} users.").format(n=api.MAX_PI_EXPORT_USERS))
            return
        if len(reason) < 2:
            self.status.setText(self.tr("Give the reason for the export."))
            self.reason.setFocus()
            return
        self._set_busy(True)
        run_task(self.ws.api.request_pi_export, reason, user_ids=user_ids, incident_id=incident_id,
                 on_done=self._requested, on_error=self._failed)

    def _requested(self, row: api.PiExport) -> None:
        self._set_busy(False)
        self.user_ids.clear()
        self.incident.clear()
        self.reason.clear()
        self.status.setText(self.tr("Request {id} for {n} users sent: another supervisor must approve it.").format(
            id=row.id, n=len(row.user_ids)))
        self.rows = [row, *[r for r in self.rows if r.id != row.id]]
        self._show(self.rows)
        self.select(row.id)

    def review(self, approve: bool) -> None:
        row = self.selected()
        if row is None:
            return
        self._set_busy(True)
        run_task(self.ws.api.review_pi_export, row.id, approve, self.note.text().strip() or None,
                 on_done=self._reviewed, on_error=self._failed)

    def _reviewed(self, row: api.PiExport) -> None:
        self._set_busy(False)
        self.note.clear()
        text = (self.tr("Request {id} approved: {who} can now save it once.") if row.status == PiExportStatus.APPROVED
                else self.tr("Request {id} rejected."))
        self.status.setText(text.format(id=row.id, who=row.requested_by))
        self._replace(row)

    def _ask_save(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the personal data export"),
                                              f"qunguan-personal-data-{row.id}.csv", self.tr("CSV files (*.csv)"))
        if path:
            self.save(row.id, Path(path))

    def save(self, export_id: int, path: Path) -> None:
        self._set_busy(True)
        run_task(save_export, self.ws.api, export_id, path,
                 on_done=lambda data: self._saved(data, path), on_error=self._failed)

    def _saved(self, data: api.PiExportData, path: Path) -> None:
        self._set_busy(False)
        self.status.setText(self.tr(
            "Saved {n} users' names and phones to {path}. The file holds unmasked personal data: keep it "
            "safe and delete it when done; the platform will not give it again.").format(n=len(data.rows), path=path))
        self.refresh()

    def _replace(self, row: api.PiExport) -> None:
        self._show([row if r.id == row.id else r for r in self.rows])


def show_pi_exports(window: QWidget, ws: Workstation) -> PiExportDialog:
    """Open (or raise) the dialog of a main window."""
    dialog: PiExportDialog | None = getattr(window, "pi_export_dialog", None)
    if dialog is None:
        dialog = PiExportDialog(ws, window)
        window.pi_export_dialog = dialog  # type: ignore[attr-defined]
    else:
        dialog.refresh()
    dialog.show()
    dialog.raise_()
    return dialog
