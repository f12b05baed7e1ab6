"""The decision dialog: what an action does, to whom, why and for how long.

It collects the fields of a decision (reason, note, duration, which group officer); the caller
builds the :class:`~qunguan.contract.models.DecisionRequest` and records it. No network here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.enums import (
    ACTIONS,
    DAY,
    MAX_DURATION,
    MIN_DURATION,
    MUTE_PRESETS_DAYS,
    OFFICER_TARGETABLE,
    Action,
    ActionTarget,
)
from qunguan.contract.taxonomy import ReasonCode

from .action_names import short_label
from .formats import date_time
from .reasons import ReasonPicker, label_for_action, reason_label, ui_language
from .text import one_line, plain_label
from .theme import set_tone

__all__ = ["TEMPLATES", "DecisionDialog", "DurationChooser", "NoteEdit", "ReasonTemplate", "action_header",
           "duration_text", "officers_of", "person_chooser", "target_text"]

MAX_NOTE = 2000
HOUR = 3600


@dataclass(frozen=True, slots=True)
class ReasonTemplate:
    """A common case: pre-fills the reason code and a note (bilingual data, like the taxonomy)."""

    code: ReasonCode
    en: str
    zh: str
    note_en: str
    note_zh: str

    def title(self, language: str) -> str:
        return self.zh if language == "zh" else self.en

    def note(self, language: str) -> str:
        return self.note_zh if language == "zh" else self.note_en


TEMPLATES: tuple[ReasonTemplate, ...] = (
    ReasonTemplate(ReasonCode.ILL_08, "Rumour about a public event", "散布公共事件谣言",
                   "Spreads an unverified claim about a public event; no credible source.",
                   "传播未经核实的公共事件说法，无可信来源。"),
    ReasonTemplate(ReasonCode.ILL_09, "Gambling promotion", "宣传赌博",
                   "Promotes online gambling or betting and invites members to join.",
                   "推广网络赌博或投注，并邀请成员参与。"),
    ReasonTemplate(ReasonCode.ILL_09, "Pornographic content", "淫秽色情内容",
                   "Posts or links to pornographic material.", "发布或链接淫秽色情内容。"),
    ReasonTemplate(ReasonCode.ILL_10, "Insult or defamation", "侮辱诽谤",
                   "Insults or defames a named person.", "侮辱或诽谤他人。"),
    ReasonTemplate(ReasonCode.NEG_06, "Regional discrimination", "地域歧视",
                   "Demeans people for where they come from.", "因籍贯或地域贬低他人。"),
    ReasonTemplate(ReasonCode.NEG_07, "Vulgar content", "低俗内容",
                   "Vulgar language or content not fit for the group.", "使用低俗语言或发布低俗内容。"),
    ReasonTemplate(ReasonCode.NEG_05, "Gore or cruelty", "血腥残忍内容",
                   "Shows gore or cruelty likely to distress members.", "展示血腥、残忍内容，易致人不适。"),
    ReasonTemplate(ReasonCode.PLT_03, "Investment scam: promised returns", "投资诈骗：承诺高回报",
                   "Promises high returns and asks members to chat privately or transfer money.",
                   "承诺高回报，诱导成员私聊或转账。"),
    ReasonTemplate(ReasonCode.PLT_03, "Fake prize, refund or customer service", "冒充中奖、退款或客服",
                   "Poses as customer service or a prize draw to obtain payments or account data.",
                   "冒充客服或中奖通知，骗取钱款或账号信息。"),
    ReasonTemplate(ReasonCode.PLT_04, "Pyramid recruitment", "传销拉人头",
                   "Recruits members into a scheme that pays for bringing in others.",
                   "以发展下线、拉人头计酬招募成员。"),
    ReasonTemplate(ReasonCode.PLT_02, "Repeated advertising", "反复发布广告",
                   "Posts the same advertisement repeatedly.", "反复发布相同广告。"),
    ReasonTemplate(ReasonCode.PLT_01, "Harassment or doxxing", "骚扰或人肉搜索",
                   "Targets a person with abuse or seeks their private details.", "针对他人进行辱骂或搜寻其隐私信息。"),
    ReasonTemplate(ReasonCode.PLT_05, "Posted someone's personal data", "公开他人个人信息",
                   "Posts another person's phone number, address or ID without consent.",
                   "未经同意公开他人电话、住址或证件号码。"),
)


def duration_text(seconds: int | None) -> str:
    """'7 days', '1 day 3 hours', or 'until lifted' for no end."""
    if seconds is None:
        return QCoreApplication.translate("Durations", "until lifted")
    days, rest = divmod(seconds, DAY)
    hours, rest = divmod(rest, HOUR)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(QCoreApplication.translate("Durations", "{n} day").format(n=days) if days == 1
                     else QCoreApplication.translate("Durations", "{n} days").format(n=days))
    if hours:
        parts.append(QCoreApplication.translate("Durations", "{n} hour").format(n=hours) if hours == 1
                     else QCoreApplication.translate("Durations", "{n} hours").format(n=hours))
    if minutes or not parts:
        parts.append(QCoreApplication.translate("Durations", "{n} min").format(n=minutes))
    return " ".join(parts)


def end_text(seconds: int | None, now: datetime | None = None) -> str:
    if seconds is None:
        return QCoreApplication.translate("Durations", "no end: until a moderator lifts it")
    end = (now or datetime.now().astimezone()) + timedelta(seconds=seconds)
    return date_time(end)


def target_text(action: Action, detail: api.CaseDetail) -> str:
    """Whom or what ``action`` touches, as plain text (names isolated)."""
    target = ACTIONS[action].target
    group = one_line(detail.group.name, 100)
    sender = one_line(detail.sender.display_name, 80)
    if target is ActionTarget.MESSAGE:
        return QCoreApplication.translate("Decide", "Message {id} by {sender} in the group {group}").format(
            id=detail.message.id, sender=sender, group=group)
    if target is ActionTarget.USER:
        return QCoreApplication.translate("Decide", "The user {sender} (ID {id})").format(
            sender=sender, id=detail.sender.id)
    if target in (ActionTarget.GROUP, ActionTarget.GROUP_OFFICER):
        return QCoreApplication.translate("Decide", "The group {group} (ID {id}, {members} members)").format(
            group=group, id=detail.group.id, members=detail.group.member_count)
    return QCoreApplication.translate("Decide", "Case {id} in the group {group}").format(
        id=detail.case.id, group=group)


def officers_of(detail: api.CaseDetail) -> list[api.GroupOfficer]:
    """The group's owner first, then its admins."""
    officers = list(detail.group.admins)
    if not any(o.user.id == detail.group.owner.id for o in officers):
        officers.insert(0, api.GroupOfficer(user=detail.group.owner, is_owner=True))
    return sorted(officers, key=lambda o: not o.is_owner)


