"""Dates and numbers in the interface's language: the language switched (as File > Settings…
does) changes how a moment and a count are written, with a 24-hour clock in both."""

from __future__ import annotations

from datetime import UTC, date, datetime

from qunguan.ui import formats
from qunguan.ui.settings_dialog import set_language

MOMENT = datetime(2026, 11, 29, 21, 5, 9, tzinfo=UTC)


def test_dates_and_numbers_follow_the_language(qapp):
    local = MOMENT.astimezone()
    try:
        set_language("zh_CN")
        assert formats.date_time(MOMENT) == f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
        assert formats.date_time(MOMENT, seconds=True).endswith(f"{local:%H:%M:%S}")
        assert formats.day_time(MOMENT) == f"{local.month}月{local.day}日 {local:%H:%M}"
        assert formats.day(date(2026, 3, 7)) == "3月7日"
        assert formats.number(3979) == "3,979"
        set_language("en")
        assert formats.date_time(MOMENT) == f"{local.day} {local:%b} {local.year} {local:%H:%M}"
        assert formats.day(date(2026, 3, 7)) == "7 Mar"
        assert formats.number(1234567) == "1,234,567"
        assert formats.clock(MOMENT) == f"{local:%H:%M:%S}" and formats.clock(MOMENT, seconds=False) == f"{local:%H:%M}"
        assert formats.date_time(None) == "" and formats.date_time(None, empty="—") == "—"
    finally:
        set_language("en")
