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
        Action.LOWER_CREDIT: QCoreApplication.translate("Actions", "Lower credit"),
        Action.ESCALATE: QCoreApplication.translate("Actions", "Escalate"),
        Action.NOTE: QCoreApplication.translate("Actions", "Note"),
    }
    return names[action]


def credit_limit_label(code: str) -> str:
    """What a limit of the published credit rules means, for the sender panel (unknown codes,
    from a newer rule set, are shown as they are)."""
    names = {
        "no_group_creation_over_200_members": QCoreApplication.translate("Credit", "no groups over 200 members"),
        "no_links": QCoreApplication.translate("Credit", "no links or files"),
        "no_invites": QCoreApplication.translate("Credit", "may not invite"),
        "no_group_creation": QCoreApplication.translate("Credit", "may not create groups"),
        "posting_rate_limited": QCoreApplication.translate("Credit", "posting rate limited"),
        "muted": QCoreApplication.translate("Credit", "muted (credit 0)"),
    }
    return names.get(code, code)


def credit_rule_text(rule: str) -> str:
    """A credit event's rule in words: ``restore.weekly``, ``sanction.<action>.<party>``, and
    those wrapped as ``incident.``, ``overturn.`` or ``undo.`` (unknown codes as they are)."""
    head, _, rest = rule.partition(".")
    if head == "restore":
        return QCoreApplication.translate("Credit", "Restored: a period without a new sanction")
    if head == "overturn" and rest:
        return QCoreApplication.translate("Credit", "Overturned: {rule}").format(rule=credit_rule_text(rest))
    if head == "undo" and rest:
        return QCoreApplication.translate("Credit", "Undone: {rule}").format(rule=credit_rule_text(rest))
    if head == "incident" and rest:
        return QCoreApplication.translate("Credit", "{rule}, in an incident").format(rule=credit_rule_text(rest))
    action, _, party = rest.rpartition(".")
    if head == "sanction" and action in {a.value for a in Action}:
        parties = {
            "sender": QCoreApplication.translate("Credit", "sender"),
            "owner": QCoreApplication.translate("Credit", "group owner"),
            "target": QCoreApplication.translate("Credit", "group owner or administrator"),
        }
        return QCoreApplication.translate("Credit", "{action} ({party})").format(
            action=short_label(Action(action)), party=parties.get(party, party))
    return rule