def person_chooser(detail: api.CaseDetail, parent: QWidget) -> QComboBox:
    """Whom a sender action applies to: the sender (the default, data None), or the group's owner
    or one of its admins (data: their user ID), for the actions in OFFICER_TARGETABLE."""
    combo = QComboBox(parent)
    combo.setObjectName("person")
    combo.addItem(QCoreApplication.translate("Decide", "The sender: {name} (ID {id})").format(
        name=one_line(detail.sender.display_name, 60), id=detail.sender.id), None)
    for officer in officers_of(detail):
        if officer.user.id == detail.sender.id:
            continue
        role = (QCoreApplication.translate("Decide", "owner") if officer.is_owner
                else QCoreApplication.translate("Decide", "admin"))
        combo.addItem(QCoreApplication.translate("Decide", "{name} ({role}, ID {id}, credit {credit})").format(
            name=one_line(officer.user.display_name, 60), role=role, id=officer.user.id,
            credit=officer.user.credit_score), officer.user.id)
    return combo


def action_header(action: Action, parent: QWidget) -> QWidget:
    """What the action does, in the current language and, smaller, in the other one."""
    spec = ACTIONS[action]
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    what = plain_label(box, label_for_action(action))
    what.setObjectName("what")
    font = what.font()
    font.setPointSizeF(font.pointSizeF() * 1.2)
    font.setBold(True)
    what.setFont(font)
    other = plain_label(box, spec.en if ui_language() == "zh" else spec.zh)
    other.setObjectName("whatOther")
    small = other.font()
    small.setItalic(True)
    other.setFont(small)
    layout.addWidget(what)
    layout.addWidget(other)
    return box


