"""Protecting the moderator: blurred and greyscale media until revealed, a count of severe
content seen in the shift, and a reminder to take a break.

- Preferences per reason code (the case's suggested reason, else the reports' or signals'):
  blur media, show media in greyscale, collapse the flagged text; by default blur and greyscale
  for the graphic categories in :data:`SEVERE`, nothing for the others. They are kept per user
  in the settings (``wellbeing/<user>/...``), declared once in :class:`WellbeingSettings`.
- Exposure: the severe cases opened and the protected items revealed, each counted once per
  shift, shown in the status bar; past a soft limit a banner suggests other work. A shift starts
  at login, unless the last activity was less than ``new_shift_after_minutes`` ago (then the
  shift, kept in the settings, goes on), and after a break that long.
- Breaks: after ``break_after_minutes`` of continuous work (opening cases, deciding, revealing)
  a banner in the main window (never a dialog: it takes no keystroke) suggests a break; it can
  be snoozed or dismissed; an idle spell of ``break_length_minutes`` counts as the break.

Time comes from :attr:`Wellbeing.clock` (a callable returning an aware datetime), so tests move it.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar
from urllib.parse import quote

from PySide6.QtCore import QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.taxonomy import REASONS, ReasonCode

from .conversation import Protection
from .formats import clock
from .reasons import reason_label
from .theme import set_tone

log = logging.getLogger(__name__)

__all__ = ["SEVERE", "Shift", "Wellbeing", "WellbeingDialog", "WellbeingPage", "WellbeingSettings", "case_code"]

#: Graphic categories: blurred and greyscale by default, and counted as exposure.
SEVERE: frozenset[ReasonCode] = frozenset({
    ReasonCode.ILL_05,  # terrorism, extremism
    ReasonCode.ILL_09,  # obscenity, pornography, violence, murder, terror
    ReasonCode.NEG_04,  # sexual innuendo
    ReasonCode.NEG_05,  # gore, horror, cruelty
    ReasonCode.PLT_07,  # harms minors
})

TICK_MS = 30_000  # how often the break and shift clocks are looked at


@dataclass(frozen=True)
class WellbeingSettings:
    """The moderator's wellbeing preferences; every field is one setting, its default here."""

    blur: frozenset[ReasonCode] = SEVERE
    greyscale: frozenset[ReasonCode] = SEVERE
    hide_text: frozenset[ReasonCode] = frozenset()
    break_after_minutes: int = 50
    break_length_minutes: int = 10
    snooze_minutes: int = 10
    new_shift_after_minutes: int = 90
    exposure_soft_limit: int = 40

    #: Allowed range of each number (values outside are clamped when read).
    LIMITS: ClassVar[dict[str, tuple[int, int]]] = {
        "break_after_minutes": (5, 480), "break_length_minutes": (1, 120), "snooze_minutes": (1, 120),
        "new_shift_after_minutes": (15, 1440), "exposure_soft_limit": (1, 10_000)}

    def protection(self, code: ReasonCode | None) -> Protection:
        if code is None:
            return Protection()
        return Protection(blur=code in self.blur, greyscale=code in self.greyscale, hide_text=code in self.hide_text)

    @staticmethod
    def group(user: str) -> str:
        return "wellbeing/" + quote(user, safe="")

    @classmethod
    def load(cls, user: str) -> WellbeingSettings:
        settings = QSettings()
        settings.beginGroup(cls.group(user) + "/prefs")
        values: dict[str, Any] = {}
        try:
            for f in fields(cls):
                raw = settings.value(f.name)
                if raw is None:
                    continue
                try:
                    values[f.name] = _parse(f.name, f.default, raw)
                except (TypeError, ValueError):
                    log.warning("the wellbeing setting %s=%r is not valid; the default is used", f.name, raw)
        finally:
            settings.endGroup()
        return cls(**values)

    def save(self, user: str) -> None:
        settings = QSettings()
        settings.beginGroup(self.group(user) + "/prefs")
        try:
            for f in fields(self):
                value = getattr(self, f.name)
                settings.setValue(f.name, " ".join(sorted(c.value for c in value)) if isinstance(value, frozenset)
                                  else int(value))
        finally:
            settings.endGroup()


def _parse(name: str, default: Any, raw: Any) -> Any:
    if isinstance(default, frozenset):
        text = " ".join(raw) if isinstance(raw, list) else str(raw)
        return frozenset(ReasonCode(code) for code in text.replace(",", " ").split())
    low, high = WellbeingSettings.LIMITS[name]
    return min(high, max(low, int(raw)))


