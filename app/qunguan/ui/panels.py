"""The panels around a case: the sender, the group, and what flagged the message (reports
and signals). Every text from the platform is plain and isolated; personal data stays
masked until revealed with a reason (the reveal itself is the window's business).

Signals (SenderPanel):
    revealRequested(int): the moderator asked to reveal this user's personal data.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract import models as api
from qunguan.contract.enums import CaseStatus, ReportOutcome
from qunguan.contract.taxonomy import ReasonCode

from .action_names import credit_limit_label, credit_rule_text, short_label
from .formats import date_time
from .layout_memory import keep_layout
from .reasons import ui_language
from .text import isolate, one_line, plain_label
from .theme import set_tone

CREDIT_WINDOW = timedelta(days=30)
#: How many of the owner's and admins' own actions the group panel lists.
OFFICER_ACTIONS_SHOWN = 5


def _when(moment: datetime | None) -> str:
    return date_time(moment)


def reason_text(code: ReasonCode | str | None) -> str:
    if code is None:
        return "—"
    try:
        reason = ReasonCode(code)
    except ValueError:
        return str(code)
    return f"{reason.value} {reason.info.label(ui_language())}"


def report_outcome_text(outcome: api.ReporterOutcome | None) -> str:
    """Whether a reporter was told the outcome of their report, and what (Art. 12)."""
    if outcome is None:
        return QCoreApplication.translate("Panels", "reporter not told yet")
    what = {
        ReportOutcome.ACTION_TAKEN: QCoreApplication.translate("Panels", "action taken"),
        ReportOutcome.NO_VIOLATION: QCoreApplication.translate("Panels", "no violation found"),
        ReportOutcome.REVERSED: QCoreApplication.translate("Panels", "the action was withdrawn on review"),
        ReportOutcome.REOPENED: QCoreApplication.translate("Panels", "being reviewed again"),
    }[outcome.outcome]
    if outcome.outcome is ReportOutcome.ACTION_TAKEN and outcome.action is not None:
        what += f" ({short_label(outcome.action)}" + (f", {outcome.reason_code.value})" if outcome.reason_code else ")")
    return QCoreApplication.translate("Panels", "reporter told {when}: {what}").format(
        when=_when(outcome.at), what=what)


def sla_text(detail: api.CaseDetail, now: datetime) -> str:
    """The case's deadline against now, the published rule that set it, and its escalation."""
    deadline = detail.case.sla_deadline
    left = deadline - now
    minutes = int(abs(left.total_seconds()) // 60)
    if minutes >= 24 * 60:
        span = QCoreApplication.translate("Panels", "{d}d {h}h").format(d=minutes // 1440, h=minutes % 1440 // 60)
    else:
        span = QCoreApplication.translate("Panels", "{h}h {m}m").format(h=minutes // 60, m=minutes % 60)
    if detail.case.status is CaseStatus.RESOLVED:
        text = QCoreApplication.translate("Panels", "Time to handle: deadline {when}; resolved").format(
            when=_when(deadline))
    elif left.total_seconds() > 0:
        text = QCoreApplication.translate("Panels", "Time to handle: due {when}, {left} left").format(
            when=_when(deadline), left=span)
    else:
        text = QCoreApplication.translate("Panels", "Time to handle: OVERDUE since {when} ({late} late)").format(
            when=_when(deadline), late=span)
    if detail.sla_escalated_at is not None:
        text += "\n" + QCoreApplication.translate("Panels", "Overdue: priority raised {when}").format(
            when=_when(detail.sla_escalated_at))
    if detail.sla_rule:
        text += "\n" + QCoreApplication.translate("Panels", "Rule: {rule}").format(rule=one_line(detail.sla_rule, 80))
    return text


def sanction_text(sanction: api.Sanction) -> str:
    kinds = {
        "warning": QCoreApplication.translate("Panels", "warning"),
        "mute": QCoreApplication.translate("Panels", "mute"),
        "suspension": QCoreApplication.translate("Panels", "suspension"),
        "ban": QCoreApplication.translate("Panels", "ban"),
        "blacklist": QCoreApplication.translate("Panels", "blacklist"),
        "group_restriction": QCoreApplication.translate("Panels", "group restricted"),
        "group_mute": QCoreApplication.translate("Panels", "group muted"),
        "group_dissolution": QCoreApplication.translate("Panels", "group dissolved"),
        "admin_rights_suspension": QCoreApplication.translate("Panels", "admin rights suspended"),
        "group_creation_revoked": QCoreApplication.translate("Panels", "may not create groups"),
    }
    text = kinds.get(sanction.kind.value, sanction.kind.value)
    if sanction.ends_at:
        text += " " + QCoreApplication.translate("Panels", "until {when}").format(when=_when(sanction.ends_at))
    if sanction.reason_code:
        text += f" ({sanction.reason_code.value})"
    return text


def credit_score_text(user: api.PlatformUser) -> str:
    """The score with the rules' maximum beside it ("87 / 120")."""
    if user.credit_maximum is None:
        return str(user.credit_score)
    return f"{user.credit_score} / {user.credit_maximum}"


def restore_text(user: api.PlatformUser) -> str:
    """When the next point comes back ("" where that is not known)."""
    if user.next_restore_at is not None:
        return QCoreApplication.translate("Panels", "next point due {when}").format(when=_when(user.next_restore_at))
    if user.credit_maximum is not None and user.credit_score >= user.credit_maximum:
        return QCoreApplication.translate("Panels", "at the maximum")
    return ""


def limits_text(user: api.PlatformUser) -> str:
    if user.limits:
        return "\n".join(credit_limit_label(code) for code in user.limits)
    if user.credit_maximum is None:  # not known (as in a record of what a moderator saw)
        return "—"
    return QCoreApplication.translate("Panels", "none")


class _Panel(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.form = QFormLayout(self)
        self.fields: dict[str, object] = {}

    def field(self, name: str, label: str) -> object:
        widget = plain_label(self)
        widget.setObjectName(name)
        self.form.addRow(plain_label(self, label, wrap=False, selectable=False), widget)
        self.fields[name] = widget
        return widget


class SenderPanel(_Panel):
    revealRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Sender"), parent)
        self.name = self.field("senderName", self.tr("Name"))
        self.verified = self.field("senderVerified", self.tr("Real name"))
        self.personal = self.field("senderPersonal", self.tr("Personal data"))
        self.credit = self.field("senderCredit", self.tr("Credit"))
        self.limits = self.field("senderLimits", self.tr("Credit limits"))
        self.status = self.field("senderStatus", self.tr("Status"))
        self.sanctions = self.field("senderSanctions", self.tr("Active sanctions"))
        self.history = self.field("senderHistory", self.tr("Past decisions"))
        self.credit_button = QPushButton(self.tr("Credit history…"), self)
        self.credit_button.setObjectName("creditHistory")
        self.credit_button.setToolTip(self.tr("Each change of the credit score and the published rule that made it"))
        self.credit_button.clicked.connect(self.show_credit_history)
        self.form.addRow(self.credit_button)
        self.credit_dialog: CreditHistoryDialog | None = None
        self._user: api.PlatformUser | None = None
        self.reveal = QPushButton(self.tr("Reveal personal data…"), self)
        self.reveal.setObjectName("reveal")
        self.reveal.setToolTip(self.tr("Needs a reason; the reveal is recorded in the audit trail."))
        self.form.addRow(self.reveal)
        self.reveal.clicked.connect(lambda: self._user_id and self.revealRequested.emit(self._user_id))
        self._user_id = 0

    def set_can_reveal(self, allowed: bool) -> None:
        self.reveal.setVisible(allowed)

    def show_user(self, user: api.PlatformUser, history: list[api.Decision], now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        self._user_id = user.id
        self._user = user
        self.name.setText(one_line(user.display_name, 80) + f"  #{user.id}")
        self.verified.setText(self.tr("verified ✓") if user.real_name_verified else self.tr("not verified ✗"))
        self.personal.setText(self.tr("name {name} · phone {phone}").format(
            name=isolate(user.real_name_masked or "—"), phone=isolate(user.phone_masked or "—")))
        recent = sum(e.delta for e in user.credit_history if e.at >= now - CREDIT_WINDOW)
        trend = "▲" if recent > 0 else "▼" if recent < 0 else "="
        self.credit.setText(self.tr("{score} ({trend} {delta} in 30 days)").format(
            score=credit_score_text(user), trend=trend, delta=abs(recent)) + "\n" + restore_text(user))
        self.limits.setText(limits_text(user))
        status = {
            "active": self.tr("active"), "muted": self.tr("muted"), "suspended": self.tr("suspended"),
            "banned": self.tr("banned"), "blacklisted": self.tr("blacklisted"),
        }.get(user.status.value, user.status.value)
        until = max((t for t in (user.suspended_until, user.muted_until) if t and t > now), default=None)
        if until and user.status.value in ("muted", "suspended"):
            status += " " + self.tr("until {when}").format(when=_when(until))
        self.status.setText(status)
        self.sanctions.setText("\n".join(sanction_text(s) for s in user.active_sanctions) or self.tr("none"))
        lines = [
            "{when}  {action}  {reason}".format(when=_when(d.decided_at), action=short_label(d.action),
                                                reason=d.reason_code.value if d.reason_code else "")
            for d in history[:5]
        ]
        self.history.setText(
            (self.tr("{n} in total").format(n=len(history)) + ("\n" + "\n".join(lines) if lines else ""))
            if history else self.tr("none")
        )

    def show_credit_history(self) -> None:
        if self._user is None:
            return
        if self.credit_dialog is not None:
            self.credit_dialog.close()
        self.credit_dialog = CreditHistoryDialog(self._user, self)
        self.credit_dialog.show()

    def show_personal(self, data: api.PersonalData) -> None:
        if data.user_id == self._user_id:
            self.personal.setText(self.tr("name {name} · phone {phone} (revealed)").format(
                name=isolate(data.real_name or "—"), phone=isolate(data.phone or "—")))


class GroupPanel(_Panel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Group"), parent)
        self.name = self.field("groupName", self.tr("Name"))
        self.kind = self.field("groupKind", self.tr("Category"))
        self.members = self.field("groupMembers", self.tr("Members / cap"))
        self.owner = self.field("groupOwner", self.tr("Owner (creator)"))
        self.admins = self.field("groupAdmins", self.tr("Admins"))
        self.status = self.field("groupStatus", self.tr("Status"))
        self.sanctions = self.field("groupSanctions", self.tr("Recent sanctions"))
        self.officer_actions = self.field("groupOfficerActions", self.tr("Officers' actions"))
        self.officer_actions.setToolTip(self.tr("What the owner and admins did in the group themselves, newest first"))

    def officer_action_text(self, action: api.OfficerAction) -> str:
        """One of the owner's or admins' own actions, as one plain line."""
        target = one_line(action.target_user.display_name, 30) if action.target_user else "?"
        note = one_line(action.note, 80) if action.note else ""
        what = {
            "remove_message": self.tr("removed a message by {target}"),
            "remove_member": self.tr("removed {target} from the group"),
            "mute_member": self.tr("muted {target}"),
            "invite": self.tr("invited {target}"),
            "rename_group": self.tr("renamed the group: {note}"),
            "announce": self.tr("announced: {note}"),
            "appoint_admin": self.tr("made {target} an admin"),
        }.get(action.kind.value, action.kind.value).format(target=target, note=note)
        if note and action.kind.value in ("remove_message", "remove_member", "mute_member"):
            what += f" ({note})"
        role = self.tr("owner") if action.role == "owner" else self.tr("admin")
        return f"{_when(action.at)}  {one_line(action.actor.display_name, 30)} ({role}): {what}"

    def show_group(self, group: api.Group, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        self.name.setText(one_line(group.name, 80) + f"  #{group.id}")
        categories = {
            "work": self.tr("work"), "family": self.tr("family"), "school": self.tr("school"),
            "trading": self.tr("trading"), "fan_club": self.tr("fan club"), "neighbourhood": self.tr("neighbourhood"),
            "interest": self.tr("interest"),
        }
        self.kind.setText(self.tr("{category} · tier {tier}").format(
            category=categories.get(group.category.value, group.category.value), tier=group.tier))
        members = self.tr("{count} / {cap}").format(count=group.member_count, cap=group.member_cap)
        if group.member_count > group.member_cap:
            members += "  " + self.tr("over the cap by {n}").format(n=group.member_count - group.member_cap)
        self.members.setText(members)
        verified = (self.tr("real-name verified ✓") if group.owner.real_name_verified
                    else self.tr("not real-name verified ✗"))
        self.owner.setText(self.tr("{name} (credit {score})").format(
            name=one_line(group.owner.display_name, 40), score=group.owner.credit_score) + " · " + verified)
        admins = []
        for o in group.admins:
            if o.is_owner:
                continue
            line = self.tr("{name} (credit {score})").format(name=one_line(o.user.display_name, 40),
                                                             score=o.user.credit_score)
            if o.admin_rights_suspended_until and o.admin_rights_suspended_until > now:
                line += " · " + self.tr("admin rights suspended until {when}").format(
                    when=_when(o.admin_rights_suspended_until))
            admins.append(line)
        self.admins.setText("\n".join(admins) or self.tr("none"))
        status = {"active": self.tr("active"), "restricted": self.tr("restricted"), "muted": self.tr("muted"),
                  "dissolved": self.tr("dissolved")}.get(group.status.value, group.status.value)
        until = group.restricted_until or group.muted_until
        if until:
            status += " " + self.tr("until {when}").format(when=_when(until))
        self.status.setText(status)
        self.sanctions.setText("\n".join(sanction_text(s) for s in group.recent_sanctions[:5]) or self.tr("none"))
        self.officer_actions.setText(
            "\n".join(self.officer_action_text(a) for a in group.officer_actions[:OFFICER_ACTIONS_SHOWN])
            or self.tr("none on record: the owner and admins have not acted in this group"))


class FlagPanel(QWidget):
    """Who reported the message and why, the automatic signals with their explanations,
    and the reason code they suggest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.header = plain_label(self)
        self.header.setObjectName("caseHeader")
        self.header.setStyleSheet("font-weight: 600;")
        self.reports = plain_label(self)
        self.reports.setObjectName("reports")
        self.signals = plain_label(self)
        self.signals.setObjectName("signals")
        self.suggested = plain_label(self)
        self.suggested.setObjectName("suggested")
        self.holder = plain_label(self)
        self.holder.setObjectName("holder")
        self.sla = plain_label(self)
        self.sla.setObjectName("sla")
        for widget in (self.header, self.holder, self.sla, self.reports, self.signals, self.suggested):
            layout.addWidget(widget)

    def show_detail(self, detail: api.CaseDetail) -> None:
        case, group = detail.case, detail.group
        self.header.setText(self.tr("Case {id} · {group} #{gid} · tier {tier}").format(
            id=case.id, group=one_line(group.name, 60), gid=group.id, tier=group.tier))
        lines = [self.tr("Reports: {n}").format(n=len(detail.reports))]
        for report in detail.reports[:8]:
            lines.append("  {who}: {why}{code}".format(
                who=one_line(report.reporter_name, 30), why=one_line(report.reason, 120),
                code=f" ({report.reason_code.value})" if report.reason_code else ""))
            lines.append("    " + report_outcome_text(report.outcome))
        self.reports.setText("\n".join(lines))
        now = datetime.now(UTC)
        self.sla.setText(sla_text(detail, now))
        late = case.sla_deadline <= now and case.status is not CaseStatus.RESOLVED
        set_tone(self.sla, "danger" if late else None)  # the text says OVERDUE as well
        signal_lines = [self.tr("Signals: {n}").format(n=len(detail.signals))]
        for signal in detail.signals:
            rule, why = one_line(signal.rule, 60), one_line(signal.explanation, 200)
            signal_lines.append(f"  {signal.detector} · {rule} ({signal.score:.2f}): {why}")
        self.signals.setText("\n".join(signal_lines))
        self.suggested.setText(self.tr("Suggested reason: {reason}").format(reason=reason_text(case.suggested_reason)))
        self.show_claim(case)

    def show_claim(self, case: api.CaseSummary, note: str = "") -> None:
        if case.claim is None:
            text = self.tr("Not claimed.")
        else:
            text = self.tr("Claimed by {who} until {when}.").format(who=case.claim.holder_username,
                                                                     when=_when(case.claim.expires_at))
        self.holder.setText(text + (" " + note if note else ""))


class CreditHistoryDialog(QDialog):
    """A user's credit score over time: each change (sanctions, and the points given back after
    each period without one), the score after it, the published rule that made it in words and
    as its code (with the rule set's version) and the decision behind it; above them the score
    against its maximum, the rule set now, when the next point comes back and what is limited."""

    def __init__(self, user: api.PlatformUser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "credit_history")  # size, place and splitters as the moderator left them
        self.setObjectName("creditHistoryDialog")
        self.setWindowTitle(self.tr("Credit history of {name}").format(name=one_line(user.display_name, 40)))
        self.resize(1000, 460)
        layout = QVBoxLayout(self)
        summary = [self.tr("Credit now {score}; the most recent changes, newest first.").format(
            score=credit_score_text(user))]
        if user.credit_rules_version:
            summary.append(self.tr("Published credit rules {version}; {next}.").format(
                version=user.credit_rules_version, next=restore_text(user)))
        self.summary = plain_label(self, "\n".join(summary))
        self.summary.setObjectName("creditSummary")
        layout.addWidget(self.summary)
        self.limits = plain_label(self, self.tr("Limited now: {limits}").format(
            limits=limits_text(user).replace("\n", "; ")))
        self.limits.setObjectName("creditLimits")
        layout.addWidget(self.limits)
        self.table = QTableWidget(len(user.credit_history), 7, self)
        self.table.setObjectName("creditTable")
        self.table.setAccessibleName(self.tr("Credit changes"))
        self.table.setHorizontalHeaderLabels([self.tr("When"), self.tr("Change"), self.tr("Score after"),
                                              self.tr("Rule"), self.tr("Rule code"), self.tr("Rules version"),
                                              self.tr("Decision")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row, event in enumerate(user.credit_history):
            cells = [_when(event.at), f"{event.delta:+d}", str(event.score_after), credit_rule_text(event.rule),
                     event.rule, event.rules_version, str(event.decision_id) if event.decision_id else "—"]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        layout.addWidget(self.table, 1)
        if not user.credit_history:
            layout.addWidget(plain_label(self, self.tr("No change of credit is on record.")))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