class NoteEdit(QWidget):
    """An optional note of at most 2000 characters, with a counter.

    Signals:
        changed(): the text changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QPlainTextEdit(self)
        self.edit.setObjectName("note")
        self.edit.setAccessibleName(self.tr("Note"))
        self.edit.setAccessibleDescription(self.tr("At most 2000 characters, kept with the decision"))
        self.edit.setTabChangesFocus(True)
        self.edit.setPlaceholderText(self.tr("Optional note for the record (Ctrl+Enter decides)"))
        self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 4 + 12)
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.edit)
        layout.addWidget(self.counter)
        self.edit.textChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        text = self.edit.toPlainText()
        if len(text) > MAX_NOTE:
            cursor = self.edit.textCursor()
            position = min(cursor.position(), MAX_NOTE)
            self.edit.setPlainText(text[:MAX_NOTE])  # re-enters once, then fits
            cursor = self.edit.textCursor()
            cursor.setPosition(position)
            self.edit.setTextCursor(cursor)
            return
        self.counter.setText(self.tr("{count} / {limit}").format(count=len(text), limit=MAX_NOTE))
        self.changed.emit()

    def text(self) -> str | None:
        """The note, trimmed, without NUL characters; None when empty."""
        text = self.edit.toPlainText().replace("\x00", "").strip()
        return text or None

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)


class DurationChooser(QWidget):
    """1 / 7 / 30 days, or a custom number of days and hours; for optional durations also "until
    lifted". Custom values outside MIN_DURATION..MAX_DURATION are invalid.

    Signals:
        changed(): the choice changed.
    """

    changed = Signal()

    def __init__(self, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = QButtonGroup(self)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        column = 0
        for days in MUTE_PRESETS_DAYS:
            button = QRadioButton(duration_text(days * DAY), self)
            button.setObjectName(f"days{days}")
            self.buttons.addButton(button, days * DAY)
            grid.addWidget(button, 0, column)
            column += 1
        self.custom = QRadioButton(self.tr("Custom:"), self)
        self.custom.setObjectName("custom")
        self.buttons.addButton(self.custom, -2)
        grid.addWidget(self.custom, 1, 0)
        self.days = QSpinBox(self)
        self.days.setObjectName("customDays")
        self.days.setAccessibleName(self.tr("Custom days"))
        self.days.setRange(0, MAX_DURATION // DAY)
        self.days.setSuffix(self.tr(" d"))
        self.hours = QSpinBox(self)
        self.hours.setObjectName("customHours")
        self.hours.setAccessibleName(self.tr("Custom hours"))
        self.hours.setRange(0, 23)
        self.hours.setSuffix(self.tr(" h"))
        grid.addWidget(self.days, 1, 1)
        grid.addWidget(self.hours, 1, 2)
        self.forever: QRadioButton | None = None
        if optional:
            self.forever = QRadioButton(self.tr("Until lifted"), self)
            self.forever.setObjectName("untilLifted")
            self.buttons.addButton(self.forever, -3)
            grid.addWidget(self.forever, 0, column)
        self.ends = plain_label(self, "", selectable=False)
        self.ends.setObjectName("ends")
        grid.addWidget(self.ends, 2, 0, 1, 4)
        self.buttons.button(MUTE_PRESETS_DAYS[0] * DAY).setChecked(True)
        self.buttons.idToggled.connect(lambda _id, _on: self._changed())
        for spin in (self.days, self.hours):
            spin.valueChanged.connect(self._custom_edited)
        self._changed()

    def _custom_edited(self) -> None:
        if not self.custom.isChecked():
            self.custom.setChecked(True)
        self._changed()

    def _changed(self) -> None:
        if self.is_valid():
            self.ends.setText(self.tr("Ends: {end}").format(end=end_text(self.seconds())))
        else:
            self.ends.setText(self.tr("Choose between 1 hour and {limit}.").format(
                limit=duration_text(MAX_DURATION)))
        set_tone(self.ends, None if self.is_valid() else "danger")
        self.changed.emit()

    def set_seconds(self, seconds: int | None) -> None:
        """Choose a preset when one fits, else the custom fields; None is "until lifted"."""
        if seconds is None:
            if self.forever is not None:
                self.forever.setChecked(True)
            return
        preset = self.buttons.button(seconds)
        if preset is not None and seconds > 0:
            preset.setChecked(True)
            return
        days, rest = divmod(seconds, DAY)
        self.days.setValue(min(days, self.days.maximum()))
        self.hours.setValue(rest // HOUR)
        self.custom.setChecked(True)

    def seconds(self) -> int | None:
        if self.forever is not None and self.forever.isChecked():
            return None
        if self.custom.isChecked():
            return self.days.value() * DAY + self.hours.value() * HOUR
        return self.buttons.checkedId()

    def is_valid(self) -> bool:
        seconds = self.seconds()
        return seconds is None or MIN_DURATION <= seconds <= MAX_DURATION


class DecisionDialog(QDialog):
    """Decide a case with one action: reason, note, duration and target, then OK.

    ``decision_fields()`` returns reason_code, note, duration_seconds and target_user_id (None when
    not applicable); the caller builds the DecisionRequest.
    """

    def __init__(self, action: Action, detail: api.CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action, self.detail, self.spec = Action(action), detail, ACTIONS[Action(action)]
        self.setObjectName("decisionDialog")
        self.setWindowTitle(self.tr("{action}: case {id}").format(action=short_label(self.action),
                                                                  id=detail.case.id))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(action_header(self.action, self))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.target = plain_label(self, target_text(self.action, detail))
        self.target.setObjectName("target")
        form.addRow(self.tr("Target:"), self.target)
        self.officer: QComboBox | None = None
        if self.spec.target is ActionTarget.GROUP_OFFICER:
            self.officer = self._officer_chooser(detail)
            form.addRow(self.tr("Owner or admin:"), self.officer)
        #: For a sender action that may name the owner or an admin instead (a warning).
        self.person: QComboBox | None = None
        if self.action in OFFICER_TARGETABLE:
            self.person = person_chooser(detail, self)
            form.addRow(self.tr("Applies to:"), self.person)
        self.templates = self._template_combo(detail)
        form.addRow(self.tr("Template:"), self.templates)
        self.reasons = ReasonPicker(self)
        form.addRow(self.tr("Reason:") if self.spec.needs_reason else self.tr("Reason (optional):"), self.reasons)
        self.duration: DurationChooser | None = None
        if self.spec.duration != "none":
            self.duration = DurationChooser(self.spec.duration == "optional", self)
            form.addRow(self.tr("For:"), self.duration)
        self.note = NoteEdit(self)
        form.addRow(self.tr("Note:") if self.action is not Action.NOTE else self.tr("Note (required):"), self.note)
        self.summary = plain_label(self, "")
        self.summary.setObjectName("summary")
        self.missing = plain_label(self, "", selectable=False)
        self.missing.setObjectName("missing")
        set_tone(self.missing, "danger")
        layout.addWidget(self.summary)
        layout.addWidget(self.missing)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("ok")
        self.ok.setText(short_label(self.action))
        self.ok.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept_if_ready)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, self._accept_if_ready)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self._accept_if_ready)

        self.reasons.reasonChanged.connect(lambda _code: self._update())
        self.note.changed.connect(self._update)
        if self.duration is not None:
            self.duration.changed.connect(self._update)
        for combo in (self.officer, self.person):
            if combo is not None:
                combo.currentIndexChanged.connect(lambda _i: self._update())
        self.templates.activated.connect(self._apply_template)
        self.reasons.set_reason_code(detail.case.suggested_reason)
        self.reasons.setFocus()
        self._update()

    # --- parts ------------------------------------------------------------------------------------

    def _officer_chooser(self, detail: api.CaseDetail) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("officer")
        combo.addItem(self.tr("Choose the owner or an admin…"), None)
        officers = list(detail.group.admins)
        if not any(o.user.id == detail.group.owner.id for o in officers):
            officers.insert(0, api.GroupOfficer(user=detail.group.owner, is_owner=True))
        officers.sort(key=lambda o: not o.is_owner)
        for officer in officers:
            role = self.tr("owner") if officer.is_owner else self.tr("admin")
            text = self.tr("{name} ({role}, ID {id}, credit {credit})").format(
                name=one_line(officer.user.display_name, 60), role=role, id=officer.user.id,
                credit=officer.user.credit_score)
            combo.addItem(text, officer.user.id)
            if officer.user.id == detail.sender.id:
                combo.setCurrentIndex(combo.count() - 1)
        return combo

    def _template_combo(self, detail: api.CaseDetail) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName("templates")
        combo.addItem(self.tr("No template"), None)
        language = ui_language()
        suggested = detail.case.suggested_reason
        ordered = sorted(TEMPLATES, key=lambda t: (suggested is None or t.code.category != suggested.category,
                                                   t.code != suggested))
        for template in ordered:
            combo.addItem(f"{template.code.value} · {template.title(language)}", TEMPLATES.index(template))
        return combo

    def _apply_template(self, index: int) -> None:
        position = self.templates.itemData(index)
        if position is None:
            return
        template = TEMPLATES[position]
        self.reasons.set_reason_code(template.code)
        note, language = self.note.text(), ui_language()
        if note is None or any(note == t.note(language) for t in TEMPLATES):
            self.note.set_text(template.note(language))
        elif template.note(language) not in note:
            self.note.set_text(note + "\n" + template.note(language))

    # --- state ------------------------------------------------------------------------------------

    def missing_items(self) -> list[str]:
        missing = []
        if self.spec.needs_reason and self.reasons.reason_code() is None:
            missing.append(self.tr("Choose a reason."))
        if self.duration is not None and not self.duration.is_valid():
            missing.append(self.tr("Choose a valid duration."))
        if self.officer is not None and self.officer.currentData() is None:
            missing.append(self.tr("Choose the owner or admin it applies to."))
        if self.action is Action.NOTE and self.note.text() is None:
            missing.append(self.tr("Write the note."))
        return missing

    def describe(self) -> str:
        """Exactly what will happen, in plain words (the OK button's tooltip and the summary)."""
        lines = [label_for_action(self.action)]
        chosen = self._chosen()
        if chosen is not None and chosen.currentData() is not None:
            lines.append(self.tr("Applies to: {who}.").format(who=chosen.currentText()))
        else:
            lines.append(self.tr("Applies to: {target}.").format(target=self.target.text()))
        code = self.reasons.reason_code()
        if code is not None:
            lines.append(self.tr("Reason: {reason}.").format(reason=reason_label(code)))
        if self.duration is not None and self.duration.is_valid():
            seconds = self.duration.seconds()
            if seconds is None:
                lines.append(self.tr("No end date: it lasts until a moderator lifts it."))
            else:
                lines.append(self.tr("For {duration}, until {end}.").format(
                    duration=duration_text(seconds), end=end_text(seconds)))
        if not self.spec.resolves_case:
            lines.append(self.tr("The case stays open."))
        return "\n".join(lines)

    def _chosen(self) -> QComboBox | None:
        """The chooser of whom the action applies to, if the action has one."""
        return self.officer if self.officer is not None else self.person

    def _update(self) -> None:
        if self.person is not None:  # the target line names whom the chooser names
            chosen = self.person.currentData()
            names = {o.user.id: o.user.display_name for o in officers_of(self.detail)}
            self.target.setText(target_text(self.action, self.detail) if chosen is None else
                                QCoreApplication.translate("Decide", "The user {sender} (ID {id})").format(
                                    sender=one_line(names.get(chosen, "?"), 80), id=chosen))
        missing = self.missing_items()
        self.ok.setEnabled(not missing)
        self.missing.setText(" ".join(missing))
        self.missing.setVisible(bool(missing))
        text = self.describe()
        self.summary.setText(text)
        self.ok.setToolTip(text)

    def _accept_if_ready(self) -> None:
        if not self.missing_items():
            self.accept()

    def decision_fields(self) -> dict[str, Any]:
        return {
            "reason_code": self.reasons.reason_code(),
            "note": self.note.text(),
            "duration_seconds": self.duration.seconds() if self.duration is not None else None,
            "target_user_id": chosen.currentData() if (chosen := self._chosen()) is not None else None,
        }