def case_code(detail: api.CaseDetail) -> ReasonCode | None:
    """The category a case shows: its suggested reason, else the reason most reporters gave,
    else the strongest signal's suggestion."""
    return content_code(detail.case.suggested_reason, detail.reports, detail.signals)


def content_code(first: ReasonCode | None, reports: list[api.Report], signals: list[api.Signal]
                 ) -> ReasonCode | None:
    if first is not None:
        return first
    reported = Counter(r.reason_code for r in reports if r.reason_code is not None)
    if reported:
        return reported.most_common(1)[0][0]
    ranked = sorted((s for s in signals if s.suggested_reason is not None), key=lambda s: -s.score)
    return ranked[0].suggested_reason if ranked else None


@dataclass
class Shift:
    """The current shift, kept in the settings so that a restart within it keeps the count."""

    started_at: datetime
    last_activity: datetime
    work_started: datetime | None = None  # start of the current spell of continuous work
    snoozed_until: datetime | None = None
    seen: list[str] = field(default_factory=list)  # "case:12", "attachment:34": each counted once
    rotation_dismissed: bool = False

    @property
    def exposure(self) -> int:
        return len(self.seen)

    def to_json(self) -> str:
        def t(value: datetime | None) -> str | None:
            return value.isoformat() if value is not None else None

        return json.dumps({"started_at": t(self.started_at), "last_activity": t(self.last_activity),
                           "work_started": t(self.work_started), "snoozed_until": t(self.snoozed_until),
                           "seen": self.seen, "rotation_dismissed": self.rotation_dismissed})

    @classmethod
    def from_json(cls, text: str) -> Shift:
        data = json.loads(text)

        def t(value: str | None) -> datetime | None:
            return datetime.fromisoformat(value) if value else None

        started, last = t(data["started_at"]), t(data["last_activity"])
        if started is None or last is None:
            raise ValueError("a shift needs its start and last activity")
        return cls(started_at=started, last_activity=last, work_started=t(data.get("work_started")),
                   snoozed_until=t(data.get("snoozed_until")), seen=[str(s) for s in data.get("seen", [])],
                   rotation_dismissed=bool(data.get("rotation_dismissed", False)))

    @classmethod
    def load(cls, user: str) -> Shift | None:
        raw = QSettings().value(WellbeingSettings.group(user) + "/shift")
        if not raw:
            return None
        try:
            return cls.from_json(str(raw))
        except (ValueError, KeyError, TypeError):
            log.warning("the saved shift could not be read; a new shift starts")
            return None

    def save(self, user: str) -> None:
        QSettings().setValue(WellbeingSettings.group(user) + "/shift", self.to_json())


