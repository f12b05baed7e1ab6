"""Dates, times and numbers in the interface's language: the default QLocale, which
``i18n.install_translators`` sets when the language is chosen or switched. Month names and the
order of the parts follow the language; the clock is always 24-hour (shifts, deadlines and
sanctions are read across midnight), and times are the computer's local time.

Exports and audit files keep ISO 8601 (report.py): they are read by programs as well."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

__all__ = ["clock", "date_time", "day", "day_pattern", "day_time", "number"]

_PATTERNS = {
    "zh": {"date_time": "yyyy年M月d日 HH:mm", "date_time_seconds": "yyyy年M月d日 HH:mm:ss",
           "day_time": "M月d日 HH:mm", "day": "M月d日"},
    "en": {"date_time": "d MMM yyyy HH:mm", "date_time_seconds": "d MMM yyyy HH:mm:ss",
           "day_time": "d MMM HH:mm", "day": "d MMM"},
}


def _locale() -> tuple[QLocale, dict[str, str]]:
    locale = QLocale()
    return locale, _PATTERNS["zh" if locale.language() == QLocale.Language.Chinese else "en"]


def _qt(moment: datetime) -> QDateTime:
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second))


def date_time(moment: datetime | None, *, seconds: bool = False, empty: str = "") -> str:
    """"29 Nov 2026 12:46" / "2026年11月29日 12:46"; ``empty`` for None."""
    if moment is None:
        return empty
    locale, patterns = _locale()
    return locale.toString(_qt(moment), patterns["date_time_seconds" if seconds else "date_time"])


def day_time(moment: datetime) -> str:
    """The day and time without the year: "29 Nov 12:46" / "11月29日 12:46"."""
    locale, patterns = _locale()
    return locale.toString(_qt(moment), patterns["day_time"])


def day(value: date) -> str:
    """"29 Nov" / "11月29日"."""
    locale, patterns = _locale()
    return locale.toString(QDate(value.year, value.month, value.day), patterns["day"])


def day_pattern() -> str:
    """The Qt pattern of :func:`day` (for axes that format dates themselves)."""
    return _locale()[1]["day"]


def clock(moment: datetime, *, seconds: bool = True) -> str:
    """The time of day, 24-hour: "12:46:05"."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return local.strftime("%H:%M:%S" if seconds else "%H:%M")


def number(value: int) -> str:
    """A count with the language's digit grouping: "3,979"."""
    return QLocale().toString(value)
