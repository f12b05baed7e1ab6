"""A decision as its moderator saw it: the conversation, the sender and the group as the
platform showed them when the decision was recorded, what flagged the message, and the case's
audit trail, with the record checked against the decision's audit event. Read from the local
cache, saying so, when the platform cannot be reached."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QListWidget,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from qunguan.client.errors import KnownError
from qunguan.client.integrity import RecordCheck, check_record
from qunguan.client.viewed import Viewed, ViewedHistory
from qunguan.contract import models as api

from .action_names import short_label
from .conversation import ConversationView
from .errors import describe
from .formats import date_time
from .layout_memory import keep_layout
from .panels import GroupPanel, SenderPanel, reason_text
from .reasons import reason_label
from .tasks import run_task
from .text import one_line, plain_label
from .theme import set_tone
from .wellbeing import content_code


def when(moment: datetime | None) -> str:
    return date_time(moment, seconds=True)


def trail_line(event: api.AuditEvent) -> str:
    payload = event.payload
    what = payload.get("action") or payload.get("verdict") or payload.get("reason") or ""
    return QCoreApplication.translate("DecisionView", "#{seq} {when} {actor}: {kind} {what}").format(
        seq=event.seq, when=when(event.at), actor=event.actor, kind=event.kind.value, what=one_line(str(what), 60))


@dataclass(frozen=True)
class Loaded:
    context: Viewed[api.DecisionContext]
    trail: Viewed[list[api.AuditEvent]] | None
    trail_error: str = ""


class DecisionView(QDialog):
    """Opened from the decision history; loads off the GUI thread."""

    def __init__(self, viewed: ViewedHistory, decision: api.Decision, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "decision_view")  # size, place and splitters as the moderator left them
        self.viewed, self.decision = viewed, decision
        self.setObjectName("decisionView")
        self.setWindowTitle(self.tr("Decision {id}").format(id=decision.id))
        self.resize(1200, 820)
        layout = QVBoxLayout(self)
        self.header = plain_label(self)
        self.header.setObjectName("decisionHeader")
        self.header.setStyleSheet("font-weight: 600;")
        self.header.setText(self.tr("Decision {id} on case {case}: {action} by {who} at {when}").format(
            id=decision.id, case=decision.case_id, action=short_label(decision.action),
            who=decision.actor.username, when=when(decision.decided_at)))
        self.reason = plain_label(self)
        self.reason.setText(self.tr("Reason: {reason}").format(
            reason=reason_label(decision.reason_code) if decision.reason_code else "—")
            + ("\n" + self.tr("Note: {note}").format(note=one_line(decision.note, 300)) if decision.note else ""))
        self.basis = plain_label(self)
        self.basis.setObjectName("decisionBasis")
        self.check = plain_label(self)
        self.check.setObjectName("recordCheck")
        self.kept = plain_label(self)
        self.kept.setObjectName("keptFrom")
        set_tone(self.kept, "warning")
        for w in (self.header, self.reason, self.basis, self.check, self.kept):
            layout.addWidget(w)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        self.conversation = ConversationView(split)
        self.conversation.earlier.hide()
        self.conversation.later.hide()
        side = QWidget(split)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.flags = plain_label(side)
        self.flags.setObjectName("decisionFlags")
        self.sender_panel = SenderPanel(side)
        self.sender_panel.set_can_reveal(False)
        self.group_panel = GroupPanel(side)
        for w in (self.flags, self.sender_panel, self.group_panel):
            side_layout.addWidget(w)
        side_layout.addStretch(1)
        scroll = QScrollArea(split)
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        split.addWidget(self.conversation)
        split.addWidget(scroll)
        split.setSizes([650, 480])
        layout.addWidget(split, 1)
        self.trail = QListWidget(self)
        self.trail.setObjectName("decisionTrail")
        self.trail.setToolTip(self.tr("The case's audit trail, from the platform's audit chain"))
        self.trail.setMaximumHeight(110)
        layout.addWidget(self.trail)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.basis.setText(self.tr("Loading what the moderator saw…"))
        self.loaded: Loaded | None = None
        run_task(self._load, on_done=self._show, on_error=self._failed)

    def _load(self) -> Loaded:
        context = self.viewed.context(self.decision.id)
        try:
            return Loaded(context, self.viewed.trail(self.decision.case_id, self.decision.id))
        except KnownError as exc:  # the context alone is still worth showing
            return Loaded(context, None, describe(exc))

    def _failed(self, exc: BaseException) -> None:
        self.basis.setText(self.tr("Could not load the decision's context: {error}").format(error=describe(exc)))

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        ctx = loaded.context.value
        if ctx.recorded:
            self.basis.setText(self.tr("The case as the platform showed it when the decision was recorded "
                                       "({when}).").format(when=when(ctx.as_of)))
        else:
            self.basis.setText(self.tr(
                "No record of what the moderator saw was kept for this decision (it is older than these "
                "records): the conversation, sanctions and credit are read back as of {when}; the sender's and "
                "group's other fields are as they are now.").format(when=when(ctx.as_of)))
        kept = [v.kept_from for v in (loaded.context, loaded.trail) if v is not None and v.kept_from]
        self.kept.setText(self.tr("The platform cannot be reached: shown as kept on this workstation, fetched "
                                  "{when}.").format(when=when(min(kept))) if kept else "")
        # The moderator's blur and greyscale preferences hold here too: the decision's reason
        # says what the content is (revealed by a click or R, as in the queue).
        wellbeing = getattr(self.parent().window(), "wellbeing", None) if self.parent() is not None else None
        protection = (wellbeing.settings.protection(content_code(ctx.decision.reason_code, ctx.reports, ctx.signals))
                      if wellbeing is not None else None)
        self.conversation.model.set_conversation(ctx.context_before, ctx.message, ctx.context_after, protection)
        row = self.conversation.model.flagged_row()
        if row >= 0:
            index = self.conversation.model.index(row, 0)
            self.conversation.list.setCurrentIndex(index)
            self.conversation.list.scrollTo(index, self.conversation.list.ScrollHint.PositionAtCenter)
        lines = [self.tr("Reports: {n}").format(n=len(ctx.reports))]
        lines += ["  {who}: {why}{code}".format(who=one_line(r.reporter_name, 30), why=one_line(r.reason, 120),
                                                code=f" ({r.reason_code.value})" if r.reason_code else "")
                  for r in ctx.reports[:8]]
        lines.append(self.tr("Signals: {n}").format(n=len(ctx.signals)))
        lines += [f"  {s.detector} · {one_line(s.rule, 60)} ({s.score:.2f}) → {reason_text(s.suggested_reason)}"
                  for s in ctx.signals]
        self.flags.setText("\n".join(lines))
        self.sender_panel.show_user(ctx.sender, [], now=ctx.as_of)
        self.group_panel.show_group(ctx.group)
        self.trail.clear()
        if loaded.trail is None:
            self.trail.addItem(loaded.trail_error)
            self.check.setText("")
            return
        for event in loaded.trail.value:
            self.trail.addItem(trail_line(event))
        verdict = check_record(ctx, loaded.trail.value)
        self.check.setText({
            RecordCheck.MATCHES: self.tr("✓ This record matches the digest in the decision's audit event."),
            RecordCheck.DIFFERS: self.tr("✗ This record does NOT match the decision's audit event: it was "
                                         "changed after the decision."),
            RecordCheck.NOT_RECORDED: "",
            RecordCheck.NO_EVENT: self.tr("The decision's audit event was not found in the case's trail."),
        }[verdict])
        set_tone(self.check, "success" if verdict is RecordCheck.MATCHES else "danger")
