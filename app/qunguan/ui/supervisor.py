"""The supervisor's desk (supervisors, admins, auditors): the decision history with filters,
paged from the platform; review (confirm or overturn, with a reason, saying what an
overturn reversed and what it could not); the two-person approvals; and "Verify audit
trail". The platform enforces every permission; this window only hides what a role cannot
do (an auditor reads, never reviews or approves)."""

from __future__ import annotations

from datetime import UTC, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.export import Signed, fetch_history, write_csv
from qunguan.client.integrity import AuditReport, verify_audit_trail
from qunguan.client.viewed import Viewed, ViewedHistory
from qunguan.contract import models as api
from qunguan.contract.enums import ROLE_PERMISSIONS, Action, Outcome, Permission

from .action_names import short_label
from .decision_view import DecisionView, trail_line
from .errors import describe
from .formats import date_time
from .layout_memory import keep_layout
from .reasons import reason_label
from .tasks import Progress, run_task
from .text import one_line, plain_label
from .theme import set_tone

if TYPE_CHECKING:
    from .workstation import Workstation

Index = QModelIndex | QPersistentModelIndex
PAGE = 100


def outcome_label(value: str | None) -> str:
    labels = {
        Outcome.APPLIED: QCoreApplication.translate("Outcomes", "applied"),
        Outcome.NO_VIOLATION: QCoreApplication.translate("Outcomes", "no violation"),
        Outcome.PROPOSED: QCoreApplication.translate("Outcomes", "proposed"),
        Outcome.ESCALATED: QCoreApplication.translate("Outcomes", "escalated"),
        Outcome.NOTED: QCoreApplication.translate("Outcomes", "noted"),
        "confirmed": QCoreApplication.translate("Outcomes", "confirmed"),
        "overturned": QCoreApplication.translate("Outcomes", "overturned"),
    }
    return labels.get(value, value or "—") if value else "—"  # type: ignore[call-overload]


def _when(value: datetime | None) -> str:
    return date_time(value, empty="—")