class Banner(QFrame):
    """A dismissable strip across the top of the main window: it never takes the focus."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("banner", True)  # coloured by the style sheet (the theme's)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        self.text = QLabel(self)
        self.text.setObjectName("bannerText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.buttons: list[QPushButton] = []
        self.setVisible(False)

    def add_button(self, name: str, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _=False: slot())
        self.layout().addWidget(button)
        self.buttons.append(button)
        return button


class Wellbeing(QObject):
    """Attached to the main window: protects the conversation, counts exposure, reminds of breaks."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window = window
        self.user: str = window.moderator.username
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        self.settings = WellbeingSettings.load(self.user)
        self.shift = self._resume(Shift.load(self.user), self.clock())
        self.shift.save(self.user)

        self.exposure = QLabel(window.statusBar())
        self.exposure.setObjectName("exposure")
        self.exposure.setTextFormat(Qt.TextFormat.PlainText)
        window.statusBar().insertPermanentWidget(1, self.exposure)  # after the message line
        self.break_banner = Banner("breakBanner", window)
        self.break_banner.add_button("snooze", self.tr("Remind me in {n} min").format(
            n=self.settings.snooze_minutes), self.snooze)
        self.break_banner.add_button("dismissBreak", self.tr("Dismiss"), self.dismiss_break)
        self.rotate_banner = Banner("rotateBanner", window)
        self.rotate_banner.add_button("dismissRotate", self.tr("Dismiss"), self.dismiss_rotation)
        # above the action bar: the case and the queue do not move when a banner comes or goes
        layout = window.centralWidget().layout()
        layout.insertWidget(layout.indexOf(window.findChild(QWidget, "actionBar")), self.break_banner)
        layout.insertWidget(layout.indexOf(window.findChild(QWidget, "actionBar")), self.rotate_banner)
        action = window.view_menu.addAction(self.tr("Wellbeing…"))
        action.setObjectName("wellbeing")
        action.triggered.connect(self.show_dialog)
        self.dialog: WellbeingDialog | None = None

        window.conversation.policy = self.protection_for
        window.conversation.model.revealed.connect(self._revealed)
        window.ws.caseLoaded.connect(self._case_loaded)
        window.ws.recorded.connect(lambda _entry: self.activity())
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        self._update()

    # --- the shift ----------------------------------------------------------------------------------

    def _resume(self, shift: Shift | None, now: datetime) -> Shift:
        gap = timedelta(minutes=self.settings.new_shift_after_minutes)
        if shift is None or now - shift.last_activity >= gap or shift.last_activity > now + gap:
            return Shift(started_at=now, last_activity=now)
        return shift

    def _rest(self, now: datetime) -> None:
        """Apply the time passed since the last activity: a long break ends the shift, a
        break of the break's length ends the spell of work."""
        shift = self.shift
        idle = now - shift.last_activity
        if idle >= timedelta(minutes=self.settings.new_shift_after_minutes):
            self.shift = Shift(started_at=now, last_activity=now)
        elif idle >= timedelta(minutes=self.settings.break_length_minutes):
            shift.work_started = None
            shift.snoozed_until = None

    def activity(self) -> None:
        """The moderator opened a case, decided or revealed something."""
        now = self.clock()
        self._rest(now)
        if self.shift.work_started is None:
            self.shift.work_started = now
        self.shift.last_activity = now
        self.shift.save(self.user)
        self._update()

    def see(self, key: str) -> None:
        if key not in self.shift.seen:
            self.shift.seen.append(key)

    def check(self) -> None:
        """The timer's tick (and after every change): the break reminder and the shift."""
        before = self.shift
        self._rest(self.clock())
        if self.shift is not before:
            self.shift.save(self.user)
        self._update()

    def _update(self) -> None:
        now, s, shift = self.clock(), self.settings, self.shift
        n, limit = shift.exposure, s.exposure_soft_limit
        self.exposure.setText(self.tr("Severe content this shift: {n}").format(n=n))
        self.exposure.setToolTip(self.tr(
            "Cases of a severe category opened and protected items revealed since the shift began at {time}. "
            "Suggested limit: {limit}.").format(time=clock(shift.started_at, seconds=False), limit=limit))
        self.exposure.setStyleSheet("font-weight: 600;" if n > limit else "")
        set_tone(self.exposure, "warning" if n > limit else None)
        over = n > limit and not shift.rotation_dismissed
        if over:
            self.rotate_banner.text.setText(self.tr(
                "You have seen {n} items of severe content this shift (your limit is {limit}). "
                "Consider switching to other work for a while, for example the appeals or the spam queue.").format(
                n=n, limit=limit))
        self.rotate_banner.setVisible(over)
        due = (shift.work_started is not None and now - shift.work_started >= timedelta(minutes=s.break_after_minutes)
               and (shift.snoozed_until is None or now >= shift.snoozed_until))
        if due:
            assert shift.work_started is not None
            minutes = int((now - shift.work_started).total_seconds() // 60)
            self.break_banner.text.setText(self.tr(
                "You have been working for {m} minutes without a break. Step away from the screen for "
                "{b} minutes: the queue will wait.").format(m=minutes, b=s.break_length_minutes))
        self.break_banner.setVisible(due)

    def snooze(self) -> None:
        self.shift.snoozed_until = self.clock() + timedelta(minutes=self.settings.snooze_minutes)
        self.shift.save(self.user)
        self._update()

    def dismiss_break(self) -> None:
        self.shift.snoozed_until = self.clock() + timedelta(minutes=self.settings.break_after_minutes)
        self.shift.save(self.user)
        self._update()

    def dismiss_rotation(self) -> None:
        self.shift.rotation_dismissed = True
        self.shift.save(self.user)
        self._update()

    # --- the case's content ---------------------------------------------------------------------------

    def protection_for(self, detail: api.CaseDetail) -> Protection:
        return self.settings.protection(case_code(detail))

    def _case_loaded(self, detail: api.CaseDetail) -> None:
        shown = self.window.detail
        if shown is None or shown.case.id != detail.case.id:
            return  # loaded for a case no longer selected: not seen
        if case_code(detail) in SEVERE:
            self.see(f"case:{detail.case.id}")
        self.activity()

    def _revealed(self, messages: list[api.Message]) -> None:
        detail = self.window.detail
        if detail is not None and case_code(detail) in SEVERE:
            for message in messages:
                for attachment in message.attachments:
                    self.see(f"attachment:{attachment.id}")
                if not message.attachments:
                    self.see(f"message:{message.id}")
        self.activity()

    # --- preferences ----------------------------------------------------------------------------------

    def show_dialog(self) -> None:
        dialog = WellbeingDialog(self.settings, self.window)
        self.dialog = dialog

        def finished(result: int) -> None:
            if result:
                self.apply(dialog.settings())
            self.dialog = None
            dialog.deleteLater()

        dialog.finished.connect(finished)
        dialog.open()

    def apply(self, settings: WellbeingSettings) -> None:
        """New preferences: saved, and the case on screen is shown by them at once."""
        self.settings = settings
        settings.save(self.user)
        self.break_banner.buttons[0].setText(self.tr("Remind me in {n} min").format(n=settings.snooze_minutes))
        detail = self.window.detail
        if detail is not None:
            self.window.conversation.set_protection(self.protection_for(detail))
        self.check()


class WellbeingPage(QWidget):
    """The wellbeing preferences as a widget (the Wellbeing dialog and the Settings dialog show it):
    blur, greyscale and collapsed text per category; break and exposure limits."""

    COLUMNS = ("blur", "greyscale", "hide_text")

    def __init__(self, settings: WellbeingSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wellbeingPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(self.tr(
            "Pictures and files of the categories you tick stay blurred or grey until you click them "
            "(R reveals all of a case). Severe categories (marked ●) count towards your exposure this shift."), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(REASONS), 1 + len(self.COLUMNS), self)
        self.table.setObjectName("categories")
        self.table.setAccessibleName(self.tr("Protection per category"))
        self.table.setAccessibleDescription(self.tr("Space ticks the cell: blur, greyscale or hide the text"))
        self.table.setHorizontalHeaderLabels([self.tr("Reason"), self.tr("Blur"), self.tr("Greyscale"),
                                              self.tr("Hide text")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 1 + len(self.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.codes = list(REASONS)
        for row, code in enumerate(self.codes):
            mark = "● " if code in SEVERE else "   "
            item = QTableWidgetItem(mark + reason_label(code))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setData(Qt.ItemDataRole.UserRole, code.value)
            self.table.setItem(row, 0, item)
            for column in range(1, 1 + len(self.COLUMNS)):
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                self.table.setItem(row, column, box)
        layout.addWidget(self.table, 1)
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        for name, label in (("break_after_minutes", self.tr("Remind me to take a break after (minutes of work)")),
                            ("break_length_minutes", self.tr("A break lasts (minutes)")),
                            ("snooze_minutes", self.tr("Snooze the reminder for (minutes)")),
                            ("new_shift_after_minutes", self.tr("A new shift starts after a break of (minutes)")),
                            ("exposure_soft_limit", self.tr("Suggest other work after this many severe items"))):
            spin = QSpinBox(self)
            spin.setObjectName(name)
            spin.setRange(*WellbeingSettings.LIMITS[name])
            self.spins[name] = spin
            form.addRow(label, spin)
        layout.addLayout(form)
        self.show_settings(settings)

    def show_settings(self, settings: WellbeingSettings) -> None:
        for row, code in enumerate(self.codes):
            for column, name in enumerate(self.COLUMNS, start=1):
                on = code in getattr(settings, name)
                self.table.item(row, column).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        for name, spin in self.spins.items():
            spin.setValue(getattr(settings, name))

    def set_checked(self, code: ReasonCode, name: str, on: bool) -> None:
        row, column = self.codes.index(code), 1 + self.COLUMNS.index(name)
        self.table.item(row, column).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def settings(self) -> WellbeingSettings:
        chosen: dict[str, Any] = {}
        for column, name in enumerate(self.COLUMNS, start=1):
            chosen[name] = frozenset(code for row, code in enumerate(self.codes)
                                     if self.table.item(row, column).checkState() == Qt.CheckState.Checked)
        for name, spin in self.spins.items():
            chosen[name] = spin.value()
        return replace(WellbeingSettings(), **chosen)


class WellbeingDialog(QDialog):
    """The wellbeing preferences (:class:`WellbeingPage`) with Save, Cancel and Restore defaults."""

    def __init__(self, settings: WellbeingSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wellbeingDialog")
        self.setWindowTitle(self.tr("Wellbeing"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.page = WellbeingPage(settings, self)
        self.table, self.spins, self.codes = self.page.table, self.page.spins, self.page.codes
        layout.addWidget(self.page, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                   | QDialogButtonBox.StandardButton.RestoreDefaults, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        defaults = buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        defaults.setText(self.tr("Restore defaults"))
        defaults.clicked.connect(lambda _=False: self.show_settings(WellbeingSettings()))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def show_settings(self, settings: WellbeingSettings) -> None:
        self.page.show_settings(settings)

    def set_checked(self, code: ReasonCode, name: str, on: bool) -> None:
        self.page.set_checked(code, name, on)

    def settings(self) -> WellbeingSettings:
        return self.page.settings()
