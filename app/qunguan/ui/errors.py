"""Known errors in plain words, in the user's language. Anything that is not a
``KnownError`` is a bug and is not described here (it goes to the crash dialog)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from qunguan.client import errors as e

from .text import one_line


def describe(exc: BaseException) -> str:
    """A sentence for people: what happened and what to do."""
    if isinstance(exc, e.CertificateRefused):
        return QCoreApplication.translate(
            "Errors", "The server's certificate could not be verified. Qunguan never bypasses this; if your "
            "platform uses its own certificate authority, set its CA bundle in the server profile.")
    if isinstance(exc, e.Offline):
        return QCoreApplication.translate(
            "Errors", "The platform cannot be reached. Your decisions are kept and sent when it is back.")
    if isinstance(exc, e.AccountLocked):
        minutes = max(1, -(-(exc.retry_after or 60) // 60))
        return QCoreApplication.translate(
            "Errors", "This account is locked after too many failed attempts. Try again in {n} minutes."
        ).format(n=minutes)
    if isinstance(exc, e.TotpRequired):
        return QCoreApplication.translate("Errors", "Enter the six-digit code from your authenticator app.")
    if isinstance(exc, e.TotpInvalid):
        return QCoreApplication.translate("Errors", "The authenticator code is wrong or has expired.")
    if isinstance(exc, e.AccountDisabled):
        return QCoreApplication.translate("Errors", "This account is disabled. Ask an administrator.")
    if isinstance(exc, e.AuthenticationFailed):
        return QCoreApplication.translate("Errors", "Wrong username or password.")
    if isinstance(exc, e.SessionExpired):
        return QCoreApplication.translate("Errors", "Your session has expired. Log in again; nothing is lost.")
    if isinstance(exc, e.BadResponse):
        return QCoreApplication.translate(
            "Errors", "The platform sent an answer Qunguan cannot read. Nothing was changed here.")
    if isinstance(exc, e.Forbidden):
        return QCoreApplication.translate("Errors", "Your role may not do this.")
    if isinstance(exc, e.NotFound):
        return QCoreApplication.translate("Errors", "The platform no longer has this item.")
    if isinstance(exc, e.Conflict):
        return QCoreApplication.translate(
            "Errors", "Someone else changed this case first: {detail}").format(detail=one_line(str(exc), 200))
    if isinstance(exc, e.ServerProblem):
        return QCoreApplication.translate("Errors", "The platform refused: {detail}").format(
            detail=one_line(str(exc), 200))
    from qunguan.client.cache import CacheTooNew
    from qunguan.client.credentials import NoSecureKeyring
    from qunguan.client.profiles import BadProfile

    if isinstance(exc, BadProfile):
        return QCoreApplication.translate(
            "Errors", "The server profile cannot be used: the address must start with http:// or https://, and a "
            "CA bundle, if given, must be an existing file.")
    if isinstance(exc, NoSecureKeyring):
        return QCoreApplication.translate(
            "Errors", "No secure system keyring is available, so the login cannot be remembered.")
    if isinstance(exc, CacheTooNew):
        return QCoreApplication.translate(
            "Errors", "The local cache was written by a newer version of Qunguan. Update Qunguan to open it.")
    if isinstance(exc, e.KnownError):
        return one_line(str(exc), 300)
    return QCoreApplication.translate("Errors", "Unexpected error: {kind}").format(kind=type(exc).__name__)
