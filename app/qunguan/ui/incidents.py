"""Emergency response (Art. 5): the incident window. A supervisor defines a wave (keywords, a
regular expression, media hashes, senders, over the last hours), previews everything it matches
(messages, groups, users, members reached, open cases), opens the incident (every supervisor is
paged: their status bar shows it), and acts in stages: one action and one reason over exactly
what was previewed, each undoable for ten minutes. Auditors read.

Every text from the platform is plain; nothing is fetched or opened from a message."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.enums import ROLE_PERMISSIONS, IncidentAction, Permission

from .decision_view import when
from .errors import describe
from .layout_memory import keep_layout
from .reasons import ReasonPicker
from .tasks import run_task
from .text import one_line, plain_label

if TYPE_CHECKING:
    from .workstation import Workstation

DAY = 86_400


def _items(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[\n,，;；]+", text) if part.strip()]


class IncidentWindow(QMainWindow):
    def __init__(self, ws: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "incidents")  # size, place and splitters as the moderator left them
        self.ws = ws
        self.setObjectName("incidentWindow")
        self.setWindowTitle(self.tr("Incidents (emergency response)"))
        self.resize(1280, 800)
        self.can_act = Permission.APPROVE in ROLE_PERMISSIONS[ws.moderator.role]
        self.incident_rows: list[api.Incident] = []
        self.current: api.Incident | None = None
        self.preview: api.IncidentPreview | None = None
        self.stage_key: str | None = None
        #: The platform's clock minus this workstation's (undo windows run in the platform's time).
        self.skew = timedelta(0)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.setCentralWidget(split)

        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        self.list = QListWidget(left)
        self.list.setObjectName("incidentList")
        self.list.setAccessibleName(self.tr("Incidents"))
        self.list.currentRowChanged.connect(self._select)
        self.new_button = QPushButton(self.tr("New incident"), left)
        self.new_button.clicked.connect(self.new_incident)
        self.new_button.setVisible(self.can_act)
        refresh = QPushButton(self.tr("Refresh"), left)
        refresh.clicked.connect(self.refresh)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(refresh)

        right = QWidget(split)
        layout = QVBoxLayout(right)
        define = QGroupBox(self.tr("What belongs to the wave (any one criterion is enough)"), right)
        form = QFormLayout(define)
        self.title_edit = QLineEdit(define)
        self.title_edit.setPlaceholderText(self.tr("e.g. stock-tip scam posted in many groups"))
        self.keywords = QLineEdit(define)
        self.keywords.setPlaceholderText(self.tr("words or addresses, separated by commas"))
        self.regex = QLineEdit(define)
        self.regex.setPlaceholderText(self.tr("a Python regular expression (optional)"))
        self.hashes = QLineEdit(define)
        self.hashes.setPlaceholderText(self.tr("media hashes, separated by commas"))
        self.senders = QLineEdit(define)
        self.senders.setPlaceholderText(self.tr("user ids, separated by commas"))
        self.hours = QSpinBox(define)
        self.hours.setRange(1, api.MAX_INCIDENT_WINDOW_HOURS)
        self.hours.setValue(24)
        self.hours.setSuffix(self.tr(" hours"))
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Keywords"), self.keywords)
        form.addRow(self.tr("Regular expression"), self.regex)
        form.addRow(self.tr("Media hashes"), self.hashes)
        form.addRow(self.tr("Senders"), self.senders)
        form.addRow(self.tr("Messages of the last"), self.hours)
        buttons = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("Preview"), define)
        self.preview_button.setObjectName("incidentPreview")
        self.preview_button.clicked.connect(lambda: self.run_preview())
        self.open_button = QPushButton(self.tr("Open incident and page supervisors"), define)
        self.open_button.setObjectName("openIncident")
        self.open_button.clicked.connect(self.open_incident)
        self.open_button.setVisible(self.can_act)
        self.close_button = QPushButton(self.tr("Close incident"), define)
        self.close_button.clicked.connect(self.close_incident)
        self.close_button.setVisible(self.can_act)
        for w in (self.preview_button, self.open_button, self.close_button):
            buttons.addWidget(w)
        form.addRow(buttons)
        layout.addWidget(define)

        self.counts = plain_label(right)
        self.counts.setObjectName("incidentCounts")
        self.counts.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.counts)
        self.tabs = QTabWidget(right)
        self.groups_table = self._table([self.tr("Group"), self.tr("Name"), self.tr("Members"), self.tr("Matches")])
        self.users_table = self._table([self.tr("User"), self.tr("Name"), self.tr("Credit"), self.tr("Status"),
                                        self.tr("Matches")])
        self.messages_table = self._table([self.tr("Message"), self.tr("Sent"), self.tr("Group"), self.tr("Sender"),
                                           self.tr("Text")])
        self.tabs.addTab(self.groups_table, self.tr("Groups"))
        self.tabs.addTab(self.users_table, self.tr("Users"))
        self.tabs.addTab(self.messages_table, self.tr("Messages"))
        for index in range(self.tabs.count()):  # each table is named as its tab
            self.tabs.widget(index).setAccessibleName(self.tabs.tabText(index))
        layout.addWidget(self.tabs, 2)

        act = QGroupBox(self.tr("Act in stages (one action, one reason, over what was previewed)"), right)
        act_layout = QHBoxLayout(act)
        act_form = QFormLayout()
        self.action = QComboBox(act)
        for action, label in (
            (IncidentAction.DELETE_MESSAGES, self.tr("Delete the messages")),
            (IncidentAction.MUTE_SENDERS, self.tr("Mute the senders")),
            (IncidentAction.SUSPEND_SENDERS, self.tr("Suspend the senders")),
            (IncidentAction.RESTRICT_GROUPS, self.tr("Restrict the groups")),
        ):
            self.action.addItem(label, action.value)
        self.days = QSpinBox(act)
        self.days.setRange(1, 365)
        self.days.setValue(7)
        self.days.setSuffix(self.tr(" days"))
        self.note = QLineEdit(act)
        self.note.setPlaceholderText(self.tr("Note for the record"))
        act_form.addRow(self.tr("Action"), self.action)
        act_form.addRow(self.tr("Duration"), self.days)
        act_form.addRow(self.tr("Note"), self.note)
        self.apply_button = QPushButton(self.tr("Apply stage"), act)
        self.apply_button.setObjectName("applyStage")
        self.apply_button.clicked.connect(self.apply_stage)
        act_form.addRow(self.apply_button)
        act_layout.addLayout(act_form, 1)
        self.reason = ReasonPicker(act)
        act_layout.addWidget(self.reason, 1)
        stages_tab = QWidget(self.tabs)
        stages_box = QVBoxLayout(stages_tab)
        self.stages = QListWidget(stages_tab)
        self.stages.setObjectName("incidentStages")
        self.stages.setAccessibleName(self.tr("Stages"))
        self.stages.currentRowChanged.connect(lambda _row: self._update_undo())
        self.undo_button = QPushButton(self.tr("Undo the selected stage"), stages_tab)
        self.undo_button.setObjectName("undoStage")
        self.undo_button.clicked.connect(self.undo_stage)
        self.undo_button.setVisible(self.can_act)
        stages_box.addWidget(self.stages, 1)
        stages_box.addWidget(self.undo_button)
        self.stages_tab = self.tabs.addTab(stages_tab, self.tr("Stages"))
        act.setVisible(self.can_act)
        layout.addWidget(act, 1)
        self.status = plain_label(right)
        self.status.setObjectName("incidentStatus")
        layout.addWidget(self.status)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([260, 1020])
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self._show_stages)
        self._ticker.start()
        self.new_incident()
        self.refresh()

    def _table(self, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        return table

    # --- the definition ----------------------------------------------------------------------------------

    def definition(self) -> api.IncidentDefinition:
        """The form as a definition; raises ValueError (with the reason) when it is not one."""
        try:
            senders = [int(s) for s in _items(self.senders.text())]
        except ValueError as exc:
            raise ValueError(self.tr("Senders are user ids (numbers).")) from exc
        regex = self.regex.text().strip() or None
        if regex is not None:
            try:
                re.compile(regex)
            except re.error as exc:
                raise ValueError(self.tr("The regular expression does not compile: {error}").format(
                    error=str(exc))) from exc
        try:
            return api.IncidentDefinition(keywords=_items(self.keywords.text()), regex=regex,
                                          media_hashes=_items(self.hashes.text()), sender_ids=senders,
                                          window_hours=self.hours.value())
        except ValueError as exc:
            raise ValueError(self.tr("The definition is not valid: {error}").format(error=one_line(str(exc), 200))) \
                from exc

    def _set_editable(self, editable: bool) -> None:
        for w in (self.title_edit, self.keywords, self.regex, self.hashes, self.senders):
            w.setReadOnly(not editable)
        self.hours.setEnabled(editable)
        self.open_button.setEnabled(editable and self.preview is not None)

    def new_incident(self) -> None:
        self.current, self.preview = None, None
        self.list.clearSelection()
        for w in (self.title_edit, self.keywords, self.regex, self.hashes, self.senders):
            w.clear()
        self._set_editable(True)
        self._show_preview(None)
        self._show_stages()

    def run_preview(self, *, quiet: bool = False) -> None:
        """Preview the form's definition, or the selected incident's; ``quiet`` keeps the status
        line (a refresh after a stage, whose outcome it says)."""
        current = self.current
        if current is None:
            try:
                definition = self.definition()
            except ValueError as exc:
                self.status.setText(str(exc))
                return
            work, args = self.ws.api.preview_definition, (definition,)
        else:
            work, args = self.ws.api.preview_incident, (current.id,)
        if not quiet:
            self.status.setText(self.tr("Matching…"))
        self.preview_button.setEnabled(False)

        def done(preview: api.IncidentPreview) -> None:
            self.preview_button.setEnabled(True)
            if (self.current.id if self.current else None) != (current.id if current else None):
                return
            self.preview = preview
            self.stage_key = str(uuid.uuid4())  # a new preview: a new stage
            self._show_preview(preview)
            self._set_editable(current is None)
            if not quiet:
                self.status.setText(self.tr("Preview taken in {seconds:.2f} s on the platform.").format(
                    seconds=preview.seconds))

        def failed(exc: BaseException) -> None:
            self.preview_button.setEnabled(True)
            self.status.setText(describe(exc))

        run_task(work, *args, on_done=done, on_error=failed)

    def _show_preview(self, preview: api.IncidentPreview | None) -> None:
        for table in (self.groups_table, self.users_table, self.messages_table):
            table.setRowCount(0)
        self.apply_button.setEnabled(preview is not None and self.current is not None
                                     and self.current.status == "open")
        if preview is None:
            self.counts.setText(self.tr("Preview to see what the wave reaches before acting."))
            return
        self.counts.setText(self.tr(
            "{messages} messages in {groups} groups from {users} senders; {members} members reached; "
            "{cases} open cases").format(messages=preview.messages, groups=preview.groups, users=preview.users,
                                         members=preview.members_reached, cases=preview.open_cases))
        self._fill(self.groups_table, [[str(g.id), one_line(g.name, 60), str(g.member_count), str(g.messages)]
                                       for g in preview.top_groups])
        self._fill(self.users_table, [[str(u.id), one_line(u.display_name, 40), str(u.credit_score), u.status.value,
                                       str(u.messages)] for u in preview.top_users])
        self._fill(self.messages_table, [[str(m.id), when(m.sent_at), str(m.group_id), str(m.sender_id),
                                          ("✗ " if m.deleted else "") + one_line(m.body, 200)]
                                         for m in preview.sample])

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))

    # --- incidents ---------------------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        def done(items: list[api.Incident]) -> None:
            self.incident_rows = items
            if items:
                self._learn_time(items[0])
            keep = select if select is not None else (self.current.id if self.current else None)
            self.list.blockSignals(True)
            self.list.clear()
            for incident in items:
                mark = "● " if incident.status == "open" else "○ "
                item = QListWidgetItem(mark + self.tr("#{id} {title} ({when})").format(
                    id=incident.id, title=one_line(incident.title, 40), when=when(incident.opened_at)))
                item.setToolTip(self.tr("opened by {who}").format(who=incident.opened_by))
                self.list.addItem(item)
            self.list.blockSignals(False)
            ids = [i.id for i in items]
            if keep in ids:
                self.list.setCurrentRow(ids.index(keep))

        run_task(self.ws.api.incidents, on_done=done, on_error=lambda exc: self.status.setText(describe(exc)))

    def _select(self, row: int) -> None:
        if not 0 <= row < len(self.incident_rows):
            return
        incident = self.incident_rows[row]
        changed = self.current is None or self.current.id != incident.id
        self.current = incident
        d = incident.definition
        self.title_edit.setText(incident.title)
        self.keywords.setText(", ".join(d.keywords))
        self.regex.setText(d.regex or "")
        self.hashes.setText(", ".join(d.media_hashes))
        self.senders.setText(", ".join(map(str, d.sender_ids)))
        self.hours.setValue(d.window_hours)
        self._set_editable(False)
        self.close_button.setEnabled(incident.status == "open")
        if changed:
            self.preview = None
            self._show_preview(None)
            self.run_preview()
        self._show_stages()

    def open_incident(self) -> None:
        title = self.title_edit.text().strip()
        if not title:
            self.status.setText(self.tr("Give the incident a title."))
            return
        try:
            definition = self.definition()
        except ValueError as exc:
            self.status.setText(str(exc))
            return

        def done(incident: api.Incident) -> None:
            self.status.setText(self.tr("Incident #{id} is open; supervisors see it in their status bar.").format(
                id=incident.id))
            self.current = incident
            self._set_editable(False)
            self.close_button.setEnabled(True)
            self._show_preview(self.preview)  # the same definition: the preview stands (its digest is checked)
            self.refresh(select=incident.id)

        run_task(self.ws.api.open_incident, title, definition, on_done=done,
                 on_error=lambda exc: self.status.setText(describe(exc)))

    def close_incident(self) -> None:
        if self.current is None:
            return
        run_task(self.ws.api.close_incident, self.current.id, on_done=self._updated,
                 on_error=lambda exc: self.status.setText(describe(exc)))

    def _updated(self, incident: api.Incident) -> None:
        self._learn_time(incident)
        self.current = incident
        self.incident_rows = [incident if i.id == incident.id else i for i in self.incident_rows]
        self.close_button.setEnabled(incident.status == "open")
        self._show_stages()
        self.refresh(select=incident.id)

    # --- stages ------------------------------------------------------------------------------------------

    def apply_stage(self) -> None:
        incident, preview = self.current, self.preview
        code = self.reason.reason_code()
        if incident is None or preview is None:
            return
        if code is None:
            self.status.setText(self.tr("Choose the reason for this stage."))
            return
        action = IncidentAction(self.action.currentData())
        duration = None if action is IncidentAction.DELETE_MESSAGES else self.days.value() * DAY
        request = api.StageRequest(action=action, reason_code=code, duration_seconds=duration,
                                   note=self.note.text().strip() or None, expected_digest=preview.digest)
        key = self.stage_key or str(uuid.uuid4())
        self.apply_button.setEnabled(False)
        self.status.setText(self.tr("Applying the stage…"))

        def done(updated: api.Incident) -> None:
            self.stage_key = str(uuid.uuid4())
            last = updated.stages[-1] if updated.stages else None
            counts = self._counts_text(last.counts if last else {})
            self.status.setText(self.tr("Stage {n} applied ({counts}); it can be undone until {when}.").format(
                n=last.seq if last else "?", counts=counts, when=when(last.undo_until) if last else ""))
            self._updated(updated)
            self.tabs.setCurrentIndex(self.stages_tab)
            self.stages.setCurrentRow(self.stages.count() - 1)
            self.run_preview(quiet=True)

        def failed(exc: BaseException) -> None:
            self.apply_button.setEnabled(True)
            self.status.setText(describe(exc))

        run_task(self.ws.api.apply_stage, incident.id, request, key, on_done=done, on_error=failed)

    def _show_stages(self) -> None:
        incident = self.current
        row = self.stages.currentRow()
        self.stages.clear()
        now = self.platform_now()
        for stage in incident.stages if incident else []:
            counts = self._counts_text(stage.counts)
            if stage.undone_at is not None:
                state = self.tr("undone {when}").format(when=when(stage.undone_at))
            elif stage.undo_until > now:
                left = int((stage.undo_until - now).total_seconds())
                state = self.tr("undo possible for {m}:{s:02d}").format(m=left // 60, s=left % 60)
            else:
                state = self.tr("final")
            label = self.action.itemText(max(0, self.action.findData(stage.action.value)))
            self.stages.addItem(self.tr("Stage {n}: {action} · {reason} by {who} — {counts} — {state}").format(
                n=stage.seq, action=label, reason=stage.reason_code.value, who=stage.by, counts=counts,
                state=state))
        if 0 <= row < self.stages.count():
            self.stages.setCurrentRow(row)
        self._update_undo()

    def _counts_text(self, counts: dict[str, int]) -> str:
        names = {"messages": self.tr("messages deleted"), "users": self.tr("users sanctioned"),
                 "groups": self.tr("groups restricted"), "cases": self.tr("cases resolved"),
                 "decisions": self.tr("decisions"), "sanctions": self.tr("sanctions"),
                 "credit": self.tr("credit changes")}
        return ", ".join(f"{names.get(k, k)} {v}" for k, v in counts.items() if v)

    def platform_now(self) -> datetime:
        return datetime.now(UTC) + self.skew

    def _learn_time(self, incident: api.Incident) -> None:
        self.skew = incident.as_of - datetime.now(UTC)

    def _update_undo(self) -> None:
        selected = self.selected_stage()
        self.undo_button.setEnabled(selected is not None and selected.undone_at is None
                                    and selected.undo_until > self.platform_now())

    def selected_stage(self) -> api.IncidentStage | None:
        row = self.stages.currentRow()
        stages = self.current.stages if self.current else []
        return stages[row] if 0 <= row < len(stages) else None

    def undo_stage(self) -> None:
        stage, incident = self.selected_stage(), self.current
        if stage is None or incident is None:
            return

        def done(updated: api.Incident) -> None:
            self.status.setText(self.tr("Stage {n} undone: what it changed is restored.").format(n=stage.seq))
            self._updated(updated)
            self.run_preview(quiet=True)

        run_task(self.ws.api.undo_stage, incident.id, stage.seq, on_done=done,
                 on_error=lambda exc: self.status.setText(describe(exc)))
