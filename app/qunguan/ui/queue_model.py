"""The queue: a paged table model over the local cache.

Sorting and filtering happen in SQL in the cache (never in a proxy model); pages are read
off the GUI thread and appended when they arrive. A case that leaves the queue after a
decision stays where it is, faded, until the moderator refreshes: the list never jumps
under the cursor.

Signals:
    reloaded(): a new query's first page is in the model.
    loadFailed(object): a query failed (the exception).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from qunguan.client.cache import Cache, CaseRow, QueueFilter
from qunguan.contract.enums import CaseStatus, Priority

from .tasks import run_task
from .text import one_line
from .theme import colour

PAGE = 200
Index = QModelIndex | QPersistentModelIndex

#: (sort key in the cache, column title); titles are translated in headerData.
COLUMNS: list[tuple[str, str]] = [
    ("priority", "Priority"),
    ("sla", "SLA left"),
    ("category", "Category"),
    ("group", "Group"),
    ("reports", "Reports"),
    ("status", "Status"),
    ("claimed_by", "Claimed by"),
]

CASE_ROW_ROLE = Qt.ItemDataRole.UserRole + 1
DONE_ROLE = Qt.ItemDataRole.UserRole + 2
#: The theme's colour token for each priority (theme.colour).
PRIORITY_COLOURS = {Priority.URGENT: "priority_urgent", Priority.HIGH: "priority_high",
                    Priority.NORMAL: "priority_normal", Priority.LOW: "priority_low"}


def _priority(value: Any) -> Priority:
    if isinstance(value, Priority):
        return value
    try:
        return Priority(int(value))
    except (TypeError, ValueError):
        return Priority[str(value).upper()]


class QueueModel(QAbstractTableModel):
    reloaded = Signal()
    loadFailed = Signal(object)

    def __init__(self, cache: Cache, parent: Any = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self._cache = cache
        self._rows: list[CaseRow] = []
        self._done: dict[int, str] = {}  # case id -> what was done (rows that left the queue, kept in place)
        self._total = 0
        self._filter = QueueFilter()
        self._sort = ("priority", True)
        self._generation = 0
        self._fetching = False
        self._synchronous = synchronous  # for benchmarks and model tests: query on the calling thread
        self.now = lambda: datetime.now(UTC)

    # --- queries ---------------------------------------------------------------------------------

    @property
    def query(self) -> tuple[QueueFilter, str, bool]:
        return self._filter, self._sort[0], self._sort[1]

    def set_query(self, f: QueueFilter | None = None, sort: str | None = None, descending: bool | None = None) -> None:
        """Re-run the query (also the explicit refresh): rows that left the queue go now."""
        self._filter = f or self._filter
        self._sort = (sort or self._sort[0], self._sort[1] if descending is None else descending)
        self._generation += 1
        generation = self._generation
        flt, key, desc = self._filter, *self._sort

        def load() -> tuple[int, list[CaseRow]]:
            return self._cache.count(flt), self._cache.rows(flt, key, desc, 0, PAGE)

        self._run(load, lambda result: self._apply_reload(generation, result))

    def _apply_reload(self, generation: int, result: tuple[int, list[CaseRow]]) -> None:
        if generation != self._generation:
            return  # a newer query replaced this one
        total, rows = result
        self.beginResetModel()
        self._total, self._rows, self._done = total, list(rows), {}
        self._fetching = False
        self.endResetModel()
        self.reloaded.emit()

    def _run(self, fn: Any, done: Any) -> None:
        if self._synchronous:
            try:
                result = fn()
            except Exception as exc:  # the same path as a failed background query
                self.loadFailed.emit(exc)
                return
            done(result)
        else:
            run_task(fn, on_done=done, on_error=self.loadFailed.emit)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total and not self._fetching

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid() or self._fetching or len(self._rows) >= self._total:
            return
        self._fetching = True
        generation, offset = self._generation, len(self._rows)
        flt, key, desc = self._filter, *self._sort
        self._run(lambda: self._cache.rows(flt, key, desc, offset, PAGE),
                  lambda rows: self._append(generation, offset, rows))

    def _append(self, generation: int, offset: int, rows: list[CaseRow]) -> None:
        if generation != self._generation or offset != len(self._rows):
            return
        self._fetching = False
        if not rows:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)  # the last row is inclusive
        self._rows.extend(rows)
        self.endInsertRows()

    # --- local changes -----------------------------------------------------------------------------

    def row_of(self, case_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.id == case_id:
                return i
        return -1

    def case_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def mark_done(self, case_id: int, what: str) -> None:
        """The case was decided here: fade it where it is (it leaves on the next refresh)."""
        i = self.row_of(case_id)
        if i >= 0:
            self._done[case_id] = what
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def unmark_done(self, case_id: int) -> None:
        i = self.row_of(case_id)
        if self._done.pop(case_id, None) is not None and i >= 0:
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def is_done(self, case_id: int) -> bool:
        return case_id in self._done

    def update_row(self, updated: CaseRow) -> None:
        """A fresher copy of a row already shown (claim, version), kept in place."""
        i = self.row_of(updated.id)
        if i >= 0:
            self._rows[i] = updated
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))

    def set_claim(self, case_id: int, holder: str | None) -> None:
        i = self.row_of(case_id)
        if i >= 0:
            self.update_row(replace(self._rows[i], claimed_by=holder))

    # --- the model ---------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(
            COLUMNS
        ):
            return self._column_title(section)
        return None

    def _column_title(self, section: int) -> str:
        titles = [self.tr("Priority"), self.tr("SLA left"), self.tr("Category"), self.tr("Group"),
                  self.tr("Reports"), self.tr("Status"), self.tr("Claimed by")]
        return titles[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(COLUMNS)):
            return None
        row = self._rows[index.row()]
        key = COLUMNS[index.column()][0]
        done = self._done.get(row.id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key, done)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Case {id}: {excerpt}").format(id=row.id, excerpt=one_line(row.excerpt, 300))
        if role == Qt.ItemDataRole.ForegroundRole:
            if done is not None:
                return colour("muted")
            if key == "priority":
                return colour(PRIORITY_COLOURS.get(_priority(row.priority), "priority_normal"))
            if key == "sla" and row.sla_deadline <= self.now():
                return colour("danger")
            return None
        if role == Qt.ItemDataRole.FontRole:
            if done is not None:
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == CASE_ROW_ROLE:
            return row
        if role == DONE_ROLE:
            return done
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("reports", "sla"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: CaseRow, key: str, done: str | None) -> str:
        if key == "priority":
            marks = {Priority.URGENT: "!!!", Priority.HIGH: "!!", Priority.NORMAL: "!", Priority.LOW: "·"}
            return marks[_priority(row.priority)]
        if key == "sla":
            left = row.sla_deadline - self.now()
            if left.total_seconds() <= 0:  # said in words too, not by the colour alone
                return self.tr("overdue {time}").format(time=format_left(-left))
            return format_left(left)
        if key == "category":
            return row.reason_code or (row.category or "—")
        if key == "group":
            return one_line(row.group_name, 60)
        if key == "reports":
            return str(row.report_count)
        if key == "status":
            if done is not None:
                return done
            if row.pending_action:
                return self.tr("{action} (pending)").format(action=row.pending_action)
            return status_label(row.status)
        if key == "claimed_by":
            return row.claimed_by or ""
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.set_query(sort=COLUMNS[column][0], descending=order == Qt.SortOrder.DescendingOrder)


def format_left(left: Any) -> str:
    seconds = int(left.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    if seconds >= 86400:
        text = QCoreApplication.translate("QueueModel", "{n}d").format(n=seconds // 86400)
    elif seconds >= 3600:
        text = QCoreApplication.translate("QueueModel", "{n}h").format(n=seconds // 3600)
    else:
        text = QCoreApplication.translate("QueueModel", "{n}m").format(n=max(seconds // 60, 0))
    return sign + text


def status_label(status: str) -> str:
    labels = {
        CaseStatus.OPEN: QCoreApplication.translate("QueueModel", "open"),
        CaseStatus.CLAIMED: QCoreApplication.translate("QueueModel", "claimed"),
        CaseStatus.ESCALATED: QCoreApplication.translate("QueueModel", "escalated"),
        CaseStatus.RESOLVED: QCoreApplication.translate("QueueModel", "resolved"),
        CaseStatus.APPEALED: QCoreApplication.translate("QueueModel", "appealed"),
        CaseStatus.AWAITING_SECOND_APPROVAL: QCoreApplication.translate("QueueModel", "2nd approval"),
    }
    try:
        return labels[CaseStatus(status)]
    except ValueError:
        return status
