"""The moderator's main window: queues and the queue table on the left, the case with its
conversation in the centre, sender and group on the right, the action bar below, and the
status bar (who, online or offline, pending decisions, last sync).

Signals:
    sessionExpired(): the platform ended the session; the application logs in again and
        hands back a new client with `resume_session` (nothing local is lost meanwhile).
    logoutRequested(): the moderator chose File > Log out.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.cache import QueueFilter
from qunguan.client.errors import Conflict, KnownError, SessionExpired
from qunguan.client.outbox import OutboxEntry
from qunguan.client.sync import SyncReport
from qunguan.contract import models as api
from qunguan.contract.enums import ACTIONS, DRASTIC_ACTIONS, ROLE_PERMISSIONS, Action, Permission, Priority
from qunguan.contract.taxonomy import ReasonCategory

from .about import add_about_action
from .action_names import short_label
from .attention import AttentionDialog, CheckoutDialog, CheckoutRun
from .confirm import DrasticConfirmDialog
from .conversation import ConversationView
from .decide import DecisionDialog
from .errors import describe
from .formats import clock, number
from .help import ProvisionsSheet, action_help
from .icons import apply_dialog_icons, apply_icons
from .logview import show_log
from .panels import FlagPanel, GroupPanel, SenderPanel
from .pi_export import show_pi_exports
from .queue_model import QueueModel
from .reasons import label_for_action
from .reveal import RevealDialog
from .settings import MAIN_GEOMETRY, MAIN_SPLITTER, key_overrides
from .settings_dialog import attach_settings
from .shortcuts import ShortcutSheet, key_for
from .text import one_line
from .theme import set_tone
from .wellbeing import Wellbeing
from .workstation import Workstation

QUEUES = ("open", "mine", "offline", "escalated", "appeals", "second_approval")
GROUP_ACTIONS = (Action.RESTRICT_GROUP, Action.MUTE_GROUP, Action.DISSOLVE_GROUP, Action.SUSPEND_ADMIN_RIGHTS,
                 Action.REVOKE_GROUP_CREATION, Action.LOWER_CREDIT)
USER_ACTIONS = (Action.BAN, Action.BLACKLIST)


class MainWindow(QMainWindow):
    sessionExpired = Signal()
    logoutRequested = Signal()

    def __init__(self, workstation: Workstation, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = workstation
        self.attention_dialog: AttentionDialog | None = None
        self.checkout: CheckoutRun | None = None
        self.desk: Any = None
        self.incident_window: Any = None
        self.moderator = workstation.moderator
        self.permissions = ROLE_PERMISSIONS[self.moderator.role]
        self.detail: api.CaseDetail | None = None
        self.held_by_other: str | None = None
        self.active_dialog: QWidget | None = None
        self.key_overrides = self._read_key_overrides()
        self.setWindowTitle(self.tr("Qunguan — group moderation"))
        self.setObjectName("mainWindow")
        self.model = QueueModel(workstation.cache, self)
        self._build()
        self._wire()
        self.wellbeing = Wellbeing(self)  # blur until revealed, exposure count, break reminder
        self._restore_layout()
        attach_settings(self)  # File > Settings…, the saved sync interval and keys, live language change
        apply_icons(self)  # the menus' and buttons' icons (SVG, in the palette's colour)

    # --- building -----------------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_menus()
        # left: queues, filters, table
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 4, 4)
        self.queues = QListWidget(left)
        self.queues.setObjectName("queues")
        self.queues.setMaximumHeight(136)
        self.queues.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Tab reaches it; arrows choose a queue
        self.queues.setAccessibleName(self.tr("Queues"))
        self.queues.setAccessibleDescription(self.tr("Which cases the table shows, with how many each queue holds"))
        for key in QUEUES:
            item = QListWidgetItem(self.queues)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self._queue_titles = {
            "open": self.tr("Open"), "mine": self.tr("Mine"), "offline": self.tr("Taken offline"),
            "escalated": self.tr("Escalated"),
            "appeals": self.tr("Appeals"), "second_approval": self.tr("Needs second approval"),
        }
        self._set_counts({})
        self.queues.setCurrentRow(0)
        left_layout.addWidget(self.queues)
        self.search = QLineEdit(left)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Search cases (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setAccessibleDescription(self.tr("Filters the queue by words in the message, group or sender"))
        for clear in self.search.findChildren(QToolButton):  # the line edit's own clear button
            clear.setAccessibleName(self.tr("Clear the search"))
        left_layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.category = QComboBox(left)
        self.category.setObjectName("categoryFilter")
        self.category.setAccessibleName(self.tr("Category filter"))
        self.category.addItem(self.tr("All categories"), "")
        for cat, title in ((ReasonCategory.ILLEGAL, self.tr("ILL illegal")),
                           (ReasonCategory.NEGATIVE, self.tr("NEG negative")),
                           (ReasonCategory.PLATFORM, self.tr("PLT platform rules"))):
            self.category.addItem(title, cat.value)
        self.priority = QComboBox(left)
        self.priority.setObjectName("priorityFilter")
        self.priority.setAccessibleName(self.tr("Priority filter"))
        self.priority.addItem(self.tr("All priorities"), "")
        for prio, title in ((Priority.URGENT, self.tr("urgent")), (Priority.HIGH, self.tr("high")),
                            (Priority.NORMAL, self.tr("normal")), (Priority.LOW, self.tr("low"))):
            self.priority.addItem(title, prio.value)
        self.status_filter = QComboBox(left)
        self.status_filter.setObjectName("statusFilter")
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.status_filter.addItem(self.tr("Any status"), "")
        for status, title in (("open", self.tr("open")), ("claimed", self.tr("claimed"))):
            self.status_filter.addItem(title, status)
        self.group_filter = QLineEdit(left)
        self.group_filter.setObjectName("groupFilter")
        self.group_filter.setPlaceholderText(self.tr("group #"))
        self.group_filter.setMaximumWidth(80)
        self.group_filter.setAccessibleName(self.tr("Group number filter"))
        self.group_filter.setAccessibleDescription(self.tr("Shows only the cases of the group with this number"))
        self.mine_only = QCheckBox(self.tr("Assigned to me"), left)
        self.mine_only.setObjectName("mineOnly")
        for widget in (self.category, self.priority, self.status_filter, self.group_filter, self.mine_only):
            filters.addWidget(widget)
        left_layout.addLayout(filters)
        self.table = QTableView(left)
        self.table.setObjectName("queueTable")
        self.table.setAccessibleName(self.tr("Case queue"))
        self.table.setTabKeyNavigation(False)  # arrows move between cases; Tab goes on to the conversation
        self.table.setAccessibleDescription(self.tr("J and K move to the next or previous case; the case opens beside"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((62, 96, 72, 160, 60, 90, 80)):  # SLA: room for "overdue 9d"
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        left_layout.addWidget(self.table, 1)

        # centre: case header, conversation, reports and signals
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(4, 4, 4, 4)
        self.flags = FlagPanel(centre)
        self.takeover = QPushButton(self.tr("Take over this case"), centre)
        self.takeover.setObjectName("takeover")
        self.takeover.setVisible(False)
        self.conversation = ConversationView(centre)
        self.placeholder = QLabel(self.tr("Select a case in the queue (J/K to move)."), centre)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        centre_layout.addWidget(self.placeholder)
        centre_layout.addWidget(self.flags.header)
        centre_layout.addWidget(self.flags.holder)
        centre_layout.addWidget(self.takeover)
        centre_layout.addWidget(self.conversation, 3)
        facts = QScrollArea(centre)
        facts.setWidgetResizable(True)
        facts.setAccessibleName(self.tr("Reports and signals"))
        facts.setWidget(self.flags)
        centre_layout.addWidget(facts, 1)

        # right: sender and group
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 4, 4, 4)
        self.sender_panel = SenderPanel(right)
        self.sender_panel.set_can_reveal(Permission.REVEAL_PERSONAL in self.permissions)
        self.group_panel = GroupPanel(right)
        right_layout.addWidget(self.sender_panel)
        right_layout.addWidget(self.group_panel)
        right_layout.addStretch(1)
        right_scroll = QScrollArea(self)
        right_scroll.setWidgetResizable(True)
        right_scroll.setAccessibleName(self.tr("Sender and group"))
        right_scroll.setWidget(right)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        for widget in (left, centre, right_scroll):
            self.splitter.addWidget(widget)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([560, 540, 340])
        right_scroll.setMinimumWidth(300)
        right_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.splitter, 1)
        body_layout.addWidget(self._build_action_bar(body))
        self.setCentralWidget(body)
        self._show_case_widgets(False)

        bar = self.statusBar()
        self.message = QLabel(bar)
        self.message.setObjectName("statusMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.message, 1)
        self.who = QLabel(bar)
        self.who.setTextFormat(Qt.TextFormat.PlainText)
        self.who.setText(self.tr("{name} ({role})").format(name=self.moderator.username,
                                                          role=self.moderator.role.value))
        self.connection = QLabel(bar)
        self.connection.setObjectName("connection")
        self.pending = QLabel(bar)
        self.pending.setObjectName("pending")
        self.last_sync = QLabel(bar)
        self.last_sync.setObjectName("lastSync")
        self.notice = QLabel(bar)
        self.notice.setObjectName("notice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        set_tone(self.notice, "warning")
        self.notice.setVisible(False)
        self.first_sync = QProgressBar(bar)
        self.first_sync.setObjectName("firstSync")
        self.first_sync.setMaximumWidth(220)
        self.first_sync.setFormat(self.tr("first sync %v of %m"))
        self.first_sync.setVisible(False)
        self.attention = QToolButton(bar)
        self.attention.setObjectName("attention")
        self.attention.setAutoRaise(True)
        set_tone(self.attention, "danger")
        self.attention.setVisible(False)
        self.attention.clicked.connect(self.show_attention)
        self.incident_alert = QToolButton(bar)
        self.incident_alert.setObjectName("incidentAlert")
        self.incident_alert.setAutoRaise(True)
        self.incident_alert.setAccessibleName(self.tr("Open incidents"))
        self.incident_alert.setStyleSheet("font-weight: 600;")
        set_tone(self.incident_alert, "danger")
        self.incident_alert.setVisible(False)
        self.incident_alert.clicked.connect(self.show_incidents)
        for widget in (self.incident_alert, self.first_sync, self.attention, self.notice, self.who, self.connection,
                       self.pending, self.last_sync):
            bar.addPermanentWidget(widget)
        self._set_connection(None)
        self._set_pending(0)
        self.last_sync.setText(self.tr("not synced yet"))
        self.resize(1440, 860)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        refresh = file_menu.addAction(self.tr("Refresh queue (F5)"))
        refresh.setObjectName("refresh")
        refresh.triggered.connect(self.refresh)
        offline = file_menu.addAction(self.tr("Take cases offline…"))
        offline.setObjectName("takeOffline")
        offline.triggered.connect(self.take_offline)
        attention = file_menu.addAction(self.tr("Conflicts and refused decisions…"))
        attention.setObjectName("conflicts")
        attention.triggered.connect(self.show_attention)
        file_menu.addSeparator()
        logout = file_menu.addAction(self.tr("Log out"))
        logout.setObjectName("logout")
        logout.triggered.connect(self.logoutRequested.emit)
        quit_action = file_menu.addAction(self.tr("Quit"))
        quit_action.setObjectName("quit")
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.case_menu = self.menuBar().addMenu(self.tr("&Case"))
        self.desk_action = None
        if Permission.READ_HISTORY in ROLE_PERMISSIONS[self.moderator.role]:
            desk_menu = self.menuBar().addMenu(self.tr("&Supervision"))
            self.desk_action = desk_menu.addAction(self.tr("Supervisor's desk…"))
            self.desk_action.setObjectName("supervisorDesk")
            self.desk_action.triggered.connect(self.show_desk)
            incidents = desk_menu.addAction(self.tr("Incidents (emergency response)…"))
            incidents.setObjectName("incidents")
            incidents.triggered.connect(self.show_incidents)
            pi_exports = desk_menu.addAction(self.tr("Personal data exports…"))
            pi_exports.setObjectName("piExports")
            pi_exports.triggered.connect(lambda: show_pi_exports(self, self.ws))
            # Supervisors are paged: an open incident shows in the status bar, checked every minute.
            self._incident_timer = QTimer(self)
            self._incident_timer.setInterval(60_000)
            self._incident_timer.timeout.connect(self.check_incidents)
            self._incident_timer.start()
            QTimer.singleShot(0, self.check_incidents)
        self.view_menu = self.menuBar().addMenu(self.tr("&View"))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        sheet = help_menu.addAction(self.tr("Keyboard shortcuts"))
        sheet.setObjectName("shortcuts")
        sheet.triggered.connect(self.show_shortcuts)
        provisions = help_menu.addAction(self.tr("Actions and the provisions…"))
        provisions.setObjectName("provisions")
        provisions.triggered.connect(self.show_provisions)
        log_action = help_menu.addAction(self.tr("Log…"))
        log_action.setObjectName("showLog")
        log_action.triggered.connect(lambda: show_log(self))
        add_about_action(help_menu, self)

    def _build_action_bar(self, parent: QWidget) -> QWidget:
        bar = QWidget(parent)
        bar.setObjectName("actionBar")
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(4, 2, 4, 2)
        self.action_buttons: dict[str, QPushButton] = {}
        simple = [
            ("A", Action.APPROVE), ("D", Action.DELETE_MESSAGE), ("W", Action.WARN), ("M", Action.MUTE),
            ("S", Action.SUSPEND),
        ]
        for key, action in simple:
            self._action_button(layout, bar, key, action.value, short_label(action),
                                lambda _=False, a=action: self.act(a), ACTIONS[action])
        user_menu = QMenu(bar)
        for action in USER_ACTIONS:
            user_menu.addAction(short_label(action), lambda a=action: self.act(a)).setToolTip(action_help(action))
        user_menu.setToolTipsVisible(True)
        self._action_button(layout, bar, "B", "user", self.tr("Ban ▾"), None, None).setMenu(user_menu)
        self.group_menu = QMenu(bar)
        for action in GROUP_ACTIONS:
            self.group_menu.addAction(short_label(action), lambda a=action: self.act(a)).setToolTip(
                action_help(action))
        self.group_menu.setToolTipsVisible(True)
        self._action_button(layout, bar, "G", "group", self.tr("Group ▾"), None, None).setMenu(self.group_menu)
        self.user_menu = user_menu
        for key, action in (("E", Action.ESCALATE), ("N", Action.NOTE)):
            self._action_button(layout, bar, key, action.value, short_label(action),
                                lambda _=False, a=action: self.act(a), ACTIONS[action])
        self._action_button(layout, bar, "Z", "undo", self.tr("Undo"), lambda _=False: self.undo(), None)
        layout.addStretch(1)
        for action in (Action.APPROVE, Action.DELETE_MESSAGE, Action.WARN, Action.MUTE, Action.SUSPEND, *USER_ACTIONS,
                       *GROUP_ACTIONS, Action.ESCALATE, Action.NOTE):
            item = QAction(label_for_action(action), self)
            item.triggered.connect(lambda _=False, a=action: self.act(a))
            self.case_menu.addAction(item)
        return bar

    def _action_button(self, layout: QHBoxLayout, parent: QWidget, key: str, name: str, label: str,
                       slot: Any, spec: Any) -> QPushButton:
        button = QPushButton(f"[{key}] {label}", parent)
        button.setObjectName(f"act_{name}")
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # Tab reaches it; a click leaves the focus where it was
        if spec is not None:
            button.setToolTip(label_for_action(spec.action) + "\n" + action_help(spec.action))
            button.setWhatsThis(action_help(spec.action))
        if slot is not None:
            button.clicked.connect(slot)
        layout.addWidget(button)
        self.action_buttons[name] = button
        return button

    def _wire(self) -> None:
        self.queues.currentRowChanged.connect(lambda _row: self.apply_filters())
        self.search.returnPressed.connect(self._search_done)
        self.search.textChanged.connect(lambda _t: self.apply_filters())
        for combo in (self.category, self.priority, self.status_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.group_filter.editingFinished.connect(self.apply_filters)
        self.mine_only.toggled.connect(lambda _on: self.apply_filters())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.reloaded.connect(self._reloaded)
        self.model.loadFailed.connect(self.show_error)
        self.conversation.loadMore.connect(self._load_more)
        self.sender_panel.revealRequested.connect(self.reveal_personal)
        self.takeover.clicked.connect(self._take_over)
        ws = self.ws
        ws.caseLoaded.connect(self._show_detail)
        ws.caseFailed.connect(lambda _cid, exc: self.show_error(exc))
        ws.claimed.connect(self._claimed)
        ws.claimRefused.connect(self._claim_refused)
        ws.prefetched.connect(self.conversation.warm)
        ws.released.connect(lambda summary: self.model.set_claim(summary.id, None))
        ws.recorded.connect(self._recorded)
        ws.recordFailed.connect(self._record_failed)
        ws.undone.connect(self._undone)
        ws.synced.connect(self._synced)
        ws.attentionChanged.connect(self._set_attention)
        ws.syncProgress.connect(self._sync_progress)
        ws.offlineChanged.connect(lambda _n: self._refresh_counts())
        ws.syncFailed.connect(self._sync_failed)
        ws.pendingChanged.connect(self._set_pending)
        handlers = {
            "next": self.next_case, "previous": self.previous_case,
            "approve": lambda: self.act(Action.APPROVE), "delete": lambda: self.act(Action.DELETE_MESSAGE),
            "warn": lambda: self.act(Action.WARN), "mute": lambda: self.act(Action.MUTE),
            "suspend": lambda: self.act(Action.SUSPEND), "user_actions": lambda: self._popup(self.user_menu, "user"),
            "group_actions": lambda: self._popup(self.group_menu, "group"),
            "escalate": lambda: self.act(Action.ESCALATE), "note": lambda: self.act(Action.NOTE),
            "undo": self.undo, "reveal": self.toggle_attachments, "shortcuts": self.show_shortcuts,
            "search": self._focus_search, "refresh": self.refresh,
        }
        self.shortcuts: dict[str, QShortcut] = {}
        for action_id, slot in handlers.items():
            shortcut = QShortcut(QKeySequence(key_for(action_id, self.key_overrides)), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)
            self.shortcuts[action_id] = shortcut

    # --- queue ----------------------------------------------------------------------------------------

    def start(self) -> None:
        self.apply_filters()
        self.ws.start()
        self.table.setFocus()

    def current_filter(self) -> QueueFilter:
        item = self.queues.currentItem()
        queue = item.data(Qt.ItemDataRole.UserRole) if item else "open"
        group = self.group_filter.text().strip().lstrip("#")
        return QueueFilter(
            queue=queue,
            statuses=(self.status_filter.currentData(),) if self.status_filter.currentData() else (),
            categories=(self.category.currentData(),) if self.category.currentData() else (),
            priorities=(self.priority.currentData(),) if self.priority.currentData() else (),
            group_id=int(group) if group.isdigit() else None,
            assigned_to_me=self.mine_only.isChecked(),
            text=self.search.text().strip(),
        )

    def apply_filters(self) -> None:
        self._keep_case = self.detail.case.id if self.detail else None
        self.model.set_query(self.current_filter())

    def refresh(self) -> None:
        self.ws.sync_now(pull=True)
        self.apply_filters()

    def _search_done(self) -> None:
        self.table.setFocus()

    def _reloaded(self) -> None:
        row = self.model.row_of(self._keep_case) if getattr(self, "_keep_case", None) else -1
        if row < 0 and self.model.rowCount() > 0:
            row = 0
        if row >= 0:
            self.select_row(row)
        else:
            self._clear_case()
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        from .tasks import run_task

        run_task(self.ws.cache.queue_counts, on_done=self._set_counts, on_error=self.show_error)

    def _set_counts(self, counts: dict[str, int]) -> None:
        for i in range(self.queues.count()):
            item = self.queues.item(i)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(self.tr("{queue}  {count}").format(queue=self._queue_titles[key],
                                                           count=number(counts[key]) if key in counts else "…"))

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _step(self, delta: int, skip_done: bool = False) -> None:
        current = self.table.currentIndex().row()
        row = current + delta
        while skip_done and 0 <= row < self.model.rowCount():
            case = self.model.case_at(row)
            if case is not None and not self.model.is_done(case.id):
                break
            row += delta
        if row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        if 0 <= row < self.model.rowCount():
            self.select_row(row)
        elif skip_done:
            self._clear_case()
            self.show_message(self.tr("No more cases in this queue. F5 refreshes it."))

    def next_case(self) -> None:
        self._step(1)

    def previous_case(self) -> None:
        self._step(-1)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        case = self.model.case_at(current.row())
        if case is None:
            return
        left = self.model.case_at(_previous.row())
        if left is not None and left.id != case.id and not self.model.is_done(left.id) \
                and self.held_by_other is None and self.detail is not None and self.detail.case.id == left.id:
            self.ws.release(left.id)  # moving on without deciding gives the case back to the queue
        self.held_by_other = None
        self.takeover.setVisible(False)
        if self.detail is None or self.detail.case.id != case.id:
            self.detail = None
            self.conversation.clear()
        self.ws.open_case(case.id)
        nxt = [c.id for r in range(current.row() + 1, current.row() + 4) if (c := self.model.case_at(r))]
        self.ws.prefetch(nxt)

    def _clear_case(self) -> None:
        self.detail = None
        self.conversation.clear()
        self._show_case_widgets(False)

    def _show_case_widgets(self, shown: bool) -> None:
        self.placeholder.setVisible(not shown)
        for widget in (self.flags.header, self.flags.holder, self.conversation, self.sender_panel, self.group_panel):
            widget.setVisible(shown)

    # --- the case -------------------------------------------------------------------------------------

    def _show_detail(self, detail: api.CaseDetail) -> None:
        current = self.model.case_at(self.table.currentIndex().row())
        if current is None or current.id != detail.case.id:
            return
        same = self.detail is not None and self.detail.case.id == detail.case.id
        self.detail = detail
        self._show_case_widgets(True)
        if not same or self.conversation.model.rowCount() == 0:
            self.conversation.show_detail(detail)
        self.flags.show_detail(detail)
        if self.held_by_other:
            self.flags.show_claim(detail.case, self.tr("You cannot decide it unless you take it over."))
        self.sender_panel.show_user(detail.sender, detail.sender_history)
        self.group_panel.show_group(detail.group)

    def _claimed(self, summary: api.CaseSummary) -> None:
        self.model.set_claim(summary.id, summary.claim.holder_username if summary.claim else None)
        if self.detail is not None and self.detail.case.id == summary.id:
            self.held_by_other = None
            self.takeover.setVisible(False)
            self.flags.show_claim(summary)

    def _claim_refused(self, case_id: int, exc: BaseException) -> None:
        if self.detail is not None and self.detail.case.id != case_id:
            return
        if isinstance(exc, Conflict) and exc.current is not None and exc.current.claim is not None:
            self.held_by_other = exc.current.claim.holder_username
            self.model.set_claim(case_id, self.held_by_other)
            self.flags.show_claim(exc.current, self.tr("You cannot decide it unless you take it over."))
            self.takeover.setVisible(Permission.TAKEOVER in self.permissions)
            self.show_message(self.tr("Case {id} is held by {who}.").format(id=case_id, who=self.held_by_other))
        else:
            self.show_error(exc)

    def _take_over(self) -> None:
        if self.detail is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Take over"),
            self.tr("Take case {id} over from {who}? They will be told the case is yours now.").format(
                id=self.detail.case.id, who=self.held_by_other or "?"))
        if answer == QMessageBox.StandardButton.Yes:
            self.ws.take_over(self.detail.case.id)

    def _load_more(self, direction: str) -> None:
        if self.detail is None:
            return
        anchor = self.conversation.model.first_id if direction == "before" else self.conversation.model.last_id
        if anchor is None:
            return
        case_id = self.detail.case.id

        def done(page: api.MessagePage) -> None:
            if self.detail is not None and self.detail.case.id == case_id:
                self.conversation.add_page(direction, page)

        self.ws.load_more(self.detail.group.id, direction, anchor, done)

    def toggle_attachments(self) -> None:
        protection = self.conversation.model.protection
        if self.detail is None or not (self.conversation.model.has_attachments() or protection.hide_text):
            self.show_message(self.tr("This conversation has no attachments."))
            return
        if not protection.any:
            self.show_message(self.tr("Nothing is held back in this case's category (View > Wellbeing… sets what is)."))
            return
        revealed = self.conversation.toggle_attachments()
        self.show_message(self.tr("Attachments shown ({n} this session). R hides them again.").format(
            n=self.conversation.model.exposures) if revealed else self.tr("Attachments hidden."))

    def reveal_personal(self, user_id: int) -> None:
        dialog = RevealDialog(self, self.detail.sender.display_name if self.detail else None)
        self.active_dialog = dialog

        def finished(result: int) -> None:
            if result:
                self.ws.reveal(user_id, dialog.reason(), self.sender_panel.show_personal, self.show_error)
            self.active_dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    # --- deciding -------------------------------------------------------------------------------------

    def act(self, action: Action) -> None:
        detail = self.detail
        if detail is None:
            self.show_message(self.tr("Select a case first."))
            return
        if self.held_by_other:
            self.show_message(self.tr("Case {id} is held by {who}; take it over first.").format(
                id=detail.case.id, who=self.held_by_other))
            return
        if self.model.is_done(detail.case.id):
            self.show_message(self.tr("This case was already decided here. Z undoes it while it is unsent."))
            return
        if action is Action.APPROVE:
            self._record(detail, action, {})
            return
        dialog: Any
        if action in DRASTIC_ACTIONS:
            dialog = DrasticConfirmDialog(action, detail, None, self)

            def load_radius(user_id: int | None) -> None:
                # the answer may come after the dialog is gone, or after another person was chosen
                def wanted() -> bool:
                    return shiboken6.isValid(dialog) and dialog.current_target() == user_id

                self.ws.blast_radius(detail.case.id, action,
                                     lambda radius: wanted() and dialog.set_radius(radius),
                                     lambda exc: wanted() and dialog.set_radius_error(describe(exc)), user_id)

            dialog.targetChanged.connect(load_radius)
            load_radius(None)
        else:
            dialog = DecisionDialog(action, detail, self)

        def finished(result: int) -> None:
            if result and self.detail is not None and self.detail.case.id == detail.case.id:
                self._record(detail, action, dialog.decision_fields())
            self.active_dialog = None
            dialog.deleteLater()
            self.activateWindow()
            self.table.setFocus()  # back to the queue for the next keystroke

        dialog.finished.connect(finished)
        dialog.open()
        self.active_dialog = dialog

    def _record(self, detail: api.CaseDetail, action: Action, fields: dict[str, Any]) -> None:
        self.ws.decide(detail, action, fields)
        if ACTIONS[action].resolves_case or action is Action.ESCALATE:
            what = self.tr("{action} (pending)").format(action=short_label(action))
            self.model.mark_done(detail.case.id, what)
            self._step(1, skip_done=True)

    def _recorded(self, entry: OutboxEntry) -> None:
        action = Action(entry.action)
        request = entry.request()
        text = self.tr("{action}: case {id}{reason}. Z to undo while it is unsent.").format(
            action=short_label(action), id=entry.case_id,
            reason=f" ({request.reason_code.value})" if request.reason_code else "")
        if action in DRASTIC_ACTIONS:
            text += " " + self.tr("This is a proposal: a second supervisor must approve it.")
        self.show_message(text)

    def _record_failed(self, case_id: int, exc: BaseException) -> None:
        self.model.unmark_done(case_id)
        self.show_error(exc)

    def undo(self) -> None:
        self.ws.undo_last()

    def _undone(self, entry: OutboxEntry | None) -> None:
        if entry is None:
            self.show_message(self.tr("Nothing to undo: the last decision has already been sent."))
            return
        self.model.unmark_done(entry.case_id)
        row = self.model.row_of(entry.case_id)
        if row >= 0:
            self.select_row(row)
        self.show_message(self.tr("Undone: {action} on case {id}.").format(
            action=short_label(Action(entry.action)), id=entry.case_id))

    # --- status -------------------------------------------------------------------------------------

    def _synced(self, report: SyncReport) -> None:
        if report.waiting:
            return
        self._set_connection(not report.offline)
        if report.failed_round and report.retry_at is not None:
            wait = max(1, round((report.retry_at - datetime.now(UTC)).total_seconds()))
            self.show_message(self.tr("Sync: {problem} Trying again in {s} s.").format(
                problem=report.error or self.tr("the platform cannot be reached."), s=wait))
        if self.ws.last_sync is not None:
            self.last_sync.setText(self.tr("last sync {time}").format(
                time=clock(self.ws.last_sync)))
        if report.conflicts or report.failed:
            self.show_message(self.tr("{conflicts} conflicts and {failed} refused decisions need attention.").format(
                conflicts=report.conflicts, failed=report.failed))
        if report.pulled:
            self._refresh_counts()
            if self.model.rowCount() == 0:
                self.apply_filters()  # the first pull filled an empty queue

    def _sync_failed(self, exc: BaseException) -> None:
        if isinstance(exc, SessionExpired):
            self._set_connection(None)
            self.sessionExpired.emit()
            return
        self._set_connection(self.ws.online)
        self.show_error(exc)

    def resume_session(self, client: Any) -> None:
        """A new login after the session expired: carry on with the work kept."""
        self.ws.resume(client)

    def _set_connection(self, online: bool | None) -> None:
        if online is None:
            self.connection.setText(self.tr("connecting…"))
        else:
            self.connection.setText(self.tr("● online") if online else self.tr("○ offline: decisions are kept"))
        set_tone(self.connection, "success" if online else "danger" if online is False else None)

    def _set_pending(self, count: int) -> None:
        self.pending.setText(self.tr("%n pending sync", "", count))

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def show_incidents(self) -> None:
        from .incidents import IncidentWindow

        if self.incident_window is None:
            self.incident_window = IncidentWindow(self.ws, self)
            self.incident_window.setWindowFlag(Qt.WindowType.Window, True)
            apply_dialog_icons(self.incident_window)
        self.incident_window.show()
        self.incident_window.raise_()

    def check_incidents(self) -> None:
        from .tasks import run_task

        def done(items: list[Any]) -> None:
            titles = [one_line(i.title, 40) for i in items]
            self.incident_alert.setText(self.tr("⚠ Incident open: {titles}").format(titles="; ".join(titles[:2]))
                                        if titles else "")
            self.incident_alert.setToolTip(self.tr("%n open incident(s): open the incident window", "", len(items)))
            self.incident_alert.setVisible(bool(items))

        # offline or refused: the alert stays as it was until the next check
        run_task(self.ws.api.incidents, "open", on_done=done, on_error=lambda _exc: None)

    def show_desk(self) -> None:
        from .supervisor import SupervisorDesk

        if self.desk is None:
            self.desk = SupervisorDesk(self.ws, self)
            self.desk.setWindowFlag(Qt.WindowType.Window, True)
            apply_dialog_icons(self.desk)
        self.desk.show()
        self.desk.raise_()

    def _set_attention(self, count: int) -> None:
        self.attention.setText(self.tr("⚠ %n need attention", "", count))
        self.attention.setToolTip(self.tr("Conflicts and decisions the platform refused: open to resolve them."))
        self.attention.setVisible(count > 0)
        if self.attention_dialog is not None and self.attention_dialog.isVisible():
            self.attention_dialog.refresh()

    def show_attention(self) -> None:
        if self.attention_dialog is None:
            self.attention_dialog = AttentionDialog(self, self.ws)
        else:
            self.attention_dialog.refresh()
        self.attention_dialog.show()
        self.attention_dialog.raise_()

    def _sync_progress(self, done: int, total: int) -> None:
        self.first_sync.setMaximum(max(total, 1))
        self.first_sync.setValue(min(done, max(total, 1)))
        self.first_sync.setVisible(done < total)

    def take_offline(self) -> None:
        dialog = CheckoutDialog(self)
        self.active_dialog = dialog

        def chosen(result: int) -> None:
            if result:
                self.checkout = CheckoutRun(self, self.ws, dialog.count.value(), self._taken_offline, self.show_error,
                                            self.current_filter())

        dialog.finished.connect(chosen)
        dialog.open()

    def _taken_offline(self, report: Any) -> None:
        self.checkout = None
        self.activateWindow()  # back from the progress dialog
        text = self.tr("%n case(s) taken offline for three days.", "", len(report.taken))
        if report.skipped:
            text += " " + self.tr("%n held by others and skipped.", "", len(report.skipped))
        if report.error:
            text += " " + self.tr("Stopped: {problem}").format(problem=report.error)
        self.show_message(text)
        self._refresh_counts()

    def show_notice(self, short: str, text: str) -> None:
        """A standing warning (e.g. the local cache is not encrypted): ``short`` stays in the
        status bar with the whole ``text`` as its tooltip; the text shows once in the message line."""
        self.notice.setText(short)
        self.notice.setToolTip(text)
        self.notice.setVisible(True)
        self.show_message(text)

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, SessionExpired):
            self.sessionExpired.emit()
            return
        if not isinstance(exc, KnownError):
            raise exc
        self.show_message(describe(exc))

    def show_provisions(self) -> None:
        sheet = ProvisionsSheet(self)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()

    def show_shortcuts(self) -> None:
        sheet = ShortcutSheet(self, self.key_overrides)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    @staticmethod
    def _read_key_overrides() -> dict[str, str]:
        """Remapped keys from the settings (group "shortcuts": action id = key sequence)."""
        return key_overrides()

    def _popup(self, menu: QMenu, name: str) -> None:
        button = self.action_buttons[name]
        menu.popup(button.mapToGlobal(button.rect().topLeft()), menu.actions()[0])

    # --- layout persistence ----------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        if geometry := MAIN_GEOMETRY.get():
            self.restoreGeometry(geometry)
        if state := MAIN_SPLITTER.get():
            self.splitter.restoreState(state)

    def closeEvent(self, event: QCloseEvent) -> None:
        MAIN_GEOMETRY.set(self.saveGeometry())
        MAIN_SPLITTER.set(self.splitter.saveState())
        self.ws.stop()
        super().closeEvent(event)


def case_title(detail: api.CaseDetail) -> str:
    return one_line(detail.group.name, 60)
