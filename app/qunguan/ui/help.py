"""Help text for the decision actions that says which article of the group provisions
(Provisions on the Administration of Internet Group Information Services, CAC 2017) each
one serves (../shared/docs/domain.md). The articles are cited here, in help text only: no
logic reads them.

:func:`action_help` is the text of one action (the action bar's tooltips and What's This);
:class:`ProvisionsSheet` (Help > Actions and the provisions…) lists them all."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from qunguan.contract.enums import Action

from .action_names import short_label
from .layout_memory import keep_layout
from .text import plain_label

#: The articles each action serves, for the help text only.
ARTICLES: dict[Action, tuple[int, ...]] = {
    Action.APPROVE: (5,),
    Action.DELETE_MESSAGE: (5, 11),
    Action.WARN: (11,),
    Action.MUTE: (11,),
    Action.SUSPEND: (11,),
    Action.BAN: (11,),
    Action.BLACKLIST: (11,),
    Action.RESTRICT_GROUP: (7, 11),
    Action.MUTE_GROUP: (11,),
    Action.DISSOLVE_GROUP: (11,),
    Action.SUSPEND_ADMIN_RIGHTS: (9, 11),
    Action.REVOKE_GROUP_CREATION: (9, 11),
    Action.LOWER_CREDIT: (7, 11),
    Action.ESCALATE: (5, 12),
    Action.NOTE: (11, 14),
}

#: The order of the sheet: the action bar's order.
ORDER: tuple[Action, ...] = tuple(ARTICLES)


def why(action: Action) -> str:
    """What the action does for the provider's duties, in words (translated)."""
    texts = {
        Action.APPROVE: QCoreApplication.translate(
            "Help", "Information review: the message was checked and breaks no rule."),
        Action.DELETE_MESSAGE: QCoreApplication.translate(
            "Help", "Information review: illegal or harmful information is removed, and the measure is recorded."),
        Action.WARN: QCoreApplication.translate(
            "Help", "Warning and rectification of a user who broke the rules; recorded."),
        Action.MUTE: QCoreApplication.translate(
            "Help", "Suspends the user's posting in every group for a time; recorded."),
        Action.SUSPEND: QCoreApplication.translate(
            "Help", "Suspends the user's account for a time; recorded."),
        Action.BAN: QCoreApplication.translate(
            "Help", "Closes the account of a user who broke the rules gravely; recorded."),
        Action.BLACKLIST: QCoreApplication.translate(
            "Help", "Puts the user on the blacklist and reports them; recorded."),
        Action.RESTRICT_GROUP: QCoreApplication.translate(
            "Help", "Warning and rectification of a group (no invites, links or files), under graded management of "
                    "groups; recorded."),
        Action.MUTE_GROUP: QCoreApplication.translate(
            "Help", "Suspends posting in the group: only its owner and administrators may post; recorded."),
        Action.DISSOLVE_GROUP: QCoreApplication.translate(
            "Help", "Closes the group; recorded and reportable to the authorities."),
        Action.SUSPEND_ADMIN_RIGHTS: QCoreApplication.translate(
            "Help", "Group creators and administrators answer for their groups: suspends an officer's "
                    "administrator rights."),
        Action.REVOKE_GROUP_CREATION: QCoreApplication.translate(
            "Help", "Group creators and administrators answer for their groups: revokes the right to create "
                    "groups."),
        Action.LOWER_CREDIT: QCoreApplication.translate(
            "Help", "Lowers the credit rating of a group creator or administrator under the credit system."),
        Action.ESCALATE: QCoreApplication.translate(
            "Help", "Emergency response and prompt handling of reports: hands the case to a supervisor."),
        Action.NOTE: QCoreApplication.translate(
            "Help", "Adds to the record of the case, which is kept for inspection for at least six months."),
    }
    return texts[action]


def articles_text(action: Action) -> str:
    """"Art. 9, 11" (translated) for the articles ``action`` serves."""
    return QCoreApplication.translate("Help", "Art. {articles}").format(
        articles=", ".join(str(number) for number in ARTICLES[action]))


def action_help(action: Action) -> str:
    """One action's help: what it does for the provider's duties and the articles it serves."""
    return QCoreApplication.translate("Help", "{why} Group information provisions, {articles}.").format(
        why=why(action), articles=articles_text(action))


class ProvisionsSheet(QDialog):
    """Help > Actions and the provisions: every action, the articles it serves and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        keep_layout(self, "provisions")  # size, place and splitters as the moderator left them
        self.setObjectName("provisionsSheet")
        self.setWindowTitle(self.tr("Actions and the provisions"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(self, self.tr(
            "Each action serves a duty of the Provisions on the Administration of Internet Group Information "
            "Services (CAC, in force 8 October 2017). The articles are cited for orientation; every decision "
            "is recorded in the audit chain.")))
        self.table = QTableWidget(len(ORDER), 3, self)
        self.table.setObjectName("provisions")
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Articles"), self.tr("What it does")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        for row, action in enumerate(ORDER):
            for column, text in enumerate((short_label(action), articles_text(action), why(action))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(860, 420)
