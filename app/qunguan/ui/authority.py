"""The supervisor's desk's "Reports to authorities" tab: decisions marked reportable (not yet
delivered, delivered, all), an evidence package made from the selected ones (or all listed), and
the record of a delivery (to whom, how, when, the package's SHA-256); the deliveries made so far.
Supervisors and admins record deliveries; auditors read and may make packages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.evidence import Package, write_package
from qunguan.contract import models as api

from .action_names import short_label
from .decision_view import when
from .errors import describe
from .tasks import Progress, run_task
from .text import one_line, plain_label

if TYPE_CHECKING:
    from .supervisor import SupervisorDesk


@dataclass
class DeliveryForm:
    recipient: QLineEdit
    channel: QLineEdit
    reference: QLineEdit
    delivered_at: QDateTimeEdit


class AuthorityTab(QWidget):
    def __init__(self, desk: SupervisorDesk) -> None:
        super().__init__(desk)
        self.desk, self.ws = desk, desk.ws
        self.setObjectName("authorityTab")
        self.rows: list[api.ReportableDecision] = []
        self.package: Package | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.which = QComboBox(self)
        self.which.setObjectName("reportableFilter")
        self.which.addItem(self.tr("Not yet delivered"), False)
        self.which.addItem(self.tr("Delivered"), True)
        self.which.addItem(self.tr("All marked"), None)
        self.which.currentIndexChanged.connect(lambda _i: self.refresh())
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        self.export = QPushButton(self.tr("Export evidence package…"), self)
        self.export.setObjectName("exportEvidence")
        self.export.setToolTip(self.tr("A ZIP file with a summary, each decision's conversation, sender and group as "
                                       "the moderator saw them, the case's audit trail, and a manifest of SHA-256 "
                                       "hashes signed by the platform (check it with `qunguan verify-export`). "
                                       "The selected decisions, or all listed when none is selected."))
        self.export.clicked.connect(self._ask_export)
        for w in (self.which, refresh, self.export):
            top.addWidget(w)
        top.addStretch(1)
        layout.addLayout(top)
        self.table = QTableWidget(0, 7, self)
        self.table.setObjectName("reportableTable")
        self.table.setAccessibleName(self.tr("Decisions to report"))
        self.table.setHorizontalHeaderLabels([
            self.tr("Decision"), self.tr("Case"), self.tr("Action"), self.tr("Reason"), self.tr("Moderator"),
            self.tr("Marked by"), self.tr("Delivered in"),
        ])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 2)

        self.can_record = desk.can_review
        form_box = QWidget(self)
        form = QFormLayout(form_box)
        self.form = DeliveryForm(QLineEdit(form_box), QLineEdit(form_box), QLineEdit(form_box),
                                 QDateTimeEdit(QDateTime.currentDateTime(), form_box))
        self.form.recipient.setPlaceholderText(self.tr("e.g. the municipal cyberspace administration office"))
        self.form.channel.setPlaceholderText(self.tr("e.g. encrypted e-mail, hand delivery"))
        self.form.reference.setPlaceholderText(self.tr("letter or ticket number (optional)"))
        self.form.delivered_at.setCalendarPopup(True)
        form.addRow(self.tr("Delivered to"), self.form.recipient)
        form.addRow(self.tr("How"), self.form.channel)
        form.addRow(self.tr("Reference"), self.form.reference)
        form.addRow(self.tr("When"), self.form.delivered_at)
        self.record = QPushButton(self.tr("Record delivery of the last package"), form_box)
        self.record.setObjectName("recordDelivery")
        self.record.setEnabled(False)
        self.record.clicked.connect(self.record_delivery)
        form.addRow(self.record)
        form_box.setVisible(self.can_record)
        layout.addWidget(form_box)
        self.status = plain_label(self)
        self.status.setObjectName("authorityStatus")
        layout.addWidget(self.status)
        layout.addWidget(plain_label(self, self.tr("Deliveries")))
        self.deliveries = QListWidget(self)
        self.deliveries.setObjectName("deliveries")
        self.deliveries.setAccessibleName(self.tr("Deliveries"))
        layout.addWidget(self.deliveries, 1)

    # --- lists -----------------------------------------------------------------------------------------

    def refresh(self) -> None:
        def fetch() -> tuple[list[api.ReportableDecision], list[api.Delivery]]:
            return self.ws.api.reportable(delivered=self.which.currentData()).items, self.ws.api.deliveries()

        run_task(fetch, on_done=self._show, on_error=lambda exc: self.status.setText(describe(exc)))

    def _show(self, result: tuple[list[api.ReportableDecision], list[api.Delivery]]) -> None:
        self.rows, deliveries = result
        self.table.setRowCount(len(self.rows))
        for row, r in enumerate(self.rows):
            d = r.decision
            cells = [str(d.id), str(d.case_id), short_label(d.action), d.reason_code.value if d.reason_code else "",
                     d.actor.username, f"{r.marked_by} {when(r.marked_at)}",
                     ", ".join(f"#{i}" for i in r.deliveries) or self.tr("not yet")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, d.id)
                self.table.setItem(row, column, item)
        self.deliveries.clear()
        for delivery in deliveries:
            self.deliveries.addItem(self.tr(
                "#{id} {when}: {n} decisions to {to} ({how}{ref}), SHA-256 {sha}…; recorded by {who}").format(
                id=delivery.id, when=when(delivery.delivered_at), n=len(delivery.decision_ids),
                to=one_line(delivery.recipient, 60), how=one_line(delivery.channel, 40),
                ref=f", {one_line(delivery.reference, 40)}" if delivery.reference else "",
                sha=delivery.package_sha256[:16], who=delivery.recorded_by))

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        chosen = [self.rows[r] for r in rows] if rows else self.rows
        return [r.decision.id for r in chosen]

    # --- package and delivery --------------------------------------------------------------------------

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export an evidence package"), "qunguan-evidence.zip",
                                              self.tr("ZIP files (*.zip)"))
        if path:
            self.export_package(Path(path))

    def export_package(self, path: Path) -> None:
        ids = self.selected_ids()
        if not ids:
            self.status.setText(self.tr("No decision is marked reportable here."))
            return
        self.export.setEnabled(False)
        progress = Progress(self)
        progress.changed.connect(lambda n, total: self.status.setText(
            self.tr("Collecting decision {n} of {total}…").format(n=n, total=total)))

        def done(package: Package) -> None:
            self.export.setEnabled(True)
            self.package = package
            self.record.setEnabled(True)
            self.status.setText(self.tr("Evidence package of {n} decisions written to {path}; SHA-256 {sha}.").format(
                n=len(package.decision_ids), path=str(package.path), sha=package.sha256))

        def failed(exc: BaseException) -> None:
            self.export.setEnabled(True)
            self.status.setText(describe(exc))

        run_task(write_package, path, self.ws.api, ids, self.ws.api.base_url, progress.changed.emit,
                 on_done=done, on_error=failed)

    def record_delivery(self) -> None:
        package = self.package
        recipient, channel = self.form.recipient.text().strip(), self.form.channel.text().strip()
        if package is None:
            return
        if not recipient or not channel:
            self.status.setText(self.tr("Say to whom and how the package was delivered."))
            return
        request = api.DeliveryRequest(
            decision_ids=package.decision_ids, recipient=recipient, channel=channel,
            reference=self.form.reference.text().strip() or None,
            delivered_at=self.form.delivered_at.dateTime().toPython().astimezone(UTC),
            package_sha256=package.sha256)

        def done(delivery: api.Delivery) -> None:
            self.package = None
            self.record.setEnabled(False)
            self.status.setText(self.tr("Delivery #{id} recorded in the audit trail (event {seq}).").format(
                id=delivery.id, seq=delivery.audit_seq))
            self.refresh()

        run_task(self.ws.api.record_delivery, request, on_done=done,
                 on_error=lambda exc: self.status.setText(describe(exc)))