class HistoryModel(QAbstractTableModel):
    """Decisions as the platform pages them; more are fetched as the view scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[api.Decision] = []
        self.next_cursor: str | None = None
        self.loader: Any = None  # called with the cursor to fetch the next page
        self.loading = False
        self.headers = [self.tr("When"), self.tr("Moderator"), self.tr("Action"), self.tr("Reason"),
                        self.tr("Outcome"), self.tr("Case"), self.tr("Review"), self.tr("Note")]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        d = self.rows[index.row()]
        column = index.column()
        if column == 0:
            return _when(d.decided_at)
        if column == 1:
            return d.actor.username
        if column == 2:
            return short_label(d.action)
        if column == 3:
            return d.reason_code.value if d.reason_code else "—"
        if column == 4:
            return outcome_label(d.outcome)
        if column == 5:
            return str(d.case_id)
        if column == 6:
            return outcome_label(d.review)
        return one_line(d.note or "", 80)

    def reset(self, rows: list[api.Decision], cursor: str | None) -> None:
        self.beginResetModel()
        self.rows, self.next_cursor, self.loading = list(rows), cursor, False
        self.endResetModel()

    def append(self, rows: list[api.Decision], cursor: str | None) -> None:
        self.loading = False
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self.next_cursor = cursor

    def replace(self, decision: api.Decision) -> None:
        for i, row in enumerate(self.rows):
            if row.id == decision.id:
                self.rows[i] = decision
                self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and self.next_cursor is not None and not self.loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if self.canFetchMore(parent) and self.loader is not None:
            self.loading = True
            self.loader(self.next_cursor)


class SupervisorDesk(QMainWindow):
    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "supervisor_desk")  # size, place and splitters as the moderator left them
        self.ws = ws
        self.setObjectName("supervisorDesk")
        self.setWindowTitle(self.tr("Supervisor's desk"))
        self.resize(1200, 760)
        self.permissions = ROLE_PERMISSIONS[ws.moderator.role]
        self.viewed = ViewedHistory(ws.api, ws.cache)
        self.can_review = Permission.APPROVE in self.permissions
        self.tabs = QTabWidget(self)
        self.setCentralWidget(self.tabs)
        self.tabs.addTab(self._history_tab(), self.tr("Decision history"))
        self.approvals_tab = self._approvals_tab()
        if self.can_review:
            self.tabs.addTab(self.approvals_tab, self.tr("Approvals"))
        self.appeals_tab = self._appeals_tab()
        self.tabs.addTab(self.appeals_tab, self.tr("Appeals"))
        from .quality import QualityTab

        self.quality = QualityTab(self)
        self.tabs.addTab(self.quality, self.tr("Quality"))
        from .authority import AuthorityTab

        self.authority = AuthorityTab(self)
        self.tabs.addTab(self.authority, self.tr("Reports to authorities"))
        self.tabs.addTab(self._integrity_tab(), self.tr("Audit trail"))
        self.search()
        if self.can_review:
            self.load_proposals()
        self.load_appeals()
        self.quality.refresh()
        self.authority.refresh()

    # --- history ------------------------------------------------------------------------------------

    def _history_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.f_moderator = QLineEdit(tab)
        self.f_moderator.setPlaceholderText(self.tr("Moderator"))
        self.f_action = QComboBox(tab)
        self.f_action.addItem(self.tr("Any action"), None)
        for action in Action:
            self.f_action.addItem(short_label(action), action.value)
        self.f_outcome = QComboBox(tab)
        self.f_outcome.addItem(self.tr("Any outcome"), None)
        for outcome in Outcome:
            self.f_outcome.addItem(outcome_label(outcome), outcome.value)
        self.f_category = QComboBox(tab)
        self.f_category.setObjectName("historyCategory")
        for label, value in ((self.tr("Any category"), None), (self.tr("Illegal information (ILL)"), "ILL"),
                             (self.tr("Negative information (NEG)"), "NEG"), (self.tr("Platform rules (PLT)"), "PLT")):
            self.f_category.addItem(label, value)
        self.f_group = QLineEdit(tab)
        self.f_group.setObjectName("historyGroup")
        self.f_group.setPlaceholderText(self.tr("Group ID"))
        self.f_group.setValidator(QIntValidator(1, 2**31 - 1, self.f_group))
        self.f_group.setMaximumWidth(90)
        self.f_reason = QLineEdit(tab)
        self.f_reason.setPlaceholderText(self.tr("Reason code"))
        self.f_text = QLineEdit(tab)
        self.f_text.setPlaceholderText(self.tr("Text in the note"))
        self.f_since = QDateEdit(tab)
        self.f_until = QDateEdit(tab)
        for edit, days in ((self.f_since, -30), (self.f_until, 0)):
            edit.setCalendarPopup(True)
            edit.setDate(QDate.currentDate().addDays(days))
        self.f_since.setDate(QDate.currentDate().addDays(-30))
        for edit, name in ((self.f_since, self.tr("From date")), (self.f_until, self.tr("To date")),
                           (self.f_action, self.tr("Action filter")), (self.f_outcome, self.tr("Outcome filter")),
                           (self.f_category, self.tr("Category filter"))):
            edit.setAccessibleName(name)
        for edit in (self.f_moderator, self.f_group, self.f_reason, self.f_text):  # named as their placeholder
            edit.setAccessibleName(edit.placeholderText())
        # Dates only when asked for: a range over everything makes the platform sort every
        # decision in it instead of walking the newest first.
        self.f_dated = QCheckBox(self.tr("Between"), tab)
        self.f_dated.setObjectName("historyDated")
        self.f_dated.toggled.connect(self.f_since.setEnabled)
        self.f_dated.toggled.connect(self.f_until.setEnabled)
        self.f_since.setEnabled(False)
        self.f_until.setEnabled(False)
        search = QPushButton(self.tr("Search"), tab)
        search.setObjectName("historySearch")
        search.clicked.connect(self.search)
        self.export_button = QPushButton(self.tr("Export CSV…"), tab)
        self.export_button.setToolTip(self.tr("Every decision these filters match, with a hash chain over the rows "
                                              "signed by the platform; check it with `qunguan verify-export`."))
        self.export_button.clicked.connect(self._ask_export)
        self.pdf_button = QPushButton(self.tr("Export PDF…"), tab)
        self.pdf_button.setToolTip(self.tr("A report of the decisions these filters match, carrying the row chain's "
                                           "head, the platform's signature and the audit checkpoint."))
        self.pdf_button.clicked.connect(self._ask_pdf)
        second = QHBoxLayout()
        for row, widgets in ((filters, (self.f_moderator, self.f_action, self.f_outcome, self.f_category,
                                        self.f_reason, self.f_group, self.f_text)),
                             (second, (self.f_dated, self.f_since, self.f_until, None, search, self.export_button,
                                       self.pdf_button))):
            for w in widgets:
                if w is None:
                    row.addStretch(1)
                    continue
                row.addWidget(w)
                if isinstance(w, QLineEdit):
                    w.returnPressed.connect(self.search)
            layout.addLayout(row)
        self.history = HistoryModel(tab)
        self.history.loader = self._load_more
        self.table = QTableView(tab)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(self.tr("Decision history"))
        self.table.setModel(self.history)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Widths are measured once, on the first page: measuring every page would cost ~100 ms of
        # the GUI thread per search (every cell through data()).
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self._widths_set = False
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_decision(cur.row()))
        self.table.activated.connect(lambda index: self.open_decision(index.row()))
        self.table.setToolTip(self.tr("Enter or double-click opens the decision as its moderator saw it"))
        layout.addWidget(self.table, 1)
        details = QHBoxLayout()
        self.decision_text = plain_label(tab)
        self.decision_text.setObjectName("decisionText")
        details.addWidget(self.decision_text, 1)
        self.trail = QListWidget(tab)
        self.trail.setObjectName("caseTrail")
        self.trail.setAccessibleName(self.tr("The case's audit trail"))
        self.trail.setToolTip(self.tr("The case's audit trail, from the platform's audit chain"))
        self.trail.setMaximumHeight(140)
        details.addWidget(self.trail, 1)
        layout.addLayout(details)
        review = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open decision…"), tab)
        self.open_button.setObjectName("openDecision")
        self.open_button.setToolTip(self.tr("The conversation, sender and group as the moderator saw them, and "
                                            "the case's audit trail"))
        self.open_button.clicked.connect(lambda: self.open_decision(self.table.currentIndex().row()))
        review.addWidget(self.open_button)
        self.mark_button = QPushButton(self.tr("Mark reportable"), tab)
        self.mark_button.setObjectName("markReportable")
        self.mark_button.setToolTip(self.tr("Mark the decision as one to report to the authorities (Art. 12); the "
                                            "text in the reason field goes with it as a note. Recorded in the "
                                            "audit trail."))
        self.mark_button.clicked.connect(self.mark_reportable)
        self.mark_button.setVisible(self.can_review)
        review.addWidget(self.mark_button)
        self.review_reason = QLineEdit(tab)
        self.review_reason.setObjectName("reviewReason")
        self.review_reason.setPlaceholderText(self.tr("Reason for the review (required)"))
        self.review_reason.setAccessibleName(self.review_reason.placeholderText())
        self.confirm = QPushButton(self.tr("Confirm"), tab)
        self.overturn = QPushButton(self.tr("Overturn"), tab)
        self.overturn.setToolTip(self.tr("Reverse the decision on the platform where it can be (restore the "
                                         "message, lift the mute or suspension, reopen the group)."))
        self.confirm.clicked.connect(lambda: self._review("confirm"))
        self.overturn.clicked.connect(lambda: self._review("overturn"))
        for w in (self.review_reason, self.confirm, self.overturn):
            review.addWidget(w)
            w.setVisible(self.can_review)
        layout.addLayout(review)
        self.history_status = plain_label(tab)
        self.history_status.setObjectName("historyStatus")
        layout.addWidget(self.history_status)
        return tab

    def filters(self) -> dict[str, Any]:
        since = datetime.combine(self.f_since.date().toPython(), time.min, UTC)
        until = datetime.combine(self.f_until.date().toPython(), time.max, UTC)
        reason = self.f_reason.text().strip().upper()
        return {
            "moderator": self.f_moderator.text().strip() or None,
            "action": [self.f_action.currentData()] if self.f_action.currentData() else None,
            "outcome": [self.f_outcome.currentData()] if self.f_outcome.currentData() else None,
            "reason_code": [reason] if reason else None,
            "category": [self.f_category.currentData()] if self.f_category.currentData() else None,
            "group_id": int(self.f_group.text()) if self.f_group.text().isdigit() else None,
            "q": self.f_text.text().strip() or None,
            "since": since.isoformat() if self.f_dated.isChecked() else None,
            "until": until.isoformat() if self.f_dated.isChecked() else None,
        }

    def search(self) -> None:
        params = self.filters()
        self.history_status.setText(self.tr("Searching…"))
        self._search_generation = generation = getattr(self, "_search_generation", 0) + 1

        def done(viewed: Viewed[api.Page[api.Decision]]) -> None:
            if generation != self._search_generation:
                return  # a newer search was started meanwhile; its answer is the one to show
            self.history.reset(viewed.value.items, viewed.value.next_cursor)
            if not self._widths_set and viewed.value.items:
                self._widths_set = True
                self.table.resizeColumnsToContents()
            self._say_shown(viewed)

        run_task(self.viewed.history, **params, limit=PAGE, on_done=done, on_error=self._history_failed)
        self._params = params

    def _ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the history"), "qunguan-history.csv",
                                              self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(Path(path))

    def _ask_pdf(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the history as PDF"), "qunguan-history.pdf",
                                              self.tr("PDF files (*.pdf)"))
        if path:
            self.export_pdf(Path(path))

    def export_pdf(self, path: Path) -> None:
        from .report import write_pdf

        self.export_csv(path, writer=write_pdf)

    def export_csv(self, path: Path, writer: Any = write_csv) -> None:
        params = self.filters()
        description = ", ".join(f"{k}={v}" for k, v in params.items() if v)
        self.export_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.history_status.setText(self.tr("Exporting…"))

        def work() -> Signed:
            return writer(path, self.ws.api, fetch_history(self.ws.api, params), description)

        def done(signed: Signed) -> None:
            self.export_button.setEnabled(True)
            self.pdf_button.setEnabled(True)
            self.history_status.setText(self.tr("Exported {n} decisions to {path}; head {head}, signed by key {key}.")
                                        .format(n=signed.rows, path=str(path), head=signed.head[:16],
                                                key=signed.signature.key_id))

        def failed(exc: BaseException) -> None:
            self.export_button.setEnabled(True)
            self.pdf_button.setEnabled(True)
            self._history_failed(exc)

        run_task(work, on_done=done, on_error=failed)

    def _load_more(self, cursor: str) -> None:
        generation = self._search_generation

        def done(viewed: Viewed[api.Page[api.Decision]]) -> None:
            if generation != self._search_generation:
                return
            self.history.append(viewed.value.items, viewed.value.next_cursor)
            self._say_shown(viewed)

        run_task(self.viewed.history, **self._params, limit=PAGE, cursor=cursor, on_done=done,
                 on_error=self._history_failed)

    def _say_shown(self, viewed: Viewed[api.Page[api.Decision]]) -> None:
        text = self.tr("{n} decisions shown{more}.").format(
            n=len(self.history.rows), more=self.tr(", more as you scroll") if viewed.value.next_cursor else "")
        if viewed.kept_from is not None:
            text += " " + self.tr("The platform cannot be reached: this page is as kept on this workstation, "
                                  "fetched {when}.").format(when=_when(viewed.kept_from))
        self.history_status.setText(text)

    def mark_reportable(self) -> None:
        d = self.selected_decision()
        if d is None:
            return
        note = self.review_reason.text().strip() or None

        def done(_mark: api.ReportableDecision | None) -> None:
            self.history_status.setText(self.tr("Decision {id} is marked for reporting to the authorities.").format(
                id=d.id))
            self.authority.refresh()

        run_task(self.ws.api.mark_reportable, d.id, True, note, on_done=done, on_error=self._history_failed)

    def open_decision(self, row: int) -> DecisionView | None:
        if not 0 <= row < len(self.history.rows):
            return None
        view = DecisionView(self.viewed, self.history.rows[row], self)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        self.decision_view = view
        return view

    def _history_failed(self, exc: BaseException) -> None:
        self.history.loading = False
        self.history_status.setText(describe(exc))

    def selected_decision(self) -> api.Decision | None:
        row = self.table.currentIndex().row()
        return self.history.rows[row] if 0 <= row < len(self.history.rows) else None

    def _show_decision(self, row: int) -> None:
        d = self.history.rows[row] if 0 <= row < len(self.history.rows) else None
        if d is None:
            self.decision_text.setText("")
            return
        lines = [
            self.tr("Decision {id} on case {case}: {action} by {who} at {when}").format(
                id=d.id, case=d.case_id, action=short_label(d.action), who=d.actor.username, when=_when(d.decided_at)),
            self.tr("Reason: {reason}").format(reason=reason_label(d.reason_code) if d.reason_code else "—"),
            self.tr("Outcome: {outcome}; review: {review}").format(outcome=outcome_label(d.outcome),
                                                                   review=outcome_label(d.review)),
        ]
        if d.effects:
            lines.append(self.tr("Effects: {effects}").format(
                effects="; ".join(one_line(f"{e.kind}: {e.detail}", 120) for e in d.effects)))
        if d.note:
            lines.append(self.tr("Note: {note}").format(note=one_line(d.note, 300)))
        self.decision_text.setText("\n".join(lines))
        self._load_trail(d.case_id, d.id)
        can = self.can_review and d.review is None and d.actor.username != self.ws.moderator.username
        self.confirm.setEnabled(can)
        self.overturn.setEnabled(can)

    def _load_trail(self, case_id: int, decision_id: int) -> None:
        """The case's events and this decision's (its reviews and appeals), in chain order."""
        self.trail.clear()

        def done(events: Viewed[list[api.AuditEvent]]) -> None:
            current = self.selected_decision()
            if current is None or current.id != decision_id:
                return
            self.trail.clear()
            for e in events.value:
                self.trail.addItem(trail_line(e))

        run_task(self.viewed.trail, case_id, decision_id, on_done=done,
                 on_error=lambda exc: self.trail.addItem(describe(exc)))

    def _review(self, verdict: str) -> None:
        d = self.selected_decision()
        reason = self.review_reason.text().strip()
        if d is None:
            return
        if len(reason) < 2:
            self.history_status.setText(self.tr("Give a reason for the review."))
            self.review_reason.setFocus()
            return

        def done(result: api.ReviewResult) -> None:
            self.history.replace(result.decision)
            self.review_reason.clear()
            effects = "; ".join(one_line(f"{e.kind}: {e.detail}", 120) for e in result.review.effects)
            self.history_status.setText(self.tr("Decision {id}: {verdict}. {effects}").format(
                id=d.id, verdict=outcome_label(result.review.verdict), effects=effects))
            self._show_decision(self.table.currentIndex().row())

        run_task(self.ws.api.review, d.id, verdict, reason, on_done=done, on_error=self._history_failed)

    # --- approvals ----------------------------------------------------------------------------------

    def _approvals_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.proposals = QListWidget(tab)
        self.proposals.setObjectName("proposals")
        self.proposals.setAccessibleName(self.tr("Proposals waiting for a second supervisor"))
        self.proposals.currentItemChanged.connect(lambda *_: self._show_proposal())
        layout.addWidget(self.proposals, 1)
        self.proposal_text = plain_label(tab)
        self.proposal_text.setObjectName("proposalText")
        layout.addWidget(self.proposal_text)
        row = QHBoxLayout()
        self.proposal_note = QLineEdit(tab)
        self.proposal_note.setPlaceholderText(self.tr("Note (optional)"))
        self.proposal_note.setAccessibleName(self.proposal_note.placeholderText())
        self.approve = QPushButton(self.tr("Approve"), tab)
        self.reject = QPushButton(self.tr("Reject"), tab)
        refresh = QPushButton(self.tr("Refresh"), tab)
        self.approve.clicked.connect(lambda: self._review_proposal(True))
        self.reject.clicked.connect(lambda: self._review_proposal(False))
        refresh.clicked.connect(self.load_proposals)
        for w in (self.proposal_note, self.approve, self.reject, refresh):
            row.addWidget(w)
        layout.addLayout(row)
        self.proposal_status = plain_label(tab)
        layout.addWidget(self.proposal_status)
        self.proposal_rows: list[api.Proposal] = []
        return tab

    def load_proposals(self) -> None:
        def done(items: list[api.Proposal]) -> None:
            self.proposal_rows = items
            self.proposals.clear()
            for p in items:
                item = QListWidgetItem(self.tr("Case {case}: {action} proposed by {who}, expires {when}").format(
                    case=p.case_id, action=short_label(p.action), who=p.proposer.username, when=_when(p.expires_at)))
                item.setData(Qt.ItemDataRole.UserRole, p.id)
                self.proposals.addItem(item)
            if items:
                self.proposals.setCurrentRow(0)
            self._show_proposal()

        run_task(self.ws.api.proposals, on_done=done, on_error=lambda exc: self.proposal_status.setText(describe(exc)))

    def selected_proposal(self) -> api.Proposal | None:
        item = self.proposals.currentItem()
        if item is None:
            return None
        return next((p for p in self.proposal_rows if p.id == item.data(Qt.ItemDataRole.UserRole)), None)

    def _show_proposal(self) -> None:
        p = self.selected_proposal()
        if p is None:
            self.proposal_text.setText(self.tr("No proposals wait for a second supervisor."))
            self.approve.setEnabled(False)
            self.reject.setEnabled(False)
            return
        radius = ", ".join(f"{k}: {v}" for k, v in sorted(p.blast_radius.items()))
        self.proposal_text.setText("\n".join([
            self.tr("{action} on case {case}, proposed by {who} at {when}").format(
                action=short_label(p.action), case=p.case_id, who=p.proposer.username, when=_when(p.created_at)),
            self.tr("Reason: {reason}").format(reason=reason_label(p.reason_code) if p.reason_code else "—"),
            self.tr("Touches: {radius}").format(radius=radius),
            self.tr("Note: {note}").format(note=one_line(p.note or "—", 300)),
        ]))
        own = p.proposer.username == self.ws.moderator.username
        self.approve.setEnabled(not own)
        self.approve.setToolTip(self.tr("You proposed this; another supervisor must approve it.") if own else "")
        self.reject.setEnabled(True)

    def _review_proposal(self, approve: bool) -> None:
        p = self.selected_proposal()
        if p is None:
            return

        def done(result: api.DecisionResult) -> None:
            self.proposal_status.setText(self.tr("Case {case}: {outcome}.").format(
                case=p.case_id, outcome=outcome_label(result.decision.outcome)))
            self.load_proposals()

        run_task(self.ws.api.review_proposal, p.id, approve, self.proposal_note.text().strip() or None,
                 on_done=done, on_error=lambda exc: self.proposal_status.setText(describe(exc)))

    # --- appeals ------------------------------------------------------------------------------------

    def _appeals_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.appeal_list = QListWidget(tab)
        self.appeal_list.setObjectName("appeals")
        self.appeal_list.setAccessibleName(self.tr("Appeals"))
        self.appeal_list.currentItemChanged.connect(lambda *_: self._show_appeal())
        layout.addWidget(self.appeal_list, 1)
        self.appeal_text = plain_label(tab)
        self.appeal_text.setObjectName("appealText")
        layout.addWidget(self.appeal_text)
        row = QHBoxLayout()
        self.appeal_reason = QLineEdit(tab)
        self.appeal_reason.setPlaceholderText(self.tr("Reason (required)"))
        self.appeal_reason.setAccessibleName(self.appeal_reason.placeholderText())
        self.uphold = QPushButton(self.tr("Uphold the decision"), tab)
        self.overturn_appeal = QPushButton(self.tr("Overturn the decision"), tab)
        self.uphold.clicked.connect(lambda: self._decide_appeal("uphold"))
        self.overturn_appeal.clicked.connect(lambda: self._decide_appeal("overturn"))
        for w in (self.appeal_reason, self.uphold, self.overturn_appeal):
            row.addWidget(w)
            w.setVisible(self.can_review)
        layout.addLayout(row)
        self.appeal_status = plain_label(tab)
        layout.addWidget(self.appeal_status)
        self.appeal_rows: list[api.AppealView] = []
        return tab

    def load_appeals(self) -> None:
        def done(items: list[api.AppealView]) -> None:
            self.appeal_rows = items
            self.appeal_list.clear()
            for a in items:
                item = QListWidgetItem(self.tr("Appeal {id} against decision {decision} (case {case}), {when}").format(
                    id=a.id, decision=a.decision_id, case=a.case_id, when=_when(a.created_at)))
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                self.appeal_list.addItem(item)
            if items:
                self.appeal_list.setCurrentRow(0)
            self._show_appeal()

        run_task(self.ws.api.appeals, on_done=done, on_error=lambda exc: self.appeal_status.setText(describe(exc)))

    def selected_appeal(self) -> api.AppealView | None:
        item = self.appeal_list.currentItem()
        if item is None:
            return None
        return next((a for a in self.appeal_rows if a.id == item.data(Qt.ItemDataRole.UserRole)), None)

    def _show_appeal(self) -> None:
        a = self.selected_appeal()
        if a is None:
            self.appeal_text.setText(self.tr("No open appeals."))
            self.uphold.setEnabled(False)
            self.overturn_appeal.setEnabled(False)
            return
        self.appeal_text.setText("\n".join([
            self.tr("User {user} appeals decision {decision} by {who}:").format(
                user=a.user_id, decision=a.decision_id, who=a.original_moderator.username),
            one_line(a.text, 1000),
        ]))
        own = a.original_moderator.username == self.ws.moderator.username
        for button in (self.uphold, self.overturn_appeal):
            button.setEnabled(not own)
            button.setToolTip(self.tr("You made the decision appealed against; someone else must decide.")
                              if own else "")

    def _decide_appeal(self, verdict: str) -> None:
        a = self.selected_appeal()
        reason = self.appeal_reason.text().strip()
        if a is None:
            return
        if len(reason) < 2:
            self.appeal_status.setText(self.tr("Give a reason for the decision on the appeal."))
            return

        def done(result: api.ReviewResult) -> None:
            self.appeal_reason.clear()
            self.appeal_status.setText(self.tr("Appeal {id}: decision {decision} {verdict}.").format(
                id=a.id, decision=a.decision_id, verdict=outcome_label(result.decision.review)))
            self.load_appeals()

        run_task(self.ws.api.decide_appeal, a.id, verdict, reason, on_done=done,
                 on_error=lambda exc: self.appeal_status.setText(describe(exc)))

    # --- integrity ----------------------------------------------------------------------------------

    def _integrity_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.verify = QPushButton(self.tr("Verify audit trail"), tab)
        self.verify.setObjectName("verifyAudit")
        self.verify.clicked.connect(self.verify_audit)
        layout.addWidget(self.verify)
        self.verify_progress = QProgressBar(tab)
        self.verify_progress.setVisible(False)
        layout.addWidget(self.verify_progress)
        self.verdict = plain_label(tab)
        self.verdict.setObjectName("auditVerdict")
        layout.addWidget(self.verdict)
        reveals = QHBoxLayout()
        self.reveal_who = QLineEdit(tab)
        self.reveal_who.setPlaceholderText(self.tr("Staff member (all when empty)"))
        self.reveal_who.setAccessibleName(self.reveal_who.placeholderText())
        self.reveal_who.returnPressed.connect(self.load_reveals)
        load = QPushButton(self.tr("Personal data reveals"), tab)
        load.setObjectName("loadReveals")
        load.setToolTip(self.tr("Every reveal of personal data: who, whose, when and the reason given (PIPL Art. 51)"))
        load.clicked.connect(self.load_reveals)
        reveals.addWidget(self.reveal_who)
        reveals.addWidget(load)
        layout.addLayout(reveals)
        self.reveal_counts = plain_label(tab)
        self.reveal_counts.setObjectName("revealCounts")
        layout.addWidget(self.reveal_counts)
        self.reveal_table = QTableWidget(0, 4, tab)
        self.reveal_table.setObjectName("revealTable")
        self.reveal_table.setAccessibleName(self.tr("Personal data reveals"))
        self.reveal_table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Staff member"), self.tr("User"),
                                                     self.tr("Reason given")])
        self.reveal_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.reveal_table.verticalHeader().setVisible(False)
        self.reveal_table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.reveal_table, 1)
        return tab

    def load_reveals(self) -> None:
        def done(log: api.RevealLog) -> None:
            self.reveal_counts.setText(self.tr("Reveals per staff member: {counts}").format(
                counts=", ".join(f"{who} {n}" for who, n in sorted(log.by_moderator.items(), key=lambda kv: -kv[1]))
                or self.tr("none")))
            self.reveal_table.setRowCount(len(log.events))
            for row, e in enumerate(log.events):
                for column, text in enumerate((_when(e.at), e.moderator, str(e.user_id), one_line(e.reason, 300))):
                    self.reveal_table.setItem(row, column, QTableWidgetItem(text))
            self.reveal_table.resizeColumnsToContents()

        run_task(self.ws.api.reveals, self.reveal_who.text().strip() or None, on_done=done,
                 on_error=lambda exc: self.reveal_counts.setText(describe(exc)))

    def verify_audit(self) -> None:
        self.verify.setEnabled(False)
        self.verify_progress.setVisible(True)
        self.verdict.setText(self.tr("Fetching the audit chain…"))
        progress = Progress(self)
        progress.changed.connect(lambda done, total: (self.verify_progress.setMaximum(max(total, 1)),
                                                      self.verify_progress.setValue(done)))

        def done(report: AuditReport) -> None:
            self.verify.setEnabled(True)
            self.verify_progress.setVisible(False)
            v = report.verdict
            if v.ok:
                set_tone(self.verdict, "success")
                self.verdict.setText(self.tr(
                    "PASS: {n} events verified; the signed checkpoint at event {seq} (key {key}) is good.").format(
                    n=v.checked, seq=report.checkpoint.seq, key=report.key_id))
            else:
                set_tone(self.verdict, "danger")
                self.verdict.setText(self.tr("FAIL at event {seq}: {reason}").format(
                    seq=v.first_bad_seq if v.first_bad_seq is not None else "—", reason=v.reason))

        def failed(exc: BaseException) -> None:
            self.verify.setEnabled(True)
            self.verify_progress.setVisible(False)
            self.verdict.setText(describe(exc))

        run_task(verify_audit_trail, self.ws.api, progress=progress.changed.emit, on_done=done, on_error=failed)
