"""Short, translated names of the actions for buttons and messages (the contract carries
the long bilingual description of what each does, shown in tooltips and confirmations)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qunguan.contract.enums import Action


def short_label(action: Action) -> str:
    names = {
        Action.APPROVE: QCoreApplication.translate("Actions", "Approve"),
        Action.DELETE_MESSAGE: QCoreApplication.translate("Actions", "Delete"),
        Action.WARN: QCoreApplication.translate("Actions", "Warn"),
        Action.MUTE: QCoreApplication.translate("Actions", "Mute"),
        Action.SUSPEND: QCoreApplication.translate("Actions", "Suspend"),
        Action.BAN: QCoreApplication.translate("Actions", "Ban"),
        Action.BLACKLIST: QCoreApplication.translate("Actions", "Blacklist"),
        Action.RESTRICT_GROUP: QCoreApplication.translate("Actions", "Restrict group"),
        Action.MUTE_GROUP: QCoreApplication.translate("Actions", "Mute group"),
        Action.DISSOLVE_GROUP: QCoreApplication.translate("Actions", "Dissolve group"),
        Action.SUSPEND_ADMIN_RIGHTS: QCoreApplication.translate("Actions", "Suspend admin rights"),
        Action.REVOKE_GROUP_CREATION: QCoreApplication.translate("Actions", "Revoke group creation"),
        Action.ESCALATE: QCoreApplication.translate("Actions", "Escalate"),
        Action.NOTE: QCoreApplication.translate("Actions", "Note"),
    }
    return names[action]
